"""Start-up is a feature: the pre-commit hook runs on every commit, so the commands it runs
import only what they use (measured with `python -X importtime`)."""

from __future__ import annotations

import re
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
    assert "ropa.cli_core" in modules
    assert not {name for name in modules if name.split(".")[0] in ("openpyxl", "rich")}


# What a plain check or validation (the pre-commit hooks') must not import: each was once
# paid at start and has a cheaper place. The command-line framework (`ropa.cli_quick` reads
# the arguments), writers, readers of other formats, package metadata (pydantic's plugin
# loader), the rapidyaml engine (only for large files), the commands that rewrite files,
# and the standard modules a "did you mean" or a month's length used to pull in.
NOT_AT_START = {
    "typer",
    "click",
    "rich",
    "openpyxl",
    "ryml",
    "importlib.metadata",
    "email",
    "zipfile",
    "csv",
    "difflib",
    "calendar",
    "ropa.cli",
    "ropa.exporting",
    "ropa.exporters",
    "ropa.importers",
    "ropa.fmt",
    "ropa.diff",
    "ropa.notice",
    "ropa.coverage",
    "ropa.scaffold",
}


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "--skip-invalid", MICREC],
        ["check", MICREC, "--format", "json"],
        ["validate", MICREC],
        ["--traceback", "check", MICREC, "-f", "github", "--select", "LB,RT", "--lang", "lv"],
    ],
)
def test_a_plain_check_imports_nothing_it_does_not_use(arguments: list[str]) -> None:
    modules = imported_modules(*arguments)
    assert {"ropa.cli_quick", "ropa.validate", "pydantic"} <= modules  # it did run
    assert not {
        name
        for name in modules
        if name in NOT_AT_START
        or name.rsplit(".", 1)[0] in NOT_AT_START
        or name.split(".")[0] in NOT_AT_START
    }


def test_a_check_in_another_form_is_read_by_typer() -> None:
    """The control case: the measurement sees typer when it reads the arguments."""
    modules = imported_modules("check", MICREC, "-fjson")
    assert {"typer", "ropa.cli"} <= modules


def test_export_does_import_openpyxl(tmp_path: object) -> None:
    """The control case: the measurement sees openpyxl when a command does use it."""
    modules = imported_modules("export", MICREC, "-f", "xlsx", "-o", f"{tmp_path}/m.xlsx")
    assert "openpyxl" in modules


def test_a_check_imports_no_package_metadata_reader() -> None:
    """pydantic's plugin loader imports importlib.metadata (email, zipfile, csv) to find
    that there is no plugin; with every plugin disabled (ropa's default) it is not asked."""
    modules = imported_modules("check", MICREC)
    assert "pydantic" in modules
    assert "importlib.metadata" not in modules


def test_a_users_plugin_setting_keeps_pydantics_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The control case: an explicit setting other than "all disabled" is the user's.
    (Validators read from the cache are not built by pydantic, so no plugin is looked for:
    without the cache pydantic builds them, and its loader looks.)"""
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some-plugin")
    monkeypatch.setenv("ROPA_NO_CACHE", "1")
    modules = imported_modules("check", MICREC)
    assert "importlib.metadata" in modules


def test_running_one_command_leaves_every_command_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ropa import cli

    before = list(cli.app.registered_commands)
    monkeypatch.setattr("sys.argv", ["ropa", "rules", "LB01"])
    with pytest.raises(SystemExit) as caught:
        cli.run()
    assert caught.value.code == 0
    assert cli.app.registered_commands == before
    assert cli._command_named(["--traceback", "import", "x.csv"]).name == "import"
    assert cli._command_named(["check", "r.yaml"]).callback is cli.check
    assert cli._command_named(["--help"]) is None
    assert cli._command_named(["chek"]) is None


def test_a_commands_help_is_the_same_run_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """typer is offered only the command asked for; its help is what the whole app
    gives."""
    from ropa import cli
    from tests.conftest import invoke

    whole = invoke("check", "--help").stdout
    monkeypatch.setattr("sys.argv", ["ropa", "check", "--help"])
    with pytest.raises(SystemExit) as caught:
        cli.run()
    assert caught.value.code == 0
    alone = capsys.readouterr().out
    # The program's name is how it was started (`ropa`, `python -m ...`) and the lines are
    # wrapped to the terminal; the words are the same.
    assert _words(alone) == _words(whole)
    assert "--extend-select" in whole


def _words(help_text: str) -> str:
    """The text without the program's name and without white space (lines are also
    broken after hyphens)."""
    return "".join(re.sub(r"Usage: .*? check", "", help_text).split())
