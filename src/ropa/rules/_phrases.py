"""Phrases that say nothing: vague retention and boilerplate security wording.

These are heuristics, not legal facts: common wordings from Latvian and English privacy
notices (including the five seed policies) that state no period, criteria or measure.
Matching is on lower-cased text without diacritics, so "kamēr nepieciešams" and "kamer
nepieciesams" both match.
"""

from __future__ import annotations

import re
import unicodedata

VAGUE_RETENTION = (
    "as long as necessary",
    "as long as needed",
    "as long as required",
    "no longer than necessary",
    "for the period necessary",
    "for a certain period",
    "kamer nepieciesams",
    "kamer tas ir nepieciesams",
    "tik ilgi, cik",
    "cik ilgi nepieciesams",
    "nepieciesamo laiku",
    "noteiktu laika periodu",
)

BOILERPLATE_SECURITY = (
    "appropriate technical and organisational measures",
    "appropriate technical and organizational measures",
    "appropriate measures",
    "appropriate security measures",
    "reasonable measures",
    "all reasonable",
    "industry standard",
    "everything possible",
    "various technical",
    "atbilstosus tehniskos un organizatoriskos",
    "atbilstosi drosibas pasakumi",
    "dazadus tehniskos risinajumus",
    "organizatoriskos drosibas pasakumus",
    "visu iespejamo",
    "visu sapratigo",
    "sapratigus pasakumus",
)

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, no diacritics, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _SPACE.sub(" ", plain).strip()


def contains_any(text: str, phrases: tuple[str, ...]) -> str | None:
    """The first phrase the text contains, if any."""
    normalised = normalise(text)
    for phrase in phrases:
        if phrase in normalised:
            return phrase
    return None
