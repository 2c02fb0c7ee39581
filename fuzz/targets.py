"""What the fuzzers run on one input: every stage a register file goes through.

`run_one(data)` reads bytes as a register file the way `ropa validate`, `ropa check` and
`ropa fmt` do, and raises only when ropa misbehaves:

* decoding may refuse the bytes (`InputError`); nothing else may raise;
* every finding must lie inside the file (line within its lines);
* a valid register goes through the checks (`ropa.engine.check_register`), and through
  `ropa fmt`, which must keep the data and every comment, and be idempotent.

Both the atheris harness (`fuzz/harness.py`) and the pytest smoke pass import it.
"""

from __future__ import annotations

import collections
import datetime as dt

from ropa.config import load_config
from ropa.errors import InputError
from ropa.findings import Finding
from ropa.fmt import (
    AnchorOnEmptyValue,
    FormatRefused,
    RoundTripUnreadable,
    comment_texts,
    format_text,
)
from ropa.validate import assemble, check_identity, validate_document
from ropa.yamlio import decode_source, parse_fast

FILE = "fuzz.yaml"
TODAY = dt.date(2025, 1, 1)


class Misbehaviour(AssertionError):
    """ropa did something it promises never to do."""


def _check_positions(findings: list[Finding], text: str) -> None:
    lines = text.count("\n") + 1
    for finding in findings:
        if finding.positioned and not 1 <= finding.position.line <= lines:
            raise Misbehaviour(f"{finding.code} at {finding.position} outside {lines} lines")
        if finding.position.column < 1:
            raise Misbehaviour(f"{finding.code} at column {finding.position.column}")


def check_register(register: object) -> list[Finding]:
    """The checks on a valid register (`ropa check` without configuration files)."""
    from ropa.engine import check_register as run_rules
    from ropa.model.register import Register

    assert isinstance(register, Register)
    return run_rules(register, load_config(None), today=TODAY)


def run_one(data: bytes) -> None:
    try:
        text = decode_source(data, display=FILE)
    except InputError:
        return
    document = parse_fast(text, FILE)
    findings = list(document.problems)
    if document.data is None:
        _check_positions(findings, text)
        return
    model, schema_findings = validate_document(document)
    findings += schema_findings
    findings += check_identity([document], split=False, root_file=FILE)
    _check_positions(findings, text)
    if findings or model is None:
        return
    register = assemble(FILE, [(document, model)])
    _check_positions(check_register(register), text)
    try:
        formatted = format_text(text, FILE)
    except RoundTripUnreadable:
        return  # ruamel's parser is stricter than libyaml here; fmt says so (FM01)
    except AnchorOnEmptyValue:
        return  # ruamel keeps no anchor on a null; fmt says where (FM01), changing nothing
    except FormatRefused as refused:
        raise Misbehaviour(f"fmt refused a valid register: {refused}") from None
    if parse_fast(formatted, FILE).data != document.data:
        raise Misbehaviour("fmt changed the data")
    if collections.Counter(comment_texts(formatted)) != collections.Counter(comment_texts(text)):
        raise Misbehaviour("fmt lost or added a comment")
    if format_text(formatted, FILE) != formatted:
        raise Misbehaviour("fmt is not idempotent")
