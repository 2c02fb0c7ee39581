"""Entities: models that other parts of the register refer to and findings point at."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from pydantic import Field, PrivateAttr

from ropa.model.types import StrictModel, Text
from ropa.position import Location, PathElement

# A Location built without NamedTuple's Python-level __new__.
_location = partial(tuple.__new__, Location)


class Entity(StrictModel):
    """A model that remembers where in which file it was written.

    The location is set when a register is assembled from its files; a model built in
    code has none, and locates its values at the top of an unnamed file.
    """

    _location: Location | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Location:
        # Read the private attribute from pydantic's storage directly: going through
        # attribute lookup costs a failed `__getattr__` each time, and rules ask often.
        private = self.__pydantic_private__
        location = private.get("_location") if private else None
        return location or Location("<memory>", ())

    def at(self, *elements: PathElement) -> Location:
        """The location of a value inside this entity, e.g. `activity.at("purposes", 0)`."""
        # `origin` and `Location.child` inline: rules ask this some 200,000 times at
        # 10,000 activities.
        private = self.__pydantic_private__
        location = private.get("_location") if private else None
        if location is None:
            return Location("<memory>", elements)
        return _location((location.file, location.path + elements))

    def place(self, location: Location) -> None:
        # Into pydantic's storage directly, as `origin` reads it: assigning the attribute
        # goes through two `__setattr__` in Python (this model's and pydantic's), for
        # each of 10,000 activities.
        private = self.__pydantic_private__
        if private is None:
            self._location = location
        else:
            private["_location"] = location


class Suppression(StrictModel):
    """Silences named check codes for this activity, with the reason on record."""

    codes: list[Annotated[str, Field(pattern=r"^[A-Z]{2}[0-9]{2}$")]]
    """Rule codes to silence, e.g. [RT02]."""
    reason: Text
    """Why the finding does not apply; required, and shown in audits."""
