"""The hostile-input corpus: whatever is put in a YAML file, ropa answers with a message and
a position, exits 1 or 2, never shows a traceback, and stays within a few seconds and a
few hundred MB.

Committed cases live in `tests/hostile/<kind>/`; `tests/hostile/expected.toml` gives, for
each, the exit status of `ropa validate`, every finding as `CODE line:col` (`CODE -` for a
problem with a whole file), and the first finding's message. The expectations were
written with `ROPA_UPDATE_GOLDEN=1` and then read case by case against the file.

Every case runs through every command in `COMMANDS`, each in a forked child whose wall
time and peak memory are measured and bounded (see `tests/bounded.py`). `ropa check`
validates first, so for these inputs it reports the same load and schema findings; on a
case that is a valid register it also runs its rules, and may then exit 1.

Cases that cannot be committed (a 100 MB file, thousands of files, links, unreadable
files, very long lines) are built in a temporary directory by `test_hostile_generated.py`.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ropa.reporters.text import printable
from tests.bounded import Outcome, run_forked, safety_net
from tests.conftest import TESTS, UPDATE_GOLDEN

HOSTILE = TESTS / "hostile"
MANIFEST = HOSTILE / "expected.toml"
# The commands every hostile case goes through: add a command here to hold it to the corpus.
COMMANDS = ("validate", "check")
# Finding families that come from reading and validating (a check rule's codes are others).
LOAD_FAMILIES = ("IN", "YM", "SC", "RF", "FM")

# A safety net (see tests/bounded.py): the slowest case took 0.35 s on a loaded machine.
SECONDS = max(5, safety_net(0.35))
MEGABYTES = 300

CASES = sorted(
    path.relative_to(HOSTILE).as_posix()
    for path in HOSTILE.rglob("*")
    if path.is_file() and path.suffix in (".yaml", ".yml")
)


def _manifest() -> dict[str, Any]:
    if not MANIFEST.exists():
        return {}
    cases: dict[str, Any] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["cases"]
    return cases


EXPECTED = _manifest()

# `path:line:col: CODE message`, `path: CODE message` (no position), or a hint under one.
FINDING_LINE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<code>[A-Z]{2}\d{2}) (?P<message>.+)$"
)
HINT_LINE = re.compile(r"^    hint: .+$")
SUMMARY_LINE = re.compile(
    r"^(\d[\d,]* (error|warning|info)s?(, )?)+ in \d+ registers? \(\d+ files?.*\)$"
    r"|^\d+ registers? valid"
)


def _lines_of(case: str) -> int:
    return (HOSTILE / case).read_bytes().count(b"\n") + 1


def _finding_text(finding: dict[str, Any]) -> str:
    if finding["line"] is None:
        return f"{finding['code']} -"
    return f"{finding['code']} {finding['line']}:{finding['column']}"


def _from_json(outcome: Outcome) -> tuple[list[str], str | None, list[dict[str, Any]]]:
    document = json.loads(outcome.stdout)
    findings = [f for f in document["findings"] if f["code"][:2] in LOAD_FAMILIES]
    # JSON carries messages as they are; text output (and so the manifest) escapes controls.
    first = printable(findings[0]["message"]) if findings else None
    return [_finding_text(f) for f in findings], first, findings


def _from_text(outcome: Outcome) -> tuple[list[str], str | None, list[dict[str, Any]]]:
    lines = outcome.stdout.splitlines()
    assert lines, "no output"
    assert SUMMARY_LINE.match(lines[-1]), lines[-1]
    found: list[dict[str, Any]] = []
    for line in lines[:-1]:
        if HINT_LINE.match(line):
            assert found, f"a hint before any finding: {line}"
            continue
        match = FINDING_LINE.match(line)
        assert match, f"not in the house style: {line!r}"
        found.append(
            {
                "code": match["code"],
                "line": int(match["line"]) if match["line"] else None,
                "column": int(match["column"]) if match["column"] else None,
                "message": match["message"],
            }
        )
    first = found[0]["message"] if found else None
    return [_finding_text(f) for f in found], first, found


def run_case(command: str, case: str) -> Outcome:
    args = [command, case] if command == "validate" else [command, "--format", "json", case]
    return run_forked(args, HOSTILE, seconds=SECONDS * 3, memory_mb=MEGABYTES * 3)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES)
def test_hostile_case(command: str, case: str) -> None:
    outcome = run_case(command, case)
    assert "Traceback" not in outcome.output, outcome.output
    assert outcome.stderr == "", outcome.stderr
    assert outcome.returncode in (0, 1, 2), outcome.output
    findings, first, raw = (_from_text if command == "validate" else _from_json)(outcome)
    if UPDATE_GOLDEN and command == "validate":
        _record(case, outcome.returncode, findings, first)
        return
    expected = EXPECTED.get(case)
    assert expected is not None, f"{case} is not in expected.toml: run with ROPA_UPDATE_GOLDEN=1"
    assert findings == expected["findings"]
    assert first == expected.get("first")
    if command == "validate" or expected["exit"] != 0:
        assert outcome.returncode == expected["exit"], outcome.output
    else:  # a valid register: the checks may find gaps
        assert outcome.returncode in (0, 1), outcome.output
    lines = _lines_of(case)
    for finding in raw:
        if finding["line"] is not None:
            assert 1 <= finding["line"] <= lines, finding
            assert finding["column"] >= 1, finding
    assert outcome.seconds < SECONDS, f"{outcome.seconds:.1f} s"
    assert outcome.peak_mb < MEGABYTES, f"{outcome.peak_mb:.0f} MB"


def test_every_case_is_expected_and_every_expectation_has_a_case() -> None:
    assert set(EXPECTED) == set(CASES)


def test_the_corpus_is_large_and_covers_both_exit_statuses() -> None:
    assert len(CASES) >= 200
    statuses = {case["exit"] for case in EXPECTED.values()}
    assert statuses == {0, 1, 2}


def test_every_invalid_case_names_a_position_or_a_file() -> None:
    for case, expected in EXPECTED.items():
        if expected["exit"] != 0:
            assert expected["findings"], case
            assert expected["first"], case


_recorded: dict[str, str] = {}


def _record(case: str, status: int, findings: list[str], first: str | None) -> None:
    """Rewrite expected.toml with this case's result (only with ROPA_UPDATE_GOLDEN=1)."""
    entry = f"{json.dumps(case)} = {{ exit = {status}, findings = {json.dumps(findings)}"
    if first is not None:
        entry += f", first = {json.dumps(first, ensure_ascii=False)}"
    _recorded[case] = entry + " }"
    previous = _manifest()
    lines = [
        "# Expected results of `ropa validate` on each hostile case (see tests/test_hostile.py).",
        "# Written with ROPA_UPDATE_GOLDEN=1, then checked by hand against each file.",
        "[cases]",
    ]
    entries = dict(_recorded)
    for name, values in previous.items():
        if name not in entries:
            entries[name] = _entry_text(name, values)
    lines.extend(entries[name] for name in sorted(entries))
    Path(MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _entry_text(name: str, values: dict[str, Any]) -> str:
    findings = json.dumps(values["findings"])
    entry = f"{json.dumps(name)} = {{ exit = {values['exit']}, findings = {findings}"
    if "first" in values:
        entry += f", first = {json.dumps(values['first'], ensure_ascii=False)}"
    return entry + " }"
