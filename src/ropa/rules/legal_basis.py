"""Art. 6(1): every purpose has a legal basis, and the basis carries what it needs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import Message, counted, either, joined, msg
from ropa.knowledge.concepts import SPECIAL
from ropa.knowledge.legal_bases import LEGAL_BASES, interest_unnamed
from ropa.knowledge.lexicon import mentions
from ropa.knowledge.text import names_act
from ropa.model.activity import (
    Activity,
    ConsentBasis,
    CriminalData,
    DataSubjectGroup,
    LegalBasisModel,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    Profiling,
    PublicTaskBasis,
    UnstatedLetterBasis,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.position import Location
from ropa.rules import ABSENT, Context, Violation, not_stated, per_register, rule
from ropa.rules._reading import first_readings, says
from ropa.rules.tracking import necessary_cookies_only


class _At:
    """Where a basis is, worked out only if a rule reports it (most bases are fine)."""

    __slots__ = ("activity", "path")

    def __init__(self, activity: Activity, path: tuple[str | int, ...]) -> None:
        self.activity = activity
        self.path = path

    def location(self) -> Location:
        return self.activity.at(*self.path)


@per_register
def _bases(register: Register) -> Iterator[tuple[Activity, _At, LegalBasisModel]]:
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        for index, purpose in enumerate(activity.purposes):
            for path, basis in purpose.bases():
                yield activity, _At(activity, _path(index, path)), basis


@functools.cache
def _path(index: int, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A basis's path in its activity: one object for each, however many activities."""
    return ("purposes", index, *path)


@rule("LB01", "legal-basis.missing", severity=Severity.ERROR, article="Art. 6(1)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose without a legal basis, or citing a law without the letter of Art. 6(1).

    Why: processing is lawful only on one of the six bases of Art. 6(1), and the basis must
    be known before processing starts. The Data State Inspectorate lists the legal basis
    among what a register should settle. A cited law (`{basis: unknown, law: ...}`) is a
    start, but whether it imposes an obligation (c) or vests a task (e) decides what else
    the controller must show.

    Purposes without any basis are one finding per activity, at the first, naming the
    others; and where several activities lack bases (a register written from a notice
    that names none), one finding names them all: it is one silence in the record, which
    is settled purpose by purpose but read once. The same law cited without its letter in
    several purposes is likewise one finding, with the other places related.

    An activity whose purposes are `unknown` has no basis on record either: processing
    whose purpose is not known rests on no known ground (Art. 6(1), 5(1)(b)). It is the
    same silence, joined to the register's one finding about purposes without a basis;
    the missing purposes themselves are the AC rules'.

    Purposes without a basis in an activity whose source lists its bases together for all
    of its processing (`bases_en_bloc:`) are LB11's: the bases are named, only not which
    purpose rests on which.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        purposes:
          - purpose: Delivering the order  # ← LB01
          - purpose: Statistics
            legal_basis: unknown
          - purpose: Bookkeeping
            legal_basis: {basis: unknown, law: Grāmatvedības likums}  # ← LB01
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        purposes:
          - purpose: Delivering the order
            legal_basis: {basis: contract}
    ```
    """
    for activity in register.activities:
        if activity.bases_en_bloc is not None and activity.purposes == "unknown":
            # Bases listed for everything, no purpose known: LB11 reports the list.
            continue
        if activity.purposes == "unknown":
            # No purpose known is no basis known either: the same silence as a purpose
            # without a basis, joined to the register's one finding about it.
            yield Violation(
                activity.at("purposes"),
                msg(
                    "`{id}` records no legal basis: its purposes are `unknown`",
                    id=activity.id,
                ),
                msg(
                    "write the purposes, each with its `legal_basis:` (Art. 6(1)), "
                    "or say which basis the processing rests on"
                ),
                at_key=True,
                cause=f"{ABSENT}legal_basis",
            )
            continue
        if not isinstance(activity.purposes, list):
            continue
        without = [
            activity.at("purposes", index, "legal_basis")
            for index, purpose in enumerate(activity.purposes)
            if not_stated(purpose.legal_basis)
        ]
        if activity.bases_en_bloc is not None:
            # The source names bases, only not per purpose: LB11 reports that gap.
            without = []
        if without:
            yield Violation(
                without[0],
                msg("a purpose of `{id}` has no legal basis", id=activity.id)
                if len(without) == 1
                else counted(
                    "{count} purpose of `{id}` has no legal basis",
                    "{count} purposes of `{id}` have no legal basis",
                    count=len(without),
                    id=activity.id,
                ),
                msg(
                    "add `legal_basis:` with one of consent, contract, "
                    "legal_obligation, vital_interests, public_task, "
                    "legitimate_interests (Art. 6(1))"
                ),
                cause=f"{ABSENT}legal_basis",
                related=tuple(without[1:]),
            )
        for index, purpose in enumerate(activity.purposes):
            if not_stated(purpose.legal_basis):
                continue
            for path, basis in purpose.bases():
                if isinstance(basis, UnstatedLetterBasis):
                    yield Violation(
                        activity.at("purposes", index, *path, "basis"),
                        msg(
                            "a purpose of `{id}` cites {shorten_text} but the letter of Art. "
                            "6(1) is not stated",
                            id=activity.id,
                            shorten_text=shorten_text(basis.law),
                        ),
                        msg(
                            "write which basis the law gives: `legal_obligation` (6(1)(c)) or "
                            "`public_task` (6(1)(e)), keeping `law:`"
                        ),
                        # The same citation in several purposes is one question.
                        cause=f"law-without-letter:{basis.law}",
                    )


@rule("LB02", "legal-basis.law-not-cited", severity=Severity.WARNING, article="Art. 6(3)")
def law_not_cited(register: Register, context: Context) -> Iterator[Violation]:
    """A legal obligation or public task without the law that lays it down.

    Why: the bases of Art. 6(1)(c) and (e) must be laid down by Union or Member State law
    (Art. 6(3)); without the law the basis cannot be checked. A field of law in its place
    ("employment law", "nodokļu likumdošana", "normatīvo aktu prasības") names no law
    either: the legal basis must be clear and precise (Recital 41), so the record names
    the act, and the provision where it can. The purposes of one activity that lack their
    law are one finding, at the first, naming the others.

    Fails:

    ```yaml
    activities:
      - id: invoices
        name: Invoices
        purposes:
          - purpose: Bookkeeping
            legal_basis: {basis: legal_obligation}  # ← LB02
    ```

    Passes:

    ```yaml
    activities:
      - id: invoices
        name: Invoices
        purposes:
          - purpose: Bookkeeping
            legal_basis: {basis: legal_obligation, law: Grāmatvedības likums}
    ```
    """
    places: dict[int, tuple[Activity, list[Location], dict[str, None]]] = {}
    for activity, at, basis in _bases(register):
        if not isinstance(basis, LegalObligationBasis | PublicTaskBasis):
            continue
        field = _field_of_law(basis.law)
        if field is not None:
            yield Violation(
                at.location(),
                msg(
                    "`{id}` rests on {article} ({basis}) under {words}, a field of law, "
                    "not the act that lays the obligation or task down",
                    id=activity.id,
                    article=msg(LEGAL_BASES[basis.basis].article),
                    basis=basis.basis,
                    words=field,
                ),
                msg("name the act under `law:`, and the provision where you can"),
            )
        if not_stated(basis.law):
            _activity, locations, kinds = places.setdefault(id(activity), (activity, [], {}))
            location = at.location()
            if location not in locations:
                locations.append(location)
            kinds[basis.basis] = None
    for activity, locations, kinds in places.values():
        named = [
            Message(_BASIS_NAMED, article=msg(LEGAL_BASES[kind].article), basis=kind)
            for kind in kinds
        ]
        yield Violation(
            locations[0],
            msg(
                "{article} ({basis}) in `{id}` does not cite the law that lays it down",
                article=msg(LEGAL_BASES[next(iter(kinds))].article),
                basis=next(iter(kinds)),
                id=activity.id,
            )
            if len(named) == 1
            else msg(
                "{bases} in `{id}` do not cite the law that lays them down",
                bases=joined(named),
                id=activity.id,
            ),
            msg("add `law:` with the act and provision, e.g. Grāmatvedības likums"),
            # The purposes of one activity that lack their law are one thing to look up.
            related=tuple(locations[1:]),
        )


def _field_of_law(law: object) -> str | None:
    """The `law:` as written ("nodokļu likumdošana"), if it names a field of law and no
    act at all."""
    for language in ("lv", "en"):
        text = text_of(law, language) if not not_stated(law) else ""
        if text and mentions(text, "law_generic") is not None and not names_act(text):
            return shorten_text(text)
    return None


# "Art. 6(1)(c) (legal_obligation)": no words of its own to translate, so not marked.
_BASIS_NAMED = "{article} ({basis})"


@rule("LB03", "legal-basis.no-assessment", severity=Severity.WARNING, article="Art. 6(1)(f)")
def no_assessment(register: Register, context: Context) -> Iterator[Violation]:
    """Legitimate interests without a reference to the balancing test.

    Why: legitimate interests are a basis only where they are not overridden by the data
    subject's interests (Art. 6(1)(f)); the controller must be able to show that balance
    (Art. 5(2)), which is what a legitimate-interests assessment records.

    What a DPO asks to see written down is the balance the reader cannot take for
    granted. Reported where the interest is missing or named only in general words
    ("legitimate business interests", "Operatora tiesiskās intereses kā uzņēmumam", a
    section number of the notice): Art. 6(1)(f) weighs "the legitimate interests pursued",
    which must be clearly and precisely articulated (EDPB Guidelines 1/2024 on legitimate
    interests, the first of its three steps). Reported too, whatever the interest, where
    the activity is not what the person simply expects (Recital 47): monitoring (CCTV,
    call recording, location), tracking, web analytics and cookies, profiling, marketing,
    publication, special-category or criminal data, children, patients and the
    vulnerable, employees, or large scale (EDPB Guidelines 1/2024, the third step: the
    nature of the data, the way it is processed, the reasonable expectations and the
    position of the persons; EDPB Guidelines 3/2019 for video devices). Not reported for
    a named interest in processing people expect of the service they use (server logs
    kept for security, keeping records accurate, reminders about the service bought):
    there the stated interest is the record of a balance nobody doubts (Recital 47, 49).

    Not reported for an activity whose words are about strictly necessary cookies and
    nothing that tracks: storing them needs no consent (ePrivacy Directive Art. 5(3),
    second sentence), because the user asked for the service they make work, and that
    same necessity is the balance; the `interest:` stated is enough record of it. This is
    the project's reading, not a rule of the law: suppress it, or write the assessment,
    where the cookies do more.

    Not reported either where the purpose and the stated `interest:` are both the
    controller's own legal claims: establishing, exercising or defending them, recovering
    its debts, keeping and giving evidence for them. The GDPR has weighed that interest
    itself: it prevails over an objection (Art. 21(1)) and an erasure request (Art.
    17(3)(e)), and a client who does not pay can reasonably expect the claim to be pursued
    (Recital 47; WP29 Opinion 06/2014 lists the enforcement of legal claims, debt
    collection included, among the ordinary legitimate interests). The interest stated is
    then the record of the balance. This holds only where the activity does nothing more
    intrusive: where its words show monitoring (CCTV, call recording, location, tracking),
    profiling, publication, or special-category or criminal data, the balance is the
    controller's to show (EDPB Guidelines 3/2019 on video devices, section 3.1.3), and
    LB03 is reported. A claim against third parties' interests ("the interests of other
    creditors in assessing solvency") is no claim of the controller's own and is reported.

    A register whose legitimate interests cite no balancing test anywhere says one thing
    many times: the purposes are reported in one finding, at the first, naming the other
    activities (each purpose is a related place).

    Fails:

    ```yaml
    activities:
      - id: cctv
        name: Video surveillance
        purposes:
          - purpose: Security of premises
            legal_basis:  # ← LB03
              basis: legitimate_interests
              interest: Protecting staff and property
    ```

    Passes:

    ```yaml
    activities:
      - id: cctv
        name: Video surveillance
        purposes:
          - purpose: Security of premises
            legal_basis:
              basis: legitimate_interests
              interest: Protecting staff and property
              assessment: LIA-2024-01
    ```
    """
    necessary = {id(a) for a in register.activities if necessary_cookies_only(a)}
    places: dict[int, tuple[Activity, list[Location]]] = {}
    for activity, at, basis in _bases(register):
        if id(activity) in necessary:
            continue
        if (
            isinstance(basis, LegitimateInterestsBasis)
            and not_stated(basis.assessment)
            and not _own_claims(activity, at, basis)
            and _balance_to_show(activity, basis)
        ):
            places.setdefault(id(activity), (activity, []))[1].append(at.location())
    for activity, locations in places.values():
        yield Violation(
            locations[0],
            msg(
                "legitimate interests in `{id}` without a reference to the balancing test",
                id=activity.id,
            ),
            msg("add `assessment:` with the reference of the legitimate-interests assessment"),
            at_key=True,
            # No balancing test on record anywhere is one silence: one finding per
            # register, naming every activity and purpose.
            cause=f"{ABSENT}assessment",
            related=tuple(locations[1:]),
        )


# What makes a claims activity more than pursuing a claim: monitoring, profiling,
# publication, or data whose processing the GDPR guards more closely.
_INTRUSIVE = (*SPECIAL, "criminal", "cctv", "monitoring", "communications", "location")
_INTRUSIVE += ("cookies", "targeted_ads", "profiling", "automated_decisions", "publication")


# What makes legitimate interests a balance the controller must show, not one the person
# expects: monitoring and tracking, profiling and marketing, publication, data the GDPR
# guards more closely, and people who cannot easily object (children, patients and the
# vulnerable, employees), or processing at large scale (EDPB Guidelines 1/2024,
# paragraphs 40-51: the nature of the data, the way it is processed, the reasonable
# expectations and the position of the persons).
_WEIGHED = (*_INTRUSIVE, "marketing", "aim_public_information", "children", "employees")
_WEIGHED += ("patients", "vulnerable", "large_scale", "web_analytics")


def _balance_to_show(activity: Activity, basis: LegitimateInterestsBasis) -> bool:
    """Whether a legitimate-interests basis needs its balancing test on record (LB03): its
    interest is missing or named only in general words, or the activity is of a kind the
    person does not simply expect."""
    interest = basis.interest
    if not_stated(interest) or any(
        interest_unnamed(text) for language in ("lv", "en") if (text := text_of(interest, language))
    ):
        return True
    if isinstance(activity.special_categories, list) and activity.special_categories:
        return True
    if isinstance(activity.criminal_data, CriminalData) or isinstance(
        activity.profiling, Profiling
    ):
        return True
    return bool(first_readings(activity, _WEIGHED))


def _own_claims(activity: Activity, at: _At, basis: LegitimateInterestsBasis) -> bool:
    """Whether the purpose and its stated interest are the controller's own legal claims
    (debts included), in an activity that does nothing more intrusive (LB03)."""
    purposes = activity.purposes
    index = at.path[1]
    if not isinstance(purposes, list) or not isinstance(index, int):
        return False
    purpose = purposes[index].purpose
    if not (says(purpose, "legal_claims") and says(basis.interest, "legal_claims")):
        return False
    if isinstance(activity.special_categories, list) and activity.special_categories:
        return False
    if isinstance(activity.criminal_data, CriminalData) or isinstance(
        activity.profiling, Profiling
    ):
        return False
    return not first_readings(activity, _INTRUSIVE)


@rule("LB04", "legal-basis.consent-record", severity=Severity.WARNING, article="Art. 7(1), 7(3)")
def consent_record(register: Register, context: Context) -> Iterator[Violation]:
    """Consent without a record of it, or without a way to withdraw it.

    Why: the controller must be able to show that consent was given (Art. 7(1)), and
    withdrawing it must be as easy as giving it (Art. 7(3)). Consent given as a permission
    of the device's operating system (an iOS or Android location, camera or contacts
    permission) needs neither written out: the app reads the data only while the
    permission stands, so the permission state the device keeps shows the consent, and
    switching it off in the settings withdraws it (EDPB Guidelines 05/2020, section 5:
    the GDPR does not prescribe how consent is demonstrated). Only where the permission is
    the consent: a record listing other acts beside it ("registering; the app's location
    permission") gives consent by those acts too, which the permission does not take
    back. Browser settings for cookies are no such permission. One consent block shared
    by several purposes (a YAML anchor, or the same words) is one consent mechanism:
    reported once, with the other places.

    Marketing sent by e-mail or SMS (a newsletter, offers by e-mail) is not asked how
    consent is withdrawn: the law puts the way out in every message. E-mail for direct
    marketing without a valid address to which the recipient may ask for it to stop is
    prohibited (ePrivacy Directive Art. 13(4)), so the unsubscribe link or reply address
    each message carries is the withdrawal, as easy as the sign-up (Art. 7(3)). How the
    consent was given is still asked: the sender must be able to show it (Art. 7(1)).

    The way out may be stated in words elsewhere than `withdrawal`: in the basis's
    `consent_record` or `note`, or in the purpose ("withdraw at any time by e-mail",
    "unsubscribe link", "cookie settings", "piekrišanu var atsaukt, nosūtot e-pastu"); a
    right named without a way ("consent may be withdrawn") is not one. Consent given in
    writing (a signed form, the patient's written consent, a model release) is not asked
    for a withdrawal mechanism: the signed paper is its record, and it is withdrawn by
    telling the controller, in writing or in person, which is as easy as giving it
    (Art. 7(3)); a mechanism of its own is what consent given through an interface (a
    website, an app, a log-on, e-mail) needs, withdrawn through the same interface
    (EDPB Guidelines 05/2020, section 5.2).

    Consent to cookies or similar technologies on the user's device (ePrivacy Directive
    Art. 5(3): analytics, advertising identifiers, session recordings read from the
    browser) is not asked either: it is given, stored and withdrawn through the site's or
    app's consent tool (the cookie banner and its settings), which must exist before any
    such cookie is set and which keeps each choice on the device and in its log; that
    tool is a property of the site, described once in its cookie policy, and withdrawal
    through it is as easy as giving (Art. 7(3); EDPB Guidelines 05/2020, section 5).
    What goes wrong with such consent is that it is taken from browsing on, or missing
    altogether, which LB21 reports. That presumption holds only while the register says
    nothing else: where `consent_record` states how the consent was taken ("by using the
    website"), that is the mechanism, and its way out is asked as for any other consent.
    The consent counts as one to cookies when its purpose names cookies or tracking, or,
    for an activity with that one purpose, its name or the description of its sources
    does ("collected from the visitor's browser (cookies)"). Where the register says the
    way out of such consent is the user's browser ("you can delete or block cookies",
    "pārlūkprogrammas iestatījumi") and names no means of the site's own, LB04 says so:
    that is no mechanism the controller provides, and not as easy as the click that gave
    the consent (Art. 7(3); EDPB Guidelines 05/2020, section 5.2).

    Fails:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        purposes:
          - purpose: Sending offers
            legal_basis:  # ← LB04
              basis: consent
              withdrawal: Unsubscribe link in every e-mail
    ```

    Passes:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        purposes:
          - purpose: Sending offers
            legal_basis:
              basis: consent
              consent_record: Double opt-in log (time, IP address, form version)
              withdrawal: Unsubscribe link in every e-mail
    ```
    """
    for activity, at, basis in _bases(register):
        if not isinstance(basis, ConsentBasis):
            continue
        browser = _browser_only(basis)
        if browser is not None and _device_consent(activity, at):
            left = msg(
                "consent in `{id}` to cookies is withdrawn only through the "
                "browser (\u201c{words}\u201d): deleting or blocking cookies is no "
                "way out the controller provides, nor as easy as giving consent",
                id=activity.id,
                words=browser,
            )
            yield Violation(
                at.location(),
                msg(
                    "{message}; nor does it say how consent is recorded (`consent_record`)",
                    message=left,
                )
                if not_stated(basis.consent_record)
                else left,
                msg(
                    "offer withdrawal where consent is given (the cookie banner's "
                    "settings) and record it in `withdrawal:`, with how each choice "
                    "is logged in `consent_record:`"
                ),
                at_key=True,
                # Cookies left to the browser in several purposes of one activity are
                # one way out to fix: reported once, with the other purposes.
                cause=f"browser-withdrawal:{activity.id}",
            )
            continue
        missing = []
        if not_stated(basis.consent_record):
            missing.append(msg("how consent is recorded (`consent_record`)"))
        if (
            not_stated(basis.withdrawal)
            and not _electronic_marketing(activity, at)
            and not _withdrawal_said(activity, at, basis)
        ):
            missing.append(msg("how it is withdrawn (`withdrawal`)"))
        if not missing or _os_permission(activity, basis):
            continue
        if not_stated(basis.consent_record) and _device_consent(activity, at):
            continue  # the site's consent tool records it and takes it back
        yield Violation(
            at.location(),
            msg(
                "consent in `{id}` does not say {items}",
                id=activity.id,
                items=either(missing),
            ),
            msg("record how consent is proven (Art. 7(1)) and withdrawn (Art. 7(3))"),
            at_key=True,
            cause=_consent_block(basis),
        )


def _electronic_marketing(activity: Activity, at: _At) -> bool:
    """Whether the purpose is marketing sent by e-mail or SMS, by its own words or the
    activity's name and description (LB04: every message carries the way out)."""
    purposes = activity.purposes
    index = at.path[1]
    values: list[object] = [activity.name, activity.description]
    if isinstance(purposes, list) and isinstance(index, int):
        values.append(purposes[index].purpose)
    return any(says(value, "marketing") for value in values) and any(
        says(value, "electronic_mail") for value in values
    )


def _withdrawal_said(activity: Activity, at: _At, basis: ConsentBasis) -> bool:
    """Whether the register's words answer how the consent is withdrawn without the
    `withdrawal` key (LB04): a way out stated in the basis's record or note or in the
    purpose ("withdraw at any time by e-mail", "piekrišanu var atsaukt, nosūtot
    e-pastu"), or consent given in writing, which is withdrawn by telling the
    controller as it was given."""
    purposes = activity.purposes
    index = at.path[1]
    values: list[object] = [basis.consent_record, basis.note]
    if any(says(value, "consent_in_writing") for value in values):
        return True
    if isinstance(purposes, list) and isinstance(index, int):
        values.append(purposes[index].purpose)
    return any(says(value, "withdrawal_way") for value in values)


def _device_consent(activity: Activity, at: _At) -> bool:
    """Whether the consent is to cookies or similar technologies on the user's device
    (ePrivacy Directive Art. 5(3)): the purpose's own words name them, or, where the
    activity has that one purpose, its name or the description of where its data comes
    from does (LB04: the site's consent tool is the record and the way out)."""
    purposes = activity.purposes
    index = at.path[1]
    if not isinstance(purposes, list) or not isinstance(index, int):
        return False
    values: list[object] = [purposes[index].purpose]
    if len(purposes) == 1:
        values.append(activity.name)
        if isinstance(activity.sources, list):
            values += [source.description for source in activity.sources]
    return any(says(value, "cookies") or says(value, "targeted_ads") for value in values)


def _browser_only(basis: ConsentBasis) -> str | None:
    """The words by which a consent's way out is left to the user's browser (deleting or
    blocking cookies, the browser's settings), when they name no means of the
    controller's own (cookie settings, a link) beside it."""
    values = (basis.withdrawal, basis.note)
    for value in values:
        for language in ("lv", "en"):
            text = text_of(value, language)
            if not text or text in ("unknown", "none"):
                continue
            found = mentions(text, "browser_withdrawal")
            if found is not None:
                if any(says(other, "withdrawal_way") for other in values):
                    return None
                return found.matched
    return None


def _os_permission(activity: Activity, basis: ConsentBasis) -> bool:
    """Whether the consent is given as an operating-system permission, by the words of
    the basis or of the activity's sources ("iOS location permission")."""
    if _other_acts(basis.consent_record):
        return False
    values: list[object] = [basis.consent_record, basis.withdrawal, basis.note]
    if isinstance(activity.sources, list):
        values += [source.description for source in activity.sources]
    return any(says(value, "os_permission") for value in values)


# The acts a consent record lists, one per ";" or line: "installing the app; registering;
# allowing access to the device's location".
_ACTS = re.compile(r"[;\n]")


def _other_acts(record: object) -> bool:
    """Whether the consent record lists acts besides an operating-system permission
    ("installing the app; allowing access to geolocation"): the permission then gates
    only the data it covers, and the consent given by the other acts still needs its
    own way out (Art. 7(3))."""
    if not_stated(record):
        return False
    for language in ("lv", "en"):
        acts = [act for act in _ACTS.split(text_of(record, language)) if len(act.split()) > 1]
        if len(acts) > 1 and any(not says(act, "os_permission") for act in acts):
            return True
    return False


def _consent_block(basis: ConsentBasis) -> str | None:
    """What identifies one consent mechanism shared by several purposes: its stated
    words. Two blocks that state nothing are not known to be one mechanism."""
    stated = [
        f"{name}={language}:{text_of(value, language)}"
        for name, value in (("record", basis.consent_record), ("withdrawal", basis.withdrawal))
        if not not_stated(value)
        for language in ("lv", "en")
    ]
    return "consent:" + "|".join(stated) if stated else None


@rule(
    "LB05",
    "legal-basis.public-authority-interests",
    severity=Severity.WARNING,
    article="Art. 6(1) second subparagraph",
)
def public_authority_interests(register: Register, context: Context) -> Iterator[Violation]:
    """A public authority relying on legitimate interests.

    Why: legitimate interests do not apply to processing by public authorities in the
    performance of their tasks (Art. 6(1), second subparagraph); their tasks rest on a law
    (Art. 6(1)(e)). For processing outside those tasks, suppress this finding with the
    reason.

    Fails:

    ```yaml
    organisation:
      name: Pašvaldība
      role: controller
      public_authority: true
      contact: {email: dome@pasvaldiba.lv}
    activities:
      - id: permits
        name: Building permits
        purposes:
          - purpose: Deciding on applications
            legal_basis: {basis: legitimate_interests, assessment: LIA-1}  # ← LB05
    ```

    Passes:

    ```yaml
    organisation:
      name: Pašvaldība
      role: controller
      public_authority: true
      contact: {email: dome@pasvaldiba.lv}
    activities:
      - id: permits
        name: Building permits
        purposes:
          - purpose: Deciding on applications
            legal_basis: {basis: public_task, law: Būvniecības likums}
    ```
    """
    if not register.organisation.is_public_authority:
        return
    for activity, at, basis in _bases(register):
        if isinstance(basis, LegitimateInterestsBasis):
            yield Violation(
                at.location(),
                msg(
                    "`{id}`: a public authority cannot rely on legitimate interests for its tasks",
                    id=activity.id,
                ),
                msg(
                    "use `public_task` with the law that sets the task, or suppress "
                    "with the reason if this is not one of the authority's tasks"
                ),
            )


@rule("LB06", "legal-basis.child-consent", severity=Severity.ERROR, article="Art. 8; FPDAL s. 33")
def child_consent(register: Register, context: Context) -> Iterator[Violation]:
    """Consent of children under 13 to an online service, without parental authorisation.

    Why: for information society services offered directly to a child, consent of a child
    under the age Latvia set — 13, Personal Data Processing Law section 33 — is lawful only
    if given or authorised by the holder of parental responsibility (Art. 8(1)), verified
    with reasonable efforts (Art. 8(2)). Art. 8 covers only such services: mark the consent
    `information_society_service: true`, or list item LV.DPIA.10 in the DPIA screening.
    Other consent of or for a child (a school trip photo, a sports club) is judged under
    Art. 7 and is not reported here.

    Fails:

    ```yaml
    activities:
      - id: game-accounts
        name: Game accounts
        data_subjects:
          - {category: players, children: true, minimum_age: 9}
        purposes:
          - purpose: Running player accounts
            legal_basis:  # ← LB06
              basis: consent
              information_society_service: true
              consent_record: Sign-up log
              withdrawal: Account settings
    ```

    Passes:

    ```yaml
    activities:
      - id: game-accounts
        name: Game accounts
        data_subjects:
          - {category: players, children: true, minimum_age: 9}
        purposes:
          - purpose: Running player accounts
            legal_basis:
              basis: consent
              information_society_service: true
              consent_record: Sign-up log
              withdrawal: Account settings
              parental_consent: A parent confirms by e-mail link before the account opens
      - id: club-photos
        name: Photos at club events
        data_subjects:
          - {category: young athletes, children: true, minimum_age: 7}
        purposes:
          - purpose: Publishing event photos
            legal_basis:
              basis: consent
              consent_record: Signed forms
              withdrawal: Written request to the club
    ```
    """
    for activity, at, basis in _bases(register):
        if not isinstance(basis, ConsentBasis) or not not_stated(basis.parental_consent):
            continue
        if not (basis.information_society_service or _offers_service_to_children(activity)):
            continue
        young = _youngest_children(activity, context.digital_consent_age)
        if young is not None:
            yield Violation(
                at.location(),
                msg(
                    "consent in `{id}` covers children{young} without parental authorisation",
                    id=activity.id,
                    young=young,
                ),
                msg(
                    "record under `parental_consent:` how a holder of parental "
                    "responsibility gives or authorises consent (Art. 8)"
                ),
                at_key=True,
            )


def shorten_text(value: object, limit: int = 60) -> str:
    """A text value quoted for a message, cut to `limit` characters."""
    text = text_of(value)
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


def _offers_service_to_children(activity: Activity) -> bool:
    """Whether the DPIA screening says the activity is an online service offered directly
    to children (DVI list item 10)."""
    dpia = activity.dpia
    screening = getattr(dpia, "screening", None)
    return screening is not None and "LV.DPIA.10" in (screening.dvi_list or ())


def _youngest_children(activity: Activity, consent_age: int) -> str | None:
    """A description of the children under `consent_age`, or None if there are none."""
    if not isinstance(activity.data_subjects, list):
        return None
    for subject in activity.data_subjects:
        if not isinstance(subject, DataSubjectGroup) or subject.children is not True:
            continue
        if subject.minimum_age is None:
            return f" (of unstated age; Latvian consent age is {consent_age})"
        if subject.minimum_age < consent_age:
            return f" from age {subject.minimum_age} (Latvian consent age is {consent_age})"
    return None
