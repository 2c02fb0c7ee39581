"""Text output for people: `path:line:col: CODE message`, a hint under it, a summary line.

Colour (through rich) only on a terminal and never when NO_COLOR is set; otherwise the
same lines are written plainly, without importing rich at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from ropa.findings import Finding, Report, Severity

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


def summary_line(report: Report) -> str:
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    infos = report.count(Severity.INFO)
    registers = _plural(len(report.registers), "register")
    files = _plural(len(report.files), "file")
    if not report.findings:
        checked = "valid" if report.command == "validate" else "no findings"
        return f"{registers} {checked} ({files}, {_plural(report.activities, 'activity')})"
    parts = [
        _plural(count, word)
        for count, word in ((errors, "error"), (warnings, "warning"), (infos, "info"))
        if count
    ]
    return f"{', '.join(parts)} in {registers} ({files})"


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{count:,} {plural}"


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


def _lines(report: Report) -> Iterator[tuple[Finding | None, str]]:
    for finding in report.findings:
        severity = "" if finding.severity is Severity.ERROR else f"[{finding.severity.value}] "
        yield (
            finding,
            printable(f"{location_text(finding)}: {finding.code} {severity}{finding.message}"),
        )
        if finding.hint:
            yield None, printable(f"    hint: {finding.hint}")


def render_text(report: Report, stream: TextIO) -> None:
    if wants_color(stream):
        _render_rich(report, stream)
        return
    for _finding, line in _lines(report):
        stream.write(line + "\n")
    stream.write(summary_line(report) + "\n")


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _render_rich(report: Report, stream: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for finding, line in _lines(report):
        if finding is None:
            console.print(f"[dim]{escape(line)}[/dim]")
            continue
        location, _, rest = line.partition(f": {finding.code} ")
        console.print(
            f"[bold]{escape(location)}[/bold]: [{_STYLE[finding.severity]}]{finding.code}"
            f"[/{_STYLE[finding.severity]}] {escape(rest)}"
        )
    style = "bold green" if not report.findings else "bold"
    console.print(f"[{style}]{escape(summary_line(report))}[/{style}]")


def render_fmt(result: FormatResult, stream: TextIO, *, show_diff: bool) -> None:
    """What `ropa fmt` did: findings of registers it left alone, then each changed file."""
    for _finding, line in _lines(Report(command="fmt", findings=result.findings)):
        stream.write(line + "\n")
    verb = "would reformat" if result.check else "reformatted"
    for file in result.changed:
        stream.write(printable(f"{verb} {file}") + "\n")
        if show_diff:
            for line in result.diffs[file].splitlines():
                stream.write(printable(line) + "\n")
    stream.write(fmt_summary(result) + "\n")


def fmt_summary(result: FormatResult) -> str:
    changed = _plural(len(result.changed), "file")
    unchanged = _plural(len(result.unchanged), "file")
    if result.check:
        parts = [f"{changed} would be reformatted", f"{unchanged} already formatted"]
    else:
        parts = [f"{changed} reformatted", f"{unchanged} left unchanged"]
    if result.findings:
        parts.append(
            f"{_plural(len(result.findings), 'problem')} (files with problems are left as they are)"
        )
    return ", ".join(parts)
