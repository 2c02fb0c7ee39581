"""The rule catalogue for people: `ropa rules` (a table, or one rule's documentation) and
docs/rules.md (generated from the same docstrings; a test keeps the file current)."""

from __future__ import annotations

import json
from itertools import groupby
from typing import TextIO

from ropa.findings import INPUT_CODES
from ropa.rules import FAMILIES, Rule


def render_table(rules: dict[str, Rule], stream: TextIO) -> None:
    width = max(len(rule.name) for rule in rules.values())
    noted = [rule for rule in rules.values() if rule.severity_note]
    for family, group in groupby(rules.values(), key=lambda rule: rule.family):
        stream.write(f"{family}  {FAMILIES[family]}\n")
        for rule in group:
            retired = "  (retired)" if rule.retired else ""
            # `*`: the default severity, which some findings of the rule do not take.
            shown = rule.severity.value + ("*" if rule.severity_note else "")
            stream.write(
                f"  {rule.code}  {rule.name:<{width}}  {shown:<8}  {rule.summary}{retired}\n"
            )
        stream.write("\n")
    if noted:
        stream.write(
            "The severity is each rule's default; `check` may report a finding otherwise:\n"
        )
        for rule in noted:
            stream.write(f"  * {rule.code}  {rule.severity_shown}\n")
        stream.write("\n")
    stream.write(
        f"{len(rules)} rules. `ropa rules CODE` shows one; validation codes (IN, YM, SC, RF) "
        "are listed in docs/format.md.\n"
    )


def render_rule(rule: Rule, stream: TextIO) -> None:
    stream.write(f"{rule.code}  {rule.name}\n")
    stream.write(f"severity: {rule.severity_shown}    article: {rule.article}\n\n")
    stream.write(rule.doc.rstrip() + "\n")


def render_input_code(code: str, stream: TextIO) -> None:
    name, summary = INPUT_CODES[code]
    stream.write(f"{code}  {name}\n\n{summary[0].upper()}{summary[1:]}.\n")
    stream.write('It is a validation code: see docs/format.md, "Error codes".\n')


def render_json(rules: dict[str, Rule], stream: TextIO) -> None:
    document = [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "severity_note": rule.severity_note or None,
            "article": rule.article,
            "summary": rule.summary,
            "retired": rule.retired,
        }
        for rule in rules.values()
    ]
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def markdown(rules: dict[str, Rule]) -> str:
    """docs/rules.md."""
    lines = [
        "# Check rules",
        "",
        "Generated from the rules' docstrings by `ropa rules --format markdown`; do not edit.",
        "Each rule's failing example is also its test: the lines marked `# ← CODE` are where",
        "it reports. Severities can be changed, and rules selected or ignored, in the",
        "configuration (see README.md, Configuration).",
        "",
        "| code | name | default severity | article | finds |",
        "|---|---|---|---|---|",
    ]
    for rule in rules.values():
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {rule.severity_shown} | "
            f"{rule.article} | {rule.summary} |"
        )
    for family, group in groupby(rules.values(), key=lambda rule: rule.family):
        lines += ["", f"## {family}: {FAMILIES[family]}"]
        for rule in group:
            body = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else ""
            lines += [
                "",
                f"### {rule.code}",
                "",
                f"**`{rule.name}`** · {rule.severity_shown} · {rule.article}",
                "",
                rule.summary,
                "",
                body,
            ]
    return "\n".join(lines).rstrip() + "\n"
