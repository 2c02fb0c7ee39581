"""The shipped example registers are what a user copies: formatted, and lint-clean for
yamllint with the settings README.md recommends (issue 13, point 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ropa.yamlio import parse_fast
from tests.conftest import REGISTERS, REPO, SEED_REGISTERS, invoke, run_ropa

YAMLLINT = [sys.executable, "-m", "yamllint", "-f", "parsable"]
# What README.md says the registers need changed from yamllint's defaults, and why.
RELAXED = {"line-length", "document-start", "comments-indentation"}


def test_every_example_register_is_fmt_clean() -> None:
    result = run_ropa("fmt", "--check", str(REGISTERS))
    assert result.returncode == 0, result.stdout
    assert f"0 files would be reformatted, {len(SEED_REGISTERS)} files already formatted" in (
        result.stdout
    )


def test_the_examples_pass_yamllint_with_the_recommended_settings() -> None:
    config = REPO / ".yamllint.yaml"
    result = subprocess.run(
        [*YAMLLINT, "-c", str(config), str(REGISTERS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_yamllint_defaults_object_only_to_the_rules_the_settings_relax() -> None:
    """So the settings relax nothing that the registers do not need, and the check above
    is not vacuous: the defaults do object."""
    result = subprocess.run(
        [*YAMLLINT, "-d", "default", str(REGISTERS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    rules = {line.rsplit("(", 1)[1].rstrip(")") for line in result.stdout.splitlines()}
    assert rules == RELAXED


def test_a_new_register_passes_yamllint_and_fmt(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path), "--no-input", "--name", "SIA Piemērs").returncode == 0
    result = subprocess.run(
        [*YAMLLINT, "-c", str(REPO / ".yamllint.yaml"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert run_ropa("fmt", "--check", str(tmp_path / "registers")).returncode == 0


BLANKS = """\


# the organisation
ropa: 1



organisation:
  name: X
  country: LV
  contact: unknown
  role: controller
  employees: unknown
  dpo: unknown


activities: []


"""
NORMALISED = """\
# the organisation
ropa: 1

organisation:
  name: X
  country: LV
  contact: unknown
  role: controller
  employees: unknown
  dpo: unknown

activities: []
"""


@pytest.mark.parametrize("run", [invoke, run_ropa], ids=["runner", "process"])
def test_fmt_makes_runs_of_blank_lines_one(tmp_path: Path, run: object) -> None:
    register = tmp_path / "r.yaml"
    register.write_text(BLANKS, encoding="utf-8")
    result = run("fmt", str(register))  # type: ignore[operator]
    assert result.returncode == 0, result.stdout
    assert register.read_text(encoding="utf-8") == NORMALISED


def test_blank_lines_inside_a_text_are_the_text(tmp_path: Path) -> None:
    text = NORMALISED.replace(
        "  name: X\n", "  name: |\n    first\n\n\n    after two blank lines\n"
    ).replace("  dpo: unknown\n", '  dpo: unknown\n  notes: "a\n\n\n\n    b"\n')
    register = tmp_path / "r.yaml"
    register.write_text(text, encoding="utf-8")
    assert invoke("validate", str(register)).returncode == 0
    result = invoke("fmt", str(register))
    assert result.returncode == 0, result.stdout
    assert "FM01" not in result.stdout
    written = register.read_text(encoding="utf-8")
    assert "    first\n\n\n    after two blank lines\n" in written
    before, after = parse_fast(text, "before").data, parse_fast(written, "after").data
    assert after == before
    assert after["organisation"]["notes"] == "a\n\n\nb"
