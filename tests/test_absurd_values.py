"""Absurd values get findings: impossible ones fail validation, unlikely ones are checks.

Found by an outside campaign: `last_review` in the future, retention `P0D` and
`P1000000Y` passed without a word, and `P1Y2M3DT4H5M6S` was called "not an ISO 8601
duration" (it is one; ropa takes no time part).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import invoke

REGISTER = """\
ropa: 1
organisation: {{name: SIA "Piemērs", role: controller}}
activities:
  - id: orders
    name: Pasūtījumi
    retention: {{period: {period}, from: delivery}}
"""


def write(tmp_path: Path, period: str) -> Path:
    target = tmp_path / "register.yaml"
    target.write_text(REGISTER.format(period=period), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "P1Y2M3DT4H5M6S",
            "`P1Y2M3DT4H5M6S` has a time part (`T4H5M6S`): ropa durations take years, "
            "months, weeks and days only; write P1Y2M3D",
        ),
        (
            "PT12H",
            "`PT12H` has a time part (`T12H`): ropa durations take years, months, weeks "
            "and days only; write it in days, such as P1D",
        ),
        (
            "P1000000Y",
            "`P1000000Y` is longer than any calendar runs (more than 9,999 years): no date "
            "of erasure can be worked out",
        ),
        (
            "P" + "9" * 5000 + "D",
            "is longer than any calendar runs (more than 9,999 years)",
        ),
        ("P120000M", "`P120000M` is longer than any calendar runs"),
        ("5 gadi", "is not an ISO 8601 duration: write P5Y"),
    ],
)
def test_an_impossible_period_fails_validation_with_what_to_write(
    tmp_path: Path, period: str, message: str
) -> None:
    result = invoke("validate", str(write(tmp_path, period)), "--format", "json")
    assert result.returncode == 1, result.stdout
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "SC04"
    assert message in finding["message"]
    assert (finding["line"], finding["column"]) == (6, 25)


@pytest.mark.parametrize("period", ["P9999Y", "P5Y", "P1Y6M", "P2W", "P30D"])
def test_possible_periods_are_valid(tmp_path: Path, period: str) -> None:
    result = invoke("validate", str(write(tmp_path, period)))
    assert result.returncode == 0, result.stdout


def test_a_period_of_nothing_is_a_check_warning(tmp_path: Path) -> None:
    target = write(tmp_path, "P0D")
    assert invoke("validate", str(target)).returncode == 0
    result = invoke("check", str(target), "--select", "RT05", "--format", "json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "RT05"
    assert finding["severity"] == "warning"
    assert "period of nothing (P0D)" in finding["message"]


def test_a_review_date_in_the_future_is_a_check_error(tmp_path: Path) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=2)  # a day's margin for midnight
    target = tmp_path / "register.yaml"
    target.write_text(
        REGISTER.format(period="P3Y") + f"    last_review: {tomorrow.isoformat()}\n",
        encoding="utf-8",
    )
    assert invoke("validate", str(target)).returncode == 0
    result = invoke("check", str(target), "--select", "GV03", "--format", "json")
    assert result.returncode == 1, result.stdout
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "GV03"
    assert finding["severity"] == "error"
    assert (
        f"last reviewed on {tomorrow.isoformat()}, a date that has not come yet"
        in (finding["message"])
    )
    assert (finding["line"], finding["column"]) == (7, 18)
