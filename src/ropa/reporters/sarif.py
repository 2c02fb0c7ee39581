"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any, TextIO

from ropa._version import __version__
from ropa.findings import INPUT_CODES, Finding, Report, Severity

# The OASIS schema's own identifier (SARIF 2.1.0, errata 01).
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules(report: Report) -> list[dict[str, Any]]:
    from ropa.rules import load_rules

    catalogue = load_rules()
    descriptors = []
    for code in sorted({finding.code for finding in report.findings}):
        rule = catalogue.get(code)
        if rule is not None:
            descriptors.append(
                {
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.doc},
                    "help": {"text": rule.doc, "markdown": rule.doc},
                    "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                    "properties": {"tags": ["gdpr", rule.article]},
                }
            )
        else:
            name, summary = INPUT_CODES.get(code, (code.lower(), code))
            descriptors.append(
                {
                    "id": code,
                    "name": name,
                    "shortDescription": {"text": summary},
                    "defaultConfiguration": {"level": "error"},
                }
            )
    return descriptors


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": PurePosixPath(finding.file).as_posix()},
        }
    }
    if finding.positioned:
        location["physicalLocation"]["region"] = {
            "startLine": finding.position.line,
            "startColumn": finding.position.column,
        }
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": message},
        "locations": [location],
    }
    if finding.path:
        from ropa.position import format_path

        result["properties"] = {"path": format_path(finding.path)}
    if finding.related:
        # One shared value used in several places: reported once, the others related.
        result["relatedLocations"] = [
            {
                "id": index,
                "physicalLocation": {
                    "artifactLocation": {"uri": PurePosixPath(file).as_posix()},
                    "region": {"startLine": position.line, "startColumn": position.column},
                },
            }
            for index, (file, position, _path) in enumerate(finding.related, start=1)
        ]
    return result


def sarif_document(report: Report) -> dict[str, Any]:
    rules = _rules(report)
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ropa",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, rule_index) for finding in report.findings],
            }
        ],
    }


def render_sarif(report: Report, stream: TextIO) -> None:
    json.dump(sarif_document(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
