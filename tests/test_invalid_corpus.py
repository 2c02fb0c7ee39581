"""Every invalid register under fixtures/invalid reports exactly its expected lines.

Each case `NAME.yaml` (or directory `NAME/`) has `NAME.expected`: the first line is
`# exit: N`, the rest is the text output of `ropa validate NAME` run in that directory.
The expected files were written by `ROPA_UPDATE_GOLDEN=1 pytest` and checked by hand,
line by line, against the fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, UPDATE_GOLDEN, invoke

INVALID = FIXTURES / "invalid"
CASES = sorted(
    path
    for path in INVALID.iterdir()
    if path.suffix == ".yaml" or (path.is_dir() and not path.name.startswith("."))
)


def _expected_path(case: Path) -> Path:
    return INVALID / f"{case.stem if case.is_file() else case.name}.expected"


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_invalid_register_reports_expected_lines(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    result = invoke("validate", case.name)
    actual = f"# exit: {result.returncode}\n{result.stdout}"
    expected_path = _expected_path(case)
    if UPDATE_GOLDEN:
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"no {expected_path.name}: run with ROPA_UPDATE_GOLDEN=1"
    assert actual == expected_path.read_text(encoding="utf-8")
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stdout + result.stderr


def test_every_expected_file_has_a_case() -> None:
    cases = {_expected_path(case) for case in CASES}
    assert set(INVALID.glob("*.expected")) == cases


def test_each_problem_line_names_file_line_and_column() -> None:
    for expected in INVALID.glob("*.expected"):
        lines = expected.read_text(encoding="utf-8").splitlines()[1:]
        problems = [line for line in lines[:-1] if not line.startswith(" ")]
        assert problems, expected.name
        for line in problems:
            location = line.split(": ", 1)[0]
            parts = location.rsplit(":", 2)
            assert len(parts) == 3, line
            assert parts[1].isdigit(), line
            assert parts[2].isdigit(), line
