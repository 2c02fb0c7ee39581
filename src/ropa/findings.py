"""Findings: the one record every stage produces, and the exit status they add up to.

A finding is a small immutable record (code, name, message, severity, file, position,
path, hint), in the spirit of flake8's `path:row:col: CODE text`. Load and schema errors
are findings too, so every reporter prints them the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ropa.position import DataPath, Position, format_path


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class ExitStatus(enum.IntEnum):
    """Exit codes scripts can rely on."""

    CLEAN = 0
    FINDINGS = 1
    USAGE_OR_INPUT = 2


# Codes of problems that mean "could not read the input" rather than "the register is
# wrong": they exit with USAGE_OR_INPUT, as a missing file does.
INPUT_FAMILY = "IN"

# Every code that is not a check rule: input, YAML, schema and reference problems
# (documented in docs/format.md, "Error codes"). Check rules live in `ropa.rules`.
INPUT_CODES: dict[str, tuple[str, str]] = {
    "IN01": ("input.unreadable", "a path does not exist or cannot be read"),
    "IN02": ("input.encoding", "a file is not UTF-8 (or UTF-16/32 with a byte order mark)"),
    "IN03": ("input.too-large", "a file is larger than --max-file-size"),
    "IN04": ("input.empty-directory", "a directory holds no YAML files"),
    "IN10": ("usage", "the command line asks for something that cannot be done"),
    "IN20": ("config", "a configuration file is wrong"),
    "YM01": ("yaml.syntax", "the YAML cannot be parsed"),
    "YM02": ("yaml.duplicate-key", "a key appears twice in one mapping"),
    "YM03": ("yaml.tag", "a tag such as !include or !!python/object"),
    "YM04": ("yaml.multiple-documents", "more than one document in a file"),
    "YM05": ("yaml.alias-expansion", "aliases expand the document beyond a safe size"),
    "YM06": ("yaml.merge-key", "a merge key << (not part of YAML 1.2)"),
    "YM07": ("yaml.complex-key", "a key that is a list or mapping"),
    "YM08": ("yaml.empty", "the file holds no document"),
    "YM09": ("yaml.undefined-alias", "an alias with no anchor before it"),
    "YM10": ("yaml.too-deep", "nesting deeper than the format ever needs"),
    "YM11": ("yaml.unsupported", "YAML that registers do not use and parsers disagree on"),
    "YM12": ("yaml.roundtrip-unreadable", "YAML the rewriting parser cannot read"),
    "SC01": ("schema.unknown-key", "a key the format does not have"),
    "SC02": ("schema.missing-key", "a required key is missing"),
    "SC03": ("schema.wrong-type", "a value of the wrong type"),
    "SC04": ("schema.invalid-value", "a value outside its allowed set or pattern"),
    "SC05": ("schema.invalid-date", "not a YYYY-MM-DD date, or no such day"),
    "SC06": ("schema.unknown-country", "not an ISO 3166-1 alpha-2 code"),
    "SC07": ("schema.format-version", "ropa: 1 missing, or an unknown format version"),
    "RF01": ("reference.dangling", "a reference to an id that is not defined"),
    "RF02": ("reference.duplicate-id", "two entries of one catalogue share an id"),
    "RF03": ("register.organisation", "no organisation block, or one outside the root file"),
    "FM01": ("fmt.unsafe", "ropa fmt left a file as it was rather than lose a value or comment"),
}


# At one position, the cause comes before its consequences: input, YAML, schema, references.
_FAMILY_ORDER = {"IN": 0, "YM": 1, "SC": 2, "RF": 3, "FM": 4}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    message: str
    severity: Severity
    file: str
    position: Position
    path: DataPath = ()
    hint: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    # False for problems with a whole file or path (missing, unreadable): no line to show.
    positioned: bool = True
    # Other places with the same cause (one shared value used by several entries): the
    # finding is reported once, here, and lists them.
    related: tuple[tuple[str, Position, DataPath], ...] = ()
    # The message at this place alone, before the others were added to it: what the finding
    # is about stays the same when other places gain or lose the gap (sarif fingerprints).
    own_message: str | None = None

    @property
    def is_input_error(self) -> bool:
        return self.code.startswith(INPUT_FAMILY)

    def sort_key(self) -> tuple[str, int, int, int, str]:
        rank = _FAMILY_ORDER.get(self.code[:2], len(_FAMILY_ORDER))
        return (self.file, self.position.line, self.position.column, rank, self.code)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The one serialisation that json, sarif and github reporters share: codes, names
        and severities stable English, message and hint in `language`."""
        from ropa.i18n import translate

        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": translate(self.message, language),
            "file": self.file,
            "line": self.position.line if self.positioned else None,
            "column": self.position.column if self.positioned else None,
            "path": format_path(self.path) if self.path else None,
        }
        if self.hint:
            data["hint"] = translate(self.hint, language)
        if self.extra:
            data.update(dict(self.extra))
        if self.related:
            data["related"] = [
                {
                    "file": file,
                    "line": position.line,
                    "column": position.column,
                    "path": format_path(path) if path else None,
                }
                for file, position, path in self.related
            ]
        return data


@dataclass
class Report:
    """What a command found, for a reporter to render: findings plus what was looked at."""

    command: str
    findings: list[Finding]
    files: list[str] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)
    activities: int = 0
    fail_on: Severity = Severity.ERROR
    # --quiet: the findings and nothing else (no summary line).
    quiet: bool = False
    # --exit-zero: findings do not fail the command (input and usage errors still do).
    exit_zero: bool = False
    # Registers left unchecked because they do not validate (`check --skip-invalid`).
    skipped: list[str] = field(default_factory=list)
    # Text output groups repeated findings of one rule unless this is set (--show-all).
    show_all: bool = False
    # The language of messages (--lang): "lv" or "en"; None: the locale's.
    language: str | None = None

    @property
    def says(self) -> str:
        """The language messages are written in: the one chosen, else the locale's."""
        from ropa.i18n import language_from_environment

        return self.language or language_from_environment()

    @property
    def status(self) -> ExitStatus:
        status = exit_status(self.findings, self.fail_on)
        if status is ExitStatus.CLEAN and self.skipped:
            status = ExitStatus.FINDINGS
        if status is ExitStatus.FINDINGS and self.exit_zero:
            return ExitStatus.CLEAN
        return status

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def exit_status(findings: Iterable[Finding], fail_on: Severity = Severity.ERROR) -> ExitStatus:
    # The severities that fail, found in a tuple by identity: `>=` on a severity is two
    # Python calls, for each of tens of thousands of findings, and a run asks thrice.
    failing = tuple(severity for severity in Severity if severity >= fail_on)
    status = ExitStatus.CLEAN
    for finding in findings:
        if finding.code.startswith(INPUT_FAMILY):  # (`is_input_error`)
            return ExitStatus.USAGE_OR_INPUT
        if finding.severity in failing:
            status = ExitStatus.FINDINGS
    return status
