"""The published JSON Schema: committed copy current, valid, and describing the format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from ropa.schema import allowed_keys, allowed_words, register_file_schema, schema_text
from tests.conftest import FIXTURES, REPO, SEED_REGISTERS, invoke

COMMITTED = REPO / "schemas" / "ropa.schema.json"


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/ropa.schema.json is out of date: run `ropa schema -o schemas/ropa.schema.json`"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(register_file_schema())


def test_ropa_schema_prints_the_committed_file() -> None:
    result = invoke("schema")
    assert result.returncode == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")


def test_every_property_has_a_description_for_editors() -> None:
    schema = register_file_schema()
    missing = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert missing == []


def test_descriptions_name_the_articles() -> None:
    activity = register_file_schema()["$defs"]["Activity"]["properties"]
    assert "Art. 30(1)(b)" in activity["purposes"]["description"]
    assert "Art. 30(1)(e)" in activity["transfers"]["description"]


def test_navigation_lists_allowed_keys_and_words() -> None:
    data = {
        "ropa": 1,
        "activities": [{"id": "a", "purposes": [{"legal_basis": {"basis": "consent"}}]}],
    }
    keys = allowed_keys(("activities", 0, "purposes", 0, "legal_basis"), data)
    assert "withdrawal" in keys
    assert "assessment" not in keys
    assert "transfers" in allowed_keys(("activities", 0), data)
    words = allowed_words(("activities", 0, "transfers"), {"activities": [{"transfers": "x"}]})
    assert set(words) == {"none", "unknown"}


VALID = sorted((FIXTURES / "valid").glob("*.yaml")) + SEED_REGISTERS


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.name)
def test_check_jsonschema_accepts_valid_registers(path: Path) -> None:
    """The published schema really describes the format: a generic tool accepts it."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(COMMITTED), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "name", ["unknown-keys.yaml", "wrong-types.yaml", "bad-values.yaml", "countries.yaml"]
)
def test_check_jsonschema_rejects_what_ropa_rejects(name: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(COMMITTED),
            str(FIXTURES / "invalid" / name),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout


def test_schema_is_plain_json_with_latvian_letters_unescaped() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    json.loads(text)
    assert "\\u0101" not in text  # ā
