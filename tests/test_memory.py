"""Memory is a feature at 50,000 activities: what a validated register keeps per activity.

Measured with tracemalloc in this process (deterministic for a given Python and pydantic,
unlike resident memory), on a register whose activities repeat keys and short values, as
real registers do. The bound sits between what ropa used before the memory work (about
8.9 KB per activity on this shape, and 42 KB while the reader allocated a buffer of the
whole size limit) and after it (about 5.7 KB): a change that copies every key again, or
gives every model its own set of written fields again, crosses it.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

import ropa.validate
import ropa.yamlio
from ropa.model.types import LocalizedText
from ropa.position import Position
from ropa.validate import position_of, validate_paths
from ropa.yamlio import parse_fast, parse_file
from tests.conftest import FIXTURES
from tests.test_hostile_generated import VALID

ACTIVITIES = 2_000
# A valid register of one activity, to which the activities below are added.
HEADER = VALID


@pytest.fixture(autouse=True)
def _libyaml_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests hold the libyaml loader's memory design (the one that reads the largest
    registers). The rapidyaml engine of the `fast` extra, used for mid-sized files, keeps
    the plain data on purpose: its source map finds positions by reading it, lazily."""
    monkeypatch.setenv("ROPA_YAML_ENGINE", "libyaml")


def test_the_rapidyaml_map_keeps_the_data_and_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the rapidyaml engine the activities are validated as a whole (its map reads
    the plain data), and positions are right at the end of a mid-sized file."""
    from ropa import yamlrapid

    if not yamlrapid.AVAILABLE:  # pragma: no cover - CI installs the `fast` extra
        pytest.skip("rapidyaml is not installed (pip install -e '.[fast]')")
    monkeypatch.delenv("ROPA_YAML_ENGINE")
    path = write_register(tmp_path)
    document = parse_file(path, display="r.yaml")
    assert document.source_map is not None
    assert document.source_map.reads_data
    (register,) = validate_paths([str(path)]).registers
    last = register.activities[-1]
    line = 8 + 9 * (ACTIVITIES - 1) + 1
    assert position_of(register, last.at("id")).best == Position(line, 5)
    assert position_of(register, last.at("retention", "period")).value == Position(line + 7, 25)


def activity(index: int) -> str:
    return (
        f"  - id: a{index}\n"
        f"    name: {{lv: Darbība {index}, en: Activity {index}}}\n"
        f"    department: Pārdošana\n"
        f"    purposes:\n"
        f"      - purpose: Pakalpojuma sniegšana\n"
        f"        legal_basis: {{basis: contract}}\n"
        f"    data_subjects: [customers, website visitors]\n"
        f"    retention: {{period: P3Y, from: līguma beigas}}\n"
        f"    transfers: none\n"
    )


def write_register(directory: Path) -> Path:
    path = directory / "r.yaml"
    text = HEADER + "".join(activity(index) for index in range(ACTIVITIES))
    path.write_text(text, encoding="utf-8")
    return path


def test_a_validated_register_keeps_little_per_activity(tmp_path: Path) -> None:
    path = write_register(tmp_path)
    # Imports and pydantic's validators are built on first use: pay for them first.
    (tmp_path / "small").mkdir()
    (tmp_path / "small" / "r.yaml").write_text(HEADER, encoding="utf-8")
    assert validate_paths([str(tmp_path / "small" / "r.yaml")]).ok
    gc.collect()
    tracemalloc.start()
    try:
        result = validate_paths([str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok, result.findings[:3]
    assert len(result.registers[0].activities) == ACTIVITIES + 1
    assert peak / ACTIVITIES < 7_500, f"{peak / ACTIVITIES:.0f} bytes per activity"


def test_keys_and_short_values_are_one_string_each() -> None:
    data = parse_fast(HEADER + activity(1) + activity(2), "r.yaml").data
    _, first, second = data["activities"]
    assert all(a is b for a, b in zip(first, second, strict=True))
    assert first["department"] is second["department"]
    assert first["data_subjects"][1] is second["data_subjects"][1]
    # Each is still its own value: the ids differ, and Latvian letters survive.
    assert (first["id"], second["id"]) == ("a1", "a2")
    assert first["department"] == "Pārdošana"


def test_models_share_their_set_of_written_fields(tmp_path: Path) -> None:
    path = write_register(tmp_path)
    (register,) = validate_paths([str(path)]).registers
    first, second = register.activities[1:3]
    assert first.model_fields_set is second.model_fields_set
    assert "retention" in first.model_fields_set
    assert "last_review" not in first.model_fields_set
    # What pydantic reads the set for still works.
    names = [activity.name for activity in register.activities[1:3]]
    assert isinstance(names[0], LocalizedText)
    assert isinstance(names[1], LocalizedText)
    assert names[0].model_fields_set is names[1].model_fields_set
    assert names[0].model_dump(exclude_unset=True) == {"lv": "Darbība 0", "en": "Activity 0"}


def test_positions_survive_the_flat_source_map(tmp_path: Path) -> None:
    path = write_register(tmp_path)
    (register,) = validate_paths([str(path)]).registers
    last = register.activities[-1]
    line = 8 + 9 * (ACTIVITIES - 1) + 1  # the header's lines, then nine per activity
    assert position_of(register, last.at("id")).best == Position(line, 5)
    assert position_of(register, last.at("data_subjects", 1)).best == Position(line + 6, 32)
    assert position_of(register, last.at("retention", "period")).value == Position(line + 7, 25)


def test_assigning_a_field_leaves_the_other_instances_as_they_were(tmp_path: Path) -> None:
    path = write_register(tmp_path)
    (register,) = validate_paths([str(path)]).registers
    first, second = register.activities[1:3]
    first.description = "Jauns apraksts"
    assert "description" in first.model_fields_set
    assert "description" not in second.model_fields_set
    assert first.model_fields_set is not second.model_fields_set
    assert second.model_fields_set is register.activities[3].model_fields_set


# --------------------------------------------------------------------------- what is let go
#
# At 50,000 activities a register's plain data (the dicts and lists the loader builds) is
# a third of the memory: it must not outlive validation, and the source map, which places
# every finding, must not be what keeps it.

WRITTEN_KEYS = {"id", "name", "department", "purposes", "data_subjects", "retention", "transfers"}


def plain_activities() -> int:
    """Live dicts holding exactly the keys an activity of `activity()` writes: the
    loader's plain activities (a model's own dict holds every field of the model)."""
    gc.collect()
    return sum(1 for item in gc.get_objects() if type(item) is dict and item.keys() == WRITTEN_KEYS)


def test_no_plain_activity_outlives_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ropa.validate, "ONE_AT_A_TIME", 10**9)  # the file validated whole
    path = write_register(tmp_path)
    document = parse_file(path, display=path.name)
    assert plain_activities() >= ACTIVITIES  # the control: the count sees them
    del document
    assert plain_activities() == 0
    result = validate_paths([str(path)])
    assert result.ok, result.findings[:3]
    assert len(result.registers[0].activities) == ACTIVITIES + 1
    assert plain_activities() == 0


def test_no_plain_activity_outlives_one_at_a_time_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ropa.validate, "ONE_AT_A_TIME", 10)
    path = write_register(tmp_path)
    result = validate_paths([str(path)])
    assert result.ok, result.findings[:3]
    assert plain_activities() == 0
    last = result.registers[0].activities[-1]
    line = 8 + 9 * (ACTIVITIES - 1) + 1
    assert position_of(result.registers[0], last.at("id")).best == Position(line, 5)


def test_the_source_map_does_not_hold_the_data() -> None:
    document = parse_fast(HEADER + activity(1) + activity(2), "r.yaml")
    assert document.source_map is not None
    data = document.data
    containers = [data, data["activities"], *data["activities"]]
    holders = {id(item) for container in containers for item in gc.get_referrers(container)}
    assert id(document.source_map) not in holders
    # Yet it places everything, the data gone.
    source_map = document.source_map
    del document, data, containers
    assert source_map.locate(("activities", 2, "retention", "period")).value == Position(25, 25)
    assert source_map.holds_container(("activities", 2, "retention"))
    assert not source_map.holds_container(("activities", 2, "retention", "period"))
    assert not source_map.holds_container(("activities", 9))


def test_a_large_file_validated_one_activity_at_a_time_reports_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The findings of the invalid corpus, whole or one activity at a time: identical."""
    cases = sorted((FIXTURES / "invalid").glob("*.yaml"))
    assert len(cases) > 20
    whole = [_findings(case) for case in cases]
    monkeypatch.setattr(ropa.validate, "ONE_AT_A_TIME", 0)
    assert [_findings(case) for case in cases] == whole
    # Cases with invalid activities are among them.
    assert any(any(path[:1] == ("activities",) for _c, path, *_ in found) for found in whole)


def _findings(case: Path) -> list[tuple[str, tuple[str | int, ...], object, str, str | None]]:
    result = validate_paths([str(case)])
    return [(f.code, f.path, f.position, f.message, f.hint) for f in result.findings]


def test_a_clean_file_is_parsed_from_its_bytes_to_the_same_data(tmp_path: Path) -> None:
    path = write_register(tmp_path)
    text = path.read_text(encoding="utf-8")
    from_bytes = parse_file(path, display="r.yaml")
    from_text, _spans = ropa.yamlio._build(text, "r.yaml", use_c=True)
    assert from_bytes.data == from_text.data
    assert from_bytes.source_map is not None
    assert from_text.source_map is not None
    assert list(from_bytes.source_map.walk()) == list(from_text.source_map.walk())


def test_a_file_with_a_problem_read_from_bytes_says_what_the_text_path_says(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(HEADER + activity(1) + "    department: Pārdošana\n  - [\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert parse_file(path, display="r.yaml").problems == parse_fast(text, "r.yaml").problems
    assert parse_fast(text, "r.yaml").problems


def test_the_workbooks_register_json_is_the_whole_dump(tmp_path: Path) -> None:
    """Made an entity at a time, it is the text one dump of the whole register gives."""
    import json

    from ropa.exporters.json import embedded_json, register_content
    from ropa.model import FORMAT_VERSION

    path = write_register(tmp_path)
    (register,) = validate_paths([str(path)]).registers
    whole = json.dumps(
        {"format_version": FORMAT_VERSION, **register_content(register)},
        ensure_ascii=True,
        separators=(",", ":"),
    )
    assert embedded_json(register) == whole
    assert "Darb\\u012bba 1999" in whole  # Latvian letters, escaped as before


def test_a_file_read_from_bytes_is_still_checked_for_invalid_yaml(tmp_path: Path) -> None:
    """Invalid YAML libyaml reads (a flow line not indented past its key, issue 17) is
    refused on the bytes path too: the text is kept for ropa.yamlcheck where it looks."""
    path = tmp_path / "r.yaml"
    path.write_text(HEADER + activity(1) + "    notes: [a,\n    b]\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    from_text = parse_fast(text, "r.yaml")
    from_bytes = parse_file(path, display="r.yaml")
    assert [p.code for p in from_text.problems] == ["YM01"]
    assert from_bytes.problems == from_text.problems


def test_no_caller_keeps_the_text_the_bytes_path_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text of a clean file is freed while libyaml reads its bytes: no frame between
    `parse_file` and the libyaml path holds it (a caller's reference kept 113 MiB alive at
    50,000 activities once the engine choice was put in front of that path)."""
    import weakref

    import ropa.yamlio

    path = write_register(tmp_path)
    seen: list[weakref.ref[object]] = []
    original = ropa.yamlio._build_encoded

    class Text(str):
        """A str that can be watched with a weak reference."""

    def watching(encoded: list[bytes], file: str) -> object:
        return original(encoded, file)

    def read(path: Path, *, display: str, max_bytes: int) -> str:
        text = Text(path.read_text(encoding="utf-8"))
        seen.append(weakref.ref(text))
        return text

    def build(encoded: list[bytes], file: str) -> object:
        assert seen
        assert seen[0]() is None, "the text is still alive during the parse"
        return watching(encoded, file)

    monkeypatch.setattr(ropa.yamlio, "read_source", read)
    monkeypatch.setattr(ropa.yamlio, "_build_encoded", build)
    document = parse_file(path, display="r.yaml")
    assert document.data is not None
    assert not document.problems
