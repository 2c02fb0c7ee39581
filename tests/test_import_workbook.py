"""`ropa import` of ropa's own workbook: export → import → export gives the same bytes,
for every example register, through the real CLI; the carried register is a standard
custom XML part that spreadsheet programs open without complaint."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ropa.ooxml import ITEM, ITEM_PROPS
from tests.conftest import FIXTURES, SEED_REGISTERS, invoke, run_ropa

REGISTERS = [*SEED_REGISTERS, FIXTURES / "valid" / "full-example.yaml"]


@pytest.mark.parametrize("register", REGISTERS, ids=lambda path: path.stem)
@pytest.mark.parametrize("language", ["lv+en", "lv"])
def test_export_import_export_gives_the_same_bytes(
    register: Path, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both exports from a directory outside any repository, of a file of the same name,
    # so the register version and file names shown are the same.
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    shutil.copy(register, first_dir / register.name)
    monkeypatch.chdir(first_dir)
    first = tmp_path / "first.xlsx"
    args = ["--date", "2026-12-01", "--lang", language]
    assert invoke("export", register.name, "-o", str(first), *args).returncode == 0
    monkeypatch.chdir(second_dir)
    done = invoke("import", str(first), "-o", register.name)
    assert done.returncode == 0, done.stderr
    assert invoke("validate", register.name).returncode == 0
    assert invoke("fmt", "--check", register.name).returncode == 0
    second = tmp_path / "second.xlsx"
    assert invoke("export", register.name, "-o", str(second), *args).returncode == 0
    assert second.read_bytes() == first.read_bytes()


def test_the_import_says_where_the_register_came_from(tmp_path: Path) -> None:
    workbook = tmp_path / "micrec.xlsx"
    assert invoke("export", "registers/micrec.yaml", "-o", str(workbook)).returncode == 0
    done = run_ropa("import", str(workbook))
    assert done.returncode == 0
    assert "ropa workbook, the register it carries" in done.stderr
    assert "# Imported by `ropa import` from" in done.stdout
    assert "cells edited in the workbook after its export are not read" in done.stdout
    assert "Izdevniecība MicRec" in done.stdout


def test_the_carried_register_is_a_declared_custom_xml_part(tmp_path: Path) -> None:
    workbook = tmp_path / "micrec.xlsx"
    assert invoke("export", "registers/micrec.yaml", "-o", str(workbook)).returncode == 0
    with zipfile.ZipFile(workbook) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        relationships = archive.read("xl/_rels/workbook.xml.rels").decode()
        item = archive.read(ITEM)
    assert {ITEM, ITEM_PROPS, "customXml/_rels/item1.xml.rels"} <= set(names)
    assert f'PartName="/{ITEM_PROPS}"' in types
    assert 'Target="../customXml/item1.xml"' in relationships
    # ASCII only, no path of the machine that exported it.
    assert item.isascii()
    assert b"registers/micrec.yaml" not in item
    assert str(Path.cwd()).encode() not in item


def test_a_workbook_without_the_part_is_read_as_a_table(tmp_path: Path) -> None:
    workbook = tmp_path / "micrec.xlsx"
    assert invoke("export", "registers/micrec.yaml", "-o", str(workbook)).returncode == 0
    stripped = tmp_path / "stripped.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(stripped, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("customXml/"):
                target.writestr(info, source.read(info))
    done = run_ropa("import", str(stripped))
    assert done.returncode == 0, done.stderr
    assert "spreadsheet, sheet" in done.stderr
    assert "ropa workbook" not in done.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook_with_its_part(tmp_path: Path) -> None:
    workbook = tmp_path / "micrec.xlsx"
    assert invoke("export", "registers/micrec.yaml", "-o", str(workbook)).returncode == 0
    converted = subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(workbook)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert converted.returncode == 0
    assert (tmp_path / "micrec.csv").stat().st_size > 0
