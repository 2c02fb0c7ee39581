"""Art. 35: a DPIA where the screening says one is needed.

The screening combines what the record declares (`dpia.screening`) with what its contents
show: special-category or criminal data (WP248 C4; DVI list item 01 for criminal data),
children and vulnerable people (C7), profiling (C1), automated decisions with legal or
similar effects (C2, and with profiling Art. 35(3)(a)), large scale (C5, and with special
or criminal data Art. 35(3)(b)), biometric or genetic identification (DVI items 13, 04,
which need one criterion besides the sensitive data itself). DVI list items are inferred
only for organisations established in Latvia or whose country is not stated: the list is
the Latvian authority's; items the register declares itself always count.
The activity's own words add criteria too (health data, children, CCTV, profiling, large
scale ...: `ropa.rules._screening_text`), and so do its recipients (doctors,
physiotherapists, clinics, anti-doping bodies receive health data: C4); messages mark those
as inferred, and the register overrules them by declaring its criteria or saying
`none`/`false`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ropa.findings import Severity
from ropa.i18n import Message, joined, msg
from ropa.knowledge.concepts import SPECIAL
from ropa.knowledge.dpia import (
    ART_35_3,
    DVI_LIST,
    DVI_LIST_COUNTRIES,
    WP248_CRITERIA,
    WP248_THRESHOLD,
)
from ropa.model.activity import (
    Activity,
    AutomatedDecisions,
    CriminalData,
    DataSubjectGroup,
    Dpia,
    DpiaScreening,
    Profiling,
)
from ropa.model.register import Register
from ropa.model.vocabulary import ActivityStatus, DpiaStatus
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import first_readings, says
from ropa.rules._screening_text import health_recipient, inferred_criteria

# "C4 sensitive data … (inferred from …)": no words of its own to translate, so not marked.
_CRITERION = "{code} {criterion}{evidence}"


@dataclass
class Screening:
    criteria: set[str] = field(default_factory=set)
    dvi_list: set[str] = field(default_factory=set)
    art35_3: set[str] = field(default_factory=set)
    # Criteria read from the activity's words, with the words: shown as inferred.
    inferred: dict[str, str] = field(default_factory=dict)
    # Patients' health data and nothing else, with no sign of a hospital's scale: the
    # pair C4 + C7 that WP248's individual physician meets without needing a DPIA.
    individual_care: bool = False

    def evidence(self, key: str) -> str:
        """The words a criterion was read from, as " (inferred from …)", or nothing."""
        evidence = self.inferred.get(key)
        return msg(" (inferred from {evidence})", evidence=evidence) if evidence else ""

    def mandatory(self) -> list[Message]:
        """Why a DPIA is required outright: Art. 35(3) cases and DVI list items."""
        # Each reason is a message, its legal wording too, so it reads in Latvian.
        reasons = [
            msg(
                "Art. 35(3)({letter}): {case}{evidence}",
                letter=case[-1],
                case=msg(ART_35_3[case]),
                evidence=self.evidence(case),
            )
            for case in sorted(self.art35_3)
        ]
        for item in sorted(self.dvi_list):
            fact = DVI_LIST[item]
            others = self.criteria - {fact.not_counting} if fact.not_counting else self.criteria
            if not fact.needs_wp248_criterion or others:
                reasons.append(
                    msg("DVI list {item}: {entry}", item=item, entry=msg(fact.description))
                )
        return reasons

    def likely(self) -> Message | None:
        """Two or more WP248 criteria: a DPIA is required "in most cases"."""
        if len(self.criteria) < WP248_THRESHOLD or self.individual_care:
            return None
        named = joined(
            [
                Message(
                    _CRITERION,
                    code=c[-2:],
                    criterion=msg(WP248_CRITERIA[c]),
                    evidence=self.evidence(c),
                )
                for c in sorted(self.criteria)
            ]
        )
        return msg("{count} WP248 criteria ({named})", count=len(self.criteria), named=named)

    def reasons(self) -> list[Message]:
        """Every reason the screening gives for a DPIA."""
        likely = self.likely()
        return self.mandatory() + ([likely] if likely else [])


def dvi_list_applies(register: Register) -> bool:
    """Whether the Latvian Art. 35(4) list is inferred for this register's organisation."""
    country = register.organisation.country
    return country is None or country == "unknown" or country in DVI_LIST_COUNTRIES


_Screen = Callable[..., "Screening"]
# The screenings of the register being checked, by activity (see `_kept_for_the_register`).
_KEPT: dict[tuple[int, bool], Screening] = {}
_HELD: list[Register] = []


def _kept_for_the_register(screen: _Screen) -> _Screen:
    """Screen an activity whose DPIA is open (none recorded, or `required` not decided)
    once: DP01, DP03, DP22 and OR02 each ask of every such activity. An activity with a
    decided DPIA is asked about by one rule at most, so its screening is not kept (a
    screening is about a kilobyte: 50 MB at 50,000 activities). The screenings are kept
    until the rules are done (`forget`) or another register is screened, with the
    register, so that no other activity takes an id while they are; callers read a
    screening and do not change it."""

    @functools.wraps(screen)
    def screened(
        activity: Activity, *, dvi_list: bool = True, register: Register | None = None
    ) -> Screening:
        dpia = activity.dpia
        decided = isinstance(dpia, Dpia) and dpia.required in (True, False)
        if register is None or decided:
            return screen(activity, dvi_list=dvi_list, register=register)
        if not _HELD or _HELD[0] is not register:
            _KEPT.clear()
            _HELD[:] = [register]
        key = (id(activity), dvi_list)
        found = _KEPT.get(key)
        if found is None:
            found = _KEPT[key] = screen(activity, dvi_list=dvi_list, register=register)
        return found

    return screened


def forget() -> None:
    """Let go of the screenings kept while the rules ran."""
    _KEPT.clear()
    _HELD.clear()


@_kept_for_the_register
def screen(
    activity: Activity, *, dvi_list: bool = True, register: Register | None = None
) -> Screening:
    """What the record declares and shows about the need for a DPIA; `dvi_list` says
    whether DVI list items are inferred (see `dvi_list_applies`); with the `register`,
    the activity's recipients are read too (a doctor or an anti-doping body receives
    health data: C4)."""
    result = Screening()
    dpia = activity.dpia if isinstance(activity.dpia, Dpia) else None
    declared = dpia.screening if dpia is not None else None
    large_scale = False
    if declared is not None:
        result.criteria.update(declared.criteria or ())
        result.dvi_list.update(declared.dvi_list or ())
        result.art35_3.update(declared.art35_3 or ())
        large_scale = bool(declared.large_scale)
    special = activity.special_categories if isinstance(activity.special_categories, list) else []
    criminal = isinstance(activity.criminal_data, CriminalData)
    if special or criminal:
        result.criteria.add("WP248.C4")
    if criminal and dvi_list:
        result.dvi_list.add("LV.DPIA.01")
    for use in special if dvi_list else []:
        if use.category == "biometric":
            result.dvi_list.add("LV.DPIA.13")
        if use.category == "genetic":
            result.dvi_list.add("LV.DPIA.04")
    if isinstance(activity.data_subjects, list) and any(
        isinstance(s, DataSubjectGroup) and (s.children is True or s.vulnerable)
        for s in activity.data_subjects
    ):
        result.criteria.add("WP248.C7")
    profiling = isinstance(activity.profiling, Profiling)
    if profiling:
        result.criteria.add("WP248.C1")
    decisions = activity.automated_decisions
    if isinstance(decisions, AutomatedDecisions) and decisions.legal_or_similar_effect:
        result.criteria.add("WP248.C2")
        if profiling:
            result.art35_3.add("35.3.a")
    if large_scale:
        result.criteria.add("WP248.C5")
        if special or criminal:
            result.art35_3.add("35.3.b")
    _add_inferred(result, activity, declared)
    if register is not None:
        _add_recipients(result, activity, declared, register)
    result.individual_care = result.criteria == _CARE_PAIR and _individual_care(
        activity, declared, register
    )
    return result


_CARE_PAIR = {"WP248.C4", "WP248.C7"}
# What makes the pair more than patients' health data: other sensitive data, other
# vulnerable people (not patients), communications content, a hospital's scale.
_BEYOND_CARE = (*(c for c in SPECIAL if c != "health"), "criminal", "communications")
_BEYOND_CARE += ("vulnerable", "care_at_scale")
# What `_individual_care` asks the readings: one tuple, not one built per call.
_CARE_READ = ("health", "patients", *_BEYOND_CARE)


def _individual_care(
    activity: Activity, declared: DpiaScreening | None, register: Register | None
) -> bool:
    """Whether C4 and C7 come only from patients' health data, in a register that shows
    no hospital or laboratory scale (DP03, Recital 91). Children among the patients are
    still patients: a family doctor or a dentist treats them too."""
    if declared is not None and declared.criteria is not None:
        return False  # the register screened itself: its criteria stand
    special = activity.special_categories if isinstance(activity.special_categories, list) else []
    if any(use.category != "health" for use in special):
        return False
    patients = False
    groups = activity.data_subjects if isinstance(activity.data_subjects, list) else []
    for group in groups:
        if not isinstance(group, DataSubjectGroup) or not (
            group.children is True or group.vulnerable
        ):
            continue
        if not says(group.category, "patients"):
            return False  # pupils, employees, the elderly: vulnerable for another reason
        patients = True
    found = first_readings(activity, _CARE_READ)
    if not (patients or "patients" in found):
        return False  # C7 from children or others who are not patients
    if _BEYOND_CARE_SET & found.keys():
        return False
    if register is None:
        return True
    staff = register.organisation.employees
    if isinstance(staff, int) and staff >= _PRACTICE_STAFF_MAX:
        return False
    return not says(register.organisation.name, "care_at_scale")


# An organisation with this many employees is no individual practice: the line the GDPR
# itself draws between small and larger organisations (Art. 30(5)), which the register
# records under `organisation.employees`.
_PRACTICE_STAFF_MAX = 250


_BEYOND_CARE_SET = frozenset(_BEYOND_CARE)


def _add_recipients(
    result: Screening, activity: Activity, declared: DpiaScreening | None, register: Register
) -> None:
    """C4 where the activity gives data to health professionals (Art. 4(15)), unless the
    register declares its criteria itself."""
    if "WP248.C4" in result.criteria or (declared is not None and declared.criteria is not None):
        return
    found = health_recipient(activity, register)
    if found is not None:
        identifier, reading = found
        result.criteria.add("WP248.C4")
        result.inferred["WP248.C4"] = msg(
            "\u201c{quote}\u201d in recipient `{id}`", quote=reading.quote(), id=identifier
        )


def _add_inferred(result: Screening, activity: Activity, declared: DpiaScreening | None) -> None:
    """Add the criteria the activity's words meet and the register has not stated."""
    for key, evidence in inferred_criteria(activity, declared).items():
        if key.startswith("WP248") and key not in result.criteria:
            result.criteria.add(key)
            result.inferred[key] = evidence
    large = "WP248.C5" in result.criteria
    if large and "WP248.C4" in result.inferred and "35.3.b" not in result.art35_3:
        result.art35_3.add("35.3.b")
        result.inferred["35.3.b"] = result.inferred["WP248.C4"]
    public_cctv = inferred_criteria(activity, declared).get("CCTV.PUBLIC")
    if large and public_cctv and "35.3.c" not in result.art35_3:
        result.art35_3.add("35.3.c")
        result.inferred["35.3.c"] = public_cctv


def _dpia_done(dpia: Dpia | None) -> bool:
    return dpia is not None and dpia.status in (DpiaStatus.COMPLETED, DpiaStatus.IN_PROGRESS)


_STATUS_WORDS = {
    DpiaStatus.NOT_REQUIRED: msg("not required"),
    DpiaStatus.NOT_STARTED: msg("not started"),
    DpiaStatus.IN_PROGRESS: msg("in progress"),
    DpiaStatus.COMPLETED: msg("completed"),
}


@rule("DP01", "dpia.missing", severity=Severity.ERROR, article="Art. 35(3), 35(4)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """Processing that always needs a DPIA, with no DPIA recorded.

    Why: a DPIA is required before the processing in the cases of Art. 35(3) and for the
    operations on the Data State Inspectorate's Art. 35(4) list (some items only together
    with a WP248 criterion). A recorded `required: false` does not lift this. The DVI list
    is inferred from the register only for organisations established in Latvia (or whose
    country is not stated), and genetic or biometric data count for it only with one
    criterion besides being sensitive data (EDPB Opinion 14/2018). Cameras over a whole
    town's, district's or municipality's territory ("pašvaldības administratīvajā
    teritorijā", "throughout the district") are large-scale by their geographical extent
    (WP243 rev.01, section 2.1.3; the DVI's explainer on large-scale video surveillance
    gives a municipality's cameras over its streets and park as its example) and watch
    publicly accessible areas: Art. 35(3)(c) (`screening.large_scale: false` is the
    register's answer to that). So are cameras in the public places "of" or "in" a
    municipality, town or parish ("publiskās vietās Pļaviņu novadā", "novada publiskajās
    vietās", "public places in the borough"): the places are many, spread over its
    territory.

    Fails:

    ```yaml
    activities:
      - id: staff-monitoring
        name: Monitoring of staff e-mail
        dpia:  # ← DP01
          screening: {criteria: [WP248.C3], dvi_list: [LV.DPIA.07]}
    ```

    Passes:

    ```yaml
    activities:
      - id: staff-monitoring
        name: Monitoring of staff e-mail
        dpia:
          required: true
          status: completed
          reference: DPIA-2024-02
          completed_on: 2024-04-30
          screening: {criteria: [WP248.C3], dvi_list: [LV.DPIA.07]}
    ```
    """
    dvi = dvi_list_applies(register)
    for activity in register.activities:
        dpia = activity.dpia if isinstance(activity.dpia, Dpia) else None
        if _dpia_done(dpia) or (dpia is not None and dpia.required is True):
            continue
        reasons = screen(activity, dvi_list=dvi, register=register).mandatory()
        if reasons:
            yield Violation(
                activity.at("dpia"),
                msg(
                    "`{id}` needs a DPIA ({items}), but none is recorded",
                    id=activity.id,
                    items=joined(reasons, "; "),
                ),
                msg(
                    "carry out the DPIA before processing and record `dpia:` with its "
                    "status and reference"
                ),
            )


@rule("DP03", "dpia.likely", severity=Severity.WARNING, article="Art. 35(1); WP248")
def likely(register: Register, context: Context) -> Iterator[Violation]:
    """Processing meeting two or more WP248 criteria, with no DPIA and no recorded decision.

    Why: the WP248 guidelines (endorsed by the EDPB, restated in the DVI list) say that in
    most cases processing meeting two criteria requires a DPIA. Where the controller
    concludes otherwise, it records that decision and why (`required: false`, with the
    reasoning in `screening.notes`); this rule then stays quiet.

    Patients' health data alone meets two criteria (C4 sensitive data, C7 vulnerable
    data subjects), yet WP248's own examples need no DPIA for "an individual physician"
    processing their patients' data, since that is not large scale (Recital 91), and
    one for a hospital. So that pair alone, with nothing else sensitive and no vulnerable
    people other than the patients (children among them included), counts only where the
    register shows more than a
    practice: large scale (C5, declared or in its words), or a hospital or a laboratory
    service (which tests the patients of many practitioners) in the organisation's name
    or the activity's words, or 250 employees or more (`organisation.employees`, the
    line Art. 30(5) draws). Otherwise the DPIA question is left to DP24's note where
    `dpia` is open; a register that declares its own `screening.criteria` is taken at
    its word. The register does not record how many patients there are: a clinic of
    several doctors with fewer than 250 employees reads as a practice here, and its DPO
    decides, recording the decision as below (or `screening.large_scale: true`).

    Monitoring people at work meets two criteria: an activity whose words show
    systematic monitoring (C3: cameras, monitoring, location tracking) and whose data
    subjects include its staff also meets C7, as WP248 rev.01 names employees among the
    vulnerable data subjects (the power imbalance) and gives the systematic monitoring
    of employees' activities as its example of the two criteria; `vulnerable: false` on
    the staff group is the register's answer to that.

    Offences named only in a purpose of preventing or detecting them ("noziedzīgu
    nodarījumu novēršana", "to prevent and detect crime") do not meet C4: they say why
    cameras film, not that the activity holds data on anyone's offences (Art. 10 concerns
    the convictions and offences of identified persons; EDPB Guidelines 3/2019 treat such
    cameras under Art. 6(1)(f), footage becoming Art. 9 or 10 data only when used for it),
    as SD22 reads them. So a shop's or an office's cameras meet one criterion (C3), not
    two, unless the register shows another: staff filmed (C7), vulnerable people, large
    scale (with a publicly accessible area, Art. 35(3)(c): DP01), new technology, or
    offences in the data itself or a declared `criminal_data` (C4; DVI list item 01:
    DP01). DP24 asks what their one criterion leaves open.

    Fails:

    ```yaml
    activities:
      - id: patients  # ← DP03
        name: Hospital patient records
        data_subjects:
          - {category: patients, vulnerable: true}
        special_categories:
          - {category: health, condition: health_or_social_care, law: Pacientu tiesību likums}
    ```

    Passes:

    ```yaml
    activities:
      - id: patients
        name: Patient records
        data_subjects:
          - {category: patients, vulnerable: true}
        special_categories:
          - {category: health, condition: health_or_social_care, law: Pacientu tiesību likums}
        dpia:
          required: false
          status: not_required
          screening:
            notes: Individual practice, not large scale; DVI Art. 35(5) list item 2 applies.
    ```
    """
    dvi = dvi_list_applies(register)
    for activity in register.activities:
        dpia = activity.dpia if isinstance(activity.dpia, Dpia) else None
        if _dpia_done(dpia) or (
            dpia is not None and dpia.required is not None and dpia.required != "unknown"
        ):
            continue
        screening = screen(activity, dvi_list=dvi, register=register)
        reason = screening.likely()
        if reason and not screening.mandatory():
            yield Violation(
                activity.at("dpia"),
                msg(
                    "`{id}` meets {reason}: in most cases a DPIA is required, and none is recorded",
                    id=activity.id,
                    reason=reason,
                ),
                msg(
                    "carry out the DPIA, or record the decision not to (`dpia: "
                    "{required: false}`) with the reasoning in `screening.notes`"
                ),
            )


@rule("DP02", "dpia.not-completed", severity=Severity.WARNING, article="Art. 35(1)")
def not_completed(register: Register, context: Context) -> Iterator[Violation]:
    """A DPIA recorded as required but not completed, for processing that is running.

    Why: the assessment is carried out prior to the processing (Art. 35(1)).

    Fails:

    ```yaml
    activities:
      - id: cctv
        name: Video surveillance
        dpia:
          required: true
          status: not_started  # ← DP02
    ```

    Passes:

    ```yaml
    activities:
      - id: cctv
        name: Video surveillance
        dpia: {required: true, status: completed, reference: DPIA-2023-01}
    ```
    """
    for activity in register.activities:
        dpia = activity.dpia
        if not isinstance(dpia, Dpia) or dpia.required is not True:
            continue
        if activity.status is ActivityStatus.ACTIVE and dpia.status is not DpiaStatus.COMPLETED:
            state = _STATUS_WORDS[dpia.status] if dpia.status else msg("no status")
            yield Violation(
                activity.at("dpia", "status"),
                msg(
                    "`{id}` is running, but its required DPIA is not completed ({state})",
                    id=activity.id,
                    state=state,
                ),
                msg("complete the DPIA and record `status: completed` with its reference"),
            )
