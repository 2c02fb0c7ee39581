"""Invalid YAML the parsers read, found after them from the text and a few spans.

libyaml and ruamel, the two parsers `ropa.yamlio` reads with, let some invalid YAML
through (the invalid cases of the official YAML test suite they accept,
tests/test_yaml_conformance.py). They do not check

* how far the lines of a flow collection (`[...]`, `{...}`) or of quoted text are
  indented: inside a block, each such line must stand further right than the key or
  `-` that holds it (YAML 1.2, 7.3 and 7.4: `s-flow-line-prefix(n)`);
* the blank lines that open a block scalar: none may hold more spaces than its first
  line of text is indented (8.1.1.1);
* `-` alone inside `[...]` or `{...}`, which is no plain text (7.3.3, `ns-plain-first`):
  both read the text `-`; and `:` alone there, an empty key (`[:]` is a mapping
  `{null: null}` in a list), which both read as the text `:`.

A register must never mean something other than what its author wrote, so each is
refused with its position. The checks need no parser: they take the text and, for the
few nodes that can go wrong, a `Span` saying where the node lies and what holds it. A
parse engine collects spans while it builds (`ropa.yamlio` does it from libyaml's and
ruamel's events, at no cost for nodes that cannot go wrong) and passes them to
`invalid_yaml`; any other engine can do the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ropa.findings import INPUT_CODES, Finding, Severity
from ropa.i18n import Message, counted, msg
from ropa.position import Position

# What a span is.
FLOW = 0  # a flow collection over several lines
QUOTED = 1  # quoted text over several lines
BLOCK = 2  # a block scalar (`|`, `>`) whose first line is blank
LONE = 3  # a plain scalar that is `-` or `:` alone

# What holds it.
ROOT = 0  # the document itself
KEY = 1  # a block mapping: the span is a key's value (or a key written after `?`)
ITEM = 2  # a block sequence: the span is an item


class Span(NamedTuple):
    """A node a check looks at. Lines and columns are 0-based, in the parser's lines
    (CR LF, CR, LF, NEL, LS and PS each end one; see `parser_lines`)."""

    kind: int
    line: int  # where the node starts (its anchor or tag, if it has one)
    column: int
    end_line: int  # where it ends
    end_column: int
    holder: int  # ROOT, KEY or ITEM
    # KEY: where the key starts; ITEM: where the sequence starts (its first `-`).
    holder_line: int = 0
    holder_column: int = 0


_PARSER_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def parser_lines(text: str) -> list[str]:
    """The lines of `text` as YAML parsers count them, without their line breaks (and
    without a byte order mark, which they do not count as a column)."""
    text = text.removeprefix("\ufeff")
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _PARSER_BREAK.split(text)
    return text.split("\n")


def invalid_yaml(text: str, spans: Sequence[Span], file: str) -> Finding | None:
    """The first invalid construct among `spans` of `text` as a finding, or None.

    The finding's position is in the parser's lines (as every position a parser gives;
    `ropa.yamlio` turns them into the lines an editor shows).
    """
    if not spans:
        return None
    lines = parser_lines(text)
    found = [
        problem
        for span in spans
        if (problem := _check(span, lines, file)) is not None and problem.position is not None
    ]
    if not found:
        return None
    return min(found, key=lambda problem: problem.position or Position(0, 0))


def _check(span: Span, lines: list[str], file: str) -> Finding | None:
    if span.kind == LONE:
        return _lone(span, lines, file)
    entry = _entry_column(span, lines)
    if entry is None:
        return None
    if span.kind == BLOCK:
        return _block_opening(span, lines, entry, file)
    return _continuation(span, lines, entry, file)


def _entry_column(span: Span, lines: list[str]) -> int | None:
    """The column of the block entry that holds the node (its key, or its `-`); -1 at
    the root; None where the text does not show it (the check is then left out)."""
    if span.holder == ROOT:
        return -1
    if span.holder == KEY:
        before = lines[span.holder_line][: span.holder_column].rstrip(" \t")
        if before.endswith("?"):  # an explicit key: the entry starts at its `?`
            return len(before) - 1
        return span.holder_column
    before = lines[span.line][: span.column].rstrip(" \t")
    if before.endswith("-"):
        return len(before) - 1
    start = lines[span.holder_line]
    if start[span.holder_column : span.holder_column + 1] == "-":
        return span.holder_column
    return None


def _continuation(span: Span, lines: list[str], entry: int, file: str) -> Finding | None:
    """Each later line of a flow collection or quoted text that holds something must be
    indented by more spaces than `entry` (lines of white space may hold less, and a
    comment line inside `[...]` may stand anywhere)."""
    if entry < 0:
        return None  # at the root any indentation will do
    what = msg("`[...]` or `{...}`") if span.kind == FLOW else msg("quoted text")
    for number in range(span.line + 1, min(span.end_line, len(lines) - 1) + 1):
        line = lines[number]
        content = line.lstrip(" ")
        if not content.strip(" \t"):
            continue
        if span.kind == FLOW and content.lstrip(" \t").startswith("#"):
            continue
        spaces = len(line) - len(content)
        if spaces > entry:
            continue
        needed = _spaces(entry + 1)
        if content.startswith("\t"):
            message = msg(
                "a line of {what} over several lines starts with a tab: YAML indents "
                "with spaces, and this line needs {needed} before anything else",
                what=what,
                needed=needed,
            )
        else:
            message = msg(
                "a line of {what} over several lines must stand further right than "
                "the key or `-` holding it (column {entry}); this one starts at "
                "column {column}",
                what=what,
                entry=entry + 1,
                column=spaces + 1,
            )
        return _finding(
            file,
            "YM01",
            message,
            Position(number + 1, spaces + 1),
            msg(
                "indent the line by at least {needed}, or write the value on one line",
                needed=needed,
            ),
        )
    return None


_HEADER = re.compile(r"[|>]([-+]?[0-9]?[-+]?)")


def _block_opening(span: Span, lines: list[str], entry: int, file: str) -> Finding | None:
    """The blank lines that open a block scalar: none may hold more spaces than its first
    line of text is indented (that indentation is the scalar's, when no digit gives it)."""
    header = _HEADER.search(lines[span.line], span.column)
    if header is None or any(character.isdigit() for character in header.group(1)):
        return None
    widest, widest_line = -1, -1
    number = span.line + 1
    while number < len(lines) and not lines[number].strip(" "):
        if len(lines[number]) > widest:
            widest, widest_line = len(lines[number]), number
        number += 1
    if number >= len(lines) or widest_line < 0:
        return None
    first = lines[number]
    indent = len(first) - len(first.lstrip(" "))
    if indent <= entry or widest <= indent:
        return None  # the scalar has no text (the line belongs to what follows), or fits
    return _finding(
        file,
        "YM01",
        msg(
            "a blank line opening a block scalar holds {widest} spaces, more than the "
            "{indent} its first line of text (line {line}) is indented by",
            widest=widest,
            indent=indent,
            line=number + 1,
        ),
        Position(widest_line + 1, indent + 1),
        msg("remove the spaces from the blank lines (they are line breaks of the text either way)"),
    )


def _lone(span: Span, lines: list[str], file: str) -> Finding | None:
    """A plain `-` or `:` alone: valid only as a key (`{-: x}`)."""
    if span.end_line >= len(lines):
        return None
    after = lines[span.end_line][span.end_column :].lstrip(" \t")
    if after.startswith(":"):
        return None
    position = Position(span.line + 1, span.column + 1)
    if lines[span.line][span.column : span.column + 1] == ":":
        return _finding(
            file,
            "YM11",
            msg(
                "a `:` alone inside `[...]` or `{...}` is an empty key with an empty value "
                "(`[:]` is a list holding a mapping); registers do not use empty keys"
            ),
            position,
            msg('write the key, or quote the text if it is the text ":"'),
        )
    return _finding(
        file,
        "YM01",
        msg(
            "`-` alone inside `[...]` or `{...}` is no value: YAML reads `-` there as the "
            "start of a list entry, which a flow collection cannot hold"
        ),
        position,
        msg('quote it ("-") if it is the text, or write null for no value'),
    )


def _spaces(count: int) -> Message:
    return counted("{count} space", "{count} spaces", count=count)


def _finding(file: str, code: str, message: Message, position: Position, hint: Message) -> Finding:
    return Finding(
        code=code,
        name=INPUT_CODES[code][0],
        message=message,
        severity=Severity.ERROR,
        file=file,
        position=position,
        hint=hint,
    )


__all__ = [
    "BLOCK",
    "FLOW",
    "ITEM",
    "KEY",
    "LONE",
    "QUOTED",
    "ROOT",
    "Span",
    "invalid_yaml",
    "parser_lines",
]
