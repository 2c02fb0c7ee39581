"""The words by which an organisation's name shows that it is a legal entity.

A controller is identified by its legal entity (Art. 13(1)(a), 30(1)(a)): a Latvian
merchant's firm name carries its legal form (Komerclikums: IK, PS, KS, SIA, AS), an
association or foundation says so (biedrība, nodibinājums), a UK company's name ends with
"Limited" or "plc" (Companies Act 2006, sections 58-59). Public bodies are named by what
they are (ministry, council, agency, school). A name with none of these words, and no
registration number or address beside it, is a trading name or brand.

Not exhaustive: the common forms of the EU, EEA, UK and US as registers write them; the
foreign abbreviations beyond Latvia and the UK were not checked against each country's
company law (unverified).
"""

from __future__ import annotations

import re

from ropa.knowledge.sources import cite

SOURCE = cite("KL", "BNL", "UK-CA2006")

# Abbreviations, matched as whole words with their case ("AS" but not "as").
_ABBREVIATIONS = (
    "SIA",
    "AS",
    "IK",
    "PS",
    "KS",
    "ADB",
    "UAB",
    "AB",
    "OÜ",
    "Oy",
    "Oyj",
    "ApS",
    "A/S",
    "GmbH",
    "AG",
    "KG",
    "SE",
    "S.A.",
    "SA",
    "S.L.",
    "SL",
    "S.A.S.",
    "SAS",
    "SARL",
    "S.r.l.",
    "S.p.A.",
    "B.V.",
    "BV",
    "N.V.",
    "NV",
    "Ltd",
    "Ltd.",
    "PLC",
    "plc",
    "LLP",
    "LLC",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "CIC",
    "DAC",
    "sp. z o.o.",
    "s.r.o.",
    "a.s.",
    "Kft.",
    "Zrt.",
)
# Words (any case, any ending) that name a legal form or a public body.
_WORDS = (
    "biedrīb",
    "nodibinājum",
    "sabiedrīb",
    "kooperatīv",
    "filiāl",
    "pārstāvniecīb",
    "pašvaldīb",
    "dome",
    "domes",
    "ministrij",
    "aģentūr",
    "dienest",
    "inspekcij",
    "iestād",
    "birojs",
    "valde",
    "padome",
    "komitej",
    "fonds",
    "skola",
    "pamatskol",
    "vidusskol",
    "sākumskol",
    "pirmsskol",
    "internātskol",
    "bērnudārz",
    "tehnikum",
    "ģimnāzij",
    "licej",
    "universitāt",
    "augstskol",
    "koledž",
    "slimnīc",
    "bibliotēk",
    "muzej",
    "teātr",
    "centrs",
    "tiesa",
    "prokuratūr",
    "policij",
    "limited",
    "company",
    "corporation",
    "incorporated",
    "association",
    "foundation",
    "society",
    "trust",
    "charity",
    "council",
    "authority",
    "agency",
    "ministry",
    "department",
    "university",
    "college",
    "school",
    "academy",
    "hospital",
    "nhs",
    "institute",
    "commission",
    "office",
    "service",
)

_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")(?![\w])"
)
# The words are matched as the start of a word, whatever its case and ending: a prefix
# test on the name's casefolded words, not one case-blind alternation of all of them,
# which takes longer to compile than a short register takes to check.
_WORD_STARTS = tuple(word.casefold() for word in _WORDS)
_A_WORD = re.compile(r"\w+")


def names_legal_entity(name: str) -> bool:
    """Whether the name carries a legal form or names a public body."""
    if _ABBREVIATION.search(name):
        return True
    return any(word.startswith(_WORD_STARTS) for word in _A_WORD.findall(name.casefold()))


# The legal forms the Latvian Register of Enterprises (Uzņēmumu reģistrs) registers, and
# so numbers: merchants (Komerclikums: IK, PS, KS, SIA, AS), associations and foundations
# (Biedrību un nodibinājumu likums), cooperatives, political parties, trade unions,
# religious organisations. Its registration numbers have 11 digits ("40003032949",
# "50008164341"); the length is as the register issues them and as every Latvian number
# in the corpus is written, not checked against a provision (unverified). Schools and
# other bodies numbered in registers of their own are not among these.
_LV_REGISTERED_ABBREVIATIONS = re.compile(r"(?<![\w.])(?:SIA|AS|IK|PS|KS)(?![\w])")
_LV_REGISTERED_WORDS = (
    "biedrīb",
    "nodibinājum",
    "kooperatīv",
    "arodbiedrīb",
    "partij",
    "draudz",
)
LV_REGISTER_DIGITS = 11


def registered_in_latvia(name: str) -> bool:
    """Whether the name carries a legal form the Latvian Register of Enterprises numbers
    (SIA, AS, biedrība, nodibinājums ...)."""
    if _LV_REGISTERED_ABBREVIATIONS.search(name):
        return True
    return any(word.startswith(_LV_REGISTERED_WORDS) for word in _A_WORD.findall(name.casefold()))


__all__ = ["LV_REGISTER_DIGITS", "SOURCE", "names_legal_entity", "registered_in_latvia"]
