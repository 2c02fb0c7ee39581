"""Art. 30(2): the record a processor keeps for the controllers it acts for."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import Message, msg
from ropa.knowledge import lexicon
from ropa.knowledge.concepts import SPECIAL
from ropa.model.processor import ControllerServed
from ropa.model.register import Register
from ropa.model.types import UNKNOWN_MARKER, text_of
from ropa.model.vocabulary import ActivityRole, Role
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import first_readings, topic
from ropa.rules.organisation import has_contact


@rule("PR01", "processor.no-controllers", severity=Severity.ERROR, article="Art. 30(2)")
def no_controllers(register: Register, context: Context) -> Iterator[Violation]:
    """A processor's register that names no controller it acts for.

    Why: a processor records all categories of processing carried out on behalf of each
    controller (Art. 30(2)), under `controllers:`.

    Fails:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor  # ← PR01
      contact: {email: info@algas.lv}
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation]
    ```
    """
    organisation = register.organisation
    if organisation.is_processor and not register.controllers:
        yield Violation(
            organisation.at("role"),
            msg(
                "the organisation acts as a processor but the register names no "
                "controller it acts for"
            ),
            msg("add `controllers:` with each controller and the processing done for it"),
        )


@rule("PR02", "processor.controller-identity", severity=Severity.ERROR, article="Art. 30(2)(a)")
def controller_identity(register: Register, context: Context) -> Iterator[Violation]:
    """A controller served without its name or contact details.

    Why: the processor's record holds the name and contact details of each controller on
    whose behalf it acts (Art. 30(2)(a)). A controller recorded with neither is one gap,
    not two: it is not identified (reported once, at its name). A processor serving many
    customers under one standard processing agreement keeps their names and contact
    details in its customer register or list of signed agreements; one entry standing
    for them all meets Art. 30(2)(a) when it says where that list is (`listed_in:`), as
    the record may be kept in electronic form and must be made available to the
    authority on request (Art. 30(3), (4)). `listed_in: unknown` is that gap, stated.

    Fails:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a  # ← PR02
        name: SIA "Klients A"
        processing: [Payroll calculation]
    ```

    ```yaml
    organisation:
      name: SIA "Mākoņserviss"
      role: processor
      contact: {email: info@makonis.lv}
    controllers:
      - id: customers
        name: Every customer under the standard DPA
        listed_in: unknown  # ← PR02
        processing: [Hosting]
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation]
    ```

    ```yaml
    organisation:
      name: SIA "Mākoņserviss"
      role: processor
      contact: {email: info@makonis.lv}
    controllers:
      - id: customers
        name: Every customer under the standard DPA
        listed_in: Customer register in the CRM (name, company number, contact, DPA date)
        processing: [Hosting]
    ```
    """
    for controller in register.controllers:
        if controller.listed_in is not None:
            # One entry for many controllers: identified by the list it points to.
            if controller.listed_in == UNKNOWN_MARKER:
                yield Violation(
                    controller.at("listed_in"),
                    msg(
                        "`{id}` stands for many controllers, and the record does not say "
                        "where the name and contact details of each are kept",
                        id=controller.id,
                    ),
                    msg(
                        "record under `listed_in:` where they are kept (the customer "
                        "register, the list of signed agreements)"
                    ),
                    related=(controller.at("name"),),
                )
            continue
        if not_stated(controller.name):
            # A controller without a name is not identified at all: that its contact is
            # missing too is the same gap, reported with it.
            contact = has_contact(controller.contact)
            yield Violation(
                controller.at("name"),
                msg("controller `{id}` has no name on record", id=controller.id)
                if contact
                else msg(
                    "controller `{id}` has no name or contact details on record", id=controller.id
                ),
                msg("add the controller's legal name under `name:`")
                if contact
                else msg(
                    "name each controller and its contact details, or point to the list "
                    "that holds them (every customer under the standard processing agreement)"
                ),
                related=() if contact else (controller.at("contact"),),
            )
        elif not has_contact(controller.contact):
            yield Violation(
                controller.at("contact"),
                msg("controller `{id}` has no contact details on record", id=controller.id),
                msg("add `contact:` with an e-mail address or phone number"),
            )


@rule("PR03", "processor.categories", severity=Severity.ERROR, article="Art. 30(2)(b)")
def categories(register: Register, context: Context) -> Iterator[Violation]:
    """A controller served without the categories of processing done for it.

    Why: the processor's record states the categories of processing carried out on behalf
    of each controller (Art. 30(2)(b)).

    Fails:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a  # ← PR03
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation, Working-time records]
    ```
    """
    for controller in register.controllers:
        if not_stated(controller.processing):
            yield Violation(
                controller.at("processing"),
                msg(
                    "the categories of processing done for controller `{id}` are not stated",
                    id=controller.id,
                ),
                msg("list them under `processing:`"),
            )


@rule(
    "PR05", "processor.controller-contract", severity=Severity.WARNING, article="Art. 28(3), 28(9)"
)
def controller_contract(register: Register, context: Context) -> Iterator[Violation]:
    """A controller served without the Art. 28 contract the processing is done under.

    Why: a processor processes personal data for a controller only under a contract or
    other legal act that binds it and sets out the subject matter, duration, nature and
    purpose of the processing (Art. 28(3)), in writing, electronic form included
    (Art. 28(9)). Art. 30(2) does not list it among the record's contents, but the record
    of a processor is where a reader looks for what binds it to each controller; a
    processor that cannot point to the agreement cannot show it acts on documented
    instructions (Art. 28(3)(a), 29). `contract: none` says there is none: processing
    without it breaches Art. 28(3).

    Fails:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation]
        contract: unknown  # ← PR05
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation]
        contract: Datu apstrādes līgums Nr. 2024/17, 2024-03-01
    ```
    """
    for controller in register.controllers:
        if controller.contract == "none":
            yield Violation(
                controller.at("contract"),
                msg(
                    "the processing for controller `{id}` is recorded as done without an "
                    "Art. 28 contract",
                    id=controller.id,
                ),
                msg("conclude a data processing agreement (Art. 28(3)) and refer to it"),
            )
        elif not_stated(controller.contract):
            yield Violation(
                controller.at("contract"),
                msg(
                    "the Art. 28 contract with controller `{id}` is not on record",
                    id=controller.id,
                ),
                msg(
                    "add `contract:` with the data processing agreement (or the standard "
                    "terms every customer accepts)"
                ),
            )


@rule("PR04", "processor.security", severity=Severity.WARNING, article="Art. 30(2)(d)")
def security(register: Register, context: Context) -> Iterator[Violation]:
    """A controller served without a description of the security measures.

    Why: the processor's record gives, where possible, a general description of the
    Art. 32(1) measures (Art. 30(2)(d)). The message says what the processing's own
    words show that raises the stakes (special-category data, children, patients,
    national identification numbers ...), as SE01 does for an activity.

    Fails:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation]
        security_measures: unknown  # ← PR04
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Algu serviss"
      role: processor
      contact: {email: info@algas.lv}
    security_measures:
      - id: encryption
        name: Encryption
        description: Payroll files encrypted at rest and in transit.
    controllers:
      - id: client-a
        name: SIA "Klients A"
        contact: {email: dpo@klients-a.lv}
        processing: [Payroll calculation]
        security_measures: [encryption]
    ```
    """
    for controller in register.controllers:
        if not_stated(controller.security_measures):
            risk = _stakes(controller)
            yield Violation(
                controller.at("security_measures"),
                msg(
                    "no security measures are described for the processing done for "
                    "`{id}`, though it concerns {risk}",
                    id=controller.id,
                    risk=risk,
                )
                if risk
                else msg(
                    "no security measures are described for the processing done for `{id}`",
                    id=controller.id,
                ),
                msg("list the measures under `security_measures:`"),
            )


# What raises the stakes of a processor's security, as SE01 names it for an activity.
_RISKY = (*SPECIAL, "criminal", "national_id", "children", "patients", "vulnerable", "cctv")
_RISKY += ("financial", "communications", "location")


def _stakes(controller: ControllerServed) -> Message | None:
    """What the processing done for the controller concerns that raises the stakes of its
    security (special-category data, children ...), by its own words."""
    items = controller.processing if isinstance(controller.processing, list) else []
    for item in items:
        for language in ("lv", "en"):
            text = text_of(item, language)
            stated = lexicon.stated(text) if text else {}
            for concept in _RISKY:
                if concept in stated:
                    return topic(concept)
    return None


@rule(
    "PR06", "processor.role-unknown", severity=Severity.WARNING, article="Art. 4(7), 4(8), 28, 30"
)
def role_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """Activities whose role is recorded as `unknown`: controller or processor, not settled.

    Why: whether the organisation determines the purposes and means of the processing
    (controller, Art. 4(7)) or processes on another's behalf and instructions (processor,
    Art. 4(8)) decides which record the activity belongs in (Art. 30(1), or the
    controllers served under Art. 30(2)), whether an Art. 28 contract binds it to the
    controller, and who answers the data subjects. A notice that says the organisation acts
    "on behalf of" another (an insurer, the creditors) without saying which leaves this
    open; `role: unknown` records that honestly, and the question is asked here. Several
    such activities are one finding, naming each.

    Fails:

    ```yaml
    activities:
      - id: insurance-offers
        name: Travel-insurance offers on the insurer's behalf
        role: unknown  # ← PR06
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Ceļojumi"
      role: controller_and_processor
      contact: {email: info@celojumi.lv}
    activities:
      - id: insurance-offers
        name: Travel-insurance offers on the insurer's behalf
        role: processor
    controllers:
      - id: insurer
        name: AAS "Apdrošinātājs"
        contact: {email: dpo@apdrosinatajs.lv}
        contract: Aģentūras līgums 2024-01-01
        processing: [Preparing travel-insurance offers]
    ```
    """
    unsettled = [a for a in register.activities if a.role is ActivityRole.UNKNOWN]
    if not unsettled:
        return
    first, *others = unsettled
    yield Violation(
        first.at("role"),
        msg(
            "the register does not say whether the organisation decides the purposes and "
            "means of {ids} (controller) or acts on another's instructions (processor)",
            ids=", ".join(f"`{activity.id}`" for activity in unsettled),
        ),
        msg(
            "find out and record `role: controller` or `role: processor`; as a processor, "
            "record the controller served under `controllers:` with the Art. 28 contract"
        ),
        related=tuple(activity.at("role") for activity in others),
    )


_MATERIAL = ("customer_material",)


@rule(
    "PR07",
    "processor.customer-material",
    severity=Severity.INFO,
    article="Art. 4(8), 28, 30(2)",
)
def customer_material(register: Register, context: Context) -> Iterator[Violation]:
    """Material customers supply for the service, with no role recorded for it.

    Why: a print shop, a photo lab or a translation agency works on what its customers
    hand over: artwork, photos, documents to translate. That material often holds other
    people's personal data (names on invitations and badges, photographs, the persons
    named in a contract), which the provider processes only to do what the customer
    asked; for it, the provider acts on the customer's instructions and is the
    customer's processor (Art. 4(8); EDPB Guidelines 07/2020 on the concepts of
    controller and processor, on service providers that process data on a customer's
    behalf), bound by an Art. 28 contract and keeping the Art. 30(2) record of the
    processing it does for its customers. An organisation recorded only as a controller
    whose activity names such material, and does not say in which role it handles it
    (`role:`), leaves that open: an info note. Read only in the words of material handed
    over for the service ("artwork files uploaded", "files for printing", "dokumenti
    tulkošanai"), not in an applicant's CV, an identity document or a profile photo,
    which the organisation collects for purposes of its own. One note per register,
    naming each activity.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Print orders
        personal_data:
          - name, e-mail address
          - artwork files uploaded for printing  # ← PR07
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Print orders
        role: controller
        personal_data:
          - name, e-mail address
          - artwork files uploaded for printing
        notes: The artwork's contents are only printed as ordered; see controllers.
    ```
    """
    if register.organisation.role is not Role.CONTROLLER:
        return  # a processor's record already asks whom it acts for (PR01-PR06)
    found = [
        reading
        for activity in register.activities
        if activity.role is None
        and (reading := first_readings(activity, _MATERIAL).get("customer_material"))
    ]
    if not found:
        return
    reading, *others = found
    yield Violation(
        reading.location,
        msg(
            "{describe} (material customers supply for the service): personal data in "
            "it, processed only as the customers ask, is processed as their processor "
            "(Art. 4(8), 28), and the record does not say in which role the "
            "organisation handles it",
            describe=reading.describe(),
        ),
        msg(
            "record `role:` for the activity: `processor`, with the customers under "
            "`controllers:` (Art. 30(2)) and the Art. 28 terms, or `controller` where the "
            "organisation decides what is done with that data"
        ),
        related=tuple(other.location for other in others),
    )


# A lawyer's work for clients: giving legal assistance, representing them in their matters.
_LAWYERING = ("legal_assistance", "client_representation")


@rule(
    "PR08",
    "processor.lawyer-as-processor",
    severity=Severity.WARNING,
    article="Art. 4(7), 4(8), 28; EDPB 07/2020",
)
def lawyer_as_processor(register: Register, context: Context) -> Iterator[Violation]:
    """Legal assistance to clients recorded as processing on the clients' behalf.

    Why: a processor processes on the controller's instructions (Art. 4(8), 28(3)(a)). An
    advocate or a law firm giving legal assistance decides, independently and under its
    own professional duties, what to do with the case material, the other side's and the
    witnesses' data included: it is a controller, not its client's processor (EDPB
    Guidelines 07/2020 on the concepts of controller and processor, its example of a law
    firm representing a client; the paragraph was not re-checked in this change). An
    activity of legal assistance or representation with `role: processor` leaves that
    data with no basis and no Art. 14 information on record. Read in the activity's name,
    description and purposes, in Latvian or English.

    Fails:

    ```yaml
    activities:
      - id: case-files
        name: Third parties' data in clients' case files
        role: processor  # ← PR08
        purposes:
          - purpose: Giving legal assistance to the client
    ```

    Passes:

    ```yaml
    activities:
      - id: case-files
        name: Third parties' data in clients' case files
        role: controller
        purposes:
          - purpose: Giving legal assistance to the client
    ```
    """
    for activity in register.activities:
        if activity.role != ActivityRole.PROCESSOR:
            continue
        found = first_readings(activity, _LAWYERING)
        reading = next((found[c] for c in _LAWYERING if c in found), None)
        if reading is None:
            continue
        yield Violation(
            activity.at("role"),
            msg(
                "`{id}` is recorded as processing for clients, but {describe} ({label}): "
                "a lawyer decides how to use the case material and is its controller "
                "(EDPB Guidelines 07/2020)",
                id=activity.id,
                describe=reading.describe(),
                label=topic(reading.inference.concept),
            ),
            msg(
                "record `role: controller`, with a legal basis for the other people's data "
                "and the Art. 14 information or its exemption (Art. 14(5)(d))"
            ),
            related=(reading.location,),
        )
