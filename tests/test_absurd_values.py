"""Absurd values get findings: impossible ones are check errors, unlikely ones warnings.

They are checks, not validation errors, so that a file valid in format version 1 stays
valid (docs/format.md, versions); a review date in the future depends on the day, too.

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
            "P" + "9" * 5000 + "D",
            "holds a number of more than 4000 digits, longer than any period",
        ),
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


@pytest.mark.parametrize(
    "period", ["P9999Y", "P5Y", "P1Y6M", "P2W", "P30D", "P0D", "P1000000Y", "P120000M"]
)
def test_possible_periods_are_valid(tmp_path: Path, period: str) -> None:
    result = invoke("validate", str(write(tmp_path, period)))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("period", ["P1000000Y", "P120000M", "P10000Y", "P3660000D"])
def test_a_period_longer_than_any_calendar_is_a_check_error(tmp_path: Path, period: str) -> None:
    """Impossible, but valid in format version 1 (a valid file stays valid): an error of
    `ropa check`, which fails on it by default."""
    target = write(tmp_path, period)
    result = invoke("check", str(target), "--select", "RT06", "--format", "json")
    assert result.returncode == 1, result.stdout
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "RT06"
    assert finding["severity"] == "error"
    assert (
        f"({period}) is longer than any calendar runs (more than 9,999 years)"
        in (finding["message"])
    )
    assert (finding["line"], finding["column"]) == (6, 25)


@pytest.mark.parametrize("period", ["P9999Y", "P119988M", "P5Y"])
def test_a_period_within_the_calendar_is_no_rt06(tmp_path: Path, period: str) -> None:
    result = invoke("check", str(write(tmp_path, period)), "--select", "RT06")
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
