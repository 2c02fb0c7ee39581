"""Evaluate rapidyaml (the `ryml` module) as the parse engine of the positioned loader.

    pip install rapidyaml
    python benchmarks/rapidyaml_eval.py suite             # the YAML test suite through it
    python benchmarks/rapidyaml_eval.py speed FILE [...]  # parse and walk times against parse_fast

Not part of ropa: the experiment (issue 14, item 1) that led to `ropa.yamlrapid`, kept so
its figures can be reproduced. The engine itself reads ryml's node records directly
rather than walking the tree through the bindings as below (see its module docstring).
The loader below builds the same plain data as `ropa.yamlio.parse_fast` (YAML 1.2 core
scalars, aliases resolved, tags and several documents refused) and takes each node's
position from the address of its view into the source buffer, which `parse_in_place`
keeps (the tree's keys and values are memoryviews into that buffer).
"""

from __future__ import annotations

import bisect
import ctypes
import gc
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _address(view: Any) -> int:
    from ropa.yamlrapid import _address as address  # the engine's, one implementation

    return address(view)


class RymlError(Exception):
    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code, self.line, self.column = code, line, column


def ryml_load(text: str, *, positions: bool = True) -> tuple[Any, dict[int, tuple[int, int]]]:
    """Plain data and, per node id, its (line, column), 1-based; raises `RymlError`."""
    import ryml

    from ropa.yamlio import key_text, resolve_plain

    source = bytearray(text.encode("utf-8"))
    try:
        tree = ryml.parse_in_place(source)
    except Exception as error:
        location = getattr(getattr(error, "errdata_parse", None), "ymlloc", None)
        line = getattr(location, "line", 0) if location else 0  # 1-based already
        column = getattr(location, "col", 0) if location else 0
        message = (getattr(error, "msg", "") or str(error) or "parse error").strip()
        raise RymlError("YM01", message.splitlines()[0], line, column) from None
    base = ctypes.addressof((ctypes.c_char * max(len(source), 1)).from_buffer(source))
    newlines = [index for index, byte in enumerate(source) if byte == 10] if positions else []
    # Per node id: a key and its value share one node in ryml, so a value's position
    # overwrites its key's here (enough to measure the cost; a loader would keep both).
    where: dict[int, tuple[int, int]] = {}
    anchors: dict[str, Any] = {}

    def locate(node: int, view: Any) -> None:
        if not positions or view is None or len(view) == 0:
            return
        offset = _address(view) - base
        line = bisect.bisect_left(newlines, offset)
        start = newlines[line - 1] + 1 if line else 0
        where[node] = (line + 1, len(source[start:offset].decode("utf-8", "replace")) + 1)

    def scalar(node: int, is_key: bool) -> Any:
        if tree.has_key_tag(node) if is_key else tree.has_val_tag(node):
            raise RymlError("YM03", "tags are not supported", *where.get(node, (0, 0)))
        if is_key:
            if tree.is_key_ref(node):
                return anchors[bytes(tree.key_ref(node)).decode()]
            view = tree.key(node)
            quoted = tree.is_key_quoted(node)
            null = tree.key_is_null(node)
        else:
            if tree.is_val_ref(node):
                return anchors[bytes(tree.val_ref(node)).decode()]
            view = tree.val(node)
            quoted = (
                tree.is_val_quoted(node) or tree.is_val_literal(node) or tree.is_val_folded(node)
            )
            null = tree.val_is_null(node)
        text_value = bytes(view).decode("utf-8") if view is not None else ""
        if quoted:
            return text_value
        return None if null else resolve_plain(text_value)

    def build(node: int) -> Any:
        if tree.is_map(node) or tree.is_seq(node):
            if tree.has_val_tag(node):
                raise RymlError("YM03", "tags are not supported", 0, 0)
            container: Any = {} if tree.is_map(node) else []
            if tree.has_val_anchor(node):
                anchors[bytes(tree.val_anchor(node)).decode()] = container
            child = tree.first_child(node)
            while child != ryml.NONE:
                if tree.has_key(child):
                    locate(child, tree.key(child))
                    key = key_text(scalar(child, True))
                    if key in container:
                        raise RymlError("YM02", f"duplicate key {key}", *where.get(child, (0, 0)))
                    container[key] = build(child)
                else:
                    container.append(build(child))
                child = tree.next_sibling(child)
            return container
        if tree.has_val(node) and not tree.is_val_ref(node):
            locate(node, tree.val(node))
        value = scalar(node, False)
        if tree.has_val_anchor(node):
            anchors[bytes(tree.val_anchor(node)).decode()] = value
        return value

    root = tree.root_id()
    if tree.is_stream(root):
        documents = tree.num_children(root)
        if documents != 1:
            raise RymlError("YM04" if documents else "YM08", "not one document", 1, 1)
        root = tree.first_child(root)
    return build(root), where


def suite() -> None:
    from tests.yaml_suite import load_cases, run, table

    from ropa.findings import Finding, Severity
    from ropa.position import Position
    from ropa.yamlio import ParsedDocument

    def loader(text: str) -> ParsedDocument:
        try:
            data, _ = ryml_load(text)
        except RymlError as error:
            problem = Finding(
                code=error.code,
                name="ryml",
                message=str(error),
                severity=Severity.ERROR,
                file="case.yaml",
                position=Position(max(error.line, 1), max(error.column, 1)),
            )
            return ParsedDocument("case.yaml", None, None, [problem])
        return ParsedDocument("case.yaml", data, None)

    verdicts = run(loader, load_cases())
    for outcome, count in sorted(table(verdicts).items()):
        print(f"  {outcome:55} {count}")
    for item in verdicts:
        if item.outcome.startswith(("different", "crashed", "invalid accepted")):
            print(f"    {item.case.id}: {item.outcome} {item.case.yaml[:60]!r} {item.message[:60]}")


def _via_json(text: str) -> Any:
    """The data only: ryml's own JSON emitter, read back by json.loads (no positions, and
    a duplicate key or a `.inf` would pass or fail silently: a measure, not a loader)."""
    import json

    import ryml

    # The tree's views point into the buffer: it must outlive the emitting.
    buffer = bytearray(text.encode("utf-8"))
    tree = ryml.parse_in_place(buffer)
    return json.loads(ryml.emit_json_malloc(tree, tree.root_id()))


def speed(paths: list[str]) -> None:
    import ryml

    from ropa.yamlio import parse_fast

    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        gc.disable()
        figures = {}
        steps: list[tuple[str, Any]] = [
            ("ryml parse_in_place", lambda t: ryml.parse_in_place(bytearray(t.encode()))),
            ("ryml walk, no positions", lambda t: ryml_load(t, positions=False)),
            ("ryml walk with positions", ryml_load),
            ("ryml parse + emit_json + json.loads, no positions", _via_json),
            ("parse_fast (libyaml)", lambda t: parse_fast(t, "r.yaml")),
        ]
        for name, step in steps:
            best = float("inf")
            for _ in range(2):
                start = time.perf_counter()
                step(text)
                best = min(best, time.perf_counter() - start)
                gc.collect()
            figures[name] = best
        gc.enable()
        print(path, " ".join(f"{name}: {seconds:.3f} s;" for name, seconds in figures.items()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["suite"]:
        suite()
    else:
        speed(sys.argv[2:])
