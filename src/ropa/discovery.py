"""Which files make up which register, from the paths a person passes.

A register is either one YAML file, or a directory whose `register.yaml` holds the
organisation; every other YAML file below such a directory belongs to it (a large
organisation splits its record per department). A file passed on its own — as pre-commit
does — is validated with the whole register it belongs to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ropa import stdin
from ropa.errors import InputError
from ropa.findings import Finding
from ropa.i18n import msg

ROOT_FILE_NAMES = ("register.yaml", "register.yml")
# The configuration's files (`ropa.config`), found here without reading them: a command
# that finds none need not load the configuration's model.
CONFIG_FILES = ("ropa.toml", "pyproject.toml")
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


def discover(
    paths: Iterable[str], *, exclude: Callable[[Path], bool] | None = None
) -> tuple[list[RegisterSource], list[Finding]]:
    """Group the given files and directories into registers, leaving out the files
    `exclude` names (also files named on the command line, as pre-commit passes them)."""
    registers: dict[Path, RegisterSource] = {}
    problems: list[Finding] = []
    for given in paths:
        path = Path(given)
        if stdin.text_for(path) is not None:
            source = _stdin_source(path)
            if exclude is None or not exclude(path):
                registers.setdefault(source.root, source)
            continue
        try:
            os.stat(path)
        except PermissionError:
            problems.append(
                InputError(
                    msg("permission denied"),
                    file=given,
                    hint=msg("make the file and the directories above it readable"),
                ).to_finding()
            )
            continue
        except (OSError, ValueError):
            pass  # missing, a broken link, or a loop: told apart below
        if not _exists(path) and not _is_symlink(path):
            problems.append(
                InputError(
                    msg("no such file or directory"), file=given, hint=msg("check the path")
                ).to_finding()
            )
            continue
        if _is_symlink(path) and not _exists(path):
            problems.append(
                InputError(
                    msg("is a broken symbolic link"),
                    file=given,
                    hint=msg("point it at a register file"),
                ).to_finding()
            )
            continue
        absolute = Path(os.path.abspath(path))
        known_problems = len(problems)
        found = list(_registers_for(absolute, problems))
        if not found and len(problems) == known_problems:
            problem = InputError(
                msg("holds no YAML files (*.yaml, *.yml)"),
                file=given,
                hint=msg("pass a register file, or a directory that holds some"),
            )
            problem.code, problem.name = "IN04", "input.empty-directory"
            problems.append(problem.to_finding())
        for register in _without_excluded(found, exclude):
            registers.setdefault(register.root, register)
    unique = list({(problem.file, problem.message): problem for problem in problems}.values())
    return list(registers.values()), unique


def _without_excluded(
    found: list[RegisterSource], exclude: Callable[[Path], bool] | None
) -> Iterator[RegisterSource]:
    for register in found:
        if exclude is None:
            yield register
            continue
        files = tuple(file for file in register.files if not exclude(file))
        if files:
            yield RegisterSource(register.root, files, register.split)


def _stdin_source(path: Path) -> RegisterSource:
    """The register standard input belongs to: its own, or the split register around the
    file it stands in for."""
    absolute = stdin.key(path)
    if stdin.is_standalone(path):
        return RegisterSource(root=absolute, files=(absolute,), split=False)
    split_root = _enclosing_split_root(absolute.parent)
    if split_root is None:
        return RegisterSource(root=absolute, files=(absolute,), split=False)
    register = _split_register(split_root, [])
    if absolute in register.files:
        return register
    files = sorted((*register.files, absolute), key=lambda file: _split_order(split_root, file))
    return RegisterSource(root=split_root, files=tuple(files), split=True)


def _registers_for(path: Path, problems: list[Finding]) -> Iterator[RegisterSource]:
    split_root = _enclosing_split_root(path if _is_dir(path) else path.parent)
    if split_root is not None and split_root == path:
        yield from _split_registers(split_root, problems)
    elif split_root is not None:
        yield _split_register(split_root, problems)
    elif _is_dir(path):
        yield from _scan(path, problems)
    else:
        yield RegisterSource(root=path, files=(path,), split=False)


def enclosing_split_register(path: Path) -> Path | None:
    """The root of the split register that `path` (a file or folder, which need not exist
    any longer) lies in, as `ropa validate` reads a single file of one; None outside one."""
    directory = path if _is_dir(path) else path.parent
    while not _exists(directory) and directory != directory.parent:
        directory = directory.parent
    return _enclosing_split_root(directory)


def _enclosing_split_root(directory: Path) -> Path | None:
    """The nearest directory at or above `directory` holding a register.yaml, stopping at
    the top of a git repository."""
    for candidate in (directory, *directory.parents):
        if _is_split_root(candidate):
            return candidate
        if _exists(candidate / ".git"):
            return None
    return None


def _is_split_root(directory: Path) -> bool:
    return any(_is_file(directory / name) for name in ROOT_FILE_NAMES)


# Directory walks below are iterative (a stack of iterators, depth first in name order):
# a directory tree can be deeper than Python's recursion limit.


def _scan(directory: Path, problems: list[Finding]) -> Iterator[RegisterSource]:
    stack = [iter(_sorted_entries(directory, problems))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif _is_dir(entry):
            if _is_symlink(entry):
                continue  # never follow directory links: they can loop
            if _is_split_root(entry):
                yield from _split_registers(entry, problems)
            else:
                stack.append(iter(_sorted_entries(entry, problems)))
        elif entry.suffix in YAML_SUFFIXES:
            yield RegisterSource(root=entry, files=(entry,), split=False)


def _split_registers(root: Path, problems: list[Finding]) -> Iterator[RegisterSource]:
    """The split register at `root`, and any split register nested below it."""
    yield _split_register(root, problems)
    stack = [root]
    while stack:
        for entry in _sorted_entries(stack.pop(), problems):
            if _is_dir(entry) and not _is_symlink(entry):
                if _is_split_root(entry):
                    yield _split_register(entry, problems)
                stack.append(entry)


def _split_register(root: Path, problems: list[Finding]) -> RegisterSource:
    files = sorted(_yaml_files(root, problems), key=lambda file: _split_order(root, file))
    return RegisterSource(root=root, files=tuple(files), split=True)


def _yaml_files(root: Path, problems: list[Finding]) -> Iterator[Path]:
    """The YAML files of the split register at `root`, leaving out nested split registers."""
    stack = [iter(_sorted_entries(root, problems))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif _is_dir(entry):
            if not _is_symlink(entry) and not _is_split_root(entry):
                stack.append(iter(_sorted_entries(entry, problems)))
        elif entry.suffix in YAML_SUFFIXES:
            yield entry


def _split_order(root: Path, file: Path) -> tuple[int, str]:
    relative = file.relative_to(root)
    return (0 if relative.as_posix() in ROOT_FILE_NAMES else 1, relative.as_posix())


# Questions about a path that cannot be answered (a directory on the way that may not be
# searched, a name too long) are answered "no"; reading the path then says what is wrong.


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_symlink(path: Path) -> bool:
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def _sorted_entries(directory: Path, problems: list[Finding]) -> list[Path]:
    try:
        entries = list(directory.iterdir())
    except OSError as error:
        reason = error.strerror or type(error).__name__
        problems.append(
            InputError(
                msg("cannot list the directory: {reason}", reason=reason),
                file=display_path(directory),
                hint=msg("make the directory readable, or pass the files inside it"),
            ).to_finding()
        )
        return []
    return sorted(
        (entry for entry in entries if not entry.name.startswith(".")), key=lambda e: e.name
    )


def find_config(start: Path) -> Path | None:
    """The nearest `ropa.toml`, or `pyproject.toml` with a `[tool.ropa]` table, at or above
    `start` (a file's directory, or a directory)."""
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            if name == "ropa.toml" or _has_ropa_table(path):
                return path
    return None


def _has_ropa_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[tool\.ropa[.\]]", text, flags=re.M) is not None
