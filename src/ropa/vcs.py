"""Which version of a register is exported: the git commit its files are at.

Asked from the CLI, never from the exporters, so an export of a register built in memory
needs no repository. Git missing, a directory outside any repository, a timeout: the
answer is "not under version control", never an error.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class RegisterVersion:
    """`commit` is None when the files are not in a git repository."""

    commit: str | None = None
    uncommitted_changes: bool = False
    created: dt.date | None = None
    """The date of the first commit of the register's files (the record was created)."""
    updated: dt.date | None = None
    """The date of the last commit that changed them."""


def register_version(files: Sequence[str]) -> RegisterVersion:
    """The commit checked out where `files` are, and whether they differ from it."""
    if not files:
        return RegisterVersion()
    paths = [Path(file).resolve() for file in files]
    directory = paths[0].parent
    commit = _git(directory, "rev-parse", "--verify", "HEAD")
    if commit is None or not commit.strip():
        return RegisterVersion()
    status = _git(directory, "status", "--porcelain", "--", *map(str, paths))
    # Committer dates of every commit touching the files, newest first (%cs: YYYY-MM-DD).
    log = _git(directory, "log", "--format=%cs", "--", *map(str, paths))
    dates = [_date(line) for line in (log or "").split()]
    known = [date for date in dates if date is not None]
    return RegisterVersion(
        commit.strip(),
        bool(status and status.strip()),
        created=known[-1] if known else None,
        updated=known[0] if known else None,
    )


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _git(directory: Path, *args: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=directory,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout
