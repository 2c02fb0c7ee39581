"""`unknown` on the keys where not knowing is itself a risk.

`unknown` is the honest answer when an organisation does not know yet, and the format
promises that the checks still flag it. On most keys another rule already does (a missing
legal basis, retention, recipients); these rules cover the high-risk keys no other rule
reads when they say `unknown`: special categories, criminal data, national identifiers,
profiling, automated decisions, the DPIA and the sources of the data.

How loudly depends on what the register itself says about the risk. Where the activity
gives a reason for the open question to matter (patients, children, employees or
vulnerable people for Art. 9 data; CCTV for Art. 10 data; location, monitoring, credit
or personalised communications for profiling; a WP248 criterion for the DPIA), it is a
finding of its own that names that reason. Everywhere else the same open question is one
note for the register that lists the activities (each a related location): a DPO decides
them together, and a note per activity per key would bury the findings that matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

from ropa.findings import Severity
from ropa.i18n import Message, counted, joined, msg, msg_plural
from ropa.knowledge.concepts import SPECIAL
from ropa.knowledge.text import fold, fold_word
from ropa.model.activity import (
    Activity,
    AutomatedDecisions,
    DataCategory,
    DataSubjectGroup,
    Dpia,
    Profiling,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.position import Location
from ropa.rules import ABSENT, Context, GroupMessage, Violation, not_stated, per_register, rule
from ropa.rules._reading import Reading, first_readings, in_name, readings, says, topic
from ropa.rules._screening_text import health_recipient
from ropa.rules.dpia import dvi_list_applies, screen
from ropa.rules.inferred_data import DATA_KEYS, special_readings

# Where the risk context is read: who the data is about and what the activity is, not
# every word of its purposes ("our staff will answer" does not make customers employees).
_CONTEXT_KEYS = ("data_subjects", "name", "description")

# The data subjects with whom Art. 9(1) data is common: health data of patients, sick
# leave and trade-union membership of employees (Art. 9(2)(b)), health and support needs
# of children and pupils, and of vulnerable people (WP248 C7); and insurance, whose
# health, life, accident and travel cover is priced and paid on the insured person's
# health.
_SPECIAL_CONTEXT = (
    "patients",
    "children",
    "vulnerable",
    "employees",
    "insurance",
    "face_check",
    "benefit_status",
)
# Those also read in the purposes: a purpose of caring for patients or of social
# assistance, or of providing insurance, says whom the activity serves ("sociālās
# palīdzības nodrošināšana"); words about staff or children in a purpose do not.
_PURPOSE_CONTEXT = ("patients", "vulnerable", "insurance", "issued_on_personal_code")
# Read in the data itself: a selfie matched to an identity document is biometric data
# for unique identification (Art. 4(14), 9(1)) whose Art. 9(2) condition nobody stated.
# So is a status that gives a discount or benefit (persons with disabilities among them).
_DATA_CONTEXT = ("face_check", "benefit_status", "issued_on_personal_code")
# Criminal-conviction data is not in every camera's footage: it is when the footage is
# kept to detect offences or handed to the police (Art. 10; EDPB Guidelines 3/2019,
# chapter 4), which `_criminal_context` reads. Nor is footage special-category data by
# itself: only when processed to deduce it (EDPB Guidelines 3/2019, chapter 5).
_CRIMINAL_CONTEXT: tuple[str, ...] = ()

_SPECIAL_KEYS = (
    ("special_categories", msg("special-category data (Art. 9(1))")),
    ("criminal_data", msg("criminal-conviction data (Art. 10)")),
    ("national_id", msg("national identification numbers (Art. 87)")),
)
# The concept whose mention in the words SD21 to SD23 report instead.
_NAMED_BY = {
    "special_categories": "special",
    "criminal_data": "criminal",
    "national_id": "national_id",
}
# The concepts that make an unknown on the key matter. For national identifiers no data
# subject makes them a risk by itself (Art. 87 leaves their conditions to national law);
# documents issued on the identifier (prescriptions, sick-leave certificates) answer
# the question, so leaving it open is a gap of its own.
_CONTEXT = {
    "special_categories": _SPECIAL_CONTEXT,
    "criminal_data": _CRIMINAL_CONTEXT,
    "national_id": ("issued_on_personal_code",),
}
_FLAGS = {"children": "children", "vulnerable": "vulnerable"}
# Photographs or footage of children or staff raise no Art. 9 question by themselves:
# images are special-category data only when processed to deduce such data (EDPB
# Guidelines 3/2019, chapter 5; Recital 51). Of patients or vulnerable people in care
# they may show health, so those stay a reason.
_IMAGE_CONTEXT = ("patients", "vulnerable")
_IMAGES = ("images", "cctv", "recordings")


def _images_only(activity: Activity) -> bool:
    """Whether every data category the activity records is an image or a recording."""
    items = activity.personal_data if isinstance(activity.personal_data, list) else []
    return bool(items) and all(
        any(
            says(item.category if isinstance(item, DataCategory) else item, concept)
            for concept in _IMAGES
        )
        for item in items
    )


# Children are a reason only where the activity looks after them: being a child raises
# the stakes of any Art. 9 data, but does not suggest that there is some (Art. 9(1); Art.
# 8 is about consent to online services, not special data). A kindergarten, a school, a
# camp or a sports school keeps what a child's care needs (allergies, diet, medical
# certificates, fitness for activities); an art school's or a tutor's register of pupils
# does not. The setting is read in the activity's words or the organisation's name.
_NOT_IN_CARE = tuple(concept for concept in _SPECIAL_CONTEXT if concept != "children")
_CARE = ("child_care",)
_CARE_KEYS = (*_CONTEXT_KEYS, "purposes")


def _child_care(activity: Activity, register: Register) -> bool:
    """Whether the activity, or the organisation, looks after children day to day."""
    if first_readings(activity, _CARE, _CARE_KEYS):
        return True
    return says(register.organisation.name, "child_care")


def _special_context(activity: Activity, key: str, register: Register) -> tuple[str, ...]:
    if key == "special_categories" and _images_only(activity):
        return _IMAGE_CONTEXT
    if key == "special_categories" and not _child_care(activity, register):
        return _NOT_IN_CARE
    return _CONTEXT[key]


# The words for people applying for a job, which the `employees` concept also takes, and
# the words of a text about hiring ("personāla atlase", "darbinieku atlase", "recruitment
# of staff"), in which the staff named are the ones being sought.
_CANDIDATE_WORDS = ("kandidat", "pretendent", "candidat", "job applic", "amata kandidat")
_HIRING = re.compile(
    r"\b(?:atlas|recruit|kandidat|candidat|pretendent|vakanc|vacanc|applicant|hiring|talent)"
)


def _candidates_only(reading: Reading) -> bool:
    """Whether the words that make the reading name job candidates, not staff: candidate
    words, or staff words in a text about hiring them."""
    return fold_word(reading.inference.matched).startswith(_CANDIDATE_WORDS) or bool(
        _HIRING.search(fold(reading.text)[0])
    )


def _context(activity: Activity, concepts: tuple[str, ...], name: object = None) -> Message | None:
    """ ", and it concerns patients": the first of `concepts` the activity names (or flags
    on a data-subject group), as a message names it; None when it names none. Words that
    are only the organisation's `name` where it stands in the text are no reason (an
    insurer's name in its job advertisements)."""
    found = first_readings(activity, concepts, _CONTEXT_KEYS)
    in_purposes = tuple(concept for concept in concepts if concept in _PURPOSE_CONTEXT)
    if in_purposes:
        found = first_readings(activity, in_purposes, ("purposes",)) | found
    in_data = tuple(concept for concept in concepts if concept in _DATA_CONTEXT)
    if in_data:
        found = first_readings(activity, in_data, ("personal_data",)) | found
    if "employees" in found and _candidates_only(found["employees"]):
        # Job candidates are no employees yet: no sick leave, no union dues, no health
        # checks of the job (Art. 9(2)(b) governs employment, not applying for it); what
        # they volunteer in a CV is the open data list's question (the note), not this.
        staff = next(
            (
                reading
                for reading in readings(activity, _CONTEXT_KEYS)
                if reading.concept == "employees" and not _candidates_only(reading)
            ),
            None,
        )
        if staff is None:
            del found["employees"]
        else:
            found["employees"] = staff
    for concept in concepts:
        if concept in found and not (name is not None and in_name(found[concept], name)):
            return msg(", and it concerns {label}", label=topic(found[concept].inference.concept))
        flag = _FLAGS.get(concept)
        subjects = activity.data_subjects if isinstance(activity.data_subjects, list) else []
        if flag and any(
            isinstance(s, DataSubjectGroup) and getattr(s, flag) is True for s in subjects
        ):
            return msg(", and it concerns {label}", label=topic(concept))
    return None


def _recipient_context(activity: Activity, register: Register, key: str) -> Message | None:
    """ ", and it gives data to health professionals (“sporta ārsti” in recipient …)":
    what such a recipient receives is health data (Art. 4(15))."""
    found = health_recipient(activity, register) if key == "special_categories" else None
    if found is None:
        return None
    identifier, reading = found
    return msg(
        ", and it gives data to health professionals (\u201c{words}\u201d in recipient `{id}`)",
        words=reading.quote(),
        id=identifier,
    )


def _criminal_context(activity: Activity, register: Register) -> Message | None:
    """Why not knowing about Art. 10 data matters here: its purposes name offences
    ("noziegumu atklāšana", "to detect crime"), or it is video surveillance kept to detect
    unlawful acts or given to law enforcement (EDPB Guidelines 3/2019, chapter 4)."""
    purpose = first_readings(activity, ("criminal",), ("purposes",)).get("criminal")
    if purpose is not None:
        return msg(", and its purposes name offences (\u201c{words}\u201d)", words=purpose.quote())
    # Reports the police made ("police reports" of an accident) record what happened, and
    # may record an offence and who committed it.
    police = first_readings(activity, ("law_enforcement",), ("personal_data",))
    if "law_enforcement" in police:
        return msg(
            ", and its data includes records of law enforcement (\u201c{words}\u201d)",
            words=police["law_enforcement"].quote(),
        )
    if "cctv" not in first_readings(activity, ("cctv",)):
        return None
    unlawful = first_readings(activity, ("unlawful_acts",), ("purposes",)).get("unlawful_acts")
    if unlawful is not None:
        return msg(
            ", and its cameras serve to detect unlawful acts (\u201c{words}\u201d)",
            words=unlawful.quote(),
        )
    ids = set(activity.recipients) if isinstance(activity.recipients, list) else set()
    for recipient in register.recipients:
        if recipient.id in ids and (
            says(recipient.name, "law_enforcement") or says(recipient.category, "law_enforcement")
        ):
            return msg(", and it gives video footage to law enforcement")
    return None


def _join(items: list[Message]) -> Message:
    if len(items) == 1:
        return items[0]
    return msg("{items} or {last}", items=joined(items[:-1]), last=items[-1])


def _keys(keys: list[str]) -> str:
    return ", ".join(f"`{key}`" for key in keys)


def _special_hint(keys: list[str]) -> Message:
    return msg(
        "find out, and write `none` or the data with what the law asks for it ({items})",
        items=_keys(keys),
    )


def _places(activity: Activity, keys: list[str]) -> tuple[Location, tuple[Location, ...]]:
    """The first key's place, and the others' (related: the gap is written at each)."""
    return activity.at(keys[0]), tuple(activity.at(key) for key in keys[1:])


# What leaves an activity's data open to Art. 9 or 10 data nobody has looked for: the data
# not recorded, or a list that is open-ended ("un citi dati", "information you provide"),
# given by reference to another document, names documents rather than data (a CV, an
# application) or holds the content of communications. A closed list of ordinary data
# (name, e-mail, flight number) answers the question in substance.
_OPEN_DATA = ("data_open_ended", "data_by_reference", "data_container", "communications")


def _data_open(activity: Activity) -> Reading | bool:
    """Whether the activity's data is open (the words that make it so, where words do)."""
    if not isinstance(activity.personal_data, list) or not activity.personal_data:
        return True
    found = first_readings(activity, _OPEN_DATA, ("personal_data",))
    return next((found[c] for c in _OPEN_DATA if c in found), False)


class _SpecialOpen(NamedTuple):
    """An activity's open Art. 9, 10 and 87 questions: those the activity gives a reason
    to press (each key with the reason, as a message says it), those its open data leaves
    open (SD24's note), and those its closed list of data answers in substance (AC22)."""

    activity: Activity
    signalled: list[tuple[str, Message]]
    rest: list[str]
    answered: list[str]


@per_register
def _special_open(register: Register) -> Iterator[_SpecialOpen]:
    """Every activity that leaves `special_categories`, `criminal_data` or `national_id`
    unknown where its words do not name the data (SD21 to SD23 report those)."""
    for activity in register.activities:
        if all(getattr(activity, key) != "unknown" for key, _what in _SPECIAL_KEYS):
            continue
        # What SD21 to SD23 report: the data named where they read it. Offences named
        # only in the purposes ("to detect crime") are not data SD22 reports, so the
        # unknown is reported here, with the purpose as its reason.
        named = set(first_readings(activity, ("national_id",)))
        named |= set(first_readings(activity, ("criminal",), DATA_KEYS))
        if special_readings(activity):
            named.add("special")
        unknown = [
            key
            for key, _what in _SPECIAL_KEYS
            if getattr(activity, key) == "unknown" and _NAMED_BY[key] not in named
        ]
        signalled = [
            (key, because)
            for key in unknown
            if (
                because := _criminal_context(activity, register)
                if key == "criminal_data"
                else _context(
                    activity,
                    _special_context(activity, key, register),
                    register.organisation.name,
                )
                or _recipient_context(activity, register, key)
            )
        ]
        if "national_id" in unknown and not _signalled_id(signalled) and _identification(activity):
            signalled.append(("national_id", msg(", and it records identification data")))
        rest = [key for key in unknown if key not in dict(signalled)]
        if not signalled and not rest:
            continue
        open_ = _data_open(activity) if rest else False
        if open_ is False:
            yield _SpecialOpen(activity, signalled, [], rest)
        elif open_ is not True and "criminal_data" in rest and not _offences_possible(register):
            # The data is listed, open-ended: what the person adds may reveal Art. 9
            # data, not a conviction nobody asks for (`_offences_possible`).
            answered = ["criminal_data"]
            yield _SpecialOpen(
                activity, signalled, [k for k in rest if k not in answered], answered
            )
        else:
            yield _SpecialOpen(activity, signalled, rest, [])


# Art. 10 data is data on convictions and offences, including the administrative
# offences a public body punishes (CJEU C-439/19, Latvijas Republikas Saeima): it comes
# from checks, complaints, proceedings and enforcement, not from what a customer adds
# to an order or a profile. So an open-ended list of data ("any other information you
# provide") leaves the Art. 9 question open (people volunteer their health) but not the
# Art. 10 one, unless the organisation is a public authority (supervision, enforcement
# and its own proceedings); where no data is recorded at all, both stay open.
def _offences_possible(register: Register) -> bool:
    return register.organisation.is_public_authority


@rule("SD24", "special-data.unknown", severity=Severity.INFO, article="Art. 9, 10, 87")
def special_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`unknown` on `special_categories`, `criminal_data` or `national_id`.

    Why: processing special-category data without an Art. 9(2) condition is prohibited,
    criminal-conviction data needs official authority or a law (Art. 10), and the personas
    kods needs a justification (Art. 87). Not knowing whether they are processed means
    nobody has checked. How much that weighs depends on the nature, scope, context and
    purposes of the processing (Art. 24(1); Recitals 75 and 76: data revealing health,
    beliefs or offences is where the risk lies, assessed objectively on those). A warning
    of its own where the activity gives a reason for the question to matter, named in the
    message: `special_categories` with patients, children in a setting that looks after
    them, employees (not job candidates, nor staff named in a text about hiring them:
    Art. 9(2)(b) governs employment, and what a candidate volunteers in a CV is the
    open data list's question) or vulnerable people (with whom such data is common),
    read in its data
    subjects, name and description (patients and vulnerable people in its purposes too:
    "sociālās palīdzības nodrošināšana" says whom it serves), with insurance cover
    (health, life, accident and travel cover is underwritten and paid on the insured
    person's health; not the organisation's own name where it stands in the activity's
    words, as an insurer's in its job advertisements), or with
    recipients who are health professionals or anti-doping bodies (what they receive is
    health data, Art. 4(15)), or with a selfie matched to an identity document among its
    data (biometric data for unique identification, Art. 4(14), 9(1); Recital 51); but
    where the activity records only photographs or footage, children and employees are
    no reason (images are Art. 9 data only when processed to deduce it, EDPB Guidelines
    3/2019, chapter 5). Children are a reason only where a kindergarten, a school, a
    camp, a sports school or club or childcare looks after them (in the activity's words,
    its purposes or the organisation's name): being a child raises the stakes of any Art.
    9 data, but does not suggest there is some (Art. 9(1); Art. 8 is about consent to
    online services, not special data). Such a setting keeps what a child's care needs
    (allergies, diet, medical certificates, fitness for activities); an art or music
    school's, a language course's or a tutor's register of pupils does not. A status that
    gives a discount or benefit among its data ("sociālais statuss" for fare discounts, a
    concession card) is a reason too: persons with disabilities are among those groups.
    `criminal_data` where its purposes name
    offences ("noziegumu novēršana", "to detect crime"), its data includes police reports
    (which record what happened and may record an offence), or it is video surveillance
    kept to detect unlawful acts or given to the police (EDPB Guidelines 3/2019, chapter
    4: footage kept as evidence of offences and disclosed to law enforcement). Cameras
    kept only to protect people and property are not by themselves a reason: footage is
    not Art. 10 data until it is used for an offence. `national_id` where the activity
    issues prescriptions or sick-leave certificates (in its purposes or data): those
    documents name the patient by the national identifier (in Latvia the personas kods),
    so the identifier is processed and its justification is owed (Art. 87).
    "Identification data" ("personas identifikācijas dati", "identity data", "identity
    document data") as a bare heading among the data, the identifiers it covers not
    listed, leaves open whether the national identifier (in Latvia the personas kods, by
    which a person is identified) is among them: one note for the register names every
    such activity, at `national_id`. Where the heading lists its identifiers
    ("identifikācijas dati (vārds, uzvārds)", "identity data: full name"), the list
    answers the question, and it is not asked.

    Elsewhere the question is still open where the activity's data is: not recorded, or
    recorded as a list that is open-ended ("un citi dati"), given by reference to another
    document, names documents (a CV, an application) or holds the content of
    communications, where Art. 9 or 10 data hides unseen. Not `criminal_data` where the
    list is open-ended but recorded, in an organisation that is not a public authority:
    Art. 10 data (convictions and offences, the administrative offences a public body
    punishes included: CJEU C-439/19) comes from checks, complaints, proceedings and
    enforcement, not from what a customer adds to an order or a profile, so that key is
    a line of AC22's note. One note for the register lists every such activity (each key
    a related location). Where the activity lists its data
    and the list is closed and ordinary (a flight booking's name and flight number, an
    event registration's name and e-mail), the list answers the question in substance and
    the `unknown` is a formality to settle: a line of the register's note of open
    questions (AC22), not an SD finding. Where the activity's data, name or description
    name the data, SD21 to SD23 report it instead; offences named only in the purposes are
    not data SD22 reports, so SD24 reports the open question then.

    Fails:

    ```yaml
    activities:
      - id: members
        name: Membership
        data_subjects: [biedri]
        personal_data: [vārds, uzvārds, un citi dati]
        special_categories: unknown  # ← SD24
        criminal_data: none
        national_id: none
    ```

    Passes:

    ```yaml
    activities:
      - id: members
        name: Membership
        data_subjects: [biedri]
        personal_data: [vārds, uzvārds, un citi dati]
        special_categories: none
        criminal_data: none
        national_id: none
    ```
    """
    open_keys: list[tuple[Activity, list[str]]] = []
    for open_ in _special_open(register):
        activity, signalled = open_.activity, open_.signalled
        if signalled and _identification_only(activity, signalled):
            yield _identification_note(activity)
        elif signalled:
            keys = [key for key, _because in signalled]
            at, related = _places(activity, keys)
            yield Violation(
                at,
                msg(
                    "`{id}` does not know whether it processes {join}{because}",
                    id=activity.id,
                    join=_join([what for key, what in _SPECIAL_KEYS if key in keys]),
                    because=signalled[0][1],
                ),
                _special_hint(keys),
                severity=Severity.WARNING,
                related=related,
            )
        if open_.rest:
            open_keys.append((activity, open_.rest))
    # Everywhere else, one note for the register, naming every key left open in it.
    yield from _one_note(
        open_keys,
        _SPECIAL_KEYS,
        "special",
        lambda ident, what: msg(
            "`{id}` does not know whether it processes {join}", id=ident, join=what
        ),
        lambda count, what, names: counted(
            "{count} activity does not know whether it processes {what}: {names}",
            "{count} activities do not know whether they process {what}: {names}",
            count=count,
            what=what,
            names=names,
        ),
        _special_hint,
    )


def _signalled_id(signalled: list[tuple[str, Message]]) -> bool:
    return any(key == "national_id" for key, _because in signalled)


# "Identification data (name, surname)", "identity data: full name": the identifiers
# listed, so the list answers which they are; only the bare heading leaves it open.
_LISTED = re.compile(r"[(:\u2013\u2014]|\s-\s")


def _identification(activity: Activity) -> bool:
    """Whether the activity's data names "identification data" as a bare heading, the
    identifiers it covers not listed (in Latvia the personas kods is how a person is
    identified, so the national identifier may be among them, Art. 87)."""
    items = activity.personal_data if isinstance(activity.personal_data, list) else []
    for item in items:
        category = item.category if isinstance(item, DataCategory) else item
        texts = [text_of(category, language) for language in ("lv", "en")]
        if says(category, "identification_data") and not any(_LISTED.search(t) for t in texts):
            return True
    return False


def _identification_only(activity: Activity, signalled: list[tuple[str, Message]]) -> bool:
    """Whether the only reason given is "identification data" among the national
    identifier's question: no prescription or sick-leave certificate issued on it."""
    if [key for key, _because in signalled] != ["national_id"]:
        return False
    return _context(activity, ("issued_on_personal_code",)) is None


def _identification_note(activity: Activity) -> Violation:
    """ "Identification data" with `national_id: unknown`: whether the identifiers include
    the national one is the open question (Art. 87), asked once for the register (the
    activities named), as a note: the words suggest the identifier, they do not show it."""
    return Violation(
        activity.at("national_id"),
        msg(
            "`{id}` records identification data, and does not know whether they include "
            "national identification numbers (Art. 87)",
            id=activity.id,
        ),
        _special_hint(["national_id"]),
        cause=f"{ABSENT}identification:national_id",
        grouped=lambda count, names: counted(
            "{count} activity records identification data, and does not know whether they "
            "include national identification numbers (Art. 87): {names}",
            "{count} activities record identification data, and do not know whether they "
            "include national identification numbers (Art. 87): {names}",
            count=count,
            names=names,
        ),
    )


def _one_note(
    open_keys: list[tuple[Activity, list[str]]],
    known: tuple[tuple[str, Message], ...],
    kind: str,
    own: Callable[[str, Message], Message],
    grouped: Callable[[int, Message, str], Message],
    hint: Callable[[list[str]], Message],
) -> Iterator[Violation]:
    """The keys each activity leaves open, as violations the engine merges into one note
    for the register: `own` words one activity's (its id, the keys as said), `grouped`
    the note (how many activities, every key left open in them, their ids)."""
    if not open_keys:
        return
    every = [key for key, _what in known if any(key in keys for _a, keys in open_keys)]
    said = _join([what for key, what in known if key in every])
    for activity, keys in open_keys:
        at, related = _places(activity, keys)
        yield Violation(
            at,
            own(str(activity.id), _join([what for key, what in known if key in keys])),
            hint(every if len(open_keys) > 1 else keys),
            cause=f"{ABSENT}unknown:{kind}",
            related=related,
            grouped=lambda count, names: grouped(count, said, names),
        )


_PROFILING_KEYS = (
    ("profiling", msg("profiling (Art. 4(4))")),
    ("automated_decisions", msg("solely automated decisions (Art. 22)")),
)
# What profiling analyses or predicts, in the activity's own words (Art. 4(4); Recital
# 71): "location or movements" and "behaviour", through location data or systematic
# monitoring; the person's "economic situation", which credit, leasing and underwriting
# assess; their "personal preferences, interests", to which communications or offers are
# fitted (Art. 21(2): profiling for direct marketing). These make `profiling: unknown` a
# question of its own. Marketing, ads and cookies alone are not: interest-based
# advertising is DP21's, and a plain newsletter is not profiling.
_PROFILING_CONTEXT = (
    "location",
    "monitoring",
    "economic_situation",
    "personalisation",
    "behaviour_patterns",
)
# A history of purchases or deals kept by an activity that also markets: the material of
# segmentation by behaviour (WP251 rev.01, chapter II), a reason only with the marketing.
_HISTORY = ("purchase_history", "marketing")
# What makes `automated_decisions: unknown` a question of its own: words that name
# profiling or scoring, or credit, leasing and the like, the decisions Art. 22 and Recital
# 71 describe ("automatic refusal of an online credit application").
_DECISION_CONTEXT = ("profiling", "economic_situation")
# The words DP21 (profiling) and DP22 (automated decisions) report instead.
_PROFILING_NAMED = {
    "profiling": ("profiling", "targeted_ads"),
    "automated_decisions": ("automated_decisions",),
}


class _ProfilingOpen(NamedTuple):
    """An activity's open profiling question: the words that make profiling likely (DP23
    reports them on their own), and the keys left `unknown` without such words."""

    activity: Activity
    reading: Reading | None
    keys: list[str]
    scoring: Reading | None = None
    """Words that name profiling or scoring where `automated_decisions` is open: a
    decision on a score is what Art. 22 and Recital 71 are about ("automatic refusal of
    an online credit application")."""


@per_register
def _profiling_open(register: Register) -> Iterator[_ProfilingOpen]:
    """Every activity that leaves `profiling` or `automated_decisions` unknown, where its
    words do not name them (DP21 and DP22 report those)."""
    for activity in register.activities:
        if activity.profiling != "unknown" and activity.automated_decisions != "unknown":
            continue
        named = set(first_readings(activity, ("profiling", "targeted_ads", "automated_decisions")))
        unknown = [
            key
            for key, _what in _PROFILING_KEYS
            if getattr(activity, key) == "unknown" and not named & set(_PROFILING_NAMED[key])
        ]
        reading = None
        if "profiling" in unknown:
            found = first_readings(activity, _PROFILING_CONTEXT)
            reading = next((found[c] for c in _PROFILING_CONTEXT if c in found), None)
            if reading is None:
                history = first_readings(activity, _HISTORY)
                if len(history) == len(_HISTORY):
                    reading = history["purchase_history"]
        if reading is not None:
            unknown.remove("profiling")
        scoring = None
        if "automated_decisions" in unknown:
            found = first_readings(activity, _DECISION_CONTEXT)
            scoring = next((found[c] for c in _DECISION_CONTEXT if c in found), None)
        if scoring is not None:
            unknown.remove("automated_decisions")
        if unknown or reading is not None or scoring is not None:
            yield _ProfilingOpen(activity, reading, unknown, scoring)


class _DpiaOpen(NamedTuple):
    """An activity's open DPIA question as DP24 reports it: where, what the screening
    found (`meets`; empty where nothing could be read), whether `dpia` says `unknown`,
    and the words read (location data)."""

    activity: Activity
    at: Location
    meets: Message | str
    unknown: bool
    related: tuple[Location, ...]
    criteria: tuple[str, ...] = ()


@per_register
def _dpia_open(register: Register) -> Iterator[_DpiaOpen]:
    """The open DPIA questions DP24 reports (see its docstring for which)."""
    dvi = dvi_list_applies(register)
    for activity in register.activities:
        dpia = activity.dpia
        unknown = dpia == "unknown" or (isinstance(dpia, Dpia) and dpia.required == "unknown")
        if not unknown and dpia is not None:
            continue
        screening = screen(activity, dvi_list=dvi, register=register)
        if screening.reasons():
            continue
        met = sorted(screening.criteria)
        if _patients_alone(activity, screening.criteria, screening.inferred):
            met = []
        # Location data: the DVI list's item 09 where that list applies; elsewhere WP248's
        # C4, whose data "of a highly personal nature" include location data, "whose
        # collection questions the freedom of movement".
        location = (
            first_readings(activity, ("location",)).get("location")
            if not met and "LV.DPIA.09" not in screening.dvi_list
            else None
        )
        blind = not met and location is None and not_stated(activity.personal_data)
        blind = blind and _sensitive(activity, register)
        if not met and location is None and not (unknown and blind):
            # Recorded data that meets no criterion, or no data recorded where nothing
            # points at sensitive data or vulnerable people: `dpia: unknown` is then a
            # plain question, a line of AC22's note (`_dpia_plain`).
            continue
        at = activity.at("dpia") if dpia in (None, "unknown") else activity.at("dpia", "required")
        if met:
            meets: Message | str = msg(
                "WP248 {code}{evidence}", code=met[0][-2:], evidence=screening.evidence(met[0])
            )
        elif location is not None and dvi:
            meets = msg(
                "DVI list {item} ({describe})", item="LV.DPIA.09", describe=location.describe()
            )
        elif location is not None:
            meets = msg("WP248 C4 (location data: {describe})", describe=location.describe())
        else:
            meets = ""
        related = (location.location,) if location is not None else ()
        yield _DpiaOpen(activity, at, meets, unknown, related, tuple(met))


_MONITORING = ("WP248.C3",)


@per_register
def _dpia_plain(register: Register) -> Iterator[Activity]:
    """The activities whose `dpia` is `unknown` and whose screening finds nothing in the
    data they record or in their words: no WP248 criterion, no DVI list item, no location
    data. Their question is a plain one, a line of AC22's note (DP24 reports the others,
    those whose data is not recorded included: the screening has nothing to read)."""
    dvi: bool | None = None
    for activity in register.activities:
        dpia = activity.dpia
        if not (dpia == "unknown" or (isinstance(dpia, Dpia) and dpia.required == "unknown")):
            continue
        if dvi is None:
            dvi = dvi_list_applies(register)
        screening = screen(activity, dvi_list=dvi, register=register)
        if screening.reasons() or (
            screening.criteria
            and not _patients_alone(activity, screening.criteria, screening.inferred)
        ):
            continue
        if "LV.DPIA.09" not in screening.dvi_list and first_readings(activity, ("location",)):
            continue
        if not_stated(activity.personal_data) and _sensitive(activity, register):
            continue
        yield activity


# What makes a screening with no data to read worth a note of its own (DP24): the
# activity's words, or the organisation's name, point at data or people WP248 weighs:
# Art. 9 or 10 data (C4), patients, children or vulnerable people (C7), a hospital or a
# laboratory, health professionals (a psychologist's practice keeps mental-health notes,
# a pharmacy sells medicines: Art. 4(15)), a social service or an orphans' court (they
# assess need, health and the care of children); credit, communications, location,
# profiling, automated decisions, ad targeting, monitoring or cameras, or a large scale
# (C1 to C5; DVI list), or a record that declares profiling or automated decisions.
# Elsewhere (yoga classes, a shop's customers, a recruitment) the
# unrecorded data of an ordinary activity gives no reason to expect a criterion: WP248
# expects a DPIA where two are met, so the question is a plain one (AC22).
_SENSITIVE = (
    *SPECIAL,
    "criminal",
    "patients",
    "children",
    "vulnerable",
    "care_at_scale",
    "health_professionals",
    "social_services",
    "economic_situation",
    "communications",
    "location",
    "profiling",
    "automated_decisions",
    "targeted_ads",
    "monitoring",
    "cctv",
    "large_scale",
)


# Patients are among WP248's vulnerable data subjects (C7) because of what their care
# reveals and the imbalance it brings; an activity that holds patients' contact details
# for bookings, reminders or a newsletter they subscribed to, and whose words name no
# health or other Art. 9 data, meets C7 only by the word "patients": one criterion
# inferred from a name, where WP248 expects a DPIA at two. Its open DPIA question is a
# plain one (AC22), as for any customer list; the care itself (health data: C4) keeps
# DP24's note.
_PATIENTS_ONLY = frozenset({"WP248.C7"})
_NOT_PATIENTS_ALONE = (*SPECIAL, "children", "vulnerable", "employees", "criminal")


def _patients_alone(activity: Activity, criteria: set[str], inferred: Mapping[str, object]) -> bool:
    """Whether the activity's one criterion is C7 read from the word "patients" alone,
    with no Art. 9 data, children, vulnerable people or staff in its words."""
    if criteria != _PATIENTS_ONLY or "WP248.C7" not in inferred:
        return False
    found = first_readings(activity, ("patients", *_NOT_PATIENTS_ALONE))
    return "patients" in found and not any(c in found for c in _NOT_PATIENTS_ALONE)


def _sensitive(activity: Activity, register: Register) -> bool:
    """Whether the activity's record, its words or the organisation's name point at
    sensitive data, vulnerable people or a WP248 criterion (`_SENSITIVE`)."""
    if isinstance(activity.profiling, Profiling) or isinstance(
        activity.automated_decisions, AutomatedDecisions
    ):
        return True  # the record says it profiles or decides automatically (C1, C2)
    if first_readings(activity, _SENSITIVE):
        return True
    name = register.organisation.name
    return any(says(name, concept) for concept in _SENSITIVE)


def _folded(register: Register) -> dict[int, list[str]]:
    """The profiling keys DP24 names instead of DP23, by activity (its `id()`): where
    DP24 has any open DPIA question in the register, those of every activity, and, of an
    activity whose own DPIA question it reports, those whose words make profiling or an
    automated decision likely too (the same screening, the same words: one note). Whether
    an activity profiles or decides automatically is WP248's criteria C1 and C2 and Art.
    35(3)(a): part of the DPIA screening, one question with it where that question is
    asked."""
    open_questions = list(_dpia_open(register))
    if not open_questions:
        return {}
    questions = {id(question.activity) for question in open_questions}
    # An activity whose one criterion is systematic monitoring (cameras, C3) is screened
    # on what it does: what that leaves open is its scale (C5, Art. 35(3)(c)) and whom it
    # films (staff: C7), not profiling nothing in its words suggests (DP23's reasoning: a
    # camera system kept for security gives none; WP248 and EDPB Guidelines 3/2019 treat
    # plain recording as monitoring, not evaluation). Those plain keys stay AC22's lines.
    screened = {
        id(question.activity) for question in open_questions if question.criteria == _MONITORING
    }
    folded: dict[int, list[str]] = {}
    for open_ in _profiling_open(register):
        keys = set() if id(open_.activity) in screened else set(open_.keys)
        if id(open_.activity) in questions:
            keys |= {key for key, words in _reasons(open_) if words is not None}
        if keys:
            folded[id(open_.activity)] = [key for key, _what in _PROFILING_KEYS if key in keys]
    return folded


def _reasons(open_: _ProfilingOpen) -> tuple[tuple[str, Reading | None], ...]:
    """The words that make each profiling key a question of its own (None where none)."""
    return (("profiling", open_.reading), ("automated_decisions", open_.scoring))


@rule("DP23", "profiling.unknown", severity=Severity.INFO, article="Art. 13(2)(f), 21, 22")
def profiling_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`profiling: unknown` or `automated_decisions: unknown` where the words give a reason.

    Why: profiling and solely automated decisions bring the right to object (Art. 21),
    the Art. 22 limits and information duties (Art. 13(2)(f)), and weigh in the DPIA
    screening (WP248 criteria C1 and C2, Art. 35(3)(a)); not knowing whether they happen
    leaves all of these unchecked. How much that weighs depends on what the activity does
    (Art. 24(1)): a school's pupil records, a hotel booking or CCTV kept to protect
    property give no reason to expect either, and a DPO answers `none` for them in one
    pass. So a note of its own only where the activity's words give a reason, naming the
    words. For `profiling`: location data or systematic monitoring (Recital 71: "location
    or movements", "behaviour"); credit, leasing, loans, instalments, solvency or
    insurance underwriting, or arranging them as a credit or financial-services
    intermediary (the person's "economic situation", Art. 4(4)); communications
    or offers fitted to the person's interests or preferences ("made relevant", "pielāgojot
    piedāvājumu klienta interesēm"; Art. 4(4) "personal preferences, interests", and Art.
    21(2): profiling for direct marketing; WP251 rev.01); a person's habits or patterns
    of use analysed ("usage patterns", "braukšanas paradumi": Art. 4(4) "behaviour"); or a
    purchase or deal history kept by an activity that also markets (the material of
    segmentation), a loyalty programme or card among them (it counts the member's
    purchases by name; "raising customer loyalty" alone names no programme). For
    `automated_decisions`: words that name profiling or scoring, or credit and leasing: a
    decision on a score or an application is the case Art. 22 and Recital 71 describe
    ("automatic refusal of an online credit application"). Where both keys have a reason,
    one note names both. A credit card as a means of payment, a credit institution as a
    recipient and "legitimate interests" are not such words.

    Elsewhere the question is part of the DPIA screening where DP24 asks it: where the
    register has any open DPIA question, DP24's one note for the register names these
    keys too (one screening, one note), and where DP24 reports the activity's own DPIA
    question it names the words that make profiling or an automated decision likely as
    well, instead of a second note on the same activity. Otherwise the keys left
    `unknown` with no reason are lines of the register's note of open questions (AC22),
    so every `unknown` stays reported. Where the words name profiling or automated
    decisions, DP21 and DP22 report that instead (as warnings).

    Fails:

    ```yaml
    activities:
      - id: fleet
        name: Transportlīdzekļu atrašanās vietas uzskaite
        profiling: unknown  # ← DP23
        automated_decisions: none
        dpia: {required: false, status: not_required}
    ```

    Passes:

    ```yaml
    activities:
      - id: fleet
        name: Transportlīdzekļu atrašanās vietas uzskaite
        profiling: none
        automated_decisions: none
        dpia: {required: false, status: not_required}
    ```
    """
    screened = {id(question.activity) for question in _dpia_open(register)}
    for open_ in _profiling_open(register):
        activity, reading, scoring = open_.activity, open_.reading, open_.scoring
        if id(activity) in screened:
            # DP24 reports this activity's screening, and names these keys with their words.
            continue
        if reading is not None and scoring is not None:
            # One question of one activity: both keys, and the words that raise each.
            message = msg(
                "`{id}` does not know whether it involves profiling (Art. 4(4)) or solely "
                "automated decisions (Art. 22), and {describe} ({label})",
                id=activity.id,
                describe=reading.describe(),
                label=topic(reading.inference.concept),
            )
            yield Violation(
                activity.at("profiling"),
                message,
                _profiling_hint(["profiling", "automated_decisions"]),
                related=tuple(
                    dict.fromkeys(
                        (activity.at("automated_decisions"), reading.location, scoring.location)
                    )
                ),
            )
            continue
        if scoring is not None:
            message = msg(
                "`{id}` does not know whether it makes solely automated decisions "
                "(Art. 22), and {describe} ({label})",
                id=activity.id,
                describe=scoring.describe(),
                label=topic(scoring.inference.concept),
            )
            yield _words_note(activity, "automated_decisions", message, scoring)
        if reading is not None:
            message = msg(
                "`{id}` does not know whether it involves profiling (Art. 4(4)), and "
                "{describe} ({label})",
                id=activity.id,
                describe=reading.describe(),
                label=topic(reading.inference.concept),
            )
            yield _words_note(activity, "profiling", message, reading)


def _profiling_hint(keys: list[str]) -> Message:
    return msg("find out, and write `none` or describe it ({items})", items=_keys(keys))


def _profiling_plain(register: Register) -> Iterator[tuple[Activity, list[str]]]:
    """The profiling keys left `unknown` with no words that make them likely, where DP24
    does not name them in its screening note: AC22's lines (the plain answer is `none`)."""
    folded = _folded(register)
    for open_ in _profiling_open(register):
        if open_.keys and id(open_.activity) not in folded:
            yield open_.activity, open_.keys


def _words_note(activity: Activity, key: str, message: Message, words: Reading) -> Violation:
    """DP23's note of its own on `key`, pointing at the words that make it likely."""
    return Violation(activity.at(key), message, _profiling_hint([key]), related=(words.location,))


def _profiling_said(keys: list[str]) -> Message:
    return _join([what for key, what in _PROFILING_KEYS if key in keys])


@rule("DP24", "dpia.unknown", severity=Severity.INFO, article="Art. 35(1), (3)(a); WP248")
def dpia_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """A DPIA question left open: `dpia: unknown`, or no `dpia` where a criterion is met.

    Why: whether a DPIA is needed is decided before the processing (Art. 35(1)). Where the
    screening finds reasons (two criteria, an Art. 35(3) case, a DVI list item), DP01 or
    DP03 report them. Otherwise the open question is reported here where the register
    gives it weight: one WP248 criterion met, read from the record or its words
    (interest-based advertising is profiling, C1), or location data (DVI list item 09,
    which needs one criterion more; outside Latvia WP248's C4, whose data "of a highly
    personal nature" include location data), each named; or `dpia: unknown` where the data
    processed is not recorded (`personal_data` missing or `unknown`), which leaves the
    screening nothing to read, and the activity's words or the organisation's name point
    at what WP248 weighs: Art. 9 or 10 data, patients, children or vulnerable people, a
    hospital, health professionals (a psychologist's practice, a pharmacy: Art. 4(15)),
    a social service or an orphans' court, credit, communications, location, profiling,
    ad targeting, monitoring, cameras or a large scale, or its record declares profiling
    or automated decisions. `dpia: unknown` where the recorded data and subjects meet no
    criterion at all, or where an ordinary activity (yoga classes, a shop's customers)
    records no data and nothing in its record gives a reason to expect a criterion, is a
    line of AC22's note of plain open questions, not a note here: WP248 expects a DPIA
    where two criteria are met, and the screening's plain answer is that none is likely
    needed (record it as `required: false`); the question stays reported, at the weight
    of a plain one (Art. 24(1), Recitals 75 and 76; issue 11, section 2). So is C7 read
    from the word "patients" alone, where the activity keeps patients' contact details
    (bookings, a newsletter they subscribed to) and its words name no health or other
    Art. 9 data: WP248 counts patients among the vulnerable for what their care reveals,
    and one criterion inferred from a name is not the two it asks for.

    `profiling: unknown` and `automated_decisions: unknown` are open screening questions
    too: whether the activity profiles or decides automatically is WP248's C1 and C2, and
    with both it is an Art. 35(3)(a) case. The screening is one exercise for the register
    (the DPO screens its activities together): where any DPIA question is open, one note
    for the register names each activity whose screening is open and why (the criterion
    it meets, no data to screen, or profiling or automated decisions not known), every
    key a related location, instead of a note per activity and another for profiling
    (DP23 then says nothing of those keys; words that make profiling or an automated
    decision likely keep DP23's note of their own). Not those of an activity whose one
    criterion is systematic monitoring (C3: cameras): what its screening leaves open is
    its scale (C5; Art. 35(3)(c) for a publicly accessible area) and whom it films (staff
    or vulnerable people: C7), which the hint asks; plain recording is monitoring, not
    evaluation, and with no words that suggest profiling (DP23's reasons) its profiling
    keys are lines of AC22's note.

    Fails:

    ```yaml
    activities:
      - id: social-care
        name: Sociālā dienesta klienti
        dpia: unknown  # ← DP24
      - id: ads
        name: Interest-based advertising
    ```

    Passes:

    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        personal_data: [e-mail address]
        dpia: unknown
      - id: ads
        name: Interest-based advertising
        dpia:
          required: false
          status: not_required
          screening:
            notes: One WP248 criterion (C1) and no other; a small mailing list
    ```
    """
    folded = _folded(register)
    questions = list(_dpia_open(register))
    if not questions:
        return
    reported = {id(question.activity) for question in questions}
    monitoring = any(question.criteria == _MONITORING for question in questions)
    reasons: dict[int, list[_ProfilingOpen]] = {}
    for open_ in _profiling_open(register):
        reasons.setdefault(id(open_.activity), []).append(open_)
    profiling_only = [
        open_
        for open_ in _profiling_open(register)
        if id(open_.activity) not in reported and folded.get(id(open_.activity))
    ]
    every = [key for key, _what in _PROFILING_KEYS if any(key in keys for keys in folded.values())]
    # Each activity's question as its own message says it, and as the register's one note
    # lists it.
    found: list[tuple[Location, Message, tuple[Location, ...]]] = []
    # The register's note names activities with the same reason together, in the order
    # met: one line per reason, not the same words once per activity.
    reasons_of: dict[tuple[str | None, tuple[str, ...]], tuple[str | None, list[str]]] = {}
    for question in questions:
        activity = question.activity
        keys = folded.get(id(activity), [])
        if question.meets and question.unknown:
            message = msg(
                "`{id}` has not settled whether it needs a DPIA (it meets {meets})",
                id=activity.id,
                meets=question.meets,
            )
        elif question.meets:
            message = msg(
                "`{id}` meets {meets} and records no DPIA screening",
                id=activity.id,
                meets=question.meets,
            )
        else:
            message = msg(
                "`{id}` has not settled whether it needs a DPIA, and records no data the "
                "screening could read",
                id=activity.id,
            )
        if keys:
            message = msg(
                "{message}; nor does it know whether it involves {join}",
                message=message,
                join=_profiling_said(keys),
            )
        words = tuple(
            reading.location
            for open_ in reasons.get(id(activity), ())
            for key, reading in _reasons(open_)
            if reading is not None and key in keys
        )
        related = (*question.related, *(activity.at(k) for k in keys), *words)
        found.append((question.at, message, tuple(dict.fromkeys(related))))
        reason = (str(question.meets), tuple(keys))
        reasons_of.setdefault(reason, (question.meets, []))[1].append(activity.id)
    for open_ in profiling_only:
        keys = folded[id(open_.activity)]
        at, related = _places(open_.activity, keys)
        message = msg(
            "`{id}` does not know whether it involves {join}",
            id=open_.activity.id,
            join=_profiling_said(keys),
        )
        found.append((at, message, related))
        reasons_of.setdefault((None, tuple(keys)), (None, []))[1].append(open_.activity.id)
    items = [_dpia_item(meets, keys, ids) for (_, keys), (meets, ids) in reasons_of.items()]
    grouped = _dpia_grouped(joined(items, "; "))
    for at, message, related in found:
        yield Violation(
            at,
            message,
            _dpia_hint(every, monitoring),
            cause=f"{ABSENT}unknown:dpia",
            related=related,
            grouped=grouped,
        )


def _dpia_item(meets: str | None, keys: tuple[str, ...], ids: list[str]) -> Message:
    """One reason of the register's DPIA note, with every activity it applies to: what
    the screening found (`meets`: a criterion; "" where no data could be read; None for
    an activity open only on profiling) and the profiling keys it does not know."""
    names = joined([f"`{ident}`" for ident in ids])
    count = len(ids)
    join = _profiling_said(list(keys)) if keys else ""
    if meets is None:
        return msg_plural(
            "{names} does not know whether it involves {join}",
            "{names} do not know whether they involve {join}",
            n=count,
            names=names,
            join=join,
        )
    if meets and keys:
        return msg_plural(
            "{names} meets {meets}, and does not know whether it involves {join}",
            "{names} meet {meets}, and do not know whether they involve {join}",
            n=count,
            names=names,
            meets=meets,
            join=join,
        )
    if meets:
        return msg_plural(
            "{names} meets {meets}", "{names} meet {meets}", n=count, names=names, meets=meets
        )
    if keys:
        return msg_plural(
            "{names} records no data to screen, and does not know whether it involves {join}",
            "{names} record no data to screen, and do not know whether they involve {join}",
            n=count,
            names=names,
            join=join,
        )
    return msg_plural(
        "{names} records no data to screen",
        "{names} record no data to screen",
        n=count,
        names=names,
    )


def _dpia_hint(keys: list[str], monitoring: bool = False) -> Message:
    hint = msg("screen it against the WP248 criteria and the DVI list, and record the result")
    if monitoring:
        # What decides a DPIA for monitoring that meets C3 alone: a second criterion or
        # an Art. 35(3)(c) case (WP248: monitoring of employees, C3 with C7).
        hint = msg(
            "{hint} (for monitoring: whether it is on a large scale or of a publicly "
            "accessible area, and whether it films staff or vulnerable people)",
            hint=hint,
        )
    if not keys:
        return hint
    return msg("{hint}; write `none` or a description at {items}", hint=hint, items=_keys(keys))


def _dpia_grouped(items: Message) -> GroupMessage:
    """The register's one DPIA note: each activity whose screening is open, and why."""

    def grouped(count: int, _names: str) -> Message:
        return counted(
            "{count} activity leaves its DPIA screening open: {items}",
            "{count} activities leave their DPIA screening open: {items}",
            count=count,
            items=items,
        )

    return grouped


# Where the words say that data comes from someone other than the person ("held with
# other providers", "citās bankās"): the Art. 14 information, the source included, is then
# owed for certain.
_SOURCE_CONTEXT = ("data_from_others",)


def _sources_context(activity: Activity) -> Reading | None:
    found = first_readings(activity, _SOURCE_CONTEXT)
    return next((found[c] for c in _SOURCE_CONTEXT if c in found), None)


@rule("AC21", "activity.sources-unknown", severity=Severity.INFO, article="Art. 14(2)(f), 30")
def sources_unknown(register: Register, context: Context) -> Iterator[Violation]:
    """`sources: unknown` where the words show data obtained from others.

    Why: when data is not obtained from the person, they must be told its source (Art.
    14(2)(f)), and data of unknown origin cannot be shown to be accurate or lawfully
    obtained (Art. 5(1)(a), (d)). A note of its own where the activity's words say that
    some of its data comes from someone other than the person (a credit bureau, other
    banks, public registers, "from third parties"): the Art. 14 duty is then certain, and
    its source unknown. Elsewhere the open question is a line of the register's note of
    open questions (AC22): the sources are not among the Art. 30(1) items, and most
    activities collect from the person. It stays apart from AC04's finding on recipients
    left open, though both are where the data flows: the recipients are content the
    record must have (Art. 30(1)(d); an error).

    Fails:

    ```yaml
    activities:
      - id: credit
        name: Credit checks
        personal_data: [credit bureau score]
        sources: unknown  # ← AC21
    ```

    Passes:

    ```yaml
    activities:
      - id: credit
        name: Credit checks
        personal_data: [credit bureau score]
        sources:
          - kind: third_party
            description: Kredītinformācijas birojs
    ```
    """
    for activity in register.activities:
        if activity.sources != "unknown":
            continue
        reading = _sources_context(activity)
        if reading is None:
            continue
        yield Violation(
            activity.at("sources"),
            msg(
                "`{id}` does not know where its data comes from, and {describe} ({label})",
                id=activity.id,
                describe=reading.describe(),
                label=topic(reading.inference.concept),
            ),
            msg("list the `sources:` (the person, a third party and which, public sources)"),
            related=(reading.location,),
        )


# "`national_id` (`orders`, `news`)": a key and the activities that leave it open; no
# words of its own to translate, so not marked.
_KEY_NAMES = "`{key}` ({names})"
# The keys AC22 lists, in the order its note names them.
_OPEN_KEYS = (
    "special_categories",
    "criminal_data",
    "national_id",
    "profiling",
    "automated_decisions",
    "sources",
    "dpia",
)


@rule(
    "AC22",
    "activity.open-questions",
    severity=Severity.INFO,
    article="Art. 9, 10, 14(2)(f), 22, 87; 24(1)",
)
def open_questions(register: Register, context: Context) -> Iterator[Violation]:
    """Keys left `unknown` where the rest of the record suggests a plain answer.

    Why: every `unknown` is a question the organisation has not answered, and each stays
    reported; how much it weighs depends on the nature, scope, context and purposes of the
    processing (Art. 24(1); Recitals 75 and 76). Most open questions have a rule of their
    own, in their family: SD24 where the activity gives a reason or its data is not recorded
    in full, DP23 and DP24 for the screening questions, TR06 and AC04 for the items of the
    record (Art. 30(1)(d), (e)). This note is for the rest, said once: the
    `special_categories`, `criminal_data` and `national_id` left `unknown` where the
    activity lists its data and the list is closed and ordinary (it answers the question in
    substance; writing `none` settles it), and `criminal_data` where a private
    organisation's list is open-ended (SD24's docstring); the `profiling` and
    `automated_decisions` left `unknown` where no words give a reason to expect them (no
    location data, monitoring, scoring, credit or personalised communications: DP23 reports
    those; Art. 4(4), 22, Recital 71) and DP24 does not name them in its screening note; and
    the `sources` left `unknown` where no words say the data comes from others (Art.
    14(2)(f); AC21 reports those). And `dpia: unknown` where the data the activity records,
    and its words, meet no WP248 criterion, no DVI list item and hold no location data (or
    only C7 read from the word "patients", with no health data named), or where it records
    no data and nothing in its words, its record or the organisation's name points at what
    WP248 weighs: the screening's plain answer is that no DPIA is likely needed (WP248
    expects one where two criteria are met), which the organisation still has to confirm and
    record (Art. 35(1), 5(2)); DP24 reports the rest (a criterion met, or no data recorded
    where the words point at sensitive data, vulnerable people or a criterion). One note
    names each key and the activities that leave it open, every place a related location.

    Fails:

    ```yaml
    activities:
      - id: bookings
        name: Flight bookings
        personal_data: [name, flight number]
        special_categories: unknown  # ← AC22
    ```

    Passes:

    ```yaml
    activities:
      - id: bookings
        name: Flight bookings
        personal_data: [name, flight number]
        special_categories: none
    ```
    """
    open_keys: dict[int, tuple[Activity, list[str]]] = {}

    def add(activity: Activity, keys: list[str]) -> None:
        open_keys.setdefault(id(activity), (activity, []))[1].extend(keys)

    for special in _special_open(register):
        add(special.activity, special.answered)
    for activity, keys in _profiling_plain(register):
        add(activity, keys)
    for activity in register.activities:
        if activity.sources == "unknown" and _sources_context(activity) is None:
            add(activity, ["sources"])
    for activity in _dpia_plain(register):
        add(activity, ["dpia"])
    ordered = [
        (activity, [key for key in _OPEN_KEYS if key in keys])
        for activity in register.activities
        if (entry := open_keys.get(id(activity))) is not None
        for keys in (entry[1],)
        if keys
    ]
    if not ordered:
        return
    by_key = [
        (key, [str(activity.id) for activity, keys in ordered if key in keys]) for key in _OPEN_KEYS
    ]
    questions = joined(
        [Message(_KEY_NAMES, key=key, names=_names(ids)) for key, ids in by_key if ids],
        "; ",
    )
    hint = msg(
        "confirm and write the answer: `none` for the special categories, criminal data or "
        "national ids an activity does not process, and for the profiling or automated "
        "decisions it does not involve; a source of `kind: data_subject` where the data comes "
        "from the person; `required: false` under `dpia`, with the screening's result where the "
        "recorded data meets no WP248 criterion"
    )
    for activity, keys in ordered:
        at, related = _places(activity, keys)
        yield Violation(
            at,
            msg(
                "`{id}` leaves {keys} unknown, where the rest of its record suggests a plain "
                "answer",
                id=activity.id,
                keys=_keys(keys),
            ),
            hint,
            cause=f"{ABSENT}open-questions",
            related=related,
            grouped=_open_grouped(questions),
        )


def _open_grouped(questions: Message) -> GroupMessage:
    """The register's one note: how many activities, then each key and those leaving it
    open (the ids the engine gives are already in `questions`, key by key)."""

    def grouped(count: int, _names: str) -> Message:
        return counted(
            "{count} activity leaves keys unknown where the rest of the record suggests a plain "
            "answer: {questions}",
            "{count} activities leave keys unknown where the rest of the record suggests a plain "
            "answer: {questions}",
            count=count,
            questions=questions,
        )

    return grouped


# How many activities the note names for each key; all of them are related locations.
_SHOWN = 10


def _names(ids: list[str]) -> str:
    """Ids as a message lists them: the first `_SHOWN`, each quoted, then an ellipsis (a
    register of thousands of activities gets a note, not a page; every place stays a
    related location)."""
    shown = ", ".join(f"`{ident}`" for ident in ids[:_SHOWN])
    return shown + ", \u2026" if len(ids) > _SHOWN else shown
