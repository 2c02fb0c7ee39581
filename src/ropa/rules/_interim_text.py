"""Interim readings of free text for the rules of issue 11, part B.

Employees are read through the shared lexicon (`ropa.knowledge.lexicon`). Whether a
recipient category is a class of people (the general public, anyone entitled by law,
couriers) is not a concept of the lexicon yet: it is answered here with a short word list,
Latvian stems included. Fold it into the lexicon as a concept and remove this module.
"""

from __future__ import annotations

import re
import unicodedata

from ropa.knowledge.lexicon import mentions
from ropa.model.types import text_of


def _fold(text: str) -> str:
    """Lower case without diacritics, so `Darbinieki` and `darbinieku` share a stem."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(stems) + r")", re.IGNORECASE)


# Recipients that are classes of people rather than someone data is sent to under an
# arrangement: the general public, "anyone entitled by law", couriers in general.
_PURE_CATEGORIES = _words(
    (
        # "sabiedrība" alone is also a company (akciju sabiedrība, parādu piedziņas
        # sabiedrības): only the phrases that mean the public.
        "plasa sabiedrib",
        "plasaka sabiedrib",
        "sabiedribai kopuma",
        "sabiedribas locek",
        "ikviens",
        "ikvienam",
        "jebkura persona",
        "jebkuram",
        "general public",
        "the public",
        "anyone",
        "kuriem ir tiesibas",
        "tiesibas sanemt",
        "entitled by law",
        "entitled under law",
        "persons entitled",
        "kurjer",
        "courier",
        "pasta pakalpojum",
        "postal service",
    )
)


def mentions_employees(value: object) -> bool:
    """Whether a category (text or `{lv, en}`) speaks of employees or staff."""
    return any(
        mentions(text_of(value, language), "employees") is not None for language in ("lv", "en")
    )


def is_pure_category(value: object) -> bool:
    """Whether a recipient category names a class of people (the public, anyone entitled
    by law, couriers) rather than an organisation."""
    return any(
        _PURE_CATEGORIES.search(_fold(text_of(value, language))) for language in ("lv", "en")
    )


__all__ = ["is_pure_category", "mentions_employees"]
