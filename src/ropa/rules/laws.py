"""Laws the register cites that are no longer in force."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.laws import LAWS, laws_cited
from ropa.model.activity import (
    Activity,
    CriminalData,
    DataCategory,
    LegalObligationBasis,
    NationalId,
    PublicTaskBasis,
    Retention,
    UndecidedBasis,
    UnstatedLetterBasis,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.rules import Context, Violation, not_stated, rule


def _conditions(activity: Activity) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """Every value that cites a law as the ground for special-category, criminal-conviction
    or national-id data (Art. 9(2), 10, 87), with its path in the activity."""
    if isinstance(activity.special_categories, list):
        for index, use in enumerate(activity.special_categories):
            yield ("special_categories", index, "law"), use.law
    if isinstance(activity.criminal_data, CriminalData):
        yield ("criminal_data", "law"), activity.criminal_data.law
    if isinstance(activity.national_id, NationalId):
        yield ("national_id", "justification"), activity.national_id.justification


# The bases that name a law (a tuple: `isinstance` reads one faster than a union).
_CITING = (LegalObligationBasis, PublicTaskBasis, UndecidedBasis, UnstatedLetterBasis)


def _citations(activity: Activity) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """Every value of the activity that cites a law for its legal basis or its retention,
    with its path in the activity (its location is made only for a finding: most values
    cite nothing). The grounds for special data are `_conditions`, SD05's. A basis's law
    or note left out is not given (nor its path made: most notes are left out)."""
    if isinstance(activity.purposes, list):
        for index, purpose in enumerate(activity.purposes):
            for path, basis in purpose.bases():
                if isinstance(basis, _CITING) and basis.law is not None:
                    yield ("purposes", index, *path, "law"), basis.law
                if basis.note is not None:
                    yield ("purposes", index, *path, "note"), basis.note
    retentions: list[tuple[tuple[str | int, ...], Retention]] = []
    if isinstance(activity.retention, Retention):
        retentions.append((("retention",), activity.retention))
    if isinstance(activity.personal_data, list):
        for index, item in enumerate(activity.personal_data):
            if isinstance(item, DataCategory) and isinstance(item.retention, Retention):
                retentions.append((("personal_data", index, "retention"), item.retention))
    for path, retention in retentions:
        yield (*path, "reason"), retention.reason
        yield (*path, "notes"), retention.notes


def _en_bloc_citations(activity: Activity) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """The laws and notes of the bases the source lists for all purposes together."""
    for index, basis in enumerate(activity.bases_en_bloc or []):
        if isinstance(basis, _CITING) and basis.law is not None:
            yield ("bases_en_bloc", index, "law"), basis.law
        if basis.note is not None:
            yield ("bases_en_bloc", index, "note"), basis.note


@rule("LB13", "legal-basis.repealed-law", severity=Severity.WARNING, article="Art. 6(3), 30(1)")
def repealed_law(register: Register, context: Context) -> Iterator[Violation]:
    """A law cited that is no longer in force.

    Why: a basis laid down by law (Art. 6(3)) or a retention period holds only while the
    law does. Privacy notices still cite the Personal Data Protection
    Law of 2000 (Fizisko personu datu aizsardzības likums), repealed when the Personal Data
    Processing Law took effect on 5 July 2018, the law "On Accounting", replaced by the
    Accounting Law on 1 January 2022, and the law "Par Latvijas Banku", replaced by the
    Latvijas Bankas likums on 1 January 2023. The laws and their status are in
    `ropa.knowledge.laws`, with their sources. A repealed law given as the ground for
    special-category, criminal-conviction or national-id data is SD05's. One law cited in
    several places is one finding, with the other places related.
    A law in the bases listed for all purposes together (`bases_en_bloc:`) is read too,
    with the purposes it is cited for as related places.

    Fails:

    ```yaml
    activities:
      - id: clients
        name: Clients
        purposes:
          - purpose: Client records
            legal_basis:
              basis: legal_obligation
              law: Fizisko personu datu aizsardzības likums  # ← LB13
    ```

    Passes:

    ```yaml
    activities:
      - id: clients
        name: Clients
        purposes:
          - purpose: Client records
            legal_basis:
              basis: legal_obligation
              law: Fizisko personu datu apstrādes likums, 25. pants
    ```
    """
    for activity in register.activities:
        yield from _repealed(activity, _citations(activity))
        if activity.bases_en_bloc is not None:
            # A law the source lists for all purposes together is cited for each purpose
            # it leaves without a basis of its own: those purposes are related places.
            covered = tuple(
                activity.at("purposes", index)
                for index, purpose in enumerate(
                    activity.purposes if isinstance(activity.purposes, list) else []
                )
                if not_stated(purpose.legal_basis)
            )
            for violation in _repealed(activity, _en_bloc_citations(activity)):
                yield replace(violation, related=violation.related + covered)


def _repealed(
    activity: Activity, citations: Iterator[tuple[tuple[str | int, ...], object]]
) -> Iterator[Violation]:
    """A finding for each law no longer in force that the cited values name."""
    for path, value in citations:
        if value is None:
            continue
        texts = dict.fromkeys(text_of(value, language) for language in ("lv", "en"))
        reported: set[str] = set()
        for text in texts:
            for law, words in laws_cited(text):
                if law.in_force or law.id in reported:
                    continue
                reported.add(law.id)
                successor = LAWS[law.successor] if law.successor else None
                since = msg(" since {date}", date=law.repealed_on) if law.repealed_on else ""
                hedge = (
                    msg("is no longer in force") if law.verified else msg("appears to be repealed")
                )
                replaced = msg(" (replaced by {title})", title=successor.title) if successor else ""
                yield Violation(
                    activity.at(*path),
                    msg(
                        "`{id}` cites “{words}” ({english}), which {hedge}{since}{replaced}",
                        id=activity.id,
                        words=words,
                        english=law.english,
                        hedge=hedge,
                        since=since,
                        replaced=replaced,
                    ),
                    msg(
                        "cite the law in force{value}, with the provision",
                        value=f": {successor.title}" if successor else "",
                    ),
                    # One repealed law cited across the register is one finding, with the
                    # other places related (issue 11 section 5).
                    cause=f"repealed:{law.id}",
                )


@rule("SD05", "special-data.repealed-law", severity=Severity.WARNING, article="Art. 9(2), 10")
def repealed_condition(register: Register, context: Context) -> Iterator[Violation]:
    """A law no longer in force given as the ground for special data.

    Why: an Art. 9(2) condition that rests on Member State law (points (b), (g)-(j)), the
    Art. 10 authorisation for criminal-conviction data and the justification for a
    national identification number (Art. 87) hold only while that law does. Notices still
    give the Personal Data Protection Law of 2000 (Fizisko personu datu aizsardzības
    likums, repealed on 5 July 2018) as the ground for health data; the clinic then has
    no recorded ground at all. Same list of laws as LB13 (`ropa.knowledge.laws`), which
    reports them where they are cited for a legal basis or a retention.

    Fails:

    ```yaml
    activities:
      - id: patients
        name: Patients
        special_categories:
          - category: health
            condition: health_or_social_care
            law: Fizisko personu datu aizsardzības likums, 11. pants  # ← SD05
    ```

    Passes:

    ```yaml
    activities:
      - id: patients
        name: Patients
        special_categories:
          - category: health
            condition: health_or_social_care
            law: Ārstniecības likums; Pacientu tiesību likums
    ```
    """
    for activity in register.activities:
        yield from _repealed(activity, _conditions(activity))


@rule("SE04", "security.repealed-law", severity=Severity.WARNING, article="Art. 32(1), 30(1)(g)")
def repealed_security_law(register: Register, context: Context) -> Iterator[Violation]:
    """A security measure described by a law no longer in force.

    Why: the record describes the technical and organisational measures taken (Art.
    30(1)(g)), which must fit the risk (Art. 32(1)). A measure written as compliance with
    a repealed act says neither: notices still give "the mandatory technical and
    organisational requirements" of Cabinet Regulation No. 40 of 2001 (Personas datu
    aizsardzības obligātās tehniskās un organizatoriskās prasības), issued under the
    Personal Data Protection Law of 2000, which was repealed on 5 July 2018, taking the
    regulation's ground with it. Its requirements are no standard the controller is held
    to any longer, and the record does not say what is done. Same list of laws as LB13
    (`ropa.knowledge.laws`), read in the measure's name, description and notes. One law
    named by several measures is one finding, with the other places related.

    Fails:

    ```yaml
    security_measures:
      - id: mk40
        name: Atbilstoši MK 30.01.2001. noteikumiem Nr. 40  # ← SE04
    ```

    Passes:

    ```yaml
    security_measures:
      - id: access
        name: Piekļuve personas datiem tikai pilnvarotiem darbiniekiem ar personīgu paroli
    ```
    """
    for measure in register.security_measures:
        reported: set[str] = set()
        for key in ("name", "description", "notes"):
            value = getattr(measure, key)
            if value is None:
                continue
            texts = dict.fromkeys(text_of(value, language) for language in ("lv", "en"))
            for text in texts:
                for law, words in laws_cited(text or ""):
                    if law.in_force or law.id in reported:
                        continue
                    reported.add(law.id)
                    since = msg(" since {date}", date=law.repealed_on) if law.repealed_on else ""
                    hedge = (
                        msg("is no longer in force")
                        if law.verified
                        else msg("appears to be repealed")
                    )
                    yield Violation(
                        measure.at(key),
                        msg(
                            "measure `{id}` is described by “{words}” ({english}), which "
                            "{hedge}{since}: it does not say what is done",
                            id=measure.id,
                            words=words,
                            english=law.english,
                            hedge=hedge,
                            since=since,
                        ),
                        msg(
                            "describe the measures actually taken (who has access, how the "
                            "data is protected), as Art. 32(1) asks"
                        ),
                        cause=f"repealed-measure:{law.id}",
                    )
