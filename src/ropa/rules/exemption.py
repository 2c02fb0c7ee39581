"""Art. 30(5): the exemption from keeping a record, which rarely applies."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.model.activity import CriminalData
from ropa.model.register import Register
from ropa.model.vocabulary import Frequency
from ropa.rules import Context, Violation, rule
from ropa.rules.dpia import dvi_list_applies, screen


@rule("EX01", "exemption.not-applicable", severity=Severity.ERROR, article="Art. 30(5)")
def not_applicable(register: Register, context: Context) -> Iterator[Violation]:
    """The Art. 30(5) exemption is claimed where an exception takes it away.

    Why: the exemption covers only organisations with fewer than 250 employees, and even
    then not processing that is likely to result in a risk, is not occasional, or includes
    Art. 9(1) or Art. 10 data — any one exception is enough (Article 29 Working Party
    position paper of 19 April 2018). Regular processing of customer or employee data is
    not occasional, so it must be recorded.

    Fails:

    ```yaml
    organisation:
      name: SIA "Mazs"
      role: controller
      contact: {email: info@mazs.lv}
      employees: 8
      art30_5_exemption:
        claimed: true
    activities:
      - id: payroll  # ← EX01
        name: Payroll
        frequency: regular
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Mazs"
      role: controller
      contact: {email: info@mazs.lv}
      employees: 8
      art30_5_exemption:
        claimed: false
    activities:
      - id: payroll
        name: Payroll
        frequency: regular
    ```
    """
    organisation = register.organisation
    claim = organisation.art30_5_exemption
    if claim is None or not claim.claimed:
        return
    employees = organisation.employees
    if not isinstance(employees, int):
        yield Violation(
            organisation.at("employees"),
            msg("the Art. 30(5) exemption is claimed, but the number of employees is not stated"),
            msg(
                "state `employees:`; the exemption needs fewer than {employee_threshold}",
                employee_threshold=context.employee_threshold,
            ),
        )
    elif employees >= context.employee_threshold:
        yield Violation(
            organisation.at("employees"),
            msg(
                "the Art. 30(5) exemption is claimed by an organisation of "
                "{employees} employees (the exemption ends at {employee_threshold})",
                employees=employees,
                employee_threshold=context.employee_threshold,
            ),
            msg("remove the claim: the whole record is required"),
        )
    dvi = dvi_list_applies(register)
    for activity in register.activities:
        reasons = []
        if activity.frequency is not Frequency.OCCASIONAL:
            reasons.append("it is not occasional")
        if isinstance(activity.special_categories, list) and activity.special_categories:
            reasons.append("it includes Art. 9(1) data")
        if isinstance(activity.criminal_data, CriminalData):
            reasons.append("it includes Art. 10 data")
        if screen(activity, dvi_list=dvi, register=register).reasons():
            reasons.append(
                "it is likely to result in a risk to the rights and freedoms of data subjects"
            )
        if reasons:
            yield Violation(
                activity.at("id"),
                msg(
                    "the Art. 30(5) exemption cannot cover `{id}`: {items}",
                    id=activity.id,
                    items=", ".join(reasons),
                ),
                msg(
                    "keep this activity in the record; the exemption only covers "
                    "occasional processing unlikely to result in a risk, without "
                    "special or criminal data"
                ),
            )
