"""Start-up is a feature: the pre-commit hook runs on every commit, so the commands it runs
import only what they use (measured with `python -X importtime`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REGISTERS

MICREC = str(REGISTERS / "micrec.yaml")


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ropa", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {
        line.split("|")[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_version_loads_neither_the_cli_framework_nor_pydantic() -> None:
    modules = imported_modules("--version")
    assert not {"typer", "pydantic", "ruamel.yaml", "rich", "openpyxl"} & modules


@pytest.mark.parametrize("command", ["validate", "check"])
def test_validate_and_check_import_no_openpyxl_and_no_rich(command: str) -> None:
    modules = imported_modules(command, MICREC)
    assert "ropa.cli" in modules
    assert not {name for name in modules if name.split(".")[0] in ("openpyxl", "rich")}


def test_export_does_import_openpyxl(tmp_path: object) -> None:
    """The control case: the measurement sees openpyxl when a command does use it."""
    modules = imported_modules("export", MICREC, "-f", "xlsx", "-o", f"{tmp_path}/m.xlsx")
    assert "openpyxl" in modules
