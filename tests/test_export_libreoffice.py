"""A real spreadsheet program opens the workbook: LibreOffice converts it to CSV and PDF.

LibreOffice is installed by `.ci/run`. Where it is missing the test is skipped with the
reason, except in CI (the `CI` environment variable is set), where it fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from benchmarks import generate

from ropa.exporters.table import LANGUAGES, TitleRow, as_text, build_document
from ropa.exporters.xlsx import write_xlsx
from ropa.validate import validate_paths
from tests.conftest import REGISTERS, SEED_REGISTERS, need
from tests.test_export import by_record, logical_rows, plain, record_pairs
from tests.test_export_fields import register_values

DATE = dt.date(2024, 5, 31)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def convert(
    soffice: str, source: Path, target: str, out: Path, profile: Path, timeout: float = 180
) -> None:
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_libreoffice_reads_every_sheet_and_prints_it(tmp_path: Path) -> None:
    soffice = need(SOFFICE, "LibreOffice (soffice)")
    pdftotext = need(PDFTOTEXT, "pdftotext (poppler-utils)")
    (register,) = validate_paths([str(REGISTERS / "kilowats.yaml")]).registers
    document = build_document(register, language="lv+en", export_date=dt.date(2024, 5, 31))
    workbook = tmp_path / "kilowats.xlsx"
    write_xlsx(document, workbook)
    profile = tmp_path / "profile"

    # Every sheet to its own CSV (filter option 12 = -1: all sheets), UTF-8 (76).
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    convert(soffice, workbook, csv_filter, tmp_path / "csv", profile)
    for sheet in document.sheets:
        exported = tmp_path / "csv" / f"kilowats-{sheet.name}.csv"
        assert exported.exists(), sorted(p.name for p in (tmp_path / "csv").iterdir())
        with exported.open(encoding="utf-8", newline="") as stream:
            rows = logical_rows([[value or None for value in row] for row in csv.reader(stream)])
        headings: list[Any] = [c.heading for c in sheet.columns]
        expected = [[plain(as_text(value)) for value in row] for row in sheet.rows()]
        if sheet.records:
            rows = by_record(record_pairs(rows, sheet))
            expected = by_record(
                [
                    TitleRow(plain(as_text(value)) for value in row)
                    if isinstance(row, TitleRow)
                    else [plain(as_text(value)) for value in row]
                    for row in sheet.rows()
                ]
            )
            assert rows == expected, sheet.key
            continue
        expected.insert(0, [plain(heading) for heading in headings])
        assert len(rows) == len(expected), sheet.key
        for got, want in zip(rows, expected, strict=True):
            assert got[: len(want)] == want, sheet.key
    cover = (tmp_path / "csv" / f"kilowats-{document.cover_name}.csv").read_text("utf-8")
    assert "SIA KILOWATS Latvija" in cover
    assert "Apstrādes darbību reģistrs" in cover

    convert(soffice, workbook, "pdf", tmp_path / "pdf", profile)
    pdf = tmp_path / "pdf" / "kilowats.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected_text in (
        "SIA KILOWATS Latvija",
        "Apstrādes darbības – Activities",  # the footer names each sheet
        "apstrādes nolūki",
        "Pasūtījumu apstrāde",
        "Nosūtīšana – Transfers",
        "Reģistrs – Register",
        "nav zināms / unknown",
        "Saņēmēji – Recipients",
    ):
        assert expected_text in text, expected_text


def unbroken(text: str) -> str:
    """Text without spaces, line breaks and hyphens: pdftotext joins a word broken at a
    hyphen at the end of a line and drops the hyphen ("identity-verification" printed
    over two lines reads "identityverification")."""
    return re.sub(r"[\s\-]+", "", text)


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("-", ""))


def printed(value: str, text: str, words: list[str], starts: dict[str, list[int]]) -> bool:
    """`value` is in the PDF's text: as one run, or, where pdftotext read two cells side
    by side into each other's lines, as its words in order within a short stretch."""
    if unbroken(value) in text:
        return True
    wanted = tokens(value)
    if not wanted:
        return True
    window = 3 * len(wanted) + 60
    for start in starts.get(wanted[0], []):
        position = start
        for word in wanted[1:]:
            try:
                position = words.index(word, position + 1, start + window)
            except ValueError:
                break
        else:
            return True
    return False


@pytest.mark.slow
def test_every_value_is_printed_in_every_language(tmp_path: Path) -> None:
    """No text hidden by a row too short for it: every value of each example register,
    in each language, is in the text of the PDF LibreOffice prints from the workbook."""
    soffice = need(SOFFICE, "LibreOffice (soffice)")
    pdftotext = need(PDFTOTEXT, "pdftotext (poppler-utils)")
    workbooks = []
    for path in SEED_REGISTERS:
        (register,) = validate_paths([str(path)]).registers
        for language in LANGUAGES:
            document = build_document(register, language=language, export_date=DATE)
            workbook = tmp_path / f"{path.stem}-{language.replace('+', '_')}.xlsx"
            write_xlsx(document, workbook)
            workbooks.append((workbook, register, language))
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *(str(workbook) for workbook, _, _ in workbooks),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for workbook, register, language in workbooks:
        pdf = tmp_path / "pdf" / workbook.with_suffix(".pdf").name
        raw = subprocess.run(
            [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        text, words = unbroken(raw), tokens(raw)
        starts: dict[str, list[int]] = {}
        for index, word in enumerate(words):
            starts.setdefault(word, []).append(index)
        expected = register_values(register, language)
        assert expected
        hidden = sorted({value for value in expected if not printed(value, text, words, starts)})
        assert hidden == [], f"{workbook.name}: {hidden[:5]}"


def pdf_pages(pdftotext: str, pdf: Path) -> list[str]:
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_activity_prints_from_its_own_page(tmp_path: Path, language: str) -> None:
    """The by-activity sheet as LibreOffice prints it: each activity starts a page with
    its title; one that goes on over a page has its name at the top of the next; and
    one whose fields fit a page of A4 landscape takes exactly one page."""
    soffice = need(SOFFICE, "LibreOffice (soffice)")
    pdftotext = need(PDFTOTEXT, "pdftotext (poppler-utils)")
    (register,) = validate_paths([str(REGISTERS / "website.yaml")]).registers
    document = build_document(register, language=language, export_date=DATE)  # type: ignore[arg-type]
    sheet = document.sheet("by_activity")
    workbook = tmp_path / "website.xlsx"
    planned = write_xlsx(document, workbook).pages[sheet.name]
    convert(soffice, workbook, "pdf", tmp_path / "pdf", tmp_path / "profile")
    footer = re.compile(rf"{re.escape(sheet.name)} — \d+ / \d+")
    pages = pdf_pages(pdftotext, tmp_path / "pdf" / "website.pdf")
    printed = [page for page in pages if footer.search(page)]
    titles = [(str(row[0]), str(row[1])) for row in sheet.rows() if isinstance(row, TitleRow)]
    assert printed, "no page of the by-activity sheet"

    def first_lines(page: str) -> str:
        # The page header (organisation, date), then the title row.
        return " ".join(" ".join(page.strip().splitlines()[1:4]).split())

    pages_of: dict[str, int] = {}
    current = None
    for page in printed:
        top = first_lines(page)
        starting = [
            identifier
            for identifier, name in titles
            if top.startswith(identifier) and " ".join(name.split())[:30] in top
        ]
        if current is None or (starting and starting[0] != current):
            assert starting, f"a page that starts no activity and names none: {top[:80]}"
            current = starting[0]
            pages_of[current] = 1
            continue
        # A page that goes on with the same activity names it at the top.
        assert starting == [current], top[:80]
        pages_of[current] += 1
    assert list(pages_of) == [identifier for identifier, _ in titles]
    # Printed on the pages the writer laid it out on: no page broken where it did not
    # plan one, so an activity that fits one page takes exactly one.
    assert pages_of == planned
    if language == "lv+en":
        # Both languages at once: each activity of this register takes two pages.
        assert max(pages_of.values()) <= 2, pages_of
    else:
        # In one language every activity of this register fits one page.
        assert set(pages_of.values()) == {1}, pages_of


@pytest.mark.slow
def test_a_register_too_large_for_one_sheets_page_breaks_prints_each_activity_apart(
    tmp_path: Path,
) -> None:
    """1,100 activities, over 2,000 pages: more page breaks than one sheet of Excel holds,
    so the by-activity sheet goes on in numbered sheets (`MAX_ROW_BREAKS`). LibreOffice
    opens the workbook and prints it: every page of those sheets starts with an activity,
    each activity starts a page, in the register's order, on the pages the writer
    planned. (About a minute on a loaded 2-core machine; the bound is a safety net.)"""
    soffice = need(SOFFICE, "LibreOffice (soffice)")
    pdftotext = need(PDFTOTEXT, "pdftotext (poppler-utils)")
    source = tmp_path / "large.yaml"
    source.write_text("".join(generate.register(1_100)), encoding="utf-8")
    (register,) = validate_paths([str(source)]).registers
    document = build_document(register, language="lv+en", export_date=DATE)
    workbook = tmp_path / "large.xlsx"
    report = write_xlsx(document, workbook)
    base = document.sheet("by_activity").name
    parts = [name for name, _first, _last in report.parts[base]]
    assert len(parts) >= 3
    convert(soffice, workbook, "pdf", tmp_path / "pdf", tmp_path / "profile", timeout=1_200)
    pages = pdf_pages(pdftotext, tmp_path / "pdf" / "large.pdf")
    footer = re.compile(rf"({re.escape(base)}(?: \(\d+\))?) — \d+ / \d+")
    identifiers = [activity.id for activity in register.activities]
    known = set(identifiers)
    printed: dict[str, dict[str, int]] = {}
    for page in pages:
        found = footer.search(page)
        if found is None:
            continue
        # The page header (organisation, date), then the title row: an activity's id.
        lines = [line for line in page.strip().splitlines() if line.strip()]
        first = lines[1].split()[0]
        assert first in known, lines[1][:80]
        sheet = printed.setdefault(found.group(1), {})
        sheet[first] = sheet.get(first, 0) + 1
    assert list(printed) == parts
    assert [identifier for sheet in printed.values() for identifier in sheet] == identifiers
    assert printed == {name: report.pages[name] for name in parts}
