"""One YAML file of a register, as the published JSON Schema describes it."""

from __future__ import annotations

from typing import Literal

from ropa.model import cache
from ropa.model.activity import Activity
from ropa.model.catalogues import Recipient, SecurityMeasure, System
from ropa.model.organisation import Organisation
from ropa.model.processor import ControllerServed
from ropa.model.types import StrictModel

FORMAT_VERSION = 1


class RegisterFile(StrictModel):
    """A file of a GDPR Article 30 record of processing activities (ropa register format 1).

    A register is one such file, or a directory whose `register.yaml` holds the
    organisation and whose other files add activities and catalogue entries.
    """

    ropa: Literal[1]
    """Register format version. Always `1` for this version of the format."""
    organisation: Organisation | None = None
    """The controller or processor keeping the record (one per register)."""
    recipients: list[Recipient] | None = None
    """Catalogue of recipients, referred to by id from activities and transfers."""
    systems: list[System] | None = None
    """Catalogue of IT systems, referred to by id from activities."""
    security_measures: list[SecurityMeasure] | None = None
    """Catalogue of Art. 32 security measures, referred to by id from activities."""
    activities: list[Activity] | None = None
    """Processing activities carried out as controller (Art. 30(1))."""
    controllers: list[ControllerServed] | None = None
    """Controllers served as processor, with the processing done for each (Art. 30(2))."""


# Its validator, the largest, from the cache when it is first used (`ropa.model.cache`).
cache.defer(RegisterFile)
