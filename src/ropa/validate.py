"""Raw data and source maps → typed registers, or findings at `file:line:col`.

Three passes, each reporting every problem it finds so one run shows them all:

1. the schema: each file against `RegisterFile` (pydantic), errors mapped back onto the
   data and from there to positions;
2. identity and references across the files of a register: one organisation, unique ids,
   no reference to an id that is not defined — checked on the raw data, so they are
   reported even when another part of a file breaks the schema;
3. assembly: when all is well, one `Register` whose entities know where they were written.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from ropa.discovery import ROOT_FILE_NAMES, RegisterSource, discover, display_path
from ropa.errors import InputError
from ropa.findings import Finding, Report, Severity, sorted_findings
from ropa.i18n import Message, either, english_only, msg, unworded
from ropa.knowledge.translatable import gettext_noop as N_
from ropa.model.activity import Activity
from ropa.model.base import Entity
from ropa.model.catalogues import Recipient, SecurityMeasure, System
from ropa.model.document import FORMAT_VERSION, RegisterFile
from ropa.model.organisation import Organisation
from ropa.model.processor import ControllerServed
from ropa.model.register import Register
from ropa.model.types import TAG_PREFIX, TEMPLATE
from ropa.position import START, DataPath, Located, Location, SourceMap, format_path
from ropa.yamlio import DEFAULT_MAX_FILE_BYTES, ParsedDocument, parse_file


@dataclass
class ValidationResult:
    """What validating some paths produced: the valid registers and every problem."""

    registers: list[Register] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    invalid_registers: list[str] = field(default_factory=list)
    # Activities written in all files read, valid or not (what a summary reports).
    activities: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def register_names(self) -> list[str]:
        """Every register looked at: the valid ones by name, then the invalid by path."""
        return [register.name for register in self.registers] + self.invalid_registers

    def report(self, command: str) -> Report:
        return Report(
            command=command,
            findings=self.findings,
            files=self.files,
            registers=self.register_names,
            activities=self.activities,
        )


def validate_paths(
    paths: Sequence[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    exclude: Callable[[Path], bool] | None = None,
) -> ValidationResult:
    """Discover the registers under `paths`, load and validate each one."""
    sources, problems = discover(paths, exclude=exclude)
    result = ValidationResult(findings=list(problems))
    for source in sources:
        register, findings, files, activities = validate_register(
            source, max_file_bytes=max_file_bytes
        )
        result.activities += activities
        result.files.extend(files)
        result.findings.extend(findings)
        if register is not None:
            result.registers.append(register)
        else:
            result.invalid_registers.append(display_path(source.root))
    result.findings = sorted_findings(result.findings)
    return result


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a register is built.

    Loading and validating create millions of small objects and no reference cycles; the
    collector would scan them again and again (about three quarters of validation time at
    10,000 activities). Reference counting still frees everything temporary.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Everything allocated meanwhile counts as young: the first allocation after
            # enabling would scan it all (a third of a second at 10,000 activities).
            # Moving it to the oldest generation (freeze, then unfreeze: two list splices)
            # leaves it where long-lived objects are, still collectable.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def validate_register(
    source: RegisterSource, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> tuple[Register | None, list[Finding], list[str], int]:
    """Validate the files of one register; the register is returned only when valid.

    Also returns the files read and how many activities they hold.
    """
    with collector_paused():
        return _validate_register(source, max_file_bytes=max_file_bytes)


def _validate_register(
    source: RegisterSource, *, max_file_bytes: int
) -> tuple[Register | None, list[Finding], list[str], int]:
    documents: list[ParsedDocument] = []
    findings: list[Finding] = []
    shown_files = [display_path(path) for path in source.files]
    for path, shown in zip(source.files, shown_files, strict=True):
        try:
            # The text is not needed once parsed, and it is the largest single object: a
            # file with Latvian letters is held at two bytes a character (120 MB at 50,000
            # activities). `parse_file` lets it go during the parse.
            document = parse_file(path, display=shown, max_bytes=max_file_bytes)
        except InputError as error:
            findings.append(error.to_finding())
            continue
        findings.extend(document.problems)
        # A document whose whole value is null (`~`, or only `---`) parsed cleanly: it goes
        # on to validation, which reports that a register file must be a mapping.
        if document.source_map is not None:
            documents.append(document)

    # Identity and references are read from the plain data, before validation replaces
    # the activities of a large file by their models.
    root_file = source.root_file
    root_shown = display_path(root_file) if root_file is not None else None
    identity = check_identity(documents, split=source.split, root_file=root_shown)
    activities = sum(_activity_count(document.data) for document in documents)

    typed: list[tuple[ParsedDocument, RegisterFile]] = []
    for document in documents:
        model, schema_findings = validate_document(document)
        # A value the loader rejected (a bad tag, a merge key) also fails the schema at the
        # same place: report the cause only.
        causes = {problem.position for problem in document.problems}
        findings.extend(f for f in schema_findings if f.position not in causes)
        if model is not None:
            typed.append((document, model))
    findings.extend(identity)

    # The plain data has been read for the last time: the models hold the values, the
    # source maps the positions (without the data). Dropping it here leaves the rules and
    # exporters the memory it took, a third of the total at 50,000 activities.
    for document in documents:
        document.data = None
    if findings or len(typed) != len(source.files):
        return None, findings, shown_files, activities
    return assemble(display_path(source.root), typed), findings, shown_files, activities


def _activity_count(data: Any) -> int:
    activities = data.get("activities") if isinstance(data, dict) else None
    return len(activities) if isinstance(activities, list) else 0


# --------------------------------------------------------------------------- schema


def validate_document(document: ParsedDocument) -> tuple[RegisterFile | None, list[Finding]]:
    """Validate one parsed file against the format; map every error to its position.

    A file of many activities has them validated one at a time, each replaced in the
    plain data by its model (see `_validate_activities`): the caller must read the plain
    data it needs (ids, references) before.
    """
    assert document.source_map is not None
    data = document.data
    version_problem = _version_problem(document)
    if version_problem is not None:
        return None, [version_problem]
    activities = data.get("activities")
    if (
        type(activities) is list
        and len(activities) >= ONE_AT_A_TIME
        and not document.source_map.reads_data
    ):
        details = _validate_activities(activities)
        rest = {key: value for key, value in data.items() if key != "activities"}
        try:
            model = RegisterFile.model_validate(data if not details else rest)
        except ValidationError as error:
            details += _errors(error)
            model = None
        if not details:
            return model, []
        # pydantic's order: the fields as the model defines them, then unknown keys.
        details.sort(key=lambda detail: _FIELD_ORDER.get(detail["loc"][0], len(_FIELD_ORDER)))
        return None, _schema_findings(document, details)
    try:
        return RegisterFile.model_validate(data), []
    except ValidationError as error:
        return None, _schema_findings(document, _errors(error))


# From this many activities in a file, each is validated on its own and its plain data
# dropped as its model is made, instead of all the plain data living beside all the
# models until the end (at 50,000 activities the plain data is some 190 MB). Below, one
# validation of the whole file is faster: the standalone activity validator costs
# ~40 ms to build.
ONE_AT_A_TIME = 1_000

_FIELD_ORDER = {name: index for index, name in enumerate(RegisterFile.model_fields)}


def _validate_activities(activities: list[Any]) -> list[dict[str, Any]]:
    """Validate each activity, replacing its plain data by its model; the errors of the
    invalid ones (left as they were), located in the file."""
    details: list[dict[str, Any]] = []
    validate = Activity.model_validate
    for index, item in enumerate(activities):
        try:
            activities[index] = validate(item)
        except ValidationError as error:
            for detail in _errors(error):
                detail["loc"] = ("activities", index, *detail["loc"])
                details.append(detail)
    return details


def _errors(error: ValidationError) -> list[dict[str, Any]]:
    return [dict(detail) for detail in error.errors(include_url=False, include_input=True)]


def _schema_findings(document: ParsedDocument, details: list[dict[str, Any]]) -> list[Finding]:
    token = _SUGGESTIONS_LEFT.set(_SUGGESTIONS_PER_FILE)
    try:
        findings = [_schema_finding(document, detail) for detail in details]
    finally:
        _SUGGESTIONS_LEFT.reset(token)
    return _deduplicate(findings)


def _version_problem(document: ParsedDocument) -> Finding | None:
    data = document.data
    assert document.source_map is not None
    if not isinstance(data, dict):
        return _finding(
            document,
            "SC03",
            "schema.wrong-type",
            msg("a register file must be a mapping of keys, starting with `ropa: 1`"),
            document.source_map.position(()),
            msg("see docs/format.md for the layout of a register file"),
        )
    if "ropa" not in data:
        return _finding(
            document,
            "SC07",
            "schema.format-version",
            msg(
                "missing `ropa: 1`: every register file states the format version it is written in"
            ),
            START,
            msg("add `ropa: 1` as the first line of the file"),
        )
    version = data["ropa"]
    if type(version) is not int and str(version).strip() in ("1", "1.0"):
        # `ropa: "1"` or `ropa: 1.0`: the right version, written as text or a fraction.
        shown = f'"{version}"' if isinstance(version, str) else _show(version)
        return _finding(
            document,
            "SC07",
            "schema.format-version",
            msg("`ropa: {shown}` is not the format version: it is the whole number 1", shown=shown),
            document.source_map.locate(("ropa",)).value,
            msg("write `ropa: 1`, without quotes or decimals"),
        )
    if version != FORMAT_VERSION or type(version) is not int:
        located = document.source_map.locate(("ropa",))
        return _finding(
            document,
            "SC07",
            "schema.format-version",
            msg(
                "`ropa: {version}` is not a register format this version of ropa reads "
                "(it reads format {supported})",
                version=_show(version),
                supported=FORMAT_VERSION,
            ),
            located.value,
            msg("upgrade ropa, or write `ropa: 1` if the file follows format 1"),
        )
    return None


def _schema_finding(document: ParsedDocument, detail: Any) -> Finding:
    assert document.source_map is not None
    data = document.data
    path, leaf = _project(detail["loc"], data)
    located = document.source_map.locate(path)
    kind = detail["type"]
    value = detail.get("input")
    if kind == "union_tag_invalid" and isinstance(value, dict):
        discriminator = str(detail.get("ctx", {}).get("discriminator", "")).strip("'")
        if discriminator in value:
            path = (*path, discriminator)
            located = document.source_map.locate(path)
            value = value[discriminator]
    full_path = (*path, leaf) if leaf is not None else path
    code, name, message, hint = _describe(kind, detail, value, path, leaf, data)
    if kind == "extra_forbidden":
        position = located.best
    elif kind == "missing":
        position = located.best if located.exact else located.value
    elif isinstance(value, (dict, list)):
        position = located.best
    else:
        position = located.value
    return _finding(document, code, name, message, position, hint, full_path)


def _project(loc: Sequence[Any], data: Any) -> tuple[DataPath, str | int | None]:
    """Map a pydantic error location onto the data: drop union tags, and split off a last
    element that does not exist in the data (a missing key)."""
    path: list[str | int] = []
    node = data
    elements = list(loc)
    for index, element in enumerate(elements):
        if _is_tag(element) and not (isinstance(node, dict) and element in node):
            continue  # a union tag (a key such as `~x` in the data is a key, not a tag)
        last = all(_is_tag(following) for following in elements[index + 1 :])
        if _is_discriminator_value(node, element) and not last:
            continue
        if (isinstance(node, dict) and element in node) or (
            isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node)
        ):
            path.append(element)
            node = node[element]
        elif last:
            return tuple(path), element
        # else: a discriminator value pydantic put in the location; skip it
    return tuple(path), None


# Fields pydantic discriminates unions on; it puts the field's value into error locations,
# where it can collide with a real key (`basis: contract` beside a `contract:` key).
_DISCRIMINATOR_FIELDS = ("basis",)


def _is_discriminator_value(node: Any, element: Any) -> bool:
    return isinstance(node, dict) and any(
        node.get(field) == element for field in _DISCRIMINATOR_FIELDS
    )


def _is_tag(element: Any) -> bool:
    return isinstance(element, str) and element.startswith(TAG_PREFIX)


def _describe(
    kind: str, detail: Any, value: Any, path: DataPath, leaf: str | int | None, data: Any
) -> tuple[str, str, Message, Message | None]:
    """(code, name, message, hint) for one pydantic error."""
    from ropa import schema

    field_name = _field_name(path, leaf)
    hint: Message | None
    if kind == "missing":
        description = schema.description_at((*path, leaf) if leaf is not None else path, data)
        # The format's descriptions are English only (docs/format.md): other languages
        # leave them out.
        about = english_only(f" — {_first_sentence(description)}" if description else "")
        added = msg("add `{key}:`{about}", key=str(leaf), about=about)
        return "SC02", "schema.missing-key", msg("`{key}` is required here", key=str(leaf)), added
    if kind == "extra_forbidden":
        key = path[-1] if leaf is None else leaf
        parent = path[:-1] if leaf is None else path
        allowed = schema.allowed_keys(parent, data)
        close = _close_match(str(key), allowed) if allowed else None
        hint = (
            msg("did you mean `{close}`?", close=close)
            if close
            else _choices(allowed, N_("allowed keys: {options}"))
        )
        if value is None and not close:
            hint = msg(
                "inside `{{ }}` a comma starts a new key: put text that holds a comma in "
                'quotes, e.g. {{lv: "vārds, uzvārds", en: name}}; {hint}',
                hint=hint or "",
            )
        message = (
            msg("unknown key `{key}` in {where}", key=_show(key), where=_where(parent))
            if parent
            else msg("unknown key `{key}`", key=_show(key))
        )
        return "SC01", "schema.unknown-key", message, hint
    if kind in ("literal_error", "enum"):
        words = schema.allowed_words(path, data) or _expected_words(detail)
        shapes = {alternative.get("type") for alternative in schema.schemas_at(path, data)}
        close = _close_match(str(value), words)
        english = _LATVIAN_WORDS.get(" ".join(str(value).lower().split()))
        # The export shows `none` as `nav`: a Latvian reader writes the word back.
        latvian = (
            msg(
                "the format's words are English: `{value}` is written `{word}`",
                value=_show(value),
                word=english,
            )
            if english in words
            else None
        )
        if ("array" in shapes or "object" in shapes) and isinstance(value, str) and not close:
            values = {"field": field_name, "choices": either([f"`{w}`" for w in words])}
            if path and path[-1] == "legal_basis":
                # A basis is a mapping; the list form is the exception (several bases for
                # one purpose), so the hint for a list would lead a new user astray.
                wrong = msg(
                    "{field} must be a mapping with `basis:` (or {choices}), "
                    "not the text `{value}`",
                    value=_show(value),
                    **values,
                )
                return "SC03", "schema.wrong-type", wrong, _basis_hint(value, as_mapping=True)
            if path and path[-1] == "kind":
                # A measure's kind is one word; the list form (both kinds) is the exception.
                wrong = msg(
                    "{field} must be {choices}, or the list `[technical, "
                    "organisational]` for both, not the text `{value}`",
                    value=_show(value),
                    **values,
                )
                return "SC04", "schema.invalid-value", wrong, latvian
            if "array" in shapes:
                wrong = msg(
                    "{field} must be a list (or {choices}), not the text `{value}`",
                    value=_show(value),
                    **values,
                )
                return (
                    "SC03",
                    "schema.wrong-type",
                    wrong,
                    latvian or _no_hint(value, words) or _ONE_ITEM_A_LINE,
                )
            wrong = msg(
                "{field} must be a mapping of details (or {choices}), not the text `{value}`",
                value=_show(value),
                **values,
            )
            return (
                "SC03",
                "schema.wrong-type",
                wrong,
                latvian or msg("write `key: value` lines indented under it"),
            )
        message = (
            msg(
                "`{value}` is not a valid value in `{where}`",
                value=_show(value),
                where=format_path(path[:-1]),
            )
            if path and isinstance(path[-1], int)
            else msg(
                "`{value}` is not a valid value for {field}", value=_show(value), field=field_name
            )
        )
        hint = (
            msg("did you mean `{close}`?", close=close)
            if close
            else latvian or _suggest(str(value), words, N_("use one of: {options}"))
        )
        return "SC04", "schema.invalid-value", message, hint
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        context = detail.get("ctx", {})
        discriminator = str(context.get("discriminator", "")).strip("'")
        words = [word.strip(" '") for word in str(context.get("expected_tags", "")).split(",")]
        if kind == "union_tag_not_found":
            words = schema.allowed_words((*path, discriminator), data)
            return (
                "SC02",
                "schema.missing-key",
                msg("`{key}` is required here", key=discriminator),
                msg(
                    "add `{key}:` with one of: {options}",
                    key=discriminator,
                    options=", ".join(words),
                ),
            )
        tag = context.get("tag")
        if value is None:  # `{basis}` or `basis:` with nothing after it
            return (
                "SC04",
                "schema.invalid-value",
                msg("`{key}` has no value", key=discriminator),
                _suggest("", words, N_("use one of: {options}")),
            )
        letter_hint = _basis_hint(str(tag), as_mapping=False) if discriminator == "basis" else None
        return (
            "SC04",
            "schema.invalid-value",
            msg("`{value}` is not a valid `{key}`", value=_show(tag), key=discriminator),
            letter_hint or _suggest(str(tag), words, N_("use one of: {options}")),
        )
    if kind in ("date_format", "date_value"):
        return "SC05", "schema.invalid-date", _about(field_name, detail), None
    if kind in ("country_code", "country_type"):
        return "SC06", "schema.unknown-country", _pydantic_message(detail), None
    if kind == "string_type":
        return "SC03", "schema.wrong-type", *_expected_text(value, field_name)
    if kind == "bool_type":
        hint = msg("write true or false")
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            hint = msg("YAML 1.2 reads `{value}` as text; write true or false", value=_show(value))
        return (
            "SC03",
            "schema.wrong-type",
            msg("{field} must be true or false", field=field_name),
            hint,
        )
    if kind == "bool_or_unknown_type":
        hint = msg("write true, false or unknown")
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            hint = msg(
                "YAML 1.2 reads `{value}` as text; write true, false or unknown",
                value=_show(value),
            )
        return (
            "SC03",
            "schema.wrong-type",
            msg("{field} must be true, false or unknown", field=field_name),
            hint,
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (
            "SC03",
            "schema.wrong-type",
            msg("{field} must be a whole number", field=field_name),
            None,
        )
    if kind == "list_type":
        return (
            "SC03",
            "schema.wrong-type",
            msg("{field} must be a list, not {kind}", field=field_name, kind=_kind_of(value)),
            _ONE_ITEM_A_LINE,
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        keys = schema.required_keys(path, data) or schema.allowed_keys(path, {})[:1]
        key = keys[0] if keys else "key"
        hint = (
            msg("write `{key}: ...` lines after `- `", key=key)
            if path and isinstance(path[-1], int)
            else msg("write `{key}: ...` lines indented under it", key=key)
        )
        return (
            "SC03",
            "schema.wrong-type",
            msg(
                "{field} must be a mapping of keys, not {kind}",
                field=field_name,
                kind=_kind_of(value),
            ),
            hint,
        )
    if kind == "string_pattern_mismatch":
        return "SC04", "schema.invalid-value", *_pattern_message(detail, value, field_name)
    if kind == "string_too_short":
        return (
            "SC04",
            "schema.invalid-value",
            msg("{field} must not be empty", field=field_name),
            None,
        )
    if kind == "too_short":
        # A list with fewer items than the key needs (`bases_en_bloc: []`, one candidate).
        return (
            "SC04",
            "schema.invalid-value",
            msg(
                "{field} must list at least {bound}",
                field=field_name,
                bound=(detail.get("ctx") or {}).get("min_length", 1),
            ),
            msg("add the items the source gives; an optional key is left out where it gives none"),
        )
    if kind in _BOUNDS:
        bound = next(iter(detail.get("ctx", {}).values()), "")
        return (
            "SC04",
            "schema.invalid-value",
            msg(_BOUNDS[kind], field=field_name, bound=bound),
            None,
        )
    if kind.endswith(("_shape", "_type")) or kind == "localized_empty":
        type_hint: Message | None = None
        if isinstance(value, (int, float)) and kind == "text_type":
            type_hint = msg('put it in quotes: "{value}"', value=_show(value))
        elif kind == "shape_type" and isinstance(value, list):
            type_hint = _mapping_for_list(value, path, data)
        elif kind == "count_type" and isinstance(value, str) and value.strip().isdigit():
            type_hint = msg("write the number without quotes: {value}", value=value.strip())
        return "SC03", "schema.wrong-type", _about(field_name, detail), type_hint
    return "SC04", "schema.invalid-value", _about(field_name, detail), None  # durations and others


_ONE_ITEM_A_LINE = msg("write each item on its own line starting with `- `")

# What YAML 1.1 read as false: text to YAML 1.2, where a key saying "nothing applies"
# takes the format's word `none` (`transfers: no` means `transfers: none`).
_YAML11_NO = frozenset({"no", "n", "off", "false"})


def _no_hint(value: Any, words: list[str]) -> Message | None:
    if "none" in words and isinstance(value, str) and value.lower() in _YAML11_NO:
        return msg(
            "where nothing applies, write `none`: `{value}` is text in YAML 1.2, not a no",
            value=value,
        )
    return None


# Latvian words a Latvian reader writes for the format's own (the export says `nav` and
# `nav zināms` for `none` and `unknown`; notices say pārzinis and apstrādātājs).
_LATVIAN_WORDS = {
    "nav": "none",
    "nē": "none",
    "nav zināms": "unknown",
    "nav zinams": "unknown",
    "nezināms": "unknown",
    "nezinams": "unknown",
    "pārzinis": "controller",
    "parzinis": "controller",
    "apstrādātājs": "processor",
    "apstradatajs": "processor",
    # A measure's kind, as the export shows it ("tehnisks", "organizatorisks").
    "tehnisks": "technical",
    "organizatorisks": "organisational",
    "veids nav norādīts": "unknown",
    # The legal bases as Latvian notices name them (VDAR 6. panta 1. punkts) and the
    # recipient kinds as Art. 4 and the export's headings say them.
    "piekrišana": "consent",
    "piekrisana": "consent",
    "līgums": "contract",
    "ligums": "contract",
    "līguma izpilde": "contract",
    "liguma izpilde": "contract",
    "juridisks pienākums": "legal_obligation",
    "juridisks pienakums": "legal_obligation",
    "juridiskais pienākums": "legal_obligation",
    "juridiskais pienakums": "legal_obligation",
    "vitālās intereses": "vital_interests",
    "vitalas intereses": "vital_interests",
    "sabiedrības intereses": "public_task",
    "sabiedribas intereses": "public_task",
    "leģitīmās intereses": "legitimate_interests",
    "legitimas intereses": "legitimate_interests",
    "leģitīmā interese": "legitimate_interests",
    "legitima interese": "legitimate_interests",
    "apakšapstrādātājs": "sub_processor",
    "apaksapstradatajs": "sub_processor",
    "kopīgs pārzinis": "joint_controller",
    "kopigs parzinis": "joint_controller",
    "kopīgais pārzinis": "joint_controller",
    "kopigais parzinis": "joint_controller",
    "valsts iestāde": "public_authority",
    "valsts iestade": "public_authority",
    "publiska iestāde": "public_authority",
    "publiska iestade": "public_authority",
}

_BOUNDS = {
    "greater_than_equal": N_("{field} must be at least {bound}"),
    "less_than_equal": N_("{field} must be at most {bound}"),
    "greater_than": N_("{field} must be more than {bound}"),
    "less_than": N_("{field} must be less than {bound}"),
}


def _about(field_name: Message, detail: Any) -> Message:
    """ "`field`: what the model says is wrong with its value"."""
    return unworded("{field}: {problem}", field=field_name, problem=_pydantic_message(detail))


def _pydantic_message(detail: Any) -> Message:
    """The model's message for an error, translatable: a custom error carries its template
    in its context (`ropa.model.types.custom_error`); pydantic's own are English only."""
    values = dict(detail.get("ctx") or {})
    template = values.pop(TEMPLATE, None)
    if isinstance(template, str):
        return Message(template, **values)
    return Message(str(detail["msg"]))


def _expected_text(value: Any, field_name: Message) -> tuple[Message, Message | None]:
    if value is None:
        return (
            msg("{field} is empty", field=field_name),
            msg("write the value after the colon, or remove the key"),
        )
    if isinstance(value, bool):
        return (
            msg(
                "{field} must be text, but `{value}` reads as true/false",
                field=field_name,
                value=_show(value),
            ),
            msg('put it in quotes: "{value}"', value=_show(value)),
        )
    if isinstance(value, (int, float)):
        return (
            msg(
                "{field} must be text, but {value} reads as a number",
                field=field_name,
                value=_show(value),
            ),
            msg(
                'put it in quotes so nothing is lost (leading zeros, spaces): "{value}"',
                value=_show(value),
            ),
        )
    return msg("{field} must be text, not {kind}", field=field_name, kind=_kind_of(value)), None


def _pattern_message(
    detail: Any, value: Any, field_name: Message
) -> tuple[Message, Message | None]:
    from ropa.model.types import ID_PATTERN

    pattern = detail.get("ctx", {}).get("pattern", "")
    shown = _show(value)
    if pattern == ID_PATTERN:
        rule = msg(
            "ids use the letters a-z and A-Z without diacritics (`ā` is written `a`), digits, "
            "`.`, `_` and `-`, and start with a letter or digit"
        )
        folded = plain_id(str(value)) if isinstance(value, str) else None
        return (
            msg("`{value}` is not a valid id", value=shown),
            msg("{rule}: did you mean `{id}`?", rule=rule, id=folded) if folded else rule,
        )
    if pattern == r"\S":
        return msg("{field} must not be blank", field=field_name), None
    if "@" in pattern:
        return msg("`{value}` is not an e-mail address", value=shown), None
    if "https?" in pattern:
        return msg("`{value}` is not a web address", value=shown), None
    if "[A-Z]{2}[0-9]{2}" in pattern:
        return (
            msg("`{value}` is not a check code", value=shown),
            msg("codes look like RT02: see `ropa rules`"),
        )
    return msg("`{value}` is not a valid value for {field}", value=shown, field=field_name), None


def _mapping_for_list(value: list[Any], path: DataPath, data: Any) -> Message | None:
    """A list where a mapping of details is wanted (`contact: [info@x.lv]`): the mapping
    to write, with the e-mail address under `email` where the list holds one."""
    from ropa import schema

    keys = [
        key
        for alternative in schema.schemas_at(path, data)
        if alternative.get("type") == "object"
        for key in alternative.get("properties", {})
    ]
    if not keys:
        return None
    mail = next((item for item in value if isinstance(item, str) and "@" in item), None)
    if mail is not None and "email" in keys:
        return msg("write a mapping: `{{email: {mail}}}`", mail=_show(mail))
    return msg("write a mapping: `{{{key}: ...}}`", key=keys[0])


def plain_id(text: str) -> str | None:
    """The id `text` was meant to be, with its diacritics and spaces taken out
    (`maksājumu pakalpojumi` → `maksajumu-pakalpojumi`), or None if that is no id either."""
    import unicodedata

    from ropa.model.types import ID_PATTERN

    decomposed = unicodedata.normalize("NFKD", text.strip())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    candidate = re.sub(r"\s+", "-", bare)
    return candidate if candidate != text and re.fullmatch(ID_PATTERN, candidate) else None


# Art. 6(1) cited by its letter the way people write it: `6.1.f`, `6(1)(f)`, `6.1.(f)`,
# `Art. 6(1)f`, `VDAR 6. panta 1. punkta f) apakšpunkts`.
_ARTICLE_6_LETTER = re.compile(
    r"^(?:(?:art(?:icle)?|p(?:ants)?|vdar|gdpr)\.?\s*)*6\s*(?:\.\s*panta\s*)?"
    r"(?:[.(]\s*)?1\s*(?:\.\s*punkta\s*)?[.)]?\s*[.(]?\s*([a-f])\s*\)?"
    r"(?:\s*apak\S*)?\.?$"
)


def article6_basis(text: str) -> str | None:
    """The `basis` word for an Art. 6(1) letter written as text (`6.1.b` → `contract`)."""
    from ropa.knowledge.legal_bases import LEGAL_BASES

    found = _ARTICLE_6_LETTER.match(" ".join(text.lower().split()))
    return list(LEGAL_BASES)["abcdef".index(found.group(1))] if found else None


def _basis_hint(value: str, *, as_mapping: bool) -> Message | None:
    """For a basis written by its letter, the word to write; for other text in place of
    the mapping, the mapping's shape."""
    from ropa.knowledge.legal_bases import LEGAL_BASES

    bases = list(LEGAL_BASES)
    basis = article6_basis(value)
    if basis is not None:
        letter = "abcdef"[bases.index(basis)]
        written = f"{{basis: {basis}}}" if as_mapping else basis
        return msg("Art. 6(1)({letter}) is written `{written}`", letter=letter, written=written)
    latvian = _LATVIAN_WORDS.get(" ".join(value.lower().split()))
    if latvian in bases:
        written = f"{{basis: {latvian}}}" if as_mapping else latvian
        return msg(
            "the format's words are English: `{value}` is written `{word}`",
            value=_show(value),
            word=written,
        )
    if as_mapping:
        return msg("write `{{basis: ...}}` with one of: {options}", options=", ".join(bases))
    return None


def _expected_words(detail: Any) -> list[str]:
    expected = str(detail.get("ctx", {}).get("expected", ""))
    return [word.strip(" '") for word in expected.replace(" or ", ",").split(",") if word.strip()]


# Longer text is never a misspelling of a key or a word, and difflib's cost grows with it.
_MAX_SUGGESTION_INPUT = 100


# "Did you mean" costs a fuzzy comparison with every option; a hostile file can hold a
# hundred thousand misspelt keys. Past this many in one file, hints list the options only.
_SUGGESTIONS_PER_FILE = 2000
_SUGGESTIONS_LEFT: contextvars.ContextVar[int] = contextvars.ContextVar(
    "suggestions_left", default=_SUGGESTIONS_PER_FILE
)


def _close_match(given: str, options: Sequence[str]) -> str | None:
    if not given or len(given) > _MAX_SUGGESTION_INPUT:
        return None
    left = _SUGGESTIONS_LEFT.get()
    if left <= 0:
        return None
    _SUGGESTIONS_LEFT.set(left - 1)
    by_case = {option.lower(): option for option in options}
    if given.lower() in by_case:
        return by_case[given.lower()]
    import difflib  # only for a key or value not known: not at every start

    close = difflib.get_close_matches(given, options, n=1, cutoff=0.8)
    if close:
        return close[0]
    # Swapped letters (`form` for `from`), a word only one option contains (`consent` in
    # `explicit_consent`), or the one option the word contains (`name` in `name_lv`).
    lowered = given.lower()
    letters = sorted(lowered)
    for candidates in (
        [option for option in options if sorted(option.lower()) == letters],
        [option for option in options if len(given) >= 2 and lowered in option.lower()],
        [option for option in options if len(option) >= 4 and option.lower() in lowered],
    ):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _suggest(given: str, options: Sequence[str], listing: str) -> Message | None:
    """ "Did you mean" the one close option, else the options listed (`listing` is a
    marked template with `{options}`)."""
    if not options:
        return None
    close = _close_match(given, options)
    if close:
        return msg("did you mean `{close}`?", close=close)
    return _choices(options, listing)


def _choices(options: Sequence[str], listing: str) -> Message | None:
    if not options:
        return None
    shown = ", ".join(options[:12]) + (", ..." if len(options) > 12 else "")
    return Message(listing, options=shown)


def _field_name(path: DataPath, leaf: str | int | None) -> Message:
    full = (*path, leaf) if leaf is not None else path
    if full and isinstance(full[-1], int):
        return msg("each item of `{path}`", path=format_path(full[:-1]))
    for element in reversed(full):
        if isinstance(element, str) and not element.startswith(TAG_PREFIX):
            return unworded("`{key}`", key=element)
    return msg("the value")


def _where(path: DataPath) -> str:
    return f"`{format_path(path)}`"


def _kind_of(value: Any) -> Message:
    if value is None:
        return msg("empty")
    if isinstance(value, bool):
        return msg("true/false")
    if isinstance(value, (int, float)):
        return msg("a number")
    if isinstance(value, str):
        return msg("text")
    if isinstance(value, dict):
        return msg("a mapping")
    if isinstance(value, list):
        return msg("a list")
    return Message(type(value).__name__)  # pragma: no cover


def _show(value: Any, limit: int = 60) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!Art)(?<!No)\.\s")


def _first_sentence(text: str) -> str:
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")
    return sentence[:1].lower() + sentence[1:]


def _deduplicate(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int, str]] = set()
    unique = []
    for finding in findings:
        key = (finding.code, finding.position.line, finding.position.column, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _finding(
    document: ParsedDocument,
    code: str,
    name: str,
    message: Message,
    position: Any,
    hint: Message | None,
    path: DataPath = (),
) -> Finding:
    return Finding(
        code=code,
        name=name,
        message=message,
        severity=Severity.ERROR,
        file=document.file,
        position=position,
        path=path,
        hint=hint,
    )


# --------------------------------------------------------------------------- identity


# Catalogues whose entries have ids, and where they live in a file; the names are marked
# for translation (messages name them).
_CATALOGUES: dict[str, tuple[DataPath, str]] = {
    "activity": (("activities",), "activities"),
    "recipient": (("recipients",), "recipients"),
    "system": (("systems",), "systems"),
    "security measure": (("security_measures",), "security_measures"),
    "controller": (("controllers",), "controllers"),
    "joint controller": (("organisation", "joint_controllers"), "organisation.joint_controllers"),
}

# Where references are written: (path pattern, catalogue). `*` is every list item.
_REFERENCES: tuple[tuple[DataPath, str], ...] = (
    (("activities", "*", "recipients", "*"), "recipient"),
    (("activities", "*", "transfers", "*", "recipient"), "recipient"),
    (("activities", "*", "security_measures", "*"), "security measure"),
    (("activities", "*", "systems", "*"), "system"),
    (("activities", "*", "joint_controllers", "*"), "joint controller"),
    (("controllers", "*", "sub_processors", "*"), "recipient"),
    (("controllers", "*", "transfers", "*", "recipient"), "recipient"),
    (("controllers", "*", "security_measures", "*"), "security measure"),
    (("systems", "*", "provider"), "recipient"),
)

_MARKERS = frozenset({"none", "unknown"})


def check_identity(
    documents: Sequence[ParsedDocument], *, split: bool, root_file: str | None
) -> list[Finding]:
    """One organisation per register, unique ids, and references that resolve."""
    findings: list[Finding] = []
    findings.extend(_check_organisation(documents, split=split, root_file=root_file))
    defined: dict[str, dict[str, tuple[ParsedDocument, DataPath]]] = {
        catalogue: {} for catalogue in _CATALOGUES
    }
    for document in documents:
        for catalogue, (base, _shown) in _CATALOGUES.items():
            for path, identifier in _ids(document.data, base):
                first = defined[catalogue].get(identifier)
                if first is None:
                    defined[catalogue][identifier] = (document, path)
                    continue
                first_document, first_path = first
                first_at = _locate(first_document, first_path)
                where = (
                    msg("line {line}", line=first_at.value.line)
                    if first_document is document
                    else f"{first_document.file}:{first_at.value.line}"
                )
                findings.append(
                    _finding(
                        document,
                        "RF02",
                        "reference.duplicate-id",
                        msg(
                            "duplicate {catalogue} id `{id}` (first defined at {where})",
                            catalogue=_catalogue(catalogue),
                            id=_show(identifier),
                            where=where,
                        ),
                        _locate(document, path).value,
                        msg("give each entry its own id; ids are how other entries refer to it"),
                        path,
                    )
                )
    suggestions = _Suggestions(defined)
    for document in documents:
        for pattern, catalogue in _REFERENCES:
            known = defined[catalogue]
            for path, reference in _values_at(document.data, pattern):
                if not isinstance(reference, str) or reference in known:
                    continue
                if reference in _MARKERS:
                    continue
                findings.append(
                    _finding(
                        document,
                        "RF01",
                        "reference.dangling",
                        msg(
                            "`{id}` is not the id of any {catalogue} in this register",
                            id=_show(reference),
                            catalogue=_catalogue(catalogue),
                        ),
                        _locate(document, path).value,
                        suggestions.hint(reference, catalogue),
                        path,
                    )
                )
    return findings


class _Suggestions:
    """ "Did you mean" hints for dangling references, within a bounded amount of work.

    Comparing a reference with every id costs time in both; a hostile file can hold
    thousands of each, so suggestions stop after a budget of comparisons.
    """

    BUDGET = 1_000_000  # id comparisons per register: well under a second

    def __init__(self, defined: dict[str, dict[str, tuple[ParsedDocument, DataPath]]]) -> None:
        self.defined = defined
        self.known: dict[str, list[str]] = {}
        self.budget = self.BUDGET

    def hint(self, reference: str, catalogue: str) -> Message:
        known = self.known.get(catalogue)
        if known is None:
            known = self.known[catalogue] = list(self.defined[catalogue])
        close: list[str] = []
        if len(reference) <= _MAX_SUGGESTION_INPUT and len(known) <= self.budget:
            self.budget -= len(known)
            import difflib

            close = difflib.get_close_matches(reference, known, n=1, cutoff=0.6)
        if close:
            return msg("did you mean `{close}`?", close=close[0])
        _base, shown = _CATALOGUES[catalogue]
        if known:
            return msg(
                "define it under `{section}:` (known: {ids})",
                section=shown,
                ids=", ".join(known[:8]),
            )
        return msg("define it under `{section}:`", section=shown)


def _catalogue(name: str) -> Message:
    """A catalogue's name in a message ("security measure"), translatable."""
    return msg(_CATALOGUE_NAMES.get(name, name))


_CATALOGUE_NAMES = {
    "activity": N_("activity"),
    "recipient": N_("recipient"),
    "system": N_("system"),
    "security measure": N_("security measure"),
    "controller": N_("controller"),
    "joint controller": N_("joint controller"),
}


def _check_organisation(
    documents: Sequence[ParsedDocument], *, split: bool, root_file: str | None
) -> Iterator[Finding]:
    holders = [
        document
        for document in documents
        if isinstance(document.data, dict) and document.data.get("organisation") is not None
    ]
    for document in documents:
        if isinstance(document.data, dict) and (
            "organisation" in document.data and document.data["organisation"] is None
        ):
            # `organisation:` with nothing after it: the schema allows a missing block,
            # so say here that an empty one is no organisation.
            yield _finding(
                document,
                "RF03",
                "register.organisation",
                msg("`organisation:` is empty"),
                _locate(document, ("organisation",)).best,
                msg("describe the organisation keeping the record under it (name, role, ...)"),
                ("organisation",),
            )
    for document in holders:
        if split and document.file != root_file:
            yield _finding(
                document,
                "RF03",
                "register.organisation",
                msg(
                    "only the register's root file ({names}) may hold `organisation:`",
                    names=either(ROOT_FILE_NAMES),
                ),
                _locate(document, ("organisation",)).best,
                msg("move this block into {file}", file=str(root_file)),
                ("organisation",),
            )
    if split:
        root_documents = [document for document in documents if document.file == root_file]
        if (
            root_documents
            and root_documents[0] not in holders
            and isinstance(root_documents[0].data, dict)
            and "organisation" not in root_documents[0].data
        ):
            yield _finding(
                root_documents[0],
                "RF03",
                "register.organisation",
                msg("the register's root file has no `organisation:` block"),
                START,
                msg("add the organisation keeping the record (see docs/format.md)"),
            )
    elif (
        documents
        and not holders
        and isinstance(documents[0].data, dict)
        and "organisation" not in documents[0].data
    ):
        yield _finding(
            documents[0],
            "RF03",
            "register.organisation",
            msg("the register has no `organisation:` block"),
            START,
            msg(
                "add the organisation keeping the record, or put this file in a directory "
                "with a register.yaml that holds it"
            ),
        )


def _ids(data: Any, base: DataPath) -> Iterator[tuple[DataPath, str]]:
    for path, entry in _values_at(data, (*base, "*")):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            yield (*path, "id"), entry["id"]


def _values_at(data: Any, pattern: DataPath) -> list[tuple[DataPath, Any]]:
    """Values at a path pattern whose `*` elements stand for every list item, in
    document order.

    Level by level, each a list comprehension (a level of 10,000 activities lives a
    moment as a list, as it did on the stack this replaced): the references of 10,000
    activities are some 100,000 values, and the identity checks took a quarter longer
    popping them one at a time."""
    found: list[tuple[DataPath, Any]] = [((), data)]
    for element in pattern:
        if element == "*":
            found = [
                ((*path, index), item)
                for path, node in found
                if isinstance(node, list)
                for index, item in enumerate(node)
            ]
        else:
            found = [
                ((*path, element), node[element])
                for path, node in found
                if isinstance(node, dict) and element in node
            ]
    return found


def _locate(document: ParsedDocument, path: DataPath) -> Located:
    source_map: SourceMap | None = document.source_map
    assert source_map is not None
    return source_map.locate(path)


# --------------------------------------------------------------------------- assembly


def assemble(name: str, typed: Iterable[tuple[ParsedDocument, RegisterFile]]) -> Register:
    """Merge valid files into one register, placing every entity in its file."""
    organisation: Organisation | None = None
    recipients: list[Recipient] = []
    systems: list[System] = []
    measures: list[SecurityMeasure] = []
    activities: list[Activity] = []
    controllers: list[ControllerServed] = []
    files: list[str] = []
    source_maps: dict[str, SourceMap] = {}
    for document, model in typed:
        file = document.file
        files.append(file)
        assert document.source_map is not None
        source_maps[file] = document.source_map
        if model.organisation is not None:
            organisation = model.organisation
            organisation.place(Location(file, ("organisation",)))
            if isinstance(organisation.joint_controllers, list):
                _place_all(
                    file, ("organisation", "joint_controllers"), organisation.joint_controllers
                )
        recipients.extend(_place_all(file, ("recipients",), model.recipients))
        systems.extend(_place_all(file, ("systems",), model.systems))
        measures.extend(_place_all(file, ("security_measures",), model.security_measures))
        activities.extend(_place_all(file, ("activities",), model.activities))
        controllers.extend(_place_all(file, ("controllers",), model.controllers))
    assert organisation is not None  # check_identity reports a register without one
    return Register(
        name=name,
        files=files,
        organisation=organisation,
        recipients=recipients,
        systems=systems,
        security_measures=measures,
        activities=activities,
        controllers=controllers,
        source_maps=source_maps,
    )


EntityT = TypeVar("EntityT", bound=Entity)


def _place_all(file: str, base: DataPath, items: list[EntityT] | None) -> list[EntityT]:
    for index, item in enumerate(items or ()):
        item.place(Location(file, (*base, index)))
    return items or []


def position_of(register: Register, location: Location) -> Located:
    """Where a location of a register is, or its nearest existing parent."""
    source_map = register.source_maps.get(location.file)
    if source_map is None:
        return Located(START, None, exact=False)
    return source_map.locate(location.path)


__all__ = [
    "ValidationResult",
    "assemble",
    "check_identity",
    "collector_paused",
    "position_of",
    "validate_document",
    "validate_paths",
    "validate_register",
]
