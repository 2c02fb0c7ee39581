"""`ropa init`: the files of a new register, ready to fill in.

Layout, relative to the directory given (the root of the organisation's repository):

    registers/<slug>.yaml     the register: organisation block and one example activity
    schemas/ropa.schema.json  the JSON Schema the register's first line points editors at
    .pre-commit-config.yaml   hooks that format, validate and check registers on commit

Nothing that exists is overwritten: an existing register file stops the command before
anything is written; an existing schema or pre-commit configuration is left as it is (the
configuration's snippet is returned to be shown instead).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ropa.errors import UsageError
from ropa.model.vocabulary import Role
from ropa.schema import schema_text
from ropa.yamlio import write_new

ROLES = tuple(role.value for role in Role)

PRE_COMMIT_CONFIG = """\
# Hooks that keep the record of processing activities in shape on every commit
# (https://pre-commit.com). They run the `ropa` installed in this environment; to pin a
# version for everyone instead, use the ropa repository with `rev:` (see ropa's README).
repos:
  - repo: local
    hooks:
      - id: ropa-fmt
        name: ropa fmt
        entry: ropa fmt
        language: system
        files: (^|/)registers/.*\\.ya?ml$
        require_serial: true
      - id: ropa-validate
        name: ropa validate
        entry: ropa validate
        language: system
        files: (^|/)registers/.*\\.ya?ml$
        require_serial: true
      # Reports what the record is missing. While the TODOs are open it stops commits
      # with errors; `args: [--fail-on, warning]` makes it stricter later.
      - id: ropa-check
        name: ropa check
        entry: ropa check
        language: system
        files: (^|/)registers/.*\\.ya?ml$
        require_serial: true
"""


@dataclass(frozen=True)
class Answers:
    """What `ropa init` asks."""

    name: str
    role: str = "controller"
    employees: int | None = None  # None: unknown
    country: str = "LV"
    email: str | None = None


@dataclass
class Scaffold:
    """What `ropa init` wrote, and what it left alone."""

    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    pre_commit_snippet: str | None = None  # shown when a configuration already exists


def slug(name: str) -> str:
    """A file name from an organisation's name: `SIA "Piemērs"` → `sia-piemers`."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:60].rstrip("-") or "register"


def _quoted(text: str) -> str:
    """Text as a double-quoted YAML scalar (JSON's string syntax is valid YAML 1.2)."""
    return json.dumps(text, ensure_ascii=False)


def register_text(answers: Answers) -> str:
    """The new register file: valid as written, with every placeholder marked TODO."""
    employees = "unknown" if answers.employees is None else str(answers.employees)
    contact = (
        f"contact: {{email: {_quoted(answers.email)}}}"
        if answers.email
        else "contact: unknown  # TODO: {email: ..., phone: ...} of the person who answers"
    )
    return f"""\
# yaml-language-server: $schema=../schemas/ropa.schema.json
# Record of processing activities (GDPR Art. 30) of {answers.name.replace(chr(10), " ")}.
# Written by `ropa init`. Replace every TODO with what the organisation really does, then
# run `ropa validate registers/`; the format is described in ropa's docs/format.md.
ropa: 1

organisation:
  name: {_quoted(answers.name)}
  country: {answers.country}
  {contact}
  role: {answers.role}
  employees: {employees}
  # TODO: `appointed: true` with the DPO's name and contact (a mailbox of the
  # organisation's own), or `appointed: false` with the reason no DPO is needed
  # (Art. 37(1); a public authority must appoint one).
  dpo: unknown

activities:
  # TODO: an example to start from. Rename it, describe it truthfully, and add one entry
  # for each processing activity. `unknown` marks what is not known yet.
  - id: customer-orders
    name: {{lv: "TODO: Klientu pasūtījumu apstrāde", en: "TODO: Processing customer orders"}}
    purposes:
      - purpose: {{lv: "TODO: Pasūtījumu izpilde", en: "TODO: Fulfilling orders"}}
        # TODO: contract, legal_obligation, consent, legitimate_interests, ... (Art. 6(1)).
        # Not settled yet: {{basis: undecided, candidates: [contract, legitimate_interests]}};
        # a law is cited but not the letter: {{basis: unknown, law: ...}}.
        legal_basis: unknown
    data_subjects: ["TODO: customers"]
    personal_data: ["TODO: name", "TODO: contact details"]
    # TODO: ids of recipients defined under `recipients:` (each with `kind:` processor,
    # controller, public_authority, public for publication, or unknown), or `none`.
    recipients: unknown
    # TODO: `none` when no data leaves the EU/EEA.
    transfers: unknown
    # TODO: {{period: P3Y, from: ..., reason: ...}}; or {{file_plan: ...}} (lietu
    # nomenklatūra); `period: permanent` for documents of archival value.
    retention: unknown
"""


def validate_answers(answers: Answers) -> None:
    """Refuse answers that would make an invalid register, before writing anything."""
    if not answers.name.strip():
        raise UsageError("the organisation's name must not be empty", hint="pass --name")
    if answers.role not in ROLES:
        raise UsageError(f"`{answers.role}` is not a role", hint=f"use one of: {', '.join(ROLES)}")
    if answers.employees is not None and answers.employees < 0:
        raise UsageError("the number of employees cannot be negative")
    from ropa.knowledge.countries import COUNTRIES

    if answers.country not in COUNTRIES:
        raise UsageError(
            f"`{answers.country}` is not an ISO 3166-1 alpha-2 country code",
            hint="write it in capitals, e.g. LV, EE, LT",
        )


def scaffold(directory: Path, answers: Answers) -> Scaffold:
    """Write a new register under `directory`; refuse if its register file exists."""
    validate_answers(answers)
    register = directory / "registers" / f"{slug(answers.name)}.yaml"
    if register.exists() or register.is_symlink():
        raise UsageError(
            f"{register} exists; ropa init never overwrites a file",
            hint="choose another directory, or remove the file first",
        )
    done = Scaffold()
    register.parent.mkdir(parents=True, exist_ok=True)
    _write_new(register, register_text(answers))
    done.written.append(register)

    schema_file = directory / "schemas" / "ropa.schema.json"
    if schema_file.exists():
        done.kept.append(schema_file)
    else:
        schema_file.parent.mkdir(parents=True, exist_ok=True)
        _write_new(schema_file, schema_text())
        done.written.append(schema_file)

    config = directory / ".pre-commit-config.yaml"
    if config.exists():
        done.kept.append(config)
        done.pre_commit_snippet = PRE_COMMIT_CONFIG
    else:
        _write_new(config, PRE_COMMIT_CONFIG)
        done.written.append(config)
    return done


def _write_new(path: Path, text: str) -> None:
    try:
        write_new(path, text)
    except FileExistsError:
        raise UsageError(
            f"{path} exists; ropa init never overwrites a file",
            hint="choose another directory, or remove the file first",
        ) from None


__all__ = ["PRE_COMMIT_CONFIG", "ROLES", "Answers", "Scaffold", "register_text", "scaffold", "slug"]
