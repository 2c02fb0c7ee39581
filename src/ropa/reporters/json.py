"""Machine-readable output: one JSON document, UTF-8, Latvian letters as they are."""

from __future__ import annotations

import io
import json
from json.encoder import encode_basestring
from typing import Any, TextIO

from ropa._version import __version__
from ropa.findings import Report, Severity


def report_document(report: Report) -> dict[str, Any]:
    language = report.says
    return {
        "tool": "ropa",
        "version": __version__,
        "command": report.command,
        "status": int(report.status),
        "summary": {
            "registers": len(report.registers),
            "files": len(report.files),
            "activities": report.activities,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
        "registers": report.registers,
        "files": report.files,
        "findings": [finding.to_dict(language) for finding in report.findings],
    }


def render_json(report: Report, stream: TextIO) -> None:
    document = report_document(report)
    if report.skipped:  # `check --skip-invalid`: registers left to `ropa validate`
        document["not_checked"] = report.skipped
    dump(document, stream)
    stream.write("\n")


def dump(value: Any, stream: TextIO) -> None:
    """`json.dump(value, stream, ensure_ascii=False, indent=2)`: the same text, several
    times faster. With an indent the standard library encodes in Python, one generator
    step per token (a fifth of a 10,000-activity check's reporting); here strings go
    through its C escaping and the rest is written inline. The text goes out in pieces,
    as the standard library's does: sixty thousand findings held as one string would
    cost a hundred megabytes."""
    out: list[str] = []
    _write(value, "\n", out, stream)
    stream.write("".join(out))


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, by `dump`."""
    text = io.StringIO()
    dump(value, text)
    return text.getvalue()


_WORDS = {True: "true", False: "false", None: "null"}
# Pieces gathered before they are written out.
_PIECES = 8192


def _write(value: Any, newline: str, out: list[str], stream: TextIO) -> None:
    # `newline` is the line break and indent of the value's own level.
    kind = type(value)
    if kind is str or isinstance(value, str):
        out.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator)
            out.append(encode_basestring(key if type(key) is str else _key(key)))
            if type(item) is str:  # most values: no call of their own
                out.append(": ")
                out.append(encode_basestring(item))
            elif type(item) is int:
                out.append(": ")
                out.append(int.__repr__(item))
            else:
                out.append(": ")
                _write(item, inner, out, stream)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write(item, inner, out, stream)
            separator = "," + inner
            if len(out) > _PIECES:
                stream.write("".join(out))
                out.clear()
        out.append(newline + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None or kind is bool:
        out.append(_WORDS[value])
    else:
        # Floats, subclasses of int, list or dict: whatever the standard encoder writes.
        out.append(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline))


def _key(key: Any) -> str:
    """A key that is not a string, as the standard encoder writes it (or refuses it)."""
    if isinstance(key, str):
        return key
    written: dict[str, int] = json.loads(json.dumps({key: 0}))  # (the TypeError is its)
    return next(iter(written))
