"""Recipients (Art. 28, 30(1)(d)) and the use of the catalogues."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.model.register import Register
from ropa.model.vocabulary import RecipientKind
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import says


@rule("RC01", "recipient.no-contract", severity=Severity.WARNING, article="Art. 28(3)")
def no_contract(register: Register, context: Context) -> Iterator[Violation]:
    """A processor without an Art. 28 contract on record.

    Why: processing by a processor is governed by a contract or other legal act setting out
    its subject matter, duration, nature, purpose and the processor's obligations
    (Art. 28(3)). The record should point to it.

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
        if recipient.kind not in (RecipientKind.PROCESSOR, RecipientKind.SUB_PROCESSOR):
            continue
        if recipient.contract == "none":
            yield Violation(
                recipient.at("contract"),
                msg("processor `{id}` works without an Art. 28 contract", id=recipient.id),
                msg("conclude a data processing agreement (Art. 28(3)) and record its reference"),
            )
        elif not_stated(recipient.contract):
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
    forgot to add.

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
    catalogues = (
        ("recipient", "recipient", register.recipients),
        ("measure", "security measure", register.security_measures),
        ("system", "system", register.systems),
        ("joint", "joint controller", register.joint_controllers),
    )
    for kind, label, entries in catalogues:
        for entry in entries:
            if (kind, entry.id) not in used:
                yield Violation(
                    entry.at("id"),
                    msg("{label} `{id}` is not used by any activity", label=label, id=entry.id),
                    msg("refer to it where it applies, or remove it if it is stale"),
                )


@rule("RC03", "recipient.unidentified", severity=Severity.WARNING, article="Art. 30(1)(d)")
def unidentified(register: Register, context: Context) -> Iterator[Violation]:
    """A recipient that is neither named nor categorised.

    Why: the record lists the categories of recipients (Art. 30(1)(d)). A recipient may be
    a category ("courier services") when its name is unknown, but it must be one or the
    other.

    Fails:

    ```yaml
    recipients:
      - id: partners
        name: unknown  # ← RC03
        kind: other
    ```

    Passes:

    ```yaml
    recipients:
      - id: partners
        name: unknown
        category: {lv: sadarbības partneri, en: business partners}
        kind: other
    ```
    """
    for recipient in register.recipients:
        if not_stated(recipient.name) and recipient.category is None:
            yield Violation(
                recipient.at("name"),
                msg(
                    "recipient `{id}` is neither named nor described by a category", id=recipient.id
                ),
                msg("add `name:`, or `category:` (e.g. courier services, payment providers)"),
            )


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
    it states `transfers: none` for. `country: EEA` says "inside the EU/EEA" without naming
    the country.

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
    no_transfers = _recipients_without_transfers(register)
    for recipient in register.recipients:
        if recipient.kind in (
            RecipientKind.PUBLIC_AUTHORITY,
            RecipientKind.PUBLIC,
            RecipientKind.INTERNAL,
        ):
            continue
        if recipient.id in no_transfers:
            continue
        if not_stated(recipient.name) and says(recipient.category, "recipient_class"):
            continue
        if not_stated(recipient.country):
            yield Violation(
                recipient.at("country"),
                msg(
                    "the country of recipient `{id}` is not known, so a transfer "
                    "outside the EEA cannot be ruled out",
                    id=recipient.id,
                ),
                msg("add `country:` with the ISO code of where it processes the data"),
            )


def _recipients_without_transfers(register: Register) -> set[str]:
    """Recipients used only by activities that state `transfers: none`."""
    users: dict[str, list[object]] = {}
    for activity in register.activities:
        if isinstance(activity.recipients, list):
            for identifier in activity.recipients:
                users.setdefault(identifier, []).append(activity.transfers)
    return {
        identifier
        for identifier, transfers in users.items()
        if all(value == "none" for value in transfers)
    }


@rule("RC05", "recipient.processor-unnamed", severity=Severity.WARNING, article="Art. 28(1)")
def processor_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """A processor recorded only by its category, without its name.

    Why: the record may list categories of recipients (Art. 30(1)(d)), but a controller
    uses only processors it has chosen for their guarantees (Art. 28(1)) and bound by a
    contract (Art. 28(3)) — it knows who they are. A processor the register cannot name is
    a processor nobody has checked.

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
        if recipient.kind in (
            RecipientKind.PROCESSOR,
            RecipientKind.SUB_PROCESSOR,
        ) and not_stated(recipient.name):
            yield Violation(
                recipient.at("name"),
                msg(
                    "processor `{id}` is recorded only as a category; the register does "
                    "not say who it is",
                    id=recipient.id,
                ),
                msg("name the processor (each one, if the category covers several)"),
            )


@rule("RC11", "recipient.kind-unknown", severity=Severity.WARNING, article="Art. 28, 30(1)(d)")
def kind_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """A recipient of which the register does not know whether it is a processor.

    Why: a processor acts on the controller's instructions under an Art. 28 contract, and
    the controller answers for choosing it (Art. 28(1), (3)); an independent controller
    answers for itself. Which one a recipient is decides what the record must hold, so the
    question has to be settled rather than guessed: `kind: unknown` records that it is
    open.

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
        if recipient.kind is RecipientKind.UNKNOWN:
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
