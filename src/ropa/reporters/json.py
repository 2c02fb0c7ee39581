"""Machine-readable output: one JSON document, UTF-8, Latvian letters as they are."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ropa._version import __version__
from ropa.findings import Report, Severity


def report_document(report: Report) -> dict[str, Any]:
    language = report.says
    return {
        "tool": "ropa",
        "version": __version__,
        "command": report.command,
        "status": int(report.status),
        "summary": {
            "registers": len(report.registers),
            "files": len(report.files),
            "activities": report.activities,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
        "registers": report.registers,
        "files": report.files,
        "findings": [finding.to_dict(language) for finding in report.findings],
    }


def render_json(report: Report, stream: TextIO) -> None:
    document = report_document(report)
    if report.skipped:  # `check --skip-invalid`: registers left to `ropa validate`
        document["not_checked"] = report.skipped
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
