"""Art. 5(2), 6(1), 7: one definite basis per purpose, and consent only where it can be free."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ropa.findings import Severity
from ropa.i18n import joined, msg
from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.knowledge.lexicon import mentions
from ropa.knowledge.text import fold_word
from ropa.model.activity import (
    Activity,
    ConsentBasis,
    ContractBasis,
    DataSubjectGroup,
    LegalBasisModel,
    LegitimateInterestsBasis,
    Purpose,
    UndecidedBasis,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.position import Location
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import says, topic
from ropa.rules.legal_basis import shorten_text


def _letters(kinds: list[str]) -> str:
    return ", ".join(
        f"{LEGAL_BASES[kind].article.removeprefix('Art. ')} {kind}" if kind in LEGAL_BASES else kind
        for kind in kinds
    )


@rule("LB11", "legal-basis.undecided", severity=Severity.WARNING, article="Art. 5(2), 6(1)")
def undecided(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose resting on alternative bases: undecided, or several listed en bloc.

    Why: the controller determines the basis before processing starts and must be able to
    show it (Art. 5(2)); each basis brings different rights — objection under Art. 21 for
    6(1)(e) and (f), withdrawal for consent, portability for consent and contract. A
    notice that says "6(1)(b) or 6(1)(f)", or lists several bases for one purpose, leaves
    data subjects unable to tell which rights they have. Split the purpose where different
    parts of it rest on different bases. Purposes given the same bases are one finding,
    with the others as related places: a notice that lists its bases once for everything
    it does leaves one question, however many purposes repeat it.

    Bases the source lists once for all of an activity's processing (`bases_en_bloc:`)
    leave each purpose written `legal_basis: unknown` (or without one) with the same
    question: reported at those purposes, with the list as a related place; the same list
    in several activities is one finding.

    One pair is not reported: 6(1)(c) with 6(1)(e) cited together by a public authority,
    or by an organisation recording the public tasks it performs (`public_tasks`, delegated
    to it by a public body). Both rest on the law that lays down the duty or the task
    (Art. 6(3), Recital 45), and a body's statutes commonly give it both at once (a
    municipality's social services are its duty and its public task); the law is what the
    data subject needs, and LB02 asks for it where it is missing. Where the right to
    object matters (Art. 21 applies to (e), not to (c)), splitting the purpose still helps.

    Fails:

    ```yaml
    activities:
      - id: marketing
        name: Marketing
        purposes:
          - purpose: Sending offers
            legal_basis:  # ← LB11
              basis: undecided
              candidates: [consent, legitimate_interests]
          - purpose: Customer service
            legal_basis:  # ← LB11
              - {basis: contract}
              - {basis: legitimate_interests, assessment: LIA-3}
    ```

    Passes:

    ```yaml
    activities:
      - id: marketing
        name: Marketing
        purposes:
          - purpose: Sending offers to subscribers
            legal_basis: {basis: consent, consent_record: Opt-in log, withdrawal: Unsubscribe link}
          - purpose: Answering customers' questions about their orders
            legal_basis: {basis: contract}
    ```
    """
    for activity in register.activities:
        if activity.bases_en_bloc is not None:
            yield from _en_bloc(activity)
        if not isinstance(activity.purposes, list):
            continue
        for index, purpose in enumerate(activity.purposes):
            bases = purpose.bases()
            undecided_bases = [b for _path, b in bases if isinstance(b, UndecidedBasis)]
            at = activity.at("purposes", index, "legal_basis")
            if undecided_bases:
                kinds = [str(kind) for kind in undecided_bases[0].candidates]
                yield Violation(
                    at,
                    msg(
                        "a purpose of `{id}` is undecided between {letters}",
                        id=activity.id,
                        letters=_letters(kinds),
                    ),
                    msg(
                        "decide on one basis (Art. 5(2)); split the purpose if its parts "
                        "rest on different bases"
                    ),
                    at_key=True,
                    cause="undecided:" + "+".join(sorted(kinds)),
                )
            elif len(bases) > 1:
                kinds = [basis.basis for _path, basis in bases]
                if register.organisation.performs_public_tasks and sorted(map(str, kinds)) == [
                    "legal_obligation",
                    "public_task",
                ]:
                    continue
                yield Violation(
                    at,
                    msg(
                        "a purpose of `{id}` lists {len} bases at once ({letters}); each "
                        "purpose should rest on one",
                        id=activity.id,
                        len=len(bases),
                        letters=_letters(kinds),
                    ),
                    msg("split the purpose into parts, each with the one basis it rests on"),
                    at_key=True,
                    cause="en-bloc:" + "+".join(sorted(map(str, kinds))),
                )


def _en_bloc(activity: Activity) -> Iterator[Violation]:
    """The purposes an activity's en-bloc list leaves without a basis of their own."""
    listed = activity.bases_en_bloc or []
    purposes = activity.purposes
    if isinstance(purposes, list):
        open_purposes = [
            activity.at("purposes", index, "legal_basis")
            for index, purpose in enumerate(purposes)
            if not_stated(purpose.legal_basis)
        ]
    else:
        # No purpose known: the list is all there is.
        open_purposes = [activity.at("bases_en_bloc")]
    if not open_purposes:
        return
    kinds = sorted({str(basis.basis) for basis in listed})
    decided = [kind for kind in kinds if kind in LEGAL_BASES]
    # A law without its letter, or bases the list itself hesitates between, are named as
    # such: "unknown" alone would read as no basis at all.
    parts: list[str] = [_letters(decided)] if decided else []
    if "undecided" in kinds:
        parts.append(msg("alternatives not decided"))
    if "unknown" in kinds:
        parts.append(msg("a law without its letter of Art. 6(1)"))
    yield Violation(
        open_purposes[0],
        msg(
            "`{id}` lists its bases for all purposes together ({letters}), not which "
            "purpose rests on which",
            id=activity.id,
            letters=joined(parts, "; "),
        ),
        msg(
            "write each purpose's one basis in its `legal_basis:` (Art. 5(2), 6(1)), "
            "keeping the source's list in `bases_en_bloc:`"
        ),
        at_key=True,
        cause="en-bloc:" + "+".join(kinds),
        related=(*open_purposes[1:], activity.at("bases_en_bloc"))
        if isinstance(purposes, list)
        else (),
    )


# Purposes whose consent LB12 does not question: cookies and tracking (consent required by
# ePrivacy Art. 5(3) whoever the controller is) and pictures of people (EDPB Guidelines
# 05/2020, section 3.1.1: a school's request for pupils' photographs).
_FREE_CONSENT_TOPICS = ("cookies", "targeted_ads", "photographing")


def _employees(activity: Activity) -> bool:
    if not isinstance(activity.data_subjects, list):
        return False
    return any(
        says(s.category if isinstance(s, DataSubjectGroup) else s, "employees")
        for s in activity.data_subjects
    )


@rule(
    "LB12",
    "legal-basis.consent-imbalance",
    severity=Severity.WARNING,
    article="Art. 7(4), Recital 43",
)
def consent_imbalance(register: Register, context: Context) -> Iterator[Violation]:
    """Consent relied on by a public authority, or by an employer for its employees.

    Why: consent is valid only if freely given (Art. 4(11), 7(4)). Recital 43 says it is
    unlikely to be free where there is a clear imbalance between the data subject and the
    controller, in particular a public authority; the EDPB Guidelines 05/2020 on consent
    (section 3.1.1) say the same of employers and employees. Such processing usually rests
    on a law (6(1)(c), (e)) or a contract (b). Where consent truly is free — a staff photo
    on the website with no consequence for refusing — suppress with the reason. Not
    reported for a purpose whose words name cookies or tracking, whose consent the
    ePrivacy Directive (Art. 5(3)) requires whoever sets them, nor for one whose words name
    photographing or filming people: among the EDPB's examples of consent a public
    authority may rely on is a public school asking for pupils' photographs in a printed
    magazine, which they may refuse without detriment (Guidelines 05/2020, section 3.1.1,
    after the municipality's examples; carried over from WP259 — the example's number not
    checked here), and data protection authorities ask schools for exactly that consent
    (the Dutch Autoriteit Persoonsgegevens, "Visual material in education").

    Fails:

    ```yaml
    activities:
      - id: staff-photos
        name: Staff photos
        data_subjects: [darbinieki]
        purposes:
          - purpose: Photos on the intranet
            legal_basis:  # ← LB12
              basis: consent
              consent_record: Signed form
              withdrawal: E-mail to HR
    ```

    Passes:

    ```yaml
    activities:
      - id: staff-records
        name: Staff records
        data_subjects: [darbinieki]
        purposes:
          - purpose: Employment contract
            legal_basis: {basis: contract, contract: Darba līgums}
    ```
    """
    authority = register.organisation.is_public_authority
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        employees = _employees(activity)
        if not (authority or employees):
            continue
        who = msg("a public authority") if authority else msg("an employer by its employees")
        for index, purpose in enumerate(activity.purposes):
            # The bases first: the words are read only of a purpose resting on consent.
            consents = [path for path, basis in purpose.bases() if isinstance(basis, ConsentBasis)]
            if not consents or any(
                says(purpose.purpose, concept) for concept in _FREE_CONSENT_TOPICS
            ):
                continue
            for path in consents:
                yield Violation(
                    activity.at("purposes", index, *path),
                    msg(
                        "`{id}` relies on consent, which is unlikely to be freely given to "
                        "{who} (Recital 43; EDPB Guidelines 05/2020)",
                        id=activity.id,
                        who=who,
                    ),
                    msg(
                        "rest the purpose on the law or contract it serves, or record why "
                        "refusing has no consequence and suppress with that reason"
                    ),
                    at_key=True,
                )


# The bases people mistake for the duty the AML law lays down: the service contract the
# checks come before, and the controller's own interest in knowing its clients.
_NOT_THE_DUTY = frozenset(("contract", "legitimate_interests"))


@rule(
    "LB26",
    "legal-basis.aml-not-obligation",
    severity=Severity.WARNING,
    article="Art. 6(1)(c), 6(3)",
)
def aml_not_obligation(register: Register, context: Context) -> Iterator[Violation]:
    """Anti-money-laundering checks resting on the contract or on legitimate interests.

    Why: customer due diligence — identifying the client and the beneficial owner,
    checking the client's activity and the source of funds — is laid on obliged entities
    (banks, lawyers, accountants, estate agents, dealers ...) by the anti-money-laundering
    law: in Latvia the Noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un
    proliferācijas finansēšanas novēršanas likums (its "klienta izpēte"), in the Union
    Directive (EU) 2015/849, Art. 13, which also makes the processing a matter of public
    interest (Art. 43). The checks are then a legal obligation (Art. 6(1)(c)), with the law
    named (Art. 6(3)): the client cannot agree them away, so the contract (6(1)(b)) does
    not make them necessary, and the controller has no interest of its own to balance
    (6(1)(f)). A record that rests them on either misstates the basis, and with it the
    person's rights (objection under Art. 21 applies to 6(1)(f), not to 6(1)(c)). Read
    through the text layer (`aml_checks`: "pazīsti savu klientu", "klienta izpēte",
    "NILLTPFN likums", "know your client", "KYC", "anti-money laundering", in any
    inflection) in the purpose; and, where the organisation's name says it is an obliged
    entity of that law (a bank, a leasing or real-estate company, an accounting or
    audit firm, a notary or an advocate, a casino: section 3(1)), identifying the client
    or checking their identity ("Jūsu identifikācija", "identity verification"), which
    for it is customer due diligence (section 11; Directive (EU) 2015/849, Art.
    13(1)(a)). A purpose that also rests on a legal obligation, or is
    undecided (LB11), is not reported; nor is consent named for such checks, which in a
    notice is nearly always one blanket consent for everything (LB24 reports it). A
    controller that is no obliged entity and checks clients of its own accord should say
    so and the interest it pursues; suppress the finding with that reason.

    Fails:

    ```yaml
    activities:
      - id: kyc
        name: Klientu izpēte
        purposes:
          - purpose: "“Pazīsti savu klientu” principa īstenošana"
            legal_basis: {basis: contract}  # ← LB26
    ```

    Passes:

    ```yaml
    activities:
      - id: kyc
        name: Klientu izpēte
        purposes:
          - purpose: "“Pazīsti savu klientu” principa īstenošana"
            legal_basis:
              basis: legal_obligation
              law: >-
                Noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un proliferācijas
                finansēšanas novēršanas likums
    ```
    """
    obliged = says(register.organisation.name, "aml_obliged_entity")
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        for index, purpose in enumerate(activity.purposes):
            kinds = {str(basis.basis) for _path, basis in purpose.bases()}
            if not kinds or not kinds <= _NOT_THE_DUTY:
                continue
            words = _aml_words(purpose.purpose)
            if words is None and obliged:
                words = _aml_words(purpose.purpose, "client_identification")
            if words is None:
                continue
            yield Violation(
                activity.at("purposes", index, "legal_basis"),
                msg(
                    "a purpose of `{id}` is anti-money-laundering checks (\u201c{words}\u201d) "
                    "resting on {letters}: the AML law makes them a legal obligation "
                    "(Art. 6(1)(c))",
                    id=activity.id,
                    words=words,
                    letters=_letters(sorted(kinds)),
                ),
                msg(
                    "rest the checks on `basis: legal_obligation` with the AML law and its "
                    "section in `law:`; if no law obliges you, say what interest the checks "
                    "serve and suppress with that reason"
                ),
                at_key=True,
            )


def _aml_words(value: object, concept: str = "aml_checks") -> str | None:
    """The words by which a purpose names anti-money-laundering checks (or, for an obliged
    entity, identifying the client), in either language."""
    for language in ("lv", "en"):
        text = text_of(value, language)
        if text:
            found = mentions(text, concept)
            if found is not None:
                return found.matched
    return None


# What a contract does not objectively need, whatever the contract says: marketing and
# loyalty schemes, improving or developing the service or the website, statistics and
# analytics, and fraud prevention (EDPB Guidelines 2/2019 on Art. 6(1)(b), paragraphs
# 48-57: service improvement, fraud prevention, online behavioural advertising and
# personalisation of content are, as a rule, not necessary to perform the contract).
_BEYOND_CONTRACT = ("marketing", "aim_improvement", "aim_statistics", "aim_fraud")


@rule(
    "LB28",
    "legal-basis.beyond-contract",
    severity=Severity.WARNING,
    article="Art. 6(1)(b), 5(1)(b)",
)
def beyond_contract(register: Register, context: Context) -> Iterator[Violation]:
    """Marketing, service improvement, statistics or fraud prevention put under the contract.

    Why: Art. 6(1)(b) covers only what is objectively necessary to perform the contract
    with the person (or to take steps at their request before entering into it); that
    the contract mentions a processing, or that it is useful to the business, does not
    make it necessary (EDPB Guidelines 2/2019 on Art. 6(1)(b), paragraphs 23-33).
    Marketing and loyalty schemes, improving or developing the service or the website,
    statistics and fraud prevention are as a rule not necessary to perform a contract
    (paragraphs 48-57): they need a basis of their own (legitimate interests with the
    right to object, or consent), which the record should name. Read in the purpose's
    words, in Latvian or English; a purpose whose words name only the service, the order
    or the payment is not reported. One finding per activity, at the first purpose,
    naming the others.

    Fails:

    ```yaml
    activities:
      - id: clients
        name: Clients
        purposes:
          - purpose: Provision of the services
            legal_basis: {basis: contract}
          - purpose: Fostering customer loyalty
            legal_basis: {basis: contract}  # ← LB28
    ```

    Passes:

    ```yaml
    activities:
      - id: clients
        name: Clients
        purposes:
          - purpose: Provision of the services
            legal_basis: {basis: contract}
          - purpose: Fostering customer loyalty
            legal_basis:
              basis: legitimate_interests
              interest: keeping existing clients informed of similar services
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        places = []
        for index, purpose in enumerate(activity.purposes):
            # The basis first: reading the words costs more, and most purposes do not
            # rest on the contract.
            path = next(
                (path for path, basis in purpose.bases() if isinstance(basis, ContractBasis)),
                None,
            )
            if path is None:
                continue
            concept = next((c for c in _BEYOND_CONTRACT if _beyond(purpose.purpose, c)), None)
            if concept is not None:
                places.append((activity.at("purposes", index, *path), purpose, concept))
        if not places:
            continue
        location, purpose, concept = places[0]
        yield Violation(
            location,
            msg(
                "`{id}` puts {purpose} ({topic}) under the contract, which it does not "
                "objectively need (Art. 6(1)(b); EDPB Guidelines 2/2019)",
                id=activity.id,
                purpose=shorten_text(purpose.purpose),
                topic=topic(concept),
            ),
            msg(
                "give it a basis of its own: legitimate interests (with the right to object) "
                "or consent"
            ),
            at_key=True,
            related=tuple(place for place, _p, _c in places[1:]),
        )


# "Offers" alone: a quote prepared at the person's request ("piedāvājuma sagatavošana")
# is a step before the contract (Art. 6(1)(b)), and which offers to make is no marketing.
_OFFER_WORDS = ("piedav", "offer")


def _beyond(value: object, concept: str) -> bool:
    """Whether a purpose's words name `concept` (LB28), "offers" alone not counted as
    marketing."""
    for language in ("lv", "en"):
        text = text_of(value, language) if value is not None else ""
        if not text or text in ("unknown", "none"):
            continue
        found = mentions(text, concept)
        if found is None:
            continue
        if concept == "marketing" and fold_word(found.matched).startswith(_OFFER_WORDS):
            continue
        return True
    return False


@rule(
    "LB29",
    "legal-basis.order-on-interests",
    severity=Severity.WARNING,
    article="Art. 6(1)(b), 13(1)(c), 20(1)(a)",
)
def order_on_interests(register: Register, context: Context) -> Iterator[Violation]:
    """Fulfilling the person's own order or subscription rested on legitimate interests.

    Why: processing necessary to perform a contract with the data subject, or to take
    steps at their request before it, has its own basis, Art. 6(1)(b) (EDPB Guidelines
    2/2019, paragraphs 22-33): delivering what the person ordered or subscribed to is
    that processing. Resting it on legitimate interests (Art. 6(1)(f)) misstates the
    basis the person is told of (Art. 13(1)(c)), offers a right to object (Art. 21(1))
    the processing cannot honour without breaking the contract, and withholds the right
    to data portability that the contract basis brings (Art. 20(1)(a)). Read in the
    purpose's words and its interest, in Latvian or English ("pasūtījuma izpilde",
    "abonēšana", "fulfilling your order"), where every basis of the purpose is legitimate
    interests. Not reported where the data subjects are not the party to the order
    (representatives or contact persons of a company client, addressees of a delivery):
    legitimate interests is their basis. One finding per activity, at the first such
    purpose, naming the others.

    Fails:

    ```yaml
    activities:
      - id: subscriptions
        name: Subscriptions
        data_subjects: [abonenti]
        purposes:
          - purpose: Pasūtījuma izpilde
            legal_basis:  # ← LB29
              basis: legitimate_interests
              interest: nodrošināt pasūtījuma izpildi
    ```

    Passes:

    ```yaml
    activities:
      - id: subscriptions
        name: Subscriptions
        data_subjects: [abonenti]
        purposes:
          - purpose: Pasūtījuma izpilde
            legal_basis: {basis: contract}
    ```
    """
    for activity in register.activities:
        places = _resting_only_on(activity, LegitimateInterestsBasis, _order_on_interests)
        # Whose order it is is read last: only an activity with such a purpose pays for it.
        if not places or _for_the_party_of_another(activity):
            continue
        location, purpose = places[0]
        yield Violation(
            location,
            msg(
                "`{id}` rests {purpose} on legitimate interests, but fulfilling the person's "
                "own order is performance of a contract (Art. 6(1)(b))",
                id=activity.id,
                purpose=shorten_text(purpose.purpose),
            ),
            msg(
                "record `basis: contract`: the person is told the right basis, keeps data "
                "portability (Art. 20) and is not offered an objection the order cannot honour"
            ),
            at_key=True,
            related=tuple(place for place, _p in places[1:]),
        )


@rule(
    "LB30",
    "legal-basis.service-on-consent",
    severity=Severity.WARNING,
    article="Art. 6(1)(b), 7(4)",
)
def service_on_consent(register: Register, context: Context) -> Iterator[Violation]:
    """The service the person asked for, or the contract with them, rested on consent.

    Why: consent is freely given only where the person can refuse it, or withdraw it,
    without detriment (Art. 7(3), 7(4), Recital 43); EDPB Guidelines 05/2020 (paragraphs
    26-36) name the case where the data is needed to provide the service or perform the
    contract: that processing rests on Art. 6(1)(b), and a consent the service depends on
    is not free. Resting it on consent tells the person that they may withdraw what the
    service cannot do without, and leaves the processing with no basis the day they do.
    Read in the purpose's words, in Latvian or English ("pakalpojuma sniegšana", "līguma
    izpilde", "pasūtījumu apstrāde", "providing our services", "creating your account"),
    where every basis of the purpose is consent; not where the purpose is the service's
    quality, improvement, marketing or statistics (what it can do without: LB28's aims).
    Not reported for a public authority, whose consent LB12 reports (its services rest
    on the law, Art. 6(1)(c) or (e)), nor where the data subjects act for a client or
    receive its order (they are not the party to the contract). The explicit consent of
    Art. 9(2)(a) may stay the condition for special-category data; the Art. 6 basis is
    the contract. One finding per activity, at the first such purpose, naming the others.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Pasūtījumi
        data_subjects: [pircēji]
        purposes:
          - purpose: Pasūtījumu apstrāde un piegāde
            legal_basis:  # ← LB30
              basis: consent
              consent_record: pasūtījuma forma
              withdrawal: e-pasts
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Pasūtījumi
        data_subjects: [pircēji]
        purposes:
          - purpose: Pasūtījumu apstrāde un piegāde
            legal_basis: {basis: contract}
    ```
    """
    if register.organisation.is_public_authority:
        return
    for activity in register.activities:
        places = _resting_only_on(activity, ConsentBasis, _service_on_consent)
        if not places or _for_the_party_of_another(activity):
            continue
        location, purpose = places[0]
        yield Violation(
            location,
            msg(
                "`{id}` rests {purpose} on consent, but the service cannot be had without "
                "the data: a consent it depends on is not freely given (Art. 7(4)); "
                "performing the contract is Art. 6(1)(b)",
                id=activity.id,
                purpose=shorten_text(purpose.purpose),
            ),
            msg(
                "record `basis: contract` for what the service needs, and keep consent for "
                "what the person can refuse and still be served"
            ),
            at_key=True,
            related=tuple(place for place, _p in places[1:]),
        )


def _resting_only_on(
    activity: Activity,
    kind: type[LegalBasisModel],
    about: Callable[[Purpose, list[LegalBasisModel]], bool],
) -> list[tuple[Location, Purpose]]:
    """The purposes of the activity every basis of which is of `kind` and which `about`
    accepts (given its bases), each with the place of its first basis (LB29, LB30)."""
    if not isinstance(activity.purposes, list):
        return []
    places = []
    for index, purpose in enumerate(activity.purposes):
        bases = purpose.bases()
        only = [basis for _path, basis in bases if isinstance(basis, kind)]
        if only and len(only) == len(bases) and about(purpose, only):
            places.append((activity.at("purposes", index, *bases[0][0]), purpose))
    return places


def _order_on_interests(purpose: Purpose, bases: list[LegalBasisModel]) -> bool:
    """Whether the purpose's words, or its interests, are fulfilling an order (LB29)."""
    interests = [basis.interest for basis in bases if isinstance(basis, LegitimateInterestsBasis)]
    return any(says(words, "order_fulfilment") for words in (purpose.purpose, *interests))


def _service_on_consent(purpose: Purpose, _bases: list[LegalBasisModel]) -> bool:
    """Whether the purpose's words are providing the service or fulfilling an order, and
    nothing the service can do without (LB30)."""
    words = purpose.purpose
    if not (says(words, "service_provision") or says(words, "order_fulfilment")):
        return False
    return not any(_beyond(words, concept) for concept in _BEYOND_CONTRACT)


def _for_the_party_of_another(activity: Activity) -> bool:
    """Whether the activity's data subjects act for a client or receive its order."""
    subjects = activity.data_subjects if isinstance(activity.data_subjects, list) else []
    return any(
        says(s.category if isinstance(s, DataSubjectGroup) else s, "not_the_party")
        for s in subjects
    )
