"""Art. 30(1)(f): how long data is kept, stated as a period or as real criteria."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.knowledge.retention import STATUTES
from ropa.model.activity import Activity, DataCategory, Retention
from ropa.model.register import Register
from ropa.model.types import Duration, text_of
from ropa.position import Location
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._phrases import VAGUE_RETENTION, contains_any


def _retentions(register: Register) -> Iterator[tuple[Activity, Location, Retention]]:
    """Every retention: the activity's, and those of its data categories."""
    for activity in register.activities:
        if isinstance(activity.retention, Retention):
            yield activity, activity.at("retention"), activity.retention
        if isinstance(activity.personal_data, list):
            for index, item in enumerate(activity.personal_data):
                if isinstance(item, DataCategory) and isinstance(item.retention, Retention):
                    yield activity, activity.at("personal_data", index, "retention"), item.retention


def _every_category_has_retention(activity: Activity) -> bool:
    items = activity.personal_data
    return (
        isinstance(items, list)
        and bool(items)
        and all(isinstance(i, DataCategory) and isinstance(i.retention, Retention) for i in items)
    )


@rule("RT01", "retention.missing", severity=Severity.WARNING, article="Art. 30(1)(f)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """An activity that does not say how long data is kept.

    Why: the record gives, where possible, the envisaged time limits for erasure of the
    different categories of data (Art. 30(1)(f)); storage limitation (Art. 5(1)(e)) cannot
    be shown without them.

    Fails:

    ```yaml
    activities:
      - id: cctv
        name: Video surveillance
        retention: unknown  # ← RT01
    ```

    Passes:

    ```yaml
    activities:
      - id: cctv
        name: Video surveillance
        retention: {period: P30D, from: recording, reason: Time to notice an incident}
    ```
    """
    for activity in register.activities:
        retention = activity.retention
        if isinstance(retention, Retention) or _every_category_has_retention(activity):
            if (
                isinstance(retention, Retention)
                and retention.period is None
                and not_stated(retention.criteria)
            ):
                yield Violation(
                    activity.at("retention"),
                    f"the retention of `{activity.id}` gives neither a period nor criteria",
                    "add `period:` (e.g. P5Y) with `from:`, or `criteria:`",
                )
            continue
        yield Violation(
            activity.at("retention"),
            f"`{activity.id}` does not say how long the data is kept",
            "add `retention:` with a `period:` (P5Y) and the event it runs `from:`, or the "
            "`criteria:` that decide it",
        )


@rule("RT02", "retention.vague", severity=Severity.WARNING, article="Art. 5(1)(e), 13(2)(a)")
def vague(register: Register, context: Context) -> Iterator[Violation]:
    """A retention that says only "as long as necessary".

    Why: "as long as necessary" ("kamēr nepieciešams", "tik ilgi, cik nepieciešams") restates
    the storage-limitation principle (Art. 5(1)(e)); it is neither a period nor the
    criteria used to determine one (Art. 13(2)(a)).

    Fails:

    ```yaml
    activities:
      - id: customers
        name: Customer data
        retention:
          criteria: Tik ilgi, cik tas ir nepieciešams nolūku sasniegšanai.  # ← RT02
    ```

    Passes:

    ```yaml
    activities:
      - id: customers
        name: Customer data
        retention:
          period: P3Y
          from: the last purchase
          reason: Komerclikums, 406. pants (limitation of claims)
    ```
    """
    for activity, location, retention in _retentions(register):
        if retention.period is not None:
            continue
        texts = [text_of(retention.criteria, language) for language in ("lv", "en")]
        vague = next((text for text in texts if contains_any(text, VAGUE_RETENTION)), None)
        if vague is not None:
            quoted = vague if len(vague) <= 70 else vague[:69].rstrip() + "\u2026"
            yield Violation(
                location.child("criteria"),
                f"the retention of `{activity.id}` is vague (\u201c{quoted}\u201d): no period "
                "and no criteria that decide one",
                "state a period (`period: P3Y`, `from:` the event) or concrete criteria "
                "(end of contract, withdrawal of consent, a law's period)",
            )


@rule("RT03", "retention.below-statute", severity=Severity.ERROR, article="Art. 30(1)(f)")
def below_statute(register: Register, context: Context) -> Iterator[Violation]:
    """A retention shorter than the statutory period it cites.

    Why: when a retention follows a law (`statute:`), its period must be at least as long
    as the law's — e.g. the Latvian Accounting Law keeps source documents at least 5 years.
    The periods are in `ropa.knowledge.retention`, with their sources.

    Fails:

    ```yaml
    activities:
      - id: invoices
        name: Invoices
        retention:
          period: P3Y  # ← RT03
          statute: LV.RET.ACC.SRC
    ```

    Passes:

    ```yaml
    activities:
      - id: invoices
        name: Invoices
        retention:
          period: P5Y
          from: end of the financial year
          statute: LV.RET.ACC.SRC
    ```
    """
    for activity, location, retention in _retentions(register):
        if retention.period is None or retention.statute is None:
            continue
        statute = STATUTES[retention.statute]
        if statute.minimum is None:
            continue
        minimum = Duration(statute.minimum)
        if retention.period.certainly_shorter_than(minimum):
            yield Violation(
                location.child("period"),
                f"the retention of `{activity.id}` ({retention.period}) is shorter than the "
                f"{minimum} of {statute.law}, {statute.provision} ({statute.description})",
                f"keep the data at least {minimum}, or cite the statute that really applies",
            )


@rule("RT04", "retention.no-start", severity=Severity.WARNING, article="Art. 30(1)(f)")
def no_start(register: Register, context: Context) -> Iterator[Violation]:
    """A retention period without the event it runs from.

    Why: "5 years" is a time limit only with a start: from the purchase, the end of the
    contract, the end of the financial year. Without it the date of erasure cannot be
    worked out.

    Fails:

    ```yaml
    activities:
      - id: warranty
        name: Warranty support
        retention:
          period: P5Y  # ← RT04
    ```

    Passes:

    ```yaml
    activities:
      - id: warranty
        name: Warranty support
        retention:
          period: P5Y
          from: date of purchase
    ```
    """
    for activity, location, retention in _retentions(register):
        if retention.period is not None and not_stated(retention.from_):
            yield Violation(
                location.child("period"),
                f"the retention period of `{activity.id}` ({retention.period}) does not say "
                "from when it runs",
                "add `from:` (the purchase, the end of the contract, the financial year end)",
            )


@rule("RT05", "retention.zero", severity=Severity.WARNING, article="Art. 30(1)(f)")
def zero_period(register: Register, context: Context) -> Iterator[Violation]:
    """A retention period of nothing (`P0D`, `P0Y`).

    Why: the record gives the envisaged time limit for erasure (Art. 30(1)(f)). A period
    of zero says the data is erased the moment it is collected; that is rarely what is
    meant, and more often a placeholder left in. Where data really is erased at once
    (a call transcribed and deleted), say so with criteria instead.

    Fails:

    ```yaml
    activities:
      - id: calls
        name: Support calls
        retention:
          period: P0D  # ← RT05
          from: the end of the call
    ```

    Passes:

    ```yaml
    activities:
      - id: calls
        name: Support calls
        retention:
          criteria: the recording is deleted when the call ends
    ```
    """
    for activity, location, retention in _retentions(register):
        if retention.period is not None and retention.period.max_days == 0:
            yield Violation(
                location.child("period"),
                f"the retention of `{activity.id}` is a period of nothing "
                f"({retention.period}): the data would be erased as it is collected",
                "give the real period, or describe an immediate erasure in `criteria:`",
            )


# Dates end in the year 9999 (Python's, Excel's): no retention longer than this can end.
CALENDAR_YEARS = 9999


@rule("RT06", "retention.beyond-calendar", severity=Severity.ERROR, article="Art. 30(1)(f)")
def beyond_calendar(register: Register, context: Context) -> Iterator[Violation]:
    """A retention period longer than any calendar runs (more than 9,999 years).

    Why: the record gives the envisaged time limit for erasure (Art. 30(1)(f)); a period
    such as `P1000000Y` sets none, since no date of erasure can be worked out from it. It
    is a typo or a way of writing "for ever". Data kept permanently (an archive) is
    recorded with criteria saying so. This is a check, not a validation error, so that a
    file valid in format version 1 stays valid.

    Fails:

    ```yaml
    activities:
      - id: archive
        name: Archive
        retention:
          period: P1000000Y  # ← RT06
          from: the end of the contract
    ```

    Passes:

    ```yaml
    activities:
      - id: archive
        name: Archive
        retention:
          criteria: kept permanently in the archive
    ```
    """
    for activity, location, retention in _retentions(register):
        period = retention.period
        if period is None:
            continue
        years = period.total_months / 12 + (period.weeks * 7 + period.days) / 366
        if years > CALENDAR_YEARS:
            yield Violation(
                location.child("period"),
                f"the retention of `{activity.id}` ({_shown(period)}) is longer than any "
                f"calendar runs (more than {CALENDAR_YEARS:,} years): no date of erasure can "
                "be worked out",
                "give the real period; for data kept permanently, say so in `criteria:`",
            )


def _shown(period: Duration) -> str:
    text = str(period)
    return text if len(text) <= 40 else text[:39] + "…"
