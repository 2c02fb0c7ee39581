"""Property-based tests: valid registers mutated one field at a time.

The strategy starts from the seed registers and the valid fixtures, picks one key or list
item anywhere in a file, and changes it: a wrong type, a marker, a deleted key, Latvian
text, a YAML 1.1 boolean word, a huge string, an awkward Unicode character. The mutated
file is written back with ruamel's round-trip dumper, comments and all.

Properties:
* loading and validating never raises, every finding lies inside the file, and the exit
  status is 0, 1 or 2;
* for every mutation that is still a valid register, `ropa fmt` keeps the data
  (`load(fmt(x)) == load(x)`), keeps every comment, and is idempotent.

A second strategy keeps a seed's data and changes its layout: CR, CR LF or mixed line
ends, a document start (`---`, `--- !!map`, `--- # comment`), unused anchors, and flow
lists spread over lines with a comment on each item; `ropa fmt` must accept every such
file and keep its data, comments and anchors.

The number of examples follows the hypothesis profile: `ci` (set when CI is set) keeps
the suite within minutes; `dev` is the default; `long` runs many more
(`HYPOTHESIS_PROFILE=long`).
"""

from __future__ import annotations

import collections
import io
import os
import re
from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from ruamel.yaml.error import YAMLError

from ropa.findings import exit_status
from ropa.fmt import RoundTripUnreadable, comment_texts, format_text
from ropa.validate import check_identity, validate_document
from ropa.yamlio import parse_fast, roundtrip_yaml
from tests.conftest import FIXTURES, REGISTERS

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

SEEDS = {
    path.name: path.read_text(encoding="utf-8")
    for path in sorted(REGISTERS.glob("*.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))
}
# fmt reads with ruamel's round-trip loader (~140 KB/s): the smaller seeds keep it quick.
SMALL_SEEDS = {name: text for name, text in SEEDS.items() if len(text) < 12_000}

LATVIAN = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ „Rīga” ‘x’"
TEXTS = st.one_of(
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "NO",
            "True",
            "null",
            "~",
            "1e3",
            "0x1F",
            "0o17",
            "12:30",
            "2024-02-30",
            "2024-05-31",
            "none",
            "unknown",
            "",
            " ",
            "Pārzinis — SIA „Ābele”",
            "lv",
            "LV",
            "uk",
            "P5Y",
            "5 gadi",
            "#",
            "- x",
            "&a",
            "*a",
            "!include x",
            "<<",
            "a: b",
            "\t",
            "\u2028",
            "\u00a0",
            "\ufeff",
            "\u202e",
            "\x00",
            "\x1b[31m",
            "🇱🇻",
            "e\u0304",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet=LATVIAN, min_size=1, max_size=30),
    st.builds(lambda n: "ā" * n, st.integers(min_value=1000, max_value=20_000)),
)
VALUES = st.one_of(
    TEXTS,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(TEXTS, max_size=3),
    st.dictionaries(st.sampled_from(["lv", "en", "id", "name", "x"]), TEXTS, max_size=3),
)


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and list item of a plain document, as paths."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, child in node.items():
            found.append((*path, key))
            found.extend(_nodes(child, (*path, key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.append((*path, index))
            found.extend(_nodes(child, (*path, index)))
    return found


def _tree_parent(tree: Any, path: tuple[Any, ...]) -> Any:
    node = tree
    for element in path[:-1]:
        node = node[element]
    return node


@st.composite
def mutated(draw: st.DrawFn, seeds: dict[str, str]) -> str:
    """A seed register with one key or item changed, dumped with its comments."""
    name = draw(st.sampled_from(sorted(seeds)))
    text = seeds[name]
    yaml = roundtrip_yaml()
    tree = yaml.load(text)
    paths = _nodes(parse_fast(text, name).data)
    path = draw(st.sampled_from(paths))
    parent = _tree_parent(tree, path)
    key = path[-1]
    action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "rename"]))
    if action == "delete":
        del parent[key]
    elif action == "rename" and isinstance(parent, dict):
        value = parent.pop(key)
        parent[draw(TEXTS) or "x"] = value
    elif isinstance(parent, dict):
        # Deleted and inserted again: assigning would keep the old value's style (a folded
        # block), which ruamel's writer cannot always apply to new text.
        position = list(parent).index(key)
        del parent[key]
        commented: Any = parent  # a CommentedMap, which can insert at a position
        commented.insert(position, key, draw(VALUES))
    else:
        list.__setitem__(parent, key, draw(VALUES))
    out = io.StringIO()
    try:
        yaml.dump(tree, out)
    except (YAMLError, IndexError):  # ruamel's writer; nothing to test on what it cannot write
        reject()
    return out.getvalue()


def _check_loading(text: str) -> list[Any]:
    document = parse_fast(text, "m.yaml")
    findings = list(document.problems)
    if document.data is not None:
        _model, schema_findings = validate_document(document)
        findings += schema_findings
        findings += check_identity([document], split=False, root_file="m.yaml")
    lines = text.count("\n") + 1
    for finding in findings:
        assert 1 <= finding.position.line <= lines, finding
        assert finding.position.column >= 1, finding
    assert int(exit_status(findings)) in (0, 1, 2)
    return findings


@given(mutated(SEEDS))
def test_a_mutated_register_is_answered_with_findings_inside_the_file(text: str) -> None:
    _check_loading(text)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_loader(raw: bytes) -> None:
    from ropa.errors import InputError
    from ropa.yamlio import decode_source

    try:
        text = decode_source(raw, display="b.yaml")
    except InputError:
        return
    _check_loading(text)


@settings(max_examples=min(settings().max_examples, 25))
@given(mutated(SMALL_SEEDS))
def test_fmt_keeps_data_and_comments_and_is_idempotent(text: str) -> None:
    if _check_loading(text):
        return  # fmt refuses an invalid register; its findings were checked above
    try:
        once = format_text(text, "m.yaml")
    except RoundTripUnreadable:
        return  # reported as FM01 with its position
    assert parse_fast(once, "m.yaml").data == parse_fast(text, "m.yaml").data
    assert collections.Counter(comment_texts(once)) == collections.Counter(comment_texts(text))
    assert format_text(once, "m.yaml") == once


def test_the_strategies_start_from_the_seed_registers_and_the_valid_fixtures() -> None:
    assert set(SEEDS) >= {path.name for path in REGISTERS.glob("*.yaml")}
    assert {"full-example.yaml", "dental-clinic.yaml"} <= set(SEEDS)
    assert SMALL_SEEDS


# --------------------------------------------------------------------------- layout

_BLOCK_KEY = re.compile(r"^(\s*(?:- )?[A-Za-z_]+):$")
_FLOW = re.compile(r"^(\s*(?:- )?[A-Za-z_]+): (\[|\{)([^\[\]{}\"'#&*!|>]+)(\]|\})$")


@st.composite
def relaid(draw: st.DrawFn, seeds: dict[str, str]) -> str:
    """A seed register laid out differently, its data the same: CR, CR LF or mixed line
    ends; a document start with or without a tag; anchors nobody uses; flow lists and
    mappings spread over lines with a comment on each item."""
    name = draw(st.sampled_from(sorted(seeds)))
    lines = seeds[name].split("\n")
    if lines[-1] == "":
        lines.pop()
    for index, line in enumerate(lines):
        block = _BLOCK_KEY.match(line)
        if block and draw(st.integers(0, 3)) == 0:
            lines[index] = f"{line} &a{index}"
            continue
        flow = _FLOW.match(line)
        if flow and (flow[2] + flow[4]) in ("[]", "{}") and draw(st.booleans()):
            key, opening, items, closing = flow.groups()
            parts = [part.strip() for part in items.split(",")]
            indent = " " * (len(key) - len(key.lstrip(" -")) + 2)
            spread = [f"{key}: {opening}{parts[0]},  # item 0 of line {index}"]
            spread += [
                f"{indent}{part},  # item {number} of line {index}"
                for number, part in enumerate(parts[1:-1], 1)
            ]
            if len(parts) > 1:
                spread.append(f"{indent}# above the last item of line {index}")
                spread.append(f"{indent}{parts[-1]}{closing}")
            else:
                spread[-1] = f"{key}: {opening}{parts[0]}{closing}  # the only item of {index}"
            lines[index] = "\n".join(spread)
    start = draw(st.sampled_from(["", "---\n", "--- !!map\n", "--- # start\n"]))
    if start and lines and lines[0].startswith("#") and draw(st.booleans()):
        lines.insert(1, start.rstrip("\n"))  # after the first comment line
    elif start:
        lines.insert(0, start.rstrip("\n"))
    text = "\n".join("\n".join(lines).split("\n")) + "\n"
    ends = draw(st.sampled_from(["lf", "cr", "crlf", "mixed"]))
    if ends == "mixed":
        broken = text.split("\n")[:-1]
        chosen = draw(
            st.lists(
                st.sampled_from(["\n", "\r", "\r\n"]), min_size=len(broken), max_size=len(broken)
            )
        )
        return "".join(line + end for line, end in zip(broken, chosen, strict=True))
    return text.replace("\n", {"lf": "\n", "cr": "\r", "crlf": "\r\n"}[ends])


@settings(max_examples=min(settings().max_examples, 25))
@given(relaid(SMALL_SEEDS))
def test_fmt_keeps_everything_whatever_the_layout(text: str) -> None:
    from ropa.yamlio import anchor_names

    assert not _check_loading(text), "the layout changes only the layout"
    once = format_text(text, "m.yaml")  # refusing would mean a loss was caught
    assert parse_fast(once, "m.yaml").data == parse_fast(text, "m.yaml").data
    assert collections.Counter(comment_texts(once)) == collections.Counter(comment_texts(text))
    assert anchor_names(once) == anchor_names(text)
    assert once.count("#") >= text.count("#")
    assert "\r" not in once
    assert format_text(once, "m.yaml") == once
