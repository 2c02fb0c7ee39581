"""GV04: a Latvian personas kods written into a register, found in values and comments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ropa import engine
from ropa.knowledge import personal_code
from ropa.knowledge.personal_code import check_digit, personal_codes
from tests.conftest import REGISTERS, invoke, run_ropa

# Made-up codes: a valid date and check digit (old form), and the new form's `32` prefix.
OLD = "150385-11239"
NEW = "321234-56789"


def _register(tmp_path: Path, extra_comment: str = "", value: str = "personas kods") -> Path:
    """The website example register with a comment above `activities:` and a data value."""
    text = (REGISTERS / "website.yaml").read_text(encoding="utf-8")
    head, tail = text.split("\nactivities:", 1)
    text = f"{head}\n{extra_comment}\nactivities:{tail}"
    text = text.replace("    personal_data:\n", f"    personal_data:\n      - {value}\n", 1)
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _gv04(path: Path, *extra: str) -> list[dict[str, object]]:
    result = invoke("check", str(path), "--format", "json", *extra)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "GV04"]


def test_the_check_digit_is_python_stdnums() -> None:
    # python-stdnum's own example of a valid personal code (stdnum/lv/pvn.py).
    assert check_digit("1611751999") == 7


def test_blocks_of_lines_are_searched_as_the_whole_text_is() -> None:
    """A text given in blocks of whole lines: codes on the first and last lines of
    blocks, in the last block without a final line break, at a line's end before a line
    that starts with digits, and blocks with hyphens (and ids like `act-00001`) but no
    code, are found at the line and column the whole text gives."""
    size = 1024
    lines = [f"  - item-{index:05d} e-pasta" for index in range(3 * size + 5)]
    for at in (0, size - 1, size, size + 1, 2 * size - 1, 3 * size + 4):
        lines[at] = f"  # {NEW} and {OLD}"
    lines[2 * size + 7] = f"x: {OLD}"
    lines[2 * size + 8] = "12345 more"
    text = "\n".join(lines)
    blocks = [
        "".join(f"{line}\n" for line in lines[at : at + size]) for at in range(0, len(lines), size)
    ]
    blocks[-1] = blocks[-1].removesuffix("\n")
    assert "".join(blocks) == text
    found = list(personal_code.personal_codes_in_blocks(blocks))
    assert found == list(personal_code._codes_in(lines, 0)) == list(personal_codes(text))
    assert [(code.line, code.column) for code in found] == [
        (line, column)
        for at in (0, size - 1, size, size + 1)
        for line, column in ((at + 1, 5), (at + 1, 22))
    ] + [(2 * size - 1 + 1, 5), (2 * size - 1 + 1, 22), (2 * size + 8, 4)] + [
        (line, column) for at in (3 * size + 4,) for line, column in ((at + 1, 5), (at + 1, 22))
    ]
    assert list(personal_code.personal_codes_in_blocks(["a-b-c\n" * size] * 2)) == []


def test_a_file_read_again_in_blocks_is_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine reads a register again in blocks of whole lines (here of a few bytes,
    so that lines, Latvian letters and a bad byte fall across the cuts): joined, they are
    the file's text as decoded whole, without its BOM."""
    path = tmp_path / "ropa.yaml"
    raw = (
        "\ufeff".encode() + "\n".join(f"- ā{i}č: {OLD}" for i in range(50)).encode() + b"\xc3\nend"
    )
    path.write_bytes(raw)
    monkeypatch.setattr(engine, "_BLOCK_BYTES", 7)
    blocks = list(engine._utf8_blocks(str(path)))
    assert len(blocks) > 40
    assert all(block.endswith("\n") for block in blocks[:-1])
    assert "".join(blocks) == raw.decode("utf-8", "replace").removeprefix("\ufeff")


def test_a_code_in_a_comment_is_reported_at_its_line_and_column_masked(tmp_path: Path) -> None:
    path = _register(tmp_path, f"# e.g. Jānis, {OLD}")
    line = path.read_text(encoding="utf-8").splitlines().index(f"# e.g. Jānis, {OLD}") + 1
    (finding,) = _gv04(path)
    assert (finding["line"], finding["column"]) == (line, len("# e.g. Jānis, ") + 1)
    assert "15xxxx-xxxxx" in str(finding["message"])
    assert OLD not in json.dumps(finding)


def test_a_new_form_code_in_a_value_is_reported(tmp_path: Path) -> None:
    path = _register(tmp_path, value=f"'id {NEW}'")
    (finding,) = _gv04(path)
    assert "32xxxx-xxxxx" in str(finding["message"])
    assert NEW not in json.dumps(finding)


@pytest.mark.parametrize(
    "written",
    [
        "2024-01-15",
        "+371 22345678",
        "40003521600",
        "50103073141",
        "P10Y6M",
        "XXXXXX-XXXXX",
        "000000-00000",
        "123456-12345",
        "150385-11238",  # the check digit is wrong
        "310285-11239",  # no 31 February
        "150385-31239",  # no century digit 3
        "1150385-11239",  # part of a longer number
    ],
)
def test_what_is_not_a_personal_code_draws_nothing(written: str, tmp_path: Path) -> None:
    assert list(personal_codes(f"x: {written}")) == []
    path = _register(tmp_path, f"# {written}", value=f"'{written}'")
    assert _gv04(path) == []


def test_latvian_message_and_a_real_process_reading_standard_input(tmp_path: Path) -> None:
    text = _register(tmp_path, f"# {OLD}").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ropa", "check", "--lang", "lv", "-"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "GV04" in line]
    assert "reģistrā ierakstīts personas kods (15xxxx-xxxxx)" in line
    assert OLD not in result.stdout


def test_the_rule_can_be_turned_off_like_any_other(tmp_path: Path) -> None:
    path = _register(tmp_path, f"# {OLD}")
    assert _gv04(path, "--ignore", "GV04") == []
    selected = run_ropa("check", str(path), "--select", "GV04")
    assert "GV04" in selected.stdout
    assert OLD not in selected.stdout


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_the_file_is_read_again_in_its_own_encoding(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    # The engine reads the file again a line at a time (not whole: 120 MB at 50,000
    # activities); a byte order mark must not shift the first line's columns, and a
    # UTF-16 register is read as validation read it.
    text = f"# {OLD} Jānis\n" + (REGISTERS / "website.yaml").read_text(encoding="utf-8")
    path = tmp_path / "register.yaml"
    path.write_bytes(bom + text.encode(encoding))
    (finding,) = _gv04(path)
    assert (finding["line"], finding["column"]) == (1, 3)
