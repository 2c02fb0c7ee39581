"""`ropa diff` output: text for a terminal, Markdown for a pull-request comment, JSON.

Every form says the same things: which revisions were compared, per register whether
each side was valid, and each change in the register's terms.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from ropa.diff import Change, DiffResult, RegisterDiff, Side, change_sentence, change_subject, show
from ropa.reporters.text import location_text


def _side_note(side: Side) -> str | None:
    if not side.present:
        return f"not present at {side.label}"
    if side.data is None:
        return f"cannot be read at {side.label} ({_plural(len(side.problems), 'problem')})"
    if side.problems:
        count = _plural(len(side.problems), "problem")
        return f"does not validate at {side.label} ({count}); compared as written"
    return None


def _problem_lines(side: Side, limit: int = 3) -> Iterator[str]:
    for finding in side.problems[:limit]:
        yield f"{location_text(finding)}: {finding.code} {finding.message}"
    if len(side.problems) > limit:
        yield f"… and {len(side.problems) - limit} more (run ropa validate on that revision)"


def render_text(result: DiffResult, stream: TextIO) -> None:
    stream.write(f"comparing {result.base} → {result.target}\n")
    for register in result.registers:
        _text_register(register, stream)
    registers = sum(1 for register in result.registers if register.changes)
    stream.write(
        f"{_plural(result.change_count, 'change')} in {_plural(registers, 'register')}"
        f" ({len(result.registers)} compared)\n"
    )


def _text_register(register: RegisterDiff, stream: TextIO) -> None:
    stream.write(f"\n{register.name}\n")
    for side in (register.old, register.new):
        note = _side_note(side)
        if note:
            stream.write(f"  ! {note}\n")
            for line in _problem_lines(side):
                stream.write(f"      {line}\n")
    if not register.changes:
        stream.write("  no changes\n")
    for change in register.changes:
        stream.write(f"  {_MARK[change.kind]} {change_sentence(change)}\n")


_MARK = {
    "added": "+",
    "removed": "-",
    "renamed": "~",
    "changed": "~",
    "items": "~",
    "reordered": "~",
}


def render_markdown(result: DiffResult, stream: TextIO) -> None:
    stream.write(
        f"## Record of processing: changes from {_md(result.base)} to {_md(result.target)}\n"
    )
    for register in result.registers:
        stream.write(f"\n### `{register.name}`\n\n")
        for side in (register.old, register.new):
            note = _side_note(side)
            if note:
                stream.write(f"> **Note:** {_md(note)}\n")
                for line in _problem_lines(side):
                    stream.write(f"> - {_md(line)}\n")
                stream.write("\n")
        if not register.changes:
            stream.write("No changes.\n")
            continue
        stream.write("| Change | Entry | Field | Before | After |\n|---|---|---|---|---|\n")
        for change in register.changes:
            before, after = _before_after(change)
            stream.write(
                f"| {change.kind} | {_md(change_subject(change))} | {_md(change.field or '—')} "
                f"| {_md(before)} | {_md(after)} |\n"
            )
    stream.write(f"\n{_plural(result.change_count, 'change')}.\n")


def _before_after(change: Change) -> tuple[str, str]:
    if change.kind == "items":
        return (
            ", ".join(show(item, None) for item in change.old or ()) or "—",
            ", ".join(show(item, None) for item in change.new or ()) or "—",
        )
    before = "—" if change.old is None else show(change.old, 200)
    after = "—" if change.new is None else show(change.new, 200)
    return before, after


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes, HTML and line breaks escaped."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(out.split())


def render_json(result: DiffResult, stream: TextIO) -> None:
    document = {
        "base": result.base,
        "target": result.target,
        "changes": result.change_count,
        "registers": [
            {
                "name": register.name,
                "old": _side_json(register.old),
                "new": _side_json(register.new),
                "changes": [
                    {
                        "kind": change.kind,
                        "section": change.section,
                        "entry": change.entry,
                        "field": change.field,
                        "old": change.old,
                        "new": change.new,
                        "text": change_sentence(change, None),
                    }
                    for change in register.changes
                ],
            }
            for register in result.registers
        ],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2, default=str)
    stream.write("\n")


def _side_json(side: Side) -> dict[str, Any]:
    return {
        "revision": side.label,
        "present": side.present,
        "readable": side.data is not None,
        "valid": side.valid,
        "problems": [
            {
                "file": finding.file,
                "line": finding.position.line,
                "column": finding.position.column,
                "code": finding.code,
                "message": finding.message,
            }
            for finding in side.problems
        ],
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
