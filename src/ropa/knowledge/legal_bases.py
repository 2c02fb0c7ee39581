"""Art. 6(1) legal bases, with the Latvian names the Data State Inspectorate uses."""

from __future__ import annotations

import functools
from typing import NamedTuple

from ropa.knowledge.sources import cite
from ropa.knowledge.text import folded_words, stem
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


# --------------------------------------------------------------------------- interests

# The words with which an `interest:` says only that some interest is pursued: the basis
# restated ("legitimate interests", "leģitīmās intereses"), whose interest it is ("our",
# "the Operator's", "uzņēmuma"), a field of activity in general ("business",
# "komercdarbība") and the joining words around them. An interest written only in these
# words names none: Art. 6(1)(f) asks for "the legitimate interests pursued", stated
# clearly enough to be weighed (Art. 13(1)(d); EDPB Guidelines 1/2024 on legitimate
# interests, paragraphs 14-17: the interest must be "clearly and precisely articulated",
# and "business interests" in general are not). A reference to a section of the notice
# ("1.5.4. punkts") is a pointer, not the interest.
_GENERIC_INTEREST_WORDS = (
    # English
    "legitimate legitimately legal lawful justified business businesses commercial "
    "interest interests our the a an as of its their to and or in for own we us "
    "company companies controller operator organisation organization firm "
    "pursue pursuing pursued protect protecting protection safeguard safeguarding "
    "run running do doing conduct conducting activity activities operation operations "
    "purpose purposes general other various such this that is are be with per gdpr "
    "article art section point paragraph see above below set out described listed "
    "necessary needs ensure ensuring carry carrying on "
    "efficient efficiently effective effectively smooth smoothly proper properly "
    "manage managing management "
    # Latvian (stems are compared, so one form of each word is enough)
    "leģitīmā leģitīms likumīgā likumīgs tiesiskā tiesisks pamatotā pamatots "
    "interese intereses interešu uzņēmējdarbība komercdarbība bizness saimnieciskā "
    "darbība darbības veikt veikšana īstenot īstenošana aizsardzība aizsargāt "
    "nodrošināt nodrošināšana mūsu savu savas sava pārzinis pārziņa uzņēmums "
    "uzņēmuma operators kā un vai ar par kas ir lai arī citas citu dažādas "
    "punkts punkta apakšpunkts nodaļa sadaļa efektīva efektīvi pārvaldība pārvaldīt"
)


@functools.cache
def _generic_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in folded_words(_GENERIC_INTEREST_WORDS))


@functools.lru_cache(maxsize=4096)
def interest_unnamed(text: str) -> bool:
    """Whether an `interest:` text names no interest of its own: every word of it only
    restates the basis, whose interest it is, or business in general ("legitimate
    business interest", "Operatora tiesiskās intereses kā uzņēmumam"), or points at a
    section of the notice. Numbers and single letters ("6(1)(f)", "1.5.4.") say nothing."""
    generic = _generic_stems()
    for word in folded_words(text):
        word = word.removesuffix("'s").removesuffix("\u2019s")
        if len(word) <= 1 or not word.isalpha():
            continue
        if stem(word) not in generic:
            return False
    return True
