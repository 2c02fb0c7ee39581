"""The rapidyaml engine of the fast loader: plain data now, positions only when asked for.

`rapidyaml` (the `ryml` module, the optional extra `fast`) parses a register about ten
times faster than libyaml. Its tree has no line and column, but every key and scalar of
a tree parsed in place points into the source buffer, and that address less the
buffer's is the byte offset a line and column follow from. The walk here computes no
position at all: it builds the same plain data as the libyaml loader, and the source map
(`LazySourceMap`) keeps the node table and the text. A position is computed when somebody
asks for it (a finding, an error): a few thousand times in a run that reads half a million
nodes. The tree's nodes are read from its own node array in bulk (`_NodeTable`), not one
call per field through the bindings, which would cost more than the parse.

The engine takes the common register and nothing else. Before parsing, a scan of the
text sends to the libyaml loader what rapidyaml reads differently from YAML 1.2 or from
that loader, or what the loader has special handling for: tabs, CR and Unicode line
breaks, characters YAML does not allow, directives, explicit keys, `?` and `:` glued to
text in flow collections, `#` glued to a token, files over 32 MiB. While walking, so does
anything else the plain register does not use: anchors, aliases, tags, merge keys, empty,
duplicate or over-long keys, multi-line flow collections, reserved indicators, several or
no documents, a root that is not a mapping, nesting beyond the loader's limit. rapidyaml
refusing a document sends it to libyaml too, which gives the error its message and
position. So every error, and every document out of the ordinary, is the libyaml loader's
reading; `tests/test_yaml_engines.py` holds the two to the same data, positions and
findings on every stored input, the YAML test suite and randomly edited registers.

Where a position cannot be computed from the table (`[]`, whose bracket no item points
at; a node the conventions below do not cover), the document is located once by the
libyaml loader and its answer is used: slower, never wrong.

Conventions (those of the libyaml loader): a plain scalar is located at its first
character, a quoted one at its opening quote, a block scalar at its `|` or `>`; a block
mapping at its first key, a block sequence at its first `-`, a flow collection at its
bracket; an empty or null mapping value at its key.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from array import array
from collections.abc import Callable, Iterator
from itertools import accumulate, repeat
from typing import Any

from ropa.position import DataPath, Located, Position, SourceMap
from ropa.scalars import BOOLS, NULLS, NUMBER_START, SHARED_TEXT, key_text, resolve_plain

try:
    import ryml as _ryml

    AVAILABLE = True
except ImportError:  # the `fast` extra is not installed: the libyaml loader is used
    _ryml = None
    AVAILABLE = False

# Above this size the libyaml loader reads the file: ryml's tree costs about 150 bytes a
# node while it is built (six times the text), which at 50,000 activities (60 MB of
# text) would alone take most of the memory a command may use (issue 14: 700 MB). Up to
# here (about 26,000 activities) the tree stays under 250 MB and is freed before the
# data is built.
_MAX_TEXT = 32 * 1024 * 1024  # characters
# Past this depth the walk (recursive) leaves the document to the libyaml loader, which
# reports it (the loader's limit is 64 levels; a register nests about eight).
_MAX_DEPTH = 60

# What sends a document to the libyaml loader before rapidyaml sees it: tabs (rapidyaml
# reads some tab-separated text differently from YAML 1.2), line breaks other than LF,
# characters YAML does not allow (rapidyaml takes control characters), and `?` or `#`
# where the libyaml loader refuses by name (see yamlio). The characters are these; they
# are looked for in cheaper steps (`_refused`): this class, one pass over the text, took
# 30 ms at 10,000 activities.
_NOT_HERE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Those of them that are one byte in UTF-8 (the C0 controls but LF, and DEL) ...
_CONTROLS = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])
# ... the C1 controls (U+0080-U+009F, two bytes, the first 0xC2) ...
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
# ... and those of three bytes (a lone surrogate cannot be encoded: `parse` leaves it).
_WIDE = ("\u2028", "\u2029", "\ufffe", "\uffff")
# An explicit key (`? key`): rapidyaml misreads a plain one over several lines.
_EXPLICIT_KEY = re.compile(r"^(?:[ ]*-[ ]+)*[ ]*\?(?:[ \n]|$)", re.MULTILINE)
# A `:` glued to a flow indicator (`{en:,x}`, `[a:]`): YAML 1.2 ends the key there,
# libyaml (YAML 1.1) reads the `:` into the text; the libyaml loader's reading stands.
# (One pattern beginning with `:`, found at C speed: five substring searches took eight
# times as long at 10,000 activities.)
_GLUED_COLON = re.compile(r":[,\]}\[{]")
# A directive (`%YAML 1.2`) at the start of a line after the first (one searched for
# `%`, which registers hardly write, rather than for the line break before it).
_DIRECTIVE = re.compile(r"%(?<=\n%)")
# Any `:` glued to text on a line with a flow collection (`{website: https://x.lv}`,
# `{kind:> x}`): libyaml refuses it and the loader asks ruamel's YAML 1.2 parser, which
# reads some of it and refuses the rest; only the loader can give that verdict.
_COLON_GLUED = re.compile(r":\S")
# Plain text cannot begin with these indicators; rapidyaml takes some (`@x`).
_RESERVED = frozenset("@`%,]}")
# YAML limits an implicit key to 1024 characters; libyaml refuses a longer one.
_MAX_KEY = 1024
# `?` glued to text after a flow indicator or a `: ` (`[?x]`, `{a: ?x}`): the libyaml
# loader refuses some of it by name, and reads the rest as YAML 1.1 does.
_FLOW_QUESTION = re.compile(r"(?:^|[ \n\[{,:])\?\S")
# A `#` after one of these is glued to a token: no comment (the libyaml loader refuses).
_GLUED_BEFORE = frozenset("]}\"',|>-+0123456789")


def _flow_colon(text: str) -> bool:
    """Whether a `:` is glued to text after a `[` or `{` on its line."""
    for match in _COLON_GLUED.finditer(text):  # few: a register writes `key: value`
        at = match.start()
        before = text[text.rfind("\n", 0, at) + 1 : at]
        if "[" in before or "{" in before:
            return True
    return False


class _Leave(Exception):
    """The document is one for the libyaml loader."""


class _Unresolved(Exception):
    """A position the node table does not give: the libyaml loader's map answers."""


def eligible(text: str) -> bool:
    """Whether `text` may be read by this engine (a cheap scan; `parse`, which looks for
    the characters of `_NOT_HERE` once the text is encoded, and the walk decide the
    rest)."""
    if not AVAILABLE or not text or len(text) > _MAX_TEXT:
        return False
    if text[0] == "%" or _DIRECTIVE.search(text):
        return False  # a directive
    if "?" in text and (_FLOW_QUESTION.search(text) or _EXPLICIT_KEY.search(text)):
        return False
    if _GLUED_COLON.search(text) or _flow_colon(text):
        return False
    index = text.find("#")
    while index != -1:  # a `#` glued to a token: the libyaml loader says what is wrong
        if index and text[index - 1] in _GLUED_BEFORE:
            return False
        index = text.find("#", index + 1)
    return True


def _refused(text: str, original: bytes) -> bool:
    """Whether `text`, encoded as `original`, holds a character of `_NOT_HERE` (other than
    a lone surrogate, which has no encoding): four searches for one character in the
    text, one pass over the bytes taking the one-byte controls out (the length tells),
    and a search for 0xC2 (rare in a register) before the C1 controls are looked for.
    About a third of the time of `_NOT_HERE`'s pass at 10,000 activities."""
    if any(character in text for character in _WIDE):
        return True
    if len(original.translate(None, _CONTROLS)) != len(original):
        return True
    return b"\xc2" in original and _C1.search(original) is not None


def parse(text: str, reference: Callable[[str], SourceMap | None]) -> tuple[Any, SourceMap] | None:
    """Plain data and a lazy source map, or None where the libyaml loader must read `text`.

    `reference(text)` is the libyaml loader's map of the same text, for what the node
    table cannot locate.
    """
    assert _ryml is not None
    try:
        original = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the libyaml loader says where
        return None
    if _refused(text, original):
        return None
    buffer = bytearray(original)
    # ryml doubles its node array as it grows (up to twice the nodes, 150 bytes each):
    # reserve about what the text holds instead. Every node but the root follows a `:`, a
    # `- `, a `,` or an opening bracket, so this count is a little above the nodes'.
    tree = _ryml.Tree()
    tree.reserve(_node_bound(original))
    try:
        with _quiet_stderr():
            _ryml.parse_in_place(buffer, tree)
    except Exception:  # rapidyaml refuses: libyaml's error has the words and the place
        return None
    nodes = _NodeTable.read(tree, buffer)
    if nodes is None:
        return None
    # The table holds what the walk reads; the tree (about 150 bytes a node, more than
    # the data built from it) can go before the walk, unless ryml wrote some scalar
    # outside the buffer, into the tree's own memory (its arena), which the walk reads.
    in_buffer = not tree.arena_size()
    if in_buffer:
        del tree
    walk = _Walk(nodes, original)
    build_map, release = _builders(walk, in_buffer=in_buffer)
    try:
        root = walk.root()
        data = build_map(root, 0)
    except (_Leave, UnicodeDecodeError):  # (an escape ryml wrote as a lone surrogate)
        return None
    finally:
        release()
        tree = None  # positions are computed from the columns and the original text
    nodes.release()
    locator = _Locator(nodes, original, text.isascii())
    return data, LazySourceMap(data, root, locator, reference)


def _node_bound(original: bytes) -> int:
    """A little more than the nodes of the tree of `original`: the `:`, `,`, `[` and `{`
    it holds, counted in one pass (the bytes left when they are taken out: four passes
    of `count` took a third longer at 10,000 activities), and the `- `."""
    return len(original) - len(original.translate(None, b":,[{")) + original.count(b"- ") + 2


# --------------------------------------------------------------------------- the node table
#
# Reading a node through the generated Python bindings costs a call per field (its type,
# its key, its value, its next sibling: 0.3-0.5 µs each, over a second at 10,000
# activities, more than the parse). The tree keeps its nodes in one C array of fixed-size
# records; the table below copies that array once and slices each field out of the copy
# as a list of integers, at C speed. The record's layout is rapidyaml's (0.15: the node
# type, then the key's and the value's tag, text and anchor as pointer and length, then
# parent, first child, last child, next and previous sibling, all 64-bit); it is checked
# against the bindings on every parse (the tree's size and capacity, and every field of
# a sample of nodes), and a tree that does not match is left to the libyaml loader.

_FIELDS = 18  # 64-bit words per node record
_TYPE, _KEY_TEXT, _KEY_LENGTH, _VAL_TEXT, _VAL_LENGTH = 0, 3, 4, 9, 10
_FIRST_CHILD, _NEXT_SIBLING = 14, 16
_FEW_CHILDREN = 32  # up to this index a child is found by following siblings
_SAMPLE = 64  # nodes compared with the bindings at each end of the table


class _NodeTable:
    """ryml's nodes as columns: type, key and value text (address, length), first child
    and next sibling, indexed by node id. No node is `-1`."""

    __slots__ = (
        "base",
        "buffer",
        "first",
        "key_at",
        "key_length",
        "next",
        "type",
        "val_at",
        "val_length",
    )

    def __init__(self, words: memoryview, buffer: bytearray, base: int) -> None:
        self.buffer: bytearray | None = buffer
        self.base = base
        columns = _columns(words, _COLUMNS)
        self.type, self.key_at, self.key_length, self.val_at = columns[:4]
        self.val_length, self.first, self.next = columns[4:]

    @classmethod
    def read(cls, tree: Any, buffer: bytearray) -> _NodeTable | None:
        """The table of `tree`, or None where its memory is not laid out as expected."""
        try:
            address = int(tree.this)
            size, capacity = int(tree.size()), int(tree.capacity())
            header = (ctypes.c_int64 * 3).from_address(address)
            if (header[1], header[2]) != (capacity, size) or not 0 < size <= capacity:
                return None
            # The records in place (no copy of the whole array): each column is copied
            # out of them on its own.
            records = (ctypes.c_int64 * (size * _FIELDS)).from_address(header[0])
        except (AttributeError, TypeError, ValueError, OverflowError):
            return None
        base = ctypes.addressof((ctypes.c_char * max(len(buffer), 1)).from_buffer(buffer))
        table = cls(memoryview(records).cast("B").cast("q"), buffer, base)
        return table if table._matches(tree) else None

    def _matches(self, tree: Any) -> bool:
        size = len(self.type)
        for node in {*range(min(_SAMPLE, size)), *range(max(size - _SAMPLE, 0), size)}:
            if (
                self.type[node] != tree.type(node)
                or self.first[node] != _signed(tree.first_child(node))
                or self.next[node] != _signed(tree.next_sibling(node))
                or not _same_text(tree.key(node), self.key_at[node], self.key_length[node])
                or not _same_text(tree.val(node), self.val_at[node], self.val_length[node])
            ):
                return False
        return True

    def text(self, at: int, length: int) -> str:
        """The (filtered) text of a key or value: in the parsed buffer, or where ryml
        wrote a scalar it could not filter in place."""
        offset = at - self.base
        buffer = self.buffer
        if buffer is not None and offset >= 0 and offset + length <= len(buffer):
            return buffer[offset : offset + length].decode("utf-8")
        return ctypes.string_at(at, length).decode("utf-8") if length else ""

    def release(self) -> None:
        """Drop the parsed buffer once the data is built (positions need the original
        text only)."""
        self.buffer = None


# The fields the table keeps, in the order of its columns.
_COLUMNS = (_TYPE, _KEY_TEXT, _KEY_LENGTH, _VAL_TEXT, _VAL_LENGTH, _FIRST_CHILD, _NEXT_SIBLING)
# Records copied at a time (590 KB, which the processor's cache holds).
_CHUNK = 4096


def _columns(words: memoryview, fields: tuple[int, ...]) -> list[array[int]]:
    """Some fields of every record, each a column of 64-bit integers (8 bytes each, no int
    objects). The records are copied a chunk at a time and every column sliced out of the
    chunk while it is in the cache: a strided copy of each column out of the whole table
    (`tobytes`, through a generic loop) read the 76 MB of records once per column: 64-79
    ms for the seven at 10,000 activities, 22 ms here. Each column is made at its size
    and filled in place: grown chunk by chunk, the seven would hold up to an eighth more
    than their nodes (4 MB at 10,000 activities)."""
    size = len(words) // _FIELDS
    columns = [array("q", [0]) * size for _ in fields]
    raw = words.cast("B")
    step = _CHUNK * _FIELDS * words.itemsize
    for index, start in enumerate(range(0, len(raw), step)):
        chunk = array("q")
        chunk.frombytes(raw[start : start + step])
        first = index * _CHUNK
        last = first + len(chunk) // _FIELDS
        for column, field in zip(columns, fields, strict=True):
            column[first:last] = chunk[field::_FIELDS]
    return columns


def _signed(node: int) -> int:
    return node - (1 << 64) if node >= 1 << 63 else node


def _same_text(view: Any, at: int, length: int) -> bool:
    if view is None:
        return length == 0
    return len(view) == length and (length == 0 or _address(view) == at)


class _Walk:
    """What the walk from the node table to plain data reads: the table, the text, the
    keys met so far; its root, and its reading of a new key. The builders are
    `_builders`'; positions are left to `LazySourceMap`."""

    def __init__(self, nodes: _NodeTable, original: bytes) -> None:
        assert _ryml is not None
        self.nodes = nodes
        self.original = original
        self.keys: dict[bytes, str] = {}
        ryml = _ryml
        self.map = ryml.MAP
        self.stream = ryml.STREAM
        # Plain text that is something else in the YAML 1.2 core schema (null, a
        # boolean, a number) begins with one of these or is one of these words.
        self.special = NULLS | BOOLS.keys()
        # Anchors, aliases, tags, and keys written as block scalars: the libyaml loader's.
        self.leave = (
            ryml.KEYANCH
            | ryml.VALANCH
            | ryml.KEYREF
            | ryml.VALREF
            | ryml.KEYTAG
            | ryml.VALTAG
            | ryml.KEY_LITERAL
            | ryml.KEY_FOLDED
        )
        # Flow collections over several lines (`{"a"\n: b}` and the like): the libyaml
        # loader refuses some by name that rapidyaml reads.
        self.leave_container = ryml.FLOW_ML

    def root(self) -> int:
        nodes = self.nodes
        root = 0
        if nodes.type[root] & self.stream == self.stream:  # (STREAM has SEQ's bit too)
            root = nodes.first[root]
            if root == -1 or nodes.next[root] != -1:
                raise _Leave  # no document, or several
        kind = nodes.type[root]
        if not kind & self.map or kind & (self.leave | self.leave_container):
            raise _Leave
        return root

    def plain_key(self, raw: bytes) -> str:
        key = raw.decode("utf-8")
        if not key:
            raise _Leave  # an empty key: refused by the libyaml loader
        if key[:1] in _RESERVED or " #" in key:
            raise _Leave
        if key[:1] in NUMBER_START or key in self.special:
            key = key_text(resolve_plain(key))
        if key == "<<":
            raise _Leave  # a merge key: refused by the libyaml loader
        key = self.keys[raw] = sys.intern(key)
        return key


def _builders(
    walk: _Walk, *, in_buffer: bool
) -> tuple[Callable[[int, int], dict[str, Any]], Callable[[], None]]:
    """The walk's `build_map` (and `build_seq`), as closures over what `walk` holds.

    Half a million nodes at 10,000 activities, in some 185,000 calls (most mappings and
    lists hold two or three items): as methods, each call first loaded twenty-odd
    attributes into locals, a fifth of the walk; a closure reads them from its cells.
    `in_buffer`: every scalar is in the parsed buffer (ryml wrote none into its arena),
    so a value's bounds need no test.

    The second function returned ends the walk: the two builders call each other through
    their closures, a reference cycle that the paused garbage collector would leave with
    the parsed buffer (12 MB at 10,000 activities) until the command ends.
    """
    assert _ryml is not None
    ryml = _ryml
    nodes = walk.nodes
    types, first, following = nodes.type, nodes.first, nodes.next
    key_at, key_length = nodes.key_at, nodes.key_length
    val_at, val_length = nodes.val_at, nodes.val_length
    buffer = nodes.buffer
    assert buffer is not None
    base, end = nodes.base, nodes.base + len(buffer)
    texts: dict[str, str] = {}
    intern, special, keys, plain_key = sys.intern, walk.special, walk.keys, walk.plain_key
    # Plain text cannot begin with a reserved or flow indicator; rapidyaml takes some
    # (`@x`, `` `x ``): the libyaml loader refuses them with a position.
    first_characters = NUMBER_START | _RESERVED
    original = walk.original
    is_map, is_seq, val_null = ryml.MAP, ryml.SEQ, ryml.VALNIL
    leave = walk.leave | walk.leave_container
    key_quoted = ryml.KEY_DQUO | ryml.KEY_SQUO
    val_styled = ryml.VAL_DQUO | ryml.VAL_SQUO | ryml.VAL_LITERAL | ryml.VAL_FOLDED
    # The node most of a register is: `key: value`, both plain, on one line.
    plain_pair = ryml.KEY | ryml.KEY_PLAIN | ryml.VAL | ryml.VAL_PLAIN

    def scalar(kind: int, at: int, length: int) -> Any:
        """A scalar value (not null) as the libyaml loader reads it."""
        if in_buffer or (base <= at and at + length <= end):
            value: Any = buffer[at - base : at - base + length].decode("utf-8")
        else:
            value = nodes.text(at, length)
        if kind & val_styled:
            if len(value) < 48:  # one string per distinct short text
                value = texts.setdefault(value, value)
        elif value[:1] in first_characters or value in special:
            if value[:1] in _RESERVED:
                raise _Leave
            value = resolve_plain(value)
        elif " #" in value:
            raise _Leave  # a comment ryml read into the text (in `{...}`)
        elif len(value) <= SHARED_TEXT:
            value = intern(value)
        return value

    def build_map(node: int, depth: int) -> dict[str, Any]:
        # The hot loop of a large register: the common case inline.
        if depth > _MAX_DEPTH:
            raise _Leave
        mapping: dict[str, Any] = {}
        child = first[node]
        while child != -1:
            kind = types[child]
            if kind == plain_pair:
                # Half the nodes: a known plain key and a plain value, in the buffer. The
                # same reading as `scalar`, without the tests for what this node is not.
                start = key_at[child] - base
                key = keys.get(original[start : start + key_length[child]])
                at, length = val_at[child], val_length[child]
                if key is not None and key not in mapping:
                    if in_buffer or (base <= at and at + length <= end):
                        at -= base
                        value: Any = buffer[at : at + length].decode("utf-8")
                        if value[:1] in first_characters or value in special:
                            if value[:1] in _RESERVED:
                                raise _Leave
                            value = resolve_plain(value)
                        elif " #" in value:
                            raise _Leave  # a comment ryml read into the text (in `{...}`)
                        elif len(value) <= SHARED_TEXT:
                            value = intern(value)
                    else:
                        value = scalar(kind, at, length)
                    mapping[key] = value
                    child = following[child]
                    continue
            if kind & leave:
                raise _Leave
            if key_length[child] > _MAX_KEY:
                raise _Leave
            if kind & key_quoted:
                key = intern(nodes.text(key_at[child], key_length[child]))
            else:
                # A register repeats a few dozen keys hundreds of thousands of times:
                # each is read once, then found by its bytes.
                # (A plain key is one line, which parsing in place leaves as written.)
                start = key_at[child] - base
                raw = original[start : start + key_length[child]]
                key = keys.get(raw)
                if key is None:
                    key = plain_key(raw)
            if key in mapping:
                raise _Leave  # a duplicate key: reported by the libyaml loader
            if kind & is_map:
                value = build_map(child, depth + 1)
            elif kind & is_seq:
                value = build_seq(child, depth + 1)
            elif kind & val_null:
                value = None
            else:
                value = scalar(kind, val_at[child], val_length[child])
            mapping[key] = value
            child = following[child]
        return mapping

    def build_seq(node: int, depth: int) -> list[Any]:
        if depth > _MAX_DEPTH:
            raise _Leave
        sequence: list[Any] = []
        append = sequence.append
        child = first[node]
        while child != -1:
            kind = types[child]
            if kind & leave:
                raise _Leave
            if kind & is_map:
                append(build_map(child, depth + 1))
            elif kind & is_seq:
                append(build_seq(child, depth + 1))
            elif kind & val_null:
                raise _Leave  # an empty item (`-` alone): located by the libyaml loader
            else:
                append(scalar(kind, val_at[child], val_length[child]))
            child = following[child]
        return sequence

    def release() -> None:
        nonlocal build_map, build_seq, buffer
        del build_map, build_seq, buffer

    return build_map, release


# --------------------------------------------------------------------------- positions


class _Buffer(ctypes.Structure):
    """Python's buffer structure (Py_buffer), to read the address a view points at."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_Buffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_Buffer)]


def _address(view: Any) -> int:
    buffer = _Buffer()
    _get_buffer(view, ctypes.byref(buffer), 0)
    try:
        return int(buffer.buf or 0)
    finally:
        _release_buffer(ctypes.byref(buffer))


# A block scalar's header at the end of its line: `|`, `>-`, `|2+`, then a comment.
_BLOCK_HEADER = re.compile(rb"[|>][-+1-9]{0,2}(?:[ ]+#[^\n]*)?[ ]*$")
# What may stand before a block sequence's first `-` on its line: indentation, and the
# `-` of the items of enclosing sequences (`- - x`).
_SEQUENCE_LEAD = re.compile(rb"(?:[ ]*-)*[ ]*")


class _Locator:
    """Byte offsets of the table's nodes in the source, and lines and columns from them."""

    def __init__(self, nodes: _NodeTable, original: bytes, ascii: bool) -> None:
        assert _ryml is not None
        self.nodes = nodes
        self.original = original  # the text as written (parsing in place rewrote some)
        self.ascii = ascii
        self._lines_before: array[int] | None = None
        self._children: dict[int, array[int]] = {}
        ryml = _ryml
        self.map, self.seq = ryml.MAP, ryml.SEQ
        self.flow = ryml.FLOW_SL | ryml.FLOW_ML
        self.key_quoted = ryml.KEY_DQUO | ryml.KEY_SQUO
        self.val_quoted = ryml.VAL_DQUO | ryml.VAL_SQUO
        self.val_block = ryml.VAL_LITERAL | ryml.VAL_FOLDED

    def child(self, node: int, index: int) -> int:
        if index >= _FEW_CHILDREN:  # a long list or a mapping of many keys: index it once
            children = self._children.get(node)
            if children is None:
                children = self._children[node] = self._list_children(node)
            return children[index]
        child = self.nodes.first[node]
        following = self.nodes.next
        for _ in range(index):
            child = following[child]
        return child

    def _list_children(self, node: int) -> array[int]:
        children = array("q")
        following = self.nodes.next
        child = self.nodes.first[node]
        while child != -1:
            children.append(child)
            child = following[child]
        return children

    def first_child(self, node: int) -> int:
        return self.nodes.first[node]

    def next_sibling(self, node: int) -> int:
        return self.nodes.next[node]

    def packed(self, code: int) -> int:
        """A mark of a node (`2 * id` its key, `2 * id + 1` its value), packed 0-based."""
        return self.mark(self.offset(code))

    def offset(self, code: int) -> int:
        node = code >> 1
        nodes = self.nodes
        kind = nodes.type[node]
        if not code & 1:  # the key
            start = nodes.key_at[node] - nodes.base
            if not 0 <= start <= len(self.original) - nodes.key_length[node]:
                raise _Unresolved  # a scalar written elsewhere
            return start - 1 if kind & self.key_quoted else start
        if kind & (self.map | self.seq):
            return self._container(node, kind)
        start = nodes.val_at[node] - nodes.base
        if not 0 <= start <= len(self.original) - nodes.val_length[node]:
            raise _Unresolved
        if kind & self.val_quoted:
            return start - 1
        if kind & self.val_block:
            return self._block_header(start)
        return start

    def _container(self, node: int, kind: int) -> int:
        child = self.nodes.first[node]
        if child == -1:
            raise _Unresolved  # `[]` or `{}`: rare enough for the reference map
        first = self.offset(2 * child if kind & self.map else 2 * child + 1)
        if kind & self.map and not kind & self.flow:
            return first
        opening = (b"{" if kind & self.map else b"[") if kind & self.flow else b"-"
        text = self.original
        at = first - 1
        while at >= 0 and text[at] in b" \n":
            at -= 1
        if at < 0 or text[at : at + 1] != opening:
            raise _Unresolved
        line_start = text.rfind(b"\n", 0, at) + 1
        before = text[line_start:at]
        if opening == b"-":
            if _SEQUENCE_LEAD.fullmatch(before) is None:
                raise _Unresolved
        elif b"#" in before:  # the bracket may be a comment's
            raise _Unresolved
        return at

    def _block_header(self, content: int) -> int:
        """The `|` or `>` of a block scalar whose text starts at the line at `content`."""
        text = self.original
        if content == 0 or text[content - 1 : content] != b"\n":
            raise _Unresolved
        line_start = text.rfind(b"\n", 0, content - 1) + 1
        line = text[line_start : content - 1]
        found = _BLOCK_HEADER.search(line)
        if found is None:
            raise _Unresolved
        lead = line[: found.start()].rstrip(b" ")
        if lead and not lead.endswith((b":", b"-")):
            raise _Unresolved
        return line_start + found.start()

    def mark(self, offset: int) -> int:
        lines_before = self._lines_before
        if lines_before is None:
            lines_before = self._lines_before = _lines_before(self.original)
        text = self.original
        # The line breaks before the offset's block, and those in the block before it.
        line = lines_before[offset // _BLOCK] + text.count(b"\n", offset & -_BLOCK, offset)
        start = text.rfind(b"\n", 0, offset) + 1
        if self.ascii:
            column = offset - start
        else:
            column = len(text[start:offset].decode("utf-8", "replace"))
        return (line << 32) | column


# A line is found by counting line breaks: those before each block of this many bytes
# are counted once, those in its block at each position asked for. (A table of every
# line's start took 37 ms to make at 10,000 activities, splitting out 320,000 lines, for
# the few thousand positions a run asks for; counting in a block is a C loop over at
# most 1 KiB.)
_BLOCK = 1024


def _lines_before(text: bytes) -> array[int]:
    """The number of line breaks before each block of `_BLOCK` bytes of `text` (with an
    entry for an offset at the very end)."""
    starts = range(0, len(text) + _BLOCK, _BLOCK)
    counts = map(text.count, repeat(b"\n"), starts, map(_BLOCK.__add__, starts))
    return array("q", accumulate(counts, initial=0))


class LazySourceMap(SourceMap):
    """A `SourceMap` that keeps ryml's tree instead of positions, and finds the node of a
    path in the tree when its position is asked for (a mapping's keys are its children in
    order, so the key's index in the data is the child's index in the tree)."""

    reads_data = True

    __slots__ = ("_data", "_key_indexes", "_locator", "_reference", "_reference_map", "_root_node")

    def __init__(
        self,
        root: object,
        root_node: int,
        locator: _Locator,
        reference: Callable[[str], SourceMap | None],
    ) -> None:
        # The base map is laid out empty: this one answers from the data and the tree.
        super().__init__({}, {}, 0)
        self._data = root
        self._key_indexes: dict[int, dict[Any, int]] = {}
        self._root_node = root_node
        self._locator = locator
        self._reference = reference
        self._reference_map: SourceMap | None = None

    def _fallback(self) -> SourceMap:
        if self._reference_map is None:
            text = self._locator.original.decode("utf-8")
            found = self._reference(text)
            if found is None:  # pragma: no cover - both loaders read the same text
                raise RuntimeError("the libyaml loader cannot read a text rapidyaml read")
            self._reference_map = found
        return self._reference_map

    def _position(self, code: int) -> Position:
        locator = self._locator
        mark = locator.mark(locator.offset(code))
        return Position((mark >> 32) + 1, (mark & 0xFFFFFFFF) + 1)

    def locate(self, path: DataPath) -> Located:
        try:
            return self._locate(path)
        except _Unresolved:
            return self._fallback().locate(path)

    def _locate(self, path: DataPath) -> Located:
        value_code, key_code, exact, _node = self._node_of(path)
        key = None if key_code is None else self._position(key_code)
        return Located(self._position(value_code), key, exact)

    def shown_at(self, path: DataPath, *, at_key: bool = False) -> Position:
        # One walk, and only the one position shown (`SourceMap.shown_at`).
        try:
            value_code, key_code, exact, node = self._node_of(path)
            if key_code is not None and (not exact or at_key or isinstance(node, dict | list)):
                return self._position(key_code)
            return self._position(value_code)
        except _Unresolved:
            return self._fallback().shown_at(path, at_key=at_key)

    def _node_of(self, path: DataPath) -> tuple[int, int | None, bool, Any]:
        """The marks of `path`'s value and key (None: an item of a list, or the root),
        whether it exists (else those of its nearest parent), and its data."""
        locator = self._locator
        first, following = locator.nodes.first, locator.nodes.next
        node: Any = self._data
        tree_node = self._root_node
        value_code = 2 * tree_node + 1
        key_code: int | None = None
        for element in path:
            if isinstance(node, dict):
                if element not in node:
                    return value_code, key_code, False, node
                if len(node) <= _FEW_CHILDREN:
                    # The key's node is the mapping's child at the key's index: both
                    # counted in one loop (a finding's path runs through an activity).
                    tree_node = first[tree_node]
                    for candidate in node:
                        if candidate == element:
                            break
                        tree_node = following[tree_node]
                else:
                    tree_node = locator.child(tree_node, self._index_of(node, element))
                node = node[element]
                key_code = 2 * tree_node
                value_code = key_code if node is None else key_code + 1
            elif isinstance(node, list):
                if not isinstance(element, int) or not 0 <= element < len(node):
                    return value_code, key_code, False, node
                tree_node = locator.child(tree_node, element)
                node = node[element]
                key_code, value_code = None, 2 * tree_node + 1
            else:
                return value_code, key_code, False, node
        return value_code, key_code, True, node

    def _index_of(self, mapping: dict[Any, Any], key: Any) -> int:
        """The index of `key` among the keys of a large mapping, indexed once (a small
        one's, an activity's, are counted: a dictionary of its keys for each of 10,000
        activities cost more time and memory than counting)."""
        indexed = self._key_indexes.get(id(mapping))
        if indexed is None:
            indexed = self._key_indexes[id(mapping)] = {k: i for i, k in enumerate(mapping)}
        return indexed[key]

    def holds_container(self, path: DataPath) -> bool:
        node: Any = self._data
        for element in path:
            if isinstance(node, dict):
                if element not in node:
                    return False
            elif (
                not isinstance(node, list)
                or not isinstance(element, int)
                or not 0 <= element < len(node)
            ):
                return False
            node = node[element]
        return isinstance(node, dict | list)

    def remapped(self, convert: Callable[[int], int]) -> SourceMap:
        return self._fallback().remapped(convert)

    def walk(self) -> Iterator[tuple[DataPath, Position | None, Position]]:
        try:
            found: list[tuple[DataPath, Position | None, Position]] = [
                ((), None, self._position(2 * self._root_node + 1))
            ]
            for path, key_code, value_code in self._codes():
                key = None if key_code is None else self._position(key_code)
                found.append((path, key, self._position(value_code)))
        except _Unresolved:
            found = list(self._fallback().walk())
        yield from found

    def starts(self) -> list[tuple[int, DataPath, bool]]:
        try:
            packed = self._locator.packed
            return [
                (packed(key_code if key_code is not None else value_code), path, key_code is None)
                for path, key_code, value_code in self._codes()
            ]
        except _Unresolved:
            return self._fallback().starts()

    def _codes(self) -> list[tuple[DataPath, int | None, int]]:
        """(path, key mark or None, value mark) of every node but the root, in document
        order (aliases are not in this engine's documents: each node is met once)."""
        found: list[tuple[DataPath, int | None, int]] = []
        self._collect(self._data, self._root_node, (), found)
        return found

    def _collect(
        self,
        node: Any,
        tree_node: int,
        path: DataPath,
        found: list[tuple[DataPath, int | None, int]],
    ) -> None:
        locator = self._locator
        child = locator.first_child(tree_node)
        is_mapping = isinstance(node, dict)
        for key, value in node.items() if is_mapping else enumerate(node):
            child_path = (*path, key)
            if is_mapping:
                found.append((child_path, 2 * child, 2 * child if value is None else 2 * child + 1))
            else:
                found.append((child_path, None, 2 * child + 1))
            if isinstance(value, dict | list):
                self._collect(value, child, child_path, found)
            child = locator.next_sibling(child)


class _quiet_stderr:
    """rapidyaml prints its parse errors to the process's standard error before raising;
    the libyaml loader reports the error, so that print is kept from the user."""

    def __enter__(self) -> None:
        try:
            sys.stderr.flush()
            self.saved: int | None = os.dup(2)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
        except OSError:  # no file descriptor 2 (an embedded interpreter): nothing to hide
            self.saved = None

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            os.dup2(self.saved, 2)
            os.close(self.saved)


__all__ = ["AVAILABLE", "LazySourceMap", "eligible", "parse"]
