"""A processor's record (Art. 30(2)): the controllers it acts for and what it does for each."""

from __future__ import annotations

from ropa.model.activity import Transfer
from ropa.model.base import Entity, Suppression
from ropa.model.organisation import Contact, Dpo, Representative
from ropa.model.types import (
    CountryOrUnknown,
    DetailsOrMarker,
    DetailsOrUnknown,
    Identifier,
    IsoDate,
    IsoDateOrMonth,
    ListOrMarker,
    ListOrUnknown,
    NonBlank,
    Reference,
    Text,
    TextOrMarker,
    TextOrUnknown,
)
from ropa.model.vocabulary import ActivityStatus


class ControllerServed(Entity):
    """A controller on whose behalf the organisation processes data as a processor."""

    id: Identifier
    """Stable id of this entry."""
    name: TextOrUnknown
    """The controller's name (Art. 30(2)(a))."""
    registration_number: NonBlank | None = None
    """Its company or register number, as text."""
    address: Text | None = None
    """Its address."""
    country: CountryOrUnknown | None = None
    """Where it is established."""
    contact: DetailsOrUnknown[Contact] | None = None
    """How to reach it (Art. 30(2)(a))."""
    listed_in: TextOrUnknown | None = None
    """Where the entry stands for many controllers (every customer under the standard
    processing agreement): where the name and contact details of each are kept — the
    customer register, the list of signed agreements — or `unknown`. Leave it out for an
    entry that is one controller."""
    representative: DetailsOrMarker[Representative] | None = None
    """Its Art. 27 representative, where it has one; `none` otherwise."""
    dpo: Dpo | None = None
    """Its data protection officer, where it has one."""
    contract: TextOrMarker | None = None
    """The Art. 28 contract under which the processing is done."""
    processing: ListOrUnknown[Text] | None = None
    """Categories of processing carried out for this controller (Art. 30(2)(b))."""
    sub_processors: ListOrMarker[Reference] | None = None
    """Ids of sub-processors (recipients) engaged for this controller; `none` when none."""
    transfers: ListOrMarker[Transfer] | None = None
    """Transfers outside the EU/EEA for this controller (Art. 30(2)(c)); `none` when none."""
    security_measures: ListOrUnknown[Reference] | None = None
    """Ids of measures in the `security_measures:` catalogue (Art. 30(2)(d))."""
    status: ActivityStatus = ActivityStatus.ACTIVE
    """`active`, `planned` or `retired`."""
    last_review: IsoDate | None = None
    """Date this entry was last reviewed."""
    next_review: IsoDateOrMonth | None = None
    """Date of the next planned review: until it comes, the entry's own schedule stands
    in for the review interval (GV02)."""
    notes: Text | None = None
    """Anything a reader should know."""
    suppress: list[Suppression] | None = None
    """Check codes silenced for this entry, each with a reason."""
