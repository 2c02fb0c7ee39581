"""Recipients (Art. 28, 30(1)(d)) and the use of the catalogues."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import Inference, mentions
from ropa.knowledge.recipients import names_no_kind, names_only_the_law
from ropa.knowledge.text import fold_word
from ropa.model.catalogues import Recipient
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import RecipientKind
from ropa.position import Location
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import DESCRIBING, first_readings, says

_PROCESSORS = (RecipientKind.PROCESSOR, RecipientKind.SUB_PROCESSOR)
# The words that show a recipient receives data through code or a platform the
# organisation itself chose to use: cookies and pixels on its pages, ad targeting, social
# networks it publishes on or embeds.
_CHOSEN_TOOLS = ("cookies", "targeted_ads", "social_media", "third_party_tracking")
# Recipients that are no organisation to identify: the public, authorities (named by the
# law that entitles them), and the organisation's own departments.
_NOT_ORGANISATIONS = (RecipientKind.PUBLIC, RecipientKind.PUBLIC_AUTHORITY, RecipientKind.INTERNAL)
# The kinds RC03 does not ask "who" of a category: the public and the organisation's own
# staff are no one to name, and a processor's category is RC05's question.
_NAMED_ELSEWHERE = (RecipientKind.PUBLIC, RecipientKind.INTERNAL, *_PROCESSORS)


def _words(recipient: Recipient, keys: tuple[str, ...], concept: str) -> Inference | None:
    """The first words of `keys` (in Latvian, then English) that state `concept`."""
    for key in keys:
        value = getattr(recipient, key, None)
        if value is None or value in ("unknown", "none"):
            continue
        for language in ("lv", "en"):
            found = mentions(text_of(value, language), concept)
            if found is not None and not found.negated:
                return found
    return None


def _unnamed(recipient: Recipient) -> bool:
    """Recorded only as a category: neither a name nor a registration number says who."""
    return not_stated(recipient.name) and not_stated(recipient.registration_number)


def _independent_payment_body(recipient: Recipient) -> bool:
    """A bank, card acquirer or card scheme the register does not itself, in words, call a
    processor. In a card or bank payment these act as controllers: they process the
    payment under their own legal duties (PSD2, anti-money-laundering law) and decide
    what they keep (EDPB Guidelines 07/2020, the example of a bank carrying out payments
    for a client; paragraph number not verified)."""
    described = ("name", "category", "description")
    return (
        _words(recipient, described, "financial_institution") is not None
        and _words(recipient, (*described, "notes"), "processor_role") is None
    )


def _chosen_tool(recipient: Recipient) -> Inference | None:
    """The words saying the recipient provides cookies, ad targeting or a social network."""
    for concept in _CHOSEN_TOOLS:
        found = _words(recipient, ("category", "description"), concept)
        if found is not None:
            return found
    return None


def _asked_who(recipient: Recipient) -> bool:
    """Whether RC05, RC21 or RC22 report this unnamed recipient."""
    if recipient.kind in _PROCESSORS:
        return not _contract_stated(recipient)
    if recipient.kind in _NOT_ORGANISATIONS:
        return False
    return (
        _words(recipient, ("category", "description"), "group_companies") is not None
        or _chosen_tool(recipient) is not None
    )


def _public_body(recipient: Recipient) -> bool:
    """Whether the recipient's name or category names a public authority."""
    return _words(recipient, ("name", "category"), "public_body") is not None


# Words of a contract as the condition of a disclosure ("under a contract", "līguma
# ietvaros"): a processor may stand behind them, so they keep the kind open.
_UNDER_CONTRACT = ("līgum", "ligum", "contract", "agreement")


def _by_right(recipient: Recipient) -> bool:
    """Whether the category names no one, only the ground on which they receive the data:
    the law's entitlement ("third parties in the cases set by law") or the person's
    consent ("trešās personas, ja saņemta datu subjekta piekrišana"). A processor receives
    data on the controller's instructions (Art. 28(3)(a), 29), never on either ground, so
    whoever receives on them is no processor: RC03 asks who they are instead."""
    category = recipient.category
    if category is None or not_stated(category):
        return False
    if _says_only_the_law(category):
        return True
    texts = [text for text in (text_of(category, lang) for lang in ("lv", "en")) if text]
    return (
        _says_no_kind(category)
        and any(mentions(text, "consent_spoken") is not None for text in texts)
        and not any(word in text.lower() for text in texts for word in _UNDER_CONTRACT)
    )


def _contract_stated(recipient: Recipient) -> bool:
    return not not_stated(recipient.contract) and recipient.contract != "none"


@rule("RC01", "recipient.no-contract", severity=Severity.WARNING, article="Art. 28(3)")
def no_contract(register: Register, context: Context) -> Iterator[Violation]:
    """A processor without an Art. 28 contract on record.

    Why: processing by a processor is governed by a contract or other legal act setting out
    its subject matter, duration, nature, purpose and the processor's obligations
    (Art. 28(3)). The record should point to it. Not reported here: a processor recorded
    only as a category (RC05 reports it, with its missing contract, as one gap); and a
    bank, card acquirer or card scheme (its name, category or description says so) that
    the register does not call a processor in words: in a card or bank payment these are
    controllers in their own right, bound by their own legal duties (PSD2 — Directive
    (EU) 2015/2366; anti-money-laundering law), not processors needing an Art. 28 contract
    (EDPB Guidelines 07/2020, the example of a bank carrying out payments).

    Fails:

    ```yaml
    recipients:
      - id: courier
        name: SIA "Kurjers"
        kind: processor
        country: LV
        contract: unknown  # ← RC01
    ```

    Passes:

    ```yaml
    recipients:
      - id: courier
        name: SIA "Kurjers"
        kind: processor
        country: LV
        contract: Apstrādes līgums Nr. 4, 2023-02-01
    ```
    """
    for recipient in register.recipients:
        if recipient.kind not in _PROCESSORS or _independent_payment_body(recipient):
            continue
        if recipient.contract == "none":
            yield Violation(
                recipient.at("contract"),
                msg("processor `{id}` works without an Art. 28 contract", id=recipient.id),
                msg("conclude a data processing agreement (Art. 28(3)) and record its reference"),
            )
        elif not_stated(recipient.contract) and not _unnamed(recipient):
            yield Violation(
                recipient.at("contract"),
                msg("processor `{id}` has no Art. 28 contract on record", id=recipient.id),
                msg("add `contract:` with the reference of the data processing agreement"),
            )


@rule("RC02", "catalogue.unused", severity=Severity.INFO, article="Art. 30(1)")
def unused(register: Register, context: Context) -> Iterator[Violation]:
    """A catalogue entry no activity refers to.

    Why: recipients, systems, security measures and joint controllers are defined once and
    referred to by id. An entry nothing refers to is either stale or a reference someone
    forgot to add. While an activity leaves its `recipients:` unknown (or a controller
    served its `sub_processors:`), an unused recipient is not shown to be stale — it may
    be one of those: the finding is then made once, at the first activity whose recipients
    are open, naming the unused recipients, with the other such activities related
    (Art. 30(1)(d): the record says which recipients each activity has); open
    sub-processors are RC12's.

    Fails:

    ```yaml
    recipients:
      - id: old-courier  # ← RC02
        name: SIA "Vecais kurjers"
        kind: processor
        contract: DPA-2019
    activities:
      - id: orders
        name: Orders
        recipients: none
    ```

    Passes:

    ```yaml
    recipients:
      - id: courier
        name: SIA "Kurjers"
        kind: processor
        contract: DPA-2023
    activities:
      - id: orders
        name: Orders
        recipients: [courier]
    ```
    """
    used: set[tuple[str, str]] = set()
    for activity in register.activities:
        for kind, ids in (
            ("recipient", activity.recipients),
            ("measure", activity.security_measures),
            ("system", activity.systems),
            ("joint", activity.joint_controllers),
        ):
            if isinstance(ids, list):
                used.update((kind, identifier) for identifier in ids)
        if isinstance(activity.transfers, list):
            used.update(("recipient", t.recipient) for t in activity.transfers if t.recipient)
    for controller in register.controllers:
        for kind, ids in (
            ("recipient", controller.sub_processors),
            ("measure", controller.security_measures),
        ):
            if isinstance(ids, list):
                used.update((kind, identifier) for identifier in ids)
        if isinstance(controller.transfers, list):
            used.update(("recipient", t.recipient) for t in controller.transfers if t.recipient)
    for system in register.systems:
        if system.provider:
            used.add(("recipient", system.provider))
    open_places = _open_recipient_lists(register)
    open_sub_processors = any(not_stated(c.sub_processors) for c in register.controllers)
    unused_recipients = [r.id for r in register.recipients if ("recipient", r.id) not in used]
    if open_places and unused_recipients:
        # Where some activity's recipients are not recorded, an entry nothing names is
        # not shown to be stale: it may be a recipient of that activity. The gap is the
        # activity's, so it is reported there, once, naming the candidates.
        first, *others = open_places
        yield Violation(
            first[1],
            msg(
                "the recipients of `{id}` are not recorded, while the catalogue lists "
                "recipients no activity names ({ids})",
                id=first[0],
                ids=", ".join(f"`{identifier}`" for identifier in unused_recipients),
            ),
            msg("list under `recipients:` those that receive its data; remove stale entries"),
            related=tuple(location for _, location in others),
        )
    # The labels are words of the message: translated with it (`saņēmējs` ...).
    catalogues = (
        (
            "recipient",
            msg("recipient"),
            [] if open_places or open_sub_processors else register.recipients,
        ),
        ("measure", msg("security measure"), register.security_measures),
        ("system", msg("system"), register.systems),
        ("joint", msg("joint controller"), register.joint_controllers),
    )
    for kind, label, entries in catalogues:
        for entry in entries:
            if (kind, entry.id) not in used:
                yield Violation(
                    entry.at("id"),
                    msg("{label} `{id}` is not used by any activity", label=label, id=entry.id),
                    msg("refer to it where it applies, or remove it if it is stale"),
                )


def _open_recipient_lists(register: Register) -> list[tuple[str, Location]]:
    """The activities whose recipients the register does not state. (A controller served
    whose sub-processors are open also keeps unused recipients from being called stale;
    RC12 reports that gap at the controller.)"""
    return [
        (activity.id, activity.at("recipients"))
        for activity in register.activities
        if not_stated(activity.recipients)
    ]


@rule("RC03", "recipient.unidentified", severity=Severity.WARNING, article="Art. 30(1)(d)")
def unidentified(register: Register, context: Context) -> Iterator[Violation]:
    """A recipient that is neither named nor described by a category that says what it is.

    Why: the record lists the categories of recipients (Art. 30(1)(d)). A recipient may be
    a category ("courier services") when its name is unknown, but it must be one or the
    other — and a category must say what kind of recipient it is. "Other relevant
    agencies", "trešās personas", "partners under a contract", "contractors",
    "suppliers" or "citi saņēmēji" name nobody a reader could check, and neither does a
    category that says only that the law entitles someone ("persons entitled by law to
    receive the data", "as required by law"): which bodies, under which law, is what the
    person is owed (Art. 13(1)(e), 14(1)(e)). The words are read by
    `ropa.knowledge.recipients`. The finding names the activities that use the recipient
    as related places: each of them records the recipient no better. Not reported for a
    category: processors (RC05 asks who they are, or the contract on record identifies
    them), the public and the organisation's own departments. An authority is reported
    only when its category is nothing but "other institutions" ("citas iestādes", "other
    bodies"): which authorities is not said. Authorities that receive data in a particular
    inquiry under the law are not recipients (Art. 4(9)), so "authorities where the law
    entitles them" is enough and stays quiet.

    Fails:

    ```yaml
    recipients:
      - id: partners
        name: unknown  # ← RC03
        kind: other
      - id: others
        name: unknown
        category: {lv: citas attiecīgās iestādes, en: other relevant agencies}  # ← RC03
        kind: other
    ```

    Passes:

    ```yaml
    recipients:
      - id: couriers
        name: unknown
        category: {lv: kurjeru pakalpojumi, en: courier services}
        kind: other
    ```
    """
    references = _references(register)
    for recipient in register.recipients:
        if not _unnamed(recipient):
            continue
        related = tuple(references.get(recipient.id, ()))
        if recipient.category is None:
            yield Violation(
                recipient.at("name"),
                msg(
                    "recipient `{id}` is neither named nor described by a category", id=recipient.id
                ),
                msg("add `name:`, or `category:` (e.g. courier services, payment providers)"),
                related=related,
            )
        elif recipient.kind not in _NAMED_ELSEWHERE and (
            (not says(recipient.category, "recipient_class") and _says_no_kind(recipient.category))
            # Authorities that receive data where the law entitles them are not recipients
            # to name (Art. 4(9)); anyone else described only so is.
            or (
                recipient.kind is not RecipientKind.PUBLIC_AUTHORITY
                and _says_only_the_law(recipient.category)
            )
        ):
            words = text_of(recipient.category, "lv")
            authority = recipient.kind is RecipientKind.PUBLIC_AUTHORITY
            yield Violation(
                recipient.at("category"),
                msg(
                    "recipient `{id}` is described only as \u201c{words}\u201d: which "
                    "authorities receive the data is not said",
                    id=recipient.id,
                    words=words,
                )
                if authority
                else msg(
                    "recipient `{id}` is described only as \u201c{words}\u201d, which does "
                    "not say who or what kind of recipient it is",
                    id=recipient.id,
                    words=words,
                ),
                msg(
                    "name the authorities (e.g. the State Revenue Service, the police), or "
                    "say that they receive data only where the law entitles them"
                )
                if authority
                else msg(
                    "name the recipient, or give a category a reader can check (e.g. "
                    "courier services, credit reference agencies)"
                ),
                related=related,
            )


def _references(register: Register) -> dict[str, list[Location]]:
    """For each recipient, the places in the activities' `recipients:` that name it."""
    references: dict[str, list[Location]] = {}
    for activity in register.activities:
        if isinstance(activity.recipients, list):
            for index, identifier in enumerate(activity.recipients):
                references.setdefault(identifier, []).append(activity.at("recipients", index))
    return references


def _says_no_kind(category: object) -> bool:
    """Whether every language of the category names no kind of recipient."""
    texts = [text_of(category, language) for language in ("lv", "en")]
    return all(names_no_kind(text) for text in texts if text)


def _says_only_the_law(category: object) -> bool:
    """Whether every language of the category says only that the law entitles someone."""
    texts = [text for text in (text_of(category, lang) for lang in ("lv", "en")) if text]
    return bool(texts) and all(names_only_the_law(text) for text in texts)


@rule("RC04", "recipient.country-unknown", severity=Severity.WARNING, article="Art. 30(1)(d), 44")
def country_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """A recipient whose country is not known.

    Why: without the recipient's country nobody can tell whether disclosing data to it is a
    transfer outside the EEA (Art. 44) that needs a transfer tool and a line in the record
    (Art. 30(1)(d), (e)). Not reported: public authorities (assumed national); the public
    (`kind: public` — publishing data is not a transfer, CJEU C-101/01 Lindqvist);
    recipients inside the organisation (`kind: internal` — a department or role of the
    controller itself is no recipient of a transfer, EDPB Guidelines 05/2021); a
    recipient recorded only as a class of people ("the general public", "anyone entitled
    by law", "couriers"), which has no one country; and a recipient every activity using
    it states `transfers: none` for. Nor a recipient recorded only as a category
    (`name: unknown`) where no activity using it lists its transfers: its country cannot
    be known before it is named, and whether the activity transfers data at all is asked
    once, at the activity (TR06); nor such a category where the only transfers its
    activities list that could be its own go to a recipient left unnamed: TR05 asks the
    country there, and asking it again here is the same question; nor one that RC05,
    RC21 or RC22 already ask to be named (the country follows from the name); nor a
    recipient whose transfer entries name it and leave the country open, every one: TR05
    asks that country at the transfer (Art. 30(1)(e)), and it is the same question.
    `country: EEA`
    says "inside the EU/EEA" without naming the country.

    Fails:

    ```yaml
    recipients:
      - id: payments
        name: Maksājumi AS
        kind: processor
        contract: DPA-5
        country: unknown  # ← RC04
    ```

    Passes:

    ```yaml
    recipients:
      - id: payments
        name: Maksājumi AS
        kind: processor
        contract: DPA-5
        country: EE
    ```
    """
    users = _transfers_of_users(register)
    for recipient in register.recipients:
        if recipient.kind in _NOT_ORGANISATIONS:
            continue
        uses = users.get(recipient.id, [])
        if uses and all(value == "none" for value in uses):
            continue
        if _unnamed(recipient) and (
            says(recipient.category, "recipient_class")
            or not any(isinstance(value, list) for value in uses)
            or _only_unnamed_transfers(recipient.id, uses)
            or _asked_who(recipient)
        ):
            continue
        if not_stated(recipient.country) and not _country_asked_at_transfer(recipient.id, uses):
            yield Violation(
                recipient.at("country"),
                msg(
                    "the country of recipient `{id}` is not known, so a transfer "
                    "outside the EEA cannot be ruled out",
                    id=recipient.id,
                ),
                msg("add `country:` with the ISO code of where it processes the data"),
            )


def _only_unnamed_transfers(identifier: str, uses: list[object]) -> bool:
    """Whether no transfer entry of the activities using the recipient names it, and one
    of them goes to a recipient left unnamed (which may be this one: TR05 asks its
    country there)."""
    entries = [t for value in uses if isinstance(value, list) for t in value]
    return not any(getattr(t, "recipient", None) == identifier for t in entries) and any(
        not_stated(getattr(t, "recipient", None)) for t in entries
    )


def _country_asked_at_transfer(identifier: str, uses: list[object]) -> bool:
    """Whether the transfer entries of the activities using the recipient name it and none
    of them gives a country: TR05 asks that country at the transfer, and it is the
    recipient's. Where one of them names a country, the recipient's own entry says less
    than its transfers do, and is asked."""
    countries = [
        getattr(t, "country", None)
        for value in uses
        if isinstance(value, list)
        for t in value
        if getattr(t, "recipient", None) == identifier
    ]
    return bool(countries) and all(not_stated(country) for country in countries)


def _transfers_of_users(register: Register) -> dict[str, list[object]]:
    """For each recipient, the `transfers:` of every activity (and controller served) that
    names it."""
    users: dict[str, list[object]] = {}
    named: list[tuple[object, object]] = [(a.recipients, a.transfers) for a in register.activities]
    named.extend((c.sub_processors, c.transfers) for c in register.controllers)
    for ids, transfers in named:
        if isinstance(ids, list):
            for identifier in ids:
                users.setdefault(identifier, []).append(transfers)
    return users


def _contract_unidentified(recipient: Recipient) -> bool:
    """The contract's words say it is not identified, and it gives no reference (a
    number, a date, a clause) that would point at it anyway."""
    return says(recipient.contract, "unidentified") and not any(
        character.isdigit()
        for language in ("lv", "en")
        for character in text_of(recipient.contract, language)
    )


@rule("RC05", "recipient.processor-unnamed", severity=Severity.WARNING, article="Art. 28(1)")
def processor_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """A processor recorded only by its category, without its name.

    Why: the record may list categories of recipients (Art. 30(1)(d)), but a controller
    uses only processors it has chosen for their guarantees (Art. 28(1)) and bound by a
    contract (Art. 28(3)) — it knows who they are. A processor the register can neither
    name nor point to a contract with is a processor nobody has checked; the missing
    contract is part of the same gap and is said here, not again by RC01. A category
    whose Art. 28 contract is on record is enough for Art. 30(1)(d): the contract
    identifies the processors — unless its own words say it is not identified ("data
    processing agreement (not identified)", "līgums (nav norādīts)") and it gives no
    reference (a number, a date, a clause of a policy) to find it by: that says contracts
    exist, not with whom.

    Fails:

    ```yaml
    recipients:
      - id: data-centres
        name: unknown  # ← RC05
        category: {lv: datu centri, en: data centres}
        kind: processor
        contract: unknown
    ```

    Passes:

    ```yaml
    recipients:
      - id: data-centres
        name: SIA "Datu Centrs"
        category: {lv: datu centri, en: data centres}
        kind: processor
        contract: Apstrādes līgums 2024-02
    ```
    """
    for recipient in register.recipients:
        if recipient.kind not in _PROCESSORS or not _unnamed(recipient):
            continue
        unidentified = _contract_unidentified(recipient)
        if _contract_stated(recipient) and not unidentified:
            continue
        if unidentified:
            message = msg(
                "processor `{id}` is recorded only as a category, and its Art. 28 contract "
                "is not identified: the register does not say who it is",
                id=recipient.id,
            )
        elif recipient.contract == "none":
            message = msg(
                "processor `{id}` is recorded only as a category; the register does "
                "not say who it is",
                id=recipient.id,
            )
        else:
            message = msg(
                "processor `{id}` is recorded only as a category, with no Art. 28 "
                "contract on record: the register does not say who it is",
                id=recipient.id,
            )
        yield Violation(
            recipient.at("name"),
            message,
            msg(
                "name the processor (each one, if the category covers several) and "
                "record its Art. 28 contract"
            ),
        )


# Professions that receive data under duties of their own (folded): auditors,
# advocates and other lawyers, notaries.
_PROFESSIONS = re.compile(
    r"\b(?:revident\w*|auditor\w*|advokat\w*|notar\w*|lawyer\w*|solicitor\w*|"
    r"barrister\w*|attorney\w*|legal\s+advis\w*|legal\s+counsel\w*|"
    r"juridisk\w*\s+(?:konsultant|padomniek|biroj)\w*)"
)


# Those who give the person health care (folded): hospitals, surgeries, hospices, doctors,
# nurses, physiotherapists, clinics. Not occupational health, nor care given under a
# contract with the organisation ("ar kuriem noslēgti līgumi", "under contract with us"):
# such a provider may act for it (a processor or a controller, by the arrangement), and
# that question stays.
_CARE_GIVERS = re.compile(
    r"\b(?:hospital\w*|hospice\w*|hospis\w*|surger(?:y|ies)\b|general practi\w*|gps?\b|"
    r"doctors?\b|physicians?\b|nurs(?:e|es|ing)\b|physio\w*|clinics?\b|"
    r"health\s*care providers?\b|slimnic\w*|poliklinik\w*|klinik\w*|"
    r"arstniecibas (?:iestad|person)\w*|arst(?:s|i|a|u|iem)\b|gimenes arst\w*|"
    r"fizioterapeit\w*|medicinas mas\w*)"
)
_NOT_CARE = re.compile(
    r"occupational|darba veselib|arodveselib|veterinar|\bvet\b|ligum|contract|"
    r"on (?:our|its) behalf|uzdevum|engaged"
)


def _own_profession(recipient: Recipient) -> bool:
    """Whether the recipient's name or category names auditors or lawyers, who receive
    data under professional duties of their own (EDPB Guidelines 07/2020, the examples
    of a law firm representing a client and of a statutory auditor: controllers), or
    those who give the person health care, under duties of secrecy and record-keeping of
    their own (Art. 9(2)(h), 9(3))."""
    for value in (recipient.name, recipient.category):
        if value in (None, "unknown", "none"):
            continue
        for language in ("lv", "en"):
            text = text_of(value, language)
            if not text:
                continue
            folded = fold_word(text)
            if _PROFESSIONS.search(folded) or (
                recipient.contract is None
                and _CARE_GIVERS.search(folded)
                and not _NOT_CARE.search(folded)
            ):
                return True
    return False


@rule("RC11", "recipient.kind-unknown", severity=Severity.WARNING, article="Art. 28, 30(1)(d)")
def kind_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """A recipient of which the register does not know whether it is a processor.

    Why: a processor acts on the controller's instructions under an Art. 28 contract, and
    the controller answers for choosing it (Art. 28(1), (3)); an independent controller
    answers for itself. Which one a recipient is decides what the record must hold, so the
    question has to be settled rather than guessed: `kind: unknown` records that it is
    open. Not reported where the name or category itself names a public authority
    ("vīzu izsniedzējas iestādes", "the tax authority", "courts"): a public body receives
    data to exercise the powers the law gives it, as a controller of its own (Art. 4(7);
    Recital 31), so the question is settled by what it is. Nor where it names a bank, an
    e-money or payment institution, a payment system or card scheme ("elektroniskā banka,
    elektroniskā nauda, citas maksājumu sistēmas", "card payment providers") and the
    register does not call it a processor in words: for the payment such a body is a
    controller in its own right, bound by its own legal duties (PSD2 — Directive (EU)
    2015/2366; anti-money-laundering law; EDPB Guidelines 07/2020, the example of a bank
    carrying out payments), as RC01 reads it. Nor where the category names no one, only
    the ground on which they receive the data: the law's entitlement ("third parties in
    the cases set by law") or the person's consent ("trešās personas, ja saņemta datu
    subjekta piekrišana"). A processor receives data on the controller's instructions
    (Art. 28(3)(a), 29), on neither ground, so the question is settled; who they are is
    RC03's question. Nor where it names auditors, advocates or other lawyers, or
    notaries ("zvērināti revidenti", "advokāti", "legal advisers"): they receive data
    under professional duties of their own, as controllers (EDPB Guidelines 07/2020, the
    examples of a law firm representing its client and of a statutory auditor;
    paragraph numbers not verified). Nor where it names those who give the person
    health care ("local hospitals and surgeries", "hospice care", "district nurses",
    "ārstniecības iestādes"): they receive a patient's data to care for them, under
    duties of professional secrecy (Art. 9(3)) and of keeping their own records of that
    care, and so decide for themselves what the data is for: controllers. Occupational
    health is not among them, nor care given under a contract with the organisation
    ("sporta ārsti, ar kuriem noslēgti līgumi", or a `contract:` recorded): such a
    provider may act for it, by the arrangement; nor veterinary care.

    Fails:

    ```yaml
    recipients:
      - id: it-partners
        name: unknown
        category: {lv: IT pakalpojumu sniedzēji, en: IT service providers}
        kind: unknown  # ← RC11
    ```

    Passes:

    ```yaml
    recipients:
      - id: it-partners
        name: SIA "IT Serviss"
        category: {lv: IT pakalpojumu sniedzēji, en: IT service providers}
        kind: processor
        contract: Apstrādes līgums 2024-05
    ```
    """
    for recipient in register.recipients:
        if (
            recipient.kind is RecipientKind.UNKNOWN
            and not _public_body(recipient)
            and not _independent_payment_body(recipient)
            and not _by_right(recipient)
            and not _own_profession(recipient)
        ):
            yield Violation(
                recipient.at("kind"),
                msg(
                    "it is not known whether `{id}` is a processor or a controller in "
                    "its own right; if it is a processor it needs an Art. 28 contract "
                    "and a name",
                    id=recipient.id,
                ),
                msg(
                    "ask what the recipient does with the data, then record `kind:` "
                    "(and for a processor, `name:` and `contract:`)"
                ),
            )


@rule(
    "RC12",
    "processor.sub-processors-unknown",
    severity=Severity.WARNING,
    article="Art. 28(2), (4)",
)
def sub_processors_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """A processor's record that does not say which sub-processors serve a controller.

    Why: a processor engages another processor only with the controller's prior written
    authorisation (Art. 28(2)), binds it by the same obligations and stays liable for it
    (Art. 28(4)); the controller must be told of every change. A processor that records
    its controllers (Art. 30(2)) cannot leave open who processes their data on its behalf:
    list the sub-processors, or say `sub_processors: none`.

    Fails:

    ```yaml
    organisation:
      name: SIA "Mākonis"
      role: processor
      contact: {email: dpo@makonis.lv}
    controllers:
      - id: schools
        name: Rīgas skolas
        contact: {email: izglitiba@riga.lv}
        processing: [E-klases uzturēšana]
        sub_processors: unknown  # ← RC12
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Mākonis"
      role: processor
      contact: {email: dpo@makonis.lv}
    recipients:
      - {id: hosting, name: SIA "Datu Centrs", kind: sub_processor, country: LV,
         contract: Apakšapstrādes līgums 2024-01}
    controllers:
      - id: schools
        name: Rīgas skolas
        contact: {email: izglitiba@riga.lv}
        processing: [E-klases uzturēšana]
        sub_processors: [hosting]
    ```
    """
    for controller in register.controllers:
        if controller.sub_processors == "unknown":
            yield Violation(
                controller.at("sub_processors"),
                msg(
                    "the sub-processors that process the data of `{id}` are not recorded",
                    id=controller.id,
                ),
                msg(
                    "list them under `sub_processors:` (recipient ids), or write "
                    "`sub_processors: none`"
                ),
            )


@rule(
    "RC21",
    "recipient.group-unnamed",
    severity=Severity.WARNING,
    article="Art. 30(1)(d); Recital 48",
)
def group_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """Companies of the organisation's own group recorded only as a category.

    Why: each company of a group is a controller or processor of its own (Art. 4(7),
    4(19)); passing data to it is a disclosure that needs its own basis — there is no
    group privilege (Recital 48 allows at most a legitimate interest for internal
    administration). The record may list categories of recipients (Art. 30(1)(d)), but an
    organisation knows its own group: "our group companies" tells nobody which ones, or in
    which countries (Chapter V). The words are read from the recipient's category and
    description through the text layer (`group_companies`).

    Fails:

    ```yaml
    recipients:
      - id: group
        name: unknown  # ← RC21
        category: {lv: koncerna uzņēmumi, en: companies of our group}
        kind: controller
        country: unknown
    ```

    Passes:

    ```yaml
    recipients:
      - id: group-ee
        name: AS "Grupa Eesti"
        category: {lv: koncerna uzņēmums, en: group company}
        kind: controller
        country: EE
    ```
    """
    for recipient in register.recipients:
        if recipient.kind in _NOT_ORGANISATIONS or not _unnamed(recipient):
            continue
        found = _words(recipient, ("category", "description"), "group_companies")
        if found is None:
            continue
        yield Violation(
            recipient.at("name"),
            msg(
                "recipient `{id}` (\u201c{words}\u201d) is the organisation's own group, "
                "recorded only as a category: the register does not say which companies "
                "receive the data",
                id=recipient.id,
                words=found.matched,
            ),
            msg("name each group company that receives the data, with its country and role"),
        )


@rule("RC22", "recipient.tracking-unnamed", severity=Severity.WARNING, article="Art. 26, 30(1)(d)")
def tracking_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """Cookie, advertising or social-network providers recorded only as a category.

    Why: the organisation decides whose tags, pixels, plug-ins and platforms run on its
    pages or carry its publications, so it knows who they are. Embedding them makes it,
    for the collection and the passing on of the data, a joint controller with the
    provider (CJEU C-40/17 Fashion ID; C-210/16 Wirtschaftsakademie for a page on a social
    network), which needs an Art. 26 arrangement; consent to their cookies is informed
    only if it names them (EDPB Guidelines 05/2020, para 65). "Advertising partners",
    "ad networks", "analytics providers" or "third-party cookie providers" names none of
    them ("marketing partners" may be any partner in a campaign, and is not read as one).
    Processors are left to RC05. The finding names the activities that use the recipient
    as related places.

    Fails:

    ```yaml
    recipients:
      - id: ad-partners
        name: unknown  # ← RC22
        category:
          lv: reklāmas partneri (atkārtotā mērķauditorijas atlase)
          en: advertising partners (retargeting)
        kind: other
    activities:
      - id: ads
        name: Retargeting
        recipients: [ad-partners]
    ```

    Passes:

    ```yaml
    recipients:
      - id: meta
        name: Meta Platforms Ireland Limited
        category:
          lv: reklāmas partneri (atkārtotā mērķauditorijas atlase)
          en: advertising partners (retargeting)
        kind: joint_controller
        country: IE
    activities:
      - id: ads
        name: Retargeting
        recipients: [meta]
    ```
    """
    references = _references(register)
    for recipient in register.recipients:
        if recipient.kind in (*_NOT_ORGANISATIONS, *_PROCESSORS) or not _unnamed(recipient):
            continue
        found = _chosen_tool(recipient)
        if found is None:
            continue
        yield Violation(
            recipient.at("name"),
            msg(
                "recipient `{id}` (\u201c{words}\u201d) is recorded only as a category, "
                "though the organisation chooses whose cookies, pixels or platforms it uses",
                id=recipient.id,
                words=found.matched,
            ),
            msg(
                "name each provider and its country; where you embed its code or run a "
                "page on it, record the Art. 26 arrangement"
            ),
            related=tuple(references.get(recipient.id, ())),
        )


# The concepts that name a tool whose provider receives the data it reads. A social
# network's plug-in or pixel is OR13's: it asks for the joint controller the plug-in makes.
_TRACKING_TOOLS = ("third_party_tracking",)


def _tracking_provider(recipient: Recipient) -> bool:
    """Whether a recipient is, or may be, a provider of cookies, ads, tracking or a social
    network (a joint controller, or words that say so)."""
    if recipient.kind == RecipientKind.JOINT_CONTROLLER or _chosen_tool(recipient) is not None:
        return True
    described = ("name", "category", "description")
    return any(
        _words(recipient, described, concept) is not None
        # An advertising or marketing partner may be the one whose tags run: its
        # category says as much as a recipient of the tool can.
        for concept in (*_TRACKING_TOOLS, "social_plugin", "marketing")
    )


def _names_brand(recipient: Recipient, words: str) -> bool:
    """Whether the recipient's name carries a brand the words name ("Google Analytics" and
    a recipient named Google Ireland Limited): the provider is then on record."""
    brands = {word.casefold() for word in words.split() if word[:1].isupper()}
    names = " ".join(
        text_of(recipient.name, language) or ""
        for language in ("lv", "en")
        if recipient.name not in (None, "unknown")
    ).casefold()
    return any(brand in names.split() for brand in brands)


@rule(
    "RC23",
    "activity.tracking-provider-unrecorded",
    severity=Severity.WARNING,
    article="Art. 26, 30(1)(d)",
)
def tracking_provider_unrecorded(register: Register, context: Context) -> Iterator[Violation]:
    """Third-party tracking named in an activity, with no provider among its recipients.

    Why: advertising identifiers, third-party cookies, retargeting, tracking pixels and
    the analytics or ad services named as such ("Google Analytics"), and session
    recording ("session replay", "sesiju ieraksti", a service named as such: "Hotjar",
    "Microsoft Clarity"), whose recorded page events go to the recording service,
    pass what they read to their provider: the visitor's browser or device sends it, and
    the organisation that embeds the code is, for that collection and passing on, a joint
    controller with the provider (CJEU C-40/17 Fashion ID). The provider is a recipient
    the record names (Art. 30(1)(d)), with the Art. 26 arrangement, and consent to the
    cookies is informed only if it names them (EDPB Guidelines 05/2020, para 65). RC22
    asks a provider recorded only as a category to be named; an activity whose words name
    such tools and whose `recipients:` has no provider at all (left unknown, `none`, or a
    list of others) says less still. Read in the activity's name, description, purposes
    and data, in any inflection; a denial ("we do not use third-party cookies") is not a
    finding, nor first-party words ("our own cookies", "personalised offers", session
    recording said to be self-hosted or on the organisation's own servers), nor an
    activity that records its joint controllers, nor one whose recipients include one
    named with the brand the words name ("Google Analytics", a recipient Google Ireland
    Limited); a social network's plug-in or pixel is OR13's (the joint controller it
    makes).

    Fails:

    ```yaml
    activities:
      - id: app-ads
        name: Reklāma lietotnē
        personal_data: [ierīces reklāmas identifikators, lietotnes lietojums]
        recipients: unknown  # ← RC23
    ```

    Passes:

    ```yaml
    recipients:
      - id: google-ads
        name: Google Ireland Limited
        category: {lv: reklāmas tīkls, en: advertising network}
        kind: joint_controller
        country: IE
    activities:
      - id: app-ads
        name: Reklāma lietotnē
        personal_data: [ierīces reklāmas identifikators, lietotnes lietojums]
        recipients: [google-ads]
    ```
    """
    catalogue = {recipient.id: recipient for recipient in register.recipients}
    for activity in register.activities:
        found = first_readings(activity, _TRACKING_TOOLS)
        if not found or activity.joint_controllers:
            continue
        reading = min(found.values(), key=lambda r: DESCRIBING.index(r.key))
        listed = activity.recipients
        if isinstance(listed, list) and any(
            _tracking_provider(catalogue[identifier])
            or _names_brand(catalogue[identifier], reading.inference.matched)
            for identifier in listed
            if identifier in catalogue
        ):
            continue
        yield Violation(
            activity.at("recipients"),
            msg(
                "`{id}` names \u201c{words}\u201d, whose provider receives the data it "
                "reads, but no such provider is among its recipients",
                id=activity.id,
                words=reading.quote(),
            ),
            msg(
                "add each provider, with its name and country, to `recipients:`; where "
                "its code runs on your pages or app, record the Art. 26 arrangement"
            ),
            related=(reading.location,),
        )


@rule(
    "RC24",
    "activity.system-provider-unlisted",
    severity=Severity.WARNING,
    article="Art. 4(9), 28, 30(1)(d)",
)
def system_provider_unlisted(register: Register, context: Context) -> Iterator[Violation]:
    """An activity that uses a system whose provider is not among its recipients.

    Why: the provider that runs or hosts a system processes the data kept in it on the
    organisation's behalf: it is a processor (Art. 4(8), 28) and a recipient (Art. 4(9)),
    and the record names the recipients of each activity (Art. 30(1)(d)). A system whose
    `provider:` is a recipient, used by an activity whose `recipients:` does not list it
    (left unknown, `none`, or a list of others), leaves out a recipient the register
    itself knows. Not reported for a provider inside the organisation (`kind:
    internal`). One finding for each such provider.

    Fails:

    ```yaml
    recipients:
      - {id: hosting-co, name: SIA "Mitinātājs", kind: processor, country: LV, contract: DPA-1}
    systems:
      - {id: eshop, name: E-veikala platforma, provider: hosting-co, location: LV}
    activities:
      - id: orders
        name: Pasūtījumi
        systems: [eshop]
        recipients: none  # ← RC24
    ```

    Passes:

    ```yaml
    recipients:
      - {id: hosting-co, name: SIA "Mitinātājs", kind: processor, country: LV, contract: DPA-1}
    systems:
      - {id: eshop, name: E-veikala platforma, provider: hosting-co, location: LV}
    activities:
      - id: orders
        name: Pasūtījumi
        systems: [eshop]
        recipients: [hosting-co]
    ```
    """
    if not register.systems:
        return
    kinds = {recipient.id: recipient.kind for recipient in register.recipients}
    providers = {
        system.id: system.provider
        for system in register.systems
        if system.provider and kinds.get(system.provider) != RecipientKind.INTERNAL
    }
    for activity in register.activities:
        if not activity.systems:
            continue
        listed = activity.recipients if isinstance(activity.recipients, list) else []
        missing: dict[str, str] = {}
        for system in activity.systems:
            provider = providers.get(system)
            if provider is not None and provider not in listed:
                missing.setdefault(provider, system)
        for provider, system in missing.items():
            yield Violation(
                activity.at("recipients"),
                msg(
                    "`{id}` uses system `{system}`, whose provider `{provider}` processes "
                    "its data, but `{provider}` is not among its recipients",
                    id=activity.id,
                    system=system,
                    provider=provider,
                ),
                msg("add the provider of each system the activity uses to its `recipients:`"),
                related=(activity.at("systems", activity.systems.index(system)),),
            )
