"""Positions in YAML sources, and the source map that finds the position of any value.

Parsers count lines and columns from 0; people count from 1. The conversion happens in
exactly one place, `_unpack`, so no other module ever adds 1.

A `SourceMap` keeps the positions of every node of one document without wrapping the
data: the data stays plain dicts, lists and scalars (fast to validate), and the map keeps
every packed mark in one flat array, with the layout of the containers beside the marks.
It does not hold the data: a validated register drops its plain data and keeps placing
findings.
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, NamedTuple, cast

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

    The map does not hold the data: once a document is validated its plain dicts and
    lists can go (at 50,000 activities they are a third of the memory), and findings are
    still placed. Two flat arrays of integers, one block per container, side by side:

    * `_marks`: a mapping's start mark, then (key mark, value mark) for each key in order;
      a sequence's start mark, then one mark per item;
    * `_links`, at the same indexes: at the start mark, the index of the mapping's key
      tuple in `_shapes` (≥ 0) or -1 - the sequence's length; at each value's mark, the
      block of the value when it is a container, else -1.

    Mappings written with the same keys in the same order (nearly every activity of a
    large register) share one key tuple. A container the data holds twice (an alias) has
    one block, pointed to from both places.
    """

    __slots__ = ("_indexes", "_links", "_marks", "_root", "_root_mark", "_shapes")
    # Whether the map finds positions by reading the plain data it was made from (a lazy
    # map of another engine does), so that the data must stay as it was parsed.
    reads_data: ClassVar[bool] = False

    def __init__(self, root: object, marks: dict[int, array[int]], root_mark: int) -> None:
        """Lay out `root`'s containers, whose marks a loader gives by container identity:
        a mapping's start mark followed by (key mark, value mark) per key, a sequence's
        start mark followed by one mark per item."""
        self._root_mark = root_mark
        self._shapes: list[tuple[str, ...]] = []
        # Key → index of mappings with many keys, built on first use: locating every key
        # of a mapping with thousands of keys must not cost time quadratic in their number.
        self._indexes: dict[int, dict[PathElement, int]] = {}
        self._marks, self._links, self._root = _lay_out(root, marks, self._shapes)

    def _step(self, block: int, element: PathElement) -> tuple[int, int, int | None]:
        """(the child's block, its value mark, its key mark) of `element` in the container
        at `block`; a block of -2 when the container has no such element."""
        header = self._links[block]
        if header >= 0:  # a mapping
            index = self._key_index(header, element)
            if index < 0:
                return -2, 0, None
            at = block + 2 + 2 * index
            return self._links[at], self._marks[at], self._marks[at - 1]
        if not isinstance(element, int) or not 0 <= element < -1 - header:
            return -2, 0, None
        at = block + 1 + element
        return self._links[at], self._marks[at], None

    def locate(self, path: DataPath) -> Located:
        """Find `path`; when it does not exist, the nearest existing parent."""
        block = self._root
        value_mark = self._root_mark
        key_mark: int | None = None
        for element in path:
            child = self._step(block, element) if block >= 0 else (-2, 0, None)
            if child[0] == -2:
                return Located(_unpack(value_mark), _optional(key_mark), exact=False)
            block, value_mark, key_mark = child
        return Located(_unpack(value_mark), _optional(key_mark), exact=True)

    def holds_container(self, path: DataPath) -> bool:
        """Whether `path` exists and its value is a mapping or a list."""
        block = self._root
        for element in path:
            if block < 0:
                return False
            block = self._step(block, element)[0]
        return block >= 0

    def shown_at(self, path: DataPath, *, at_key: bool = False) -> Position:
        """Where a finding about `path` is shown: at the key that holds it when there is
        one and the finding is about the key (`at_key`), the value is a mapping or a list
        (a person looks for the key), or the path does not exist (its nearest parent's
        key); otherwise at the value itself."""
        located = self.locate(path)
        if not located.exact or at_key or self.holds_container(path):
            return located.best
        return located.value

    def remapped(self, convert: Callable[[int], int]) -> SourceMap:
        """The same map with every packed mark passed through `convert`."""
        remapped = copy.copy(self)
        remapped._root_mark = convert(self._root_mark)
        remapped._marks = array("q", map(convert, self._marks))
        return remapped

    def _key_index(self, shape: int, key: PathElement) -> int:
        """The index of `key` in a mapping's keys, or -1."""
        keys = self._shapes[shape]
        if len(keys) <= _SMALL_MAPPING:
            for index, candidate in enumerate(keys):
                if candidate == key:
                    return index
            return -1
        indexed = self._indexes.get(shape)
        if indexed is None:
            indexed = self._indexes[shape] = {name: i for i, name in enumerate(keys)}
        return indexed.get(key, -1)

    def position(self, path: DataPath) -> Position:
        """The position of the value at `path`, or of its nearest existing parent."""
        return self.locate(path).value

    def _entries(self, block: int) -> Iterator[tuple[PathElement, int | None, int, int]]:
        """(key or index, key mark or None, value mark, value's block) of a container."""
        marks, links = self._marks, self._links
        header = links[block]
        if header >= 0:
            for index, key in enumerate(self._shapes[header]):
                at = block + 2 + 2 * index
                yield key, marks[at - 1], marks[at], links[at]
        else:
            for index in range(-1 - header):
                at = block + 1 + index
                yield index, None, marks[at], links[at]

    def walk(self) -> Iterator[tuple[DataPath, Position | None, Position]]:
        """Every node as (path, key position or None, value position), in document order.

        Used to compare two loaders; shared (aliased) containers are walked at each use.
        """
        yield (), None, _unpack(self._root_mark)
        yield from self._walk(self._root, ())

    def _walk(
        self, block: int, path: DataPath
    ) -> Iterator[tuple[DataPath, Position | None, Position]]:
        if block < 0:
            return
        for element, key_mark, value_mark, child in self._entries(block):
            child_path = (*path, element)
            yield child_path, _optional(key_mark), _unpack(value_mark)
            yield from self._walk(child, child_path)

    def starts(self) -> list[tuple[int, DataPath, bool]]:
        """(packed mark, path, is a list item) of every key and list item, in no order:
        a key's mark is the key's, an item's is its value's. Iterative and without
        Position objects: `ropa fmt` lays out every node of large files with it."""
        found: list[tuple[int, DataPath, bool]] = []
        stack: list[tuple[int, DataPath]] = [(self._root, ())] if self._root >= 0 else []
        while stack:
            block, path = stack.pop()
            for element, key_mark, value_mark, child in self._entries(block):
                child_path = (*path, element)
                if key_mark is None:
                    found.append((value_mark, child_path, True))
                else:
                    found.append((key_mark, child_path, False))
                if child >= 0:
                    stack.append((child, child_path))
        return found


def _lay_out(
    root: object, marks: dict[int, array[int]], shapes: list[tuple[str, ...]]
) -> tuple[array[int], array[int], int]:
    """The two flat arrays of `SourceMap` and the root's block (-1: the root is a scalar).

    Takes over the loader's dict: each container's array is replaced by its block as it
    is copied, so the arrays are freed one by one and no second dict of a million entries
    is built beside the first (the dict goes with the loader). Every node of every parse
    passes through here: C-level scans (`map`, `in`) skip the scalars.
    """
    flat: array[int] = array("q")
    extend = flat.extend
    placed = cast("dict[int, Any]", marks)
    # Offsets fit 32 bits: a file within the size limit has far fewer than 2**31 nodes.
    links: array[int] = array("i", (-1,)) * sum(map(len, marks.values()))
    shape_index: dict[tuple[str, ...], int] = {}
    # (container, the slot of its parent's block that points at it)
    stack: list[tuple[Any, int]] = [(root, -1)]
    push = stack.append
    root_block = -1
    while stack:
        node, slot = stack.pop()
        container_marks = placed.get(id(node))
        if container_marks is None:
            continue  # a scalar, or a container the loader gave no marks
        if type(container_marks) is int:  # laid out already: an alias
            block = container_marks
        else:
            block = len(flat)
            placed[id(node)] = block
            extend(container_marks)
            if type(node) is dict:
                keys = tuple(node)
                shape = shape_index.get(keys)
                if shape is None:
                    shape = shape_index[keys] = len(shapes)
                    shapes.append(keys)
                links[block] = shape
                values = list(node.values())
                first = block + 2
                step = 2
            else:
                values = node
                links[block] = -1 - len(values)
                first = block + 1
                step = 1
            kinds = list(map(type, values))
            if dict in kinds or list in kinds:
                for index, kind in enumerate(kinds):
                    if kind is dict or kind is list:
                        push((values[index], first + step * index))
        if slot < 0:
            root_block = block
        else:
            links[slot] = block
    del links[len(flat) :]  # the marks of values the loader read and dropped
    return flat, links, root_block


def _optional(mark: int | None) -> Position | None:
    return None if mark is None else _unpack(mark)


class Location(NamedTuple):
    """A value of a register: the file it was written in and its path inside that file."""

    file: str
    path: DataPath

    def child(self, *elements: PathElement) -> Location:
        return Location(self.file, (*self.path, *elements))
