"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

GitHub places an annotation by the file's path from the repository root, whatever folder
the step ran in; values are escaped as the workflow command syntax requires (`%`, CR, LF
everywhere, and `:` `,` in properties).
"""

from __future__ import annotations

from typing import TextIO

from ropa.findings import Finding, Report, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, language: str = "en") -> str:
    from ropa.i18n import translate
    from ropa.reporters.locations import display

    properties = [f"file={_escape_property(display(finding.file))}"]
    if finding.positioned:
        properties.append(f"line={finding.position.line}")
        properties.append(f"col={finding.position.column}")
    properties.append(f"title={_escape_property(f'{finding.code} {finding.name}')}")
    message = translate(finding.message, language)
    if finding.hint:
        message += "\n" + translate(finding.hint, language)
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{_escape_data(message)}"


def render_github(report: Report, stream: TextIO) -> None:
    language = report.says
    for finding in report.findings:
        stream.write(annotation(finding, language) + "\n")
    if report.quiet:
        return
    from ropa.reporters.text import summary_line

    stream.write(summary_line(report, language) + "\n")
