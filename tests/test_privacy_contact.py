"""`organisation.privacy_contact`, a contact point for data protection questions that is
not a DPO, through the real parts: validate, fmt, schema, export, notice, coverage, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa.fmt import format_text
from ropa.schema import register_file_schema
from tests.conftest import invoke, run_ropa

REGISTER = """\
ropa: 1
organisation:
  name: SIA "Ķiploku Māja"
  country: LV
  contact: {email: info@kiploki.lv, phone: "+371 60000001"}
  privacy_contact:
    email: datu.jautajumi@kiploki.lv
    person: Biroja vadītāja Līga Ērgle
  role: controller
  dpo:
    appointed: false
    reason: Nav plaša mēroga uzraudzības (VDAR 37. panta 1. punkts)
activities:
  - id: orders
    name: Pasūtījumi
    purposes:
      - purpose: Pasūtījumu izpilde
        legal_basis: {basis: contract}
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_a_register_with_a_contact_point_is_valid_in_a_real_process(register: Path) -> None:
    result = run_ropa("validate", str(register))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("privacy_contact: none", "unknown"),
        ("privacy_contact: {mail: a@kiploki.lv}", "email"),
        ("privacy_contact: {email: not-an-address}", "e-mail"),
        ("privacy_contacts: {email: a@kiploki.lv}", "privacy_contact"),
    ],
)
def test_what_the_key_refuses_is_explained(register: Path, value: str, message: str) -> None:
    text = REGISTER.replace(
        "  privacy_contact:\n    email: datu.jautajumi@kiploki.lv\n"
        "    person: Biroja vadītāja Līga Ērgle\n",
        f"  {value}\n",
    )
    assert value in text
    register.write_text(text, encoding="utf-8")
    result = invoke("validate", str(register))
    assert result.returncode == 1
    assert "register.yaml:6:" in result.stdout, result.stdout
    assert message in result.stdout, result.stdout


def test_unknown_is_a_value_of_its_own(register: Path) -> None:
    text = REGISTER.replace(
        "  privacy_contact:\n    email: datu.jautajumi@kiploki.lv\n"
        "    person: Biroja vadītāja Līga Ērgle\n",
        "  privacy_contact: unknown\n",
    )
    register.write_text(text, encoding="utf-8")
    assert invoke("validate", str(register)).returncode == 0


def test_fmt_puts_the_key_after_contact_and_keeps_its_comment() -> None:
    shuffled = REGISTER.replace(
        '  contact: {email: info@kiploki.lv, phone: "+371 60000001"}\n', ""
    ).replace(
        "  role: controller\n",
        '  role: controller\n  contact: {email: info@kiploki.lv, phone: "+371 60000001"}\n',
    )
    shuffled = shuffled.replace(
        "  privacy_contact:\n", "  privacy_contact:  # politikas 2. punkts\n"
    )
    formatted = format_text(shuffled)
    assert (
        '  contact: {email: info@kiploki.lv, phone: "+371 60000001"}\n'
        "  privacy_contact:  # politikas 2. punkts\n"
        "    email: datu.jautajumi@kiploki.lv\n"
    ) in formatted
    assert format_text(REGISTER) == REGISTER


def test_the_schema_describes_the_key_and_offers_its_values() -> None:
    organisation = register_file_schema()["$defs"]["Organisation"]["properties"]
    keys = list(organisation)
    assert keys.index("privacy_contact") == keys.index("contact") + 1
    described = organisation["privacy_contact"]["description"]
    assert "not a DPO" in described
    assert "unknown" in organisation["privacy_contact"]["examples"]


def test_the_exports_show_the_contact_point_apart_from_the_dpo(register: Path) -> None:
    english = invoke("export", str(register), "--format", "markdown", "--lang", "en").stdout
    latvian = invoke("export", str(register), "--format", "markdown", "--lang", "lv").stdout
    assert "Contact for data protection questions" in english
    assert "Kontaktinformācija datu aizsardzības jautājumos" in latvian
    for text in (english, latvian):
        line = next(line for line in text.splitlines() if "datu.jautajumi@kiploki.lv" in line)
        assert "Līga Ērgle" in line
        assert "info@kiploki.lv" not in line
    # The DPO line still says none is designated: a contact point is not a DPO.
    dpo_line = next(line for line in english.splitlines() if "Data protection officer" in line)
    assert "Not designated" in dpo_line
    assert "datu.jautajumi" not in dpo_line
    # Fideslang has a slot for a DPO and none for a contact point: it is not passed off as one.
    fides = invoke("export", str(register), "--format", "fides").stdout
    assert "info@kiploki.lv" in fides
    assert "data_protection_officer" not in fides
    document = json.loads(invoke("export", str(register), "--format", "json").stdout)
    assert document["organisation"]["privacy_contact"] == {
        "email": "datu.jautajumi@kiploki.lv",
        "person": "Biroja vadītāja Līga Ērgle",
    }


def test_the_workbook_cover_and_the_printed_page_hold_it(register: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "ropa.xlsx"
    assert invoke("export", str(register), "-o", str(out), "--lang", "lv").returncode == 0
    cover = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    rows = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if len(row) > 1}
    label = "Kontaktinformācija datu aizsardzības jautājumos"
    assert "datu.jautajumi@kiploki.lv" in str(rows[label])
    html = invoke("export", str(register), "--format", "html", "--lang", "en").stdout
    assert "Contact for data protection questions" in html
    assert "datu.jautajumi@kiploki.lv" in html


def test_a_register_without_one_shows_no_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(
        REGISTER.replace(
            "  privacy_contact:\n    email: datu.jautajumi@kiploki.lv\n"
            "    person: Biroja vadītāja Līga Ērgle\n",
            "",
        ),
        encoding="utf-8",
    )
    english = invoke("export", str(path), "--format", "markdown", "--lang", "en").stdout
    assert "Contact for data protection questions" not in english


def test_the_drafted_notice_sends_requests_to_the_contact_point(register: Path) -> None:
    latvian = invoke("notice", str(register), "--lang", "lv").stdout
    english = invoke("notice", str(register), "--lang", "en").stdout
    assert "Jautājumi par Jūsu personas datu apstrādi: e-pasts datu.jautajumi@kiploki.lv" in latvian
    exercise = next(line for line in english.splitlines() if "To use your rights" in line)
    assert "datu.jautajumi@kiploki.lv" in exercise
    assert "info@kiploki.lv" not in exercise
    # No DPO is designated, and the notice does not make the contact point one.
    assert "We have not appointed a data protection officer" in english


def test_coverage_looks_for_the_contact_point_in_the_policy(register: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Privātuma politika\n\nSIA Ķiploku Māja, info@kiploki.lv, +371 60000001.\n"
        "Mēs apstrādājam pasūtījumu datus, lai izpildītu pasūtījumus (līgums).\n",
        encoding="utf-8",
    )
    result = invoke("coverage", str(register), "--policy", str(policy), "--lang", "en")
    undisclosed = result.stdout.split("backed by no activity")[0]
    assert "datu.jautajumi@kiploki.lv" in undisclosed, result.stdout
    policy.write_text(
        policy.read_text(encoding="utf-8")
        + "Jautājumos par datu apstrādi rakstiet uz datu.jautajumi@kiploki.lv.\n",
        encoding="utf-8",
    )
    result = invoke("coverage", str(register), "--policy", str(policy), "--lang", "en")
    assert "datu.jautajumi@kiploki.lv" not in result.stdout.split("backed by no activity")[0]


def test_check_reads_the_contact_point_and_never_takes_it_for_a_dpo(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(
        REGISTER.replace("datu.jautajumi@kiploki.lv", "kiploki.datiem@inbox.lv").replace(
            "  dpo:\n    appointed: false\n"
            "    reason: Nav plaša mēroga uzraudzības (VDAR 37. panta 1. punkts)\n",
            "  dpo: unknown\n",
        ),
        encoding="utf-8",
    )
    result = run_ropa("check", str(path), "--format", "json", "--lang", "lv")
    findings = json.loads(result.stdout)["findings"]
    or11 = [f for f in findings if f["code"] == "OR11"]
    assert [f["path"] for f in or11] == ["organisation.privacy_contact.email"]
    assert "kiploki.datiem@inbox.lv" in or11[0]["message"]
    assert [f["path"] for f in findings if f["code"] == "OR02"] == ["organisation.dpo"]
    text = run_ropa("check", str(path), "--lang", "lv").stdout
    assert "kontaktpunkts datu aizsardzības jautājumos ir privāta bezmaksas e-pasta" in text


def test_the_init_template_offers_the_key_and_it_validates_when_filled_in(
    tmp_path: Path,
) -> None:
    assert invoke("init", str(tmp_path), "--no-input", "--name", "SIA Ērglis").returncode == 0
    (path,) = (tmp_path / "registers").glob("*.yaml")
    text = path.read_text(encoding="utf-8")
    offered = "  # privacy_contact: {email: privatums@...}\n"
    assert offered in text
    path.write_text(
        text.replace(offered, "  privacy_contact: {email: privatums@erglis.lv}\n"), encoding="utf-8"
    )
    assert invoke("validate", str(path)).returncode == 0
