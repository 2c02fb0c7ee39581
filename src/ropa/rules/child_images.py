"""Photographs and filming of children: the basis their images rest on (Art. 6(1), 7(1);
Recital 38)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.model.activity import Activity, ConsentBasis, DataSubjectGroup, UndecidedBasis
from ropa.model.register import Register
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import Reading, first_readings, readings


def _concerns_children(activity: Activity) -> bool:
    """Whether a group of its data subjects is flagged as children or named as such."""
    subjects = activity.data_subjects if isinstance(activity.data_subjects, list) else []
    if any(isinstance(s, DataSubjectGroup) and s.children is True for s in subjects):
        return True
    return "children" in first_readings(activity, ("children",), ("data_subjects",))


def _photographing(activity: Activity) -> list[Reading]:
    """The words that say people are photographed or filmed, outside a text about cameras
    watching the premises (CCTV has a basis and rules of its own)."""
    # (Asked of every activity, nearly all of which name none: the concepts its readings
    # keep answer that at once.)
    if not first_readings(activity, ("photographing",)):
        return []
    found = readings(activity)
    cameras = {r.location for r in found if r.inference.concept == "cctv"}
    if any(r.key == "name" for r in found if r.inference.concept == "cctv"):
        return []  # an activity named for its cameras films the premises
    return [
        reading
        for reading in found
        if reading.inference.concept == "photographing" and reading.location not in cameras
    ]


def _decided_for(activity: Activity, reading: Reading) -> bool:
    """Whether the words are in a purpose that rests on a definite basis."""
    path = reading.location.path
    if reading.key != "purposes" or not isinstance(activity.purposes, list):
        return False
    index = path[path.index("purposes") + 1] if "purposes" in path else None
    if not isinstance(index, int):
        return False
    bases = activity.purposes[index].bases()
    return bool(bases) and not any(isinstance(basis, UndecidedBasis) for _p, basis in bases)


@rule(
    "LB23",
    "legal-basis.child-images",
    severity=Severity.WARNING,
    article="Art. 6(1), 7(1); Recital 38",
)
def child_images(register: Register, context: Context) -> Iterator[Violation]:
    """Children photographed or filmed, with no basis recorded for their images.

    Why: a picture of an identifiable child is personal data, and children merit specific
    protection (Recital 38). Taking and publishing pictures at events, lessons or for
    publicity is not what a school's or club's statutory task or contract needs, so it
    rests on a basis of its own — usually the consent of the child's legal representative,
    which the controller must be able to show (Art. 6(1)(a), 7(1)); the Latvian Data State
    Inspectorate advises schools to obtain the parents' permission before publishing
    children's photographs (recommendation "Bērnu datu aizsardzība skolās", 2014, as
    reported by LV portāls on 9 July 2014; not checked against the recommendation itself),
    and the Dutch authority requires the consent of the parents of pupils under 16 for a
    school's photos and videos (Autoriteit Persoonsgegevens, "Visual material in
    education").
    Reported when an activity concerning children (a data-subject group flagged
    `children: true`, or named as children or pupils) says in its words that people are
    photographed or filmed, no purpose of it relies on consent, and no purpose whose words
    name the pictures has a definite basis of its own. Cameras watching premises are video
    surveillance, not this (EDPB Guidelines 3/2019); an ID-card photo is an identifier
    that serves the card.

    Fails:

    ```yaml
    activities:
      - id: school
        name: Skolas darbs
        purposes:
          - purpose: Izglītības procesa nodrošināšana
            legal_basis: {basis: public_task, law: Izglītības likums}
        data_subjects:
          - {category: izglītojamie, children: true}
        personal_data:
          - vārds, uzvārds
          - fotografēšana un filmēšana skolas pasākumos  # ← LB23
    ```

    Passes:

    ```yaml
    activities:
      - id: school
        name: Skolas darbs
        purposes:
          - purpose: Izglītības procesa nodrošināšana
            legal_basis: {basis: public_task, law: Izglītības likums}
          - purpose: Skolas pasākumu fotografēšana un fotogrāfiju publicēšana
            legal_basis:
              basis: consent
              consent_record: Vecāku piekrišanas veidlapas skolvadības sistēmā
              withdrawal: Iesniegums skolas lietvedībā
        data_subjects:
          - {category: izglītojamie, children: true}
        personal_data:
          - vārds, uzvārds
          - fotografēšana un filmēšana skolas pasākumos
    ```
    """
    for activity in register.activities:
        found = _photographing(activity)
        if not found or not _concerns_children(activity):
            continue
        purposes = activity.purposes if isinstance(activity.purposes, list) else []
        if any(
            isinstance(basis, ConsentBasis) for purpose in purposes for _p, basis in purpose.bases()
        ):
            continue
        if any(_decided_for(activity, reading) for reading in found):
            continue
        reading = found[0]
        yield Violation(
            reading.location,
            msg(
                "{describe}: children are photographed or filmed in `{id}`, but no purpose "
                "of it relies on consent or says what basis the images rest on",
                describe=reading.describe(),
                id=activity.id,
            ),
            msg(
                "record the purpose the pictures serve with its basis — usually the "
                "consent of the legal representative, with `consent_record:` and "
                "`withdrawal:`"
            ),
        )
