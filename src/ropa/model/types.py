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
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ropa.i18n import Message, msg
from ropa.knowledge.countries import ALPHA_3, COUNTRIES
from ropa.knowledge.translatable import gettext_noop as N_

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


# The context key under which a custom error carries its English template: pydantic's error
# details keep an error's values but not its template, which validation needs to give the
# message in another language (`ropa.validate`).
TEMPLATE = "template"


def custom_error(kind: str, template: str, /, **values: Any) -> PydanticCustomError:
    """A pydantic error with a message template marked for translation (`N_`)."""
    return PydanticCustomError(kind, template, {**values, TEMPLATE: template})


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

    def model_post_init(self, context: Any, /) -> None:
        # pydantic gives every instance its own set of the fields written (a set of five
        # names is 728 bytes, more than the instance and its values): at 50,000
        # activities those sets alone were 150 MB. Instances written with the same
        # fields share one set instead, copied on write by `__setattr__`.
        written = frozenset(self.__pydantic_fields_set__)
        shared = _FIELD_SETS.get(written)
        if shared is None:
            shared = _FIELD_SETS[written] = _SharedFields(written)
        object.__setattr__(self, "__pydantic_fields_set__", shared)

    def __setattr__(self, name: str, value: Any) -> None:
        # Assigning a field adds its name to the set of written fields: this instance
        # gets its own set first, so the others sharing it are left as they were.
        # (Private attributes, such as an entity's place, are not fields and need no copy.)
        if (
            name in type(self).__pydantic_fields__
            and type(self.__pydantic_fields_set__) is _SharedFields
        ):
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


class _SharedFields(set[str]):
    """A set of written fields shared by many model instances (see `StrictModel`)."""


# The distinct sets of written fields, each shared by every instance that wrote them.
_FIELD_SETS: dict[frozenset[str], _SharedFields] = {}


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
            raise custom_error(
                "localized_empty", N_("give the text in at least one language: `lv:` or `en:`")
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


# Module-level functions, not closures or lambdas, here and for countries below: the
# validator's schema is stored between runs (`ropa.model.cache`), which a closure or a
# lambda cannot be.
def _shape_or_unknown(value: Any) -> str | None:
    if isinstance(value, str) and value == UNKNOWN_MARKER:
        return MARKER_TAG
    return _shape(value)


def _shape_or_marker(value: Any) -> str | None:
    if isinstance(value, str) and value in (NONE_MARKER, UNKNOWN_MARKER):
        return MARKER_TAG
    return _shape(value)


Text = Annotated[
    Annotated[NonBlank, Tag(TEXT_TAG)] | Annotated[LocalizedText, Tag(LOCALIZED_TAG)],
    Discriminator(
        _shape,
        custom_error_type="text_type",
        custom_error_message=N_("expected text, or a mapping with `lv:` and/or `en:`"),
    ),
]

TextOrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)]
    | Annotated[NonBlank, Tag(TEXT_TAG)]
    | Annotated[LocalizedText, Tag(LOCALIZED_TAG)],
    Discriminator(
        _shape_or_unknown,
        custom_error_type="text_type",
        custom_error_message=N_("expected text, a mapping with `lv:`/`en:`, or `unknown`"),
    ),
]

TextOrMarker = Annotated[
    Annotated[Marker, Tag(MARKER_TAG)]
    | Annotated[NonBlank, Tag(TEXT_TAG)]
    | Annotated[LocalizedText, Tag(LOCALIZED_TAG)],
    Discriminator(
        _shape_or_marker,
        custom_error_type="text_type",
        custom_error_message=N_("expected text, a mapping with `lv:`/`en:`, `none` or `unknown`"),
    ),
]


def text_of(value: object, language: str = "lv") -> str:
    """Any text value as one string in `language` (markers as written)."""
    if type(value) is str:  # (the commonest, first: rules ask this some 270,000 times)
        return value
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
    custom_error_message=N_("expected a mapping of details, or a word such as `none` or `unknown`"),
)
_LIST_OR_MARKER = Discriminator(
    _list_shape,
    custom_error_type="shape_type",
    custom_error_message=N_("expected a list, or a word such as `none` or `unknown`"),
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
        custom_error_message=N_("expected a whole number such as 12, or `unknown`"),
    ),
]


def _bool_shape(value: Any) -> str | None:
    if isinstance(value, bool):
        return "~bool"
    if value == UNKNOWN_MARKER:
        return MARKER_TAG
    return None


# `true`, `false`, or `unknown` where the source does not say (`public_authority`).
BoolOrUnknown = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)] | Annotated[StrictBool, Tag("~bool")],
    Discriminator(
        _bool_shape,
        custom_error_type="bool_or_unknown_type",
        custom_error_message=N_("expected `true`, `false` or `unknown`"),
    ),
]


# --------------------------------------------------------------------------- countries

# The EU's own style writes EL for Greece and UK for the United Kingdom; ISO 3166-1 does
# not (EU Interinstitutional Style Guide, section 7.1; ISO 3166-1 assigns GR and GB).
_COUNTRY_ALIASES = {"EL": "GR", "UK": "GB"}


def _country(value: Any, *, allow_unknown: bool, allow_eea: bool = False) -> str:
    if not isinstance(value, str):
        raise custom_error(
            "country_type", N_("expected a two-letter ISO 3166-1 country code such as LV")
        )
    if allow_unknown and value == UNKNOWN_MARKER:
        return value
    if allow_eea and value == EEA_MARKER:
        return value
    if value in COUNTRIES:
        return value
    upper = value.strip().upper()
    if upper in COUNTRIES:
        raise custom_error(
            "country_code",
            N_("`{value}` is not an ISO 3166-1 alpha-2 code; write it in capitals: {upper}"),
            value=value,
            upper=upper,
        )
    if upper in _COUNTRY_ALIASES:
        raise custom_error(
            "country_code",
            N_("`{value}` is the EU's abbreviation, not the ISO 3166-1 code: write {iso}"),
            value=value,
            iso=_COUNTRY_ALIASES[upper],
        )
    if upper in ALPHA_3:
        raise custom_error(
            "country_code",
            N_("`{value}` is an ISO 3166-1 alpha-3 code; the register uses alpha-2: write {iso}"),
            value=value,
            iso=ALPHA_3[upper],
        )
    by_name = _COUNTRY_NAMES.get(value.strip().casefold())
    if by_name is not None:
        raise custom_error(
            "country_code",
            N_("write the country as its ISO 3166-1 alpha-2 code: {iso} for `{value}`"),
            value=value,
            iso=by_name,
        )
    raise custom_error(
        "country_code",
        N_("`{value}` is not an ISO 3166-1 alpha-2 country code (e.g. LV, EE, US)"),
        value=shorten(value),
    )


def _country_code(value: Any) -> str:
    return _country(value, allow_unknown=False)


def _country_or_unknown(value: Any) -> str:
    return _country(value, allow_unknown=True)


def _country_or_region(value: Any) -> str:
    return _country(value, allow_unknown=True, allow_eea=True)


# English and Latvian country names, so `Latvia` or `Latvija` can be answered with LV.
_COUNTRY_NAMES = {name.casefold(): code for code, names in COUNTRIES.items() for name in names}


_COUNTRY_SCHEMA: dict[str, Any] = {
    "type": "string",
    "enum": sorted(COUNTRIES),
    "description": "ISO 3166-1 alpha-2 country code, in capitals (LV, EE, DE, US, ...).",
}

CountryCode = Annotated[
    str,
    PlainValidator(_country_code),
    WithJsonSchema(_COUNTRY_SCHEMA),
]

CountryOrUnknown = Annotated[
    str,
    PlainValidator(_country_or_unknown),
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
    PlainValidator(_country_or_region),
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
            raise custom_error(
                "date_value",
                N_("`{value}` is not a real date: {reason}"),
                value=value,
                reason=_date_reason(error),
            ) from None
    raise custom_error(
        "date_format",
        N_("`{value}` is not a date written YYYY-MM-DD{suggestion}"),
        value=shorten(value),
        suggestion=_date_suggestion(value),
    )


def _date_suggestion(value: Any) -> Message:
    text = str(value)
    dotted = _DOTTED_DATE.fullmatch(text)
    if dotted:
        day, month, year = dotted.groups()
        return msg(": write {date}", date=f"{year}-{int(month):02d}-{int(day):02d}")
    if _DATE.match(text):
        return msg(": write {date} (a date, without the time)", date=text[:10])
    if re.fullmatch(r"\d{8}", text):
        return msg(": write {date}", date=f"{text[:4]}-{text[4:6]}-{text[6:]}")
    return msg(" (e.g. {date})", date="2024-05-31")


# What `datetime.date` says of a date that does not exist, in words a translator sees.
_DATE_REASONS = {
    "month must be in 1..12": N_("month must be in 1..12"),
    "day is out of range for month": N_("day is out of range for month"),
    "year 0 is out of range": N_("year 0 is out of range"),
}


def _date_reason(error: ValueError) -> str:
    reason = str(error)
    return msg(_DATE_REASONS[reason]) if reason in _DATE_REASONS else reason


IsoDate = Annotated[
    dt.date,
    PlainValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "A date, YYYY-MM-DD."}),
]


class MonthDate(dt.date):
    """A date a source gives as a month only ("Date of Issue: May 2018", written
    `2018-05`): compared as the month's first day, and written back as the month."""

    __slots__ = ()

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"

    # Arithmetic gives a day, not a month: a plain date (CPython keeps the subclass).
    def __add__(self, other: dt.timedelta) -> dt.date:  # type: ignore[override]
        return dt.date(self.year, self.month, 1) + other

    __radd__ = __add__  # type: ignore[assignment]

    def __sub__(self, other: Any) -> Any:
        return dt.date(self.year, self.month, 1) - other


_MONTH = re.compile(r"\d{4}-\d{2}")


def _iso_date_or_month(value: Any) -> dt.date:
    if isinstance(value, str) and _MONTH.fullmatch(value):
        year, month = int(value[:4]), int(value[5:])
        if not 1 <= month <= 12 or year == 0:
            raise custom_error(
                "date_value",
                N_("`{value}` is not a real date: {reason}"),
                value=value,
                reason=msg(_DATE_REASONS["month must be in 1..12"])
                if year
                else msg(_DATE_REASONS["year 0 is out of range"]),
            )
        return MonthDate(year, month, 1)
    return _iso_date(value)


# A date, or a month where the source gives no day (`2024-05`): kept as written.
IsoDateOrMonth = Annotated[
    dt.date,
    PlainValidator(_iso_date_or_month),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
            "description": "A date, YYYY-MM-DD, or a month, YYYY-MM, where the source gives "
            "no day (compared as the month's first day).",
        }
    ),
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


# Python converts no longer digit strings (sys.get_int_max_str_digits() is 4300).
_MAX_INT_DIGITS = 4000
# An ISO 8601 duration with a time part (`T4H30M`), which ropa does not take.
_TIMED_DURATION = re.compile(
    r"P(?P<date>(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?)(?P<time>T(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)"
)


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str) and _DURATION_RE.match(value):
        if len(value) > _MAX_INT_DIGITS:  # Python refuses to read such a number
            raise custom_error(
                "duration_format",
                N_("`{value}` holds a number of more than {digits} digits, longer than any period"),
                value=shorten(value),
                digits=_MAX_INT_DIGITS,
            )
        return Duration(value)
    timed = _TIMED_DURATION.fullmatch(value) if isinstance(value, str) else None
    if timed and timed["time"] != "T":
        date = timed["date"]
        instead = (
            msg("write {duration}", duration=f"P{date}")
            if date
            else msg("write it in days, such as P1D")
        )
        raise custom_error(
            "duration_time",
            N_(
                "`{value}` has a time part (`{time}`): ropa durations take years, months, weeks "
                "and days only; {instead}"
            ),
            value=shorten(value),
            time=timed["time"],
            instead=instead,
        )
    suggestion = msg(" such as P5Y (5 years), P6M (6 months), P1Y6M or P30D")
    plain = _PLAIN_PERIOD.fullmatch(str(value).strip()) if len(str(value)) < 40 else None
    if plain:
        number, unit = plain.groups()
        suggestion = msg(": write {date}", date=f"P{number}{_PERIOD_UNITS[unit[0].lower()]}")
    raise custom_error(
        "duration_format",
        N_("`{value}` is not an ISO 8601 duration{suggestion}"),
        value=shorten(value),
        suggestion=suggestion,
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
        if ": write" in error.message():  # a plain-words period with its ISO form suggested
            raise
        raise custom_error(
            "duration_format",
            N_("{message}; or `permanent`, `indefinite`"),
            message=message_of(error),
        ) from None


def message_of(error: PydanticCustomError) -> Message:
    """A custom error's message as a translatable message (its template and values)."""
    values = dict(error.context or {})
    template = values.pop(TEMPLATE, None)
    if isinstance(template, str):
        return Message(template, **values)
    return Message(error.message())


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
    "IsoDateOrMonth",
    "IsoDuration",
    "ListOrMarker",
    "ListOrNone",
    "ListOrUnknown",
    "LocalizedText",
    "Marker",
    "MonthDate",
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
