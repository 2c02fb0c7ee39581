"""Which files make up which register."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.discovery import discover

ORG = "ropa: 1\norganisation: {name: SIA A, role: controller}\n"
PART = "ropa: 1\nactivities: []\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_each_file_in_a_plain_directory_is_a_register(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", ORG)
    write(tmp_path / "a.yml", ORG)
    write(tmp_path / "notes.txt", "not yaml")
    registers, problems = discover([str(tmp_path)])
    assert problems == []
    assert [register.root.name for register in registers] == ["a.yml", "b.yaml"]
    assert all(not register.split for register in registers)


def test_a_directory_with_register_yaml_is_one_register(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    write(root / "register.yaml", ORG)
    write(root / "hr.yaml", PART)
    write(root / "sales" / "orders.yaml", PART)
    write(root / ".hidden.yaml", PART)
    write(root / ".git" / "x.yaml", PART)
    write(tmp_path / "other.yaml", ORG)
    registers, _ = discover([str(tmp_path)])
    by_root = {register.root.name: register for register in registers}
    split = by_root["acme"]
    assert split.split
    assert [file.relative_to(root).as_posix() for file in split.files] == [
        "register.yaml",
        "hr.yaml",
        "sales/orders.yaml",
    ]
    assert split.root_file == root / "register.yaml"
    assert not by_root["other.yaml"].split


def test_a_part_file_brings_its_whole_register(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    write(root / "register.yaml", ORG)
    part = write(root / "sales" / "orders.yaml", PART)
    write(root / "hr.yaml", PART)
    registers, _ = discover([str(part), str(root / "hr.yaml")])
    assert len(registers) == 1
    assert len(registers[0].files) == 3


def test_the_search_for_a_register_stops_at_the_repository_top(tmp_path: Path) -> None:
    write(tmp_path / "register.yaml", ORG)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    part = write(repo / "registers" / "a.yaml", ORG)
    registers, _ = discover([str(part)])
    assert [register.root for register in registers] == [part]


def test_a_nested_split_register_is_its_own_register(tmp_path: Path) -> None:
    write(tmp_path / "outer" / "register.yaml", ORG)
    write(tmp_path / "outer" / "inner" / "register.yaml", ORG)
    registers, _ = discover([str(tmp_path)])
    roots = sorted(register.root.name for register in registers)
    assert roots == ["inner", "outer"]
    outer = next(register for register in registers if register.root.name == "outer")
    assert len(outer.files) == 1
    given_outer, _ = discover([str(tmp_path / "outer")])
    assert sorted(register.root.name for register in given_outer) == ["inner", "outer"]


@pytest.mark.parametrize("kind", ["missing", "empty-dir", "broken-link"])
def test_problems_with_paths_are_input_errors(tmp_path: Path, kind: str) -> None:
    if kind == "missing":
        target = tmp_path / "nope.yaml"
        code = "IN01"
    elif kind == "empty-dir":
        target = tmp_path / "empty"
        target.mkdir()
        code = "IN04"
    else:
        target = tmp_path / "link.yaml"
        target.symlink_to(tmp_path / "gone.yaml")
        code = "IN01"
    registers, problems = discover([str(target)])
    assert registers == []
    assert [problem.code for problem in problems] == [code]
    assert not problems[0].positioned


def test_directory_symlinks_are_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", ORG)
    (tmp_path / "loop").symlink_to(tmp_path)
    registers, _ = discover([str(tmp_path)])
    assert [register.root.name for register in registers] == ["a.yaml"]


def test_the_same_register_given_twice_is_validated_once(tmp_path: Path) -> None:
    file = write(tmp_path / "a.yaml", ORG)
    registers, _ = discover([str(file), str(tmp_path), str(file)])
    assert len(registers) == 1
