"""`--statistics`: how many findings each code has, most frequent first (as ruff prints)."""

from __future__ import annotations

import collections
import json
from typing import TextIO

from ropa.findings import Report


def counts(report: Report) -> list[tuple[str, str, str, int]]:
    """(code, name, severity, count) for each code found, most frequent first."""
    tally = collections.Counter(finding.code for finding in report.findings)
    first = {finding.code: finding for finding in reversed(report.findings)}
    return sorted(
        (
            (code, first[code].name, first[code].severity.value, count)
            for code, count in tally.items()
        ),
        key=lambda row: (-row[3], row[0]),
    )


def render_statistics(report: Report, stream: TextIO, *, as_json: bool = False) -> None:
    rows = counts(report)
    if as_json:
        document = [
            {"code": code, "name": name, "severity": severity, "count": count}
            for code, name, severity, count in rows
        ]
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    from ropa.i18n import translate
    from ropa.reporters.text import SEVERITY_WORDS, summary_line

    language = report.says
    words = {severity.value: translate(word, language) for severity, word in SEVERITY_WORDS.items()}
    column = max(len(word) for word in words.values())
    width = len(str(rows[0][3])) if rows else 1
    for code, name, severity, count in rows:
        stream.write(f"{count:>{width}}  {code}  {words[severity]:<{column}}  {name}\n")
    if not report.quiet:
        stream.write(summary_line(report, language) + "\n")
