"""`ropa` as its own process ends without the interpreter's teardown (`__main__`): its
output must still be whole and its exit status the command's, whether standard output is
a pipe, a file, or a pipe its reader closes early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, invoke
from tests.test_memory import write_register

# The three statuses a check ends with: no such file (2), findings (1), findings with
# `--exit-zero` (0); the last also in a form that typer reads (`-fjson`), not the quick
# reader of `cli_quick`.
CASES = [
    ([str(FIXTURES / "no-such-register.yaml")], 2),
    ([str(FIXTURES / "invalid" / "bad-values.yaml")], 1),
    ([str(FIXTURES / "valid" / "dental-clinic.yaml")], 1),
    ([str(FIXTURES / "valid" / "dental-clinic.yaml"), "--exit-zero"], 0),
    ([str(FIXTURES / "valid" / "dental-clinic.yaml"), "--exit-zero", "-fjson"], 0),
]


def _environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}


def _ropa(args: list[str], stdout: int | object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ropa", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env=_environment(),
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(("args", "status"), CASES)
@pytest.mark.parametrize("output_format", ["json", "text"])
def test_output_and_status_through_a_pipe_and_a_file(
    tmp_path: Path, args: list[str], status: int, output_format: str
) -> None:
    arguments = ["check", *args, "--format", output_format]
    expected = invoke(*arguments)
    assert expected.returncode == status
    piped = _ropa(arguments, subprocess.PIPE)
    assert piped.returncode == status
    assert piped.stdout.decode("utf-8") == expected.stdout
    target = tmp_path / "out"
    with target.open("wb") as handle:
        written = _ropa(arguments, handle)
    assert written.returncode == status
    assert target.read_text(encoding="utf-8") == expected.stdout


def test_a_large_report_is_written_whole(tmp_path: Path) -> None:
    """A report many times a pipe's buffer (and the stream's), to a pipe and to a file."""
    register = write_register(tmp_path)
    arguments = ["check", str(register), "--format", "json", "--exit-zero"]
    expected = invoke(*arguments).stdout
    assert len(expected) > 1_000_000
    piped = _ropa(arguments, subprocess.PIPE)
    assert (piped.returncode, piped.stdout.decode("utf-8")) == (0, expected)
    target = tmp_path / "out.json"
    with target.open("wb") as handle:
        assert _ropa(arguments, handle).returncode == 0
    assert target.read_text(encoding="utf-8") == expected
    # `--output-file` writes the file itself, then ends the same way.
    report = tmp_path / "report.json"
    ended = _ropa([*arguments, "--output-file", str(report)], subprocess.PIPE)
    assert (ended.returncode, ended.stdout) == (0, b"")
    assert report.read_text(encoding="utf-8") == expected


def test_a_reader_that_stops_early_still_gets_the_status(tmp_path: Path) -> None:
    register = write_register(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-m", "ropa", "check", str(register), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()
        errors = process.stderr.read()
        status = process.wait(timeout=300)
    assert status == invoke("check", str(register), "--format", "json").returncode
    assert b"Traceback" not in errors
