"""How well `ropa check` finds real gaps: recall, must-not hits and unexplained findings.

    python benchmarks/quality.py                         # per case, per family, totals
    python benchmarks/quality.py --case lv-health-x      # one case (repeat for more)
    python benchmarks/quality.py --list-misses --list-unexplained
    python benchmarks/quality.py --json                  # the figures as JSON

The corpus is tests/quality/ (its README.md describes the layout): each case is a register
written from a real public notice, with the gaps a careful DPO expects flagged and the
things they would not flag. The checks run in-process exactly as `ropa check` runs them
with the default configuration, on a fixed date (TODAY) so that the review-date rules give
the same answer every day. The example registers in registers/ are scored too where
tests/quality/seeds/<name>/expected.yaml labels them; they are reported apart, because
the rules were written against them.

A finding matches an entry when its rule family (the two letters of its code) is the
entry's family and its location, or one of its related locations, is the entry's location
or lies inside it: a gap reported once for many activities names the others as related
locations, and is present there too. An expected entry is found when a finding matches
it; a finding matching a must_not entry is a must-not hit; a finding matching neither is
unexplained. Unexplained findings judged afterwards (tests/quality/judgements/) are either
gaps nobody labelled or noise; the noise is the unexplained not judged a gap.

The logic lives in functions that tests/test_quality.py imports; `main` is the command.
Exit status: 0 scored, 2 a case or expected file is invalid (the message says where).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa.config import Config, Settings
from ropa.discovery import RegisterSource
from ropa.engine import check_register
from ropa.errors import InputError
from ropa.findings import Finding, Severity
from ropa.model.activity import Activity
from ropa.model.catalogues import Recipient, SecurityMeasure, System
from ropa.model.organisation import Organisation
from ropa.model.processor import ControllerServed
from ropa.model.register import Register
from ropa.position import DataPath, SourceMap
from ropa.validate import validate_register
from ropa.yamlio import parse_fast, read_source

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "quality"
CASES = CORPUS / "cases"
SEEDS = CORPUS / "seeds"
JUDGEMENTS = CORPUS / "judgements"
SEED_REGISTERS = REPO / "registers"

# The day the corpus is checked on: GV02 (review overdue) compares review dates with it.
# Fixed, so that figures do not drift as the calendar moves; it is the day the first cases
# were labelled.
TODAY = dt.date(2026, 12, 1)

FAMILIES: dict[str, str] = {
    "OR": "organisation, DPO, representative",
    "AC": "activity contents: purposes, subjects, data, sources",
    "LB": "legal basis and consent",
    "SD": "special categories, criminal data, national identifiers",
    "TR": "third-country transfers",
    "RC": "recipients and processors",
    "RT": "retention",
    "SE": "security",
    "DP": "DPIA, profiling, automated decisions",
    "PR": "processor record (Art. 30(2))",
    "EX": "Art. 30(5) exemption",
    "GV": "governance: owner, review",
}
SEVERITY_WEIGHTS: dict[str, int] = {"high": 3, "medium": 2, "low": 1}

# Rules whose gap lies in two families of the table in tests/quality/README.md: AC04 (an
# activity's recipients not stated) is an item of the record's contents (AC: Art.
# 30(1)(b)-(d)) and the recipients' own family (RC: Art. 28, 30(1)(d)); labellers file the
# same gap under either, so its findings match entries of both.
ALSO_FAMILIES: dict[str, tuple[str, ...]] = {"AC04": ("RC",)}

# Location kinds: how `at:` names them, the register's catalogue key, and the model whose
# keys may follow the id.
_CATALOGUES: dict[str, tuple[str, type[Any]]] = {
    "activity": ("activities", Activity),
    "recipient": ("recipients", Recipient),
    "measure": ("security_measures", SecurityMeasure),
    "system": ("systems", System),
    "controller": ("controllers", ControllerServed),
}
_BY_CATALOGUE = {catalogue: kind for kind, (catalogue, _) in _CATALOGUES.items()}

_EXPECTED_KEYS = {"id", "family", "article", "at", "severity", "why"}
_MUST_NOT_KEYS = {"id", "family", "article", "at", "why"}
_TOP_KEYS = {"case", "expected", "must_not"}
_JUDGEMENT_TOP_KEYS = {"case", "rules_at", "findings"}
_JUDGEMENT_KEYS = {"code", "at", "verdict", "why"}
VERDICTS = ("keep", "drop")


class QualityError(Exception):
    """A case or expected file the scorer cannot use; the message says where and why."""


# --------------------------------------------------------------------------- locations


@dataclass(frozen=True, order=True)
class Place:
    """A location in a register: `register`, `organisation[.key]`, `<kind>:<id>[.key]`."""

    kind: str
    ident: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        if self.kind == "register":
            return "register"
        head = self.kind if self.ident is None else f"{self.kind}:{self.ident}"
        return head if self.key is None else f"{head}.{self.key}"

    def contains(self, other: Place) -> bool:
        """True when `other` is this place or lies inside it (the register holds all)."""
        if self.kind == "register":
            return True
        if self.kind != other.kind or self.ident != other.ident:
            return False
        return self.key is None or self.key == other.key


def parse_place(text: str) -> Place:
    """`activity:cctv.retention` → Place("activity", "cctv", "retention"); syntax only."""
    if text == "register":
        return Place("register")
    if text == "organisation" or text.startswith("organisation."):
        key = text.partition(".")[2] or None
        if text != "organisation" and not key:
            raise ValueError(f"`{text}`: write `organisation` or `organisation.<key>`")
        return Place("organisation", None, key)
    kind, colon, rest = text.partition(":")
    if not colon or kind not in _CATALOGUES:
        raise ValueError(
            f"`{text}` is not a location; write `register`, `organisation[.<key>]` or "
            f"`<kind>:<id>[.<key>]` with kind one of {', '.join(_CATALOGUES)}"
        )
    # Ids may hold dots (`hr.payroll`): the key is the part after the last dot only when
    # it is a key of the model; `check_place` resolves the rest against the register.
    if not rest:
        raise ValueError(f"`{text}`: the id after `{kind}:` is missing")
    return Place(kind, rest, None)


def check_place(place: Place, register: Register) -> Place:
    """Resolve a parsed place against the register: the id must exist, the key be a key."""
    if place.kind == "register":
        return place
    if place.kind == "organisation":
        if place.key is not None and place.key not in Organisation.model_fields:
            raise ValueError(f"`{place.key}` is not a key of `organisation`")
        return place
    _, model = _CATALOGUES[place.kind]
    ids = _ids(register, place.kind)
    text = place.ident or ""
    if text in ids:
        return place
    ident, dot, key = text.rpartition(".")
    if dot and ident in ids:
        if key not in model.model_fields:
            known = ", ".join(sorted(model.model_fields))
            raise ValueError(f"`{key}` is not a key of a {place.kind} (keys: {known})")
        return Place(place.kind, ident, key)
    missing = ident if dot and key in model.model_fields else text
    shown = ", ".join(sorted(ids)) or "none"
    raise ValueError(f"no {place.kind} with id `{missing}` in the register (ids: {shown})")


def _ids(register: Register, kind: str) -> set[str]:
    catalogue, _ = _CATALOGUES[kind]
    return {entry.id for entry in getattr(register, catalogue)}


def finding_place(finding: Finding, register: Register) -> Place:
    """Where a finding points, in corpus terms, from its file and data path."""
    return place_at(finding.file, finding.path, register)


def related_places(finding: Finding, register: Register) -> tuple[Place, ...]:
    """The other places a finding names (one gap reported once for many activities, one
    shared value): the finding is present there too."""
    return tuple(place_at(file, path, register) for file, _position, path in finding.related)


def place_at(file: str, path: DataPath, register: Register) -> Place:
    """A file and data path in corpus terms."""
    if not path:
        return Place("register")
    head = path[0]
    if head == "organisation":
        key = path[1] if len(path) > 1 and isinstance(path[1], str) else None
        return Place("organisation", None, key)
    kind = _BY_CATALOGUE.get(str(head))
    if kind is None or len(path) < 2:
        return Place("register")
    entity = _entity_at(register, kind, file, path[:2])
    if entity is None:
        return Place("register")
    key = path[2] if len(path) > 2 and isinstance(path[2], str) else None
    return Place(kind, entity, key)


def _entity_at(register: Register, kind: str, file: str, path: DataPath) -> str | None:
    catalogue, _ = _CATALOGUES[kind]
    for entry in getattr(register, catalogue):
        origin = entry.origin
        if origin.file == file and origin.path == path:
            return str(entry.id)
    return None


# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Entry:
    """One labelled expectation: a gap to find, or a thing not to flag."""

    id: str
    family: str
    place: Place
    why: str
    article: str | None = None
    severity: str | None = None

    def matches(self, family: str, place: Place) -> bool:
        return family == self.family and self.place.contains(place)

    def matched_by(self, finding: Seen) -> bool:
        """True when the finding, at its place or one of its related places, is of a
        family of this entry and lies inside the entry's location."""
        return any(
            self.matches(family, place) for family in finding.families for place in finding.places
        )


@dataclass(frozen=True)
class Expectations:
    case: str
    expected: tuple[Entry, ...]
    must_not: tuple[Entry, ...]


def load_expectations(path: Path, register: Register, case: str) -> Expectations:
    """Read and strictly validate an expected.yaml against its register."""
    display, data, source_map = _read_yaml(path)
    return parse_expectations(data, register, case, display, source_map)


def _read_yaml(path: Path) -> tuple[str, Any, SourceMap]:
    """A corpus file's name as shown, its data and where each value stands; a file that
    cannot be read or parsed is a QualityError naming its line and column."""
    display = _display(path)
    try:
        text = read_source(path, display=display)
    except InputError as error:
        raise QualityError(f"{display}: {error}") from None
    document = parse_fast(text, display)
    if document.problems or document.source_map is None:
        problem = document.problems[0] if document.problems else None
        where = f"{display}:{problem.position}" if problem else display
        raise QualityError(f"{where}: {problem.message if problem else 'cannot be read'}")
    return display, document.data, document.source_map


def parse_expectations(
    data: Any,
    register: Register,
    case: str,
    display: str = "expected.yaml",
    source_map: SourceMap | None = None,
) -> Expectations:
    """Validate the data of an expected.yaml; every problem names its file:line:col."""

    def fail(path: DataPath, message: str) -> QualityError:
        where = f"{display}:{source_map.position(path)}" if source_map else display
        return QualityError(f"{where}: {message}")

    if not isinstance(data, dict):
        raise fail((), "the file must be a mapping with `case`, `expected` and `must_not`")
    for key in data:
        if key not in _TOP_KEYS:
            raise fail((key,), f"unknown key `{key}` (keys: case, expected, must_not)")
    if data.get("case") != case:
        raise fail(("case",), f"`case` must be the folder name, `{case}`")
    seen: set[str] = set()
    lists: dict[str, tuple[Entry, ...]] = {}
    for section, allowed in (("expected", _EXPECTED_KEYS), ("must_not", _MUST_NOT_KEYS)):
        items = data.get(section, [])
        if items is None:
            items = []
        if not isinstance(items, list):
            raise fail((section,), f"`{section}` must be a list of entries")
        entries = []
        for index, item in enumerate(items):
            at: DataPath = (section, index)
            problem = _entry_problem(item, allowed, section == "expected", register)
            if problem is not None:
                raise fail((*at, *problem[0]), problem[1])
            entry = _entry(item, register)
            if entry.id in seen:
                raise fail((*at, "id"), f"the id `{entry.id}` is used twice in this file")
            seen.add(entry.id)
            entries.append(entry)
        lists[section] = tuple(entries)
    return Expectations(case, lists["expected"], lists["must_not"])


def _entry_problem(
    item: Any, allowed: set[str], expected: bool, register: Register
) -> tuple[DataPath, str] | None:
    """What is wrong with one entry (where inside it, and why), or None."""
    if not isinstance(item, dict):
        return (), "an entry must be a mapping (id, family, at, why, ...)"
    for key in item:
        if key not in allowed:
            return (key,), f"unknown key `{key}` (keys: {', '.join(sorted(allowed))})"
    required = ["id", "family", "at", "why"] + (["article", "severity"] if expected else [])
    for key in required:
        if not isinstance(item.get(key), str) or not item[key].strip():
            return ((key,) if key in item else ()), f"`{key}` is required and must be text"
    if "article" in item and not isinstance(item["article"], str):
        return ("article",), '`article` must be text: quote it, e.g. "6(1)"'
    family = item["family"]
    if family not in FAMILIES:
        return ("family",), f"`{family}` is not a rule family ({', '.join(FAMILIES)})"
    severity = item.get("severity")
    if expected and severity not in SEVERITY_WEIGHTS:
        return ("severity",), f"`{severity}` is not a severity (high, medium, low)"
    try:
        check_place(parse_place(item["at"]), register)
    except ValueError as error:
        return ("at",), str(error)
    return None


def _entry(item: dict[str, Any], register: Register) -> Entry:
    return Entry(
        id=item["id"],
        family=item["family"],
        place=check_place(parse_place(item["at"]), register),
        why=item["why"],
        article=item.get("article"),
        severity=item.get("severity"),
    )


# --------------------------------------------------------------------------- judgements


def load_judgements(path: Path, register: Register, case: str) -> dict[tuple[str, str], str]:
    """Read and strictly validate a judgements file: the verdict on each finding of the
    case that matched no label, by (rule code, place). Written after the findings were
    seen, by someone who changed no rule, and kept apart from the labels: a verdict never
    turns a finding into a found gap, it only tells a gap nobody labelled from noise."""
    display, data, source_map = _read_yaml(path)

    def fail(at: DataPath, message: str) -> QualityError:
        return QualityError(f"{display}:{source_map.position(at)}: {message}")

    if not isinstance(data, dict):
        raise fail((), "the file must be a mapping with `case`, `rules_at` and `findings`")
    for key in data:
        if key not in _JUDGEMENT_TOP_KEYS:
            raise fail((key,), f"unknown key `{key}` (keys: case, rules_at, findings)")
    if data.get("case") != case:
        raise fail(("case",), f"`case` must be the case's name, `{case}`")
    items = data.get("findings") or []
    if not isinstance(items, list):
        raise fail(("findings",), "`findings` must be a list of verdicts")
    verdicts: dict[tuple[str, str], str] = {}
    for index, item in enumerate(items):
        at: DataPath = ("findings", index)
        if not isinstance(item, dict):
            raise fail(at, "a verdict must be a mapping (code, at, verdict, why)")
        for key in item:
            if key not in _JUDGEMENT_KEYS:
                keys = ", ".join(sorted(_JUDGEMENT_KEYS))
                raise fail((*at, key), f"unknown key `{key}` (keys: {keys})")
        for key in sorted(_JUDGEMENT_KEYS):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise fail((*at, key) if key in item else at, f"`{key}` is required text")
        code = item["code"]
        if len(code) != 4 or not code[:2].isalpha() or not code[2:].isdigit():
            raise fail((*at, "code"), f"`{code}` is not a rule code (two letters, two digits)")
        if item["verdict"] not in VERDICTS:
            raise fail((*at, "verdict"), f"`{item['verdict']}` is not a verdict (keep, drop)")
        try:
            place = check_place(parse_place(item["at"]), register)
        except ValueError as error:
            raise fail((*at, "at"), str(error)) from None
        key = (code, str(place))
        if key in verdicts:
            raise fail(at, f"{code} at {place} is judged twice in this file")
        verdicts[key] = item["verdict"]
    return verdicts


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Seen:
    """A finding as the scorer sees it: where it points in corpus terms, and the other
    places it names (`also`: its related locations)."""

    code: str
    severity: str
    place: Place
    message: str
    also: tuple[Place, ...] = ()

    @property
    def places(self) -> tuple[Place, ...]:
        return (self.place, *self.also)

    @property
    def family(self) -> str:
        return self.code[:2]

    @property
    def families(self) -> tuple[str, ...]:
        """The families whose entries this finding can match: its own, and any other its
        gap lies in (ALSO_FAMILIES)."""
        return (self.family, *ALSO_FAMILIES.get(self.code, ()))

    @property
    def serious(self) -> bool:
        return self.severity in (Severity.WARNING.value, Severity.ERROR.value)


@dataclass
class CaseScore:
    case: str
    group: str  # "cases" (unseen) or "seeds"
    expected: list[Entry]
    found: list[Entry]
    missed: list[Entry]
    must_not_hits: list[tuple[Entry, Seen]]
    unexplained: list[Seen]
    findings: list[Seen]
    # The unexplained findings a person judged afterwards (tests/quality/judgements/):
    # a gap nobody labelled (`keep`) or noise (`drop`); the rest are unjudged.
    judged_keep: list[Seen] = field(default_factory=list)
    judged_drop: list[Seen] = field(default_factory=list)

    @property
    def noise(self) -> list[Seen]:
        """Findings matching no label and not judged a gap: judged noise, or unjudged."""
        return [f for f in self.unexplained if not any(f is k for k in self.judged_keep)]


def score(
    expectations: Expectations,
    findings: Sequence[Seen],
    group: str = "cases",
    verdicts: Mapping[tuple[str, str], str] | None = None,
) -> CaseScore:
    """Match findings against expectations (pure: no files, no checks); `verdicts` are
    the pooled judgements of unexplained findings, by (code, place)."""
    found: list[Entry] = []
    missed: list[Entry] = []
    for entry in expectations.expected:
        hit = any(entry.matched_by(f) for f in findings)
        (found if hit else missed).append(entry)
    hits: list[tuple[Entry, Seen]] = []
    unexplained: list[Seen] = []
    for finding in findings:
        barred = [e for e in expectations.must_not if e.matched_by(finding)]
        hits.extend((entry, finding) for entry in barred)
        wanted = any(e.matched_by(finding) for e in expectations.expected)
        if not wanted and not barred:
            unexplained.append(finding)
    verdicts = verdicts or {}
    judged = [(f, verdicts.get((f.code, str(f.place)))) for f in unexplained]
    return CaseScore(
        case=expectations.case,
        group=group,
        expected=list(expectations.expected),
        found=found,
        missed=missed,
        must_not_hits=hits,
        unexplained=unexplained,
        findings=list(findings),
        judged_keep=[f for f, verdict in judged if verdict == "keep"],
        judged_drop=[f for f, verdict in judged if verdict == "drop"],
    )


def check_case(
    register_path: Path,
    expected_path: Path,
    case: str,
    group: str,
    judgements_path: Path | None = None,
) -> CaseScore:
    """Validate and check one register as `ropa check` does, then score it."""
    # The file alone is the register. Discovery would take a folder holding a
    # `register.yaml` for a split register and read expected.yaml as part of it, so the
    # register is handed to the validator as one file, as `ropa check <copy>.yaml` does.
    source = RegisterSource(register_path, (register_path,), split=False)
    register, problems, _, _ = validate_register(source)
    if register is None:
        shown = "; ".join(f"{f.file}:{f.position}: {f.code} {f.message}" for f in problems[:3])
        raise QualityError(f"{_display(register_path)} is not a valid register: {shown}")
    expectations = load_expectations(expected_path, register, case)
    findings = check_register(register, Config(Settings()), today=TODAY)
    seen = [
        Seen(
            f.code,
            f.severity.value,
            finding_place(f, register),
            f.message,
            related_places(f, register),
        )
        for f in findings
    ]
    verdicts = (
        load_judgements(judgements_path, register, case)
        if judgements_path is not None and judgements_path.is_file()
        else {}
    )
    return score(expectations, seen, group, verdicts)


@dataclass(frozen=True)
class Case:
    name: str
    group: str
    register: Path
    expected: Path

    @property
    def judgements(self) -> Path:
        """Where the pooled judgements of this case's unexplained findings live."""
        name = self.name if self.group == "cases" else f"seed-{self.name}"
        return JUDGEMENTS / f"{name}.yaml"


def discover(root: Path = CORPUS, seeds_from: Path = SEED_REGISTERS) -> list[Case]:
    """The corpus cases (complete or not: a missing file is reported), then the seeds."""
    cases: list[Case] = []
    cases_dir = root / "cases"
    for folder in (
        sorted(p for p in cases_dir.glob("*") if p.is_dir()) if cases_dir.is_dir() else []
    ):
        cases.append(Case(folder.name, "cases", folder / "register.yaml", folder / "expected.yaml"))
    seeds_dir = root / "seeds"
    for folder in (
        sorted(p for p in seeds_dir.glob("*") if p.is_dir()) if seeds_dir.is_dir() else []
    ):
        register = seeds_from / f"{folder.name}.yaml"
        cases.append(Case(folder.name, "seeds", register, folder / "expected.yaml"))
    return cases


def run(cases: Iterable[Case]) -> list[CaseScore]:
    scores = []
    for case in cases:
        for path in (case.register, case.expected):
            if not path.is_file():
                raise QualityError(f"{_display(path)}: missing (case `{case.name}`)")
        scores.append(
            check_case(case.register, case.expected, case.name, case.group, case.judgements)
        )
    return scores


# --------------------------------------------------------------------------- figures


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(scores: Sequence[CaseScore]) -> dict[str, Any]:
    """Totals over some case scores: recall (plain and by severity), hits, unexplained."""
    expected = [e for s in scores for e in s.expected]
    found = [e for s in scores for e in s.found]
    findings = [f for s in scores for f in s.findings]
    unexplained = [f for s in scores for f in s.unexplained]
    serious = [f for f in findings if f.serious]
    serious_unexplained = [f for f in unexplained if f.serious]
    kept = [f for s in scores for f in s.judged_keep]
    dropped = [f for s in scores for f in s.judged_drop]
    noise = [f for s in scores for f in s.noise]
    serious_noise = [f for f in noise if f.serious]
    weight = sum(SEVERITY_WEIGHTS[e.severity or "low"] for e in expected)
    weight_found = sum(SEVERITY_WEIGHTS[e.severity or "low"] for e in found)
    by_severity: dict[str, dict[str, Any]] = {}
    for level in SEVERITY_WEIGHTS:
        wanted = sum(1 for e in expected if e.severity == level)
        got = sum(1 for e in found if e.severity == level)
        by_severity[level] = {"expected": wanted, "found": got, "recall": _ratio(got, wanted)}
    return {
        "cases": len(scores),
        "expected": len(expected),
        "found": len(found),
        "recall": _ratio(len(found), len(expected)),
        "weighted_recall": _ratio(weight_found, weight),
        "by_severity": by_severity,
        "must_not_hits": sum(len(s.must_not_hits) for s in scores),
        "findings": len(findings),
        "unexplained": len(unexplained),
        "unexplained_share": _ratio(len(unexplained), len(findings)),
        "findings_warning_error": len(serious),
        "unexplained_warning_error": len(serious_unexplained),
        "unexplained_share_warning_error": _ratio(len(serious_unexplained), len(serious)),
        "unexplained_by_rule": _by_rule(unexplained),
        "judged_gaps": len(kept),
        "judged_noise": len(dropped),
        "unjudged": len(unexplained) - len(kept) - len(dropped),
        "noise": len(noise),
        "noise_share": _ratio(len(noise), len(findings)),
        "noise_warning_error": len(serious_noise),
        "noise_share_warning_error": _ratio(len(serious_noise), len(serious)),
        "noise_by_rule": _by_rule(noise),
        "judged_gaps_by_rule": _by_rule(kept),
    }


def _by_rule(findings: Iterable[Seen]) -> dict[str, int]:
    """How many findings each rule code has, most first: false alarms grouped by cause."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def per_family(scores: Sequence[CaseScore]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for family in FAMILIES:
        expected = sum(1 for s in scores for e in s.expected if e.family == family)
        found = sum(1 for s in scores for e in s.found if e.family == family)
        findings = sum(1 for s in scores for f in s.findings if f.family == family)
        unexplained = sum(1 for s in scores for f in s.unexplained if f.family == family)
        hits = sum(1 for s in scores for e, _ in s.must_not_hits if e.family == family)
        table[family] = {
            "expected": expected,
            "found": found,
            "recall": _ratio(found, expected),
            "must_not_hits": hits,
            "findings": findings,
            "unexplained": unexplained,
            "unexplained_share": _ratio(unexplained, findings),
        }
    other = sorted({f.family for s in scores for f in s.findings} - set(FAMILIES))
    for family in other:  # findings of families no expectation uses (SU, ...)
        findings = sum(1 for s in scores for f in s.findings if f.family == family)
        unexplained = sum(1 for s in scores for f in s.unexplained if f.family == family)
        table[family] = {
            "expected": 0,
            "found": 0,
            "recall": None,
            "must_not_hits": 0,
            "findings": findings,
            "unexplained": unexplained,
            "unexplained_share": _ratio(unexplained, findings),
        }
    return table


def report(scores: Sequence[CaseScore]) -> dict[str, Any]:
    """Everything `--json` prints."""
    groups = {
        "unseen": [s for s in scores if s.group == "cases"],
        "seeds": [s for s in scores if s.group == "seeds"],
        "all": list(scores),
    }
    return {
        "today": TODAY.isoformat(),
        "totals": {name: figures(group) for name, group in groups.items()},
        "families": {name: per_family(group) for name, group in groups.items()},
        "cases": [
            {
                "case": s.case,
                "group": s.group,
                **figures([s]),
                "misses": [_entry_dict(e) for e in s.missed],
                "must_not": [
                    {**_entry_dict(e), "finding": _seen_dict(f)} for e, f in s.must_not_hits
                ],
                "unexplained_findings": [_seen_dict(f) for f in s.unexplained],
            }
            for s in scores
        ],
    }


def _entry_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "family": entry.family,
        "at": str(entry.place),
        "severity": entry.severity,
        "article": entry.article,
        "why": entry.why,
    }


def _seen_dict(seen: Seen) -> dict[str, Any]:
    return {
        "code": seen.code,
        "severity": seen.severity,
        "at": str(seen.place),
        "message": seen.message,
    }


# --------------------------------------------------------------------------- text


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def render(scores: Sequence[CaseScore], *, misses: bool, unexplained: bool) -> str:
    data = report(scores)
    lines = []
    header = (
        f"{'case':<40} {'exp':>4} {'found':>5} {'recall':>6} {'wtd':>5} {'must-not':>8} "
        f"{'findings':>8} {'unexpl':>6} {'share':>5} {'w+e':>5}"
    )
    lines += [header, "-" * len(header)]

    def row(name: str, f: dict[str, Any]) -> str:
        return (
            f"{name:<40} {f['expected']:>4} {f['found']:>5} {_pct(f['recall']):>6} "
            f"{_pct(f['weighted_recall']):>5} {f['must_not_hits']:>8} {f['findings']:>8} "
            f"{f['unexplained']:>6} {_pct(f['unexplained_share']):>5} "
            f"{_pct(f['unexplained_share_warning_error']):>5}"
        )

    for case in data["cases"]:
        tag = " (seed)" if case["group"] == "seeds" else ""
        lines.append(row(case["case"] + tag, case))
    lines.append("-" * len(header))
    for name, label in (
        ("unseen", "TOTAL unseen cases"),
        ("seeds", "TOTAL seeds"),
        ("all", "TOTAL"),
    ):
        if data["totals"][name]["cases"]:
            lines.append(row(f"{label} ({data['totals'][name]['cases']})", data["totals"][name]))
    total = data["totals"]["all"]
    severity = ", ".join(
        f"{level} {c['found']}/{c['expected']} {_pct(c['recall'])}"
        for level, c in total["by_severity"].items()
    )
    lines += ["", f"Recall by severity (all cases): {severity}", ""]
    # Per family for the unseen cases and the seeds apart: the seeds' figures flatter.
    for group, label in (("unseen", "unseen cases"), ("seeds", "seeds")):
        if not data["totals"][group]["cases"]:
            continue
        lines.append(
            f"{'family':<8} {'exp':>4} {'found':>5} {'recall':>6} {'must-not':>8} "
            f"{'findings':>8} {'unexpl':>6} {'share':>5}   ({label})"
        )
        for family, f in data["families"][group].items():
            if f["expected"] or f["findings"]:
                lines.append(
                    f"{family:<8} {f['expected']:>4} {f['found']:>5} {_pct(f['recall']):>6} "
                    f"{f['must_not_hits']:>8} {f['findings']:>8} {f['unexplained']:>6} "
                    f"{_pct(f['unexplained_share']):>5}"
                )
        lines.append("")
    by_rule = total["unexplained_by_rule"]
    if by_rule:
        ranked = ", ".join(f"{code} {count}" for code, count in by_rule.items())
        lines.append(f"Unexplained findings by rule (all cases): {ranked}")
    for group, label in (("unseen", "unseen cases"), ("all", "all cases")):
        t = data["totals"][group]
        if not t["unexplained"]:
            continue
        lines.append(
            f"Judged ({label}): of {t['unexplained']} unexplained, {t['judged_gaps']} gaps "
            f"nobody labelled, {t['judged_noise']} noise, {t['unjudged']} unjudged; noise "
            f"(unexplained not judged a gap) {t['noise']}/{t['findings']} "
            f"{_pct(t['noise_share'])}, of warnings and errors "
            f"{t['noise_warning_error']}/{t['findings_warning_error']} "
            f"{_pct(t['noise_share_warning_error'])}"
        )
    lines += [
        "",
        "exp: expected gaps; wtd: recall weighted high 3, medium 2, low 1; must-not: findings "
        "where the notice states things well;",
        "unexpl: findings matching no entry; share: of all findings; w+e: of warnings and "
        f"errors only. Checked as on {data['today']}.",
    ]
    for s in scores:
        details = []
        if s.must_not_hits:
            details += [
                f"  must-not {e.id} {e.family} at {e.place}: {f.code} {f.message}"
                for e, f in s.must_not_hits
            ]
        if misses and s.missed:
            details += [
                f"  missed {e.id} {e.family} {e.severity} at {e.place}: {e.why}" for e in s.missed
            ]
        if unexplained and s.unexplained:
            verdict = {id(f): " [judged a gap]" for f in s.judged_keep} | {
                id(f): " [judged noise]" for f in s.judged_drop
            }
            details += [
                f"  unexplained {f.code} ({f.severity}) at {f.place}{verdict.get(id(f), '')}: "
                f"{f.message}"
                for f in s.unexplained
            ]
        if details:
            lines += ["", f"{s.case}:", *details]
    return "\n".join(lines)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--case", action="append", default=[], metavar="SLUG", help="only this case"
    )
    parser.add_argument("--list-misses", action="store_true", help="list expected gaps not found")
    parser.add_argument(
        "--list-unexplained", action="store_true", help="list findings matching no entry"
    )
    args = parser.parse_args(argv)
    cases = discover()
    if args.case:
        known = {case.name for case in cases}
        unknown = [name for name in args.case if name not in known]
        if unknown:
            print(f"error: no case named {', '.join(unknown)}", file=sys.stderr)
            return 2
        cases = [case for case in cases if case.name in args.case]
    try:
        scores = run(cases)
    except QualityError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report(scores), indent=2, ensure_ascii=False))
    else:
        print(render(scores, misses=args.list_misses, unexplained=args.list_unexplained))
    return 0


if __name__ == "__main__":
    sys.exit(main())
