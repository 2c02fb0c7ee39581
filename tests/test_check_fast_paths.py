"""The check's fast paths write and find exactly what the plain ones did.

Each shortcut taken for speed at 10,000 activities (issue 14) is held here to the plain
computation it replaces: the JSON writer to `json.dumps`, a finding's shown position to
`locate` and `holds_container`, the line table to a split of the text, the readings kept
per activity to a fresh reading of the words. Speed itself is measured in benchmarks/.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from ropa.knowledge import lexicon
from ropa.knowledge.text import _NUMBER, masked_with_shifts, numbers_masked
from ropa.position import DataPath
from ropa.reporters.json import dumps
from ropa.rules import _reading
from ropa.rules._reading import Reading, first_readings, readings
from ropa.validate import validate_paths
from ropa.yamlio import parse_fast, parse_rapid
from ropa.yamlrapid import _BLOCK, AVAILABLE, _lines_before
from tests.conftest import REGISTERS, invoke
from tests.test_check_cli import CLEAN


def _standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": [{}]},
        {"text": 'ā č ē " \\ \n \t \u2028 \x00 \U0001f600', "n": -3, "z": 0},
        {"t": True, "f": False, "none": None, "float": 1.5, "tuple": (1, "x")},
        [1, [2, [3, {"deep": ["er"]}]]],
        {"keys": {7: "seven", False: 2, None: 3, 2.5: 4}},
        "a string alone",
        7,
        None,
    ],
)
def test_the_json_writer_writes_what_json_dumps_writes(value: Any) -> None:
    assert dumps(value) == _standard(value)


def test_the_json_writer_on_random_documents() -> None:
    rng = random.Random(14)
    alphabet = 'aāčē"\\\n\t{}[],: 0é\u2028'

    def make(depth: int) -> Any:
        kind = rng.randrange(7 if depth < 4 else 4)
        if kind == 0:
            return "".join(rng.choice(alphabet) for _ in range(rng.randrange(6)))
        if kind == 1:
            return rng.randrange(-5, 100)
        if kind == 2:
            return rng.choice([None, True, False])
        if kind == 3:
            return rng.random()
        if kind in (4, 5):
            return {make_key(): make(depth + 1) for _ in range(rng.randrange(4))}
        return [make(depth + 1) for _ in range(rng.randrange(4))]

    def make_key() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5)))

    for _ in range(500):
        document = make(0)
        assert dumps(document) == _standard(document)


def test_check_json_output_is_the_standard_encoding_of_its_document() -> None:
    result = invoke("check", "--format", "json", "--today", "2024-06-01", str(REGISTERS))
    document = json.loads(result.stdout)
    assert document["findings"], "the seed registers have findings"
    assert any("related" in finding for finding in document["findings"])
    assert result.stdout == _standard(document) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"a",
        b"\n",
        b"a\n",
        b"a\nb",
        b"a\nb\n",
        b"\n\n",
        "ā: č\n\nē".encode(),
        b"x" * (_BLOCK - 1) + b"\n" + b"y\n" * _BLOCK,
        "ā\n".encode() * (2 * _BLOCK),
    ],
)
def test_the_line_breaks_before_each_block_are_counted(text: bytes) -> None:
    """`_lines_before`: for each block of `_BLOCK` bytes (and an offset at the very end),
    the line breaks before its first byte."""
    counted = _lines_before(text)
    assert len(counted) > len(text) // _BLOCK
    assert list(counted) == [text.count(b"\n", 0, index * _BLOCK) for index in range(len(counted))]


REGISTER = """ropa: 1
organisation:
  name: SIA "Ātrs"
  country: LV
activities:
  - id: a
    name: {lv: Darbība 12, en: Activity 12}
    purposes:
      - purpose: {lv: Nolūks 3, en: Purpose 3}
        legal_basis: {basis: contract}
    data_subjects: [customers, children]
    personal_data: [vārds, "veselības stāvoklis", IP adrese, sīkdatnes]
    retention: {period: P1Y, from: end}
    notes: [x]
  - id: b
    name: Plain
    personal_data: []
"""


@pytest.mark.skipif(not AVAILABLE, reason="the rapidyaml engine is not installed")
def test_the_shown_position_is_the_one_locate_gives() -> None:
    document = parse_rapid(REGISTER, "r.yaml")
    reference = parse_fast(REGISTER, "r.yaml", engine="libyaml")
    assert document is not None
    assert document.source_map is not None
    assert reference.source_map is not None
    assert document.source_map.reads_data  # the rapidyaml engine's map
    assert not reference.source_map.reads_data

    def paths(node: Any, path: DataPath) -> list[DataPath]:
        found = [path]
        if isinstance(node, dict | list):
            for key, value in node.items() if isinstance(node, dict) else enumerate(node):
                found.extend(paths(value, (*path, key)))
        return found

    every = paths(document.data, ())
    # Paths that do not exist: past a scalar, a missing key, an index out of range.
    every += [("organisation", "name", 0), ("activities", 5), ("nowhere",), ("activities", "x")]
    for path in every:
        for at_key in (False, True):
            for source_map in (document.source_map, reference.source_map):
                located = source_map.locate(path)
                plain = (
                    located.best
                    if not located.exact or at_key or source_map.holds_container(path)
                    else located.value
                )
                assert source_map.shown_at(path, at_key=at_key) == plain, (path, at_key)
            assert document.source_map.shown_at(path, at_key=at_key) == (
                reference.source_map.shown_at(path, at_key=at_key)
            )


def test_kept_readings_are_a_fresh_reading_of_the_words(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    words = CLEAN.replace("[name, address]", "[vārds, veselības stāvoklis, IP adrese, sīkdatnes]")
    words = words.replace("[customers]", "[customers, children]")
    # Numbers before the words read: their places are moved back only when asked.
    words = words.replace(
        "{lv: Pasūtījumi, en: Orders}",
        "{lv: Darbība 12, en: Activity 1234 about health data and CCTV footage}",
    )
    plain_activity = CLEAN[CLEAN.index("  - id: orders") :].replace("id: orders", "id: plain")
    path.write_text(words + plain_activity, encoding="utf-8")
    (register,) = validate_paths([str(path)]).registers
    busy, plain = register.activities
    _reading.forget()
    found = readings(busy)
    unplaced = [r for r in found if isinstance(r._inference, int)]
    assert {r.concept for r in unplaced} >= {"health", "cctv"}
    fresh = [
        Reading(key, busy.at(*place), inference)
        for key, place, text in _reading.texts(busy)
        for inference in lexicon.infer(text)
        if not inference.negated and inference.concept not in _reading.UNREAD
    ]
    assert found == fresh
    assert found
    assert [r.location for r in found] == [r.location for r in fresh]
    assert readings(busy) == found  # asked again: the same answer
    assert readings(busy) is not readings(busy)  # a list of the caller's own
    assert readings(busy, ("personal_data",)) == [r for r in fresh if r.key == "personal_data"]
    for concept in {r.inference.concept for r in fresh} | {"criminal", "cctv"}:
        first = next((r for r in fresh if r.inference.concept == concept), None)
        assert first_readings(busy, (concept,)) == ({concept: first} if first else {})
    # In the order the words give them, whatever the order asked.
    concepts = tuple(dict.fromkeys(r.inference.concept for r in fresh))
    assert list(first_readings(busy, concepts[::-1])) == list(concepts)
    assert readings(plain) == []
    assert first_readings(plain, ("health",)) == {}
    reading = found[0]
    assert repr(reading).startswith("Reading(key=")
    assert hash(reading) == hash(fresh[0])
    _reading.forget()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no numbers",
        "Purpose 1 of activity 12",
        "0 and 00 and 007 and 12's and 2fa and x1",
        "Apraksts darbībai 123: dati tiek apstrādāti",
        "ISO 27001 and Art. 13",
        "12\u2103 and 5",
    ],
)
def test_masking_and_shifts_in_one_pass_agree_with_the_masking_alone(text: str) -> None:
    masked, shifts = masked_with_shifts(text, lexicon._matched_number)
    expected = text
    if text.isascii() or "\u2103" not in text:
        expected = _NUMBER.sub(
            lambda found: found.group() if lexicon._matched_number(found.group()) else "0",
            text,
        )
    assert masked == expected
    # Every shift maps an offset of the masked text back to the text's own.
    for end, shift in shifts:
        assert masked[:end].endswith("0")
        assert len(text[: end + shift]) - len(masked[:end]) == shift


@pytest.mark.parametrize(
    "text",
    [
        "",
        "health data",
        "Activity 1234 about health data and CCTV footage",
        "Apraksts darbībai 123: veselības dati netiek apstrādāti, 45 videokameras",
        "ISO 27001 and Art. 13: 2fa for 300 users",
        "12\u2103 and 5 children",
    ],
)
def test_unplaced_inferences_are_infer_s_before_they_are_placed(text: str) -> None:
    lexicon.forget()
    # Read first with the concepts left out that the text does not state at all, then
    # with every concept it may state left out: nothing to read.
    assert lexicon.infer_unplaced(text, frozenset({"criminal"})) == lexicon.infer_unplaced(text)
    assert lexicon.infer_unplaced(text, lexicon.concepts_in(text)) == ((), True)
    lexicon.forget()
    unplaced, placed = lexicon.infer_unplaced(text)
    found = lexicon.infer(text)
    assert [(i.concept, i.negated) for i in unplaced] == [(i.concept, i.negated) for i in found]
    if placed:
        assert unplaced == found
    else:
        # The masked text's places: the same words, but for the numbers.
        masked, _shifts = masked_with_shifts(text, lexicon._matched_number)
        assert [masked[i.start : i.end] for i in unplaced] == [i.matched for i in unplaced]
        keep = lexicon._matched_number
        assert [numbers_masked(i.matched, keep) for i in found] == [i.matched for i in unplaced]


def test_a_register_s_activities_are_screened_once_and_as_before(tmp_path: Path) -> None:
    from ropa.rules import dpia

    path = tmp_path / "r.yaml"
    text = CLEAN.replace("[customers]", "[customers, children]").replace(
        "[name, address]", "[vārds, veselības stāvoklis]"
    )
    path.write_text(text, encoding="utf-8")
    (register,) = validate_paths([str(path)]).registers
    (other,) = validate_paths([str(path)]).registers
    activity = register.activities[0]
    first = dpia.screen(activity, register=register)
    assert first == dpia.screen.__wrapped__(activity, register=register)  # type: ignore[attr-defined]
    assert "WP248.C7" in first.criteria  # children
    assert dpia.screen(activity, register=register) is first
    assert dpia.screen(activity, dvi_list=False, register=register) is not first
    # Another register (the same text, other objects) is screened afresh.
    assert dpia.screen(other.activities[0], register=other) is not first
    dpia.forget()
    assert dpia.screen(activity, register=register) is not first
    assert dpia.screen(activity) is not dpia.screen(activity)  # no register: not kept
    # A decided DPIA is screened by one rule at most: its screening is not kept.
    decided_text = text.replace("    last_review:", "    dpia: {required: false}\n    last_review:")
    path.write_text(decided_text, encoding="utf-8")
    (decided,) = validate_paths([str(path)]).registers
    again = dpia.screen(decided.activities[0], register=decided)
    assert again == first
    assert dpia.screen(decided.activities[0], register=decided) is not again
    dpia.forget()
