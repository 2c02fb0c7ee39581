"""The rule edge cases in tests/rules/*.yaml, run through the whole engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa.config import Settings
from ropa.findings import Severity
from ropa.yamlio import parse_fast
from tests.rules.harness import check_text, marked_lines, materialise

# cases.yaml: edge cases; contradictions.yaml: regression cases of findings that
# contradicted what the register says (issue 11).
_CASE_FILES = sorted((Path(__file__).parent / "rules").glob("*.yaml"))
CASES: list[dict[str, Any]] = [
    case
    for path in _CASE_FILES
    for case in parse_fast(path.read_text(encoding="utf-8"), path.name).data
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['rule']}: {case['name']}")
def test_rule_case(case: dict[str, Any], tmp_path: Path) -> None:
    text = materialise(case["register"])
    settings = Settings.model_validate(case.get("settings", {}))
    findings = [f for f in check_text(text, tmp_path, settings) if f.code == case["rule"]]
    assert {finding.position.line for finding in findings} == marked_lines(text, case["rule"])
    if "severity" in case:
        assert {finding.severity for finding in findings} == {Severity(case["severity"])}
    # The words a case quotes are in a finding it marks, and a merged finding names
    # as many other places as the case says.
    if "message" in case:
        assert any(case["message"] in f.message for f in findings), [f.message for f in findings]
    if "related" in case:
        assert case["related"] in [len(f.related) for f in findings]


def test_every_family_has_edge_cases() -> None:
    families = {case["rule"][:2] for case in CASES}
    assert {"TR", "RT", "LB", "DP", "EX", "OR", "SE", "GV", "SU", "RC"} <= families
