"""Art. 30(1)(b)–(d): what every activity's entry must say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ropa.findings import Severity
from ropa.i18n import Message, counted, msg
from ropa.knowledge.lexicon import mentions
from ropa.knowledge.recipients import names_no_kind
from ropa.knowledge.text import fold_word
from ropa.model.activity import (
    Activity,
    DataSource,
    LegalObligationBasis,
    PublicTaskBasis,
    UnstatedLetterBasis,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import DataSourceKind
from ropa.position import Location
from ropa.rules import ABSENT, Context, Violation, not_stated, rule
from ropa.rules._reading import Reading, first_readings, says


def _missing(
    register: Register,
    key: str,
    unknown: str,
    absent: str,
    hint: Message,
    skip: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, Violation]]:
    """`unknown` and `absent` are templates with `{id}`, the activity's id; whole sentences
    each, so that a translation can order its words as its language needs. Yields each
    activity's id with its violation; the activities whose ids are in `skip` are left to
    another finding."""
    for activity in register.activities:
        value = getattr(activity, key)
        if not_stated(value) and activity.id not in skip:
            template = unknown if value == "unknown" else absent
            # The same gap in many activities is one thing to fix: reported once.
            cause = f"{ABSENT}{key}:{'unknown' if value == 'unknown' else 'missing'}"
            yield (
                activity.id,
                Violation(activity.at(key), Message(template, id=activity.id), hint, cause=cause),
            )


def _describe_neither(register: Register) -> dict[str, Location]:
    """The activities that state neither their data subjects nor their personal data, with
    where their data subjects are written: one Art. 30(1)(c) gap each, which AC03 reports
    at both keys."""
    return {
        activity.id: activity.at("data_subjects")
        for activity in register.activities
        if not_stated(activity.data_subjects) and not_stated(activity.personal_data)
    }


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
            skip=frozenset(_describe_neither(register)),
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
    neither = _describe_neither(register)
    for activity_id, violation in _missing(
        register,
        "personal_data",
        msg("the categories of personal data of `{id}` are recorded as unknown").template,
        msg("the categories of personal data of `{id}` are not stated").template,
        msg("list them under `personal_data:`"),
    ):
        if activity_id in neither:
            # Art. 30(1)(c) is one description of both: one finding, at both keys.
            yield replace(
                violation,
                message=msg(
                    "`{id}` says neither whose data it processes nor which data", id=activity_id
                ),
                hint=msg(
                    "list whose data it is under `data_subjects:` and which data under "
                    "`personal_data:`"
                ),
                related=(neither[activity_id],),
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
    return counted(
        "{count} activity does not say who receives its data: {names}",
        "{count} activities do not say who receives their data: {names}",
        count=count,
        names=names,
    )


@rule("AC11", "activity.source-unnamed", severity=Severity.WARNING, article="Art. 14(2)(f)")
def source_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """Data obtained from others, without saying from whom.

    Why: where personal data is not obtained from the data subject, the controller tells
    them the source, and whether it is publicly accessible (Art. 14(2)(f)); the record is
    where that answer is kept. A source of kind `third_party` or `publicly_available`
    names its category or the source itself in `description:` (payment providers, the
    Enterprise Register, Latvijas Vēstnesis). A description that names none is no
    answer either: "trešās personas", "third parties", "other sources" only restate the
    kind, and "third parties the client authorises (not named)" or "other sources (not
    named)" says outright that the
    source is not known (Art. 14(1)(d), 14(2)(f): the source, or at least its category,
    is what the person is told; Recital 61); a category beside "(not named)"
    ("background checks (provider not named)") is an answer. A public source whose
    description says itself that it is not named ("nav norādīts"), or names it only by
    words for anyone, leaves the answer out too. So does a list of sources that names
    some and ends with such words ("AS Sadales tīkls; trešās puses", "credit bureaus,
    other sources"), in every language it is written in: the sources after those named
    are not named. Words for where data is kept rather than who keeps it ("privātie
    reģistri vai trešās puses", "third parties, databases, record systems") name no
    third-party source either: where the source itself is not named, the person is told
    its nature together with the type of organisation or sector holding it (WP260
    rev.01, Annex on Art. 14(2)(f)), and "private registers" gives the nature alone; a
    register its keeper names ("Uzņēmumu reģistrs", "valsts informācijas sistēmas",
    "credit bureaus' databases") is an answer. A source given as "social networks"
    ("sociālie tīkli", "the company's social network services") without naming one is
    no answer either: the organisation chooses the platforms where it keeps its pages,
    so it knows which they are (as RC22 asks of the tools it chooses).

    An open end is not reported where the activity rests on the law alone (every purpose
    a legal obligation or a public task, or a cited law whose Art. 6(1) letter is not
    stated) and the list names its sources before it ("valsts informācijas sistēmas,
    trešās personas"): a body exercising its statutory functions obtains data from
    whoever the law obliges to supply it, which the law, not the body, decides, and
    where the law lays down the obtaining Art. 14(5)(c) lifts the duty to name each
    source; the sources it does name (the state information systems) answer the
    question the person may ask. A company selling a service ("AS Sadales tīkls;
    trešās puses" for an electricity retailer) chooses where it buys data and is still
    asked.

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
            if source.kind not in (DataSourceKind.THIRD_PARTY, DataSourceKind.PUBLICLY_AVAILABLE):
                continue
            words = _unnamed_source(source)
            network = _network_unnamed(source) if words is None else None
            if network is not None:
                yield Violation(
                    activity.at("sources", index, "description"),
                    msg(
                        "`{id}` names social networks as a source (\u201c{words}\u201d) "
                        "without saying which, though the organisation chooses where it has "
                        "its pages",
                        id=activity.id,
                        words=network,
                    ),
                    msg(
                        "name the platforms (Facebook, Instagram, LinkedIn ...) in "
                        "`description:` (Art. 14(2)(f))"
                    ),
                )
                continue
            if source.kind is DataSourceKind.THIRD_PARTY and words is None:
                open_end = _open_source_list(source)
                if open_end is not None and _statutory(activity):
                    continue
                if open_end is not None:
                    yield Violation(
                        activity.at("sources", index, "description"),
                        msg(
                            "`{id}` lists among its third-party sources \u201c{words}\u201d, "
                            "which names neither a source nor its category",
                            id=activity.id,
                            words=open_end,
                        ),
                        msg(
                            "name the other sources or their categories in `description:`, "
                            "or drop the open end (Art. 14(2)(f))"
                        ),
                    )
                    continue
            if source.kind is DataSourceKind.THIRD_PARTY and words is not None:
                yield Violation(
                    activity.at("sources", index, "description"),
                    msg(
                        "`{id}` obtains data from a third-party source described only as "
                        "\u201c{words}\u201d, which names neither the source nor its category",
                        id=activity.id,
                        words=words,
                    ),
                    msg("name the source or its category in `description:` (Art. 14(2)(f))"),
                )
            elif not_stated(source.description) or words is not None:
                kind = (
                    msg("third-party")
                    if source.kind is DataSourceKind.THIRD_PARTY
                    else msg("public")
                )
                key = "kind" if not_stated(source.description) else "description"
                yield Violation(
                    activity.at("sources", index, key),
                    msg(
                        "`{id}` obtains data from a {kind} source without saying which",
                        id=activity.id,
                        kind=kind,
                    ),
                    msg("add `description:` with the source or its category (Art. 14(2)(f))"),
                )


# Words that only restate that a source is someone else: "trešās personas", "third
# parties", "other sources", "dažādi ārējie avoti" (folded prefixes). Words for anyone
# that a recipient category can be made of ("partners", "service providers") are read by
# `names_no_kind` too.
_SOURCE_KIND_PREFIXES = (
    "tresa", "treso", "tresi", "person", "avot", "arej", "dazad", "third", "parti", "party",
    "other", "source", "external", "variou",
)  # fmt: skip
_SOURCE_KIND_WORDS = frozenset(
    (
        "citi", "citas", "citu", "cita", "cits", "citiem", "citam", "un", "vai", "and", "or",
        "from", "no", "the", "an", "a", "some",
        # "trešās puses" (third parties), folded, in its forms.
        "puse", "puses", "pusem", "pusu", "pusei",
    )
)  # fmt: skip
# Words for where any data is kept, not for who keeps it (folded prefixes): "privātie
# reģistri", "datu bāzes", "uzskaites sistēmas", "databases", "record systems". Beside
# words for someone else they name no third-party source: WP260 rev.01 (Annex, Art.
# 14(2)(f)) asks, where the source itself is not named, for the nature of the source
# together with the type of organisation, industry or sector that holds it. A register
# its keeper names ("Uzņēmumu reģistrs", "kredītinformācijas biroju datu bāzes",
# "valsts informācijas sistēmas") keeps a word of its own and is an answer. Read for
# third-party sources only: a public source's "registers" are the public registers.
_HOLDING_PREFIXES = (
    "privat", "registr", "datubaz", "baz", "datu", "database", "data", "uzskait", "sistem",
    "system", "record", "informacij", "information", "register",
)  # fmt: skip

# The description saying itself that the source is not named (folded): "(not named)",
# "not said who", "unnamed", "nav norādīts, kuras", "nav nosaukti", "nenosaukts".
_SAID_UNNAMED = re.compile(
    r"\b(?:not\s+(?:named|specified|identified|stated|said)|unnamed|unspecified|unidentified"
    r"|nav\s+(?:norad|nosauk|minet|precizet|identificet)\w*|nenosauk\w*|nenorad\w*)"
)

# (Folded.) "Other sources" and "citi avoti" are someone else too: said beside "(not
# named)" they name no source, as "third parties" do not.
_SOMEONE_ELSE = re.compile(
    r"\b(?:third part|others\b|other (?:people|persons|parties|sources?)\b|tresa|treso"
    r"|cit\w* avot|arej\w* avot)"
)


def _unnamed_source(source: DataSource) -> str | None:
    """The description of a third-party or public source, when in every language it names
    no source: only words for someone else, or words saying the source is not named. None
    where it names one, or states nothing.

    A third party's category beside "(not named)" ("background checks (provider not
    named)") is an answer, as Recital 61 allows: there the words saying it is not named
    count only beside words for someone else. A public source's description that says it
    is not named is no answer, whatever stands beside it."""
    texts = [text_of(source.description, language) for language in ("lv", "en")]
    texts = [text for text in texts if text and not not_stated(text)]
    if not texts:
        return None
    category_answers = source.kind is DataSourceKind.THIRD_PARTY
    for text in texts:
        folded = fold_word(text)
        words = re.findall(r"\w+", folded)
        bare = bool(words) and all(
            word in _SOURCE_KIND_WORDS
            or word.startswith(_SOURCE_KIND_PREFIXES)
            or (category_answers and word.startswith(_HOLDING_PREFIXES))
            for word in words
        )
        unnamed = _SAID_UNNAMED.search(folded) is not None and (
            not category_answers or _SOMEONE_ELSE.search(folded) is not None
        )
        if not (bare or unnamed or names_no_kind(text)):
            return None
    return texts[0].strip()


# The social networks named by name (folded): a source that names one says which.
_PLATFORMS = re.compile(
    r"\b(?:facebook|instagram|linkedin|twitter|x\.com|tiktok|youtube|draugiem\w*|vkontakte|"
    r"vk|pinterest|snapchat|telegram|whatsapp|threads|meta|google|reddit|discord|"
    r"odnoklassniki|flickr|vimeo)\b"
)


def _network_unnamed(source: DataSource) -> str | None:
    """The words of a source's description that name social networks, when in every
    language it names none of them by name."""
    found: str | None = None
    for language in ("lv", "en"):
        text = text_of(source.description, language)
        if not text or not_stated(text):
            continue
        reading = mentions(text, "social_media")
        if reading is None or reading.negated or _PLATFORMS.search(fold_word(text)):
            return None
        found = found or reading.matched
    return found


_STATUTORY_BASES = (LegalObligationBasis, PublicTaskBasis, UnstatedLetterBasis)


def _statutory(activity: Activity) -> bool:
    """Whether every purpose of the activity rests on the law: a legal obligation, a
    public task, or a cited law whose Art. 6(1) letter is not stated."""
    purposes = activity.purposes
    return (
        isinstance(purposes, list)
        and bool(purposes)
        and all(isinstance(purpose.legal_basis, _STATUTORY_BASES) for purpose in purposes)
    )


# Where a list of sources is split into its items: ";" and ",", not inside brackets.
_SOURCE_ITEMS = re.compile(r"[;,](?![^()]*\))")


def _open_source_list(source: DataSource) -> str | None:
    """The last item of a third-party source's list when, in every language, it names no
    source ("AS Sadales tīkls; trešās puses"): the list names some sources and leaves
    the rest open. None where it names something, or the list has one item ("third
    parties, witnesses, police reports" says who the third parties are)."""
    found: str | None = None
    for language in ("lv", "en"):
        text = text_of(source.description, language)
        if not text or not_stated(text):
            continue
        items = [item.strip() for item in _SOURCE_ITEMS.split(text) if item.strip()]
        if len(items) < 2:
            return None
        last = items[-1]
        words = re.findall(r"\w+", fold_word(last))
        if not words or not all(
            word in _SOURCE_KIND_WORDS
            or word.startswith(_SOURCE_KIND_PREFIXES)
            or word.startswith(_HOLDING_PREFIXES)
            for word in words
        ):
            return None
        found = found or last
    return found


_THIRD_PERSONS = ("third_persons",)


@rule("AC17", "activity.others-data", severity=Severity.WARNING, article="Art. 14, 30(1)(c)")
def others_data(register: Register, context: Context) -> Iterator[Violation]:
    """Data about people other than the recorded data subjects, given by them.

    Why: the record lists the categories of data subjects (Art. 30(1)(c)), and people
    whose data the controller gets from someone else are owed the Art. 14 information.
    Some data is by its nature about another person, processed for that person's own
    sake: the addressee of a parcel (a recipient's name, address or phone; a courier's or
    carrier's delivery address), a spouse's details ("spouse and marriage details",
    "laulātā vārds"), which the client gives about them.

    An emergency contact or next of kin alone is not reported. Their name and phone are
    someone else's data and Art. 14 applies to them, but they are held only so that the
    person who names them can be helped, and the way to inform them is the one Art.
    14(5)(b) allows where telling each one would be a disproportionate effort: WP260
    rev.01 (paras 61-64) asks the controller to weigh the effort against the effect on
    the person and to take measures such as publishing the information; the ICO's guidance
    on the right to be informed gives exactly this case (a school's emergency contacts,
    told through published information, with access restricted). A careful DPO does not
    ask for them as a category of data subjects of their own (Art. 30(1)(c) describes
    the categories the processing is about, and a register naming "emergency contact
    details" already says whose they are), nor for a source telling who gives them. The
    people whose data is processed for their own sake stay reported: a spouse in a loan,
    the travellers in a booking, a parcel's addressee. Representing clients in legal
    matters ("pārstāvība tiesvedībā", "representation in litigation") concerns the other
    side, witnesses and other parties by its nature, whose data the client or the court
    gives: where the data subjects name none of them (nor third parties, relatives or
    other people), that is reported at `data_subjects` (Art. 14; professional secrecy may
    exempt from informing them, Art. 14(5)(d), not from recording them). Defending the
    organisation's own legal claims is not such representation. Where `personal_data` names
    such data and the data subjects do not name those people, the record leaves out a
    category of data subjects and the source of their data (the customer or employee who
    gives it). Where the data
    subjects do name them (emergency contacts, next of kin) but `sources` lists only the
    person and the organisation itself, the record still does not say that their data
    comes from someone else, which is what decides how they are informed (Art. 14): that
    is reported at `sources`. A shop's own
    "delivery address" is usually the customer's, so a delivery address counts only in
    an activity whose name or description is a courier's or parcel carrier's business.

    Fails:

    ```yaml
    activities:
      - id: deliveries
        name: Parcel deliveries
        data_subjects: [customers]  # ← AC17
        personal_data: [customer's name, recipient's name and phone, delivery address]
    ```

    Passes:

    ```yaml
    activities:
      - id: deliveries
        name: Parcel deliveries
        data_subjects: [customers, parcel recipients (addressees)]
        personal_data: [customer's name, recipient's name and phone, delivery address]
        sources:
          - kind: data_subject
          - kind: third_party
            description: the sender gives the addressee's name, address and phone
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.data_subjects, list) or not activity.data_subjects:
            continue
        reading = _others_data(activity)
        if reading is None:
            if not _names_others(activity) and (matter := _legal_matter(activity)):
                yield Violation(
                    activity.at("data_subjects"),
                    msg(
                        "`{id}` represents clients in legal matters ({where}), which concern "
                        "other people too (the other side, witnesses), but its data subjects "
                        "name none of them",
                        id=activity.id,
                        where=matter.describe(),
                    ),
                    msg(
                        "add the other people in the matters (counterparties, witnesses, "
                        "other parties) to `data_subjects`, and who gives their data under "
                        "`sources` (Art. 14; 14(5)(d) for professional secrecy)"
                    ),
                    # (The words are quoted, not pointed to: the gap is in the data
                    # subjects, not in the purpose that names the representation.)
                )
            continue
        if _names_others(activity):
            named = first_readings(activity, ("others_named",), ("data_subjects",))
            if _source_untold(activity):
                yield Violation(
                    activity.at("sources"),
                    msg(
                        "`{id}` names {who} among its data subjects, whose data someone else "
                        "gives ({where}), but its `sources` do not say so (Art. 14)",
                        id=activity.id,
                        who=named["others_named"].quote(),
                        where=reading.describe(),
                    ),
                    msg(
                        "add a source with `kind: third_party` saying who gives their data "
                        "(the customer, the member, the employee), so that they can be told "
                        "(Art. 14)"
                    ),
                    at_key=True,
                    related=(named["others_named"].location,),
                )
            continue
        yield Violation(
            activity.at("data_subjects"),
            msg(
                "`{id}` records data about people other than those who give it ({where}), "
                "and does not list them as data subjects",
                where=reading.describe(),
                id=activity.id,
            ),
            msg(
                "add them to `data_subjects` and record who gives their data under `sources` "
                "(Art. 14)"
            ),
        )


def _others_data(activity: Activity) -> Reading | None:
    """The words of `personal_data` naming another person's data, if any."""
    found = first_readings(activity, _THIRD_PERSONS, ("personal_data",)).get("third_persons")
    if found is not None:
        return found
    delivery = first_readings(activity, ("delivery_address",), ("personal_data",))
    if "delivery_address" in delivery and first_readings(
        activity, ("shipment",), ("name", "description")
    ):
        return delivery["delivery_address"]
    return None


def _legal_matter(activity: Activity) -> Reading | None:
    """The words by which the activity represents clients in legal matters, if any."""
    return first_readings(activity, _REPRESENTATION, ("name", "description", "purposes")).get(
        "client_representation"
    )


_REPRESENTATION = ("client_representation",)


def _source_untold(activity: Activity) -> bool:
    """Whether the activity lists its sources and none is someone other than the person
    (a third party, or a source whose description names those other people)."""
    if not isinstance(activity.sources, list) or not activity.sources:
        return False
    for source in activity.sources:
        if source.kind is DataSourceKind.THIRD_PARTY or any(
            says(source.description, concept) for concept in ("others_named", "third_persons")
        ):
            return False
    return True


def _names_others(activity: Activity) -> bool:
    """Whether a data-subject group is those other people: recipients, addressees,
    contact persons, relatives."""
    return bool(first_readings(activity, ("others_named",), ("data_subjects",)))
