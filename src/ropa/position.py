"""Positions in YAML sources, and the source map that finds the position of any value.

Parsers count lines and columns from 0; people count from 1. The conversion happens in
exactly one place, `_unpack`, so no other module ever adds 1.

A `SourceMap` keeps the positions of every node of one document without wrapping the
data: the data stays plain dicts, lists and scalars (fast to validate), and the map keeps
every packed mark in one flat array, each container's marks found by the container's
identity. The map holds the root, so the containers (and their identities) live as long
as the map.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, cast

PathElement = str | int
DataPath = tuple[PathElement, ...]

_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1
# Up to this many keys a linear search is as fast as building an index.
_SMALL_MAPPING = 32


class Position(NamedTuple):
    """A 1-based line and column, as editors show them."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


START = Position(1, 1)


def pack_mark(line0: int, column0: int) -> int:
    """Pack a parser's 0-based line and column into one integer."""
    return (line0 << _COLUMN_BITS) | column0


def _unpack(mark: int) -> Position:
    return Position((mark >> _COLUMN_BITS) + 1, (mark & _COLUMN_MASK) + 1)


def format_path(path: DataPath) -> str:
    """`("activities", 2, "purposes")` → `activities[2].purposes`."""
    out: list[str] = []
    for element in path:
        if isinstance(element, int):
            out.append(f"[{element}]")
        else:
            out.append(f".{element}" if out else element)
    return "".join(out) or "(document)"


class Located(NamedTuple):
    """Where a path points: the value, the key that holds it, and whether it exists."""

    value: Position
    key: Position | None
    exact: bool

    @property
    def best(self) -> Position:
        """The key when there is one (a person looks for the key), else the value."""
        return self.key if self.key is not None else self.value


class SourceMap:
    """The positions of every key and value of one parsed YAML document.

    Layout of each container's marks: a mapping holds its own start mark followed by
    (key mark, value mark) for each key in insertion order; a sequence holds its start
    mark followed by one mark per item.

    A loader hands over one array per container; the map copies them into one flat array
    and keeps the loader's dict, now of offsets. An array object per container costs about 140 bytes
    beyond its marks (over a million containers at 50,000 activities); an offset into
    the flat array costs one integer.
    """

    __slots__ = ("_indexes", "_marks", "_offsets", "_root_mark", "root")

    def __init__(self, root: object, marks: dict[int, array[int]], root_mark: int) -> None:
        self.root = root
        flat: array[int] = array("q")
        extend = flat.extend
        # The map takes over the loader's dict: each container's array is replaced by its
        # offset as it is copied, so the arrays are freed one by one and no second dict of
        # a million entries is built beside the first.
        offsets = cast("dict[int, Any]", marks)
        for identity, container_marks in marks.items():
            offsets[identity] = len(flat)
            extend(container_marks)
        self._marks = flat
        self._offsets: dict[int, int] = offsets
        self._root_mark = root_mark
        # Key → index of large mappings, built on first use: locating every key of a
        # mapping with thousands of keys must not cost time quadratic in their number.
        self._indexes: dict[int, dict[PathElement, int]] = {}

    def locate(self, path: DataPath) -> Located:
        """Find `path`; when it does not exist, the nearest existing parent."""
        node = self.root
        value_mark = self._root_mark
        key_mark: int | None = None
        marks = self._marks
        for element in path:
            offset = self._offsets.get(id(node))
            if offset is None:
                return self._located(value_mark, key_mark, exact=False)
            if isinstance(node, dict):
                if element not in node:
                    return self._located(value_mark, key_mark, exact=False)
                index = offset + 2 * self._key_index(node, element)
                key_mark, value_mark = marks[1 + index], marks[2 + index]
                node = node[element]
            elif isinstance(node, list):
                if not isinstance(element, int) or not 0 <= element < len(node):
                    return self._located(value_mark, key_mark, exact=False)
                value_mark = marks[1 + offset + element]
                key_mark = None
                node = node[element]
            else:  # pragma: no cover - only containers have marks
                break
        return self._located(value_mark, key_mark, exact=True)

    def _located(self, value_mark: int, key_mark: int | None, *, exact: bool) -> Located:
        key = None if key_mark is None else _unpack(self._packed(key_mark))
        return Located(_unpack(self._packed(value_mark)), key, exact)

    def _packed(self, mark: int) -> int:
        """A stored mark as a packed 0-based mark. Marks are stored packed here; a map
        that stores something cheaper to record (a parser's node id) converts it."""
        return mark

    def remapped(self, convert: Callable[[int], int]) -> SourceMap:
        """The same map with every packed mark passed through `convert`."""
        packed = self._packed
        remapped = SourceMap(self.root, {}, convert(packed(self._root_mark)))
        remapped._marks = array("q", (convert(packed(mark)) for mark in self._marks))
        remapped._offsets = self._offsets
        return remapped

    def _key_index(self, mapping: dict[str, object], key: PathElement) -> int:
        if len(mapping) <= _SMALL_MAPPING:
            return _key_index(mapping, key)
        index = self._indexes.get(id(mapping))
        if index is None:
            index = self._indexes[id(mapping)] = {name: i for i, name in enumerate(mapping)}
        return index[key]

    def position(self, path: DataPath) -> Position:
        """The position of the value at `path`, or of its nearest existing parent."""
        return self.locate(path).value

    def walk(self) -> Iterator[tuple[DataPath, Position | None, Position]]:
        """Every node as (path, key position or None, value position), in document order.

        Used to compare two loaders; shared (aliased) containers are walked at each use.
        """
        yield (), None, _unpack(self._packed(self._root_mark))
        yield from self._walk(self.root, ())

    def _walk(
        self, node: object, path: DataPath
    ) -> Iterator[tuple[DataPath, Position | None, Position]]:
        offset = self._offsets.get(id(node))
        if offset is None:
            return
        marks = self._marks
        if isinstance(node, dict):
            for index, (key, child) in enumerate(node.items()):
                child_path = (*path, key)
                at = offset + 2 * index
                packed = self._packed
                yield child_path, _unpack(packed(marks[1 + at])), _unpack(packed(marks[2 + at]))
                yield from self._walk(child, child_path)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                child_path = (*path, index)
                yield child_path, None, _unpack(self._packed(marks[1 + offset + index]))
                yield from self._walk(child, child_path)

    def starts(self) -> list[tuple[int, DataPath, bool]]:
        """(packed mark, path, is a list item) of every key and list item, in no order:
        a key's mark is the key's, an item's is its value's. Iterative and without
        Position objects: `ropa fmt` lays out every node of large files with it."""
        found: list[tuple[int, DataPath, bool]] = []
        stack: list[tuple[object, DataPath]] = [(self.root, ())]
        offsets = self._offsets
        marks = self._marks
        packed = self._packed
        while stack:
            node, path = stack.pop()
            offset = offsets.get(id(node))
            if offset is None:
                continue
            if isinstance(node, dict):
                for index, (key, child) in enumerate(node.items()):
                    child_path = (*path, key)
                    found.append((packed(marks[1 + offset + 2 * index]), child_path, False))
                    stack.append((child, child_path))
            elif isinstance(node, list):
                for index, child in enumerate(node):
                    child_path = (*path, index)
                    found.append((packed(marks[1 + offset + index]), child_path, True))
                    stack.append((child, child_path))
        return found


def _key_index(mapping: dict[str, object], key: PathElement) -> int:
    for index, candidate in enumerate(mapping):
        if candidate == key:
            return index
    raise KeyError(key)  # pragma: no cover - callers check membership first


class Location(NamedTuple):
    """A value of a register: the file it was written in and its path inside that file."""

    file: str
    path: DataPath

    def child(self, *elements: PathElement) -> Location:
        return Location(self.file, (*self.path, *elements))
