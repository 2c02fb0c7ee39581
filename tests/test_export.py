"""`ropa export`: the workbook read back, formula safety, reproducible bytes, other formats."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import os
import re
import subprocess
import sys
import time
import weakref
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ropa.exporters.csv import csv_text, neutralise
from ropa.exporters.json import json_text
from ropa.exporters.markdown import escape, markdown_text
from ropa.exporters.table import (
    LANGUAGES,
    ExportDocument,
    Language,
    Sheet,
    TitleRow,
    Words,
    build_document,
)
from ropa.exporters.xlsx import row_height, write_xlsx, write_xlsx_stream
from ropa.exporting import export_date_from
from ropa.findings import Finding, Severity
from ropa.knowledge.articles import ARTICLE_30_1, ARTICLE_30_2, latvian_citation
from ropa.knowledge.terms import TERMS, UNVERIFIED
from ropa.model import Register
from ropa.position import Position
from ropa.validate import validate_paths
from ropa.vcs import RegisterVersion
from tests.conftest import FIXTURES, REGISTERS, SEED_REGISTERS, invoke, run_ropa

DATE = dt.date(2024, 5, 31)
MICREC = REGISTERS / "micrec.yaml"
PROCESSOR = FIXTURES / "valid" / "processor.yaml"


def load(path: Path) -> Register:
    result = validate_paths([str(path)])
    assert result.findings == []
    (register,) = result.registers
    return register


def document_of(path: Path, language: Language = "lv+en", **options: Any) -> ExportDocument:
    return build_document(load(path), language=language, export_date=DATE, **options)


def workbook_bytes(document: ExportDocument) -> bytes:
    buffer = io.BytesIO()
    write_xlsx_stream(document, buffer)
    return buffer.getvalue()


def read_back(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_values(worksheet: Any) -> list[list[Any]]:
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def column_of(document: ExportDocument, key: str) -> str:
    columns = [column.key for column in document.sheet("activities").columns]
    return str(get_column_letter(columns.index(key) + 1))


def plain(value: Any) -> Any:
    """A value as the document holds it: dates read back as datetimes; whitespace folded,
    as a long text continued on the rows below is broken at its spaces."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def logical_rows(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows with their continuation rows (first cell `↳ ...`) joined back on."""
    joined: list[list[Any]] = []
    for row in rows:
        if joined and isinstance(row[0], str) and row[0].startswith("↳ "):
            last = joined[-1]
            for index, value in enumerate(row[1:], 1):
                if value is not None:
                    last[index] = value if last[index] is None else f"{last[index]}\n{value}"
            continue
        joined.append(list(row))
    return [[plain(value) for value in row] for row in joined]


def record_pairs(rows: list[list[Any]], sheet: Sheet) -> list[list[Any]]:
    """A records sheet as printed (title rows; fields as label and value, two short ones
    side by side in columns C and D) read back as the document's rows: the title, then
    one (label, value) row per field. A title repeated at the top of a page where a
    record goes on ("name (continued)") is left out."""
    identifiers = {row[0] for row in sheet.rows() if isinstance(row, TitleRow)}
    # Empty fields named together in one row to keep an activity on one page: "a; b".
    named = {
        plain(" / ".join(str(row[0]).splitlines())): plain(row[0])
        for row in sheet.rows()
        if not isinstance(row, TitleRow)
    }
    out: list[list[Any]] = []
    title: list[Any] = []
    for row in rows:
        row = [*row, None, None, None, None][:4]
        if row[0] in identifiers:
            repeated = (
                title
                and row[0] == title[0]
                and isinstance(row[1], str)
                and row[1].startswith(f"{title[1]} (")
            )
            if not repeated:
                title = TitleRow(row[:2])
                out.append(title)
            continue
        text = plain(row[1]) if row[2] is None and isinstance(row[1], str) else ""
        lines = text.split("; ") if text else []
        if len(lines) > 1 and all(line in named for line in lines):
            out.extend([named[line], None] for line in lines)
            continue
        out.append(row[:2])
        if row[2] is not None:
            out.append(row[2:])
    return out


def plain_rows(sheet: Sheet) -> list[list[Any]]:
    """The sheet's rows as read back (`plain`), title rows still marked as such."""
    return [
        TitleRow(plain(value) for value in row)
        if isinstance(row, TitleRow)
        else [plain(value) for value in row]
        for row in sheet.rows()
    ]


def by_record(rows: list[list[Any]]) -> list[Any]:
    """Records as (title, fields in label order): the by-activity sheet may name an
    activity's empty fields together after the others."""
    records: list[Any] = []
    for row in rows:
        if isinstance(row, TitleRow):
            records.append((tuple(row), []))
        else:
            records[-1][1].append(tuple(row))
    return [(title, sorted(fields, key=lambda field: str(field[0]))) for title, fields in records]


# --------------------------------------------------------------------------- read back


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [*SEED_REGISTERS, PROCESSOR], ids=lambda path: path.name)
def test_every_heading_and_value_reads_back(path: Path, language: Language) -> None:
    document = document_of(path, language)
    buffer = io.BytesIO()
    report = write_xlsx_stream(document, buffer)
    workbook = read_back(buffer.getvalue())
    assert workbook.sheetnames == [document.cover_name] + [s.name for s in document.sheets]
    for sheet in document.sheets:
        width = len(sheet.columns)
        if sheet.records:
            rows = by_record(record_pairs(logical_rows(sheet_values(workbook[sheet.name])), sheet))
            expected = by_record(plain_rows(sheet))
        else:
            rows = logical_rows([row[:width] for row in sheet_values(workbook[sheet.name])])
            headings: list[Any] = [column.heading for column in sheet.columns]
            expected = [[plain(value) for value in row] for row in [headings, *sheet.rows()]]
        assert rows == expected, sheet.key
    cover = sheet_values(workbook[document.cover_name])
    assert cover[0][0] == document.title
    assert cover[1][0] == document.subject
    lines = [(row[0], plain(row[1] if len(row) > 1 else None)) for row in cover[3:]]
    # The cover says which rows continue on the rows below, and only when some do.
    continued = [line for line in lines if line[0] == Words(language).term("continued_rows")]
    assert bool(continued) == bool(report.continued)
    for sheet_name, continued_rows in report.continued.items():
        assert f"{sheet_name}: {', '.join(continued_rows)}" in continued[0][1]
    assert [line for line in lines if line not in continued] == [
        (line.label, plain(line.value)) for line in document.cover
    ]


def test_a_seed_activity_reads_as_written_in_its_yaml() -> None:
    """Checked by hand against registers/micrec.yaml, activity `orders`."""
    document = document_of(MICREC, "lv")
    columns = document.sheet("activities").columns
    workbook = read_back(workbook_bytes(document))
    sheet = workbook["Apstrādes darbības"]
    assert [cell.value for cell in sheet[1]] == [column.heading for column in columns]
    values = logical_rows([[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)])
    orders = dict(zip([column.key for column in columns], values[0], strict=True))
    assert orders["id"] == "orders"
    assert orders["name"] == "Pasūtījumu/pirkumu apstrāde"
    assert orders["30.1.a"] == 'Pārzinis: SIA "Izdevniecība MicRec" Kopīgi pārziņi: nav zināms'
    assert orders["30.1.b"] == plain(
        "1. Piegādāt pasūtītos/iegādātos produktus vai pakalpojumus (tostarp paziņot par "
        "piegādi vai sazināties saistībā ar piegādi)\n"
        "2. Pārvaldīt maksājumus (tostarp veikt analīzi par to, kādi maksājumu risinājumi "
        "būtu jāpiedāvā)\n"
        "3. Pārvaldīt pirkumu atgriešanu, sūdzību izskatīšanu un garantijas problēmu pieteikumus"
    )
    # Art. 30(1)(c) in two columns, so that each can be filtered on its own.
    assert orders["30.1.c.subjects"] == "klienti"
    assert orders["30.1.c.data"].startswith("• Vārds, uzvārds • Kontaktinformācija")
    # The processor's contract is on the activity's row (here: not known).
    assert orders["30.1.d"].startswith(
        "• uzņēmumi, kas sniedz pakalpojumus, lai veiktu preču piegādi "
        "(apstrādātājs, valsts: nav zināms, līgums: nav zināms)"
    )
    assert orders["30.1.e"] == "nav zināms"
    assert orders["legal_basis"].startswith(
        "1. līguma izpilde (VDAR 6. panta 1. punkta b) apakšpunkts); Līgums: pirkuma līgums; "
        'Piezīmes: "Juridiskais pamats: Jūsu pasūtījumu apstrāde un pirkuma līguma saistību '
        'izpilde."'
    )
    # Rights follow from the bases (contract for every purpose): no right to object.
    assert orders["rights"] == (
        "• piekļuves tiesības (VDAR 15. pants) • tiesības labot (VDAR 16. pants) "
        "• tiesības uz dzēšanu (VDAR 17. pants) • tiesības ierobežot apstrādi (VDAR 18. pants) "
        "• tiesības uz datu pārnesamību (VDAR 20. pants)"
    )
    assert orders["special_categories"] == "nav zināms"
    # No purpose rests on legitimate interests: said so, not left empty ("not recorded").
    assert orders["legitimate_interests"] == "neattiecas"
    assert orders["sources"] == (
        'datu subjekts: "Visi no Jums iegūtie personas dati" (privacy policy)'
    )
    assert orders["automated_decisions"] == (
        "Profilēšana: nav zināms Automatizēta lēmumu pieņemšana: nav zināms"
    )
    # Left out of the YAML: an empty cell, not "nav zināms".
    assert orders["dpia"] is None
    assert orders["last_review"] is None


def test_the_activity_headings_name_article_30_1_briefly_and_the_guide_quotes_it() -> None:
    document = document_of(MICREC, "lv+en")
    columns = document.sheet("activities").columns
    cited = [column for column in columns if (column.article or "").startswith("Art. 30(1)")]
    assert [column.article for column in cited] == [
        "Art. 30(1)(a)",
        "Art. 30(1)(b)",
        "Art. 30(1)(c)",
        "Art. 30(1)(c)",
        "Art. 30(1)(d)",
        "Art. 30(1)(e)",
        "Art. 30(1)(f)",
        "Art. 30(1)(g)",
    ]
    purposes = next(column for column in cited if column.article == "Art. 30(1)(b)")
    assert purposes.heading == (
        "Apstrādes nolūki (VDAR 30. panta 1. punkta b) apakšpunkts)\n"
        "Purposes of the processing (Art. 30(1)(b))"
    )
    guide = list(document.sheet("columns").rows())
    by_heading = {row[1]: row for row in guide}
    for item in ARTICLE_30_1:
        column = next(column for column in cited if column.article == item.article)
        row = by_heading[column.heading]
        assert row[2] == f"{latvian_citation(item.article)} / {item.article}"
        assert row[3] == f"{item.latvian}\n{item.english}"
    transfers = document.sheet("transfers").columns
    mechanism = next(column for column in transfers if column.key == "mechanism")
    assert "VDAR 44.–49. pants" in mechanism.heading
    assert "(Art. 44–49)" not in mechanism.heading.split("\n")[0]


def test_a_processor_gets_the_article_30_2_layout() -> None:
    document = document_of(PROCESSOR, "en")
    assert [sheet.key for sheet in document.sheets] == [
        "controllers",
        "by_activity",
        "recipients",
        "transfers",
        "security_measures",
        "columns",
    ]
    controllers = document.sheet("controllers")
    assert [column.article for column in controllers.columns[1:5]] == [
        item.article for item in ARTICLE_30_2
    ]
    assert [column.wording for column in controllers.columns[1:5]] == [
        item.english for item in ARTICLE_30_2
    ]
    (row,) = list(controllers.rows())
    assert row[0] == "client-a"
    assert isinstance(row[1], str)
    assert row[1].startswith('SIA "Klients A"\nRegistration number: 40003111111')
    assert row[2] == "• Payroll calculation\n• Working-time records"
    assert row[3] == "none"
    assert row[6] == (
        "cloud hosting (Hetzner Online GmbH, sub-processor, country: Germany, contract: "
        f"{load(PROCESSOR).recipients[0].contract})"
    )


def test_markers_and_absent_values_in_each_language() -> None:
    for language, none, unknown in (
        ("lv", "nav", "nav zināms"),
        ("en", "none", "unknown"),
        ("lv+en", "nav / none", "nav zināms / unknown"),
    ):
        words = Words(language)  # type: ignore[arg-type]
        assert words.text("none") == none
        assert words.text("unknown") == unknown
        assert words.text(None) is None


def test_durations_agree_with_their_numbers_in_latvian() -> None:
    from ropa.model import Duration

    words = Words("lv")
    assert words.duration(Duration("P1Y")) == "1 gads"
    assert words.duration(Duration("P5Y")) == "5 gadi"
    assert words.duration(Duration("P21Y")) == "21 gads"
    assert words.duration(Duration("P11Y")) == "11 gadi"
    assert words.duration(Duration("P1Y6M")) == "1 gads 6 mēneši"
    assert Words("en").duration(Duration("P30D")) == "30 days"


# --------------------------------------------------------------------------- formatting


def test_the_workbook_is_formatted_for_people() -> None:
    document = document_of(MICREC)
    workbook = read_back(workbook_bytes(document))
    activities = workbook[document.sheet("activities").name]
    assert activities.freeze_panes == "C2"
    columns = document.sheet("activities").columns
    last = activities.max_row
    assert activities.auto_filter.ref == f"A1:{get_column_letter(len(columns))}{last}"
    assert activities.print_title_rows == "$1:$1"
    assert activities.print_title_cols == "$A:$B"
    setup = activities.page_setup
    # Printed at 75% (about 8 points), as many pages across as the columns need.
    assert (setup.orientation, setup.paperSize, setup.scale) == ("landscape", 9, 75)  # 9: A4
    assert not activities.sheet_properties.pageSetUpPr.fitToPage
    # A row's pages follow each other; cell borders print; header and footer on each page.
    assert setup.pageOrder == "overThenDown"
    assert activities.print_options.gridLines
    assert activities.oddHeader.left.text == 'SIA "Izdevniecība MicRec"'
    assert activities.oddHeader.right.text == "2024-05-31"
    # Columns for long texts wide enough to read as lines (purposes, recipients, ...).
    assert activities.column_dimensions[column_of(document, "30.1.b")].width == 40
    assert activities.column_dimensions[column_of(document, "30.1.d")].width == 48
    header = activities["A1"]
    assert header.font.b
    assert header.alignment.wrap_text
    # Brief headings: a few lines, not a quarter of the page.
    assert 30 < activities.row_dimensions[1].height < 80
    by_activity = workbook[document.sheet("by_activity").name]
    breaks = {brk.id for brk in by_activity.row_breaks.brk}
    identifiers = [activity.id for activity in load(MICREC).activities]
    titles = [row[0].row for row in by_activity.iter_rows() if row[0].value in identifiers]
    # Each activity from a new page (a break after the row above its title), printed at
    # 100%, its title and long values across columns B to D.
    assert [row - 1 for row in titles[1:]] == sorted(breaks & {row - 1 for row in titles})
    assert len(titles) > len(identifiers)  # lv+en: some go on over a page, titled again
    assert by_activity.page_setup.scale == 100
    assert f"B{titles[0]}:D{titles[0]}" in {str(ref) for ref in by_activity.merged_cells.ranges}
    properties = workbook.properties
    assert properties.title == document.title
    assert properties.creator == 'SIA "Izdevniecība MicRec"'
    assert properties.created == properties.modified == dt.datetime(2024, 5, 31)


# CT_Worksheet's elements in the order the schema requires (ECMA-376 Part 1, 18.3.1.99);
# Excel refuses a sheet whose elements come in another order.
_WORKSHEET_ORDER = [
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
]


def test_every_sheet_has_its_elements_in_the_schema_order() -> None:
    data = workbook_bytes(document_of(MICREC, findings=[]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        seen = set()
        for name in sheets:
            root = ElementTree.fromstring(archive.read(name))
            tags = [child.tag.rsplit("}", 1)[-1] for child in root]
            assert tags == sorted(tags, key=_WORKSHEET_ORDER.index), name
            seen.update(tags)
            breaks = root.find("{*}rowBreaks")
            if breaks is not None:
                assert int(breaks.get("count", "")) == len(breaks) > 0
            merges = root.find("{*}mergeCells")
            if merges is not None:
                assert int(merges.get("count", "")) == len(merges) > 0
    # The records sheet has both, written apart from openpyxl's objects.
    assert {"mergeCells", "rowBreaks", "headerFooter"} <= seen


def test_body_cells_wrap_through_the_default_format() -> None:
    data = workbook_bytes(document_of(MICREC))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("xl/styles.xml").decode()
    default = re.search(r"<cellXfs[^>]*>\s*<xf [^>]*>(.*?)</xf>", styles, flags=re.S)
    assert default is not None
    assert 'wrapText="1"' in default.group(1)
    assert 'vertical="top"' in default.group(1)


def test_row_heights_grow_with_the_text() -> None:
    one_line = row_height(["short"], [30])
    assert row_height(["x" * 300], [30]) > one_line * 5
    # Calibri 11 lines as Excel spaces them: 18 pixels at 96 dpi, 13.5 points.
    assert row_height(["a\nb\nc"], [30]) == pytest.approx(3 * 13.5 + 3)
    assert row_height(["x" * 100_000], [10]) == 409


# --------------------------------------------------------------------------- safety

HOSTILE = {
    "equals": '=HYPERLINK("http://example.com/steal","click")',
    "plus": "+1",
    "minus": "-2",
    "at": "@SUM(A1:A2)",
    "tab": "\tTAB",
    "cr": "\rCR",
}


def hostile_register(tmp_path: Path) -> Path:
    purposes = "\n".join(
        f"      - purpose: {json.dumps(text)}\n        legal_basis: unknown"
        for text in HOSTILE.values()
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(
        "ropa: 1\n"
        "organisation: {name: '=1+1', role: controller}\n"
        "activities:\n"
        f"  - id: a\n    name: {json.dumps(HOSTILE['equals'])}\n"
        f"    owner: {json.dumps(HOSTILE['at'])}\n"
        f"    purposes:\n{purposes}\n",
        encoding="utf-8",
    )
    return path


def test_formula_text_is_stored_as_text(tmp_path: Path) -> None:
    document = document_of(hostile_register(tmp_path), "en")
    data = workbook_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [
            archive.read(name).decode() for name in archive.namelist() if "worksheets" in name
        ]
    for xml in sheets:
        assert "<f>" not in xml
        assert "<f " not in xml
    activities = read_back(data)[document.sheet("activities").name]
    name = activities["B2"]
    assert name.value == HOSTILE["equals"]
    assert name.data_type == "s"
    assert name.quotePrefix
    owner = activities[f"{column_of(document, 'owner')}2"]
    assert owner.value == HOSTILE["at"]
    assert owner.quotePrefix
    purposes = activities[f"{column_of(document, '30.1.b')}2"].value
    for text in HOSTILE.values():
        assert text.strip() in purposes
    xml = next(xml for xml in sheets if "HYPERLINK" in xml)
    cell = re.search(r'<c r="B2"[^>]*>', xml)
    assert cell is not None
    assert 't="inlineStr"' in cell.group(0)


def test_cover_text_that_looks_like_a_formula_is_text_too(tmp_path: Path) -> None:
    document = document_of(hostile_register(tmp_path), "en")
    cover = read_back(workbook_bytes(document))[document.cover_name]
    cells = [cell for row in cover.iter_rows() for cell in row if cell.value == "=1+1"]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)


@pytest.mark.parametrize("text", HOSTILE.values())
def test_csv_cells_that_could_start_a_formula_get_a_quote(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Pasūtījumi") == "Pasūtījumi"
    assert neutralise(None) == ""


def test_csv_export_is_neutralised_end_to_end(tmp_path: Path) -> None:
    text = csv_text(document_of(hostile_register(tmp_path), "en"))
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1][1] == "'" + HOSTILE["equals"]


def test_illegal_xml_characters_do_not_break_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        'ropa: 1\norganisation: {role: controller}\nactivities:\n  - {id: a, name: "A\\x01B"}\n',
        encoding="utf-8",
    )
    document = document_of(path, "en")
    activities = read_back(workbook_bytes(document))[document.sheet("activities").name]
    assert activities["B2"].value == "A\ufffdB"


# --------------------------------------------------------------------------- reproducibility


def test_two_exports_are_byte_identical(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    write_xlsx(document_of(REGISTERS / "kilowats.yaml"), first)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 3)
    write_xlsx(document_of(REGISTERS / "kilowats.yaml"), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 5, 31, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-05-31T00:00:00Z" in core


def test_the_export_date_comes_from_the_option_then_source_date_epoch() -> None:
    assert export_date_from("2024-01-02", {}) == dt.date(2024, 1, 2)
    assert export_date_from(None, {"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    assert export_date_from("2024-01-02", {"SOURCE_DATE_EPOCH": "0"}) == dt.date(2024, 1, 2)
    assert export_date_from(None, {}) == dt.date.today()


def test_the_cover_names_the_register_version() -> None:
    version = RegisterVersion("a" * 40, uncommitted_changes=True)
    document = document_of(MICREC, "en", version=version)
    lines = {line.label: line.value for line in document.cover}
    assert lines["Register version"] == f"git {'a' * 40} (with uncommitted changes)"
    assert lines["Export date"] == dt.date(2024, 5, 31)
    plain = document_of(MICREC, "en")
    assert {line.label: line.value for line in plain.cover}["Register version"] == (
        "not under version control"
    )


# --------------------------------------------------------------------------- findings sheet


def finding_about(
    register: Register, path: tuple[str | int, ...], message: str, article: str
) -> Finding:
    """A finding at `path` under the register's first activity (or at the top: "organisation")."""
    orders = register.activities[0]
    return Finding(
        code="RT02",
        name="retention.vague",
        message=message,
        severity=Severity.WARNING,
        file=orders.origin.file,
        position=Position(231, 7),
        path=path if path[:1] == ("organisation",) else (*orders.origin.path, *path),
        hint="state a period",
        extra=(("article", article),),
    )


def test_the_findings_sheet_lists_findings_passed_in() -> None:
    register = load(MICREC)
    findings = [
        finding_about(
            register, ("retention",), "retention criteria are vague", "Art. 30(1)(f), 5(1)(e)"
        )
    ]
    document = build_document(register, language="lv+en", export_date=DATE, findings=findings)
    sheet = document.sheet("findings")
    workbook = read_back(workbook_bytes(document))
    rows = sheet_values(workbook[sheet.name])
    # What an inspector reads: severity, article, the activity, what is wrong; the file
    # position last, relative to the register's directory; no YAML-editing hint.
    assert rows[1] == [
        "brīdinājums / warning",
        "VDAR 30. panta 1. punkta f) apakšpunkts, VDAR 5. panta 1. punkta e) apakšpunkts"
        " / Art. 30(1)(f), 5(1)(e)",
        "orders",
        "retention criteria are vague",
        "RT02",
        "micrec.yaml:231:7",
    ]
    assert {line.label: line.value for line in document.cover}["Konstatējumi / Findings"] == 1


# --------------------------------------------------------------------------- other formats


def test_csv_has_a_byte_order_mark_and_the_activity_columns() -> None:
    document = document_of(MICREC, "lv")
    text = csv_text(document)
    assert text.startswith("\ufeffID,")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    sheet = document.sheet("activities")
    assert rows[0] == [column.heading for column in sheet.columns]
    assert len(rows) == 1 + sheet.row_count
    assert rows[1][1] == "Pasūtījumu/pirkumu apstrāde"


def test_json_is_the_normalised_register() -> None:
    register = load(MICREC)
    document = json.loads(json_text(register))
    assert document["format_version"] == 1
    assert document["files"] == register.files
    assert document["organisation"]["name"] == 'SIA "Izdevniecība MicRec"'
    assert [activity["id"] for activity in document["activities"]] == [
        activity.id for activity in register.activities
    ]
    assert "Izdevniecība" in json_text(register)  # not escaped as \\u...
    assert json_text(register) == json_text(load(MICREC))


def test_json_keeps_durations_as_written() -> None:
    register = load(FIXTURES / "valid" / "full-example.yaml")
    document = json.loads(json_text(register))
    assert document["activities"][0]["retention"]["period"] == "P3Y"
    assert document["activities"][0]["retention"]["from"]["en"] == "delivery of the order"


def test_markdown_has_a_section_per_activity() -> None:
    register = load(MICREC)
    text = markdown_text(document_of(MICREC, "en"))
    sections = re.findall(r"^### (.*)$", text, flags=re.M)
    titles = [
        f"{activity.name.en} (`{activity.id}`)"  # type: ignore[union-attr]
        for activity in register.activities
    ]
    assert sections[: len(titles)] == titles
    assert sections[0] == "Order/purchase processing (`orders`)"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*bold* and _it_", "\\*bold\\* and \\_it\\_"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<script>", "\\<script\\>"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("a | b", "a \\| b"),
        ("Meža iela 7-20", "Meža iela 7-20"),
    ],
)
def test_markdown_escapes_register_text(text: str, escaped: str) -> None:
    assert escape(text) == escaped


# --------------------------------------------------------------------------- terms


def test_every_term_has_both_languages() -> None:
    for key, term in TERMS.items():
        assert term.latvian.strip(), key
        assert term.english.strip(), key


def test_the_unverified_words_are_everyday_words_not_legal_terms() -> None:
    """Legal terms must cite a source; this list is what a Latvian reviewer should read."""
    legal = {"controller", "processor", "dpo", "legal_basis", "special_categories", "dpia"}
    assert not legal & set(UNVERIFIED)
    assert {"none", "unknown"} <= set(UNVERIFIED)


def test_sheet_names_are_valid_for_excel() -> None:
    for path in (MICREC, PROCESSOR):
        for language in LANGUAGES:
            document = document_of(path, language)
            names = [document.cover_name] + [sheet.name for sheet in document.sheets]
            for name in names:
                assert len(name) <= 31, name
                assert not set(name) & set(":\\/?*[]"), name


# --------------------------------------------------------------------------- the command


def test_export_a_workbook_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "micrec.xlsx"
    result = invoke("export", str(MICREC), "-o", str(target), "--date", "2024-05-31")
    assert result.returncode == 0, result.stdout + result.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "Reģistrs – Register"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # like any new file, not 0600
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("export_format", ["xlsx", "json"])
def test_an_export_inside_another_process_lets_that_process_collect(
    tmp_path: Path, export_format: str
) -> None:
    """The CLI also runs inside other processes (this test suite, an editor): an export
    there leaves the collector on and freezes nothing of theirs (frozen objects are never
    collected, so that process's garbage would pile up)."""

    class Cyclic:
        own: object = None

    gc.collect()
    frozen = gc.get_freeze_count()
    garbage = Cyclic()
    garbage.own = garbage
    gone = weakref.ref(garbage)
    del garbage
    target = tmp_path / f"micrec.{export_format}"
    result = invoke(
        "export", str(MICREC), "-f", export_format, "-o", str(target), "--date", "2024-05-31"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.collect()
    assert gone() is None


def test_the_same_command_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        result = run_ropa(
            "export",
            str(MICREC),
            "-o",
            str(tmp_path / name),
            env={"SOURCE_DATE_EPOCH": "1717113600"},
        )
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("export_format", ["json", "csv", "markdown"])
def test_text_formats_go_to_standard_output(export_format: str) -> None:
    result = invoke("export", str(MICREC), "-f", export_format, "-o", "-", "--date", "2024-05-31")
    assert result.returncode == 0
    assert "MicRec" in result.stdout


def test_a_workbook_goes_to_standard_output_when_it_is_not_a_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ropa", "export", str(MICREC), "--date", "2024-05-31"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(io.BytesIO(result.stdout))
    assert "Apstrādes darbības – Activities" in workbook.sheetnames


def test_a_missing_path_exits_2_like_validate() -> None:
    result = run_ropa("export", "no/such.yaml", "-o", "x.xlsx")
    assert result.returncode == 2
    assert "no/such.yaml: IN01 no such file or directory" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_an_invalid_register_exits_1_with_the_validate_findings(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("ropa: 1\norganisation: {role: boss}\n", encoding="utf-8")
    result = run_ropa("export", str(path), "-o", str(tmp_path / "r.xlsx"))
    assert result.returncode == 1
    assert "SC04 `boss` is not a valid value for `role`" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_several_registers_are_a_usage_error() -> None:
    result = run_ropa("export", str(REGISTERS), "-f", "json")
    assert result.returncode == 2
    assert "export one at a time" in result.stderr


def test_with_findings_adds_the_findings_of_ropa_check(tmp_path: Path) -> None:
    """The findings sheet holds exactly what `ropa check` reports for the same date."""
    target = tmp_path / "micrec.xlsx"
    exported = run_ropa(
        "export", str(MICREC), "--with-findings", "--date", "2026-11-22", "-o", str(target)
    )
    assert exported.returncode == 0, exported.stderr
    checked = run_ropa("check", str(MICREC), "--today", "2026-11-22", "--format", "json")
    expected = [
        [
            finding["code"],
            finding["severity"],
            f"{Path(finding['file']).name}:{finding['line']}:{finding['column']}",
            finding["message"],
            finding["article"],
        ]
        for finding in json.loads(checked.stdout)["findings"]
    ]
    assert expected
    workbook = openpyxl.load_workbook(target, read_only=True)
    sheet = next(workbook[name] for name in workbook.sheetnames if "Findings" in name)
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    # lv+en: the Latvian message above the English one.
    shown = [
        [
            row[4],
            str(row[0]).split(" / ")[-1],
            row[5],
            str(row[3]).split("\n")[-1],
            str(row[1]).split(" / ")[-1],
        ]
        for row in rows
    ]
    assert shown == expected
    assert all(len(str(row[3]).split("\n")) == 2 for row in rows)


def test_with_findings_is_refused_for_csv_and_json() -> None:
    result = run_ropa("export", str(MICREC), "--with-findings", "-f", "csv")
    assert result.returncode == 2
    assert "--with-findings" in result.stderr


def test_a_bad_date_is_a_usage_error() -> None:
    result = run_ropa("export", str(MICREC), "--date", "31.05.2024", "-f", "json")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_an_unwritable_target_is_a_usage_error(tmp_path: Path) -> None:
    result = run_ropa("export", str(MICREC), "-o", str(tmp_path / "no" / "dir" / "r.xlsx"))
    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_export_does_not_import_openpyxl_for_validate() -> None:
    result = run_ropa(
        "validate",
        str(MICREC),
        env={"PYTHONPROFILEIMPORTTIME": "1"},
    )
    assert result.returncode == 0
    assert "openpyxl" not in result.stderr


def test_the_json_export_reads_back_as_a_register_file() -> None:
    from ropa.model import RegisterFile

    document = json.loads(json_text(load(REGISTERS / "kilowats.yaml")))
    parts = {key: document[key] for key in ("organisation", "recipients", "activities")}
    RegisterFile.model_validate({"ropa": 1, **parts})


def test_an_export_to_standard_output_has_the_same_bytes_as_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "m.xlsx"
    to_file = run_ropa("export", str(MICREC), "--date", "2025-01-15", "-o", str(target))
    assert to_file.returncode == 0
    piped = subprocess.run(
        [sys.executable, "-m", "ropa", "export", str(MICREC), "--date", "2025-01-15"],
        capture_output=True,
        check=True,
    )
    assert piped.stdout == target.read_bytes()


# --------------------------------------------------------------------------- nothing cut off


def test_a_row_too_tall_for_excel_continues_below_and_loses_nothing() -> None:
    from ropa.exporters.xlsx import split_row

    long = "\n".join(f"line {number} " + "word " * 20 for number in range(120))
    row = ["a-1", "Name", long, "short"]
    widths = [12, 20, 30, 10]
    parts = split_row(row, widths)
    assert len(parts) > 1
    assert parts[0][0] == "a-1"
    assert parts[0][3] == "short"
    assert all(part[0] == "↳ a-1" for part in parts[1:])
    assert all(row_height(part, widths) < 409 for part in parts)
    rebuilt = " ".join(str(part[2]) for part in parts)
    assert " ".join(rebuilt.split()) == " ".join(long.split())


def test_the_summary_and_the_cover_do_not_count_placeholders(tmp_path: Path) -> None:
    target = tmp_path / "m.xlsx"
    result = run_ropa("export", str(MICREC), "--lang", "en", "-o", str(target))
    assert result.returncode == 0, result.stderr
    # Every activity of micrec says `transfers: unknown`: no transfer is counted.
    assert "4 activities, 4 recipients, 0 transfers, transfers unknown for 4 more" in (
        result.stderr
    )
    lines = {line.label: line.value for line in document_of(MICREC, "en").cover}
    assert lines["Transfers"] == 0
    assert lines["Activities whose transfers are unknown"] == 4


def test_long_rows_are_reported_on_standard_error_and_the_cover(tmp_path: Path) -> None:
    source = tmp_path / "long.yaml"
    purposes = "\n".join(
        f"      - purpose: {'x' * 30} {number} {'y ' * 40}" for number in range(60)
    )
    source.write_text(
        "ropa: 1\norganisation: {name: SIA A, role: controller}\n"
        f"activities:\n  - id: long-one\n    name: Long\n    purposes:\n{purposes}\n",
        encoding="utf-8",
    )
    target = tmp_path / "long.xlsx"
    result = run_ropa("export", str(source), "--lang", "en", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "note:" in result.stderr
    assert "long-one" in result.stderr
    cover = sheet_values(openpyxl.load_workbook(target)["Register"])
    continued = [row for row in cover if row[0] == "Continued rows"]
    assert continued
    assert "long-one" in str(continued[0][1])
