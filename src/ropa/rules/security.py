"""Art. 30(1)(g), 32: a general description of real security measures."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.model.catalogues import SecurityMeasure
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._phrases import BOILERPLATE_SECURITY, contains_any


def boilerplate(measure: SecurityMeasure) -> str | None:
    """The boilerplate phrase a measure consists of, if it says nothing more concrete."""
    for language in ("lv", "en"):
        text = f"{text_of(measure.name, language)} {text_of(measure.description, language)}"
        found = contains_any(text, BOILERPLATE_SECURITY)
        if found is not None:
            return found
    return None


@rule("SE01", "security.missing", severity=Severity.WARNING, article="Art. 30(1)(g), 32(1)")
def missing(register: Register, context: Context) -> Iterator[Violation]:
    """An activity without a description of real security measures.

    Why: the record gives, where possible, a general description of the technical and
    organisational measures of Art. 32(1) (Art. 30(1)(g)). Only boilerplate ("appropriate
    measures") describes nothing.

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
            yield Violation(
                activity.at("security_measures"),
                f"`{activity.id}` describes no security measures",
                "list the measures that protect this data under `security_measures:`",
            )
            continue
        if isinstance(ids, list) and ids and all(i in boilerplate_ids for i in ids):
            yield Violation(
                activity.at("security_measures"),
                f"`{activity.id}` lists only boilerplate security wording, no real measure",
                "describe what is actually done: access control, encryption, backups, training",
            )


@rule("SE02", "security.boilerplate", severity=Severity.WARNING, article="Art. 32(1)")
def boilerplate_measure(register: Register, context: Context) -> Iterator[Violation]:
    """A security measure that is boilerplate.

    Why: "appropriate technical and organisational measures", "dažādi tehniskie
    risinājumi" or "everything possible" restate Art. 32 instead of describing a measure;
    a regulator cannot judge them.

    Fails:

    ```yaml
    security_measures:
      - id: measures
        name: Appropriate technical and organisational measures  # ← SE02
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
                f"security measure `{measure.id}` is boilerplate (\u201c{phrase}\u201d)",
                "say what exactly is done, in `description:`",
            )
