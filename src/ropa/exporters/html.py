"""The register as one self-contained HTML page: read in a browser, printed from it.

Rendered from the same table document as the workbook (`ropa.exporters.table`): the cover,
then one section per activity (or controller served) from the records sheet, the
catalogues as tables, and the findings beside the entries they concern. No scripts, no
images, no fonts or styles from the network: the page reads the same offline, and prints
on A4 with each activity from a new page.

Accessibility: the page's language is set (`lang`), and in `lv+en` every heading and label
marks its Latvian and English parts; one `h1`, headings in order; each table has a
caption, and its header cells a `scope`. Register text is escaped: nothing in it becomes
markup.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Sequence

from ropa.exporters.table import ExportDocument, Sheet, TitleRow, Value, Words, as_text

_NUMBERED = re.compile(r"(\d+)\. (.*)")
_BULLET = "• "

_STYLE = """
:root { color: #111; background: #fff; font: 11pt/1.4 Calibri, Carlito, "Segoe UI", Arial,
  sans-serif; }
body { margin: 1.5rem auto; max-width: 75rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #33507a; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: .8rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { border: 1px solid #8a8a8a; padding: .25rem .4rem; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
th { background: #d9e1f2; font-size: .9em; }
th[scope=row] { width: 28%; }
/* Ids are never broken across lines: they are searched for and quoted as written. */
thead + tbody td:first-child, code { white-space: nowrap; overflow-wrap: normal; }
ul, ol { margin: 0; padding-left: 1.2rem; }
.en { color: #333; }
.findings { border-left: 4px solid #b35900; padding: .2rem .8rem; background: #fff7ef; }
.empty { color: #666; }
nav ol { columns: 2; }
@page { size: A4 landscape; margin: 14mm 12mm; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  nav { break-after: page; }
  .record { break-before: page; }
  h2, h3, h4, caption { break-after: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def html_text(document: ExportDocument) -> str:
    words = document.words or Words(document.language)
    page = _Page(words)
    return page.render(document)


class _Page:
    def __init__(self, words: Words) -> None:
        self.words = words
        self.language = words.language

    # ----------------------------------------------------------------- language parts

    def label(self, text: str) -> str:
        """A heading or label: in lv+en its Latvian and English lines marked as such."""
        parts = text.split("\n")
        if self.language != "lv+en" or len(parts) != 2:
            return "<br>".join(html.escape(part) for part in parts)
        latvian, english = parts
        return (
            f'<span lang="lv">{html.escape(latvian)}</span><br>'
            f'<span lang="en" class="en">{html.escape(english)}</span>'
        )

    def inline_label(self, text: str) -> str:
        """A short label on one line: "Latvian / English" with each part marked."""
        if self.language != "lv+en" or " / " not in text:
            return html.escape(text)
        latvian, english = text.split(" / ", 1)
        return (
            f'<span lang="lv">{html.escape(latvian)}</span> / '
            f'<span lang="en" class="en">{html.escape(english)}</span>'
        )

    # ----------------------------------------------------------------- values

    def value(self, value: Value) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return f'<time datetime="{value.isoformat()}">{value.isoformat()}</time>'
        text = as_text(value) or ""
        out: list[str] = []
        items: list[str] = []
        kind = ""

        def flush() -> None:
            nonlocal items, kind
            if items:
                out.append(f"<{kind}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{kind}>")
            items, kind = [], ""

        for line in text.split("\n"):
            numbered = _NUMBERED.fullmatch(line)
            if line.startswith(_BULLET):
                if kind != "ul":
                    flush()
                    kind = "ul"
                items.append(html.escape(line.removeprefix(_BULLET)))
            elif numbered and (kind == "ol" or numbered.group(1) == "1"):
                if kind != "ol":
                    flush()
                    kind = "ol"
                items.append(html.escape(numbered.group(2)))
            elif items:
                items[-1] += "<br>" + html.escape(line)
            else:
                out.append(html.escape(line) + "<br>")
        flush()
        joined = "".join(out)
        return joined.removesuffix("<br>")

    # ----------------------------------------------------------------- parts

    def render(self, document: ExportDocument) -> str:
        tag = "en" if document.language == "en" else "lv"
        findings = _findings_by_entry(document)
        body = [
            "<header>",
            f"<h1>{html.escape(document.title)}</h1>",
            f"<p>{self.inline_label(document.subject)}</p>",
            "</header>",
            *self.contents(document),
            "<main>",
            *self.cover(document),
        ]
        for sheet in document.sheets:
            if sheet.key in ("activities", "controllers", "findings"):
                continue  # shown as records, and beside them
            if sheet.records:
                body += self.records(sheet, findings)
            elif sheet.row_count:
                body += self.table(sheet)
        rest = findings.get(None)
        if rest:
            body += [
                '<section id="findings">',
                f"<h2>{self.inline_label(self.words.term('findings'))}</h2>",
                *self.finding_list(rest, document),
                "</section>",
            ]
        body.append("</main>")
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{tag}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(document.title)}</title>\n"
            f'<meta name="generator" content="ropa">\n'
            f"<style>{_STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
        )

    def contents(self, document: ExportDocument) -> Iterator[str]:
        words = self.words
        yield '<nav aria-labelledby="contents">'
        yield f'<h2 id="contents">{self.inline_label(words.term("contents"))}</h2>'
        yield "<ol>"
        yield f'<li><a href="#cover">{self.inline_label(document.cover_name)}</a></li>'
        for sheet in document.sheets:
            if sheet.records:
                for row in sheet.rows():
                    if isinstance(row, TitleRow):
                        identifier = as_text(row[0]) or ""
                        name = (as_text(row[1]) or identifier).split("\n")[0]
                        yield (
                            f'<li><a href="#{_anchor(identifier)}">{html.escape(name)}</a> '
                            f"<code>{html.escape(identifier)}</code></li>"
                        )
            elif sheet.row_count and sheet.key not in ("activities", "controllers", "findings"):
                yield f'<li><a href="#{sheet.key}">{self.inline_label(sheet.name)}</a></li>'
        if document.counts.get("findings"):
            yield f'<li><a href="#findings">{self.inline_label(words.term("findings"))}</a></li>'
        yield "</ol>"
        yield "</nav>"

    def cover(self, document: ExportDocument) -> Iterator[str]:
        yield '<section id="cover">'
        yield f"<h2>{self.inline_label(document.cover_name)}</h2>"
        open_table = False
        for line in document.cover:
            if line.heading:
                if open_table:
                    yield "</tbody></table>"
                caption = self.inline_label(line.label)
                if line.value is not None:
                    caption += f" — {self.inline_label(str(as_text(line.value)))}"
                yield f"<table><caption>{caption}</caption><tbody>"
                open_table = True
                continue
            if not open_table:
                yield "<table><tbody>"
                open_table = True
            yield (
                f'<tr><th scope="row">{self.inline_label(line.label)}</th>'
                f"<td>{self.value(line.value)}</td></tr>"
            )
        if open_table:
            yield "</tbody></table>"
        yield "</section>"

    def records(self, sheet: Sheet, findings: dict[str | None, list[list[Value]]]) -> Iterator[str]:
        yield f'<section id="{sheet.key}">'
        yield f"<h2>{self.inline_label(sheet.name)}</h2>"
        open_record = ""
        for row in sheet.rows():
            if isinstance(row, TitleRow):
                if open_record:
                    yield from self.close_record(open_record, findings)
                identifier = as_text(row[0]) or ""
                name = (as_text(row[1]) or identifier).replace("\n", " ")
                open_record = identifier
                yield f'<section class="record" id="{_anchor(identifier)}">'
                yield f"<h3>{html.escape(name)} <code>{html.escape(identifier)}</code></h3>"
                yield f"<table><caption>{html.escape(name)}</caption><tbody>"
                continue
            label, value = row[0], row[1]
            yield (
                f'<tr><th scope="row">{self.label(str(label))}</th>'
                f"<td>{self.value(value)}</td></tr>"
            )
        if open_record:
            yield from self.close_record(open_record, findings)
        yield "</section>"

    def close_record(
        self, identifier: str, findings: dict[str | None, list[list[Value]]]
    ) -> Iterator[str]:
        yield "</tbody></table>"
        found = findings.get(identifier)
        if found:
            yield '<aside class="findings">'
            yield f"<h4>{self.inline_label(self.words.term('findings'))}</h4>"
            yield "<ul>"
            for row in found:
                severity, article, _entry, message, code = (as_text(v) for v in row[:5])
                yield (
                    f"<li><strong>{html.escape(severity or '')}</strong> "
                    f"({html.escape(article or '')}): {html.escape(message or '')} "
                    f"<code>{html.escape(code or '')}</code></li>"
                )
            yield "</ul>"
            yield "</aside>"
        yield "</section>"

    def finding_list(self, rows: list[list[Value]], document: ExportDocument) -> Iterator[str]:
        sheet = document.sheet("findings")
        yield from self.table_rows(sheet, rows, sheet.name)

    def table(self, sheet: Sheet) -> Iterator[str]:
        yield f'<section id="{sheet.key}">'
        yield f"<h2>{self.inline_label(sheet.name)}</h2>"
        yield from self.table_rows(sheet, list(sheet.rows()), sheet.name)
        yield "</section>"

    def table_rows(self, sheet: Sheet, rows: Sequence[list[Value]], caption: str) -> Iterator[str]:
        yield f"<table><caption>{self.inline_label(caption)}</caption><thead><tr>"
        for column in sheet.columns:
            yield f'<th scope="col">{self.label(column.heading)}</th>'
        yield "</tr></thead><tbody>"
        for row in rows:
            yield "<tr>" + "".join(f"<td>{self.value(value)}</td>" for value in row) + "</tr>"
        yield "</tbody></table>"


def _findings_by_entry(document: ExportDocument) -> dict[str | None, list[list[Value]]]:
    """The findings sheet's rows by the entry they concern (None: the register as a whole,
    or an entry shown in no records section)."""
    if not document.has_sheet("findings"):
        return {}
    shown = {
        as_text(row[0])
        for sheet in document.sheets
        if sheet.records
        for row in sheet.rows()
        if isinstance(row, TitleRow)
    }
    grouped: dict[str | None, list[list[Value]]] = {}
    for row in document.sheet("findings").rows():
        entry = as_text(row[2])
        grouped.setdefault(entry if entry in shown else None, []).append(row)
    return grouped


def _anchor(identifier: str) -> str:
    return "entry-" + re.sub(r"[^A-Za-z0-9_-]", "_", identifier)
