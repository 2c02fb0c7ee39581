"""Latvian specifics: the supervisory authority, the age of digital consent, the Art. 30(5)
threshold, and the personas kods."""

from __future__ import annotations

import re
from typing import NamedTuple

from ropa.knowledge.sources import cite


class Authority(NamedTuple):
    name: str
    english: str
    address: str
    phone: str
    email: str
    website: str


SUPERVISORY_AUTHORITY = Authority(
    "Datu valsts inspekcija",
    "Data State Inspectorate",
    "Elijas iela 17, Rīga, LV-1050",
    "+371 67223131",
    "pasts@dvi.gov.lv",
    "www.dvi.gov.lv",
)
# Address, e-mail and phone as the inspectorate's own pages give them (DVI-CONTACT): the
# "easy to read" page gives all three, the complaint page the same address and e-mail for
# complaints. The phone is written there without the +371 country code. An older DVI page
# (its "Privātuma atruna") still gives the former address, Blaumaņa iela 11/13-15, and
# info@dvi.gov.lv: the newer pages were preferred. The website is the one those pages are on.
SUPERVISORY_AUTHORITY_SOURCE = cite("DVI", "DVI-CONTACT", "FPDAL")

# Personal Data Processing Law, section 33: consent of a child to an information society
# service is valid from the age of 13 (Art. 8(1) lets Member States go down to 13).
DIGITAL_CONSENT_AGE = 13
DIGITAL_CONSENT_AGE_SOURCE = cite("FPDAL", "GDPR")

# Art. 30(5): the record is not required of organisations with fewer than 250 employees,
# unless the processing is likely to result in a risk, is not occasional, or includes
# Art. 9(1) or Art. 10 data (each alone is enough: WP29 position paper, 19 April 2018).
ART_30_5_EMPLOYEES = 250
ART_30_5_SOURCE = cite("GDPR", "WP29-30.5")

# A personas kods: 11 digits, written XXXXXX-XXXXX. Matches are treated as direct
# identifiers.
PERSONAS_KODS = re.compile(r"\b\d{6}-?\d{5}\b")
