"""Art. 35: a DPIA where the screening says one is needed.

The screening combines what the record declares (`dpia.screening`) with what its contents
show: special-category or criminal data (WP248 C4; DVI list item 01 for criminal data),
children and vulnerable people (C7), profiling (C1), automated decisions with legal or
similar effects (C2, and with profiling Art. 35(3)(a)), large scale (C5, and with special
or criminal data Art. 35(3)(b)), biometric or genetic identification (DVI items 13, 04).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ropa.findings import Severity
from ropa.knowledge.dpia import ART_35_3, DVI_LIST, WP248_CRITERIA, WP248_THRESHOLD
from ropa.model.activity import (
    Activity,
    AutomatedDecisions,
    CriminalData,
    DataSubjectGroup,
    Dpia,
    Profiling,
)
from ropa.model.register import Register
from ropa.model.vocabulary import ActivityStatus, DpiaStatus
from ropa.rules import Context, Violation, rule


@dataclass
class Screening:
    criteria: set[str] = field(default_factory=set)
    dvi_list: set[str] = field(default_factory=set)
    art35_3: set[str] = field(default_factory=set)

    def reasons(self) -> list[str]:
        """Why a DPIA is required, empty when it is not."""
        reasons = [
            f"Art. {case[:2]}(3)({case[-1]}): {ART_35_3[case]}" for case in sorted(self.art35_3)
        ]
        for item in sorted(self.dvi_list):
            fact = DVI_LIST[item]
            if not fact.needs_wp248_criterion or self.criteria:
                reasons.append(f"DVI list {item}: {fact.description}")
        if len(self.criteria) >= WP248_THRESHOLD:
            named = ", ".join(f"{c[-2:]} {WP248_CRITERIA[c]}" for c in sorted(self.criteria))
            reasons.append(f"{len(self.criteria)} WP248 criteria ({named})")
        return reasons


def screen(activity: Activity) -> Screening:
    """What the record declares and shows about the need for a DPIA."""
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
    if criminal:
        result.dvi_list.add("LV.DPIA.01")
    for use in special:
        if use.category == "biometric":
            result.dvi_list.add("LV.DPIA.13")
        if use.category == "genetic":
            result.dvi_list.add("LV.DPIA.04")
    if isinstance(activity.data_subjects, list) and any(
        isinstance(s, DataSubjectGroup) and (s.children or s.vulnerable)
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
    return result


def _dpia_done(dpia: Dpia | None) -> bool:
    return dpia is not None and dpia.status in (DpiaStatus.COMPLETED, DpiaStatus.IN_PROGRESS)


@rule("DP01", "dpia.missing", severity=Severity.ERROR, article="Art. 35(1), 35(3), 35(4)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """Processing the screening marks as high-risk, with no DPIA recorded.

    Why: a DPIA is required before processing likely to result in a high risk (Art. 35(1)):
    always in the Art. 35(3) cases, for the operations on the Data State Inspectorate's
    Art. 35(4) list, and in most cases where two or more WP248 criteria are met.

    Fails:

    ```yaml
    activities:
      - id: staff-monitoring
        name: Monitoring of staff e-mail
        data_subjects:
          - {category: employees, vulnerable: true}
        dpia:  # ← DP01
          screening: {criteria: [WP248.C3], dvi_list: [LV.DPIA.07]}
    ```

    Passes:

    ```yaml
    activities:
      - id: staff-monitoring
        name: Monitoring of staff e-mail
        data_subjects:
          - {category: employees, vulnerable: true}
        dpia:
          required: true
          status: completed
          reference: DPIA-2024-02
          completed_on: 2024-04-30
          screening: {criteria: [WP248.C3], dvi_list: [LV.DPIA.07]}
    ```
    """
    for activity in register.activities:
        dpia = activity.dpia if isinstance(activity.dpia, Dpia) else None
        if _dpia_done(dpia) or (dpia is not None and dpia.required is True):
            continue
        reasons = screen(activity).reasons()
        if reasons:
            yield Violation(
                activity.at("dpia"),
                f"`{activity.id}` needs a DPIA ({'; '.join(reasons)}), but none is recorded",
                "carry out the DPIA before processing and record `dpia:` with its status and "
                "reference",
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
            state = dpia.status.value.replace("_", " ") if dpia.status else "no status"
            yield Violation(
                activity.at("dpia", "status"),
                f"`{activity.id}` is running, but its required DPIA is not completed ({state})",
                "complete the DPIA and record `status: completed` with its reference",
            )
