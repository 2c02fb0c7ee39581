"""A real spreadsheet program opens the workbook: LibreOffice converts it to CSV and PDF.

LibreOffice is installed by `.ci/run`. Where it is missing the test is skipped with the
reason, except in CI (the `CI` environment variable is set), where it fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.exporters.table import build_document
from ropa.exporters.xlsx import write_xlsx
from ropa.validate import validate_paths
from tests.conftest import REGISTERS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def need(tool: str | None, name: str) -> str:
    if tool is None:
        reason = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run this test")
        pytest.skip(reason)
    return tool


def convert(soffice: str, source: Path, target: str, out: Path, profile: Path) -> None:
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_libreoffice_reads_every_sheet_and_prints_it(tmp_path: Path) -> None:
    soffice = need(SOFFICE, "LibreOffice (soffice)")
    pdftotext = need(PDFTOTEXT, "pdftotext (poppler-utils)")
    (register,) = validate_paths([str(REGISTERS / "kilowats.yaml")]).registers
    document = build_document(register, language="lv+en", export_date=dt.date(2024, 5, 31))
    workbook = tmp_path / "kilowats.xlsx"
    write_xlsx(document, workbook)
    profile = tmp_path / "profile"

    # Every sheet to its own CSV (filter option 12 = -1: all sheets), UTF-8 (76).
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    convert(soffice, workbook, csv_filter, tmp_path / "csv", profile)
    for sheet in document.sheets:
        exported = tmp_path / "csv" / f"kilowats-{sheet.name}.csv"
        assert exported.exists(), sorted(p.name for p in (tmp_path / "csv").iterdir())
        with exported.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        expected: list[list[str | None]] = [[c.heading for c in sheet.columns], *sheet.rows()]
        assert len(rows) == len(expected), sheet.key
        for got, want in zip(rows, expected, strict=True):
            assert got[: len(want)] == [value or "" for value in want], sheet.key
    cover = (tmp_path / "csv" / f"kilowats-{document.cover_name}.csv").read_text("utf-8")
    assert "SIA KILOWATS Latvija" in cover
    assert "Apstrādes darbību reģistrs" in cover

    convert(soffice, workbook, "pdf", tmp_path / "pdf", profile)
    pdf = tmp_path / "pdf" / "kilowats.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected_text in (
        "SIA KILOWATS Latvija",
        "Apstrādes darbības – Activities",  # the footer names each sheet
        "apstrādes nolūki",
        "Pasūtījumu apstrāde",
        "Nosūtīšana – Transfers",
        "Reģistrs – Register",
        "nav zināms / unknown",
        "Saņēmēji – Recipients",
    ):
        assert expected_text in text, expected_text
