"""Plain scalars as the YAML 1.2 core schema reads them, for every loader.

`NO` is Norway, not false; `on` and `yes` are text; dates stay text for the model to
parse. Both parse engines (`ropa.yamlio`'s libyaml loader and `ropa.yamlrapid`) resolve
with these functions, so they cannot part on a scalar.
"""

from __future__ import annotations

import math
import re
from sys import intern
from typing import Any

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BOOLS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
NUMBER_START = frozenset("-+.0123456789")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# Python refuses to convert longer digit strings; no register field holds such a number.
_MAX_INT_DIGITS = 4000

# Plain scalars up to this length are interned. Longer ones (descriptions, purposes) are
# rarely repeated word for word, and hashing them would cost time for nothing.
SHARED_TEXT = 64


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema's reading of an untagged plain scalar.

    Short text comes back as the one shared (interned) string of its value: a register
    repeats its keys in every activity and many values (countries, categories, ids that
    refer to a catalogue) in many, and a separate copy of each was a fifth of the memory
    at 50,000 activities.
    """
    if text in NULLS:
        return None
    boolean = BOOLS.get(text)
    if boolean is not None:
        return boolean
    if text[0] not in NUMBER_START:
        return intern(text) if len(text) <= SHARED_TEXT else text
    if _INT.fullmatch(text):
        return int(text) if len(text) <= _MAX_INT_DIGITS else text
    if _OCT.fullmatch(text):
        return int(text[2:], 8) if len(text) <= _MAX_INT_DIGITS else text
    if _HEX.fullmatch(text):
        return int(text[2:], 16) if len(text) <= _MAX_INT_DIGITS else text
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text[0] == "-" else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def key_text(value: Any) -> str:
    """A mapping key as text, the same way from either loader (`1:` and `0x1:` are "1")."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


__all__ = ["BOOLS", "NULLS", "NUMBER_START", "SHARED_TEXT", "key_text", "resolve_plain"]
