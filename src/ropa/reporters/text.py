"""Text output for people.

`ropa validate` prints one line per problem, `path:line:col: CODE message`, with the hint
under it: the form editors and CI logs link to a file and line. `ropa check` groups its
findings by file, sorted by line, each with its severity and rule name, and ends with a
summary line of counts. A rule reported three times or more in one file at one severity
is shown once, with its count, the number of activities and the other lines ("LB03 ×11
in 6 activities"); `--show-all` lists each. The json and sarif reports always list every
finding.

Colour (through rich) only on a terminal and never when NO_COLOR is set; otherwise the
same lines are written plainly, without importing rich at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from ropa.findings import Finding, Report, Severity
from ropa.i18n import Message, joined, msg, msg_plural, number, plural_noop, translate
from ropa.knowledge.translatable import gettext_noop as N_
from ropa.position import Position

if TYPE_CHECKING:
    from ropa.fmt import FormatResult


def wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def location_text(finding: Finding) -> str:
    if not finding.positioned:
        return finding.file
    return f"{finding.file}:{finding.position.line}:{finding.position.column}"


def summary_line(report: Report, language: str = "en") -> str:
    """The closing line of counts, in `language` (English by default)."""
    counts = [
        counted(report.count(severity), severity.value)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if report.count(severity)
    ]
    # `check --skip-invalid` names each register it left alone; the summary counts it
    # apart, so "1 register checked: no findings" never stands for a register not checked.
    unchecked = len(report.skipped) if report.command == "check" else 0
    values = {
        "registers": counted(len(report.registers) - unchecked, "register"),
        "files": counted(len(report.files), "file"),
        "activities": counted(report.activities, "activity"),
    }
    skipped = counted(unchecked, "register")
    if not report.findings:
        if report.command == "validate":
            line = msg("{registers} valid ({files}, {activities})", **values)
        elif unchecked and unchecked == len(report.registers):
            line = msg(
                "not checked, as it does not validate: {skipped} ({files}, {activities})",
                skipped=skipped,
                files=values["files"],
                activities=values["activities"],
            )
        elif unchecked:
            line = msg(
                "{registers} checked: no findings; not checked, as it does not validate: "
                "{skipped} ({files}, {activities})",
                skipped=skipped,
                **values,
            )
        else:
            line = msg("{registers} checked: no findings ({files}, {activities})", **values)
    elif report.command == "validate":
        line = msg("{counts} in {registers} ({files})", counts=joined(counts), **values)
    elif unchecked:
        line = msg(
            "{counts} in {registers} ({files}, {activities}); not checked, as it does not "
            "validate: {skipped}",
            counts=joined(counts),
            skipped=skipped,
            **values,
        )
    else:
        line = msg(
            "{counts} in {registers} ({files}, {activities})", counts=joined(counts), **values
        )
    return translate(line, language)


def counted(count: int, what: str) -> Message:
    """ "1 error", "1,204 activities": the count with its noun in the form the number asks
    for, in each language (Latvian: 1, 21, 31 ... singular; 11-19 plural)."""
    return msg_plural(*_COUNTED[what], n=count, count=number(count))


# The severity as text output names it ("error", "warning", "info": the values' own words).
SEVERITY_WORDS = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}

# Each noun's singular and plural written out, so the catalogue has both.
_COUNTED: dict[str, tuple[str, str]] = {
    "error": plural_noop("{count} error", "{count} errors"),
    "warning": plural_noop("{count} warning", "{count} warnings"),
    "info": plural_noop("{count} info", "{count} infos"),
    "register": plural_noop("{count} register", "{count} registers"),
    "file": plural_noop("{count} file", "{count} files"),
    "activity": plural_noop("{count} activity", "{count} activities"),
    "problem": plural_noop("{count} problem", "{count} problems"),
}


# A line is (finding it belongs to, or None; style hint; text).
Line = tuple[Finding | None, str, str]


def _flat_lines(report: Report, said: Callable[[str], str]) -> Iterator[Line]:
    for finding in report.findings:
        word = said(SEVERITY_WORDS[finding.severity])
        severity = "" if finding.severity is Severity.ERROR else f"[{word}] "
        yield (
            finding,
            "finding",
            (f"{location_text(finding)}: {finding.code} {severity}{said(finding.message)}"),
        )
        if finding.hint:
            yield None, "hint", said(msg("    hint: {hint}", hint=said(finding.hint)))


def _grouped_lines(report: Report, said: Callable[[str], str]) -> Iterator[Line]:
    first = True
    for file, group in groupby(report.findings, key=lambda finding: finding.file):
        findings = list(group)
        if not first:
            yield None, "blank", ""
        first = False
        yield None, "file", file
        width = max(len(_position(finding)) for finding in findings)
        words = {severity: said(word) for severity, word in SEVERITY_WORDS.items()}
        column = max(len(word) for word in words.values())
        under = " " * (width + column + 6)  # hints start under the rule code
        repeats = {} if report.show_all else _repeats(findings)
        for finding in findings:
            summary = repeats.get((finding.code, finding.severity))
            if summary is not None and summary[0] is not finding:
                continue
            yield (
                finding,
                "finding",
                (
                    f"  {_position(finding):<{width}}  {words[finding.severity]:<{column}}  "
                    f"{finding.code}  {said(finding.message)}  ({finding.name})"
                ),
            )
            if finding.hint:
                hint = said(msg("hint: {hint}", hint=said(finding.hint)))
                yield None, "hint", f"{under}{hint}"
            if finding.related:
                # Two related paths may share a place (keys left out are placed at the
                # block that lacks them): each place is named once.
                places = ", ".join(
                    dict.fromkeys(
                        _related_place(other, position, file)
                        for other, position, _p in finding.related
                    )
                )
                also = said(msg("also at: {places}", places=places))
                yield None, "hint", f"{under}{also}"
            if summary is not None:
                yield None, "hint", f"{under}{said(summary[1])}"


# A rule reported this many times in one file is shown once, with a count (--show-all
# lists each): one cause repeated over many activities should not bury the rest.
REPEAT_THRESHOLD = 3


def _repeats(
    findings: list[Finding],
) -> dict[tuple[str, Severity], tuple[Finding, Message]]:
    """For each code repeated in the file at one severity: its first finding and the
    summary line. A rule's warnings are never folded under its note (a rule whose
    severity follows the risk has both)."""
    by_code: dict[tuple[str, Severity], list[Finding]] = {}
    for finding in findings:
        by_code.setdefault((finding.code, finding.severity), []).append(finding)
    result = {}
    for (code, severity), same in by_code.items():
        if len(same) < REPEAT_THRESHOLD:
            continue
        activities = {f.path[1] for f in same if len(f.path) > 1 and f.path[0] == "activities"}
        lines = ", ".join(_position(f) for f in same[1:6]) + (", \u2026" if len(same) > 6 else "")
        summary = (
            msg_plural(
                "{code} \u00d7{count} in {activities} activity; also at {lines} "
                "(--show-all lists each)",
                "{code} \u00d7{count} in {activities} activities; also at {lines} "
                "(--show-all lists each)",
                n=len(activities),
                code=code,
                count=number(len(same)),
                activities=number(len(activities)),
                lines=lines,
            )
            if activities
            else msg(
                "{code} \u00d7{count}; also at {lines} (--show-all lists each)",
                code=code,
                count=number(len(same)),
                lines=lines,
            )
        )
        result[(code, severity)] = (same[0], summary)
    return result


def _position_of(position: Position) -> str:
    return f"{position.line}:{position.column}"


def _related_place(other: str, position: Position, file: str) -> str:
    """A related place under the heading of `file`: its line:col, with its own file named
    when it is another one (a split register's shared catalogue entry, an activity in
    another department's file): a bare line would send the reader to the wrong file."""
    if other == file:
        return _position_of(position)
    return f"{other}:{_position_of(position)}"


def _position(finding: Finding) -> str:
    if not finding.positioned:
        return "-"
    return f"{finding.position.line}:{finding.position.column}"


# Control characters (C0, DEL, C1) and the bidirectional overrides that can make text read
# differently from what it is ("Trojan Source"). Messages quote register text and file
# names, which a hostile file controls: shown escaped, they cannot move the cursor, recolour
# the terminal, or forge a line of output.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character written as an escape such as `\\x1b`."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _lines(report: Report) -> Iterator[Line]:
    # Messages and hints in the language chosen (--lang), else the locale's.
    language = report.says

    def said(text: str) -> str:
        return translate(text, language)

    body = _grouped_lines(report, said) if report.command == "check" else _flat_lines(report, said)
    for finding, kind, line in body:
        yield finding, kind, printable(line)
    if report.skipped and report.findings and report.command == "check":
        yield None, "blank", ""
    for register in report.skipped:
        yield (
            None,
            "hint",
            printable(
                said(
                    msg(
                        "{register}: not checked: it does not validate (see ropa validate)",
                        register=register,
                    )
                )
            ),
        )
    if report.quiet:
        return
    if report.findings and report.command == "check":
        yield None, "blank", ""
    yield None, "summary", summary_line(report, language)


def render_text(report: Report, stream: TextIO) -> None:
    if wants_color(stream):
        _render_rich(report, stream)
        return
    for _finding, _kind, line in _lines(report):
        stream.write(line + "\n")


_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_KIND_STYLE = {"file": "bold underline", "hint": "dim", "summary": "bold", "blank": ""}


def _render_rich(report: Report, stream: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for finding, kind, line in _lines(report):
        if finding is None:
            style = _KIND_STYLE[kind]
            if kind == "summary" and not report.findings:
                style = "bold green"
            console.print(Text(line, style=style))
            continue
        text = Text(line)
        start = line.find(finding.code)
        text.stylize(_SEVERITY_STYLE[finding.severity], start, start + len(finding.code))
        console.print(text)


def render_fmt(
    result: FormatResult,
    stream: TextIO,
    *,
    show_diff: bool,
    quiet: bool = False,
    language: str | None = None,
) -> None:
    """What `ropa fmt` did: findings of registers it left alone, then each changed file."""
    findings = Report(command="fmt", findings=result.findings, language=language)
    says = findings.says
    for _finding, _kind, line in _flat_lines(findings, lambda text: translate(text, says)):
        stream.write(printable(line) + "\n")
    # --quiet: problems, and what --check would change; not what was done.
    for file in [] if quiet and not result.check else result.changed:
        done = (
            msg("would reformat {file}", file=file)
            if result.check
            else msg("reformatted {file}", file=file)
        )
        stream.write(printable(translate(done, says)) + "\n")
        if show_diff:
            for line in result.diffs_in(says)[file].splitlines():
                stream.write(printable(line) + "\n")
    if not quiet:
        stream.write(fmt_summary(result, says) + "\n")


def fmt_summary(result: FormatResult, language: str = "en") -> str:
    """The closing line of `ropa fmt`: how many files it changed (or would), in `language`."""
    changed, unchanged = len(result.changed), len(result.unchanged)
    if result.check:
        parts = [
            msg_plural(
                "{count} file would be reformatted",
                "{count} files would be reformatted",
                n=changed,
                count=number(changed),
            ),
            msg_plural(
                "{count} file already formatted",
                "{count} files already formatted",
                n=unchanged,
                count=number(unchanged),
            ),
        ]
    else:
        parts = [
            msg_plural(
                "{count} file reformatted",
                "{count} files reformatted",
                n=changed,
                count=number(changed),
            ),
            msg_plural(
                "{count} file left unchanged",
                "{count} files left unchanged",
                n=unchanged,
                count=number(unchanged),
            ),
        ]
    if result.findings:
        problems = len(result.findings)
        parts.append(
            msg_plural(
                "{count} problem (files with problems are left as they are)",
                "{count} problems (files with problems are left as they are)",
                n=problems,
                count=number(problems),
            )
        )
    return translate(joined(parts), language)
