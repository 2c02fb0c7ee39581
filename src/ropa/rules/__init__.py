"""The rule catalogue: small registered units with stable codes and their own documentation.

A rule is a function decorated with `@rule(...)`. It sees the typed register and yields
`Violation`s — where (a `Location`) and what — and never prints, reads files or knows about
the command line. The engine gives a violation its code, severity and position.

A rule's docstring is its documentation (`ropa rules CODE`, docs/rules.md): a summary line,
why it matters, and a failing and a passing YAML example. The examples are also its test
cases: the lines of the failing example marked `# ← CODE` are exactly where it must report.

Codes are two family letters and two digits, and are never reused; a retired rule stays
listed with `retired=True`.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from ropa.findings import Severity
from ropa.i18n import Message
from ropa.model.register import Register
from ropa.model.types import Duration
from ropa.position import Location, Position

# The message of a gap merged over several activities: (how many, their ids shown) → text.
GroupMessage = Callable[[int, str], Message]


@dataclass(frozen=True)
class Violation:
    """What a rule found, and where. `at_key` points at the key rather than its value;
    `severity`, when given, replaces the rule's own for this finding (a rule whose risk
    depends on what the activity holds), unless the configuration sets one. `cause` names
    a value several entries share (one retention text, one legitimate interest): findings
    of one rule with the same cause are reported once, with the other places as related
    locations. A cause starting with `ABSENT` names a gap instead (a key absent or
    `unknown`): the same gap in several activities is reported once, at the first, with a
    message naming the others. `related` gives other places that belong to the finding (the words a
    finding about a key was read from, the other keys one gap is written at); they stay
    related when the finding is merged. `grouped`, for an `ABSENT` cause, words the merged
    finding as one question about the register: given how many activities share the gap
    and their ids, it returns the message (otherwise the first message is kept, with
    "also in N more activities"). `position`, when given, is where in the file the finding
    is shown, in place of the position of `location`'s path: for words found in the raw
    text (a comment has no path)."""

    location: Location
    message: str
    hint: str | None = None
    at_key: bool = False
    severity: Severity | None = None
    cause: str | None = None
    related: tuple[Location, ...] = ()
    grouped: GroupMessage | None = None
    position: Position | None = None


# A `cause` that starts with this names a gap (a key absent or `unknown`) rather than a
# shared value: the same gap in several activities is reported once, naming the others.
ABSENT = "absent:"


@dataclass(frozen=True)
class Context:
    """What rules may know besides the register: settings and the date of the check, and
    `source_blocks`, the raw text of one of the register's files (comments included) in
    blocks of whole lines, each but the last ending with a line break, or None where it
    cannot be read again. Rules never open files themselves: the engine reads the file
    again when a rule asks (one rule does, once per file), a block at a time: the whole
    text of a large register, held at two bytes a character with Latvian letters, would
    add some 120 MB to the peak at 50,000 activities."""

    today: dt.date
    review_interval: Duration = field(default_factory=lambda: Duration("P12M"))
    employee_threshold: int = 250
    digital_consent_age: int = 13
    source_blocks: Callable[[str], Iterable[str] | None] = field(default=lambda _file: None)


Check = Callable[[Register, Context], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    article: str
    check: Check = field(repr=False)
    doc: str = field(repr=False)
    retired: bool = False
    # When some of the rule's findings take another severity than `severity` (its
    # default): in what context, as `ropa rules` says it ("info where ...").
    severity_note: str = ""

    @property
    def severity_shown(self) -> str:
        """The severity as the catalogue lists it: the default, and when it differs."""
        if not self.severity_note:
            return self.severity.value
        return f"{self.severity.value} ({self.severity_note})"

    @property
    def family(self) -> str:
        return self.code[:2]

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def example(self, kind: str) -> str:
        """The `Fails:` or `Passes:` YAML example of the docstring."""
        match = re.search(rf"{kind}:\n+```yaml\n(.*?)```", self.doc, flags=re.S)
        return match.group(1) if match else ""


RULES: dict[str, Rule] = {}
_CODE = re.compile(r"[A-Z]{2}[0-9]{2}")
_NAME = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)+")

# Rule families, in the order the catalogue lists them.
FAMILIES: dict[str, str] = {
    "OR": "Organisation (Art. 30(1)(a), 26, 27, 37)",
    "AC": "Activity contents (Art. 30(1)(b)–(d))",
    "LB": "Legal basis (Art. 6, 7, 8)",
    "SD": "Special data (Art. 9, 10, 87)",
    "TR": "Transfers (Art. 30(1)(e), Chapter V)",
    "RC": "Recipients and catalogues (Art. 28, 30(1)(d))",
    "RT": "Retention (Art. 5(1)(e), 30(1)(f))",
    "SE": "Security (Art. 30(1)(g), 32)",
    "DP": "Data protection impact assessment (Art. 35)",
    "EX": "The Art. 30(5) exemption",
    "PR": "Processor's record (Art. 30(2))",
    "GV": "Governance",
    "SU": "Suppressions",
}


def rule(
    code: str,
    name: str,
    *,
    severity: Severity,
    article: str,
    retired: bool = False,
    severity_note: str = "",
) -> Callable[[Check], Check]:
    """Register a rule under a stable code and name; `severity_note` says when some of its
    findings take another severity than the default."""
    if not _CODE.fullmatch(code) or code[:2] not in FAMILIES:
        raise ValueError(f"bad rule code {code!r}")
    if not _NAME.fullmatch(name):
        raise ValueError(f"bad rule name {name!r}")

    def register(check: Check) -> Check:
        if code in RULES or any(existing.name == name for existing in RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        RULES[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            article=article,
            check=check,
            doc=inspect.cleandoc(check.__doc__ or ""),
            retired=retired,
            severity_note=severity_note,
        )
        return check

    return register


def load_rules() -> dict[str, Rule]:
    """Import every rule module (each registers its rules) and return the catalogue."""
    from ropa.rules import (  # noqa: F401 - imported for their registrations
        activity,
        activity_people,
        activity_words,
        child_images,
        consent_words,
        dpia,
        exemption,
        governance,
        implied_recipients,
        inferred_data,
        laws,
        legal_basis,
        legal_basis_choice,
        organisation,
        processor,
        recipients,
        retention,
        security,
        special_data,
        suppression,
        tracking,
        transfers,
        unknowns,
    )

    return dict(sorted(RULES.items(), key=lambda item: _family_order(item[0])))


def _family_order(code: str) -> tuple[int, str]:
    families = list(FAMILIES)
    return (families.index(code[:2]), code)


_Part = TypeVar("_Part")


def per_register(
    parts: Callable[[Register], Iterable[_Part]],
) -> Callable[[Register], Iterator[_Part]]:
    """Walk a register for some of its parts (its retentions, its transfers) once, and
    replay the walk to every rule that asks: several rules look at the same parts of each
    of ten thousand activities. The last register's parts are kept (the register with
    them, so its identity cannot be reused while they are)."""
    kept: list[tuple[Register, list[_Part]]] = []

    @functools.wraps(parts)
    def cached(register: Register) -> Iterator[_Part]:
        if not kept or kept[0][0] is not register:
            kept[:] = [(register, list(parts(register)))]
        return iter(kept[0][1])

    return cached


def not_stated(value: object) -> bool:
    """Left out, `unknown`, or an empty list: the record does not say."""
    # The plain kinds answered by type first: rules ask this some 190,000 times at
    # 10,000 activities, mostly of a model (a basis, a retention), and a model compared
    # with `==` goes through pydantic's `__eq__` in Python only to answer False.
    kind = type(value)
    if kind is str:
        return value == "unknown"
    if kind is list:
        return not value
    if isinstance(value, BaseModel):
        return False
    return value is None or value == "unknown" or value == []


__all__ = [
    "ABSENT",
    "FAMILIES",
    "RULES",
    "Context",
    "GroupMessage",
    "Rule",
    "Violation",
    "load_rules",
    "not_stated",
    "per_register",
    "rule",
]
