"""How many lines a text takes in a spreadsheet cell, from the font's own widths.

Row heights are written explicitly (neither Excel nor LibreOffice fits a row to wrapped
text when opening a file), so they must be neither short (text hidden) nor tall (a page
of white space). The text is measured with Carlito's advance widths (`fontmetrics`,
the same as Calibri's) and wrapped the way both programs wrap it: at spaces, a word
wider than the cell broken where it runs out.
"""

from __future__ import annotations

import functools
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


class _Widths(dict[str, float]):
    """Width of each character in ems; a character not measured counts as `_UNKNOWN`.
    Read with `__getitem__` (through `map`), the fastest way to sum a word's widths."""

    def __missing__(self, character: str) -> float:
        return _UNKNOWN


def _table(widths: str) -> _Widths:
    numbers = [int(number) for number in widths.split()]
    points = [point for first, end in fontmetrics.RANGES for point in range(first, end)]
    return _Widths(
        (
            chr(point),
            (number or _UNKNOWN * fontmetrics.UNITS_PER_EM) * _HINTING / fontmetrics.UNITS_PER_EM,
        )
        for point, number in zip(points, numbers, strict=True)
    )


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
    return sum(map((_BOLD if bold else _REGULAR).__getitem__, text))


def room(width: float, size: float) -> float:
    """The width, in ems of a `size`-point font, that a column `width` characters wide
    has for its text."""
    return (width * _POINTS_PER_CHARACTER - _CELL_PADDING_POINTS) / size


@functools.lru_cache(maxsize=8192)
def lines_of(text: str, width: float, *, size: float = 11, bold: bool = False) -> int:
    """Lines the text takes, wrapped, in a column `width` characters wide: as many as
    `wrap` gives, counted without building them where a paragraph fits. (Remembered:
    the same texts recur from activity to activity, "nav zināms" and catalogue entries.)"""
    available = room(width, size)
    if len(text) * _WIDEST <= available and "\n" not in text:
        return 1  # the most common case: short enough whatever its letters
    table = _BOLD if bold else _REGULAR
    width_of = table.__getitem__
    lines = 0
    for paragraph in text.split("\n"):
        if len(paragraph) * _WIDEST <= available or sum(map(width_of, paragraph)) <= available:
            lines += 1
        else:
            lines += _count_lines(paragraph, available, table)
    return lines


def _count_lines(paragraph: str, available: float, table: _Widths) -> int:
    """`len(_wrap_paragraph(...))` without building the lines."""
    width_of = table.__getitem__
    space = table[" "]
    lines = 1
    used = -1.0  # no word on the line yet
    for word in paragraph.split(" "):
        measured = sum(map(width_of, word))
        if used >= 0 and used + space + measured <= available:
            used += space + measured
            continue
        if used >= 0:
            lines += 1
        if measured > available and len(word) > 1:
            pieces = _break_word(word, available, table)
            lines += len(pieces) - 1
            measured = sum(map(width_of, pieces[-1]))
        used = measured
    return lines


def _break_word(word: str, available: float, table: _Widths) -> list[str]:
    """A word wider than the cell, broken where it runs out of room."""
    width_of = table.__getitem__
    pieces: list[str] = []
    while sum(map(width_of, word)) > available and len(word) > 1:
        cut, run = 0, 0.0
        while cut < len(word) - 1 and run + width_of(word[cut]) <= available:
            run += width_of(word[cut])
            cut += 1
        cut = max(cut, 1)
        pieces.append(word[:cut])
        word = word[cut:]
    pieces.append(word)
    return pieces


def wrap(text: str, width: float, *, size: float = 11, bold: bool = False) -> list[str]:
    """The text as the lines a cell shows: each paragraph broken at spaces, a word wider
    than the cell broken where it runs out of room."""
    available = room(width, size)
    table = _BOLD if bold else _REGULAR
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(_wrap_paragraph(paragraph, available, table))
    return out


def _wrap_paragraph(paragraph: str, available: float, table: _Widths) -> list[str]:
    width_of = table.__getitem__
    space = table[" "]
    out: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in paragraph.split(" "):
        measured = sum(map(width_of, word))
        if line and used + space + measured <= available:
            line.append(word)
            used += space + measured
            continue
        if line:
            out.append(" ".join(line))
        if measured > available and len(word) > 1:
            *whole, word = _break_word(word, available, table)
            out.extend(whole)
            measured = sum(map(width_of, word))
        line, used = [word], measured
    out.append(" ".join(line))
    return out
