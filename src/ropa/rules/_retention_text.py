"""What a retention's words say: only "as long as necessary", only "per the file plan", or
"for ever" — read through the text layer (`ropa.knowledge.lexicon`)."""

from __future__ import annotations

import re

from ropa.knowledge import lexicon
from ropa.knowledge.text import cites_law

# A file plan entry: a number of any kind ("lieta 1-05", "Nr. 3", "10 gadi").
_REFERENCE = re.compile(r"\d")
# A period in words: "5 gadi", "10 gadus", "6 months", "30 dienas".
_PERIOD = re.compile(
    r"\d+\s*(?:gad|mēneš|mēnes|menes|dien|nedēļ|nedel|year|month|week|day)", re.IGNORECASE
)


def vague_words(text: str) -> tuple[str, str] | None:
    """The words that make a retention vague, and how: `vague` ("as long as necessary",
    "as required by law" with no law named) or `file_plan` (a file plan without its entry).
    None when the text also gives a period, a law or an entry."""
    if not text or _PERIOD.search(text):
        return None
    stated = lexicon.stated(text)
    if "retention_vague" in stated and not cites_law(text):
        return stated["retention_vague"].matched, "vague"
    if "retention_file_plan" in stated and not _REFERENCE.search(text):
        return stated["retention_file_plan"].matched, "file_plan"
    return None


def endless_words(text: str) -> str | None:
    """The words that keep data for ever, unless a law or file plan entry is named."""
    if not text:
        return None
    stated = lexicon.stated(text)
    if "retention_endless" not in stated:
        return None
    if cites_law(text) or "retention_file_plan" in stated:
        return None
    return stated["retention_endless"].matched


__all__ = ["endless_words", "vague_words"]
