"""`next_review` (a planned review date) through the real parts: validate, fmt, export, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa.fmt import format_text
from tests.conftest import invoke, run_ropa

REGISTER = """\
ropa: 1
organisation:
  name: Piemēru dienests
  country: LV
  contact: {email: info@dienests.example.lv}
  role: controller_and_processor
activities:
  - id: izsaukumi
    name: Izsaukumu apstrāde
    owner: Operatīvās vadības daļa
    # "Pārskatīts 2025. gada 6. martā; nākamā pārskatīšana 2027. gada 6. martā"
    last_review: 2025-03-06
    next_review: 2027-03-06
  - id: apmacibas
    name: Apmācības
    last_review: 2024-02-01
    next_review: 2025-02-01
  - id: arhivs
    name: Arhīvs
    last_review: 2024-02-01
  - id: vecais
    name: Vecais plāns
    last_review: 2024-03-01
    next_review: 2024-03-01
controllers:
  - id: novads
    name: Piemēru novada pašvaldība
    processing: [Zvanu apstrāde]
    last_review: 2024-01-15
    next_review: 2025-01-15
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def test_a_planned_review_date_is_valid_in_a_real_process(register: Path) -> None:
    result = run_ropa("validate", str(register))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_planned_review_that_is_not_a_date_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER.replace("next_review: 2027-03-06", "next_review: soon"), "utf-8")
    result = run_ropa("validate", str(path))
    assert result.returncode == 1  # a register with an error, as for every invalid value
    line = REGISTER.splitlines().index("    next_review: 2027-03-06") + 1
    assert f"register.yaml:{line}:18: SC05" in result.stdout + result.stderr
    assert "next_review" in result.stdout + result.stderr


def test_fmt_puts_next_review_after_last_review_and_keeps_comments() -> None:
    shuffled = REGISTER.replace(
        "    last_review: 2025-03-06\n    next_review: 2027-03-06\n",
        "    next_review: 2027-03-06  # pārskatīšanas datums\n    last_review: 2025-03-06\n",
    )
    formatted = format_text(shuffled)
    # Each comment stays with the line it was written above or beside.
    assert (
        "    last_review: 2025-03-06\n"
        '    # "Pārskatīts 2025. gada 6. martā; nākamā pārskatīšana 2027. gada 6. martā"\n'
        "    next_review: 2027-03-06  # pārskatīšanas datums\n"
    ) in formatted
    assert format_text(REGISTER) == REGISTER


def test_every_exporter_shows_the_planned_review(register: Path, tmp_path: Path) -> None:
    import openpyxl

    csv_out = invoke("export", str(register), "--format", "csv", "--lang", "en").stdout
    markdown = invoke("export", str(register), "--format", "markdown", "--lang", "lv").stdout
    assert "Next review" in csv_out
    assert "Nākamā pārskatīšana" in markdown
    for text in (csv_out, markdown):
        assert "2027-03-06" in text
    assert "2025-01-15" in markdown  # the controller served's
    document = json.loads(invoke("export", str(register), "--format", "json").stdout)
    assert document["activities"][0]["next_review"] == "2027-03-06"
    assert document["controllers"][0]["next_review"] == "2025-01-15"
    out = tmp_path / "ropa.xlsx"
    assert invoke("export", str(register), "-o", str(out)).returncode == 0
    cells = [
        str(cell.value)
        for sheet in openpyxl.load_workbook(out, read_only=True).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert any("2027-03-06" in cell for cell in cells)
    assert any("Nākamā pārskatīšana" in cell for cell in cells)


def test_gv02_follows_the_planned_review_instead_of_the_interval(register: Path) -> None:
    result = invoke("check", str(register), "--format", "json", "--today", "2026-06-01")
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "GV02"]
    messages = " ".join(f["message"] for f in findings)
    # Reviewed 15 months ago, but its own next review is not due until 2027: quiet.
    assert "`izsaukumi`" not in messages
    # A planned review that has passed, for an activity and a controller served.
    assert "`apmacibas` was due for its planned review on 2025-02-01" in messages
    assert "`novads` was due for its planned review on 2025-01-15" in messages
    # No planned review: the interval, as before.
    assert "`arhivs` was last reviewed on 2024-02-01" in messages
    # A planned date that the last review met: the interval again.
    assert "`vecais` was last reviewed on 2024-03-01" in messages
    lines = {f["line"] for f in findings if "planned review" in f["message"]}
    assert lines == {
        REGISTER.splitlines().index("    next_review: 2025-02-01") + 1,
        REGISTER.splitlines().index("    next_review: 2025-01-15") + 1,
    }
