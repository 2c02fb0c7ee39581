"""What a recipient category says about who the recipients are.

Art. 30(1)(d) lets the record name *categories* of recipients, but a category has to say
what kind of recipient it is ("courier services", "credit reference agencies") for anyone
to check it. These are the words a category can be made of without saying that: open
qualifiers ("other", "relevant", "various"), words for "somebody" ("third parties",
"partners", "companies", "institutions") and the conditions a notice hangs on them ("under
a contract", "with written consent"). A category made only of them names no kind of
recipient. The list is a heuristic written from the way Latvian and English notices word
their recipients, not law; it is tested in tests/rules/contradictions.yaml.
"""

from __future__ import annotations

from ropa.knowledge.sources import cite
from ropa.knowledge.text import analyse, fold_word, stem

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
    "institution institutions institūcijas institūcijām"
)
_OPEN: frozenset[str] = frozenset(stem(fold_word(word)) for word in _OPEN_WORDS.split())


def names_no_kind(text: str) -> bool:
    """Whether a recipient category is made only of words that say no kind of recipient
    ("other relevant agencies", "trešās personas")."""
    tokens = analyse(text).tokens
    return bool(tokens) and all(token.stem in _OPEN for token in tokens)


__all__ = ["names_no_kind"]
