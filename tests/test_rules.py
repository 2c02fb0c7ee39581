"""Every rule: its documented failing example reports exactly where marked, its passing
example reports nothing, and its documentation is complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa.findings import INPUT_CODES, Severity
from ropa.reporters.catalogue import markdown
from ropa.rules import FAMILIES, Rule, load_rules
from tests.conftest import REPO, invoke, run_ropa
from tests.rules.harness import check_text, marked_lines, materialise

RULES = load_rules()
ACTIVE = [rule for rule in RULES.values() if not rule.retired]


@pytest.mark.parametrize("rule", ACTIVE, ids=lambda rule: rule.code)
def test_failing_example_reports_exactly_the_marked_lines(rule: Rule, tmp_path: Path) -> None:
    text = materialise(rule.example("Fails"))
    expected = marked_lines(text, rule.code)
    assert expected, f"{rule.code}: the failing example marks no line with # ← {rule.code}"
    findings = [f for f in check_text(text, tmp_path) if f.code == rule.code]
    assert {finding.position.line for finding in findings} == expected
    assert all(finding.severity is rule.severity for finding in findings)
    assert all(finding.file.endswith("register.yaml") for finding in findings)


@pytest.mark.parametrize("rule", ACTIVE, ids=lambda rule: rule.code)
def test_passing_example_reports_nothing(rule: Rule, tmp_path: Path) -> None:
    text = materialise(rule.example("Passes"))
    assert not marked_lines(text, rule.code)
    findings = [f for f in check_text(text, tmp_path) if f.code == rule.code]
    assert findings == []


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda rule: rule.code)
def test_every_rule_is_documented(rule: Rule) -> None:
    assert rule.summary.endswith(".")
    assert "Why:" in rule.doc
    assert rule.example("Fails")
    assert rule.example("Passes")
    assert rule.article
    assert rule.family in FAMILIES


def test_codes_and_names_are_unique_and_well_formed() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    assert not set(RULES) & set(INPUT_CODES)
    for code, rule in RULES.items():
        assert re.fullmatch(r"[A-Z]{2}[0-9]{2}", code)
        assert rule.code == code


def test_the_catalogue_is_large_enough() -> None:
    assert len(ACTIVE) >= 40
    assert {rule.severity for rule in ACTIVE} == set(Severity)


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == markdown(RULES), (
        "docs/rules.md is out of date: run `ropa rules --format markdown > docs/rules.md`"
    )


def test_ropa_rules_lists_every_rule() -> None:
    result = invoke("rules")
    assert result.returncode == 0
    for code, rule in RULES.items():
        assert f"{code}  {rule.name}" in result.stdout


def test_ropa_rules_code_shows_the_documentation() -> None:
    result = invoke("rules", "lb01")
    assert result.returncode == 0
    assert result.stdout.startswith("LB01  legal-basis.missing\nseverity: error")
    assert "Fails:" in result.stdout
    assert "Passes:" in result.stdout


def test_ropa_rules_knows_validation_codes_and_rejects_unknown_ones() -> None:
    assert "schema.unknown-key" in invoke("rules", "SC01").stdout
    unknown = invoke("rules", "LB99")
    assert unknown.returncode == 2


def test_the_listing_says_when_a_rule_reports_at_another_severity_than_its_default() -> None:
    # OR02 is a warning by default and an info note where no DPO is required: the listing
    # must not present "warning" as what `check` always says.
    listing = run_ropa("rules").stdout
    (line,) = [line for line in listing.splitlines() if line.startswith("  OR02")]
    assert "warning*" in line
    assert "  * OR02  warning (info where the register shows no DPO is required)" in listing
    assert "severity: warning (info where the register shows no DPO is required)" in (
        run_ropa("rules", "OR02").stdout
    )
    # A rule with one severity is listed as before.
    (lb01,) = [line for line in listing.splitlines() if line.startswith("  LB01")]
    assert " error  " in lb01
    assert "*" not in lb01
