"""What real notices say that the format could not (issue 11 section 3, the corpus's
recurring FORMAT-GAPs), through the real parts: validate, fmt, export and check.

Bases a notice lists once for all its processing (`bases_en_bloc`), data subjects who may
include children (`children: unknown`), notes on a joint controller and on the DPO, and a
date given as a month only (`privacy_notice_date`, `next_review`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ropa.config import Config, Settings
from ropa.engine import check_register
from ropa.fmt import format_text
from ropa.validate import validate_paths
from tests.conftest import check_findings, invoke, run_ropa, workbook_text

REGISTER = """\
ropa: 1
organisation:
  name: SIA "Rehabilitācijas klīnika"
  country: LV
  contact: {email: info@klinika.lv}
  role: controller
  dpo:
    appointed: true
    name: Jānis Bērziņš
    contact: {email: dpo@klinika.lv}
    notes: Only about the processing of one's own data, not about treatment.
  joint_controllers:
    - id: hospital
      name: SIA "Slimnīca"
      arrangement: Līgums Nr. 7
      notes: Decides which patients are referred; the clinic decides the therapy.
  privacy_notice_date: 2018-05  # "Date of Issue: May 2018"
activities:
  - id: services
    name: {lv: Pakalpojumu sniegšana, en: Providing the services}
    purposes:
      - purpose: {lv: pakalpojumu sniegšanai, en: providing the services}
        legal_basis: unknown
      - purpose: {lv: rēķinu izrakstīšanai, en: invoicing}
        legal_basis: unknown
    # "Galvenie tiesiskie pamati ir: Jūsu piekrišana; līgumisko attiecību nodibināšana"
    bases_en_bloc: &pamati
      - {basis: consent}
      - {basis: contract, contract: pakalpojumu līgums}
    data_subjects:
      - category: {lv: klienti, en: clients}
        children: unknown  # "may include children"
    joint_controllers: [hospital]
    last_review: 2024-01-10
    next_review: 2024-03  # "Date to be revised: March 2024"
  - id: research
    name: {lv: Pētniecība, en: Research}
    purposes:
      - purpose: {lv: zinātniskajai pētniecībai, en: scientific research}
        legal_basis: unknown
    bases_en_bloc: *pamati
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def _line(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def test_a_register_using_every_new_value_is_valid_in_a_real_process(register: Path) -> None:
    result = run_ropa("validate", str(register))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message", "marker"),
    [
        (
            "    bases_en_bloc: &pamati\n      - {basis: consent}\n"
            "      - {basis: contract, contract: pakalpojumu līgums}\n",
            "    bases_en_bloc: []\n",
            "`bases_en_bloc` must list at least 1",
            "    bases_en_bloc: []",
        ),
        (
            "      - {basis: consent}",
            "      - {basis: consnet}",
            "did you mean `consent`",
            "consnet",
        ),
        ("children: unknown", "children: maybe", "children", "children: maybe"),
        ("next_review: 2024-03", "next_review: 2024-13", "month must be in 1..12", "2024-13"),
        ("privacy_notice_date: 2018-05", "privacy_notice_date: 2018", "YYYY-MM-DD", "2018  #"),
    ],
)
def test_what_the_new_keys_refuse_is_explained_at_its_line(
    register: Path, old: str, new: str, message: str, marker: str
) -> None:
    assert old in REGISTER
    broken = REGISTER.replace(old, new, 1)
    if new == "    bases_en_bloc: []\n":
        broken = broken.replace("    bases_en_bloc: *pamati\n", "")
    register.write_text(broken, encoding="utf-8")
    result = invoke("validate", str(register))
    assert result.returncode == 1, result.stdout
    assert message in result.stdout, result.stdout
    assert f":{_line(broken, marker)}:" in result.stdout, result.stdout


def test_the_old_values_mean_what_they_meant(tmp_path: Path) -> None:
    """Additive: full dates stay dates, `children: true` stays children (WP248 C7)."""
    path = tmp_path / "register.yaml"
    path.write_text(
        REGISTER.replace("privacy_notice_date: 2018-05", "privacy_notice_date: 2018-05-01")
        .replace("children: unknown", "children: true")
        .replace("next_review: 2024-03", "next_review: 2024-03-01"),
        encoding="utf-8",
    )
    document = json.loads(invoke("export", str(path), "--format", "json").stdout)
    assert document["organisation"]["privacy_notice_date"] == "2018-05-01"
    assert document["activities"][0]["next_review"] == "2024-03-01"
    assert document["activities"][0]["data_subjects"][0]["children"] is True


def test_fmt_puts_the_new_keys_in_the_format_order_and_keeps_comments() -> None:
    shuffled = REGISTER.replace(
        "    purposes:\n      - purpose: {lv: pakalpojumu sniegšanai",
        "    bases_en_bloc: &pamati\n      - {basis: consent}\n"
        "      - {basis: contract, contract: pakalpojumu līgums}\n"
        "    purposes:\n      - purpose: {lv: pakalpojumu sniegšanai",
        1,
    ).replace(
        '    # "Galvenie tiesiskie pamati ir: Jūsu piekrišana; līgumisko attiecību nodibināšana"\n'
        "    bases_en_bloc: &pamati\n      - {basis: consent}\n"
        "      - {basis: contract, contract: pakalpojumu līgums}\n",
        '    # "Galvenie tiesiskie pamati ir: Jūsu piekrišana; līgumisko attiecību nodibināšana"\n',
        1,
    )
    shuffled = shuffled.replace(
        "      arrangement: Līgums Nr. 7\n"
        "      notes: Decides which patients are referred; the clinic decides the therapy.\n",
        "      notes: Decides which patients are referred; the clinic decides the therapy.\n"
        "      arrangement: Līgums Nr. 7\n",
    )
    assert shuffled != REGISTER
    formatted = format_text(shuffled)
    # The list moves after the purposes; its comment stays with the key it was above.
    assert formatted.index("    bases_en_bloc: &pamati") > formatted.index("invoicing}")
    assert "Līgums Nr. 7\n      notes: Decides" in formatted
    assert format_text(formatted) == formatted
    assert format_text(REGISTER) == REGISTER
    assert "privacy_notice_date: 2018-05  # " in formatted


def test_fmt_in_a_real_process_keeps_a_file_that_uses_them(register: Path) -> None:
    result = run_ropa("fmt", "--check", str(register))
    assert result.returncode == 0, result.stdout + result.stderr
    assert register.read_text(encoding="utf-8") == REGISTER


def test_every_exporter_shows_the_new_values(register: Path) -> None:
    markdown_en = invoke("export", str(register), "--format", "markdown", "--lang", "en").stdout
    markdown_lv = invoke("export", str(register), "--format", "markdown", "--lang", "lv").stdout
    for phrase in (
        "Bases listed for all purposes together: consent (Art. 6(1)(a)); performance of a "
        "contract (Art. 6(1)(b)); Contract: pakalpojumu līgums",
        "clients (includes children: unknown)",
        "Only about the processing of one's own data, not about treatment.",
        "the clinic decides the therapy.",
        "**Date of the privacy notice:** 2018-05\n",
        "**Next review**\n\n2024-03\n",
    ):
        assert phrase in markdown_en, phrase
    for phrase in (
        "Pamati, kas norādīti kopā visiem nolūkiem: piekrišana",
        "klienti (ietver bērnus: nav zināms)",
    ):
        assert phrase in markdown_lv, phrase
    document = json.loads(invoke("export", str(register), "--format", "json").stdout)
    activity = document["activities"][0]
    assert [basis["basis"] for basis in activity["bases_en_bloc"]] == ["consent", "contract"]
    assert activity["data_subjects"][0]["children"] == "unknown"
    assert activity["next_review"] == "2024-03"
    assert document["organisation"]["privacy_notice_date"] == "2018-05"
    assert document["organisation"]["dpo"]["notes"].startswith("Only about")
    assert document["organisation"]["joint_controllers"][0]["notes"].startswith("Decides")


def test_the_xlsx_workbook_holds_them_in_both_languages(register: Path, tmp_path: Path) -> None:
    out = tmp_path / "ropa.xlsx"
    assert invoke("export", str(register), "-o", str(out)).returncode == 0
    cells = workbook_text(out)
    for phrase in (
        "Pamati, kas norādīti kopā visiem nolūkiem / Bases listed for all purposes together: "
        "piekrišana / consent",
        "klienti / clients (ietver bērnus / includes children: nav zināms / unknown)",
    ):
        assert phrase in cells, phrase
    # A month stays a month: a text cell, not a date cell showing the first day.
    lines = cells.splitlines()
    assert "2018-05" in lines
    assert "2024-03" in lines
    assert "2018-05-01 00:00:00" not in cells
    assert "2024-03-01 00:00:00" not in cells


def test_an_en_bloc_list_is_lb11s_question_once_not_lb01s(register: Path) -> None:
    findings = check_findings(register)
    assert not [f for f in findings if f["code"] == "LB01"], findings
    (finding,) = [f for f in findings if f["code"] == "LB11"]
    assert "`services` lists its bases for all purposes together" in str(finding["message"])
    assert finding["line"] == _line(REGISTER, "        legal_basis: unknown")
    related = {str(place["path"]) for place in finding["related"]}  # type: ignore[attr-defined]
    assert {
        "activities[0].purposes[1].legal_basis",
        "activities[0].bases_en_bloc",
        "activities[1].purposes[0].legal_basis",
        "activities[1].bases_en_bloc",
    } <= related


def test_a_purpose_with_its_own_basis_is_no_gap(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    text = REGISTER.replace(
        "      - purpose: {lv: zinātniskajai pētniecībai, en: scientific research}\n"
        "        legal_basis: unknown\n",
        "      - purpose: {lv: zinātniskajai pētniecībai, en: scientific research}\n"
        "        legal_basis: {basis: consent}\n",
    )
    path.write_text(text, encoding="utf-8")
    (finding,) = check_findings(path, "LB11")
    paths = {str(place["path"]) for place in finding["related"]}  # type: ignore[attr-defined]
    assert not [p for p in paths if p.startswith("activities[1]")], paths


def test_children_unknown_is_not_children(register: Path, tmp_path: Path) -> None:
    """`children: unknown` counts for no WP248 criterion; `true` does (with profiling)."""
    profiled = REGISTER.replace(
        "    joint_controllers: [hospital]\n",
        "    joint_controllers: [hospital]\n    profiling: {description: therapy scoring}\n",
    )
    path = tmp_path / "register.yaml"
    path.write_text(profiled, encoding="utf-8")
    assert not check_findings(path, "DP03")
    path.write_text(profiled.replace("children: unknown", "children: true"), encoding="utf-8")
    (finding,) = check_findings(path, "DP03")
    assert "C7" in str(finding["message"])


def test_a_month_is_compared_as_its_first_day(register: Path) -> None:
    (finding,) = [
        f for f in check_findings(register, "GV02") if "planned review" in str(f["message"])
    ]
    assert "was due for its planned review on 2024-03," in str(finding["message"])
    assert finding["line"] == _line(REGISTER, "    next_review: 2024-03")
    # On the month's first day the review is due, not overdue; on the second it is.
    (loaded,) = validate_paths([str(register)]).registers
    for today, overdue in ((dt.date(2024, 3, 1), False), (dt.date(2024, 3, 2), True)):
        found = check_register(loaded, Config(Settings()), today=today)
        planned = [f for f in found if f.code == "GV02" and "planned review" in f.message]
        assert bool(planned) is overdue, (today, planned)


def test_the_new_messages_speak_latvian(register: Path) -> None:
    result = run_ropa(
        "check",
        str(register),
        "--format",
        "json",
        env={"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
    )
    findings = json.loads(result.stdout)["findings"]
    (lb11,) = [f for f in findings if f["code"] == "LB11"]
    assert lb11["message"].startswith(
        "`services` tiesiskie pamati norādīti kopā visiem nolūkiem"
    ), lb11
    assert "bases_en_bloc" in lb11["hint"]
