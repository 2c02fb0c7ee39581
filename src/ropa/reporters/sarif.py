"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Files are URIs relative to the repository root (`%SRCROOT%`, given in
`originalUriBaseIds`), so code scanning finds them whatever folder `ropa` ran in. Each
result has a `partialFingerprints` entry built from what it is about (code, file, place in
the data, message), not its line, so a finding keeps its identity when lines move.

A rule's `helpUri` points at its section of docs/rules.md when the address of that page
is known: `ROPA_RULES_URL`, or the package's `Rules` project URL. ropa publishes no such
address of its own, and SARIF requires an absolute URI there, so without one the rule
carries its documentation in `help` and the relative link in `properties.docs`.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, TextIO

from ropa._version import __version__
from ropa.findings import INPUT_CODES, Finding, Report, Severity
from ropa.i18n import msg, translate
from ropa.reporters.locations import SRCROOT, artifact_location, relative_to_root, root_uri

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
                    "properties": {
                        "tags": ["gdpr", rule.article],
                        "docs": f"docs/rules.md#{rule.code.lower()}",
                    },
                    **_help_uri(rule.code),
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


def rules_url() -> str | None:
    """The absolute address of docs/rules.md, if one is configured or packaged."""
    configured = os.environ.get("ROPA_RULES_URL", "").strip()
    if configured:
        return configured
    from importlib import metadata

    try:
        urls = metadata.metadata("ropa").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - ropa runs installed
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "rules" and url.strip():
            return url.strip()
    return None


def _help_uri(code: str) -> dict[str, str]:
    base = rules_url()
    return {"helpUri": f"{base.split('#')[0]}#{code.lower()}"} if base else {}


def fingerprint(finding: Finding) -> str:
    """What the finding is about, hashed: stable when lines move, as code scanning asks."""
    from ropa.position import format_path

    where = relative_to_root(finding.file) or finding.file
    # A finding reported once for several places is about its first place: the list of
    # the others, which changes as they are fixed, is left out.
    message = finding.own_message or finding.message
    text = "\x1f".join((finding.code, where, format_path(finding.path), message))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _result(finding: Finding, rule_index: dict[str, int], language: str) -> dict[str, Any]:
    message = translate(finding.message, language)
    if finding.hint:
        hint = translate(msg("(hint: {hint})", hint=translate(finding.hint, language)), language)
        message = f"{message} {hint}"
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact_location(finding.file)}
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
        "partialFingerprints": {"ropaFindingHash/v1": fingerprint(finding)},
    }
    if finding.path:
        from ropa.position import format_path

        result["properties"] = {"path": format_path(finding.path)}
    if finding.related:
        # One shared value used in several places, or one gap found in several activities:
        # reported once, the others related.
        result["relatedLocations"] = [
            {
                "id": index,
                "physicalLocation": {
                    "artifactLocation": artifact_location(file),
                    "region": {"startLine": position.line, "startColumn": position.column},
                },
            }
            for index, (file, position, _path) in enumerate(finding.related, start=1)
        ]
    return result


def sarif_document(report: Report) -> dict[str, Any]:
    language = report.says
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
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri()}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, rule_index, language) for finding in report.findings],
            }
        ],
    }


def render_sarif(report: Report, stream: TextIO) -> None:
    json.dump(sarif_document(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
