"""The by-activity sheet within Excel's limit of manual page breaks per sheet, at any size.

Each activity starts a page of its own through a manual page break, and one sheet of
Excel holds at most `MAX_ROW_BREAKS` of them: a larger register's by-activity sheet goes
on in numbered sheets after it. The workbooks are read as XML, as Excel would read them:
the `<brk>` elements of each sheet, and its rows.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from benchmarks import generate

from ropa.exporters import xlsx
from ropa.exporters.table import LANGUAGES, Language, TitleRow, build_document
from ropa.exporters.xlsx import MAX_ROW_BREAKS, part_name, write_xlsx
from ropa.i18n import translate
from ropa.knowledge.terms import TERMS
from ropa.validate import validate_paths
from tests.conftest import REGISTERS, SEED_REGISTERS, run_ropa

DATE = dt.date(2024, 5, 31)
# More activities than one sheet holds page breaks for, even at one page each.
GENERATED = 1_100

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SHEET_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW = re.compile(rb'<row r="(\d+)"[^>]*>(.*?)</row>', re.S)
_FIRST_CELL = re.compile(rb'^<c r="A\d+"[^>]*t="inlineStr"><is><t[^>]*>(.*?)</t>', re.S)
_BREAK = re.compile(rb'<brk id="(\d+)"')


def sheets_of(workbook: Path) -> dict[str, bytes]:
    """Each worksheet's XML by its name, in the workbook's order."""
    with zipfile.ZipFile(workbook) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {
            relation.get("Id"): relation.get("Target", "").lstrip("/")
            for relation in relations.iter(f"{_RELATIONSHIPS}Relationship")
        }
        out = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = targets[sheet.get(_SHEET_RELATION)]
            name = target if target.startswith("xl/") else f"xl/{target}"
            out[str(sheet.get("name"))] = archive.read(name)
    return out


def pages_of(xml: bytes, identifiers: set[str]) -> list[str]:
    """The record each printed page of a records sheet starts with (its title row's id),
    checking that every page starts with a title row and every title row a page."""
    breaks = [int(number) for number in _BREAK.findall(xml)]
    assert breaks == sorted(set(breaks))
    counted = re.search(rb'<rowBreaks count="(\d+)" manualBreakCount="(\d+)">', xml)
    if breaks:
        assert counted is not None
        assert int(counted.group(1)) == int(counted.group(2)) == len(breaks)
    else:
        assert counted is None
    titles: dict[int, str] = {}
    for number, cells in _ROW.findall(xml):
        first = _FIRST_CELL.match(cells)
        if first is not None and first.group(1).decode() in identifiers:
            titles[int(number)] = first.group(1).decode()
    page_starts = [1] + [row + 1 for row in breaks]
    assert sorted(titles) == page_starts, "a page that starts with no title, or a title mid-page"
    return [titles[row] for row in page_starts]


def by_activity_sheets(sheets: dict[str, bytes], base: str) -> list[str]:
    names = list(sheets)
    start = names.index(base)
    parts = [base]
    for name in names[start + 1 :]:
        if name != part_name(base, len(parts) + 1):
            break
        parts.append(name)
    return parts


def check_names(names: list[str]) -> None:
    assert len({name.casefold() for name in names}) == len(names)
    assert all(0 < len(name) <= 31 for name in names), names
    assert not any(set(name) & set(":\\/?*[]") for name in names), names


@pytest.fixture(scope="module")
def large_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "register.yaml"
    path.write_text("".join(generate.register(GENERATED)), encoding="utf-8")
    return path


def test_a_large_register_keeps_every_sheet_within_the_limit(
    large_register: Path, tmp_path: Path
) -> None:
    """Exported by the command as a user would: no sheet has more page breaks than Excel
    allows, every activity still starts a page of its own, in the register's order, and
    the command and the cover say over which sheets the by-activity sheet goes on."""
    target = tmp_path / "large.xlsx"
    result = run_ropa("export", str(large_register), "-o", str(target), "--lang", "lv+en")
    assert result.returncode == 0, result.stderr
    sheets = sheets_of(target)
    check_names(list(sheets))
    for name, xml in sheets.items():
        assert len(re.findall(rb"<brk ", xml)) <= MAX_ROW_BREAKS, name
    base = f"{TERMS['by_activity'].latvian} – {TERMS['by_activity'].english}"
    parts = by_activity_sheets(sheets, base)
    # lv+en: two pages an activity, so 512 activities a sheet.
    assert len(parts) >= 3, list(sheets)
    identifiers = [f"activity-{index}" for index in range(GENERATED)]
    started: list[str] = []
    for name in parts:
        pages = pages_of(sheets[name], set(identifiers))
        assert len(pages) - 1 <= MAX_ROW_BREAKS
        started += [
            identifier
            for index, identifier in enumerate(pages)
            if index == 0 or pages[index - 1] != identifier
        ]
    assert started == identifiers
    # The parts follow each other in the workbook, right after the first.
    names = list(sheets)
    assert names[names.index(base) : names.index(base) + len(parts)] == parts
    assert f"goes on over {len(parts)} sheets" in result.stderr
    assert f"`{parts[1]}` (activity-" in result.stderr
    cover = sheets[next(iter(sheets))].decode()
    assert TERMS["split_sheets"].english in cover
    for name in parts:
        assert xlsx.xml_text(name).replace("&", "&amp;") in cover


@pytest.mark.parametrize("limit", [0, 1, 3])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_record_starts_a_page_whatever_the_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, limit: int, language: Language
) -> None:
    """The limit made small, so that seed registers split: sheets of at most `limit`
    breaks; each record starts a page; a record longer than a whole sheet's breaks
    (limit 0, 1) goes on in the next sheet, titled "continued" there; every page is
    where the writer planned it."""
    (register,) = validate_paths([str(REGISTERS / "website.yaml")]).registers
    document = build_document(register, language=language, export_date=DATE)
    base = document.sheet("by_activity").name
    whole = write_xlsx(document, tmp_path / "whole.xlsx").pages[base]
    monkeypatch.setattr(xlsx, "MAX_ROW_BREAKS", limit)
    report = write_xlsx(document, tmp_path / "split.xlsx")
    sheets = sheets_of(tmp_path / "split.xlsx")
    check_names(list(sheets))
    parts = by_activity_sheets(sheets, base)
    identifiers = [
        str(row[0]) for row in document.sheet("by_activity").rows() if isinstance(row, TitleRow)
    ]
    printed: dict[str, int] = {}
    for name in parts:
        for identifier in pages_of(sheets[name], set(identifiers)):
            printed[identifier] = printed.get(identifier, 0) + 1
        assert len(_BREAK.findall(sheets[name])) <= limit
    assert list(printed) == identifiers
    assert printed == whole
    planned: dict[str, int] = {}
    for name in parts:
        for identifier, pages in report.pages[name].items():
            planned[identifier] = planned.get(identifier, 0) + pages
    assert planned == whole
    if sum(whole.values()) - 1 <= limit:  # one sheet holds them all
        assert parts == [base]
        assert report.parts == {}
        return
    assert len(parts) > 1
    assert [name for name, _first, _last in report.parts[base]] == parts
    if limit == 0:
        assert len(parts) == sum(whole.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.name)
def test_a_small_register_keeps_one_by_activity_sheet(
    tmp_path: Path, path: Path, language: Language
) -> None:
    (register,) = validate_paths([str(path)]).registers
    document = build_document(register, language=language, export_date=DATE)
    report = write_xlsx(document, tmp_path / "small.xlsx")
    assert report.parts == {}
    sheets = sheets_of(tmp_path / "small.xlsx")
    assert list(sheets) == [document.cover_name] + [sheet.name for sheet in document.sheets]
    assert TERMS["split_sheets"].latvian not in sheets[document.cover_name].decode()


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [
        ("Pa darbībām – By activity", 2, "Pa darbībām – By activity (2)"),
        ("Pa darbībām", 12, "Pa darbībām (12)"),
        ("By activity", 1000, "By activity (1000)"),
        # Shortened to Excel's 31 characters, never the number.
        ("Pa darbībām – By activity", 100, "Pa darbībām – By activity (100)"),
        ("Pa darbībām – By activity", 1000, "Pa darbībām – By activit (1000)"),
        ("x" * 31, 2, "x" * 27 + " (2)"),
    ],
)
def test_part_names_fit_excel(name: str, number: int, expected: str) -> None:
    assert part_name(name, number) == expected
    assert len(part_name(name, number)) <= 31


def test_the_cover_lists_many_sheets_in_short(
    monkeypatch: pytest.MonkeyPatch, large_register: Path, tmp_path: Path
) -> None:
    """Over a hundred sheets (the limit made small): the cover names the first and the
    last, so its row stays within Excel's 409 points; the command's note names the first
    ten and counts the rest, so that it stays one readable line."""
    (register,) = validate_paths([str(large_register)]).registers
    document = build_document(register, language="lv+en", export_date=DATE)
    monkeypatch.setattr(xlsx, "MAX_ROW_BREAKS", 19)
    report = write_xlsx(document, tmp_path / "many.xlsx")
    base = document.sheet("by_activity").name
    parts = [name for name, _first, _last in report.parts[base]]
    assert len(parts) == GENERATED // 10
    cover = sheets_of(tmp_path / "many.xlsx")[document.cover_name].decode()
    assert f"{parts[0]}: activity-0 … activity-9" in cover
    assert f"{parts[-1]}: activity-1090 … activity-1099" in cover
    assert parts[1] not in cover
    (note,) = [str(note) for note in report.notes() if "goes on over" in str(note)]
    assert all(f"`{name}`" in note for name in parts[:10])
    assert f"`{parts[10]}`" not in note
    assert note.endswith(f"and {len(parts) - 10} more")


def test_a_note_of_many_long_rows_names_ten_and_counts_the_rest() -> None:
    rows = [f"recipient-{index}" for index in range(2_333)]
    report = xlsx.WriteReport(continued={"Saņēmēji – Recipients": rows})
    (note,) = report.notes()
    english = str(note)
    assert english.startswith("2,333 rows of sheet `Saņēmēji – Recipients` are longer")
    assert "recipient-9 " in english
    assert "recipient-10" not in english
    assert english.endswith("recipient-9 and 2,323 more")
    assert translate(note, "lv").endswith("recipient-9 un vēl 2\u00a0323")
    (few,) = xlsx.WriteReport(continued={"Sheet": rows[:3]}).notes()
    assert str(few).endswith(": recipient-0, recipient-1, recipient-2")


def test_the_cover_names_thirty_long_rows_and_counts_the_rest() -> None:
    rows = [f"recipient-{index}" for index in range(2_333)]
    listed = xlsx._cover_rows(rows)
    assert listed.startswith("recipient-0, recipient-1, ")
    assert listed.endswith("recipient-29 … (+2\u2009303)")
    assert "recipient-30" not in listed
    assert xlsx._cover_rows(rows[:30]) == ", ".join(rows[:30])
