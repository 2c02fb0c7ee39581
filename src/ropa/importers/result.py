"""What an import produced: the register's data, and what it could not place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Unmapped:
    """Something of the source with no place in the register: where it was (a sheet and
    cell, or a field path), what it held, and what was done with it."""

    where: str
    value: str
    what_happened: str


@dataclass
class ImportResult:
    source: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """What the source did not say that a complete register needs."""
