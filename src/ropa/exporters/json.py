"""The normalised register as one JSON document: what the files say, merged and typed.

Each entity is the model's own dump (aliases as written in YAML, left-out keys left out),
in the order the format declares its keys, so two exports of one register are identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ropa.model import FORMAT_VERSION, Register


def _dump(model: BaseModel) -> dict[str, Any]:
    # The format's unions are chosen by a function of the input's shape (text, mapping,
    # list), which pydantic cannot apply to a model when serialising: it warns and tries
    # the union's members in order, which gives the right result. Durations are written
    # as their ISO 8601 text.
    return model.model_dump(
        mode="json", by_alias=True, exclude_none=True, fallback=str, warnings=False
    )


def register_document(register: Register) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "register": register.name,
        "files": list(register.files),
        **register_content(register),
    }


def register_content(register: Register) -> dict[str, Any]:
    """What the register says, without where its files are."""
    return {
        "organisation": _dump(register.organisation),
        "recipients": [_dump(recipient) for recipient in register.recipients],
        "systems": [_dump(system) for system in register.systems],
        "security_measures": [_dump(measure) for measure in register.security_measures],
        "activities": [_dump(activity) for activity in register.activities],
        "controllers": [_dump(served) for served in register.controllers],
    }


def json_text(register: Register) -> str:
    return json.dumps(register_document(register), ensure_ascii=False, indent=2) + "\n"


def embedded_json(register: Register) -> str:
    """The register's content as compact ASCII JSON, for a workbook to carry."""
    return "".join(embedded_json_chunks(register))


def embedded_json_chunks(register: Register) -> Iterator[str]:
    """`embedded_json` in pieces, an entity at a time: the text is the same, but neither
    the dump of the whole register nor its JSON is ever held at once (at 50,000 activities
    each is larger than the models)."""
    encode = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
    yield '{"format_version":' + encode(FORMAT_VERSION)
    yield ',"organisation":' + encode(_dump(register.organisation))
    for key, entities in (
        ("recipients", register.recipients),
        ("systems", register.systems),
        ("security_measures", register.security_measures),
        ("activities", register.activities),
        ("controllers", register.controllers),
    ):
        yield f",{encode(key)}:["
        separator = ""
        for entity in entities:
            yield separator + encode(_dump(entity))
            separator = ","
        yield "]"
    yield "}"
