"""A whole register: its files merged, ids resolved, every entity placed in its file."""

from __future__ import annotations

from dataclasses import dataclass, field

from ropa.model.activity import Activity
from ropa.model.catalogues import Recipient, SecurityMeasure, System
from ropa.model.organisation import JointController, Organisation
from ropa.model.processor import ControllerServed
from ropa.position import SourceMap


@dataclass
class Register:
    """The typed register that checks and exporters consume.

    `name` is how the register is shown (its file or directory); `files` are the YAML
    files it was assembled from, in a stable order.
    """

    name: str
    files: list[str]
    organisation: Organisation
    recipients: list[Recipient] = field(default_factory=list)
    systems: list[System] = field(default_factory=list)
    security_measures: list[SecurityMeasure] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    controllers: list[ControllerServed] = field(default_factory=list)
    source_maps: dict[str, SourceMap] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._recipients = {recipient.id: recipient for recipient in self.recipients}
        self._systems = {system.id: system for system in self.systems}
        self._measures = {measure.id: measure for measure in self.security_measures}
        self._activities = {activity.id: activity for activity in self.activities}

    @property
    def joint_controllers(self) -> list[JointController]:
        found = self.organisation.joint_controllers
        return found if isinstance(found, list) else []

    def recipient(self, identifier: str) -> Recipient | None:
        return self._recipients.get(identifier)

    def system(self, identifier: str) -> System | None:
        return self._systems.get(identifier)

    def security_measure(self, identifier: str) -> SecurityMeasure | None:
        return self._measures.get(identifier)

    def activity(self, identifier: str) -> Activity | None:
        return self._activities.get(identifier)
