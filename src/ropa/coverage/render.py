"""A coverage result as text, JSON or Markdown: the gaps first, then every match with its
reason, then the figures."""

from __future__ import annotations

import json
from typing import Any

from ropa.coverage.match import Claim, Coverage, ElementResult


def _element_gap(result: ElementResult) -> str:
    element = result.element
    text = f'{element.location}: {element.kind} "{_one_line(element.label)}" is not in the policy'
    if result.nearest is not None:
        text += f" (nearest: line {result.nearest.line}, {result.nearest.reason})"
    return text


def _claim_gap(claim: Claim, policy: str) -> str:
    return (
        f"{policy}:{claim.line}: {_kind(claim)} claim ({claim.cue}) that no activity backs: "
        f'"{claim.excerpt}"'
    )


def _kind(claim: Claim) -> str:
    return claim.kind.replace("basis:", "legal basis ")


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(coverage: Coverage) -> str:
    elements = len(coverage.elements)
    disclosed = elements - len(coverage.undisclosed)
    claims = len(coverage.claims)
    backed = claims - len(coverage.unbacked)
    return (
        f"{disclosed} of {elements} register elements disclosed by the policy; "
        f"{backed} of {claims} policy claims backed by the register"
    )


def text_report(coverage: Coverage) -> str:
    lines = [f"{coverage.register} ↔ {coverage.policy}", ""]
    undisclosed = coverage.undisclosed
    lines.append(f"In the register, not disclosed by the policy ({len(undisclosed)}):")
    lines += [f"  {_element_gap(result)}" for result in undisclosed] or ["  none"]
    lines.append("")
    unbacked = coverage.unbacked
    lines.append(f"Claimed by the policy, backed by no activity ({len(unbacked)}):")
    lines += [f"  {_claim_gap(claim, coverage.policy)}" for claim in unbacked] or ["  none"]
    lines += ["", "Matches:"]
    for result in coverage.elements:
        if result.match is not None:
            lines.append(
                f"  {result.element.location}: {result.element.kind} "
                f'"{_one_line(result.element.label, 50)}" → {coverage.policy}:'
                f"{result.match.line}: {result.match.reason}"
            )
    for claim in coverage.claims:
        if claim.backed:
            lines.append(
                f"  {coverage.policy}:{claim.line}: {_kind(claim)} ({claim.cue}) ← "
                + "; ".join(claim.backing)
            )
    lines += ["", summary(coverage) + "."]
    return "\n".join(lines) + "\n"


def as_dict(coverage: Coverage) -> dict[str, Any]:
    return {
        "register": coverage.register,
        "policy": coverage.policy,
        "complete": coverage.complete,
        "elements": [
            {
                "kind": result.element.kind,
                "label": result.element.label,
                "location": result.element.location,
                "disclosed": result.match is not None,
                "policy_line": result.match.line if result.match else None,
                "reason": result.match.reason if result.match else None,
                "nearest": (
                    {"policy_line": result.nearest.line, "reason": result.nearest.reason}
                    if result.nearest
                    else None
                ),
            }
            for result in coverage.elements
        ],
        "claims": [
            {
                "kind": claim.kind,
                "policy_line": claim.line,
                "excerpt": claim.excerpt,
                "cue": claim.cue,
                "backed": claim.backed,
                "backing": claim.backing,
            }
            for claim in coverage.claims
        ],
        "summary": {
            "elements": len(coverage.elements),
            "disclosed": len(coverage.elements) - len(coverage.undisclosed),
            "claims": len(coverage.claims),
            "backed": len(coverage.claims) - len(coverage.unbacked),
        },
    }


def json_report(coverage: Coverage) -> str:
    return json.dumps(as_dict(coverage), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_report(coverage: Coverage) -> str:
    lines = [
        f"# Coverage: `{coverage.register}` ↔ `{coverage.policy}`",
        "",
        summary(coverage) + ".",
        "",
        "## In the register, not disclosed by the policy",
        "",
    ]
    undisclosed = coverage.undisclosed
    if undisclosed:
        lines += ["| register | kind | element | nearest passage |", "|---|---|---|---|"]
        for result in undisclosed:
            nearest = (
                f"line {result.nearest.line}: {result.nearest.reason}" if result.nearest else ""
            )
            lines.append(
                f"| `{result.element.location}` | {result.element.kind} | "
                f"{_cell(result.element.label)} | {_cell(nearest)} |"
            )
    else:
        lines.append("None.")
    lines += ["", "## Claimed by the policy, backed by no activity", ""]
    unbacked = coverage.unbacked
    if unbacked:
        lines += ["| policy | claim | cue | passage |", "|---|---|---|---|"]
        for claim in unbacked:
            lines.append(
                f"| `{coverage.policy}:{claim.line}` | {_kind(claim)} | {_cell(claim.cue)} | "
                f"{_cell(claim.excerpt)} |"
            )
    else:
        lines.append("None.")
    lines += ["", "## Matches", "", "| register | policy | why |", "|---|---|---|"]
    for result in coverage.elements:
        if result.match is not None:
            lines.append(
                f"| `{result.element.location}` {result.element.kind} "
                f"{_cell(_one_line(result.element.label, 50))} | line {result.match.line} | "
                f"{_cell(result.match.reason)} |"
            )
    for claim in coverage.claims:
        if claim.backed:
            lines.append(
                f"| {_cell('; '.join(claim.backing))} | line {claim.line} ({_kind(claim)}) | "
                f"{_cell(claim.cue)} |"
            )
    return "\n".join(lines) + "\n"
