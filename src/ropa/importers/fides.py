"""A fideslang manifest read into a register (`ropa import manifest.yml`).

Each fides `system` becomes a processing activity and each of its privacy declarations a
purpose; the `organization` becomes the organisation. Taxonomy keys become the register's
words through the table in `ropa.knowledge.fides` (a key the table does not know is kept
as written, and reported). Whatever has no place in the register format (egress and
ingress flows, dataset references, cookies, flexible bases, …) is kept in the activity's
`notes` with its fides field name, and reported: nothing is dropped silently.

A manifest written by `ropa export --format fides` carries the record's own words in each
system's description ("Personal data (as recorded): …"); those lines are read back, so
export → import → export gives the same manifest.
"""

from __future__ import annotations

import re
from typing import Any

from ropa.i18n import counted, msg
from ropa.importers.result import ImportResult, Unmapped
from ropa.knowledge import fides

# The description lines `exporters.fides` writes, read back.
_RECORDED = {
    "personal data (as recorded): ": "personal_data",
    "data subjects (as recorded): ": "data_subjects",
    "security measures: ": "security_measures",
    "transfers to: ": "transfers",
    "transfers outside the eea: not known": "transfers_unknown",
    "personal data: not known": "personal_data_unknown",
    "ropa activity id: ": "id",
}
_BASES = {label: key for key, label in fides.LEGAL_BASES.items()}
_SPECIAL_BASES = {label: key for key, label in fides.SPECIAL_CATEGORY_BASES.items()}
_SPECIAL_KEYS = {key: category for category, key in fides.SPECIAL_CATEGORIES.items()}
_MECHANISMS = {label: key for key, label in fides.TRANSFER_MECHANISMS.items()}
# Fields the mapping reads; any other field of a system or declaration goes to notes.
_SYSTEM_FIELDS = {
    "fides_key",
    "organization_fides_key",
    "name",
    "description",
    "system_type",
    "privacy_declarations",
    "does_international_transfers",
    "legal_basis_for_transfers",
    "administrating_department",
    "uses_profiling",
    "requires_data_protection_assessments",
}
_DECLARATION_FIELDS = {
    "name",
    "data_use",
    "data_categories",
    "data_subjects",
    "legal_basis_for_processing",
    "retention_period",
    "processes_special_category_data",
    "special_category_legal_basis",
    "data_shared_with_third_parties",
    "third_parties",
}
_EMPTY: tuple[Any, ...] = (None, "", [], {}, False)


def is_fides_manifest(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and ("system" in data or "organization" in data)
        and "ropa" not in data
    )


def import_fides(data: dict[str, Any], source: str) -> ImportResult:
    result = ImportResult(source=source, kind=msg("fides manifest"))
    organizations = _list(data.get("organization"))
    result.data["organisation"] = _organisation(organizations[0] if organizations else {}, result)
    for index, extra in enumerate(organizations[1:], start=2):
        result.unmapped.append(
            Unmapped(
                f"organization[{index}]", str(extra.get("fides_key")), msg("a second organisation")
            )
        )
    recipients: dict[str, dict[str, Any]] = {}
    measures: dict[str, dict[str, Any]] = {}
    activities = []
    used_ids: set[str] = set()
    for index, system in enumerate(_list(data.get("system")), start=1):
        if not isinstance(system, dict):
            result.unmapped.append(Unmapped(f"system[{index}]", str(system), msg("not a mapping")))
            continue
        activities.append(
            _activity(system, f"system[{index}]", recipients, measures, used_ids, result)
        )
    for key in data:
        if key not in ("organization", "system"):
            result.unmapped.append(
                Unmapped(
                    key,
                    counted("{count} resource", "{count} resources", count=len(_list(data[key]))),
                    msg("no place in the register"),
                )
            )
    if recipients:
        result.data["recipients"] = list(recipients.values())
    if measures:
        result.data["security_measures"] = list(measures.values())
    result.data["activities"] = activities
    return result


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _organisation(resource: dict[str, Any], result: ImportResult) -> dict[str, Any]:
    controller = resource.get("controller") if isinstance(resource, dict) else None
    details = controller if isinstance(controller, dict) else {}
    organisation: dict[str, Any] = {
        "name": resource.get("name") or details.get("name") or "unknown",
        "role": "controller",
    }
    if details.get("address"):
        organisation["address"] = details["address"]
    contact = {key: details[key] for key in ("email", "phone") if details.get(key)}
    organisation["contact"] = contact or "unknown"
    officer = resource.get("data_protection_officer")
    if isinstance(officer, dict) and any(officer.get(key) for key in ("name", "email", "phone")):
        dpo: dict[str, Any] = {"appointed": True, "name": officer.get("name") or "unknown"}
        dpo_contact = {key: officer[key] for key in ("email", "phone") if officer.get(key)}
        if dpo_contact:
            dpo["contact"] = dpo_contact
        organisation["dpo"] = dpo
    representative = resource.get("representative")
    if isinstance(representative, dict) and representative.get("name"):
        organisation["representative"] = {"name": representative["name"]}
        if representative.get("address"):
            organisation["representative"]["address"] = representative["address"]
        rep_contact = {k: representative[k] for k in ("email", "phone") if representative.get(k)}
        if rep_contact:
            organisation["representative"]["contact"] = rep_contact
    result.missing.append(
        "organisation: country and registration_number (fides has none); role was set to "
        "controller: check it"
    )
    return organisation


def register_id(text: str, used: set[str]) -> str:
    """An id the register accepts (letters, digits, `._-`), unique among `used`."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", fides.fold(text)).strip("-._")[:90] or "entry"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def _recorded_lines(description: str) -> tuple[dict[str, str], str]:
    """The lines `ropa export --format fides` wrote, and the description without them."""
    recorded: dict[str, str] = {}
    kept = []
    for line in description.split("\n"):
        lowered = line.lower()
        for prefix, key in _RECORDED.items():
            if lowered.startswith(prefix):
                recorded[key] = line[len(prefix) :]
                break
        else:
            kept.append(line)
    return recorded, "\n".join(kept).strip()


def _activity(
    system: dict[str, Any],
    where: str,
    recipients: dict[str, dict[str, Any]],
    measures: dict[str, dict[str, Any]],
    used_ids: set[str],
    result: ImportResult,
) -> dict[str, Any]:
    recorded, description = _recorded_lines(str(system.get("description") or ""))
    key = str(recorded.get("id") or system.get("fides_key") or system.get("name") or where)
    activity: dict[str, Any] = {
        "id": register_id(key, used_ids),
        "name": system.get("name") or key,
    }
    if description:
        activity["description"] = description
    if system.get("administrating_department") not in (None, "", "Not defined"):
        activity["owner"] = system["administrating_department"]
    notes: list[str] = []
    declarations = [d for d in _list(system.get("privacy_declarations")) if isinstance(d, dict)]
    activity["purposes"] = [_purpose(d, notes) for d in declarations] or "unknown"
    if "data_subjects" in recorded:
        activity["data_subjects"] = [
            item for item in recorded["data_subjects"].split("; ") if item.strip()
        ]
    else:
        activity["data_subjects"] = _subjects(declarations, f"{where}", result) or "unknown"
    if "personal_data_unknown" in recorded:
        activity["personal_data"] = "unknown"
    elif "personal_data" in recorded:
        activity["personal_data"] = [
            item for item in recorded["personal_data"].split("; ") if item.strip()
        ]
    else:
        activity["personal_data"] = _categories(declarations, f"{where}", result) or "unknown"
    special = _special(declarations)
    if special:
        activity["special_categories"] = special
    third = [
        part.strip()
        for d in declarations[:1]
        for part in str(d.get("third_parties") or "").split("; ")
        if part.strip()
    ]
    if third:
        activity["recipients"] = [_recipient(text, recipients) for text in third]
    elif declarations and all(
        d.get("data_shared_with_third_parties") is False for d in declarations
    ):
        activity["recipients"] = "none"
    activity["transfers"] = _transfers(system, recorded)
    retention = next(
        (d["retention_period"] for d in declarations if d.get("retention_period")), None
    )
    if retention:
        activity["retention"] = {"criteria": str(retention)}
    if recorded.get("security_measures"):
        activity["security_measures"] = [
            _measure(name, measures) for name in recorded["security_measures"].split("; ") if name
        ]
    if system.get("uses_profiling") is True:
        activity["profiling"] = {"description": "unknown (fides: uses_profiling is true)"}
    if system.get("requires_data_protection_assessments") is True:
        activity["dpia"] = {"required": True}
    for field, value in system.items():
        if field not in _SYSTEM_FIELDS and value not in _EMPTY and field != "meta":
            notes.append(f"fides {field}: {_short(value)}")
            result.unmapped.append(
                Unmapped(f"{where}.{field}", _short(value), msg("kept in notes"))
            )
    if system.get("system_type") not in (None, "", "Processing activity"):
        notes.append(f"fides system_type: {system['system_type']}")
    if notes:
        activity["notes"] = "\n".join(notes)
    return activity


def _purpose(declaration: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    use = str(declaration.get("data_use") or "")
    term = fides.term_for(use, fides.DATA_USES)
    text = declaration.get("name") or (term.label if term else use) or "unknown"
    purpose: dict[str, Any] = {"purpose": text}
    basis = _BASES.get(str(declaration.get("legal_basis_for_processing") or ""))
    if basis:
        purpose["legal_basis"] = {"basis": basis}
    if use and term is None:
        notes.append(f"fides data_use `{use}` of “{text}” is not in the default taxonomy")
    for field, value in declaration.items():
        if field not in _DECLARATION_FIELDS and value not in _EMPTY:
            notes.append(f"fides {field} of “{text}”: {_short(value)}")
    return purpose


def _subjects(declarations: list[dict[str, Any]], where: str, result: ImportResult) -> list[str]:
    out: list[str] = []
    for declaration in declarations:
        for key in _list(declaration.get("data_subjects")):
            term = fides.term_for(str(key), fides.DATA_SUBJECTS)
            text = term.label if term else str(key)
            if term is None:
                result.unmapped.append(
                    Unmapped(f"{where}.data_subjects", str(key), msg("kept as written"))
                )
            if text not in out:
                out.append(text)
    return out


def _categories(declarations: list[dict[str, Any]], where: str, result: ImportResult) -> list[str]:
    out: list[str] = []
    for declaration in declarations:
        for key in _list(declaration.get("data_categories")):
            term = fides.term_for(str(key), fides.DATA_CATEGORIES)
            text = term.label if term else str(key)
            if str(key) == "user":
                text = "personal data (not specified)"
            elif term is None:
                result.unmapped.append(
                    Unmapped(f"{where}.data_categories", str(key), msg("kept as written"))
                )
            if text not in out:
                out.append(text)
    return out


def _special(declarations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for declaration in declarations:
        if not declaration.get("processes_special_category_data"):
            continue
        condition = _SPECIAL_BASES.get(str(declaration.get("special_category_legal_basis") or ""))
        for key in _list(declaration.get("data_categories")):
            category = _SPECIAL_KEYS.get(str(key))
            if category and all(use["category"] != category for use in out):
                use: dict[str, Any] = {"category": category}
                if condition:
                    use["condition"] = condition
                out.append(use)
    return out


def _recipient(text: str, recipients: dict[str, dict[str, Any]]) -> str:
    for identifier, entry in recipients.items():
        if entry["category"] == text:
            return identifier
    identifier = register_id(text, set(recipients))
    recipients[identifier] = {
        "id": identifier,
        "name": "unknown",
        "category": text,
        "kind": "other",
        "notes": "fides names third parties without their kind: check processor or controller",
    }
    return identifier


def _measure(name: str, measures: dict[str, dict[str, Any]]) -> str:
    for identifier, entry in measures.items():
        if entry["name"] == name:
            return identifier
    identifier = register_id(name, set(measures))
    measures[identifier] = {"id": identifier, "name": name}
    return identifier


def _transfers(system: dict[str, Any], recorded: dict[str, str]) -> Any:
    if "transfers_unknown" in recorded or "does_international_transfers" not in system:
        return "unknown"
    if system["does_international_transfers"] is not True:
        return "none"
    mechanisms = {
        _MECHANISMS.get(str(label), "unknown")
        for label in _list(system.get("legal_basis_for_transfers"))
    }
    only = mechanisms.pop() if len(mechanisms) == 1 else "unknown"
    transfers = []
    for place in recorded.get("transfers", "").split(", "):
        found = re.fullmatch(r"\s*(\S+)(?: \((.+)\))?\s*", place)
        if found:
            mechanism = _MECHANISMS.get(
                found.group(2) or "", only if not found.group(2) else "unknown"
            )
            transfers.append({"country": found.group(1), "mechanism": mechanism})
    return transfers or [{"country": "unknown", "mechanism": only}]


def _short(value: Any, limit: int = 200) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
