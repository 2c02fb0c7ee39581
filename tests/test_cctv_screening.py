"""The DPIA screening of video surveillance (issue 11): offences named in a purpose of
preventing or detecting them are no Art. 10 data (WP248 C4), so a shop's cameras meet one
criterion (C3), and the open question DP24 asks of them is what decides a second one, not
profiling nothing in their words suggests. Through the real CLI, on a made-up register."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import check_findings, invoke, run_ropa

_REGISTER = """\
ropa: 1
organisation:
  name: SIA "Kafejnīca Ābele"
  registration_number: "40003999999"
  country: LV
  contact: {email: info@abele.lv}
  role: controller
  employees: 6
  dpo: {appointed: false, reason: Art. 37(1) does not apply, decided_on: 2025-03-01}
  representative: none
  joint_controllers: none
activities:
  - id: kameras
    name: Videonovērošana kafejnīcā
    purposes:
      - purpose: Noziedzīgu nodarījumu novēršana un atklāšana, īpašuma aizsardzība
        legal_basis: {basis: legitimate_interests, interest: Īpašuma un apmeklētāju drošība}
    data_subjects: [apmeklētāji]
    personal_data: [videoieraksti]
    special_categories: none
    criminal_data: none
    national_id: none
    profiling: unknown
    automated_decisions: unknown
    dpia: unknown
"""


def _register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(_REGISTER, encoding="utf-8")
    return path


def test_cameras_against_crime_meet_one_criterion_and_the_note_asks_what_decides(
    tmp_path: Path,
) -> None:
    path = _register(tmp_path)
    assert check_findings(path, "DP03") == []
    assert check_findings(path, "DP01") == []
    (note,) = check_findings(path, "DP24")
    assert "WP248 C3" in str(note["message"])
    assert "C4" not in str(note["message"])
    assert "profiling" not in str(note["message"])
    assert "large scale" in str(note["hint"])
    assert "staff" in str(note["hint"])
    assert "related" not in note  # the profiling keys are no part of it
    # Profiling left open with no words for it stays reported, as a plain open question.
    (lines,) = check_findings(path, "AC22")
    assert "`profiling`" in str(lines["message"])


def test_the_question_reads_in_latvian(tmp_path: Path) -> None:
    path = _register(tmp_path)
    result = invoke("check", "--lang", "lv", "--format", "json", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    (note,) = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "DP24"]
    assert "plašā mērogā" in note["hint"]
    assert "darbinieki" in note["hint"]


def test_a_real_process_says_the_same(tmp_path: Path) -> None:
    path = _register(tmp_path)
    result = run_ropa("check", "--select", "DP", str(path))
    # An info note alone is no failure (exit 0).
    assert result.returncode == 0, result.stdout + result.stderr
    assert "DP24" in result.stdout
    assert "DP03" not in result.stdout
