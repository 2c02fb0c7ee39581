"""Unified diffs of long texts, in close to linear time.

difflib alone is quadratic on a long file in which most entries changed: `ropa fmt
--diff` spent 71 of 112 seconds in it at 1,000 activities. Here the lines that occur once
in each text, kept in the same order in both (the anchors of a patience diff: ids, names,
dates), split the two texts into short gaps, and difflib matches lines only inside each
gap. Where a text has no such lines the result is difflib's own; a gap too long to match
in reasonable time is shown as replaced whole (still a correct diff, only a longer one).
"""

from __future__ import annotations

import bisect
import collections
import difflib
from collections.abc import Iterator, Sequence

# Above this many line pairs a gap is not matched line by line (difflib's time grows
# with the product): a gap of 2,000 lines on each side still is.
_MAX_GAP_PAIRS = 4_000_000


def unified_diff(before: str, after: str, *, fromfile: str, tofile: str, context: int = 3) -> str:
    """The unified diff from `before` to `after` (empty when they are equal), in the
    form `difflib.unified_diff` writes, without dates."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    # get_opcodes() reads the blocks from here instead of matching the texts itself.
    setattr(matcher, "matching_blocks", _matching_blocks(old, new))  # noqa: B010 - not in typeshed
    return "".join(_unified(matcher, old, new, fromfile, tofile, context))


def _matching_blocks(old: Sequence[str], new: Sequence[str]) -> list[difflib.Match]:
    blocks: list[tuple[int, int, int]] = []
    start_old = start_new = 0
    for at_old, at_new in _anchors(old, new):
        blocks += _gap_blocks(old, new, start_old, at_old, start_new, at_new)
        blocks.append((at_old, at_new, 1))
        start_old, start_new = at_old + 1, at_new + 1
    blocks += _gap_blocks(old, new, start_old, len(old), start_new, len(new))
    merged: list[difflib.Match] = []
    for i, j, size in blocks:
        if merged and merged[-1].a + merged[-1].size == i and merged[-1].b + merged[-1].size == j:
            merged[-1] = difflib.Match(merged[-1].a, merged[-1].b, merged[-1].size + size)
        elif size:
            merged.append(difflib.Match(i, j, size))
    merged.append(difflib.Match(len(old), len(new), 0))
    return merged


def _gap_blocks(
    old: Sequence[str],
    new: Sequence[str],
    old_start: int,
    old_end: int,
    new_start: int,
    new_end: int,
) -> list[tuple[int, int, int]]:
    if old_start == old_end or new_start == new_end:
        return []
    if (old_end - old_start) * (new_end - new_start) > _MAX_GAP_PAIRS:
        return []  # matching would take minutes: the whole gap is shown as replaced

    matcher = difflib.SequenceMatcher(
        None, old[old_start:old_end], new[new_start:new_end], autojunk=False
    )
    return [(old_start + i, new_start + j, size) for i, j, size in matcher.get_matching_blocks()]


def _anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (index in old, index in new) of lines unique in both texts, the longest run
    of them in the same order in both (patience sorting: n log n)."""
    count_old = collections.Counter(old)
    count_new = collections.Counter(new)
    where_new = {line: index for index, line in enumerate(new) if count_new[line] == 1}
    pairs = [
        (index, where_new[line])
        for index, line in enumerate(old)
        if count_old[line] == 1 and line in where_new
    ]
    # Longest increasing subsequence of the new indexes, in old order.
    tails: list[int] = []  # new index ending the best run of each length
    tail_at: list[int] = []  # the pair index behind each tail
    previous = [-1] * len(pairs)
    for position, (_at_old, at_new) in enumerate(pairs):
        length = bisect.bisect_left(tails, at_new)
        if length == len(tails):
            tails.append(at_new)
            tail_at.append(position)
        else:
            tails[length] = at_new
            tail_at[length] = position
        previous[position] = tail_at[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    position = tail_at[-1] if tail_at else -1
    while position != -1:
        chain.append(pairs[position])
        position = previous[position]
    chain.reverse()
    return chain


def _unified(
    matcher: difflib.SequenceMatcher[str],
    old: Sequence[str],
    new: Sequence[str],
    fromfile: str,
    tofile: str,
    context: int,
) -> Iterator[str]:
    started = False
    for group in matcher.get_grouped_opcodes(context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in old[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in old[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in new[j1:j2])


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it (difflib's own rule)."""
    first = start + 1
    length = stop - start
    if length == 1:
        return str(first)
    if not length:
        first -= 1
    return f"{first},{length}"


__all__ = ["unified_diff"]
