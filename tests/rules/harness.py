"""Run a register snippet through validate and the check engine, as `ropa check` does."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ropa.config import Config, Settings
from ropa.engine import check_register
from ropa.findings import Finding
from ropa.validate import validate_paths

# The date every rule test is checked on (GV02 compares review dates with it).
TODAY = dt.date(2025, 1, 15)

# Added to snippets that have no organisation of their own; it passes the OR rules.
ORGANISATION = """organisation:
  name: SIA "Piemērs"
  registration_number: "40003000000"
  country: LV
  contact: {email: info@piemers.lv}
  role: controller
  employees: 10
  dpo: {appointed: false, reason: Art. 37(1) does not apply, decided_on: 2024-01-10}
  representative: none
  joint_controllers: none
"""

MARKER = re.compile(r"#\s*←\s*([A-Z]{2}[0-9]{2})")


def materialise(snippet: str) -> str:
    """A whole register file from a documentation snippet."""
    text = snippet if snippet.startswith("ropa:") else "ropa: 1\n" + snippet
    if not re.search(r"^organisation:", text, flags=re.M):
        text = text.replace("ropa: 1\n", "ropa: 1\n" + ORGANISATION, 1)
    return text


def marked_lines(text: str, code: str) -> set[int]:
    return {
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := MARKER.search(line)) and match.group(1) == code
    }


def check_text(
    text: str, directory: Path, settings: Settings | None = None, name: str = "register.yaml"
) -> list[Finding]:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    result = validate_paths([str(path)])
    assert result.findings == [], [f"{f.position} {f.code} {f.message}" for f in result.findings]
    (register,) = result.registers
    return check_register(register, Config(settings or Settings()), today=TODAY)
