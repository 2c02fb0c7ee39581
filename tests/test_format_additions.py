"""The format additions of issue 11 through the real parts: validate, fmt, export, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa.fmt import format_text
from tests.conftest import invoke, run_ropa

REGISTER = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  country: LV
  contact: {email: info@piemers.lv}
  role: controller
recipients:
  - id: it-partners
    name: unknown
    category: {lv: IT pakalpojumu sniedzēji, en: IT service providers}
    kind: unknown
    country: EEA
  - id: courier
    name: SIA "Kurjers"
    registration_number: "40003111111"
    address: Rīga, Ķīpsalas iela 1
    kind: processor
    country: LV
    contract: DPA-7
  - id: visitors
    name: unknown
    category: tīmekļa vietnes apmeklētāji
    kind: public
security_measures:
  - id: encryption
    name: Šifrēšana
    notes: '"Dati tiek šifrēti" (politikas 7. sadaļa)'
activities:
  - id: offers
    name: Piedāvājumi
    role: controller
    purposes:
      - purpose: Piedāvājumu sūtīšana
        legal_basis: {basis: undecided, candidates: [consent, legitimate_interests]}
        notes: Politika nenosaka, kuri piedāvājumi balstās uz kuru pamatu.
      - purpose: Grāmatvedība
        legal_basis: {basis: unknown, law: Grāmatvedības likums}
    recipients: [it-partners, courier, visitors]
    transfers: none
    retention: {period: permanent, file_plan: "Lietu nomenklatūra 2024, lieta 1-3"}
    security_measures: [encryption]
  - id: archive
    name: Arhīvs
    retention: {period: indefinite}
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_a_register_using_every_addition_is_valid_in_a_real_process(register: Path) -> None:
    result = run_ropa("validate", str(register))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "candidates: [consent, legitimate_interests]",
            "candidates: [consent]",
            "at least 2",
        ),
        (
            "candidates: [consent, legitimate_interests]",
            "candidates: [consent, consent]",
            "names a basis twice",
        ),
        ("{basis: unknown, law: Grāmatvedības likums}", "{basis: unknown}", "`law` is required"),
        ("period: indefinite", "period: forever", "`permanent`, `indefinite`"),
        ("  country: LV\n", "  country: EEA\n", "EEA"),
        ("kind: public", "kind: publik", "public"),
    ],
)
def test_what_the_additions_refuse_is_explained(
    register: Path, old: str, new: str, message: str
) -> None:
    assert old in REGISTER
    register.write_text(REGISTER.replace(old, new, 1), encoding="utf-8")
    result = invoke("validate", str(register))
    assert result.returncode == 1
    assert message in result.stdout, result.stdout


def test_fmt_puts_the_new_keys_in_the_format_order_and_keeps_comments() -> None:
    shuffled = REGISTER.replace(
        '    name: SIA "Kurjers"\n    registration_number: "40003111111"\n',
        '    registration_number: "40003111111"  # Uzņēmumu reģistrs\n    name: SIA "Kurjers"\n',
    ).replace(
        "    name: Piedāvājumi\n    role: controller\n",
        "    role: controller\n    name: Piedāvājumi\n",
    )
    formatted = format_text(shuffled)
    kurjers = '    name: SIA "Kurjers"\n    registration_number: "40003111111"  # Uzņēmumu'
    assert kurjers in formatted
    assert "    name: Piedāvājumi\n    role: controller\n" in formatted
    assert format_text(REGISTER) == REGISTER


def test_every_exporter_shows_the_additions(register: Path) -> None:
    csv_out = invoke("export", str(register), "--format", "csv", "--lang", "en").stdout
    markdown = invoke("export", str(register), "--format", "markdown", "--lang", "lv").stdout
    for text in (csv_out, markdown):
        assert "40003111111" in text
        assert "Ķīpsalas iela 1" in text
        assert "Lietu nomenklatūra 2024, lieta 1-3" in text
        assert "Grāmatvedības likums" in text
        assert "Dati tiek šifrēti" in text
        assert "Politika nenosaka" in text
    for phrase in (
        "EU/EEA (country not stated)",
        "permanently",
        "indefinitely",
        "basis not decided",
        "letter of Art. 6(1) not stated",
        "the public (publication)",
        "kind not known",
        "Role: controller",
    ):
        assert phrase in csv_out, phrase
    for phrase in ("ES/EEZ (valsts nav norādīta)", "pastāvīgi", "pamats nav izvēlēts"):
        assert phrase in markdown, phrase
    document = json.loads(invoke("export", str(register), "--format", "json").stdout)
    offers = document["activities"][0]
    assert offers["role"] == "controller"
    assert offers["purposes"][0]["legal_basis"] == {
        "basis": "undecided",
        "candidates": ["consent", "legitimate_interests"],
    }
    assert offers["retention"]["period"] == "permanent"
    assert document["recipients"][0]["country"] == "EEA"
    assert document["recipients"][1]["address"] == "Rīga, Ķīpsalas iela 1"


def test_the_xlsx_export_holds_the_additions(register: Path, tmp_path: Path) -> None:
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
    for phrase in ("40003111111", "ES/EEZ (valsts nav norādīta)", "Lietu nomenklatūra 2024"):
        assert phrase in cells, phrase


def test_check_reads_the_additions(register: Path) -> None:
    result = invoke("check", str(register), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    by_code: dict[str, list[str]] = {}
    for finding in findings:
        by_code.setdefault(finding["code"], []).append(finding["message"])
    assert any("letter of Art. 6(1) is not stated" in m for m in by_code["LB01"])
    assert not any("has no legal basis" in m for m in by_code.get("LB01", []))
    assert any("undecided between" in m for m in by_code["LB11"])
    assert any("`it-partners`" in m for m in by_code["RC11"])
    assert "RC04" not in by_code  # EEA, the public, transfers: none
    assert any("`archive` keeps the data with no end" in m for m in by_code["RT11"])
    assert not any("offers" in m for m in by_code.get("RT11", []))


INTERNAL = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  country: LV
  contact: {email: info@piemers.lv}
  role: controller
recipients:
  - id: hr
    name: Personāla daļa
    category: {lv: personāla speciālisti, en: HR staff}
    kind: internal
  - id: kyiv-office
    name: Filiāle Kijivā
    kind: internal
    country: UA
activities:
  - id: staff
    name: Darbinieku lietvedība
    recipients: [hr, kyiv-office]
    transfers: unknown
"""


def test_an_internal_recipient_is_valid_exported_and_not_a_transfer(tmp_path: Path) -> None:
    """Issue 12: `kind: internal` — a department of the organisation, as ICO and CNIL list."""
    path = tmp_path / "register.yaml"
    path.write_text(INTERNAL, encoding="utf-8")
    assert run_ropa("validate", str(path)).returncode == 0
    assert format_text(INTERNAL) == INTERNAL
    findings = json.loads(invoke("check", str(path), "--format", "json").stdout)["findings"]
    codes = {finding["code"] for finding in findings}
    assert not codes & {"RC01", "RC04", "RC05", "RC11", "TR01"}, codes
    assert "TR06" in codes  # the activity still has to say whether anything leaves the EEA
    csv_out = invoke("export", str(path), "--format", "csv", "--lang", "en").stdout
    assert "internal (within the organisation)" in csv_out
    markdown = invoke("export", str(path), "--format", "markdown", "--lang", "lv").stdout
    assert "iekšējs saņēmējs" in markdown
    path.write_text(INTERNAL.replace("kind: internal", "kind: internl", 1), encoding="utf-8")
    refused = invoke("validate", str(path))
    assert refused.returncode == 1
    assert "internal" in refused.stdout, refused.stdout
