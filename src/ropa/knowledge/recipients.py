"""What a recipient category says about who the recipients are.

Art. 30(1)(d) lets the record name *categories* of recipients, but a category has to say
what kind of recipient it is ("courier services", "credit reference agencies") for anyone
to check it. These are the words a category can be made of without saying that: open
qualifiers ("other", "relevant", "various"), words for "somebody" ("third parties",
"partners", "companies", "institutions") and the conditions a notice hangs on them ("under
a contract", "with written consent"). A category made only of them names no kind of
recipient; nor does one that says only that the law entitles someone ("persons entitled by
law", "as required by law"). The lists are heuristics written from the way Latvian and
English notices word their recipients, not law; they are tested in
tests/rules/contradictions.yaml and tests/rules/h11d_reasons.yaml.
"""

from __future__ import annotations

from ropa.knowledge.sources import cite
from ropa.knowledge.text import analyse, fold_word, folded_words, stem

SOURCE = cite("GDPR", "VDAR")

_OPEN_WORDS = (
    # English: qualifiers, "somebody", conditions, and the small words between them
    "other others relevant appropriate various certain selected carefully some any such "
    "similar etc third party parties partner partners business agency agencies "
    "organisation organisations organization organizations entity entities body bodies "
    "company companies firm firms person persons people individual individuals recipient "
    "recipients external outside trusted reputable cooperation service services provider "
    "providers our we us you your who which that whom and or the a an of to in with by for "
    "under on where when if as contract contracts agreement agreements consent written "
    "basis request requested required necessary may might be are from "
    # Latvian (any inflection: the words are compared by stem)
    "citi citas cits attiecīgās attiecīgie dažādas dažādi noteiktas noteikti atsevišķas "
    "trešās trešo trešajām puses pušu personas personām partneri partneriem sadarbības "
    "iestādes iestādēm organizācijas organizācijām uzņēmumi uzņēmumiem sabiedrības "
    "juridiskās fiziskās pakalpojumu sniedzēji sniedzējiem un vai ar kas kuri kurām kuriem "
    "kurus mūsu mums līguma līgumu ietvaros piekrišanu piekrišanas rakstisku pamata "
    "pieprasījuma gadījumā ja uz pēc "
    # "institutions" as the Latvian "iestādes" above: somebody, not a kind
    "institution institutions institūcijas institūcijām "
    # Words for "someone we deal with" that say no more than "service providers" does
    # (issue 11, recipients named only vaguely, Art. 13(1)(e), 30(1)(d))
    "contractor contractors subcontractor subcontractors vendor vendors supplier suppliers "
    "work works working saņēmēji saņēmējiem ārējie ārējiem darbuzņēmēji darbuzņēmējiem "
    "apakšuzņēmēji apakšuzņēmējiem piegādātāji piegādātājiem "
    # The person's consent as the condition ("third parties where the data subject has
    # consented", "trešās personas, ja saņemta datu subjekta piekrišana"): a condition,
    # like "with written consent", that says nothing of who receives the data
    "data subject subjects has have given consented datu subjekta subjekts saņemta dota"
)
_OPEN: frozenset[str] = frozenset(stem(fold_word(word)) for word in _OPEN_WORDS.split())

# The words by which a category says only that the law entitles someone ("persons entitled
# by law", "as required by law", "personas, kurām ir tiesības saņemt datus saskaņā ar
# normatīvajiem aktiem"): which bodies the law entitles, and under which law, is not said.
_LAW_WORDS = (
    "law laws legal legally legislation statutory statute statutes entitled entitle right "
    "rights required requires require requirement requirements applicable act acts "
    "regulation regulations obliged obligation obligations data information anyone "
    "anybody institution institutions receive receives received disclosed provide provides "
    "prescribe prescribes permit permits paredz atļauj "
    "normatīvie normatīvajiem normatīvo aktiem aktos akti aktu likums likumu likumā "
    "likumiem likuma tiesību tiesības tiesīgas tiesīgi tiesīgām saņemt saskaņā noteikts "
    "noteiktos noteiktajos noteiktām paredzēts paredzētos paredzētajos paredzētās ārējos "
    "ir datus dati datu informāciju prasībām prasības kārtībā gadījumos pamatota pamatotu "
    "kuriem kurām "
    # English for "noteiktajos gadījumos" ("in the cases set by law", "where the law
    # provides", "as laid down in legislation")
    "case cases set provided laid down specified prescribed"
)
_LAW: frozenset[str] = frozenset(stem(fold_word(word)) for word in _LAW_WORDS.split())
# Of them, the words that name the law or an entitlement under it: one must be there.
_LAW_CORE_WORDS = (
    "law laws legislation statutory statute entitled normatīvajiem normatīvo normatīvie "
    "likums likumu likumā likumiem likuma tiesības tiesīgas tiesīgi"
)
_LAW_CORE: frozenset[str] = frozenset(stem(fold_word(word)) for word in _LAW_CORE_WORDS.split())


def names_no_kind(text: str) -> bool:
    """Whether a recipient category is made only of words that say no kind of recipient
    ("other relevant agencies", "trešās personas")."""
    # The words `analyse` makes tokens of, stemmed as it stems them, without its spans and
    # clauses: AC11 asks this of every source that names one, and the first named word ends it.
    words = folded_words(text)
    return bool(words) and all(stem(word.replace("'", "")) in _OPEN for word in words)


def names_only_the_law(text: str) -> bool:
    """Whether a recipient category says only that the law entitles someone to the data
    ("persons entitled by law", "as required by law"), and nothing of who."""
    tokens = analyse(text).tokens
    return (
        bool(tokens)
        and any(token.stem in _LAW_CORE for token in tokens)
        and all(token.stem in _OPEN or token.stem in _LAW for token in tokens)
    )


__all__ = ["names_no_kind", "names_only_the_law"]
