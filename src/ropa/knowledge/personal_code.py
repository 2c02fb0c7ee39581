"""Latvian personal codes (personas kods) written in free text.

A register records categories of data; a real person's personas kods in it is that
person's data committed to git (Art. 5(1)(c), 32). This finds the two written forms:

* the old form `DDMMYY-CNNNN` (issued until 2017): a date of birth, a century digit
  (0: 1800s, 1: 1900s, 2: 2000s), three serial digits and a check digit. Only a valid
  date with the right check digit counts, so that `123456-12345` or `000000-00000`, which
  example texts use, are not taken for one;
* the new form `32XXXX-XXXXX` (issued since 1 July 2017, no date in it): `32` and eleven
  digits with the hyphen. No day is numbered 32, so the two forms never overlap.

The check digit follows python-stdnum (`stdnum/lv/pvn.py`, source STDNUM-LV): weights
10, 5, 8, 4, 2, 1, 6, 3, 7, 9 on the first ten digits, (1 + sum) mod 11 mod 10. It is the
same as the (1101 - Σ 1,6,3,7,9,10,5,8,4,2) mod 11 form other implementations give (each
weight is the other's negative modulo 11, and 1101 ≡ 1). Unverified against an official
(PMLP) publication: python-stdnum itself says so.

Numbers without the hyphen are not read: eleven bare digits are far more often a company's
registration number (starting 4 or 5) or a phone number than a personal code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCES = cite("STDNUM-LV", "GDPR")

# The hyphen and the five digits after it; the six before are checked in Python. A pattern
# that starts with a literal is searched for that character first: 25 times faster on a
# large register (full of dates) than one that starts with the digits.
_TAIL = re.compile(r"-([0-9]{5})(?![0-9])")
# The same, with the six digits before it looked back at only where the tail is found: it
# tells a block of lines that may hold a code from one that cannot. `_TAIL` alone matches
# in nearly every block of a generated register (ids such as `activity-00001`), and then
# every line of it was read one by one; searched this way, the whole text of 10,000
# activities takes 7 ms.
_CANDIDATE = re.compile(r"-[0-9]{5}(?![0-9])(?<=[0-9]{6}-[0-9]{5})")
_DIGITS = frozenset("0123456789")
_WEIGHTS = (10, 5, 8, 4, 2, 1, 6, 3, 7, 9)


class Found(NamedTuple):
    """A personal code in a text: 1-based line and column, and how it may be shown."""

    line: int
    column: int
    masked: str


def check_digit(first_ten: str) -> int:
    """The check digit of the old form's first ten digits (STDNUM-LV)."""
    return (1 + sum(w * int(d) for w, d in zip(_WEIGHTS, first_ten, strict=True))) % 11 % 10


def is_personal_code(head: str, tail: str) -> bool:
    """Whether `head-tail` (six and five digits) is a personas kods of either form."""
    if head.startswith("32"):
        return True
    century = tail[0]
    if century not in "012":
        return False
    try:
        dt.date(1800 + 100 * int(century) + int(head[4:6]), int(head[2:4]), int(head[0:2]))
    except ValueError:
        return False
    digits = head + tail
    return check_digit(digits[:10]) == int(digits[10])


def mask(head: str) -> str:
    """The code as a message may show it: its first two digits, the rest hidden."""
    return f"{head[:2]}xxxx-xxxxx"


def personal_codes(text: str) -> Iterator[Found]:
    """Every personas kods in `text`, values and comments alike, in order."""
    return personal_codes_in_blocks((text,))


def personal_codes_in_blocks(blocks: Iterable[str]) -> Iterator[Found]:
    """Every personas kods in a text given in blocks of whole lines (each block but the
    last ends with a line break), so that a large file need not be held whole to be
    searched: a block is split into lines only where the code's shape is found in it."""
    before = 0  # the lines of the blocks before
    for block in blocks:
        if _CANDIDATE.search(block) is not None:
            yield from _codes_in(block.split("\n"), before)
        before += block.count("\n")


def _codes_in(lines: list[str], before: int) -> Iterator[Found]:
    """The codes in `lines`, numbered after `before` lines."""
    for number, line in enumerate(lines, start=before + 1):
        if "-" not in line:
            continue
        for match in _TAIL.finditer(line):
            start = match.start() - 6
            head = line[max(start, 0) : match.start()]
            if start < 0 or not _DIGITS.issuperset(head) or (start and line[start - 1] in _DIGITS):
                continue
            if is_personal_code(head, match.group(1)):
                yield Found(number, start + 1, mask(head))
