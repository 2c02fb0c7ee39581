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
from ropa.yamlio import parse_fast, write_atomic, write_new

ROLES = tuple(role.value for role in Role)

# The hooks `ropa init` sets up, as in ropa's .pre-commit-hooks.yaml: each problem is shown
# once. `ropa validate` reports what breaks the format; `fmt` and `check` pass over a
# register that does not validate (`--skip-invalid`), check naming it and failing.
HOOKS = {
    "ropa-fmt": ("ropa fmt", "ropa fmt --skip-invalid"),
    "ropa-validate": ("ropa validate", "ropa validate"),
    "ropa-check": ("ropa check", "ropa check --skip-invalid"),
}
_CHECK_COMMENT = (
    "# Reports what the record is missing. While the TODOs are open it stops commits\n"
    "# with errors; `args: [--fail-on, warning]` makes it stricter later.\n"
)


def hooks_text(ids: list[str], indent: str = "  ") -> str:
    """A `- repo: local` entry of .pre-commit-config.yaml running the hooks `ids`, its
    dash at `indent`."""
    lines = [f"{indent}- repo: local", f"{indent}  hooks:"]
    for hook in ids:
        name, entry = HOOKS[hook]
        if hook == "ropa-check":
            lines += [f"{indent}    {line}" for line in _CHECK_COMMENT.splitlines()]
        lines += [
            f"{indent}    - id: {hook}",
            f"{indent}      name: {name}",
            f"{indent}      entry: {entry}",
            f"{indent}      language: system",
            f"{indent}      files: (^|/)registers/.*\\.ya?ml$",
            f"{indent}      require_serial: true",
        ]
    return "\n".join(lines) + "\n"


PRE_COMMIT_CONFIG = (
    "# Hooks that keep the record of processing activities in shape on every commit\n"
    "# (https://pre-commit.com). They run the `ropa` installed in this environment; to pin a\n"
    "# version for everyone instead, use the ropa repository with `rev:` (see ropa's README).\n"
    "repos:\n" + hooks_text(list(HOOKS))
)


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
    # A register already there: no second organisation is added.
    existing_register: Path | None = None
    # Hooks added to an existing .pre-commit-config.yaml.
    hooks_added: list[str] = field(default_factory=list)
    pre_commit_snippet: str | None = None  # shown when a configuration cannot be merged


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
  # Where data protection questions go, if the notice names an address of its own for them
  # (not a DPO: a designated DPO goes under `dpo:`):
  # privacy_contact: {{email: privatums@...}}
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


def scaffold(directory: Path, answers: Answers | None) -> Scaffold:
    """Write a new register under `directory`; refuse if its register file exists.

    When `registers/` already holds a register, none is written (a register has one
    organisation): pass `answers=None` then, after `existing_register` said so. The schema
    and the hooks are still set up.
    """
    done = Scaffold()
    done.existing_register = existing_register(directory)
    if done.existing_register is None:
        if answers is None:
            raise UsageError("the organisation's name is needed for a new register")
        validate_answers(answers)
        register = directory / "registers" / f"{slug(answers.name)}.yaml"
        if register.exists() or register.is_symlink():
            raise UsageError(
                f"{register} exists; ropa init never overwrites a file",
                hint="choose another directory, or remove the file first",
            )
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
    if not config.exists():
        _write_new(config, PRE_COMMIT_CONFIG)
        done.written.append(config)
        return done
    done.kept.append(config)
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        done.pre_commit_snippet = PRE_COMMIT_CONFIG
        return done
    merged = merge_hooks(text)
    if merged is None:
        done.pre_commit_snippet = PRE_COMMIT_CONFIG
    elif merged[1]:
        write_atomic(config, merged[0])
        done.hooks_added = merged[1]
    return done


def existing_register(directory: Path) -> Path | None:
    """A register file (one with an `organisation:`) under `directory/registers`."""
    folder = directory / "registers"
    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        try:
            parsed = parse_fast(path.read_text(encoding="utf-8"), path.name)
        except (OSError, UnicodeDecodeError):
            continue
        if isinstance(parsed.data, dict) and "organisation" in parsed.data:
            return path
    return None


def merge_hooks(text: str) -> tuple[str, list[str]] | None:
    """`text` of a .pre-commit-config.yaml with the ropa hooks it lacks added as one more
    `- repo: local` entry at the end of `repos:`, every other line (comments included) as
    it was; and the ids added. None when the file's layout is not one this can extend
    safely (the hooks are shown to add by hand then)."""
    before = parse_fast(text, ".pre-commit-config.yaml")
    data = before.data
    if before.problems or not isinstance(data, dict):
        return None
    repos = data.get("repos")
    if not isinstance(repos, list):
        return None
    present = {
        hook.get("id")
        for repo in repos
        if isinstance(repo, dict) and isinstance(repo.get("hooks"), list)
        for hook in repo["hooks"]
        if isinstance(hook, dict)
    }
    missing = [hook for hook in HOOKS if hook not in present]
    if not missing:
        return text, []
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    merged = _append_to_repos(lines, missing)
    if merged is None:
        return None
    after = parse_fast(merged, ".pre-commit-config.yaml").data
    # The result must be the old configuration plus the new entry, nothing else.
    if (
        not isinstance(after, dict)
        or {key: value for key, value in after.items() if key != "repos"}
        != {key: value for key, value in data.items() if key != "repos"}
        or after.get("repos", [])[:-1] != repos
    ):
        return None
    return merged, missing


def _append_to_repos(lines: list[str], missing: list[str]) -> str | None:
    key = next(
        (index for index, line in enumerate(lines) if re.match(r"repos:\s*(#.*)?$", line)), None
    )
    if key is None:
        flow = next(
            (i for i, line in enumerate(lines) if re.match(r"repos:\s*\[\s*\]\s*$", line)), None
        )
        if flow is None:
            return None
        lines[flow] = "repos:\n"
        return "".join(lines[: flow + 1]) + hooks_text(missing) + "".join(lines[flow + 1 :])
    end, indent = key + 1, None
    for index in range(key + 1, len(lines)):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if indent is None:
            match = re.match(r"( *)- ", line)
            if match is None:
                return None
            indent = match.group(1)
        if not line.startswith(indent) or (
            len(line) - len(line.lstrip(" ")) == len(indent) and not line.startswith(indent + "-")
        ):
            break
        end = index + 1
    return (
        "".join(lines[:end])
        + hooks_text(missing, "  " if indent is None else indent)
        + "".join(lines[end:])
    )


def _write_new(path: Path, text: str) -> None:
    try:
        write_new(path, text)
    except FileExistsError:
        raise UsageError(
            f"{path} exists; ropa init never overwrites a file",
            hint="choose another directory, or remove the file first",
        ) from None


__all__ = [
    "HOOKS",
    "PRE_COMMIT_CONFIG",
    "ROLES",
    "Answers",
    "Scaffold",
    "existing_register",
    "hooks_text",
    "merge_hooks",
    "register_text",
    "scaffold",
    "slug",
]
