"""Which files make up which register, from the paths a person passes.

A register is either one YAML file, or a directory whose `register.yaml` holds the
organisation; every other YAML file below such a directory belongs to it (a large
organisation splits its record per department). A file passed on its own — as pre-commit
does — is validated with the whole register it belongs to.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ropa.errors import InputError
from ropa.findings import Finding

ROOT_FILE_NAMES = ("register.yaml", "register.yml")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RegisterSource:
    """The files of one register; `root` is the file, or the directory of a split register."""

    root: Path
    files: tuple[Path, ...]
    split: bool

    @property
    def root_file(self) -> Path | None:
        """The file that must hold the organisation."""
        if not self.split:
            return self.root
        for name in ROOT_FILE_NAMES:
            candidate = self.root / name
            if candidate in self.files:
                return candidate
        return None  # pragma: no cover - a split root is recognised by this file


def display_path(path: Path) -> str:
    """A path as a person typed it: relative to the working directory when inside it.

    A name that is not valid UTF-8 is shown with the odd bytes escaped (`\\xff`), so it
    can be printed and serialised as JSON.
    """
    try:
        shown = path.relative_to(Path.cwd())
    except (ValueError, OSError):
        shown = path
    text = shown.as_posix()
    if text.isprintable():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover(paths: Iterable[str]) -> tuple[list[RegisterSource], list[Finding]]:
    """Group the given files and directories into registers."""
    registers: dict[Path, RegisterSource] = {}
    problems: list[Finding] = []
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            problems.append(
                InputError(
                    "no such file or directory", file=given, hint="check the path"
                ).to_finding()
            )
            continue
        if path.is_symlink() and not path.exists():
            problems.append(
                InputError(
                    "is a broken symbolic link", file=given, hint="point it at a register file"
                ).to_finding()
            )
            continue
        absolute = Path(os.path.abspath(path))
        found = list(_registers_for(absolute))
        if not found:
            problem = InputError(
                "holds no YAML files (*.yaml, *.yml)",
                file=given,
                hint="pass a register file, or a directory that holds some",
            )
            problem.code, problem.name = "IN04", "input.empty-directory"
            problems.append(problem.to_finding())
        for register in found:
            registers.setdefault(register.root, register)
    return list(registers.values()), problems


def _registers_for(path: Path) -> Iterator[RegisterSource]:
    split_root = _enclosing_split_root(path if path.is_dir() else path.parent)
    if split_root is not None and split_root == path:
        yield from _split_registers(split_root)
    elif split_root is not None:
        yield _split_register(split_root)
    elif path.is_dir():
        yield from _scan(path)
    else:
        yield RegisterSource(root=path, files=(path,), split=False)


def _enclosing_split_root(directory: Path) -> Path | None:
    """The nearest directory at or above `directory` holding a register.yaml, stopping at
    the top of a git repository."""
    for candidate in (directory, *directory.parents):
        if _is_split_root(candidate):
            return candidate
        if (candidate / ".git").exists():
            return None
    return None


def _is_split_root(directory: Path) -> bool:
    return any((directory / name).is_file() for name in ROOT_FILE_NAMES)


# Directory walks below are iterative (a stack of iterators, depth first in name order):
# a directory tree can be deeper than Python's recursion limit.


def _scan(directory: Path) -> Iterator[RegisterSource]:
    stack = [iter(_sorted_entries(directory))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.is_dir():
            if entry.is_symlink():
                continue  # never follow directory links: they can loop
            if _is_split_root(entry):
                yield from _split_registers(entry)
            else:
                stack.append(iter(_sorted_entries(entry)))
        elif entry.suffix in YAML_SUFFIXES:
            yield RegisterSource(root=entry, files=(entry,), split=False)


def _split_registers(root: Path) -> Iterator[RegisterSource]:
    """The split register at `root`, and any split register nested below it."""
    yield _split_register(root)
    stack = [root]
    while stack:
        for entry in _sorted_entries(stack.pop()):
            if entry.is_dir() and not entry.is_symlink():
                if _is_split_root(entry):
                    yield _split_register(entry)
                stack.append(entry)


def _split_register(root: Path) -> RegisterSource:
    files = sorted(_yaml_files(root), key=lambda file: _split_order(root, file))
    return RegisterSource(root=root, files=tuple(files), split=True)


def _yaml_files(root: Path) -> Iterator[Path]:
    """The YAML files of the split register at `root`, leaving out nested split registers."""
    stack = [iter(_sorted_entries(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.is_dir():
            if not entry.is_symlink() and not _is_split_root(entry):
                stack.append(iter(_sorted_entries(entry)))
        elif entry.suffix in YAML_SUFFIXES:
            yield entry


def _split_order(root: Path, file: Path) -> tuple[int, str]:
    relative = file.relative_to(root)
    return (0 if relative.as_posix() in ROOT_FILE_NAMES else 1, relative.as_posix())


def _sorted_entries(directory: Path) -> list[Path]:
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    return sorted(
        (entry for entry in entries if not entry.name.startswith(".")), key=lambda e: e.name
    )
