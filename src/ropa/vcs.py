"""Which version of a register is exported: the git commit its files are at.

Asked from the CLI, never from the exporters, so an export of a register built in memory
needs no repository. Git missing, a directory outside any repository, a timeout: the
answer is "not under version control", never an error.
"""

from __future__ import annotations

import datetime as dt
import os
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


class RevisionError(Exception):
    """A revision git cannot resolve, or a tree or object it cannot read. Keeps its
    message as a template and values, so the caller can have it translated."""

    def __init__(self, template: str, **args: str) -> None:
        super().__init__(template.format(**args))
        self.template = template
        self.args_ = args


def repository_root(path: Path) -> Path | None:
    """The top of the git work tree that holds `path` (a file or a directory), or None."""
    directory = path if path.is_dir() else path.parent
    found = _git(directory, "rev-parse", "--show-toplevel")
    return Path(found.strip()) if found and found.strip() else None


def resolve_revision(root: Path, revision: str) -> str:
    """The full commit id `revision` names, or RevisionError."""
    if revision.startswith("-"):
        raise RevisionError("`{revision}` is not a revision", revision=revision)
    found = _git(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if found is None or not found.strip():
        raise RevisionError(
            "git knows no revision `{revision}` in {repository}",
            revision=revision,
            repository=root.name,
        )
    return found.strip()


def default_base(root: Path, relative: str) -> str | None:
    """What a register is compared with by default: the last tag reachable from HEAD,
    else the last commit that touched `relative`; None in a repository with no commits."""
    tag = _git(root, "describe", "--tags", "--abbrev=0", "HEAD")
    if tag and tag.strip():
        return tag.strip()
    last = _git(root, "log", "-1", "--format=%H", "--", relative or ".")
    return last.strip() if last and last.strip() else None


def describe_revision(root: Path, commit: str) -> str:
    """`abc1234, 2024-05-31, subject` for a commit, for people reading a change log."""
    found = _git(root, "log", "-1", "--format=%h, %ad, %s", "--date=short", commit)
    if not found or not found.strip():
        return commit[:12]
    text = found.strip()
    return text if len(text) <= 72 else text[:71] + "…"


def files_at(root: Path, commit: str, relative: str, *, max_bytes: int) -> dict[str, bytes]:
    """Every file under `relative` (a file or a directory, relative to `root`) as it was
    at `commit`, by path relative to `root`. Files larger than `max_bytes` are returned
    truncated to `max_bytes + 1` bytes, so the loader refuses them as it refuses any
    oversized file, without git having to hand over all of it."""
    listing = _git_bytes(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", relative or ".")
    if listing is None:
        raise RevisionError(
            "cannot list {path} at {commit}", path=relative or ".", commit=commit[:12]
        )
    entries: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, obj = meta.split(b" ")
        # Only plain files: submodules (commit) and links (120000) are not register text.
        if kind == b"blob" and mode in (b"100644", b"100755"):
            entries.append((os.fsdecode(name), obj.decode()))
    return {name: _blob(root, obj, max_bytes) for name, obj in entries}


def _blob(root: Path, obj: str, max_bytes: int) -> bytes:
    size = _git(root, "cat-file", "-s", obj)
    if size is not None and size.strip().isdigit() and int(size) > max_bytes:
        return b"\0" * (max_bytes + 1)
    content = _git_bytes(root, "cat-file", "blob", obj)
    if content is None:
        raise RevisionError("cannot read object {object}", object=obj[:12])
    return content


def _git_bytes(directory: Path, *args: str) -> bytes | None:
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=directory,
            capture_output=True,
            timeout=_TIMEOUT_SECONDS * 6,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout
