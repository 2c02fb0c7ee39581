"""The regression cases of tests/rules/readings.yaml (rules that read the words, unknowns on
high-risk keys, merged shared values), run through the whole engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa.config import Settings
from ropa.findings import Severity
from ropa.yamlio import parse_fast
from tests.rules.harness import check_text, marked_lines, materialise

_FILE = Path(__file__).parent.parent / "rules" / "readings.yaml"
CASES: list[dict[str, Any]] = parse_fast(_FILE.read_text(encoding="utf-8"), "readings").data


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['rule']}: {case['name']}")
def test_reading_case(case: dict[str, Any], tmp_path: Path) -> None:
    text = materialise(case["register"])
    settings = Settings.model_validate(case.get("settings", {}))
    findings = [f for f in check_text(text, tmp_path, settings) if f.code == case["rule"]]
    assert {finding.position.line for finding in findings} == marked_lines(text, case["rule"]), [
        f.message for f in findings
    ]
    if "severity" in case:
        assert {finding.severity for finding in findings} == {Severity(case["severity"])}
    if "message" in case:
        assert any(case["message"] in finding.message for finding in findings), [
            f.message for f in findings
        ]
    if "related" in case:
        assert max(len(finding.related) for finding in findings) == case["related"]
