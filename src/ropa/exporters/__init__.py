"""Exporters: a typed `Register` → xlsx, csv, json or markdown for people and regulators.

`table` turns a register into headings and cell text once; `xlsx` (the only openpyxl
user) and `csv` write those tables, `markdown` and `html` write them as a document, and
`json` writes the normalised register. Exporters never parse YAML and never print.
"""

from __future__ import annotations

EXPORT_FORMATS = ("xlsx", "csv", "json", "markdown", "html")
