"""The register itself, carried inside a workbook as a custom XML part.

A workbook made by `ropa export` shows the register to people; to read it back with
nothing lost (`ropa import record.xlsx`), it also carries the register's normalised JSON
form (`exporters.json`) in `customXml/item1.xml`, the place Office Open XML gives
documents for their own data (ECMA-376 Part 1, §15.2.4 and §22.5): spreadsheet programs
keep it, show it nowhere, and never run it.

The part is written once, at export: a cell edited later in a spreadsheet program is not
in it, and the importer says so every time it reads one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

NAMESPACE = "urn:ropa:register:1"
ITEM = "customXml/item1.xml"
ITEM_PROPS = "customXml/itemProps1.xml"
ITEM_RELS = "customXml/_rels/item1.xml.rels"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
# Fixed, so two exports of one register stay byte-identical.
ITEM_ID = "{5B0C5E8A-7A1D-4C61-9C36-0D5A3C2F6E01}"
_REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_REL_CUSTOM_XML_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def item_chunks(register_json: Iterable[str]) -> Iterator[bytes]:
    """The part holding the register, from its JSON text given in pieces, in pieces. The
    JSON is ASCII (escapes for everything else), so no character can make the XML
    unreadable."""
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<register xmlns="{NAMESPACE}" format="1">'
    ).encode("ascii")
    for chunk in register_json:
        yield escape(chunk).encode("ascii")
    yield b"</register>"


def parts() -> dict[str, bytes]:
    """The parts to add to the package beside `ITEM` (see `item_chunks`), by name."""
    return {
        ITEM_PROPS: (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<ds:datastoreItem ds:itemID="{ITEM_ID}" xmlns:ds='
            '"http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs>'
            "</ds:datastoreItem>"
        ).encode("ascii"),
        ITEM_RELS: (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL_CUSTOM_XML_PROPS}" Target="itemProps1.xml"/>'
            "</Relationships>"
        ).encode("ascii"),
    }


def patch(name: str, data: bytes) -> bytes:
    """The workbook's relationships and content types, told about the custom part."""
    if name == WORKBOOK_RELS:
        relationship = (
            f'<Relationship Id="rIdRopaRegister" Type="{_REL_CUSTOM_XML}" '
            'Target="../customXml/item1.xml"/>'
        ).encode()
        return data.replace(b"</Relationships>", relationship + b"</Relationships>", 1)
    if name == CONTENT_TYPES:
        override = f'<Override PartName="/{ITEM_PROPS}" ContentType="{_PROPS_TYPE}"/>'.encode()
        if b'Extension="xml"' not in data:
            override += b'<Default Extension="xml" ContentType="application/xml"/>'
        return data.replace(b"</Types>", override + b"</Types>", 1)
    return data


_REGISTER = re.compile(
    rb'<register xmlns="urn:ropa:register:1" format="(\d+)">(.*)</register>\s*$', re.S
)


def read_item(data: bytes) -> str | None:
    """The register JSON from a part, or None when the part is not ropa's."""
    from xml.sax.saxutils import unescape

    found = _REGISTER.search(data)
    if found is None or found.group(1) != b"1":
        return None
    return unescape(found.group(2).decode("ascii", "replace"))
