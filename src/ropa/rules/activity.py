"""Art. 30(1)(b)–(d): what every activity's entry must say."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from ropa.findings import Severity
from ropa.i18n import Message, msg, number
from ropa.knowledge.lexicon import mentions
from ropa.model.activity import Activity, DataCategory
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import DataSourceKind
from ropa.rules import ABSENT, Context, Violation, not_stated, rule


def _missing(
    register: Register,
    key: str,
    unknown: str,
    absent: str,
    hint: Message,
    skip: Callable[[Activity], bool] | None = None,
) -> Iterator[tuple[Activity, Violation]]:
    """`unknown` and `absent` are templates with `{id}`, the activity's id; whole sentences
    each, so that a translation can order its words as its language needs. Activities
    for which `skip` is true are left to another finding."""
    for activity in register.activities:
        value = getattr(activity, key)
        if not_stated(value) and not (skip is not None and skip(activity)):
            template = unknown if value == "unknown" else absent
            # The same gap in many activities is one thing to fix: reported once.
            cause = f"{ABSENT}{key}:{'unknown' if value == 'unknown' else 'missing'}"
            yield (
                activity,
                Violation(activity.at(key), Message(template, id=activity.id), hint, cause=cause),
            )


def _describes_neither(activity: Activity) -> bool:
    """An activity that states neither its data subjects nor its personal data: one
    Art. 30(1)(c) gap, which AC03 reports at both keys."""
    return not_stated(activity.data_subjects) and not_stated(activity.personal_data)


@rule("AC01", "activity.purposes", severity=Severity.ERROR, article="Art. 30(1)(b)")
def purposes(register: Register, context: Context) -> Iterator[Violation]:
    """An activity without its purposes.

    Why: the record must state the purposes of the processing (Art. 30(1)(b)); the purpose
    decides what data is necessary (Art. 5(1)(b), (c)) and which legal basis applies.

    Fails:

    ```yaml
    activities:
      - id: website-visits  # ← AC01
        name: Website visit data
    ```

    Passes:

    ```yaml
    activities:
      - id: website-visits
        name: Website visit data
        purposes:
          - purpose: Keeping the website secure
            legal_basis: {basis: legitimate_interests}
    ```
    """
    for _activity, violation in _missing(
        register,
        "purposes",
        msg("the purposes of `{id}` are recorded as unknown").template,
        msg("the purposes of `{id}` are not stated").template,
        msg("list each purpose under `purposes:` with its legal basis"),
    ):
        yield violation


@rule("AC05", "activity.none-as-controller", severity=Severity.ERROR, article="Art. 30(1)")
def none_as_controller(register: Register, context: Context) -> Iterator[Violation]:
    """An organisation that acts as a controller, with no processing activity on record.

    Why: each controller keeps a record of the processing activities under its
    responsibility (Art. 30(1)); a processor that also decides on purposes and means of
    its own (its customers' accounts, its staff, its own use of the service data) is a
    controller for those and records them as activities, besides the Art. 30(2) record of
    what it does for others. `role: controller` or `controller_and_processor` with no
    `activities:` leaves that record empty.

    Fails:

    ```yaml
    organisation:
      name: SIA "Mākonis"
      role: controller_and_processor  # ← AC05
      contact: {email: info@makonis.lv}
    controllers:
      - id: schools
        name: Skolas
        contact: {email: skolas@example.lv}
        processing: [e-journal hosting]
    ```

    Passes:

    ```yaml
    organisation:
      name: SIA "Mākonis"
      role: controller_and_processor
      contact: {email: info@makonis.lv}
    controllers:
      - id: schools
        name: Skolas
        contact: {email: skolas@example.lv}
        processing: [e-journal hosting]
    activities:
      - id: customer-accounts
        name: Customer accounts and invoicing
    ```
    """
    organisation = register.organisation
    if organisation.is_controller and not register.activities:
        yield Violation(
            organisation.at("role"),
            msg(
                "the organisation acts as a controller ({role}) but the register records "
                "no processing activity of its own",
                role=organisation.role.value,
            ),
            msg(
                "add its own processing under `activities:` (customers, staff, its own use "
                "of data), or set `role: processor` if it has none"
            ),
        )


@rule("AC02", "activity.data-subjects", severity=Severity.ERROR, article="Art. 30(1)(c)")
def data_subjects(register: Register, context: Context) -> Iterator[Violation]:
    """An activity without the categories of data subjects.

    Why: the record must describe the categories of data subjects (Art. 30(1)(c)): whose
    data it is decides the risks, the information duties and who can exercise rights.
    Where the personal data is not stated either, AC03 reports both as one gap.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        data_subjects: unknown  # ← AC02
        personal_data: [name, delivery address]
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        data_subjects: [customers, recipients of gifts]
    ```
    """
    yield from (
        violation
        for _activity, violation in _missing(
            register,
            "data_subjects",
            msg("the categories of data subjects of `{id}` are recorded as unknown").template,
            msg("the categories of data subjects of `{id}` are not stated").template,
            msg("list them under `data_subjects:` (customers, employees, website visitors, ...)"),
            # With the personal data left open too, AC03 reports the one Art. 30(1)(c) gap.
            skip=_describes_neither,
        )
    )


@rule("AC03", "activity.personal-data", severity=Severity.ERROR, article="Art. 30(1)(c)")
def personal_data(register: Register, context: Context) -> Iterator[Violation]:
    """An activity without the categories of personal data.

    Why: the record must describe the categories of personal data (Art. 30(1)(c)).
    Art. 30(1)(c) is one description, of the data subjects and of the data: an activity
    that states neither is one gap, reported here at both keys (AC02 is then silent).

    Fails:

    ```yaml
    activities:
      - id: orders  # ← AC03
        name: Orders
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        personal_data: [name, delivery address, phone number]
    ```
    """
    for activity, violation in _missing(
        register,
        "personal_data",
        msg("the categories of personal data of `{id}` are recorded as unknown").template,
        msg("the categories of personal data of `{id}` are not stated").template,
        msg("list them under `personal_data:`"),
    ):
        if _describes_neither(activity):
            # Art. 30(1)(c) is one description of both: one finding, at both keys.
            yield replace(
                violation,
                message=msg(
                    "`{id}` says neither whose data it processes nor which data", id=activity.id
                ),
                hint=msg(
                    "list whose data it is under `data_subjects:` and which data under "
                    "`personal_data:`"
                ),
                related=(activity.at("data_subjects"),),
            )
        else:
            yield violation


@rule("AC04", "activity.recipients", severity=Severity.ERROR, article="Art. 30(1)(d)")
def recipients(register: Register, context: Context) -> Iterator[Violation]:
    """An activity that does not say who receives the data.

    Why: the record must state the categories of recipients, including those in third
    countries (Art. 30(1)(d)). When nobody receives the data, say `recipients: none`.
    Activities that leave it unknown or out share one finding that lists them.

    Fails:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        recipients: unknown  # ← AC04
    ```

    Passes:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        recipients: none
    ```
    """
    for _activity, violation in _missing(
        register,
        "recipients",
        msg("the recipients of `{id}` are recorded as unknown").template,
        msg("the recipients of `{id}` are not stated").template,
        msg("list recipient ids under `recipients:`, or write `recipients: none`"),
    ):
        # Unknown here and left out there is one gap of the register: one finding.
        yield replace(violation, cause=f"{ABSENT}recipients", grouped=_recipients_grouped)


def _recipients_grouped(count: int, names: str) -> Message:
    return msg(
        "{count} activities do not say who receives their data: {names}",
        count=number(count),
        names=names,
    )


@rule("AC11", "activity.source-unnamed", severity=Severity.WARNING, article="Art. 14(2)(f)")
def source_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """Data obtained from others, without saying from whom.

    Why: where personal data is not obtained from the data subject, the controller tells
    them the source, and whether it is publicly accessible (Art. 14(2)(f)); the record is
    where that answer is kept. A source of kind `third_party` or `publicly_available`
    names its category or the source itself in `description:` (payment providers, the
    Enterprise Register, Latvijas Vēstnesis).

    Fails:

    ```yaml
    activities:
      - id: debt-collection
        name: Debt collection
        sources:
          - kind: data_subject
          - kind: third_party  # ← AC11
    ```

    Passes:

    ```yaml
    activities:
      - id: debt-collection
        name: Debt collection
        sources:
          - kind: data_subject
          - kind: third_party
            description: {lv: kredītiestādes, en: the creditor bank}
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.sources, list):
            continue
        for index, source in enumerate(activity.sources):
            if source.kind in (DataSourceKind.THIRD_PARTY, DataSourceKind.PUBLICLY_AVAILABLE) and (
                not_stated(source.description)
            ):
                kind = (
                    msg("third-party")
                    if source.kind is DataSourceKind.THIRD_PARTY
                    else msg("public")
                )
                yield Violation(
                    activity.at("sources", index, "kind"),
                    msg(
                        "`{id}` obtains data from a {kind} source without saying which",
                        id=activity.id,
                        kind=kind,
                    ),
                    msg("add `description:` with the source or its category (Art. 14(2)(f))"),
                )


@rule("AC16", "activity.source-missing", severity=Severity.WARNING, article="Art. 14(2)(f)")
def source_missing(register: Register, context: Context) -> Iterator[Violation]:
    """Data that its own description says comes from others, with no such source listed.

    Why: where personal data is not obtained from the data subject, Art. 14 applies: the
    person is told the categories of data and where they come from (Art. 14(1)(d),
    14(2)(f)), and the record is where that answer is kept. A data category worded as
    coming from elsewhere ("accounts held with other providers", "ziņas no
    Kredītinformācijas biroja", "information from referees", "dati no valsts
    reģistriem") while `sources:` lists only the person and the organisation itself
    leaves that source out. Read in `personal_data`; one finding per activity, at
    `sources`, naming the words.

    Fails:

    ```yaml
    activities:
      - id: lending
        name: Kreditēšana
        personal_data:
          - vārds, uzvārds, personas kods
          - ziņas par kredītsaistībām no Kredītinformācijas biroja
        sources:  # ← AC16
          - kind: data_subject
    ```

    Passes:

    ```yaml
    activities:
      - id: lending
        name: Kreditēšana
        personal_data:
          - vārds, uzvārds, personas kods
          - ziņas par kredītsaistībām no Kredītinformācijas biroja
        sources:
          - kind: data_subject
          - kind: third_party
            description: SIA "Kredītinformācijas birojs"
    ```
    """
    for activity in register.activities:
        sources = activity.sources
        if not isinstance(sources, list) or any(
            source.kind in (DataSourceKind.THIRD_PARTY, DataSourceKind.PUBLICLY_AVAILABLE)
            for source in sources
        ):
            continue
        found = _from_others(activity)
        if found is not None:
            index, words = found
            # The finding is about `sources`; the data list that says so is quoted, not
            # blamed: it may describe the data well.
            yield Violation(
                activity.at("sources"),
                msg(
                    "`personal_data[{index}]` of `{id}` is data obtained from others "
                    "(\u201c{words}\u201d), but its `sources` name no third party or "
                    "public source",
                    index=index,
                    id=activity.id,
                    words=words,
                ),
                msg("add the source under `sources:` with `kind: third_party` and its name"),
                at_key=True,
            )


def _from_others(activity: Activity) -> tuple[int, str] | None:
    """The first data category worded as coming from someone else: its index, its words."""
    if not isinstance(activity.personal_data, list):
        return None
    for index, item in enumerate(activity.personal_data):
        value = item.category if isinstance(item, DataCategory) else item
        for language in ("lv", "en"):
            text = text_of(value, language)
            found = mentions(text, "data_from_others") if text else None
            if found is not None:
                return index, found.matched
    return None
