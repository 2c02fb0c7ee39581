"""Art. 30(2): the record a processor keeps for the controllers it acts for."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.model.register import Register
from ropa.rules import Context, Violation, not_stated, rule
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
    whose behalf it acts (Art. 30(2)(a)).

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
    for controller in register.controllers:
        if not_stated(controller.name):
            yield Violation(
                controller.at("name"),
                msg("controller `{id}` has no name on record", id=controller.id),
                msg("add the controller's legal name under `name:`"),
            )
        if not has_contact(controller.contact):
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


@rule("PR04", "processor.security", severity=Severity.WARNING, article="Art. 30(2)(d)")
def security(register: Register, context: Context) -> Iterator[Violation]:
    """A controller served without a description of the security measures.

    Why: the processor's record gives, where possible, a general description of the
    Art. 32(1) measures (Art. 30(2)(d)).

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
            yield Violation(
                controller.at("security_measures"),
                msg(
                    "no security measures are described for the processing done for `{id}`",
                    id=controller.id,
                ),
                msg("list the measures under `security_measures:`"),
            )
