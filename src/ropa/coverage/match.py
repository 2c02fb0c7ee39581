"""Does the published policy tell what the register records, and does the register back
what the policy claims? Both directions, each answer with its reason.

Register → policy. Each element the notice must disclose (Arts 13-14) — a purpose, a
recipient category, a transfer, a retention period or criteria, a legal basis, a data
category, a source, the contact details and DPO — is looked for in the policy's passages:

* words: the element's content words (function words and words every policy shares,
  `vocabulary.GENERIC`, left out) are compared with a passage's on their stems
  (`ropa.knowledge.text`: any inflection, with or without diacritics) or, for long words,
  on their first five letters (*piegāde* / *piegādāt*); a passage discloses the element
  when it holds at least `THRESHOLD` of them; the best passage is reported with the words
  that met;
* concepts: where the element and the passage state the same lexicon concept
  (`ropa.knowledge.lexicon`: marketing, cookies, CCTV, health ...), that counts as a word
  met;
* numbers and durations: "5 gadus", "piecus (5) gadus", "36 months" become months and days
  and equal the register's ISO 8601 period (P5Y, P36M);
* legal bases by the words that name them (`vocabulary.BASIS_CUES`), e-mail addresses,
  phone numbers and web addresses literally.

Policy → register. A passage claims processing when it names a purpose (a purpose cue, or
a list item under a lead-in that has one), a recipient, a transfer, a period or a legal
basis; headings, questions, explanations of rights and negated clauses ("netiek nodoti
trešajām valstīm") claim nothing. A purpose or recipient named in running text is judged
on its sentence. Each claim is backed by a register element of its kind: a purpose (or a
legitimate interest) or a recipient whose words cover more than `CLAIM_THRESHOLD` of the
claim's, or that the claim holds whole (two words at least); any transfer (to the same
country where the policy names one); an equal retention period; a purpose on that basis.
Activity names, descriptions and notes never back a claim: in a register written from the
policy they quote it, they do not record processing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ropa.coverage.policy import Passage
from ropa.coverage.vocabulary import (
    BASIS_CUES,
    BASIS_DISCLOSED,
    DURATION,
    GENERIC,
    META_PURPOSE,
    MIN_PREFIX,
    NOT_A_CLAIM,
    PREVENTED,
    PURPOSE_CUE,
    RECIPIENT_CUE,
    SOURCE_CONTEXT,
    THIRD_COUNTRY,
    THIRD_COUNTRY_NAMES,
    TRANSFER_CUE,
    duration_of,
)
from ropa.i18n import Message, bilingual, joined, msg, msg_plural, unworded
from ropa.knowledge.concepts import CONCEPTS
from ropa.knowledge.countries import COUNTRIES
from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.knowledge.lexicon import stated
from ropa.knowledge.text import analyse, fold, fold_word
from ropa.model import Register
from ropa.model.activity import (
    Activity,
    DataCategory,
    LegitimateInterestsBasis,
    Retention,
    UndecidedBasis,
)
from ropa.model.base import Entity
from ropa.model.organisation import AppointedDpo, Contact
from ropa.model.types import EEA_MARKER, UNKNOWN_MARKER, Duration, LocalizedText, text_of
from ropa.model.vocabulary import ActivityStatus
from ropa.position import PathElement
from ropa.validate import position_of

THRESHOLD = 0.6
"""Share of an element's content words a passage must hold to disclose it."""
CLAIM_THRESHOLD = 0.75
"""Share of a claim's content words a register element must hold to back it."""

# Concepts too general to tell one purpose from another in a privacy policy; the
# processing words and document names AC12/AC13 read ("datu apstrāde", "personas dati",
# "pieteikums") are in almost every sentence of one, and so are the names, e-mail
# addresses and identifiers AC18 reads.
_BROAD_CONCEPTS = frozenset(
    (
        "security_boilerplate",
        "retention_vague",
        "large_scale",
        "processing_operation",
        "processing_self",
        "data_container",
        "identifying_data",
        # Words for anyone ("personas", "people"), for using something ("izmantošana",
        # "use") and the channels used, and "other data": AC23, AC12 and AC13 read them,
        # and nearly every passage of a policy has some.
        "subjects_unnamed",
        "channel_use",
        "channel_object",
        "data_vague",
        "named_document",
    )
)

KINDS = ("purpose", "recipient", "transfer", "retention", "basis", "data", "source", "contact")
CLAIM_KINDS = ("purpose", "recipient", "transfer", "period", "basis")


def kind_name(kind: str) -> str:
    """What an element or claim kind is called in a report (the kinds themselves, in
    JSON, are codes and stay English)."""
    if kind.startswith("basis:"):
        return msg("legal basis {basis}", basis=kind.split(":", 1)[1])
    names = {
        "purpose": msg("purpose"),
        "recipient": msg("recipient"),
        "transfer": msg("transfer"),
        "retention": msg("retention"),
        "basis": msg("legal basis"),
        "data": msg("data"),
        "source": msg("source"),
        "contact": msg("contact"),
        "period": msg("period"),
    }
    return names.get(kind, kind)


@dataclass(frozen=True)
class Element:
    """Something the register records that the policy must disclose."""

    kind: str
    label: str
    location: str
    texts: tuple[str, ...] = ()
    period: tuple[int, int] | None = None
    literals: tuple[str, ...] = ()
    basis: str | None = None
    country: str | None = None
    backs_purposes: bool = False


@dataclass(frozen=True)
class Match:
    line: int
    reason: str
    """A `Message` where it has words, so a report can give it in its language."""


@dataclass
class ElementResult:
    element: Element
    match: Match | None
    nearest: Match | None = None


@dataclass
class Claim:
    line: int
    kind: str
    excerpt: str
    cue: str
    backing: list[str] = field(default_factory=list)
    sentence: str = ""
    """For a purpose or recipient named in running text: the sentence that names it, which
    is what must be backed (a long passage holds other sentences about other things)."""

    @property
    def backed(self) -> bool:
        return bool(self.backing)


@dataclass
class Coverage:
    register: str
    policy: str
    elements: list[ElementResult]
    claims: list[Claim]

    @property
    def undisclosed(self) -> list[ElementResult]:
        return [result for result in self.elements if result.match is None]

    @property
    def unbacked(self) -> list[Claim]:
        return [claim for claim in self.claims if not claim.backed]

    @property
    def complete(self) -> bool:
        return not self.undisclosed and not self.unbacked


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class _Words:
    stems: frozenset[str]
    """Content words: without the words every policy shares."""
    every: frozenset[str]
    """All words, for a text made only of common words."""
    concepts: frozenset[str]
    common_only: bool


def _words(text: str) -> _Words:
    tokens = [t for t in analyse(text).tokens if len(t.stem) >= 3 and not t.word.isdigit()]
    stems = frozenset(
        token.stem for token in tokens if token.stem not in GENERIC and token.word not in GENERIC
    )
    every = frozenset(token.stem for token in tokens)
    concepts = frozenset(concept for concept in stated(text) if concept not in _BROAD_CONCEPTS)
    # "cita LIETOTĀJA sniegtā informācija" is all common words: then those must meet.
    return _Words(stems or every, every, concepts, not stems)


def _meets(stem: str, others: frozenset[str]) -> str | None:
    if stem in others:
        return stem
    if len(stem) >= MIN_PREFIX:
        prefix = stem[:MIN_PREFIX]
        for other in others:
            if len(other) >= MIN_PREFIX and other.startswith(prefix):
                return other
    return None


def _overlap(element: _Words, passage: _Words) -> tuple[float, list[str]]:
    against = passage.every if element.common_only else passage.stems
    met = [stem for stem in sorted(element.stems) if _meets(stem, against)]
    concepts = sorted(element.concepts & passage.concepts)
    total = len(element.stems) + len(concepts)
    if not total:
        return 0.0, []
    # Stems are shown as code: they are the texts' words cut down, not words of a sentence.
    reasons = [f"`{stem}`" for stem in met]
    # A concept by its label in the reader's language: its name is the lexicon's own key.
    reasons += [
        msg('concept "{label}"', label=msg(CONCEPTS[concept].label)) for concept in concepts
    ]
    return (len(met) + len(concepts)) / total, reasons


# --------------------------------------------------------------------------- the register


class _Collector:
    def __init__(self, register: Register) -> None:
        self.register = register
        self.elements: list[Element] = []
        self.backing: list[Element] = []
        self.candidates: dict[str, str] = {}
        """Bases an `undecided` purpose hesitates between, with where it is."""

    def where(self, entity: Entity, *path: PathElement) -> str:
        location = entity.at(*path)
        line = position_of(self.register, location).best.line
        return f"{location.file}:{line}"

    def collect(self) -> list[Element]:
        activities = [a for a in self.register.activities if a.status is not ActivityStatus.RETIRED]
        self.contact()
        used_recipients: dict[str, None] = {}
        for activity in activities:
            self.activity(activity, used_recipients)
        for identifier in used_recipients:
            recipient = self.register.recipient(identifier)
            if recipient is None:
                continue
            # A policy may name the recipient or its category (Art. 13(1)(e): "the
            # recipients or categories of recipients"): either discloses it.
            category = _texts(recipient.category)
            texts = category + _texts(recipient.name)
            if not texts:
                continue
            label = texts[0]
            self.elements.append(Element("recipient", label, self.where(recipient), texts))
        return self.elements

    def contact(self) -> None:
        organisation = self.register.organisation
        literals: list[str] = []
        contact = organisation.contact
        if isinstance(contact, Contact):
            literals += [value for value in (contact.email, contact.phone) if value]
        if organisation.website:
            literals.append(organisation.website)
        if literals:
            self.elements.append(
                Element(
                    "contact",
                    ", ".join(literals),
                    self.where(organisation, "contact"),
                    literals=tuple(literals),
                )
            )
        privacy = organisation.privacy_contact
        if isinstance(privacy, Contact):
            # The contact point for data protection questions is told to people (Art.
            # 13(1)(a)) like the organisation's own contact: the policy should give it
            # (once, where it is the organisation's own address as well).
            privacy_literals = [
                value for value in (privacy.email, privacy.phone) if value and value not in literals
            ]
            if privacy_literals:
                self.elements.append(
                    Element(
                        "contact",
                        ", ".join(privacy_literals),
                        self.where(organisation, "privacy_contact"),
                        literals=tuple(privacy_literals),
                    )
                )
        dpo = organisation.dpo
        if isinstance(dpo, AppointedDpo):
            dpo_literals = []
            if isinstance(dpo.contact, Contact):
                dpo_literals = [v for v in (dpo.contact.email, dpo.contact.phone) if v]
            name = "" if dpo.name == UNKNOWN_MARKER else text_of(dpo.name)
            self.elements.append(
                Element(
                    "contact",
                    msg("DPO {name}", name=name) if name else msg("DPO"),
                    self.where(organisation, "dpo"),
                    texts=(name,) if name and not dpo_literals else (),
                    literals=tuple(dpo_literals),
                )
            )

    def activity(self, activity: Activity, used_recipients: dict[str, None]) -> None:
        purposes = activity.purposes if isinstance(activity.purposes, list) else []
        bases_seen: set[str] = set()
        for index, purpose in enumerate(purposes):
            texts = _texts(purpose.purpose)
            self.elements.append(
                Element(
                    "purpose", texts[0], self.where(activity, "purposes", index, "purpose"), texts
                )
            )
            for path, basis in purpose.bases():
                if isinstance(basis, LegitimateInterestsBasis) and basis.interest is not None:
                    # The interest pursued is a purpose in the policy's words.
                    self.backing.append(
                        Element(
                            "purpose",
                            _texts(basis.interest)[0],
                            self.where(activity, "purposes", index, *path, "interest"),
                            _texts(basis.interest),
                        )
                    )
                if isinstance(basis, UndecidedBasis):
                    # Not decided, so nothing to disclose; its candidates back a policy
                    # that names one of them.
                    where = self.where(activity, "purposes", index, *path)
                    for kind in basis.candidates:
                        self.candidates.setdefault(str(kind), where)
                    continue
                if basis.basis in bases_seen or basis.basis not in LEGAL_BASES:
                    continue
                bases_seen.add(basis.basis)
                fact = LEGAL_BASES[basis.basis]
                self.elements.append(
                    Element(
                        "basis",
                        unworded(
                            "{basis} ({article}) — {activity}",
                            basis=bilingual(fact.english, fact.latvian),
                            article=Message(fact.article),
                            activity=bilingual(
                                text_of(activity.name, "en"), text_of(activity.name, "lv")
                            ),
                        ),
                        self.where(activity, "purposes", index, *path),
                        basis=basis.basis,
                    )
                )
        items = activity.personal_data if isinstance(activity.personal_data, list) else []
        for index, item in enumerate(items):
            category = item.category if isinstance(item, DataCategory) else item
            texts = _texts(category)
            self.elements.append(
                Element("data", texts[0], self.where(activity, "personal_data", index), texts)
            )
            if isinstance(item, DataCategory) and isinstance(item.retention, Retention):
                self.retention(activity, item.retention, ("personal_data", index, "retention"))
        sources = activity.sources if isinstance(activity.sources, list) else []
        for index, source in enumerate(sources):
            if source.kind == "data_subject" or source.description is None:
                continue
            texts = _texts(source.description)
            self.elements.append(
                Element("source", texts[0], self.where(activity, "sources", index), texts)
            )
        if isinstance(activity.recipients, list):
            used_recipients.update(dict.fromkeys(activity.recipients))
        transfers = activity.transfers if isinstance(activity.transfers, list) else []
        for index, transfer in enumerate(transfers):
            if transfer.country == EEA_MARKER:
                continue  # inside the EU/EEA: not a Chapter V transfer
            country = transfer.country if transfer.country not in (None, UNKNOWN_MARKER) else None
            names = COUNTRIES.get(str(country), ()) if country else ()
            label = bilingual(*names) if names else msg("a third country")
            mechanism = transfer.mechanism or msg("mechanism not recorded")
            self.elements.append(
                Element(
                    "transfer",
                    unworded("{country} ({mechanism})", country=label, mechanism=mechanism),
                    self.where(activity, "transfers", index),
                    texts=tuple(names),
                    country=str(country) if country else None,
                )
            )
        if isinstance(activity.retention, Retention):
            self.retention(activity, activity.retention, ("retention",))

    def retention(
        self, activity: Activity, retention: Retention, path: tuple[PathElement, ...]
    ) -> None:
        if retention.period == "permanent":
            self.elements.append(
                Element(
                    "retention",
                    "permanent",
                    self.where(activity, *path, "period"),
                    texts=_PERMANENT,
                )
            )
        elif isinstance(retention.period, Duration):
            self.elements.append(
                Element(
                    "retention",
                    retention.period.text,
                    self.where(activity, *path, "period"),
                    period=_months_days(retention.period),
                )
            )
        elif retention.criteria is not None:
            texts = _texts(retention.criteria)
            self.elements.append(
                Element("retention", texts[0], self.where(activity, *path, "criteria"), texts)
            )


# `period: permanent` in the words a policy uses for it.
_PERMANENT = ("pastāvīgi glabā", "neierobežoti ilgi", "permanently kept")


def _texts(value: object) -> tuple[str, ...]:
    if value is None or value == UNKNOWN_MARKER:
        return ()
    if isinstance(value, LocalizedText):
        return tuple(text for text in (value.lv, value.en) if text)
    return (str(value),)


def _months_days(duration: Duration) -> tuple[int, int]:
    return duration.years * 12 + duration.months, duration.weeks * 7 + duration.days


def _duration_words(months: int, days: int) -> str:
    if months:
        return f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M"
    return f"P{days}D"


# --------------------------------------------------------------------------- the policy


@dataclass
class _Read:
    passage: Passage
    folded: str
    origin: Sequence[int]
    """For each character of `folded`, its index in the passage's text."""
    words: _Words

    def original(self, folded_position: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(folded_position, len(self.origin) - 1)]


def _read(passage: Passage) -> _Read:
    folded, origin = fold(passage.text)
    return _Read(passage, folded, origin, _words(passage.text))


def _cue_negated(passage: _Read, start: int) -> bool:
    """Whether the clause holding the folded position `start` is negated."""
    analysed = analyse(passage.passage.text)
    position = passage.original(start)
    before = [token for token in analysed.tokens if token.start <= position]
    if not before:
        return False
    return analysed.negated(before[-1].clause, disclosure=True)


# --------------------------------------------------------------------------- matching


def _text_match(element: Element, passages: list[_Read]) -> tuple[Match | None, Match | None]:
    best: tuple[float, int, list[str]] | None = None
    for text in element.texts:
        words = _words(text)
        for read in passages:
            score, met = _overlap(words, read.words)
            if score and (best is None or score > best[0]):
                best = (score, read.passage.line, met)
    if best is None:
        return None, None
    score, line, met = best
    total = round(len(met) / score)
    found = Match(
        line,
        msg_plural(
            "words {words} ({met} of {total} content words)",
            "words {words} ({met} of {total} content words)",
            n=total,
            words=joined(met),
            met=len(met),
            total=total,
        ),
    )
    return (found, None) if score >= THRESHOLD else (None, found)


def _literal_match(element: Element, passages: list[_Read]) -> Match | None:
    for literal in element.literals:
        needle = _literal_key(literal)
        for read in passages:
            if needle and needle in _literal_key(read.passage.text):
                return Match(read.passage.line, msg("literally {literal}", literal=literal))
    return None


def _literal_key(text: str) -> str:
    folded = fold_word(text)
    folded = re.sub(r"https?://|www\.", "", folded)
    return re.sub(r"[\s()+\-]", "", folded).removeprefix("371")


def _durations(read: _Read) -> Iterator[tuple[str, tuple[int, int], int]]:
    for found in DURATION.finditer(read.folded):
        yield found.group(0), duration_of(found.group(1), found.group(2)), found.start()


def _match_element(element: Element, passages: list[_Read]) -> ElementResult:
    if element.literals:
        found = _literal_match(element, passages)
        if found or not element.texts:
            return ElementResult(element, found)
    if element.period is not None:
        for read in passages:
            for words, period, _ in _durations(read):
                if period == element.period:
                    return ElementResult(
                        element, Match(read.passage.line, f'"{words}" = {element.label}')
                    )
        return ElementResult(element, None)
    if element.basis is not None:
        pattern = BASIS_DISCLOSED.get(element.basis, BASIS_CUES[element.basis])
        for read in passages:
            # No negation test: "ja nav cita juridiska pamata, … piekrišana" names consent.
            found_cue = pattern.search(read.folded)
            if found_cue:
                return ElementResult(
                    element,
                    Match(
                        read.passage.line, msg('names the basis: "{cue}"', cue=found_cue.group(0))
                    ),
                )
        return ElementResult(element, None)
    if element.kind == "transfer":
        for read in passages:
            country = THIRD_COUNTRY.search(read.folded)
            if country and (
                element.country is None or THIRD_COUNTRY_NAMES[country.group(1)] == element.country
            ):
                return ElementResult(
                    element,
                    Match(read.passage.line, msg('names "{country}"', country=country.group(1))),
                )
        if element.country is None:
            for read in passages:
                cue = TRANSFER_CUE.search(read.folded)
                if cue and not _cue_negated(read, cue.start()):
                    return ElementResult(element, Match(read.passage.line, f'"{cue.group(0)}"'))
        return ElementResult(element, None)
    found, nearest = _text_match(element, passages)
    return ElementResult(element, found, nearest)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ\"“])")


def _sentence(read: _Read, start: int) -> str:
    """The sentence of the passage that holds the folded position `start`."""
    text = read.passage.text
    position = read.original(start)
    begin = 0
    for found in _SENTENCE_END.finditer(text):
        if found.start() > position:
            return text[begin : found.start()]
        begin = found.end()
    return text[begin:]


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return text.rstrip().endswith("?") or (len(letters) >= 4 and all(c.isupper() for c in letters))


_IN_ORDER_TO = re.compile(r"\s*(?:lai|in order to|to)\b")


def _purpose_cue(read: _Read, *, lead_in: bool = False) -> re.Match[str] | None:
    for cue in PURPOSE_CUE.finditer(read.folded):
        before = read.folded[: cue.start()].split()
        general = cue.group(0)[:4] in ("nolu", "merk", "purp") and before
        # "šādiem mērķiem:" leads a list of purposes; in a sentence it only talks of them.
        if general and before[-1] in META_PURPOSE and not lead_in:
            continue
        if not _cue_negated(read, cue.start()):
            return cue
    return None


def _claims(passages: list[_Read]) -> Iterator[Claim]:
    lead_in: str | None = None
    for index, read in enumerate(passages):
        introduces = index + 1 < len(passages) and passages[index + 1].passage.item
        text = read.passage.text
        excerpt = text if len(text) <= 90 else text[:89] + "…"
        leads = text.rstrip().endswith(":")
        purpose = _purpose_cue(read, lead_in=leads)
        recipient = None
        if not SOURCE_CONTEXT.search(read.folded):
            recipient = next(
                (
                    cue
                    for cue in RECIPIENT_CUE.finditer(read.folded)
                    if not PREVENTED.search(read.folded[: cue.start()])
                    and not _cue_negated(read, cue.start())
                ),
                None,
            )
        if not read.passage.item:
            # A lead-in makes its items claims: "… mēs varam izmantot datus, lai spētu:",
            # "Personas dati tiek apstrādāti, lai varētu veikt tālāk aprakstītās darbības."
            lead_in = "purpose" if purpose else "recipient" if recipient and leads else None
            # "Klienta informāciju mēs glabājam 5 gadus:" followed by "- lai …" items.
            if introduces and leads and _IN_ORDER_TO.match(passages[index + 1].folded):
                lead_in = "purpose"
        if read.passage.heading or _is_heading(text) or NOT_A_CLAIM.search(read.folded):
            continue
        if read.passage.item and lead_in:
            listed = (
                msg("an item of a list of purposes")
                if lead_in == "purpose"
                else msg("an item of a list of recipients")
            )
            yield Claim(read.passage.line, lead_in, excerpt, listed)
        elif not leads and not (introduces and not read.passage.item and lead_in):
            if purpose:
                yield Claim(
                    read.passage.line,
                    "purpose",
                    excerpt,
                    f'"{_short(purpose.group(0), 40)}"',
                    sentence=_sentence(read, purpose.start()),
                )
            if recipient:
                yield Claim(
                    read.passage.line,
                    "recipient",
                    excerpt,
                    f'"{recipient.group(0)}"',
                    sentence=_sentence(read, recipient.start()),
                )
        cue = TRANSFER_CUE.search(read.folded) or THIRD_COUNTRY.search(read.folded)
        if cue and not _cue_negated(read, cue.start()):
            yield Claim(read.passage.line, "transfer", excerpt, f'"{cue.group(0)}"')
        for words, period, start in _durations(read):
            if not _cue_negated(read, start):
                yield Claim(
                    read.passage.line, "period", excerpt, f'"{words}" = {_duration_words(*period)}'
                )
        for basis, pattern in BASIS_CUES.items():
            cue = pattern.search(read.folded)
            if cue:
                yield Claim(read.passage.line, f"basis:{basis}", excerpt, f'"{cue.group(0)}"')


def _back(
    claim: Claim,
    read: _Read,
    elements: list[Element],
    backing: list[Element],
    undecided: dict[str, str],
) -> None:
    kind = claim.kind
    if kind == "period":
        wanted = claim.cue.rsplit("= ", 1)[1]
        for element in elements:
            if element.period is not None and _duration_words(*element.period) == wanted:
                claim.backing.append(
                    msg(
                        "{location} (period {period})",
                        location=element.location,
                        period=element.label,
                    )
                )
                return
        return
    if kind.startswith("basis:"):
        basis = kind.split(":", 1)[1]
        for element in elements:
            if element.basis == basis:
                claim.backing.append(
                    unworded("{location} ({label})", location=element.location, label=element.label)
                )
                return
        if basis in undecided:
            claim.backing.append(
                msg(
                    "{location} (undecided between bases, {basis} one)",
                    location=undecided[basis],
                    basis=basis,
                )
            )
        return
    if kind == "transfer":
        country = THIRD_COUNTRY.search(read.folded)
        code = THIRD_COUNTRY_NAMES[country.group(1)] if country else None
        for element in elements:
            if element.kind == "transfer" and (code is None or element.country in (None, code)):
                claim.backing.append(
                    msg(
                        "{location} (transfer to {country})",
                        location=element.location,
                        country=element.label,
                    )
                )
                return
        return
    candidates = [e for e in elements if e.kind == kind]
    if kind == "purpose":
        # Activity names and legitimate interests; never descriptions or notes, which
        # often quote the policy itself.
        candidates += backing
    claimed = _words(claim.sentence) if claim.sentence else read.words
    best: tuple[float, Element, list[str]] | None = None
    for element in candidates:
        for text in element.texts:
            words = _words(text)
            # Either side may be the short one: a list item "sniegt pakalpojumus" is
            # backed by a longer purpose that holds its words, and a long sentence by a
            # short purpose it holds. The claim's side must be covered by more than half
            # ("pārdodu preces un pakalpojumus" is not backed by "saņemt samaksu par
            # precēm un pakalpojumiem"); a purpose found whole in the claim needs two
            # words at least, one word alone ("pakalpojumi") backs anything.
            score, met = _overlap(claimed, words)
            if score < CLAIM_THRESHOLD:
                inside, met_inside = _overlap(words, claimed)
                if inside >= THRESHOLD and len(met_inside) >= 2:
                    score, met = inside, met_inside
                else:
                    score = 0.0
            if score and (best is None or score > best[0]):
                best = (score, element, met)
    if best is not None:
        _, element, met = best
        claim.backing.append(
            unworded(
                '{location} ({kind} "{label}": {words})',
                location=element.location,
                kind=kind_name(kind),
                label=_short(element.label),
                words=joined(met),
            )
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coverage(register: Register, passages: Iterable[Passage], policy_name: str) -> Coverage:
    """Both directions of coverage between `register` and a policy's passages."""
    reads = [_read(passage) for passage in passages]
    collector = _Collector(register)
    elements = collector.collect()
    results = [_match_element(element, reads) for element in elements]
    by_line = {read.passage.line: read for read in reads}
    claims = list(_claims(reads))
    for claim in claims:
        _back(claim, by_line[claim.line], elements, collector.backing, collector.candidates)
    return Coverage(register.name, policy_name, results, claims)
