"""The register file's validator kept between runs (`ropa.model.cache`): the same
validation as pydantic builds, used only while ropa's sources and versions are the same."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import SchemaValidator

from ropa import cache as kept
from ropa.config import Settings
from ropa.model import cache
from ropa.model.document import RegisterFile
from ropa.yamlio import parse_fast
from tests.conftest import FIXTURES, SEED_REGISTERS, run_ropa

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _data(path: Path) -> Any:
    try:
        return parse_fast(path.read_text(encoding="utf-8"), path.name).data
    except Exception:  # a fixture that is not even YAML: nothing to validate
        return None


def _stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SchemaValidator:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    path = cache.cache_file(RegisterFile)
    assert path is not None
    RegisterFile.model_rebuild(force=True)  # built by pydantic, whatever ran before
    cache._store(RegisterFile, path, cache._key(RegisterFile))
    loaded = cache._load(path, cache._key(RegisterFile))
    assert loaded is not None
    return SchemaValidator(*loaded)


def _outcome(validate: Any, data: Any) -> Any:
    try:
        return validate(data)  # compared field by field (pydantic's __eq__)
    except ValidationError as error:
        return [(e["type"], e["loc"], e["msg"], e.get("ctx")) for e in error.errors()]


def test_the_stored_validator_validates_as_pydantic_builds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _stored(tmp_path, monkeypatch)
    valid = invalid = 0
    for path in [*SEED_REGISTERS, *sorted((FIXTURES / "valid").glob("*.yaml")), *INVALID]:
        data = _data(path)
        if not isinstance(data, dict):
            continue
        built = _outcome(RegisterFile.model_validate, data)
        assert _outcome(stored.validate_python, data) == built, path.name
        valid, invalid = (
            (valid + 1, invalid) if isinstance(built, RegisterFile) else (valid, invalid + 1)
        )
    assert valid > 5
    assert invalid > 10


def test_a_stored_validator_of_other_sources_or_a_broken_file_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stored(tmp_path, monkeypatch)
    path = cache.cache_file(RegisterFile)
    assert path is not None
    assert cache._load(path, "another key") is None
    path.write_bytes(b"not a pickle")
    assert cache._load(path, cache._key(RegisterFile)) is None
    path.write_bytes(pickle.dumps(["a list", "of the wrong", "shape", "entirely"]))
    assert cache._load(path, cache._key(RegisterFile)) is None


def test_a_changed_source_file_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Path(cache.__file__)
    # The sources are looked at once a process (`ropa.cache.sources_key`): look again,
    # here and after each change.
    kept._sources_key.cache_clear()
    before = cache._key(RegisterFile)
    status = source.stat()
    try:
        os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        kept._sources_key.cache_clear()
        assert cache._key(RegisterFile) != before
    finally:
        os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
        kept._sources_key.cache_clear()
    assert cache._key(RegisterFile) == before


def test_the_command_writes_the_validator_once_and_then_reads_it(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    arguments = ("validate", str(FIXTURES / "invalid"), "--format", "json")
    first = run_ropa(*arguments, env={"ROPA_CACHE_DIR": str(directory)})
    stored = directory / kept.file_name("RegisterFile.validator")
    assert stored.is_file()
    written = stored.stat().st_mtime_ns
    second = run_ropa(*arguments, env={"ROPA_CACHE_DIR": str(directory)})
    # Read, not built again: a validator built again would be written again.
    assert stored.stat().st_mtime_ns == written
    without = run_ropa(*arguments, env={"ROPA_NO_CACHE": "1", "ROPA_CACHE_DIR": ""})
    assert first.returncode == second.returncode == without.returncode != 0
    assert first.stdout == second.stdout == without.stdout
    assert '"code": "SC' in first.stdout  # the validator's own findings among them


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    register = SEED_REGISTERS[0]
    result = run_ropa("validate", str(register), env={"ROPA_CACHE_DIR": str(blocked)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert blocked.read_text(encoding="utf-8") == "not a directory"


SETTINGS_TABLES: list[dict[str, Any]] = [
    {},
    {"select": ["ALL"], "ignore": ["GV01", "RT"], "review-interval": "P6M"},
    {"per-file-ignores": {"legacy/*.yaml": ["AC"]}, "severity": {"RT02": "info"}},
    {"employee-threshold": 10, "digital-consent-age": 16, "fail-on": "warning"},
    {"ignore": ["G1"]},
    {"severity": {"RT": "loud"}},
    {"review-interval": "six months"},
    {"digital-consent-age": 12},
    {"unknown-key": True},
]


def test_the_stored_settings_validator_validates_as_pydantic_builds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    path = cache.cache_file(Settings)
    assert path is not None
    Settings.model_rebuild(force=True)
    cache._store(Settings, path, cache._key(Settings))
    loaded = cache._load(path, cache._key(Settings))
    assert loaded is not None
    stored = SchemaValidator(*loaded)
    outcomes = []
    for table in SETTINGS_TABLES:
        built = _outcome(Settings.model_validate, table)
        assert _outcome(stored.validate_python, table) == built, table
        outcomes.append(isinstance(built, Settings))
    assert outcomes.count(True) == 4
