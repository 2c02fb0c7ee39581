"""The main table (one row per activity) as CSV: UTF-8 with a byte order mark, RFC 4180.

The byte order mark makes Excel read the file as UTF-8, so Latvian letters show. Cells
that a spreadsheet program could take for a formula (starting with `=`, `+`, `-`, `@`,
a tab or a carriage return) get a leading `'`, as OWASP recommends against CSV injection:
Excel and LibreOffice then show the text, and a program reading the CSV sees the `'`.
"""

from __future__ import annotations

import csv
import io

from ropa.exporters.table import ExportDocument, Value, as_text

BYTE_ORDER_MARK = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Value) -> str:
    """A cell as CSV text, prefixed with `'` when it could start a formula."""
    value = as_text(value)
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def csv_text(document: ExportDocument) -> str:
    sheet = document.main_sheet
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(column.heading) for column in sheet.columns])
    for row in sheet.rows():
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue()
