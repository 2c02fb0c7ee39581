"""The organisation keeping the record: identity, DPO, representative, joint controllers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import counted, msg
from ropa.knowledge.addresses import country_of_address
from ropa.knowledge.eea import is_third_country
from ropa.knowledge.legal_forms import (
    LV_REGISTER_DIGITS,
    names_legal_entity,
    registered_in_latvia,
)
from ropa.knowledge.lexicon import mentions
from ropa.knowledge.mail import domain_name, is_free_mail, is_general_mailbox, names_holder
from ropa.knowledge.text import fold_word
from ropa.model.organisation import (
    AppointedDpo,
    Contact,
    NoDpoDecision,
    Organisation,
    Representative,
)
from ropa.model.register import Register
from ropa.model.types import UNKNOWN_MARKER, text_of
from ropa.model.vocabulary import ActivityRole, RecipientKind
from ropa.position import Location
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import first_readings, says
from ropa.rules.dpia import screen
from ropa.rules.tracking import monitors


def has_contact(contact: object) -> bool:
    """A contact with at least an e-mail address, a phone number or an address."""
    return isinstance(contact, Contact) and any(
        (contact.email, contact.phone, contact.address, contact.website)
    )


@rule("OR01", "organisation.identity", severity=Severity.ERROR, article="Art. 30(1)(a)")
def identity(register: Register, context: Context) -> Iterator[Violation]:
    """The organisation's name or contact is missing, or its name identifies no legal entity.

    Why: the record opens with the name and contact details of the controller
    (Art. 30(1)(a)) or processor (Art. 30(2)(a)); a record that does not say whose it is
    cannot be handed to the supervisory authority (Art. 30(4)). A record with neither
    name nor contact does not say whose it is: one gap, reported once. Where the
    unnamed organisation's country is not stated either, that belongs to the same gap
    (OR05 is not reported then): the finding names `country` among its places. The name
    is that of the legal entity that answers for the processing (Art. 13(1)(a): "the
    identity" of the controller): a trading name or brand ("Kurjers Rīgā", "Sweaty Betty")
    with no legal form in it (SIA, AS, biedrība, Ltd, plc ...; `ropa.knowledge.legal_forms`),
    no registration number and no address, or a name that itself says the legal entity is
    not named, leaves open who that is — a warning. A public authority is named by law.
    A Latvian company, association or foundation (a legal form the Register of
    Enterprises registers: SIA, AS, biedrība, nodibinājums ...) whose registration number
    is all digits but not the register's eleven is a number that identifies no one (a
    digit lost in copying): a warning. Schools and other bodies numbered in registers of
    their own are not asked.
    The organisation's postal address (`organisation.address`) is contact details: the
    controller can be written to there (Art. 13(1)(a) "contact details", Art. 30(1)(a)),
    so a record that gives it has not left the contact out, even with `contact: unknown`.
    Where it is the only way recorded to reach the controller, an info note says so: the
    transparency guidelines (WP260 rev.01, Annex, Art. 13(1)(a)) advise contact details
    that allow more than one form of communication (phone, e-mail, post; paraphrased,
    not re-checked against the guidelines' text in this change), and a DPO asks
    for the e-mail address or phone number that requests will reach — unless the DPO's
    are recorded, since data subjects may take every question about their data and rights
    to the DPO (Art. 38(4)), or a privacy contact's (`privacy_contact:` with an e-mail
    address or phone number), where the record says data protection questions and requests
    go (Art. 12(2), 13(1)(a)). The same holds for a postal address written under `contact:`
    itself (`contact: {address: ...}`): the one form of communication is the same wherever
    the register writes it. The same note is given where the only contact is a website
    (a contact form): it leaves one form of communication, and no address to write to
    and no e-mail or phone that requests reach. The organisation's own website
    (`organisation.website`), where the record gives no other contact, is the same one
    way in (the format lists `address`, `contact` and `website` as where and how to reach
    the organisation): the one-form note, not the error "contact details are not stated",
    which would tell the reader the record gives no way at all to reach a controller whose
    website it names; the note stands even where the DPO can be reached, since the record
    then holds none of the controller's own contact details beside the DPO's (Art.
    30(1)(a) asks for both). Beside a postal address, only a website written under
    `contact:` (offered as a way in) counts as the second form of communication; the
    organisation's own site is not taken as one, and the postal-only note stands.

    Fails:

    ```yaml
    organisation:
      name: unknown  # ← OR01
      role: controller
      contact: unknown
    ```

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: unknown  # ← OR01
    ```

    ```yaml
    organisation:
      name: Ziedu Kurjers  # ← OR01
      registration_number: unknown
      role: controller
      contact: {email: info@ziedukurjers.lv}
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: privatums@piemers.lv}
    ```

    ```yaml
    organisation:
      name: SIA "Piemērs"
      address: Brīvības iela 1, Rīga, LV-1010
      role: controller
      contact: unknown
    ```

    ```yaml
    organisation:
      name: Ziedu Kurjers
      registration_number: "40003000001"
      role: controller
      contact: {email: info@ziedukurjers.lv}
    ```
    """
    organisation = register.organisation
    yield from _brand_only(organisation)
    yield from _register_number_short(organisation)
    # The legal address is where the controller can be written to: contact details too.
    contact = has_contact(organisation.contact) or not not_stated(organisation.address)
    # The organisation's website (`organisation.website`) is where it is reached too (its
    # contact page or form): no e-mail, phone or address is then one form of communication.
    site_only = not contact and not not_stated(organisation.website)
    if not_stated(organisation.name):
        # Where an unnamed organisation is established, and so whether it needs a
        # representative (Art. 27), is part of not knowing whose record it is (OR05).
        unplaced: tuple[Location, ...] = ()
        if not_stated(organisation.country):
            unplaced = (organisation.at("country"),)
            if not_stated(organisation.representative):
                unplaced += (organisation.at("representative"),)
        hint = (
            msg("write its legal name under `organisation.name`")
            if contact
            else msg(
                "write its legal name under `organisation.name` and add `contact:` with "
                "an e-mail address, phone number or postal address"
            )
        )
        yield Violation(
            organisation.at("name"),
            msg("the organisation's name is recorded as unknown")
            if organisation.name == "unknown" and contact
            else msg("the organisation's name is not stated")
            if contact
            else msg("the record does not say whose it is: no name and no contact details"),
            msg("{hint}; then `country:`, where it is established", hint=hint)
            if unplaced
            else hint,
            related=(() if contact else (organisation.at("contact"),)) + unplaced,
        )
    elif not contact and not site_only:
        yield Violation(
            organisation.at("contact"),
            msg("the organisation's contact details are not stated"),
            msg("add `contact:` with an e-mail address, phone number or postal address"),
        )
    elif site_only:
        # The controller's own contact is missing (Art. 30(1)(a) asks for it beside the
        # DPO's), so the note stands even where the DPO can be reached.
        yield Violation(
            organisation.at("contact"),
            msg(
                "the organisation's only contact is its website (`organisation.website`): "
                "no e-mail address, phone number or postal address"
            ),
            msg("add `contact:` with an e-mail address or phone number that requests reach"),
            severity=Severity.INFO,
            related=(organisation.at("website"),),
        )
    elif not has_contact(organisation.contact) and not _dpo_reachable(organisation):
        yield Violation(
            organisation.at("contact"),
            msg(
                "the organisation's only contact details are its postal address "
                "(`organisation.address`)"
            ),
            msg("add `contact:` with an e-mail address or phone number that requests reach"),
            severity=Severity.INFO,
        )
    elif _postal_only(organisation) and not _dpo_reachable(organisation):
        # The same one form of communication written under `contact:` itself.
        yield Violation(
            organisation.at("contact"),
            msg(
                "the organisation's only contact details are a postal address "
                "(`contact.address`): no e-mail address or phone number"
            ),
            msg("add an e-mail address or phone number that requests reach under `contact:`"),
            severity=Severity.INFO,
        )
    elif _website_only(organisation) and not _dpo_reachable(organisation):
        yield Violation(
            organisation.at("contact"),
            msg(
                "the organisation's only contact is a website (`contact.website`): no "
                "e-mail address, phone number or postal address"
            ),
            msg("add `contact:` with an e-mail address or phone number that requests reach"),
            severity=Severity.INFO,
        )


def _postal_only(organisation: Organisation) -> bool:
    """The contact recorded is a postal address and nothing else: no e-mail address, phone
    number or website (a contact form with the address is two ways in)."""
    contact = organisation.contact
    return (
        isinstance(contact, Contact)
        and bool(contact.address)
        and not any((contact.email, contact.phone, contact.website))
    )


def _website_only(organisation: Organisation) -> bool:
    """The organisation is reached only through a website (a contact form, say)."""
    contact = organisation.contact
    return (
        isinstance(contact, Contact)
        and bool(contact.website)
        and not any((contact.email, contact.phone, contact.address))
        and not_stated(organisation.address)
    )


def _dpo_reachable(organisation: Organisation) -> bool:
    """The appointed DPO has an e-mail address or phone number (Art. 38(4): reached there),
    or the privacy contact has one: where data protection questions and requests go
    (Art. 12(2), 13(1)(a)), which is what the e-mail or phone is asked for."""
    dpo = organisation.dpo
    privacy = organisation.privacy_contact
    return (
        isinstance(dpo, AppointedDpo)
        and isinstance(dpo.contact, Contact)
        and any((dpo.contact.email, dpo.contact.phone))
    ) or (isinstance(privacy, Contact) and any((privacy.email, privacy.phone)))


def _brand_only(organisation: Organisation) -> Iterator[Violation]:
    """A name that identifies no legal entity (see OR01)."""
    if not_stated(organisation.name) or organisation.is_public_authority:
        return
    names = [text_of(organisation.name, language) for language in ("lv", "en")]
    unnamed = any(says(name, "unidentified") for name in names if name)
    anonymous = (
        not any(names_legal_entity(name) for name in names if name)
        and not_stated(organisation.registration_number)
        and not_stated(organisation.address)
    )
    if unnamed or anonymous:
        yield Violation(
            organisation.at("name"),
            msg(
                "the organisation is named only as \u201c{name}\u201d: no legal form, "
                "registration number or address says which legal entity answers for the "
                "processing",
                name=next(name for name in names if name),
            ),
            msg("write the legal entity's name, with its registration number or address"),
            severity=Severity.WARNING,
        )


def _register_number_short(organisation: Organisation) -> Iterator[Violation]:
    """A Latvian registered entity's number that is not the register's 11 digits (OR01)."""
    number = organisation.registration_number
    if not isinstance(number, str) or number == "unknown" or organisation.country != "LV":
        return
    digits = number.replace(" ", "")
    if digits[:2].upper() == "LV":  # the VAT number: LV and the registration number
        digits = digits[2:]
    if not digits.isdigit() or len(digits) == LV_REGISTER_DIGITS:
        return
    names = [text_of(organisation.name, language) for language in ("lv", "en")]
    if not any(registered_in_latvia(name) for name in names if name):
        return
    yield Violation(
        organisation.at("registration_number"),
        msg(
            "the registration number \u201c{number}\u201d has {count} digits: a number of "
            "the Latvian Register of Enterprises has {digits}, so it does not identify "
            "the organisation",
            number=number,
            count=len(digits),
            digits=LV_REGISTER_DIGITS,
        ),
        msg("copy the registration number from the Register of Enterprises"),
        severity=Severity.WARNING,
    )


# The WP248 criteria that, on a large scale (C5), make up the core activities of Art.
# 37(1)(b) (systematic monitoring, C3) and 37(1)(c) (special-category or criminal data, C4).
_CORE_CRITERIA = frozenset({"WP248.C3", "WP248.C4"})


def _dpo_may_be_required(register: Register) -> bool:
    """Whether the register shows an Art. 37(1) case: a public authority, or an activity
    of large-scale monitoring or large-scale special-category or criminal data."""
    if register.organisation.is_public_authority:
        return True
    for activity in register.activities:
        criteria = screen(activity, register=register).criteria
        if "WP248.C5" in criteria and criteria & _CORE_CRITERIA:
            return True
    return False


@rule(
    "OR02",
    "organisation.dpo",
    severity=Severity.WARNING,
    article="Art. 30(1)(a), 37",
    severity_note="info where the register shows no DPO is required",
)
def dpo(register: Register, context: Context) -> Iterator[Violation]:
    """No data protection officer is recorded, nor a reasoned decision not to appoint one.

    Why: where a DPO is designated (Art. 37), the record names them with their contact
    details (Art. 30(1)(a)). Where none is, recording the decision and its reason shows the
    Art. 37(1) question was asked; `appointed: false` with no reason does not. A public
    authority or body must designate one (Art. 37(1)(a)), except courts acting in their
    judicial capacity: its `appointed: false` is reported unless the reason is recorded.
    How loudly depends on what the register shows: a warning for a public authority, or
    where an activity is large-scale (WP248 C5) systematic monitoring (C3) or special-
    category or criminal data (C4), the core activities of Art. 37(1)(b)-(c); otherwise a
    DPO is not required, and recording the decision is the good practice the Article 29
    Working Party recommends (Guidelines on DPOs, WP243 rev.01, 2.1), an info note.
    Where the register says `public_authority: unknown` (the source does not say whether
    the organisation is a public body), that is the Art. 37(1)(a) question itself: no DPO
    and no decision recorded, or a decision with no reason, is a warning naming
    `public_authority` too. A DPO recorded with `contact: unknown` is reported as a DPO
    whose contact details are missing.

    Fails:

    ```yaml
    organisation:
      name: Valsts aģentūra "Piemērs"
      role: controller
      public_authority: true
      contact: {email: info@piemers.gov.lv}
      dpo: unknown  # ← OR02
    ```

    ```yaml
    organisation:
      name: Pašvaldība
      role: controller
      public_authority: true
      contact: {email: dome@pasvaldiba.lv}
      dpo: {appointed: false}  # ← OR02
    ```

    ```yaml
    organisation:
      name: SIA "Pilsētas Ūdens"
      role: controller
      public_authority: unknown
      contact: {email: info@pilsetasudens.lv}
      dpo: unknown  # ← OR02
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      dpo:
        appointed: false
        reason: No large-scale monitoring or special-category data (Art. 37(1))
        decided_on: 2024-01-10
    ```
    """
    organisation = register.organisation
    # Whether the organisation is a public authority decides Art. 37(1)(a): where the
    # register says `unknown`, that is the DPO question to ask, not a reason for silence.
    authority_unknown = organisation.public_authority == UNKNOWN_MARKER
    asked = (organisation.at("public_authority"),) if authority_unknown else ()
    if not_stated(organisation.dpo):
        required = _dpo_may_be_required(register)
        if authority_unknown and not required:
            yield Violation(
                organisation.at("dpo"),
                msg(
                    "no data protection officer is recorded, and the register does not say "
                    "whether the organisation is a public authority or body, which must "
                    "designate one (Art. 37(1)(a))"
                ),
                msg(
                    "record `public_authority: true` or `false`; then `dpo:` with "
                    "`appointed: true` and the DPO's contact details, or `appointed: false` "
                    "with the reason"
                ),
                related=asked,
            )
            return
        yield Violation(
            organisation.at("dpo"),
            msg("no data protection officer is recorded, and no decision not to appoint one"),
            msg(
                "add `dpo:` with `appointed: true` and the DPO's contact details, "
                "or `appointed: false` with the reason"
            ),
            severity=None if required else Severity.INFO,
        )
    elif isinstance(organisation.dpo, NoDpoDecision) and not_stated(organisation.dpo.reason):
        if organisation.is_public_authority:
            yield Violation(
                organisation.at("dpo"),
                msg(
                    "a public authority must designate a data protection officer (Art. "
                    "37(1)(a)), and the register records none and no reason"
                ),
                msg(
                    "designate a DPO and record them; only courts acting in their "
                    "judicial capacity are exempt (state that under `reason:`)"
                ),
                at_key=True,
            )
        elif authority_unknown:
            yield Violation(
                organisation.at("dpo"),
                msg(
                    "the decision not to designate a data protection officer gives no reason, "
                    "and the register does not say whether the organisation is a public "
                    "authority or body, which must designate one (Art. 37(1)(a))"
                ),
                msg(
                    "record `public_authority: true` or `false`, and under `dpo:` the "
                    "`reason:` why Art. 37(1) does not apply"
                ),
                at_key=True,
                related=asked,
            )
        else:
            yield Violation(
                organisation.at("dpo"),
                msg("the decision not to designate a data protection officer gives no reason"),
                msg(
                    "add `reason:` saying why Art. 37(1) does not apply (no large-scale "
                    "monitoring, no large-scale special-category or criminal data)"
                ),
                at_key=True,
            )
    elif isinstance(organisation.dpo, AppointedDpo) and not has_contact(organisation.dpo.contact):
        yield Violation(
            organisation.at("dpo"),
            msg("the data protection officer's contact details are recorded as unknown")
            if organisation.dpo.contact == UNKNOWN_MARKER
            else msg("the data protection officer's contact details are not recorded"),
            msg("add `contact:` under `dpo:` (Art. 30(1)(a) asks for them)"),
            at_key=True,
        )


@rule("OR03", "organisation.representative", severity=Severity.ERROR, article="Art. 27, 30(1)(a)")
def representative(register: Register, context: Context) -> Iterator[Violation]:
    """An organisation outside the EEA that monitors people, without an EU representative.

    Why: a controller or processor not established in the Union that offers goods or
    services to people in it, or monitors their behaviour there (Art. 3(2)), designates a
    representative (Art. 27(1)), named in the record (Art. 30(1)(a)). Art. 27 applies only
    under Art. 3(2): a UK recruiter placing candidates in the UK needs none. Whom an
    organisation offers its goods to is rarely in the record, so the finding asks only when
    the register gives a reason to think Art. 3(2) applies: an activity that monitors
    behaviour (Art. 3(2)(b); Recital 24 names tracking on the internet and profiling) by
    declaring `profiling:` or naming cookies or tracking that need consent. An organisation
    that offers goods or services to people in the Union without monitoring them designates
    a representative all the same; this rule cannot tell. The representative is established
    in a Member State where the data subjects are (Art. 27(3)); one outside the Union does
    not count.
    A processor established outside the Union falls under Art. 3(2) for the processing it
    carries out for a controller that offers goods or services to people in the Union or
    monitors them there (EDPB Guidelines 3/2018 on territorial scope, section 2;
    paraphrased, not re-checked against the guidelines' text in this change). Its own
    record cannot show that targeting, but it shows whom it serves: where it serves
    controllers established outside the EEA, or customers it does not place anywhere (a
    platform open to customers in any country), and leaves `representative` unknown, the
    Art. 27 question is open and is asked, as a warning. `representative: none` is a
    decision recorded; a processor whose controllers are all established in the EEA is
    not asked (they are under Art. 3(1) themselves and bind it by the Art. 28 contract).
    Art. 27(2) exempts occasional processing that involves no large-scale special-category
    or criminal data and is unlikely to result in a risk, and public authorities: if that
    applies, suppress this finding with the reason.

    Fails:

    ```yaml
    organisation:
      name: Example Inc.
      role: controller
      contact: {email: privacy@example.com}
      country: US
      representative: none  # ← OR03
    activities:
      - id: recommendations
        name: Product recommendations
        profiling: {description: Purchase history predicts the offers shown}
    ```

    ```yaml
    organisation:
      name: Example Inc.
      role: controller
      contact: {email: privacy@example.com}
      country: US
      representative:
        name: Example UK Ltd
        country: GB  # ← OR03
    ```

    Passes:

    ```yaml
    organisation:
      name: Example Inc.
      role: controller
      contact: {email: privacy@example.com}
      country: US
      representative:
        name: SIA "Pārstāvis"
        country: LV
        contact: {email: eu-rep@parstavis.lv}
    ```
    """
    organisation = register.organisation
    country = organisation.country
    if country is None or not is_third_country(country) or organisation.is_public_authority:
        return
    if not_stated(organisation.representative) or organisation.representative == "none":
        if not any(monitors(activity) for activity in register.activities):
            if not_stated(organisation.representative) and _serves_union(register):
                yield Violation(
                    organisation.at("representative"),
                    msg(
                        "the organisation is a processor established outside the EEA "
                        "({country}) and does not say whether it has a representative in "
                        "the Union: its processing for controllers that offer goods or "
                        "services to people in the Union, or monitor them, falls under "
                        "Art. 3(2)",
                        country=country,
                    ),
                    msg(
                        "find out whether the controllers it serves offer goods or services "
                        "to people in the Union; if they do, designate a representative "
                        "under Art. 27 and record it under `representative:`, otherwise "
                        "record `representative: none`"
                    ),
                    severity=Severity.WARNING,
                )
            return  # nothing in the record says Art. 3(2), and so Art. 27, applies
        yield Violation(
            organisation.at("representative"),
            msg(
                "the organisation is established outside the EEA ({country}) but "
                "names no representative in the Union",
                country=country,
            ),
            msg("designate a representative under Art. 27 and record them under `representative:`"),
        )
    elif (
        isinstance(organisation.representative, Representative)
        and organisation.representative.country is not None
        and is_third_country(organisation.representative.country)
    ):
        yield Violation(
            organisation.at("representative", "country"),
            msg(
                "the representative is established outside the Union ({country}); "
                "Art. 27(3) requires one established in a Member State where the "
                "data subjects are",
                country=organisation.representative.country,
            ),
            msg("designate a representative established in the Union (or the EEA) and record it"),
        )


def _serves_union(register: Register) -> bool:
    """Whether the organisation is a processor serving controllers that may target people
    in the Union from outside it: one established outside the EEA, or whose country is not
    stated (a platform's customers, wherever they are). Controllers all established in
    the EEA fall under Art. 3(1) themselves and bind their processor by the Art. 28
    contract; they do not bring it under Art. 3(2)."""
    if not register.organisation.is_processor:
        return False
    return any(
        not_stated(controller.country)
        or (controller.country is not None and is_third_country(controller.country))
        for controller in register.controllers
    )


@rule(
    "OR05",
    "organisation.establishment-unknown",
    severity=Severity.WARNING,
    article="Art. 3, 27, 56",
)
def establishment_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """The register does not say where the organisation is established.

    Why: where the controller or processor is established decides how the GDPR reaches
    it: through an establishment in the Union (Art. 3(1)), or only by offering goods or
    services to people in it or monitoring them (Art. 3(2)), in which case it designates
    a representative in the Union (Art. 27(1)); and which supervisory authority leads
    (Art. 56(1)). Without the country none of this can be told, and OR03 cannot ask for
    the representative. Reported at `country`, naming `representative` too when that is
    not settled either. Not reported while the organisation is not named: OR01 already
    says the record does not say whose it is, and where an unnamed organisation is
    established is part of that one gap (naming it, with its registration, answers both).

    Fails:

    ```yaml
    organisation:
      name: Example app developer
      role: controller
      contact: {email: support@example.app}
      country: unknown  # ← OR05
      representative: unknown
    ```

    Passes:

    ```yaml
    organisation:
      name: Example Inc.
      role: controller
      contact: {email: privacy@example.com}
      country: US
      representative:
        name: SIA "Pārstāvis"
        country: LV
        contact: {email: eu-rep@parstavis.lv}
    ```
    """
    organisation = register.organisation
    if not not_stated(organisation.country) or not_stated(organisation.name):
        return
    open_question = not_stated(organisation.representative)
    yield Violation(
        organisation.at("country"),
        msg(
            "the register does not say where the organisation is established, so whether "
            "it needs a representative in the Union (Art. 27) cannot be told"
        )
        if open_question
        else msg("the register does not say where the organisation is established"),
        msg("add `country:` with the country of its (main) establishment"),
        related=(organisation.at("representative"),) if open_question else (),
    )


@rule("OR04", "organisation.joint-arrangement", severity=Severity.ERROR, article="Art. 26")
def joint_arrangement(register: Register, context: Context) -> Iterator[Violation]:
    """A joint controller without the Art. 26 arrangement.

    Why: joint controllers determine their respective responsibilities in an arrangement
    (Art. 26(1)) whose essence is made available to data subjects (Art. 26(2)).

    Fails:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      joint_controllers:
        - id: partner  # ← OR04
          name: SIA "Partneris"
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      joint_controllers:
        - id: partner
          name: SIA "Partneris"
          arrangement: Kopīgas pārzināšanas vienošanās 2024-03-01
    ```
    """
    for joint in register.joint_controllers:
        if not_stated(joint.arrangement):
            yield Violation(
                joint.at("arrangement"),
                msg("joint controller `{id}` has no Art. 26 arrangement on record", id=joint.id),
                msg("add `arrangement:` with the reference of the arrangement, or its essence"),
            )


@rule(
    "OR11",
    "organisation.dpo-private-mailbox",
    severity=Severity.WARNING,
    article="Art. 12(2), 37(7), 38(4)",
)
def dpo_private_mailbox(register: Register, context: Context) -> Iterator[Violation]:
    """A DPO, a privacy contact point, or failing both the organisation, on free mail.

    Why: the DPO's contact details are published and given to the supervisory authority
    (Art. 37(7)) so that data subjects can reach the DPO on every question (Art. 38(4)). A
    personal account on a free mail service (gmail.com, inbox.lv, apollo.lv, ...) is not
    the organisation's: it is not covered by its security measures and records, and it
    leaves with the person. A contact point for data protection questions that is not a
    DPO (`privacy_contact`) is where the notice sends data subjects' requests (Art. 12(2),
    13(1)(a)): on a free-mail mailbox it is the same gap, whether or not there is a DPO as
    well. It is read as a contact point only, never as a DPO: the Art. 38-39 position and
    tasks are a DPO's alone, so it neither answers OR02 nor stands in for the DPO's
    mailbox. Where requests reach neither a DPO nor a contact point at an address of
    their own (no DPO is designated, it is not known, or the DPO has no e-mail on record,
    and no contact point is named), the organisation's own contact is where they go and
    footage or documents follow (Art. 12(2), 32(1)): a free-mail mailbox there is the
    same gap. The list of services is in `ropa.knowledge.mail` (not a legal list).

    That last case is not reported when the mailbox is the organisation's own account,
    named after it ("kafejnica.ziedi@inbox.lv" for Kafejnīca "Ziedi"): the reason above,
    a person's account that leaves with the person, does not hold, and data subjects are
    reached through the organisation as Art. 12(2) asks. Whether a consumer mail service
    is safe enough for the requests it carries is a question about the organisation's
    security measures and its providers (Art. 28, 32), not about whom the record names. A
    DPO's mailbox is reported even so: the DPO is bound to confidentiality (Art. 38(5)),
    which the organisation's shared account does not give.

    Fails:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      dpo:
        appointed: true
        name: Jānis Bērziņš
        contact: {email: janis.berzins@gmail.com}  # ← OR11
    ```

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      privacy_contact: {email: piemers.privatums@inbox.lv}  # ← OR11
      dpo: {appointed: false, reason: No large-scale monitoring (Art. 37(1))}
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      dpo:
        appointed: true
        name: Jānis Bērziņš
        contact: {email: das@piemers.lv}
    ```

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: piemers@gmail.com}
      privacy_contact: {email: privatums@piemers.lv}
      dpo: {appointed: false, reason: No large-scale monitoring (Art. 37(1))}
    ```
    """
    organisation = register.organisation
    dpo = organisation.dpo
    dpo_email = (
        dpo.contact.email
        if isinstance(dpo, AppointedDpo) and isinstance(dpo.contact, Contact)
        else None
    )
    if dpo_email and is_free_mail(dpo_email):
        yield Violation(
            organisation.at("dpo", "contact", "email"),
            msg(
                "the data protection officer is reached on a private free-mail mailbox ({email})",
                email=dpo_email,
            ),
            msg("give the DPO a mailbox on the organisation's own domain (e.g. das@...)"),
        )
    privacy = organisation.privacy_contact
    privacy_email = privacy.email if isinstance(privacy, Contact) else None
    if privacy_email and is_free_mail(privacy_email):
        yield Violation(
            organisation.at("privacy_contact", "email"),
            msg(
                "the contact point for data protection questions is a private free-mail "
                "mailbox ({email})",
                email=privacy_email,
            ),
            msg(
                "give data-protection requests a mailbox on the organisation's own domain "
                "(e.g. privacy@...)"
            ),
        )
    if dpo_email or privacy_email:
        return
    # Neither a DPO nor a contact point has a mailbox: the organisation's own contact is
    # where requests go.
    contact = organisation.contact
    email = contact.email if isinstance(contact, Contact) else None
    if email and is_free_mail(email) and not _organisation_mailbox(organisation, email):
        yield Violation(
            organisation.at("contact", "email"),
            msg(
                "data subjects reach the organisation on data protection only at a private "
                "free-mail mailbox ({email})",
                email=email,
            ),
            msg(
                "give data-protection requests a mailbox on the organisation's own domain "
                "(e.g. privacy@...)"
            ),
        )


def _organisation_mailbox(organisation: Organisation, email: str) -> bool:
    """Whether a free-mail address is named after the organisation (OR11)."""
    names = [
        text_of(organisation.name, language)
        for language in ("lv", "en")
        if not not_stated(organisation.name)
    ]
    if organisation.website:
        names.append(domain_name(str(organisation.website)))
    return names_holder(email, [name for name in names if name])


@rule("OR12", "organisation.joint-role", severity=Severity.WARNING, article="Art. 26(1)")
def joint_role(register: Register, context: Context) -> Iterator[Violation]:
    """An activity run as joint controller that names no joint controller.

    Why: joint controllers determine their respective responsibilities in an arrangement
    (Art. 26(1)); the record names them with their contact details (Art. 30(1)(a)). An
    activity with `role: joint_controller` lists the others under `joint_controllers:`,
    where each carries its arrangement (OR04 checks that).

    Fails:

    ```yaml
    activities:
      - id: loyalty
        name: Shared loyalty programme
        role: joint_controller  # ← OR12
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      joint_controllers:
        - id: partner
          name: SIA "Partneris"
          arrangement: Kopīgas pārzināšanas vienošanās 2024-03-01
    activities:
      - id: loyalty
        name: Shared loyalty programme
        role: joint_controller
        joint_controllers: [partner]
    ```
    """
    for activity in register.activities:
        if activity.role is ActivityRole.JOINT_CONTROLLER and not activity.joint_controllers:
            yield Violation(
                activity.at("role"),
                msg(
                    "`{id}` is run as joint controller but names no joint controller",
                    id=activity.id,
                ),
                msg(
                    "list them under `joint_controllers:` (ids from "
                    "`organisation.joint_controllers`, each with its Art. 26 "
                    "arrangement)"
                ),
            )


# A social network's plug-in or pixel (C-40/17), or a page the organisation runs there
# (C-210/16): one tuple, held, asked of each activity once.
_SOCIAL = ("social_plugin", "social_page")


@rule("OR13", "organisation.joint-plugin", severity=Severity.WARNING, article="Art. 26")
def joint_plugin(register: Register, context: Context) -> Iterator[Violation]:
    """A social network's plug-in or pixel, with no joint controller named for it.

    Why: a website that embeds a social network's plug-in ("Like" button, comments) or
    its pixel makes each visitor's browser send data to the network. For that collection
    and its disclosure by transmission the website's operator is controller jointly with
    the network (CJEU C-40/17 Fashion ID, 29 July 2019), and joint controllers set out
    their responsibilities in an arrangement (Art. 26(1)) whose essence is made
    available to the data subject (Art. 26(2)). Reported at the words that name the
    plug-in, with `organisation.joint_controllers`, where an activity that names them
    lists no joint controller.

    A page or account the organisation runs on a social network ("our Facebook page",
    "uzņēmuma lapas sociālajos tīklos", "mūsu Instagram konts") is the same: the network
    collects its visitors' data for the page statistics it offers the operator, and the
    operator is controller jointly with it (CJEU C-210/16 Wirtschaftsakademie, 5 June
    2018; Meta publishes a Page Insights joint controller addendum). A link to a page or
    "follow us on our Instagram" runs nothing and is not read.

    Fails:

    ```yaml
    activities:
      - id: social
        name: Facebook social plug-ins on the shop's pages  # ← OR13
        purposes:
          - purpose: Letting visitors share products
            legal_basis: {basis: consent}
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      joint_controllers:
        - id: meta
          name: Meta Platforms Ireland Ltd
          arrangement: Page Insights and plug-in joint controller addendum
    activities:
      - id: social
        name: Facebook social plug-ins on the shop's pages
        role: joint_controller
        joint_controllers: [meta]
    ```
    """
    for activity in register.activities:
        if activity.joint_controllers:
            continue
        found = first_readings(activity, _SOCIAL)
        reading = found.get("social_plugin")
        if reading is not None:
            message = msg(
                "{words}: for what the plug-in collects and sends to the network, `{id}` "
                "is controller jointly with it (CJEU C-40/17 Fashion ID), and no joint "
                "controller is named",
                words=reading.describe(),
                id=activity.id,
            )
        elif (reading := found.get("social_page")) is not None:
            message = msg(
                "{words}: for the statistics the network collects on the visitors of a "
                "page `{id}` runs there, the page's operator is controller jointly with "
                "the network (CJEU C-210/16 Wirtschaftsakademie), and no joint "
                "controller is named",
                words=reading.describe(),
                id=activity.id,
            )
        else:
            continue
        yield Violation(
            reading.location,
            message,
            msg(
                "add the network under `organisation.joint_controllers` with the Art. 26 "
                "arrangement, and list it under the activity's `joint_controllers:`"
            ),
            related=(register.organisation.at("joint_controllers"),),
        )


@rule(
    "OR14",
    "organisation.dpo-outside-union",
    severity=Severity.INFO,
    article="Art. 37(2), 38(4); WP243",
)
def dpo_outside_union(register: Register, context: Context) -> Iterator[Violation]:
    """A data protection officer whose address is outside the EEA.

    Why: data subjects may contact the DPO on every question about their data (Art.
    38(4)), and a group's DPO must be easily accessible from each establishment (Art.
    37(2)). The Article 29 Working Party recommends that the DPO be located in the Union,
    whether or not the controller is established there (WP243 rev.01, section 2.3;
    paraphrased, not re-checked against the guidelines' text). A group DPO at the
    parent's address in the United Kingdom or the United States is then a question for
    the record: how data subjects here reach the DPO, in their language, and whether a
    contact in the Union stands in. The country is read from the last part of the DPO's
    address (`ropa.knowledge.addresses`); an address that does not end in a country
    name is not read. An info note: a recommendation, not a rule of the GDPR.

    Fails:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      dpo:
        appointed: true
        name: Group DPO
        contact:
          email: dpo@group.example
          address: 1 High Street, Bristol, BS1 1AA, United Kingdom  # ← OR14
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      dpo:
        appointed: true
        name: Group DPO
        contact:
          email: dpo@group.example
          address: Brīvības iela 1, Rīga, LV-1010, Latvija
    ```
    """
    dpo = register.organisation.dpo
    if not isinstance(dpo, AppointedDpo) or not isinstance(dpo.contact, Contact):
        return
    address = dpo.contact.address
    texts = {text_of(address, language) for language in ("lv", "en")} if address else set()
    found = [country_of_address(text) for text in sorted(texts) if text]
    country = next((code for code in found if code), None)
    if country is None or not is_third_country(country):
        return
    yield Violation(
        register.organisation.at("dpo", "contact", "address"),
        msg(
            "the data protection officer's address is outside the EEA ({country}): the DPO "
            "is recommended to be located in the Union, reachable by data subjects here",
            country=country,
        ),
        msg(
            "record how data subjects in the Union reach the DPO (a contact in the Union, "
            "the languages used), or appoint a DPO located in the Union"
        ),
    )


@rule(
    "OR15",
    "organisation.dpo-general-mailbox",
    severity=Severity.INFO,
    article="Art. 37(7), 38(4), 38(5); WP243",
)
def dpo_general_mailbox(register: Register, context: Context) -> Iterator[Violation]:
    """A data protection officer reached only through a general mailbox of the organisation.

    Why: data subjects may contact the DPO on every question about their data (Art.
    38(4)), and the DPO is bound by secrecy or confidentiality (Art. 38(5)). WP243 rev.01
    (section 2.6, endorsed by the EDPB) reads Art. 37(7) accordingly: the published
    contact details should let data subjects reach the DPO directly and confidentially,
    without having to contact another part of the organisation. A DPO whose mailbox is
    the organisation's customer service, support or general one (support@, info@,
    klientu.serviss@ on the organisation's own domain, or the very address recorded as
    the organisation's contact) is
    reached through whoever answers that mailbox: requests to the DPO are not kept apart
    from the rest. A note, not a warning: a general mailbox may forward to the DPO, which
    the record does not show. A DPO on free mail is OR11's; a mailbox of the DPO's own
    (das@, dpo@, privacy@, a person's name) is not reported, nor a general mailbox on
    another domain (info@ of an outside DPO service is the DPO's provider's mailbox).
    A mailbox whose name says data protection (datu.aizsardziba@, data-protection@,
    privatums@, personas.dati@) is the DPO's or privacy channel even where the notice
    also gives it as the organisation's contact: the organisation then sends its data
    protection mail to the DPO, not the DPO's to the general mail.

    Fails:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: support@piemers.lv}
      dpo:
        appointed: true
        name: unknown
        contact: {email: support@piemers.lv}  # ← OR15
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
      dpo:
        appointed: true
        name: Jānis Bērziņš
        contact: {email: das@piemers.lv}
    ```
    """
    organisation = register.organisation
    dpo = organisation.dpo
    if not isinstance(dpo, AppointedDpo) or not isinstance(dpo.contact, Contact):
        return
    email = dpo.contact.email
    if not email or is_free_mail(email):
        return
    contact = organisation.contact
    general = contact.email if isinstance(contact, Contact) else None
    shared = general is not None and general.strip().casefold() == email.strip().casefold()
    own = _domain(email) in _organisation_domains(organisation)
    if not ((own and is_general_mailbox(email)) or (shared and not _privacy_mailbox(email))):
        return
    yield Violation(
        organisation.at("dpo", "contact", "email"),
        msg(
            "the data protection officer is reached only through a general mailbox of the "
            "organisation ({email}): requests to the DPO are not kept apart from the rest "
            "of its mail",
            email=email,
        ),
        msg(
            "give the DPO contact details of their own (e.g. das@... or dpo@...), so that "
            "data subjects reach the DPO directly and confidentially"
        ),
    )


# Words in a mailbox's name that say it is for data protection: the organisation's own
# contact may be the DPO's mailbox (OR15).
_PRIVACY_WORDS = (
    "dpo",
    "das",
    "privacy",
    "privat",
    "gdpr",
    "vdar",
    "dataprotection",
    "datuaizsardz",
    "personasdat",
    "personaldata",
    "datenschutz",
)


def _domain(email: str) -> str:
    return email.rpartition("@")[2].strip().casefold()


def _organisation_domains(organisation: Organisation) -> set[str]:
    """The mail domains that are the organisation's own: its contact's and its website's.
    A general mailbox elsewhere ("info@" of an outside DPO service) is the DPO's
    provider's, not the organisation's general mail."""
    domains: set[str] = set()
    contact = organisation.contact
    if isinstance(contact, Contact) and contact.email:
        domains.add(_domain(contact.email))
    if organisation.website:
        host = str(organisation.website).partition("://")[2] or str(organisation.website)
        domains.add(host.partition("/")[0].casefold().removeprefix("www."))
    return domains


def _privacy_mailbox(email: str) -> bool:
    # Folded and with its separators dropped: "datu.aizsardziba@", "data-protection@" and
    # "privātums@" name data protection as plainly as "dpo@" does.
    local = _SEPARATORS.sub("", fold_word(email.rpartition("@")[0].casefold()))
    return any(word in local for word in _PRIVACY_WORDS)


_SEPARATORS = re.compile(r"[^a-z0-9]+")


@rule(
    "OR16",
    "organisation.group-joint-unknown",
    severity=Severity.INFO,
    article="Art. 26(1), 30(1)(a)",
)
def group_joint_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """Group companies as controllers, and whether they are joint controllers unknown.

    Why: companies of one group are separate controllers; there is no group privilege
    (Recital 48 allows an interest in sharing, not one controller). Where group companies
    receive the organisation's data as controllers in their own right, they either use it
    for purposes of their own or decide purposes and means together with it, through a
    shared customer base, system, call centre or notice (EDPB Guidelines 07/2020 on the
    concepts of controller and processor, on joint participation by common or converging
    decisions; paraphrased, not re-checked against the guidelines' text in this change).
    Jointly, they set out their responsibilities in an arrangement whose essence the data
    subjects can see (Art. 26(1), (2)), and the record names them (Art. 30(1)(a)). A
    register that records group companies as controllers and leaves `joint_controllers`
    unknown has that question open: an info note, once, at `joint_controllers`, naming
    the group recipients. `joint_controllers: none` (separate controllers) or a list of
    them settles it; recipients not worded as the organisation's group are not asked.

    The same question is open where the organisation's own notes name several
    controllers ("Data Controllers: Dr A, Dr B", "pārziņi ir ...", "joint controllers")
    and `joint_controllers` is unknown: two partners of a practice named as controllers
    either decide together, with an Art. 26 arrangement, or each for their own patients.
    Words that settle it ("separate controllers", "patstāvīgi pārziņi") are not read.

    Fails:

    ```yaml
    organisation:
      name: AS "Banka Latvija"
      role: controller
      contact: {email: info@banka.example}
      joint_controllers: unknown  # ← OR16
    recipients:
      - id: parent
        name: Banka Holding AB
        category: mātes sabiedrība (grupas uzņēmums)
        kind: controller
        country: SE
    ```

    Passes:

    ```yaml
    organisation:
      name: AS "Banka Latvija"
      role: controller
      contact: {email: info@banka.example}
      joint_controllers: none
    recipients:
      - id: parent
        name: Banka Holding AB
        category: mātes sabiedrība (grupas uzņēmums)
        kind: controller
        country: SE
    ```
    """
    organisation = register.organisation
    if organisation.joint_controllers != UNKNOWN_MARKER:
        return
    group = [
        recipient
        for recipient in register.recipients
        if recipient.kind == RecipientKind.CONTROLLER
        and (says(recipient.category, "group_companies") or says(recipient.name, "group_companies"))
    ]
    if not group:
        yield from _controllers_in_notes(register)
        return
    yield Violation(
        organisation.at("joint_controllers"),
        counted(
            "{count} company of the organisation's own group receives its data as a "
            "controller ({names}), and the register does not say whether it decides the "
            "purposes and means together with the organisation (Art. 26(1))",
            "{count} companies of the organisation's own group receive its data as "
            "controllers ({names}), and the register does not say whether they decide the "
            "purposes and means together with the organisation (Art. 26(1))",
            count=len(group),
            names=", ".join(f"`{recipient.id}`" for recipient in group),
        ),
        msg(
            "record `joint_controllers: none` if each uses the data for its own purposes, "
            "or list the group companies that decide together with their Art. 26 "
            "arrangement"
        ),
        related=tuple(recipient.at("kind") for recipient in group),
    )


def _controllers_in_notes(register: Register) -> Iterator[Violation]:
    """OR16's second question: the organisation's notes name several controllers and
    `joint_controllers` is unknown."""
    organisation = register.organisation
    for language in ("lv", "en"):
        text = text_of(organisation.notes, language) if organisation.notes is not None else ""
        found = mentions(text, "several_controllers") if text else None
        if found is None or found.negated:
            continue
        yield Violation(
            organisation.at("joint_controllers"),
            msg(
                "the organisation's notes name several controllers (\u201c{words}\u201d), "
                "and the register does not say whether they decide the purposes and means "
                "together (Art. 26(1))",
                words=found.matched,
            ),
            msg(
                "list them under `joint_controllers` with their Art. 26 arrangement, or "
                "record `joint_controllers: none` if each decides for itself"
            ),
            related=(organisation.at("notes"),),
        )
        return


@rule("OR17", "organisation.dpo-closed", severity=Severity.WARNING, article="Art. 38(4), 30(1)(a)")
def dpo_closed(register: Register, context: Context) -> Iterator[Violation]:
    """A DPO whose channels are said not to be for data subjects' requests.

    Why: data subjects may contact the DPO with regard to all issues related to the
    processing of their data and to the exercise of their rights (Art. 38(4)); the DPO's
    contact details are published for that reason (Art. 37(7), 13(1)(b)). A notice that
    says the DPO's address or phone is "not for data subject requests" ("nav domāti ziņu
    pieprasījumiem") closes the channel the GDPR keeps open. Read in the DPO's notes and
    the organisation's notes, where a register records what the notice says of the DPO.

    Fails:

    ```yaml
    organisation:
      name: Aģentūra
      role: controller
      country: LV
      contact: {email: info@agentura.lv}
      dpo:  # ← OR17
        appointed: true
        name: J. Bērziņš
        contact: {email: dpo@agentura.lv}
        notes: Šie saziņas veidi nav domāti datu subjekta tiesību pieprasījumiem
    ```

    Passes:

    ```yaml
    organisation:
      name: Aģentūra
      role: controller
      country: LV
      contact: {email: info@agentura.lv}
      dpo:
        appointed: true
        name: J. Bērziņš
        contact: {email: dpo@agentura.lv}
        notes: Datu subjekti var sazināties ar speciālistu par visiem jautājumiem
    ```
    """
    organisation = register.organisation
    dpo = organisation.dpo
    if not isinstance(dpo, AppointedDpo):
        return
    for key, value in (("dpo", dpo.notes), ("notes", organisation.notes)):
        if value is None:
            continue
        for language in ("lv", "en"):
            text = text_of(value, language)
            found = mentions(text, "dpo_closed_to_requests") if text else None
            if found is None:
                continue
            yield Violation(
                organisation.at("dpo"),
                msg(
                    "the DPO is said not to be contacted about requests (\u201c{words}\u201d): "
                    "data subjects may contact the DPO on every issue, the exercise of their "
                    "rights included (Art. 38(4))",
                    words=found.matched,
                ),
                msg("let the DPO's channels take data subjects' requests, and say so"),
                at_key=True,
                related=(organisation.at(key),) if key == "notes" else (),
            )
            return
