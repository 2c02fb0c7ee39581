"""A workbook made by `ropa export`, read back into its register with nothing lost.

The workbook carries the register it shows in a custom XML part (`ropa.ooxml`);
that copy is what is read. It was written at export: a cell edited later in a
spreadsheet program is not in it, and the import says so. A workbook without the part
(another tool's, or one whose part a program dropped) is read as a table instead.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from ropa.i18n import msg
from ropa.importers.result import ImportResult
from ropa.ooxml import ITEM, read_item

SECTIONS = (
    "organisation",
    "recipients",
    "systems",
    "security_measures",
    "activities",
    "controllers",
)
# The embedded JSON is small next to the cells that show it; a part far larger than any
# register is refused rather than read (a zip bomb).
MAX_PART_BYTES = 256 * 1024 * 1024


def embedded_register(path: Path) -> dict[str, Any] | None:
    """The register a ropa workbook carries, or None when it carries none."""
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(ITEM)
            except KeyError:
                return None
            if info.file_size > MAX_PART_BYTES:
                return None
            with archive.open(info) as part:
                data = part.read(MAX_PART_BYTES + 1)
    except (OSError, zipfile.BadZipFile):
        return None
    text = read_item(data)
    if text is None:
        return None
    try:
        content = json.loads(text)
    except json.JSONDecodeError:
        return None
    return content if isinstance(content, dict) else None


def import_workbook(content: dict[str, Any], source: str) -> ImportResult:
    result = ImportResult(source=source, kind=msg("ropa workbook, the register it carries"))
    version = content.get("format_version")
    if version != 1:
        result.missing.append(f"the workbook's register is format version {version}, not 1")
    for section in SECTIONS:
        value = content.get(section)
        if value not in (None, []):
            result.data[section] = value
    result.missing.append(
        "cells edited in the workbook after its export are not read: the register is the "
        "copy the workbook carries from its export"
    )
    return result
