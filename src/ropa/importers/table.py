"""A record kept as a table (a spreadsheet or CSV, one row per processing activity) read
into a register: the ICO's documentation templates, a consultant's sheet, a plain CSV.

Columns are recognised by their heading, in English or Latvian, whatever their order or
exact wording ("Purpose of processing", "Apstrādes nolūks", "Categories of individuals",
"Datu subjektu kategorijas" …): the heading row is the row among the first thirty whose
cells name the most known columns. Above it, a block of `Name | value` rows under the
controller's, the DPO's or the representative's title fills the organisation (the ICO
template's layout). Each row below is an activity.

Nothing is dropped: a column with no place in the register is kept in the activity's
`notes` under its heading, with the cell's address, and reported; so is a cell whose
words could not be read (a legal basis no word of which names one of Art. 6(1)'s six).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ropa.i18n import msg
from ropa.importers.fides import register_id
from ropa.importers.result import ImportResult, Unmapped
from ropa.knowledge.countries import COUNTRIES
from ropa.knowledge.fides import fold
from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.validate import article6_basis


@dataclass(frozen=True)
class Table:
    sheet: str
    rows: list[list[str]]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# Column roles by the words of their heading, most specific first: the first role one of
# whose phrases the folded heading contains wins.
HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("notes:link to the legitimate interests assessment", ("legitimate interests assessment",)),
    ("notes:record of consent", ("record of consent", "piekrisanas uzskait")),
    ("notes:personal data breach", ("breach", "parkapum")),
    ("notes:link to the DPIA", ("link to dpia", "dpia link")),
    ("processor_contract", ("contract with processor", "processor contract", "apstradataja ligum")),
    ("notes:location of the data", ("location of personal data", "location", "atrasanas viet")),
    ("notes:rights available", ("rights available", "rights of", "tiesibas")),
    ("transfer_safeguards", ("safeguard", "transfer mechanism", "garantij", "nodosanas mehanism")),
    (
        "transfer_countries",
        (
            "third countr",
            "international organisation",
            "tresaj",
            # trešā valsts, trešās valstis, trešo valstu: the forms a heading takes
            "tresa valst",
            "tresas valst",
            "treso valst",
            "transfer",
            "nosutisan",
            "nodosan",
        ),
    ),
    ("sources", ("source of the personal data", "source of personal data", "source", "avot")),
    ("special_basis", ("article 9", "9. pant", "special category", "ipaso kategorij", "sensitive")),
    ("legitimate_interest", ("legitimate interest", "legitim")),
    (
        "legal_basis",
        (
            "lawful basis",
            "legal basis",
            "article 6",
            "tiesiskais pamat",
            "tiesiska pamat",
            "6. pant",
        ),
    ),
    ("joint_controllers", ("joint controller", "kopig")),
    ("data_subjects", ("categories of individuals", "data subject", "datu subjekt", "individuals")),
    (
        "personal_data",
        (
            "categories of personal data",
            "personal data",
            "personas dat",
            "data categor",
            "datu kategorij",
        ),
    ),
    ("recipients", ("recipient", "sanemej")),
    ("retention", ("retention", "erasure", "glabasan", "dzesan", "termin")),
    (
        "security",
        ("security", "technical and organisational", "drosib", "tehniskie un organizatoriskie"),
    ),
    ("automated", ("automated decision", "profiling", "automatizet", "profilesan")),
    ("dpia", ("dpia", "impact assessment", "ietekmes novertejum")),
    ("owner", ("owner", "responsible", "atbildig")),
    ("department", ("business function", "department", "strukturvienib", "nodala", "function")),
    ("purposes", ("purpose", "noluk", "merk")),
    ("name", ("processing activity", "activity", "darbib", "nosaukum", "name")),
    ("id", ("id", "ref", "reference", "nr", "no.")),
)
_EXACT_ONLY = {"id"}  # short words that must be the whole heading

# Labels of the organisation block above the heading row.
_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nosaukum", "vards"),
    "address": ("address", "adrese"),
    "email": ("email", "e-mail", "e-pasts", "e-past"),
    "phone": ("telephone", "phone", "talrun"),
}
_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "dpo",
        (
            "data protection officer",
            "dpo",
            "datu aizsardzibas speciaalist",
            "datu aizsardzibas specialist",
        ),
    ),
    ("representative", ("representative", "parstavi", "parstavis")),
    ("organisation", ("controller", "name and contact details", "parzin", "organizacij")),
)

_NONE_WORDS = {"none", "no", "n/a", "na", "-", "nav", "nē", "ne", "netiek", "not applicable"}


def heading_role(text: str) -> str | None:
    folded = " ".join(fold(text).split())
    if not folded:
        return None
    for role, phrases in HEADINGS:
        for phrase in phrases:
            if role in _EXACT_ONLY:
                if folded.strip(" .:#") == phrase.strip("."):
                    return role
            elif phrase in folded:
                return role
    return None


def read_csv_table(text: str, name: str) -> list[Table]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    return [Table(name, rows)]


def read_xlsx_tables(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        tables = []
        for sheet in workbook.worksheets:
            rows = [
                ["" if value is None else _cell_text(value) for value in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            tables.append(Table(sheet.title, rows))
        return tables
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def import_tables(tables: list[Table], source: str, kind: str) -> ImportResult:
    result = ImportResult(source=source, kind=kind)
    best: tuple[int, Table, int] | None = None
    for table in tables:
        for index, row in enumerate(table.rows[:30]):
            score = len({role for cell in row if (role := heading_role(cell))})
            if score >= 3 and (best is None or score > best[0]):
                best = (score, table, index)
    if best is None:
        result.missing.append(
            msg(
                "no heading row found: no row of the first thirty names three known columns "
                "(docs/import.md lists their words)"
            )
        )
        result.data["organisation"] = {"name": "unknown", "role": "controller"}
        result.data["activities"] = []
        return result
    _, table, header = best
    result.kind = msg(
        "{kind}, sheet “{sheet}”, headings on row {row}",
        kind=kind,
        sheet=table.sheet,
        row=header + 1,
    )
    result.data["organisation"] = _organisation(table.rows[:header], table.sheet, result)
    roles = [heading_role(cell) for cell in table.rows[header]]
    headings = table.rows[header]
    for role, heading, column in zip(roles, headings, range(len(headings)), strict=True):
        if role is None and heading.strip():
            result.unmapped.append(
                Unmapped(
                    f"{table.sheet}!{column_letter(column)}{header + 1}",
                    heading,
                    "column kept in each activity's notes",
                )
            )
    catalogues: dict[str, dict[str, dict[str, Any]]] = {"recipients": {}, "security_measures": {}}
    activities = []
    used: set[str] = set()
    for number, row in enumerate(table.rows[header + 1 :], start=header + 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: cell for column, cell in enumerate(row) if cell.strip()}
        activities.append(
            _activity(cells, roles, headings, table.sheet, number, used, catalogues, result)
        )
    for key in ("recipients", "security_measures"):
        if catalogues[key]:
            result.data[key] = list(catalogues[key].values())
    result.data["activities"] = activities
    return result


def _organisation(rows: list[list[str]], sheet: str, result: ImportResult) -> dict[str, Any]:
    found: dict[str, dict[str, str]] = {"organisation": {}, "dpo": {}, "representative": {}}
    section = "organisation"
    for row in rows:
        cells = [cell.strip() for cell in row]
        filled = [cell for cell in cells if cell]
        if len(filled) == 1:
            folded = fold(filled[0])
            for name, phrases in _SECTIONS:
                if any(phrase in folded for phrase in phrases):
                    section = name
                    break
            continue
        if len(filled) >= 2:
            label = fold(filled[0]).rstrip(" :")
            for key, labels in _LABELS.items():
                if any(label.startswith(phrase) for phrase in labels):
                    found[section].setdefault(key, filled[1])
                    break
    org = found["organisation"]
    organisation: dict[str, Any] = {"name": org.get("name", "unknown"), "role": "controller"}
    if org.get("address"):
        organisation["address"] = org["address"]
    contact = {key: org[key] for key in ("email", "phone") if org.get(key)}
    organisation["contact"] = contact or "unknown"
    dpo = found["dpo"]
    if dpo.get("name"):
        organisation["dpo"] = {"appointed": True, "name": dpo["name"]}
        dpo_contact = {key: dpo[key] for key in ("email", "phone") if dpo.get(key)}
        if dpo_contact:
            organisation["dpo"]["contact"] = dpo_contact
    representative = found["representative"]
    if representative.get("name"):
        organisation["representative"] = {"name": representative["name"]}
        if representative.get("address"):
            organisation["representative"]["address"] = representative["address"]
    if not org:
        result.missing.append(
            "organisation: name and contact (no organisation block above the headings)"
        )
    result.missing.append(
        "organisation: country and registration number; role set to controller: check it"
    )
    return organisation


def split_items(text: str) -> list[str]:
    """A cell of a list: one item a line, or separated by `;`, bullets, or commas outside
    brackets."""
    items: list[str] = []
    for line in re.split(r"[\n;•]+", text):
        depth, start = 0, 0
        for index, char in enumerate(line):
            if char in "([":
                depth += 1
            elif char in ")]":
                depth = max(0, depth - 1)
            elif char == "," and depth == 0:
                items.append(line[start:index])
                start = index + 1
        items.append(line[start:])
    return [item.strip(" -–*\t") for item in items if item.strip(" -–*\t")]


def basis_of(text: str) -> str | None:
    """The Art. 6(1) basis a cell names, in English or Latvian words or by its letter."""
    folded = fold(text)
    letter = re.search(r"6\s*\(\s*1\s*\)\s*\(\s*([a-f])\s*\)", folded) or re.search(
        r"6\.\s*panta\s*(?:1\.\s*punkta\s*)?([a-f])\)", folded
    )
    if letter:
        return list(LEGAL_BASES)["abcdef".index(letter.group(1))]
    written = article6_basis(text)  # `6.1.b`, `Art. 6(1)f`: as validate reads them
    if written is not None:
        return written
    words = {
        "consent": ("consent", "piekrisan"),
        "contract": ("contract", "ligum"),
        "legal_obligation": ("legal obligation", "juridisk", "likumisk pienakum", "pienakum"),
        "vital_interests": ("vital interest", "vital"),
        "public_task": (
            "public task",
            "public interest",
            "official authority",
            "sabiedrib",
            "oficial",
        ),
        "legitimate_interests": ("legitimate interest", "legitim"),
    }
    named = [basis for basis, phrases in words.items() if any(p in folded for p in phrases)]
    return named[0] if len(named) == 1 else None


# Words that only name a basis or cite its article ("juridisks pienākums", "Art. 6(1)(c)
# legal obligation", "leģitīmās intereses"), as stems of the folded text: a cell with any
# other word says more than the basis (the law, the contract, a reason) and keeps it.
_BASIS_VOCABULARY = (
    "consent", "piekrisan", "contract", "ligum", "legal", "obligation", "juridisk",
    "likumisk", "pienakum", "vital", "public", "task", "interest", "intere", "sabiedrib",
    "oficial", "official", "authority", "legitim", "performance", "izpild", "necessar",
    "nepieciesam", "art", "vdar", "gdpr", "regul", "pant", "punkt", "apakspunkt", "basis",
    "pamat", "lawful", "tiesisk", "of", "the", "and", "un", "for", "uz",
)  # fmt: skip


def says_more_than_basis(text: str) -> bool:
    """Whether a legal-basis cell holds words beyond the basis and its article, which the
    importer keeps as the basis's note rather than drop ("juridisks pienākums (NILLTPFN
    likums)" names the law)."""
    return any(
        len(word) > 1 and not word.startswith(_BASIS_VOCABULARY)
        for word in re.findall(r"[a-z]+", fold(text))
    )


_DURATION = re.compile(
    r"^\s*(\d{1,3})\s*(years?|gad\w*|months?|menes\w*|days?|dien\w*|weeks?|nedel\w*)\s*$"
)


def retention_of(text: str) -> dict[str, Any]:
    """A period like `5 years` / `3 gadi` becomes one; anything else is kept as criteria."""
    found = _DURATION.match(fold(text))
    if found:
        unit = found.group(2)[0]
        letter = {"y": "Y", "g": "Y", "m": "M", "d": "D", "w": "W", "n": "W"}[unit]
        return {"period": f"P{int(found.group(1))}{letter}", "notes": text}
    return {"criteria": text}


def country_of(text: str) -> str | None:
    cleaned = text.strip().rstrip(".")
    if len(cleaned) == 2 and cleaned.upper() in COUNTRIES:
        return cleaned.upper()
    folded = fold(cleaned)
    for code, (english, latvian) in COUNTRIES.items():
        if folded in (fold(english), fold(latvian)):
            return code
    aliases = {"usa": "US", "uk": "GB", "united states": "US", "asv": "US", "lielbritanija": "GB"}
    return aliases.get(folded)


def _activity(
    cells: dict[int, str],
    roles: list[str | None],
    headings: list[str],
    sheet: str,
    number: int,
    used: set[str],
    catalogues: dict[str, dict[str, dict[str, Any]]],
    result: ImportResult,
) -> dict[str, Any]:
    def address(column: int) -> str:
        return f"{sheet}!{column_letter(column)}{number}"

    by_role: dict[str, tuple[str, int]] = {}
    notes: list[str] = []

    def keep(column: int, label: str, text: str, why: str = "kept in notes") -> None:
        """A cell with no place of its own: into the activity's notes, and reported."""
        notes.append(f"{label} ({address(column)}): {text}")
        result.unmapped.append(Unmapped(address(column), f"{label}: {text}", why))

    for column, text in cells.items():
        role = roles[column] if column < len(roles) else None
        heading = headings[column].strip() if column < len(headings) else ""
        if role is None or role.startswith("notes:") or role in by_role:
            # No place in the register, or a second column of one role: kept, not merged.
            keep(column, heading or f"column {column_letter(column)}", text)
            continue
        by_role[role] = (text, column)

    def text_of(role: str) -> str | None:
        return by_role[role][0].strip() if role in by_role else None

    def kept_as_written(role: str, label: str) -> None:
        keep(by_role[role][1], label, by_role[role][0].strip())

    purposes_text = text_of("purposes")
    name = text_of("name") or (split_items(purposes_text)[0] if purposes_text else None)
    identifier = register_id(text_of("id") or name or f"row-{number}", used)
    activity: dict[str, Any] = {"id": identifier, "name": name or f"{sheet} row {number}"}
    if text_of("department"):
        activity["department"] = text_of("department")
    if text_of("owner"):
        activity["owner"] = text_of("owner")
    basis_text = text_of("legal_basis")
    basis = basis_of(basis_text) if basis_text else None
    if basis_text and basis is None:
        keep(
            by_role["legal_basis"][1],
            "legal basis as written",
            basis_text,
            "no single Art. 6(1) basis named: kept in notes",
        )
    purposes = []
    for purpose in split_items(purposes_text) if purposes_text else []:
        entry: dict[str, Any] = {"purpose": purpose}
        if basis:
            entry["legal_basis"] = {"basis": basis}
            if basis_text and says_more_than_basis(basis_text):
                entry["legal_basis"]["note"] = basis_text
            interest = text_of("legitimate_interest")
            if basis == "legitimate_interests" and interest:
                entry["legal_basis"]["interest"] = interest
        purposes.append(entry)
    activity["purposes"] = purposes or "unknown"
    if text_of("legitimate_interest") and basis != "legitimate_interests":
        kept_as_written("legitimate_interest", "legitimate interests as written")
    for role in ("data_subjects", "personal_data"):
        value = text_of(role)
        activity[role] = split_items(value) if value else "unknown"
    sources = text_of("sources")
    if sources:
        subjects = split_items(text_of("data_subjects") or "")
        activity["sources"] = [
            {"kind": _source_kind(item, subjects), "description": item}
            for item in split_items(sources)
        ]
    recipients_text = text_of("recipients")
    contract = text_of("processor_contract")
    if recipients_text and fold(recipients_text).strip() in _NONE_WORDS:
        activity["recipients"] = "none"
    elif recipients_text:
        items = split_items(recipients_text)
        if contract and len(items) > 1:
            # One contract cell for several recipients: which one it binds is not said.
            kept_as_written("processor_contract", "contract with processor")
            contract = None
        activity["recipients"] = [
            _catalogue_entry(
                catalogues["recipients"],
                item,
                {
                    "name": "unknown",
                    "category": item,
                    "kind": "other",
                    "notes": "imported from a table: check whether it is a processor",
                    **({"contract": contract} if contract else {}),
                },
            )
            for item in items
        ]
    elif contract:
        kept_as_written("processor_contract", "contract with processor")
    countries, safeguards = text_of("transfer_countries"), text_of("transfer_safeguards")
    activity["transfers"] = _transfers(countries, safeguards)
    if safeguards and _mechanism(safeguards) == "unknown":
        kept_as_written("transfer_safeguards", "transfer safeguards as written")
    retention = text_of("retention")
    activity["retention"] = retention_of(retention) if retention else "unknown"
    security = text_of("security")
    if security and fold(security).strip() in _NONE_WORDS:
        # "nav" is no measure: the activity records none, which `ropa check` reports.
        kept_as_written("security", "security measures as written")
    elif security:
        activity["security_measures"] = [
            _catalogue_entry(catalogues["security_measures"], item, {"name": item})
            for item in split_items(security)
        ]
    special = text_of("special_basis")
    if special and fold(special).strip() not in _NONE_WORDS:
        kept_as_written("special_basis", "Art. 9 basis as written")
    automated = text_of("automated")
    if automated and fold(automated).strip() in _NONE_WORDS:
        activity["automated_decisions"] = "none"
        activity["profiling"] = "none"
    elif automated:
        kept_as_written("automated", "automated decisions or profiling as written")
    dpia = text_of("dpia")
    if dpia and fold(dpia).strip() in ("yes", "ja", "y", "true"):
        activity["dpia"] = {"required": True}
    elif dpia and fold(dpia).strip() in _NONE_WORDS:
        activity["dpia"] = {"required": False}
    elif dpia:
        kept_as_written("dpia", "DPIA as written")
    joint = text_of("joint_controllers")
    if joint and fold(joint).strip() not in _NONE_WORDS:
        kept_as_written("joint_controllers", "joint controllers as written")
    if notes:
        activity["notes"] = "\n".join(notes)
    return activity


def _source_kind(text: str, subjects: list[str]) -> str:
    """Art. 13 or 14: the person themselves (named as such, or as one of the row's data
    subjects, "the employee"), a public source, or else a third party."""
    folded = fold(text)
    own = ("data subject", "individual", "themselves", "directly", "datu subjekt", "pats", "pasa")
    stems = [fold(subject)[:5] for subject in subjects if len(subject) >= 5]
    if any(word in folded for word in own) or any(stem in folded for stem in stems):
        return "data_subject"
    if any(word in folded for word in ("public", "publisk", "register", "registr")):
        return "publicly_available"
    return "third_party"


def _catalogue_entry(catalogue: dict[str, dict[str, Any]], text: str, entry: dict[str, Any]) -> str:
    for identifier, existing in catalogue.items():
        if existing.get("category", existing.get("name")) == text:
            return identifier
    identifier = register_id(text, set(catalogue))
    catalogue[identifier] = {"id": identifier, **entry}
    return identifier


def _transfers(countries: str | None, safeguards: str | None) -> Any:
    if countries is None:
        return "unknown"
    if fold(countries).strip() in _NONE_WORDS:
        return "none"
    mechanism = _mechanism(safeguards)
    transfers: list[dict[str, Any]] = []
    for item in split_items(countries):
        code = country_of(item)
        transfer: dict[str, Any] = {"country": code or "unknown", "mechanism": mechanism}
        if code is None:
            transfer["notes"] = f"as written: {item}"
        transfers.append(transfer)
    return transfers or "unknown"


def _mechanism(text: str | None) -> str:
    if not text:
        return "unknown"
    folded = fold(text)
    for mechanism, phrases in (
        ("scc", ("standard contractual", "scc", "standartlig")),
        ("bcr", ("binding corporate", "bcr", "saistoi uznemum")),
        ("adequacy", ("adequacy", "adekvat")),
    ):
        if any(phrase in folded for phrase in phrases):
            return mechanism
    return "unknown"
