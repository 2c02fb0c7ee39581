"""Row heights come from measured text: Carlito's widths (Calibri's metrics), wrapped as
spreadsheet programs wrap it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ropa.exporters import fontmetrics
from ropa.exporters.measure import lines_of, room, text_width, wrap


def test_widths_come_from_the_font() -> None:
    # Carlito's digits are all as wide (1038 of 2048 units); "i" is narrower than "m";
    # bold is wider; every Latvian letter is measured, none falls back to the default.
    assert text_width("0") == text_width("9")
    assert text_width("i") < text_width("m")
    assert text_width("Apstrāde", bold=True) > text_width("Apstrāde")
    # (4% more than the font's ideal widths: screen fonts are hinted to whole pixels.)
    assert text_width("0") * fontmetrics.UNITS_PER_EM == pytest.approx(1038 * 1.04)
    for letter in "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ":
        assert 0.2 < text_width(letter) < 1.0, letter


def test_a_line_holds_what_fits_and_no_more() -> None:
    width = 30
    available = room(width, 11)
    words = "datu apstrāde"
    fits = words
    while text_width(fits + " " + words) <= available:
        fits += " " + words
    assert lines_of(fits, width) == 1
    assert lines_of(fits + " " + words, width) == 2
    assert lines_of("a\nb\nc", width) == 3
    # A smaller font holds more on a line.
    long = "personas datu kategorijas " * 12
    assert lines_of(long, width, size=9) < lines_of(long, width, size=11)
    # A word wider than the cell is broken where it runs out of room.
    assert lines_of("x" * 400, 10) > 5


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("abc ēšž-–\n0W")), max_size=300),
    st.integers(min_value=4, max_value=120),
)
def test_counted_lines_are_the_wrapped_lines(text: str, width: int) -> None:
    """The height the writer gives a row (lines_of) and the lines it splits a row too
    tall for Excel into (wrap) agree, and no text is lost wrapping."""
    lines = wrap(text, width)
    assert lines_of(text, width) == len(lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
