"""The only user of ruamel.yaml: reading sources, parsing them with positions, writing back.

Two loaders, one result:

* `parse_fast` walks libyaml's event stream (ruamel.yaml.clib's C parser) and builds plain
  dicts, lists and scalars with a `SourceMap` beside them. It is what every read-only
  command uses: about five times faster than a full safe load and a fraction of its memory.
* `parse_roundtrip` uses ruamel's round-trip loader, which keeps comments and order, for
  commands that rewrite files. It returns the same plain data and positions (a test holds
  the two to that) plus the round-trip tree to edit.

Scalars are resolved by the YAML 1.2 core schema whatever the parser: `NO` is Norway, not
false; `on` and `yes` are text; dates stay text for the model to parse. Positions follow
two conventions both parsers can honour: an empty or null mapping value is located at its
key, and an alias at the node it names.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import math
import os
import re
import stat
import sys
import warnings
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.resolver import BaseResolver

from ropa import stdin, yamlcheck
from ropa.errors import InputError
from ropa.findings import INPUT_CODES, Finding, Severity
from ropa.i18n import Message, Number, msg
from ropa.position import START, DataPath, Position, SourceMap, pack_mark
from ropa.scalars import key_text, resolve_plain

try:  # libyaml's parser, from ruamel.yaml.clib (a declared dependency)
    import _ruamel_yaml as _clib

    C_PARSER_AVAILABLE = True
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _clib = None
    C_PARSER_AVAILABLE = False

# A register of 50,000 activities is about 70 MB; anything much larger is not a register
# someone edits by hand, and reading it would cost seconds and gigabytes.
DEFAULT_MAX_FILE_BYTES = 80 * 1024 * 1024
# Deeper than any register can be (the format nests about eight levels); protects every
# later recursive walk from hostile input.
MAX_DEPTH = 64
# Aliases share nodes, so expanding them costs nothing here but everything later: bound
# the expanded size ("billion laughs") before validation walks it.
ALIAS_EXPANSION_FACTOR = 10
ALIAS_EXPANSION_FLOOR = 10_000

_YAML_TAG = "tag:yaml.org,2002:"
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


# --------------------------------------------------------------------------- reading


def read_source(path: Path, *, display: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> str:
    """Read a file as text, or raise `InputError` saying what is wrong and how to fix it.

    Only regular files are read: a FIFO or a device named like a register would block or
    never end. The size is checked before reading, and the read is bounded all the same
    (some files report no size). Standard input, when it stands in for `path`, is read
    instead (`ropa.stdin`).
    """
    given = stdin.text_for(path)
    if given is not None:
        return given
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(msg("no such file"), file=display, hint=msg("check the path")) from None
    except IsADirectoryError:
        raise InputError(
            msg("is a directory, not a file"),
            file=display,
            hint=msg("pass the directory itself"),
        ) from None
    except PermissionError:
        raise InputError(
            msg("permission denied"), file=display, hint=msg("make the file readable")
        ) from None
    except OSError as error:
        raise _unreadable(display, error) from None
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise InputError(
                msg("is a directory, not a file"),
                file=display,
                hint=msg("pass the directory itself"),
            )
        if not stat.S_ISREG(mode):
            raise InputError(
                msg("is not a regular file (it is a {kind})", kind=_file_kind(mode)),
                file=display,
                hint=msg("pass a register file"),
            )
        if status.st_size > max_bytes:
            raise _too_large(display, max_bytes)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # Ask for the size the file reports (and one byte more, to see it grow): asking
            # for the limit would allocate a buffer of the whole limit first.
            raw = stream.read(min(status.st_size, max_bytes) + 1)
            if len(raw) > status.st_size:  # it grew, or reports no size (/proc, some FUSE)
                raw += stream.read(max_bytes + 1 - len(raw))
    except OSError as error:
        raise _unreadable(display, error) from None
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:
        raise _too_large(display, max_bytes)
    return decode_source(raw, display=display)


def _unreadable(display: str, error: OSError) -> InputError:
    reason = error.strerror or type(error).__name__
    return InputError(msg("cannot read the file: {reason}", reason=reason), file=display)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return msg("named pipe")
    if stat.S_ISSOCK(mode):
        return msg("socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("device")
    return msg("special file")  # pragma: no cover - every kind above is covered


def _too_large(display: str, max_bytes: int) -> InputError:
    error = InputError(
        msg("file is larger than {size} MiB", size=max_bytes // (1024 * 1024)),
        file=display,
        hint=msg(
            "split the register into a directory of files (see docs/format.md), "
            "or raise the limit with --max-file-size"
        ),
    )
    error.code, error.name = "IN03", "input.too-large"
    return error


def decode_source(raw: bytes, *, display: str) -> str:
    """Decode YAML bytes: UTF-8 (with or without a BOM), or UTF-16/32 with a BOM."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                shown = encoding.upper()
                raise _encoding_error(
                    msg(
                        "the file is marked {encoding} but is not valid {encoding}", encoding=shown
                    ),
                    display,
                    START,
                ) from None
    # NUL bytes are valid UTF-8, so UTF-16 text without a BOM would decode into garbage.
    if len(raw) >= 4 and raw[:4].count(0) == 2 and 0 in (raw[0], raw[1]):
        raise _encoding_error(
            msg("the file looks like UTF-16 without a byte order mark"), display, START
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        raise _encoding_error(
            msg(
                "the file is not valid UTF-8 (byte {byte} at line {line}, column {column})",
                byte=f"0x{byte:02X}",
                line=line,
                column=column,
            ),
            display,
            Position(line, column),
            _guess_legacy_encoding(raw),
        ) from None


# Encodings Latvian text was commonly saved in before UTF-8.
_LEGACY_ENCODINGS = (("cp1257", "Windows-1257 (Baltic)"), ("iso8859_13", "ISO 8859-13"))
_LATVIAN_LETTERS = frozenset("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")


def legacy_latvian_encoding(raw: bytes) -> tuple[str, str] | None:
    """The pre-UTF-8 encoding Latvian text in `raw` was saved in, as (codec, name), where
    one decodes it with Latvian letters in it; None otherwise."""
    for codec, name in _LEGACY_ENCODINGS:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(character in _LATVIAN_LETTERS for character in text):
            return codec, name
    return None


def _guess_legacy_encoding(raw: bytes) -> str | None:
    found = legacy_latvian_encoding(raw)
    return found[1] if found else None


def _encoding_error(
    message: str, display: str, position: Position, legacy: str | None = None
) -> InputError:
    save = msg("save the file as UTF-8 (Latvian letters such as ā, č, ē, š, ž need it)")
    error = InputError(
        message,
        file=display,
        position=position,
        hint=msg("it looks like {encoding}; {save}", encoding=legacy, save=save)
        if legacy
        else save,
    )
    error.code, error.name = "IN02", "input.encoding"
    return error


# --------------------------------------------------------------------------- parsing


@dataclass
class ParsedDocument:
    """Plain data with its positions, and the problems found while parsing.

    `data` is None when the document could not be parsed at all (then `problems` says why).
    """

    file: str
    data: Any
    source_map: SourceMap | None
    problems: list[Finding] = field(default_factory=list)


def _problem(
    file: str, code: str, name: str, message: str, position: Position, hint: str | None = None
) -> Finding:
    return Finding(
        code=code,
        name=name,
        message=message,
        severity=Severity.ERROR,
        file=file,
        position=position,
        hint=hint,
    )


def _mark_position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_SCALAR, _MAP_START, _MAP_END, _SEQ_START, _SEQ_END, _ALIAS, _DOC_START, _OTHER = range(8)


def _event_kinds() -> dict[type, int]:
    kinds: dict[type, int] = {
        ScalarEvent: _SCALAR,
        MappingStartEvent: _MAP_START,
        MappingEndEvent: _MAP_END,
        SequenceStartEvent: _SEQ_START,
        SequenceEndEvent: _SEQ_END,
        AliasEvent: _ALIAS,
    }
    if _clib is not None:
        kinds.update(
            {
                _clib.ScalarEvent: _SCALAR,
                _clib.MappingStartEvent: _MAP_START,
                _clib.MappingEndEvent: _MAP_END,
                _clib.SequenceStartEvent: _SEQ_START,
                _clib.SequenceEndEvent: _SEQ_END,
                _clib.AliasEvent: _ALIAS,
                _clib.DocumentStartEvent: _DOC_START,
            }
        )
    from ruamel.yaml.events import DocumentStartEvent

    kinds[DocumentStartEvent] = _DOC_START
    return kinds


_KINDS = _event_kinds()


def _event_source(text: str, use_c: bool) -> Callable[[], Any]:
    if use_c and _clib is not None:
        return _clib.CParser(text).get_event  # type: ignore[no-any-return]
    events: Iterator[Any] = YAML(typ="safe", pure=True).parse(text)
    return lambda: next(events, None)


class _Abort(Exception):
    """Stops building a document after a problem that leaves nothing sensible to build."""

    def __init__(self, problem: Finding) -> None:
        self.problem = problem


class _UnsetType:
    pass


_UNSET: Any = _UnsetType()
_SKIP: Any = _UnsetType()  # the value of a rejected key is read and dropped


# Below this many characters (about 400 activities) libyaml reads the file: importing
# rapidyaml costs some 60 ms, more than it saves on a smaller register (20 activities
# parse in 5 ms), and a pre-commit run reads small files.
RAPID_FROM = 512 * 1024


def parse_fast(text: str, file: str, *, use_c: bool = True, engine: str = "auto") -> ParsedDocument:
    """Parse one YAML document into plain data and a source map.

    With the `fast` extra installed (rapidyaml), an ordinary register of some size is read
    by `ropa.yamlrapid`, which computes positions only when they are asked for; anything
    else, and every document with an error, is read from libyaml's events here.
    `engine="libyaml"` (or the environment variable `ROPA_YAML_ENGINE=libyaml`) leaves
    rapidyaml out.

    libyaml reads YAML 1.1 and misreads or refuses some YAML 1.2 (see "YAML 1.2" below):
    such documents are read by ruamel's YAML 1.2 parser through the same builder, so data,
    positions and findings come out the same way; the rest is refused by name.
    """
    return _parse_fast([text], file, use_c=use_c, engine=engine)


def parse_file(
    path: Path, *, display: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> ParsedDocument:
    """`read_source` and `parse_fast` in one, holding the text no longer than needed.

    Raises `InputError` as `read_source` does. A caller of `parse_fast` keeps the text
    alive through the parse; here the parse is its only holder, and a common register is
    parsed from its UTF-8 bytes with the text let go (see `_parse_fast`).
    """
    return _parse_fast([read_source(path, display=display, max_bytes=max_bytes)], display)


def _parse_fast(
    holder: list[str], file: str, *, use_c: bool = True, engine: str = "auto"
) -> ParsedDocument:
    """`parse_fast` of the text in `holder`, which it takes out (and so may free). No
    frame but the last keeps a reference to the text: the libyaml path lets it go while it
    parses the bytes, and a caller's reference would keep it alive (113 MiB at 50,000
    activities)."""
    if (
        use_c
        and engine != "libyaml"
        and len(holder[0]) >= RAPID_FROM
        and os.environ.get("ROPA_YAML_ENGINE") != "libyaml"
    ):
        rapid = parse_rapid(holder[0], file)
        if rapid is not None:
            return rapid
    return _parse_libyaml(holder, file, use_c=use_c)


def parse_rapid(text: str, file: str) -> ParsedDocument | None:
    """`text` read by the rapidyaml engine, or None where that engine leaves it to libyaml
    (or is not installed). Only a document without problems is read there."""
    from ropa import yamlrapid

    source = complete_last_line(text)
    if not yamlrapid.eligible(source):
        return None

    def reference(text: str) -> SourceMap | None:
        return _parse_libyaml([text], file, use_c=True).source_map

    parsed = yamlrapid.parse(source, reference)
    if parsed is None:
        return None
    data, source_map = parsed
    return ParsedDocument(file, data, source_map)


def _parse_libyaml(holder: list[str], file: str, *, use_c: bool) -> ParsedDocument:
    text = holder.pop()
    source = complete_last_line(text)
    c_first = use_c and _clib is not None and not libyaml_misreads(source)
    if c_first and source is text and not _needs_text_after_parse(text):
        # libyaml reads UTF-8 bytes: given text, the parser encodes a copy and the text
        # stays alive beside it, at two bytes a character once it holds a Latvian letter
        # (113 MiB at 50,000 activities, the largest object of the parse's peak). Encode
        # once and let the text go; a document with a problem, or with nodes that
        # ropa.yamlcheck must read in the text, is read the usual way.
        encoded = [text.encode("utf-8")]
        del text, source
        built = _build_encoded(encoded, file)
        if built is not None and not built[0].problems and not encoded:
            return built[0]
        text = source = encoded.pop().decode("utf-8")
        if built is None or built[0].problems:
            document, spans = _build(source, file, use_c=True)
        else:  # read, with nodes ropa.yamlcheck looks at in the text
            document, spans, lone = built
            if lone:
                spans = [*spans, *_lone_indicators(source, True)]
    else:
        document, spans = _build(source, file, use_c=c_first)
    if c_first and _syntax_refused(document) and _libyaml_deviation(document):
        try:
            fallback, fallback_spans = _build(source, file, use_c=False)
        except Exception:
            fallback, fallback_spans = document, spans
        if not _syntax_refused(fallback):
            document, spans = fallback, fallback_spans
    document = refuse_unsupported(document, source)
    if spans and document.data is not None:
        # Invalid YAML the parser read (ropa.yamlcheck): refused as a syntax error.
        invalid = yamlcheck.invalid_yaml(source, spans, file)
        if invalid is not None:
            document = ParsedDocument(file, None, None, [invalid])
    return _in_file_lines(document, text)


def _needs_text_after_parse(text: str) -> bool:
    """Whether a document that parses without a problem may still need its text: for the
    refusals of `refuse_unsupported`, for line breaks other than LF, or a second BOM."""
    return (
        ("?" in text and _FLOW_QUESTION.search(text) is not None)
        or _glued_hash(text)
        or _ODD_BREAK.search(text) is not None
        or text.startswith("\ufeff")
    )


def _build_encoded(
    encoded: list[bytes], file: str
) -> tuple[ParsedDocument, list[yamlcheck.Span], bool] | None:
    """`_build` with libyaml on the UTF-8 bytes in `encoded`, and whether the document
    holds a text `-` or `:`; None where a syntax error needs the text. The bytes are
    taken out of `encoded` (and freed) once a document is read that needs no more of
    them; otherwise they are left there."""
    assert _clib is not None
    builder = _EventBuilder(file, _clib.CParser(encoded[0]).get_event, encoded.clear)
    try:
        document = builder.build()
    except _Abort as abort:
        return ParsedDocument(file, None, None, [abort.problem]), [], False
    except YAMLError:
        return None
    return document, builder.spans, "-" in builder.texts or ":" in builder.texts


def _build(text: str, file: str, *, use_c: bool) -> tuple[ParsedDocument, list[yamlcheck.Span]]:
    """The document, and the spans of its nodes `ropa.yamlcheck` looks at."""
    get_event = _event_source(text, use_c)
    builder = _EventBuilder(file, get_event)
    try:
        document = builder.build()
    except _Abort as abort:
        return ParsedDocument(file, None, None, [abort.problem]), []
    except YAMLError as error:
        problem = syntax_problem(error, file, text, byte_offsets=use_c and _clib is not None)
        return ParsedDocument(file, None, None, [problem]), []
    spans = builder.spans
    if "-" in builder.texts or ":" in builder.texts:
        # A text `-` or `:` (few registers hold one): look for a plain one, alone.
        spans = [*spans, *_lone_indicators(text, use_c)]
    return document, spans


def _lone_indicators(text: str, use_c: bool) -> Iterator[yamlcheck.Span]:
    """Each plain scalar `-` or `:` of a text, as a span (its holder is not needed)."""
    get_event = _event_source(text, use_c)
    with contextlib.suppress(YAMLError):
        while (event := get_event()) is not None:
            if (
                _KINDS.get(type(event)) == _SCALAR
                and not event.style
                and event.tag is None
                and event.value in ("-", ":")
            ):
                start, end = event.start_mark, event.end_mark
                yield yamlcheck.Span(
                    yamlcheck.LONE,
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    yamlcheck.ROOT,
                )


def yamlcheck_spans(events: Iterable[Any]) -> list[yamlcheck.Span]:
    """The spans `ropa.yamlcheck` looks at, from a whole event stream (libyaml's or
    ruamel's event objects, or any with their attributes).

    `_EventBuilder` collects the same spans while it builds, at no cost for nodes that
    cannot go wrong; this is the plain definition, for a parse engine that has events but
    does not collect spans itself, and to hold the builder to the same answer.
    """
    spans: list[yamlcheck.Span] = []
    # Per open collection: [start event, is a mapping, next node is a key, key mark,
    #                       what holds the collection].
    stack: list[list[Any]] = []
    for event in events:
        kind = _KINDS.get(type(event), _OTHER)
        if kind in (_MAP_END, _SEQ_END):
            opening, _mapping, _key_next, _key_mark, held = stack.pop()
            start, end = opening.start_mark, event.start_mark
            if opening.flow_style and end.line != start.line and held is not None:
                spans.append(_span(yamlcheck.FLOW, start, end, held))
            _node_done(stack, start)
            continue
        if kind not in (_SCALAR, _ALIAS, _MAP_START, _SEQ_START):
            continue
        start = event.start_mark
        held = _holder(stack, start)
        if kind in (_MAP_START, _SEQ_START):
            stack.append([event, kind == _MAP_START, True, 0, held])
            continue
        if kind == _SCALAR:
            end, style = event.end_mark, event.style
            if not style and event.tag is None and event.value in ("-", ":"):
                spans.append(_span(yamlcheck.LONE, start, end, (yamlcheck.ROOT, 0)))
            elif style and end.line != start.line and held is not None:
                if style not in ("|", ">"):
                    spans.append(_span(yamlcheck.QUOTED, start, end, held))
                elif event.value[:1] in ("", "\n"):  # a block scalar opening with a blank line
                    spans.append(_span(yamlcheck.BLOCK, start, end, held))
        _node_done(stack, start)
    return spans


def _node_done(stack: list[list[Any]], start: Any) -> None:
    """A node that started at `start` is complete: in a mapping, a key or a value."""
    if stack and stack[-1][1]:
        frame = stack[-1]
        if frame[2]:
            frame[3] = pack_mark(start.line, start.column)
        frame[2] = not frame[2]


def _holder(stack: list[list[Any]], start: Any) -> tuple[int, int] | None:
    """What holds a node starting at `start`: (ROOT/KEY/ITEM, packed mark); None inside
    a flow collection (whose own lines are checked)."""
    if not stack:
        return yamlcheck.ROOT, 0
    opening, is_mapping, key_next, key_mark, _held = stack[-1]
    if opening.flow_style:
        return None
    if not is_mapping:
        return yamlcheck.ITEM, pack_mark(opening.start_mark.line, opening.start_mark.column)
    if key_next:
        return yamlcheck.KEY, pack_mark(start.line, start.column)
    return yamlcheck.KEY, key_mark


def _span(kind: int, start: Any, end: Any, held: tuple[int, int]) -> yamlcheck.Span:
    holder, mark = held
    return yamlcheck.Span(
        kind, start.line, start.column, end.line, end.column, holder, mark >> 32, mark & 0xFFFFFFFF
    )


# --------------------------------------------------------------------------- YAML 1.2
#
# The official YAML test suite (tests/test_yaml_conformance.py) found where libyaml, a
# YAML 1.1 parser, and ruamel's YAML 1.2 parser part from the specification. Each rule
# here is named after what it routes around; none of it changes a document both read
# right, and the common register takes none of the slow paths.

# An anchor with a `:` in its name (`&an:chor`): libyaml ends the name at the colon and
# reads the rest into the value. ruamel reads it right.
_ANCHOR_WITH_COLON = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},:]*:\S", re.MULTILINE)


def libyaml_misreads(text: str) -> bool:
    """Whether `text` holds a construct libyaml reads into different data without an error."""
    return "&" in text and _ANCHOR_WITH_COLON.search(text) is not None


def complete_last_line(text: str) -> str:
    """`text` with a line break after a last line of only spaces and tabs.

    Both parsers drop the line breaks a block scalar keeps (`|+`, or a line of spaces
    inside its text) when the input ends in such a line without a break; with the break
    they read it as the specification says. Nothing else in a document changes.
    """
    if not text or text[-1] in "\n\r":
        return text
    last = text[max(text.rfind("\n"), text.rfind("\r")) + 1 :]
    return text + "\n" if not last.strip(" \t") else text


# libyaml's errors on YAML 1.2 it does not take (`:` and `?` in flow scalars, anchor
# names, tabs as separation, a zero-indented block scalar, YAML 1.1 line breaks, reserved
# directives). Only these are tried again with ruamel: others (a bad escape, a control
# character) stand, since ruamel accepts some of them wrongly (a lone surrogate escape).
_LIBYAML_DEVIATIONS = (
    "found unexpected ':'",
    "did not find expected node content",
    "did not find expected alphabetic or numeric character",
    "mapping values are not allowed",
    "did not find expected <document start>",
    "did not find expected ',' or",
    "found character that cannot start any token",
    "could not find expected ':'",
    "found unknown directive name",
    "did not find expected key",
    "found a tab character",
)


def _libyaml_deviation(document: ParsedDocument) -> bool:
    return any(
        problem.code == "YM01" and problem.message.startswith(_LIBYAML_DEVIATIONS)
        for problem in document.problems
    )


def _syntax_refused(document: ParsedDocument) -> bool:
    return document.data is None and any(problem.code == "YM01" for problem in document.problems)


# `?x` inside `[...]` or `{...}`: YAML 1.2 reads the text `?x`; libyaml and ruamel read a
# key `x` (YAML 1.1). The cheap test finds candidates; the events confirm.
_FLOW_QUESTION = re.compile(r"[\[{,][ \t\r\n]*\?[^ \t\r\n]")
_DIRECTIVE = re.compile(r"%[A-Za-z]")


def refuse_unsupported(document: ParsedDocument, text: str) -> ParsedDocument:
    """The document, or a refusal naming the YAML feature it uses that registers do not.

    A syntax error that is really a directive or a tab used as YAML 1.2 allows it is
    said to be that, so nobody hunts for a mistake in a valid file.
    """
    file = document.file
    if document.data is not None and "?" in text and _FLOW_QUESTION.search(text):
        position = _question_indicator_misread(text)
        if position is not None:
            problem = _problem(
                file,
                "YM11",
                "yaml.unsupported",
                msg(
                    "a plain text starting with `?` inside a flow collection (`[?x]`, "
                    "`{?x: y}`): YAML parsers disagree on it, and registers do not use it"
                ),
                position,
                msg('quote the text, e.g. ["?x"], or write the list or mapping in block style'),
            )
            return ParsedDocument(file, None, None, [problem])
    if not document.problems and _glued_hash(text):
        glued = _glued_indicator(text, file)
        if glued is not None:
            return ParsedDocument(file, None, None, [glued])
    if not _syntax_refused(document):
        return document
    problems = [_named_refusal(problem, text) for problem in document.problems]
    return dataclasses.replace(document, problems=problems)


# Invalid YAML both parsers read: a `#` glued to a closing quote or bracket, a comma, a
# block scalar header or a directive (`"value"#note`, `[a, b]#note`) is no comment. A
# scan for `#` (few in a register) finds candidates; the events confirm. (`[-]`, also
# invalid, is read as the text `-`: finding it costs a search for `-`, of which a large
# register holds hundreds of thousands, on every parse.)
_GLUED_COMMENT = re.compile(r"[\]}\"',]#|[|>][-+1-9]{0,2}#|^%[^\n#]*[^ \t\n#]#", re.MULTILINE)
_GLUED_BEFORE = frozenset("]}\"',|>-+0123456789")


def _glued_hash(text: str) -> bool:
    """Whether some `#` follows a character that may make it a glued comment (cheap)."""
    index = text.find("#")
    while index != -1:
        if index and text[index - 1] in _GLUED_BEFORE:
            return True
        index = text.find("#", index + 1)
    return False


def _glued_indicator(text: str, file: str) -> Finding | None:
    if _ODD_BREAK.search(text):
        return None  # positions below count LF lines; such files are rare enough to pass
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    blocks: set[tuple[int, int]] = set()  # where a block scalar's `|` or `>` stands
    with contextlib.suppress(YAMLError):
        for event in layout_events(text):
            if _KINDS.get(type(event)) == _SCALAR:
                start, end = event.start_mark, event.end_mark
                spans.append(((start.line, start.column), (end.line, end.column)))
                if event.style in ("|", ">"):
                    blocks.add((start.line, start.column))
    lines = text.split("\n")
    for match in _GLUED_COMMENT.finditer(text):
        offset = match.end() - 1  # the `#`
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        first = match.start() - (text.rfind("\n", 0, offset) + 1)
        after_header = text[match.start()] in "|>" and (line, first) in blocks
        directive = text[match.start()] == "%"
        if not (after_header or directive) and (
            text[match.start()] in "|>"
            or _inside(spans, line, column)
            or _in_comment(lines[line], column, spans, line)
        ):
            continue
        return _problem(
            file,
            "YM01",
            "yaml.syntax",
            msg(
                "a comment needs a space before `#` (here `#` follows `{character}`)",
                character=text[offset - 1],
            ),
            Position(line + 1, column + 1),
            msg("put a space before `#`, or quote the text if the `#` belongs to it"),
        )
    return None


def _inside(spans: list[tuple[tuple[int, int], tuple[int, int]]], line: int, column: int) -> bool:
    point = (line, column)
    return any(start <= point < end for start, end in spans)


def _in_comment(
    text: str, column: int, spans: list[tuple[tuple[int, int], tuple[int, int]]], line: int
) -> bool:
    """Whether `column` of a line lies in a comment that starts before it."""
    index = text.find("#")
    while -1 < index < column:
        if (index == 0 or text[index - 1] in " \t") and not _inside(spans, line, index):
            return True
        index = text.find("#", index + 1)
    return False


def layout_events(text: str) -> Iterator[Any]:
    """The events of a document for the layout scans (comments, anchors): libyaml's, or
    the YAML 1.2 parser's where `parse_fast` takes that one."""
    if not libyaml_misreads(text):
        events: list[Any] = []
        get_event = _event_source(text, use_c=True)
        try:
            while (event := get_event()) is not None:
                events.append(event)
        except YAMLError:
            pass
        else:
            yield from events
            return
    get_event = _event_source(text, use_c=False)
    while (event := get_event()) is not None:
        yield event


def _question_indicator_misread(text: str) -> Position | None:
    """Where a parser took a `?` glued to text for a key indicator: a scalar right after it."""
    lines = text.splitlines()
    get_event = _event_source(text, use_c=not libyaml_misreads(text))
    with contextlib.suppress(YAMLError):
        while (event := get_event()) is not None:
            if _KINDS.get(type(event)) != _SCALAR:
                continue
            mark = event.start_mark
            if (
                mark.column > 0
                and mark.line < len(lines)
                and lines[mark.line][mark.column - 1 : mark.column] == "?"
            ):
                return Position(mark.line + 1, mark.column)
    return None


def _named_refusal(problem: Finding, text: str) -> Finding:
    if problem.code != "YM01" or problem.position is None:
        return problem
    named = _refusal_by_name(problem, text)
    if named is None:
        return problem
    code, message, hint = named
    return dataclasses.replace(
        problem, code=code, name=INPUT_CODES[code][0], message=message, hint=hint
    )


def _refusal_by_name(problem: Finding, text: str) -> tuple[str, Message, Message] | None:
    """(code, message, hint) naming what a libyaml syntax error really is, if known."""
    assert problem.position is not None
    message = problem.message
    lines = text.splitlines()
    line = lines[problem.position.line - 1] if 0 < problem.position.line <= len(lines) else ""
    at = line[problem.position.column - 1 :][:1]
    if (
        "directive" in message
        or "incompatible YAML document" in message
        or (line.startswith("%") and _DIRECTIVE.match(line))
    ):
        return (
            "YM11",
            msg(
                "a YAML directive this reader does not take ({problem}); "
                "registers do not use directives",
                problem=message,
            ),
            msg("remove the `%...` line (and the `---` after it if nothing precedes it)"),
        )
    if "expected node content" in message and line.startswith("...") and at == ".":
        return (
            "YM08",
            msg("the file holds no YAML document, only a document end marker (`...`)"),
            msg("a register file starts with `ropa: 1` (see docs/format.md)"),
        )
    if "expected" in message and at == "!":
        return (
            "YM03",
            msg("a tag on an empty node inside a flow collection; registers do not use tags"),
            msg("remove the tag"),
        )
    if "expected node content" in message and at == ":":
        return (
            "YM11",
            msg(
                "an empty key inside `[...]` or `{...}` (`[: value]`); registers do not use "
                "empty keys"
            ),
            msg("write the key, or quote the text if the `:` belongs to it"),
        )
    if "expected ',' or '}'" in message and at == ":" and _key_over_lines(text, problem):
        return (
            "YM11",
            msg(
                "inside `{...}`, a key that runs over several lines or whose `:` stands on a "
                "later line: YAML 1.2 allows some of these, this reader does not, and registers "
                "do not use them"
            ),
            msg("write the key and its `:` on one line"),
        )
    if "\t" in line[: problem.position.column + 1] or "'\\t'" in message:
        return (
            "YM11",
            msg(
                "a tab where this reader takes only spaces: YAML never indents with tabs, and "
                "registers separate with spaces too"
            ),
            msg("replace the tab with spaces"),
        )
    return None


def _key_over_lines(text: str, problem: Finding) -> bool:
    """Whether the `:` a flow mapping error points at ends a key that began on an earlier
    line (`{"foo"\n: bar}`, `{ multi\n line: x}`), rather than a `{` left unclosed."""
    assert problem.position is not None
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: problem.position.line - 1])
    offset += problem.position.column - 1
    start = max(text.rfind("{", 0, offset), text.rfind(",", 0, offset))
    entry = text[start + 1 : offset]
    return "\n" in entry and ":" not in entry and start != -1


def without_odd_tabs(text: str) -> str:
    """`text` (LF lines, parsed by libyaml) rewritten so ruamel's round-trip reader reads
    it the same way: the same data, with no tab where ruamel refuses one.

    libyaml reads a tab inside plain text (`name: SIA\tX`, `{b: c\td}`) and as white
    space between tokens (`role:\tcontroller`, a tab at the end of a line); ruamel refuses
    both. Plain text holding a tab is written double-quoted (with `\t`), and a tab that
    only separates tokens becomes a space. Tabs in quoted and block text and in comments
    are left alone. Plain text with a tab is always a string in the core schema, so
    quoting it changes nothing.
    """
    if "\t" not in text or not _suspect_tabs(text):
        return text
    import json

    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    comment_at = {
        comment.line - 1: comment.column - 1 for comment in comments(text) if comment.text
    }
    protected: list[tuple[int, int]] = []  # quoted and block scalars, by offset
    replacements: list[tuple[int, int, str]] = []
    # libyaml's events, or the YAML 1.2 parser's where libyaml refuses the text (a tab
    # opening a block scalar's line, `foo: |\n \t`, which parse_fast reads that way).
    for event in layout_events(text):
        if _KINDS.get(type(event)) != _SCALAR:
            continue
        start = starts[event.start_mark.line] + event.start_mark.column
        end = starts[event.end_mark.line] + event.end_mark.column
        if event.style:
            protected.append((start, end))
        elif "\t" in text[start:end]:
            replacements.append((start, end, json.dumps(event.value, ensure_ascii=False)))
            protected.append((start, end))
    import bisect

    protected.sort()
    protected_starts = [start for start, _end in protected]
    for number, line in enumerate(lines):
        limit = comment_at.get(number, len(line))
        for column in range(min(limit, len(line))):
            if line[column] == "\t":
                offset = starts[number] + column
                inside = bisect.bisect_right(protected_starts, offset) - 1
                if inside < 0 or protected[inside][1] <= offset:
                    replacements.append((offset, offset + 1, " "))
    out = []
    done = 0
    for start, end, new in sorted(replacements):
        out.append(text[done:start])
        out.append(new)
        done = end
    out.append(text[done:])
    return "".join(out)


def _suspect_tabs(text: str) -> bool:
    """Whether a tab stands outside quoted and block scalars and outside comments."""
    lines = lf_breaks(text).split("\n")
    tabbed = {number for number, line in enumerate(lines) if "\t" in line}
    if not tabbed:  # pragma: no cover - the caller saw a tab
        return False
    comment_at = {
        comment.line - 1: comment.column - 1 for comment in comments(text) if comment.text
    }
    # Where a quoted or block scalar covers part of a line with a tab: line → spans.
    covered: dict[int, list[tuple[int, int]]] = collections.defaultdict(list)
    try:
        for event in layout_events(lf_breaks(text)):
            if _KINDS.get(type(event)) != _SCALAR or not event.style:
                continue
            start, end = event.start_mark, event.end_mark
            for row in range(start.line, end.line + 1):
                if row in tabbed:
                    first = start.column if row == start.line else 0
                    last = end.column if row == end.line else len(lines[row])
                    covered[row].append((first, last))
    except YAMLError:  # pragma: no cover - the caller parsed the text
        return True
    for number in tabbed:
        line = lines[number]
        limit = comment_at.get(number, len(line))
        for column, character in enumerate(line[:limit]):
            if character == "\t" and not any(a <= column < b for a, b in covered[number]):
                return True
    return False


# --------------------------------------------------------------------------- line breaks

# YAML parsers end a line at CR, LF, CR LF, and (YAML 1.1, which libyaml follows) at NEL,
# LINE SEPARATOR and PARAGRAPH SEPARATOR. Editors, grep, git and CI annotations count LF
# only. A file holding any of the others (an old Mac file, text pasted from a web page) is
# located in LF lines, so a position always names the line a person sees.
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_PARSER_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _LineMap:
    """Parser (line, column) → (line, column) in LF lines, both 0-based."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.parser_starts = [0, *(match.end() for match in _PARSER_BREAK.finditer(text))]
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def convert(self, line: int, column: int) -> tuple[int, int]:
        import bisect

        start = self.parser_starts[min(line, len(self.parser_starts) - 1)]
        offset = min(start + column, self.length)
        before = bisect.bisect_left(self.newlines, offset)
        line_start = self.newlines[before - 1] + 1 if before else 0
        return before, offset - line_start

    def mark(self, mark: int) -> int:
        line, column = self.convert(mark >> 32, mark & 0xFFFFFFFF)
        return pack_mark(line, column)

    def position(self, position: Position) -> Position:
        line, column = self.convert(position.line - 1, position.column - 1)
        return Position(line + 1, column + 1)


def _line_map(text: str) -> _LineMap | None:
    return _LineMap(text) if _ODD_BREAK.search(text) else None


def _in_file_lines(document: ParsedDocument, text: str) -> ParsedDocument:
    """The document with every position counted in LF lines (a no-op for most files)."""
    lines = _line_map(text)
    if lines is not None and document.source_map is not None:
        document.source_map = document.source_map.remapped(lines.mark)
    if not document.problems:
        return document
    end = _end_of(text)
    problems = []
    for problem in document.problems:
        position = lines.position(problem.position) if lines else problem.position
        # At the end of the input libyaml counts one line more than a file without a
        # final line break has: keep every position inside the text.
        position = min(position, end)
        if position != problem.position:
            problem = dataclasses.replace(problem, position=position)
        problems.append(problem)
    document.problems = problems
    return document


class _EventBuilder:
    """Builds data from events iteratively (no recursion, so deep nesting cannot crash)."""

    def __init__(
        self, file: str, get_event: Callable[[], Any], release: Callable[[], None] | None = None
    ) -> None:
        self.file = file
        self.get_event = get_event
        # Called once the events of a document without problems are read.
        self.release = release
        self.problems: list[Finding] = []
        self.marks: dict[int, array[int]] = {}
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name → (value, mark, size)
        self.key_indexes: dict[int, dict[str, int]] = {}  # mappings with many duplicates
        self.nodes = 0
        self.expanded = 0
        # The nodes ropa.yamlcheck looks at (a flow collection or quoted text over
        # several lines, a block scalar opening with a blank line), and every short text.
        self.spans: list[yamlcheck.Span] = []
        self.texts: dict[str, str] = {}

    def build(self) -> ParsedDocument:
        get_event = self.get_event
        get_event()  # stream start
        first = get_event()
        if _KINDS.get(type(first)) != _DOC_START:
            return ParsedDocument(
                self.file,
                None,
                None,
                [
                    _problem(
                        self.file,
                        "YM08",
                        "yaml.empty",
                        msg("the file holds no YAML document"),
                        Position(1, 1),
                        msg("a register file starts with `ropa: 1` (see docs/format.md)"),
                    )
                ],
            )
        root, root_mark = self._document()
        get_event()  # document end
        extra = get_event()
        if _KINDS.get(type(extra)) == _DOC_START:
            self.problems.append(
                _problem(
                    self.file,
                    "YM04",
                    "yaml.multiple-documents",
                    msg("the file holds more than one YAML document (a second `---`)"),
                    _mark_position(extra.start_mark),
                    msg("keep one document per file; split a register into several files instead"),
                )
            )
        if (
            self.release is not None
            and not self.problems
            and not self.spans
            and "-" not in self.texts
            and ":" not in self.texts
        ):
            # The parser and its input are done with: let them go before the positions
            # are laid out, the peak of the parse (unless ropa.yamlcheck needs the text).
            del get_event, self.get_event
            self.release()
        source_map = SourceMap(root, self.marks, root_mark)
        return ParsedDocument(self.file, root, source_map, self.problems)

    def _document(self) -> tuple[Any, int]:
        # The hot loop of every read-only command: locals instead of attributes, and the
        # common cases (an untagged plain scalar, a new plain key) inline, the rest in
        # methods. Node counts live in locals and are written back for the alias checks.
        get_event = self.get_event
        kinds = _KINDS
        marks = self.marks
        anchors = self.anchors
        resolve = resolve_plain
        intern = sys.intern
        texts = self.texts  # one string per distinct short text
        unset, skip = _UNSET, _SKIP
        scalar_kind, alias_kind = _SCALAR, _ALIAS
        map_start, seq_start, map_end, seq_end = _MAP_START, _SEQ_START, _MAP_END, _SEQ_END
        # A frame: [container, marks, is_mapping, pending key (or _UNSET/_SKIP),
        #           pending key mark, start event, expanded count at start, start mark]
        stack: list[list[Any]] = []
        while True:
            event = get_event()
            kind = kinds.get(type(event), _OTHER)
            start = event.start_mark
            mark = (start.line << 32) | start.column
            if kind == scalar_kind:
                if event.tag is None:
                    if event.style:
                        value = event.value
                        if event.end_mark.line != start.line:  # quoted over lines, or a block
                            self._spanning_scalar(event, value, stack)
                    else:
                        value = resolve(event.value)
                    if type(value) is str and len(value) < 48:
                        value = texts.setdefault(value, value)
                else:
                    value = self._scalar(event)
                    if event.style and event.end_mark.line != start.line:
                        self._spanning_scalar(event, value, stack)
                self.nodes += 1
                self.expanded += 1
                if event.anchor is not None:
                    anchors[event.anchor] = (value, mark, 1)
            elif kind == map_start or kind == seq_start:  # noqa: SIM109 - `in` would build a tuple
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep(start)
                if event.tag is not None:
                    self._check_container_tag(event)
                container: Any = {} if kind == map_start else []
                container_marks = array("q", (mark,))
                marks[id(container)] = container_marks
                self.nodes += 1
                self.expanded += 1
                stack.append(
                    [
                        container,
                        container_marks,
                        kind == map_start,
                        unset,
                        0,
                        event,
                        self.expanded,
                        mark,
                    ]
                )
                continue
            elif kind == map_end or kind == seq_end:  # noqa: SIM109
                frame = stack.pop()
                value = frame[0]
                opening = frame[5]
                if opening.flow_style and mark >> 32 != frame[7] >> 32:  # over several lines
                    self._spanning(yamlcheck.FLOW, opening.start_mark, start, stack)
                mark = frame[7]
                if opening.anchor is not None:
                    anchors[opening.anchor] = (value, mark, self.expanded - frame[6] + 1)
            elif kind == alias_kind:
                value, mark = self._alias(event)
            else:  # pragma: no cover - libyaml emits no other event inside a document
                raise _Abort(
                    _problem(
                        self.file,
                        "YM01",
                        "yaml.syntax",
                        msg("unexpected YAML event"),
                        _mark_position(start),
                    )
                )

            if not stack:
                return value, mark
            frame = stack[-1]
            if frame[2]:  # mapping
                pending = frame[3]
                if pending is unset:  # this node is a key
                    mapping = frame[0]
                    if type(value) is str and value != "<<" and value not in mapping:
                        # One string per distinct key: a register repeats a few dozen
                        # keys hundreds of thousands of times (21 MiB at 10,000).
                        frame[3] = intern(value)
                    else:
                        frame[3] = self._key(mapping, value, event, mark)
                    frame[4] = mark
                    continue
                frame[3] = unset
                if pending is skip:
                    continue
                frame[0][pending] = value
                frame_marks = frame[1]
                frame_marks.append(frame[4])
                frame_marks.append(frame[4] if value is None else mark)
            else:
                frame[0].append(value)
                frame[1].append(mark)

    def _spanning_scalar(self, event: Any, value: Any, stack: list[list[Any]]) -> None:
        """Note quoted text over several lines, or a block scalar that opens with a blank
        line (its text starts with a line break, or it has none), for ropa.yamlcheck."""
        if event.style in ("|", ">"):
            if value and value[0] != "\n":
                return
            kind = yamlcheck.BLOCK
        else:
            kind = yamlcheck.QUOTED
        self._spanning(kind, event.start_mark, event.end_mark, stack)

    def _spanning(self, kind: int, start: Any, end: Any, stack: list[list[Any]]) -> None:
        holder, holder_mark = yamlcheck.ROOT, 0
        if stack:
            frame = stack[-1]
            if frame[5].flow_style:
                return  # inside a flow collection over several lines: that one is checked
            if frame[2]:  # the value of a key, or a key after `?`
                holder = yamlcheck.KEY
                holder_mark = (
                    frame[4] if frame[3] is not _UNSET else pack_mark(start.line, start.column)
                )
            else:
                holder, holder_mark = yamlcheck.ITEM, frame[7]
        self.spans.append(
            yamlcheck.Span(
                kind,
                start.line,
                start.column,
                end.line,
                end.column,
                holder,
                holder_mark >> 32,
                holder_mark & 0xFFFFFFFF,
            )
        )

    def _too_deep(self, start: Any) -> _Abort:
        return _Abort(
            _problem(
                self.file,
                "YM10",
                "yaml.too-deep",
                msg("nesting is deeper than {depth} levels", depth=MAX_DEPTH),
                _mark_position(start),
                msg("a register nests only a few levels; check the indentation"),
            )
        )

    def _key(self, mapping: dict[str, Any], value: Any, event: Any, mark: int) -> Any:
        if isinstance(value, (dict, list)):
            self.problems.append(
                _problem(
                    self.file,
                    "YM07",
                    "yaml.complex-key",
                    msg("a mapping key must be plain text, not a list or mapping"),
                    _position(mark),
                    msg("write the key as a word such as `name:`"),
                )
            )
            return _SKIP
        if value is None and getattr(event, "value", None) == "" and not event.style:
            self.problems.append(
                _problem(
                    self.file,
                    "YM11",
                    "yaml.unsupported",
                    msg(
                        "an empty key (`: value` with nothing before the colon); registers do "
                        "not use empty keys"
                    ),
                    _position(mark),
                    msg("write the key's name before the colon, or remove the line"),
                )
            )
            return _SKIP
        key = key_text(value)
        if key == "<<" and not getattr(event, "style", None):
            self.problems.append(
                _problem(
                    self.file,
                    "YM06",
                    "yaml.merge-key",
                    msg("merge keys (`<<`) are not part of YAML 1.2 and are not supported"),
                    _position(mark),
                    msg(
                        "write the keys out, or move shared details into a catalogue entry "
                        "and refer to it by id"
                    ),
                )
            )
            return _SKIP
        if key in mapping:
            first = self._first_key_mark(mapping, key)
            self.problems.append(
                _problem(
                    self.file,
                    "YM02",
                    "yaml.duplicate-key",
                    msg(
                        "duplicate key `{key}` (first given at line {line})",
                        key=_shorten(key),
                        line=_position(first).line,
                    ),
                    _position(mark),
                    msg("remove one of them; YAML keeps only one value per key"),
                )
            )
            return _SKIP
        if self.key_indexes:
            index = self.key_indexes.get(id(mapping))
            if index is not None:
                index[key] = len(mapping)  # where the key is about to be inserted
        return key

    def _first_key_mark(self, mapping: dict[str, Any], key: str) -> int:
        """Where `key` was first given; indexed for large mappings, so a file of thousands
        of duplicate keys costs linear time, not quadratic."""
        container_marks = self.marks[id(mapping)]
        if len(mapping) <= 32:
            return _first_key_mark(container_marks, mapping, key)
        index = self.key_indexes.get(id(mapping))
        if index is None:
            index = self.key_indexes[id(mapping)] = {name: i for i, name in enumerate(mapping)}
        position = index.get(key)
        if position is None:  # pragma: no cover - the index is kept in step with the mapping
            return _first_key_mark(container_marks, mapping, key)
        return container_marks[1 + 2 * position]

    def _scalar(self, event: Any) -> Any:
        text: str = event.value
        tag = event.tag
        if tag is None:
            return text if event.style else resolve_plain(text)
        if tag.startswith(_YAML_TAG):
            name = tag[len(_YAML_TAG) :]
            if name == "str":
                return text
            resolved = resolve_plain(text) if text else None
            expected = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(name)
            if expected is not None:
                if name == "float" and isinstance(resolved, int) and not isinstance(resolved, bool):
                    return float(resolved)
                if type(resolved) is expected:
                    return resolved
                self.problems.append(
                    _problem(
                        self.file,
                        "YM03",
                        "yaml.tag",
                        msg(
                            "`{value}` is not a valid !!{tag}",
                            value=_shorten(text),
                            tag=_shorten(name),
                        ),
                        _mark_position(event.start_mark),
                        msg("remove the tag or fix the value"),
                    )
                )
                return text
        self._bad_tag(tag, event)
        return text

    def _check_container_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is None:
            return
        is_mapping = _KINDS.get(type(event)) == _MAP_START
        if tag == _YAML_TAG + ("map" if is_mapping else "seq"):
            return
        if tag in (_YAML_TAG + "map", _YAML_TAG + "seq"):
            shown = tag[len(_YAML_TAG) :]
            self.problems.append(
                _problem(
                    self.file,
                    "YM03",
                    "yaml.tag",
                    msg("the tag `!!{tag}` does not fit a mapping", tag=shown)
                    if is_mapping
                    else msg("the tag `!!{tag}` does not fit a list", tag=shown),
                    _mark_position(event.start_mark),
                    msg("remove the tag"),
                )
            )
            return
        self._bad_tag(tag, event)

    def _bad_tag(self, tag: str, event: Any) -> None:
        # The non-specific tag `!` too: it makes `! 12` text, which ruamel's round-trip
        # loader reads as the number 12 (YAML test suite S4JQ).
        shown = "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag
        self.problems.append(
            _problem(
                self.file,
                "YM03",
                "yaml.tag",
                msg("the tag `{tag}` is not supported", tag=_shorten(shown)),
                _mark_position(event.start_mark),
                msg("registers use plain YAML: remove the tag (no !include, no !!python/...)"),
            )
        )

    def _alias(self, event: Any) -> tuple[Any, int]:
        name = event.anchor
        found = self.anchors.get(name)
        if found is None:
            raise _Abort(
                _problem(
                    self.file,
                    "YM09",
                    "yaml.undefined-alias",
                    msg(
                        "the alias `*{name}` names no anchor defined before it",
                        name=_shorten(name),
                    ),
                    _mark_position(event.start_mark),
                    msg(
                        "define `&{name}` on an earlier value, or write the value out",
                        name=_shorten(name),
                    ),
                )
            )
        value, mark, size = found
        self.expanded += size
        if self.expanded > ALIAS_EXPANSION_FACTOR * self.nodes + ALIAS_EXPANSION_FLOOR:
            raise _Abort(
                _problem(
                    self.file,
                    "YM05",
                    "yaml.alias-expansion",
                    msg(
                        "aliases expand this document to more than {expanded} nodes "
                        "from {written} written ones",
                        expanded=Number(self.expanded),
                        written=Number(self.nodes),
                    ),
                    _mark_position(event.start_mark),
                    msg(
                        "this looks like an alias bomb; write values out instead of nesting aliases"
                    ),
                )
            )
        return value, mark


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _position(mark: int) -> Position:
    return Position((mark >> 32) + 1, (mark & 0xFFFFFFFF) + 1)


def _first_key_mark(container_marks: array[int], mapping: dict[str, Any], key: str) -> int:
    for index, candidate in enumerate(mapping):
        if candidate == key:
            return container_marks[1 + 2 * index]
    return container_marks[0]  # pragma: no cover


def syntax_problem(
    error: YAMLError, file: str, text: str, *, byte_offsets: bool = False
) -> Finding:
    """A parser exception as a finding at the position the parser names."""
    mark = _unclosed_quote(error)
    if mark is not None:
        # libyaml reports where the file ends; the user needs where the quote opens.
        lines = _line_map(text)
        line, column = lines.convert(mark.line, mark.column) if lines else (mark.line, mark.column)
        return _problem(
            file,
            "YM01",
            "yaml.syntax",
            msg("a quoted text begins here and is never closed: the file ends inside it"),
            Position(line + 1, column + 1),
            msg(
                "close the quote where the text ends; inside the text write a double quote "
                "as \\\" between double quotes, or a single quote as '' between single quotes"
            ),
        )
    if isinstance(error, MarkedYAMLError) and error.problem_mark is not None:
        position = _mark_position(error.problem_mark)
        message = error.problem or "invalid YAML"
        if error.context:
            message = f"{message} ({error.context}"
            if error.context_mark is not None:
                mark = error.context_mark
                lines = _line_map(text)
                line = lines.convert(mark.line, mark.column)[0] if lines else mark.line
                message += f" started at line {line + 1}"
            message += ")"
    else:
        position, message = _reader_problem(error, text, byte_offsets=byte_offsets)
    hint = _syntax_hint(message, text, position)
    # The parser's own words (libyaml's, English), marked as such in other languages.
    said = message if isinstance(message, Message) else msg("{parser}", parser=message)
    return _problem(file, "YM01", "yaml.syntax", said, position, hint)


def _unclosed_quote(error: YAMLError) -> Any:
    """Where a quoted text that the file ends inside opens (the parser's mark), or None."""
    if (
        isinstance(error, MarkedYAMLError)
        and (error.context or "").startswith("while scanning a quoted scalar")
        and (error.problem or "").startswith("found unexpected end of stream")
    ):
        return error.context_mark
    return None


def _end_of(text: str) -> Position:
    """The position just after the last character of `text`, in LF lines."""
    return Position(text.count("\n") + 1, len(text) - text.rfind("\n"))


def _reader_problem(error: YAMLError, text: str, *, byte_offsets: bool) -> tuple[Position, str]:
    index = getattr(error, "position", None)
    if isinstance(index, int) and byte_offsets:
        # libyaml counts bytes of the UTF-8 text; a position counts characters.
        index = len(text.encode("utf-8", "surrogatepass")[:index].decode("utf-8", "ignore"))
    character = getattr(error, "character", None)
    reason = getattr(error, "reason", None) or "invalid character"
    if isinstance(index, int):
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        position = Position(line, column)
    else:
        position = Position(1, 1)
    if isinstance(character, str) and character:
        character = ord(character)
    if isinstance(character, int):
        return position, msg(
            "unacceptable character {code}: {reason}",
            code=f"#x{character:04X}",
            reason=msg("{parser}", parser=str(reason)),
        )
    return position, str(reason)


def _syntax_hint(message: str, text: str, position: Position) -> Message:
    lines = text.splitlines()
    line = lines[position.line - 1] if 0 < position.line <= len(lines) else ""
    if "\t" in line[: max(position.column, 1)] or "found character '\\t'" in message:
        return msg("YAML indents with spaces, never tabs")
    if "did not find expected key" in message:
        misaligned = _key_out_of_line(lines, position, message)
        if misaligned is not None:
            return misaligned
    if "mapping values are not allowed" in message:
        deeper = _key_indented_under_value(lines, position)
        if deeper is not None:
            return deeper
        return msg('a value holding `: ` must be quoted, e.g. title: "Note: text"')
    if "control characters" in message or "special characters" in message:
        return msg("remove the control character (it may come from a copy and paste)")
    with_breaks = text.splitlines(keepends=True)  # the parser's lines, breaks kept
    nearby = "".join(with_breaks[max(position.line - 3, 0) : position.line])
    for character, name in _UNICODE_BREAKS.items():
        if character in nearby:
            return msg(
                "the text holds {character} {name}, which YAML parsers read as a "
                "line break (it may come from a copy and paste): replace it with a space",
                character=f"U+{ord(character):04X}",
                name=name,
            )
    return msg("check the indentation and quoting around this line")


_KEY_ALONE = re.compile(r"^( *)([^\s#:'\"{}\[\],&*!|>%@`-][^:#]*?)$")
_KEY_AND_VALUE = re.compile(r"^( *)(?:- +)?([^\s#:'\"{}\[\],][^:#]*?): +[^\s#|>]")


_BLOCK_START = re.compile(r"block mapping started at line (\d+)")
_KEY_AT = re.compile(r"^( *)([^\s#:'\"{}\[\],&*!|>%@`-][^:#]*?):(?: |$)")


def _key_out_of_line(lines: list[str], position: Position, message: str) -> Message | None:
    """A key indented further than the other keys of its mapping (`     data_subjects:`
    under `    name:`): libyaml says "did not find expected key"; the fix is to line it
    up with the keys of the block it belongs to, which starts on the line it names."""
    started = _BLOCK_START.search(message)
    if started is None or not 0 < position.line <= len(lines):
        return None
    start = int(started.group(1))
    if not 0 < start < position.line:
        return None
    first = re.match(r"^((?: *- +)*| *)", lines[start - 1])
    column = len(first.group(1)) if first else 0
    here = _KEY_AT.match(lines[position.line - 1])
    if here is None or len(here.group(1)) <= column:
        return None
    return msg(
        "`{key}:` is indented by {spaces} spaces, the keys of its block (from line {line}) "
        "by {column}: start it in the same column as they do",
        key=here.group(2).strip(),
        spaces=len(here.group(1)),
        line=start,
        column=column,
    )


def _key_indented_under_value(lines: list[str], position: Position) -> Message | None:
    """A key written further right than the key above it, whose plain value it then
    continues (`name: X` and under it `  category: Y`): libyaml says "mapping values are
    not allowed here", which reads like a quoting problem; the fix is the indentation."""
    if not 0 < position.line <= len(lines):
        return None
    here = _KEY_ALONE.match(lines[position.line - 1][: max(position.column - 1, 0)])
    if here is None:
        return None
    for number in range(position.line - 1, 0, -1):
        above = lines[number - 1]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        found = _KEY_AND_VALUE.match(above)
        if found is None or len(here.group(1)) <= found.start(2):
            return None
        return msg(
            "`{key}:` stands further right than `{above}:` on line {line}, so YAML reads it "
            "as more text of that value: start it in the same column as `{above}:`",
            key=here.group(2).strip(),
            above=found.group(2).strip(),
            line=number,
        )
    return None


_UNICODE_BREAKS = {
    "\x85": "NEXT LINE",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
}


# --------------------------------------------------------------------------- round trip


class _CoreResolver(BaseResolver):
    """The YAML 1.2 core schema for ruamel's round-trip loader (no timestamps, no `yes`)."""

    def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
        super().__init__(loadumper if loadumper is not None else loader)
        # ruamel compares this with the YAML instance's version to decide on a rebuild.
        self._loader_version = version

    @property
    def processing_version(self) -> tuple[int, int]:
        return (1, 2)


_CoreResolver.add_implicit_resolver(
    _YAML_TAG + "bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_CoreResolver.add_implicit_resolver(
    _YAML_TAG + "int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_CoreResolver.add_implicit_resolver(
    _YAML_TAG + "float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_CoreResolver.add_implicit_resolver(
    _YAML_TAG + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def roundtrip_yaml() -> YAML:
    """A round-trip YAML instance that reads and writes registers the same way each time."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreResolver
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    # A one-key mapping in a flow sequence keeps its braces, `sources: [{kind: x}]` as the
    # docs write it; ruamel's default drops them (`[kind: x]`: the same data, but a form
    # few readers of a register know).
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    return yaml


@dataclass
class RoundTripDocument:
    """A document loaded for rewriting: the editable tree and its plain reading."""

    tree: Any
    parsed: ParsedDocument


def parse_roundtrip(text: str, file: str, *, plain: bool = True) -> RoundTripDocument:
    """Load with ruamel's round-trip loader; the plain data and positions match `parse_fast`.

    With `plain=False` only the tree is returned (its plain reading left empty), for a
    caller that has the data from `parse_fast` already.
    """
    yaml = roundtrip_yaml()
    source = complete_last_line(text)
    if plain:
        # One verdict for both loaders: what the fast loader refuses (tags, several
        # documents, constructs parsers disagree on) is refused here in the same words.
        fast = parse_fast(text, file)
        if fast.problems:
            return RoundTripDocument(None, fast)
    retried = False
    try:
        tree = _roundtrip_load(yaml, source)
    except Exception as error:
        # Valid YAML ruamel cannot read (tabs, blank lines opening a block scalar, comments
        # between a key and its value): read again as `roundtrip_readable` writes it.
        tree = _roundtrip_retry(yaml, source)
        if tree is None:
            return RoundTripDocument(None, _roundtrip_failure(error, text, file))
        retried = True
    if not plain:
        return RoundTripDocument(tree, ParsedDocument(file, None, None))
    marks: dict[int, array[int]] = {}
    anchored: dict[int, int] = {}
    try:
        data = _plain(tree, marks, anchored)
    except (TypeError, ValueError) as error:  # a node ruamel left without a position
        return RoundTripDocument(None, _roundtrip_failure(error, text, file))
    if retried:
        # The text ruamel read was rewritten: its data must be the original's exactly,
        # and the positions are those of the original, which the fast loader has.
        if not same_plain_data(data, fast.data):
            reason = "it reads other data from the document written without tabs or comments"
            return RoundTripDocument(None, _roundtrip_failure(ValueError(reason), text, file))
        return RoundTripDocument(tree, fast)
    parsed = refuse_unsupported(ParsedDocument(file, data, SourceMap(data, marks, 0)), source)
    kept = tree if parsed.data is not None else None
    return RoundTripDocument(kept, _in_file_lines(parsed, text))


def _roundtrip_load(yaml: YAML, text: str) -> Any:
    with warnings.catch_warnings():
        # A redefined anchor is valid YAML (the later one counts); ruamel warns.
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        return yaml.load(text)


def _roundtrip_retry(yaml: YAML, text: str) -> Any:
    """ruamel's tree of `roundtrip_readable(text)`, or None if it cannot read that either."""
    try:
        readable = roundtrip_readable(text)
    except YAMLError:
        return None  # libyaml cannot read it either (such text takes the YAML 1.2 path)
    if readable == text:
        return None
    try:
        return _roundtrip_load(yaml, readable)
    except Exception:
        return None


def roundtrip_readable(text: str) -> str:
    """`text` (which libyaml reads) rewritten so that ruamel's round-trip parser reads it
    too, with the same data; its lines are LF lines, and comments are left out.

    ruamel refuses some valid YAML: tabs as separation or inside plain text (see
    `without_odd_tabs`), blank lines of spaces opening a block scalar ("more indented
    follow up line than first"), and comment lines between a key and its value ("overlap
    in comment"). A blank line opening a block scalar is a line break of its text however
    many spaces it holds (up to the text's indentation, which the fast loader holds it
    to), so it is written empty; comments are not data. The caller checks that the data
    is the same (`parse_roundtrip`, and fmt's final check); fmt places comments itself.
    """
    text = without_odd_tabs(lf_breaks(text))
    lines = text.split("\n")
    for event in layout_events(text):
        if _KINDS.get(type(event)) != _SCALAR or event.style not in ("|", ">"):
            continue
        line = event.start_mark.line
        header = _BLOCK_HEADER.search(lines[line], event.start_mark.column)
        if header is None or any(character.isdigit() for character in header.group()):
            continue  # an indentation indicator: spaces beyond it are text
        line += 1
        while line < len(lines) and not lines[line].strip(" "):
            lines[line] = ""
            line += 1
    dropped: set[int] = set()
    for comment in comments(text):
        if not comment.text:
            continue
        number = comment.line - 1
        if comment.inline:
            lines[number] = lines[number][: comment.column - 1].rstrip(" \t")
        else:
            dropped.add(number)  # a blank line instead could join a `|+` scalar's text
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def same_plain_data(left: Any, right: Any) -> bool:
    """Whether two plain readings are the same data: a bool is no number, 1 is not 1.0,
    NaN equals NaN (Python's `==` says otherwise on all three)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(
            same_plain_data(value, right[key]) for key, value in left.items()
        )
    if isinstance(left, list):
        return len(left) == len(right) and all(
            same_plain_data(a, b) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def _roundtrip_failure(error: Exception, text: str, file: str) -> ParsedDocument:
    """ruamel refused a document, or failed on it with an exception of its own (an
    assertion on `%YAML 1.3`, a list as a key, comments it cannot place). The fast loader
    says what is wrong if it can; if it reads the document, the round-trip parser is at
    fault, and the message says so rather than blame the file."""
    fast = parse_fast(text, file)
    if fast.data is None:
        return fast
    reason = error.problem if isinstance(error, MarkedYAMLError) else None
    reason = reason or str(error).strip().splitlines()[0] if str(error).strip() else ""
    position = START
    if isinstance(error, MarkedYAMLError) and error.problem_mark is not None:
        position = _mark_position(error.problem_mark)
    problem = _problem(
        file,
        "YM12",
        "yaml.roundtrip-unreadable",
        msg(
            "the round-trip parser (used to rewrite files) cannot read this document, "
            "though the reading parser can ({parser})",
            parser=_shorten(reason),
        )
        if reason
        else msg(
            "the round-trip parser (used to rewrite files) cannot read this document, "
            "though the reading parser can"
        ),
        position,
        msg(
            "the file is valid and read as it is; only `ropa fmt` cannot rewrite it: write "
            "the construct at this line in a plainer style"
        ),
    )
    return _in_file_lines(ParsedDocument(file, None, None, [problem]), text)


def _plain(node: Any, marks: dict[int, array[int]], seen: dict[int, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if id(node) in seen:
        return seen[id(node)]
    if isinstance(node, CommentedMap):
        mapping: dict[str, Any] = {}
        seen[id(node)] = mapping
        line, column = node.lc.line, node.lc.col
        container_marks = array("q", (pack_mark(line, column),))
        for key, child in node.items():
            key_line, key_column = node.lc.key(key)
            value_line, value_column = node.lc.value(key)
            plain_child = _plain(child, marks, seen)
            key_mark = pack_mark(key_line, key_column)
            container_marks.append(key_mark)
            container_marks.append(
                key_mark if plain_child is None else _child_mark(child, value_line, value_column)
            )
            mapping[key_text(_scalar_plain(key))] = plain_child
        marks[id(mapping)] = container_marks
        return mapping
    if isinstance(node, CommentedSeq):
        items: list[Any] = []
        seen[id(node)] = items
        container_marks = array("q", (pack_mark(node.lc.line, node.lc.col),))
        for index, child in enumerate(node):
            line, column = node.lc.item(index)
            items.append(_plain(child, marks, seen))
            container_marks.append(_child_mark(child, line, column))
        marks[id(items)] = container_marks
        return items
    return _scalar_plain(node)


def _child_mark(child: Any, line: int, column: int) -> int:
    lc = getattr(child, "lc", None)
    if lc is not None and lc.line is not None:
        return pack_mark(lc.line, lc.col)
    return pack_mark(line, column)


def _scalar_plain(value: Any) -> Any:
    from ruamel.yaml.comments import TaggedScalar

    if isinstance(value, TaggedScalar):  # `!!str 42`: the fast loader's reading is text
        return str(value.value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Comment:
    """A comment or a blank line of a YAML source, where it stands (1-based)."""

    line: int
    column: int
    text: str  # from `#` to the end of the line, trailing spaces dropped; "" for a blank line
    inline: bool  # written after content on the same line


@dataclass
class _LineScan:
    """What the event stream says about each line: where content ends, what is inside a
    scalar (so a `#` there is text, not a comment)."""

    content_end: dict[int, int] = field(default_factory=dict)  # line0 → column0
    inside: set[int] = field(default_factory=set)  # line0 wholly inside a scalar
    open_end: set[int] = field(default_factory=set)  # line0 whose end is inside a scalar


class _Mark(NamedTuple):
    line: int
    column: int


def _scan_lines(text: str) -> _LineScan:
    scan = _LineScan()
    content_end = scan.content_end
    lines = text.split("\n")
    line_map = _line_map(text)
    for event in layout_events(text):
        start, end = event.start_mark, event.end_mark
        if line_map is not None:
            start, end = (
                _Mark(*line_map.convert(start.line, start.column)),
                _Mark(*line_map.convert(end.line, end.column)),
            )
        if end.line == start.line:
            content_end[end.line] = max(content_end.get(end.line, 0), end.column)
        elif _KINDS.get(type(event)) != _SCALAR:
            # A mapping or list with an anchor or tag (`organisation: &org`, `--- !!map`):
            # its event runs on to its first entry, but only the anchor or tag is on this
            # line. The lines up to that entry hold comments, not text.
            content_end[start.line] = max(content_end.get(start.line, 0), start.column + 1)
        elif getattr(event, "style", None) in ("|", ">"):
            # A block scalar: its header line (`key: |`) may end in a comment; its lines
            # below, blank ones included, are text.
            content_end[start.line] = max(content_end.get(start.line, 0), start.column + 1)
            last = end.line - 1 if end.column == 0 else end.line
            if not _keeps_trailing_lines(lines[start.line], start.column):
                while last > start.line and not lines[last].strip():
                    last -= 1  # blank lines after the text are layout, not part of it
            scan.inside.update(range(start.line + 1, last + 1))
        else:
            # A quoted or plain scalar over several lines: a comment can follow only its end.
            scan.open_end.add(start.line)
            scan.inside.update(range(start.line + 1, end.line))
            content_end[end.line] = max(content_end.get(end.line, 0), end.column)
    return scan


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


def _keeps_trailing_lines(line: str, column: int) -> bool:
    """Whether a block scalar's header (`|+`, `>2+`) keeps its trailing blank lines."""
    header = _BLOCK_HEADER.match(line, column)
    return header is not None and "+" in header.group()


def lf_breaks(text: str) -> str:
    """`text` with every CR LF and lone CR line break written as LF.

    YAML reads the three alike (a raw CR inside a quoted or block scalar is a line break
    too), so the data does not change; what changes is that every later step that counts
    lines by LF sees the lines the parser sees.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def comments(text: str) -> list[Comment]:
    """Every comment and blank line of a YAML text that parses, in order.

    A `#` starts a comment only outside scalars and after white space; the positions of
    the scalars come from libyaml's event stream, so `"a # b"` and the lines of a block
    scalar stay text. CR LF, CR and LF each end a line (and lines are counted so); a
    line break of any other kind is no line break here.
    """
    text = lf_breaks(text)
    scan = _scan_lines(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the "line" after the final line break
    found: list[Comment] = []
    for number, raw_line in enumerate(lines):
        if number in scan.inside or number in scan.open_end:
            continue
        line = raw_line
        start = scan.content_end.get(number)
        column = _comment_start(line, start or 0)
        if column is not None:
            inline = bool(line[:column].strip())
            found.append(Comment(number + 1, column + 1, line[column:].rstrip(), inline))
        elif start is None and not line.strip():
            found.append(Comment(number + 1, 1, "", inline=False))
    return found


def _comment_start(line: str, start: int) -> int | None:
    index = line.find("#", start)
    while index != -1:
        if index == 0 or line[index - 1] in " \t\ufeff":  # a byte order mark: the start
            return index
        index = line.find("#", index + 1)
    return None


def eol_unsafe_lines(text: str) -> set[int]:
    """Lines (1-based) whose end lies inside a scalar: a comment appended there would
    become part of the value."""
    scan = _scan_lines(text)
    return {line + 1 for line in scan.inside | scan.open_end}


def _tree_nodes(tree: Any) -> Iterator[Any]:
    """Every node of a round-trip tree once (an aliased node at its first use)."""
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def strip_comments(tree: Any) -> None:
    """Remove every comment from a round-trip tree (they are placed again by the caller)."""
    from ruamel.yaml.comments import Comment as RuamelComment
    from ruamel.yaml.comments import CommentedBase

    for node in _tree_nodes(tree):
        if isinstance(node, CommentedBase):
            setattr(node, RuamelComment.attrib, RuamelComment())
        elif hasattr(node, "comment"):
            with contextlib.suppress(AttributeError):
                node.comment = None


def anchor_names(text: str) -> collections.Counter[str]:
    """The anchors (`&name`) a YAML text defines, with how often (aliases not counted)."""
    found: collections.Counter[str] = collections.Counter()
    if "&" not in text:
        return found
    with contextlib.suppress(YAMLError):
        for event in layout_events(text):
            if _KINDS.get(type(event)) != _ALIAS and getattr(event, "anchor", None) is not None:
                found[event.anchor] += 1
    return found


def anchors_on_empty(text: str) -> list[tuple[str, Position]]:
    """The anchors set on an empty value (`name: &x` with nothing after it), with where
    each stands. ruamel's round-trip tree holds such a value as a bare null, which keeps no
    anchor: a rewrite would drop it."""
    found: list[tuple[str, Position]] = []
    if "&" not in text:
        return found
    with contextlib.suppress(YAMLError):
        for event in layout_events(text):
            if (
                _KINDS.get(type(event)) == _SCALAR
                and getattr(event, "anchor", None) is not None
                and event.value == ""
                and not event.style
            ):
                mark = event.start_mark
                found.append((event.anchor, Position(mark.line + 1, mark.column + 1)))
    return found


def keep_anchors(tree: Any) -> None:
    """Have ruamel write every anchor of a round-trip tree, used or not.

    It writes an anchor on a mapping or list only where an alias refers to it; an unused
    `&org` would silently disappear from a rewritten file.
    """
    from ruamel.yaml.comments import CommentedBase

    for node in _tree_nodes(tree):
        if isinstance(node, CommentedBase):
            anchor = node.yaml_anchor()
            if anchor is not None and anchor.value is not None:
                anchor.always_dump = True


def plain_style(tree: Any, paths: list[DataPath]) -> None:
    """Give the text at each path no style of its own, so the dumper picks one that keeps it.

    ruamel writes a folded (`>`) block whose lines start with a tab with blank lines added,
    which changes the text; as plain `str` it is written in a style that keeps it exactly.
    """
    for path in paths:
        parent = tree
        for element in path[:-1]:
            parent = parent[_tree_key(parent, element)]
        key = _tree_key(parent, path[-1])
        value = parent[key]
        if not isinstance(value, str):
            continue
        plain = "".join(value[index] for index in range(len(value)))  # a str, no style
        # Assigning to a round-trip container keeps the old value's style; replace it.
        if isinstance(parent, dict):
            position = list(parent).index(key)
            del parent[key]
            commented: Any = parent  # a CommentedMap, which can insert at a position
            commented.insert(position, key, plain)
        else:
            list.__setitem__(parent, key, plain)


def tree_child(node: Any, element: Any) -> Any:
    """The child of a round-trip mapping or list at one element of a `DataPath`."""
    return node[_tree_key(node, element)]


def _tree_key(node: Any, element: Any) -> Any:
    if isinstance(node, dict):
        for key in node:
            if key_text(_scalar_plain(key)) == element:
                return key
        raise KeyError(element)
    return element


def reorder_mappings(tree: Any, order: Callable[[DataPath, list[str]], list[str]]) -> None:
    """Put the keys of every mapping of a round-trip tree in the order `order` gives.

    `order(path, keys)` receives a mapping's path and its keys as text, and returns the
    same keys in the wanted order. Keys keep their quoting and values their style.
    """
    from ruamel.yaml.comments import CommentedMap

    seen: set[int] = set()
    stack: list[tuple[DataPath, Any]] = [((), tree)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CommentedMap):
            keys = list(node.keys())
            texts = [key_text(_scalar_plain(key)) for key in keys]
            wanted = order(path, texts)
            if sorted(wanted) != sorted(texts):
                raise ValueError(f"not a reordering of the keys at {path}: {wanted}")
            if wanted != texts:
                by_text = dict(zip(texts, keys, strict=True))
                values = [(key, node[key]) for key in (by_text[text] for text in wanted)]
                for key in keys:
                    del node[key]
                for key, value in values:
                    node[key] = value
            stack.extend(
                ((*path, text), node[by_text_key])
                for text, by_text_key in zip(texts, keys, strict=True)
            )
        elif isinstance(node, list):
            stack.extend(((*path, index), item) for index, item in enumerate(node))


# --------------------------------------------------------------------------- writing


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash at any moment leaves the old or new file.

    The new text goes to a temporary file in the same directory, is flushed to disk, and
    is renamed over the original (an atomic step on POSIX and Windows). The original's
    permission bits are kept, and a symbolic link stays a link to the rewritten file.
    """
    path = Path(os.path.realpath(path))  # through a symbolic link: replace its target
    directory = path.parent
    # A new file gets the permissions any other new file would (0666 less the umask); the
    # temporary file's own 0600 would hide a schema or export from colleagues.
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        _sync_directory(directory)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


# A temporary file is named `.NAME.ropa-HOST-PID-RANDOM.tmp`: a run killed with SIGKILL
# cannot remove it, so the next run that writes into the same directory does, once it has
# proved the file is a leftover of ropa's own: the name has exactly this form, with this
# machine's HOST and the PID of a process that no longer runs, and the file is a regular
# file (not a link) of the same user. Anything else is left alone.
_TEMPORARY = re.compile(
    r"\.(?P<name>.+)\.ropa-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[0-9a-f]{8}\.tmp"
)
_swept: set[str] = set()


def _host_tag() -> str:
    import hashlib
    import socket

    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _temporary_beside(path: Path) -> tuple[int, str]:
    """Create (O_EXCL, mode 0600) a temporary file next to `path`, after removing the
    leftovers of earlier, killed runs in that directory."""
    import secrets

    directory = path.parent
    host = _host_tag()
    _sweep_leftovers(directory, host)
    while True:
        temporary = os.path.join(
            directory, f".{path.name}.ropa-{host}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        )
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:  # pragma: no cover - 32 random bits taken
            continue


def _sweep_leftovers(directory: Path, host: str) -> None:
    """Remove ropa's own temporary files left in `directory` by runs that were killed
    (once per directory and process: a run writing thousands of files lists it once)."""
    key = os.fspath(directory)
    if key in _swept or os.name != "posix":  # os.kill(pid, 0) would end a process on Windows
        return
    _swept.add(key)
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or match["host"] != host or _running(int(match["pid"])):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode) and status.st_uid == os.geteuid():
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _running(pid: int) -> bool:
    """Whether a process `pid` exists (one of another user counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _sync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (where the system lets a directory be synced)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open a directory
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(descriptor)


def write_new(path: Path, text: str) -> None:
    """Create `path` holding `text`, failing with `FileExistsError` if it exists.

    The text is written to a temporary file first and linked into place, which fails if
    the name is taken: never a half-written file, never an overwritten one.
    """
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class DumpError(ValueError):
    """ruamel's writer cannot write a tree (its emitter fails on some styled text)."""


def dump_roundtrip(tree: Any) -> str:
    """Serialise a round-trip tree the way `roundtrip_yaml` reads it."""
    from io import StringIO

    buffer = StringIO()
    try:
        roundtrip_yaml().dump(tree, buffer)
    except (YAMLError, IndexError) as error:  # ruamel's emitter, on odd folded text
        raise DumpError(str(error)) from None
    return buffer.getvalue()


# Scalars that YAML 1.1 readers (PyYAML, which the fides tools use) take for booleans,
# null, numbers or dates, though YAML 1.2 reads them as text: written quoted for them.
_YAML11_NON_TEXT = re.compile(
    r"^(?:y|n|yes|no|on|off|true|false|null|~|"
    r"[-+]?(?:0b[01_]+|0x[0-9a-f_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*|[0-9_]*\.[0-9_]*(?:e[-+]?[0-9]+)?)|"
    r"[-+]?\.(?:inf)|\.nan|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$",
    re.IGNORECASE,
)


def dump_plain(data: Any) -> str:
    """Plain data (dicts, lists, text, numbers, booleans) as block YAML that YAML 1.1 and
    1.2 readers read alike: text they could take for another type is quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def quoted(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: quoted(item) for key, item in value.items()}
        if isinstance(value, list):
            return [quoted(item) for item in value]
        if isinstance(value, str) and (_YAML11_NON_TEXT.match(value) or value != value.strip()):
            return DoubleQuotedScalarString(value)
        return value

    return dump_roundtrip(quoted(data))


__all__ = [
    "C_PARSER_AVAILABLE",
    "DEFAULT_MAX_FILE_BYTES",
    "DataPath",
    "DumpError",
    "ParsedDocument",
    "RoundTripDocument",
    "anchor_names",
    "anchors_on_empty",
    "decode_source",
    "dump_plain",
    "dump_roundtrip",
    "keep_anchors",
    "key_text",
    "legacy_latvian_encoding",
    "lf_breaks",
    "parse_fast",
    "parse_rapid",
    "parse_roundtrip",
    "plain_style",
    "read_source",
    "resolve_plain",
    "roundtrip_readable",
    "same_plain_data",
    "tree_child",
    "without_odd_tabs",
    "write_atomic",
    "write_new",
    "yamlcheck_spans",
]
