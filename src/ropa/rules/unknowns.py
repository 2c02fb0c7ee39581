"""`unknown` on the keys where not knowing is itself a risk.

`unknown` is the honest answer when an organisation does not know yet, and the format
promises that the checks still flag it. On most keys another rule already does (a missing
legal basis, retention, recipients); these rules cover the high-risk keys no other rule
reads when they say `unknown`: special categories, criminal data, national identifiers,
profiling, automated decisions, the DPIA and the sources of the data. Each has the
severity of what might be hiding behind it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.model.activity import Dpia
from ropa.model.register import Register
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import first_readings
from ropa.rules.dpia import screen
from ropa.rules.inferred_data import special_readings


@rule("SD24", "special-data.unknown", severity=Severity.WARNING, article="Art. 9(1)-(2)")
def special_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`special_categories: unknown`: whether Art. 9 data is processed is not known.

    Why: processing special-category data without an Art. 9(2) condition is prohibited;
    not knowing whether it happens means nobody has checked the condition. (Where the
    activity's words name such data, SD21 reports it instead.)

    Fails:

    ```yaml
    activities:
      - id: members
        name: Membership
        special_categories: unknown  # ← SD24
    ```

    Passes:

    ```yaml
    activities:
      - id: members
        name: Membership
        special_categories: none
    ```
    """
    for activity in register.activities:
        if activity.special_categories == "unknown" and not special_readings(activity):
            yield Violation(
                activity.at("special_categories"),
                f"`{activity.id}` does not know whether it processes special-category data "
                "(Art. 9(1))",
                "find out, and write `none` or the categories with their Art. 9(2) condition",
            )


@rule("SD25", "special-data.criminal-unknown", severity=Severity.WARNING, article="Art. 10")
def criminal_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`criminal_data: unknown`: whether conviction or offence data is processed is not known.

    Why: Art. 10 data may be processed only under official authority or a law with
    safeguards; an unknown here may hide processing with no basis at all.

    Fails:

    ```yaml
    activities:
      - id: recruitment
        name: Recruitment
        criminal_data: unknown  # ← SD25
    ```

    Passes:

    ```yaml
    activities:
      - id: recruitment
        name: Recruitment
        criminal_data: none
    ```
    """
    for activity in register.activities:
        if activity.criminal_data == "unknown" and not first_readings(activity, ("criminal",)):
            yield Violation(
                activity.at("criminal_data"),
                f"`{activity.id}` does not know whether it processes criminal-conviction data "
                "(Art. 10)",
                "find out, and write `none` or the data with its Art. 10 `basis:`",
            )


@rule("SD26", "special-data.national-id-unknown", severity=Severity.INFO, article="Art. 87")
def national_id_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`national_id: unknown`: whether personas kods is collected is not known.

    Why: the personas kods is collected only where needed and justified (Art. 87); an
    unknown means nobody has asked whether it is.

    Fails:

    ```yaml
    activities:
      - id: events
        name: Event registration
        national_id: unknown  # ← SD26
    ```

    Passes:

    ```yaml
    activities:
      - id: events
        name: Event registration
        national_id: none
    ```
    """
    for activity in register.activities:
        if activity.national_id == "unknown" and not first_readings(activity, ("national_id",)):
            yield Violation(
                activity.at("national_id"),
                f"`{activity.id}` does not know whether it processes national identification "
                "numbers (Art. 87)",
                "find out, and write `none` or the number with its `justification:`",
            )


@rule("DP23", "profiling.unknown", severity=Severity.WARNING, article="Art. 13(2)(f), 21, 22")
def profiling_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`profiling: unknown` or `automated_decisions: unknown`.

    Why: profiling and solely automated decisions bring the right to object, the Art. 22
    limits and information duties (Art. 13(2)(f)), and weigh in the DPIA screening; not
    knowing whether they happen leaves all of these unchecked.

    Fails:

    ```yaml
    activities:
      - id: scoring
        name: Customer scoring
        profiling: unknown  # ← DP23
        automated_decisions: unknown  # ← DP23
    ```

    Passes:

    ```yaml
    activities:
      - id: scoring
        name: Customer scoring
        profiling: {description: Purchase history grouped into segments}
        automated_decisions: none
    ```
    """
    for activity in register.activities:
        for key, what in (
            ("profiling", "profiling (Art. 4(4))"),
            ("automated_decisions", "solely automated decisions (Art. 22)"),
        ):
            if getattr(activity, key) == "unknown":
                yield Violation(
                    activity.at(key),
                    f"`{activity.id}` does not know whether it involves {what}",
                    f"find out, and write `{key}: none` or describe it",
                )


@rule("DP24", "dpia.unknown", severity=Severity.INFO, article="Art. 35(1)")
def dpia_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`dpia: unknown`, or `required: unknown`, with no screening reason recorded.

    Why: whether a DPIA is needed is decided before the processing (Art. 35(1)). Where the
    screening finds reasons, DP01 or DP03 report them; otherwise the open question is
    reported here, so it is not forgotten.

    Fails:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        dpia: unknown  # ← DP24
    ```

    Passes:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        dpia:
          required: false
          status: not_required
          screening: {notes: No WP248 criterion met}
    ```
    """
    for activity in register.activities:
        dpia = activity.dpia
        unknown = dpia == "unknown" or (isinstance(dpia, Dpia) and dpia.required == "unknown")
        if unknown and not screen(activity).reasons():
            at = activity.at("dpia") if dpia == "unknown" else activity.at("dpia", "required")
            yield Violation(
                at,
                f"`{activity.id}` has not settled whether it needs a DPIA",
                "screen it against the WP248 criteria and the DVI list, and record the result",
            )


@rule("AC21", "activity.sources-unknown", severity=Severity.INFO, article="Art. 14(2)(f), 30")
def sources_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`sources: unknown`: where the data comes from is not known.

    Why: when data is not obtained from the person, they must be told its source (Art.
    14(2)(f)), and data of unknown origin cannot be shown to be accurate or lawfully
    obtained (Art. 5(1)(a), (d)).

    Fails:

    ```yaml
    activities:
      - id: leads
        name: Sales leads
        sources: unknown  # ← AC21
    ```

    Passes:

    ```yaml
    activities:
      - id: leads
        name: Sales leads
        sources:
          - kind: publicly_available
            description: Uzņēmumu reģistrs (Lursoft)
    ```
    """
    for activity in register.activities:
        if activity.sources == "unknown":
            yield Violation(
                activity.at("sources"),
                f"`{activity.id}` does not know where its data comes from",
                "list the `sources:` (the person, a third party and which, public sources)",
            )
