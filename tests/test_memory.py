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

from ropa.model.types import LocalizedText
from ropa.position import Position
from ropa.validate import position_of, validate_paths
from ropa.yamlio import parse_fast
from tests.test_hostile_generated import VALID

ACTIVITIES = 2_000
# A valid register of one activity, to which the activities below are added.
HEADER = VALID


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
