"""The register as a fideslang manifest (`ropa export --format fides`).

fides describes an organisation's data processing as *systems*, each with *privacy
declarations* (a data use, the data categories and data subjects it touches, its legal
basis). A register's processing activity becomes one system and each of its purposes one
privacy declaration; the organisation becomes a fides `organization` with its controller,
DPO and representative contacts. Free-text categories and subjects are mapped to the
fideslang default taxonomy by `ropa.knowledge.fides`; what the taxonomy cannot say
(security measures, recipients by name, sources, retention reasons) goes into each
system's `description`, so nothing of the record is silently left out.

Built from the normalised JSON form of the register (`exporters.json`), the same data
every other machine format is made from.
"""

from __future__ import annotations

import re
from typing import Any

from ropa.exporters.json import register_document
from ropa.knowledge import fides
from ropa.model import Register
from ropa.yamlio import dump_plain

Language = str


def fides_manifest(register: Register, language: Language = "lv+en") -> dict[str, Any]:
    """The fideslang `organization` and `system` resources of a register."""
    document = register_document(register)
    organisation = document["organisation"]
    organisation_key = fides_key(_text(organisation.get("name"), "en") or register.name)
    catalogues = {
        "recipients": {entry["id"]: entry for entry in document["recipients"]},
        "security_measures": {entry["id"]: entry for entry in document["security_measures"]},
    }
    return {
        "organization": [_organization(organisation, organisation_key, language)],
        "system": [
            _system(activity, organisation_key, catalogues, language)
            for activity in document["activities"]
        ],
    }


def fides_text(register: Register, language: Language = "lv+en") -> str:
    return dump_plain(fides_manifest(register, language))


def fides_key(text: str) -> str:
    """A FidesKey (letters, digits, `_ . - < >`) from a name or id."""
    folded = fides.fold(text)
    key = re.sub(r"[^a-z0-9_.-]+", "_", folded).strip("_")
    return key or "unnamed"


def _text(value: Any, language: Language) -> str | None:
    """Register text in the export language: `{lv, en}` picked or joined."""
    if value is None:
        return None
    if isinstance(value, dict):
        latvian, english = value.get("lv"), value.get("en")
        if language == "lv":
            return str(latvian or english or "")
        if language == "en":
            return str(english or latvian or "")
        if latvian and english and latvian != english:
            return f"{latvian} / {english}"
        return str(latvian or english or "")
    return str(value)


def _contact(name: Any, contact: Any, language: Language, address: Any = None) -> dict[str, str]:
    details = contact if isinstance(contact, dict) else {}
    return {
        "name": _text(details.get("person") or name, language) or "",
        "address": _text(details.get("address") or address, language) or "",
        "email": str(details.get("email") or ""),
        "phone": str(details.get("phone") or ""),
    }


def _organization(organisation: dict[str, Any], key: str, language: Language) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "fides_key": key,
        "name": _text(organisation.get("name"), language) or key,
        "controller": _contact(
            organisation.get("name"),
            organisation.get("contact"),
            language,
            organisation.get("address"),
        ),
    }
    # Fideslang has no place for a contact point that is not a DPO (`privacy_contact`):
    # it stays out, rather than pass for a `data_protection_officer`, which a DPO alone is.
    dpo = organisation.get("dpo")
    if isinstance(dpo, dict) and dpo.get("appointed"):
        resource["data_protection_officer"] = _contact(
            dpo.get("name"), dpo.get("contact"), language
        )
    representative = organisation.get("representative")
    if isinstance(representative, dict):
        resource["representative"] = _contact(
            representative.get("name"), representative.get("contact"), language
        )
    return resource


def _system(
    activity: dict[str, Any],
    organisation_key: str,
    catalogues: dict[str, dict[str, Any]],
    language: Language,
) -> dict[str, Any]:
    categories = _data_categories(activity, language)
    subjects = _data_subjects(activity, language)
    recipients = _listed(activity.get("recipients"))
    third_parties = [
        _text(
            catalogues["recipients"].get(item, {}).get("name")
            if catalogues["recipients"].get(item, {}).get("name") not in (None, "unknown")
            else catalogues["recipients"].get(item, {}).get("category"),
            language,
        )
        or item
        for item in recipients
    ]
    retention = _retention(activity.get("retention"), language)
    special = activity.get("special_categories")
    special_conditions = (
        [use.get("condition") for use in special if isinstance(use, dict)]
        if isinstance(special, list)
        else []
    )
    declarations = []
    purposes = activity.get("purposes")
    for purpose in purposes if isinstance(purposes, list) else []:
        text = _text(purpose.get("purpose"), language) or ""
        basis = purpose.get("legal_basis")
        basis_key = basis.get("basis") if isinstance(basis, dict) else None
        declaration: dict[str, Any] = {
            "name": text,
            "data_use": _data_use(text, basis_key),
            "data_categories": categories,
            "data_subjects": subjects,
        }
        if basis_key in fides.LEGAL_BASES:
            declaration["legal_basis_for_processing"] = fides.LEGAL_BASES[basis_key]
        if retention:
            declaration["retention_period"] = retention
        if special_conditions:
            declaration["processes_special_category_data"] = True
            condition = special_conditions[0]
            if condition in fides.SPECIAL_CATEGORY_BASES:
                declaration["special_category_legal_basis"] = fides.SPECIAL_CATEGORY_BASES[
                    condition
                ]
        if third_parties:
            declaration["data_shared_with_third_parties"] = True
            declaration["third_parties"] = "; ".join(third_parties)
        declarations.append(declaration)
    transfers = activity.get("transfers")
    transfer_list = transfers if isinstance(transfers, list) else []
    system: dict[str, Any] = {
        "fides_key": fides_key(activity["id"]),
        "organization_fides_key": organisation_key,
        "name": _text(activity.get("name"), language) or activity["id"],
        "description": _description(activity, catalogues, language),
        "system_type": "Processing activity",
        "privacy_declarations": declarations,
    }
    # fides has yes or no; a register that does not know says so in the description.
    if transfers == "none" or transfer_list:
        system["does_international_transfers"] = bool(transfer_list)
    mechanisms = sorted(
        {
            fides.TRANSFER_MECHANISMS[transfer["mechanism"]]
            for transfer in transfer_list
            if isinstance(transfer, dict) and transfer.get("mechanism") in fides.TRANSFER_MECHANISMS
        }
    )
    if mechanisms:
        system["legal_basis_for_transfers"] = mechanisms
    owner = activity.get("owner")
    if owner not in (None, "unknown"):
        system["administrating_department"] = _text(owner, language)
    profiling = activity.get("profiling")
    if isinstance(profiling, dict):
        system["uses_profiling"] = True
    dpia = activity.get("dpia")
    if isinstance(dpia, dict) and dpia.get("required") is True:
        system["requires_data_protection_assessments"] = True
    return system


def _listed(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _item_text(item: Any) -> str:
    """A data category or subject group as text: plain, `{lv, en}`, or `category:`."""
    value = item.get("category") if isinstance(item, dict) and "category" in item else item
    return _text(value, "lv+en") or ""


def _category_texts(activity: dict[str, Any], language: Language) -> list[str]:
    items = activity.get("personal_data")
    return [_item_text(item) for item in items] if isinstance(items, list) else []


def _data_categories(activity: dict[str, Any], language: Language) -> list[str]:
    keys: list[str] = []
    for text in _category_texts(activity, language):
        found = [term.key for term in fides.matching_terms(text, fides.DATA_CATEGORIES)]
        for key in found or ["user"]:
            if key not in keys:
                keys.append(key)
    special = activity.get("special_categories")
    for use in special if isinstance(special, list) else []:
        category = str(use.get("category")) if isinstance(use, dict) else ""
        special_key = fides.SPECIAL_CATEGORIES.get(category)
        if special_key and special_key not in keys:
            keys.append(special_key)
    criminal = activity.get("criminal_data")
    if isinstance(criminal, dict) and "user.criminal_history" not in keys:
        keys.append("user.criminal_history")
    return keys or ["user"]


def _data_subjects(activity: dict[str, Any], language: Language) -> list[str]:
    subjects = activity.get("data_subjects")
    keys: list[str] = []
    for subject in subjects if isinstance(subjects, list) else []:
        text = _item_text(subject)
        found = fides.matching_terms(text, fides.DATA_SUBJECTS)
        key = found[0].key if found else fides_key(text)
        if key not in keys:
            keys.append(key)
    return keys


def _data_use(purpose: str, basis: str | None) -> str:
    found = fides.matching_terms(purpose, fides.DATA_USES)
    if found:
        return found[0].key
    return fides.USE_BY_BASIS.get(basis or "", "essential.service")


def _retention(value: Any, language: Language) -> str | None:
    if value in (None, "unknown"):
        return None
    if not isinstance(value, dict):
        return str(value)
    parts = []
    if value.get("period"):
        start = _text(value.get("from"), language)
        # "up to": a maximum is not the period itself (`limit: maximum`).
        period = f"up to {value['period']}" if value.get("limit") else str(value["period"])
        parts.append(f"{period} from {start}" if start else period)
        if value.get("or_until"):
            end = _text(value["or_until"], language)
            parts.append(f"or until {end}, whichever is {value.get('whichever')}")
    if value.get("criteria"):
        parts.append(_text(value["criteria"], language) or "")
    if value.get("reason"):
        parts.append(f"({_text(value['reason'], language)})")
    return " ".join(part for part in parts if part) or None


def _description(
    activity: dict[str, Any], catalogues: dict[str, dict[str, Any]], language: Language
) -> str:
    """What fides has no field for, in words: the record stays complete in fides."""
    lines = []
    if activity.get("description"):
        lines.append(_text(activity["description"], language) or "")
    categories = _category_texts(activity, language)
    if categories:
        lines.append("Personal data (as recorded): " + "; ".join(categories))
    elif activity.get("personal_data") == "unknown":
        lines.append("Personal data: not known")
    # fides keys are ASCII words of a taxonomy ("ķīlas devēji" becomes `kilas_deveji`, a
    # customer's beneficial owners `customer`): the groups as the register words them.
    subjects = activity.get("data_subjects")
    if isinstance(subjects, list) and subjects:
        texts = [text for text in (_item_text(subject) for subject in subjects) if text]
        if texts:
            lines.append("Data subjects (as recorded): " + "; ".join(texts))
    measures = _listed(activity.get("security_measures"))
    if measures:
        names = [
            _text(catalogues["security_measures"].get(item, {}).get("name"), language) or item
            for item in measures
        ]
        names = [name for name in names if name]
        lines.append("Security measures: " + "; ".join(names))
    transfers = activity.get("transfers")
    if isinstance(transfers, list):
        places = []
        for transfer in transfers:
            if not isinstance(transfer, dict):
                continue
            place = str(transfer.get("country") or transfer.get("international_organisation"))
            mechanism = fides.TRANSFER_MECHANISMS.get(str(transfer.get("mechanism")))
            places.append(f"{place} ({mechanism})" if mechanism else place)
        lines.append("Transfers to: " + ", ".join(places))
    elif transfers == "unknown":
        lines.append("Transfers outside the EEA: not known")
    lines.append(f"ropa activity id: {activity['id']}")
    return "\n".join(line for line in lines if line)
