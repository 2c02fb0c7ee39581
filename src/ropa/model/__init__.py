"""The typed register format (version 1): pydantic models with `extra="forbid"`.

`RegisterFile` is one YAML file as the JSON Schema describes it; `Register` is a whole
register assembled from its files.
"""

from __future__ import annotations

from ropa.model.activity import (
    Activity,
    AutomatedDecisions,
    ConsentBasis,
    ContractBasis,
    CriminalData,
    DataCategory,
    DataSource,
    DataSubjectGroup,
    Dpia,
    DpiaScreening,
    LegalBasisModel,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    NationalId,
    Profiling,
    PublicTaskBasis,
    Purpose,
    Retention,
    SpecialCategoryUse,
    Suppression,
    Transfer,
    UndecidedBasis,
    UnstatedLetterBasis,
    VitalInterestsBasis,
)
from ropa.model.catalogues import Recipient, SecurityMeasure, System
from ropa.model.document import FORMAT_VERSION, RegisterFile
from ropa.model.organisation import (
    AppointedDpo,
    Art30_5Exemption,
    Contact,
    JointController,
    NoDpoDecision,
    Organisation,
    PublicTask,
    Representative,
)
from ropa.model.processor import ControllerServed
from ropa.model.register import Register
from ropa.model.types import Duration, LocalizedText, is_stated, text_of

__all__ = [
    "FORMAT_VERSION",
    "Activity",
    "AppointedDpo",
    "Art30_5Exemption",
    "AutomatedDecisions",
    "ConsentBasis",
    "Contact",
    "ContractBasis",
    "ControllerServed",
    "CriminalData",
    "DataCategory",
    "DataSource",
    "DataSubjectGroup",
    "Dpia",
    "DpiaScreening",
    "Duration",
    "JointController",
    "LegalBasisModel",
    "LegalObligationBasis",
    "LegitimateInterestsBasis",
    "LocalizedText",
    "NationalId",
    "NoDpoDecision",
    "Organisation",
    "Profiling",
    "PublicTask",
    "PublicTaskBasis",
    "Purpose",
    "Recipient",
    "Register",
    "RegisterFile",
    "Representative",
    "Retention",
    "SecurityMeasure",
    "SpecialCategoryUse",
    "Suppression",
    "System",
    "Transfer",
    "UndecidedBasis",
    "UnstatedLetterBasis",
    "VitalInterestsBasis",
    "is_stated",
    "text_of",
]
