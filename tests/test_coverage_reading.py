"""The library under `ropa coverage` and `ropa notice`: reading a policy into passages,
durations, and how the notice's wording is filled in."""

from __future__ import annotations

import pytest

from ropa.coverage.policy import Passage, html_passages, text_passages
from ropa.coverage.vocabulary import DURATION, duration_of
from ropa.knowledge.text import fold_word
from ropa.notice.build import Piece, compose


def test_text_paragraphs_items_and_headings_keep_their_lines() -> None:
    text = (
        "1. VISPĀRĒJA VIENOŠANĀS\n"
        "\n"
        "Mēs apstrādājam datus,\n"
        "lai piegādātu preces:\n"
        " • vārdu un uzvārdu;\n"
        "   turpinājums\n"
        "- e-pasta adresi.\n"
        "3) Mārketinga nolūkos\n"
    )
    assert text_passages(text) == [
        Passage(1, "VISPĀRĒJA VIENOŠANĀS", heading=True),
        Passage(3, "Mēs apstrādājam datus, lai piegādātu preces:"),
        Passage(5, "vārdu un uzvārdu; turpinājums", item=True),
        Passage(7, "e-pasta adresi.", item=True),
        Passage(8, "Mārketinga nolūkos", heading=True),
    ]


def test_markdown_loses_its_markup() -> None:
    passages = text_passages(
        "## Kam nododam datus\n\n* **Kurjeriem** ([DPD](https://dpd.lv))\n", markdown=True
    )
    assert passages == [
        Passage(1, "Kam nododam datus", heading=True),
        Passage(3, "Kurjeriem (DPD)", item=True),
    ]


def test_html_text_only_with_the_lines_of_the_file() -> None:
    page = (
        "<html>\n<head><style>p{}</style><script>\nnododam\n</script></head>\n"
        "<body><h2>Nolūki</h2>\n<p>Pirmā\nrindkopa &amp; <b>treknā</b></p>\n"
        "<ul>\n<li>lai sūtītu</li>\n</ul><template><p>x</p></template>\n</body></html>"
    )
    assert html_passages(page) == [
        Passage(5, "Nolūki", heading=True),
        Passage(6, "Pirmā rindkopa & treknā"),
        Passage(9, "lai sūtītu", item=True),
    ]


@pytest.mark.parametrize(
    ("words", "months_days"),
    [
        ("5 gadus", (60, 0)),
        ("piecus (5) gadus", (60, 0)),
        ("5 (pieci) gadi", (60, 0)),
        ("36 mēnešus", (36, 0)),
        ("3 mēneši", (3, 0)),
        ("viena gada", (12, 0)),
        ("30 dienas", (0, 30)),
        ("2 nedēļas", (0, 14)),
        ("five years", (60, 0)),
        ("12 months", (12, 0)),
    ],
)
def test_durations(words: str, months_days: tuple[int, int]) -> None:
    found = DURATION.search(fold_word(f"Datus glabājam {words} pēc tam."))
    assert found is not None
    assert duration_of(found.group(1), found.group(2)) == months_days


@pytest.mark.parametrize("text", ["2024. gadā", "LV-1050", "5 lapās", "gadu gaitā"])
def test_not_durations(text: str) -> None:
    assert DURATION.search(fold_word(text)) is None


def test_wording_slots_take_text_values_and_gaps() -> None:
    pieces = compose("data", "lv", value=Piece('"vārds, uzvārds."', "value"))
    assert pieces == [Piece("Personas dati: "), Piece('"vārds, uzvārds."', "value")]
    gap = Piece("personas datu kategorijas", "gap")
    assert compose("data", "en", value=gap) == [Piece("Personal data: "), gap, Piece(".")]
