"""`ropa diff` output: text for a terminal, Markdown for a pull-request comment, JSON.

Every form says the same things: which revisions were compared, per register whether
each side was valid, and each change in the register's terms.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from ropa.diff import (
    WORKING_TREE,
    Change,
    DiffResult,
    RegisterDiff,
    Side,
    change_sentence,
    change_subject,
    show,
)
from ropa.i18n import Message, msg, msg_plural, number, translate, unworded
from ropa.knowledge.translatable import gettext_noop as N_
from ropa.reporters.text import counted, location_text


def _side_note(side: Side) -> Message | None:
    if not side.present:
        return msg("not present at {revision}", revision=_revision(side.label))
    problems = counted(len(side.problems), "problem")
    if side.data is None:
        return msg(
            "cannot be read at {revision} ({problems})",
            revision=_revision(side.label),
            problems=problems,
        )
    if side.problems:
        return msg(
            "does not validate at {revision} ({problems}); compared as written",
            revision=_revision(side.label),
            problems=problems,
        )
    return None


def _problem_lines(side: Side, said: Callable[[str], str], limit: int = 3) -> Iterator[str]:
    for finding in side.problems[:limit]:
        yield f"{location_text(finding)}: {finding.code} {said(finding.message)}"
    if len(side.problems) > limit:
        more = len(side.problems) - limit
        yield said(
            msg_plural(
                "… and {count} more (run ropa validate on that revision)",
                "… and {count} more (run ropa validate on that revision)",
                n=more,
                count=number(more),
            )
        )


def _revision(label: str) -> str | Message:
    """A revision as a person reads it: the working tree is named in words."""
    return msg(WORKING_TREE) if label == WORKING_TREE else label


def render_text(result: DiffResult, stream: TextIO, language: str = "en") -> None:
    def said(text: str) -> str:
        return translate(text, language)

    stream.write(
        said(
            msg(
                "comparing {base} → {target}",
                base=_revision(result.base),
                target=_revision(result.target),
            )
        )
        + "\n"
    )
    for register in result.registers:
        _text_register(register, stream, said)
    registers = sum(1 for register in result.registers if register.changes)
    stream.write(said(_totals(result.change_count, registers, len(result.registers))) + "\n")


def _totals(changes: int, changed: int, compared: int) -> Message:
    return msg_plural(
        "{changes} in {count} register ({compared} compared)",
        "{changes} in {count} registers ({compared} compared)",
        n=changed,
        changes=_changes(changes),
        count=number(changed),
        compared=compared,
    )


def _changes(count: int) -> Message:
    return msg_plural("{count} change", "{count} changes", n=count, count=number(count))


def _text_register(register: RegisterDiff, stream: TextIO, said: Callable[[str], str]) -> None:
    stream.write(f"\n{register.name}\n")
    for side in (register.old, register.new):
        note = _side_note(side)
        if note:
            stream.write(f"  ! {said(note)}\n")
            for line in _problem_lines(side, said):
                stream.write(f"      {line}\n")
    if not register.changes:
        stream.write(f"  {said(msg('no changes'))}\n")
    for change in register.changes:
        stream.write(f"  {_MARK[change.kind]} {said(change_sentence(change))}\n")


_MARK = {
    "added": "+",
    "removed": "-",
    "renamed": "~",
    "changed": "~",
    "items": "~",
    "reordered": "~",
}

# The kind of change as the Markdown table's first column names it.
_KIND = {
    "added": N_("added"),
    "removed": N_("removed"),
    "renamed": N_("renamed"),
    "changed": N_("changed"),
    "items": N_("items"),
    "reordered": N_("reordered"),
}


def render_markdown(result: DiffResult, stream: TextIO, language: str = "en") -> None:
    def said(text: str) -> str:
        return translate(text, language)

    heading = msg(
        "Record of processing: changes from {base} to {target}",
        base=_md(said(_revision(result.base))),
        target=_md(said(_revision(result.target))),
    )
    stream.write(f"## {said(heading)}\n")
    for register in result.registers:
        stream.write(f"\n### `{register.name}`\n\n")
        for side in (register.old, register.new):
            note = _side_note(side)
            if note:
                stream.write(f"> **{said(msg('Note:'))}** {_md(said(note))}\n")
                for line in _problem_lines(side, said):
                    stream.write(f"> - {_md(line)}\n")
                stream.write("\n")
        if not register.changes:
            stream.write(said(msg("No changes.")) + "\n")
            continue
        columns = [said(msg(word)) for word in _COLUMNS]
        stream.write("| " + " | ".join(columns) + " |\n|---|---|---|---|---|\n")
        for change in register.changes:
            before, after = _before_after(change)
            kind = said(msg(_KIND[change.kind])) if change.kind in _KIND else change.kind
            stream.write(
                f"| {kind} | {_md(said(change_subject(change)))} | {_md(change.field or '—')} "
                f"| {_md(before)} | {_md(after)} |\n"
            )
    stream.write(f"\n{said(unworded('{changes}.', changes=_changes(result.change_count)))}\n")


_COLUMNS = (N_("Change"), N_("Entry"), N_("Field"), N_("Before"), N_("After"))


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


def render_json(result: DiffResult, stream: TextIO, language: str = "en") -> None:
    document = {
        "base": result.base,
        "target": result.target,
        "changes": result.change_count,
        "registers": [
            {
                "name": register.name,
                "old": _side_json(register.old, language),
                "new": _side_json(register.new, language),
                "changes": [
                    {
                        "kind": change.kind,
                        "section": change.section,
                        "entry": change.entry,
                        "field": change.field,
                        "old": change.old,
                        "new": change.new,
                        "text": translate(change_sentence(change, None), language),
                    }
                    for change in register.changes
                ],
            }
            for register in result.registers
        ],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2, default=str)
    stream.write("\n")


def _side_json(side: Side, language: str) -> dict[str, Any]:
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
                "message": translate(finding.message, language),
            }
            for finding in side.problems
        ],
    }
