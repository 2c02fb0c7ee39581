"""The two parse engines of the fast loader agree: rapidyaml (the `fast` extra) and libyaml.

Every fixture, hostile case and seed register, every case of the YAML test suite, and
generated registers are read by both; data, every position of the source map and every
problem must be the same, and `ropa check` must report the same findings. Hand-written
cases cover each position convention the rapidyaml engine computes from its views.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ropa import yamlio, yamlrapid
from ropa.engine import check_paths
from ropa.yamlio import parse_fast, parse_rapid, read_source
from tests.conftest import FIXTURES, REGISTERS, TESTS
from tests.engines import assert_engines_agree

if not yamlrapid.AVAILABLE:  # pragma: no cover - CI installs the extra
    if os.environ.get("CI"):
        raise RuntimeError("rapidyaml is not installed: pip install -e '.[fast,test]'")
    pytest.skip("rapidyaml is not installed (pip install -e '.[fast]')", allow_module_level=True)

INPUTS = sorted(
    [*(TESTS / "hostile").rglob("*.yaml"), *FIXTURES.rglob("*.yaml"), *REGISTERS.glob("*.yaml")]
)


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: str(path.relative_to(TESTS.parent)))
def test_both_engines_read_every_stored_input_alike(path: Path) -> None:
    try:
        text = read_source(path, display=path.name)
    except Exception:  # an encoding case: refused before any engine sees it
        return
    assert_engines_agree(text, path.name)


def test_the_rapidyaml_engine_reads_the_ordinary_registers() -> None:
    """The engine is not bypassed: every seed register and valid fixture is read by it."""
    ordinary = [*REGISTERS.glob("*.yaml"), *(FIXTURES / "valid").rglob("*.yaml")]
    taken = [path for path in ordinary if parse_rapid(path.read_text("utf-8"), "r.yaml")]
    assert len(ordinary) >= 8
    assert len(taken) == len(ordinary), sorted(set(map(str, ordinary)) - set(map(str, taken)))


def test_both_engines_give_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(path) for path in sorted(REGISTERS.glob("*.yaml"))]
    monkeypatch.setattr(yamlio, "RAPID_FROM", 0)  # the seed registers are small

    def findings() -> list[tuple[object, ...]]:
        result = check_paths(paths)
        return [(f.code, f.file, f.position, f.path, f.message, f.related) for f in result.findings]

    monkeypatch.setenv("ROPA_YAML_ENGINE", "libyaml")
    reference = findings()
    monkeypatch.delenv("ROPA_YAML_ENGINE")
    assert findings() == reference
    assert reference  # the seed registers have gaps to report


CONVENTIONS = {
    "quoted keys and values": 'ropa: 1\n"name": "SIA \\"X\\""\n\'kind\': \'it\'\'s\'\nempty: ""\n',
    "block scalars": (
        "a: |\n  one\n  two\nb: >-\n\n  folded\n  text\nc: |+ # keep\n  kept\n\n"
        "d:\n  - |2\n     indented\n  - >\n    x\n"
    ),
    "flow and nested sequences": (
        "a: [x, 'y', {p: q}]\nb:\n  - - x\n    - y\n  - {a: [1, 2]}\nc:\n- indentless\n"
    ),
    "empty flow collections": "a: []\nb: {}\nc: [[]]\nd:\n  - {}\n",
    "null values": "a:\nb: ~\nc: null\nd: [~, null]\ne: {x: }\n",
    "scalars of the core schema": (
        "a: NO\nb: 0o17\nc: 0x1F\nd: .inf\ne: -.5\nf: 007\ng: True\nh: 1_000\n"
        "i: '1'\n1: int key\n0x10: hex key\ntrue: bool key\n"
    ),
    "latvian letters": "nosaukums: Ābele ūdens\nkategorija: {lv: veselības dati, en: health}\n",
    "multi-line scalars": 'a: plain text\n  over lines\nb: "quoted \\u0101\n  over lines"\n',
    "comments": "# top\na: 1 # after\nb: # before value\n  - x # item\n",
    "a long list": "a:\n" + "".join(f"  - item {index}\n" for index in range(100)),
    "many keys": "".join(f"key{index}: {index}\n" for index in range(100)),
    "document markers": "---\na: 1\n...\n",
    "hash inside values": "a: x#y\nb: 'x #y'\nc: [a#b]\n",
    "empty block scalars": "a: |\nb: >\n\nc: |-\n",
    "flow pairs and empty entries": "a: [b: c]\nd: {e}\nf: [x, y,]\ng: {h: }\n",
    "escapes": 'a: "\\u00e9\\x41\\t"\nb: \'\\\'\n"": empty key quoted\n',
    "no final line break": "a: 1\n# end",
}


@pytest.mark.parametrize("text", CONVENTIONS.values(), ids=CONVENTIONS.keys())
def test_each_position_convention(text: str) -> None:
    assert assert_engines_agree(text) is not None


LEFT_TO_LIBYAML = {
    "a tab": "a:\tb\n",
    "a CR LF file": "a: 1\r\nb: 2\r\n",
    "an anchor": "a: &x 1\nb: *x\n",
    "a tag": "a: !!str 1\n",
    "a duplicate key": "a: 1\na: 2\n",
    "a merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "several documents": "a: 1\n---\nb: 2\n",
    "a root list": "- a: 1\n",
    "a control character": "a: b\x07c\n",
    "a directive": "%YAML 1.2\n---\na: 1\n",
    "an explicit key": "? a\n: b\n",
    "a multi-line flow mapping": '{"foo"\n: "bar"}\n',
    "a reserved indicator": "a: @b\n",
    "a key over 1024 characters": "k" * 1025 + ": v\n",
    "a syntax error": "a: [1, 2\nb: 3\n",
    "an empty item": "a:\n  -\n  - x\n",
    "deep nesting": "a: " + "[" * 70 + "]" * 70 + "\n",
    "a glued comment": 'a: "x"#c\n',
    # Found by random edits of a generated register (the last test of this module):
    "a comment inside a flow mapping": "a: {lv: x #8, en: y}\n",
    "a `?` glued to a flow value": "a: {lv: ?x}\n",
    "a `:` glued to a flow indicator": "a: {en:,x}\n",
    "a `:` glued to text in a flow mapping": "a: {kind:> x, b: c}\n",
    "a url in a flow mapping": "contact: {email: info@banka.lv, website: https://www.banka.lv}\n",
}


@pytest.mark.parametrize("text", LEFT_TO_LIBYAML.values(), ids=LEFT_TO_LIBYAML.keys())
def test_what_the_engine_leaves_to_libyaml(text: str) -> None:
    assert parse_rapid(text, "r.yaml") is None
    assert_engines_agree(text)


def test_the_characters_left_to_libyaml_are_found_in_steps() -> None:
    """`yamlrapid._refused` finds a character of `_NOT_HERE` (the one pattern that says
    which characters go to libyaml) by cheaper steps: the same answer for each character
    up to U+3000, the last hundred of each plane boundary and the noncharacters, alone,
    first, last and between Latvian letters (a lone surrogate has no encoding: `parse`
    leaves it before)."""
    characters = [
        *range(0x3000),
        *range(0xFFF0, 0x10000),
        *range(0x10000, 0x10100),
        *range(0x10FF00, 0x110000),
    ]
    for code in characters:
        character = chr(code)
        for text in (character, f"ā: {character}\n", f"{character}ž", f"a{character}"):
            expected = yamlrapid._NOT_HERE.search(text) is not None
            assert yamlrapid._refused(text, text.encode("utf-8")) == expected, hex(code)


def test_rapidyaml_error_output_is_kept_from_the_user(capfd: pytest.CaptureFixture[str]) -> None:
    """rapidyaml prints parse errors to standard error; the libyaml loader's finding is
    what the user sees."""
    assert parse_rapid("a: [1, 2\nb: 3\n", "r.yaml") is None  # refused by rapidyaml
    document = parse_fast("a: [1, 2\nb: 3\n", "r.yaml")
    assert [problem.code for problem in document.problems] == ["YM01"]
    captured = capfd.readouterr()
    assert captured.err == ""


def test_the_node_table_is_read_from_the_installed_rapidyaml() -> None:
    """The record layout the engine reads is checked against rapidyaml's own bindings on
    every parse; a version that lays nodes out otherwise would silently send every
    register to libyaml. This fails instead."""
    import ryml

    buffer = bytearray(b"a: [x, y]\nb: {c: d}\n")
    tree = ryml.parse_in_place(buffer)
    assert yamlrapid._NodeTable.read(tree, buffer) is not None, ryml.version


def test_a_position_no_view_gives_comes_from_libyaml() -> None:
    """`[]` has no first item to locate its bracket by: the map asks the libyaml loader
    once, and answers the same as it."""
    rapid = parse_rapid("a: []\nb: [x]\n", "r.yaml")
    assert rapid is not None
    assert rapid.source_map is not None
    assert str(rapid.source_map.position(("b",))) == "2:4"
    assert str(rapid.source_map.position(("a",))) == "1:4"


def test_the_engine_reads_large_files_unless_told_not_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from benchmarks import generate

    small = "".join(generate.register(5))
    large = "".join(generate.register(500))
    assert len(small) < yamlio.RAPID_FROM <= len(large)
    # A small file is read by libyaml (importing rapidyaml would cost more than it saves).
    assert not isinstance(parse_fast(small, "r.yaml").source_map, yamlrapid.LazySourceMap)
    assert isinstance(parse_fast(large, "r.yaml").source_map, yamlrapid.LazySourceMap)
    monkeypatch.setenv("ROPA_YAML_ENGINE", "libyaml")
    assert not isinstance(parse_fast(large, "r.yaml").source_map, yamlrapid.LazySourceMap)


def test_positions_at_the_edges_of_the_blocks_lines_are_counted_in() -> None:
    """The engine counts the line breaks before each block of `yamlrapid._BLOCK` bytes
    once, and those in a position's own block each time: keys, values and flow items
    starting just before, at and just after a block's first byte, on lines holding
    Latvian letters (two bytes each, one column), are where libyaml puts them."""
    block = yamlrapid._BLOCK
    lines = []
    for index in range(4000):
        letters = "āčēģīķļņšūž"[: index % 12]
        lines.append(f"k{index}: {{lv: {letters}x{'y' * (index % 7)}, en: z}}\n")
    text = "".join(lines)
    starts = {0}
    for line in lines:  # where each line starts, in bytes
        starts.add(max(starts) + len(line.encode("utf-8")))
    assert {0, 1, 2, block - 1, block - 2} <= {start % block for start in starts}
    assert assert_engines_agree(text) is not None


def test_repeated_pairs_and_items_are_read_as_written() -> None:
    """Plain values over several lines beside the same values on one line, repeated,
    in block and flow. Parsing in place folds a plain value inside its own bytes, so
    its span in the text may start like another's (the first line of `a  ⏎ b` ends in
    the blanks before `b`, and it is read `a b`): a walk that read values by their
    bytes in the text would read one for the other. Each is read as libyaml reads it,
    with its position."""
    folded = [f"  - k: a{blanks}\n      {rest}\n" for blanks in ("", " ", "  ") for rest in "bc"]
    repeated = [
        "  - k: a\n",
        "  - k: a  \n",
        "  - k: a # note\n",
        "  - {k: a, j: [x, y, 'x', x]}\n",
        "  - k: [x, x  , x]\n",
        "  - j:\n      - x\n      - x  \n      - x\n        y\n",
        "  - k:   a\n",
        "  - k: 1\n  - k: 01\n  - k: 0x1\n  - k: null\n  - k: true\n",
    ]
    unique = [f"  - k: v{index}\n    j: [w{index}]\n" for index in range(100)]
    lines = [*folded, *repeated, *folded, *repeated, *unique, *folded, *repeated]
    text = "items:\n" + "".join(lines)
    rapid = assert_engines_agree(text)
    assert rapid is not None
    assert [item["k"] for item in rapid.data["items"][:6]] == [
        "a b",
        "a c",
        "a b",
        "a c",
        "a b",
        "a c",
    ]


def test_the_walk_leaves_nothing_to_the_garbage_collector() -> None:
    """The builders of the walk call each other through their closures; with the cyclic
    collector paused, as the commands run, a cycle left behind would keep the parsed
    buffer (as large as the file) until the command ends."""
    import gc
    import types

    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        parsed = yamlrapid.parse("a: [x, {b: c}]\nd: {e: [f]}\n", lambda _text: None)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, types.FunctionType | types.CellType)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert parsed is not None
    assert left == []


_WORDS = st.text(
    alphabet=st.sampled_from("abcāčēģīķļņšūžAZ09 -.:,#'\"@?&*!|>[]{}~%\\"), max_size=12
)
_SCALARS = st.one_of(_WORDS, st.integers(), st.booleans(), st.none())


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(alphabet="abcšž_", min_size=1, max_size=6),
        st.one_of(
            _SCALARS,
            st.lists(_SCALARS, max_size=4),
            st.dictionaries(st.text(alphabet="xyzā", min_size=1, max_size=4), _SCALARS),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["block", "flow", "raw"]),
)
def test_generated_documents_are_read_alike(data: dict[str, Any], style: str) -> None:
    """Registers written out by a YAML writer, in block and flow style, and the same
    words pasted in unquoted (mostly invalid or odd YAML)."""
    from ropa.yamlio import dump_plain

    if style == "raw":
        text = "".join(f"{key}: {value}\n" for key, value in data.items())
    else:
        text = dump_plain(data)
        if style == "flow":
            text = text.replace("\n- ", " - ")
    assert_engines_agree(text)


def test_a_large_file_is_read_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """ryml's tree costs six times the text while it is built: above a size, memory goes
    before speed."""
    text = "a: 1\nb: [x, y]\n"
    assert parse_rapid(text, "r.yaml") is not None
    monkeypatch.setattr(yamlrapid, "_MAX_TEXT", len(text) - 1)
    assert parse_rapid(text, "r.yaml") is None
    assert parse_fast(text, "r.yaml").data == {"a": 1, "b": ["x", "y"]}


def test_the_generated_benchmark_register_is_read_alike() -> None:
    """The register the benchmarks measure (200 activities of it), every position."""
    from benchmarks import generate

    text = "".join(generate.register(200))
    assert assert_engines_agree(text) is not None


def test_randomly_edited_registers_are_read_alike() -> None:
    """A generated register with a few characters inserted, deleted or replaced, many
    times over (fixed seed): valid, invalid and odd YAML the ordinary register is a typo
    away from. Each edit that found a difference is a case of `LEFT_TO_LIBYAML`."""
    import random

    from benchmarks import generate

    base = "".join(generate.register(5))
    rng = random.Random(14)
    characters = list(" \n:-[]{},#'\"|>&*!?%@`~xāž0123\t")
    taken = 0
    for _ in range(400):
        text = list(base)
        for _edit in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            choice = rng.random()
            if choice < 0.4:
                text.insert(at, rng.choice(characters))
            elif choice < 0.7:
                del text[at]
            else:
                text[at] = rng.choice(characters)
        taken += assert_engines_agree("".join(text)) is not None
    assert taken > 100, taken  # many edits leave a register the engine reads
