"""The register as a Markdown document: the cover, then a section per activity.

Headings and cell text are the workbook's (`ropa.exporters.table`). Register text is
escaped, so a `*`, `_`, `[`, `<` or `#` in it is shown as written, never as Markdown or
HTML; the exporter's own bullets and numbered lists become Markdown lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.exporters.table import Cell, ExportDocument, Row, Sheet, as_text

# Characters that make markup anywhere in a line, and what makes markup at its start
# (headings, lists, quotes, thematic breaks, setext underlines).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))")
_NUMBERED = re.compile(r"(\d+)\. (.*)")
_BULLET = "• "


def escape(text: str) -> str:
    """Backslash-escape what Markdown or HTML could read as markup, and nothing else."""
    text = _INLINE.sub(r"\\\1", text)
    start = _LINE_START.match(text)
    if start is None:
        return text
    indent, lead = start.groups()
    if lead[0].isdigit():
        end = start.end()
        return f"{text[:end]}\\{text[end:]}"
    return f"{indent}\\{text[len(indent) :]}"


def _value(text: Cell) -> list[str]:
    """A cell as Markdown lines: bullets and numbers as lists, line breaks kept."""
    if text is None:
        return ["—"]
    out: list[str] = []
    in_list = False
    for line in text.split("\n"):
        numbered = _NUMBERED.fullmatch(line)
        if line.startswith(_BULLET):
            out.append("- " + escape(line.removeprefix(_BULLET)))
            in_list = True
        elif numbered:
            out.append(f"{numbered.group(1)}. {escape(numbered.group(2))}")
            in_list = True
        elif out:
            # A hard line break; under a list item, the line continues that item.
            out[-1] += "\\"
            out.append(("  " if in_list else "") + escape(line))
        else:
            out.append(escape(line))
    return out


def _heading(text: str) -> str:
    return " / ".join(escape(part) for part in text.split("\n"))


def _record(sheet: Sheet, row: Row, level: str) -> Iterator[str]:
    title = as_text(row[1] if len(row) > 1 and row[1] else row[0])
    first_line = (title or "").split("\n")[0]
    yield f"{level} {escape(first_line)} (`{as_text(row[0])}`)"
    yield ""
    for column, value in zip(sheet.columns, row, strict=True):
        if column.key in ("id", "name"):
            continue
        yield f"**{_heading(column.heading)}**"
        yield ""
        yield from _value(as_text(value))
        yield ""


def _findings(sheet: Sheet) -> Iterator[str]:
    """One finding a line: severity, article and entry, then what is wrong, code, place."""
    for row in sheet.rows():
        severity, article, entry, message, code, location = (as_text(v) or "" for v in row)
        where = f" — `{entry}`" if entry else ""
        said = " ".join(escape(line) for line in message.split("\n"))
        yield (
            f"- **{escape(severity)}** ({escape(article)}){where}: {said} "
            f"(`{code}`, {escape(location)})"
        )


def markdown_text(document: ExportDocument) -> str:
    lines = [f"# {escape(document.title)}", ""]
    for cover_line in document.cover:
        if cover_line.heading:
            lines += [f"## {escape(cover_line.label)}", ""]
            if cover_line.value:
                lines += [escape(str(as_text(cover_line.value))), ""]
            continue
        if cover_line.value is None:
            continue
        value = _value(as_text(cover_line.value))
        if len(value) == 1:
            lines += [f"**{escape(cover_line.label)}:** {value[0]}", ""]
        else:
            lines += [f"**{escape(cover_line.label)}:**", "", *value, ""]
    for sheet in document.sheets:
        # A records sheet repeats the main table's cells, which are sections here already.
        if not sheet.row_count or sheet.records:
            continue
        lines += [f"## {escape(sheet.name)}", ""]
        if sheet.key == "findings":
            lines += [*_findings(sheet), ""]
            continue
        for row in sheet.rows():
            lines += list(_record(sheet, row, "###"))
    return "\n".join(lines).rstrip("\n") + "\n"
