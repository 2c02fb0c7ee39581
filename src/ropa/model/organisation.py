"""The organisation keeping the register: Art. 30(1)(a) and 30(2)(a) identity and contacts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from ropa.knowledge.translatable import gettext_noop as N_
from ropa.model.base import Entity, Suppression
from ropa.model.types import (
    MARKER_TAG,
    BoolOrUnknown,
    CountOrUnknown,
    CountryCode,
    CountryOrUnknown,
    DetailsOrMarker,
    DetailsOrUnknown,
    Email,
    Identifier,
    IsoDate,
    IsoDateOrMonth,
    ListOrMarker,
    NonBlank,
    OrUnknown,
    StrictBool,
    StrictModel,
    Text,
    TextOrUnknown,
    UnknownMarker,
    Url,
)
from ropa.model.vocabulary import Role


class Contact(StrictModel):
    """How to reach someone: give at least an e-mail address or a phone number."""

    email: Email | None = None
    """E-mail address."""
    phone: NonBlank | None = None
    """Phone number, as text (quote it if it is only digits)."""
    website: Url | None = None
    """Web address."""
    address: Text | None = None
    """Postal address, when it differs from the organisation's."""
    person: NonBlank | None = None
    """A named contact person or role."""


class AppointedDpo(StrictModel):
    """A designated data protection officer (Art. 37), whose contacts the record names
    (Art. 30(1)(a))."""

    appointed: Literal[True]
    """`true`: a DPO is designated."""
    name: TextOrUnknown
    """The DPO's name, or the name of the service provider acting as DPO."""
    contact: DetailsOrUnknown[Contact] | None = None
    """How to reach the DPO; `unknown` when the source names a DPO but not how to reach
    them (Art. 30(1)(a) and 13(1)(b) ask for the contact details all the same)."""
    external: StrictBool | None = None
    """`true` when the DPO is a service provider rather than an employee."""
    appointed_on: IsoDate | None = None
    """Date of designation."""
    notified_on: IsoDate | None = None
    """Date the supervisory authority was told (Art. 37(7))."""
    # Source: DVI-DPO-LIST (ropa.knowledge.sources), where the sections are cited.
    certificate: NonBlank | None = None
    """The DPO's qualification as the source gives it, e.g. the number of a Data State
    Inspectorate certificate ("apliecības Nr. 275"). In Latvia the Inspectorate lists the
    data protection specialists who passed its qualification exam (Fizisko personu datu
    apstrādes likums, sections 18 and 19; Cabinet Regulation No. 620 of 6 October 2020);
    the exam is voluntary, and a DPO need not be on the list."""
    notes: Text | None = None
    """Anything else the source says about the DPO, e.g. a notice limiting what the DPO
    may be contacted about."""


class NoDpoDecision(StrictModel):
    """A recorded decision not to designate a DPO, with the reason (Art. 37(1) does not
    apply). Recording it shows the question was asked."""

    appointed: Literal[False]
    """`false`: no DPO is designated."""
    reason: Text | None = None
    """Why Art. 37(1) does not require one (e.g. no large-scale monitoring or special data)."""
    decided_on: IsoDate | None = None
    """Date of the decision."""
    decided_by: Text | None = None
    """Who decided (a board, a named manager)."""
    notes: Text | None = None
    """Anything else about the decision."""


def _dpo_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return MARKER_TAG
    if isinstance(value, dict):
        appointed = value.get("appointed")
        if appointed is True:
            return "~appointed"
        if appointed is False:
            return "~not-appointed"
    return None


Dpo = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)]
    | Annotated[AppointedDpo, Tag("~appointed")]
    | Annotated[NoDpoDecision, Tag("~not-appointed")],
    Discriminator(
        _dpo_shape,
        custom_error_type="dpo_shape",
        custom_error_message=N_(
            "a `dpo:` mapping starts with `appointed: true` (and the DPO's name and "
            "contact) or `appointed: false` (and the reason); or write `unknown`"
        ),
    ),
    Field(description="The data protection officer, or the recorded decision not to appoint one."),
]


class Representative(StrictModel):
    """The representative in the Union of a controller or processor established outside it
    (Art. 27)."""

    name: Text
    """Name of the representative."""
    address: Text | None = None
    """Postal address."""
    country: CountryCode | None = None
    """Member State where the representative is established."""
    contact: Contact | None = None
    """How to reach the representative."""


class JointController(Entity):
    """Another controller deciding purposes and means together with this one (Art. 26)."""

    id: Identifier
    """Id that activities use in `joint_controllers:`."""
    name: TextOrUnknown
    """Name of the joint controller."""
    registration_number: NonBlank | None = None
    """Company or register number, as text."""
    country: CountryOrUnknown | None = None
    """Where it is established."""
    contact: Contact | None = None
    """How to reach it."""
    arrangement: TextOrUnknown | None = None
    """The Art. 26 arrangement: a document reference, or its essence (who answers data
    subjects, who informs them)."""
    notes: Text | None = None
    """Anything else the source says about this controller, e.g. the part it plays in the
    joint processing."""


class PublicTask(StrictModel):
    """A task of public administration that an organisation which is not itself a public
    authority performs: delegated to it by a public body (in Latvia, by a delegation
    agreement or an external regulation under the State Administration Structure Law,
    Valsts pārvaldes iekārtas likums) or given to it by a law. Its processing rests on
    Art. 6(1)(e) (a task carried out in the public interest or in the exercise of official
    authority vested in the controller, Recital 45)."""

    task: Text
    """The task, e.g. administering the municipality's housing leases."""
    delegated_by: TextOrUnknown | None = None
    """The public body that delegated it (a ministry, a municipality), or `unknown`."""
    delegation: TextOrUnknown | None = None
    """The act that delegates it: a delegation agreement, a decision or regulation (with
    its number and date), or `unknown`."""
    law: Text | None = None
    """The law that provides for the task or its delegation."""
    notes: Text | None = None
    """Anything else, e.g. the words of the notice."""


class Art30_5Exemption(StrictModel):
    """A claim that Art. 30(5) exempts the organisation from keeping the record (fewer than
    250 employees, and processing that is occasional, unlikely to be risky and free of
    Art. 9/10 data)."""

    claimed: StrictBool
    """`true` when the organisation relies on the exemption."""
    reason: Text | None = None
    """Why the exemption is believed to apply."""


class Organisation(Entity):
    """The controller or processor whose record this is."""

    name: TextOrUnknown | None = None
    """Legal name, e.g. SIA "Piemērs". `unknown` when the source does not say."""
    registration_number: OrUnknown[NonBlank] | None = None
    """Commercial register number, as text (quote it: "40003000000"); `unknown` when not
    known."""
    supervisory_registration: Text | None = None
    """A registration with a supervisory authority and its number, where one keeps such a
    register, e.g. "ICO data protection fee register, ZA761562" (UK)."""
    address: TextOrUnknown | None = None
    """Legal address."""
    country: CountryOrUnknown | None = None
    """Country of establishment (ISO 3166-1 alpha-2)."""
    contact: DetailsOrUnknown[Contact] | None = None
    """The organisation's contact details (Art. 30(1)(a), 13(1)(a)); where no
    `privacy_contact` is given, data protection questions go here too."""
    privacy_contact: DetailsOrUnknown[Contact] | None = None
    """Where data protection questions and requests go, when that is not a DPO: a privacy
    mailbox, a person or team the notice names ("jautājumos par personas datu apstrādi
    rakstiet uz privatums@..."; Art. 12(2), 13(1)(a)). Not a DPO: a designated DPO, with
    the Art. 38-39 position and tasks, goes under `dpo:`. `unknown` when not known."""
    website: Url | None = None
    """The organisation's website."""
    role: Role
    """`controller`, `processor` or `controller_and_processor`."""
    public_authority: BoolOrUnknown = False
    """`true` for a public authority or body (it cannot rely on legitimate interests for its
    tasks, Art. 6(1) second subparagraph; it must designate a DPO, Art. 37(1)(a));
    `unknown` where the source does not say (a company a municipality may own). Left out,
    it is `false`."""
    public_tasks: ListOrMarker[PublicTask] | None = None
    """Tasks of public administration the organisation performs though it is not a public
    authority, each with who delegated it and by which act (Art. 6(1)(e)); `none` or
    `unknown`."""
    employees: CountOrUnknown | None = None
    """Number of employees (Art. 30(5) threshold: 250), or `unknown`."""
    dpo: Dpo | None = None
    """The data protection officer, or the recorded decision not to appoint one."""
    representative: DetailsOrMarker[Representative] | None = None
    """The Art. 27 representative in the Union; `none` when established in the Union."""
    joint_controllers: ListOrMarker[JointController] | None = None
    """Controllers acting jointly with this one (Art. 26); `none` when there are none,
    `unknown` when not known."""
    art30_5_exemption: Art30_5Exemption | None = None
    """A claim of the Art. 30(5) exemption, if the organisation makes one."""
    privacy_notice: Url | None = None
    """Where the privacy notice (Art. 13/14 information) is published."""
    privacy_notice_date: IsoDateOrMonth | None = None
    """Date of the privacy notice version the register was checked against; a month
    (`2024-05`) where the notice gives no day."""
    notes: Text | None = None
    """Anything a reader should know about the organisation's record."""
    suppress: list[Suppression] | None = None
    """Check codes silenced for this entry, each with a reason."""

    @property
    def is_public_authority(self) -> bool:
        """`public_authority: true`: neither `false` nor `unknown`."""
        return self.public_authority is True

    @property
    def performs_public_tasks(self) -> bool:
        """A public authority, or an organisation recording public tasks it performs."""
        return self.is_public_authority or (
            isinstance(self.public_tasks, list) and bool(self.public_tasks)
        )

    @property
    def is_controller(self) -> bool:
        return self.role in (Role.CONTROLLER, Role.CONTROLLER_AND_PROCESSOR)

    @property
    def is_processor(self) -> bool:
        return self.role in (Role.PROCESSOR, Role.CONTROLLER_AND_PROCESSOR)
