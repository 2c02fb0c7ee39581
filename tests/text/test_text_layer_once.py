"""The text layer reads each distinct text once, and only as far as the rules ask.

`lexicon.concepts_in` rules texts out before they are taken apart, keyed by the text with
its numbers masked; `_reading` keeps per activity only what its texts state, leaving out
the filler words of `UNREAD`. None of this may change what is found: these tests compare
each shortcut with the full reading it stands for.
"""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

import pytest

from ropa.knowledge import lexicon
from ropa.knowledge.concepts import CONCEPTS
from ropa.knowledge.text import numbers_masked
from ropa.model.activity import Activity
from ropa.rules import _reading
from ropa.rules._reading import UNREAD, first_readings, readings
from ropa.validate import validate_paths
from ropa.yamlio import parse_fast
from tests.test_memory import ACTIVITIES, write_register

_PHRASES = Path(__file__).parent / "phrases.yaml"
PHRASES: list[str] = [
    str(phrase["t"]) for phrase in parse_fast(_PHRASES.read_text(encoding="utf-8"), "phrases").data
]


def _unmasked(text: str) -> frozenset[str]:
    """`concepts_in` as it reads the text itself, numbers and all."""
    return lexicon._concepts_in(text)


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    lexicon.forget()


def test_every_concept_found_is_among_those_the_quick_test_lets_through() -> None:
    for text in PHRASES:
        found = {inference.concept for inference in lexicon.infer(text)}
        assert found <= lexicon.concepts_in(text), text


def test_mentions_agrees_with_the_full_reading() -> None:
    for text in PHRASES:
        for concept in CONCEPTS:
            expected = next(
                (i for i in lexicon.infer(text) if i.concept == concept and not i.negated),
                None,
            )
            assert lexicon.mentions(text, concept) == expected, (text, concept)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Purpose 1 of activity 12", "Purpose 0 of activity 0"),
        ("Nolūks 2 darbībai 9876 (Personāls)", "Nolūks 0 darbībai 0 (Personāls)"),
        ("Nr. 345; 2021/914", "Nr. 0; 0/0"),
        # Numbers a term names stay: ISO 27001, children under 13.
        ("ISO 27001 sertifikāts", "ISO 27001 sertifikāts"),
        ("bērni līdz 13 gadu vecumam, 14 gadi", "bērni līdz 13 gadu vecumam, 0 gadi"),
        # Not a word of its own: part of a word, or joined by an apostrophe.
        ("2FA, a12, 12a, a_12", "2FA, a12, 12a, a_0"),
        ("the 1990's and the 1990\u2019s", "the 1990's and the 1990\u2019s"),
        # A character that folds into more than one, or into a letter: left as written.
        ("25\u2103 12", "25\u2103 12"),
        ("Stra\u00dfe 12", "Stra\u00dfe 12"),
    ],
)
def test_numbers_are_masked_only_where_no_term_can_see_them(text: str, masked: str) -> None:
    assert numbers_masked(text, lexicon._matched_number) == masked


def test_a_text_with_no_number_word_in_it_is_masked_whole_with_the_same_key() -> None:
    """`concepts_in` masks every number of a text in which no number word of a term is
    found (no call per number): the key must be the one full masking gives, and a text
    holding a number word still keeps it."""
    assert lexicon._NUMBER_WORD_IN is not None
    for text in [*PHRASES, "Purpose 1 of activity 12", "Nr. 345; 2021/914", "25\u2103 12"]:
        if lexicon._NUMBER_WORD_IN.search(text) is None:
            assert numbers_masked(text, None) == numbers_masked(text, lexicon._matched_number)
    assert numbers_masked("Purpose 1 of activity 12", None) == "Purpose 0 of activity 0"
    assert lexicon._NUMBER_WORD_IN.search("bērni līdz 13 gadu vecumam, 14 gadi") is not None
    lexicon.concepts_in("bērni līdz 13 gadu vecumam, 14 gadi")
    lexicon.concepts_in("Nolūks 1 darbībai 12")
    # The keys read were the masked forms: asking for them again is answered from cache.
    lexicon._concepts_in("bērni līdz 13 gadu vecumam, 0 gadi")
    lexicon._concepts_in("Nolūks 0 darbībai 0")
    info = lexicon._concepts_in.cache_info()
    assert (info.currsize, info.hits) == (2, 2)


def _vocabulary() -> list[str]:
    """Words of the lexicon's terms (those with digits among them), numbers, and the
    characters that join, split or fold around them."""
    words = sorted(
        {
            word.rstrip("*")
            for concept in CONCEPTS.values()
            for term in (*concept.terms, *concept.exclude)
            for word in term.split()
        }
    )
    numbers = ["0", "1", "12", "13", "130", "16", "18", "180", "2", "27001", "270011", "2021"]
    joiners = ["'", "\u2019", "_", "-", "/", ".", "\u2103", "\u00b2", "\u00df", "\u00e9"]
    return words + numbers * 40 + joiners * 20


def test_masking_numbers_never_changes_what_the_words_state() -> None:
    """Random texts of term words, numbers and the characters around them: the masked
    key gives the same concepts as the text read as written, and the inferences read
    from the masked text, moved back, are those of the text itself (places, words
    quoted, negation)."""
    vocabulary = _vocabulary()
    chooser = random.Random(14)
    texts = list(PHRASES)
    for _ in range(20000):
        parts = [chooser.choice(vocabulary) for _ in range(chooser.randint(1, 7))]
        texts.append("".join(part + chooser.choice(("", " ", " ", ", ")) for part in parts))
    texts += [f"{text} {number}, {number} {text}" for text in PHRASES for number in ("7", "2024")]
    for text in texts:
        assert lexicon.concepts_in(text) == _unmasked(text), text
        assert lexicon.infer(text) == lexicon._infer(text), text


def test_a_text_and_its_masked_form_are_read_once() -> None:
    lexicon.infer("Nolūks 1 darbībai 12: veselības 7 dati")
    found = lexicon.infer("Nolūks 2 darbībai 345: veselības 89 dati")
    assert lexicon._concepts_in.cache_info().currsize == 1
    (health,) = [inference for inference in found if inference.concept == "health"]
    assert health.matched == "veselības 89 dati"
    assert (health.start, health.end) == (23, 40)


REGISTER = """\
ropa: 1
organisation: {name: SIA Piemērs, role: controller, country: LV}
activities:
  - id: clinic
    name: {lv: Pacientu pieraksts 12, en: Patient bookings 12}
    description: Pieraksts pie ārsta; netiek apstrādāti biometriskie dati.
    purposes:
      - purpose: To provide the services of our clinic
        legal_basis: {basis: contract}
    data_subjects: [patients]
    personal_data: [vārds, veselības stāvoklis]
    retention: {period: P5Y, from: pēdējais apmeklējums}
  - id: plain
    name: Galdu rezervācija 7
    purposes:
      - purpose: Galdu rezervēšana
        legal_basis: {basis: contract}
    data_subjects: [customers]
    personal_data: [vārds]
    retention: {period: P5Y, from: gada beigas}
"""


def _activities(tmp_path: Path) -> list[Activity]:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    (register,) = validate_paths([str(path)]).registers
    return list(register.activities)


def test_readings_are_what_the_words_state_without_the_filler(tmp_path: Path) -> None:
    clinic, plain = _activities(tmp_path)
    found = readings(clinic)
    # Every stated concept of every text under the describing keys, in order, except
    # the filler words; the negated biometric data is not stated.
    expected = [
        (key, inference.concept, inference.matched)
        for key, _path, text in _reading.texts(clinic)
        for inference in lexicon.infer(text)
        if not inference.negated and inference.concept not in UNREAD
    ]
    assert [(r.key, r.inference.concept, r.inference.matched) for r in found] == expected
    assert ("personal_data", "health", "veselības stāvoklis") in expected
    assert "biometric" not in {concept for _key, concept, _words in expected}
    # The filler is there to be found, but readings leave it out.
    assert any(i.concept in UNREAD for i in lexicon.infer("To provide the services of our clinic"))
    health = first_readings(clinic, ("health",))["health"]
    assert health.location == clinic.at("personal_data", 1)
    assert health.describe() == "`personal_data[1]` mentions \u201cveselības stāvoklis\u201d"
    assert readings(plain) == []
    assert first_readings(plain, ("health",)) == {}


def test_asking_readings_for_the_filler_is_an_error_not_a_silent_nothing(
    tmp_path: Path,
) -> None:
    clinic, _plain = _activities(tmp_path)
    with pytest.raises(ValueError, match="purpose_filler"):
        first_readings(clinic, ("health", "purpose_filler"))


def test_what_the_readings_kept_is_let_go_when_the_rules_are_done(tmp_path: Path) -> None:
    clinic, plain = _activities(tmp_path)
    readings(clinic)
    readings(plain)
    assert _reading._CACHE
    # An activity whose words state nothing keeps the one shared empty tuple.
    assert _reading._CACHE[id(plain)] is _reading._NO_HITS
    _reading.forget()
    assert not _reading._CACHE
    assert not _reading._HELD
    assert lexicon._concepts_in.cache_info().currsize == 0
    assert lexicon.infer.cache_info().currsize == 0


def test_reading_every_activity_keeps_little_per_activity(tmp_path: Path) -> None:
    """Memory is a feature at 50,000 activities. Measured with tracemalloc (deterministic,
    unlike resident memory) on the 2,000-activity register of tests/test_memory.py: what
    the readings keep once every activity has been read. Keeping a `Reading` (and its
    location) for each concept of each text, the filler words included, kept about 1,550
    bytes per activity; the compact entries and bounded caches about 250."""
    (register,) = validate_paths([str(write_register(tmp_path))]).registers
    _reading.forget()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for activity in register.activities:
            first_readings(activity, ("health",))
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept / ACTIVITIES < 600, f"{kept / ACTIVITIES:.0f} bytes per activity"
    _reading.forget()
