"""Nothing the register holds is left out: every value of each example register is found
in the text of the workbook, the Markdown and (for activities) the CSV.

The walk goes over the typed register, field by field, so a field added to the format
is checked here without a word of this test changing. Values the exports turn into words
are not looked for as written (the module's `TRANSLATED`, each with where its words come
from); markers (`none`, `unknown`) and booleans are shown as words, and are not looked for.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from ropa.exporters.csv import csv_text
from ropa.exporters.markdown import markdown_text
from ropa.exporters.table import Language, build_document
from ropa.exporters.xlsx import write_xlsx_stream
from ropa.model import LocalizedText, Register
from ropa.model.types import Duration
from tests.conftest import SEED_REGISTERS
from tests.test_export import DATE, load, logical_rows

# Fields whose values are codes the exports replace by words from `ropa.knowledge`:
# field name → why the code itself does not appear.
TRANSLATED: dict[str, str] = {
    "country": "a country name (knowledge.countries)",
    "location": "a country name (knowledge.countries)",
    "statute": "the statute's name and provision (knowledge.retention)",
    "basis": "the legal basis's DVI name and article (knowledge.legal_bases)",
    "condition": "the Art. 9(2) point cited (knowledge.special)",
    "mechanism": "the transfer tool and its article (knowledge.transfers)",
    "instrument": "the Art. 46 instrument and its article (knowledge.transfers)",
    "derogation": "the Art. 49 derogation and its article (knowledge.transfers)",
    "exception": "the Art. 22(2) point cited",
    "role": "the cover's heading: controller, processor or both",
}
# Keys that configure the tool rather than record the processing.
NOT_RECORD = {"suppress", "ropa"}
# References to catalogue entries: the CSV (one table of activities) shows the entry's
# name or category in their place; the workbook and Markdown show the ids too.
REFERENCES = {
    "recipients",
    "security_measures",
    "systems",
    "joint_controllers",
    "recipient",
    "provider",
    "sub_processors",
}


def values(node: Any, language: Language, *, references: bool = True) -> Iterator[str]:
    """Each value of the register as the export must show it (text, number or date)."""
    if isinstance(node, LocalizedText):
        for text in (node.lv, node.en) if language == "lv+en" else (node.pick(language),):
            if text:
                yield text
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name in NOT_RECORD or name in TRANSLATED:
                continue
            if not references and name in REFERENCES:
                continue
            yield from values(getattr(node, name), language, references=references)
        return
    if isinstance(node, list):
        for item in node:
            yield from values(item, language, references=references)
        return
    if node is None or isinstance(node, bool | enum.Enum | Duration):
        return
    if isinstance(node, str):
        if node not in ("none", "unknown"):
            yield node
        return
    if isinstance(node, int | dt.date):
        yield node.isoformat() if isinstance(node, dt.date) else str(node)
        return
    raise AssertionError(f"a value of type {type(node).__name__} the test does not know")


def register_values(register: Register, language: Language) -> list[str]:
    nodes: list[Any] = [
        register.organisation,
        register.recipients,
        register.systems,
        register.security_measures,
        register.activities,
        register.controllers,
    ]
    return [text for node in nodes for text in values(node, language)]


def folded(text: str) -> str:
    return " ".join(text.split())


def missing(expected: list[str], exported: str) -> list[str]:
    haystack = folded(exported)
    return sorted({text for text in expected if folded(text) not in haystack})


def workbook_text(register: Register, language: Language) -> str:
    document = build_document(register, language=language, export_date=DATE)
    buffer = io.BytesIO()
    write_xlsx_stream(document, buffer)
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    cells: list[str] = []
    for worksheet in workbook.worksheets:
        rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
        for row in logical_rows(rows) if rows else []:
            cells += ["" if value is None else str(value) for value in row]
    return "\n".join(cells)


LANGUAGES: tuple[Language, ...] = ("lv", "en", "lv+en")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.stem)
def test_every_value_reaches_the_workbook(path: Path, language: Language) -> None:
    register = load(path)
    expected = register_values(register, language)
    assert len(expected) > 30  # the walk found the register's values
    assert missing(expected, workbook_text(register, language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.stem)
def test_every_value_reaches_the_markdown(path: Path, language: Language) -> None:
    register = load(path)
    text = markdown_text(build_document(register, language=language, export_date=DATE))
    unescaped = re.sub(r"\\(.)", r"\1", text)
    assert missing(register_values(register, language), unescaped) == []


@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.stem)
def test_every_activity_value_reaches_the_csv(path: Path) -> None:
    register = load(path)
    text = csv_text(build_document(register, language="lv+en", export_date=DATE))
    unquoted = text.replace('""', '"')
    expected = [
        text
        for activity in register.activities
        for text in values(activity, "lv+en", references=False)
    ]
    assert expected
    assert missing(expected, unquoted) == []


def test_the_walk_finds_a_value_left_out() -> None:
    """The check can fail: a value the export drops is reported."""
    register = load(SEED_REGISTERS[0])
    expected = register_values(register, "en")
    exported = folded(workbook_text(register, "en"))
    dropped = max(expected, key=len)
    assert missing(expected, exported) == []
    assert missing(expected, exported.replace(folded(dropped), "")) == [dropped]
