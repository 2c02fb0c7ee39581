"""Shared test helpers: paths, the CLI through typer's runner and as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli import app

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
REGISTERS = REPO / "registers"
SEED_REGISTERS = sorted(REGISTERS.glob("*.yaml"))

# Golden files are rewritten only when asked, and every rewrite is reviewed by hand.
UPDATE_GOLDEN = os.environ.get("ROPA_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite, and every process it starts, keeps ropa's cache (`ropa.model.cache`) in
    a folder of its own, never the user's."""
    before = os.environ.get("ROPA_CACHE_DIR")
    os.environ["ROPA_CACHE_DIR"] = str(tmp_path_factory.mktemp("ropa-cache"))
    yield
    if before is None:
        del os.environ["ROPA_CACHE_DIR"]
    else:
        os.environ["ROPA_CACHE_DIR"] = before


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in-process through typer's runner; returns exit code and output."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


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
