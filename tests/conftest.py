"""Shared test helpers: paths, the CLI through typer's runner and as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# The suite, and every process it starts, keeps ropa's cache (`ropa.cache`) in a folder of
# its own, never the user's: set before any ropa module is imported, since the lexicon
# reads its index from the cache as it is imported (and test modules import it as they
# are collected).
_CACHE_BEFORE = os.environ.get("ROPA_CACHE_DIR")
os.environ["ROPA_CACHE_DIR"] = tempfile.mkdtemp(prefix="ropa-cache-")

from typer.testing import CliRunner  # noqa: E402

from ropa.cli import app  # noqa: E402

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
REGISTERS = REPO / "registers"
SEED_REGISTERS = sorted(REGISTERS.glob("*.yaml"))

# Golden files are rewritten only when asked, and every rewrite is reviewed by hand.
UPDATE_GOLDEN = os.environ.get("ROPA_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_directory() -> Iterator[None]:
    """The suite's cache folder (see above) goes when the suite ends."""
    own = os.environ["ROPA_CACHE_DIR"]
    yield
    shutil.rmtree(own, ignore_errors=True)
    if _CACHE_BEFORE is None:
        os.environ.pop("ROPA_CACHE_DIR", None)
    else:
        os.environ["ROPA_CACHE_DIR"] = _CACHE_BEFORE


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in-process through typer's runner; returns exit code and output."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def check_findings(path: Path, code: str | None = None) -> list[dict[str, object]]:
    """The findings of `ropa check --format json` on a register (only `code`'s if given)."""
    result = invoke("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return [f for f in findings if code is None or f["code"] == code]


def workbook_text(path: Path) -> str:
    """Every cell of an exported workbook, one a line, sheet after sheet."""
    import openpyxl

    return "\n".join(
        str(cell.value)
        for sheet in openpyxl.load_workbook(path, read_only=True).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def run_ropa(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m ropa` as a real process."""
    environment = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ropa", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )


def need(tool: str | None, name: str) -> str:
    """A tool a test cannot do without: skipped with the reason where it is missing, except
    in CI (`CI` set), where a missing tool fails the test."""
    if tool is None:
        reason = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run this test")
        pytest.skip(reason)
    return tool


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read ropa's English messages whatever the developer's locale; a test of the
    Latvian ones sets the locale itself."""
    monkeypatch.setenv("LANGUAGE", "en")


@pytest.fixture
def in_dir(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Change into a directory (given by indirect parametrisation, or a temporary one)."""
    directory: Path = getattr(request, "param", None) or request.getfixturevalue("tmp_path")
    monkeypatch.chdir(directory)
    return directory


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
