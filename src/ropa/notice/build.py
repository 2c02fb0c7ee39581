"""A privacy-notice draft (Arts 13 and 14) built from a register, as a small document.

The document is headings, paragraphs and bullet lists of `Piece`s: plain text, the
register's own words, and gaps. A gap is a visible placeholder for something the register
says is `unknown` or does not say at all; the builder never writes a sentence the register
does not support. All wording comes from `ropa.notice.wording`; rendering to Markdown or
HTML is `ropa.notice.render`.

What the draft holds, per Art. 13(1)-(2) and 14(1)-(2): the controller's identity and
contact details, joint controllers, the DPO; per activity its purposes with their legal
basis (the legitimate interest under Art. 6(1)(f), the law under (c) and (e), the way to
withdraw consent under (a)), the data categories, the sources where data do not come from
the person, recipients by category, transfers with their mechanism and where to get a
copy of the safeguards, retention, automated decisions and profiling; the rights that
follow from the bases (`ropa.knowledge.rights`); the right to complain to the DVI with its
contact details (`ropa.knowledge.latvia`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ropa.knowledge.articles import latvian_citation
from ropa.knowledge.countries import COUNTRIES
from ropa.knowledge.latvia import SUPERVISORY_AUTHORITY
from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.knowledge.rights import rights_for
from ropa.knowledge.terms import duration_words
from ropa.model import Register
from ropa.model.activity import (
    Activity,
    ConsentBasis,
    ContractBasis,
    DataCategory,
    LegalBasisModel,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    PublicTaskBasis,
    Retention,
    Transfer,
    UndecidedBasis,
    UnstatedLetterBasis,
)
from ropa.model.organisation import AppointedDpo, Contact, NoDpoDecision
from ropa.model.types import EEA_MARKER, UNKNOWN_MARKER, Duration, text_of
from ropa.model.vocabulary import ActivityRole, ActivityStatus, Role
from ropa.notice.wording import MECHANISMS, WORDING, say


class Piece(NamedTuple):
    """A run of text: `text` (our wording), `value` (the register's words), `code` (the
    register's name), `gap` (a placeholder) or `marker` (the placeholder sign itself)."""

    text: str
    kind: str = "text"


Pieces = list[Piece]
Value = str | Piece | Pieces


@dataclass
class Block:
    """A heading (`level` 1-3), a paragraph, or a bullet list (`items`)."""

    kind: str
    pieces: Pieces = field(default_factory=list)
    items: list[Pieces] = field(default_factory=list)
    level: int = 0


@dataclass
class Notice:
    language: str
    blocks: list[Block]

    @property
    def gaps(self) -> int:
        """How many placeholders the draft holds."""
        return sum(
            piece.kind == "gap"
            for block in self.blocks
            for pieces in (block.pieces, *block.items)
            for piece in pieces
        )


_SLOT = re.compile(r"\{(\w+)\}")


def compose(key: str, language: str, **values: Value) -> Pieces:
    """The wording `key` with its slots filled by text, register values or gaps."""
    template = WORDING[key].pick(language)
    pieces: Pieces = []
    position = 0
    for match in _SLOT.finditer(template):
        if match.start() > position:
            _append_text(pieces, template[position : match.start()])
        value = values[match.group(1)]
        if isinstance(value, str):
            pieces.append(Piece(value))
        elif isinstance(value, Piece):
            pieces.append(value)
        else:
            pieces.extend(value)
        position = match.end()
    if position < len(template):
        _append_text(pieces, template[position:])
    return pieces


def _append_text(pieces: Pieces, text: str) -> None:
    # A register value that ends its own sentence ('… termiņu."') needs no second full stop.
    if text.startswith(".") and pieces and pieces[-1].text.rstrip().endswith((".", '."', ".”")):
        text = text[1:]
    if text:
        pieces.append(Piece(text))


class _Builder:
    def __init__(self, register: Register, language: str) -> None:
        self.register = register
        self.language = language
        self.blocks: list[Block] = []
        self.undecided: list[Activity] = []
        """Activities whose register does not say whether decisions are automated."""

    # ------------------------------------------------------------------ small helpers
    def gap(self, key: str, **values: str) -> Piece:
        return Piece(say(key, self.language, **values), "gap")

    def value(self, text: object, gap_key: str) -> Piece:
        """The register's text, or a gap where it is `unknown` or left out."""
        if text is None or text == UNKNOWN_MARKER:
            return self.gap(gap_key)
        return Piece(text_of(text, self.language).strip(), "value")

    def heading(self, level: int, pieces: Value) -> None:
        self.blocks.append(Block("heading", _pieces(pieces), level=level))

    def paragraph(self, pieces: Pieces) -> None:
        self.blocks.append(Block("paragraph", pieces))

    def say(self, key: str, **values: Value) -> Pieces:
        return compose(key, self.language, **values)

    # ------------------------------------------------------------------ the notice
    def build(self) -> Notice:
        self.heading(1, say("title", self.language))
        self.paragraph(
            self.say(
                "draft",
                register=Piece(self.register.name, "code"),
                marker=Piece(say("marker", self.language), "marker"),
            )
        )
        self.paragraph(self.say("intro"))
        self.controller()
        self.dpo()
        # Retired activities are over; where the organisation is only a processor, the
        # controller it serves informs the people (Arts 13-14 bind controllers).
        only_processor = self.register.organisation.role is Role.PROCESSOR
        activities = [
            a
            for a in self.register.activities
            if a.status is not ActivityStatus.RETIRED
            and (a.role or (ActivityRole.PROCESSOR if only_processor else None))
            is not ActivityRole.PROCESSOR
        ]
        self.heading(2, say("h_processing", self.language))
        if not activities:
            self.paragraph([self.gap("gap_no_activities")])
        for activity in activities:
            self.activity(activity)
        # What the register holds for no activity is asked once, not under each one.
        general: list[Pieces] = []
        if self.undecided:
            general.append(
                self.say(
                    "automated_for",
                    value=self.gap("gap_automated"),
                    activities=Piece(self.names(self.undecided), "value"),
                )
            )
        if activities:
            general.append(self.say("obligation", value=self.gap("gap_obligation")))
            self.heading(3, say("h_all", self.language))
            self.blocks.append(Block("list", items=general))
        self.rights(activities)
        self.complaint()
        return Notice(self.language, self.blocks)

    def controller(self) -> None:
        organisation = self.register.organisation
        self.heading(2, say("h_controller", self.language))
        lines = [self.say("controller", name=self.value(organisation.name, "gap_name"))]
        # Art. 13(1)(a) asks for identity and contact details, not a registration number:
        # it is shown when the register gives it, never asked for.
        if organisation.registration_number not in (None, UNKNOWN_MARKER):
            registration = str(organisation.registration_number)
            lines.append(self.say("registration", value=Piece(registration, "value")))
        lines += [
            self.say("address", value=self.value(organisation.address, "gap_address")),
            self.say("contact", value=self.contact(organisation.contact, organisation.website)),
        ]
        privacy = organisation.privacy_contact
        if isinstance(privacy, Contact) and not _same_contact(privacy, organisation.contact):
            # Said once where the notice's data protection address is its general one.
            lines.append(
                self.say("privacy_contact", value=self.contact(organisation.privacy_contact))
            )
        self.blocks.append(Block("list", items=lines))
        joint = organisation.joint_controllers
        if isinstance(joint, list) and joint:
            names = ", ".join(text_of(j.name, self.language) for j in joint)
            arrangements = [j.arrangement for j in joint if j.arrangement not in (None, "unknown")]
            self.paragraph(
                self.say(
                    "joint",
                    names=Piece(names, "value"),
                    arrangement=self.value(
                        arrangements[0] if len(arrangements) == len(joint) == 1 else None,
                        "gap_arrangement",
                    ),
                )
            )

    def contact(self, contact: object, website: str | None = None) -> Pieces:
        """Contact details as "e-mail …, phone …", or a gap."""
        parts: list[Pieces] = []
        if isinstance(contact, Contact):
            if contact.email:
                parts.append(self.say("email", value=Piece(contact.email, "value")))
            if contact.phone:
                parts.append(self.say("phone", value=Piece(contact.phone, "value")))
            if contact.address is not None:
                parts.append([Piece(text_of(contact.address, self.language), "value")])
        if website:
            parts.append(self.say("website", value=Piece(website, "value")))
        if not parts:
            return [self.gap("gap_contact")]
        return _joined(parts, "; ")

    def organisation_contact(self) -> Pieces:
        """Where requests go: the data protection contact point where the register names
        one (Art. 12(2)), else the organisation's own contact."""
        organisation = self.register.organisation
        if isinstance(organisation.privacy_contact, Contact):
            return self.contact(organisation.privacy_contact)
        return self.contact(organisation.contact, organisation.website)

    def dpo(self) -> None:
        dpo = self.register.organisation.dpo
        self.heading(2, say("h_dpo", self.language))
        if isinstance(dpo, AppointedDpo):
            self.paragraph(
                self.say(
                    "dpo",
                    name=self.value(dpo.name, "gap_dpo_name"),
                    contact=self.contact(dpo.contact)
                    if dpo.contact
                    else [self.gap("gap_dpo_contact")],
                )
            )
        elif isinstance(dpo, NoDpoDecision):
            self.paragraph(self.say("no_dpo"))
        else:
            self.paragraph([self.gap("gap_dpo")])

    # ------------------------------------------------------------------ one activity
    def activity(self, activity: Activity) -> None:
        title = [Piece(text_of(activity.name, self.language), "value")]
        if activity.status is ActivityStatus.PLANNED:
            title.append(Piece(" " + say("planned", self.language)))
        self.heading(3, title)
        # The description is left out: in a register it is written for the organisation
        # (often quoting the old policy), not to the person the notice speaks to.
        items: list[Pieces] = []
        purposes = activity.purposes
        if isinstance(purposes, list) and purposes:
            self.paragraph(self.say("purposes"))
            purpose_items: list[Pieces] = []
            for purpose in purposes:
                item = self.say(
                    "purpose",
                    purpose=Piece(text_of(purpose.purpose, self.language).strip(), "value"),
                    basis=self.bases(purpose.bases()),
                )
                for _, basis in purpose.bases():
                    for details in self.basis_details(basis):
                        item += [Piece(" "), *details]
                purpose_items.append(item)
            self.blocks.append(Block("list", items=purpose_items))
        else:
            items.append([self.gap("gap_purposes")])
        items.append(self.say("data", value=self.data(activity)))
        sources = self.sources(activity)
        if sources is not None:
            items.append(self.say("sources", value=sources))
        items.append(self.recipients(activity))
        items.append(self.transfers(activity))
        items.append(self.say("retention", value=self.retention(activity)))
        items.extend(self.automated(activity))
        self.blocks.append(Block("list", items=items))

    def bases(self, bases: Sequence[tuple[object, LegalBasisModel]]) -> Pieces:
        if not bases:
            return [self.gap("gap_basis")]
        parts: list[Pieces] = []
        for _, basis in bases:
            if isinstance(basis, UndecidedBasis):
                # The register hesitates between bases: the notice must not pick one.
                names = " / ".join(self.basis_name(str(kind)) for kind in basis.candidates)
                parts.append([self.gap("gap_undecided", candidates=names)])
            elif isinstance(basis, UnstatedLetterBasis):
                parts.append([self.gap("gap_letter")])
            else:
                parts.append([Piece(self.basis_name(basis.basis))])
        return _joined(parts, "; ")

    def basis_name(self, key: str) -> str:
        fact = LEGAL_BASES[key]
        if self.language == "lv":
            return say(
                "basis", self.language, name=fact.latvian, article=latvian_citation(fact.article)
            )
        return say("basis", self.language, name=fact.english, article=fact.article)

    def basis_details(self, basis: LegalBasisModel) -> list[Pieces]:
        if isinstance(basis, LegitimateInterestsBasis):
            return [self.say("interest", value=self.value(basis.interest, "gap_interest"))]
        if isinstance(basis, LegalObligationBasis | PublicTaskBasis):
            return [self.say("law", value=self.value(basis.law, "gap_law"))]
        if isinstance(basis, UndecidedBasis | UnstatedLetterBasis) and basis.law is not None:
            return [self.say("law", value=self.value(basis.law, "gap_law"))]
        if isinstance(basis, ConsentBasis):
            return [self.say("withdraw", value=self.value(basis.withdrawal, "gap_withdrawal"))]
        if isinstance(basis, ContractBasis) and basis.contract is not None:
            return [self.say("contract", value=self.value(basis.contract, "gap_law"))]
        return []

    def data(self, activity: Activity) -> Pieces:
        items = activity.personal_data
        if not isinstance(items, list) or not items:
            return [self.gap("gap_data")]
        names = [text_of(_category(item), self.language).strip() for item in items]
        return [Piece("; ".join(names), "value")]

    def sources(self, activity: Activity) -> Pieces | None:
        """Where the data come from; None when they come only from the person (Art. 13)."""
        sources = activity.sources
        if not isinstance(sources, list) or not sources:
            return [self.gap("gap_sources")]
        if all(source.kind == "data_subject" for source in sources):
            return None
        parts: list[Pieces] = []
        for source in sources:
            words = [Piece(say(f"source_{_SOURCE_KEYS[source.kind]}", self.language))]
            if source.description is not None:
                words += [Piece(" ("), self.value(source.description, "gap_sources"), Piece(")")]
            parts.append(words)
        return _joined(parts, "; ")

    def recipients(self, activity: Activity) -> Pieces:
        found = activity.recipients
        if found == "none":
            return self.say("no_recipients")
        if not isinstance(found, list) or not found:
            return self.say("recipients", value=self.gap("gap_recipients"))
        parts: list[Pieces] = []
        for identifier in found:
            recipient = self.register.recipient(identifier)
            if recipient is None:
                continue
            category = recipient.category
            name = recipient.name
            words: Pieces
            if category is not None:
                words = [Piece(text_of(category, self.language).strip(), "value")]
                if name is not None and name != UNKNOWN_MARKER:
                    words += [Piece(" ("), Piece(text_of(name, self.language), "value"), Piece(")")]
            elif name is not None and name != UNKNOWN_MARKER:
                words = [Piece(text_of(name, self.language), "value")]
            else:
                words = [self.gap("gap_recipient_category", id=identifier)]
            parts.append(words)
        return self.say("recipients", value=_joined(parts, "; "))

    def transfers(self, activity: Activity) -> Pieces:
        found = activity.transfers
        if found == "none":
            return self.say("no_transfers")
        if not isinstance(found, list) or not found:
            return self.say("transfers", value=self.gap("gap_transfers"))
        return self.say("transfers", value=_joined([self.transfer(t) for t in found], "; "))

    def transfer(self, transfer: Transfer) -> Pieces:
        if transfer.country == EEA_MARKER:
            country = Piece(say("eea", self.language))
        elif transfer.country not in (None, UNKNOWN_MARKER):
            english, latvian = COUNTRIES.get(str(transfer.country), (str(transfer.country),) * 2)
            country = Piece(latvian if self.language == "lv" else english, "value")
        elif transfer.international_organisation is not None:
            country = self.value(transfer.international_organisation, "gap_country")
        else:
            country = self.gap("gap_country")
        mechanism = transfer.mechanism
        if mechanism is None or mechanism == UNKNOWN_MARKER:
            pieces = self.say("transfer", country=country, mechanism=self.gap("gap_mechanism"))
        else:
            wording = MECHANISMS[str(mechanism)].pick(self.language)
            pieces = self.say("transfer", country=country, mechanism=wording)
        if mechanism in ("scc", "bcr", "art46_other"):
            pieces += [Piece("; "), *self.say("copy", value=self.gap("gap_copy"))]
        return pieces

    def retention(self, activity: Activity) -> Pieces:
        retention = activity.retention
        if not isinstance(retention, Retention):
            parts: list[Pieces] = [[self.gap("gap_retention")]]
        else:
            parts = [self.period(retention)]
        for item in activity.personal_data if isinstance(activity.personal_data, list) else ():
            if isinstance(item, DataCategory) and item.retention is not None:
                own = item.retention
                parts.append(
                    self.say(
                        "category_retention",
                        category=Piece(text_of(item.category, self.language), "value"),
                        value=self.period(own)
                        if isinstance(own, Retention)
                        else [self.gap("gap_retention")],
                    )
                )
        return _joined(parts, "; ")

    def period(self, retention: Retention) -> Pieces:
        pieces: Pieces
        if retention.period == "indefinite":
            # The source names no end: a notice must give one, or the criteria.
            return [self.gap("gap_retention")]
        if retention.period is not None:
            words = (
                say("permanent", self.language)
                if retention.period == "permanent"
                else _duration(retention.period, self.language)
            )
            pieces = [Piece(words, "value")]
            if retention.limit is not None:
                pieces = self.say("period_maximum", period=pieces)
            if retention.from_ is not None:
                pieces = self.say(
                    "period_from",
                    period=pieces,
                    event=Piece(text_of(retention.from_, self.language), "value"),
                )
            if retention.or_until is not None and retention.whichever is not None:
                pieces = self.say(
                    f"or_until_{retention.whichever.value}",
                    period=pieces,
                    event=Piece(text_of(retention.or_until, self.language), "value"),
                )
        elif retention.criteria is not None:
            pieces = [Piece(text_of(retention.criteria, self.language), "value")]
        else:
            return [self.gap("gap_retention")]
        # `reason` is left out: Art. 13(2)(a) asks for the period or its criteria, and
        # registers word the reason for their keeper (often quoting the old policy).
        return pieces

    def automated(self, activity: Activity) -> list[Pieces]:
        items: list[Pieces] = []
        decisions = activity.automated_decisions
        if decisions == "none":
            items.append(self.say("no_automated"))
        elif decisions is None or decisions == UNKNOWN_MARKER:
            self.undecided.append(activity)
        else:
            assert not isinstance(decisions, str)
            value = [Piece(text_of(decisions.description, self.language), "value")]
            value += [Piece("; "), self.gap("gap_logic")]
            items.append(self.say("automated", value=value))
        profiling = activity.profiling
        if profiling not in (None, "none", UNKNOWN_MARKER) and not isinstance(profiling, str):
            items.append(
                self.say(
                    "profiling",
                    value=Piece(text_of(profiling.description, self.language), "value"),
                )
            )
        return items

    # ------------------------------------------------------------------ rights, complaint
    def rights(self, activities: list[Activity]) -> None:
        self.heading(2, say("h_rights", self.language))
        by_basis: dict[str, list[Activity]] = {}
        open_basis: list[Activity] = []
        for activity in activities:
            purposes = activity.purposes if isinstance(activity.purposes, list) else []
            for purpose in purposes:
                for _, basis in purpose.bases():
                    if basis.basis not in LEGAL_BASES:
                        # `undecided` or `unknown`: which rights follow is not known yet.
                        open_basis.append(activity)
                        continue
                    found = by_basis.setdefault(basis.basis, [])
                    if activity not in found:
                        found.append(activity)
        everyone = rights_for(())
        items: list[Pieces] = []
        self.paragraph(self.say("rights_intro"))
        for right in rights_for(by_basis):
            name = right.latvian if self.language == "lv" else right.english
            article = latvian_citation(right.article) if self.language == "lv" else right.article
            name = name[0].upper() + name[1:]
            if right in everyone:
                items.append(self.say("right_all", right=name, article=article))
                continue
            giving = [
                activity
                for basis, found in by_basis.items()
                if right in rights_for((basis,))
                for activity in found
            ]
            names = self.names(giving)
            key = "right_portability" if right.key == "portability" else "right_some"
            items.append(
                self.say(key, right=name, article=article, activities=Piece(names, "value"))
            )
        if open_basis:
            items.append(
                self.say(
                    "rights_open",
                    value=self.gap("gap_rights"),
                    activities=Piece(self.names(open_basis), "value"),
                )
            )
        self.blocks.append(Block("list", items=items))
        self.paragraph(self.say("exercise", value=self.organisation_contact()))

    def names(self, activities: Iterable[Activity]) -> str:
        # Activity names hold commas of their own: a semicolon keeps them apart.
        return "; ".join(dict.fromkeys(text_of(a.name, self.language) for a in activities))

    def complaint(self) -> None:
        authority = SUPERVISORY_AUTHORITY
        self.heading(2, say("h_complaint", self.language))
        self.paragraph(
            self.say(
                "complaint",
                address=authority.address,
                phone=authority.phone,
                email=authority.email,
                website=authority.website,
            )
        )


_SOURCE_KEYS = {
    "data_subject": "subject",
    "third_party": "third",
    "publicly_available": "public",
    "controller": "controller",
}


def _category(item: object) -> object:
    if isinstance(item, DataCategory):
        return item.category
    return item


def _duration(duration: Duration, language: str) -> str:
    amounts = {"Y": duration.years, "M": duration.months, "W": duration.weeks, "D": duration.days}
    return duration_words(amounts, language)


def _pieces(value: Value) -> Pieces:
    if isinstance(value, str):
        return [Piece(value)]
    if isinstance(value, Piece):
        return [value]
    return value


def _joined(parts: Iterable[Pieces], separator: str) -> Pieces:
    joined: Pieces = []
    for index, part in enumerate(parts):
        if index:
            joined.append(Piece(separator))
        joined.extend(part)
    return joined


def build_notice(register: Register, language: str) -> Notice:
    """The privacy-notice draft of `register` in `language` ("lv" or "en")."""
    return _Builder(register, language).build()


__all__ = ["Block", "Notice", "Piece", "build_notice", "compose"]


def _same_contact(contact: Contact, other: object) -> bool:
    """Whether `other` gives every way of reaching `contact` already (a privacy contact
    that is the organisation's own address)."""
    if not isinstance(other, Contact):
        return False
    given = [
        (mine, theirs)
        for mine, theirs in (
            (contact.email, other.email),
            (contact.phone, other.phone),
            (contact.address, other.address),
        )
        if mine is not None
    ]
    return bool(given) and all(mine == theirs for mine, theirs in given)
