"""Text XML cannot hold never reaches the workbook's XML: cells, sheet names, properties.

Found by an outside campaign: an organisation name with a NUL and an ESC validated and
exported with exit 0, and the raw NUL in docProps/core.xml made a workbook nothing could
open. Each case is checked by opening the file: openpyxl reads it back, every XML part
parses, and LibreOffice converts it where LibreOffice is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ropa.exporters.xlsx import xml_text
from tests.conftest import run_ropa

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

REGISTER = """\
ropa: 1
organisation:
  name: "SIA \\0 Piemērs\\x1b"
  country: LV
  role: controller
  contact: {email: "privatums@piemers.lv"}
activities:
  - id: orders
    name: {lv: "Pasūtījumi\\x07", en: "Orders\\x0b"}
    purposes:
      - purpose: "Piegāde\\x01"
        legal_basis: {basis: contract}
    data_subjects: [customers]
    personal_data: ["vārds\\x1f"]
    recipients: none
    transfers: none
    retention: {period: P3Y, from: delivery, reason: "Komerclikums\\x02"}
"""


def export(tmp_path: Path, text: str) -> Path:
    register = tmp_path / "register.yaml"
    register.write_text(text, encoding="utf-8")
    target = tmp_path / "register.xlsx"
    result = run_ropa("export", str(register), "--format", "xlsx", "-o", str(target))
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert target.exists(), result.stdout + result.stderr
    return target


def test_control_characters_in_the_organisation_name_leave_a_workbook_that_opens(
    tmp_path: Path,
) -> None:
    target = export(tmp_path, REGISTER)
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ET.fromstring(archive.read(name))  # every part is well-formed XML
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "\x00" not in core
    assert "\x1b" not in core
    assert "SIA \ufffd Piemērs\ufffd" in core  # Latvian letters kept, the controls marked
    workbook = openpyxl.load_workbook(target)
    assert workbook.properties.creator == "SIA \ufffd Piemērs\ufffd"
    texts = [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert any("Pasūtījumi\ufffd" in text for text in texts)
    assert not any(
        character in text for text in texts for character in "\x00\x01\x02\x07\x0b\x1b\x1f"
    )


@pytest.mark.slow
def test_libreoffice_opens_the_workbook_with_control_characters(tmp_path: Path) -> None:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    target = export(tmp_path, REGISTER)
    out = tmp_path / "out"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=600,  # a safety net: a conversion takes seconds
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    converted = (out / "register.csv").read_text(encoding="utf-8", errors="replace")
    assert "Piem" in converted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SIA Piemērs", "SIA Piemērs"),
        ("a\x00b", "a\ufffdb"),
        ("tab\tand\nline\rbreaks", "tab\tand\nline\rbreaks"),  # XML holds these
        ("\x1b[31m", "\ufffd[31m"),
        ("\ud800", "\ufffd"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
    ],
)
def test_xml_text_replaces_only_what_xml_cannot_hold(text: str, expected: str) -> None:
    assert xml_text(text) == expected
