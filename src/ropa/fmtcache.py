"""What `ropa fmt` did, and what it knows from earlier runs: the part of it a run needs
when every register it is given is already formatted.

The pre-commit hook runs `ropa fmt --skip-invalid` on every commit, and most of the time
every file is formatted already; yet formatting one (a round trip through ruamel.yaml)
costs more than the rest of the run, and the modules that do it (ruamel, pydantic's
models) take longer to import than the rest of it. A file found formatted is remembered
(`KnownFormatted`), and a run whose every register is remembered is answered here
(`from_cache`) without importing them; `ropa.fmt` does the rest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ropa import cache, stdin
from ropa.discovery import RegisterSource, discover, display_path, find_config
from ropa.findings import ExitStatus, Finding, exit_status
from ropa.i18n import msg, translate


@dataclass
class FormatResult:
    """What `ropa fmt` did or would do to the files it was given."""

    findings: list[Finding] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Each changed file's text before and after; its diff is made only when asked for
    # (difflib takes minutes on a large file where every activity moved a key).
    texts: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    files: list[str] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)
    check: bool = False
    # The files found already formatted by an earlier run (`KnownFormatted`): among
    # `unchanged`, not read again. Said nowhere: a run says the same with or without them.
    cached: list[str] = field(default_factory=list)
    # The formatted text of standard input (`ropa fmt -`), written to standard output.
    output: str | None = None

    @property
    def diffs(self) -> Mapping[str, str]:
        """The unified diff of each changed file, made when read."""
        return _Diffs(self.texts)

    def diffs_in(self, language: str) -> Mapping[str, str]:
        """`diffs` with the two sides labelled in `language`."""
        return _Diffs(self.texts, language)

    @property
    def status(self) -> ExitStatus:
        """2 for unreadable input, 1 for an invalid register (or, with --check, a file
        that would change), else 0."""
        status = exit_status(self.findings)
        if status is ExitStatus.CLEAN and self.check and self.changed:
            return ExitStatus.FINDINGS
        return status


class KnownFormatted:
    """What earlier runs of `ropa fmt` found, as black keeps it: the registers that were
    valid and the files already in canonical form, each by a hash of its bytes (and a
    register by its files' names too: what a split register holds is validated as one).

    An entry is used only under the key it was stored with, which names everything the
    answer depends on: ropa's version and sources, Python's, the libraries that read,
    validate and write YAML, the YAML engine asked for (`ROPA_YAML_ENGINE`), and the
    largest file fmt reads (`--max-file-size`). The configuration decides only which files
    are read (`exclude`), before the cache is asked. A file is entered only when
    formatting it gave back its own text, never its formatted text as written: the next
    run formats that once more, so a cached answer is always one a run without the cache
    gave. Standard input is never cached."""

    NAME = "fmt"
    # Entries of texts long since changed are let go: the newest are kept, in the order
    # they were stored (about 70 bytes each).
    LIMIT = 20_000

    def __init__(
        self, file: Path | None, key: str, entries: dict[str, None], max_bytes: int
    ) -> None:
        self.file = file
        self.key = key
        self.entries = entries
        self.max_bytes = max_bytes
        self.changed = False

    @classmethod
    def load(cls, max_file_bytes: int) -> KnownFormatted | None:
        """The entries of earlier runs (none if the cache is absent, broken or from
        other sources), or None where the cache is switched off (`ROPA_NO_CACHE`)."""
        if not cache.enabled():
            return None
        folder = cache.directory()
        file = folder / cache.file_name(cls.NAME) if folder is not None else None
        key = cache.digest(
            cls.NAME,
            str(max_file_bytes),
            # The YAML engine the loader may be told to keep to (`ropa.yamlio`).
            os.environ.get("ROPA_YAML_ENGINE", ""),
            cache.libraries_key("ruamel.yaml", "_ruamel_yaml", "ryml", "pydantic", "pydantic_core"),
        )
        stored = cache.load(file, key) if file is not None else None
        return cls(file, key, stored if isinstance(stored, dict) else {}, max_file_bytes)

    def contents(self, source: RegisterSource) -> dict[Path, str] | None:
        """A hash of each file's bytes, or None if one is not a regular file that can be
        read, is larger than fmt reads, or is standard input: then the register is read
        as usual, and reported as ever."""
        hashes: dict[Path, str] = {}
        for path in source.files:
            if stdin.text_for(path) is not None:
                return None
            found = _file_hash(path, self.max_bytes)
            if found is None:
                return None
            hashes[path] = found
        return hashes

    def answer(
        self,
        source: RegisterSource,
        contents: dict[Path, str],
        given: list[Path],
        result: FormatResult,
    ) -> bool:
        """If the register was valid and each of its files `given` formatted, say so in
        `result` as formatting it would, and True."""
        chosen = [path for path in source.files if selected(path, given)]
        if self._register(source, contents) not in self.entries or not all(
            self._file(contents[path]) in self.entries for path in chosen
        ):
            return False
        shown_files = [display_path(path) for path in source.files]
        result.files.extend(shown_files)
        result.registers.append(display_path(source.root))
        for path, shown in zip(source.files, shown_files, strict=True):
            if path in chosen:
                result.unchanged.append(shown)
                result.cached.append(shown)
        return True

    def add_valid(self, source: RegisterSource, contents: dict[Path, str]) -> None:
        self._add(self._register(source, contents))

    def add_formatted(self, content: str) -> None:
        self._add(self._file(content))

    def save(self) -> None:
        if self.changed and self.file is not None:
            kept = list(self.entries)[-self.LIMIT :]
            cache.store(self.file, self.key, dict.fromkeys(kept))

    def _add(self, entry: str) -> None:
        if entry not in self.entries:
            self.entries[entry] = None
            self.changed = True

    @staticmethod
    def _register(source: RegisterSource, contents: dict[Path, str]) -> str:
        import hashlib

        named = "\n".join(
            [os.fsencode(source.root).hex(), str(source.split)]
            + [f"{os.fsencode(path).hex()} {contents[path]}" for path in source.files]
        )
        return "valid " + hashlib.sha256(named.encode()).hexdigest()

    @staticmethod
    def _file(content: str) -> str:
        return "formatted " + content


class _Diffs(Mapping[str, str]):
    def __init__(self, texts: dict[str, tuple[str, str]], language: str = "en") -> None:
        self.texts = texts
        self.language = language

    def __getitem__(self, shown: str) -> str:
        from ropa.textdiff import unified_diff  # difflib: only where a diff is shown

        before, after = self.texts[shown]
        return unified_diff(
            before,
            after,
            fromfile=translate(msg("{file} (original)", file=shown), self.language),
            tofile=translate(msg("{file} (formatted)", file=shown), self.language),
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)


def _file_hash(path: Path, max_bytes: int) -> str | None:
    """The hash of a regular file's bytes, read as `ropa.yamlio.read_source` reads them:
    never waiting on a named pipe nor reading a device (None for those, and for a file
    that cannot be read, grows, or is too large)."""
    import hashlib

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(status.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if len(data) != status.st_size:  # it changed while read: read as usual
        return None
    return hashlib.sha256(data).hexdigest()


def selected(path: Path, given: list[Path]) -> bool:
    """Whether `path` was named, or lies under a directory named."""
    return any(path == chosen or chosen in path.parents for chosen in given)


def from_cache(
    paths: Sequence[str],
    *,
    check: bool,
    max_file_bytes: int,
    exclude: Callable[[Path], bool] | None = None,
) -> FormatResult | None:
    """What `ropa.fmt.format_paths` would find, if every register under `paths` is known
    valid and its files given known formatted; else None (the cache is off, or something
    is not known: a file, a problem finding them, standard input)."""
    known = KnownFormatted.load(max_file_bytes)
    if known is None:
        return None
    sources, problems = discover(paths, exclude=exclude)
    if problems:
        return None
    given = [Path(path).absolute() for path in paths]
    result = FormatResult(check=check)
    for source in sources:
        contents = known.contents(source)
        if contents is None or not known.answer(source, contents, given, result):
            return None
    return result


def exclusion() -> Callable[[Path], bool]:
    """`ropa.config.exclusion()`: whether the configuration found near a file excludes it,
    loading the configuration (and its model, pydantic's) only where one is found."""
    found: dict[Path, Callable[[Path], bool] | None] = {}

    def excluded(path: Path) -> bool:
        directory = Path(os.path.abspath(path)).parent
        if directory not in found:
            source = find_config(directory)
            if source is None:
                found[directory] = None  # the defaults, which exclude nothing
            else:
                from ropa.config import load_config

                found[directory] = load_config(source).excludes
        rule = found[directory]
        return rule is not None and rule(path)

    return excluded


__all__ = ["FormatResult", "KnownFormatted", "exclusion", "from_cache", "selected"]
