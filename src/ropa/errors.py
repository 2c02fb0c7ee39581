"""The one exception tree. Every error a person can cause carries a message and a hint.

Load and schema problems are collected as findings (all of them in one run); exceptions
are for what stops a command outright: a path that does not exist, a bad option, a bad
configuration file.
"""

from __future__ import annotations

from ropa.findings import Finding, Severity
from ropa.position import START, Position


class RopaError(Exception):
    """Base of every error `ropa` reports to a person."""

    code = "IN00"
    name = "error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        position: Position | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.position = position
        self.hint = hint

    def to_finding(self) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            message=self.message,
            severity=Severity.ERROR,
            file=self.file or "-",
            position=self.position or START,
            hint=self.hint,
            positioned=self.position is not None,
        )


class UsageError(RopaError):
    """The command line asks for something that cannot be done."""

    code = "IN10"
    name = "usage"


class InputError(RopaError):
    """A file cannot be read at all (missing, unreadable, undecodable, too large)."""

    code = "IN01"
    name = "input.unreadable"


class ConfigError(RopaError):
    """A configuration file is wrong."""

    code = "IN20"
    name = "config"
