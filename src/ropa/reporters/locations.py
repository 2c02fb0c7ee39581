"""Where a finding's file is, for tools that read it on another machine: GitHub code
scanning (SARIF) and workflow annotations.

They want paths relative to the repository root (git's top level; outside git, the working
directory), not to wherever `ropa` happened to run. In SARIF such a path is a URI
reference, percent-encoded (`my reģistrs#1.yaml` → `my%20re%C4%A3istrs%231.yaml`), resolved
against the `%SRCROOT%` base; a file outside the root is an absolute `file://` URI.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

SRCROOT = "%SRCROOT%"


def source_root() -> Path:
    """The repository root of the working directory, else the working directory."""
    return _root_of(Path.cwd())


@functools.cache
def _root_of(directory: Path) -> Path:
    from ropa.vcs import repository_root

    return (repository_root(directory) or directory).resolve()


def absolute(file: str) -> Path:
    """A finding's file (as shown: relative to the working directory, or absolute)."""
    return Path(os.path.abspath(file))


def relative_to_root(file: str) -> str | None:
    """The file's POSIX path below the source root, or None if it lies outside."""
    return _relative(file, Path.cwd())


@functools.lru_cache(maxsize=4096)  # asked once per finding; files are few
def _relative(file: str, cwd: Path) -> str | None:
    try:
        return _real(absolute(file)).relative_to(_root_of(cwd)).as_posix()
    except ValueError:
        return None


def _real(path: Path) -> Path:
    """`path` with its folders' links resolved (the root is resolved too), the name kept."""
    return path.parent.resolve() / path.name


def root_uri() -> str:
    return source_root().as_uri() + "/"


def artifact_location(file: str) -> dict[str, str]:
    """A SARIF artifactLocation for a finding's file."""
    relative = relative_to_root(file)
    if relative is not None:
        return {"uri": _encode(relative), "uriBaseId": SRCROOT}
    return {"uri": "file://" + _encode(absolute(file).as_posix())}


def _encode(path: str) -> str:
    """Percent-encode a POSIX path as a URI path (UTF-8, `/` kept). Names that are not
    valid UTF-8 reach Python as lone surrogates: their original bytes are encoded."""
    raw = path.encode("utf-8", "surrogateescape")
    return quote(raw, safe="/")


def display(file: str) -> str:
    """The file as GitHub shows it: relative to the repository root when inside it."""
    relative = relative_to_root(file)
    return relative if relative is not None else PurePosixPath(absolute(file)).as_posix()


__all__ = ["SRCROOT", "artifact_location", "display", "root_uri", "source_root"]
