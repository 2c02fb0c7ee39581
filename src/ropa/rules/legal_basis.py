"""Art. 6(1): every purpose has a legal basis, and the basis carries what it needs."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.model.activity import (
    Activity,
    ConsentBasis,
    DataSubjectGroup,
    LegalBasisModel,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    PublicTaskBasis,
    UnstatedLetterBasis,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.position import Location
from ropa.rules import Context, Violation, not_stated, per_register, rule
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
                yield activity, _At(activity, ("purposes", index, *path)), basis


@rule("LB01", "legal-basis.missing", severity=Severity.ERROR, article="Art. 6(1)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose without a legal basis, or citing a law without the letter of Art. 6(1).

    Why: processing is lawful only on one of the six bases of Art. 6(1), and the basis must
    be known before processing starts. The Data State Inspectorate lists the legal basis
    among what a register should settle. A cited law (`{basis: unknown, law: ...}`) is a
    start, but whether it imposes an obligation (c) or vests a task (e) decides what else
    the controller must show.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        purposes:
          - purpose: Delivering the order  # ← LB01
          - purpose: Statistics
            legal_basis: unknown  # ← LB01
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
        if not isinstance(activity.purposes, list):
            continue
        for index, purpose in enumerate(activity.purposes):
            if not_stated(purpose.legal_basis):
                yield Violation(
                    activity.at("purposes", index, "legal_basis"),
                    msg("a purpose of `{id}` has no legal basis", id=activity.id),
                    msg(
                        "add `legal_basis:` with one of consent, contract, "
                        "legal_obligation, vital_interests, public_task, "
                        "legitimate_interests (Art. 6(1))"
                    ),
                )
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
                    )


@rule("LB02", "legal-basis.law-not-cited", severity=Severity.WARNING, article="Art. 6(3)")
def law_not_cited(register: Register, context: Context) -> Iterator[Violation]:
    """A legal obligation or public task without the law that lays it down.

    Why: the bases of Art. 6(1)(c) and (e) must be laid down by Union or Member State law
    (Art. 6(3)); without the law the basis cannot be checked.

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
    for activity, at, basis in _bases(register):
        if isinstance(basis, LegalObligationBasis | PublicTaskBasis) and not_stated(basis.law):
            article = LEGAL_BASES[basis.basis].article
            yield Violation(
                at.location(),
                msg(
                    "{article} ({basis}) in `{id}` does not cite the law that lays it down",
                    article=article,
                    basis=basis.basis,
                    id=activity.id,
                ),
                msg("add `law:` with the act and provision, e.g. Grāmatvedības likums"),
            )


def _shared_interest(basis: LegitimateInterestsBasis) -> str | None:
    """One interest stated in the same words on several purposes is one balancing test to
    write: its findings are reported together."""
    if not_stated(basis.interest):
        return None
    words = " ".join(text_of(basis.interest, language) for language in ("lv", "en"))
    return "interest:" + " ".join(words.casefold().split())


@rule("LB03", "legal-basis.no-assessment", severity=Severity.WARNING, article="Art. 6(1)(f)")
def no_assessment(register: Register, context: Context) -> Iterator[Violation]:
    """Legitimate interests without a reference to the balancing test.

    Why: legitimate interests are a basis only where they are not overridden by the data
    subject's interests (Art. 6(1)(f)); the controller must be able to show that balance
    (Art. 5(2)), which is what a legitimate-interests assessment records.

    Not reported for an activity whose words are about strictly necessary cookies and
    nothing that tracks: storing them needs no consent (ePrivacy Directive Art. 5(3),
    second sentence), because the user asked for the service they make work, and that
    same necessity is the balance; the `interest:` stated is enough record of it. This is
    the project's reading, not a rule of the law: suppress it, or write the assessment,
    where the cookies do more.

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
    for activity, at, basis in _bases(register):
        if id(activity) in necessary:
            continue
        if isinstance(basis, LegitimateInterestsBasis) and not_stated(basis.assessment):
            yield Violation(
                at.location(),
                msg(
                    "legitimate interests in `{id}` without a reference to the balancing test",
                    id=activity.id,
                ),
                msg("add `assessment:` with the reference of the legitimate-interests assessment"),
                at_key=True,
                cause=_shared_interest(basis),
            )


@rule("LB04", "legal-basis.consent-record", severity=Severity.WARNING, article="Art. 7(1), 7(3)")
def consent_record(register: Register, context: Context) -> Iterator[Violation]:
    """Consent without a record of it, or without a way to withdraw it.

    Why: the controller must be able to show that consent was given (Art. 7(1)), and
    withdrawing it must be as easy as giving it (Art. 7(3)).

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
        missing = [
            label
            for label, value in (
                ("how consent is recorded (`consent_record`)", basis.consent_record),
                ("how it is withdrawn (`withdrawal`)", basis.withdrawal),
            )
            if not_stated(value)
        ]
        if missing:
            yield Violation(
                at.location(),
                msg(
                    "consent in `{id}` does not say {items}",
                    id=activity.id,
                    items=" or ".join(missing),
                ),
                msg("record how consent is proven (Art. 7(1)) and withdrawn (Art. 7(3))"),
                at_key=True,
            )


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
    if not register.organisation.public_authority:
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
        if not isinstance(subject, DataSubjectGroup) or not subject.children:
            continue
        if subject.minimum_age is None:
            return f" (of unstated age; Latvian consent age is {consent_age})"
        if subject.minimum_age < consent_age:
            return f" from age {subject.minimum_age} (Latvian consent age is {consent_age})"
    return None
