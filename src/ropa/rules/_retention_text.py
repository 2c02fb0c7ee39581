"""What a retention's words say: only "as long as necessary", only "per the file plan", or
"for ever" — read through the text layer (`ropa.knowledge.lexicon`)."""

from __future__ import annotations

import re

from ropa.knowledge import lexicon
from ropa.knowledge.text import cites_law, fold

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


# Another end beside the person's request: the end of a contract or membership, the last
# activity, withdrawal, a period (folded stems, Latvian and English).
_OTHER_END = re.compile(
    r"ligum|beig|izbeig|izstaj|pedej|neaktiv|atsauk|contract|\bend|terminat|last\b"
    r"|inactiv|withdraw|leave|closure|whichever"
)


def until_request_words(text: str) -> str | None:
    """The words that make the person's request the only end of a retention ("līdz jūsu
    pieprasījumam", "until you ask us to delete it"); None when the text also gives a
    period, a law or another end (the contract's, the last purchase's)."""
    if not text or _PERIOD.search(text):
        return None
    stated = lexicon.stated(text)
    if "retention_until_request" not in stated or cites_law(text):
        return None
    if _OTHER_END.search(fold(text)[0]) or longest_period(text) is not None:
        return None
    return stated["retention_until_request"].matched


# Number words as retention texts write them (English; Latvian folded, each inflection
# starting with the stem kept here: "divus", "divi", "trim", "piecus").
_ENGLISH_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30,
}  # fmt: skip
_LATVIAN_NUMBERS = (
    ("divdesmit", 20), ("trisdesmit", 30), ("piecpadsmit", 15), ("divpadsmit", 12),
    ("vienpadsmit", 11), ("desmit", 10), ("vien", 1), ("div", 2), ("tri", 3),
    ("cetr", 4), ("piec", 5), ("ses", 6), ("septin", 7), ("aston", 8), ("devin", 9),
)  # fmt: skip
# A number (figures or a word) and the unit after it, on the folded text.
_AMOUNT = re.compile(r"\b(?:(\d+)[\s-]*|([a-z]+)[\s-]+)(gad|menes|nedel|dien|year|month|week|day)")
_MONTHS = {"gad": 12, "year": 12, "menes": 1, "month": 1}


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _ENGLISH_NUMBERS:
        return _ENGLISH_NUMBERS[word]
    for stem, value in _LATVIAN_NUMBERS:
        if word.startswith(stem) and len(word) - len(stem) <= 3:
            return value
    return None


def longest_period(text: str) -> tuple[int, str] | None:
    """The longest period the words give, in whole months, with the words that give it
    ("ten years" → 120; "14 days to 10 years" → 120); periods in days or weeks count as
    less than a month. None when the words give no period."""
    folded, origin = fold(text)
    longest: tuple[int, str] | None = None
    for match in _AMOUNT.finditer(folded):
        number = _number(match.group(1) or match.group(2))
        if number is None:
            continue
        months = number * _MONTHS.get(match.group(3), 0)
        if longest is None or months > longest[0]:
            start, end = match.start(), _word_end(folded, match.end())
            longest = (months, text[origin[start] : origin[end - 1] + 1])
    return longest


# Keeping the record of a visitor's choice (proof of consent, Art. 7(1)) or a log is not
# keeping the tracker: a clause naming one of these gives no tracking lifetime (folded).
_EVIDENCE = re.compile(
    r"piekrisan|izvel|pieradijum|zurnal|consent|choice|preferenc|proof|\blogs?\b"
)
_CLAUSES = re.compile(r"[;.\n•]+")


# A cookie's own name in a cookie table: "_ga", "_fbp", "__utma".
_COOKIE_NAME = re.compile(r"(?:^|[\s,;(\"'])_{1,2}[a-z]\w*")


def tracking_period(text: str, *, whole: bool = True) -> tuple[int, str] | None:
    """The longest period the words give for cookies or what they collect: as
    `longest_period`, leaving out clauses about keeping the visitor's choice or a log.
    With `whole` false (a retention that also covers other data), only clauses that name
    cookies or tracking, or a cookie by its name, count."""
    longest: tuple[int, str] | None = None
    for clause in _CLAUSES.split(text):
        if _EVIDENCE.search(fold(clause)[0]):
            continue
        if not whole and not (
            _COOKIE_NAME.search(clause)
            or lexicon.mentions(clause, "cookies") is not None
            or lexicon.mentions(clause, "targeted_ads") is not None
        ):
            continue
        found = longest_period(clause)
        if found is not None and (longest is None or found[0] > longest[0]):
            longest = found
    return longest


def _word_end(folded: str, at: int) -> int:
    """Where the word a match ends inside ends ("gad" of "gadus")."""
    while at < len(folded) and folded[at].isalpha():
        at += 1
    return at


__all__ = [
    "endless_words",
    "longest_period",
    "tracking_period",
    "until_request_words",
    "vague_words",
]
