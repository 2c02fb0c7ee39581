"""Issue 11, section 5: one cause reported once; one gap in many activities reported once;
text output counts repeats; json and sarif keep every finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.conftest import invoke, run_ropa
from tests.test_check_cli import sarif_schema

TODAY = "2026-12-01"

# Five activities reviewed long ago (GV02 ×5), without an owner (one GV01 naming the
# other four), three sharing one vague retention block through a YAML anchor (one RT02
# with two related places), and one interest that names none on five purposes (one LB03).
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
    last_review: 2019-06-01
    purposes:
      - purpose: Purpose {number}
        legal_basis: {{basis: legitimate_interests, interest: legitimate business interests}}
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
    assert grouped.count("  GV02  ") == 1
    assert "GV02 \u00d75 in 5 activities" in grouped
    assert "--show-all lists each" in grouped
    full = invoke("check", str(path), "--today", TODAY, "--show-all").stdout
    assert full.count("  GV02  ") == 5
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
    assert len([finding for finding in findings if finding["code"] == "GV02"]) == 5


def test_one_gap_in_many_activities_is_one_finding_naming_them(tmp_path: Path) -> None:
    path = _write(tmp_path)
    findings = json.loads(invoke("check", str(path), "--today", TODAY, "-f", "json").stdout)[
        "findings"
    ]
    (gv01,) = [finding for finding in findings if finding["code"] == "GV01"]
    assert gv01["path"] == "activities[0].owner"
    assert [place["path"] for place in gv01["related"]] == [
        f"activities[{number}].owner" for number in range(1, 5)
    ]
    assert gv01["message"] == (
        "`a0` has no owner \u2014 also in 4 more activities: `a1`, `a2`, `a3`, `a4`"
    )
    # Security measures recorded as unknown: the same gap, one finding.
    (se01,) = [finding for finding in findings if finding["code"] == "SE01"]
    assert len(se01["related"]) == 4
    assert "also in 4 more activities" in se01["message"]


def _gv01(tmp_path: Path, text: str) -> dict[str, Any]:
    """The one GV01 finding `ropa check -f json` gives for the register text."""
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    findings = json.loads(invoke("check", str(path), "--today", TODAY, "-f", "json").stdout)[
        "findings"
    ]
    (gv01,) = [finding for finding in findings if finding["code"] == "GV01"]
    return dict(gv01)


def test_one_more_activity_is_singular_and_long_lists_are_cut(tmp_path: Path) -> None:
    gv01 = _gv01(tmp_path, REGISTER.split("  - id: a2")[0])
    assert gv01["message"] == "`a0` has no owner \u2014 also in 1 more activity: `a1`"
    more = "".join(f"  - id: b{number}\n    name: More {number}\n" for number in range(12))
    gv01 = _gv01(tmp_path, REGISTER + more)
    assert len(gv01["related"]) == 16
    assert gv01["message"].endswith(
        "also in 16 more activities: `a1`, `a2`, `a3`, `a4`, `b0`, `b1`, `b2`, `b3`, "
        "`b4`, `b5`, \u2026"
    )


def test_a_gap_in_one_activity_stays_as_it_was(tmp_path: Path) -> None:
    gv01 = _gv01(tmp_path, REGISTER.split("  - id: a1")[0])
    assert gv01["message"] == "`a0` has no owner"
    assert "related" not in gv01


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
    assert len([item for item in results if item["ruleId"] == "GV02"]) == 5
    (gv01,) = [item for item in results if item["ruleId"] == "GV01"]
    assert len(gv01["relatedLocations"]) == 4


def test_a_merged_finding_keeps_its_sarif_fingerprint_as_other_places_are_fixed(
    tmp_path: Path,
) -> None:
    def gv01(text: str) -> dict[str, Any]:
        path = tmp_path / "register.yaml"
        path.write_text(text, encoding="utf-8")
        document = json.loads(invoke("check", str(path), "--today", TODAY, "-f", "sarif").stdout)
        (result,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "GV01"]
        return dict(result)

    before = gv01(REGISTER)
    # a4 gets an owner: the finding at a0 now names three others, and is the same finding.
    after = gv01(REGISTER.replace("  - id: a4\n", "  - id: a4\n    owner: Valde\n"))
    assert len(after["relatedLocations"]) == 3
    assert after["message"]["text"] != before["message"]["text"]
    assert after["partialFingerprints"] == before["partialFingerprints"]


LATVIAN = {"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""}


def _many_without_owner(count: int) -> str:
    """A register of `count` activities, none with an owner (one GV01 naming the rest)."""
    head = REGISTER.split("activities:\n")[0] + "activities:\n"
    return head + "".join(f"  - id: x{n}\n    name: Darbība {n}\n" for n in range(count))


@pytest.mark.parametrize(
    ("others", "words"),
    [
        (1, "arī vēl 1 apstrādes darbībā"),
        (11, "arī vēl 11 apstrādes darbībās"),
        (21, "arī vēl 21 apstrādes darbībā"),
        (12, "arī vēl 12 apstrādes darbībās"),
        (31, "arī vēl 31 apstrādes darbībā"),
    ],
)
def test_latvian_counts_of_more_activities_follow_latvian_grammar(
    tmp_path: Path, others: int, words: str
) -> None:
    """Latvian puts the noun after 1, 21, 31 ... (not 11) in the singular: "vēl 21
    apstrādes darbībā", "vēl 11 apstrādes darbībās"; English only after 1."""
    path = tmp_path / "register.yaml"
    path.write_text(_many_without_owner(others + 1), encoding="utf-8")
    latvian = run_ropa("check", str(path), "--today", TODAY, "--show-all", env=LATVIAN)
    (line,) = [line for line in latvian.stdout.splitlines() if "GV01" in line]
    assert words + ":" in line
    english = json.loads(invoke("check", str(path), "--today", TODAY, "-f", "json").stdout)
    (gv01,) = [f for f in english["findings"] if f["code"] == "GV01"]
    noun = "activity" if others == 1 else "activities"
    assert f"also in {others} more {noun}:" in gv01["message"]


def test_latvian_counts_of_shared_places_follow_latvian_grammar(tmp_path: Path) -> None:
    """One shared retention text in 22 activities: "vēl 21 vietā 22 apstrādes darbībās"."""
    head = REGISTER.split("activities:\n")[0] + "activities:\n"
    body = "".join(
        f"  - id: y{n}\n    name: Darbība {n}\n    owner: Valde\n    retention: "
        + ("&vague {criteria: 'Tik ilgi, cik nepieciešams'}" if n == 0 else "*vague")
        + "\n"
        for n in range(22)
    )
    path = tmp_path / "register.yaml"
    path.write_text(head + body, encoding="utf-8")
    latvian = run_ropa("check", str(path), "--today", TODAY, "--show-all", env=LATVIAN)
    (line,) = [line for line in latvian.stdout.splitlines() if "RT02" in line]
    assert "viena kopīga vērtība, vēl 21 vietā 22 apstrādes darbībās" in line
