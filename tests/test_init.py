"""`ropa init`: a valid register to fill in, the schema beside it, pre-commit hooks, and
never an overwritten file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli import app
from ropa.scaffold import HOOKS, PRE_COMMIT_CONFIG, hooks_text, slug
from ropa.validate import validate_paths
from tests.conftest import REPO, invoke, run_ropa


def test_interactive_questions_make_a_valid_register(tmp_path: Path) -> None:
    answers = 'SIA "Ābele"\nprocessor\n12\nLV\nprivatums@abele.lv\n'
    result = CliRunner().invoke(app, ["init", str(tmp_path)], input=answers)
    assert result.exit_code == 0, result.output
    assert "Organisation's legal name:" in result.output
    assert "Role (controller, processor, controller_and_processor) [controller]:" in result.output
    register = tmp_path / "registers" / "sia-abele.yaml"
    text = register.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/ropa.schema.json\n")
    assert '  name: "SIA \\"Ābele\\""\n' in text
    assert "  role: processor\n  employees: 12\n" in text
    assert '  contact: {email: "privatums@abele.lv"}\n' in text
    assert validate_paths([str(register)]).findings == []


def test_no_input_takes_options_in_a_real_process(tmp_path: Path) -> None:
    result = run_ropa(
        "init", "--no-input", "--name", "Biedrība Ērglis", "--employees", "unknown", cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[:3] == [
        "created registers/biedriba-erglis.yaml",
        "created schemas/ropa.schema.json",
        "created .pre-commit-config.yaml",
    ]
    check = run_ropa("validate", "registers", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert check.stdout == "1 register valid (1 file, 1 activity)\n"
    schema = json.loads((tmp_path / "schemas" / "ropa.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads((REPO / "schemas" / "ropa.schema.json").read_text("utf-8"))
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == PRE_COMMIT_CONFIG
    fmt = run_ropa("fmt", "--check", "registers", cwd=tmp_path)
    assert fmt.returncode == 0, fmt.stdout


def test_the_example_activity_has_gaps_the_checks_report(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path), "--no-input", "--name", "SIA X").returncode == 0
    result = invoke("check", str(tmp_path / "registers"))
    assert result.returncode == 1
    assert "customer-orders" in result.stdout


def test_an_existing_register_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "registers").mkdir()
    existing = tmp_path / "registers" / "sia-x.yaml"
    existing.write_text("# mine\n", encoding="utf-8")
    result = run_ropa("init", str(tmp_path), "--no-input", "--name", "SIA X")
    assert result.returncode == 2
    assert result.stderr.startswith(f"ropa: error: {existing} exists; ropa init never overwrites")
    assert existing.read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "schemas").exists()
    assert not (tmp_path / ".pre-commit-config.yaml").exists()


def test_an_existing_schema_and_pre_commit_configuration_are_kept(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "ropa.schema.json").write_text("{}", encoding="utf-8")
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text("repos: []\n", encoding="utf-8")
    result = invoke("init", str(tmp_path), "--no-input", "--name", "SIA X")
    assert result.returncode == 0
    assert "kept" in result.stdout
    assert "added ropa-fmt, ropa-validate, ropa-check" in result.stdout
    assert config.read_text(encoding="utf-8") == "repos:\n" + hooks_text(list(HOOKS))
    assert (tmp_path / "schemas" / "ropa.schema.json").read_text(encoding="utf-8") == "{}"


def test_a_configuration_it_cannot_extend_safely_is_left_alone(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text('{"repos": [{"repo": "local", "hooks": []}]}\n', encoding="utf-8")
    result = invoke("init", str(tmp_path), "--no-input", "--name", "SIA X")
    assert result.returncode == 0
    assert "Add these hooks to your .pre-commit-config.yaml:" in result.stdout
    assert "id: ropa-fmt" in result.stdout
    assert config.read_text(encoding="utf-8") == '{"repos": [{"repo": "local", "hooks": []}]}\n'


USER_CONFIG = """\
# Our hooks: keep this comment.
repos:
- repo: https://github.com/astral-sh/ruff-pre-commit
  rev: v0.6.0   # pinned on purpose
  hooks:
  - id: ruff
- repo: https://example.org/ropa
  rev: v1
  hooks:
  - id: ropa-validate   # already here: not added again
# the end of the list
default_stages: [pre-commit]
"""


def test_init_merges_missing_hooks_keeping_every_line(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(USER_CONFIG, encoding="utf-8")
    first = run_ropa("init", "--no-input", "--name", "SIA X", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "kept .pre-commit-config.yaml (it exists; added ropa-fmt, ropa-check)" in first.stdout
    merged = config.read_text(encoding="utf-8")
    added = hooks_text(["ropa-fmt", "ropa-check"], indent="")
    cut = USER_CONFIG.index("# the end of the list")
    assert merged == USER_CONFIG[:cut] + added + USER_CONFIG[cut:]
    # Run again (a second register folder, say): nothing to add, nothing changes.
    (tmp_path / "registers" / "sia-x.yaml").unlink()
    (tmp_path / "registers" / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    again = run_ropa("init", "--no-input", "--name", "SIA X", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert config.read_text(encoding="utf-8") == merged
    assert "kept .pre-commit-config.yaml (it exists)\n" in again.stdout
    validity = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert validity.returncode == 0, validity.stdout + validity.stderr


def test_init_in_a_folder_with_a_register_adds_no_second_organisation(tmp_path: Path) -> None:
    registers = tmp_path / "registers" / "team"
    registers.mkdir(parents=True)
    mine = registers / "register.yaml"
    mine.write_text((REPO / "registers" / "micrec.yaml").read_text("utf-8"), encoding="utf-8")
    # Interactive: no questions are asked, since no register is written.
    result = CliRunner().invoke(app, ["init", str(tmp_path)], input="")
    assert result.exit_code == 0, result.output
    assert "Organisation's legal name" not in result.output
    assert f"kept {mine} (a register exists: ropa init adds no second organisation)" in (
        result.output
    )
    assert sorted(p.name for p in (tmp_path / "registers").rglob("*.yaml")) == ["register.yaml"]
    assert (tmp_path / "schemas" / "ropa.schema.json").is_file()
    assert (tmp_path / ".pre-commit-config.yaml").read_text("utf-8") == PRE_COMMIT_CONFIG
    process = run_ropa("init", "--no-input", "--name", "SIA Cits", cwd=tmp_path)
    assert process.returncode == 0
    assert not (tmp_path / "registers" / "sia-cits.yaml").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--name", "X", "--role", "boss"], "`boss` is not a role"),
        (["--name", "X", "--employees", "many"], "`many` is not a number of employees"),
        (["--name", "X", "--country", "lv"], "`lv` is not an ISO 3166-1 alpha-2 country code"),
        (["--name", "  "], "the organisation's name must not be empty"),
        ([], "--no-input needs --name"),
    ],
)
def test_bad_answers_are_refused_before_anything_is_written(
    tmp_path: Path, options: list[str], message: str
) -> None:
    result = invoke("init", str(tmp_path), "--no-input", *options)
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('SIA "Piemērs"', "sia-piemers"),
        ("Izdevniecība MicRec", "izdevnieciba-micrec"),
        ("ŽŪŅĢĒĻČ", "zungelc"),
        ("!!!", "register"),
    ],
)
def test_file_names_from_organisation_names(name: str, expected: str) -> None:
    assert slug(name) == expected
