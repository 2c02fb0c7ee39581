"""Cookies, tracking, marketing and profiling named in an activity's words: the consent the
ePrivacy rules ask for, how long tracking identifiers live, the right to object to direct
marketing, and profiling or automated decisions the record does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import mentions, uncovered
from ropa.knowledge.text import cites_law, fold_word, stem
from ropa.model.activity import (
    Activity,
    AutomatedDecisions,
    ConsentBasis,
    DataCategory,
    LegitimateInterestsBasis,
    Profiling,
    Purpose,
    Retention,
)
from ropa.model.register import Register
from ropa.model.types import Duration, text_of
from ropa.position import Location
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import Reading, first_readings, label, readings, says, topic
from ropa.rules._retention_text import tracking_period


def _purpose_of(activity: Activity, reading: Reading) -> Purpose | None:
    """The purpose whose words the reading is in, if it is in a purpose."""
    path = reading.location.path
    if reading.key != "purposes" or not isinstance(activity.purposes, list):
        return None
    index = path[path.index("purposes") + 1] if "purposes" in path else None
    return activity.purposes[index] if isinstance(index, int) else None


def _relies_on(purpose: Purpose, kind: type) -> bool:
    return any(isinstance(basis, kind) for _path, basis in purpose.bases())


def _any_purpose_relies_on(activity: Activity, kind: type) -> bool:
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    return any(_relies_on(purpose, kind) for purpose in purposes)


def _implied_consent(activity: Activity) -> tuple[Location, str] | None:
    """Where the activity says consent is given by using the site ("by using this
    website you consent", "turpinot lietot vietni"), if it does: in its words, the notes
    of its consent bases, or its own notes."""
    for reading in readings(activity):
        if reading.inference.concept == "implied_consent":
            return reading.location, reading.quote()
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    places: list[tuple[Location, object]] = [(activity.at("notes"), activity.notes)]
    for index, purpose in enumerate(purposes):
        for path, basis in purpose.bases():
            if isinstance(basis, ConsentBasis):
                for key in ("consent_record", "withdrawal", "note"):
                    at = activity.at("purposes", index, *path, key)
                    places.append((at, getattr(basis, key)))
    for at, value in places:
        for language in ("lv", "en"):
            found = mentions(text_of(value, language), "implied_consent")
            if found is not None:
                return at, found.matched
    return None


_TRACKING = ("targeted_ads", "cookies", "cookies_necessary")


def _tracking_reading(activity: Activity) -> Reading | None:
    """The first mention of cookies or tracking that needs consent: interest-based
    advertising always does; cookies unless every mention is of strictly necessary ones."""
    # Several rules ask this of every activity, and nearly every activity names none of these
    # concepts: the concepts it states (kept with its readings) answer that at once.
    if not first_readings(activity, _TRACKING):
        return None
    cookies: list[Reading] = []
    necessary: list[Reading] = []
    # The purposes first: that is where the basis a finding asks about is.
    found = readings(activity, ("purposes",)) + [
        reading for reading in readings(activity) if reading.key != "purposes"
    ]
    if any(r.inference.concept == "cookies_necessary" for r in found) and not any(
        r.inference.concept == "targeted_ads" for r in found
    ):
        # An activity about strictly necessary cookies: its other mentions are those.
        return None
    for reading in found:
        concept = reading.inference.concept
        if concept == "targeted_ads":
            return reading
        if concept == "cookies":
            cookies.append(reading)
        elif concept == "cookies_necessary":
            necessary.append(reading)
    for reading in cookies:
        inside = any(
            other.location == reading.location
            and other.inference.start <= reading.inference.start
            and reading.inference.end <= other.inference.end
            for other in necessary
        )
        if not inside:
            return reading
    return None


def names_tracking(activity: Activity) -> bool:
    """Whether the activity names cookies or tracking that need consent: LB21 asks then
    about the consent, inferred from use or not."""
    return _tracking_reading(activity) is not None


def monitors(activity: Activity) -> bool:
    """Whether the activity monitors behaviour (Art. 3(2)(b); Recital 24: tracking on the
    internet, profiling): it declares profiling, or names cookies or tracking that need
    consent."""
    return isinstance(activity.profiling, Profiling) or _tracking_reading(activity) is not None


def necessary_cookies_only(activity: Activity) -> bool:
    """Whether the activity is about strictly necessary cookies and nothing that tracks:
    its words name such cookies, and no cookie or tracking that needs consent."""
    if _tracking_reading(activity) is not None:
        return False
    # (Asked of every activity: answered from the concepts its readings keep.)
    return bool(first_readings(activity, ("cookies_necessary",)))


@rule(
    "LB21",
    "legal-basis.tracking-consent",
    severity=Severity.WARNING,
    article="ePrivacy Directive Art. 5(3); Art. 6(1)(a)",
)
def tracking_consent(register: Register, context: Context) -> Iterator[Violation]:
    """Cookies, pixels or interest-based advertising with no purpose relying on consent.

    Why: storing information on a user's device or reading it (cookies, pixels, SDKs,
    device fingerprints) needs the user's prior consent unless it is strictly necessary for
    the service the user asked for (ePrivacy Directive Art. 5(3); in Latvia the Law on
    Information Society Services, s. 7(2) — section number as commonly cited, not checked
    here). Legitimate interests cannot replace that consent; interest-based advertising
    and tracking across sites always need it. Consent inferred from using the site ("by
    using this website you consent", "turpinot lietot vietni") is no consent: it needs a
    clear affirmative act (Art. 4(11), 7(1); EDPB Guidelines 05/2020).

    Fails:

    ```yaml
    activities:
      - id: web-analytics
        name: Website analytics
        purposes:
          - purpose: Sīkdatnes reklāmai atbilstoši jūsu interesēm  # ← LB21
            legal_basis: {basis: legitimate_interests, interest: Mārketings}
    ```

    Passes:

    ```yaml
    activities:
      - id: web-analytics
        name: Website analytics
        purposes:
          - purpose: Sīkdatnes reklāmai atbilstoši jūsu interesēm
            legal_basis:
              basis: consent
              consent_record: Sīkdatņu joslas izvēles žurnāls
              withdrawal: Sīkdatņu iestatījumi vietnes kājenē
      - id: session
        name: Shopping cart
        purposes:
          - purpose: Tikai nepieciešamās sīkdatnes grozam
            legal_basis: {basis: contract}
    ```

    Also fails (consent inferred from use):

    ```yaml
    activities:
      - id: web-analytics
        name: Website analytics
        purposes:
          - purpose: Google Analytics
            legal_basis:
              basis: consent
              consent_record: By using this website you consent to cookies  # ← LB21
    ```
    """
    for activity in register.activities:
        reading = _tracking_reading(activity)
        if reading is None:
            continue
        purpose = _purpose_of(activity, reading)
        consented = (
            _relies_on(purpose, ConsentBasis)
            if purpose is not None
            else _any_purpose_relies_on(activity, ConsentBasis)
        )
        if consented:
            implied = _implied_consent(activity)
            if implied is not None:
                yield Violation(
                    implied[0],
                    msg(
                        "the consent `{id}` relies on for {label} is inferred from use "
                        "(“{implied}”): consent needs a clear affirmative act before the "
                        "cookies are set (Art. 4(11), 7(1); EDPB Guidelines 05/2020)",
                        id=activity.id,
                        label=topic(reading.inference.concept),
                        implied=implied[1],
                    ),
                    msg(
                        "ask for consent with a banner that refuses as easily as it "
                        "accepts, and record each choice in `consent_record:`"
                    ),
                    related=(reading.location,),
                )
            continue
        where = (
            msg("its purpose does not rely on consent")
            if purpose is not None
            else msg("no purpose of `{id}` relies on consent", id=activity.id)
        )
        yield Violation(
            reading.location if purpose is not None else activity.at("purposes"),
            msg(
                "{describe} ({label}): storing or reading them on the user's device "
                "needs prior consent unless strictly necessary, but {where}",
                describe=reading.describe(),
                label=topic(reading.inference.concept),
                where=where,
            ),
            msg(
                "rely on `basis: consent` (with `consent_record:` and "
                "`withdrawal:`) for these cookies or tracking, or say they are "
                "strictly necessary"
            ),
            related=() if purpose is not None else (reading.location,),
        )


@rule(
    "LB22",
    "legal-basis.marketing-objection",
    severity=Severity.INFO,
    article="Art. 21(2)-(4); ISPL s. 9",
)
def marketing_objection(register: Register, context: Context) -> Iterator[Violation]:
    """Direct marketing on legitimate interests: the unconditional right to object.

    Why: a person may object at any time to direct marketing, including profiling for it,
    and the data must then no longer be used for it (Art. 21(2)-(3)); the right is brought
    to their attention explicitly, at the latest at the first communication (Art. 21(4)).
    Marketing by e-mail or SMS needs prior consent unless it is sent to existing customers
    about the controller's similar goods or services with an easy way to refuse each time
    (Law on Information Society Services, s. 9). The record should show how objections
    are honoured.

    Fails:

    ```yaml
    activities:
      - id: newsletter
        name: Jaunumi klientiem
        purposes:
          - purpose: Tiešais mārketings esošajiem klientiem  # ← LB22
            legal_basis: {basis: legitimate_interests, interest: Pārdošanas veicināšana}
    ```

    Passes:

    ```yaml
    activities:
      - id: newsletter
        name: Jaunumi klientiem
        purposes:
          - purpose: Tiešais mārketings esošajiem klientiem
            legal_basis:
              basis: legitimate_interests
              interest: Pārdošanas veicināšana
              note: Atteikšanās saite katrā vēstulē; iebildumi reģistrēti CRM (21. pants)
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        for index, purpose in enumerate(activity.purposes):
            interests = [
                basis
                for _path, basis in purpose.bases()
                if isinstance(basis, LegitimateInterestsBasis)
            ]
            if not interests or any(basis.note is not None for basis in interests):
                continue
            reading = next(
                (
                    r
                    for r in readings(activity, ("purposes",))
                    if r.inference.concept == "marketing"
                    and r.location == activity.at("purposes", index, "purpose")
                ),
                None,
            )
            if reading is not None:
                yield Violation(
                    reading.location,
                    msg(
                        "{describe} on legitimate interests: people may object to direct "
                        "marketing at any time and must be told so explicitly (Art. "
                        "21(2)-(4)); e-mail or SMS marketing needs prior consent except to "
                        "existing customers (ISPL s. 9)",
                        describe=reading.describe(),
                    ),
                    msg(
                        "say in the basis's `note:` how objections are recorded and "
                        "honoured, or rely on consent"
                    ),
                )


_DECLARED = {
    None: msg("is not declared"),
    "unknown": msg("says `unknown`"),
    "none": msg("says `none`"),
}


@rule(
    "DP21", "profiling.inferred", severity=Severity.WARNING, article="Art. 4(4), 21, 22; WP248 C1"
)
def profiling_inferred(register: Register, context: Context) -> Iterator[Violation]:
    """Profiling, scoring or interest-based ads named in the words, not under `profiling`.

    Why: evaluating personal aspects to analyse or predict preferences, behaviour or
    creditworthiness is profiling (Art. 4(4)). It brings the right to object (Art. 21),
    the limits on automated decisions (Art. 22), information duties (Art. 13(2)(f)) and a
    DPIA criterion (WP248 C1). "Offers tailored to your interests", "klientu
    segmentācija", "maksātspējas novērtēšana" are profiling.

    Fails:

    ```yaml
    activities:
      - id: loyalty
        name: Loyalty programme
        purposes:
          - purpose: Personalizēti piedāvājumi pēc pirkumu paradumu analīzes
            legal_basis: {basis: consent}
        profiling: none  # ← DP21
    ```

    Passes:

    ```yaml
    activities:
      - id: loyalty
        name: Loyalty programme
        purposes:
          - purpose: Personalizēti piedāvājumi pēc pirkumu paradumu analīzes
            legal_basis: {basis: consent}
        profiling:
          description: Purchase history grouped into interest segments for offers
    ```
    """
    for activity in register.activities:
        if isinstance(activity.profiling, Profiling):
            continue
        found = first_readings(activity, ("profiling", "targeted_ads"))
        reading = found.get("profiling") or found.get("targeted_ads")
        if reading is None:
            continue
        says = _DECLARED.get(activity.profiling) or msg("is not declared")
        yield Violation(
            activity.at("profiling"),
            msg(
                "{describe} ({label}), which is profiling (Art. 4(4)), but `profiling` {says}",
                describe=reading.describe(),
                label=label(reading.inference.concept),
                says=says,
            ),
            msg("record `profiling:` with what is evaluated or predicted and from which data"),
            at_key=True,
            related=(reading.location,),
        )


@rule(
    "DP22",
    "automated-decisions.inferred",
    severity=Severity.WARNING,
    article="Art. 22, 13(2)(f)",
)
def automated_inferred(register: Register, context: Context) -> Iterator[Violation]:
    """Automated decisions named in the activity's words, not under `automated_decisions`.

    Why: a decision based solely on automated processing with legal or similarly
    significant effects is allowed only under an Art. 22(2) exception with safeguards,
    and people must be told of its logic (Art. 13(2)(f)).

    Fails:

    ```yaml
    activities:
      - id: loans  # ← DP22
        name: Loan applications
        purposes:
          - purpose: Automatizēta lēmumu pieņemšana par kredīta piešķiršanu
            legal_basis: {basis: contract}
    ```

    Passes:

    ```yaml
    activities:
      - id: loans
        name: Loan applications
        purposes:
          - purpose: Automatizēta lēmumu pieņemšana par kredīta piešķiršanu
            legal_basis: {basis: contract}
        automated_decisions:
          description: Scorecard approves or declines applications up to 3,000 EUR
          legal_or_similar_effect: true
          exception: contract
          safeguards: A credit officer reviews every decline on request
    ```
    """
    for activity in register.activities:
        if isinstance(activity.automated_decisions, AutomatedDecisions):
            continue
        reading = first_readings(activity, ("automated_decisions",)).get("automated_decisions")
        if reading is None:
            continue
        says = _DECLARED.get(activity.automated_decisions) or msg("is not declared")
        yield Violation(
            activity.at("automated_decisions"),
            msg(
                "{describe} ({label}) but `automated_decisions` {says}",
                describe=reading.describe(),
                label=label("automated_decisions"),
                says=says,
            ),
            msg(
                "record `automated_decisions:` with the decisions, their effect, "
                "the Art. 22(2) exception and the safeguards"
            ),
            at_key=True,
            related=(reading.location,),
        )


@rule(
    "DP25",
    "automated-decisions.exception",
    severity=Severity.WARNING,
    article="Art. 22(2), 22(3)",
)
def automated_exception(register: Register, context: Context) -> Iterator[Violation]:
    """Solely automated decisions without their Art. 22(2) exception or safeguards.

    Why: a person has the right not to be subject to a decision based solely on automated
    processing with legal or similarly significant effects (Art. 22(1)); it is allowed
    only where necessary for a contract, authorised by law, or based on the person's
    explicit consent (Art. 22(2)). Under a contract or explicit consent the controller
    must give at least the right to obtain human intervention, to express one's view and
    to contest the decision (Art. 22(3)). A record of such decisions that names no
    exception, or, under a contract or consent, no safeguards, leaves both questions
    open. Consent "given" by using a service, or said to have been given in a policy, is
    no explicit consent (EDPB Guidelines 05/2020, section 4; WP251 rev.01, IV.B): the
    exception must be the one that truly applies. Not reported where the record says the
    decisions have no legal or similarly significant effect
    (`legal_or_similar_effect: false`).

    Fails:

    ```yaml
    activities:
      - id: shop
        name: Web shop
        automated_decisions:  # ← DP25
          description: The customer agreed to automated decisions when ordering
    ```

    Passes:

    ```yaml
    activities:
      - id: shop
        name: Web shop
        automated_decisions:
          description: Orders flagged by the fraud score are refused automatically
          legal_or_similar_effect: true
          exception: contract
          safeguards: A person reviews any refusal on request; the customer may contest it
    ```
    """
    for activity in register.activities:
        decisions = activity.automated_decisions
        if not isinstance(decisions, AutomatedDecisions):
            continue
        if decisions.legal_or_similar_effect is False:
            continue
        if decisions.exception is None:
            message = msg(
                "`{id}` makes solely automated decisions but records no Art. 22(2) exception "
                "(contract, law or explicit consent)",
                id=activity.id,
            )
        elif decisions.exception != "law" and (
            decisions.safeguards is None or decisions.safeguards == "unknown"
        ):
            message = msg(
                "`{id}` makes solely automated decisions under {exception} but records no "
                "safeguards (human intervention, expressing one's view, contesting: Art. "
                "22(3))",
                id=activity.id,
                exception=str(decisions.exception),
            )
        else:
            continue
        yield Violation(
            activity.at("automated_decisions"),
            message,
            msg(
                "record `exception:` (consent must be explicit: Art. 22(2)(c)) and "
                "`safeguards:` under `automated_decisions`, or `legal_or_similar_effect: "
                "false` where the decisions do not affect people significantly"
            ),
            at_key=True,
        )


# What a profiling description may say and still describe nothing: that profiling is done
# ("profilēšana", "segmentation"), for marketing or advertising, and the words that link
# them ("kas saistīta ar", "for ... purposes"); "direct" ("tiešā reklāma") only qualifies
# the marketing.
_PROFILING_WORDS = ("profiling", "marketing", "targeted_ads", "purpose_filler")
_QUALIFIERS = frozenset({stem(fold_word("tiešā")), stem("direct")})


def _describes_nothing(text: str) -> bool:
    left = [
        word
        for word in uncovered(text, _PROFILING_WORDS)
        if len(word) > 2 and stem(fold_word(word)) not in _QUALIFIERS
    ]
    return not left


@rule(
    "DP26",
    "profiling.undescribed",
    severity=Severity.WARNING,
    article="Art. 4(4), 21(2), 30(1)(c); WP251 rev.01",
)
def profiling_undescribed(register: Register, context: Context) -> Iterator[Violation]:
    """Profiling recorded, but its description says only that it is done, or what for.

    Why: profiling is the evaluation of personal aspects of a person (Art. 4(4)); what
    it evaluates or predicts, and from which data, is what the DPIA screening (WP248 C1),
    the information the person is owed (Art. 13(1)(c), 21(4); WP251 rev.01, section III)
    and an objection to it (Art. 21(1), (2)) all turn on. A description that says nothing
    but "profiling connected with direct advertising" ("profilēšana, kas saistīta ar tiešo
    reklāmu", "profiling for marketing purposes") admits profiling and leaves all of that
    unknown. Read in both languages of `profiling.description`: reported where, beside
    the words for profiling, marketing or advertising and the words that link them, it
    says nothing (no data, no aspect evaluated, no segment).

    Fails:

    ```yaml
    activities:
      - id: marketing
        name: Direct marketing
        profiling:  # ← DP26
          description: profiling connected with direct advertising
    ```

    Passes:

    ```yaml
    activities:
      - id: marketing
        name: Direct marketing
        profiling:
          description: Segments by purchase history and age group, to choose offers
    ```
    """
    for activity in register.activities:
        profiling = activity.profiling
        if not isinstance(profiling, Profiling):
            continue
        texts = [
            text for language in ("lv", "en") if (text := text_of(profiling.description, language))
        ]
        if not texts or not all(_describes_nothing(text) for text in texts):
            continue
        yield Violation(
            activity.at("profiling"),
            msg(
                "`{id}` records profiling but not what it evaluates or from which data "
                "(\u201c{words}\u201d)",
                id=activity.id,
                words=texts[0],
            ),
            msg(
                "say under `profiling.description` what is evaluated or predicted (interests, "
                "solvency, segments) and from which data, so that the screening, the notice "
                "and an objection can rest on it"
            ),
            at_key=True,
        )


# Longer than this, a tracking identifier outlives any measuring or advertising need: the
# longest the CNIL accepts for data collected through trackers (source CNIL-COOKIES in
# ropa.knowledge.sources, unverified; no EU text sets a number).
_TRACKING_MONTHS = 25


def _about_tracking(activity: Activity) -> bool:
    """Whether the activity as a whole is about cookies or tracking: its name says so, or
    every purpose does. Its retention is then the trackers' own."""
    topics = ("cookies", "targeted_ads")
    if any(says(activity.name, concept) for concept in topics):
        return True
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    return bool(purposes) and all(
        any(says(purpose.purpose, concept) for concept in topics) for purpose in purposes
    )


def _long_retention(
    retention: Retention, at: Location, *, whole: bool
) -> tuple[Location, str] | None:
    """Where a retention keeps data longer than `_TRACKING_MONTHS`, and how it says so,
    unless a statute or a law it names sets the period. Unless the activity is `whole`ly
    about tracking, only words naming cookies or tracking count, not its period."""
    if retention.statute is not None:
        return None
    period = retention.period
    if whole and isinstance(period, Duration) and period.total_months > _TRACKING_MONTHS:
        return at.child("period"), period.text
    for key in ("criteria", "notes", "reason"):
        for language in ("lv", "en"):
            text = text_of(getattr(retention, key), language)
            if not text or cites_law(text):
                continue
            found = tracking_period(text, whole=whole)
            if found is not None and found[0] > _TRACKING_MONTHS:
                return at.child(key), found[1]
    return None


@rule(
    "RT22",
    "retention.tracking-years",
    severity=Severity.WARNING,
    article="Art. 5(1)(e); ePrivacy Directive Art. 5(3)",
)
def tracking_years(register: Register, context: Context) -> Iterator[Violation]:
    """Cookies or tracking whose identifiers are kept for more than two years.

    Why: data is kept no longer than its purpose needs (Art. 5(1)(e)); consent to cookies
    and tracking (ePrivacy Directive Art. 5(3)) should be refreshed at appropriate
    intervals (EDPB Guidelines 05/2020), which an identifier that lives for years outruns.
    No EU text sets a number; the French authority (CNIL) accepts at most 13 months for a
    tracker and 25 months for the data collected through it (its cookie recommendation
    and guidelines; figures as reported, not checked here). Reported for an activity that
    uses cookies or tracking needing consent (read as LB21 reads them) whose retention —
    its period, or the longest period its words give ("14 days to 10 years", "desmit
    gadus") — is longer than 25 months, unless a statute or a law it names sets it. A
    period for keeping the visitor's choice (the proof of consent, Art. 7(1)) or a log is
    not the tracker's lifetime and is not counted; in an activity that also covers other
    data (an account with its cookies), only words that name cookies or tracking count.

    Fails:

    ```yaml
    activities:
      - id: ads
        name: Retargeting
        purposes:
          - purpose: Reklāmas sīkdatnes un atkārtotā mērķauditorijas atlase
            legal_basis: {basis: consent, consent_record: CMP, withdrawal: Iestatījumi}
        retention:
          criteria: Partneru sīkdatnes glabājas no 14 dienām līdz 10 gadiem  # ← RT22
    ```

    Passes:

    ```yaml
    activities:
      - id: ads
        name: Retargeting
        purposes:
          - purpose: Reklāmas sīkdatnes un atkārtotā mērķauditorijas atlase
            legal_basis: {basis: consent, consent_record: CMP, withdrawal: Iestatījumi}
        retention:
          period: P13M
          from: sīkdatnes iestatīšana
    ```
    """
    for activity in register.activities:
        if _tracking_reading(activity) is None:
            continue
        places: list[tuple[Retention, Location]] = []
        if isinstance(activity.retention, Retention):
            places.append((activity.retention, activity.at("retention")))
        if isinstance(activity.personal_data, list):
            for index, item in enumerate(activity.personal_data):
                if isinstance(item, DataCategory) and isinstance(item.retention, Retention):
                    places.append(
                        (item.retention, activity.at("personal_data", index, "retention"))
                    )
        whole = _about_tracking(activity)
        for retention, at in places:
            found = _long_retention(retention, at, whole=whole)
            if found is None:
                continue
            yield Violation(
                found[0],
                msg(
                    "`{id}` uses cookies or tracking and keeps them for up to “{period}”: "
                    "far longer than measuring or advertising needs (Art. 5(1)(e))",
                    id=activity.id,
                    period=found[1],
                ),
                msg(
                    "shorten the lifetime of the cookies and what they collect (25 months "
                    "at most, 13 for a cookie, is what the French authority accepts) and "
                    "record it in `period:`"
                ),
            )
            break
