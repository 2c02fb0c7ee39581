"""`ropa fmt`'s cache of what is already formatted (`ropa.fmtcache`): a register
an earlier run found valid, whose selected files it found formatted, is not read again;
anything that could change the answer — the file's bytes, another file of the register,
an option, ropa's sources — sends it through validation and formatting as before, and
what fmt says and writes is the same with the cache or without it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ropa.fmt
from ropa import cache
from ropa.fmt import KnownFormatted
from tests.conftest import FIXTURES, REGISTERS, invoke, run_ropa

FORMATTED = """\
# yaml-language-server: $schema=../schemas/ropa.schema.json
ropa: 1
organisation:
  name: SIA "Piemērs"  # the name
  role: controller
"""
UNFORMATTED = """\
organisation:
  role: controller
  name: SIA "Piemērs"  # the name
ropa: 1
"""


class Reads:
    """How many times fmt validated a register and formatted a file in this process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.validated = 0
        self.formatted = 0
        self._wrap(monkeypatch, "validate_register", "validated")
        self._wrap(monkeypatch, "format_text", "formatted")

    def _wrap(self, monkeypatch: pytest.MonkeyPatch, name: str, counter: str) -> None:
        original: Callable[..., Any] = getattr(ropa.fmt, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            setattr(self, counter, getattr(self, counter) + 1)
            return original(*args, **kwargs)

        monkeypatch.setattr(ropa.fmt, name, counted)

    def take(self) -> tuple[int, int]:
        """(validated, formatted) since the last call."""
        counts = self.validated, self.formatted
        self.validated = self.formatted = 0
        return counts


@pytest.fixture
def reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Reads:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ROPA_NO_CACHE", raising=False)
    return Reads(monkeypatch)


def _register(tmp_path: Path, text: str = FORMATTED, name: str = "acme.yaml") -> Path:
    target = tmp_path / "registers" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_a_formatted_file_is_not_read_again_on_the_second_run(tmp_path: Path, reads: Reads) -> None:
    target = _register(tmp_path)
    first = invoke("fmt", "--skip-invalid", str(target))
    assert (first.returncode, first.stdout) == (0, "0 files reformatted, 1 file left unchanged\n")
    assert reads.take() == (1, 1)
    second = invoke("fmt", "--skip-invalid", str(target))
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert reads.take() == (0, 0)
    # --check and --diff change nothing fmt writes: the same answer serves them.
    assert invoke("fmt", "--check", "--diff", str(target)).returncode == 0
    assert reads.take() == (0, 0)
    assert target.read_text(encoding="utf-8") == FORMATTED


def test_the_cache_is_not_read_with_no_cache_or_ropa_no_cache(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _register(tmp_path)
    invoke("fmt", str(target))
    reads.take()
    assert invoke("fmt", "--no-cache", str(target)).returncode == 0
    assert reads.take() == (1, 1)
    monkeypatch.setenv("ROPA_NO_CACHE", "1")
    assert invoke("fmt", str(target)).returncode == 0
    assert reads.take() == (1, 1)


def test_ropa_no_cache_writes_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ROPA_NO_CACHE", "1")
    assert invoke("fmt", str(_register(tmp_path))).returncode == 0
    assert not (tmp_path / "cache" / cache.file_name(KnownFormatted.NAME)).exists()


def test_a_changed_file_is_formatted_again(tmp_path: Path, reads: Reads) -> None:
    target = _register(tmp_path)
    invoke("fmt", str(target))
    reads.take()
    target.write_text(UNFORMATTED, encoding="utf-8")
    changed = invoke("fmt", str(target))
    assert changed.stdout.startswith(f"reformatted {target}\n")
    assert reads.take() == (1, 1)
    formatted_text = target.read_text(encoding="utf-8")
    assert formatted_text != UNFORMATTED
    # What fmt wrote is entered only once a run finds it formatted (never on trust).
    invoke("fmt", str(target))
    assert reads.take() == (1, 1)
    invoke("fmt", str(target))
    assert reads.take() == (0, 0)


def test_a_change_to_a_comment_alone_is_not_missed(tmp_path: Path, reads: Reads) -> None:
    target = _register(tmp_path)
    invoke("fmt", str(target))
    reads.take()
    # Still formatted, the same data: only the bytes differ. A misplaced comment, too.
    target.write_text(FORMATTED.replace("# the name", "# the firm's name"), encoding="utf-8")
    assert invoke("fmt", str(target)).returncode == 0
    assert reads.take() == (1, 1)
    moved = FORMATTED.replace("  # the name", "").replace("ropa: 1\n", "ropa: 1  # the name\n")
    target.write_text(moved, encoding="utf-8")
    result = invoke("fmt", "--check", str(target))
    assert reads.take() == (1, 1)
    assert result.returncode == 0  # a comment at the end of `ropa: 1` is in its place


def test_a_changed_option_is_answered_afresh(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _register(tmp_path)
    invoke("fmt", str(target))
    reads.take()
    invoke("fmt", "--max-file-size", "1", str(target))
    assert reads.take() == (1, 1)
    invoke("fmt", "--max-file-size", "1", str(target))
    assert reads.take() == (0, 0)
    monkeypatch.setenv("ROPA_YAML_ENGINE", "libyaml")
    invoke("fmt", "--max-file-size", "1", str(target))
    assert reads.take() == (1, 1)


def test_another_ropa_version_or_source_is_answered_afresh(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _register(tmp_path)
    invoke("fmt", str(target))
    reads.take()
    monkeypatch.setattr("ropa._version.__version__", "99.0.0")
    cache._sources_key.cache_clear()
    try:
        invoke("fmt", str(target))
        assert reads.take() == (1, 1)
        invoke("fmt", str(target))
        assert reads.take() == (0, 0)
    finally:
        monkeypatch.undo()
        cache._sources_key.cache_clear()


def test_a_library_upgrade_changes_the_key(tmp_path: Path) -> None:
    """The YAML writer's version decides what fmt writes: its files are in the key."""
    library = tmp_path / "library"
    (library / "fakeyaml").mkdir(parents=True)
    module = library / "fakeyaml" / "__init__.py"
    module.write_text("VERSION = 1\n", encoding="utf-8")
    sys.path.insert(0, str(library))
    try:
        before = cache.libraries_key("fakeyaml", "not_installed_anywhere")
        module.write_text("VERSION = 22\n", encoding="utf-8")
        after = cache.libraries_key("fakeyaml", "not_installed_anywhere")
    finally:
        sys.path.remove(str(library))
    assert before != after
    assert "not_installed_anywhere -" in before


def test_the_configuration_still_decides_which_files_are_read(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The configuration does not change what fmt writes (it is not in the key), but its
    `exclude` is applied before the cache is asked: a cached file excluded is left out."""
    target = _register(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert invoke("fmt", "registers").stdout.endswith("1 file left unchanged\n")
    reads.take()
    (tmp_path / "ropa.toml").write_text('exclude = ["registers/acme.yaml"]\n', encoding="utf-8")
    excluded = invoke("fmt", "registers")
    assert excluded.stdout.endswith("0 files left unchanged\n")
    assert reads.take() == (0, 0)
    (tmp_path / "ropa.toml").write_text('exclude = ["registers/other.yaml"]\n', encoding="utf-8")
    assert invoke("fmt", "registers").stdout.endswith("1 file left unchanged\n")
    assert target.read_text(encoding="utf-8") == FORMATTED


SPLIT_ROOT = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  role: controller
"""
SPLIT_PART = """\
ropa: 1
activities:
  - id: payroll
    name: Algas
"""


def test_a_split_register_is_valid_as_a_whole_not_file_by_file(
    tmp_path: Path, reads: Reads
) -> None:
    """Another file of the register changed (here: an activity id repeated across the
    files) and the register no longer validates: the file asked for, cached as formatted,
    is not let through."""
    root = _register(tmp_path, SPLIT_ROOT, "acme/register.yaml")
    part = _register(tmp_path, SPLIT_PART, "acme/hr.yaml")
    first = invoke("fmt", str(root))
    assert first.returncode == 0, first.stdout
    assert reads.take() == (1, 1)
    assert invoke("fmt", str(root)).returncode == 0
    assert reads.take() == (0, 0)
    _register(tmp_path, SPLIT_PART, "acme/sales.yaml")  # the same activity id again
    broken = invoke("fmt", str(root))
    assert broken.returncode == 1, broken.stdout
    assert "payroll" in broken.stdout
    assert reads.take()[0] == 1
    part.unlink()
    assert invoke("fmt", str(root)).returncode == 0


def test_an_invalid_register_is_never_entered(tmp_path: Path, reads: Reads) -> None:
    target = _register(tmp_path, FORMATTED.replace("controller", "owner"))
    for _run in range(2):
        result = invoke("fmt", str(target))
        assert result.returncode == 1
        assert reads.take() == (1, 0)


@pytest.mark.parametrize("broken", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_broken_or_foreign_cache_is_ignored_and_replaced(
    tmp_path: Path, reads: Reads, broken: bytes
) -> None:
    target = _register(tmp_path)
    stored = tmp_path / "cache" / cache.file_name(KnownFormatted.NAME)
    stored.parent.mkdir(parents=True)
    stored.write_bytes(broken)
    assert invoke("fmt", str(target)).stdout == "0 files reformatted, 1 file left unchanged\n"
    assert reads.take() == (1, 1)
    assert stored.read_bytes() != broken
    invoke("fmt", str(target))
    assert reads.take() == (0, 0)


def test_an_unwritable_cache_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("ROPA_CACHE_DIR", str(blocked))
    target = _register(tmp_path)
    assert invoke("fmt", str(target)).stdout == "0 files reformatted, 1 file left unchanged\n"


SEEDS = sorted(REGISTERS.glob("*.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _copies(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name / "registers"
    folder.mkdir(parents=True)
    for seed in [*SEEDS, *INVALID]:
        shutil.copyfile(seed, folder / f"{seed.parent.name}-{seed.name}")
    return folder


def test_what_fmt_says_and_writes_is_the_same_with_the_cache_and_without(tmp_path: Path) -> None:
    """Real processes on the example registers and the fixtures, valid and invalid: a cold
    cache, a warm one and none give the same output, status and bytes on disk."""
    cached_env = {"ROPA_CACHE_DIR": str(tmp_path / "cache")}
    reference_dir = _copies(tmp_path, "reference")
    cached_dir = _copies(tmp_path, "cached")
    for arguments in (["--check", "--diff"], ["--skip-invalid"], [], ["--check"]):
        for _time in ("first", "again"):  # the cache cold (or the files just written), warm
            reference = run_ropa(
                "fmt", *arguments, "registers", cwd=reference_dir.parent, env={"ROPA_NO_CACHE": "1"}
            )
            cached = run_ropa("fmt", *arguments, "registers", cwd=cached_dir.parent, env=cached_env)
            assert (cached.returncode, cached.stdout, cached.stderr) == (
                reference.returncode,
                reference.stdout,
                reference.stderr,
            ), arguments
            for written in reference_dir.iterdir():
                assert (cached_dir / written.name).read_bytes() == written.read_bytes()
    assert (tmp_path / "cache" / cache.file_name(KnownFormatted.NAME)).is_file()


def test_standard_input_is_formatted_and_written_out_with_a_warm_cache(tmp_path: Path) -> None:
    target = _register(tmp_path)
    env = {"ROPA_CACHE_DIR": str(tmp_path / "cache")}
    assert run_ropa("fmt", str(target), env=env).returncode == 0
    piped = subprocess.run(
        [sys.executable, "-m", "ropa", "fmt", "-", "--stdin-filename", str(target)],
        input=FORMATTED,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )
    assert (piped.returncode, piped.stdout) == (0, FORMATTED)


# What a run of files all known formatted need not load: the formatter and what it stands
# on (ruamel, the models, pydantic), the configuration's model where no configuration file
# is found, and the command-line framework (`ropa.cli_quick` reads a plain fmt).
NOT_LOADED = {"ropa.fmt", "ropa.validate", "ropa.config", "ruamel.yaml", "pydantic", "typer"}


def _imported(*args: str, cwd: Path, env: dict[str, str]) -> tuple[set[str], str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ropa", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, **env},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = {
        line.split("|")[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, result.stdout


def test_a_run_of_known_files_loads_neither_the_formatter_nor_its_parsers(
    tmp_path: Path,
) -> None:
    """Proof without timing, in a real process: the second run of the pre-commit hook's
    command over formatted files never imports the YAML parsers, so it cannot have parsed."""
    _register(tmp_path)
    shutil.copyfile(REGISTERS / "micrec.yaml", tmp_path / "registers" / "micrec.yaml")
    env = {"ROPA_CACHE_DIR": str(tmp_path / "cache")}
    arguments = ("fmt", "--skip-invalid", "registers/acme.yaml", "registers/micrec.yaml")
    first, said = _imported(*arguments, cwd=tmp_path, env=env)
    assert {"ropa.fmt", "ruamel.yaml"} <= first  # the control: a first run formats
    second, said_again = _imported(*arguments, cwd=tmp_path, env=env)
    assert said_again == said == "0 files reformatted, 2 files left unchanged\n"
    assert "ropa.fmtcache" in second
    assert not NOT_LOADED & second
    # A configuration file is found, and read: the model that reads it is loaded then.
    (tmp_path / "ropa.toml").write_text('exclude = ["archive"]\n', encoding="utf-8")
    configured, _said = _imported(*arguments, cwd=tmp_path, env=env)
    assert "ropa.config" in configured
    assert not {"ropa.fmt", "ruamel.yaml"} & configured


def test_the_stored_schema_is_the_schema_pydantic_generates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fmt's key order comes from the register file's JSON Schema, kept in the cache: read
    back it is the generated one, and a broken or foreign file is generated again."""
    from ropa import schema

    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    stored = tmp_path / cache.file_name(schema._SCHEMA_CACHE)
    generated = schema._generated_schema()
    for _state in ("absent", "stored", "broken"):
        schema.register_file_schema.cache_clear()
        try:
            assert schema.register_file_schema() == generated
        finally:
            schema.register_file_schema.cache_clear()
        assert stored.is_file()
        if _state == "stored":
            stored.write_bytes(b"broken")
    written = stored.stat().st_mtime_ns
    schema.register_file_schema.cache_clear()
    try:
        assert schema.register_file_schema() == generated
    finally:
        schema.register_file_schema.cache_clear()
    assert stored.stat().st_mtime_ns == written  # read back, not generated and written again


def test_a_named_pipe_or_a_device_is_refused_not_read_for_its_hash(tmp_path: Path) -> None:
    """The cache reads each file for its hash before anything else: a FIFO named like a
    register must not be waited on, nor a device read, there either."""
    _register(tmp_path)
    os.mkfifo(tmp_path / "registers" / "pipe.yaml")
    (tmp_path / "registers" / "zero.yaml").symlink_to("/dev/zero")
    env = {"ROPA_CACHE_DIR": str(tmp_path / "cache")}
    for _run in ("cold", "warm"):
        outcome = run_ropa("fmt", "registers", cwd=tmp_path, env=env)
        assert outcome.returncode == 2
        assert "registers/pipe.yaml: IN01 is not a regular file (it is a named pipe)" in (
            outcome.stdout
        )
        assert "registers/zero.yaml: IN01 is not a regular file (it is a device)" in (
            outcome.stdout
        )
        assert outcome.stdout.endswith(
            "0 files reformatted, 1 file left unchanged, 2 problems"
            " (files with problems are left as they are)\n"
        )
