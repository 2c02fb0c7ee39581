"""The normalised register as one JSON document: what the files say, merged and typed.

Each entity is the model's own dump (aliases as written in YAML, left-out keys left out),
in the order the format declares its keys, so two exports of one register are identical.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ropa.model import FORMAT_VERSION, Register


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, fallback=str)


def register_document(register: Register) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "register": register.name,
        "files": list(register.files),
        "organisation": _dump(register.organisation),
        "recipients": [_dump(recipient) for recipient in register.recipients],
        "systems": [_dump(system) for system in register.systems],
        "security_measures": [_dump(measure) for measure in register.security_measures],
        "activities": [_dump(activity) for activity in register.activities],
        "controllers": [_dump(served) for served in register.controllers],
    }


def json_text(register: Register) -> str:
    return json.dumps(register_document(register), ensure_ascii=False, indent=2) + "\n"
