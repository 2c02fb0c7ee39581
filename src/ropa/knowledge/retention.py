"""Latvian statutory periods a retention rule can cite, and what is known of their wording."""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite


class StatutoryPeriod(NamedTuple):
    law: str
    provision: str
    description: str
    # ISO 8601 duration, or None where the period is not a fixed length.
    minimum: str | None
    kind: str  # "retention": keep at least this long; "limitation": claims expire after it
    sources: tuple[str, ...]
    note: str = ""
    # The event the law counts the period from, where the law itself fixes it; a register
    # citing the statute then need not repeat it (`ropa rules RT04`).
    start: str | None = None


STATUTES: dict[str, StatutoryPeriod] = {
    "LV.RET.ACC.SRC": StatutoryPeriod(
        "Grāmatvedības likums",
        "28. pants",
        "accounting source documents (invoices, receipts)",
        "P5Y",
        "retention",
        cite("GL"),
        note="at least 5 years; the exact wording of section 28 and the effect of the "
        "2024 amendments were not verified",
        start="the date of the source document (section 28 keeps each document from its "
        "own date; not verified against the consolidated text)",
    ),
    "LV.RET.ACC.REG": StatutoryPeriod(
        "Grāmatvedības likums",
        "28. pants",
        "accounting registers, inventory lists, documents on the organisation of accounting",
        "P10Y",
        "retention",
        cite("GL"),
        start="the date of the register or document (not verified against the consolidated text)",
    ),
    "LV.RET.ACC.PAY": StatutoryPeriod(
        "Grāmatvedības likums",
        "28. pants",
        "payroll source documents from 1 January 1999",
        "P10Y",
        "retention",
        cite("GL"),
        note="documents from before 1 January 1999: 75 years",
        start="the date of the document; for holiday pay, the end of the employment "
        "(section 28, point 4(b), as quoted by the State Revenue Service, 2026)",
    ),
    "LV.LIM.LAB": StatutoryPeriod(
        "Darba likums",
        "31. pants",
        "limitation of claims arising from employment",
        "P2Y",
        "limitation",
        cite("DL"),
        note="3 years where the written pay calculation was never issued",
    ),
    "LV.LIM.CIV": StatutoryPeriod(
        "Civillikums", "1895. pants", "general limitation period", "P10Y", "limitation", cite("CL")
    ),
    "LV.LIM.COM": StatutoryPeriod(
        "Komerclikums",
        "406. pants",
        "limitation of claims from commercial transactions",
        "P3Y",
        "limitation",
        cite("KL"),
    ),
    "LV.LIM.CONS": StatutoryPeriod(
        "Patērētāju tiesību aizsardzības likums",
        "27. pants (as cited by PTAC; numbering not verified)",
        "consumer claims for non-conformity of goods, from purchase",
        "P2Y",
        "limitation",
        cite("PTAL"),
    ),
}
