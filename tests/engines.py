"""What both parse engines of the fast loader must agree on (tests/test_yaml_engines.py,
and the YAML test suite in tests/test_yaml_conformance.py)."""

from __future__ import annotations

import math
from typing import Any

from ropa.yamlio import ParsedDocument, parse_fast, parse_rapid


def _same(one: Any, other: Any) -> bool:
    """Equal data, NaN equal to NaN."""
    if isinstance(one, float) and isinstance(other, float) and math.isnan(one):
        return math.isnan(other)
    if isinstance(one, dict) and isinstance(other, dict):
        return list(one) == list(other) and all(_same(one[k], other[k]) for k in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(_same(a, b) for a, b in zip(one, other, strict=True))
    return type(one) is type(other) and one == other


def _problems(document: ParsedDocument) -> list[tuple[str, str, str]]:
    return [(p.code, p.message, str(p.position)) for p in document.problems]


def assert_engines_agree(text: str, file: str = "r.yaml") -> ParsedDocument | None:
    """Both engines on `text`: the same reading. Returns rapidyaml's, if it took the text."""
    reference = parse_fast(text, file, engine="libyaml")
    chosen = parse_fast(text, file)
    rapid = parse_rapid(text, file)
    assert _same(chosen.data, reference.data)
    assert _problems(chosen) == _problems(reference)
    if rapid is not None:
        assert not reference.problems, _problems(reference)
        assert _same(rapid.data, reference.data)
        assert reference.source_map is not None
        assert rapid.source_map is not None
        assert list(rapid.source_map.walk()) == list(reference.source_map.walk())
        assert sorted(rapid.source_map.starts()) == sorted(reference.source_map.starts())
    elif reference.source_map is not None and chosen.source_map is not None:
        assert list(chosen.source_map.walk()) == list(reference.source_map.walk())
    return rapid
