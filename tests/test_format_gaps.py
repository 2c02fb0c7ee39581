"""What notices say that the format could not (issue 11, the corpus's FORMAT-GAPs), through
the real parts: validate, fmt, export and check.

`public_authority: unknown`, `organisation.public_tasks`, a DPO's `contact: unknown`, an
activity's `role: unknown`, a special category `unknown`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa.fmt import format_text
from tests.conftest import invoke, run_ropa

REGISTER = """\
ropa: 1
organisation:
  name: SIA "Pilsētas namu pārvaldnieks"
  country: LV
  contact: {email: info@namupārvaldnieks.lv}
  role: controller
  public_authority: unknown  # the notice does not say whether the city owns it
  public_tasks:
    - task:
        lv: Pašvaldības dzīvokļu īres līgumu administrēšana
        en: Administering the city's housing leases
      delegated_by: Rīgas valstspilsētas pašvaldība
      delegation: unknown
      law: Valsts pārvaldes iekārtas likums
  dpo:
    appointed: true
    name: Ilze Kļaviņa
    contact: unknown  # the capture stops here
activities:
  - id: leases
    name: Īres līgumi
    role: controller
    purposes:
      - purpose: Īres līgumu administrēšana
        legal_basis:
          - {basis: legal_obligation, law: Dzīvojamo telpu īres likums}
          - {basis: public_task, law: Likums "Par palīdzību dzīvokļa jautājumu risināšanā"}
  - id: insurance-offers
    name:
      lv: Apdrošināšanas piedāvājumi apdrošinātāja vārdā
      en: Insurance offers on the insurer's behalf
    role: unknown  # "apdrošinātāja vārdā": processor or controller, not said
  - id: debt-recovery
    name: Parādu atgūšana kreditoru vārdā vai savā vārdā
    role: unknown
  - id: statistics
    name: Management statistics
    special_categories:
      - category: unknown  # "sensitive/special category personal data", none named
        condition: archiving_research_statistics
        law: Equality Act 2010
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def _findings(path: Path) -> list[dict[str, object]]:
    result = invoke("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def _codes(findings: list[dict[str, object]], code: str) -> list[dict[str, object]]:
    return [finding for finding in findings if finding["code"] == code]


def test_a_register_using_every_new_value_is_valid_in_a_real_process(register: Path) -> None:
    result = run_ropa("validate", str(register))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("public_authority: unknown", "public_authority: maybe", "must be true, false or unknown"),
        ("public_authority: unknown", "public_authority: yes", "YAML 1.2 reads `yes` as text"),
        ("public_authority: unknown", "public_authority: 1", "must be true, false or unknown"),
        ("    role: unknown  #", "    role: unknwn  #", "unknown"),
        ("    - task:\n", "    - tasks:\n", "task"),
        ("      delegation: unknown", "      delegation: [unknown]", "delegation"),
        ("    contact: unknown  # the", "    contact: none  # the", "contact"),
        ("      - category: unknown", "      - category: sensitive", "unknown"),
    ],
)
def test_what_the_new_values_refuse_is_explained(
    register: Path, old: str, new: str, message: str
) -> None:
    assert old in REGISTER
    register.write_text(REGISTER.replace(old, new, 1), encoding="utf-8")
    result = invoke("validate", str(register))
    assert result.returncode == 1, result.stdout
    assert message in result.stdout, result.stdout
    line = REGISTER[: REGISTER.index(old)].count("\n") + 1
    assert f":{line}:" in result.stdout, result.stdout


def test_left_out_public_authority_still_means_false_and_true_false_stay_valid(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.yaml"
    for value in ("true", "false"):
        path.write_text(
            REGISTER.replace("public_authority: unknown", f"public_authority: {value}"),
            encoding="utf-8",
        )
        assert invoke("validate", str(path)).returncode == 0
    path.write_text(
        REGISTER.replace(
            "  public_authority: unknown  # the notice does not say whether the city owns it\n", ""
        ),
        encoding="utf-8",
    )
    document = json.loads(invoke("export", str(path), "--format", "json").stdout)
    assert document["organisation"]["public_authority"] is False


def test_fmt_puts_the_new_keys_in_the_format_order_and_keeps_comments() -> None:
    shuffled = REGISTER.replace(
        "  role: controller\n  public_authority: unknown  # the notice does not say whether "
        "the city owns it\n",
        "  public_authority: unknown  # the notice does not say whether the city owns it\n"
        "  role: controller\n",
    ).replace(
        "    name: Ilze Kļaviņa\n    contact: unknown  # the capture stops here\n",
        "    contact: unknown  # the capture stops here\n    name: Ilze Kļaviņa\n",
    )
    assert shuffled != REGISTER
    assert format_text(shuffled) == REGISTER
    assert format_text(REGISTER) == REGISTER


def test_fmt_in_a_real_process_keeps_a_file_that_uses_them(register: Path) -> None:
    result = run_ropa("fmt", "--check", str(register))
    assert result.returncode == 0, result.stdout + result.stderr
    assert register.read_text(encoding="utf-8") == REGISTER


def test_every_exporter_shows_the_new_values(register: Path, tmp_path: Path) -> None:
    csv_out = invoke("export", str(register), "--format", "csv", "--lang", "en").stdout
    markdown_en = invoke("export", str(register), "--format", "markdown", "--lang", "en").stdout
    markdown_lv = invoke("export", str(register), "--format", "markdown", "--lang", "lv").stdout
    for phrase in (
        "Role: not known (controller or processor)",
        "special-category data (category not stated)",
    ):
        assert phrase in csv_out, phrase
    for phrase in (
        "**Public authority:** unknown",
        "**Public tasks performed:** Administering the city's housing leases",
        "Delegated by: Rīgas valstspilsētas pašvaldība",
        "Delegation: unknown",
        "Ilze Kļaviņa; Contact details: unknown",
    ):
        assert phrase in markdown_en, phrase
    for phrase in (
        "**Publiska iestāde:** nav zināms",
        "**Pārvaldes uzdevumi, ko veic organizācija:** Pašvaldības dzīvokļu īres līgumu",
        "Deleģētājs: Rīgas valstspilsētas pašvaldība",
        "īpašu kategoriju dati (kategorija nav norādīta)",
    ):
        assert phrase in markdown_lv, phrase
    document = json.loads(invoke("export", str(register), "--format", "json").stdout)
    organisation = document["organisation"]
    assert organisation["public_authority"] == "unknown"
    assert organisation["public_tasks"][0]["delegated_by"] == "Rīgas valstspilsētas pašvaldība"
    assert organisation["dpo"]["contact"] == "unknown"
    roles = {activity["id"]: activity.get("role") for activity in document["activities"]}
    assert roles["insurance-offers"] == "unknown"
    assert document["activities"][3]["special_categories"][0]["category"] == "unknown"


def test_the_xlsx_workbook_holds_them_in_both_languages(register: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "ropa.xlsx"
    assert invoke("export", str(register), "-o", str(out)).returncode == 0
    cells = "\n".join(
        str(cell.value)
        for sheet in openpyxl.load_workbook(out, read_only=True).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )
    for phrase in (
        "Pārvaldes uzdevumi, ko veic organizācija / Public tasks performed",
        "Deleģētājs / Delegated by: Rīgas valstspilsētas pašvaldība",
        "Loma / Role: nav zināma (pārzinis vai apstrādātājs) / not known (controller or processor)",
        "īpašu kategoriju dati (kategorija nav norādīta) / special-category data (category "
        "not stated)",
    ):
        assert phrase in cells, phrase


def test_an_unknown_public_authority_is_a_dpo_question_not_silence(tmp_path: Path) -> None:
    """OR02: with no DPO recorded, `unknown` asks (a warning naming `public_authority`);
    `false` for the same register is the info note of an organisation that need not
    designate one."""
    path = tmp_path / "register.yaml"
    no_dpo = REGISTER.replace(
        "  dpo:\n    appointed: true\n    name: Ilze Kļaviņa\n"
        "    contact: unknown  # the capture stops here\n",
        "",
    )
    path.write_text(no_dpo, encoding="utf-8")
    (asked,) = _codes(_findings(path), "OR02")
    assert asked["severity"] == "warning"
    assert "whether the organisation is a public authority" in str(asked["message"])
    related = json.dumps(asked.get("related", []))
    assert "public_authority" in related, asked
    path.write_text(no_dpo.replace("public_authority: unknown", "public_authority: false"))
    (noted,) = _codes(_findings(path), "OR02")
    assert noted["severity"] == "info"
    assert "public authority" not in str(noted["message"])
    path.write_text(
        no_dpo.replace(
            "  public_authority: unknown", "  dpo: {appointed: false}\n  public_authority: unknown"
        )
    )
    (unreasoned,) = _codes(_findings(path), "OR02")
    assert unreasoned["severity"] == "warning"
    assert "gives no reason, and the register does not say whether" in str(unreasoned["message"])


def test_an_unknown_public_authority_is_not_taken_for_one(tmp_path: Path) -> None:
    """LB05 (legitimate interests) applies to a public authority only: `unknown` is not
    `true` (a string `unknown` used to be truthy to every reader)."""
    path = tmp_path / "register.yaml"
    interests = REGISTER.replace(
        "          - {basis: legal_obligation, law: Dzīvojamo telpu īres likums}\n"
        '          - {basis: public_task, law: Likums "Par palīdzību dzīvokļa jautājumu '
        'risināšanā"}\n',
        "          - {basis: legitimate_interests, interest: Parādu piedziņa, assessment: LIA-1}\n",
    )
    path.write_text(interests, encoding="utf-8")
    assert not _codes(_findings(path), "LB05")
    path.write_text(interests.replace("public_authority: unknown", "public_authority: true"))
    assert _codes(_findings(path), "LB05")


def test_the_dpo_contact_recorded_as_unknown_is_reported_as_such(register: Path) -> None:
    findings = _findings(register)
    (dpo,) = _codes(findings, "OR02")
    assert dpo["message"] == "the data protection officer's contact details are recorded as unknown"
    assert not _codes(findings, "OR11")


def test_public_tasks_let_a_duty_and_a_task_of_one_law_stand_together(tmp_path: Path) -> None:
    """LB11: 6(1)(c) with 6(1)(e) on one purpose is one duty under the law for an
    organisation performing public tasks, as for a public authority."""
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    assert not [f for f in _codes(_findings(path), "LB11") if "`leases`" in str(f["message"])]
    start = REGISTER.index("  public_tasks:")
    end = REGISTER.index("  dpo:")
    path.write_text(REGISTER[:start] + REGISTER[end:], encoding="utf-8")
    assert [f for f in _codes(_findings(path), "LB11") if "`leases`" in str(f["message"])]


def test_activities_of_unknown_role_are_one_question_naming_each(register: Path) -> None:
    (finding,) = _codes(_findings(register), "PR06")
    assert finding["severity"] == "warning"
    assert "`insurance-offers`, `debt-recovery`" in str(finding["message"])
    line = REGISTER[: REGISTER.index("    role: unknown  #")].count("\n") + 1
    assert finding["line"] == line
    related = finding.get("related", [])
    assert isinstance(related, list)
    assert len(related) == 1


def test_a_settled_role_asks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER.replace("role: unknown", "role: controller"), encoding="utf-8")
    assert not _codes(_findings(path), "PR06")


def test_a_special_category_not_named_still_needs_its_condition(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(
        REGISTER.replace("        condition: archiving_research_statistics\n", ""),
        encoding="utf-8",
    )
    (finding,) = _codes(_findings(path), "SD01")
    assert "special-category data (category not stated)" in str(finding["message"])


def test_the_new_questions_speak_latvian(register: Path) -> None:
    result = run_ropa(
        "check",
        str(register),
        "--format",
        "json",
        env={"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
    )
    findings = json.loads(result.stdout)["findings"]
    messages = {finding["code"]: finding["message"] for finding in findings}
    assert (
        messages["OR02"] == "datu aizsardzības speciālista kontaktinformācija norādīta kā nezināma"
    )
    assert "(pārzinis) vai rīkojas pēc cita norādījumiem (apstrādātājs)" in messages["PR06"]


PROCESSOR = """\
ropa: 1
organisation:
  name: SIA "Mākoņserviss"
  country: LV
  contact: {email: info@makonis.lv}
  role: processor
controllers:
  - id: customers
    name: Every customer under the standard DPA
    listed_in: unknown  # the sub-processor page does not say
    contract: Data Processing Agreement v3
    processing: [Hosting the platform]
"""


def test_one_entry_for_every_customer_points_to_their_list(tmp_path: Path) -> None:
    """PR02: an entry standing for many controllers is identified by the list it names;
    `listed_in: unknown` is the gap, asked once at `listed_in`."""
    path = tmp_path / "register.yaml"
    path.write_text(PROCESSOR, encoding="utf-8")
    assert run_ropa("validate", str(path)).returncode == 0
    assert format_text(PROCESSOR) == PROCESSOR
    (finding,) = _codes(_findings(path), "PR02")
    assert "`customers` stands for many controllers" in str(finding["message"])
    assert finding["line"] == PROCESSOR[: PROCESSOR.index("listed_in")].count("\n") + 1
    named = PROCESSOR.replace(
        "listed_in: unknown  # the sub-processor page does not say",
        "listed_in: Klientu reģistrs CRM sistēmā",
    )
    path.write_text(named, encoding="utf-8")
    assert not _codes(_findings(path), "PR02")
    csv_out = invoke("export", str(path), "--format", "csv", "--lang", "en").stdout
    assert "Each controller's name and contact: Klientu reģistrs CRM sistēmā" in csv_out
    markdown = invoke("export", str(path), "--format", "markdown", "--lang", "lv").stdout
    assert "Katra pārziņa nosaukums un kontaktinformācija: Klientu reģistrs" in markdown
    path.write_text(
        PROCESSOR.replace("    name: Every customer under the standard DPA\n", ""),
        encoding="utf-8",
    )
    assert invoke("validate", str(path)).returncode == 1  # a name is still required
