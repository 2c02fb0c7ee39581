"""Commission adequacy decisions (Art. 45) in force, with their dates and scope.

Checked against the Commission's list to mid-2026 (source EC-ADEQUACY). Later decisions
are not known to this version of ropa; the list is data, so a release updates it.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("EC-ADEQUACY")


class Scope(enum.Enum):
    """How far a decision reaches."""

    FULL = "full"
    # Only organisations that self-certified under the EU-US Data Privacy Framework.
    DPF_PARTICIPANTS = "dpf_participants"
    # Only recipients within a named sector or law (stated in `scope_note`).
    PARTIAL = "partial"


class AdequacyDecision(NamedTuple):
    country: str
    name: str
    decision: str
    year: int
    # The exact day of adoption, where the source gives it.
    adopted: dt.date | None
    scope: Scope
    scope_note: str = ""
    note: str = ""


DECISIONS: dict[str, AdequacyDecision] = {
    decision.country: decision
    for decision in (
        AdequacyDecision("CH", "Switzerland", "2000/518/EC", 2000, None, Scope.FULL),
        AdequacyDecision(
            "CA",
            "Canada",
            "2002/2/EC",
            2001,
            dt.date(2001, 12, 20),
            Scope.PARTIAL,
            "commercial organisations subject to the Personal Information Protection and "
            "Electronic Documents Act (PIPEDA)",
        ),
        AdequacyDecision("AR", "Argentina", "2003/490/EC", 2003, None, Scope.FULL),
        AdequacyDecision("GG", "Guernsey", "2003/821/EC", 2003, None, Scope.FULL),
        AdequacyDecision("IM", "Isle of Man", "2004/411/EC", 2004, None, Scope.FULL),
        AdequacyDecision("JE", "Jersey", "2008/393/EC", 2008, None, Scope.FULL),
        AdequacyDecision(
            "FO",
            "Faroe Islands",
            "2010/146/EU",
            2010,
            None,
            Scope.PARTIAL,
            "recipients subject to the Faroese Act on processing of personal data",
        ),
        AdequacyDecision("AD", "Andorra", "2010/625/EU", 2010, None, Scope.FULL),
        AdequacyDecision(
            "IL",
            "Israel",
            "2011/61/EU",
            2011,
            None,
            Scope.PARTIAL,
            "automated international transfers, or non-automated transfers then processed "
            "automatically in Israel",
        ),
        AdequacyDecision("UY", "Uruguay", "2012/484/EU", 2012, None, Scope.FULL),
        AdequacyDecision(
            "NZ", "New Zealand", "2013/65/EU", 2012, dt.date(2012, 12, 19), Scope.FULL
        ),
        AdequacyDecision(
            "JP",
            "Japan",
            "(EU) 2019/419",
            2019,
            None,
            Scope.PARTIAL,
            "private-sector operators under the Act on the Protection of Personal "
            "Information (APPI), with the Supplementary Rules",
        ),
        AdequacyDecision(
            "GB",
            "United Kingdom",
            "(EU) 2021/1772",
            2021,
            None,
            Scope.FULL,
            note="renewed by decisions adopted on 19 December 2025, to 27 December 2031; "
            "the numbers of the renewing decisions were not verified",
        ),
        AdequacyDecision(
            "KR",
            "Republic of Korea",
            "(EU) 2022/254",
            2021,
            dt.date(2021, 12, 17),
            Scope.PARTIAL,
            "entities under the Personal Information Protection Act (PIPA), except "
            "missionary processing by religious organisations, candidate nomination by "
            "political parties, and personal credit information of FSC-supervised firms",
        ),
        AdequacyDecision(
            "US",
            "United States",
            "(EU) 2023/1795 (EU-US Data Privacy Framework)",
            2023,
            None,
            Scope.DPF_PARTICIPANTS,
            "organisations self-certified under the EU-US Data Privacy Framework (HR and "
            "non-HR data certified separately)",
            note="upheld by the General Court in T-553/23 (3 September 2025); appeal "
            "C-703/25 P pending",
        ),
        AdequacyDecision("BR", "Brazil", "(EU) 2026/179", 2026, dt.date(2026, 1, 26), Scope.FULL),
    )
}

# The European Patent Organisation, the first international organisation with a decision:
# (EU) 2025/1382 of 15 July 2025.
INTERNATIONAL_ORGANISATIONS = {
    "European Patent Organisation": AdequacyDecision(
        "", "European Patent Organisation", "(EU) 2025/1382", 2025, dt.date(2025, 7, 15), Scope.FULL
    )
}


def decision_for(country: str) -> AdequacyDecision | None:
    """The adequacy decision in force for a country, if any."""
    return DECISIONS.get(country)
