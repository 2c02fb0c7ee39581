"""What changed in a record between two revisions: `ropa diff`.

A regulator's first question about a record is "what changed since the version you sent
us?". This module answers it in the register's own terms: activities and catalogue
entries added, removed or renamed (matched by id), and field by field changes with the
old and the new value ("retention.period of activity `orders`: P3Y → P5Y").

Each side is read the way `ropa validate` reads it: the files of a git revision are
written to a temporary directory and go through the same loader, with its limits on size,
aliases and depth. A side that does not validate is reported with its problems and still
compared as written where its YAML could be read; one whose YAML cannot be read at all is
reported, never crashed on.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.discovery import RegisterSource, discover, display_path, enclosing_split_register
from ropa.errors import InputError, UsageError
from ropa.findings import Finding
from ropa.i18n import Message, msg, unworded
from ropa.knowledge.translatable import gettext_noop as N_
from ropa.validate import validate_register
from ropa.vcs import (
    RevisionError,
    default_base,
    describe_revision,
    files_at,
    repository_root,
    resolve_revision,
)
from ropa.yamlio import DEFAULT_MAX_FILE_BYTES, parse_fast, read_source

# The parts of a register that hold entries with ids, in the order a reader meets them.
SECTIONS = ("recipients", "systems", "security_measures", "activities", "controllers")
# How one entry of each section is named in a sentence (marked: the sentences translate).
ENTRY_NOUN = {
    "organisation": N_("organisation"),
    "recipients": N_("recipient"),
    "systems": N_("system"),
    "security_measures": N_("security measure"),
    "activities": N_("activity"),
    "controllers": N_("controller served"),
}


@dataclass(frozen=True)
class Change:
    """One difference. `kind` is added, removed, renamed or changed; `entry` is the id
    (None for the organisation); `field` is the dotted path inside the entry ("" when the
    whole entry was added or removed); `old` and `new` are the values as written."""

    kind: str
    section: str
    entry: str | None
    field: str
    old: Any = None
    new: Any = None


@dataclass
class Side:
    """One revision of one register: how it is labelled, what it holds, what is wrong."""

    label: str
    data: dict[str, Any] | None = None
    problems: list[Finding] = field(default_factory=list)
    present: bool = True

    @property
    def valid(self) -> bool:
        return self.present and self.data is not None and not self.problems


@dataclass
class RegisterDiff:
    name: str
    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)


@dataclass
class DiffResult:
    base: str
    target: str
    registers: list[RegisterDiff] = field(default_factory=list)

    @property
    def change_count(self) -> int:
        return sum(len(register.changes) for register in self.registers)


WORKING_TREE = N_("working tree")


def diff_revisions(
    revisions: Sequence[str],
    path: str,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> DiffResult:
    """Compare the registers under `path` between revisions: none given compares the
    default base with the working tree; one compares it with the working tree."""
    if len(revisions) > 2:
        raise UsageError(
            msg("ropa diff takes at most two revisions, got {count}", count=len(revisions)),
            hint=msg("ropa diff [REV_A] [REV_B] [PATH]; put PATH last"),
        )
    target_path = Path(path)
    split = enclosing_split_register(target_path)
    if split is not None and not (target_path.exists() and target_path.samefile(split)):
        # A file or folder of a split register: the register it belongs to is compared, as
        # `ropa validate` reads it (its catalogues and organisation are in other files).
        target_path = split
    if not target_path.exists() and not revisions:
        raise UsageError(
            msg("{path} does not exist", path=path),
            hint=msg("give a register file or directory"),
        )
    start = target_path.resolve() if target_path.exists() else Path.cwd().resolve()
    root = repository_root(start)
    if root is None:
        raise UsageError(
            msg("{path} is not inside a git repository", path=path),
            hint=msg("ropa diff compares revisions of a register kept in git"),
        )
    relative = _relative_to(target_path.resolve(), root)
    try:
        if revisions:
            base_name = revisions[0]
        else:
            found = default_base(root, relative)
            if found is None:
                raise UsageError(
                    msg("the repository has no commit to compare with"),
                    hint=msg("commit the register first, or name a revision"),
                )
            base_name = found
        base_commit = resolve_revision(root, base_name)
        target_commit = resolve_revision(root, revisions[1]) if len(revisions) == 2 else None
    except RevisionError as error:
        raise UsageError(
            revision_message(error),
            hint=msg("name a commit, branch or tag, e.g. HEAD~1"),
        ) from None
    target_name = WORKING_TREE if target_commit is None else revisions[1]

    old = _sides_at(root, base_commit, relative, base_name, max_file_bytes)
    if target_commit is None:
        new = _sides_in_tree(root, target_path, max_file_bytes)
    else:
        new = _sides_at(root, target_commit, relative, target_name, max_file_bytes)
    if not old and not new and not target_path.exists():
        raise UsageError(
            msg("{path} is not in the working tree nor at the revisions compared", path=path),
            hint=msg("give a register file or directory"),
        )
    result = DiffResult(
        base=f"{base_name} ({describe_revision(root, base_commit)})",
        target=(
            WORKING_TREE
            if target_commit is None
            else f"{target_name} ({describe_revision(root, target_commit)})"
        ),
    )
    for name in sorted(old.keys() | new.keys()):
        before = old.get(name) or Side(base_name, present=False)
        after = new.get(name) or Side(target_name, present=False)
        unreadable = any(side.present and side.data is None for side in (before, after))
        # A side that exists but cannot be read says nothing about what changed.
        changes = [] if unreadable else compare_registers(before.data, after.data)
        result.registers.append(RegisterDiff(name, before, after, changes))
    return result


def revision_message(error: RevisionError) -> str:
    """What git could not do, in words a translator sees (vcs itself knows no i18n)."""
    args = error.args_
    if error.template.startswith("git knows no revision"):
        return msg(
            "git knows no revision `{revision}` in {repository}",
            revision=args["revision"],
            repository=args["repository"],
        )
    if error.template.startswith("cannot list"):
        return msg("cannot list {path} at {commit}", path=args["path"], commit=args["commit"])
    if error.template.startswith("cannot read object"):
        return msg("cannot read object {object}", object=args["object"])
    return msg("`{revision}` is not a revision", revision=args.get("revision", ""))


def _relative_to(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        raise UsageError(
            msg("{path} is outside the repository at {root}", path=str(path), root=str(root))
        ) from None


def _sides_in_tree(root: Path, path: Path, max_file_bytes: int) -> dict[str, Side]:
    sources, problems = discover([str(path)])
    sides = {
        _relative_to(source.root.resolve(), root): _read_side(
            source, WORKING_TREE, max_file_bytes, rename={}
        )
        for source in sources
    }
    if problems and not sides:
        raise UsageError(problems[0].message, hint=problems[0].hint)
    return sides


def _sides_at(
    root: Path, commit: str, relative: str, label: str, max_file_bytes: int
) -> dict[str, Side]:
    """The registers under `relative` as they were at `commit`, read from a temporary
    copy of their files so the ordinary loader, with all its limits, reads them."""
    try:
        files = files_at(root, commit, relative, max_bytes=max_file_bytes)
    except RevisionError as error:
        raise UsageError(revision_message(error)) from None
    if not files:
        return {}
    with tempfile.TemporaryDirectory(prefix="ropa-diff-") as scratch:
        top = Path(scratch).resolve()
        for name, content in files.items():
            target = top / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        sources, _ = discover([str(top / relative) if relative else str(top)])
        sides: dict[str, Side] = {}
        for source in sources:
            rename = {
                display_path(file): f"{label}:{_relative_to(file, top)}" for file in source.files
            }
            sides[_relative_to(source.root, top)] = _read_side(
                source, label, max_file_bytes, rename=rename
            )
        return sides


def _read_side(
    source: RegisterSource, label: str, max_file_bytes: int, *, rename: dict[str, str]
) -> Side:
    _, findings, _, _ = validate_register(source, max_file_bytes=max_file_bytes)
    documents: list[Any] = []
    for file in source.files:
        try:
            text = read_source(file, display=display_path(file), max_bytes=max_file_bytes)
        except InputError:
            continue
        parsed = parse_fast(text, display_path(file))
        if parsed.data is not None and not parsed.problems:
            documents.append(parsed.data)
    problems = [_renamed(finding, rename) for finding in findings]
    readable = len(documents) == len(source.files)
    return Side(label, merge_documents(documents) if readable else None, problems)


def _renamed(finding: Finding, rename: dict[str, str]) -> Finding:
    if finding.file not in rename:
        return finding
    from dataclasses import replace

    return replace(finding, file=rename[finding.file])


def merge_documents(documents: Sequence[Any]) -> dict[str, Any]:
    """The files of one register as one mapping: the organisation, and every section's
    entries in file order."""
    merged: dict[str, Any] = {"organisation": None, **{section: [] for section in SECTIONS}}
    for data in documents:
        if not isinstance(data, dict):
            continue
        if data.get("organisation") is not None:
            merged["organisation"] = data["organisation"]
        for section in SECTIONS:
            entries = data.get(section)
            if isinstance(entries, list):
                merged[section].extend(entries)
    return merged


def compare_registers(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[Change]:
    """Every change from `old` to `new`; nothing when either could not be read."""
    if old is None and new is None:
        return []
    if old is None or new is None:
        whole = "added" if old is None else "removed"
        data = new if old is None else old
        assert data is not None
        return [
            Change(whole, section, _entry_id(entry, index), "", *_pair(whole, entry))
            for section in SECTIONS
            for index, entry in enumerate(data.get(section) or [])
        ]
    changes = [
        Change(kind, "organisation", None, path, before, after)
        for kind, path, before, after in _field_changes(
            old.get("organisation"), new.get("organisation")
        )
    ]
    for section in SECTIONS:
        changes.extend(_section_changes(section, old.get(section) or [], new.get(section) or []))
    return changes


def _pair(kind: str, entry: Any) -> tuple[Any, Any]:
    return (None, entry) if kind == "added" else (entry, None)


def _entry_id(entry: Any, index: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return str(entry["id"])
    return f"#{index + 1}"


def _section_changes(section: str, old: list[Any], new: list[Any]) -> Iterator[Change]:
    before = {_entry_id(entry, index): entry for index, entry in enumerate(old)}
    after = {_entry_id(entry, index): entry for index, entry in enumerate(new)}
    removed = [key for key in before if key not in after]
    added = [key for key in after if key not in before]
    # An entry whose id changed but whose content did not is one entry renamed, not a
    # removal and an unrelated addition.
    for old_id in list(removed):
        twin = next(
            (
                new_id
                for new_id in added
                if _without_id(before[old_id]) == _without_id(after[new_id])
            ),
            None,
        )
        if twin is not None:
            removed.remove(old_id)
            added.remove(twin)
            yield Change("renamed", section, twin, "id", old_id, twin)
    for key in removed:
        yield Change("removed", section, key, "", before[key], None)
    for key in after:
        if key in added:
            yield Change("added", section, key, "", None, after[key])
        elif key in before:
            yield from _entry_changes(section, key, before[key], after[key])


def _without_id(entry: Any) -> Any:
    if isinstance(entry, dict):
        return {key: value for key, value in entry.items() if key != "id"}
    return entry


def _entry_changes(section: str, key: str, old: Any, new: Any) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict) and old.get("name") != new.get("name"):
        yield Change("renamed", section, key, "name", old.get("name"), new.get("name"))
        old = {k: v for k, v in old.items() if k != "name"}
        new = {k: v for k, v in new.items() if k != "name"}
    for kind, path, before, after in _field_changes(old, new):
        yield Change(kind, section, key, path, before, after)


_MISSING = object()


FieldChange = tuple[str, str, Any, Any]


def _field_changes(old: Any, new: Any, path: str = "") -> Iterator[FieldChange]:
    """(kind, dotted path, old, new) for every leaf that differs; a value that appeared
    or disappeared is reported with None on the other side."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from _field_changes(
                old.get(key, None), new.get(key, None), f"{path}.{key}" if path else str(key)
            )
        return
    if isinstance(old, list) and isinstance(new, list):
        yield from _list_changes(old, new, path)
        return
    yield "changed", path, old, new


def _list_changes(old: list[Any], new: list[Any], path: str) -> Iterator[FieldChange]:
    if all(isinstance(item, dict) and "id" in item for item in [*old, *new]):
        before = {str(item["id"]): item for item in old}
        after = {str(item["id"]): item for item in new}
        for key in [*before, *(k for k in after if k not in before)]:
            yield from _field_changes(before.get(key), after.get(key), f"{path}[{key}]")
        return
    if any(isinstance(item, dict | list) for item in [*old, *new]):
        # Entries without ids (purposes, transfers): compared by place.
        for index in range(max(len(old), len(new))):
            yield from _field_changes(
                old[index] if index < len(old) else None,
                new[index] if index < len(new) else None,
                f"{path}[{index + 1}]",
            )
        return
    # A list of plain values (data categories, recipient ids): what left and what came.
    gone = _multiset_minus(old, new)
    came = _multiset_minus(new, old)
    if gone or came:
        yield "items", path, gone, came
    else:
        yield "reordered", path, old, new


def _multiset_minus(left: list[Any], right: list[Any]) -> list[Any]:
    """The items of `left` that `right` lacks, counting repeats, in `left`'s order."""
    remaining = Counter(right)
    out = []
    for item in left:
        if remaining[item] > 0:
            remaining[item] -= 1
        else:
            out.append(item)
    return out


# --------------------------------------------------------------------------- in words

_TEXT_LIMIT = 120


def change_subject(change: Change) -> Message:
    """`activity `orders`` or `organisation`: what a change is about."""
    noun = _noun(change.section)
    return (
        noun
        if change.entry is None
        else unworded("{noun} `{entry}`", noun=noun, entry=change.entry)
    )


def _noun(section: str) -> Message:
    return msg(ENTRY_NOUN[section]) if section in ENTRY_NOUN else Message(section)


def change_sentence(change: Change, limit: int | None = _TEXT_LIMIT) -> Message:
    """One change as a sentence in the register's terms: English, translatable."""
    subject = change_subject(change)
    old, new = show(change.old, limit), show(change.new, limit)
    if change.kind == "added" and not change.field:
        return msg("added {subject}{name}", subject=subject, name=_named(change.new))
    if change.kind == "removed" and not change.field:
        return msg("removed {subject}{name}", subject=subject, name=_named(change.old))
    if change.kind == "renamed" and change.field == "id":
        return msg(
            "{noun} `{old}` is now `{new}`",
            noun=_noun(change.section),
            old=str(change.old),
            new=str(change.new),
        )
    if change.kind == "renamed":
        return msg("renamed {subject}: {old} → {new}", subject=subject, old=old, new=new)
    where = (
        msg("{field} of {subject}", field=change.field, subject=subject)
        if change.field
        else subject
    )
    if change.kind == "items":
        parts = [f"+ {show(item, limit)}" for item in change.new or ()]
        parts += [f"− {show(item, limit)}" for item in change.old or ()]
        return unworded("{where}: {items}", where=where, items=", ".join(parts))
    if change.kind == "reordered":
        return msg("{where}: same values, new order {new}", where=where, new=new)
    if change.old is None:
        return msg("{where}: added {new}", where=where, new=new)
    if change.new is None:
        return msg("{where}: removed (was {old})", where=where, old=old)
    return unworded("{where}: {old} → {new}", where=where, old=old, new=new)


def _named(entry: Any) -> str:
    """What a person calls an entry: its name, else (for a recipient named only by its
    kind of business) its category."""
    if not isinstance(entry, dict):
        return ""
    for key in ("name", "category"):
        if entry.get(key) not in (None, "unknown"):
            return f" ({show(entry[key], 80)})"
    return ""


def show(value: Any, limit: int | None = _TEXT_LIMIT) -> str:
    """A value as the register writes it, shortened for one line."""
    if isinstance(value, dict) and set(value) <= {"lv", "en"} and value:
        text = " / ".join(str(value[key]) for key in ("lv", "en") if key in value)
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{key}: {show(item, None)}" for key, item in value.items()) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(show(item, None) for item in value) + "]"
    elif value is None:
        text = "(empty)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
