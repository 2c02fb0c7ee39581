"""The phrase table: every phrase yields the concepts it must and none it must not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa.knowledge.lexicon import CONCEPTS, infer
from ropa.yamlio import parse_fast

_TABLE = Path(__file__).parent / "phrases.yaml"
PHRASES: list[dict[str, Any]] = parse_fast(_TABLE.read_text(encoding="utf-8"), "phrases").data


@pytest.mark.parametrize("phrase", PHRASES, ids=lambda phrase: str(phrase["t"]))
def test_phrase(phrase: dict[str, Any]) -> None:
    text = str(phrase["t"])
    found = infer(text)
    stated = {i.concept for i in found if not i.negated}
    negated = {i.concept for i in found if i.negated}
    for concept in phrase.get("yes", ()):
        assert concept in stated, f"{text!r} should state {concept}; found {found}"
    for concept in phrase.get("no", ()):
        assert concept not in stated, f"{text!r} must not state {concept}; found {found}"
    for concept in phrase.get("neg", ()):
        assert concept in negated, f"{text!r} should mention {concept} negated; found {found}"
        assert concept not in stated, f"{text!r} states {concept} although negated"


def test_the_table_is_large_and_names_only_known_concepts() -> None:
    assert len(PHRASES) >= 300
    named = {c for p in PHRASES for key in ("yes", "no", "neg") for c in p.get(key, ())}
    assert named <= set(CONCEPTS), named - set(CONCEPTS)
    # Every concept is exercised by at least one phrase that must state it.
    assert {c for p in PHRASES for c in p.get("yes", ())} == set(CONCEPTS)


def test_spans_point_at_the_original_words() -> None:
    text = "Vārds, PERSONAS KODS, veselības dati"
    found = {i.concept: i for i in infer(text)}
    assert text[found["national_id"].start : found["national_id"].end] == "PERSONAS KODS"
    assert found["health"].matched == "veselības dati"
