"""`ropa import` of records kept as tables: an ICO-style controller template (built here
from the template's column headings, no file of the ICO's copied), a Latvian CSV with
Latvian headings, a plain English CSV; through the real CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa.importers.table import basis_of, column_letter, heading_role, retention_of, split_items
from ropa.yamlio import parse_fast
from tests.conftest import invoke, run_ropa

# The column headings of the ICO's "Documentation template for controllers" (record of
# processing activities sheet), as the ICO publishes them; the first eleven are the
# Art. 30(1) items, the rest what the ICO suggests beside them.
ICO_CONTROLLER_HEADINGS = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 basis for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Link to DPIA",
    "Personal data breach?",
    "Link to record of personal data breach",
]

ICO_ROWS = [
    [
        "HR",
        "Payroll",
        "N/A",
        "Employees",
        "Name; bank account; salary; personas kods",
        "Payroll bureau; State Revenue Service",
        "contracts/payroll-bureau.pdf",
        "None",
        "",
        "5 years",
        "Access control; encryption at rest",
        "Legal obligation (Art. 6(1)(c))",
        "",
        "",
        "",
        "Access, rectification",
        "No",
        "The employee",
        "",
        "HR system, Rīga office",
        "No",
        "",
        "No",
        "",
    ],
    [
        "Marketing",
        "Newsletter, events",
        "",
        "Subscribers",
        "E-mail address, name",
        "Mailing service provider",
        "",
        "United States",
        "Standard contractual clauses",
        "Until consent is withdrawn",
        "Double opt-in",
        "Consent or legitimate interests",
        "",
        "",
        "lia/newsletter.docx",
        "Withdrawal, objection",
        "",
        "",
        "consent-log.xlsx",
        "",
        "",
        "",
        "",
        "",
    ],
]


def ico_workbook(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Controller"
    sheet.append(["Documentation of processing activities"])
    sheet.append([])
    sheet.append(["Name and contact details"])
    sheet.append(["Name", "SIA Piemērs"])
    sheet.append(["Address", "Brīvības iela 1, Rīga"])
    sheet.append(["Email", "privatums@piemers.lv"])
    sheet.append(["Telephone", "+371 60000000"])
    sheet.append(["Data Protection Officer (if applicable)"])
    sheet.append(["Name", "Jānis Bērziņš"])
    sheet.append(["Email", "dpo@piemers.lv"])
    sheet.append(["Representative (if applicable)"])
    sheet.append(["Name", ""])
    sheet.append([])
    sheet.append(ICO_CONTROLLER_HEADINGS)
    for row in ICO_ROWS:
        sheet.append(row)
    workbook.save(path)


def load(path: Path) -> Any:
    document = parse_fast(path.read_text(encoding="utf-8"), str(path))
    assert not document.problems
    return document.data


def test_the_ico_template_is_read_column_by_column(tmp_path: Path) -> None:
    source = tmp_path / "ico.xlsx"
    ico_workbook(source)
    out = tmp_path / "imported.yaml"
    done = run_ropa("import", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "imported 2 activities" in done.stderr
    assert run_ropa("validate", str(out)).returncode == 0
    assert run_ropa("fmt", "--check", str(out)).returncode == 0
    data = load(out)
    organisation = data["organisation"]
    assert organisation["name"] == "SIA Piemērs"
    assert organisation["contact"] == {"email": "privatums@piemers.lv", "phone": "+371 60000000"}
    assert organisation["dpo"] == {
        "appointed": True,
        "name": "Jānis Bērziņš",
        "contact": {"email": "dpo@piemers.lv"},
    }
    payroll, newsletter = data["activities"]
    assert payroll["id"] == "payroll"
    assert payroll["department"] == "HR"
    assert payroll["purposes"] == [
        {"purpose": "Payroll", "legal_basis": {"basis": "legal_obligation"}}
    ]
    assert payroll["data_subjects"] == ["Employees"]
    assert payroll["personal_data"] == ["Name", "bank account", "salary", "personas kods"]
    assert payroll["transfers"] == "none"
    assert payroll["retention"] == {"period": "P5Y", "notes": "5 years"}
    assert payroll["sources"] == [{"kind": "data_subject", "description": "The employee"}]
    assert payroll["automated_decisions"] == "none"
    assert payroll["dpia"] == {"required": False}
    recipients = {entry["id"]: entry for entry in data["recipients"]}
    bureau = recipients[payroll["recipients"][0]]
    assert bureau["category"] == "Payroll bureau"
    # One contract cell for two recipients: which one it binds is not said, so it is kept
    # in the activity's notes, not given to both.
    assert "contract" not in bureau
    assert (
        "contract with processor (Controller!G15): contracts/payroll-bureau.pdf"
        in (payroll["notes"])
    )
    # Two bases for one purpose is no basis the importer can pick: kept, and reported.
    assert newsletter["purposes"] == [{"purpose": "Newsletter"}, {"purpose": "events"}]
    assert (
        "legal basis as written (Controller!L16): Consent or legitimate interests"
        in (newsletter["notes"])
    )
    assert newsletter["transfers"] == [{"country": "US", "mechanism": "scc"}]
    assert newsletter["retention"] == {"criteria": "Until consent is withdrawn"}
    assert "Link to record of consent (Controller!S16): consent-log.xlsx" in newsletter["notes"]
    assert "Location of personal data (Controller!T15): HR system, Rīga office" in payroll["notes"]
    assert (
        "not placed: Controller!L16: legal basis as written: Consent or legitimate interests"
        in done.stderr
    )
    assert done.stderr.count("Controller!L16") == 1


def test_a_latvian_csv_with_latvian_headings(tmp_path: Path) -> None:
    source = tmp_path / "registrs.csv"
    source.write_text(
        "\ufeffNr.;Apstrādes darbība;Apstrādes nolūks;Tiesiskais pamats;Datu subjektu kategorijas;"
        "Personas datu kategorijas;Saņēmēji;Nodošana uz trešajām valstīm;Glabāšanas termiņš;"
        "Drošības pasākumi;Piezīmes iekšējai lietošanai\n"
        "1;Videonovērošana;Īpašuma aizsardzība;leģitīmās intereses;apmeklētāji;videoieraksti;"
        "apsardzes uzņēmums;nav;30 dienas;piekļuve ierobežota;kamera pie ieejas\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.yaml"
    done = run_ropa("import", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    (activity,) = load(out)["activities"]
    assert activity["id"] == "1"
    assert activity["name"] == "Videonovērošana"
    assert activity["purposes"] == [
        {"purpose": "Īpašuma aizsardzība", "legal_basis": {"basis": "legitimate_interests"}}
    ]
    assert activity["transfers"] == "none"
    assert activity["retention"] == {"period": "P30D", "notes": "30 dienas"}
    assert activity["notes"] == "Piezīmes iekšējai lietošanai (registrs!K2): kamera pie ieejas"
    assert "registrs!K1: Piezīmes iekšējai lietošanai" in done.stderr
    assert run_ropa("validate", str(out)).returncode == 0


def test_a_csv_without_a_heading_row_says_so(tmp_path: Path) -> None:
    source = tmp_path / "plain.csv"
    source.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    done = invoke("import", str(source))
    assert done.returncode == 0
    assert "no heading row found" in done.stdout
    assert "imported 0 activities" in done.stderr


def test_a_damaged_workbook_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "broken.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a workbook")
    done = run_ropa("import", str(source))
    assert done.returncode == 2
    assert "cannot be read as a workbook" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Purpose of processing", "purposes"),
        ("Apstrādes nolūki", "purposes"),
        ("Categories of individuals", "data_subjects"),
        ("The source of the personal data (if applicable)", "sources"),
        ("Categories of personal data", "personal_data"),
        ("Article 9 basis for processing special category data", "special_basis"),
        ("Article 6 lawful basis for processing personal data", "legal_basis"),
        (
            "Link to record of legitimate interests assessment (if applicable)",
            "notes:link to the legitimate interests assessment",
        ),
        ("Glabāšanas termiņš", "retention"),
        ("Tehniskie un organizatoriskie drošības pasākumi", "security"),
        ("ID", "id"),
        ("Idea", None),
        ("", None),
    ],
)
def test_headings_are_recognised_by_their_words(heading: str, role: str | None) -> None:
    assert heading_role(heading) == role


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("Consent", "consent"),
        ("piekrišana", "consent"),
        ("Art. 6(1)(b)", "contract"),
        ("VDAR 6. panta 1. punkta c)", "legal_obligation"),
        ("Legitimate interests", "legitimate_interests"),
        ("sabiedrības interesēs", "public_task"),
        ("Consent or contract", None),
        ("see policy", None),
    ],
)
def test_a_basis_is_read_only_when_one_is_named(text: str, basis: str | None) -> None:
    assert basis_of(text) == basis


def test_small_readers() -> None:
    assert split_items("name, address (street, city); phone\n• e-mail") == [
        "name",
        "address (street, city)",
        "phone",
        "e-mail",
    ]
    assert retention_of("3 gadi") == {"period": "P3Y", "notes": "3 gadi"}
    assert retention_of("6 months") == {"period": "P6M", "notes": "6 months"}
    assert retention_of("as long as needed") == {"criteria": "as long as needed"}
    assert [column_letter(index) for index in (0, 25, 26, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]


def test_the_summary_names_the_kind_of_source_in_latvian(tmp_path: Path) -> None:
    source = tmp_path / "registrs.csv"
    source.write_text(
        "Apstrādes darbība;Apstrādes nolūks;Personas datu kategorijas;Glabāšanas termiņš\n"
        "Videonovērošana;Īpašuma aizsardzība;videoieraksti;30 dienas\n",
        encoding="utf-8",
    )
    latvian = run_ropa("import", str(source), "--lang", "lv")
    assert latvian.returncode == 0, latvian.stderr
    assert "(CSV tabula, lapa „registrs”, virsraksti 1. rindā)" in latvian.stderr
    assert "CSV table" not in latvian.stderr
    english = run_ropa("import", str(source), "--lang", "en")
    assert "(CSV table, sheet “registrs”, headings on row 1)" in english.stderr
