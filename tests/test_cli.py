"""The command line, in-process (typer's runner) and as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa._version import __version__
from tests.conftest import FIXTURES, REGISTERS, invoke, run_ropa

VALID = FIXTURES / "valid" / "full-example.yaml"
INVALID = FIXTURES / "invalid"


def test_validate_a_valid_register_exits_0() -> None:
    result = invoke("validate", str(VALID))
    assert result.returncode == 0
    assert result.stdout.strip().endswith("1 register valid (1 file, 2 activities)")


def test_validate_an_invalid_register_exits_1_with_positions(in_dir: Path) -> None:
    (in_dir / "r.yaml").write_text(
        "ropa: 1\norganisation:\n  name: SIA Ā\n  rol: controller\n", encoding="utf-8"
    )
    result = invoke("validate", "r.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "r.yaml:2:1: SC02 `role` is required here",
        "    hint: add `role:` — `controller`, `processor` or `controller_and_processor`",
        "r.yaml:4:3: SC01 unknown key `rol` in `organisation`",
    ]


def test_a_missing_path_exits_2_with_one_clear_line() -> None:
    result = run_ropa("validate", "no/such/register.yaml")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "no/such/register.yaml: IN01 no such file or directory"
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2() -> None:
    assert run_ropa("validate").returncode == 2
    assert run_ropa("validate", "--format", "xml", str(VALID)).returncode == 2
    assert run_ropa("no-such-command").returncode == 2


def test_undecodable_input_exits_2() -> None:
    result = invoke("validate", str(INVALID / "invalid-utf8.yaml"))
    assert result.returncode == 2
    assert "IN02" in result.stdout


def test_json_output(in_dir: Path) -> None:
    (in_dir / "r.yaml").write_text("ropa: 1\norganisation: {role: boss}\n", encoding="utf-8")
    result = invoke("validate", "--format", "json", "r.yaml")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["tool"] == "ropa"
    assert document["status"] == 1
    assert document["summary"]["errors"] == 1
    (finding,) = document["findings"]
    assert finding == {
        "code": "SC04",
        "name": "schema.invalid-value",
        "severity": "error",
        "message": "`boss` is not a valid value for `role`",
        "file": "r.yaml",
        "line": 2,
        "column": 22,
        "path": "organisation.role",
        "hint": "use one of: controller, processor, controller_and_processor",
    }


def test_json_output_keeps_latvian_letters(in_dir: Path) -> None:
    (in_dir / "r.yaml").write_text(
        "ropa: 1\norganisation: {name: SIA Ā, role: controller}\nactivities:\n"
        "  - {id: a, name: Pārskats, purposes: Ūdens}\n",
        encoding="utf-8",
    )
    result = run_ropa("validate", "-f", "json", "r.yaml", cwd=in_dir, env={"LC_ALL": "C"})
    assert result.returncode == 1
    assert "`Ūdens`" in json.loads(result.stdout)["findings"][0]["message"]
    assert "Ūdens" in result.stdout


def test_text_output_is_plain_when_not_a_terminal() -> None:
    result = run_ropa("validate", str(INVALID / "countries.yaml"))
    assert result.returncode == 1
    assert "\x1b[" not in result.stdout


def test_no_color_wins_over_force_color() -> None:
    forced = run_ropa("validate", str(INVALID / "countries.yaml"), env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    plain = run_ropa(
        "validate", str(INVALID / "countries.yaml"), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "\x1b[" not in plain.stdout
    assert plain.stdout.splitlines()[0].startswith("countries.yaml:5:12: SC06") or (
        plain.stdout.splitlines()[0].endswith(
            "SC06 `lv` is not an ISO 3166-1 alpha-2 code; write it in capitals: LV"
        )
    )


def test_colored_output_has_the_same_text() -> None:
    import re

    forced = run_ropa("validate", str(INVALID / "references.yaml"), env={"FORCE_COLOR": "1"})
    plain = run_ropa("validate", str(INVALID / "references.yaml"))
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced.stdout) == plain.stdout


def test_markup_in_register_text_is_not_interpreted(in_dir: Path) -> None:
    (in_dir / "r.yaml").write_text(
        "ropa: 1\norganisation: {role: '[bold]x[/bold]'}\n", encoding="utf-8"
    )
    result = run_ropa("validate", "r.yaml", cwd=in_dir, env={"FORCE_COLOR": "1"})
    assert "[bold]x[/bold]" in result.stdout


def test_version() -> None:
    for args in (["--version"], ["-V"]):
        result = run_ropa(*args)
        assert result.returncode == 0
        assert result.stdout == f"ropa {__version__}\n"
    assert invoke("--version").stdout == f"ropa {__version__}\n"


def test_the_console_script_is_installed() -> None:
    import subprocess
    import sys

    executable = Path(sys.executable).parent / "ropa"
    assert executable.exists()
    result = subprocess.run(
        [str(executable), "validate", str(REGISTERS)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    assert invoke("schema", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("ropa register")


def test_validate_a_directory_of_registers() -> None:
    result = invoke("validate", str(REGISTERS))
    assert result.returncode == 0, result.stdout
    assert "registers valid" in result.stdout


def test_internal_errors_are_reported_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import ropa.validate

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ropa.validate, "validate_paths", explode)
    from ropa import cli

    monkeypatch.setattr("sys.argv", ["ropa", "validate", str(VALID)])
    with pytest.raises(SystemExit) as caught:
        cli.run()
    assert caught.value.code == 2
