"""Standard input as a register file: `ropa validate -`, `git show :f | ropa check -`.

The text read from standard input stands in for one file. `--stdin-filename` names that
file: findings point at it, the configuration is found from its folder, and a file inside
a split register's folder is validated with the rest of that register (in place of the
copy on disk, if there is one). Without a name the text is a register of its own, `-`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

STDIN = "-"

_TEXTS: dict[Path, str] = {}


def key(path: Path | str) -> Path:
    return Path(os.path.abspath(path))


def text_for(path: Path | str) -> str | None:
    """The text standing in for `path`, if standard input does."""
    if not _TEXTS:
        return None
    return _TEXTS.get(key(path))


def is_standalone(path: Path | str) -> bool:
    """Standard input given no file name: a register on its own."""
    return bool(_TEXTS) and key(path) == key(STDIN) and key(path) in _TEXTS


@contextlib.contextmanager
def standard_input(text: str, filename: str | None) -> Iterator[str]:
    """Let `text` stand in for `filename` (or `-`) while the block runs; yields the path
    to pass to the library."""
    path = filename or STDIN
    _TEXTS[key(path)] = text
    try:
        yield path
    finally:
        _TEXTS.pop(key(path), None)


__all__ = ["STDIN", "is_standalone", "standard_input", "text_for"]
