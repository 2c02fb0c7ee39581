"""`ropa init`: a valid register to fill in, the schema beside it, pre-commit hooks, and
never an overwritten file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ropa.cli import app
from ropa.scaffold import PRE_COMMIT_CONFIG, slug
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
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = invoke("init", str(tmp_path), "--no-input", "--name", "SIA X")
    assert result.returncode == 0
    assert "kept" in result.stdout
    assert "Add these hooks to your .pre-commit-config.yaml:" in result.stdout
    assert "id: ropa-fmt" in result.stdout
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    assert (tmp_path / "schemas" / "ropa.schema.json").read_text(encoding="utf-8") == "{}"


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
