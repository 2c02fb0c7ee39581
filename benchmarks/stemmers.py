"""Measure the text layer's stemmer against `latvianstemmer` (not a dependency).

    pip install latvianstemmer        # only for this measurement
    python benchmarks/stemmers.py

Runs the phrase table (tests/text/phrases.yaml) and the declension table
(tests/text/test_stemmer.py) with the same lexicon and matcher, swapping only the stemmer,
and prints for each: recall and precision on the phrase table, the declension rows whose
forms all meet, and the time to stem every word of the table and to run `infer` on it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.text.test_stemmer import DECLENSIONS  # noqa: E402

from ropa.knowledge import lexicon, text  # noqa: E402
from ropa.yamlio import parse_fast  # noqa: E402

Stemmer = Callable[[str], str]


_PREFIXES = lexicon._compile_word


def _stems_only(word: str) -> tuple[bool, str]:
    """A term word matched on its stem even where the lexicon says `*` (prefix)."""
    return (False, lexicon.stem(text.fold_word(word.rstrip("*"))))


def _use(stemmer: Stemmer, *, prefixes: bool = True) -> None:
    text.stem = stemmer  # type: ignore[assignment]
    lexicon.stem = stemmer  # type: ignore[assignment]
    lexicon._compile_word = _PREFIXES if prefixes else _stems_only  # type: ignore[assignment]
    text.analyse.cache_clear()
    lexicon.reindex()


def _score(phrases: list[dict[str, object]]) -> tuple[float, float, int, int, int]:
    hits = misses = false = 0
    for phrase in phrases:
        found = lexicon.infer(str(phrase["t"]))
        stated = {i.concept for i in found if not i.negated}
        for concept in phrase.get("yes", ()):  # type: ignore[attr-defined]
            hits += concept in stated
            misses += concept not in stated
        for key in ("no", "neg"):
            for concept in phrase.get(key, ()):  # type: ignore[attr-defined]
                false += concept in stated
    recall = hits / (hits + misses)
    precision = hits / (hits + false)
    return recall, precision, hits, misses, false


def main() -> None:
    from LatvianStemmer import stem as lucene_stem

    ours = text.stem
    phrases = parse_fast((ROOT / "tests/text/phrases.yaml").read_text("utf-8"), "p").data
    words = [w for p in phrases for w in text.fold_word(str(p["t"])).split()]
    variants: dict[str, Stemmer] = {
        "ropa (ours)": ours,
        "latvianstemmer 1.0.2": lucene_stem,
        "no stemming": lambda word: word,
    }
    print(f"phrase table: {len(phrases)} phrases; declension table: {len(DECLENSIONS)} rows")
    for (name, stemmer), prefixes in [(v, p) for p in (True, False) for v in variants.items()]:
        if stemmer is ours and prefixes:
            print("-- the lexicon as it is (prefix terms match by prefix)")
        elif stemmer is ours:
            print("-- every term word matched on its stem (prefix marks ignored)")
        _use(stemmer, prefixes=prefixes)
        recall, precision, hits, misses, false = _score(phrases)
        rows = sum(
            len({stemmer(text.fold_word(f)) for f in forms}) == 1 for forms in DECLENSIONS.values()
        )
        raw_rows = sum(
            len({stemmer(f.lower()) for f in forms}) == 1 for forms in DECLENSIONS.values()
        )
        start = time.perf_counter()
        bare = getattr(stemmer, "__wrapped__", stemmer)  # ours is cached: time it uncached
        for _ in range(20):
            for word in words:
                bare(word)
        stem_us = (time.perf_counter() - start) / (20 * len(words)) * 1e6
        start = time.perf_counter()
        for _ in range(5):
            text.analyse.cache_clear()
            lexicon.forget()
            for phrase in phrases:
                lexicon.infer(str(phrase["t"]))
        infer_ms = (time.perf_counter() - start) / 5 * 1000
        print(
            f"{name:22} recall {recall:6.1%} ({hits} found, {misses} missed)  precision "
            f"{precision:6.1%} ({false} false)  declension rows {rows}/{len(DECLENSIONS)} "
            f"folded, {raw_rows}/{len(DECLENSIONS)} with diacritics  "
            f"{stem_us:.2f} µs/word uncached  table {infer_ms:.0f} ms"
        )
    _use(ours)


if __name__ == "__main__":
    main()
