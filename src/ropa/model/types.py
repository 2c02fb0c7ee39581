"""The value types the register format is built from.

* `Text`: what a regulator reads — plain text, or `{lv: ..., en: ...}`.
* Markers: `none` states that nothing applies; `unknown` states that the organisation does
  not know. Both differ from leaving a key out (forgotten), which later checks report.
* Identifiers, references, ISO 3166-1 country codes, ISO 8601 dates and durations.

Unions are chosen by the shape of the input (text, mapping, list), so an error names the
one expectation that applies instead of every branch pydantic tried.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Strict,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ropa.knowledge.countries import ALPHA_3, COUNTRIES

NONE_MARKER = "none"
UNKNOWN_MARKER = "unknown"
# "Somewhere inside the EU/EEA, the country not stated": enough to rule out a transfer
# (Chapter V) though not to name the place.
EEA_MARKER = "EEA"

NoneMarker: TypeAlias = Literal["none"]
UnknownMarker: TypeAlias = Literal["unknown"]
Marker: TypeAlias = Literal["none", "unknown"]

# Tags of shape-chosen union branches; they show up in pydantic's error locations and are
# dropped when errors are mapped back onto the data (see `ropa.validate`).
TAG_PREFIX = "~"
TEXT_TAG = "~text"
LOCALIZED_TAG = "~localized"
MARKER_TAG = "~marker"
OBJECT_TAG = "~object"
LIST_TAG = "~list"


class StrictModel(BaseModel):
    """Every model of the format: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        # Field docstrings describe the JSON Schema (see ropa.schema), read only there: letting
        # pydantic read them costs every run ~50 ms of source parsing.
        use_attribute_docstrings=False,
        regex_engine="rust-regex",
        defer_build=True,
    )


NonBlank = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


class LocalizedText(StrictModel):
    """The same text in Latvian and English; give at least one."""

    lv: NonBlank | None = None
    """Latvian text (latviski)."""
    en: NonBlank | None = None
    """English text."""

    @model_validator(mode="after")
    def _at_least_one(self) -> LocalizedText:
        if self.lv is None and self.en is None:
            raise PydanticCustomError(
                "localized_empty", "give the text in at least one language: `lv:` or `en:`"
            )
        return self

    def pick(self, language: str) -> str:
        """The text in `language`, falling back to the other one."""
        if language == "en":
            return self.en or self.lv or ""
        return self.lv or self.en or ""


def _shape(value: Any) -> str | None:
    if isinstance(value, str):
        return TEXT_TAG
    if isinstance(value, dict):
        return LOCALIZED_TAG
    return None


def _shape_with_markers(markers: tuple[str, ...]) -> Callable[[Any], str | None]:
    def shape(value: Any) -> str | None:
        if isinstance(value, str) and value in markers:
            return MARKER_TAG
        return _shape(value)

    return shape


Text = Annotated[
    Annotated[NonBlank, Tag(TEXT_TAG)] | Annotated[LocalizedText, Tag(LOCALIZED_TAG)],
    Discriminator(
        _shape,
        custom_error_type="text_type",
        custom_error_message="expected text, or a mapping with `lv:` and/or `en:`",
    ),
]

TextOrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)]
    | Annotated[NonBlank, Tag(TEXT_TAG)]
    | Annotated[LocalizedText, Tag(LOCALIZED_TAG)],
    Discriminator(
        _shape_with_markers((UNKNOWN_MARKER,)),
        custom_error_type="text_type",
        custom_error_message="expected text, a mapping with `lv:`/`en:`, or `unknown`",
    ),
]

TextOrMarker = Annotated[
    Annotated[Marker, Tag(MARKER_TAG)]
    | Annotated[NonBlank, Tag(TEXT_TAG)]
    | Annotated[LocalizedText, Tag(LOCALIZED_TAG)],
    Discriminator(
        _shape_with_markers((NONE_MARKER, UNKNOWN_MARKER)),
        custom_error_type="text_type",
        custom_error_message="expected text, a mapping with `lv:`/`en:`, `none` or `unknown`",
    ),
]


def text_of(value: object, language: str = "lv") -> str:
    """Any text value as one string in `language` (markers as written)."""
    if isinstance(value, LocalizedText):
        return value.pick(language)
    if value is None:
        return ""
    return str(value)


def is_stated(value: object) -> bool:
    """Whether a value states something: not left out, not `unknown`."""
    return value is not None and value != UNKNOWN_MARKER


def _details_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return MARKER_TAG
    if isinstance(value, dict):
        return OBJECT_TAG
    return None


def _list_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return MARKER_TAG
    if isinstance(value, list):
        return LIST_TAG
    return None


_DETAILS_OR_MARKER = Discriminator(
    _details_shape,
    custom_error_type="shape_type",
    custom_error_message="expected a mapping of details, or a word such as `none` or `unknown`",
)
_LIST_OR_MARKER = Discriminator(
    _list_shape,
    custom_error_type="shape_type",
    custom_error_message="expected a list, or a word such as `none` or `unknown`",
)

T = TypeVar("T")

# A mapping of details, or a word. Generic aliases keep the model statically typed.
DetailsOrMarker = Annotated[
    Annotated[Marker, Tag(MARKER_TAG)] | Annotated[T, Tag(OBJECT_TAG)], _DETAILS_OR_MARKER
]
DetailsOrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)] | Annotated[T, Tag(OBJECT_TAG)],
    _DETAILS_OR_MARKER,
]
ListOrMarker = Annotated[
    Annotated[Marker, Tag(MARKER_TAG)] | Annotated[list[T], Tag(LIST_TAG)], _LIST_OR_MARKER
]
ListOrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)] | Annotated[list[T], Tag(LIST_TAG)],
    _LIST_OR_MARKER,
]


def _unknown_shape(value: Any) -> str:
    return MARKER_TAG if value == UNKNOWN_MARKER else "~value"


# A value of type T, or the word `unknown`.
OrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)] | Annotated[T, Tag("~value")],
    Discriminator(_unknown_shape),
]

ListOrNone = Annotated[
    Annotated[NoneMarker, Tag(MARKER_TAG)] | Annotated[list[T], Tag(LIST_TAG)], _LIST_OR_MARKER
]


def shorten(value: Any, limit: int = 60) -> str:
    """A value as text short enough to quote in a message (hostile files hold megabytes)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- identifiers

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"

# Ids: letters, digits, `.`, `_`, `-`, starting with a letter or digit. Other entries refer
# to them, so an id stays when a name changes.
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Reference = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


# --------------------------------------------------------------------------- numbers, flags

StrictBool = Annotated[bool, Strict()]
Count = Annotated[int, Strict(), Field(ge=0)]


def _count_shape(value: Any) -> str | None:
    if value == UNKNOWN_MARKER:
        return MARKER_TAG
    if isinstance(value, int) and not isinstance(value, bool):
        return "~count"
    return None


CountOrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)] | Annotated[Count, Tag("~count")],
    Discriminator(
        _count_shape,
        custom_error_type="count_type",
        custom_error_message="expected a whole number such as 12, or `unknown`",
    ),
]


# --------------------------------------------------------------------------- countries

# The EU's own style writes EL for Greece and UK for the United Kingdom; ISO 3166-1 does
# not (EU Interinstitutional Style Guide, section 7.1; ISO 3166-1 assigns GR and GB).
_COUNTRY_ALIASES = {"EL": "GR", "UK": "GB"}


def _country(value: Any, *, allow_unknown: bool, allow_eea: bool = False) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError(
            "country_type", "expected a two-letter ISO 3166-1 country code such as LV"
        )
    if allow_unknown and value == UNKNOWN_MARKER:
        return value
    if allow_eea and value == EEA_MARKER:
        return value
    if value in COUNTRIES:
        return value
    upper = value.strip().upper()
    if upper in COUNTRIES:
        raise PydanticCustomError(
            "country_code",
            "`{value}` is not an ISO 3166-1 alpha-2 code; write it in capitals: {upper}",
            {"value": value, "upper": upper},
        )
    if upper in _COUNTRY_ALIASES:
        raise PydanticCustomError(
            "country_code",
            "`{value}` is the EU's abbreviation, not the ISO 3166-1 code: write {iso}",
            {"value": value, "iso": _COUNTRY_ALIASES[upper]},
        )
    if upper in ALPHA_3:
        raise PydanticCustomError(
            "country_code",
            "`{value}` is an ISO 3166-1 alpha-3 code; the register uses alpha-2: write {iso}",
            {"value": value, "iso": ALPHA_3[upper]},
        )
    by_name = _COUNTRY_NAMES.get(value.strip().casefold())
    if by_name is not None:
        raise PydanticCustomError(
            "country_code",
            "write the country as its ISO 3166-1 alpha-2 code: {iso} for `{value}`",
            {"value": value, "iso": by_name},
        )
    raise PydanticCustomError(
        "country_code",
        "`{value}` is not an ISO 3166-1 alpha-2 country code (e.g. LV, EE, US)",
        {"value": shorten(value)},
    )


# English and Latvian country names, so `Latvia` or `Latvija` can be answered with LV.
_COUNTRY_NAMES = {name.casefold(): code for code, names in COUNTRIES.items() for name in names}


_COUNTRY_SCHEMA: dict[str, Any] = {
    "type": "string",
    "enum": sorted(COUNTRIES),
    "description": "ISO 3166-1 alpha-2 country code, in capitals (LV, EE, DE, US, ...).",
}

CountryCode = Annotated[
    str,
    PlainValidator(lambda value: _country(value, allow_unknown=False)),
    WithJsonSchema(_COUNTRY_SCHEMA),
]

CountryOrUnknown = Annotated[
    str,
    PlainValidator(lambda value: _country(value, allow_unknown=True)),
    WithJsonSchema(
        {
            "type": "string",
            "enum": [*sorted(COUNTRIES), UNKNOWN_MARKER],
            "description": "ISO 3166-1 alpha-2 country code in capitals, or `unknown`.",
        }
    ),
]

# Where a recipient processes data or a system stores it: a country, `unknown`, or `EEA`
# (inside the EU/EEA, the country not stated).
CountryOrRegion = Annotated[
    str,
    PlainValidator(lambda value: _country(value, allow_unknown=True, allow_eea=True)),
    WithJsonSchema(
        {
            "type": "string",
            "enum": [*sorted(COUNTRIES), EEA_MARKER, UNKNOWN_MARKER],
            "description": "ISO 3166-1 alpha-2 country code in capitals, `EEA` (inside the "
            "EU/EEA, the country not stated), or `unknown`.",
        }
    ),
]


# --------------------------------------------------------------------------- dates, durations

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise PydanticCustomError(
                "date_value",
                "`{value}` is not a real date: {reason}",
                {"value": value, "reason": str(error)},
            ) from None
    raise PydanticCustomError(
        "date_format",
        "`{value}` is not a date written YYYY-MM-DD{suggestion}",
        {"value": shorten(value), "suggestion": _date_suggestion(value)},
    )


def _date_suggestion(value: Any) -> str:
    text = str(value)
    dotted = _DOTTED_DATE.fullmatch(text)
    if dotted:
        day, month, year = dotted.groups()
        return f": write {year}-{int(month):02d}-{int(day):02d}"
    if _DATE.match(text):
        return f": write {text[:10]} (a date, without the time)"
    if re.fullmatch(r"\d{8}", text):
        return f": write {text[:4]}-{text[4:6]}-{text[6:]}"
    return " (e.g. 2024-05-31)"


IsoDate = Annotated[
    dt.date,
    PlainValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "A date, YYYY-MM-DD."}),
]

# ISO 8601 durations in whole years, months, weeks and days. No time part: retention is
# not counted in hours. Written without look-ahead so both pydantic's Rust regex engine
# and JSON Schema validators accept it.
DURATION_PATTERN = (
    r"^P(?:\d+Y(?:\d+M)?(?:\d+W)?(?:\d+D)?|\d+M(?:\d+W)?(?:\d+D)?|\d+W(?:\d+D)?|\d+D)$"
)
_DURATION_PARTS = re.compile(r"(\d+)([YMWD])")


class Duration:
    """An ISO 8601 duration of years, months, weeks and days, e.g. P5Y, P6M, P1Y6M, P30D."""

    __slots__ = ("days", "months", "text", "weeks", "years")

    def __init__(self, text: str) -> None:
        parts = {unit: int(number) for number, unit in _DURATION_PARTS.findall(text)}
        self.text = text
        self.years = parts.get("Y", 0)
        self.months = parts.get("M", 0)
        self.weeks = parts.get("W", 0)
        self.days = parts.get("D", 0)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @property
    def min_days(self) -> int:
        """The fewest days this duration can span, whatever day it starts on."""
        return self.years * 365 + self.months * 28 + self.weeks * 7 + self.days

    @property
    def max_days(self) -> int:
        """The most days this duration can span, whatever day it starts on."""
        return self.years * 366 + self.months * 31 + self.weeks * 7 + self.days

    def certainly_shorter_than(self, other: Duration) -> bool:
        """Whether this duration ends before `other` whatever day both start on."""
        if self.weeks == self.days == other.weeks == other.days == 0:
            return self.total_months < other.total_months
        return self.max_days < other.min_days

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Duration({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


_DURATION_RE = re.compile(DURATION_PATTERN)


_PLAIN_PERIOD = re.compile(
    r"(\d+)\s*(years?|gad[a-zū]*|months?|mēne[a-zšs]*|weeks?|nedēļ[a-zāu]*|days?|dien[a-zāu]*)",
    re.IGNORECASE,
)
_PERIOD_UNITS = {"y": "Y", "g": "Y", "m": "M", "w": "W", "n": "W", "d": "D"}


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str) and _DURATION_RE.match(value):
        return Duration(value)
    suggestion = " such as P5Y (5 years), P6M (6 months), P1Y6M or P30D"
    plain = _PLAIN_PERIOD.fullmatch(str(value).strip()) if len(str(value)) < 40 else None
    if plain:
        number, unit = plain.groups()
        suggestion = f": write P{number}{_PERIOD_UNITS[unit[0].lower()]}"
    raise PydanticCustomError(
        "duration_format",
        "`{value}` is not an ISO 8601 duration{suggestion}",
        {"value": shorten(value), "suggestion": suggestion},
    )


_DURATION_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": DURATION_PATTERN,
    "description": "ISO 8601 duration: P5Y = 5 years, P6M = 6 months, P1Y6M, "
    "P2W = 2 weeks, P30D = 30 days.",
    "examples": ["P5Y", "P6M", "P30D"],
}

IsoDuration = Annotated[Duration, PlainValidator(_duration), WithJsonSchema(_DURATION_SCHEMA)]

PERMANENT = "permanent"
INDEFINITE = "indefinite"
RetentionWord: TypeAlias = Literal["permanent", "indefinite"]


def _retention_period(value: Any) -> Duration | str:
    if value in (PERMANENT, INDEFINITE):
        return str(value)
    try:
        return _duration(value)
    except PydanticCustomError as error:
        message = error.message()
        if ": write" in message:  # a plain-words period with its ISO form suggested
            raise
        raise PydanticCustomError(
            "duration_format", "{message}; or `permanent`, `indefinite`", {"message": message}
        ) from None


# A retention period: a duration, `permanent` (kept for good) or `indefinite` (no end).
RetentionPeriod = Annotated[
    Duration | RetentionWord,
    PlainValidator(_retention_period),
    WithJsonSchema(
        {
            "anyOf": [
                _DURATION_SCHEMA,
                {
                    "enum": [PERMANENT, INDEFINITE],
                    "description": "`permanent`: kept for good (e.g. archival value); "
                    "`indefinite`: the source names no end.",
                },
            ]
        }
    ),
]


# --------------------------------------------------------------------------- contact details

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Url = Annotated[str, StringConstraints(pattern=r"^(?:https?://)?[^\s/]+\.[^\s]+$")]


def strip_tags(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the union tags pydantic puts into error locations."""
    return tuple(
        element
        for element in path
        if not (isinstance(element, str) and element.startswith(TAG_PREFIX))
    )


__all__ = [
    "Count",
    "CountOrUnknown",
    "CountryCode",
    "CountryOrRegion",
    "CountryOrUnknown",
    "DetailsOrMarker",
    "DetailsOrUnknown",
    "Duration",
    "Email",
    "Identifier",
    "IsoDate",
    "IsoDuration",
    "ListOrMarker",
    "ListOrNone",
    "ListOrUnknown",
    "LocalizedText",
    "Marker",
    "NoneMarker",
    "OrUnknown",
    "Reference",
    "RetentionPeriod",
    "StrictModel",
    "Text",
    "TextOrMarker",
    "TextOrUnknown",
    "UnknownMarker",
    "Url",
    "is_stated",
    "text_of",
]
