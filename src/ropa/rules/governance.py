"""Keeping the record alive: someone answers for each entry, and it is reviewed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.personal_code import personal_codes_in_blocks
from ropa.model.activity import Activity
from ropa.model.processor import ControllerServed
from ropa.model.register import Register
from ropa.model.vocabulary import ActivityStatus
from ropa.position import Location, Position
from ropa.rules import ABSENT, Context, Violation, not_stated, rule


@rule("GV01", "governance.no-owner", severity=Severity.INFO, article="Art. 5(2), 24")
def no_owner(register: Register, context: Context) -> Iterator[Violation]:
    """An activity nobody answers for.

    Why: the controller is responsible for, and must be able to demonstrate, compliance
    (Art. 5(2), 24). An entry without an owner is not kept up to date. Governance is not
    an Art. 30 item, so this is `info` by default; raise it in `[tool.ropa.severity]`.

    Fails:

    ```yaml
    activities:
      - id: orders  # ← GV01
        name: Orders
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        owner: Pārdošanas vadītājs / Head of sales
    ```
    """
    for activity in register.activities:
        if activity.status is not ActivityStatus.RETIRED and not_stated(activity.owner):
            yield Violation(
                activity.at("owner"),
                msg("`{id}` has no owner", id=activity.id),
                msg("add `owner:` (the role or person who answers for this processing)"),
                cause=f"{ABSENT}owner",
            )


@rule("GV02", "governance.review-overdue", severity=Severity.INFO, article="Art. 24(1)")
def review_overdue(register: Register, context: Context) -> Iterator[Violation]:
    """An activity not reviewed within the review interval (12 months by default).

    Why: measures are reviewed and updated where necessary (Art. 24(1)); a record that
    nobody has looked at for years no longer describes the processing. The interval is
    set with `review-interval` in the configuration. Governance is not an Art. 30 item,
    so this is `info` by default; raise it in `[tool.ropa.severity]`. A processor's
    record is reviewed too: each controller served (Art. 30(2)) is checked like an
    activity. An entry that records its next planned review (`next_review:`, as a notice
    states its "review date") keeps its own schedule: it is reported once that date has
    passed, not by the interval (a planned date no later than `last_review` was that
    review, and the interval applies again).

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        owner: Head of sales
        last_review: 2019-05-31  # ← GV02
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        owner: Head of sales
        last_review: 2024-11-30
    ```
    """
    interval = context.review_interval
    entries: list[tuple[Activity | ControllerServed, bool]] = [
        (activity, True)
        for activity in register.activities
        if activity.status is not ActivityStatus.RETIRED
    ]
    entries += [(controller, False) for controller in register.controllers]
    # Whether a review on a date is overdue, once per date: a register's review dates
    # repeat (a day's reviews of many entries).
    overdue: dict[dt.date, bool] = {}
    months, days = interval.total_months, interval.weeks * 7 + interval.days

    def _overdue(reviewed: dt.date) -> bool:
        late = overdue[reviewed] = _add(reviewed, months, days) < context.today
        return late

    for entry, is_activity in entries:
        reviewed = entry.last_review
        planned = entry.next_review
        # A planned date on or before the last review was that review: the interval again.
        if reviewed is not None and planned is not None and planned > reviewed:
            if planned < context.today:
                yield Violation(
                    entry.at("next_review"),
                    msg(
                        "`{id}` was due for its planned review on {isoformat}, and it is "
                        "not recorded as done",
                        id=entry.id,
                        isoformat=planned.isoformat(),
                    ),
                    msg("review the entry, update `last_review:` and set the next `next_review:`"),
                )
            continue
        if reviewed is None:
            yield Violation(
                entry.at("last_review"),
                msg("`{id}` has no record of a review", id=entry.id),
                msg("review the entry and add `last_review:` with the date"),
                # The merged message names activities; controllers served stay apart.
                cause=f"{ABSENT}last_review" if is_activity else None,
            )
        elif overdue[reviewed] if reviewed in overdue else _overdue(reviewed):
            yield Violation(
                entry.at("last_review"),
                msg(
                    "`{id}` was last reviewed on {isoformat}, longer ago than the "
                    "review interval ({interval})",
                    id=entry.id,
                    isoformat=reviewed.isoformat(),
                    interval=interval,
                ),
                msg("review the entry and update `last_review:`"),
            )


@rule("GV03", "governance.review-in-future", severity=Severity.ERROR, article="Art. 5(2), 30(1)")
def review_in_future(register: Register, context: Context) -> Iterator[Violation]:
    """A `last_review` date that has not come yet.

    Why: the date records a review that took place; one in the future cannot be true (a
    typo such as 2052 for 2025, or a planned review written as a done one), and it hides
    the entry from the review-overdue rule (GV02) for years. The record must be accurate
    to demonstrate compliance (Art. 5(2)). This is a check, not a validation error,
    because it depends on the day `ropa check` runs.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        owner: Head of sales
        last_review: 2052-11-30  # ← GV03
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        owner: Head of sales
        last_review: 2024-11-30
    ```
    """
    for activity in register.activities:
        reviewed = activity.last_review
        if reviewed is not None and reviewed > context.today:
            yield Violation(
                activity.at("last_review"),
                msg(
                    "`{id}` was last reviewed on {date}, a date that has not come yet "
                    "(today is {today})",
                    id=activity.id,
                    date=reviewed.isoformat(),
                    today=context.today.isoformat(),
                ),
                msg("write the date of the last review that took place"),
            )


def _days_in(year: int, month: int) -> int:
    """The days of a month (as `calendar.monthrange` gives them, without importing
    calendar and locale at every start)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def _add(date: dt.date, months: int, days: int) -> dt.date:
    """`date` plus a period; past the last date Python knows (9999-12-31), that date."""
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    day = min(date.day, _days_in(year, month))
    try:
        return dt.date(year, month, day) + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


@rule("GV04", "governance.personal-code", severity=Severity.WARNING, article="Art. 5(1)(c), 32")
def personal_code(register: Register, context: Context) -> Iterator[Violation]:
    """A real person's personas kods written into the register, in a value or a comment.

    Why: the register is a record of categories of data, not of people; a personal code
    written in it (an example in a comment, a contact's code) is that person's data,
    copied into git and every clone of it, kept for as long as the history lasts. That
    is more than the record needs (Art. 5(1)(c)) and data nobody secures as such
    (Art. 32). The file's raw text is read, comments included. The old form
    (`DDMMYY-CNNNN`) counts only with a valid date and check digit, the new form with
    `32` and eleven digits with the hyphen; the message shows the code masked. Numbers
    without the hyphen (registration numbers, phone numbers) are not read. The check
    digit follows python-stdnum, not verified against an official publication (see
    `ropa.knowledge.personal_code`).

    Fails:

    ```yaml
    activities:
      - id: payroll
        name: Payroll
        personal_data: [name, personas kods]  # e.g. Jānis, 150385-11239  # ← GV04
    ```

    Passes:

    ```yaml
    activities:
      - id: payroll
        name: Payroll
        personal_data: [name, personas kods]  # e.g. Jānis, XXXXXX-XXXXX
    ```
    """
    for file in register.files:
        blocks = context.source_blocks(file)
        if blocks is None:
            continue
        for found in personal_codes_in_blocks(blocks):
            yield Violation(
                Location(file, ()),
                msg(
                    "a personas kods ({masked}) is written in the register: a real "
                    "person's data, committed to git",
                    masked=found.masked,
                ),
                msg(
                    "remove it (and from the history, if it is real); write the category "
                    "(`personas kods`) or a placeholder such as `XXXXXX-XXXXX`"
                ),
                position=Position(found.line, found.column),
            )


# The lists a register most often writes in brackets on one line, as plain texts.
_TEXT_LISTS = ("data_subjects", "personal_data")


@rule("GV05", "governance.split-text", severity=Severity.WARNING, article="Art. 30(1)(c)")
def split_text(register: Register, context: Context) -> Iterator[Violation]:
    """A text cut in two by a comma inside a list written in brackets.

    Why: in a YAML list written in brackets, `[name, address (street, city)]`, every
    comma ends an item, parentheses or not: the register then records the categories
    "address (street" and "city)", which is not what its writer meant nor what a reader
    of the record (Art. 30(1)(c)) can use, and the checks read the halves apart. An item
    that opens a parenthesis its list closes only in a later item is reported, with the
    text it was meant to be.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        personal_data: [name, address (street, city), phone]  # ← GV05
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        personal_data: [name, "address (street, city)", phone]
    ```
    """
    for activity in register.activities:
        for key in _TEXT_LISTS:
            items = getattr(activity, key)
            if type(items) is not list or len(items) < 2 or not _may_split(items):
                continue
            for first, last in _split_runs(items):
                yield Violation(
                    activity.at(key, first),
                    msg(
                        "`{key}` of `{id}` holds {parts} that read as one text cut at its "
                        "commas: “{text}”",
                        key=key,
                        id=activity.id,
                        parts=", ".join(f"“{items[i]}”" for i in range(first, last + 1)),
                        text=", ".join(items[first : last + 1]),
                    ),
                    msg(
                        "in a list in brackets a comma always ends an item: write that text "
                        'in quotes, "{text}", or the list one item to a line',
                        text=", ".join(items[first : last + 1]),
                    ),
                )


def _may_split(items: list[object]) -> bool:
    """Whether any item opens a parenthesis (one C-level join for the common all-text list:
    the rule runs over every activity)."""
    try:
        return "(" in "".join(items)  # type: ignore[arg-type]
    except TypeError:  # mappings or `{lv:, en:}` texts among the items
        return True


def _split_runs(items: list[object]) -> Iterator[tuple[int, int]]:
    """The runs of plain-text items whose parentheses balance only together."""
    depth = 0
    start: int | None = None
    for index, item in enumerate(items):
        if type(item) is not str:
            depth, start = 0, None
            continue
        opened = item.count("(") - item.count(")")
        if start is None:
            if opened > 0:
                depth, start = opened, index
            continue
        depth += opened
        if depth <= 0:
            if depth == 0:
                yield start, index
            depth, start = 0, None
