"""The loaders: YAML 1.2 scalars, exact positions, hostile constructs, encodings, and the
fast and round-trip loaders agreeing on data and positions."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from ropa import yamlio
from ropa.errors import InputError
from ropa.position import Position
from ropa.yamlio import ParsedDocument, decode_source, parse_fast, parse_roundtrip, read_source
from tests.conftest import FIXTURES, REGISTERS, REPO


def parsed(text: str) -> ParsedDocument:
    document = parse_fast(text, "t.yaml")
    assert document.data is not None, document.problems
    return document


def codes(document: ParsedDocument) -> list[tuple[str, int, int]]:
    return [(p.code, p.position.line, p.position.column) for p in document.problems]


# --------------------------------------------------------------------------- YAML 1.2


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("NO", "NO"),  # Norway, not false (YAML 1.1 would say False)
        ("no", "no"),
        ("No", "No"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("yes", "yes"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0o17", 15),
        ("0x1F", 31),
        ("1e3", 1000.0),
        ("1.5", 1.5),
        (".5", 0.5),
        ("2024-05-31", "2024-05-31"),  # dates stay text: the model parses them
        ("12:30", "12:30"),  # sexagesimal in YAML 1.1, text in 1.2
        ("1_000", "1_000"),
        ("0777", 777),
        ("+1", 1),
        ("LV-1050", "LV-1050"),
        ("Rīga", "Rīga"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(scalar: str, expected: Any) -> None:
    value = parsed(f"key: {scalar}\n").data["key"]
    assert value == expected
    assert type(value) is type(expected)


def test_special_floats() -> None:
    data = parsed("a: .inf\nb: -.Inf\nc: .NaN\n").data
    assert data["a"] == math.inf
    assert data["b"] == -math.inf
    assert math.isnan(data["c"])


def test_quoted_scalars_are_text() -> None:
    data = parsed("a: 'NO'\nb: \"12\"\nc: 'true'\nd: \"\"\n").data
    assert data == {"a": "NO", "b": "12", "c": "true", "d": ""}


def test_very_long_digit_strings_stay_text() -> None:
    digits = "9" * 5000
    assert parsed(f"a: {digits}\n").data["a"] == digits


def test_standard_tags_are_honoured() -> None:
    data = parsed("a: !!str 12\nb: !!int '7'\nc: !!float 3\nd: !!bool 'true'\ne: !!null ''\n").data
    assert data == {"a": "12", "b": 7, "c": 3.0, "d": True, "e": None}
    assert type(data["c"]) is float


def test_a_value_that_contradicts_its_tag_is_reported() -> None:
    document = parse_fast("a: !!int twelve\n", "t.yaml")
    assert codes(document) == [("YM03", 1, 4)]


# --------------------------------------------------------------------------- positions


def test_positions_of_keys_and_values_are_one_based() -> None:
    text = "ropa: 1\norganisation:\n  name: SIA Ā\n  role: controller\nlist:\n  - a\n  - {b: c}\n"
    source_map = parsed(text).source_map
    assert source_map is not None
    assert source_map.locate(("ropa",)).value == Position(1, 7)
    assert source_map.locate(("ropa",)).key == Position(1, 1)
    assert source_map.locate(("organisation", "role")).key == Position(4, 3)
    assert source_map.locate(("organisation", "role")).value == Position(4, 9)
    assert source_map.position(("list", 0)) == Position(6, 5)
    assert source_map.position(("list", 1, "b")) == Position(7, 9)


def test_columns_count_characters_not_bytes() -> None:
    source_map = parsed("ātrums: ēūķšž\nžņ: x\n").source_map
    assert source_map is not None
    assert source_map.position(("ātrums",)) == Position(1, 9)
    assert source_map.position(("žņ",)) == Position(2, 5)


def test_a_missing_path_falls_back_to_the_nearest_parent() -> None:
    source_map = parsed("a:\n  b:\n    c: 1\n").source_map
    assert source_map is not None
    located = source_map.locate(("a", "b", "missing", "deeper"))
    assert not located.exact
    assert located.value == Position(3, 5)
    assert located.key == Position(2, 3)


def test_empty_values_are_located_at_their_key() -> None:
    source_map = parsed("a:\nb: ~\nc: x\n").source_map
    assert source_map is not None
    assert source_map.position(("a",)) == Position(1, 1)
    assert source_map.position(("b",)) == Position(2, 1)
    assert source_map.position(("c",)) == Position(3, 4)


def test_walk_lists_every_node_in_document_order() -> None:
    source_map = parsed("a: 1\nb: [x, y]\n").source_map
    assert source_map is not None
    paths = [path for path, _key, _value in source_map.walk()]
    assert paths == [(), ("a",), ("b",), ("b", 0), ("b", 1)]


# --------------------------------------------------------------------------- problems


def test_all_duplicate_keys_are_reported_and_the_first_value_kept() -> None:
    document = parse_fast("a: 1\nb: 2\na: 3\nm:\n  x: 1\n  x: 2\n", "t.yaml")
    assert codes(document) == [("YM02", 3, 1), ("YM02", 6, 3)]
    assert document.data == {"a": 1, "b": 2, "m": {"x": 1}}
    assert "first given at line 1" in document.problems[0].message


def test_complex_keys_are_rejected() -> None:
    document = parse_fast("? [a, b]\n: value\nok: 1\n", "t.yaml")
    assert codes(document) == [("YM07", 1, 3)]
    assert document.data == {"ok": 1}


def test_aliases_share_values_and_locate_at_their_anchor() -> None:
    document = parsed("base: &r {period: P5Y}\nother: *r\nname: &n Ā\ncopy: *n\n")
    assert document.data["other"] is document.data["base"]
    assert document.data["copy"] == "Ā"
    assert document.source_map is not None
    assert document.source_map.position(("other",)) == Position(1, 7)
    assert document.source_map.position(("copy",)) == Position(3, 7)


def test_an_alias_bomb_is_stopped_early() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    document = parse_fast("\n".join(lines) + "\n", "t.yaml")
    assert document.data is None
    assert [problem.code for problem in document.problems] == ["YM05"]


def test_an_undefined_alias_is_reported() -> None:
    document = parse_fast("a: *nowhere\n", "t.yaml")
    assert codes(document) == [("YM09", 1, 4)]


def test_deep_nesting_is_refused_without_recursion() -> None:
    document = parse_fast("a: " + "[" * 5000 + "]" * 5000 + "\n", "t.yaml")
    assert document.data is None
    assert [problem.code for problem in document.problems] == ["YM10"]


def test_syntax_errors_carry_the_parser_position() -> None:
    document = parse_fast("a: [1, 2\nb: 3\n", "t.yaml")
    assert document.data is None
    assert codes(document) == [("YM01", 2, 2)]


def test_control_characters_are_a_positioned_syntax_error() -> None:
    document = parse_fast("a: ok\nb: bad\x07char\n", "t.yaml")
    assert document.data is None
    problem = document.problems[0]
    assert (problem.code, problem.position) == ("YM01", Position(2, 7))
    assert "#x0007" in problem.message


# --------------------------------------------------------------------------- reading


def test_utf8_bom_is_accepted() -> None:
    assert decode_source("\ufeffropa: 1\n".encode(), display="f") == "ropa: 1\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded(encoding: str) -> None:
    text = "nosaukums: Ģirts Ķeņģis\n"
    assert decode_source(text.encode(encoding), display="f") == text


def test_invalid_utf8_names_line_column_and_the_likely_encoding() -> None:
    raw = "a: ok\nb: Rīga\n".encode("cp1257")
    with pytest.raises(InputError) as caught:
        decode_source(raw, display="f.yaml")
    error = caught.value
    assert error.code == "IN02"
    assert error.position == Position(2, 5)
    assert error.hint is not None
    assert "Windows-1257" in error.hint


def test_utf16_without_bom_is_recognised() -> None:
    with pytest.raises(InputError, match="UTF-16 without a byte order mark"):
        decode_source("ropa: 1\n".encode("utf-16-le"), display="f")


def test_files_over_the_limit_are_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    with pytest.raises(InputError) as caught:
        read_source(big, display="big.yaml", max_bytes=1000)
    assert caught.value.code == "IN03"


def test_a_directory_is_not_read_as_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path, display="d")


# --------------------------------------------------------------------------- the C parser


def test_the_c_parser_is_installed_and_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """ruamel.yaml 0.19 installs without its C extension unless asked: make sure it is here."""
    assert yamlio.C_PARSER_AVAILABLE
    import _ruamel_yaml

    created: list[object] = []
    original = _ruamel_yaml.CParser

    def spy(text: str) -> object:
        parser = original(text)
        created.append(parser)
        return parser

    monkeypatch.setattr(_ruamel_yaml, "CParser", spy)
    parse_fast("a: 1\n", "t.yaml", engine="libyaml")
    assert len(created) == 1


def _decodable(path: Path) -> bool:
    try:
        read_source(path, display=path.name)
    except InputError:
        return False
    return True


VALID_FIXTURES = sorted((FIXTURES / "valid").glob("*.yaml")) + sorted(REGISTERS.glob("*.yaml"))
# Every file a parser sees (files that cannot be decoded never reach one).
CORPUS = [
    path
    for path in VALID_FIXTURES + sorted((FIXTURES / "invalid").rglob("*.yaml"))
    if _decodable(path)
]


def assert_both_parsers_agree(path: Path) -> None:
    """libyaml and the pure-Python YAML 1.2 parser give the same data, problems and
    positions through the same builder."""
    text = read_source(path, display=path.name)
    fast = parse_fast(text, path.name)
    pure = parse_fast(text, path.name, use_c=False)
    assert pure.data == fast.data
    assert [(p.code, p.position) for p in pure.problems] == [
        (p.code, p.position) for p in fast.problems
    ]
    if fast.source_map is not None:
        assert pure.source_map is not None
        assert list(pure.source_map.walk()) == list(fast.source_map.walk())


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_pure_python_parser_gives_the_same_result(path: Path) -> None:
    assert_both_parsers_agree(path)


# The hostile corpus too: where libyaml refuses a document for a YAML 1.2 construct,
# ruamel's parser reads it through the same builder, so the two must agree on every
# document both read. ruamel refuses a tab libyaml takes after `key:` or a value.
RUAMEL_REFUSES = {
    "tab-after-value-valid.yaml",
    "tab-after-colon.yaml",
    "tab-before-colon.yaml",
    "tab-in-value.yaml",
}
HOSTILE_READ_BY_LIBYAML = [
    path
    for path in sorted((REPO / "tests" / "hostile").rglob("*.yaml"))
    if path.name not in RUAMEL_REFUSES
    and _decodable(path)
    and not any(
        problem.code in ("YM01", "YM08")
        for problem in parse_fast(read_source(path, display=path.name), path.name).problems
    )
]


@pytest.mark.parametrize("path", HOSTILE_READ_BY_LIBYAML, ids=lambda path: path.name)
def test_the_yaml_1_2_parser_reads_the_hostile_corpus_as_libyaml_does(path: Path) -> None:
    assert_both_parsers_agree(path)


def _clean_yaml(path: Path) -> bool:
    """Files the YAML layer accepts (schema errors allowed): both loaders must read them."""
    return not parse_fast(read_source(path, display=path.name), path.name).problems


# Every fixture and register whose YAML is well formed, valid or not as a register.
WELL_FORMED = [path for path in CORPUS if _clean_yaml(path)]


@pytest.mark.parametrize("path", WELL_FORMED, ids=lambda path: path.name)
def test_round_trip_and_fast_loaders_agree_on_data_and_positions(path: Path) -> None:
    text = read_source(path, display=path.name)
    fast = parse_fast(text, path.name)
    roundtrip = parse_roundtrip(text, path.name).parsed
    assert roundtrip.data == fast.data
    assert fast.source_map is not None
    assert roundtrip.source_map is not None
    assert list(roundtrip.source_map.walk())[1:] == list(fast.source_map.walk())[1:]


def test_round_trip_agrees_on_aliases_empty_values_and_flow_style() -> None:
    text = (
        "a: &x {k: [1, 'two', {z: ~}]}\nb: *x\nc:\nd: |\n  block\n  text\ne: >-\n  folded\n"
        "f: &s scalar\ng: *s\nh:\n  - \n  - - nested\n"
    )
    fast = parse_fast(text, "t.yaml")
    roundtrip = parse_roundtrip(text, "t.yaml").parsed
    assert roundtrip.data == fast.data
    assert fast.source_map is not None
    assert roundtrip.source_map is not None
    assert list(roundtrip.source_map.walk())[1:] == list(fast.source_map.walk())[1:]


def test_atomic_writes_keep_or_give_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from ropa.yamlio import write_atomic

    previous = os.umask(0o022)
    try:
        new = tmp_path / "new.json"
        write_atomic(new, "{}\n")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        existing = tmp_path / "existing.yaml"
        existing.write_text("old", encoding="utf-8")
        existing.chmod(0o640)
        write_atomic(existing, "ropa: 1\n")
        assert stat.S_IMODE(existing.stat().st_mode) == 0o640
        assert existing.read_text(encoding="utf-8") == "ropa: 1\n"
        assert sorted(path.name for path in tmp_path.iterdir()) == ["existing.yaml", "new.json"]
    finally:
        os.umask(previous)


def test_the_agreement_covers_valid_and_invalid_registers() -> None:
    names = {path.name for path in WELL_FORMED}
    assert {"full-example.yaml", "kilowats.yaml", "wrong-types.yaml", "countries.yaml"} <= names
    assert len(WELL_FORMED) >= 24


# --------------------------------------------------------------------------- YAML 1.2 conformance
# The cases the official YAML test suite found (tests/test_yaml_conformance.py runs all of
# it where its data is fetched); these run everywhere.

BOTH_LOADERS = pytest.mark.parametrize(
    "load",
    [
        pytest.param(lambda text: parse_fast(text, "t.yaml"), id="fast"),
        pytest.param(lambda text: parse_roundtrip(text, "t.yaml").parsed, id="roundtrip"),
    ],
)


@BOTH_LOADERS
def test_a_url_in_a_flow_mapping_is_read(load: Any) -> None:
    # libyaml refused this with "found unexpected ':'"; YAML 1.2 reads it (suite UDM2).
    text = "contact: {email: info@banka.lv, website: https://www.banka.lv}\nnext: 1\n"
    document = load(text)
    assert document.problems == []
    assert document.data == {
        "contact": {"email": "info@banka.lv", "website": "https://www.banka.lv"},
        "next": 1,
    }
    assert document.source_map.locate(("contact", "website")).value == Position(1, 42)
    assert document.source_map.locate(("next",)).value == Position(2, 7)


@BOTH_LOADERS
@pytest.mark.parametrize(
    ("text", "position"),
    [("{ ?foo: bar,\nbar: 42\n}\n", Position(1, 3)), ("[?x]\n", Position(1, 2))],
)
def test_a_question_mark_glued_to_text_in_flow_is_refused_by_name(
    load: Any, text: str, position: Position
) -> None:
    # libyaml and ruamel read `?` as a key indicator, YAML 1.2 as text (652Z, HM87).
    document = load(text)
    assert document.data is None
    assert codes(document) == [("YM11", position.line, position.column)]
    assert "registers do not use it" in document.problems[0].message


@BOTH_LOADERS
def test_an_anchor_with_a_colon_is_one_name(load: Any) -> None:
    # libyaml ended the name at the colon and read `:chor value` as the value (Y2GN).
    document = load("---\nkey: &an:chor value\nother: *an:chor\n")
    assert document.problems == []
    assert document.data == {"key": "value", "other": "value"}


@BOTH_LOADERS
@pytest.mark.parametrize(
    ("text", "expected"),
    [("- |+\n   ", ["\n"]), ("foo: |\n  x\n   ", {"foo": "x\n \n"})],
)
def test_a_block_scalar_keeps_its_line_breaks_at_the_end_of_input(
    load: Any, text: str, expected: Any
) -> None:
    # Both parsers dropped them when the input ended in a line of spaces (JEF9, L24T).
    document = load(text)
    assert document.problems == []
    assert document.data == expected


@BOTH_LOADERS
@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ('{"foo"\n: "bar"}\n', "YM11", 2, 1),
        (": a\nb: 1\n", "YM11", 1, 1),
        ("%YAML 2.0\n---\na: 1\n", "YM11", 1, 1),
        ("...\n", "YM08", 1, 1),
    ],
)
def test_valid_yaml_registers_do_not_use_is_refused_by_name(
    load: Any, text: str, code: str, line: int, column: int
) -> None:
    document = load(text)
    assert codes(document)[:1] == [(code, line, column)]
    assert "registers" in document.problems[0].message or code == "YM08"


@BOTH_LOADERS
@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('key: "value"# note\n', 1, 13),  # SU5Z
        ("a: [b, c]#note\n", 1, 10),  # 9JBA
        ("a: [b, c,#note\n]\n", 1, 10),  # CVW2
        ("block: ># note\n  text\n", 1, 9),  # X4QW
        ("%YAML 1.2#x\n---\na: 1\n", 1, 10),  # MUS6
    ],
)
def test_invalid_yaml_both_parsers_read_is_refused(
    load: Any, text: str, line: int, column: int
) -> None:
    document = load(text)
    assert codes(document) == [("YM01", line, column)]


@pytest.mark.parametrize(
    "text",
    [
        "a: SIA#1\nb: x #c\n",
        'a: he said "x"#y\n',
        '# a comment with "quotes"#and more\na: 1\n',
        "a: [-x, y-]\nb: '-'\n",
        "a: |\n  text]#not a comment\n",
    ],
)
def test_text_that_only_looks_like_a_glued_comment_or_dash_is_read(text: str) -> None:
    assert parse_fast(text, "t.yaml").problems == []
    assert parse_roundtrip(text, "t.yaml").parsed.problems == []


def test_an_unclosed_flow_mapping_is_still_a_syntax_error() -> None:
    # The `:` of the next key is not a flow key over several lines.
    document = parse_fast("a: {basis: contract\nb: 1\n", "t.yaml")
    assert [problem.code for problem in document.problems] == ["YM01"]


def test_a_bad_escape_is_not_retried_with_the_yaml_1_2_parser() -> None:
    # ruamel reads a lone surrogate escape; libyaml's refusal stands.
    document = parse_fast('a: "\\ud800"\n', "t.yaml")
    assert [problem.code for problem in document.problems] == ["YM01"]
    assert "escape" in document.problems[0].message


@BOTH_LOADERS
@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("---\nflow: [a,\nb,\nc]\n", 3, 1, "further right"),  # 9C9N
        ('---\nquoted: "a\nb\nc"\n', 3, 1, "further right"),  # QB6E
        ('foo: "bar\n\tbaz"\n', 2, 1, "starts with a tab"),  # DK95:1
        ("- [\n\tfoo,\n foo\n ]\n", 2, 1, "starts with a tab"),  # Y79Y:3
        ("- key: [a,\n  b]\n", 2, 3, "further right"),  # the key at column 3
        ("empty block scalar: >\n \n  \n   \n # comment\n", 4, 2, "blank line"),  # S98Z
        ("---\n- [-, -]\n", 2, 4, "`-` alone"),  # G5U8
        ("[-]\n", 1, 2, "`-` alone"),  # YJV2
        ("a: {b: -}\n", 1, 8, "`-` alone"),
    ],
)
def test_invalid_yaml_the_parsers_read_is_refused_at_its_place(
    load: Any, text: str, line: int, column: int, words: str
) -> None:
    # libyaml and ruamel read each of these (the YAML test suite's invalid cases they
    # accepted); ropa.yamlcheck finds them after the parser.
    document = load(text)
    assert document.data is None
    assert codes(document) == [("YM01", line, column)]
    assert words in document.problems[0].message
    assert document.problems[0].hint


@BOTH_LOADERS
@pytest.mark.parametrize(
    "text",
    [
        "a: [b,\n  c]\n",  # a flow list over lines, indented past its key
        "- key: [a,\n   b]\n",
        "- [\n\t\n foo\n ]\n",  # Y79Y:2: a line of white space may hold a tab
        "[\n\tfoo]\n",  # 6CA3: at the root, any indentation will do
        "a: [b, # note\n# a comment line may stand anywhere\n  c]\n",
        'foo: "bar\n  \tbaz"\n',  # DK95:2
        'k: "a\n\n b"\n',
        '-\n  "a\n  b"\n',  # the `-` on the line before
        '? a\n: "x\n y"\n',  # an explicit key: the entry starts at `?`
        "a: >\n \n  \n  text\n",  # blank lines no wider than the text
        "a: |1\n  \n x\n",  # an indentation indicator: the wider line is text
        "a: |\n   \nb: 1\n",  # no text: the next key is no line of it
        "{-: x}\n",  # `-` as a key
        "[-x, '-', \"-\"]\n",
        "\ufeff- [a,\n b]\n",  # a byte order mark is no column
    ],
)
def test_valid_yaml_like_the_refused_is_read(load: Any, text: str) -> None:
    document = load(text)
    assert document.problems == []
    assert document.data is not None


@pytest.mark.parametrize(
    "text",
    [
        "---\nflow: [a,\nb,\nc]\n",
        "- key: [a,\n  b]\n",
        'foo: "bar\n\tbaz"\n',
        "empty block scalar: >\n \n  \n   \n # comment\n",
        "[-]\n",
        "a: [b,\n  c]\n",
    ],
)
def test_any_event_stream_can_be_checked_as_parse_fast_checks(text: str) -> None:
    # The hook for another parse engine: spans from its events, then ropa.yamlcheck.
    from ropa.yamlcheck import invalid_yaml
    from ropa.yamlio import layout_events, yamlcheck_spans

    spans = yamlcheck_spans(layout_events(text))
    assert spans
    found = invalid_yaml(text, spans, "t.yaml")
    assert parse_fast(text, "t.yaml").problems == ([found] if found else [])


@BOTH_LOADERS
def test_a_lone_colon_in_flow_is_an_empty_key_not_text(load: Any) -> None:
    # YAML 1.2 reads `[:]` as a list holding {null: null}; both parsers read ":".
    document = load("a: [x, :]\n")
    assert codes(document) == [("YM11", 1, 8)]
    assert "empty key" in document.problems[0].message


@BOTH_LOADERS
@pytest.mark.parametrize(("text", "column"), [("- ! 12\n", 3), ("a: ! [x]\n", 4)])
def test_the_non_specific_tag_is_refused_as_a_tag(load: Any, text: str, column: int) -> None:
    # `! 12` is the text "12" (S4JQ); ruamel's round-trip loader read the number 12.
    document = load(text)
    assert codes(document) == [("YM03", 1, column)]
    assert "`!`" in document.problems[0].message


@BOTH_LOADERS
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b\t\nseq:\t\n - a\t\nc: d\t#X\n", {"a": "b", "seq": ["a"], "c": "d"}),  # DC7X
        ("foo: 1\n \t\nbar: 2\n", {"foo": 1, "bar": 2}),  # DK95:5
        ("k: 1st\n\n  2nd \n \t3rd\n", {"k": "1st\n2nd 3rd"}),  # HS5T
        ("block:\t|\n  x\n  \ty\n", {"block": "x\n\ty\n"}),  # J3BT
        ("---\tscalar\n", "scalar"),  # K54U
        ("key:\n  value\n  with\n  \t\n  tabs\n", {"key": "value with\ntabs"}),  # NB6Z
        ("x:\n - x\n  \tx\n", {"x": ["x x"]}),  # UV7Q
        ("- >\n \n  \n  # detected\n", ["\n\n# detected\n"]),  # 4QFQ
        ("|\n \n  \n  literal\n   \n  \n  text\n\n # Comment\n", "\n\nliteral\n \n\ntext\n"),
        ("key:    # Comment\n        # lines\n  value\n\n\n", {"key": "value"}),  # P94K
    ],
)
def test_valid_yaml_ruamel_refused_is_read_by_both_loaders(
    load: Any, text: str, expected: Any
) -> None:
    # ruamel's round-trip parser refuses each (tabs, blank lines of spaces opening a
    # block scalar, comment lines between a key and its value); it reads them as
    # `roundtrip_readable` writes them, to the same data.
    document = load(text)
    assert document.problems == []
    assert document.data == expected


def test_the_round_trip_reading_keeps_the_original_positions() -> None:
    text = "a: b\t\nc: {d: e\tf, g: h}\n"
    fast = parse_fast(text, "t.yaml")
    loaded = parse_roundtrip(text, "t.yaml")
    assert loaded.tree is not None
    assert loaded.parsed.data == fast.data == {"a": "b", "c": {"d": "e\tf", "g": "h"}}
    assert loaded.parsed.source_map is not None
    assert loaded.parsed.source_map.locate(("c", "g")).value == Position(2, 16)  # not 18


def test_a_rewritten_reading_with_other_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The guard behind the rewriting: had ruamel read other data from the rewritten
    # text, the round-trip loader would refuse (YM12), not pass other data on.
    monkeypatch.setattr(yamlio, "roundtrip_readable", lambda text: "a: other\nc: d\n")
    text = "a: b\t\nc: d\n"
    assert parse_fast(text, "t.yaml").data == {"a": "b", "c": "d"}
    document = parse_roundtrip(text, "t.yaml").parsed
    assert [problem.code for problem in document.problems] == ["YM12"]
    assert "rewrite" in document.problems[0].message
    assert "other data" in document.problems[0].message


def test_what_ruamel_cannot_read_even_rewritten_is_refused_as_fmts_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No valid YAML of the test suite gets here; the path stays for what ruamel may
    # refuse that nobody has found yet: fmt's limit (YM12), named with ruamel's reason.
    monkeypatch.setattr(yamlio, "roundtrip_readable", lambda text: text + "a: [\n")
    text = "a: b\t\nc: d\n"
    document = parse_roundtrip(text, "t.yaml").parsed
    assert codes(document) == [("YM12", 1, 5)]
    assert "rewrite" in document.problems[0].message
    assert "ropa fmt" in (document.problems[0].hint or "")


def test_fmt_rewrites_what_ruamel_refused(tmp_path: Path) -> None:
    from tests.conftest import run_ropa

    register = tmp_path / "register.yaml"
    source = (FIXTURES / "valid" / "processor.yaml").read_text(encoding="utf-8")
    assert "ropa: 1\n" in source
    register.write_text(
        source.replace("ropa: 1\n", "ropa:    # the format's version\n  # always 1\n  1\n", 1),
        encoding="utf-8",
    )
    formatted = run_ropa("fmt", str(register))
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    text = register.read_text(encoding="utf-8")
    assert "# the format's version" in text
    assert "# always 1" in text
    assert parse_fast(text, "t.yaml").data == parse_fast(source, "t.yaml").data


def test_validate_and_fmt_take_a_url_in_a_flow_mapping(tmp_path: Path) -> None:
    from tests.conftest import run_ropa

    register = tmp_path / "register.yaml"
    source = (FIXTURES / "valid" / "processor.yaml").read_text(encoding="utf-8")
    contact = '  contact: {email: dpo@algubirojs.lv, phone: "+371 67111111"}\n'
    assert contact in source
    register.write_text(
        source.replace(
            contact,
            "  contact: {email: info@banka.lv, website: https://www.banka.lv}  # kontakti\n",
            1,
        ),
        encoding="utf-8",
    )
    validated = run_ropa("validate", str(register))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    formatted = run_ropa("fmt", str(register))
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    text = register.read_text(encoding="utf-8")
    assert "https://www.banka.lv" in text
    assert "# kontakti" in text
    assert run_ropa("validate", str(register)).returncode == 0


def test_fmt_rewrites_a_block_scalar_whose_text_starts_with_a_tab(tmp_path: Path) -> None:
    # Valid YAML libyaml refuses ("found a tab character where an indentation space is
    # expected", suite 96NN); validate read it through the YAML 1.2 parser, and fmt
    # failed with "this is a bug in ropa" (its tab rewriting read libyaml's events).
    from tests.conftest import run_ropa

    register = tmp_path / "register.yaml"
    source = (FIXTURES / "valid" / "processor.yaml").read_text(encoding="utf-8")
    name = '  name: SIA "Algu Birojs"\n'
    assert name in source
    register.write_text(source.replace(name, "  name: |-\n   \tAlgu birojs\n", 1), encoding="utf-8")
    assert run_ropa("validate", str(register)).returncode == 0
    formatted = run_ropa("fmt", str(register))
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    text = register.read_text(encoding="utf-8")
    assert parse_fast(text, "t.yaml").data["organisation"]["name"] == "\tAlgu birojs"
