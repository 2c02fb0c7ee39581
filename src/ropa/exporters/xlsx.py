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
from collections.abc import Callable, Sequence
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

from ropa.exporters.table import CoverLine, ExportDocument, Sheet
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
# (Calibri 11) is 15 points high and holds about as many characters as the column is wide.
_LINE_POINTS = 15.0
_HEADING_LINE_POINTS = 12.5
_ROW_PADDING_POINTS = 3.0
_MAX_ROW_POINTS = 409.0  # Excel's limit
_LANGUAGE_TAGS = {"lv": "lv-LV", "en": "en-GB", "lv+en": "lv-LV"}

Progress = Callable[[int], None]


def write_xlsx(document: ExportDocument, target: Path, *, progress: Progress | None = None) -> None:
    """Write the workbook to `target` atomically: a crash leaves the old file or none."""
    directory = target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    try:
        with open(temporary, "wb") as stream:
            write_xlsx_stream(document, stream, progress=progress)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_xlsx_stream(
    document: ExportDocument, stream: IO[bytes], *, progress: Progress | None = None
) -> None:
    """Write the workbook to a binary stream (a file opened for writing, or BytesIO).

    A stream that cannot seek (a pipe) gets the workbook built in memory first: zip
    entries written to a pipe carry data descriptors, so the bytes would differ from the
    same export written to a file.
    """
    seekable = getattr(stream, "seekable", None)
    if not (seekable and seekable()):
        buffer = io.BytesIO()
        write_xlsx_stream(document, buffer, progress=progress)
        stream.write(buffer.getvalue())
        return
    workbook = Workbook(write_only=True)
    _set_properties(workbook, document)
    _write_cover(workbook, document)
    for sheet in document.sheets:
        _write_sheet(workbook, sheet, progress=progress if sheet.key == "activities" else None)
    archive = _ReproducibleZip(stream, document.export_date)
    ExcelWriter(workbook, archive).save()


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


def _write_cover(workbook: Any, document: ExportDocument) -> None:
    worksheet = workbook.create_sheet(xml_text(document.cover_name))
    widths = (34, 90)
    worksheet.column_dimensions["A"].width = widths[0]
    worksheet.column_dimensions["B"].width = widths[1]
    _page_setup(worksheet, pages_wide=1, pages_tall=1)
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
    for index, line in enumerate(document.cover, 4):
        worksheet.row_dimensions[index].height = row_height(
            [line.label, line.value], widths, heading=line.heading
        )
        worksheet.append(_cover_row(worksheet, line))


def _cover_row(worksheet: Any, line: CoverLine) -> list[Any]:
    if line.heading:
        row = [_header_cell(worksheet, line.label)]
        if line.value is not None:
            row.append(_header_cell(worksheet, line.value))
        return row
    label = WriteOnlyCell(worksheet, value=_safe_text(line.label))
    label.font = _LABEL_FONT
    label.alignment = _WRAP
    return [label, _body_cell(worksheet, line.value)]


def _write_sheet(workbook: Any, sheet: Sheet, *, progress: Progress | None) -> None:
    worksheet = workbook.create_sheet(xml_text(sheet.name))
    for index, column in enumerate(sheet.columns, 1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = f"{get_column_letter(sheet.freeze_columns + 1)}2"
    _page_setup(worksheet, pages_wide=sheet.pages_wide)
    worksheet.print_title_rows = "1:1"
    if sheet.freeze_columns:
        worksheet.print_title_cols = f"A:{get_column_letter(sheet.freeze_columns)}"
    widths = [column.width for column in sheet.columns]
    headings = [column.heading for column in sheet.columns]
    worksheet.row_dimensions[1].height = row_height(headings, widths, heading=True)
    worksheet.append([_header_cell(worksheet, heading) for heading in headings])
    written = 0
    dimensions = worksheet.row_dimensions
    for row in sheet.rows():
        # The row's XML attributes, as openpyxl's row writer reads them from its row
        # dimensions (a RowDimension yields exactly these two). A plain mapping instead of
        # a RowDimension object saves a fifth of the export's time on large registers.
        dimensions[written + 2] = {
            "ht": f"{row_height(row, widths):.16g}",
            "customHeight": "1",
        }
        worksheet.append(_body_row(worksheet, row))
        written += 1
        if progress is not None:
            progress(written)
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{written + 1}"


def _page_setup(worksheet: Any, *, pages_wide: int, pages_tall: int = 0) -> None:
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.fitToWidth = pages_wide
    worksheet.page_setup.fitToHeight = pages_tall
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    worksheet.HeaderFooter.oddFooter.center.text = "&A — &P / &N"
    worksheet.HeaderFooter.oddFooter.center.size = 8


# --------------------------------------------------------------------------- cells


def row_height(
    values: Sequence[str | None], widths: Sequence[int], *, heading: bool = False
) -> float:
    """Points needed to show every line of the row's wrapped text (at most Excel's limit).

    Words wrap before the edge, so a line is taken to hold 90 % of the column's width in
    characters; headings are set in 9-point bold, which holds about a third more."""
    tallest = 1
    line_points = _HEADING_LINE_POINTS if heading else _LINE_POINTS
    for value, width in zip(values, widths, strict=False):
        if not value:
            continue
        per_line = max(1, int(width * (1.35 if heading else 0.9)))
        if len(value) < per_line and "\n" not in value:
            continue  # one line, the most common case
        lines = 0
        for line in value.split("\n"):
            lines += 1 + len(line) // per_line
        tallest = max(tallest, lines)
    return min(_MAX_ROW_POINTS, tallest * line_points + _ROW_PADDING_POINTS)


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


def _body_row(worksheet: Any, row: Sequence[str | None]) -> list[Any]:
    """A row's cells; the whole row is checked at once, as most rows need no change."""
    texts = [value for value in row if value]
    joined = "".join(texts)
    if (
        len(joined) <= MAX_CELL_CHARACTERS
        and not _NOT_XML.search(joined)
        and not any(text.startswith(FORMULA_PREFIXES) for text in texts)
    ):
        return list(row)
    return [_body_cell(worksheet, value) for value in row]


def _body_cell(worksheet: Any, value: str | None) -> Any:
    """Plain text as it is (the default format wraps it); risky text as a quoted string."""
    if value is None:
        return None
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

    def __init__(self, stream: IO[bytes], date: dt.date) -> None:
        super().__init__(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        stamp = max(date, dt.date(1980, 1, 1))
        self._stamp = (stamp.year, stamp.month, stamp.day, 0, 0, 0)

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
        super().writestr(self._entry(name), data)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = os.fspath(arcname if arcname is not None else filename)
        with open(filename, "rb") as source, self.open(self._entry(name), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


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
