"""Art. 30(1)(g), 32: a general description of real security measures."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge import lexicon
from ropa.knowledge.concepts import SPECIAL
from ropa.model.activity import Activity, CriminalData
from ropa.model.catalogues import SecurityMeasure
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.rules import ABSENT, Context, Violation, not_stated, rule
from ropa.rules._reading import first_readings, topic


def boilerplate(measure: SecurityMeasure) -> str | None:
    """The boilerplate words a measure consists of, if it says nothing more concrete.

    Read through the text layer: boilerplate wording ("atbilstoši tehniskie un
    organizatoriskie pasākumi", "general assurance of integrity, confidentiality and
    security", a link to the privacy policy) in any inflection or language, and no
    concrete measure (encryption, access control, backups, training ...) beside it."""
    found: str | None = None
    for text in _texts(measure):
        stated = lexicon.stated(text)
        if "security_concrete" in stated:
            return None
        if found is None and "security_boilerplate" in stated:
            found = stated["security_boilerplate"].matched
    return found


def _texts(measure: SecurityMeasure) -> list[str]:
    values = (measure.name, measure.description)
    return [text for value in values for text in {text_of(value, "lv"), text_of(value, "en")}]


# What makes missing security measures matter more: sensitive data and people, monitoring.
_RISKY = (*SPECIAL, "criminal", "national_id", "children", "patients", "vulnerable", "cctv")
_RISKY += ("financial", "communications", "location", "biometric")


def _risk(activity: Activity) -> str | None:
    """What the activity holds that raises the stakes of its security, if anything."""
    if isinstance(activity.special_categories, list) and activity.special_categories:
        return msg("special-category data")
    if isinstance(activity.criminal_data, CriminalData):
        return msg("criminal-conviction data")
    found = first_readings(activity, _RISKY)
    reading = next(iter(found.values()), None)
    return topic(reading.inference.concept) if reading else None


@rule("SE01", "security.missing", severity=Severity.WARNING, article="Art. 30(1)(g), 32(1)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """An activity without a description of real security measures.

    Why: the record gives, where possible, a general description of the technical and
    organisational measures of Art. 32(1) (Art. 30(1)(g)). Only boilerplate ("appropriate
    measures") describes nothing. Activities that hold special-category, criminal,
    identifying, financial, location or communications data, or concern children,
    patients or vulnerable people, or film people, are reported one by one; the others
    that say nothing share one finding that lists them (one silence in the record).

    Fails:

    ```yaml
    security_measures:
      - id: best-efforts
        name: Visu iespējamo, lai dati būtu drošībā
    activities:
      - id: orders
        name: Orders
        security_measures: unknown  # ← SE01
      - id: returns
        name: Returns
        security_measures: [best-efforts]  # ← SE01
    ```

    Passes:

    ```yaml
    security_measures:
      - id: access
        name: Role-based access control
        kind: organisational
        description: Staff see only their shop's orders; access reviewed quarterly.
    activities:
      - id: orders
        name: Orders
        security_measures: [access]
    ```
    """
    boilerplate_ids = {m.id for m in register.security_measures if boilerplate(m) is not None}
    for activity in register.activities:
        ids = activity.security_measures
        if not_stated(ids):
            risk = _risk(activity)
            yield Violation(
                activity.at("security_measures"),
                msg(
                    "`{id}` describes no security measures, though it concerns {risk}",
                    id=activity.id,
                    risk=risk,
                )
                if risk
                else msg("`{id}` describes no security measures", id=activity.id),
                msg("list the measures that protect this data under `security_measures:`"),
                # Where nothing raises the risk, one silence over many activities is one
                # gap in the record: reported once, with the activities it covers.
                cause=None if risk else f"{ABSENT}security_measures",
            )
            continue
        if isinstance(ids, list) and ids and all(i in boilerplate_ids for i in ids):
            yield Violation(
                activity.at("security_measures"),
                msg(
                    "`{id}` lists only boilerplate security wording, no real measure",
                    id=activity.id,
                ),
                msg(
                    "describe what is actually done: access control, encryption, backups, training"
                ),
                cause="measures:" + ",".join(sorted(ids)),
            )


@rule("SE02", "security.boilerplate", severity=Severity.WARNING, article="Art. 32(1)")
def boilerplate_measure(register: Register, context: Context) -> Iterator[Violation]:
    """A security measure that is boilerplate.

    Why: "appropriate technical and organisational measures", "dažādi tehniskie
    risinājumi", "general assurance of integrity, confidentiality and security" or a link
    to the privacy policy restate Art. 32 instead of describing a measure; a regulator
    cannot judge them. The wording is recognised in any inflection, in Latvian or English,
    with or without diacritics; a measure that also names something concrete (encryption,
    access control, backups, training) is not boilerplate.

    Fails:

    ```yaml
    security_measures:
      - id: measures
        name: Appropriate technical and organisational measures  # ← SE02
      - id: pasakumi
        name: Atbilstošus tehniskos un organizatoriskos pasākumus  # ← SE02
    ```

    Passes:

    ```yaml
    security_measures:
      - id: encryption
        name: Encryption
        kind: technical
        description: TLS 1.2+ in transit; the customer database is encrypted at rest.
    ```
    """
    for measure in register.security_measures:
        phrase = boilerplate(measure)
        if phrase is not None:
            yield Violation(
                measure.at("name"),
                msg(
                    "security measure `{id}` is boilerplate (“{phrase}”) and names no "
                    "concrete measure",
                    id=measure.id,
                    phrase=phrase,
                ),
                msg("say what exactly is done, in `description:`"),
            )
