"""load → validate → rules → suppressions → findings. Never prints.

`check_paths` is what `ropa check` runs: registers that fail validation report their
validation findings only (rules need a valid register); valid ones are checked with the
configuration found for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ropa import parallel, stdin
from ropa.config import Config, Selection, find_config, load_config
from ropa.errors import ConfigError, InputError, UsageError
from ropa.findings import Finding, sorted_findings
from ropa.i18n import Message, counted, either, msg, unworded
from ropa.model.base import Entity
from ropa.model.register import Register
from ropa.model.vocabulary import ActivityRole, Role
from ropa.position import START, Position
from ropa.rules import ABSENT, RULES, Context, Rule, Violation, load_rules
from ropa.rules._reading import forget as forget_readings
from ropa.rules.dpia import forget as forget_screenings
from ropa.validate import collector_paused, position_of, validate_paths
from ropa.yamlio import DEFAULT_MAX_FILE_BYTES, read_source


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)
    activities: int = 0
    valid_registers: list[Register] = field(default_factory=list)
    invalid_registers: list[str] = field(default_factory=list)


ConfigFor = Callable[[Register], Config]


def check_paths(
    paths: Sequence[str],
    *,
    config_for: ConfigFor | None = None,
    today: dt.date | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: Callable[[Path], bool] | None = None,
) -> CheckResult:
    """Validate the registers under `paths` and run the rules on each valid one."""
    with collector_paused():  # (one pause for loading and the rules: see its docstring)
        return _check_paths(paths, config_for, today, max_file_bytes, exclude)


def _check_paths(
    paths: Sequence[str],
    config_for: ConfigFor | None,
    today: dt.date | None,
    max_file_bytes: int,
    exclude: Callable[[Path], bool] | None,
) -> CheckResult:
    validation = validate_paths(paths, max_file_bytes=max_file_bytes, exclude=exclude)
    result = CheckResult(
        findings=list(validation.findings),
        files=validation.files,
        registers=validation.register_names,
        activities=validation.activities,
        valid_registers=validation.registers,
        invalid_registers=validation.invalid_registers,
    )
    resolve = config_for or config_near
    for register in validation.registers:
        result.findings.extend(check_register(register, resolve(register), today=today))
    result.findings = sorted_findings(result.findings)
    return result


def config_near(register: Register) -> Config:
    """The configuration found by walking up from the register's files."""
    config = load_config(find_config(Path(register.files[0]).resolve()))
    verify_config(config)
    return config


def verify_config(config: Config) -> None:
    """Refuse settings that name a rule code or prefix no rule has: a typo would
    otherwise turn a check off, or on, without a word."""
    for key, code in config.settings.codes_named():
        problem = unknown_code(code, exact=key.startswith("severity."))
        if problem is not None:
            shown = config.source.as_posix() if config.source else None
            raise ConfigError(
                unworded("`{key}`: {problem}", key=key, problem=problem[0]),
                file=shown,
                position=_written_at(config.source, code),
                hint=problem[1],
            )


def _written_at(source: Path | None, code: str) -> Position | None:
    """Where a configuration file writes `code` (quoted, or as a key), if it can be told."""
    if source is None:
        return None
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    import re

    written = re.compile(rf"""(["']){re.escape(code)}\1|^\s*{re.escape(code)}\s*=""")
    for number, line in enumerate(lines, start=1):
        match = written.search(line)
        if match is not None:
            quoted = match.group(1) is not None
            column = match.start() + 1 if quoted else len(line) - len(line.lstrip()) + 1
            return Position(number, column)
    return None


def verify_codes(option: str, codes: Sequence[str]) -> None:
    """Refuse a command-line selection that names no rule (usage error, exit 2)."""
    for code in codes:
        problem = unknown_code(code)
        if problem is not None:
            raise UsageError(
                unworded(
                    "{option} {code}: {problem}", option=option, code=code, problem=problem[0]
                ),
                hint=problem[1],
            )


def unknown_code(code: str, *, exact: bool = False) -> tuple[Message, Message] | None:
    """(what is wrong, a hint naming the closest codes) when `code` selects no rule; None
    when it is `ALL`, a rule code or (unless `exact`) a prefix of one."""
    rules = load_rules()
    if code in rules or (not exact and (code == "ALL" or any(c.startswith(code) for c in rules))):
        return None
    import difflib  # only for a code that selects nothing: not at every start

    by_name = {rule.name: rule.code for rule in rules.values()}
    if code.lower() in by_name:
        return (
            msg("`{code}` is a rule name; selections take codes", code=code),
            msg("use {code}", code=by_name[code.lower()]),
        )
    families = sorted({known[:2] for known in rules})
    known = [*rules, *([] if exact else families)]
    close = difflib.get_close_matches(code.upper(), known, n=3, cutoff=0.5)
    if not close and code[:2] in families:
        close = [known for known in rules if known.startswith(code[:2])][:3]
    hint = (
        msg("did you mean {codes}? (`ropa rules` lists the codes)", codes=either(close))
        if close
        else msg(
            "`ropa rules` lists the codes; the families are {families}",
            families=", ".join(families),
        )
    )
    if exact:
        return msg("`{code}` is not a rule code", code=code), hint
    return msg("`{code}` is not a rule code or prefix", code=code), hint


def check_register(
    register: Register, config: Config, *, today: dt.date | None = None
) -> list[Finding]:
    """Run every enabled rule on a valid register and apply its suppressions.

    On a large register the rules run in two processes (`ropa.parallel`), each rule
    whole in one of them; the findings are the same, in the same order."""
    rules = load_rules()
    selection = config.selection
    settings = config.settings
    context = Context(
        today=today or dt.date.today(),
        review_interval=settings.review_interval,
        employee_threshold=settings.employee_threshold,
        digital_consent_age=settings.digital_consent_age,
        source_blocks=_source_blocks,
    )
    as_controller = controller_view(register)
    entries = _entries(register)
    enabled = [code for code, rule in rules.items() if selection.enabled(code) and not rule.retired]

    def run(codes: Sequence[str]) -> _Found:
        return _run_rules(
            [rules[code] for code in codes], register, as_controller, context, selection, entries
        )

    try:
        if parallel.workers(len(register.activities)) > 1:
            here, there = parallel.halves(
                enabled, {code: rules[code].check.__module__ for code in enabled}
            )
            found, other = parallel.in_two(
                run, here, there, pack=_pack, unpack=lambda sent: _unpack(sent, there)
            )
            found.by_rule.update(other.by_rule)
            found.used.extend(other.used)
        else:
            found = run(enabled)
    finally:
        forget_readings()
        forget_screenings()
    for key, index, code in found.used:
        entries[key][index].used.add(code)
    singles = [finding for code in enabled for finding in found.by_rule[code][0]]
    merged = [finding for code in enabled for finding in found.by_rule[code][1]]
    audit = [
        _finding(register, rule, violation, selection)
        for rule, violation in _audit(entries, selection)
    ]
    # In the order one pass over all the rules gives (findings of one rule at one place
    # keep it, as the final sort is stable): each rule's own findings, the suppressions'
    # audit, then the findings merged over shared causes.
    return [*singles, *audit, *merged]


@dataclass
class _Found:
    """What some of the rules found: by rule code, its findings that stand alone and
    those merged over a shared cause; and the suppressions that silenced something, as
    (owner's key, entry's index, code)."""

    by_rule: dict[str, tuple[list[Finding], list[Finding]]]
    used: list[tuple[tuple[str, tuple[object, ...]], int, str]]


# A finding as the child process sends it: its fields, in order (see `_pack`).
_FIELDS = tuple(field.name for field in dataclasses.fields(Finding))


def _pack(found: _Found) -> object:
    """`found` as plain tuples, for the child process to send (`ropa.parallel.in_two`)."""
    return (
        {
            code: tuple(
                [tuple([getattr(f, name) for name in _FIELDS]) for f in part] for part in parts
            )
            for code, parts in found.by_rule.items()
        },
        found.used,
    )


def _unpack(sent: object, codes: Sequence[str]) -> _Found:
    """What `_pack` made of the findings of the rules `codes`, rebuilt; TypeError or
    ValueError on anything else."""
    if not (isinstance(sent, tuple) and len(sent) == 2 and isinstance(sent[0], dict)):
        raise TypeError("not a packed result")
    by_rule, used = sent
    if sorted(by_rule) != sorted(codes):
        raise ValueError("not the findings of the rules asked for")
    if not (isinstance(used, list) and all(isinstance(u, tuple) and len(u) == 3 for u in used)):
        raise TypeError("not a packed result")
    return _Found(
        {
            code: ([Finding(*f) for f in singles], [Finding(*f) for f in merged])
            for code, (singles, merged) in by_rule.items()
        },
        used,
    )


def _run_rules(
    rules: Sequence[Rule],
    register: Register,
    as_controller: Register,
    context: Context,
    selection: Selection,
    entries: _Entries,
) -> _Found:
    """Run `rules` and make their findings; mark the suppressions that silence one."""
    by_rule: dict[str, tuple[list[Finding], list[Finding]]] = {}
    for rule in rules:
        code = rule.code
        raw = [
            violation
            for violation in rule.check(
                as_controller if code[:2] in CONTROLLER_FAMILIES else register, context
            )
            if not selection.ignored_in(code, violation.location.file)
        ]
        kept = _silenced(code, raw, entries) if entries else raw
        by_rule[code] = _merge_shared(
            register,
            [
                (rule, violation, _finding(register, rule, violation, selection))
                for violation in kept
            ],
        )
    used = [
        (key, index, code)
        for key, owned in entries.items()
        for index, entry in enumerate(owned)
        for code in entry.used
    ]
    return _Found(by_rule, used)


def _source_blocks(file: str) -> Iterator[str] | None:
    """The text of a register file as it was validated (standard input where it stood in
    for the file), read again in blocks of whole lines: validation lets the text go once
    parsed, to save memory, and only a rule that reads comments needs it. None where it
    cannot be read now."""
    given = stdin.text_for(file)
    if given is not None:
        return iter((given,))
    try:
        with open(file, "rb") as stream:
            head = stream.read(4)
    except OSError:
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        # UTF-16 or UTF-32 (a BOM): rare and small; read whole, as validation did.
        try:
            return iter((read_source(Path(file), display=file),))
        except InputError:
            return None
    return _utf8_blocks(file)


# Bytes read at a time (then to the end of the line): read a line at a time, the 320,000
# lines of 10,000 activities took 53 ms, in blocks of 64 KB 7 ms (GV04 in all: 63 ms, now
# 19). Blocks of 1 MB were slower (GV04 25 ms) and raised the peak at 50,000 activities
# by 9 MB; of 64 KB it is where reading a line at a time left it.
_BLOCK_BYTES = 1 << 16


def _utf8_blocks(file: str) -> Iterator[str]:
    """A UTF-8 file's text in blocks of whole lines, to the end of the line that passes
    the size validation accepts (it may have grown). A block decoded whole is its lines
    decoded one by one: a line break is no part of any UTF-8 sequence, valid or not."""
    read = 0
    try:
        with open(file, "rb") as stream:
            while chunk := stream.read(_BLOCK_BYTES):
                if not chunk.endswith(b"\n"):
                    chunk += stream.readline()
                if read + len(chunk) > DEFAULT_MAX_FILE_BYTES:
                    end = chunk.find(b"\n", DEFAULT_MAX_FILE_BYTES - read)
                    chunk = chunk if end < 0 else chunk[: end + 1]
                text = chunk.decode("utf-8", "replace")
                yield text.removeprefix("\ufeff") if not read else text
                read += len(chunk)
                if read > DEFAULT_MAX_FILE_BYTES:
                    return
    except OSError:
        return


# The families whose rules test duties the controller alone bears: the lawfulness of the
# processing, its basis and its Art. 9(2) condition (LB: Art. 5(2), 6(1), 24(1)), and the
# DPIA (DP: Art. 35(1), "the controller shall"; a processor assists, Art. 28(3)(f)). An
# activity the organisation performs as another's processor has its record under
# Art. 30(2), which holds neither; asking the processor for them is noise.
CONTROLLER_FAMILIES = frozenset({"LB", "DP"})


def controller_view(register: Register) -> Register:
    """The register as the controller-only rules read it: without the activities the
    organisation performs as a processor (`role: processor`, or no role of its own in a
    processor's register). The same object where there are none."""
    processor = register.organisation.role is Role.PROCESSOR
    kept = [
        activity
        for activity in register.activities
        if not (activity.role is ActivityRole.PROCESSOR or (activity.role is None and processor))
    ]
    if len(kept) == len(register.activities):
        return register
    return replace(register, activities=kept)


def _merge_shared(
    register: Register, found: list[tuple[Rule, Violation, Finding]]
) -> tuple[list[Finding], list[Finding]]:
    """One finding per rule and shared cause, listing the other places as related: the
    findings without a cause, in order, and the merged ones, in the order of their first."""
    groups: dict[tuple[str, str], list[tuple[Violation, Finding]]] = {}
    singles: list[Finding] = []
    result: list[Finding] = []
    for rule, violation, finding in found:
        if violation.cause is None:
            singles.append(finding)
        else:
            groups.setdefault((rule.code, violation.cause), []).append((violation, finding))
    for (_code, cause), members in groups.items():
        ordered = sorted(members, key=lambda member: member[1].sort_key())
        first = ordered[0][1]
        if len(ordered) == 1:
            result.append(first)
            continue
        others = [finding for _violation, finding in ordered[1:]]
        # Each other place, and the places related to it (the other keys one gap is
        # written at), once each: the merged finding is present at all of them.
        related = tuple(
            dict.fromkeys(
                (
                    *first.related,
                    *(
                        place
                        for f in others
                        for place in ((f.file, f.position, f.path), *f.related)
                    ),
                )
            )
        )
        if cause.startswith(ABSENT):
            violations = [violation for violation, _f in ordered]
            names = _activity_names(register, violations[1:])
            grouped = ordered[0][0].grouped
            message = (
                grouped(len(ordered), _shown([*_activity_names(register, violations[:1]), *names]))
                if grouped is not None
                else _absent(first.message, names)
            )
            result.append(
                replace(first, message=message, related=related, own_message=first.message)
            )
            continue
        owners = _owners(register, [violation for violation, _finding in ordered])
        # Whole sentences, each in two forms, so that each language chooses its own
        # singular and plural for every count (Latvian: "vēl 21 vietā").
        count, activities = len(others), len(owners)
        places = counted("{count} more place", "{count} more places", count=count)
        shared: Message
        if activities > 1:
            shared = counted(
                "{message} \u2014 one shared value, also at {places} in {count} activity",
                "{message} \u2014 one shared value, also at {places} in {count} activities",
                message=first.message,
                places=places,
                count=activities,
            )
        else:
            shared = msg(
                "{message} \u2014 one shared value, also at {places}",
                message=first.message,
                places=places,
            )
        result.append(replace(first, message=shared, related=related, own_message=first.message))
    return singles, result


# How many of the other activities the message names; all of them are related locations.
_NAMED = 10


def _shown(names: list[str]) -> str:
    """The activities' ids as a message lists them: the first `_NAMED`, then an ellipsis."""
    shown = ", ".join(f"`{name}`" for name in names[:_NAMED])
    return shown + ", \u2026" if len(names) > _NAMED else shown


def _absent(message: str, names: list[str]) -> Message:
    """The merged message of a gap found in several activities; whole sentences, singular
    and plural, so that each translates as a whole."""
    shown = _shown(names)
    return counted(
        "{message} \u2014 also in {count} more activity: {names}",
        "{message} \u2014 also in {count} more activities: {names}",
        message=message,
        count=len(names),
        names=shown,
    )


def _activity_names(register: Register, violations: list[Violation]) -> list[str]:
    """The ids of the activities the violations are in, in order (the index where an
    entry is not an activity, which a rule giving an `absent:` cause should not do)."""
    ids = {(a.origin.file, a.origin.path): str(a.id) for a in register.activities}
    names = []
    for violation in violations:
        path = violation.location.path
        key = (violation.location.file, path[:2])
        names.append(ids.get(key, ".".join(str(p) for p in path[:2])))
    return names


def _owners(register: Register, violations: list[Violation]) -> set[str]:
    """The activities the violations are in."""
    owners = set()
    for violation in violations:
        path = violation.location.path
        if len(path) > 1 and path[0] == "activities" and isinstance(path[1], int):
            owners.add(f"{violation.location.file}#{path[1]}")
    return owners


@functools.cache
def _extra(rule: Rule) -> tuple[tuple[str, str], ...]:
    """A finding's extra fields: one tuple per rule, shared by all its findings."""
    return (("article", rule.article),)


def _finding(register: Register, rule: Rule, violation: Violation, selection: Selection) -> Finding:
    location = violation.location
    source_map = register.source_maps.get(location.file)
    if violation.position is not None:
        position = violation.position
    elif source_map is None:
        position = START
    else:
        position = source_map.shown_at(location.path, at_key=violation.at_key)
    return Finding(
        code=rule.code,
        name=rule.name,
        message=violation.message,
        severity=selection.severity.get(rule.code, violation.severity or rule.severity),
        file=violation.location.file,
        position=position,
        path=violation.location.path,
        hint=violation.hint,
        extra=_extra(rule),
        related=tuple(
            (place.file, position_of(register, place).best, place.path)
            for place in violation.related
        ),
    )


# --------------------------------------------------------------------------- suppressions


@dataclass
class _Entry:
    owner: Entity
    index: int
    codes: list[str]
    used: set[str] = field(default_factory=set)


def _suppressible(register: Register) -> Iterator[Entity]:
    yield register.organisation
    yield from register.recipients
    yield from register.security_measures
    yield from register.activities
    yield from register.controllers


# The `suppress:` entries of a register, by their owner's (file, path).
_Entries = dict[tuple[str, tuple[object, ...]], list[_Entry]]


def _entries(register: Register) -> _Entries:
    """The register's `suppress:` entries, none used yet."""
    entries: _Entries = {}
    for owner in _suppressible(register):
        suppress = getattr(owner, "suppress", None)
        for index, entry in enumerate(suppress or ()):
            key = (owner.origin.file, owner.origin.path)
            entries.setdefault(key, []).append(_Entry(owner, index, list(entry.codes)))
    return entries


def _silenced(code: str, raw: list[Violation], entries: _Entries) -> list[Violation]:
    """Drop the violations of rule `code` a `suppress:` entry silences; mark it used."""
    kept = []
    for violation in raw:
        silenced = False
        location = violation.location
        for depth in range(len(location.path), 0, -1):
            for entry in entries.get((location.file, location.path[:depth]), ()):
                if code in entry.codes:
                    entry.used.add(code)
                    silenced = True
        if not silenced:
            kept.append(violation)
    return kept


def _audit(entries: _Entries, selection: Selection) -> list[tuple[Rule, Violation]]:
    """The suppressions that silence nothing: a code no rule has, or a finding not there."""
    audit = []
    for owner_entries in entries.values():
        for entry in owner_entries:
            for position, code in enumerate(entry.codes):
                at = entry.owner.at("suppress", entry.index, "codes", position)
                if code not in RULES:
                    audit.append(
                        (
                            RULES["SU02"],
                            Violation(
                                at,
                                msg(
                                    "`{code}` is not a rule code, so this suppression "
                                    "silences nothing",
                                    code=code,
                                ),
                                msg("see `ropa rules` for the codes"),
                            ),
                        )
                    )
                elif code not in entry.used and selection.enabled(code):
                    audit.append(
                        (
                            RULES["SU01"],
                            Violation(
                                at,
                                msg("the suppression of {code} silences nothing here", code=code),
                                msg(
                                    "remove it, or check that it is on the entry that has "
                                    "the finding"
                                ),
                            ),
                        )
                    )
    return [item for item in audit if selection.enabled(item[0].code)]


__all__ = [
    "CheckResult",
    "check_paths",
    "check_register",
    "config_near",
    "unknown_code",
    "verify_codes",
    "verify_config",
]
