"""Art. 6(1) legal bases, with the Latvian names the Data State Inspectorate uses."""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite
from ropa.knowledge.translatable import gettext_noop as N_

SOURCE = cite("GDPR", "DVI")


class LegalBasisFact(NamedTuple):
    # Marked for translation: messages cite it, and Latvian cites it the VDAR way.
    article: str
    english: str
    latvian: str
    # Art. 6(3): the basis must be laid down by Union or Member State law, so the record
    # should cite it.
    needs_law: bool


LEGAL_BASES: dict[str, LegalBasisFact] = {
    "consent": LegalBasisFact(N_("Art. 6(1)(a)"), "consent", "piekrišana", False),
    "contract": LegalBasisFact(
        N_("Art. 6(1)(b)"), "performance of a contract", "līguma izpilde", False
    ),
    "legal_obligation": LegalBasisFact(
        N_("Art. 6(1)(c)"), "legal obligation", "juridisks pienākums", True
    ),
    "vital_interests": LegalBasisFact(
        N_("Art. 6(1)(d)"), "vital interests", "vitālo interešu aizsardzība", False
    ),
    "public_task": LegalBasisFact(
        N_("Art. 6(1)(e)"),
        "public interest or official authority",
        "sabiedrības intereses vai oficiālās pilnvaras",
        True,
    ),
    "legitimate_interests": LegalBasisFact(
        N_("Art. 6(1)(f)"), "legitimate interests", "leģitīmo interešu ievērošana", False
    ),
}
