"""Art. 6(1) legal bases, with the Latvian names the Data State Inspectorate uses."""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("GDPR", "DVI")


class LegalBasisFact(NamedTuple):
    article: str
    english: str
    latvian: str
    # Art. 6(3): the basis must be laid down by Union or Member State law, so the record
    # should cite it.
    needs_law: bool


LEGAL_BASES: dict[str, LegalBasisFact] = {
    "consent": LegalBasisFact("Art. 6(1)(a)", "consent", "piekrišana", False),
    "contract": LegalBasisFact(
        "Art. 6(1)(b)", "performance of a contract", "līguma izpilde", False
    ),
    "legal_obligation": LegalBasisFact(
        "Art. 6(1)(c)", "legal obligation", "juridisks pienākums", True
    ),
    "vital_interests": LegalBasisFact(
        "Art. 6(1)(d)", "vital interests", "vitālo interešu aizsardzība", False
    ),
    "public_task": LegalBasisFact(
        "Art. 6(1)(e)",
        "public interest or official authority",
        "sabiedrības intereses vai oficiālās pilnvaras",
        True,
    ),
    "legitimate_interests": LegalBasisFact(
        "Art. 6(1)(f)", "legitimate interests", "leģitīmo interešu ievērošana", False
    ),
}
