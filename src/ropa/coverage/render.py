"""A coverage result as text, JSON or Markdown: the gaps first, then every match with its
reason, then the figures. Text and Markdown speak the chosen language; in JSON the keys and
kinds stay English and what a person reads (labels, reasons, cues, backing) follows it."""

from __future__ import annotations

import json
from typing import Any

from ropa.coverage.match import Claim, Coverage, ElementResult, kind_name
from ropa.i18n import joined, msg, number, translate, unworded


def _element_gap(result: ElementResult, language: str) -> str:
    element = result.element
    text = translate(
        msg(
            '{location}: {kind} "{label}" is not in the policy',
            location=element.location,
            kind=kind_name(element.kind),
            label=_one_line(translate(element.label, language)),
        ),
        language,
    )
    if result.nearest is not None:
        text += translate(
            msg(
                " (nearest: line {line}, {reason})",
                line=result.nearest.line,
                reason=result.nearest.reason,
            ),
            language,
        )
    return text


def _claim_gap(claim: Claim, policy: str, language: str) -> str:
    return translate(
        msg(
            '{policy}:{line}: {kind} claim ({cue}) that no activity backs: "{excerpt}"',
            policy=policy,
            line=claim.line,
            kind=kind_name(claim.kind),
            cue=claim.cue,
            excerpt=claim.excerpt,
        ),
        language,
    )


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(coverage: Coverage, language: str = "en") -> str:
    elements = len(coverage.elements)
    disclosed = elements - len(coverage.undisclosed)
    claims = len(coverage.claims)
    backed = claims - len(coverage.unbacked)
    return translate(
        msg(
            "{disclosed} of {elements} register elements disclosed by the policy; "
            "{backed} of {claims} policy claims backed by the register",
            disclosed=number(disclosed),
            elements=number(elements),
            backed=number(backed),
            claims=number(claims),
        ),
        language,
    )


def text_report(coverage: Coverage, language: str = "en") -> str:
    def said(text: str) -> str:
        return translate(text, language)

    lines = [f"{coverage.register} ↔ {coverage.policy}", ""]
    undisclosed = coverage.undisclosed
    lines.append(
        said(
            msg(
                "In the register, not disclosed by the policy ({count}):",
                count=number(len(undisclosed)),
            )
        )
    )
    none = "  " + said(msg("none"))
    lines += [f"  {_element_gap(result, language)}" for result in undisclosed] or [none]
    lines.append("")
    unbacked = coverage.unbacked
    lines.append(
        said(
            msg(
                "Claimed by the policy, backed by no activity ({count}):",
                count=number(len(unbacked)),
            )
        )
    )
    lines += [f"  {_claim_gap(claim, coverage.policy, language)}" for claim in unbacked] or [none]
    lines += ["", said(msg("Matches:"))]
    for result in coverage.elements:
        if result.match is not None:
            label = _one_line(said(result.element.label), 50)
            lines.append(
                f"  {result.element.location}: {said(kind_name(result.element.kind))} "
                f'"{label}" → {coverage.policy}:'
                f"{result.match.line}: {said(result.match.reason)}"
            )
    for claim in coverage.claims:
        if claim.backed:
            lines.append(
                f"  {coverage.policy}:{claim.line}: {said(kind_name(claim.kind))} "
                f"({said(claim.cue)}) ← " + said(joined(claim.backing, "; "))
            )
    lines += ["", summary(coverage, language) + "."]
    return "\n".join(lines) + "\n"


def as_dict(coverage: Coverage, language: str = "en") -> dict[str, Any]:
    def said(text: str | None) -> str | None:
        return None if text is None else translate(text, language)

    return {
        "register": coverage.register,
        "policy": coverage.policy,
        "complete": coverage.complete,
        "elements": [
            {
                "kind": result.element.kind,
                "label": said(result.element.label),
                "location": result.element.location,
                "disclosed": result.match is not None,
                "policy_line": result.match.line if result.match else None,
                "reason": said(result.match.reason) if result.match else None,
                "nearest": (
                    {"policy_line": result.nearest.line, "reason": said(result.nearest.reason)}
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
                "cue": said(claim.cue),
                "backed": claim.backed,
                "backing": [said(backing) for backing in claim.backing],
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


def json_report(coverage: Coverage, language: str = "en") -> str:
    return json.dumps(as_dict(coverage, language), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_report(coverage: Coverage, language: str = "en") -> str:
    def said(text: str) -> str:
        return translate(text, language)

    def line(number_: int) -> str:
        return said(msg("line {line}", line=number_))

    def row(*cells: str) -> str:
        return "| " + " | ".join(cells) + " |"

    none = said(msg("None."))
    lines = [
        said(
            msg(
                "# Coverage: `{register}` ↔ `{policy}`",
                register=coverage.register,
                policy=coverage.policy,
            )
        ),
        "",
        summary(coverage, language) + ".",
        "",
        "## " + said(msg("In the register, not disclosed by the policy")),
        "",
    ]
    undisclosed = coverage.undisclosed
    if undisclosed:
        headings = (msg("register"), msg("kind"), msg("element"), msg("nearest passage"))
        lines += [row(*(said(h) for h in headings)), "|---|---|---|---|"]
        for result in undisclosed:
            nearest = (
                unworded(
                    "{line}: {reason}", line=line(result.nearest.line), reason=result.nearest.reason
                )
                if result.nearest
                else ""
            )
            lines.append(
                row(
                    f"`{result.element.location}`",
                    said(kind_name(result.element.kind)),
                    _cell(said(result.element.label)),
                    _cell(said(nearest)),
                )
            )
    else:
        lines.append(none)
    lines += ["", "## " + said(msg("Claimed by the policy, backed by no activity")), ""]
    unbacked = coverage.unbacked
    if unbacked:
        headings = (msg("policy"), msg("claim"), msg("cue"), msg("passage"))
        lines += [row(*(said(h) for h in headings)), "|---|---|---|---|"]
        for claim in unbacked:
            lines.append(
                row(
                    f"`{coverage.policy}:{claim.line}`",
                    said(kind_name(claim.kind)),
                    _cell(said(claim.cue)),
                    _cell(claim.excerpt),
                )
            )
    else:
        lines.append(none)
    columns = (msg("register"), msg("policy"), msg("why"))
    lines += ["", "## " + said(msg("Matches")), "", row(*(said(c) for c in columns))]
    lines.append("|---|---|---|")
    for result in coverage.elements:
        if result.match is not None:
            element = f"`{result.element.location}` {said(kind_name(result.element.kind))} "
            lines.append(
                row(
                    element + _cell(_one_line(said(result.element.label), 50)),
                    line(result.match.line),
                    _cell(said(result.match.reason)),
                )
            )
    for claim in coverage.claims:
        if claim.backed:
            lines.append(
                row(
                    _cell(said(joined(claim.backing, "; "))),
                    f"{line(claim.line)} ({said(kind_name(claim.kind))})",
                    _cell(said(claim.cue)),
                )
            )
    return "\n".join(lines) + "\n"
