"""`ropa check`, `ropa validate` and `ropa fmt` read without typer (`ropa.cli_quick`): the
same output, files and status as typer's reading (`ropa.cli`) of the same arguments, for
every option; anything not in a plain form is left to typer, whose errors stay its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from ropa import cli_quick
from ropa.cli import app
from ropa.cli_core import CheckFormat, FailOn, MessageLanguage, OutputFormat
from tests.conftest import FIXTURES, SEED_REGISTERS, run_ropa

MICREC = str(SEED_REGISTERS[[p.name for p in SEED_REGISTERS].index("micrec.yaml")])
INVALID = str(FIXTURES / "invalid" / "bad-values.yaml")


def _run(
    entry: list[str], *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    environment["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    return subprocess.run(
        [sys.executable, *entry, *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )


def _quick(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`ropa` as it is run: a plain check or validation is read without typer."""
    return _run(["-m", "ropa"], *args, cwd=cwd, stdin=stdin)


def _through_typer(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The same command read by typer, as `ropa` read everything before the quick path."""
    return _run(["-c", "from ropa.cli import run; run()"], *args, cwd=cwd, stdin=stdin)


# ------------------------------------------------------------------ what is read here


def test_the_plain_forms_are_read() -> None:
    read = cli_quick.read(
        [
            "check",
            MICREC,
            "--format",
            "JSON",
            "--fail-on=warning",
            "--select",
            "LB,TR",
            "--select=RT",
            "--ignore",
            "GV01",
            "-o",
            "out.json",
            "-q",
            "--skip-invalid",
            "--max-file-size",
            "2",
            "--lang",
            "lv",
            "-",
        ]
    )
    assert read == (
        "check",
        False,
        {
            "paths": [MICREC, "-"],
            "output_format": CheckFormat.JSON,
            "fail_on": FailOn.WARNING,
            "select": ["LB,TR", "RT"],
            "ignore": ["GV01"],
            "output_file": Path("out.json"),
            "quiet": True,
            "skip_invalid": True,
            "max_file_size": 2,
            "language": MessageLanguage.LV,
        },
    )
    assert cli_quick.read(["--traceback", "check", "r.yaml"]) == (
        "check",
        True,
        {"paths": ["r.yaml"]},
    )
    assert cli_quick.read(["validate", "a.yaml", "b/", "-f", "json", "-q"]) == (
        "validate",
        False,
        {"paths": ["a.yaml", "b/"], "output_format": OutputFormat.JSON, "quiet": True},
    )
    assert cli_quick.read(["fmt", "--skip-invalid", "a.yaml", "--diff", "--no-cache"]) == (
        "fmt",
        False,
        {"paths": ["a.yaml"], "skip_invalid": True, "diff": True, "no_cache": True},
    )


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["fmt", "r.yaml", "--format", "json"],  # not an option of fmt
        ["fmt", "r.yaml", "--check", "--check"],
        ["fmt", "--help"],
        ["export", "r.yaml"],
        ["check"],  # no path: typer says which argument is missing
        ["check", "r.yaml", "--help"],
        ["check", "r.yaml", "-h"],
        ["check", "--", "r.yaml"],
        ["check", "r.yaml", "--formt", "json"],  # misspelt: typer suggests
        ["check", "r.yaml", "--form", "json"],  # no abbreviations either
        ["check", "r.yaml", "--format", "yaml"],
        ["check", "r.yaml", "--format", "jsön"],
        ["check", "r.yaml", "--format"],
        ["check", "r.yaml", "--format", ""],
        ["check", "r.yaml", "--format", "json", "--format", "text"],
        ["check", "r.yaml", "-q", "--quiet"],
        ["check", "r.yaml", "-fjson"],
        ["check", "r.yaml", "-qf", "json"],
        ["check", "r.yaml", "-f=json"],
        ["check", "r.yaml", "--quiet=yes"],
        ["check", "r.yaml", "--select", "-LB"],
        ["check", "r.yaml", "-o", "-"],
        ["check", "r.yaml", "--max-file-size", "0"],
        ["check", "r.yaml", "--max-file-size", "+5"],
        ["check", "r.yaml", "--max-file-size", "٣"],
        ["check", "r.yaml", "--traceback"],
        ["--version", "check", "r.yaml"],
        ["check", "-x"],
        ["validate", "r.yaml", "--format", "sarif"],  # check's formats are not validate's
        ["validate", "r.yaml", "--select", "LB"],  # nor are its other options
        ["validate", "r.yaml", "--skip-invalid"],
        ["validate"],
    ],
)
def test_anything_else_is_left_to_typer(arguments: list[str]) -> None:
    assert cli_quick.read(arguments) is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_ROPA_COMPLETE", "complete_bash")
    assert cli_quick.read(["check", "r.yaml"]) is None


def test_windows_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """click expands `registers\\*.yaml` itself there; the quick reading would not."""
    assert cli_quick.read(["check", "r.yaml"]) is not None
    monkeypatch.setattr(os, "name", "nt")  # read by ropa.cli_quick alone, here
    assert cli_quick.read(["check", "r.yaml"]) is None


@pytest.mark.parametrize("command", ["check", "validate", "fmt"])
def test_the_options_are_those_ropa_cli_declares(command: str) -> None:
    """A new option of `ropa check`, `ropa validate` or `ropa fmt` must be added here too
    (or it is typer's alone: then this test says so)."""
    group = typer.main.get_command(app)
    declared_command = group.commands[command]  # type: ignore[attr-defined]
    choices = {
        "output_format": CheckFormat if command == "check" else OutputFormat,
        "fail_on": FailOn,
        "language": MessageLanguage,
    }
    declared: dict[str, tuple[str, Any]] = {}
    for parameter in declared_command.params:
        if parameter.param_type_name != "option":
            continue
        if parameter.is_flag:
            kind: Any = "flag"
        elif parameter.multiple:
            kind = "many"
        else:
            kind = choices.get(parameter.name) or {
                "config": "path",
                "output_file": "path",
                "max_file_size": "mib",
            }.get(parameter.name, "text")
        for name in [*parameter.opts, *parameter.secondary_opts]:
            declared[name] = (parameter.name, kind)
    assert declared == cli_quick.COMMANDS[command][1]


# ------------------------------------------------------------- the same as typer's reading


def _same(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    quick = _quick(*args, cwd=cwd)
    typer_read = _through_typer(*args, cwd=cwd)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        typer_read.returncode,
        typer_read.stdout,
        typer_read.stderr,
    ), args
    return quick


@pytest.mark.parametrize(
    "arguments",
    [
        [MICREC],
        [MICREC, "--format", "json"],
        [MICREC, "--output-format=SARIF"],
        [MICREC, "-f", "github"],
        [MICREC, "--statistics"],
        [MICREC, "--statistics", "-f", "json"],
        [MICREC, "-q", "--exit-zero"],
        [MICREC, "--show-all", "--lang", "LV"],
        [MICREC, "--fail-on", "info"],
        [MICREC, "--fail-on=Warning", "--select", "LB,TR", "--extend-select", "GV"],
        [MICREC, "--ignore", "GV", "--ignore=RT02,SD"],
        [MICREC, "--select", "XX99"],  # an unknown code: a usage error
        [MICREC, "--today", "2024-02-29"],
        [MICREC, "--today", "yesterday"],
        [MICREC, "--config", "no-such-ropa.toml"],
        [MICREC, "--max-file-size", "1"],
        [MICREC, INVALID, "--skip-invalid"],
        [INVALID, "--lang", "en"],
        ["no-such-register.yaml"],
        [str(FIXTURES / "valid")],
        [MICREC, "--stdin-filename", "registers/x.yaml"],  # without `-`: a usage error
    ],
)
def test_a_check_says_the_same_as_typer_read_it(arguments: list[str]) -> None:
    result = _same("check", *arguments)
    assert result.returncode in (0, 1, 2)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        [MICREC],
        [MICREC, "--format", "json"],
        [MICREC, INVALID, "-f", "JSON", "--exit-zero"],
        [INVALID, "--statistics"],
        [INVALID, "-q", "--lang", "lv"],
        [str(FIXTURES / "invalid")],
        [str(FIXTURES / "valid"), "--output-format=json"],
        [MICREC, "--max-file-size", "1"],
        ["no-such-register.yaml"],
        [MICREC, "--stdin-filename", "registers/x.yaml"],
    ],
)
def test_a_validation_says_the_same_as_typer_read_it(arguments: list[str]) -> None:
    result = _same("validate", *arguments)
    assert result.returncode in (0, 1, 2)
    assert "Traceback" not in result.stderr


FMT_UNFORMATTED = """\
organisation:
  role: controller   # Art. 30(1)
  name: SIA "Piemērs"
ropa: 1
"""


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--skip-invalid"],
        ["--check"],
        ["--check", "--diff", "--lang", "LV"],
        ["--diff", "-q"],
        ["--quiet", "--no-cache"],
        ["--max-file-size=1", "--skip-invalid"],
        ["--stdin-filename", "registers/x.yaml"],  # without `-`: a usage error
        ["no-such-register.yaml"],
    ],
)
def test_fmt_says_and_writes_the_same_as_typer_read_it(
    arguments: list[str], tmp_path: Path
) -> None:
    """Each reading in a copy of its own (fmt rewrites files): the same output, status
    and bytes written; twice, the second time with every file known formatted."""
    copies = []
    for name in ("quick", "typer"):
        folder = tmp_path / name / "registers"
        folder.mkdir(parents=True)
        (folder / "acme.yaml").write_text(FMT_UNFORMATTED, encoding="utf-8")
        Path(folder / "micrec.yaml").write_bytes(Path(MICREC).read_bytes())
        Path(folder / "bad.yaml").write_bytes(Path(INVALID).read_bytes())
        copies.append(folder.parent)
    for _run in range(2):
        quick = _quick("fmt", *arguments, "registers", cwd=copies[0])
        typer_read = _through_typer("fmt", *arguments, "registers", cwd=copies[1])
        assert (quick.returncode, quick.stdout, quick.stderr) == (
            typer_read.returncode,
            typer_read.stdout,
            typer_read.stderr,
        ), arguments
        assert quick.returncode in (0, 1, 2)
        assert "Traceback" not in quick.stderr
        for written in (copies[1] / "registers").iterdir():
            assert (copies[0] / "registers" / written.name).read_bytes() == written.read_bytes()


def test_fmt_of_standard_input_is_the_same() -> None:
    arguments = ["fmt", "-", "--stdin-filename", "registers/acme.yaml"]
    quick = _quick(*arguments, stdin=FMT_UNFORMATTED)
    typer_read = _through_typer(*arguments, stdin=FMT_UNFORMATTED)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        typer_read.returncode,
        typer_read.stdout,
        typer_read.stderr,
    )
    assert quick.returncode == 0
    assert quick.stdout.startswith("ropa: 1\norganisation:\n")


def test_each_form_of_an_option_reads_the_same() -> None:
    outputs = {
        run_ropa(*form).stdout
        for form in (
            ("check", MICREC, "--format", "json"),
            ("check", MICREC, "--format=json"),
            ("check", MICREC, "--output-format", "JSON"),
            ("check", MICREC, "-f", "Json"),
        )
    }
    assert len(outputs) == 1
    assert '"findings"' in outputs.pop()


def test_the_report_file_is_the_same(tmp_path: Path) -> None:
    arguments = ("check", MICREC, "-f", "sarif", "-o")
    # SARIF names the directory it was made in: the same one for both.
    first = _quick(*arguments, "quick.sarif", cwd=tmp_path)
    second = _through_typer(*arguments, "typer.sarif", cwd=tmp_path)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout == ""
    written = (tmp_path / "quick.sarif").read_text(encoding="utf-8")
    assert written == (tmp_path / "typer.sarif").read_text(encoding="utf-8")
    assert '"ruleId"' in written


def test_standard_input_reads_the_same() -> None:
    text = Path(MICREC).read_text(encoding="utf-8")
    arguments = ["check", "-", "--stdin-filename", "registers/micrec.yaml", "-f", "json"]
    quick = _quick(*arguments, stdin=text)
    typer_read = _through_typer(*arguments, stdin=text)
    assert quick.returncode == typer_read.returncode == 1
    assert quick.stdout == typer_read.stdout
    assert '"file": "registers/micrec.yaml"' in quick.stdout


def test_forms_left_to_typer_get_its_errors() -> None:
    result = run_ropa("check", MICREC, "--formt", "json")
    assert result.returncode == 2
    assert "No such option" in result.stderr
    assert "--format" in result.stderr  # its suggestion
    missing = run_ropa("check")
    assert missing.returncode == 2
    assert "Missing argument" in missing.stderr
