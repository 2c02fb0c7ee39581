"""A notice draft as Markdown or as one self-contained HTML page.

HTML follows the register's HTML export (`ropa.exporters.html`): no scripts, fonts or
styles from the network, the page's language set, every text escaped so nothing in a
register becomes markup. Placeholders stand out in both: `**[TO COMPLETE: …]**` in
Markdown, a highlighted `<mark>` in HTML, so no one publishes a draft with holes unseen.
"""

from __future__ import annotations

import html
import re

from ropa.notice.build import Block, Notice, Piece
from ropa.notice.wording import say

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _markdown_piece(piece: Piece, marker: str) -> str:
    if piece.kind == "gap":
        return f"**[{marker}: {_escape_markdown(piece.text)}]**"
    if piece.kind == "marker":
        return f"**[{piece.text}]**"
    if piece.kind == "code":
        return f"`{piece.text.replace('`', '')}`"
    if piece.kind == "value":
        return _escape_markdown(piece.text)
    return piece.text


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown_text(notice: Notice) -> str:
    marker = say("marker", notice.language)
    lines: list[str] = []
    for block in notice.blocks:
        if block.kind == "heading":
            text = "".join(_markdown_piece(piece, marker) for piece in block.pieces)
            lines += ["#" * block.level + " " + text, ""]
        elif block.kind == "paragraph":
            lines += ["".join(_markdown_piece(piece, marker) for piece in block.pieces), ""]
        else:
            for item in block.items:
                lines.append("- " + "".join(_markdown_piece(piece, marker) for piece in item))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_STYLE = """
:root { color: #111; background: #fff; font: 12pt/1.5 Calibri, Carlito, "Segoe UI", Arial,
  sans-serif; }
body { margin: 1.5rem auto; max-width: 48rem; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .6rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #33507a; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
ul { padding-left: 1.3rem; }
li { margin: .2rem 0; }
mark.gap { background: #ffe08a; color: #111; font-weight: bold; padding: 0 .15rem; }
code { font-size: .95em; }
@page { size: A4; margin: 18mm 16mm; }
@media print { h2, h3 { break-after: avoid; } li { break-inside: avoid; } }
"""


def _html_piece(piece: Piece, marker: str) -> str:
    text = html.escape(piece.text)
    if piece.kind == "gap":
        return f'<mark class="gap">[{html.escape(marker)}: {text}]</mark>'
    if piece.kind == "marker":
        return f'<mark class="gap">[{text}]</mark>'
    if piece.kind == "code":
        return f"<code>{text}</code>"
    return text


def _html_block(block: Block, marker: str) -> str:
    if block.kind == "heading":
        inner = "".join(_html_piece(piece, marker) for piece in block.pieces)
        return f"<h{block.level}>{inner}</h{block.level}>"
    if block.kind == "paragraph":
        return "<p>" + "".join(_html_piece(piece, marker) for piece in block.pieces) + "</p>"
    items = (
        "<li>" + "".join(_html_piece(piece, marker) for piece in item) + "</li>"
        for item in block.items
    )
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def html_text(notice: Notice) -> str:
    marker = say("marker", notice.language)
    title = html.escape(say("title", notice.language))
    body = "\n".join(_html_block(block, marker) for block in notice.blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{notice.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )
