"""Reporters: the only place output formats are built. Each renders a `Report` to a stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ropa.findings import Report

Renderer = Callable[[Report, TextIO], None]


def renderer(name: str) -> Renderer:
    """The renderer for an output format name (imported only when used)."""
    if name == "text":
        from ropa.reporters.text import render_text

        return render_text
    if name == "json":
        from ropa.reporters.json import render_json

        return render_json
    if name == "sarif":
        from ropa.reporters.sarif import render_sarif

        return render_sarif
    if name == "github":
        from ropa.reporters.github import render_github

        return render_github
    raise ValueError(f"unknown output format {name!r}")  # the CLI offers only known names


FORMATS = ("text", "json", "sarif", "github")
