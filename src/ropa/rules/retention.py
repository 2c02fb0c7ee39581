"""Art. 30(1)(f): how long data is kept, stated as a period or as real criteria."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg, number
from ropa.knowledge import lexicon
from ropa.knowledge.laws import laws_cited
from ropa.knowledge.retention import STATUTES, StatutoryPeriod
from ropa.knowledge.text import fold_word
from ropa.model.activity import Activity, DataCategory, Retention
from ropa.model.register import Register
from ropa.model.types import INDEFINITE, PERMANENT, Duration, text_of
from ropa.model.vocabulary import Whichever
from ropa.position import Location
from ropa.rules import ABSENT, Context, Violation, not_stated, per_register, rule
from ropa.rules._reading import first_readings, law_unnamed, names_a_law
from ropa.rules._retention_text import (
    endless_words,
    longest_period,
    until_request_words,
    vague_words,
)


@per_register
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
                and not_stated(retention.file_plan)
            ):
                yield Violation(
                    activity.at("retention"),
                    msg(
                        "the retention of `{id}` gives neither a period nor criteria",
                        id=activity.id,
                    ),
                    msg(
                        "add `period:` (e.g. P5Y) with `from:`, `criteria:`, or the "
                        "`file_plan:` entry that sets it"
                    ),
                )
            continue
        yield Violation(
            activity.at("retention"),
            msg("`{id}` does not say how long the data is kept", id=activity.id),
            msg(
                "add `retention:` with a `period:` (P5Y) and the event it runs "
                "`from:`, or the `criteria:` that decide it"
            ),
            cause=f"{ABSENT}retention",
        )


@rule("RT02", "retention.vague", severity=Severity.WARNING, article="Art. 5(1)(e), 13(2)(a)")
def vague(register: Register, context: Context) -> Iterator[Violation]:
    """A retention that says only "as long as necessary", or only "per the file plan".

    Why: "as long as necessary" ("kamēr nepieciešams", "tik ilgi, cik nepieciešams", "while
    still needed for the purpose", "as long as legal requirements demand" with no law
    named) restates the storage-limitation principle (Art. 5(1)(e)); it is neither a period
    nor the criteria used to determine one (Art. 13(2)(a)). Criteria count only when a
    reader can tell from them when the data goes (WP260 Annex, Art. 13(2)(a)): "while
    legitimate interests exist" ("kamēr pastāv leģitīmās intereses") is the controller's
    own open judgement, and "while the data is kept in the database" is circular, so both
    are vague, also as one of several alternatives. An end event is not vague: withdrawal
    of consent (Art. 7(3), 17(1)(b): "līdz piekrišanas atsaukšanai", "while consent is
    valid"), the end of a contract, the close of a debt recovery. "According to the file plan
    (lietu nomenklatūra)" without the entry or its period points at a document the record
    does not quote. The wording is recognised in any inflection, with or without
    diacritics, in Latvian or English. One wording in several activities (one YAML
    anchor, or one sentence of the notice copied into each) is one finding naming the
    other places, and so is one file plan or records policy cited without entries by
    several activities: an organisation keeps one file plan, and quoting its entries is
    one piece of work. Each place is still listed (`related`), so none is lost.

    A second end that applies when it comes later than the period (`or_until:` with
    `whichever: later`) decides when the data goes: "six years, or as long as needed,
    whichever is later" keeps it as long as needed, and is vague in the same way.

    Kept for the life of a programme or scheme ("kamēr tiek īstenota lojalitātes
    programma", "as long as the loyalty programme runs") is vague in the same way: the
    programme may run for decades after a person leaves it or stops using the card, so
    nothing ends for them (Art. 5(1)(e), 13(2)(a)); "while you are a member", "kamēr
    piedalāties programmā" end with the person and are not reported.

    A period whose only reason is "the law" in general ("normatīvajos aktos noteiktie
    termiņi", "under Latvian law", "statutory periods"), with no act named in the reason,
    criteria, notes or `statute`, is vague in the same way: the envisaged time limit
    (Art. 30(1)(f)) cannot be traced to anything a reader can check, nor shown to be no
    longer than the purpose needs (Art. 5(1)(e), 5(2)). SD03 asks the same of a personas
    kods justified that way. Criteria that only say "as the law sets" are reported alike.
    A reason that states the legal duty with its period ("by law, operators keep traffic
    data for one year") says what the law requires, which a reader can check: not reported.

    A period with an exception kept open by reasons nobody can check ("deleted after
    three years unless required for archiving and legal reasons", "ja vien tas nav
    nepieciešams citu iemeslu dēļ") keeps the data as long as the controller decides, so
    the period is no limit (Art. 5(1)(e), 13(2)(a)). An exception tied to an event or a
    requester ("unless a regulator asks for it to be kept"), or naming its law, says when,
    and is not reported.

    Kept "because it may be needed if we see you again" ("gadījumam, ja Jūs atkal
    vērsīsieties") ties the end to the person's return, which may never come: no period
    and no end (Art. 5(1)(e), 13(2)(a)), vague in the same way. A return of goods is not
    read so.

    Fails:

    ```yaml
    activities:
      - id: customers
        name: Customer data
        retention:
          criteria: Tik ilgi, cik tas ir nepieciešams nolūku sasniegšanai.  # ← RT02
      - id: staff
        name: Personnel files
        retention:
          criteria: Saskaņā ar iestādes lietu nomenklatūru  # ← RT02
    ```

    ```yaml
    activities:
      - id: tenants
        name: Tenant files
        retention:
          period: P10Y
          from: end of the lease
          reason: normatīvajos aktos noteiktie termiņi  # ← RT02
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
        texts = [text_of(retention.criteria, language) for language in ("lv", "en")]
        found = (
            None
            if retention.period is not None
            else next(filter(None, (vague_words(text) for text in texts)), None)
        )
        if found is None:
            yield from _vague_later_end(activity, location, retention)
            yield from _unnamed_law(activity, location, retention)
            yield from _open_exception(activity, location, retention)
            continue
        words, kind = found
        if kind == "file_plan":
            message = msg(
                "the retention of `{id}` refers to the file plan (\u201c{words}\u201d) "
                "without its entry or period",
                id=activity.id,
                words=words,
            )
            hint = msg(
                "quote the file plan entry and its period (`period:`, or the entry in `criteria:`)"
            )
        else:
            message = msg(
                "the retention of `{id}` is vague (\u201c{words}\u201d): no period "
                "and no criteria that decide one",
                id=activity.id,
                words=words,
            )
            hint = msg(
                "state a period (`period: P3Y`, `from:` the event) or concrete criteria "
                "(end of contract, withdrawal of consent, a law's period)"
            )
        at = location.child("criteria")
        cause = "file-plan:" + fold_word(words) if kind == "file_plan" else _shared(texts)
        yield Violation(at, message, hint, cause=cause)


def _later_end(retention: Retention) -> list[str]:
    """The words of a second end that applies when it comes later than the period
    (`whichever: later`): they, not the period, decide how long the data may be kept.
    An earlier second end only shortens the period, so it is not read."""
    if retention.or_until is None or retention.whichever != Whichever.LATER:
        return []
    return [text_of(retention.or_until, language) for language in ("lv", "en")]


def _vague_later_end(
    activity: Activity, location: Location, retention: Retention
) -> Iterator[Violation]:
    """A later second end in words of no end ("or as long as needed, whichever is later")."""
    texts = _later_end(retention)
    found = next(filter(None, (vague_words(text) for text in texts)), None)
    if found is None or found[1] == "file_plan":
        return
    yield Violation(
        location.child("or_until"),
        msg(
            "the retention of `{id}` lasts until the later of its period and “{words}”, "
            "which sets no end: the data may be kept as long as that lasts",
            id=activity.id,
            words=found[0],
        ),
        msg(
            "give the second end as an event or date (“the child's 25th birthday”), "
            "or leave it out and keep the period"
        ),
        cause=_shared(texts),
    )


def _unnamed_law(
    activity: Activity, location: Location, retention: Retention
) -> Iterator[Violation]:
    """A retention that rests on "the law" in general and names no act (see RT02)."""
    if retention.statute is not None or not not_stated(retention.file_plan):
        return
    # An act named anywhere in the retention is the law its words point at.
    values = (retention.reason, retention.criteria, retention.notes, retention.from_)
    if any(names_a_law(text_of(v, language)) for v in values for language in ("lv", "en")):
        return
    # Where the words stand: the reason of a period, else the criteria.
    key, value = ("reason", retention.reason)
    if retention.period is None or not_stated(retention.reason):
        key, value = ("criteria", retention.criteria)
    words = law_unnamed(value)
    # "By law, operators must keep traffic data for one year" states the duty itself, with
    # its period, which a reader can check; "the periods set in the law" states none.
    if words is None or any(longest_period(text_of(value, lang)) for lang in ("lv", "en")):
        return
    yield Violation(
        location.child(key),
        msg(
            "the retention of `{id}` rests on \u201c{words}\u201d, which names no law: "
            "the time limit cannot be checked against the act that sets it",
            id=activity.id,
            words=words,
        ),
        msg("name the act and article that set the period (`statute:` or `reason:`)"),
        cause=_shared([text_of(value, language) for language in ("lv", "en")]),
    )


def _open_exception(
    activity: Activity, location: Location, retention: Retention
) -> Iterator[Violation]:
    """A period with an exception kept open by unchecked reasons (see RT02)."""
    if not isinstance(retention.period, Duration):
        return
    for key in ("notes", "reason", "criteria", "or_until"):
        value = getattr(retention, key)
        if value is None:
            continue
        for language in ("lv", "en"):
            text = text_of(value, language)
            found = lexicon.stated(text).get("retention_open_exception") if text else None
            if found is None or names_a_law(text):
                continue
            yield Violation(
                location.child(key),
                msg(
                    "the retention of `{id}` ({period}) has an open exception "
                    "(\u201c{words}\u201d): which data is kept longer, and until when, is "
                    "not said",
                    id=activity.id,
                    period=retention.period,
                    words=found.matched,
                ),
                msg(
                    "name the data the exception keeps, the law or event behind it, and its "
                    "own period"
                ),
                cause=_shared([text_of(value, lang) for lang in ("lv", "en")]),
            )
            return


def _shared(texts: list[str]) -> str:
    """What makes retention findings one: the same words. A block several activities
    share (one YAML anchor used through aliases) and one sentence copied into each
    activity (a notice's one retention sentence) are one thing to decide; the finding
    names every place, so each copy can still be found and edited."""
    return "retention-text:" + "|".join(" ".join(fold_word(text).split()) for text in texts)


@rule("RT21", "retention.endless-words", severity=Severity.WARNING, article="Art. 5(1)(e)")
def endless_in_words(register: Register, context: Context) -> Iterator[Violation]:
    """A retention whose words keep the data for ever, or until the person asks.

    Why: personal data is kept no longer than its purposes need (Art. 5(1)(e)).
    "Pastāvīgi", "uz nenoteiktu laiku", "indefinitely", "no time limit" in the criteria or
    notes set no end, and so do they as a second end that applies when it is later
    (`or_until:` with `whichever: later`). Permanent keeping is right only for documents
    of archival value, by law or a file plan agreed with the archives; the record then
    names them.

    Kept "until you ask" ("līdz jūsu pieprasījumam", "līdz brīdim, kad jūs pieprasāt
    dzēšanu", "until you ask us to delete it") is no end either: erasure on request is the
    person's right (Art. 17), which every retention leaves open, not a retention period
    (Art. 5(1)(e), 30(1)(f)); whoever never asks is kept for good. It is reported when the
    words give no other end: a period, a law, the end of the contract or membership, the
    last purchase, withdrawal of consent (Art. 7(3)). The end of handling a request
    ("līdz pieprasījuma izpildei") is an end and is not this.

    Fails:

    ```yaml
    activities:
      - id: members
        name: Member register
        retention:
          criteria: Dati tiek glabāti pastāvīgi  # ← RT21
      - id: loyalty
        name: Lojalitātes programma
        retention:
          criteria: Līdz jūsu pieprasījumam dzēst datus  # ← RT21
    ```

    Passes:

    ```yaml
    activities:
      - id: members
        name: Member register
        retention:
          criteria: Pastāvīgi, kā nosaka Arhīvu likums un lietu nomenklatūras lieta 1-05
    ```
    """
    for activity, location, retention in _retentions(register):
        values: tuple[tuple[str, object], ...] = (
            ("criteria", retention.criteria),
            ("notes", retention.notes),
        )
        if retention.period is not None:
            # A second end that applies when later (`whichever: later`) is read: "or
            # indefinitely, whichever is later" has no end.
            if not _later_end(retention):
                continue
            values = (("or_until", retention.or_until),)
        for key, value in values:
            texts = [text_of(value, language) for language in ("lv", "en")]
            words = next(filter(None, (endless_words(text) for text in texts)), None)
            if words is not None:
                yield Violation(
                    location.child(key),
                    msg(
                        "the retention of `{id}` keeps the data with no end (“{words}”) and "
                        "names no law or file plan that requires it",
                        id=activity.id,
                        words=words,
                    ),
                    msg(
                        "set a period with the event it runs from, or name the law or file "
                        "plan entry that requires permanent keeping"
                    ),
                    cause=_shared(texts),
                )
                break
            words = next(filter(None, (until_request_words(text) for text in texts)), None)
            if words is not None:
                yield Violation(
                    location.child(key),
                    msg(
                        "the retention of `{id}` ends only when the person asks (“{words}”): "
                        "erasure on request is a right (Art. 17), not a period, and whoever "
                        "never asks is kept for good",
                        id=activity.id,
                        words=words,
                    ),
                    msg(
                        "set an end that comes without a request (a period from the last "
                        "activity, the end of the contract or membership), beside erasure "
                        "on request"
                    ),
                    cause=_shared(texts),
                )
                break


@rule("RT03", "retention.below-statute", severity=Severity.ERROR, article="Art. 30(1)(f)")
def below_statute(register: Register, context: Context) -> Iterator[Violation]:
    """A retention shorter than the statutory period it cites.

    Why: when a retention follows a law (`statute:`), its period must be at least as long
    as the law's — e.g. the Latvian Accounting Law keeps source documents at least 5 years.
    The periods are in `ropa.knowledge.retention`, with their sources. A Latvian
    organisation's retention whose reason or notes say it is kept for accounting
    ("grāmatvedības uzskaitei", "for accounting purposes") follows that law even without
    `statute:`: what enters the accounts is a source document (Grāmatvedības likums,
    section 28), so a shorter period is reported too, as a warning — the record should say
    which data go into the accounts and keep those for the law's period.

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
    latvian = register.organisation.country == "LV"
    for activity, location, retention in _retentions(register):
        if not isinstance(retention.period, Duration):
            if latvian and retention.period is None and retention.statute is None:
                yield from _payments_while_related(activity, location, retention)
            continue
        if retention.statute is None:
            if latvian:
                yield from _shorter_than_accounting(activity, location, retention.period, retention)
            continue
        statute = STATUTES[retention.statute]
        if statute.minimum is None:
            continue
        minimum = Duration(statute.minimum)
        if retention.period.certainly_shorter_than(minimum):
            yield Violation(
                location.child("period"),
                msg(
                    "the retention of `{id}` ({period}) is shorter than the {minimum} "
                    "of {law}, {provision} ({description})",
                    id=activity.id,
                    period=retention.period,
                    minimum=minimum,
                    law=statute.law,
                    provision=statute.provision,
                    description=statute.description,
                ),
                msg(
                    "keep the data at least {minimum}, or cite the statute that really applies",
                    minimum=minimum,
                ),
            )


# What a retention kept "for accounting" follows: the Accounting Law's period for source
# documents.
_ACCOUNTING = "LV.RET.ACC.SRC"


def _shorter_than_accounting(
    activity: Activity, location: Location, period: Duration, retention: Retention
) -> Iterator[Violation]:
    statute = STATUTES[_ACCOUNTING]
    assert statute.minimum is not None
    minimum = Duration(statute.minimum)
    if not period.certainly_shorter_than(minimum):
        return
    for field in (retention.reason, retention.notes):
        for language in ("lv", "en"):
            found = lexicon.stated(text_of(field, language)).get("accounting")
            if found is None:
                continue
            yield Violation(
                location.child("period"),
                msg(
                    "the retention of `{id}` ({period}) is for accounting (\u201c{words}\u201d), "
                    "but {law}, {provision} ({description}) asks for at least {minimum}",
                    id=activity.id,
                    period=period,
                    words=found.matched,
                    law=statute.law,
                    provision=statute.provision,
                    description=statute.description,
                    minimum=minimum,
                ),
                msg(
                    "say which data go into the accounts and keep those at least {minimum} "
                    "(`statute: {statute}`), or give the real reason for the shorter period",
                    minimum=minimum,
                    statute=_ACCOUNTING,
                ),
                severity=Severity.WARNING,
            )
            return


# A number or "after" in the words: the relationship's end starts a period, not ends it
# ("during the contract and 5 years after", "līdz līguma beigām un vēl 5 gadus").
_AND_AFTER = re.compile(r"\d|\b(?:after|afterwards|thereafter|pec|velak|gad\w*|year\w*)\b")


def _payments_while_related(
    activity: Activity, location: Location, retention: Retention
) -> Iterator[Violation]:
    """RT03 on a retention that ends with the relationship, in an activity whose purposes
    handle payments: those records are accounting source documents."""
    if activity.retention is not retention:
        return
    for language in ("lv", "en"):
        text = text_of(retention.criteria, language)
        if not text or _AND_AFTER.search(fold_word(text)):
            continue
        found = lexicon.stated(text).get("retention_relationship")
        if found is None:
            continue
        payments = first_readings(activity, _PAYMENTS, ("purposes",))
        reading = payments.get("payment_handling") or payments.get("aim_accounting")
        if reading is None:
            return
        statute = STATUTES[_ACCOUNTING]
        yield Violation(
            location.child("criteria"),
            msg(
                "`{id}` keeps its data \u201c{words}\u201d, but {describe}: payment records "
                "are accounting source documents, which {law}, {provision} keeps at least "
                "{minimum} ({description})",
                id=activity.id,
                words=found.matched,
                describe=reading.describe(),
                law=statute.law,
                provision=statute.provision,
                minimum=Duration(statute.minimum or "P5Y"),
                description=statute.description,
            ),
            msg(
                "give the payment records their own retention (`statute: {statute}`), and "
                "keep the rest while the relationship lasts",
                statute=_ACCOUNTING,
            ),
            severity=Severity.WARNING,
            related=(reading.location,),
        )
        return


_PAYMENTS = ("payment_handling", "aim_accounting")


@rule("RT04", "retention.no-start", severity=Severity.WARNING, article="Art. 30(1)(f)")
def no_start(register: Register, context: Context) -> Iterator[Violation]:
    """A retention period without the event it runs from.

    Why: "5 years" is a time limit only with a start: from the purchase, the end of the
    contract, the end of the financial year. Without it the date of erasure cannot be
    worked out. Where the cited statute itself fixes the start — the Accounting Law keeps
    each document from its own date — citing it (`statute:`, or the law and its period in
    `reason:`) is enough. So is a period for data that is its own dated record — video or
    sound recordings, recorded calls, logs (EDPB Guidelines 3/2019, section 8): "CCTV
    footage for 30 days" runs from the recording. So do items that are each dated when
    they are made, as a log's entries are: enquiries or requests sent in ("enquiries for
    24 months"), visits counted by web analytics. This is read in the activity's name or
    description (the activity is the recording) or in the retention's own reason or notes;
    recordings among other data of an activity do not date the rest. One period with one
    reason copied into several activities (one
    sentence of a policy: "we keep customer data for 5 years") lacks one start: it is
    reported once, naming the other places.

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
      - id: invoices
        name: Invoices
        retention:
          period: P5Y
          reason: Grāmatvedības likums, 28. pants
      - id: cctv
        name: Videonovērošana
        retention:
          period: P30D
    ```
    """
    for activity, location, retention in _retentions(register):
        if not isinstance(retention.period, Duration) or not not_stated(retention.from_):
            continue
        if _self_dated(activity, location, retention):
            continue
        if _statute_fixing_start(retention, retention.period) is None:
            yield Violation(
                location.child("period"),
                msg(
                    "the retention period of `{id}` ({period}) does not say from when it runs",
                    id=activity.id,
                    period=retention.period,
                ),
                msg("add `from:` (the purchase, the end of the contract, the financial year end)"),
                cause=_copied_period(retention, retention.period),
            )


def _self_dated(activity: Activity, location: Location, retention: Retention) -> bool:
    """Whether the retained data is its own dated record (a recording, a log), so its
    period runs from the recording: the activity's name or description says so, or the
    retention's reason or notes do; for a data category's own retention, its words.
    Items dated when made (enquiries, visits) are read only where they name what is
    kept (the activity, the data category): a reason that lists an enquiry among the
    uses of a customer file does not make the file a series of enquiries."""
    reasons = [
        text_of(field, language)
        for field in (retention.reason, retention.notes)
        for language in ("lv", "en")
    ]
    if "personal_data" in location.path:
        index = location.path[location.path.index("personal_data") + 1]
        items = activity.personal_data if isinstance(activity.personal_data, list) else []
        named: list[str | None] = []
        if isinstance(index, int) and index < len(items):
            item = items[index]
            category = item.category if isinstance(item, DataCategory) else item
            named = [text_of(category, language) for language in ("lv", "en")]
    else:
        named = [
            text_of(field, language)
            for field in (activity.name, activity.description)
            for language in ("lv", "en")
        ]
    return any(text and "recordings" in lexicon.stated(text) for text in reasons) or any(
        text and not _DATED.isdisjoint(lexicon.stated(text)) for text in named
    )


# Data kept item by item from each item's own date: recordings and logs, enquiries, visits,
# and accounting records (invoices, payment records), each kept from its own date.
_DATED = frozenset({"recordings", "dated_items", "accounting_records"})


def _copied_period(retention: Retention, period: Duration) -> str | None:
    """One period stated for one reason, copied into several activities, is one statement
    missing one start; a bare period without a reason is not known to be the same one."""
    texts = [text_of(retention.reason, language) for language in ("lv", "en")]
    if not any(texts):
        return None
    return f"period:{period}:" + _shared(texts)


def _statute_fixing_start(retention: Retention, period: Duration) -> StatutoryPeriod | None:
    """The statutory period the retention follows, if that statute fixes the start."""
    if retention.statute is not None:
        statute = STATUTES[retention.statute]
        return statute if statute.start else None
    cited = [
        law.title
        for field in (retention.reason, retention.notes)
        for language in ("lv", "en")
        for law, _words in laws_cited(text_of(field, language))
    ]
    for statute in STATUTES.values():
        if (
            statute.start
            and statute.law in cited
            and statute.minimum is not None
            and Duration(statute.minimum) == period
        ):
            return statute
    return None


@rule("RT11", "retention.indefinite", severity=Severity.WARNING, article="Art. 5(1)(e)")
def indefinite(register: Register, context: Context) -> Iterator[Violation]:
    """Data kept with no end, or kept permanently without the law that says so.

    Why: personal data is kept no longer than the purposes need (Art. 5(1)(e)). A register
    may truthfully say `period: indefinite` when that is what the notice says, but it is
    then a gap to close. `period: permanent` is right for documents of archival value
    (Arhīvu likums, a file plan — lietu nomenklatūra — agreed with the National Archives),
    and the record should say which law or file plan entry makes it so.

    Fails:

    ```yaml
    activities:
      - id: customers
        name: Customer data
        retention:
          period: indefinite  # ← RT11
      - id: minutes
        name: Board minutes
        retention:
          period: permanent  # ← RT11
    ```

    Passes:

    ```yaml
    activities:
      - id: minutes
        name: Board minutes
        retention:
          period: permanent
          file_plan: Lietu nomenklatūra 2024, lieta 1-3 (pastāvīgi)
    ```
    """
    for activity, location, retention in _retentions(register):
        if retention.period == INDEFINITE:
            yield Violation(
                location.child("period"),
                msg("`{id}` keeps the data with no end (Art. 5(1)(e))", id=activity.id),
                msg("set a period with the event it runs from, or the criteria that end it"),
            )
        elif retention.period == PERMANENT and all(
            not_stated(value)
            for value in (retention.reason, retention.file_plan, retention.statute)
        ):
            yield Violation(
                location.child("period"),
                msg(
                    "`{id}` keeps the data permanently without saying which law or file "
                    "plan requires it",
                    id=activity.id,
                ),
                msg(
                    "add `reason:` with the law, or `file_plan:` with the entry of the "
                    "file plan (lietu nomenklatūra)"
                ),
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
        if isinstance(retention.period, Duration) and retention.period.max_days == 0:
            yield Violation(
                location.child("period"),
                msg(
                    "the retention of `{id}` is a period of nothing ({period}): the data "
                    "would be erased as it is collected",
                    id=activity.id,
                    period=str(retention.period),
                ),
                msg("give the real period, or describe an immediate erasure in `criteria:`"),
            )


# Dates end in the year 9999 (Python's, Excel's): no retention longer than this can end.
CALENDAR_YEARS = 9999


@rule("RT06", "retention.beyond-calendar", severity=Severity.ERROR, article="Art. 30(1)(f)")
def beyond_calendar(register: Register, context: Context) -> Iterator[Violation]:
    """A retention period longer than any calendar runs (more than 9,999 years).

    Why: the record gives the envisaged time limit for erasure (Art. 30(1)(f)); a period
    such as `P1000000Y` sets none, since no date of erasure can be worked out from it. It
    is a typo or a way of writing "for ever". Data kept permanently (an archive) is
    recorded as `period: permanent`, with the law or file plan that says so. This is a
    check, not a validation error, so that a file valid in format version 1 stays valid.

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
          period: permanent
          file_plan: "Lietu nomenklatūra 1-12: valdes sēžu protokoli"
    ```
    """
    for activity, location, retention in _retentions(register):
        period = retention.period
        if not isinstance(period, Duration):
            continue
        years = period.total_months / 12 + (period.weeks * 7 + period.days) / 366
        if years > CALENDAR_YEARS:
            yield Violation(
                location.child("period"),
                msg(
                    "the retention of `{id}` ({period}) is longer than any calendar runs "
                    "(more than {years} years): no date of erasure can be worked out",
                    id=activity.id,
                    period=_shown(period),
                    years=number(CALENDAR_YEARS),
                ),
                msg(
                    "give the real period; for data kept permanently, write `period: "
                    "permanent` with the law or file plan that says so"
                ),
            )


def _shown(period: Duration) -> str:
    text = str(period)
    return text if len(text) <= 40 else text[:39] + "…"
