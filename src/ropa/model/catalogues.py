"""Catalogues: recipients, systems and security measures, defined once and referred to by id."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag, WithJsonSchema, field_validator

from ropa.knowledge.translatable import gettext_noop as N_
from ropa.model.base import Entity, Suppression
from ropa.model.organisation import Contact
from ropa.model.types import (
    LIST_TAG,
    CountryOrRegion,
    DetailsOrUnknown,
    Identifier,
    NonBlank,
    OrUnknown,
    Reference,
    StrictBool,
    Text,
    TextOrMarker,
    TextOrUnknown,
    Url,
    custom_error,
)
from ropa.model.vocabulary import MeasureKind, RecipientKind


class Recipient(Entity):
    """Someone personal data is disclosed to (Art. 4(9), Art. 30(1)(d)). It may be a named
    organisation or, where only the kind is known, a category such as "courier services"."""

    id: Identifier
    """Id that activities use in `recipients:` and `transfers:`."""
    name: TextOrUnknown | None = None
    """Legal name; `unknown` when only the category is known."""
    registration_number: OrUnknown[NonBlank] | None = None
    """Company or register number, as text (quote it: "40003000000"), or `unknown`."""
    address: Text | None = None
    """Registered or postal address."""
    category: Text | None = None
    """Category of recipient, as the record lists it (Art. 30(1)(d)), e.g. "payment
    service providers"."""
    kind: RecipientKind
    """`processor`, `sub_processor`, `controller`, `joint_controller`, `public_authority`,
    `public` (the general public, when data is published), `internal` (a department or
    role inside the organisation), `other`, or `unknown` when the source does not say
    whether it is a processor."""
    country: CountryOrRegion | None = None
    """Where the recipient processes the data (ISO 3166-1 alpha-2); `EEA` when it is inside
    the EU/EEA but the country is not stated; `unknown`."""
    contract: TextOrMarker | None = None
    """For processors: the Art. 28 contract (data processing agreement) reference;
    `none` if there is none, `unknown` if not known."""
    dpf_certified: StrictBool | None = None
    """For US recipients: `true` when the organisation is on the EU-US Data Privacy
    Framework list (the only US recipients the adequacy decision covers)."""
    contact: DetailsOrUnknown[Contact] | None = None
    """How to reach the recipient."""
    website: Url | None = None
    """The recipient's website."""
    description: Text | None = None
    """What the recipient does with the data."""
    notes: Text | None = None
    """Anything else a reader should know."""
    suppress: list[Suppression] | None = None
    """Check codes silenced for this entry, each with a reason."""


class System(Entity):
    """An IT system or application where the data is processed."""

    id: Identifier
    """Id that activities use in `systems:`."""
    name: Text
    """Name of the system."""
    description: Text | None = None
    """What it does."""
    provider: Reference | None = None
    """Id of the recipient (processor) that provides or hosts it."""
    location: CountryOrRegion | None = None
    """Where its data is stored (ISO 3166-1 alpha-2), `EEA` (inside the EU/EEA, the
    country not stated) or `unknown`."""


def _kind_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return "~one"
    if isinstance(value, list):
        return LIST_TAG
    return None


# One kind, or a list of the kinds a measure is: a notice's "technical and organisational
# measures" names both.
MeasureKinds = Annotated[
    Annotated[MeasureKind, Tag("~one")]
    | Annotated[
        list[MeasureKind],
        Tag(LIST_TAG),
        WithJsonSchema(
            {
                "type": "array",
                "items": {"enum": [MeasureKind.TECHNICAL.value, MeasureKind.ORGANISATIONAL.value]},
                "minItems": 2,
                "maxItems": 2,
                "uniqueItems": True,
            }
        ),
    ],
    Discriminator(
        _kind_shape,
        custom_error_type="kind_shape",
        custom_error_message=N_(
            "expected `technical`, `organisational` or `unknown`, or a list of both kinds "
            "`[technical, organisational]`"
        ),
    ),
]


class SecurityMeasure(Entity):
    """A technical or organisational security measure (Art. 32(1), Art. 30(1)(g))."""

    id: Identifier
    """Id that activities use in `security_measures:`."""
    name: Text
    """Short name of the measure, e.g. "Encryption at rest"."""
    kind: MeasureKinds | None = None
    """`technical` or `organisational`; `[technical, organisational]` where the source
    names both ("technical and organisational measures"); `unknown` where it does not say
    which."""
    description: Text | None = None
    """What exactly is done, in enough detail to judge it."""
    notes: Text | None = None
    """Anything else; quote the privacy notice here when it is vague."""
    suppress: list[Suppression] | None = None
    """Check codes silenced for this entry, each with a reason."""

    @field_validator("kind")
    @classmethod
    def _kinds_stated_once(cls, kind: MeasureKind | list[MeasureKind] | None) -> object:
        if isinstance(kind, list) and (
            MeasureKind.UNKNOWN in kind or len(set(kind)) != len(kind) or len(kind) != 2
        ):
            raise custom_error(
                "kind_list",
                N_(
                    "a list of kinds is `[technical, organisational]`, each once; write one "
                    "kind alone (`kind: technical`), or `kind: unknown` where the source "
                    "does not say which"
                ),
            )
        return kind

    @property
    def kinds(self) -> frozenset[MeasureKind]:
        """The kinds the register states: none where `kind` is left out or `unknown`."""
        kind = self.kind
        if kind is None or kind == MeasureKind.UNKNOWN:
            return frozenset()
        if isinstance(kind, list):
            return frozenset(kind)
        return frozenset((kind,))


__all__ = ["Recipient", "SecurityMeasure", "System"]
