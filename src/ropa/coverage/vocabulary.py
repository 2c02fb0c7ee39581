"""The words a privacy policy uses to say what it claims: purposes, recipients, transfers,
periods and legal bases, in Latvian and English.

Heuristics, not law, like the lexicon's terms (`ropa.knowledge.lexicon`): they were written
from the wording of the five seed policies in tests/fixtures/policies and common Latvian
and English notices. Patterns are matched on folded text (lower case, no diacritics:
"piekrišana" is "piekrisana"), at the start of a word, so an ending may follow.
"""

from __future__ import annotations

import re

from ropa.knowledge.countries import COUNTRIES
from ropa.knowledge.eea import is_eea
from ropa.knowledge.text import fold_word

# Function words and words every passage of a policy shares: they say nothing about which
# purpose or recipient is meant.
GENERIC = frozenset(
    fold_word(word)
    for word in """
    un vai ar par uz no kas ka lai ir nav tiek tiks tikt var varam var mes mums musu jus
    jums jusu vins vina vinu savu savus savi sava savas so si sie sis tos to ta tie tas
    ari ka citi citu citus cita citas citiem ucc utt piemeram tostarp ipasi tikai ka ja
    kad ko kur person personas personam personu dat dati datu datus datiem datos
    informacija informacijas informaciju informacijai apstrad apstrade apstradat
    apstradajam apstrades izmantot izmantojam nodrosinat sniegt lietotajs lietotaja
    lietotajam uznemums uznemuma uznemumam musu merkis merkiem nolukiem noluk the and or
    of to for in on with by a an we us our you your is are be been will may can data
    personal information process processing use used such as e g i e etc other others
    their them they it its this that these those from at
    """.split()  # noqa: SIM905 - a word list reads better as words
)

# Whole words whose first letters must agree for two words to count as the same (a short
# stem like "dat" would otherwise meet everything).
MIN_PREFIX = 5

# A purpose: "nolūkā", "mērķiem", "purpose", or "lai"/"to" after a verb of processing
# ("izmantojam datus, lai ...", "we use your data to ..."); not "lai aizsargātu" (that is
# security) nor a word about processors ("apstrādātāji").
PURPOSE_CUE = re.compile(
    r"\b(?:noluk\w*|merk(?:i|iem|im|a|u|us|os)\b|purpos\w*|"
    r"(?:apstrad(?!ataj)|izmanto|vac|ievac|iegust)\w*\b[^.;:]{0,120}?\blai\b(?! aizsarg)|"
    r"(?:process|use|collect)\w*\b[^.;:]{0,120}?\b(?:in order )?to\b(?! protect))"
)

# "apstrādes nolūki", "kādam mērķim", "šādiem mērķiem", "vākšanas mērķiem": words about
# purposes in general.
_META_PURPOSE_WORDS = (
    "apstrades vaksanas iegusanas kadam kadiem kadus sadiem siem citiem noteiktiem sim "
    "noteiktam attiecigajiem the"
)
META_PURPOSE = frozenset(_META_PURPOSE_WORDS.split())

RECIPIENT_CUE = re.compile(
    r"\b(?:nodo(?!kl)\w*|izpaus\w*|izpaud\w*|sanemej\w*|tresaj\w* person\w*|"
    r"tresas personas|apstradataj\w*|recipient\w*|disclos\w*|"
    r"shar(?:e|es|ed|ing)\b|third part\w*|processors?\b|pass(?:ed)? on)"
)

# A cue right after one of these is about preventing disclosure, not disclosing.
PREVENTED = re.compile(
    r"\b(?:nesankcionet|neatlaut|nepielau|prettiesisk|unauthori[sz]ed|prevent)\w*[^;!?]{0,120}$"
)

# A passage about where data come from names sources, not recipients ("iegūst no: …
# trešajām personām").
SOURCE_CONTEXT = re.compile(
    r"\b(?:iegust|iegustam|sanemam|sanem) no\b|\b(?:obtain|collect|receive)\w* [^.]{0,40}\bfrom\b"
)

# Passages that explain the reader's rights or ask a question are not claims of processing.
NOT_A_CLAIM = re.compile(
    r"\b(?:personas dati ir jebkada|personal data (?:is|means) any|jums ir tiesibas|"
    r"jus varat pieprasit|tiesibas (?:iebilst|ierobezot|pieprasit|"
    r"sanemt|piekl)|you have the right|right to (?:object|access|erasure|restrict|port))"
)

TRANSFER_CUE = re.compile(
    r"\b(?:tres(?:as|o|aj\w*|ajam) valst\w*|arpus (?:es|eiropas|eez)\b|"
    r"starptautisk\w* organizacij\w*|third countr\w*|outside (?:the )?(?:eu|eea|european)|"
    r"international organi[sz]ation\w*)"
)

# Legal bases: the words that name each Art. 6(1) basis.
# Wider words that disclose a basis, though a policy using them does not claim it:
# "ja LIETOTĀJS ir nepārprotami piekritis" tells of consent.
BASIS_DISCLOSED: dict[str, re.Pattern[str]] = {
    "consent": re.compile(r"\b(?:piekrisan\w*|piekrit\w*|piekrist\w*|consent\w*|agreed)"),
}

BASIS_CUES: dict[str, re.Pattern[str]] = {
    "consent": re.compile(r"\b(?:piekrisan\w*|consent\w*)"),
    "contract": re.compile(
        r"\b(?:ligum\w* (?:noslegs\w* un )?(?:izpild|noslegs|saistib)\w*|"
        r"(?:izpild|noslegs)\w* (?:\w+ )?ligum\w*|"
        r"performance of (?:a |the |our |your )?(?:\w+ )?contract|contractual obligation\w*)"
    ),
    "legal_obligation": re.compile(
        r"\b(?:juridisk\w* pienakum\w*|likum\w* (?:noteikt\w* )?pienakum\w*|"
        r"normativ\w* akt\w* (?:noteikt\w* |paredzet\w* )?(?:\w+ ){0,3}?(?:pienakum|prasib)\w*|"
        r"normativie akti nosaka|legal obligation\w*|required by law)"
    ),
    "vital_interests": re.compile(r"\b(?:vital\w* interes\w*|vital interest\w*)"),
    "public_task": re.compile(
        r"\b(?:sabiedrib\w* interes\w*|oficial\w* pilnvar\w*|public interest|official authority)"
    ),
    "legitimate_interests": re.compile(
        r"\b(?:(?:legitim|likumig|tiesisk)\w* (?:\(\w+\) )?(?:\w+ )?interes\w*|"
        r"legitimate interest\w*)"
    ),
}

_NUMBER_WORDS = {
    "viens": 1, "viena": 1, "vienu": 1, "divi": 2, "divus": 2, "divu": 2, "tris": 3,
    "cetri": 4, "cetrus": 4, "cetru": 4, "pieci": 5, "piecus": 5, "piecu": 5, "pieciem": 5,
    "sesi": 6, "sesus": 6, "sesu": 6, "septini": 7, "septinus": 7, "astoni": 8,
    "astonus": 8, "devini": 9, "devinus": 9, "desmit": 10, "one": 1, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12,
}  # fmt: skip

_UNITS = {"gad": "Y", "year": "Y", "menes": "M", "month": "M", "nedel": "W", "week": "W",
          "dien": "D", "day": "D"}  # fmt: skip

DURATION = re.compile(
    r"\b(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*\(\s*\w+\s*\))?\s+(gad|year|menes|month|nedel|week|dien|day)\w*"
)


def duration_of(number: str, unit: str) -> tuple[int, int]:
    """("5", "gad") → (60, 0): months and days, so that P1Y and P12M compare equal."""
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    kind = _UNITS[unit]
    if kind == "Y":
        return count * 12, 0
    if kind == "M":
        return count, 0
    return 0, count * (7 if kind == "W" else 1)


# Names of countries outside the EEA, folded, as a policy names a destination.
THIRD_COUNTRY_NAMES: dict[str, str] = {
    fold_word(name): code
    for code, names in COUNTRIES.items()
    if not is_eea(code)
    for name in names
    if len(name) >= 5
}
THIRD_COUNTRY_NAMES.update({"asv": "US", "usa": "US"})
THIRD_COUNTRY = re.compile(
    r"\b("
    + "|".join(re.escape(name) for name in sorted(THIRD_COUNTRY_NAMES, key=len, reverse=True))
    + r")\b"
)
