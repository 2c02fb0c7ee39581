"""What ropa keeps between runs, where, and when a kept thing may be used.

Start-up is most of a small run (PERFORMANCE.md), and two things built at start-up are the
same on every run of one installation: the validators of a register file and of the
configuration (`ropa.model.cache`), and the lexicon's index of concept terms
(`ropa.knowledge.lexicon`). Each is built once and stored here for the next run.

A stored thing is used only if it was written from the same sources: the same ropa
version, Python, and package files (each file by path, size and modification time), plus
whatever its user adds to the key. Otherwise, or if the file cannot be read, the caller
builds it as usual and stores it; a cache that cannot be written is left alone.

Where: `$ROPA_CACHE_DIR`, else `$XDG_CACHE_HOME/ropa`, else `~/.cache/ropa`; each
installation of ropa has files of its own there (`file_name`).
`ROPA_NO_CACHE=1` turns it off. The files are Python pickles: like the byte code Python
caches, they are trusted because they are in the user's own cache directory.

Imports nothing of ropa: the lexicon (whose legal facts depend on nothing) uses it too.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

# False in a process that must leave the cache to another (the child that runs half of
# the rules, `ropa.parallel`): it reads what is stored, never writes.
_writing = True


def read_only() -> None:
    """Read the cache from now on, never write it."""
    global _writing
    _writing = False


def enabled() -> bool:
    """Whether anything is read from or written to the cache (`ROPA_NO_CACHE` unset)."""
    return not os.environ.get("ROPA_NO_CACHE")


def directory() -> Path | None:
    """The cache directory (None: no home directory to put it in)."""
    given = os.environ.get("ROPA_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(base) / "ropa" if base else Path.home() / ".cache" / "ropa"
    except RuntimeError:  # no home directory
        return None


def file_name(name: str) -> str:
    """The file `name` is kept in: named after the installation as well, so that two of
    them sharing the cache directory (the pre-commit hook's environment and a project's
    own, say) each keep their own instead of building and replacing the other's on every
    run."""
    import hashlib

    root = str(Path(__file__).parent).encode("utf-8", "surrogateescape")
    return f"{name}.{hashlib.sha256(root).hexdigest()[:12]}.pickle"


def sources_key() -> str:
    """The part of every key that names the sources: ropa's version, Python's, and every
    package file's path, size and modification time (computed once a process)."""
    return _sources_key(str(Path(__file__).parent))


@functools.cache
def _sources_key(root: str) -> str:
    from ropa._version import __version__

    parts = [__version__, sys.version]
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                parts.append(f"{folder[len(root) :]}/{name} {status.st_size} {status.st_mtime_ns}")
    return "\n".join(parts)


def libraries_key(*modules: str) -> str:
    """A part of a key naming the installed libraries `modules` (top-level modules, such
    as `ruamel.yaml`): each one's file, size and modification time, which an upgrade
    changes. Found without importing them (a cached answer must not cost their import)."""
    import importlib.util

    parts = []
    for module in modules:
        try:
            spec = importlib.util.find_spec(module)
            origin = spec.origin if spec is not None else None
            status = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):  # absent: named so, the key still differs
            spec, origin, status = None, None, None
        if status is None:
            parts.append(f"{module} -")
        else:
            parts.append(f"{module} {origin} {status.st_size} {status.st_mtime_ns}")
    return "\n".join(parts)


def digest(*parts: str) -> str:
    """A key made of `parts` (each a text) and the sources key."""
    import hashlib

    text = "\n".join([*parts, sources_key()])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def load(path: Path, key: str) -> Any | None:
    """What was stored at `path` under `key`, or None: absent, unreadable, broken, or
    stored from other sources."""
    import pickle

    try:
        stored_key, value = pickle.loads(path.read_bytes())  # trusted: see the docstring
    except Exception:  # absent, unreadable or not ours: built instead
        return None
    return value if stored_key == key else None


def store(path: Path, key: str, value: Any) -> None:
    """Keep `value` at `path` under `key`, replacing the file atomically; any failure
    (a read-only or full disk, a value that cannot be pickled) leaves the cache alone."""
    import pickle
    import tempfile

    if not _writing:
        return
    try:
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a cache that cannot be written is left alone
        return


__all__ = [
    "digest",
    "directory",
    "enabled",
    "file_name",
    "libraries_key",
    "load",
    "read_only",
    "sources_key",
    "store",
]
