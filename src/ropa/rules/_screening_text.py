"""DPIA screening criteria read from an activity's words (WP248, Art. 35(3)).

The register can always overrule what is read here: a declared `screening.criteria` list
is taken as the whole answer, and an explicit `none`/`false` (`special_categories: none`,
`profiling: none`, `children: false`, `large_scale: false`) stops the matching inference.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.i18n import msg
from ropa.knowledge.lexicon import SPECIAL, mentions
from ropa.knowledge.text import fold_word
from ropa.model.activity import Activity, DataSubjectGroup, DpiaScreening
from ropa.model.catalogues import Recipient
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.rules import per_register
from ropa.rules._reading import Reading, first_readings
from ropa.rules.inferred_data import DATA_KEYS

# Concept read in the words → the WP248 criterion it meets.
_CRITERIA: dict[str, str] = {
    **dict.fromkeys(SPECIAL, "WP248.C4"),
    "criminal": "WP248.C4",
    "communications": "WP248.C4",
    "children": "WP248.C7",
    "vulnerable": "WP248.C7",
    "patients": "WP248.C7",
    "profiling": "WP248.C1",
    "targeted_ads": "WP248.C1",
    "cctv": "WP248.C3",
    "monitoring": "WP248.C3",
    "location_tracking": "WP248.C3",
    "large_scale": "WP248.C5",
    "innovative": "WP248.C8",
}

_SUBJECT_FLAG = {"children": "children", "vulnerable": "vulnerable", "patients": "vulnerable"}


# Correspondence ("correspondence", "e-pasta sarakste") is the person's exchange with the
# controller: booking e-mails, letters. WP248 C4 is data of a highly personal nature, such
# as electronic communications whose confidentiality is protected (the content a provider
# carries, an employer's monitoring, call recordings), not one's own mail to a hotel.
_CORRESPONDENCE = ("correspondence", "sarakst")


def _own_correspondence(reading: Reading) -> bool:
    return any(word.startswith(_CORRESPONDENCE) for word in fold_word(reading.quote()).split())


def _overruled(
    activity: Activity, concept: str, reading: Reading, declared: DpiaScreening | None
) -> bool:
    if concept == "communications" and _own_correspondence(reading):
        return True
    if concept == "cctv" and _event_filming(activity, reading):
        return True
    if concept in SPECIAL:
        return activity.special_categories == "none"
    if concept == "criminal":
        return activity.criminal_data == "none" or _prevention_only(activity, reading)
    if concept in ("profiling", "targeted_ads"):
        return activity.profiling == "none"
    if concept == "large_scale":
        return declared is not None and declared.large_scale is False
    flag = _SUBJECT_FLAG.get(concept)
    if flag is not None and reading.key == "data_subjects":
        path = reading.location.path
        index = path[path.index("data_subjects") + 1]
        subjects = activity.data_subjects if isinstance(activity.data_subjects, list) else []
        item = subjects[index] if isinstance(index, int) and index < len(subjects) else None
        return isinstance(item, DataSubjectGroup) and getattr(item, flag) is False
    return False


# Video recordings made where the activity photographs its events or classes ("foto un
# videoieraksti pasākumos") are filming, not surveillance: WP248's C3 is the systematic
# monitoring of people (cameras watching premises or a public area), which words of
# surveillance name ("videonovērošana", "CCTV", "cameras"). Recordings read beside
# photographing, in words that name no surveillance, do not meet it.
_SURVEILLANCE = ("noverosan", "cctv", "camera", "kamer", "surveil", "monitor")
_PHOTOGRAPHING = ("photographing",)


def _event_filming(activity: Activity, reading: Reading) -> bool:
    """Whether the camera words read are video recordings of an activity that
    photographs, with no word of surveillance."""
    if any(word in fold_word(reading.quote()) for word in _SURVEILLANCE):
        return False
    return bool(first_readings(activity, _PHOTOGRAPHING))


# Offences named in a purpose of preventing or detecting them ("noziedzīgu nodarījumu
# novēršana", "to prevent and detect crime") say why the activity watches, not that it
# holds data on anyone's offences: Art. 10 data relates to the convictions and offences of
# identified persons, and EDPB Guidelines 3/2019 (paragraphs 17, 62-64) treat cameras kept
# for that purpose under Art. 6(1)(f), their footage becoming Art. 9 or 10 data only when
# used for it. SD22 reads offences only in the data for the same reason. Offences named
# in the data, in the name or description ("sodāmības izziņa", "kriminālprocesos"), in a
# purpose that handles them (criminal proceedings, fines) or a `criminal_data` the
# register declares still meet C4.
_PURPOSE_KEYS = ("purposes",)
_PREVENTION = ("crime_prevention",)


def _prevention_only(activity: Activity, reading: Reading) -> bool:
    """Whether offences are named only in the purposes, and these say they prevent or
    detect them."""
    if reading.key not in _PURPOSE_KEYS:
        return False
    if first_readings(activity, _CRIMINAL, DATA_KEYS):
        return False
    return bool(first_readings(activity, _PREVENTION, _PURPOSE_KEYS))


_CRIMINAL = ("criminal",)


# Monitored staff (C7 beside C3): read where the people are named.
_STAFF = ("employees",)
_SUBJECT_KEYS = ("data_subjects",)

# What `inferred_criteria` asks the readings: one tuple, not one built per activity.
_CRITERIA_READ = (*_CRITERIA, "public_area", "wide_area")


def inferred_criteria(activity: Activity, declared: DpiaScreening | None) -> dict[str, str]:
    """WP248 criteria (and `35.3.c`) the activity's words meet, each with its evidence:
    "“videonovērošana” in `personal_data`"."""
    if declared is not None and declared.criteria is not None:
        return {}
    found = first_readings(activity, _CRITERIA_READ)
    result: dict[str, str] = {}
    for concept, reading in found.items():
        criterion = _CRITERIA.get(concept)
        if criterion is None or criterion in result:
            continue
        if not _overruled(activity, concept, reading, declared):
            result[criterion] = msg(
                "\u201c{quote}\u201d in `{key}`", quote=reading.quote(), key=reading.key
            )
    if "WP248.C3" in result and "WP248.C7" not in result:
        # Monitoring people at work: WP248 rev.01 (section III.B.a) names employees among
        # the vulnerable data subjects (the power imbalance) and gives the systematic
        # monitoring of employees' activities as its example of two criteria met (C3, C7).
        staff = first_readings(activity, _STAFF, _SUBJECT_KEYS).get("employees")
        if staff is not None and not _overruled(activity, "vulnerable", staff, declared):
            result["WP248.C7"] = msg(
                "\u201c{quote}\u201d in `{key}`", quote=staff.quote(), key=staff.key
            )
    if "cctv" in found and "wide_area" in found:
        # Cameras over a whole town's or district's territory: large scale by their
        # geographical extent (WP243 rev.01, 2.1.3), over publicly accessible areas.
        wide = found["wide_area"]
        if "WP248.C5" not in result and not _overruled(activity, "large_scale", wide, declared):
            result["WP248.C5"] = msg(
                "\u201c{quote}\u201d in `{key}`", quote=wide.quote(), key=wide.key
            )
    area_found = found.get("public_area") or found.get("wide_area")
    if "cctv" in found and area_found is not None:
        cctv, area = found["cctv"], area_found
        result["CCTV.PUBLIC"] = msg(
            "\u201c{cctv}\u201d and \u201c{area}\u201d in `{key}`",
            cctv=cctv.quote(),
            area=area.quote(),
            key=area.key,
        )
    return result


@per_register
def _recipient_map(register: Register) -> Iterator[dict[str, Recipient]]:
    """The register's recipients by id: one map, built once per register (rules ask for
    it per activity, four times each)."""
    yield {recipient.id: recipient for recipient in register.recipients}


def health_recipient(activity: Activity, register: Register) -> tuple[str, Reading] | None:
    """The first of the activity's recipients whose name or category says it is a health
    professional, a clinic or an anti-doping body (the data it gets is health data,
    Art. 4(15)), with the words; None where the activity says `special_categories: none`
    (the register's own answer) or names no such recipient."""
    if activity.special_categories == "none" or not isinstance(activity.recipients, list):
        return None
    entries = next(_recipient_map(register))
    for identifier in activity.recipients:
        recipient = entries.get(identifier)
        if recipient is None:
            continue
        for key in ("name", "category"):
            field = getattr(recipient, key)
            for text in (text_of(field, "lv"), text_of(field, "en")):
                found = mentions(text, "health_professionals") if text else None
                if found is not None:
                    return recipient.id, Reading("recipients", recipient.at(key), found)
    return None


__all__ = ["health_recipient", "inferred_criteria"]
