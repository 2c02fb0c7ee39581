"""docs/format.md's table of `unknown`/`none` per key agrees with the schema, and each
activity key's `unknown` is reported by the rule the table names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.rules.harness import check_text

REPO = Path(__file__).resolve().parents[2]
FORMAT = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
SCHEMA = json.loads((REPO / "schemas" / "ropa.schema.json").read_text(encoding="utf-8"))
ROWS = re.findall(r"^\| `(\w+)` \| (yes|no) \| (yes|no) \| (.+) \|$", FORMAT, flags=re.M)


def _markers(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if isinstance(node.get("const"), str):
            found.add(node["const"])
        found.update(value for value in node.get("enum", ()) if value in ("none", "unknown"))
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key, ()):
                _markers(branch, found)
    return found


def test_the_table_covers_every_activity_key_that_takes_a_marker() -> None:
    properties = SCHEMA["$defs"]["Activity"]["properties"]
    takes = {key for key, node in properties.items() if _markers(node, set()) & {"unknown", "none"}}
    assert {row[0] for row in ROWS} == takes


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[0])
def test_the_table_says_what_the_schema_accepts(row: tuple[str, str, str, str]) -> None:
    key, unknown, none, _reported = row
    markers = _markers(SCHEMA["$defs"]["Activity"]["properties"][key], set())
    assert ("unknown" in markers) == (unknown == "yes")
    assert ("none" in markers) == (none == "yes")


BASE = """\
ropa: 1
organisation:
  name: SIA Piemērs
  role: controller
  country: LV
  contact: {email: info@piemers.lv}
  dpo: {appointed: false, reason: Not required, decided_on: 2024-01-01, decided_by: Board}
recipients:
  - {id: bank, name: Banka, kind: other, country: LV}
security_measures:
  - {id: enc, name: Encryption, kind: technical, description: TLS and disk encryption}
activities:
  - id: a
    name: Orders
    owner: Sales
    last_review: 2024-11-30
    purposes: [{purpose: Order delivery, legal_basis: {basis: contract}}]
    data_subjects: [customers]
    personal_data: [name]
    special_categories: none
    criminal_data: none
    national_id: none
    sources: [{kind: data_subject}]
    recipients: [bank]
    transfers: none
    retention: {period: P1Y, from: delivery}
    security_measures: [enc]
    profiling: none
    automated_decisions: none
    dpia: {required: false, status: not_required}
"""


def test_the_base_register_is_clean(tmp_path: Path) -> None:
    assert check_text(BASE, tmp_path) == []


# Keys whose `unknown` is reported only where the register gives it weight (the table
# says so): the base activity is given that weight first. A DPIA question is open where a
# WP248 criterion is met (here C7, children).
WEIGHT = {"dpia": ("data_subjects: [customers]", "data_subjects: [children]")}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[0])
def test_unknown_is_reported_by_the_rule_the_table_names(
    row: tuple[str, str, str, str], tmp_path: Path
) -> None:
    key, _unknown, _none, reported = row
    base = BASE.replace(*WEIGHT[key]) if key in WEIGHT else BASE
    text = re.sub(rf"^    {key}: .*$", f"    {key}: unknown", base, flags=re.M)
    assert text != base
    codes = {finding.code for finding in check_text(text, tmp_path)}
    named = re.findall(r"[A-Z]{2}\d{2}", reported)
    assert codes & set(named), f"`{key}: unknown` gave {codes}, the table names {named}"


def test_dpia_unknown_is_not_reported_where_the_recorded_data_meets_no_criterion(
    tmp_path: Path,
) -> None:
    # The screening's answer (no WP248 criterion: no DPIA likely needed) is not an open
    # question; the same activity with children in it is (DP24 names C7).
    text = re.sub(r"^    dpia: .*$", "    dpia: unknown", BASE, flags=re.M)
    assert not [f for f in check_text(text, tmp_path) if f.code.startswith("DP")]
    (dp24,) = [f for f in check_text(text.replace(*WEIGHT["dpia"]), tmp_path) if f.code == "DP24"]
    assert "WP248 C7" in dp24.message
