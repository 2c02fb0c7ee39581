"""A processing activity: the Art. 30(1)(b)–(g) items and what regulators' templates add."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, ValidationInfo, field_validator, model_validator

from ropa.knowledge.translatable import gettext_noop as N_
from ropa.model.base import Entity, Suppression
from ropa.model.types import (
    LOCALIZED_TAG,
    MARKER_TAG,
    OBJECT_TAG,
    TEXT_TAG,
    CountryOrRegion,
    DetailsOrMarker,
    DetailsOrUnknown,
    Duration,
    Identifier,
    IsoDate,
    IsoDateOrMonth,
    ListOrMarker,
    ListOrUnknown,
    LocalizedText,
    NonBlank,
    OrUnknown,
    Reference,
    RetentionPeriod,
    StrictBool,
    StrictModel,
    Text,
    TextOrUnknown,
    UnknownMarker,
    custom_error,
)
from ropa.model.vocabulary import (
    ActivityRole,
    ActivityStatus,
    Art22Exception,
    Art35Case,
    Art46Instrument,
    Article9Condition,
    CriminalDataBasis,
    DataSourceKind,
    Derogation,
    DpiaStatus,
    DviDpiaListItem,
    Frequency,
    LegalBasisKind,
    RetentionLimit,
    SpecialCategory,
    Statute,
    TransferMechanism,
    Whichever,
    Wp248Criterion,
)

# --------------------------------------------------------------------------- legal basis


class _Basis(StrictModel):
    note: Text | None = None
    """Anything a reader should know about this basis."""


class ConsentBasis(_Basis):
    """Art. 6(1)(a): the data subject's consent (Art. 7 conditions)."""

    basis: Literal["consent"]
    """`consent`."""
    consent_record: Text | None = None
    """How and where each consent is recorded, so it can be proven (Art. 7(1))."""
    withdrawal: Text | None = None
    """How consent is withdrawn, as easily as it was given (Art. 7(3))."""
    information_society_service: StrictBool | None = None
    """`true` when the consent is given for an information society service (an online
    service normally provided for remuneration at a distance) offered directly to a child:
    then Art. 8 applies."""
    parental_consent: Text | None = None
    """For an information society service offered to children under 13 (Latvia): how
    consent is given or authorised by a holder of parental responsibility (Art. 8)."""


class ContractBasis(_Basis):
    """Art. 6(1)(b): performance of a contract with the data subject, or steps at their
    request before entering into one."""

    basis: Literal["contract"]
    """`contract`."""
    contract: Text | None = None
    """Which contract (e.g. purchase agreement, employment contract)."""


class LegalObligationBasis(_Basis):
    """Art. 6(1)(c): a legal obligation of the controller, laid down by Union or Member
    State law (Art. 6(3))."""

    basis: Literal["legal_obligation"]
    """`legal_obligation`."""
    law: Text | None = None
    """The law and provision imposing the obligation, e.g. "Grāmatvedības likums, 28. pants"."""


class VitalInterestsBasis(_Basis):
    """Art. 6(1)(d): protection of the vital interests of the data subject or another person."""

    basis: Literal["vital_interests"]
    """`vital_interests`."""


class PublicTaskBasis(_Basis):
    """Art. 6(1)(e): a task in the public interest or official authority, laid down by Union
    or Member State law (Art. 6(3))."""

    basis: Literal["public_task"]
    """`public_task`."""
    law: Text | None = None
    """The law and provision vesting the task or authority."""


class LegitimateInterestsBasis(_Basis):
    """Art. 6(1)(f): legitimate interests of the controller or a third party, not overridden
    by the data subject's interests."""

    basis: Literal["legitimate_interests"]
    """`legitimate_interests`."""
    interest: Text | None = None
    """The legitimate interest pursued."""
    assessment: Text | None = None
    """Reference to the legitimate-interests assessment (balancing test)."""


class UndecidedBasis(_Basis):
    """The source hesitates between named Art. 6(1) bases ("6(1)(f) or 6(1)(b)"): the
    candidates are recorded until the controller settles on one (Art. 5(2))."""

    basis: Literal["undecided"]
    """`undecided`."""
    candidates: Annotated[list[LegalBasisKind], Field(min_length=2)]
    """The bases the source names as alternatives, e.g. [legitimate_interests, contract]."""
    law: Text | None = None
    """A law the source cites for this purpose, if any."""

    @model_validator(mode="after")
    def _different_candidates(self) -> UndecidedBasis:
        if len(set(self.candidates)) < len(self.candidates):
            raise custom_error(
                "candidates_repeated",
                N_("`candidates` names a basis twice: list each alternative once"),
            )
        return self


class UnstatedLetterBasis(_Basis):
    """The source cites a law for the processing but not which letter of Art. 6(1) it
    relies on (a legal obligation under it, a public task, or something else)."""

    basis: Literal["unknown"]
    """`unknown`: the letter of Art. 6(1) is not stated."""
    law: Text
    """The law the source cites, e.g. "Grāmatvedības likums"."""


LegalBasis = Annotated[
    ConsentBasis
    | ContractBasis
    | LegalObligationBasis
    | VitalInterestsBasis
    | PublicTaskBasis
    | LegitimateInterestsBasis
    | UndecidedBasis
    | UnstatedLetterBasis,
    Field(discriminator="basis"),
]


def _basis_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return MARKER_TAG
    if isinstance(value, dict):
        return OBJECT_TAG
    if isinstance(value, list):
        return "~list"
    return None


PurposeLegalBasis = Annotated[
    Annotated[UnknownMarker, Tag(MARKER_TAG)]
    | Annotated[LegalBasis, Tag(OBJECT_TAG)]
    | Annotated[list[LegalBasis], Tag("~list")],
    Discriminator(
        _basis_shape,
        custom_error_type="legal_basis_shape",
        custom_error_message=N_(
            "expected a legal basis mapping (`basis: contract`, ...), a list of them, or `unknown`"
        ),
    ),
]


class Purpose(StrictModel):
    """One purpose of the processing (Art. 30(1)(b)) with its legal basis (Art. 6(1))."""

    purpose: Text
    """The purpose, specific enough to judge what is necessary for it."""
    legal_basis: PurposeLegalBasis | None = None
    """The Art. 6(1) basis for this purpose; a list when the source gives several (a purpose
    should rest on one: split it), or `unknown`."""
    notes: Text | None = None
    """Anything else about the purpose; quote the privacy notice here when it is vague."""

    def bases(self) -> list[tuple[tuple[str | int, ...], LegalBasisModel]]:
        """Each basis with its path inside the purpose."""
        # Rules ask this some 150,000 times at 10,000 activities: the attribute read once,
        # and the commonest answer, one basis, given with one shared path.
        basis = self.legal_basis
        if basis is None or isinstance(basis, str):
            return []
        if isinstance(basis, list):
            return [(("legal_basis", index), each) for index, each in enumerate(basis)]
        return [(_BASIS_PATH, basis)]


# The path of a purpose's one basis.
_BASIS_PATH: tuple[str | int, ...] = ("legal_basis",)


LegalBasisModel = (
    ConsentBasis
    | ContractBasis
    | LegalObligationBasis
    | VitalInterestsBasis
    | PublicTaskBasis
    | LegitimateInterestsBasis
    | UndecidedBasis
    | UnstatedLetterBasis
)

# --------------------------------------------------------------------------- people and data


class DataSubjectGroup(StrictModel):
    """A category of data subjects with what matters about them."""

    category: Text
    """The category, e.g. customers, employees, website visitors."""
    children: OrUnknown[StrictBool] | None = None
    """`true` when the category includes children, `false` when it does not; `unknown`
    where the source leaves it open ("may include children"): read as not stated, never
    as `true`."""
    minimum_age: Annotated[int, Field(ge=0, le=130, strict=True)] | None = None
    """The youngest age in the category, when children are included."""
    vulnerable: StrictBool | None = None
    """`true` for vulnerable people (patients, elderly, asylum seekers, employees in a
    power imbalance)."""
    notes: Text | None = None
    """Anything else."""


def _item_shape(value: Any) -> str | None:
    if isinstance(value, str):
        return TEXT_TAG
    if isinstance(value, dict):
        return OBJECT_TAG if "category" in value else LOCALIZED_TAG
    return None


DataSubject = Annotated[
    Annotated[NonBlank, Tag(TEXT_TAG)]
    | Annotated[LocalizedText, Tag(LOCALIZED_TAG)]
    | Annotated[DataSubjectGroup, Tag(OBJECT_TAG)],
    Discriminator(
        _item_shape,
        custom_error_type="item_shape",
        custom_error_message=N_(
            "expected a category as text, `{lv:, en:}`, or a mapping with `category:`"
        ),
    ),
]


class Retention(StrictModel):
    """How long the data is kept (Art. 30(1)(f)): a period with the event it runs from and
    its reason, or the criteria that decide it."""

    period: RetentionPeriod | None = None
    """ISO 8601 duration: P5Y, P6M, P30D; or `permanent` (kept for good, e.g. documents
    of archival value) or `indefinite` (the source names no end)."""
    limit: RetentionLimit | None = None
    """`maximum` where the source gives the period as the most the data is kept ("up to
    6 years", "ne ilgāk kā 5 gadus"): the data may go sooner."""
    from_: Text | None = Field(default=None, alias="from")
    """The event the period runs from, e.g. "end of the contract", "date of the invoice"."""
    or_until: Text | None = None
    """A second end the source gives beside the period, e.g. "the child's 25th birthday";
    `whichever` says which of the two applies."""
    whichever: Whichever | None = None
    """With `or_until`: `later` or `earlier`, the end that applies ("whichever is later")."""
    reason: Text | None = None
    """Why this period: the law or need that sets it."""
    statute: Statute | None = None
    """A Latvian statutory period this retention follows (see `ropa rules` and
    docs/format.md), so the period can be checked against it."""
    criteria: Text | None = None
    """When no fixed period applies: the criteria that decide how long (Art. 13(2)(a))."""
    file_plan: Text | None = None
    """The entry of the file plan (lietu nomenklatūra) that sets the period, e.g.
    "Lietu nomenklatūra 2024, lieta 1-12"."""
    notes: Text | None = None
    """Anything else; quote the privacy notice here when it is vague."""

    @field_validator("limit")
    @classmethod
    def _limit_bounds_a_duration(
        cls, limit: RetentionLimit | None, info: ValidationInfo
    ) -> RetentionLimit | None:
        if limit is not None and not isinstance(info.data.get("period"), Duration):
            raise custom_error(
                "limit_without_period",
                N_(
                    "`limit: maximum` bounds a period: give `period:` as a duration "
                    "(P6Y), or leave `limit` out"
                ),
            )
        return limit

    @field_validator("whichever")
    @classmethod
    def _whichever_of_two(cls, whichever: Whichever | None, info: ValidationInfo) -> object:
        if whichever is not None and info.data.get("or_until") is None:
            raise custom_error(
                "whichever_without_second_end",
                N_("`whichever:` chooses between two ends: add `or_until:` (the second end)"),
            )
        return whichever

    @model_validator(mode="after")
    def _second_end_complete(self) -> Retention:
        if self.or_until is not None and self.whichever is None:
            raise custom_error(
                "second_end_incomplete",
                N_(
                    "a second end (`or_until:`) needs `whichever: later` or `whichever: "
                    "earlier`: which of the two ends applies"
                ),
            )
        if self.or_until is not None and self.period is None:
            raise custom_error(
                "second_end_without_period",
                N_("`or_until:` is a second end beside a `period:`: give the period too"),
            )
        return self


class DataCategory(StrictModel):
    """A category of personal data, with its own retention where it differs (Art. 30(1)(f))."""

    category: Text
    """The category, e.g. contact details, payment data."""
    retention: DetailsOrUnknown[Retention] | None = None
    """Retention of this category, when it differs from the activity's."""
    notes: Text | None = None
    """Anything else."""


DataItem = Annotated[
    Annotated[NonBlank, Tag(TEXT_TAG)]
    | Annotated[LocalizedText, Tag(LOCALIZED_TAG)]
    | Annotated[DataCategory, Tag(OBJECT_TAG)],
    Discriminator(
        _item_shape,
        custom_error_type="item_shape",
        custom_error_message=N_(
            "expected a category as text, `{lv:, en:}`, or a mapping with `category:`"
        ),
    ),
]


class SpecialCategoryUse(StrictModel):
    """Art. 9(1) data processed, and the Art. 9(2) condition that allows it."""

    category: OrUnknown[SpecialCategory]
    """Which special category; `unknown` where the source says special-category
    ("sensitive") data is processed but not which."""
    condition: OrUnknown[Article9Condition] | None = None
    """The Art. 9(2) condition, or `unknown`."""
    law: Text | None = None
    """The law the condition relies on, where (b), (g), (h), (i) or (j) need one."""
    description: Text | None = None
    """What exactly is processed."""


class CriminalData(StrictModel):
    """Art. 10 data on criminal convictions and offences."""

    description: Text | None = None
    """What is processed, e.g. certificates of no criminal record."""
    basis: OrUnknown[CriminalDataBasis] | None = None
    """`official_authority` or `authorised_by_law`, or `unknown`."""
    law: Text | None = None
    """The law authorising it."""


class NationalId(StrictModel):
    """A national identification number (Art. 87); in Latvia the personas kods."""

    description: Text | None = None
    """Which number and where it is used."""
    justification: TextOrUnknown | None = None
    """Why it is needed: the law requiring it, or the request of the person; `unknown`
    where the source names the number but not why."""


class DataSource(StrictModel):
    """Where the data comes from (Art. 14(2)(f) when not from the data subject)."""

    kind: DataSourceKind
    """`data_subject`, `third_party` or `publicly_available`."""
    description: Text | None = None
    """Who or what exactly, e.g. "payment providers", "Latvijas Vēstnesis publications"."""


# --------------------------------------------------------------------------- transfers


class Transfer(StrictModel):
    """A transfer to a third country or international organisation (Art. 30(1)(e),
    Chapter V)."""

    recipient: OrUnknown[Reference] | None = None
    """Id of the recipient in the `recipients:` catalogue, or `unknown`."""
    country: CountryOrRegion | None = None
    """Destination country (ISO 3166-1 alpha-2), or `unknown`."""
    international_organisation: Text | None = None
    """Destination international organisation, instead of a country."""
    mechanism: OrUnknown[TransferMechanism] | None = None
    """`adequacy`, `scc`, `bcr`, `art46_other` or `derogation`; `unknown` when not known."""
    instrument: Art46Instrument | None = None
    """For `art46_other`: which Art. 46 safeguard."""
    derogation: Derogation | None = None
    """For `derogation`: which Art. 49(1) derogation."""
    reference: Text | None = None
    """The document: signed SCC (module, date), BCR approval, code or certificate."""
    adequacy_scope: Text | None = None
    """For partial adequacy decisions (Canada, Japan, Korea, Israel): why the recipient is
    within the decision's scope."""
    safeguards: Text | None = None
    """For `compelling_legitimate_interests` (Art. 49(1) second subparagraph): the
    assessment and suitable safeguards, as Art. 49(6) and 30(1)(e) require."""
    notes: Text | None = None
    """Anything else; quote the privacy notice here when it is vague."""


# --------------------------------------------------------------------------- decisions, DPIA


class Profiling(StrictModel):
    """Profiling (Art. 4(4)) done in this activity."""

    description: Text
    """What is evaluated or predicted, and with what data."""


class AutomatedDecisions(StrictModel):
    """Decisions based solely on automated processing (Art. 22)."""

    description: Text
    """Which decisions, on what logic."""
    legal_or_similar_effect: StrictBool | None = None
    """`true` when the decision has legal or similarly significant effects."""
    exception: Art22Exception | None = None
    """The Art. 22(2) exception relied on: `contract`, `law` or `explicit_consent`."""
    safeguards: Text | None = None
    """Safeguards: human intervention, a way to contest (Art. 22(3))."""


class DpiaScreening(StrictModel):
    """What the DPIA screening found (Art. 35(1), (3), (4))."""

    criteria: list[Wp248Criterion] | None = None
    """WP248 criteria met, e.g. [WP248.C3, WP248.C5]."""
    dvi_list: list[DviDpiaListItem] | None = None
    """Items of the DVI Art. 35(4) list the processing matches."""
    art35_3: list[Art35Case] | None = None
    """Art. 35(3) cases that apply."""
    large_scale: StrictBool | None = None
    """`true` when processing is on a large scale."""
    notes: Text | None = None
    """The screening's reasoning."""


class Dpia(StrictModel):
    """The data protection impact assessment (Art. 35)."""

    required: OrUnknown[StrictBool] | None = None
    """Whether a DPIA is required, or `unknown`."""
    status: DpiaStatus | None = None
    """`not_required`, `not_started`, `in_progress` or `completed`."""
    reference: Text | None = None
    """Where the DPIA (or the screening) is kept."""
    completed_on: IsoDate | None = None
    """Date the DPIA was completed."""
    screening: DpiaScreening | None = None
    """What the screening found."""


# --------------------------------------------------------------------------- the activity


class Activity(Entity):
    """One processing activity of the controller (Art. 30(1))."""

    id: Identifier
    """Stable id, e.g. `order-processing`."""
    name: Text
    """Name of the activity."""
    description: Text | None = None
    """What happens, in a few sentences."""
    status: ActivityStatus = ActivityStatus.ACTIVE
    """`active`, `planned` or `retired`."""
    role: ActivityRole | None = None
    """The organisation's role in this activity, where it differs or needs saying:
    `controller`, `processor` or `joint_controller` (name the others in
    `joint_controllers:`, each with its Art. 26 arrangement); `unknown` where the source
    does not say whether it decides or acts on another's instructions."""
    owner: TextOrUnknown | None = None
    """Who answers for the activity (a role or person)."""
    department: Text | None = None
    """The department or unit."""
    purposes: ListOrUnknown[Purpose] | None = None
    """Purposes, each with its legal basis (Art. 30(1)(b), Art. 6(1))."""
    bases_en_bloc: Annotated[list[LegalBasis], Field(min_length=1)] | None = None
    """Legal bases the source lists once for all of the activity's processing, tied to no
    purpose ("we process your data on the basis of your consent, a contract and the law"):
    written as the source gives them, with the purposes' own `legal_basis: unknown` until
    each purpose's one basis is known (LB11 reports the gap)."""
    data_subjects: ListOrUnknown[DataSubject] | None = None
    """Categories of data subjects (Art. 30(1)(c))."""
    personal_data: ListOrUnknown[DataItem] | None = None
    """Categories of personal data (Art. 30(1)(c))."""
    special_categories: ListOrMarker[SpecialCategoryUse] | None = None
    """Art. 9(1) data with its Art. 9(2) condition; `none` when there is none."""
    criminal_data: DetailsOrMarker[CriminalData] | None = None
    """Art. 10 data; `none` when there is none."""
    national_id: DetailsOrMarker[NationalId] | None = None
    """National identification numbers (personas kods); `none` when not processed."""
    sources: ListOrUnknown[DataSource] | None = None
    """Where the data comes from (Art. 14)."""
    recipients: ListOrMarker[Reference] | None = None
    """Ids of recipients in the `recipients:` catalogue (Art. 30(1)(d)); `none` when the
    data is disclosed to no one."""
    transfers: ListOrMarker[Transfer] | None = None
    """Transfers outside the EU/EEA (Art. 30(1)(e)); `none` when there are none."""
    retention: DetailsOrUnknown[Retention] | None = None
    """How long the data is kept (Art. 30(1)(f)); per category in `personal_data` where it
    differs."""
    security_measures: ListOrUnknown[Reference] | None = None
    """Ids of measures in the `security_measures:` catalogue (Art. 30(1)(g), Art. 32)."""
    systems: list[Reference] | None = None
    """Ids of systems in the `systems:` catalogue."""
    joint_controllers: list[Reference] | None = None
    """Ids of joint controllers (in `organisation.joint_controllers`) for this activity."""
    profiling: DetailsOrMarker[Profiling] | None = None
    """Profiling done in the activity; `none` when there is none."""
    automated_decisions: DetailsOrMarker[AutomatedDecisions] | None = None
    """Solely automated decisions (Art. 22); `none` when there are none."""
    dpia: DetailsOrUnknown[Dpia] | None = None
    """The DPIA: whether required, status, reference."""
    frequency: Frequency | None = None
    """`occasional` or `regular` (matters for the Art. 30(5) exemption)."""
    last_review: IsoDate | None = None
    """Date this entry was last reviewed."""
    next_review: IsoDateOrMonth | None = None
    """Date of the next planned review (a notice's "review date"), or its month (`2026-05`)
    where no day is given, taken as the month's first day: until it comes, the entry's own
    schedule stands in for the review interval (GV02)."""
    suppress: list[Suppression] | None = None
    """Check codes silenced for this activity, each with a reason."""
    notes: Text | None = None
    """Anything a reader should know; quote the privacy notice here where it is vague."""


__all__ = [
    "Activity",
    "AutomatedDecisions",
    "ConsentBasis",
    "ContractBasis",
    "CriminalData",
    "DataCategory",
    "DataSource",
    "DataSubjectGroup",
    "Dpia",
    "DpiaScreening",
    "LegalBasis",
    "LegalBasisModel",
    "LegalObligationBasis",
    "LegitimateInterestsBasis",
    "NationalId",
    "Profiling",
    "PublicTaskBasis",
    "Purpose",
    "Retention",
    "SpecialCategoryUse",
    "Suppression",
    "Transfer",
    "UndecidedBasis",
    "UnstatedLetterBasis",
    "VitalInterestsBasis",
]
