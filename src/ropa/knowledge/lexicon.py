"""`infer`: the concepts of `ropa.knowledge.concepts` found in free text, with their spans.

Each concept is a legal notion the rules care about (a special category of Art. 9(1),
Art. 10 data, a national identifier, children, CCTV, cookies, boilerplate security wording,
endless retention ...), with the article or source that makes it matter, the terms that
express it and the terms that look like it but are not (exclusions: "health and safety",
"veselības apdrošināšana"); the concepts live in `ropa.knowledge.concepts`, this module
matches them.

How a term is written:

- words are matched on their stems (`ropa.knowledge.text.stem`), so any case or number
  matches, with or without diacritics: "veselības dati" finds "veselibas datus";
- a word ending in `*` matches any word beginning with it (after folding): "videonovēroš*"
  finds "videonovērošanas", "biometri*" finds "biometriskie" and "biometric";
- a phrase of several words matches them in order, with at most `gap` other words between
  two of them ("atbilstoši tehniskie un organizatoriskie pasākumi");
- a match inside a negated clause ("netiek apstrādāti", "we do not collect") is returned
  with `negated=True`; a negation that only denies disclosure ("netiek nodoti") negates
  only concepts about disclosure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ropa.knowledge.concepts import CONCEPTS, SPECIAL, Concept
from ropa.knowledge.text import (
    Analysed,
    Token,
    analyse,
    fold_word,
    folded_words,
    masked_with_shifts,
    numbers_masked,
    stem,
)

# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Inference:
    """A concept found in a text: where (`start`, `end` in the original string), the words
    that made it (`matched`), and whether a negation covers it."""

    concept: str
    start: int
    end: int
    matched: str
    negated: bool

    @property
    def label(self) -> str:
        return CONCEPTS[self.concept].label


# A word of a term: a stem to equal, or a folded prefix to begin with.
_Word = tuple[bool, str]


class _Term(NamedTuple):
    concept: str
    words: tuple[_Word, ...]
    gap: int
    exclusion: bool


def _compile_word(word: str) -> _Word:
    if word.endswith("*"):
        return (True, fold_word(word[:-1]))
    return (False, stem(fold_word(word)))


def _compile(term: str, concept: str, gap: int, exclusion: bool) -> _Term:
    words = [w for w in fold_word(term).replace("-", " ").replace("/", " ").split() if w]
    # Words of one letter or none (after punctuation) carry nothing but "p k".
    cleaned = [w.strip(".,;:()'\"") for w in words]
    return _Term(
        concept,
        tuple(_compile_word(w) for w in cleaned if w.strip("*")),
        gap,
        exclusion,
    )


class _Index(NamedTuple):
    exact: dict[str, list[_Term]]
    prefixes: dict[str, list[_Term]]


_PREFIX_KEY = 3


def _build_index(concepts: Iterable[Concept]) -> _Index:
    exact: dict[str, list[_Term]] = {}
    prefixes: dict[str, list[_Term]] = {}
    for concept in concepts:
        for text, exclusion, gap in (
            [(t, False, concept.gap) for t in concept.terms]
            + [(t, True, concept.gap) for t in concept.exclude]
            + [(t, True, 0) for t in concept.exclude_adjacent]
        ):
            term = _compile(text, concept.id, gap, exclusion)
            if not term.words:
                continue
            is_prefix, value = term.words[0]
            if is_prefix:
                prefixes.setdefault(value[:_PREFIX_KEY], []).append(term)
            else:
                exact.setdefault(value, []).append(term)
    return _Index(exact, prefixes)


def _number_words(index: _Index) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of terms (exclusions too) that have a digit, the words a number may
    match: those it must equal, and those it must begin with."""
    words = {
        word
        for terms in (*index.exact.values(), *index.prefixes.values())
        for term in terms
        for word in term.words
        if any(character.isdigit() for character in word[1])
    }
    exact = frozenset(value for is_prefix, value in words if not is_prefix)
    return exact, tuple(sorted(value for is_prefix, value in words if is_prefix))


_Tables = tuple[_Index, tuple[frozenset[str], tuple[str, ...]]]
# The name they are kept under in the cache directory (`ropa.cache.file_name`).
TABLES_NAME = "lexicon"


def _stored_tables() -> _Tables:
    """The term index and its number words, as `_build_index` and `_number_words` make
    them, kept between runs (`ropa.cache`): some 8 ms of stemming and scanning at every
    start, against 2 ms to read them back. The key is the sources', so a changed concept,
    term or stemmer builds them again."""
    from ropa import cache

    directory = cache.directory() if cache.enabled() else None
    if directory is None:
        index = _build_index(CONCEPTS.values())
        return index, _number_words(index)
    path = directory / cache.file_name(TABLES_NAME)
    key = cache.digest("lexicon tables")
    found = cache.load(path, key)
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], _Index):
        return found
    index = _build_index(CONCEPTS.values())
    tables = (index, _number_words(index))
    cache.store(path, key, tables)
    return tables


_INDEX, _NUMBER_WORDS = _stored_tables()


def _word_matches(word: _Word, token: Token) -> bool:
    is_prefix, value = word
    if is_prefix:
        return token.word.replace("'", "").startswith(value) or token.word.startswith(value)
    return token.stem == value


def _match_rest(term: _Term, tokens: Sequence[Token], first: int) -> int | None:
    """The index of the last token of `term` matched from `tokens[first]`, if it matches."""
    at = first
    for word in term.words[1:]:
        for candidate in range(at + 1, min(at + 2 + term.gap, len(tokens))):
            if _word_matches(word, tokens[candidate]):
                at = candidate
                break
        else:
            return None
    return at


def _candidates(token: Token) -> list[_Term]:
    found = list(_INDEX.exact.get(token.stem, ()))
    for term in _INDEX.prefixes.get(token.word[:_PREFIX_KEY], ()):
        if token.word.startswith(term.words[0][1]):
            found.append(term)
    return found


# Per folded word: the word as a token without a place, and what may begin at it: the
# concepts of its one-word terms, and its longer terms (exclusions left out). Registers
# repeat their words and differ mostly in names and numbers, so a few thousand entries
# serve ten thousand activities.
_TOKENS: dict[str, Token] = {}
_STARTS: dict[str, tuple[frozenset[str], tuple[_Term, ...]]] = {}
_WORDS_KEPT = 65536


def _word_token(word: str) -> Token:
    token = _TOKENS.get(word)
    if token is None:
        if len(_TOKENS) >= _WORDS_KEPT:
            _TOKENS.clear()
        bare = word.replace("'", "") if "'" in word else word
        token = _TOKENS[word] = Token(stem(bare), word, 0, 0, 0)
    return token


def _starting(word: str) -> tuple[frozenset[str], tuple[_Term, ...]]:
    if len(_STARTS) >= _WORDS_KEPT:
        _STARTS.clear()
    terms = [term for term in _candidates(_word_token(word)) if not term.exclusion]
    single = _shared(frozenset(term.concept for term in terms if len(term.words) == 1))
    longer = tuple(term for term in terms if len(term.words) > 1)
    entry = _STARTS[word] = (single, longer) if terms else _NOTHING
    return entry


# The sets `concepts_in` answers, one object each: a few hundred serve a register.
_SETS: dict[frozenset[str], frozenset[str]] = {}
_NONE: frozenset[str] = frozenset()
# What a word no term begins with starts: most words of a register.
_NOTHING: tuple[frozenset[str], tuple[_Term, ...]] = (_NONE, ())


def _shared(concepts: frozenset[str]) -> frozenset[str]:
    if not concepts:
        return _NONE
    return _SETS.setdefault(concepts, concepts)


# `concepts_in`'s answers by text: a plain dict. Rules ask of each text of a register
# some seven times, one rule after another, so a cache helps only with the texts it holds
# from the first rule to the last (a register of 10,000 activities has some 70,000): a
# 4,096-entry `lru_cache` missed nearly always. A dict entry is a third of an
# `lru_cache` one (the answers are shared sets).
# Once full it keeps what it holds and adds nothing: rules that pass over more texts than
# it holds still find the first ones, where emptying it would find none. The bound sits
# just under a resize of the dict's table (2.6 MB; 5 MB past it), and holds every text of
# 10,000 activities (70,500 at the generated register; 43,000 held 60 % of them and the
# others missed some seven times each, 0.07 s of the rules). It fills while the rules
# run: the 50,000-activity check's peak, once the rules' readings were made smaller
# (`rules._reading`), is past them, in its findings and output (628 MiB with this bound,
# 625 with 43,000; 667 allowed).
_CONCEPTS_OF: dict[str, frozenset[str]] = {}
_TEXTS_KEPT = 87_000


def concepts_in(text: str) -> frozenset[str]:
    """The concepts some term of which (not an exclusion) matches the text's words in
    order: the matching of `infer` on the words alone, before the text is taken apart
    (spans, clauses, negations). Every concept `infer` finds is among them, and a text
    that matches none needs no analysis; most texts of a register match none of the
    concepts a rule asks about.

    Cached per string (rules ask of the same values again and again), and behind that
    per string with its numbers masked (`text.numbers_masked`): a number no term word
    matches changes nothing here, and the texts of a register often differ only in their
    numbers ("Purpose 1 of activity 12")."""
    found = _CONCEPTS_OF.get(text)
    if found is None:
        found = _concepts_of(text)
        if len(_CONCEPTS_OF) < _TEXTS_KEPT:
            _CONCEPTS_OF[text] = found
    return found


def _concepts_of(text: str) -> frozenset[str]:
    return _concepts_in(_masked(text))


def _masked(text: str) -> str:
    """The text as `concepts_in` and `infer` read it: each number no term word matches
    written `0` (`text.numbers_masked`), unless a term would match the mask itself."""
    if _MASKED_MATCHES:
        return text
    if _NUMBER_WORD_IN is None or _NUMBER_WORD_IN.search(text) is None:
        # No number of the text can be a term word: each is masked, with no call per
        # number (nearly every text of a large register differs from the others by its
        # numbers).
        return numbers_masked(text, None)
    return numbers_masked(text, _matched_number)


def _matched_number(number: str) -> bool:
    """Whether some term word matches the number (`13`, `27001`), as `_word_matches`
    would: its stem is the number itself, which is not all letters."""
    exact, prefixes = _NUMBER_WORDS
    return number in exact or number.startswith(prefixes)


def _number_word_in(number_words: tuple[frozenset[str], tuple[str, ...]]) -> re.Pattern[str] | None:
    """A pattern found in every text holding a number that `_matched_number` keeps (each
    such number contains a term's number word or prefix): a text it is not found in has
    every number masked. None when no term word is a number."""
    exact, prefixes = number_words
    words = sorted({*exact, *prefixes}, key=lambda word: (-len(word), word))
    return re.compile("|".join(map(re.escape, words))) if words else None


# Were a term to match the mask itself, masking would make matches: it is then left off.
_MASKED_MATCHES = _matched_number("0")
_NUMBER_WORD_IN = _number_word_in(_NUMBER_WORDS)


@lru_cache(maxsize=32768)
def _concepts_in(text: str) -> frozenset[str]:
    words = folded_words(text)
    starts = _STARTS
    found: set[str] | None = None
    tokens: list[Token] | None = None
    for index, word in enumerate(words):
        entry = starts.get(word) or _starting(word)
        if entry is _NOTHING:
            continue
        single, longer = entry
        if single:
            if found is None:
                found = set(single)
            else:
                found |= single
        for term in longer:
            if found is not None and term.concept in found:
                continue
            if tokens is None:
                tokens = [_word_token(other) for other in words]
            if _match_rest(term, tokens, index) is not None:
                if found is None:
                    found = set()
                found.add(term.concept)
    return _NONE if found is None else _shared(frozenset(found))


# 32,768 texts: measured on the generated registers (benchmarks/run.py --prepare), the
# 10,000-activity check takes the same time as with 131,072 (3.2 s CPU), and the
# 50,000-activity check peaks 27 MB lower (643 against 670 MiB; the bound is 667), since
# readings are made once per activity and kept, so the cache serves repeated texts only.
@lru_cache(maxsize=32768)
def infer(text: str) -> tuple[Inference, ...]:
    """Every concept the text mentions, in order, each once per place (cached per string).

    A text with numbers no term matches is read as its masked form (`concepts_in`), and
    the places found moved back to the text's own: the numbers are words of their own
    that neither begin nor end a match, nor break a clause or deny."""
    if not text or not text.strip() or not concepts_in(text):
        return ()
    if not _MASKED_MATCHES:
        masked, shifts = masked_with_shifts(text, _matched_number)
        if shifts:
            return _moved(text, infer(masked), shifts)
    return _infer(text)


def infer_unplaced(text: str, beyond: frozenset[str] = _NONE) -> tuple[tuple[Inference, ...], bool]:
    """`infer(text)` before its places are moved back: the same inferences (concepts,
    negations, order), and whether their spans are the text's own. Where the text's
    numbers are masked they are its masked form's, shared by every text that differs
    only in its numbers, and `infer(text)[i]` is the i-th one placed in the text: what
    a caller that reads many texts and reports few places asks (`rules._reading`), so
    that a place is moved back only when it is asked for. None (and placed) when every
    concept the text may state (`concepts_in`) is in `beyond`: the concepts the caller
    leaves out.

    A text read for the first time is masked once, for both questions."""
    found = _CONCEPTS_OF.get(text)
    masked = None
    if found is None:
        masked = _masked(text)
        found = _concepts_in(masked)
        if len(_CONCEPTS_OF) < _TEXTS_KEPT:
            _CONCEPTS_OF[text] = found
    if not found or found <= beyond:
        return (), True
    if masked is None:
        masked = _masked(text)
    if masked != text:
        return infer(masked), False
    return infer(text), True


def _moved(
    text: str, found: tuple[Inference, ...], shifts: list[tuple[int, int]]
) -> tuple[Inference, ...]:
    """The inferences of a text's masked form, at the text's own offsets."""
    ends = [end for end, _shift in shifts]

    def place(offset: int) -> int:
        before = bisect_right(ends, offset)
        return offset + (shifts[before - 1][1] if before else 0)

    moved = []
    for inference in found:
        start, end = place(inference.start), place(inference.end)
        matched = text[start:end]
        if start == inference.start and end == inference.end and matched == inference.matched:
            moved.append(inference)  # (before any number, or only one-digit ones)
        else:
            moved.append(Inference(inference.concept, start, end, matched, inference.negated))
    return tuple(moved)


def _infer(text: str) -> tuple[Inference, ...]:
    possible = concepts_in(text)
    analysed = analyse(text)
    tokens = analysed.tokens
    hits: dict[str, list[tuple[int, int]]] = {}
    excluded: dict[str, list[tuple[int, int]]] = {}
    for index, token in enumerate(tokens):
        for term in _candidates(token):
            if term.concept not in possible:
                continue
            last = _match_rest(term, tokens, index) if len(term.words) > 1 else index
            if last is None:
                continue
            target = excluded if term.exclusion else hits
            target.setdefault(term.concept, []).append((index, last))
    result: list[Inference] = []
    for concept, spans in hits.items():
        blocked = excluded.get(concept, [])
        taken: list[tuple[int, int]] = []
        for first, last in sorted(spans, key=lambda span: (span[0], -span[1])):
            if any(first <= b_last and b_first <= last for b_first, b_last in blocked):
                continue
            if any(first <= t_last and t_first <= last for t_first, t_last in taken):
                continue
            taken.append((first, last))
            result.append(_inference(analysed, concept, first, last))
    return tuple(sorted(result, key=lambda item: (item.start, item.concept)))


def _inference(analysed: Analysed, concept: str, first: int, last: int) -> Inference:
    tokens = analysed.tokens
    start, end = tokens[first].start, tokens[last].end
    clause = tokens[first].clause
    fact = CONCEPTS[concept]
    negated = fact.negatable and analysed.negated(clause, disclosure=fact.disclosure)
    return Inference(concept, start, end, analysed.text[start:end], negated)


def mentions(text: str, concept: str) -> Inference | None:
    """The first place the text states `concept` (not negated), if any."""
    # `concepts_in`'s cache read here first: rules ask this some 250,000 times at 10,000
    # activities, nearly always of a text read before.
    possible = _CONCEPTS_OF.get(text)
    if possible is None:
        possible = concepts_in(text)
    if concept not in possible:
        return None
    for inference in infer(text):
        if inference.concept == concept and not inference.negated:
            return inference
    return None


def stated(text: str) -> dict[str, Inference]:
    """Each concept the text states (not negated), with its first place."""
    found: dict[str, Inference] = {}
    for inference in infer(text):
        if not inference.negated:
            found.setdefault(inference.concept, inference)
    return found


def uncovered(text: str, concepts: tuple[str, ...]) -> list[str]:
    """The words of the text that no mention of `concepts` covers: what the text says
    beyond them ("to fulfil our legal obligations" says nothing beyond a legal basis)."""
    spans = [(i.start, i.end) for i in infer(text) if i.concept in concepts]
    return [
        text[token.start : token.end]
        for token in analyse(text).tokens
        if not any(start <= token.start < end for start, end in spans)
    ]


def forget() -> None:
    """Let go of the texts read so far (the per-string caches); the per-word tables stay,
    being bounded and shared by every register."""
    infer.cache_clear()
    _CONCEPTS_OF.clear()
    _concepts_in.cache_clear()


def reindex() -> None:
    """Rebuild the term index after the concepts or the stemmer changed (benchmarks swap
    the stemmer), and drop everything matched with the old one."""
    global _INDEX, _NUMBER_WORDS, _MASKED_MATCHES, _NUMBER_WORD_IN
    _INDEX = _build_index(CONCEPTS.values())
    _NUMBER_WORDS = _number_words(_INDEX)
    _MASKED_MATCHES = _matched_number("0")
    _NUMBER_WORD_IN = _number_word_in(_NUMBER_WORDS)
    _TOKENS.clear()
    _STARTS.clear()
    forget()


__all__ = [
    "CONCEPTS",
    "SPECIAL",
    "Concept",
    "Inference",
    "concepts_in",
    "forget",
    "infer",
    "infer_unplaced",
    "mentions",
    "reindex",
    "stated",
    "uncovered",
]
