"""Issue 11, section 5: one cause reported once; text output counts repeats; json and sarif
keep every finding."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft4Validator

from tests.conftest import invoke, run_ropa
from tests.test_check_cli import sarif_schema

TODAY = "2026-12-01"

# Five activities without an owner (GV01 ×5), three sharing one vague retention block
# through a YAML anchor (one RT02 with two related places), and one interest on five
# purposes (one LB03).
REGISTER = """\
ropa: 1
organisation:
  name: SIA Piemērs
  role: controller
  country: LV
  contact: {email: info@piemers.lv}
  dpo: {appointed: false, reason: Not required, decided_on: 2024-01-01, decided_by: Board}
activities:
"""
for number in range(5):
    RETENTION = (
        "&vague {criteria: 'Tik ilgi, cik nepieciešams'}"
        if number == 0
        else "*vague"
        if number < 3
        else f"{{criteria: '{number} gadi'}}"
    )
    REGISTER += f"""\
  - id: a{number}
    name: Activity {number}
    last_review: 2026-06-01
    purposes:
      - purpose: Purpose {number}
        legal_basis: {{basis: legitimate_interests, interest: Business continuity}}
    data_subjects: [customers]
    personal_data: [name]
    recipients: none
    transfers: none
    security_measures: unknown
    retention: {RETENTION}
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_text_output_counts_repeats_and_show_all_lists_them(tmp_path: Path) -> None:
    path = _write(tmp_path)
    grouped = invoke("check", str(path), "--today", TODAY).stdout
    assert grouped.count("  GV01  ") == 1
    assert "GV01 \u00d75 in 5 activities" in grouped
    assert "--show-all lists each" in grouped
    full = invoke("check", str(path), "--today", TODAY, "--show-all").stdout
    assert full.count("  GV01  ") == 5
    assert "\u00d7" not in full
    # The summary counts every finding either way.
    assert grouped.splitlines()[-1] == full.splitlines()[-1]


def test_a_shared_value_is_one_finding_with_its_places(tmp_path: Path) -> None:
    path = _write(tmp_path)
    findings = json.loads(invoke("check", str(path), "--today", TODAY, "-f", "json").stdout)[
        "findings"
    ]
    rt02 = [finding for finding in findings if finding["code"] == "RT02"]
    assert len(rt02) == 1
    assert [place["path"] for place in rt02[0]["related"]] == [
        "activities[1].retention.criteria",
        "activities[2].retention.criteria",
    ]
    assert "one shared value, also at 2 more places in 3 activities" in rt02[0]["message"]
    lb03 = [finding for finding in findings if finding["code"] == "LB03"]
    assert len(lb03) == 1
    assert len(lb03[0]["related"]) == 4
    # json lists every other finding one by one, grouped or not in text.
    assert len([finding for finding in findings if finding["code"] == "GV01"]) == 5


def test_sarif_gives_the_places_as_related_locations(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = run_ropa("check", str(path), "--today", TODAY, "--format", "sarif")
    document = json.loads(result.stdout)
    assert sorted(Draft4Validator(sarif_schema()).iter_errors(document), key=str) == []
    results = document["runs"][0]["results"]
    (rt02,) = [item for item in results if item["ruleId"] == "RT02"]
    lines = [place["physicalLocation"]["region"]["startLine"] for place in rt02["relatedLocations"]]
    assert len(lines) == 2
    assert lines == sorted(lines)
    assert len([item for item in results if item["ruleId"] == "GV01"]) == 5
