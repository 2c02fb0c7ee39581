"""The organisation keeping the record: identity, DPO, representative, joint controllers."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.knowledge.eea import is_third_country
from ropa.model.organisation import AppointedDpo, Contact
from ropa.model.register import Register
from ropa.rules import Context, Violation, not_stated, rule


def has_contact(contact: object) -> bool:
    """A contact with at least an e-mail address, a phone number or an address."""
    return isinstance(contact, Contact) and any(
        (contact.email, contact.phone, contact.address, contact.website)
    )


@rule("OR01", "organisation.identity", severity=Severity.ERROR, article="Art. 30(1)(a)")
def identity(register: Register, context: Context) -> Iterator[Violation]:
    """The organisation's name or contact details are missing.

    Why: the record opens with the name and contact details of the controller
    (Art. 30(1)(a)) or processor (Art. 30(2)(a)); a record that does not say whose it is
    cannot be handed to the supervisory authority (Art. 30(4)).

    Fails:

    ```yaml
    organisation:
      name: unknown  # ← OR01
      role: controller
      contact: unknown  # ← OR01
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: privatums@piemers.lv}
    ```
    """
    organisation = register.organisation
    if not_stated(organisation.name):
        yield Violation(
            organisation.at("name"),
            "the organisation's name is "
            + ("recorded as unknown" if organisation.name == "unknown" else "not stated"),
            "write its legal name under `organisation.name`",
        )
    if not has_contact(organisation.contact):
        yield Violation(
            organisation.at("contact"),
            "the organisation's contact details are not stated",
            "add `contact:` with an e-mail address, phone number or postal address",
        )


@rule("OR02", "organisation.dpo", severity=Severity.WARNING, article="Art. 30(1)(a), 37")
def dpo(register: Register, context: Context) -> Iterator[Violation]:
    """No data protection officer is recorded, nor a decision not to appoint one.

    Why: where a DPO is designated (Art. 37), the record names them with their contact
    details (Art. 30(1)(a)). Where none is, recording the decision and its reason shows the
    Art. 37(1) question was asked.

    Fails:

    ```yaml
    organisation:
      name: SIA "Piemērs"
      role: controller
      contact: {email: info@piemers.lv}
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
    if not_stated(organisation.dpo):
        yield Violation(
            organisation.at("dpo"),
            "no data protection officer is recorded, and no decision not to appoint one",
            "add `dpo:` with `appointed: true` and the DPO's contact details, or "
            "`appointed: false` with the reason",
        )
    elif isinstance(organisation.dpo, AppointedDpo) and not has_contact(organisation.dpo.contact):
        yield Violation(
            organisation.at("dpo"),
            "the data protection officer's contact details are not recorded",
            "add `contact:` under `dpo:` (Art. 30(1)(a) asks for them)",
            at_key=True,
        )


@rule("OR03", "organisation.representative", severity=Severity.ERROR, article="Art. 27, 30(1)(a)")
def representative(register: Register, context: Context) -> Iterator[Violation]:
    """An organisation established outside the EEA without a representative in the Union.

    Why: a controller or processor not established in the Union that offers goods or
    services to people in it, or monitors them, designates a representative (Art. 27(1)),
    named in the record (Art. 30(1)(a)). Art. 27(2) exempts occasional processing that
    involves no large-scale special-category or criminal data and is unlikely to result in
    a risk, and public authorities: if that applies, suppress this finding with the reason.

    Fails:

    ```yaml
    organisation:
      name: Example Inc.
      role: controller
      contact: {email: privacy@example.com}
      country: US
      representative: none  # ← OR03
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
    if country is None or not is_third_country(country) or organisation.public_authority:
        return
    if not_stated(organisation.representative) or organisation.representative == "none":
        yield Violation(
            organisation.at("representative"),
            f"the organisation is established outside the EEA ({country}) but names no "
            "representative in the Union",
            "designate a representative under Art. 27 and record them under `representative:`",
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
                f"joint controller `{joint.id}` has no Art. 26 arrangement on record",
                "add `arrangement:` with the reference of the arrangement, or its essence",
            )
