"""How many lines a text takes in a spreadsheet cell, from the font's own widths.

Row heights are written explicitly (neither Excel nor LibreOffice fits a row to wrapped
text when opening a file), so they must be neither short (text hidden) nor tall (a page
of white space). The text is measured with Carlito's advance widths (`fontmetrics`,
the same as Calibri's) and wrapped the way both programs wrap it: at spaces, a word
wider than the cell broken where it runs out.
"""

from __future__ import annotations

import math

from ropa.exporters import fontmetrics

# A column `width` characters wide is `width` times the widest digit of the default font
# (Calibri 11: 7 pixels at 96 dpi, 5.25 points); the cell keeps about 3 pixels clear on
# each side. (LibreOffice draws the column a little wider, 5.55 points a character.)
_POINTS_PER_CHARACTER = 5.25
_CELL_PADDING_POINTS = 4.5
# Screen fonts are hinted to whole pixels, so text runs a little wider than its ideal
# widths; and a character the font lacks is drawn from another font: counted as wide.
_HINTING = 1.04
_UNKNOWN = 1.0  # em


def _table(widths: str) -> dict[str, float]:
    numbers = [int(number) for number in widths.split()]
    points = [point for first, end in fontmetrics.RANGES for point in range(first, end)]
    return {
        chr(point): (number or _UNKNOWN * fontmetrics.UNITS_PER_EM)
        * _HINTING
        / fontmetrics.UNITS_PER_EM
        for point, number in zip(points, numbers, strict=True)
    }


# Width of each character in ems.
_REGULAR = _table(fontmetrics.REGULAR)
_BOLD = _table(fontmetrics.BOLD)
_WIDEST = max(_REGULAR.values())


def line_points(size: float) -> float:
    """Points from one line of wrapped text to the next in a `size`-point font: the
    font's line height (its Windows ascent and descent), rounded up to whole pixels at
    96 dpi as Excel draws it (Calibri 11: 18 pixels, 13.5 points; 9: 15 pixels, 11.25).
    LibreOffice sets lines closer, about 1.0 em apart."""
    pixels = size * 96 / 72 * fontmetrics.LINE_UNITS / fontmetrics.UNITS_PER_EM
    return math.ceil(pixels) * 72 / 96


def text_width(text: str, *, bold: bool = False) -> float:
    """The text's width in ems of its font."""
    table = _BOLD if bold else _REGULAR
    get = table.get
    return sum([get(character, _UNKNOWN) for character in text])


def room(width: float, size: float) -> float:
    """The width, in ems of a `size`-point font, that a column `width` characters wide
    has for its text."""
    return (width * _POINTS_PER_CHARACTER - _CELL_PADDING_POINTS) / size


def lines_of(text: str, width: float, *, size: float = 11, bold: bool = False) -> int:
    """Lines the text takes, wrapped, in a column `width` characters wide: as many as
    `wrap` gives, counted without building them where a paragraph surely fits."""
    available = room(width, size)
    if len(text) * _WIDEST <= available and "\n" not in text:
        return 1  # the most common case: short enough whatever its letters
    table = _BOLD if bold else _REGULAR
    lines = 0
    for paragraph in text.split("\n"):
        if len(paragraph) * _WIDEST <= available:
            lines += 1
        else:
            lines += len(_wrap_paragraph(paragraph, available, table))
    return lines


def wrap(text: str, width: float, *, size: float = 11, bold: bool = False) -> list[str]:
    """The text as the lines a cell shows: each paragraph broken at spaces, a word wider
    than the cell broken where it runs out of room."""
    available = room(width, size)
    table = _BOLD if bold else _REGULAR
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(_wrap_paragraph(paragraph, available, table))
    return out


def _wrap_paragraph(paragraph: str, available: float, table: dict[str, float]) -> list[str]:
    get = table.get
    space = table[" "]
    out: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in paragraph.split(" "):
        measured = sum([get(character, _UNKNOWN) for character in word])
        if line and used + space + measured <= available:
            line.append(word)
            used += space + measured
            continue
        if line:
            out.append(" ".join(line))
        while measured > available and len(word) > 1:
            cut, run = 0, 0.0
            while cut < len(word) - 1 and run + get(word[cut], _UNKNOWN) <= available:
                run += get(word[cut], _UNKNOWN)
                cut += 1
            cut = max(cut, 1)
            out.append(word[:cut])
            word = word[cut:]
            measured = sum([get(character, _UNKNOWN) for character in word])
        line, used = [word], measured
    out.append(" ".join(line))
    return out
