"""The Excel workbook for the regulator: the only module that uses openpyxl.

Built in openpyxl's write-only mode, which streams rows to disk and scales to tens of
thousands of activities. Three things are done beyond writing cells:

* **Formula safety.** openpyxl stores any text starting with `=` as a formula. Every cell
  whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written as a
  string explicitly, with Excel's "quote prefix" so it is shown and edited as typed.
* **Wrapped text without per-cell styles.** Body cells carry no style of their own; the
  workbook's default cell format wraps text and aligns it to the top. Styling every cell
  instead costs about half again the time of writing it.
* **Reproducible bytes.** Document properties carry the export date; every zip entry gets
  a fixed timestamp and attributes. The same register exported on the same date gives
  the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ropa import ooxml
from ropa.exporters import measure
from ropa.exporters.table import (
    CoverLine,
    ExportDocument,
    Sheet,
    TitleRow,
    Value,
    as_text,
    record_of,
)
from ropa.i18n import Message, counted
from ropa.knowledge.terms import TERMS

# Text that a spreadsheet program may take for a formula (OWASP, "CSV Injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Excel's limit for the text of one cell.
MAX_CELL_CHARACTERS = 32_767

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FONT = Font(name="Calibri", family=2, bold=True, size=9)
_LABEL_FONT = Font(name="Calibri", family=2, bold=True, size=11)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
_TITLE_FONT = Font(name="Calibri", family=2, bold=True, size=14)
_NO_WRAP = Alignment(wrap_text=False, vertical="top")
# Row heights: explicit, because neither Excel nor LibreOffice reliably fits a row to
# wrapped text when opening a file. Estimated from the text: a line of the default font
# (Calibri 11) is as high as Excel draws it (the font's line height, 13.5 points) and
# holds about as many characters as the column is wide.
_LINE_POINTS = measure.line_points(11)
_HEADING_LINE_POINTS = measure.line_points(9)
_ROW_PADDING_POINTS = 3.0
_MAX_ROW_POINTS = 409.0  # Excel's limit
# Manual page breaks (horizontal) on one sheet. Excel allows 1,026: Microsoft's "Excel
# specifications and limits" ("Page breaks: 1,026 horizontal and vertical") and the VBA
# reference, Worksheet.HPageBreaks ("a limit of 1,026 horizontal page breaks per sheet",
# learn.microsoft.com/en-us/office/vba/api/excel.worksheet.hpagebreaks). The binary
# formats' specifications: [MS-XLS] 2.4.142 HorizontalPageBreaks, cbrk "MUST be less than
# or equal to 1026"; [MS-XLSB] 2.4.196 BrtBeginRwBrk, ibrkMac "MUST be less than or equal
# to 1,023" (learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xlsb/
# df559790-8be2-4187-95c7-ce4641bfc36a). The lowest is kept, so that Excel can also save
# the workbook as .xlsb. A records sheet that would need more goes on in a sheet of its
# own (`_Records`).
MAX_ROW_BREAKS = 1_023
_LANGUAGE_TAGS = {"lv": "lv-LV", "en": "en-GB", "lv+en": "lv-LV"}

Progress = Callable[[int], None]
# Makes the worksheet of a records sheet's next part: (the part before, the sheet, the
# new part's number from 2).
NextPart = Callable[[Any, Sheet, int], Any]

_CONTINUED = "↳ "
# Lines of the default font that fit in one row (Excel's limit less the padding).
_MAX_ROW_LINES = int((_MAX_ROW_POINTS - _ROW_PADDING_POINTS) // _LINE_POINTS)
# Print scale of wide tables (not fitted to the page width): about 8 points for 11.
_TABLE_SCALE = 75


# A note names at most this many rows or sheets: a register of thousands of activities
# would otherwise print one line of thousands of names.
_NAMED_AT_MOST = 10


def _named(names: list[str]) -> Message | str:
    """The first names, and how many more there are."""
    if len(names) <= _NAMED_AT_MOST:
        return ", ".join(names)
    return counted(
        "{names} and {count} more",
        "{names} and {count} more",
        count=len(names) - _NAMED_AT_MOST,
        names=", ".join(names[:_NAMED_AT_MOST]),
    )


@dataclass
class WriteReport:
    """What the writer had to do that the reader should know."""

    continued: dict[str, list[str]] = field(default_factory=dict)
    """Per sheet name, the rows (their first cell) too long for one row of Excel, which
    continue on the rows below them."""

    pages: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per records sheet, the pages each record is laid out on when printed."""

    parts: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    """Per records sheet printed over several sheets (more page breaks than one sheet of
    Excel holds, `MAX_ROW_BREAKS`): each sheet's name, its first and its last record."""

    def notes(self) -> list[Message]:
        notes: list[Message] = [
            counted(
                "{count} row of sheet `{sheet}` is longer than one row of Excel can show "
                "and continues on the rows below it (marked ↳): {rows}",
                "{count} rows of sheet `{sheet}` are longer than one row of Excel can show "
                "and continue on the rows below them (marked ↳): {rows}",
                count=len(rows),
                sheet=sheet,
                rows=_named(rows),
            )
            for sheet, rows in self.continued.items()
        ]
        notes += [
            counted(
                "sheet `{sheet}` goes on over {count} sheet, as one sheet of Excel holds at "
                "most {limit} page breaks: {sheets}",
                "sheet `{sheet}` goes on over {count} sheets, as one sheet of Excel holds at "
                "most {limit} page breaks: {sheets}",
                count=len(parts),
                sheet=sheet,
                limit=MAX_ROW_BREAKS,
                sheets=_named([f"`{name}` ({first} … {last})" for name, first, last in parts]),
            )
            for sheet, parts in self.parts.items()
        ]
        return notes


def write_xlsx(
    document: ExportDocument, target: Path, *, progress: Progress | None = None
) -> WriteReport:
    """Write the workbook to `target` atomically: a crash leaves the old file or none."""
    directory = target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    try:
        with open(temporary, "wb") as stream:
            report = write_xlsx_stream(document, stream, progress=progress)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return report


def write_xlsx_stream(
    document: ExportDocument, stream: IO[bytes], *, progress: Progress | None = None
) -> WriteReport:
    """Write the workbook to a binary stream (a file opened for writing, or BytesIO).

    A stream that cannot seek (a pipe) gets the workbook built in memory first: zip
    entries written to a pipe carry data descriptors, so the bytes would differ from the
    same export written to a file.
    """
    seekable = getattr(stream, "seekable", None)
    if not (seekable and seekable()):
        buffer = io.BytesIO()
        report = write_xlsx_stream(document, buffer, progress=progress)
        stream.write(buffer.getvalue())
        return report
    workbook = Workbook(write_only=True)
    _set_properties(workbook, document)
    # The cover comes first but is written last: it says which rows had to continue.
    cover = workbook.create_sheet(xml_text(document.cover_name))
    report = WriteReport()
    bodies: dict[str, _Body] = {}
    try:
        worksheets = {
            id(sheet): _new_worksheet(workbook, document, sheet) for sheet in document.sheets
        }
        for sheet in document.sheets:
            if sheet.source is not None:
                continue  # written with the table it shows
            shown_by = [other for other in document.sheets if other.source is sheet]
            continued = _write_sheet(
                worksheets[id(sheet)],
                sheet,
                [(worksheets[id(other)], other) for other in shown_by],
                bodies,
                progress=progress if sheet.key == "activities" else None,
                words=document.words,
                report=report,
                next_part=lambda previous, records, number: _new_worksheet(
                    workbook,
                    document,
                    records,
                    title=part_name(records.name, number),
                    after=previous,
                ),
            )
            for name, rows in continued.items():
                if rows:
                    report.continued[name] = rows
        _write_cover(cover, document, report)
        archive = _ReproducibleZip(stream, document.export_date, bodies, document.register_json)
        ExcelWriter(workbook, archive).save()
    finally:
        for body in bodies.values():
            body.file.close()
    return report


# --------------------------------------------------------------------------- sheets


def _set_properties(workbook: Any, document: ExportDocument) -> None:
    moment = dt.datetime.combine(document.export_date, dt.time())
    properties = workbook.properties
    # Document properties go into docProps/core.xml as they are: openpyxl cleans cell
    # text, not these, and one control character there leaves a file nothing can open.
    properties.title = xml_text(document.title)
    properties.subject = xml_text(document.subject)
    properties.creator = xml_text(document.author) or "ropa"
    properties.lastModifiedBy = None
    properties.language = _LANGUAGE_TAGS[document.language]
    properties.created = moment
    properties.modified = moment


def _header_cell(worksheet: Any, text: str) -> Any:
    cell = WriteOnlyCell(worksheet, value=_safe_text(text))
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.border = _HEADER_BORDER
    cell.alignment = _WRAP
    return cell


def _write_cover(worksheet: Any, document: ExportDocument, report: WriteReport) -> None:
    widths = (34, 90)
    worksheet.column_dimensions["A"].width = widths[0]
    worksheet.column_dimensions["B"].width = widths[1]
    _page_setup(worksheet, document, pages_wide=1, pages_tall=1)
    # The title and subject run on into the empty cells to their right.
    title = WriteOnlyCell(worksheet, value=_safe_text(document.title))
    title.font = _TITLE_FONT
    title.alignment = _NO_WRAP
    subject = WriteOnlyCell(worksheet, value=_safe_text(document.subject))
    subject.alignment = _NO_WRAP
    worksheet.row_dimensions[1].height = 24
    worksheet.append([title])
    worksheet.append([subject])
    worksheet.append([])
    lines = list(document.cover)
    if report.continued and document.words is not None:
        words = document.words
        after = next(
            (index for index, line in enumerate(lines) if line.key == "export"), len(lines) - 1
        )
        listed = "\n".join(
            f"{sheet}: {_cover_rows(rows)}" for sheet, rows in report.continued.items()
        )
        lines.insert(
            after + 1,
            CoverLine(
                words.term("continued_rows"),
                f"{words.term('continued_rows_meaning')}\n{listed}",
            ),
        )
    if report.parts and document.words is not None:
        words = document.words
        after = next(
            (index for index, line in enumerate(lines) if line.key == "export"), len(lines) - 1
        )
        listed = "\n".join(_listed_parts(parts) for parts in report.parts.values())
        lines.insert(
            after + 1,
            CoverLine(
                words.term("split_sheets"), f"{words.term('split_sheets_meaning')}\n{listed}"
            ),
        )
    for index, line in enumerate(lines, 4):
        worksheet.row_dimensions[index].height = row_height(
            [line.label, line.value], widths, heading=line.heading
        )
        worksheet.append(_cover_row(worksheet, line))


# Continued rows the cover names per sheet: thousands (a register of 50,000 activities
# has 2,333 long recipient rows) would pass the 409 points of a row and Excel's 32,767
# characters of a cell; the rows themselves are marked ↳ on their sheet.
_COVER_ROWS = 30


def _cover_rows(rows: list[str]) -> str:
    if len(rows) <= _COVER_ROWS:
        return ", ".join(rows)
    # The count in both languages' way: digits grouped by a thin space.
    more = f"{len(rows) - _COVER_ROWS:,}".replace(",", "\u2009")
    return f"{', '.join(rows[:_COVER_ROWS])} … (+{more})"


# Sheets of a records sheet the cover lists one by one, each with its first and last
# record: a line each, well within the cover row's 409 points. With more, the first and
# the last (each part's first record heads its first page anyway).
_LISTED_PARTS = 20


def _listed_parts(parts: Sequence[tuple[str, str, str]]) -> str:
    shown = [f"{name}: {first} … {last}" for name, first, last in parts]
    if len(shown) > _LISTED_PARTS:
        shown = [shown[0], "…", shown[-1]]
    return "\n".join(shown)


def _cover_row(worksheet: Any, line: CoverLine) -> list[Any]:
    if line.heading:
        row = [_header_cell(worksheet, line.label)]
        if line.value is not None:
            row.append(_header_cell(worksheet, str(line.value)))
        return row
    label = WriteOnlyCell(worksheet, value=_safe_text(line.label))
    label.font = _LABEL_FONT
    label.alignment = _WRAP
    return [label, _body_cell(worksheet, line.value)]


class _Body:
    """A worksheet's rows as SpreadsheetML, written straight to a temporary file.

    openpyxl writes the worksheet around them (columns, panes, page setup, filters);
    `_ReproducibleZip` puts these rows into its `<sheetData>`, and the merged cells and
    page breaks after it. Building the XML
    text directly costs a fraction of openpyxl's cell objects and element writer, which is
    what lets the export keep within 1.3x of plain openpyxl writing the same cells (see
    PERFORMANCE.md and benchmarks/export_xlsx.py). The cells are the ones openpyxl writes:
    inline strings, numbers, dates as serial numbers with a date format, never a formula.
    """

    def __init__(self, columns: int, styles: _Styles, after: _Body | None = None) -> None:
        # Closed by write_xlsx_stream once the archive has it. The parts of a records
        # sheet share one file, each part's rows after the part before (`after`, closed
        # by then), so that a thousand parts do not hold a thousand open files.
        self.file: IO[bytes] = (
            tempfile.TemporaryFile() if after is None else after.file  # noqa: SIM115
        )
        self.start = self.file.tell()
        self.end: int | None = None
        """Where the rows end in the file, once the body is closed."""
        self.letters = [get_column_letter(index) for index in range(1, columns + 1)]
        self.styles = styles
        self.parts: list[str] = []
        self.number = 0
        # Numbers, not XML: the records sheets of 50,000 activities have some 700,000
        # merged rows and 100,000 page breaks (at most `MAX_ROW_BREAKS` a sheet), which as
        # strings (and openpyxl's break objects) took over 100 MiB at the moment the
        # workbook was written.
        self.merged_rows: array[int] = array("l")
        """Rows whose cells B to D are one (a record's title, a long value)."""
        self.breaks: array[int] = array("l")
        """Rows after which a printed page ends."""

    def row(
        self,
        values: Sequence[Value],
        points: float,
        style: int = 0,
        first: int | None = None,
        cell_styles: Sequence[int] | None = None,
    ) -> None:
        """Append a row of cells in `style` (0: the default), the first in `first`, or
        each in its own of `cell_styles`."""
        self.number += 1
        number = self.number
        out = self.parts
        out.append(f'<row r="{number}" ht="{points:.16g}" customHeight="1">')
        styles = self.styles
        for index, (letter, value) in enumerate(zip(self.letters, values, strict=False)):
            if value is None:
                continue
            if isinstance(value, str):
                if not value:
                    continue
                if cell_styles is not None:
                    cell_style = cell_styles[index]
                else:
                    cell_style = first if index == 0 and first is not None else style
                if value.startswith(FORMULA_PREFIXES) and (
                    not cell_style or cell_style in styles.quoted_as
                ):
                    # An inline string is never a formula; the quote prefix keeps it text
                    # when edited. (Headings and titles keep their style.)
                    cell_style = styles.quoted_as.get(cell_style, styles.quoted)
                if "&" in value or "<" in value or ">" in value:
                    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                attribute = f' s="{cell_style}"' if cell_style else ""
                out.append(
                    f'<c r="{letter}{number}"{attribute} t="inlineStr"><is><t{space}>{value}'
                    "</t></is></c>"
                )
            elif isinstance(value, dt.date):
                serial = (value - _EPOCH).days
                out.append(f'<c r="{letter}{number}" s="{styles.date}" t="n"><v>{serial}</v></c>')
            else:
                attribute = f' s="{style}"' if style else ""
                out.append(f'<c r="{letter}{number}"{attribute} t="n"><v>{value}</v></c>')
        out.append("</row>")
        if len(out) > 4096:
            self.flush()

    def flush(self) -> None:
        self.file.write("".join(self.parts).encode("utf-8"))
        self.parts.clear()


_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 in the 1900 date system


def _style_id(worksheet: Any, **attributes: Any) -> int:
    """The workbook's id of the cell format with these attributes (added if new)."""
    cell = WriteOnlyCell(worksheet)
    for name, value in attributes.items():
        setattr(cell, name, value)
    return int(cell.style_id)


@dataclass
class _Styles:
    """Style ids of the workbook's cell formats that the rows use."""

    header: int
    label: int
    title: int
    date: int
    quoted: int
    quoted_as: dict[int, int] = field(default_factory=dict)
    """Per style of body text, the same style with the quote prefix."""

    @classmethod
    def of(cls, worksheet: Any) -> _Styles:
        def style(**attributes: Any) -> int:
            return _style_id(worksheet, **attributes)

        return cls(
            header=style(
                font=_HEADER_FONT, fill=_HEADER_FILL, border=_HEADER_BORDER, alignment=_WRAP
            ),
            label=style(font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_WRAP),
            title=style(font=_TITLE_FONT, alignment=_WRAP),
            date=style(number_format="yyyy-mm-dd", alignment=_WRAP),
            quoted=style(alignment=_WRAP, quotePrefix=True),
        )


def _clean(row: Sequence[Value]) -> Sequence[Value]:
    """The row with every text safe for a cell; the whole row is checked at once, as most
    rows need no change."""
    texts = [value for value in row if value and isinstance(value, str)]
    joined = "".join(texts)
    if len(joined) <= MAX_CELL_CHARACTERS and not _NOT_XML.search(joined):
        return row
    return [_safe_text(value) if isinstance(value, str) else value for value in row]


def _new_worksheet(
    workbook: Any,
    document: ExportDocument,
    sheet: Sheet,
    *,
    title: str | None = None,
    after: Any = None,
) -> Any:
    """The worksheet for `sheet`, last in the workbook or right `after` another (a
    records sheet's next part, `title`)."""
    index = None if after is None else workbook.worksheets.index(after) + 1
    worksheet = workbook.create_sheet(xml_text(title or sheet.name), index)
    if sheet.records:
        for index, width in enumerate(_RECORD_WIDTHS, 1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        # Printed at 100%: the page breaks are planned for it (`_Records`).
        _page_setup(worksheet, document, pages_wide=0, scale=100)
        return worksheet
    for index, column in enumerate(sheet.columns, 1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    _page_setup(worksheet, document, pages_wide=sheet.pages_wide)
    return worksheet


def _write_sheet(
    worksheet: Any,
    sheet: Sheet,
    records: list[tuple[Any, Sheet]],
    bodies: dict[str, _Body],
    *,
    progress: Progress | None,
    words: Any = None,
    report: WriteReport,
    next_part: NextPart,
) -> dict[str, list[str]]:
    """Write a sheet, and the records sheets that show its rows, in one pass over the
    rows; return, per sheet, the rows that had to continue on the rows below."""
    continued: dict[str, list[str]] = {sheet.name: []}
    if sheet.records:
        writer = _Records(worksheet, sheet, words, bodies, next_part)
        writer.write_all(sheet.rows())
        writer.close()
        writer.report(report, continued)
        return continued
    body = _Body(len(sheet.columns), _Styles.of(worksheet))
    widths = [column.width for column in sheet.columns]
    worksheet.freeze_panes = f"{get_column_letter(sheet.freeze_columns + 1)}2"
    worksheet.print_title_rows = "1:1"
    if sheet.freeze_columns:
        worksheet.print_title_cols = f"A:{get_column_letter(sheet.freeze_columns)}"
    headings = [_safe_text(column.heading) for column in sheet.columns]
    body.row(headings, row_height(headings, widths, heading=True), body.styles.header)
    shown = [
        _Records(records_worksheet, records_sheet, words, bodies, next_part)
        for records_worksheet, records_sheet in records
    ]
    labels = [column.heading for column in sheet.columns]
    title_columns = sheet.freeze_columns
    for written, row in enumerate(sheet.rows(), 1):
        lines = row_lines(row, widths)
        if lines > _MAX_ROW_LINES:
            continued[sheet.name].append(str(row[0]))
            for part in split_row(row, widths):
                body.row(_clean(part), row_lines(part, widths) * _LINE_POINTS + _ROW_PADDING_POINTS)
        else:
            body.row(_clean(row), lines * _LINE_POINTS + _ROW_PADDING_POINTS)
        for records_writer in shown:
            records_writer.write_all(record_of(row, labels, title_columns))
        if progress is not None:
            progress(written)
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{body.number}"
    _close(worksheet, body, bodies)
    for records_writer in shown:
        records_writer.close()
        records_writer.report(report, continued)
    return continued


def _close(worksheet: Any, body: _Body, bodies: dict[str, _Body]) -> None:
    body.flush()
    body.end = body.file.tell()
    # openpyxl writes the sheet around the rows now; the archive puts the rows in.
    worksheet.close()
    bodies[worksheet._writer.out] = body


# The records sheet, printed for an inspector: an activity on one page of A4 landscape
# where it fits, at 9 points (printed at 100%). Two fields side by side where both are
# short (label, value, label, value); a long value spans the three columns to its right.
_RECORD_WIDTHS = (26, 44, 26, 44)
_RECORD_FONT_SIZE = 9
# Lines as far apart as Excel draws them (LibreOffice sets them closer).
_RECORD_LINE_POINTS = measure.line_points(_RECORD_FONT_SIZE)
_RECORD_PADDING_POINTS = 2.0
_RECORD_TITLE_SIZE = 12
_RECORD_TITLE_LINE_POINTS = measure.line_points(_RECORD_TITLE_SIZE)
# A4 landscape (595 points high) less the top and bottom margins, and a little for the
# programs' rounding: rows of this many points fit on one page.
_RECORD_PAGE_POINTS = 595.0 - 2 * 0.6 * 72 - 10
# A pair of short fields shares a row when neither needs more lines than this.
_PAIR_LINES = 4


@dataclass
class _Field:
    label: str
    value: Value
    label_lines: int
    half_lines: int  # in one value column
    full_lines: int  # across the three columns right of the label


class _Records:
    """Writes records one after another, each from a new page: a title (id and name),
    then each field as label and value, two short fields side by side. A record longer
    than a page continues on the next, its title repeated there (marked "continued").

    Each page ends in a manual page break, and one sheet holds at most `MAX_ROW_BREAKS`
    of them: a record that would take a sheet past that starts the sheet's next part
    (`part_name`: the name and "(2)", "(3)", …), right after it in the workbook. So every
    record still starts a page of its own, however many there are."""

    def __init__(
        self,
        worksheet: Any,
        sheet: Sheet,
        words: Any,
        bodies: dict[str, _Body],
        next_part: NextPart,
    ) -> None:
        self.worksheet = worksheet
        self.sheet = sheet
        self.name = sheet.name
        self.bodies = bodies
        self.next_part = next_part
        self.styles = _RecordStyles.of(worksheet)
        self.body = _Body(len(_RECORD_WIDTHS), self.styles.base)
        self.continued_word = words.term("continued") if words is not None else "…"
        self.not_recorded = words.term("not_recorded") if words is not None else "—"
        self.parts: list[_Part] = [_Part(worksheet)]
        self.title: list[str] = []
        self.fields: list[_Field] = []
        self.noted: list[str] = []
        """The fields of the record being laid out that continue on the rows below."""
        # Labels are column headings, the same in every record: measured once each.
        self.label_lines: dict[str, int] = {}

    def write_all(self, rows: Iterable[Sequence[Value]]) -> None:
        for row in rows:
            if isinstance(row, TitleRow):
                self._flush()
                self.title = [str(row[0]), str(as_text(row[1]) or "")]
                continue
            self.fields.append(self._field(str(row[0]), row[1]))

    def _field(self, label: str, value: Value) -> _Field:
        label_lines = self.label_lines.get(label)
        if label_lines is None:
            label_lines = self.label_lines[label] = _record_lines(
                label, _RECORD_WIDTHS[0], bold=True
            )
        text = as_text(value) or ""
        full = _record_lines(text, sum(_RECORD_WIDTHS[1:]))
        half = _record_lines(text, _RECORD_WIDTHS[1]) if full <= _PAIR_LINES else full
        return _Field(label, value, label_lines, half, full)

    def _flush(self) -> None:
        """Lay out the record gathered so far and write it, page by page."""
        if not self.title:
            return
        self.noted = []
        rows = self._layout(self.fields)
        noted = self.noted
        empty = [field for field in self.fields if not _has_value(field.value)]
        if len(empty) > 1 and _pages(rows) > 1:
            # Over a page, often by a few rows of empty fields: named together in one
            # row (an empty cell says the same: not recorded), if that saves a page.
            named = "; ".join(" / ".join(field.label.splitlines()) for field in empty)
            self.noted = []
            gathered = self._layout(
                [field for field in self.fields if _has_value(field.value)]
                + [self._field(self.not_recorded, named)]
            )
            if _pages(gathered) < _pages(rows):
                rows, noted = gathered, self.noted
        identifier, name = self.title
        title_points = self._title_points(name)
        starts = _page_starts(rows, title_points)
        # A break before the record, and one before each page it goes on to.
        needed = len(starts) + (1 if self.body.number else 0)
        if self.body.number and len(self.body.breaks) + needed > MAX_ROW_BREAKS:
            self._next_part()
        part = self.parts[-1]
        part.continued.extend(noted)
        if self.body.number:
            self.body.breaks.append(self.body.number)
        self._title(name, title_points)
        part.first = part.first or identifier
        part.last = identifier
        part.pages[identifier] = 1
        new_page = set(starts)
        for index, (cells, points, merge) in enumerate(rows):
            if index in new_page:
                # The record goes on over the page: its title again at the top.
                if len(self.body.breaks) < MAX_ROW_BREAKS:
                    self.body.breaks.append(self.body.number)
                else:
                    # A record longer than a whole sheet's breaks: on in the next part.
                    self._next_part()
                    self.parts[-1].first = identifier
                    self.parts[-1].last = identifier
                self._title(f"{name} ({self.continued_word})")
                pages = self.parts[-1].pages
                pages[identifier] = pages.get(identifier, 0) + 1
            self.body.row(_clean(cells), points, cell_styles=self._cell_styles(cells, merge))
            if merge:
                self.body.merged_rows.append(self.body.number)
        self.title, self.fields = [], []

    def _next_part(self) -> None:
        """Close this sheet and go on in a new one, right after it."""
        _close(self.worksheet, self.body, self.bodies)
        self.worksheet = self.next_part(self.worksheet, self.sheet, len(self.parts) + 1)
        self.body = _Body(len(_RECORD_WIDTHS), self.styles.base, after=self.body)
        self.parts.append(_Part(self.worksheet))

    def _title_points(self, name: str) -> float:
        lines = _record_lines(name, sum(_RECORD_WIDTHS[1:]), size=_RECORD_TITLE_SIZE, bold=True)
        return lines * _RECORD_TITLE_LINE_POINTS + 2 * _RECORD_PADDING_POINTS

    def _title(self, name: str, points: float | None = None) -> None:
        if points is None:
            points = self._title_points(name)
        self.body.row(_clean([self.title[0], name]), points, self.styles.title)
        self.body.merged_rows.append(self.body.number)

    def _layout(self, fields: list[_Field]) -> list[tuple[list[Value], float, bool]]:
        """The record's rows: (cells, height, whether the value spans columns B to D)."""
        out: list[tuple[list[Value], float, bool]] = []
        index = 0
        while index < len(fields):
            field = fields[index]
            following = fields[index + 1] if index + 1 < len(fields) else None
            if (
                following is not None
                and max(field.half_lines, field.label_lines) <= _PAIR_LINES
                and max(following.half_lines, following.label_lines) <= _PAIR_LINES
            ):
                lines = max(
                    field.half_lines, field.label_lines, following.half_lines, following.label_lines
                )
                cells = [field.label, field.value, following.label, following.value]
                out.append((cells, _record_points(lines), False))
                index += 2
                continue
            lines = max(field.full_lines, field.label_lines)
            if lines <= _MAX_RECORD_LINES:
                out.append(([field.label, field.value], _record_points(lines), True))
            else:
                self.noted.append(f"{self.title[0]} — {field.label.splitlines()[0]}")
                widths = [_RECORD_WIDTHS[0], sum(_RECORD_WIDTHS[1:])]
                for part in split_row(
                    [field.label, field.value],
                    widths,
                    size=_RECORD_FONT_SIZE,
                    max_lines=_MAX_RECORD_LINES,
                ):
                    part_lines = max(
                        _record_lines(as_text(part[0]) or "", widths[0], bold=True),
                        _record_lines(as_text(part[1]) or "", widths[1]),
                    )
                    out.append((part, _record_points(part_lines), True))
            index += 1
        return out

    def _cell_styles(self, cells: Sequence[Value], merge: bool) -> list[int]:
        styles = self.styles
        if merge:
            return [styles.label, styles.value, styles.value, styles.value]
        return [styles.label, styles.value, styles.label, styles.value]

    def close(self) -> None:
        self._flush()
        _close(self.worksheet, self.body, self.bodies)

    def report(self, report: WriteReport, continued: dict[str, list[str]]) -> None:
        """Tell `report` (and `continued`, per sheet) what was written where."""
        for part in self.parts:
            title = part.worksheet.title
            continued[title] = part.continued
            report.pages[title] = part.pages
        if len(self.parts) > 1:
            report.parts[self.name] = [
                (part.worksheet.title, part.first, part.last) for part in self.parts
            ]


@dataclass
class _Part:
    """One sheet of a records sheet: what it holds, for the report."""

    worksheet: Any
    pages: dict[str, int] = field(default_factory=dict)
    """The pages each record takes on this sheet."""
    continued: list[str] = field(default_factory=list)
    """The fields that continue on the rows below (`WriteReport.continued`)."""
    first: str = ""
    last: str = ""


def part_name(name: str, number: int) -> str:
    """The name of a sheet's part `number` (from 2): the name and "(2)", shortened to
    fit Excel's 31 characters for a sheet name."""
    suffix = f" ({number})"
    return name[: 31 - len(suffix)].rstrip() + suffix


def _has_value(value: Value) -> bool:
    return value is not None and value != ""


def _page_starts(rows: Sequence[tuple[list[Value], float, bool]], title: float) -> list[int]:
    """The rows that begin a new page of a record under a title `title` points high (on
    every page: it is repeated), never the first."""
    starts, used = [], title
    for index, (_cells, points, _merge) in enumerate(rows):
        if used + points > _RECORD_PAGE_POINTS and used > title:
            starts.append(index)
            used = title
        used += points
    return starts


def _pages(rows: Sequence[tuple[list[Value], float, bool]]) -> int:
    """Pages the rows take, laid out as `_Records._flush` lays them out (under a title
    of one line)."""
    title = _RECORD_TITLE_LINE_POINTS + 2 * _RECORD_PADDING_POINTS
    pages, used = 1, title
    for _cells, points, _merge in rows:
        if used + points > _RECORD_PAGE_POINTS and used > title:
            pages += 1
            used = title
        used += points
    return pages


def _record_lines(
    text: str, width: int, *, size: int = _RECORD_FONT_SIZE, bold: bool = False
) -> int:
    return measure.lines_of(text, width, size=size, bold=bold) if text else 1


def _record_points(lines: int) -> float:
    return lines * _RECORD_LINE_POINTS + _RECORD_PADDING_POINTS


# Lines of a record's row within Excel's limit for one row.
_MAX_RECORD_LINES = int((_MAX_ROW_POINTS - _RECORD_PADDING_POINTS) // _RECORD_LINE_POINTS)


@dataclass
class _RecordStyles:
    base: _Styles
    label: int
    value: int
    title: int

    @classmethod
    def of(cls, worksheet: Any) -> _RecordStyles:
        def style(**attributes: Any) -> int:
            return _style_id(worksheet, **attributes)

        size = _RECORD_FONT_SIZE
        base = _Styles.of(worksheet)
        value_font = Font(name="Calibri", family=2, size=size)
        value = style(font=value_font, alignment=_WRAP)
        base.quoted_as[value] = style(font=value_font, alignment=_WRAP, quotePrefix=True)
        return cls(
            base=base,
            label=style(
                font=Font(name="Calibri", family=2, bold=True, size=size),
                fill=_HEADER_FILL,
                alignment=_WRAP,
            ),
            value=value,
            title=style(
                font=Font(name="Calibri", family=2, bold=True, size=_RECORD_TITLE_SIZE),
                alignment=_WRAP,
            ),
        )


def _page_setup(
    worksheet: Any,
    document: ExportDocument,
    *,
    pages_wide: int,
    pages_tall: int = 0,
    scale: int = _TABLE_SCALE,
) -> None:
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    # A row's pages follow each other: across, then down.
    worksheet.page_setup.pageOrder = "overThenDown"
    if pages_wide:
        worksheet.page_setup.fitToWidth = pages_wide
        worksheet.page_setup.fitToHeight = pages_tall
        worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        worksheet.page_setup.scale = scale
    worksheet.print_options.gridLines = True
    worksheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    header = worksheet.HeaderFooter.oddHeader
    header.left.text = _header_text(document.author or document.title)
    header.left.size = 8
    header.right.text = _header_text(document.export_date.isoformat())
    header.right.size = 8
    worksheet.HeaderFooter.oddFooter.center.text = "&A — &P / &N"
    worksheet.HeaderFooter.oddFooter.center.size = 8


def _header_text(text: str) -> str:
    """Text for a page header: `&` starts a header code, so it is doubled."""
    return _safe_text(text).replace("&", "&&")[:100]


# --------------------------------------------------------------------------- cells


def _lines_of(value: str, per_line: int) -> int:
    if len(value) < per_line and "\n" not in value:
        return 1  # the most common case
    lines = 0
    for line in value.split("\n"):
        lines += max(1, -(-len(line) // per_line))
    return lines


def _per_line(width: int, heading: bool = False) -> int:
    """Characters a line of a column holds: Calibri's letters average about 0.7 of the
    `0` that column widths are measured in, less what is lost wrapping at a word's end
    (about half a word). Measured on the example registers printed by LibreOffice with
    Carlito (Calibri's metrics): a text of N lines gets between N and N + 2 lines of room;
    tests/test_export_libreoffice.py fails if any text is hidden."""
    if heading:  # 9-point bold: narrower letters, but bold
        return max(1, int(width * 1.5) - 6)
    return max(1, int(width * 1.35) - 6)


def row_lines(values: Sequence[Value], widths: Sequence[int], *, heading: bool = False) -> int:
    """Lines of wrapped text the row's tallest cell needs."""
    tallest = 1
    for value, width in zip(values, widths, strict=False):
        if not value or not isinstance(value, str):
            continue
        tallest = max(tallest, _lines_of(value, _per_line(width, heading)))
    return tallest


def row_height(values: Sequence[Value], widths: Sequence[int], *, heading: bool = False) -> float:
    """Points needed to show every line of the row's wrapped text (at most Excel's limit)."""
    lines = row_lines(values, widths, heading=heading)
    line_points = _HEADING_LINE_POINTS if heading else _LINE_POINTS
    return min(_MAX_ROW_POINTS, lines * line_points + _ROW_PADDING_POINTS)


def split_row(
    row: Sequence[Value],
    widths: Sequence[int],
    *,
    size: float | None = None,
    max_lines: int = _MAX_ROW_LINES,
) -> list[list[Value]]:
    """A row too tall for Excel as several rows, each within the limit: every long cell
    continues in the same column of the rows below, whose first cell says `↳` and whose
    other cells are empty. Nothing is cut. `size`: the font's size in points, measured
    with its real widths (`measure`); None: the table's estimate by characters."""
    chunks: list[list[str | None]] = []
    for value, width in zip(row, widths, strict=False):
        text = as_text(value)
        if text is None:
            chunks.append([None])
            continue
        shown = (
            _wrapped(text, _per_line(width))
            if size is None
            else measure.wrap(text, width, size=size)
        )
        chunks.append(
            [
                "\n".join(shown[start : start + max_lines])
                for start in range(0, len(shown), max_lines)
            ]
        )
    count = max(len(chunk) for chunk in chunks)
    rows: list[list[Value]] = []
    for index in range(count):
        part: list[Value] = [chunk[index] if index < len(chunk) else None for chunk in chunks]
        if index == 0:
            part = [row[i] if len(chunks[i]) == 1 else part[i] for i in range(len(part))]
        else:
            part[0] = _CONTINUED + (as_text(row[0]) or "").split("\n")[0]
        rows.append(part)
    return rows


def _wrapped(text: str, per_line: int) -> list[str]:
    """The text as the lines a cell shows, each paragraph broken at spaces."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        while len(paragraph) > per_line:
            cut = paragraph.rfind(" ", 0, per_line + 1)
            if cut <= 0:
                cut = per_line
            out.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip(" ")
        out.append(paragraph)
    return out


# What XML 1.0 cannot hold at all: C0 controls other than tab and line breaks (openpyxl's
# ILLEGAL_CHARACTERS_RE), lone surrogates, and the non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` with every character XML cannot hold replaced by U+FFFD (shown as �), so
    the reader sees that something was there. Every text of the workbook passes here:
    cells, sheet names, document properties."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def _safe_text(text: str) -> str:
    text = xml_text(text)
    if len(text) > MAX_CELL_CHARACTERS:
        marker = f" … [{TERMS['truncated'].latvian} / {TERMS['truncated'].english}]"
        text = text[: MAX_CELL_CHARACTERS - len(marker)] + marker
    return text


def _text_cell(worksheet: Any, text: str) -> Any:
    """A cell to style, holding text that is never taken for a formula."""
    text = _safe_text(text)
    cell = WriteOnlyCell(worksheet, value=text)
    if text.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _body_cell(worksheet: Any, value: Value) -> Any:
    """Plain text as it is (the default format wraps it); risky text as a quoted string;
    numbers and dates as they are (openpyxl gives dates a date format)."""
    if value is None or not isinstance(value, str):
        return value
    value = _safe_text(value)
    if not value.startswith(FORMULA_PREFIXES):
        return value
    cell = WriteOnlyCell(worksheet)
    cell.value = value
    cell.data_type = "s"  # never "f": the text is stored, not evaluated
    cell.alignment = _WRAP
    cell.quotePrefix = True
    return cell


# --------------------------------------------------------------------------- the package


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


class _ReproducibleZip(zipfile.ZipFile):
    """A zip archive whose bytes depend only on what is written into it.

    openpyxl stamps entries with the current time; here every entry gets the export
    date, fixed attributes and the same compression. The stylesheet's default cell
    format is made to wrap text (see the module docstring).
    """

    def __init__(
        self,
        stream: IO[bytes],
        date: dt.date,
        bodies: dict[str, _Body] | None = None,
        register_json: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        super().__init__(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        stamp = max(date, dt.date(1980, 1, 1))
        self._stamp = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
        self._bodies = bodies or {}
        # The register itself goes into a custom XML part, for `ropa import`.
        self._register_json = register_json

    def _entry(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        return info

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = (
            zinfo_or_arcname.filename
            if isinstance(zinfo_or_arcname, zipfile.ZipInfo)
            else zinfo_or_arcname
        )
        if name == "xl/styles.xml":
            data = _wrap_by_default(data.encode("utf-8") if isinstance(data, str) else data)
        if self._register_json is not None and name in (
            ooxml.WORKBOOK_RELS,
            ooxml.CONTENT_TYPES,
        ):
            data = ooxml.patch(name, data.encode("utf-8") if isinstance(data, str) else data)
        super().writestr(self._entry(name), data)

    def close(self) -> None:
        if self._register_json is not None and self.fp is not None:
            # Streamed into the archive: the JSON of a large register is never whole.
            with self.open(self._entry(ooxml.ITEM), "w") as target:
                for chunk in ooxml.item_chunks(self._register_json()):
                    target.write(chunk)
            for name, data in ooxml.parts().items():
                super().writestr(self._entry(name), data)
            self._register_json = None
        super().close()

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = os.fspath(arcname if arcname is not None else filename)
        body = self._bodies.get(os.fspath(filename))
        with open(filename, "rb") as source, self.open(self._entry(name), "w") as target:
            if body is None:
                shutil.copyfileobj(source, target, 1 << 20)
                return
            # A worksheet whose rows were written apart (`_Body`): its empty sheetData
            # gets them.
            around = source.read()
            empty = _EMPTY_SHEET_DATA.search(around)
            if empty is None:
                raise ValueError(f"no empty sheetData in {name}")
            target.write(around[: empty.start()] + b"<sheetData>")
            body.file.seek(body.start)
            _copy_part(body.file, target, body.end)
            target.write(b"</sheetData>")
            # Merged cells come next in the schema's order (CT_Worksheet): the sheets
            # with merges have nothing else between (no protection, filter or sort).
            merged = body.merged_rows
            if merged:
                target.write(f'<mergeCells count="{len(merged)}">'.encode())
                _write_in_pieces(target, merged, '<mergeCell ref="B{0}:D{0}"/>')
                target.write(b"</mergeCells>")
            rest = around[empty.end() :]
            if body.breaks:
                # Row breaks follow the page header and footer, the last thing openpyxl
                # writes for these sheets (no column breaks, drawing or table); written
                # as openpyxl writes them.
                end = rest.rfind(b"</headerFooter>") + len(b"</headerFooter>")
                if end < len(b"</headerFooter>") or rest[end:] != b"</worksheet>":
                    raise ValueError(f"no page header and footer to end {name}")
                count = len(body.breaks)
                target.write(
                    rest[:end] + f'<rowBreaks count="{count}" manualBreakCount="{count}">'.encode()
                )
                _write_in_pieces(
                    target, body.breaks, '<brk id="{0}" min="0" max="16383" man="1" />'
                )
                rest = b"</rowBreaks>" + rest[end:]
            target.write(rest)


def _copy_part(source: IO[bytes], target: IO[bytes], end: int | None) -> None:
    """Copy `source` from where it is to `end` (None: to its end)."""
    if end is None:
        shutil.copyfileobj(source, target, 1 << 20)
        return
    left = end - source.tell()
    while left > 0:
        piece = source.read(min(left, 1 << 20))
        if not piece:
            raise ValueError("a worksheet's rows end early")
        target.write(piece)
        left -= len(piece)


def _write_in_pieces(target: IO[bytes], numbers: array[int], element: str) -> None:
    """An element per number, formatted a few thousand at a time."""
    piece = 4096
    for start in range(0, len(numbers), piece):
        target.write("".join(map(element.format, numbers[start : start + piece])).encode("ascii"))


_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_XF_ALIGNMENT = re.compile(r"\{[^}]*\}alignment")


def _wrap_by_default(styles: bytes) -> bytes:
    """Give the default cell format (and the Normal style) wrapped, top-aligned text."""
    ET.register_namespace("", _MAIN_NS)
    root = ET.fromstring(styles)
    for group in ("cellStyleXfs", "cellXfs"):
        container = root.find(f"{{{_MAIN_NS}}}{group}")
        if container is None or not len(container):
            continue
        default = container[0]
        for child in list(default):
            if _XF_ALIGNMENT.fullmatch(child.tag):
                default.remove(child)
        default.set("applyAlignment", "1")
        default.insert(0, ET.Element(f"{{{_MAIN_NS}}}alignment", vertical="top", wrapText="1"))
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
