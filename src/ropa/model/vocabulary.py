"""The closed vocabularies of the register format: roles, legal bases, conditions, mechanisms.

Values are readable English words a lawyer can check against the article named in each
docstring. The legal facts behind them (Latvian wording, sources) live in
`ropa.knowledge`, keyed by these values.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The organisation's role: `controller` keeps an Art. 30(1) record, `processor` an
    Art. 30(2) record, `controller_and_processor` both."""

    CONTROLLER = "controller"
    PROCESSOR = "processor"
    CONTROLLER_AND_PROCESSOR = "controller_and_processor"


class RecipientKind(StrEnum):
    """What the recipient is: `processor` (Art. 28), `sub_processor` (Art. 28(2), (4)),
    `controller` (an independent controller), `joint_controller` (Art. 26),
    `public_authority`, `public` (the general public: data published, e.g. on a website),
    `internal` (a department or role inside the organisation itself), `other`, or `unknown`
    (the source does not say whether it is a processor)."""

    PROCESSOR = "processor"
    SUB_PROCESSOR = "sub_processor"
    CONTROLLER = "controller"
    JOINT_CONTROLLER = "joint_controller"
    PUBLIC_AUTHORITY = "public_authority"
    PUBLIC = "public"
    # The ICO and CNIL record templates list recipients inside the organisation (HR,
    # finance, IT support). They are part of the controller: no Art. 28 contract, no
    # transfer, no country of their own.
    INTERNAL = "internal"
    OTHER = "other"
    UNKNOWN = "unknown"


class ActivityRole(StrEnum):
    """The organisation's role in one activity: `controller` (Art. 4(7)), `processor`
    (Art. 4(8), acting on a controller's instructions) or `joint_controller` (Art. 26,
    with the arrangement recorded on the joint controllers named in the activity);
    `unknown` where the source does not say which."""

    CONTROLLER = "controller"
    PROCESSOR = "processor"
    JOINT_CONTROLLER = "joint_controller"
    UNKNOWN = "unknown"
    """The source does not say whether the organisation decides (controller) or acts on
    another's instructions (processor), e.g. "on behalf of" an insurer."""


class ActivityStatus(StrEnum):
    """`active` (processing now), `planned` (not yet started), `retired` (stopped)."""

    ACTIVE = "active"
    PLANNED = "planned"
    RETIRED = "retired"


class LegalBasisKind(StrEnum):
    """Art. 6(1): `consent` (a), `contract` (b), `legal_obligation` (c),
    `vital_interests` (d), `public_task` (e), `legitimate_interests` (f)."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"


class SpecialCategory(StrEnum):
    """Art. 9(1) special categories of personal data."""

    RACIAL_OR_ETHNIC_ORIGIN = "racial_or_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS = "religious_or_philosophical_beliefs"
    TRADE_UNION_MEMBERSHIP = "trade_union_membership"
    GENETIC = "genetic"
    BIOMETRIC = "biometric"
    """Biometric data processed to uniquely identify a person."""
    HEALTH = "health"
    SEX_LIFE_OR_ORIENTATION = "sex_life_or_orientation"


class Article9Condition(StrEnum):
    """Art. 9(2) condition lifting the ban on special categories: `explicit_consent` (a),
    `employment_social_security` (b), `vital_interests` (c), `not_for_profit_body` (d),
    `made_public` (e), `legal_claims` (f), `substantial_public_interest` (g),
    `health_or_social_care` (h), `public_health` (i), `archiving_research_statistics` (j)."""

    EXPLICIT_CONSENT = "explicit_consent"
    EMPLOYMENT_SOCIAL_SECURITY = "employment_social_security"
    VITAL_INTERESTS = "vital_interests"
    NOT_FOR_PROFIT_BODY = "not_for_profit_body"
    MADE_PUBLIC = "made_public"
    LEGAL_CLAIMS = "legal_claims"
    SUBSTANTIAL_PUBLIC_INTEREST = "substantial_public_interest"
    HEALTH_OR_SOCIAL_CARE = "health_or_social_care"
    PUBLIC_HEALTH = "public_health"
    ARCHIVING_RESEARCH_STATISTICS = "archiving_research_statistics"


class CriminalDataBasis(StrEnum):
    """Art. 10: processing under the control of `official_authority`, or
    `authorised_by_law` (Union or Member State law with safeguards)."""

    OFFICIAL_AUTHORITY = "official_authority"
    AUTHORISED_BY_LAW = "authorised_by_law"


class TransferMechanism(StrEnum):
    """Chapter V: `adequacy` (Art. 45), `scc` (standard contractual clauses, Art. 46(2)(c)),
    `bcr` (binding corporate rules, Art. 46(2)(b) and 47), `art46_other` (another Art. 46
    safeguard, named in `instrument`), `derogation` (Art. 49, named in `derogation`)."""

    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    ART46_OTHER = "art46_other"
    DEROGATION = "derogation"


class Art46Instrument(StrEnum):
    """Art. 46 safeguards other than SCC and BCR: `public_authority_instrument` (46(2)(a)),
    `sa_standard_clauses` (46(2)(d)), `code_of_conduct` (46(2)(e)), `certification`
    (46(2)(f)), `ad_hoc_clauses` (46(3)(a), needs authorisation), `administrative_arrangement`
    (46(3)(b), needs authorisation)."""

    PUBLIC_AUTHORITY_INSTRUMENT = "public_authority_instrument"
    SA_STANDARD_CLAUSES = "sa_standard_clauses"
    CODE_OF_CONDUCT = "code_of_conduct"
    CERTIFICATION = "certification"
    AD_HOC_CLAUSES = "ad_hoc_clauses"
    ADMINISTRATIVE_ARRANGEMENT = "administrative_arrangement"


class Derogation(StrEnum):
    """Art. 49(1) derogations: `explicit_consent` (a), `contract_with_data_subject` (b),
    `contract_in_data_subject_interest` (c), `important_public_interest` (d),
    `legal_claims` (e), `vital_interests` (f), `public_register` (g), and
    `compelling_legitimate_interests` (second subparagraph: document the safeguards)."""

    EXPLICIT_CONSENT = "explicit_consent"
    CONTRACT_WITH_DATA_SUBJECT = "contract_with_data_subject"
    CONTRACT_IN_DATA_SUBJECT_INTEREST = "contract_in_data_subject_interest"
    IMPORTANT_PUBLIC_INTEREST = "important_public_interest"
    LEGAL_CLAIMS = "legal_claims"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_REGISTER = "public_register"
    COMPELLING_LEGITIMATE_INTERESTS = "compelling_legitimate_interests"


class DataSourceKind(StrEnum):
    """Where the data comes from: the `data_subject` (Art. 13), a `third_party` or
    `publicly_available` sources (Art. 14), or the `controller` itself (data it creates or
    observes: X-ray images, assessments, video recordings)."""

    DATA_SUBJECT = "data_subject"
    THIRD_PARTY = "third_party"
    PUBLICLY_AVAILABLE = "publicly_available"
    CONTROLLER = "controller"


class DpiaStatus(StrEnum):
    """State of the data protection impact assessment (Art. 35)."""

    NOT_REQUIRED = "not_required"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class Wp248Criterion(StrEnum):
    """WP248 rev.01 criteria (endorsed by the EDPB): C1 evaluation or scoring, C2 automated
    decisions with legal or similar effect, C3 systematic monitoring, C4 sensitive or highly
    personal data, C5 large scale, C6 matching or combining datasets, C7 vulnerable data
    subjects, C8 innovative technology, C9 processing that prevents exercising a right or
    using a service."""

    C1 = "WP248.C1"
    C2 = "WP248.C2"
    C3 = "WP248.C3"
    C4 = "WP248.C4"
    C5 = "WP248.C5"
    C6 = "WP248.C6"
    C7 = "WP248.C7"
    C8 = "WP248.C8"
    C9 = "WP248.C9"


class DviDpiaListItem(StrEnum):
    """Items of the Data State Inspectorate's Art. 35(4) list (Order No. 1-2.1/125 of
    18 Dec 2018): LV.DPIA.01 criminal data … LV.DPIA.13 biometric identification."""

    LV_DPIA_01 = "LV.DPIA.01"
    LV_DPIA_02 = "LV.DPIA.02"
    LV_DPIA_03 = "LV.DPIA.03"
    LV_DPIA_04 = "LV.DPIA.04"
    LV_DPIA_05 = "LV.DPIA.05"
    LV_DPIA_06 = "LV.DPIA.06"
    LV_DPIA_07 = "LV.DPIA.07"
    LV_DPIA_08 = "LV.DPIA.08"
    LV_DPIA_09 = "LV.DPIA.09"
    LV_DPIA_10 = "LV.DPIA.10"
    LV_DPIA_11 = "LV.DPIA.11"
    LV_DPIA_12 = "LV.DPIA.12"
    LV_DPIA_13 = "LV.DPIA.13"


class Art35Case(StrEnum):
    """Art. 35(3): `35.3.a` systematic and extensive automated evaluation with legal or
    similar effects, `35.3.b` large-scale special-category or criminal data, `35.3.c`
    large-scale systematic monitoring of a publicly accessible area."""

    A = "35.3.a"
    B = "35.3.b"
    C = "35.3.c"


class Frequency(StrEnum):
    """How often the processing happens (Art. 30(5): occasional processing may be exempt)."""

    OCCASIONAL = "occasional"
    REGULAR = "regular"


class MeasureKind(StrEnum):
    """Art. 32 measures are `technical` or `organisational`; `unknown` where the source
    does not say which (a measure named only as "security measures are in place")."""

    TECHNICAL = "technical"
    ORGANISATIONAL = "organisational"
    UNKNOWN = "unknown"


class RetentionLimit(StrEnum):
    """How a retention's period bounds the keeping: `maximum` when the source gives it as
    the most the data is kept ("up to 6 years", "ne ilgāk kā 5 gadus"), not the period
    itself."""

    MAXIMUM = "maximum"


class Whichever(StrEnum):
    """Which of a retention's two ends applies: the `later` or the `earlier` one ("ten
    years after the last visit or until the 25th birthday, whichever is later")."""

    LATER = "later"
    EARLIER = "earlier"


class Art22Exception(StrEnum):
    """Art. 22(2): a solely automated decision is allowed when necessary for a `contract`
    (a), authorised by `law` (b), or based on `explicit_consent` (c)."""

    CONTRACT = "contract"
    LAW = "law"
    EXPLICIT_CONSENT = "explicit_consent"


class Statute(StrEnum):
    """A Latvian statutory period the retention follows: LV.RET.ACC.SRC accounting source
    documents (at least 5 years), LV.RET.ACC.REG accounting registers (10 years),
    LV.RET.ACC.PAY payroll documents (10 years), LV.LIM.LAB employment claims (2 years),
    LV.LIM.CIV general civil limitation (10 years), LV.LIM.COM commercial transactions
    (3 years), LV.LIM.CONS consumer non-conformity claims (2 years)."""

    ACC_SRC = "LV.RET.ACC.SRC"
    ACC_REG = "LV.RET.ACC.REG"
    ACC_PAY = "LV.RET.ACC.PAY"
    LIM_LAB = "LV.LIM.LAB"
    LIM_CIV = "LV.LIM.CIV"
    LIM_COM = "LV.LIM.COM"
    LIM_CONS = "LV.LIM.CONS"
