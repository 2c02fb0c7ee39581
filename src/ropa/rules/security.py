"""Art. 30(1)(g), 32: a general description of real security measures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import counted, msg
from ropa.knowledge import lexicon
from ropa.knowledge.concepts import SPECIAL
from ropa.model.activity import Activity, CriminalData
from ropa.model.catalogues import SecurityMeasure
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import MeasureKind
from ropa.rules import ABSENT, Context, Violation, not_stated, rule
from ropa.rules._reading import first_readings, topic


def boilerplate(measure: SecurityMeasure) -> str | None:
    """The boilerplate words a measure consists of, if it says nothing more concrete.

    Read through the text layer: boilerplate wording ("atbilstoši tehniskie un
    organizatoriskie pasākumi", "general assurance of integrity, confidentiality and
    security", a link to the privacy policy) in any inflection or language, and no
    concrete measure (encryption, access control, backups, training, access only for
    authorised persons ...) or internal document cited by number or date beside it: the
    general formula is boilerplate only when nothing concrete comes with it."""
    found: str | None = None
    for text in _texts(measure):
        stated = lexicon.stated(text)
        if "internal_act" in stated or _concrete_beyond_aim(text):
            return None
        if found is None and "security_boilerplate" in stated:
            found = stated["security_boilerplate"].matched
    return found


# The aim the measures serve, stated as such: "lai nodrošinātu, ka ...", "to ensure that
# ...". What follows in the same sentence says what is to be achieved, not what is done.
_AIM = re.compile(
    r"\b(?:lai\s+(?:nodrošinātu|nodrošinatu|garantētu|garantetu|panāktu|panaktu)"
    r"|(?:in\s+order\s+|so\s+as\s+|designed\s+|intended\s+)?to\s+(?:ensure|make\s+sure)"
    r"|so\s+that)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?\n]")


def _concrete_beyond_aim(text: str) -> bool:
    """Whether the text names a concrete measure other than as the aim of the measures.

    "Lai nodrošinātu, ka personas datiem var piekļūt tikai pilnvarotas personas" ("to
    ensure that only authorised persons can access the data") names what the measures
    are to achieve, the confidentiality Art. 32(1)(b) asks for, not a measure that achieves
    it: a concrete measure met after such an aim in the same sentence does not make the
    boilerplate beside it concrete. Any concrete measure outside an aim does."""
    for inference in lexicon.infer(text):
        if inference.negated or inference.concept != "security_concrete":
            continue
        head = text[: inference.start]
        ends = [m.end() for m in _SENTENCE_END.finditer(head)]
        sentence = head[ends[-1] :] if ends else head
        if not _AIM.search(sentence):
            return True
    return False


def _texts(measure: SecurityMeasure) -> list[str]:
    values = (measure.name, measure.description)
    # In a fixed order (Latvian first), never a set's: the finding quotes the first
    # boilerplate met, and a set's order changes from run to run with string hashing.
    texts = (text_of(value, language) for value in values for language in ("lv", "en"))
    return list(dict.fromkeys(texts))


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
    organisational measures of Art. 32(1) (Art. 30(1)(g)). An activity whose only measures
    are boilerplate ("appropriate measures") describes nothing either, but that gap is in
    the measure: SE02 reports it there, naming the activities that rely on it alone, so it
    is not said again here. Where several activities say nothing, that is one
    silence in the record, usually a register written from a notice that never speaks of
    security: it is reported once, naming every activity, and the message says what
    raises the stakes (special-category, criminal, identifying, financial, location or
    communications data; children, patients or vulnerable people; filming) when the first
    activity holds it. Saying it again for each activity that holds such data repeats
    one gap, which a reader fixes once for the register.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Orders
        security_measures: unknown  # ← SE01
      - id: returns
        name: Returns
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
    for activity in register.activities:
        if not not_stated(activity.security_measures):
            continue
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
            # One silence over many activities is one gap in the record: reported once,
            # with the activities it covers.
            cause=f"{ABSENT}security_measures",
        )


@rule("SE02", "security.boilerplate", severity=Severity.WARNING, article="Art. 32(1)")
def boilerplate_measure(register: Register, context: Context) -> Iterator[Violation]:
    """A security measure that is boilerplate.

    Why: "appropriate technical and organisational measures", "dažādi tehniskie
    risinājumi", "general assurance of integrity, confidentiality and security", "stored
    securely", "secure servers", "appropriate administrative, technical and physical
    measures" ("administratīvie, tehniskie un fiziskie pasākumi": the kinds of measure
    listed, none of them named), "various security technologies and procedures"
    ("dažādas drošību nodrošinošas tehnoloģijas un procedūras": that some exist, not which)
    or a link to the privacy policy restate Art. 32 instead
    of describing a measure; a regulator
    cannot judge them. The wording is recognised in any inflection, in Latvian or English,
    with or without diacritics; a measure that also names something concrete (encryption,
    access control, backups, training) is not boilerplate. What the measures are to achieve,
    stated as their aim ("lai nodrošinātu, ka personas datiem var piekļūt tikai pilnvarotas
    personas", "to ensure that only authorised staff can access your data"), is the
    confidentiality Art. 32(1)(b) already asks for, not a measure: a concrete word met after
    such an aim in the same sentence does not lift the boilerplate (Art. 30(1)(g) asks for a
    description of the measures themselves). The activities whose only
    measures are boilerplate describe no security at all (Art. 30(1)(g)): the finding
    counts and names them, once, at the measure where the fix is made. Every activity
    that lists the measure is a related location (those with no other measure first), so
    the finding shows where the boilerplate stands in for a description.

    Fails:

    ```yaml
    security_measures:
      - id: measures
        name: Appropriate technical and organisational measures  # ← SE02
      - id: pasakumi
        name: Atbilstošus tehniskos un organizatoriskos pasākumus  # ← SE02
    activities:
      - id: orders
        name: Orders
        security_measures: [pasakumi]
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
    phrases = {m.id: boilerplate(m) for m in register.security_measures}
    alone: dict[str, list[Activity]] = {}
    using: dict[str, list[Activity]] = {}
    for activity in register.activities:
        ids = activity.security_measures
        if not isinstance(ids, list) or not ids:
            continue
        for measure_id in dict.fromkeys(ids):
            if phrases.get(measure_id):
                using.setdefault(measure_id, []).append(activity)
        if all(phrases.get(i) for i in ids):
            for measure_id in dict.fromkeys(ids):
                alone.setdefault(measure_id, []).append(activity)
    for measure in register.security_measures:
        phrase = phrases[measure.id]
        if phrase is None:
            continue
        relying = alone.get(measure.id, [])
        message = msg(
            "security measure `{id}` is boilerplate (“{phrase}”) and names no concrete measure",
            id=measure.id,
            phrase=phrase,
        )
        yield Violation(
            measure.at("name"),
            counted(
                "{message}; {count} activity has no other measure: {names}",
                "{message}; {count} activities have no other measure: {names}",
                message=message,
                count=len(relying),
                names=_names(relying),
            )
            if relying
            else message,
            msg("say what exactly is done, in `description:`"),
            # Every activity relying on it, those with no other measure first: the gap
            # bites where the measure is used, and the user looks there.
            related=tuple(
                activity.at("security_measures")
                for activity in relying + [a for a in using.get(measure.id, []) if a not in relying]
            ),
        )


# How many activities a message names; every one is a related location.
_NAMED = 10


def _names(activities: list[Activity]) -> str:
    shown = ", ".join(f"`{activity.id}`" for activity in activities[:_NAMED])
    return shown + (", \u2026" if len(activities) > _NAMED else "")


@rule(
    "SE03",
    "security.no-technical",
    severity=Severity.INFO,
    article="Art. 30(1)(g), 32(1)",
)
def no_technical(register: Register, context: Context) -> Iterator[Violation]:
    """An activity whose security measures are all organisational, or of a kind not stated.

    Why: the record describes the technical and organisational measures of Art. 32(1)
    (Art. 30(1)(g)); Art. 32(1) names what the systems themselves must do:
    pseudonymisation and encryption, the confidentiality, integrity and availability of
    the systems, restoring access after an incident, regular testing. An activity whose
    measures the register itself marks `kind: organisational` (guidelines, trained
    staff, confidentiality undertakings) and none of which names a technical one
    (encryption, passwords, access control or access limited to authorised people,
    backups, logging, a firewall, TLS ... in any inflection, Latvian or English)
    describes half of what is asked (who may see the data, "access only for the employees
    whose duties need it", "piekļuve tikai dažiem darbiniekiem", is the organisation's
    rule, and does not say that the systems enforce it): how the data is protected in the
    systems that hold it is not said. An internal document cited by its number or date is where the
    description is (Art. 30(1)(g) asks for a general one): such an activity is not
    reported. A measure of `kind: unknown` is not taken for a technical one: the source
    did not say it is, so unless its words name a technical measure the activity is
    reported as one whose measures name none; so is a measure of both kinds
    (`[technical, organisational]`) whose words are only the general formula ("technical
    and organisational measures"), while one that says what it does is taken at its
    word. Activities whose only measures are boilerplate are SE02's.
    Where several
    activities are alike, one note names them all: the register describes its measures
    once, and is fixed once.

    Fails:

    ```yaml
    security_measures:
      - id: guidelines
        name: Vadlīnijas datu vākšanā un glabāšanā
        kind: organisational
      - id: trained-staff
        name: Apmācīts personāls
        kind: organisational
    activities:
      - id: loyalty
        name: Lojalitātes programma
        security_measures: [guidelines, trained-staff]  # ← SE03
    ```

    Passes:

    ```yaml
    security_measures:
      - id: trained-staff
        name: Apmācīts personāls
        kind: organisational
      - id: accounts
        name: Lietotāju konti ar parolēm un lomām
        kind: technical
    activities:
      - id: loyalty
        name: Lojalitātes programma
        security_measures: [trained-staff, accounts]
    ```
    """
    measures = {measure.id: measure for measure in register.security_measures}
    verdicts: dict[str, bool] = {}
    for activity in register.activities:
        ids = activity.security_measures
        if not isinstance(ids, list) or not ids:
            continue
        if any(i not in measures for i in ids):
            continue  # a measure not in the catalogue: the reference check says so
        used = [measures[i] for i in dict.fromkeys(ids)]
        if any(_stated_technical(measure) for measure in used):
            continue
        if all(boilerplate(measure) for measure in used):
            continue  # SE02 reports the boilerplate, naming this activity
        if any(_technical_or_cited(measure, verdicts) for measure in used):
            continue
        unstated = [measure.id for measure in used if measure.kind != MeasureKind.ORGANISATIONAL]
        if unstated:
            yield Violation(
                activity.at("security_measures"),
                msg(
                    "no security measure of `{id}` is described as technical ({measures}: "
                    "no kind stated, or both kinds in general words) and none names one "
                    "(encryption, access control in the systems, backups, logging)",
                    id=activity.id,
                    measures=", ".join(f"`{identifier}`" for identifier in unstated),
                ),
                msg(
                    "say each measure's kind (`kind: technical` or `organisational`), and "
                    "describe the technical measures that protect this data in its systems"
                ),
                # The message names the measures: activities share it only with them.
                cause=f"{ABSENT}security_measures:technical:" + ",".join(unstated),
            )
            continue
        yield Violation(
            activity.at("security_measures"),
            msg(
                "the security measures of `{id}` are all organisational: no technical "
                "measure (encryption, access control in the systems, backups, logging) "
                "is described",
                id=activity.id,
            ),
            msg(
                "add the technical measures that protect this data in the systems that "
                "hold it (`kind: technical`), or cite the internal document that "
                "describes them"
            ),
            cause=f"{ABSENT}security_measures:technical",
        )


def _stated_technical(measure: SecurityMeasure) -> bool:
    """Whether the register states the measure is technical. A kind left out is not
    recorded, and the check stays quiet about it (as it always has); `unknown` is not
    technical; both kinds (`[technical, organisational]`) in boilerplate words ("technical
    and organisational measures") describe no technical measure."""
    kind = measure.kind
    if kind is None or kind == MeasureKind.TECHNICAL:
        return True
    return isinstance(kind, list) and boilerplate(measure) is None


def _technical_or_cited(measure: SecurityMeasure, verdicts: dict[str, bool]) -> bool:
    """Whether an organisational measure names a technical one in its words, or cites the
    internal document (by number or date) that describes the measures; once per measure."""
    verdict = verdicts.get(measure.id)
    if verdict is None:
        verdict = any(
            not {"security_technical", "internal_act"}.isdisjoint(lexicon.stated(text))
            for text in _texts(measure)
            if text
        )
        verdicts[measure.id] = verdict
    return verdict
