"""The unified diff of `ropa fmt --diff`: correct hunks, in close to linear time."""

from __future__ import annotations

import difflib
import re

from hypothesis import given
from hypothesis import strategies as st

from ropa.textdiff import unified_diff

_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply(before: str, diff: str) -> str:
    """`before` patched with `diff`, checking every context and removed line."""
    old = before.splitlines(keepends=True)
    lines = diff.splitlines(keepends=True)[2:]
    out: list[str] = []
    done = 0
    index = 0
    while index < len(lines):
        match = _HUNK.match(lines[index])
        assert match, lines[index]
        start = int(match[1]) - (0 if match[2] == "0" else 1)
        out += old[done:start]
        done = start
        index += 1
        while index < len(lines) and not lines[index].startswith("@@"):
            mark, text = lines[index][0], lines[index][1:]
            if mark in " -":
                assert old[done] == text
                done += 1
            if mark in " +":
                out.append(text)
            index += 1
    return "".join(out + old[done:])


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "- id: x\n", "  name: ā\n", "\n"]))


@given(LINES, LINES)
def test_the_diff_turns_one_text_into_the_other(before: list[str], after: list[str]) -> None:
    old, new = "".join(before), "".join(after)
    diff = unified_diff(old, new, fromfile="a", tofile="b")
    if old == new:
        assert diff == ""
        return
    assert diff.startswith("--- a\n+++ b\n")
    assert apply(old, diff) == new


def test_a_small_change_reads_as_difflib_writes_it() -> None:
    old = "".join(f"line {n}\n" for n in range(20))
    new = old.replace("line 7\n", "line seven\n").replace("line 15\n", "")
    expected = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "a", "b"))
    assert unified_diff(old, new, fromfile="a", tofile="b") == expected


def test_a_long_register_with_every_entry_reordered() -> None:
    """Thousands of entries, each with its keys swapped: the case where difflib alone took
    minutes. Each entry keeps a line of its own, so the diff names only what moved."""
    old = "activities:\n" + "".join(
        f"  - name: Darbība {n}\n    id: a{n}\n    purpose: Nolūks {n}\n    owner: IT\n"
        for n in range(3000)
    )
    new = "activities:\n" + "".join(
        f"  - id: a{n}\n    name: Darbība {n}\n    purpose: Nolūks {n}\n    owner: IT\n"
        for n in range(3000)
    )
    diff = unified_diff(old, new, fromfile="a", tofile="b")
    assert apply(old, diff) == new
    body = diff.splitlines()[2:]
    assert sum(line.startswith("-") for line in body) == 6000
    assert sum(line.startswith("+") for line in body) == 6000


def test_a_long_gap_without_common_lines_is_shown_replaced() -> None:
    old = "".join(f"  - name: {n}\n    id: a\n" for n in range(3000))
    new = "".join(f"  - id: a\n    name: {n}\n" for n in range(3000))
    diff = unified_diff(old, new, fromfile="a", tofile="b")
    assert apply(old, diff) == new
