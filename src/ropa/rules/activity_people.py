"""Art. 30(1)(c): whether an activity's data list names the data people are known by.

A record about people holds, besides what it says about them (a status, a diagnosis, a
preference), the data that says who they are or how to reach them: a name, an identifier,
contact details, an image. Registers written from notices often list only the former.
Read through the text layer (`identifying_data` in `ropa.knowledge.concepts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import concepts_in, mentions, uncovered
from ropa.knowledge.text import analyse, fold_word, stem
from ropa.model.activity import Activity, DataCategory, DataItem, DataSubjectGroup
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import first_readings, texts
from ropa.rules.activity_words import data_unfixed

# Words of a data-subject group shorter than this ("of", "un", "ar") say nothing of whose
# data it is.
_SHORT = 4


def _identifies(activity: Activity) -> bool:
    """Whether the data list names data that identifies or reaches the person. Asked of
    the lexicon, not the activity's readings: such words are in nearly every list, and
    readings keep only the rarer concepts (`_reading.UNREAD`)."""
    return any(
        (found := mentions(text, concept)) is not None and not found.negated
        for _key, _path, text in texts(activity, ("personal_data",))
        for concept in ("identifying_data", "named_document")
    )


def _anonymous(activity: Activity) -> bool:
    """Whether the data list says its data is anonymous, aggregated or statistical."""
    return bool(first_readings(activity, ("anonymous_data",), ("personal_data",)))


def _whose(activity: Activity) -> frozenset[str]:
    """The stems of the words naming the activity's data subjects."""
    if not isinstance(activity.data_subjects, list):
        return frozenset()
    stems: set[str] = set()
    for group in activity.data_subjects:
        value = group.category if isinstance(group, DataSubjectGroup) else group
        for language in ("lv", "en"):
            text = text_of(value, language)
            if text:
                stems.update(t.stem for t in analyse(text).tokens if len(t.stem) >= _SHORT)
    return frozenset(stems)


@rule(
    "AC18",
    "activity.identifying-data-unstated",
    severity=Severity.WARNING,
    article="Art. 30(1)(c)",
)
def identifying_data_unstated(register: Register, context: Context) -> Iterator[Violation]:
    """A data list that names nothing by which the people are identified or reached.

    Why: the record describes the categories of personal data (Art. 30(1)(c)), and data is
    personal because it relates to a person identified by a name, an identification
    number, location data or an online identifier (Art. 4(1); Recital 30). A list that
    names only what is known about people ("health data", "social status", "the positions
    the candidate wants") leaves out the data by which they are known: the name, personas
    kods or other number, contact details, address, image. A patient file, a card-holder
    register or a candidate database holds them, and their minimisation, retention and
    access are judged against the list. Not reported where another activity of the
    register names such data for the same data subjects (the identity is recorded where
    it is collected, and a later use need not repeat it), nor where AC13 already reports
    that nothing in the list is fixed, nor where the list calls its data anonymous,
    aggregated or statistical (Recital 26). A document that carries the person's name by
    its nature (a CV, an application, a copy of an identity document, a contract, a
    diploma or certificate, an izziņa) counts as identifying: "CVs, copies of diplomas"
    names data by which the person is known (what else it holds is AC13's concern). Read
    in `personal_data` (items and their notes), in any inflection.

    Fails:

    ```yaml
    activities:
      - id: patient-care
        name: Patient care
        data_subjects: [patients]
        personal_data:  # ← AC18
          - health data recorded during treatment
          - referral letters from GPs
    ```

    Passes:

    ```yaml
    activities:
      - id: patient-care
        name: Patient care
        data_subjects: [patients]
        personal_data:
          - name, date of birth, address, phone
          - health data recorded during treatment
          - referral letters from GPs
    ```
    """
    # Each activity's data list read once; the groups of the activities whose data does
    # identify are taken apart only when an activity that names none needs them (most
    # registers have none such).
    identifying = [_identifies(a) for a in register.activities]
    known: list[tuple[Activity, frozenset[str]]] | None = None
    for activity, identifies in zip(register.activities, identifying, strict=True):
        if not isinstance(activity.personal_data, list) or not activity.personal_data:
            continue
        if identifies or data_unfixed(activity) or _anonymous(activity):
            continue
        if known is None:
            known = [
                (a, _whose(a))
                for a, its in zip(register.activities, identifying, strict=True)
                if its
            ]
        whose = _whose(activity)
        if any(other is not activity and whose & stems for other, stems in known):
            continue
        yield Violation(
            activity.at("personal_data"),
            msg(
                "the personal data of `{id}` name nothing by which the people are "
                "identified or reached (a name, an identifier, contact details, an image): "
                "the data they are known by is not on record",
                id=activity.id,
            ),
            msg(
                "add the identifying and contact data the activity holds (name, personas "
                "kods or customer number, e-mail, phone, address ...)"
            ),
            at_key=True,
        )


# Young people named, and what settles whether children are among them.
_AGE_WORDS = ("youth", "children", "age_stated")


def _age_answered(activity: Activity) -> bool:
    """Whether a group of the activity's data subjects answers the question in the
    format's own fields: `children: true` or `false`, or a `minimum_age` (`children:
    unknown` leaves the question open)."""
    subjects = activity.data_subjects
    return isinstance(subjects, list) and any(
        isinstance(group, DataSubjectGroup)
        and (isinstance(group.children, bool) or group.minimum_age is not None)
        for group in subjects
    )


@rule("AC19", "activity.youth-age-unstated", severity=Severity.WARNING, article="Art. 8, 30(1)(c)")
def youth_age_unstated(register: Register, context: Context) -> Iterator[Violation]:
    """Young people among the data subjects, with no age that says whether children are.

    Why: children merit specific protection (Recital 38): consent to an information
    society service needs the parent's authorisation below the national age (Art. 8; 13
    in Latvia), a legitimate interest weighs more heavily against a child (Art. 6(1)(f)),
    and information must be written so that a child understands it (Art. 12(1)). The
    Latvian Youth Law calls young people (jaunieši) persons aged 13 to 25 (Jaunatnes
    likums, section 1), and "youth" in English spans the teens too: a youth organisation's
    members, young people in a programme, are minors in part unless an age limit says
    otherwise. Reported where a data-subject group names young people and no group names
    children or an age ("no 16 gadiem", "aged 18 and over", "pilngadīgi"); where
    children are named, the rules about children apply instead. Nor where a group
    answers in the format's own fields (`children: true` or `false`, `minimum_age`): the
    record then says whether children are among them.

    Fails:

    ```yaml
    activities:
      - id: members
        name: Biedru uzskaite
        data_subjects:  # ← AC19
          - biedri
          - Jaunatnes organizācijas biedri
    ```

    Passes:

    ```yaml
    activities:
      - id: members
        name: Biedru uzskaite
        data_subjects:
          - biedri
          - Jaunatnes organizācijas biedri no 18 gadu vecuma
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.data_subjects, list):
            continue
        said = first_readings(activity, _AGE_WORDS, ("data_subjects",))
        if "youth" not in said or "children" in said or "age_stated" in said:
            continue
        if _age_answered(activity):
            continue
        yield Violation(
            activity.at("data_subjects"),
            msg(
                "the data subjects of `{id}` include young people ({where}), and no age "
                "says whether children are among them",
                id=activity.id,
                where=said["youth"].describe(),
            ),
            msg(
                "state the age from which they are admitted, or record the children and "
                "what their age changes (consent of a parent, Art. 8; the balancing test)"
            ),
            at_key=True,
        )


# What may stand beside a word for anyone and still name no one: "ikviena fiziska persona,
# kuras personas datus apstrādā dienests vai tā struktūrvienības", "any individual whose
# data we process". A clause that only says the person's data is processed by the
# controller is circular; what else an item says (applicants, visitors, "who apply for
# benefits") names a category.
_NOBODY_FILLER = frozenset(
    stem(fold_word(word))
    for word in (
        "kuras", "kuru", "kura", "kuri", "kurš", "kas", "whose", "who", "whom", "which",
        "that", "dati", "datus", "datu", "data", "personal", "personas", "information",
        "informāciju", "apstrādā", "apstrādājam", "apstrādāti", "tiek", "process",
        "processes", "processed", "processing", "hold", "holds", "held", "we", "us", "our",
        "mēs", "mūsu", "mums", "dienests", "dienesta", "iestāde", "iestādes", "sabiedrība",
        "uzņēmums", "pārzinis", "struktūrvienības", "struktūrvienība", "nodaļas",
        "vai", "un", "tā", "tās", "tās", "to", "its", "the", "a", "an", "or", "and",
        "service", "controller", "company", "organisation", "organization", "units",
        "unit", "departments", "department", "by", "of", "all", "any", "every", "each",
        "visas", "visi", "jebkura", "ikviena", "ikviens", "concerned", "attiecīgās",
        "is", "are", "be", "may", "can", "var", "tikt",
    )
)  # fmt: skip


def _nobody(text: str) -> str | None:
    """The words of a data-subject group that name anyone at all, when the group says
    nothing more."""
    found = mentions(text, "subjects_unnamed")
    if found is None:
        return None
    left = [
        word
        for word in uncovered(text, ("subjects_unnamed", "purpose_filler"))
        if len(word) > 1 and stem(fold_word(word)) not in _NOBODY_FILLER
    ]
    if left:
        return None
    whole = text.strip()
    return whole if len(whole) <= 60 else whole[:59].rstrip() + "\u2026"


@rule("AC23", "activity.subjects-unnamed", severity=Severity.WARNING, article="Art. 30(1)(c)")
def subjects_unnamed(register: Register, context: Context) -> Iterator[Violation]:
    """Data subjects named only by a word for anyone: "every natural person", "individuals".

    Why: the record describes the categories of data subjects (Art. 30(1)(c)): clients,
    applicants, employees, children, visitors. "Ikviena fiziska persona", "any natural
    person", "individuals" or "data subjects" is no category: it would fit every record,
    and what the data, the retention and the risk are cannot be judged against it (a
    social service's clients, their family members and guardians, children among them,
    are several categories with different data). A clause that says only that the
    person's data is processed ("whose data the service processes") adds nothing.
    Reported when every group of the activity is such a word; a group with anything
    more ("natural persons who apply for benefits", "private individuals renting a
    flat") names a category.

    Fails:

    ```yaml
    activities:
      - id: services
        name: Sociālie pakalpojumi
        data_subjects:  # ← AC23
          - ikviena fiziska persona, kuras personas datus apstrādā dienests
    ```

    Passes:

    ```yaml
    activities:
      - id: services
        name: Sociālie pakalpojumi
        data_subjects:
          - sociālo pakalpojumu saņēmēji
          - klientu ģimenes locekļi un aizbildņi
    ```
    """
    for activity in register.activities:
        groups = activity.data_subjects
        if not isinstance(groups, list) or not groups:
            continue
        named: list[str] = []
        for group in groups:
            value = group.category if isinstance(group, DataSubjectGroup) else group
            texts = [t for t in (text_of(value, lang) for lang in ("lv", "en")) if t]
            words = [_nobody(text) for text in texts]
            if not words or not all(words):
                break
            named.append(str(words[0]))
        else:
            yield Violation(
                activity.at("data_subjects"),
                msg(
                    "the data subjects of `{id}` are named only as \u201c{words}\u201d: "
                    "that is anyone, not a category of data subjects",
                    id=activity.id,
                    words=named[0],
                ),
                msg(
                    "name the categories of people whose data it is (clients, applicants, "
                    "their family members, employees, children ...)"
                ),
                at_key=True,
            )


# "Anonīma", "anonymous", "aggregated": the word a notice calls its data by. Anonymised
# data ("anonimizēti", "anonymised") is a different claim, about what was done to it.
_ANONYMOUS_WORDS = ("anonīm", "anonim", "anonymous", "aggregat", "apkopot", "agregēt")


def _anonymous_identifier(text: str) -> tuple[str, str] | None:
    """The words calling a data item anonymous and those tying it to each user, when the
    item says both."""
    anonymous = mentions(text, "anonymous_data")
    if anonymous is None:
        return None
    claim = fold_word(anonymous.matched)
    if claim.startswith(("anonimiz", "anonymis", "anonymiz")) or not claim.startswith(
        tuple(fold_word(word) for word in _ANONYMOUS_WORDS)
    ):
        return None
    identifier = mentions(text, "per_user_identifier")
    if identifier is None:
        return None
    return anonymous.matched, identifier.matched


def _anonymised_recording(
    items: list[DataItem], index: int, texts: list[str]
) -> tuple[tuple[str, str], int] | None:
    """For a data item calling recordings of a visitor's session anonymous or anonymised
    ("anonymised recordings of your browsing session"), the claim, the identifier that
    another item of the same activity records (a session identifier, an IP address) and
    that item's index: a session recording is one person's visit, kept under that visit's
    identifier, so the identifier recorded beside it ties it to the person."""
    claim = next(
        (
            found.matched
            for text in texts
            if "session_recording" in concepts_in(text)
            and (found := mentions(text, "anonymous_data")) is not None
        ),
        None,
    )
    if claim is None:
        return None
    for nth, other in enumerate(items):
        if nth == index:
            continue
        value = other.category if isinstance(other, DataCategory) else other
        for text in (t for t in (text_of(value, lang) for lang in ("lv", "en")) if t):
            identifier = mentions(text, "per_user_identifier")
            if identifier is not None:
                return (claim, identifier.matched), nth
    return None


@rule(
    "AC24",
    "activity.anonymous-identifier",
    severity=Severity.WARNING,
    article="Art. 4(1), 30(1)(c); Recital 26, 30",
)
def anonymous_identifier(register: Register, context: Context) -> Iterator[Violation]:
    """Data called anonymous that names a cookie or identifier tied to each user.

    Why: data is anonymous only when the person can no longer be identified by any means
    reasonably likely to be used, singling out included (Recital 26). A cookie or other
    identifier given to each user, an IP address or a device ID singles the person out
    (Recital 30: online identifiers), and what is recorded under it (the pages read, the
    device, socio-demographic traits) relates to that person: personal data,
    pseudonymous at most (Art. 4(1), 4(5)). A record that calls it "anonīma sīkdatne" or
    "anonymous cookie" takes it out of the minimisation, retention and rights it is
    subject to. Reported where one data item calls its data anonymous or aggregated and
    names such an identifier; "anonymised" (a claim about what was done to the data) is
    not read there. Recordings of a visitor's session (session replay: the mouse
    movements, clicks and pages of one visit) are one person's visit, kept under that
    visit's identifier: called anonymous or anonymised in an activity whose other data
    items record a session or visitor identifier, a cookie or the IP address, they are
    reported too, with the item naming the identifier.

    Fails:

    ```yaml
    activities:
      - id: stats
        name: Portāla statistika
        personal_data:
          - anonīma sīkdatne, piesaistīta katram lietotājam  # ← AC24
          - lasītais saturs
    ```

    Passes:

    ```yaml
    activities:
      - id: stats
        name: Portāla statistika
        personal_data:
          - sīkdatnes identifikators (pseidonīms), piesaistīts katram lietotājam
          - lasītais saturs
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.personal_data, list):
            continue
        if not first_readings(activity, ("anonymous_data",), ("personal_data",)):
            continue
        for index, item in enumerate(activity.personal_data):
            value = item.category if isinstance(item, DataCategory) else item
            texts = [t for t in (text_of(value, lang) for lang in ("lv", "en")) if t]
            found = next(filter(None, map(_anonymous_identifier, texts)), None)
            beside = None
            if found is None:
                beside = _anonymised_recording(activity.personal_data, index, texts)
                if beside is None:
                    continue
                found = beside[0]
            anonymous, identifier = found
            yield Violation(
                activity.at("personal_data", index),
                msg(
                    "a data category of `{id}` is called anonymous (\u201c{anonymous}\u201d) "
                    "but names what singles each user out (\u201c{identifier}\u201d): it is "
                    "personal data, pseudonymous at most (Recital 26, 30)",
                    id=activity.id,
                    anonymous=anonymous,
                    identifier=identifier,
                )
                if beside is None
                else msg(
                    "recordings of each visitor's session in `{id}` are called anonymous "
                    "(\u201c{anonymous}\u201d) but are kept in an activity that records "
                    "\u201c{identifier}\u201d: they are personal data, pseudonymous at most "
                    "(Recital 26, 30)",
                    id=activity.id,
                    anonymous=anonymous,
                    identifier=identifier,
                ),
                msg(
                    "record it as personal data (a pseudonymous identifier) and give it the "
                    "basis, retention and rights personal data has"
                ),
                related=() if beside is None else (activity.at("personal_data", beside[1]),),
            )
            break


_FOOTAGE = ("footage_data",)
# What a purpose, the activity's name or its description says the footage is for:
# surveillance named as such, crime prevention, safety or security, evidence.
_FOOTAGE_FOR = ("cctv", "footage_data", "crime_prevention", "footage_purpose")
_DOING = ("purposes", "name", "description")


@rule(
    "AC25",
    "activity.footage-without-purpose",
    severity=Severity.WARNING,
    article="Art. 5(1)(b), 30(1)(b)",
)
def footage_without_purpose(register: Register, context: Context) -> Iterator[Violation]:
    """Surveillance footage among an activity's data, with no purpose it serves.

    Why: each kind of data is collected for a specified purpose (Art. 5(1)(b)), and the
    record states the purposes (Art. 30(1)(b)); the EDPB asks that the purpose of each
    camera be specified, in writing, before it is used (Guidelines 3/2019 on video
    devices, section 3.1.2). An activity that lists CCTV or security-camera images among
    its data while its purposes, name and description speak only of other things
    (teaching, caring, contacting parents) records footage with no purpose, legal basis
    or retention of its own. Read only for the words of surveillance ("CCTV",
    "videonovērošana", "security video images", a person's "video image" or
    "videoattēls", the words registers use for a camera's picture of them; not a "video
    recording" of a lesson, nor photos and video images of an event taken to be shown);
    any purpose naming the surveillance, crime prevention, safety or security, or
    evidence of incidents answers it.

    Fails:

    ```yaml
    activities:
      - id: pupils
        name: Pupil records
        purposes:  # ← AC25
          - purpose: Teaching and assessing pupils
            legal_basis: {basis: public_task}
        personal_data:
          - attendance records
          - CCTV images
    ```

    Passes:

    ```yaml
    activities:
      - id: pupils
        name: Pupil records
        purposes:
          - purpose: Teaching and assessing pupils
            legal_basis: {basis: public_task}
          - purpose: Keeping pupils and staff safe on the school site
            legal_basis: {basis: public_task}
        personal_data:
          - attendance records
          - CCTV images
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.purposes, list) or not activity.purposes:
            continue
        footage = first_readings(activity, _FOOTAGE, ("personal_data",)).get("footage_data")
        if footage is None or first_readings(activity, _FOOTAGE_FOR, _DOING):
            continue
        yield Violation(
            activity.at("purposes"),
            msg(
                "`{id}` lists surveillance footage among its data (\u201c{words}\u201d), but "
                "no purpose says what it serves",
                id=activity.id,
                words=footage.quote(),
            ),
            msg(
                "add the purpose the cameras serve (the safety of people, protecting "
                "property), with its legal basis and retention, or record the footage in "
                "its own activity"
            ),
            # No related location at the data item: the finding is of the purposes, and
            # the message quotes the item's words.
            at_key=True,
        )


# An organisation whose name says it is a setting for children or young people: the
# words of children or youth beside the words of a place where they take part (a centre,
# a club, a school, a studio, a camp), folded. Not a shop for children's goods, whose
# customers are the parents.
_SETTING = re.compile(
    r"\b(?:centr|center|klub|club|skol|school|studij|studio|nometn|camp|akademij|academy|"
    r"pulcin|darz|nurser|kindergarten|daycare)\w*"
)
_SHOP = re.compile(r"\b(?:veikal|shop|store|aptiek|pharmac|apgerb|cloth|toy|rotalliet)\w*")
# A data-subject group that names only those who buy or use a service: "klienti",
# "clients", "customers", "participants", folded; nothing of whose child or whose parent.
_ONLY_CLIENTS = re.compile(
    r"^\s*(?:(?:the|our|centra|musu|visi|all)\s+)?"
    r"(?:klient\w*|client\w*|customer\w*|pakalpojumu\s+sanemej\w*|service\s+users?|"
    r"dalibniek\w*|participants?)\s*$"
)


def _children_setting(register: Register) -> str | None:
    """The words of the organisation's name that say it serves children or young people
    at a setting of theirs, if any."""
    name = register.organisation.name
    if name in (None, "unknown"):
        return None
    for language in ("lv", "en"):
        text = text_of(name, language)
        if not text:
            continue
        folded = fold_word(text)
        if not _SETTING.search(folded) or _SHOP.search(folded):
            continue
        for concept in ("children", "youth", "child_care"):
            found = mentions(text, concept)
            if found is not None and not found.negated:
                return text.strip()
    return None


def _clients_only(activity: Activity) -> str | None:
    """The words of the activity's data subjects when every group names only clients and
    none answers whether children are among them."""
    subjects = activity.data_subjects
    if not isinstance(subjects, list) or not subjects or _age_answered(activity):
        return None
    words: list[str] = []
    for group in subjects:
        value = group.category if isinstance(group, DataSubjectGroup) else group
        texts_of = [text_of(value, language) for language in ("lv", "en")]
        texts_of = [text for text in texts_of if text]
        if not texts_of or not all(_ONLY_CLIENTS.match(fold_word(text)) for text in texts_of):
            return None
        words.append(texts_of[0].strip())
    return ", ".join(words)


@rule(
    "AC26",
    "activity.children-untold",
    severity=Severity.WARNING,
    article="Art. 8, 30(1)(c); Recital 38",
)
def children_untold(register: Register, context: Context) -> Iterator[Violation]:
    """A setting for children whose data subjects are only "clients".

    Why: the record names the categories of data subjects (Art. 30(1)(c)), and children
    merit specific protection (Recital 38): who consents or signs for them (the parent,
    Art. 8 and the civil law of capacity), how a legitimate interest weighs against them
    (Art. 6(1)(f)), how they are told (Art. 12(1)). An organisation whose name says it is
    a centre, club, school, studio or camp for children or young people ("Bērnu un
    jauniešu centrs", "Kids Club", "youth academy") serves children, whose parents
    usually sign up and pay. An activity of it whose data subjects are only "klienti",
    "clients", "customers" or "participants" does not say whether those are the children
    or the parents, so neither the children's data nor the parents' is described.
    Reported once, at the first such activity, with the others as related places; not
    where a group names the children, the parents or an age, or answers `children:` or
    `minimum_age`, nor for a shop of children's goods, whose customers are the parents.
    A school's or a pre-school's cameras film its pupils (a general-education school by
    its name: "pamatskola", "vidusskola", "ģimnāzija", "primary school"): an activity of
    video surveillance there whose data subjects name people (staff, visitors) but no
    children or pupils leaves the children out of the record, and is reported at its
    data subjects (EDPB Guidelines 3/2019 on processing through video devices).

    Fails:

    ```yaml
    organisation:
      name: Bērnu un jauniešu centrs "Saulīte"
      role: controller
    activities:
      - id: clients
        name: Klientu līgumi
        data_subjects: [klienti]  # ← AC26
    ```

    Passes:

    ```yaml
    organisation:
      name: Bērnu un jauniešu centrs "Saulīte"
      role: controller
    activities:
      - id: clients
        name: Klientu līgumi
        data_subjects:
          - category: bērni, kas apmeklē nodarbības
            children: true
          - vecāki vai likumiskie pārstāvji, kas noslēdz līgumu
    ```
    """
    yield from _school_cameras(register)
    setting = _children_setting(register)
    if setting is None:
        return
    found = [
        (activity, words)
        for activity in register.activities
        if (words := _clients_only(activity)) is not None
    ]
    if not found:
        return
    first, words = found[0]
    yield Violation(
        first.at("data_subjects"),
        msg(
            "the organisation's name says it serves children or young people (\u201c{name}\u201d), "
            "but the data subjects of `{id}` are only \u201c{words}\u201d: the children are not "
            "told apart from their parents",
            name=setting,
            id=first.id,
            words=words,
        ),
        msg(
            "record the children (with `children: true`) and their parents or legal "
            "representatives as separate groups of data subjects"
        ),
        at_key=True,
        related=tuple(activity.at("data_subjects") for activity, _ in found[1:]),
    )


# A general-education school or a pre-school by its name, folded: its pupils are
# children (Latvia's Education Law: pirmsskola, sākumskola, pamatskola, vidusskola,
# ģimnāzija, licejs). A university, a college or a driving school is none.
_SCHOOL = re.compile(
    r"\b(?:pamatskol|vidusskol|sakumskol|gimnazij|licej|pirmsskol|bernudarz|"
    r"primary\s+school|secondary\s+school|high\s+school|kindergarten|nursery\s+school)\w*"
)


def _school_name(register: Register) -> str | None:
    name = register.organisation.name
    if name in (None, "unknown"):
        return None
    for language in ("lv", "en"):
        text = text_of(name, language)
        if text and _SCHOOL.search(fold_word(text)):
            return text.strip()
    return None


_YOUNG = ("children", "youth")
_SUBJECTS = ("data_subjects",)


def _names_children(activity: Activity) -> bool:
    """Whether the activity's data subjects name children or pupils, or answer the
    question in the format's own fields."""
    return _age_answered(activity) or bool(first_readings(activity, _YOUNG, _SUBJECTS))


def _school_cameras(register: Register) -> Iterator[Violation]:
    """A school's cameras film its pupils: a CCTV activity of a school whose data subjects
    name some people (staff, visitors) but not the pupils leaves the children out of the
    record (Art. 30(1)(c); Recital 38; EDPB Guidelines 3/2019 on video devices)."""
    school = _school_name(register)
    if school is None:
        return
    for activity in register.activities:
        subjects = activity.data_subjects
        if not isinstance(subjects, list) or not subjects or _names_children(activity):
            continue
        if "cctv" not in first_readings(activity, ("cctv",)):
            continue
        yield Violation(
            activity.at("data_subjects"),
            msg(
                "`{id}` films a school's premises (“{name}”), but its data subjects "
                "do not name the pupils, who are children",
                id=activity.id,
                name=school,
            ),
            msg("add the pupils (with `children: true`) to the data subjects the cameras film"),
            at_key=True,
        )


# The users of an online service, named as such ("lietotāji", "registered users", "app
# users"), folded.
_USERS = re.compile(r"\b(?:lietotaj\w*|users?|account\s+holders?|kontu\s+turetaj\w*)\b")


def _users(activity: Activity) -> str | None:
    """The words of the first data-subject group naming an online service's users."""
    if not isinstance(activity.data_subjects, list):
        return None
    for group in activity.data_subjects:
        value = group.category if isinstance(group, DataSubjectGroup) else group
        for language in ("lv", "en"):
            text = text_of(value, language)
            if text and _USERS.search(fold_word(text)):
                return text.strip()
    return None


def _sex_life(activity: Activity) -> bool:
    """Whether the activity declares data on sex life or sexual orientation."""
    used = activity.special_categories
    return isinstance(used, list) and any(
        getattr(entry, "category", None) == "sex_life_or_orientation" for entry in used
    )


@rule(
    "AC27",
    "activity.adult-service-age-unstated",
    severity=Severity.WARNING,
    article="Art. 8, 9(2)(a), 30(1)(c); Recital 38",
)
def adult_service_age_unstated(register: Register, context: Context) -> Iterator[Violation]:
    """Users of an online service whose profiles hold their sex life, with no age limit.

    Why: the record names the categories of data subjects (Art. 30(1)(c)), and whether
    children are among them changes what the processing may do: a child below the
    national age (13 in Latvia) cannot consent to an information society service alone
    (Art. 8(1)), and children merit specific protection (Recital 38). A service whose
    users' profiles carry their sex life or sexual orientation (Art. 9(1)) is a dating or
    erotic service, meant for adults; it rests on the users' explicit consent (Art.
    9(2)(a)), which a child cannot give for such a service, and it must keep minors out.
    An activity that declares such data about "users" ("lietotāji", "registered users",
    "app users") and says of no group from what age they are admitted (no `minimum_age`,
    `children:`, or words of an age: "no 18 gadiem", "adults", "aged 18 and over")
    leaves open whether children's data is processed, and with it the age check the
    service needs. Not read for patients, members or employees, whose sex life a
    clinic, a body of Art. 9(2)(d) or an employer may record for other reasons.

    Fails:

    ```yaml
    activities:
      - id: profiles
        name: User profiles
        data_subjects: [registered users]  # ← AC27
        special_categories:
          - category: sex_life_or_orientation
            condition: explicit_consent
    ```

    Passes:

    ```yaml
    activities:
      - id: profiles
        name: User profiles
        data_subjects:
          - category: registered users
            minimum_age: 18
        special_categories:
          - category: sex_life_or_orientation
            condition: explicit_consent
    ```
    """
    for activity in register.activities:
        if not _sex_life(activity) or _age_answered(activity):
            continue
        users = _users(activity)
        if users is None:
            continue
        said = first_readings(activity, _AGE_WORDS, ("data_subjects",))
        if "children" in said or "age_stated" in said:
            continue
        yield Violation(
            activity.at("data_subjects"),
            msg(
                "`{id}` holds its users' sex life or sexual orientation (Art. 9(1)), an "
                "adults' service, but no age says from when \u201c{users}\u201d are admitted",
                id=activity.id,
                users=users,
            ),
            msg(
                "state the minimum age of the users (`minimum_age: 18`) and how it is "
                "checked, or record the children and their parents' consent (Art. 8)"
            ),
            at_key=True,
        )
