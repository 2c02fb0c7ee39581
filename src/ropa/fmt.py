"""`ropa fmt`: rewrite register files in one canonical key order and style, losing nothing.

The order is the format's own: top-level keys in `RegisterFile` field order, and within
each mapping the field order of its model (as the published schema lists it), except that
a key naming the kind of mapping (`basis:`, `appointed:`) comes first; keys the
format does not know would follow in their written order, but a file that does not
validate is never rewritten. Indentation becomes the one `yamlio.roundtrip_yaml` writes;
quotes and block or flow styles stay as written.

Comments are taken out of the tree before it is reordered and put back afterwards, each
attached to what it describes:

* comment lines and blank lines above a key or list item stay above it, wherever it moves;
* a comment at the end of a line stays at the end of the line of the key or item it
  followed;
* the comments above the first key (such as the `# yaml-language-server: $schema=` line)
  stay at the top, and those after the last value stay at the end.

Before anything is written the result is read back: if its data differs from the
original's in any value, or a comment is missing, the file is left as it is (FM01).
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa import schema, stdin
from ropa.discovery import discover, display_path
from ropa.errors import InputError
from ropa.findings import Finding, Severity, sorted_findings
from ropa.fmtcache import FormatResult, KnownFormatted, selected
from ropa.i18n import msg
from ropa.position import DataPath, Position, SourceMap
from ropa.validate import collector_paused, validate_register
from ropa.yamlio import (
    DEFAULT_MAX_FILE_BYTES,
    Comment,
    DumpError,
    ParsedDocument,
    anchor_names,
    anchors_on_empty,
    comments,
    dump_roundtrip,
    eol_unsafe_lines,
    keep_anchors,
    lf_breaks,
    parse_fast,
    parse_roundtrip,
    plain_style,
    read_source,
    reorder_mappings,
    strip_comments,
    tree_child,
    without_odd_tabs,
    write_atomic,
)


class FormatRefused(Exception):
    """The formatted text would not hold exactly the original's values and comments."""


class AnchorOnEmptyValue(FormatRefused):
    """An anchor on an empty value (`name: &x`), which the round-trip writer cannot keep:
    the file is left as it is and the user told where, not asked to report a bug."""

    def __init__(self, problem: Finding) -> None:
        super().__init__(problem.message)
        self.problem = problem


class RoundTripUnreadable(FormatRefused):
    """ruamel's round-trip parser refuses what libyaml accepted, even as
    `yamlio.roundtrip_readable` rewrites it (no such valid YAML is known; see YM12)."""

    def __init__(self, problem: Finding) -> None:
        super().__init__(problem.message)
        self.problem = problem


# --------------------------------------------------------------------------- one text


def canonical_order(data: Any) -> Any:
    """The key order function for `reorder_mappings`, reading the format's schema."""

    def order(path: DataPath, keys: list[str]) -> list[str]:
        allowed = schema.key_order(path, data)
        present = set(keys)
        known = [key for key in allowed if key in present]
        listed = set(known)
        return known + [key for key in keys if key not in listed]

    return order


def format_text(text: str, file: str = "<text>") -> str:
    """The canonical form of one register file's text (which must parse).

    The result has LF line breaks whatever the original had (CR LF, a lone CR).
    """
    # Millions of small objects and no cycles worth collecting: the cyclic collector
    # would scan them again and again (as in validation, see collector_paused).
    with collector_paused():
        return _format(text, file)


def _format(text: str, file: str) -> str:
    original = parse_fast(text, file)
    if original.data is None or original.problems:
        raise FormatRefused(msg("the file does not parse cleanly"))
    data = original.data
    # Every later step counts lines by LF: give it the lines the parser sees.
    # ruamel refuses some tabs libyaml reads (`name: SIA\tX`, `role:\tcontroller`):
    # the same data is written without them, so fmt accepts every file validate does.
    readable = without_odd_tabs(lf_breaks(text.removeprefix("\ufeff")))
    before = original if readable == text else parse_fast(readable, file)
    del original  # each large structure is let go as soon as it is done with
    if before.data is None or before.problems or before.source_map is None:
        raise FormatRefused(msg("the file does not parse cleanly"))
    for name, position in anchors_on_empty(readable)[:1]:
        raise AnchorOnEmptyValue(
            Finding(
                code="FM01",
                name="fmt.unsafe",
                message=msg(
                    "not reformatted: the anchor `&{name}` is on an empty value, which the "
                    "rewritten file could not keep",
                    name=name,
                ),
                severity=Severity.ERROR,
                file=file,
                position=position,
                hint=msg("give the key a value after the anchor, or remove the anchor"),
            )
        )
    nodes = _nodes(before.source_map)
    placement = _attach(comments(readable), nodes)
    before.source_map = None  # its marks are not needed while ruamel builds its tree
    bare, reread = _rewrite(readable, before.data, nodes, placement, file)
    del before, nodes
    result = _place(bare, reread, placement)
    del reread, bare
    _verify(readable, result, data, placement, file)
    return result


def _rewrite(
    text: str,
    data: Any,
    nodes: list[tuple[Position, DataPath]],
    placement: _Placement,
    file: str,
) -> tuple[str, ParsedDocument]:
    """The round-trip tree of `text`, without comments, reordered and dumped; and that
    text read back. The tree (the largest structure of all) is freed on return."""
    loaded = parse_roundtrip(text, file, plain=False)
    if loaded.tree is None:
        raise RoundTripUnreadable(loaded.parsed.problems[0])
    tree = loaded.tree
    strip_comments(tree)
    keep_anchors(tree)
    _unfold_commented_flows(tree, placement, nodes)
    reorder_mappings(tree, canonical_order(data))
    # A text with a line ending in blanks (a block's last line of only spaces) keeps them
    # only in quotes: the tidying of blank lines at the end of the file would take them.
    plain_style(tree, _text_paths(data, spaced_only=True))
    try:
        bare = dump_roundtrip(tree)
    except DumpError:
        # The writer fails on some styled text: write every text value in a style it picks.
        plain_style(tree, _text_paths(data))
        bare = _dump(tree)
    reread = parse_fast(bare, file)
    changed = [] if reread.data == data else _differences(reread.data, data)
    if changed:
        # Text the dumper cannot write back in its own style (a folded block with a tab)
        # is written in one it can.
        plain_style(tree, changed)
        bare = _dump(tree)
        reread = parse_fast(bare, file)
    return bare, reread


def _dump(tree: Any) -> str:
    try:
        return dump_roundtrip(tree)
    except DumpError as error:
        raise FormatRefused(
            msg("the YAML writer cannot write it ({error})", error=str(error))
        ) from None


def _text_paths(data: Any, path: DataPath = (), *, spaced_only: bool = False) -> list[DataPath]:
    """The paths of the text values (with `spaced_only`, of those with a line that ends in
    a space or a tab)."""
    if isinstance(data, dict):
        return [
            found
            for key, value in data.items()
            for found in _text_paths(value, (*path, key), spaced_only=spaced_only)
        ]
    if isinstance(data, list):
        return [
            found
            for index, value in enumerate(data)
            for found in _text_paths(value, (*path, index), spaced_only=spaced_only)
        ]
    if not isinstance(data, str) or not path:
        return []
    if spaced_only and not _SPACED_LINE.search(data):
        return []
    return [path]


_SPACED_LINE = re.compile(r"[ \t](?:\n|\Z)")


def _differences(after: Any, before: Any, path: DataPath = ()) -> list[DataPath]:
    """Paths of the text values that differ between two readings of the same document."""
    if isinstance(before, dict) and isinstance(after, dict) and before.keys() == after.keys():
        return [
            found for key in before for found in _differences(after[key], before[key], (*path, key))
        ]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            found
            for index, (new, old) in enumerate(zip(after, before, strict=True))
            for found in _differences(new, old, (*path, index))
        ]
    if isinstance(before, str) and isinstance(after, str) and before != after and path:
        return [path]
    return []


@dataclass
class _Placement:
    """Comments by what they belong to."""

    header: list[Comment] = field(default_factory=list)
    leading: dict[DataPath, list[Comment]] = field(default_factory=dict)
    trailing: dict[DataPath, list[Comment]] = field(default_factory=dict)
    after: dict[DataPath, list[Comment]] = field(default_factory=dict)
    footer: list[Comment] = field(default_factory=list)


def _nodes(source_map: SourceMap) -> list[tuple[Position, DataPath]]:
    """Every key and list item with where it starts, in document order. A list item
    starts at its dash, two columns before its value in the style `roundtrip_yaml`
    writes."""
    nodes = []
    for mark, path, item in source_map.starts():
        line, column = (mark >> 32) + 1, (mark & 0xFFFFFFFF) + 1
        nodes.append((Position(line, max(1, column - 2) if item else column), path))
    nodes.sort(key=_order)
    return nodes


def _order(node: tuple[Position, DataPath]) -> tuple[Position, int]:
    return node[0], len(node[1])  # at one position, a parent before its child


def _attach(found: list[Comment], nodes: list[tuple[Position, DataPath]]) -> _Placement:
    placement = _Placement()
    starts = [position.line for position, _path in nodes]
    for comment in found:
        if comment.inline:
            owner = _inline_owner(nodes, comment)
            if owner is None:
                placement.header.append(comment)
            else:
                placement.trailing.setdefault(owner, []).append(comment)
            continue
        if not nodes or comment.line < starts[0]:
            placement.header.append(comment)
            continue
        following = _first_after(starts, comment.line)
        if following is None:
            placement.footer.append(comment)
            continue
        closing = _closing_owner(nodes, following, comment)
        if closing is not None:
            placement.after.setdefault(closing, []).append(comment)
        else:
            placement.leading.setdefault(nodes[following][1], []).append(comment)
    return placement


def _closing_owner(
    nodes: list[tuple[Position, DataPath]], following: int, comment: Comment
) -> DataPath | None:
    """For a comment indented deeper than the key or item after it, the key or item it
    closes: the last one above it at its indentation or less. Such a comment ends a
    block (`# end of the list`), and stays after that block wherever it moves."""
    if not comment.text or comment.column <= nodes[following][0].column:
        return None
    successor = nodes[following][1]
    for index in range(following - 1, -1, -1):
        position, path = nodes[index]
        if position.column <= comment.column:
            # A block that holds the next item is not closed yet: the comment opens it
            # (`purposes: [` / `  # main` / `  {purpose: …}`: a flow item has no dash, so
            # it starts two columns right of where a dash would put it).
            return None if successor[: len(path)] == path else path
    return None


def _first_after(starts: list[int], line: int) -> int | None:
    index = bisect.bisect_right(starts, line)
    return index if index < len(starts) else None


def _inline_owner(nodes: list[tuple[Position, DataPath]], comment: Comment) -> DataPath | None:
    """The last key or item that starts on the comment's line before it; else the last
    one that starts above it (the comment ends a construct over several lines)."""
    index = bisect.bisect_left(nodes, (Position(comment.line, comment.column),))
    return nodes[index - 1][1] if index else None


def _block_end(nodes: list[tuple[Position, DataPath]], index: int) -> int:
    """The index just after the last node inside the node at `index` (its key or item
    and everything under it: a subtree is contiguous in document order)."""
    path = nodes[index][1]
    depth = len(path)
    end = index + 1
    while end < len(nodes) and nodes[end][1][:depth] == path:
        end += 1
    return end


def _unfold_commented_flows(
    tree: Any, placement: _Placement, nodes: list[tuple[Position, DataPath]]
) -> None:
    """Write in block style each flow collection (`[a, b]`, `{k: v}`) that holds a
    comment between its items, so that each comment can stay next to its item.

    ruamel writes a flow collection on one line: comments written inside one over several
    lines would all end up on that line, away from the items they describe.
    """
    owned = {
        path
        for group in (placement.leading, placement.trailing, placement.after)
        for path, found in group.items()
        if any(comment.text for comment in found)
    }
    if not owned:
        return
    index_of = {path: index for index, (_position, path) in enumerate(nodes)}
    for path in owned:
        chain = _flow_chain(tree, path)
        if not chain:
            continue
        outer = chain[0]  # the outermost flow collection the comment's owner lies in
        if outer in index_of:
            first = index_of[outer]
            inside = nodes[first : _block_end(nodes, first)]
        else:  # the document itself is a flow mapping
            inside = nodes
        if len({position.line for position, _path in inside}) > 1:
            for container_path in chain:
                _container(tree, container_path).fa.set_block_style()
            # Its end-of-line comments stood where the flow's lines ended: their columns
            # mean nothing in a block.
            for owner, found in placement.trailing.items():
                if owner[: len(outer)] == outer:
                    found[:] = [dataclasses.replace(comment, column=1) for comment in found]


def _flow_chain(tree: Any, path: DataPath) -> list[DataPath]:
    """The paths of the flow-style collections `path` lies inside, outermost first."""
    chain: list[DataPath] = []
    node = tree
    for depth, element in enumerate(path):
        if _is_flow(node):
            chain.append(path[:depth])
        try:
            node = tree_child(node, element)
        except (KeyError, IndexError, TypeError):  # pragma: no cover - paths come from the tree
            break
    return chain


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return fa is not None and fa.flow_style() is True


def _container(tree: Any, path: DataPath) -> Any:
    node = tree
    for element in path:
        node = tree_child(node, element)
    return node


def _place(bare: str, reread: ParsedDocument, placement: _Placement) -> str:
    lines = bare.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if reread.source_map is None:  # pragma: no cover - ruamel wrote what it read
        raise FormatRefused(msg("the rewritten text does not parse"))
    layout = _Layout(_nodes(reread.source_map))
    new_start, new_column = layout.line_of, layout.column_of
    unsafe = eol_unsafe_lines(bare)

    # Lines to write above a line, each with the original line number to keep their order.
    above: dict[int, list[tuple[int, str]]] = collections.defaultdict(list)
    footer: list[tuple[int, str]] = []
    for path, group in placement.leading.items():
        target = new_start[path]
        indent = _indent(lines[target - 1])
        for comment in group:
            above[target].append((comment.line, indent + comment.text if comment.text else ""))
    for path, group in placement.after.items():
        following = _line_after_block(path, layout)
        indent = " " * (new_column[path] - 1)
        for comment in group:
            where = above[following] if following is not None else footer
            where.append((comment.line, indent + comment.text))
    at_end: dict[int, list[Comment]] = collections.defaultdict(list)
    for path, group in placement.trailing.items():
        target = new_start[path]
        for comment in group:
            if target in unsafe or at_end[target]:
                # One comment per line end, and never inside a value: the rest go above.
                above[target].append((comment.line, _indent(lines[target - 1]) + comment.text))
            else:
                at_end[target].append(comment)

    out = [_header_line(comment) for comment in placement.header]
    inside: set[int] = set()  # indices of lines within a text value: kept as they are
    for number, text in enumerate(lines, start=1):
        out.extend(comment for _order, comment in sorted(above.get(number, ())))
        if number in unsafe:
            inside.add(len(out))
        out.append(_with_comments(text, at_end.get(number, ())))
    out.extend(comment for _order, comment in sorted(footer))
    out.extend(_header_line(comment) for comment in placement.footer)
    return "\n".join(_single_blank_lines(out, inside)) + "\n"


def _single_blank_lines(lines: list[str], inside: set[int]) -> list[str]:
    """No blank line at the start or end, and never two in a row between keys (yamllint's
    defaults allow two; one is what the examples and `ropa init` write). Lines within a
    text value are its text, and stay."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in inside:
            kept.append(line)
            continue
        if line.strip() == "" and (not kept or kept[-1] == ""):
            continue
        kept.append("" if line.strip() == "" else line)
    while kept and kept[-1] == "":
        kept.pop()
    return kept


def _with_comments(line: str, found: Sequence[Comment]) -> str:
    """`line` with comments at its end, at their original column when there is room."""
    for comment in found:
        gap = comment.column - 1 - len(line)
        line = line + " " * (gap if gap >= 2 else 2) + comment.text  # 2: yamllint's minimum
    return line


def _line_after_block(path: DataPath, layout: _Layout) -> int | None:
    """The line of the first key or item after the block of `path` (None: the end)."""
    index = layout.index_of[path]
    last = max(
        position.line for position, _path in layout.nodes[index : _block_end(layout.nodes, index)]
    )
    following = bisect.bisect_right(layout.starts, last)
    return layout.starts[following] if following < len(layout.starts) else None


class _Layout:
    """Where each key and list item of a text starts, indexed for lookups."""

    def __init__(self, nodes: list[tuple[Position, DataPath]]) -> None:
        self.nodes = nodes
        self.starts = [position.line for position, _path in nodes]
        self.index_of = {path: index for index, (_position, path) in enumerate(nodes)}
        self.line_of = {path: position.line for position, path in nodes}
        self.column_of = {path: position.column for position, path in nodes}


def _header_line(comment: Comment) -> str:
    if not comment.text:
        return ""
    if comment.inline:  # it followed `---` or a directive, which are not written
        return comment.text
    return " " * (comment.column - 1) + comment.text


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def comment_texts(text: str) -> list[str]:
    """The text of every comment, in order (blank lines left out)."""
    return [comment.text for comment in comments(text) if comment.text]


def _verify(original: str, result: str, data: Any, placement: _Placement, file: str) -> None:
    """Refuse (FM01) unless the result holds the original's data, anchors and comments,
    each comment still with the key or item it belongs to.

    Comments are checked twice, in two independent ways: each one found in the original
    is found in the result next to its key or item (above it or at the end of its line,
    after its block for a comment that closes one, at the top or the end of the file);
    and the result has at least as many `#` as the original, so that a comment the
    comment scanner itself failed to see cannot vanish either (values are the same, so
    any `#` missing is a comment's).
    """
    after = parse_fast(result, file)
    if after.problems or after.data != data or after.source_map is None:
        raise FormatRefused(msg("the rewritten file would not hold the same values"))
    if anchor_names(result) != anchor_names(original):
        raise FormatRefused(msg("the rewritten file would not keep every anchor (`&name`)"))
    if result.count("#") < original.count("#"):
        raise FormatRefused(msg("the rewritten file would not keep every comment"))
    layout = _Layout(_nodes(after.source_map))
    expected = collections.Counter(_expected_places(placement, layout))
    found = collections.Counter(_found_places(comments(result), layout))
    if expected != found:
        missing = expected - found
        if missing:
            text, _where = next(iter(missing))
            raise FormatRefused(
                msg(
                    "the rewritten file would not keep the comment `{text}` in its place", text=text
                )
            )
        raise FormatRefused(msg("the rewritten file would hold a comment the original did not"))


# A comment's place, as the guard compares it: the line of the key or item it stands
# above or at the end of (`_END`: after the last one).
_END = 0


def _expected_places(placement: _Placement, layout: _Layout) -> list[tuple[str, int]]:
    first = layout.starts[0] if layout.starts else _END
    places = [(comment.text, first) for comment in placement.header]
    places += [(comment.text, _END) for comment in placement.footer]
    for group in (placement.leading, placement.trailing):
        for path, found in group.items():
            places += [(comment.text, layout.line_of[path]) for comment in found]
    for path, found in placement.after.items():
        line = _line_after_block(path, layout) or _END
        places += [(comment.text, line) for comment in found]
    return [(text, line) for text, line in places if text]


def _found_places(found: list[Comment], layout: _Layout) -> list[tuple[str, int]]:
    places = []
    for comment in found:
        if not comment.text:
            continue
        if comment.inline:
            places.append((comment.text, comment.line))
            continue
        following = _first_after(layout.starts, comment.line)
        places.append((comment.text, layout.starts[following] if following is not None else _END))
    return places


# --------------------------------------------------------------------------- paths


def format_paths(
    paths: Sequence[str],
    *,
    check: bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: Callable[[Path], bool] | None = None,
    use_cache: bool = False,
) -> FormatResult:
    """Format the register files under `paths`; with `check`, only say what would change.

    A register that does not validate is reported and none of its files is touched. Of a
    split register, only the files named or lying under a named directory are formatted.
    With `use_cache` (and `ropa.cache` on), a register an earlier run found valid and
    formatted, byte for byte as it is now, is neither validated nor formatted again.
    """
    sources, problems = discover(paths, exclude=exclude)
    result = FormatResult(findings=list(problems), check=check)
    given = [Path(path).absolute() for path in paths]
    known = KnownFormatted.load(max_file_bytes) if use_cache else None
    for source in sources:
        contents = known.contents(source) if known is not None else None
        if (
            known is not None
            and contents is not None
            and known.answer(source, contents, given, result)
        ):
            continue
        register, findings, files, _activities = validate_register(
            source, max_file_bytes=max_file_bytes
        )
        result.files.extend(files)
        result.registers.append(display_path(source.root))
        if register is None:
            result.findings.extend(findings)
            continue
        del register  # a valid model of every activity: not needed to format the text
        for path, shown in zip(source.files, files, strict=True):
            if selected(path, given):
                formatted = _format_file(
                    path, shown, result, check=check, max_file_bytes=max_file_bytes
                )
                if formatted and known is not None and contents is not None:
                    known.add_formatted(contents[path])
        if known is not None and contents is not None:
            # Valid as it was read: `contents` were taken before validation read the files.
            known.add_valid(source, contents)
    if known is not None:
        known.save()
    result.findings = sorted_findings(result.findings)
    return result


def _format_file(
    path: Path, shown: str, result: FormatResult, *, check: bool, max_file_bytes: int
) -> bool:
    """Format one file (or say what would change); whether it was formatted already."""
    try:
        text = read_source(path, display=shown, max_bytes=max_file_bytes)
    except InputError as error:
        result.findings.append(error.to_finding())
        return False
    try:
        formatted = format_text(text, shown)
    except RoundTripUnreadable as unreadable:
        result.findings.append(_unreadable(unreadable.problem))
        return False
    except AnchorOnEmptyValue as anchored:
        result.findings.append(anchored.problem)
        return False
    except FormatRefused as refused:
        reason = refused.args[0] if refused.args else str(refused)
        result.findings.append(_refused(shown, reason))
        return False
    if stdin.text_for(path) is not None:
        result.output = formatted
    if formatted == text:
        result.unchanged.append(shown)
        return True
    result.changed.append(shown)
    result.texts[shown] = (text, formatted)
    if not check and stdin.text_for(path) is None:
        try:
            write_atomic(path, formatted)
        except OSError as error:
            problem = InputError(
                msg(
                    "cannot write the file: {reason}",
                    reason=error.strerror or type(error).__name__,
                ),
                file=shown,
            )
            result.findings.append(problem.to_finding())
            result.changed.remove(shown)
            del result.texts[shown]
    return False


def _unreadable(problem: Finding) -> Finding:
    return Finding(
        code="FM01",
        name="fmt.unsafe",
        message=msg(
            "not reformatted: the rewriting parser stops here: {problem}", problem=problem.message
        ),
        severity=Severity.ERROR,
        file=problem.file,
        position=problem.position,
        hint=msg(
            "YAML readers differ on this line (a tab after `key:` is the usual cause); "
            "write it plainly, with spaces, and run ropa fmt again"
        ),
    )


def _refused(shown: str, reason: str) -> Finding:
    return Finding(
        code="FM01",
        name="fmt.unsafe",
        message=msg("not reformatted: {reason}; the file is left as it is", reason=reason),
        severity=Severity.ERROR,
        file=shown,
        position=Position(1, 1),
        hint=msg("this is a bug in ropa: please report it with the file"),
        positioned=False,
    )


__all__ = [
    "AnchorOnEmptyValue",
    "FormatRefused",
    "FormatResult",
    "KnownFormatted",
    "RoundTripUnreadable",
    "canonical_order",
    "comment_texts",
    "format_paths",
    "format_text",
]
