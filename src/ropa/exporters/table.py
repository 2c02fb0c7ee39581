"""A register as sheets of text: the one place headings and cell text are defined.

Every exporter that shows the register as a table (xlsx, csv) takes its headings and
cells from here, so a column means the same in every format. Cells are text, a number or
a date (typed, so a spreadsheet sorts them), or `None`:

* `None` (an empty cell) — the register does not record the value (the key is left out);
* the word for `unknown` ("nav zināms") — the register states it is not known;
* the word for `none` ("nav") — the register states that nothing applies.

Legal words come from `ropa.knowledge` (terms, article wording, legal bases, Art. 9
categories, countries); nothing here states a legal fact of its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from ropa.exporters.json import embedded_json_chunks
from ropa.findings import Finding
from ropa.i18n import Message, counted, joined, translate
from ropa.knowledge.articles import (
    ARTICLE_30_1,
    ARTICLE_30_2,
    SHORT_WORDING,
    ArticleItem,
    latvian_citation,
)
from ropa.knowledge.countries import COUNTRIES
from ropa.knowledge.legal_bases import LEGAL_BASES
from ropa.knowledge.retention import STATUTES
from ropa.knowledge.rights import rights_for
from ropa.knowledge.special import ARTICLE_9_2, SPECIAL_CATEGORIES
from ropa.knowledge.terms import TERMS, duration_words
from ropa.knowledge.transfers import DEROGATIONS, INSTRUMENTS, MECHANISMS
from ropa.model import (
    Activity,
    AppointedDpo,
    AutomatedDecisions,
    ConsentBasis,
    Contact,
    ContractBasis,
    ControllerServed,
    CriminalData,
    DataCategory,
    DataSubjectGroup,
    Dpia,
    LegalBasisModel,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    LocalizedText,
    NationalId,
    NoDpoDecision,
    Organisation,
    Profiling,
    PublicTask,
    PublicTaskBasis,
    Purpose,
    Recipient,
    Register,
    Representative,
    Retention,
    SecurityMeasure,
    System,
    Transfer,
    UndecidedBasis,
    UnstatedLetterBasis,
)
from ropa.model.types import EEA_MARKER, NONE_MARKER, UNKNOWN_MARKER, Duration, MonthDate
from ropa.model.vocabulary import ActivityRole, MeasureKind
from ropa.vcs import RegisterVersion

Language = Literal["lv", "en", "lv+en"]
LANGUAGES: tuple[Language, ...] = ("lv", "en", "lv+en")

Cell = str | None
"""Text made for a cell (most cells)."""
Value = str | int | dt.date | None
"""What a cell holds: numbers and dates stay typed, so a spreadsheet can sort them."""
Row = list[Value]

# In "lv+en", a text given in both languages is written "lv / en" on one line when both
# are short, and Latvian above English when they are long: a long sentence cut by a slash
# is hard to read in a narrow cell.
_INLINE_LIMIT = 80
_BULLET = "• "


# --------------------------------------------------------------------------- the document


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    width: int
    """Width in characters of the default font, for the workbook."""
    article: str | None = None
    """The article the column answers ("Art. 30(1)(b)"), for the column guide."""
    wording: str | None = None
    """The article's wording in the document's language(s), for the column guide."""


@dataclass
class Sheet:
    """A table: one heading row, then `row_count` rows produced lazily by `rows()`."""

    key: str
    name: str
    columns: list[Column]
    rows: Callable[[], Iterator[Row]]
    row_count: int
    freeze_columns: int = 0
    """Columns kept in view when scrolling right, and printed on every page across."""
    pages_wide: int = 1
    """How many pages across the printout is fitted to (0: not fitted, printed at scale)."""
    records: bool = False
    """Rows are records: a `TitleRow` (id, name) starts a record, on a new page when
    printed; the rows after it are (label, value) pairs."""
    source: Sheet | None = None
    """For a records sheet, the table whose rows it shows (`record_of` each row): a
    writer may write both from one pass over the rows."""


class TitleRow(list[Value]):
    """The first row of a record in a records sheet: its id and name."""


@dataclass(frozen=True, slots=True)
class CoverLine:
    label: str
    value: Value = None
    heading: bool = False
    key: str = ""
    """What the line is (a term key), for writers that add to it."""


@dataclass
class ExportDocument:
    """What every table-shaped export holds, in the chosen language."""

    title: str
    subject: str
    author: str
    language: Language
    export_date: dt.date
    cover_name: str
    cover: list[CoverLine]
    sheets: list[Sheet] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    """What the register holds, counted as the cover counts it (placeholders apart)."""
    words: Words | None = None
    """The words of the document's language, for writers that add a line or a label."""
    register_json: Callable[[], Iterator[str]] | None = None
    """The register itself (`exporters.json`), which the workbook carries for import: its
    JSON text in pieces, made as the workbook is written (and only if it is)."""

    def sheet(self, key: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.key == key:
                return sheet
        raise KeyError(key)

    def has_sheet(self, key: str) -> bool:
        return any(sheet.key == key for sheet in self.sheets)

    def summary(self) -> Message:
        """What was exported, in counts: "4 activities, 4 recipients, 3 transfers"."""
        counts = self.counts
        parts: list[Message] = []
        # Each count with the form its number takes in each language ("1 recipient";
        # Latvian "21 saņēmējs", "11 saņēmēju").
        if "activities" in counts:
            parts.append(
                counted("{count} activity", "{count} activities", count=counts["activities"])
            )
        if "controllers" in counts:
            parts.append(
                counted(
                    "{count} controller served",
                    "{count} controllers served",
                    count=counts["controllers"],
                )
            )
        parts.append(counted("{count} recipient", "{count} recipients", count=counts["recipients"]))
        parts.append(counted("{count} transfer", "{count} transfers", count=counts["transfers"]))
        if counts.get("transfers_unknown"):
            # Placeholders are not transfers: an activity whose transfers are unknown is
            # counted apart.
            parts.append(
                counted(
                    "transfers unknown for {count} more activity",
                    "transfers unknown for {count} more",
                    count=counts["transfers_unknown"],
                )
            )
        return joined(parts)

    @property
    def main_sheet(self) -> Sheet:
        """The activities (Art. 30(1)), or for a processor only the controllers (30(2))."""
        keys = [sheet.key for sheet in self.sheets]
        return self.sheet("activities" if "activities" in keys else "controllers")


# --------------------------------------------------------------------------- words


class Words:
    """Turns terms, register text and markers into cell text in one language (or both)."""

    def __init__(self, language: Language) -> None:
        self.language = language
        # Catalogue entries (recipients, measures) appear in many rows: their cell text is
        # made once per export. Keyed by (kind, id).
        self.made: dict[tuple[str, str], str] = {}
        self._terms: dict[str, str] = {}

    def term(self, key: str) -> str:
        found = self._terms.get(key)
        if found is None:
            term = TERMS[key]
            found = self._terms[key] = self.pair(term.latvian, term.english)
        return found

    def pair(self, latvian: str, english: str) -> str:
        if self.language == "lv":
            return latvian
        if self.language == "en":
            return english
        return latvian if latvian == english else f"{latvian} / {english}"

    def heading(self, latvian: str, english: str) -> str:
        """A column heading: in "lv+en", the Latvian heading with the English under it."""
        if self.language == "lv":
            return latvian
        if self.language == "en":
            return english
        return latvian if latvian == english else f"{latvian}\n{english}"

    def heading_term(self, key: str, article: str | None = None) -> str:
        term = TERMS[key]
        if article is None:
            return self.heading(term.latvian, term.english)
        return self.heading(
            f"{term.latvian} ({latvian_citation(article)})", f"{term.english} ({article})"
        )

    def cite(self, article: str) -> str:
        """An article citation: "VDAR 6. panta 1. punkta b) apakšpunkts" / "Art. 6(1)(b)".
        A list ("Art. 30(1)(a), 37") cites each article ("37" is "Art. 37")."""
        parts = [part if part.startswith("Art") else f"Art. {part}" for part in article.split(", ")]
        latvian = ", ".join(latvian_citation(part) for part in parts)
        return self.pair(latvian, article)

    def finding_message(self, finding: Finding) -> str:
        """A finding's message in the document's language (gettext catalogues)."""
        if self.language == "en":
            return str(finding.message)
        latvian = translate(finding.message, "lv")
        if self.language == "lv" or latvian == finding.message:
            return latvian
        return f"{latvian}\n{finding.message}"

    def prose(self, value: str | LocalizedText | None) -> Cell:
        """Register text that cannot be a marker."""
        if value is None:
            return None
        if isinstance(value, LocalizedText):
            return self.localized(value)
        return value

    def text(self, value: str | LocalizedText | None) -> Cell:
        """Register text where `none` and `unknown` are markers."""
        if value == NONE_MARKER:
            return self.term("none")
        if value == UNKNOWN_MARKER:
            return self.term("unknown")
        return self.prose(value)

    def localized(self, value: LocalizedText) -> str:
        if self.language != "lv+en":
            return value.pick(self.language)
        latvian, english = value.lv, value.en
        if latvian is None or english is None or latvian == english:
            return latvian or english or ""
        if len(latvian) + len(english) <= _INLINE_LIMIT and "\n" not in latvian + english:
            return f"{latvian} / {english}"
        return f"{latvian}\n{english}"

    def marker(self, value: object) -> Cell:
        """The word for a marker, or None when `value` is not one."""
        if value == NONE_MARKER:
            return self.term("none")
        if value == UNKNOWN_MARKER:
            return self.term("unknown")
        return None

    def flag(self, value: bool | str | None) -> Cell:
        if value is None:
            return None
        if isinstance(value, str):
            return self.marker(value)
        return self.term("yes" if value else "no")

    def labelled(self, key: str, value: Cell) -> Cell:
        """ "Label: value"; a value of several lines starts on the line below its label."""
        if value is None:
            return None
        separator = "\n" if "\n" in value else " "
        return f"{self.term(key)}:{separator}{value}"

    def country(self, code: str | None) -> Cell:
        if code is None:
            return None
        if code == UNKNOWN_MARKER:
            return self.term("unknown")
        if code == EEA_MARKER:
            return self.term("eea_unspecified")
        english, latvian = COUNTRIES.get(code, (code, code))
        return self.pair(latvian, english)

    def duration(self, value: Duration) -> str:
        amounts = {"Y": value.years, "M": value.months, "W": value.weeks, "D": value.days}
        if self.language == "lv+en":
            return self.pair(duration_words(amounts, "lv"), duration_words(amounts, "en"))
        return duration_words(amounts, self.language)

    @staticmethod
    def date(value: dt.date | None) -> Cell:
        return None if value is None else value.isoformat()


def as_written(value: dt.date | None) -> dt.date | str | None:
    """A date as a date cell; a month given without its day as the month, in text (a date
    cell would show the first day, which the source does not give)."""
    return value.isoformat() if isinstance(value, MonthDate) else value


def as_text(value: Value) -> Cell:
    """A cell as text: dates as YYYY-MM-DD, numbers in digits."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def lines(parts: Sequence[Cell]) -> Cell:
    """Non-empty parts, one per line; None when there are none."""
    present = [part for part in parts if part]
    return "\n".join(present) if present else None


def bullets(items: Sequence[Cell]) -> Cell:
    """One item as it is; several as a bulleted list, one per line."""
    present = [item for item in items if item]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return "\n".join(_BULLET + item for item in present)


def numbered(items: Sequence[Cell]) -> Cell:
    present = [item or "" for item in items]
    if not present:
        return None
    return "\n".join(f"{number}. {item}" for number, item in enumerate(present, 1))


def _join(parts: Sequence[Cell], separator: str = "; ") -> Cell:
    present = [part for part in parts if part]
    return separator.join(present) if present else None


# --------------------------------------------------------------------------- the cover


def _contact(words: Words, contact: Contact | str | None) -> Cell:
    if contact is None or isinstance(contact, str):
        return words.marker(contact)
    return _join(
        [
            words.labelled("person", contact.person),
            words.labelled("email", contact.email),
            words.labelled("phone", contact.phone),
            words.labelled("address", words.prose(contact.address)),
            words.labelled("website", contact.website),
        ]
    )


def _representative(words: Words, value: Representative | str | None) -> Cell:
    if value is None or isinstance(value, str):
        return words.marker(value)
    return _join(
        [
            words.prose(value.name),
            words.prose(value.address),
            words.country(value.country),
            _contact(words, value.contact),
        ]
    )


def _dpo(words: Words, value: AppointedDpo | NoDpoDecision | str | None) -> Cell:
    if value is None or isinstance(value, str):
        return words.marker(value)
    if isinstance(value, AppointedDpo):
        return _join(
            [
                words.text(value.name),
                # A contact recorded as `unknown` is labelled, not left as a bare word
                # under the name.
                words.labelled("contact", words.marker(value.contact))
                if isinstance(value.contact, str)
                else _contact(words, value.contact),
                words.labelled("external", words.flag(value.external)),
                words.labelled("appointed_on", words.date(value.appointed_on)),
                words.labelled("notified_on", words.date(value.notified_on)),
                words.labelled("certificate", value.certificate),
                words.labelled("notes", words.prose(value.notes)),
            ]
        )
    return _join(
        [
            words.term("no_dpo"),
            words.labelled("reason", words.prose(value.reason)),
            words.labelled("decided_on", words.date(value.decided_on)),
            words.labelled("decided_by", words.prose(value.decided_by)),
            words.labelled("notes", words.prose(value.notes)),
        ]
    )


def _public_tasks(words: Words, value: list[PublicTask] | str) -> Cell:
    """Tasks of public administration the organisation performs, each with who delegated
    it and by which act."""
    if isinstance(value, str):
        return words.marker(value)
    return bullets(
        [
            _join(
                [
                    words.prose(task.task),
                    words.labelled("delegated_by", words.text(task.delegated_by)),
                    words.labelled("delegation", words.text(task.delegation)),
                    words.labelled("law", words.prose(task.law)),
                    words.labelled("notes", words.prose(task.notes)),
                ]
            )
            for task in value
        ]
    )


def _joint_controllers_of(words: Words, organisation: Organisation) -> Cell:
    value = organisation.joint_controllers
    if value is None or isinstance(value, str):
        return words.marker(value)
    return bullets(
        [
            _join(
                [
                    words.text(joint.name),
                    words.labelled("registration_number", joint.registration_number),
                    words.country(joint.country),
                    _contact(words, joint.contact),
                    words.labelled("reference", words.text(joint.arrangement)),
                    words.labelled("notes", words.prose(joint.notes)),
                ]
            )
            for joint in value
        ]
    )


def _version_text(words: Words, version: RegisterVersion) -> str:
    if version.commit is None:
        return words.term("not_versioned")
    text = f"git {version.commit}"
    if version.uncommitted_changes:
        text += f" ({words.term('uncommitted')})"
    return text


def relative_files(files: Sequence[str]) -> tuple[str, list[str]]:
    """The register's root (the directory holding its files) and each file relative to it,
    so that what the export shows does not depend on where it was run."""
    if not files:
        return "", []
    parents = [os.path.dirname(os.path.abspath(file)) for file in files]
    try:
        root = os.path.commonpath(parents)
    except ValueError:  # different drives
        return "", list(files)
    return root, [
        os.path.relpath(os.path.abspath(file), root).replace(os.sep, "/") for file in files
    ]


def _cover(
    words: Words,
    register: Register,
    *,
    export_date: dt.date,
    version: RegisterVersion,
    tool: str,
    counts: dict[str, int],
) -> list[CoverLine]:
    organisation = register.organisation
    role_key = "controller" if organisation.is_controller else "processor"
    article = "Art. 30(1)(a)" if organisation.is_controller else "Art. 30(2)(a)"
    heading_label = words.term(role_key)
    heading_value = words.cite(article)
    if organisation.is_controller and organisation.is_processor:
        heading_label = f"{words.term('controller')}, {words.term('processor').lower()}"
        heading_value = f"{words.cite('Art. 30(1)(a)')}; {words.cite('Art. 30(2)(a)')}"
    cover = [
        CoverLine(heading_label, heading_value, heading=True),
        CoverLine(words.term("name"), words.text(organisation.name)),
        CoverLine(words.term("registration_number"), words.text(organisation.registration_number)),
        # Shown only where recorded: few authorities keep such a register (the UK ICO).
        *(
            [CoverLine(words.term("supervisory_registration"), words.prose(registration))]
            if (registration := organisation.supervisory_registration) is not None
            else []
        ),
        CoverLine(words.term("address"), words.text(organisation.address)),
        CoverLine(words.term("country"), words.country(organisation.country)),
        CoverLine(words.term("contact"), _contact(words, organisation.contact)),
        # Shown only where recorded: left out, questions go to the contact above.
        *(
            [CoverLine(words.term("privacy_contact"), _contact(words, privacy))]
            if (privacy := organisation.privacy_contact) is not None
            else []
        ),
        CoverLine(words.term("website"), organisation.website),
        CoverLine(words.term("dpo"), _dpo(words, organisation.dpo)),
        CoverLine(
            words.term("representative"), _representative(words, organisation.representative)
        ),
        CoverLine(words.term("joint_controllers"), _joint_controllers_of(words, organisation)),
        CoverLine(words.term("public_authority"), words.flag(organisation.public_authority)),
        *(
            [CoverLine(words.term("public_tasks"), _public_tasks(words, tasks))]
            if (tasks := organisation.public_tasks) is not None
            else []
        ),
        CoverLine(
            words.term("employees"),
            words.marker(organisation.employees)
            if isinstance(organisation.employees, str)
            else organisation.employees,
        ),
    ]
    if organisation.art30_5_exemption is not None:
        exemption = organisation.art30_5_exemption
        cover.append(
            CoverLine(
                f"{words.term('exemption')} ({words.cite('Art. 30(5)')})",
                _join([words.flag(exemption.claimed), words.prose(exemption.reason)]),
            )
        )
    cover += [
        CoverLine(words.term("privacy_notice"), organisation.privacy_notice),
        CoverLine(words.term("privacy_notice_date"), as_written(organisation.privacy_notice_date)),
        CoverLine(words.term("notes"), words.prose(organisation.notes)),
        CoverLine(words.term("export"), heading=True, key="export"),
        CoverLine(words.term("export_date"), export_date),
        CoverLine(words.term("register_version"), _version_text(words, version)),
        CoverLine(words.term("created_on"), version.created),
        CoverLine(words.term("updated_on"), version.updated),
        CoverLine(words.term("source_files"), "\n".join(relative_files(register.files)[1])),
        CoverLine(words.term("prepared_with"), tool),
        CoverLine(words.term("counts"), heading=True),
    ]
    # Placeholders are not counted: an activity whose transfers are `unknown` is counted
    # apart, never as a transfer.
    for key in (
        "activities",
        "controllers",
        "recipients",
        "transfers",
        "transfers_unknown",
        "systems",
        "security_measures",
        "findings",
    ):
        if key in counts and (key != "transfers_unknown" or counts[key]):
            cover.append(CoverLine(words.term(key), counts[key]))
    cover += [
        CoverLine(words.term("legend"), heading=True),
        CoverLine(words.term("none"), words.term("legend_none")),
        CoverLine(words.term("unknown"), words.term("legend_unknown")),
        CoverLine(words.term("legend_empty"), words.term("legend_empty_meaning")),
    ]
    return cover


# --------------------------------------------------------------------------- activities


def _text_items(words: Words, items: object) -> Cell:
    """A list of categories (text, {lv, en}, or a mapping with `category`), or a marker;
    what the register says about a category follows it in parentheses."""
    if not isinstance(items, list):
        return words.marker(items)
    texts: list[Cell] = []
    for item in items:
        if isinstance(item, DataSubjectGroup):
            texts.append(_qualified(words.prose(item.category), _group_details(words, item)))
        elif isinstance(item, DataCategory):
            texts.append(
                _qualified(
                    words.prose(item.category),
                    [words.labelled("notes", words.prose(item.notes))],
                )
            )
        else:
            texts.append(words.prose(item))
    return bullets(texts)


def _qualified(text: Cell, details: Sequence[Cell]) -> Cell:
    said = _join(details)
    return f"{text} ({said})" if said and text else text or said


def _group_details(words: Words, group: DataSubjectGroup) -> list[Cell]:
    children: Cell = None
    if group.children is not None:
        children = words.term("children") + ": " + (words.flag(group.children) or "")
    return [
        children,
        _lower_labelled(
            words, "minimum_age", None if group.minimum_age is None else str(group.minimum_age)
        ),
        None
        if group.vulnerable is None
        else words.term("vulnerable") + ": " + (words.flag(group.vulnerable) or ""),
        words.labelled("notes", words.prose(group.notes)),
    ]


def _purposes(words: Words, activity: Activity) -> Cell:
    purposes = activity.purposes
    if not isinstance(purposes, list):
        return words.marker(purposes)
    return numbered(
        [
            lines(
                [words.prose(purpose.purpose), words.labelled("notes", words.prose(purpose.notes))]
            )
            for purpose in purposes
        ]
    )


def _basis_details(words: Words, basis: LegalBasisModel) -> list[Cell]:
    details: list[Cell] = []
    if isinstance(basis, ConsentBasis):
        details += [
            words.labelled("consent_record", words.prose(basis.consent_record)),
            words.labelled("withdrawal", words.prose(basis.withdrawal)),
            words.labelled("parental_consent", words.prose(basis.parental_consent)),
        ]
    elif isinstance(basis, ContractBasis):
        details.append(words.labelled("contract", words.prose(basis.contract)))
    elif isinstance(basis, LegalObligationBasis | PublicTaskBasis):
        details.append(words.labelled("law", words.prose(basis.law)))
    elif isinstance(basis, LegitimateInterestsBasis):
        details.append(words.labelled("interest", words.prose(basis.interest)))
    elif isinstance(basis, UndecidedBasis):
        candidates = [LEGAL_BASES[candidate] for candidate in basis.candidates]
        details += [
            words.labelled(
                "candidates",
                " / ".join(
                    f"{words.pair(fact.latvian, fact.english)} ({words.cite(fact.article)})"
                    for fact in candidates
                ),
            ),
            words.labelled("law", words.prose(basis.law)),
        ]
    elif isinstance(basis, UnstatedLetterBasis):
        details.append(words.labelled("law", words.prose(basis.law)))
    details.append(words.labelled("notes", words.prose(basis.note)))
    return details


def _basis(words: Words, basis: LegalBasisModel) -> str:
    if isinstance(basis, UndecidedBasis):
        name = words.term("basis_undecided")
    elif isinstance(basis, UnstatedLetterBasis):
        name = words.term("basis_letter_unknown")
    else:
        fact = LEGAL_BASES[basis.basis]
        name = f"{words.pair(fact.latvian, fact.english)} ({words.cite(fact.article)})"
    return _join([name, *_basis_details(words, basis)]) or name


def _legal_bases(words: Words, activity: Activity) -> Cell:
    purposes = activity.purposes
    per_purpose = (
        numbered([_purpose_bases(words, purpose) for purpose in purposes])
        if isinstance(purposes, list)
        else words.marker(purposes)
    )
    if activity.bases_en_bloc is None:
        return per_purpose
    # The list the source gives for everything, kept apart from the purposes: a basis of
    # its own would read as that purpose's answer.
    en_bloc = _join([_basis(words, basis) for basis in activity.bases_en_bloc], "; ")
    return lines([per_purpose, words.labelled("bases_en_bloc", en_bloc)])


def _purpose_bases(words: Words, purpose: Purpose) -> Cell:
    if purpose.legal_basis is None:
        return None
    if isinstance(purpose.legal_basis, str):
        return words.marker(purpose.legal_basis)
    return _join([_basis(words, basis) for _path, basis in purpose.bases()], "; ")


def _legitimate_interests(words: Words, activity: Activity) -> Cell:
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    entries: list[Cell] = []
    for number, purpose in enumerate(purposes, 1):
        for _path, basis in purpose.bases():
            if isinstance(basis, LegitimateInterestsBasis):
                text = _join(
                    [
                        words.labelled("interest", words.prose(basis.interest)),
                        words.labelled("assessment", words.prose(basis.assessment)),
                    ]
                )
                entries.append(f"{number}. {text or words.term('legitimate_interests')}")
    if not entries and isinstance(activity.purposes, list):
        # Empty would read "not recorded" (the legend): no purpose rests on Art. 6(1)(f).
        return words.term("not_applicable")
    return lines(entries)


def _rights(words: Words, activity: Activity) -> Cell:
    """The rights the recorded legal bases give (`ropa.knowledge.rights`)."""
    purposes = activity.purposes
    if not isinstance(purposes, list):
        return words.marker(purposes)
    # Only decided bases give rights: an undecided basis or one without its letter of
    # Art. 6(1) says nothing yet.
    bases = sorted(
        {
            basis.basis
            for purpose in purposes
            for _path, basis in purpose.bases()
            if basis.basis in LEGAL_BASES
        }
    )
    if not bases:
        return None
    key = ("rights", ",".join(bases))
    text = words.made.get(key)
    if text is None:
        text = words.made[key] = (
            bullets(
                [
                    f"{words.pair(right.latvian, right.english)} ({words.cite(right.article)})"
                    for right in rights_for(bases)
                ]
            )
            or ""
        )
    return text


def _system(words: Words, register: Register, system: System) -> str:
    provider: Cell = None
    if system.provider is not None:
        recipient = register.recipient(system.provider)
        provider = (
            (words.text(recipient.name) or recipient.id)
            if recipient is not None
            else system.provider
        )
    details = _join(
        [
            _lower_labelled(words, "data_location", words.country(system.location)),
            _lower_labelled(words, "provider", provider),
        ],
        ", ",
    )
    name = words.prose(system.name) or system.id
    text = f"{name} ({details})" if details else name
    description = words.prose(system.description)
    return f"{text}: {description}" if description else text


def _systems(words: Words, register: Register, activity: Activity) -> Cell:
    if activity.systems is None:
        return None
    return bullets(
        [
            _made_once(
                words,
                "system",
                identifier,
                register.system,
                lambda w, entry: _system(w, register, entry),
            )
            for identifier in activity.systems
        ]
    )


def _recipient_summary(words: Words, recipient: Recipient) -> str:
    category = words.prose(recipient.category)
    name = words.text(recipient.name) if recipient.name != UNKNOWN_MARKER else None
    registration = recipient.registration_number
    details = _join(
        [
            name if category else None,
            _lower_labelled(
                words,
                "registration_number",
                None if registration in (None, UNKNOWN_MARKER) else registration,
            ),
            _lower_labelled(words, "address", words.prose(recipient.address)),
            _kind(words, recipient.kind.value),
            _lower_labelled(words, "country", words.country(recipient.country)),
            # Art. 28(3): the processor's contract belongs with the activity that uses it.
            _lower_labelled(words, "contract", words.text(recipient.contract))
            if recipient.kind.value in ("processor", "sub_processor")
            else None,
        ],
        ", ",
    )
    lead = category or words.text(recipient.name) or recipient.id
    return f"{lead} ({details})" if details else lead


def _lower_labelled(words: Words, key: str, value: Cell) -> Cell:
    """A label inside parentheses, in lower case: "(apstrādātājs, valsts: Igaunija)"."""
    if value is None:
        return None
    term = TERMS[key]
    return f"{words.pair(term.latvian.lower(), term.english.lower())}: {value}"


def _kind_key(kind: str) -> str:
    return {
        "processor": "processor",
        "sub_processor": "sub_processor",
        "controller": "controller",
        "joint_controller": "joint_controllers",
        "public_authority": "public_authority",
        "public": "the_public",
        "internal": "internal_recipient",
        "other": "other",
        "unknown": "kind_unknown",
    }[kind]


def _kind(words: Words, kind: str) -> str:
    if kind == "joint_controller":
        return words.pair("kopīgs pārzinis", "joint controller")
    term = TERMS[_kind_key(kind)]
    return words.pair(term.latvian.lower(), term.english.lower())


EntryT = TypeVar("EntryT")


def _made_once(
    words: Words,
    kind: str,
    identifier: str,
    find: Callable[[str], EntryT | None],
    describe: Callable[[Words, EntryT], str],
) -> str:
    """The cell text of a catalogue entry, made once per export (it recurs in many rows)."""
    text = words.made.get((kind, identifier))
    if text is None:
        entry = find(identifier)
        text = identifier if entry is None else describe(words, entry)
        words.made[(kind, identifier)] = text
    return text


def _recipients(words: Words, register: Register, activity: Activity) -> Cell:
    value = activity.recipients
    if not isinstance(value, list):
        return words.marker(value)
    return bullets(
        [
            _made_once(words, "recipient", identifier, register.recipient, _recipient_summary)
            for identifier in value
        ]
    )


def _mechanism(words: Words, transfer: Transfer) -> Cell:
    mechanism = transfer.mechanism
    if mechanism is None or mechanism == UNKNOWN_MARKER:
        return words.marker(mechanism)
    if mechanism == "art46_other" and transfer.instrument is not None:
        fact = INSTRUMENTS[transfer.instrument]
        key = {"code_of_conduct": "code_of_conduct", "certification": "certification"}.get(
            transfer.instrument, "appropriate_safeguards"
        )
        return f"{words.term(key)} ({words.cite(fact.article)})"
    if mechanism == "derogation" and transfer.derogation is not None:
        fact = DEROGATIONS[transfer.derogation]
        return f"{words.term('derogations')} ({words.cite(fact.article)})"
    key = {
        "adequacy": "adequacy_decision",
        "scc": "scc",
        "bcr": "bcr",
        "art46_other": "appropriate_safeguards",
        "derogation": "derogations",
    }[mechanism]
    return f"{words.term(key)} ({words.cite(MECHANISMS[mechanism].article)})"


def _destination(words: Words, transfer: Transfer) -> Cell:
    if transfer.international_organisation is not None:
        return _join(
            [
                words.prose(transfer.international_organisation),
                words.country(transfer.country),
            ]
        )
    return words.country(transfer.country)


def _transfer_recipient(words: Words, register: Register, transfer: Transfer) -> Cell:
    if transfer.recipient is None or transfer.recipient == UNKNOWN_MARKER:
        return words.marker(transfer.recipient)
    recipient = register.recipient(transfer.recipient)
    if recipient is None:
        return transfer.recipient
    return (
        words.text(recipient.name)
        if recipient.name not in (None, UNKNOWN_MARKER)
        else (words.prose(recipient.category) or recipient.id)
    )


def _transfer_summary(words: Words, register: Register, transfer: Transfer) -> str:
    return (
        lines(
            [
                words.labelled("destination", _destination(words, transfer)),
                words.labelled("recipients", _transfer_recipient(words, register, transfer)),
                words.labelled("mechanism", _mechanism(words, transfer)),
                words.labelled("reference", words.prose(transfer.reference)),
                words.labelled("adequacy_scope", words.prose(transfer.adequacy_scope)),
                words.labelled("safeguards", words.prose(transfer.safeguards)),
                words.labelled("notes", words.prose(transfer.notes)),
            ]
        )
        or ""
    )


def _transfers(words: Words, register: Register, transfers: object) -> Cell:
    if not isinstance(transfers, list):
        return words.marker(transfers)
    return bullets([_transfer_summary(words, register, transfer) for transfer in transfers])


def _retention(words: Words, retention: Retention | str | None) -> Cell:
    if retention is None or isinstance(retention, str):
        return words.marker(retention)
    statute = None
    if retention.statute is not None:
        fact = STATUTES[retention.statute]
        statute = f"{fact.law}, {fact.provision}"
    return lines(
        [
            words.labelled(
                "period_maximum" if retention.limit is not None else "period",
                _period(words, retention.period),
            ),
            words.labelled("from", words.prose(retention.from_)),
            words.labelled(
                "or_until",
                None
                if retention.or_until is None
                else _join(
                    [
                        words.prose(retention.or_until),
                        None
                        if retention.whichever is None
                        else words.term(f"whichever_{retention.whichever.value}"),
                    ]
                ),
            ),
            words.labelled("reason", words.prose(retention.reason)),
            words.labelled("statute", statute),
            words.labelled("criteria", words.prose(retention.criteria)),
            words.labelled("file_plan", words.prose(retention.file_plan)),
            words.labelled("notes", words.prose(retention.notes)),
        ]
    )


def _period(words: Words, period: Duration | str | None) -> Cell:
    if period is None:
        return None
    if isinstance(period, str):
        return words.term(period)  # permanent, indefinite
    return words.duration(period)


def _retentions(words: Words, activity: Activity) -> Cell:
    own = _retention(words, activity.retention)
    per_category: list[Cell] = []
    if isinstance(activity.personal_data, list):
        for item in activity.personal_data:
            if isinstance(item, DataCategory) and item.retention is not None:
                category = words.prose(item.category)
                per_category.append(f"{category}: {_retention(words, item.retention)}")
    if not per_category:
        return own
    return bullets([own, *per_category])


def _measure_kind(words: Words, measure: SecurityMeasure) -> Cell:
    """The measure's kind in words: one, both (`[technical, organisational]`), or not
    stated (`unknown`)."""
    kind = measure.kind
    if kind is None:
        return None
    if kind == MeasureKind.UNKNOWN:
        return words.term("measure_kind_unknown")
    kinds = kind if isinstance(kind, list) else [kind]
    return ", ".join(words.term(each.value) for each in kinds)


def _measure(words: Words, measure: SecurityMeasure) -> str:
    name = words.prose(measure.name) or measure.id
    if (kind := _measure_kind(words, measure)) is not None:
        name += f" ({kind})"
    description = _join(
        [words.prose(measure.description), words.labelled("notes", words.prose(measure.notes))]
    )
    return f"{name}: {description}" if description else name


def _measures(words: Words, register: Register, value: object) -> Cell:
    if not isinstance(value, list):
        return words.marker(value)
    return bullets(
        [
            _made_once(words, "measure", identifier, register.security_measure, _measure)
            for identifier in value
        ]
    )


def _special(words: Words, activity: Activity) -> Cell:
    value = activity.special_categories
    if not isinstance(value, list):
        return words.marker(value)
    items: list[Cell] = []
    for use in value:
        fact = SPECIAL_CATEGORIES.get(use.category)
        condition: Cell = None
        if use.condition == UNKNOWN_MARKER:
            condition = words.term("unknown")
        elif use.condition is not None:
            condition = words.cite(ARTICLE_9_2[use.condition].article)
        items.append(
            _join(
                [
                    words.pair(fact.latvian, fact.english)
                    if fact is not None
                    else words.term("special_category_unknown"),
                    words.labelled("legal_basis", condition),
                    words.labelled("law", words.prose(use.law)),
                    words.prose(use.description),
                ]
            )
        )
    return bullets(items)


def _criminal(words: Words, value: CriminalData | str | None) -> Cell:
    if value is None or isinstance(value, str):
        return words.marker(value)
    basis = None
    if value.basis is not None:
        basis = (
            words.term("unknown")
            if value.basis == UNKNOWN_MARKER
            else f"{words.term(value.basis)} ({words.cite('Art. 10')})"
        )
    return lines(
        [
            words.prose(value.description),
            words.labelled("legal_basis", basis),
            words.labelled("law", words.prose(value.law)),
        ]
    )


def _national_id(words: Words, value: NationalId | str | None) -> Cell:
    if value is None or isinstance(value, str):
        return words.marker(value)
    return _join(
        [
            words.prose(value.description),
            words.labelled("justification", words.text(value.justification)),
        ]
    )


def _sources(words: Words, activity: Activity) -> Cell:
    value = activity.sources
    if not isinstance(value, list):
        return words.marker(value)
    items: list[Cell] = []
    for source in value:
        term = TERMS[source.kind.value]
        kind = words.pair(term.latvian.lower(), term.english.lower())
        description = words.prose(source.description)
        items.append(f"{kind}: {description}" if description else kind)
    return bullets(items)


def _decisions(
    words: Words,
    profiling: Profiling | str | None,
    decisions: AutomatedDecisions | str | None,
) -> Cell:
    profiling_text = (
        words.marker(profiling)
        if profiling is None or isinstance(profiling, str)
        else words.prose(profiling.description)
    )
    if decisions is None or isinstance(decisions, str):
        decisions_text = words.marker(decisions)
    else:
        exception = None
        if decisions.exception is not None:
            article = {"contract": "Art. 22(2)(a)", "law": "Art. 22(2)(b)"}.get(
                decisions.exception, "Art. 22(2)(c)"
            )
            exception = words.cite(article)
        decisions_text = _join(
            [
                words.prose(decisions.description),
                words.labelled(
                    "legal_or_similar_effect", words.flag(decisions.legal_or_similar_effect)
                ),
                words.labelled("exception", exception),
                words.labelled("safeguards", words.prose(decisions.safeguards)),
            ]
        )
    return lines(
        [
            words.labelled("profiling", profiling_text),
            words.labelled("automated_decisions", decisions_text),
        ]
    )


def _dpia(words: Words, value: Dpia | str | None) -> Cell:
    if value is None or isinstance(value, str):
        return words.marker(value)
    screening = None
    if value.screening is not None:
        found = [
            *(item.value for item in value.screening.criteria or []),
            *(item.value for item in value.screening.dvi_list or []),
            *(item.value for item in value.screening.art35_3 or []),
        ]
        screening = _join([", ".join(found), words.prose(value.screening.notes)])
    return lines(
        [
            words.labelled("required", words.flag(value.required)),
            words.labelled(
                "status", None if value.status is None else words.term(value.status.value)
            ),
            words.labelled("reference", words.prose(value.reference)),
            words.labelled("completed_on", words.date(value.completed_on)),
            screening,
        ]
    )


def _owner(words: Words, activity: Activity) -> Cell:
    return lines([words.text(activity.owner), words.prose(activity.department)])


def _activity_name(words: Words, activity: Activity) -> Cell:
    name = words.prose(activity.name)
    if activity.status.value != "active":
        name = f"{name} ({words.term('activity_status_' + activity.status.value)})"
    if activity.role is ActivityRole.UNKNOWN:
        name = f"{name}\n{words.term('role')}: {words.term('role_unknown')}"
    elif activity.role is not None:
        name = f"{name}\n{words.term('role')}: {_kind(words, activity.role.value)}"
    return name


def _joint_controllers(words: Words, register: Register, activity: Activity) -> Cell:
    """Art. 30(1)(a) for one activity: the controller, and its joint controllers."""
    organisation = register.organisation
    controller = words.labelled("controller", words.text(organisation.name))
    if activity.joint_controllers:
        joint = {entry.id: entry for entry in register.joint_controllers}
        names = [
            words.text(joint[identifier].name) if identifier in joint else identifier
            for identifier in activity.joint_controllers
        ]
        return lines(
            [controller, words.labelled("joint_controllers", "; ".join(filter(None, names)))]
        )
    marker = organisation.joint_controllers
    if isinstance(marker, str):
        return lines([controller, words.labelled("joint_controllers", words.marker(marker))])
    return controller


_ACTIVITY_EXTRAS: tuple[tuple[str, str, str | None, int], ...] = (
    # key, term, article cited in the heading, width
    ("legal_basis", "legal_basis", "Art. 6(1)", 44),
    ("rights", "rights", None, 30),
    ("special_categories", "special_categories", "Art. 9", 28),
    ("criminal_data", "criminal_data", "Art. 10", 26),
    ("national_id", "national_id", "Art. 87", 20),
    ("legitimate_interests", "legitimate_interests", "Art. 6(1)(f)", 36),
    ("sources", "sources", "Art. 14(2)(f)", 36),
    ("automated_decisions", "automated_decisions", "Art. 22", 28),
    ("dpia", "dpia", "Art. 35", 24),
    ("systems", "systems_location", None, 30),
    ("frequency", "frequency", "Art. 30(5)", 14),
    ("privacy_notice", "privacy_notice", "Art. 13", 26),
    ("owner", "owner", None, 18),
    ("last_review", "last_review", None, 11),
    ("next_review", "next_review", None, 11),
    ("notes", "notes", None, 40),
)

# Widths of the Art. 30(1) columns; (c) is two columns, subjects and data, so that each
# can be filtered on its own.
_ARTICLE_30_1_WIDTHS = (28, 40, 30, 36, 48, 36, 48, 44)


def article_column(words: Words, key: str, item: ArticleItem, width: int) -> Column:
    english, latvian = SHORT_WORDING[item.article]
    return Column(
        key,
        words.heading(
            f"{latvian} ({latvian_citation(item.article)})", f"{english} ({item.article})"
        ),
        width,
        article=item.article,
        wording=words.heading(item.latvian, item.english),
    )


def _activity_columns(words: Words, register: Register) -> list[Column]:
    columns = [
        Column("id", words.heading_term("id"), id_width([a.id for a in register.activities])),
        Column("name", words.heading_term("activity"), 26),
        Column("description", words.heading_term("description"), 40),
    ]
    widths = iter(_ARTICLE_30_1_WIDTHS)
    for item in ARTICLE_30_1:
        key = item.article.removeprefix("Art. ").replace("(", ".").replace(")", "")
        if item.article == "Art. 30(1)(c)":
            for part, term in (
                ("subjects", "data_subject_categories"),
                ("data", "personal_data_categories"),
            ):
                columns.append(
                    Column(
                        f"{key}.{part}",
                        words.heading_term(term, item.article),
                        next(widths),
                        article=item.article,
                        wording=words.heading(item.latvian, item.english),
                    )
                )
            continue
        columns.append(article_column(words, key, item, next(widths)))
    for key, term, article, width in _ACTIVITY_EXTRAS:
        columns.append(Column(key, words.heading_term(term, article), width, article=article))
    return columns


def _activity_row(words: Words, register: Register, activity: Activity) -> Row:
    return [
        activity.id,
        _activity_name(words, activity),
        words.prose(activity.description),
        _joint_controllers(words, register, activity),
        _purposes(words, activity),
        _text_items(words, activity.data_subjects),
        _text_items(words, activity.personal_data),
        _recipients(words, register, activity),
        _transfers(words, register, activity.transfers),
        _retentions(words, activity),
        _measures(words, register, activity.security_measures),
        _legal_bases(words, activity),
        _rights(words, activity),
        _special(words, activity),
        _criminal(words, activity.criminal_data),
        _national_id(words, activity.national_id),
        _legitimate_interests(words, activity),
        _sources(words, activity),
        _decisions(words, activity.profiling, activity.automated_decisions),
        _dpia(words, activity.dpia),
        _systems(words, register, activity),
        None if activity.frequency is None else words.term(activity.frequency.value),
        register.organisation.privacy_notice,
        _owner(words, activity),
        activity.last_review,
        as_written(activity.next_review),
        words.prose(activity.notes),
    ]


# --------------------------------------------------------------------------- processors


_ARTICLE_30_2_WIDTHS = (36, 34, 34, 32)


def _controller_columns(words: Words, register: Register) -> list[Column]:
    columns = [
        Column("id", words.heading_term("id"), id_width([c.id for c in register.controllers]))
    ]
    for item, width in zip(ARTICLE_30_2, _ARTICLE_30_2_WIDTHS, strict=True):
        key = item.article.removeprefix("Art. ").replace("(", ".").replace(")", "")
        columns.append(article_column(words, key, item, width))
    columns += [
        Column("contract", words.heading_term("contract", "Art. 28(3)"), 22, "Art. 28(3)"),
        Column(
            "sub_processors",
            words.heading_term("sub_processors", "Art. 28(2)"),
            22,
            "Art. 28(2)",
        ),
        Column("last_review", words.heading_term("last_review"), 11),
        Column("next_review", words.heading_term("next_review"), 11),
    ]
    return columns


def _controller_row(words: Words, register: Register, served: ControllerServed) -> Row:
    sub_processors: Cell
    if isinstance(served.sub_processors, list):
        sub_processors = bullets(
            [
                _recipient_summary(words, recipient)
                if (recipient := register.recipient(identifier)) is not None
                else identifier
                for identifier in served.sub_processors
            ]
        )
    else:
        sub_processors = words.marker(served.sub_processors)
    processing = (
        bullets([words.prose(item) for item in served.processing])
        if isinstance(served.processing, list)
        else words.marker(served.processing)
    )
    name = words.text(served.name)
    if served.status.value != "active":
        name = f"{name} ({words.term('activity_status_' + served.status.value)})"
    return [
        served.id,
        lines(
            [
                name,
                words.labelled("registration_number", served.registration_number),
                words.labelled("address", words.prose(served.address)),
                words.labelled("country", words.country(served.country)),
                words.labelled("contact", _contact(words, served.contact)),
                words.labelled("listed_in", words.text(served.listed_in)),
                words.labelled("representative", _representative(words, served.representative)),
                words.labelled("dpo", _dpo(words, served.dpo)),
                words.labelled("notes", words.prose(served.notes)),
            ]
        ),
        processing,
        _transfers(words, register, served.transfers),
        _measures(words, register, served.security_measures),
        words.text(served.contract),
        sub_processors,
        served.last_review,
        as_written(served.next_review),
    ]


# --------------------------------------------------------------------------- recipients


def id_width(identifiers: Sequence[str], least: int = 12) -> int:
    """A width that shows the longest id on one line (up to 32 characters): an id broken
    across lines cannot be searched for as written."""
    return max(least, min(32, max((len(i) for i in identifiers), default=0) + 2))


def _recipient_columns(words: Words, register: Register) -> list[Column]:
    return [
        Column("id", words.heading_term("id"), id_width([r.id for r in register.recipients])),
        Column("name", words.heading_term("name"), 24),
        Column("category", words.heading_term("recipient_categories", "Art. 30(1)(d)"), 30),
        Column("kind", words.heading_term("kind"), 14),
        Column("country", words.heading_term("country"), 14),
        Column("contract", words.heading_term("contract", "Art. 28(3)"), 22),
        Column("dpf_certified", words.heading_term("dpf_certified"), 10),
        Column("contact", words.heading_term("contact"), 24),
        Column("description", words.heading_term("description"), 30),
        Column("used_by", words.heading_term("used_by"), 18),
    ]


def _recipient_row(words: Words, recipient: Recipient, used_by: list[str]) -> Row:
    return [
        recipient.id,
        lines(
            [
                words.text(recipient.name),
                words.labelled("registration_number", words.text(recipient.registration_number)),
                words.labelled("address", words.prose(recipient.address)),
            ]
        ),
        words.prose(recipient.category),
        _kind(words, recipient.kind.value),
        words.country(recipient.country),
        words.text(recipient.contract),
        words.flag(recipient.dpf_certified),
        _join([_contact(words, recipient.contact), recipient.website]),
        lines(
            [
                words.prose(recipient.description),
                words.labelled("notes", words.prose(recipient.notes)),
            ]
        ),
        "\n".join(used_by) or None,
    ]


def _users_of_recipients(register: Register) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {recipient.id: [] for recipient in register.recipients}
    for activity in register.activities:
        named = set(activity.recipients) if isinstance(activity.recipients, list) else set()
        if isinstance(activity.transfers, list):
            named |= {
                transfer.recipient
                for transfer in activity.transfers
                if transfer.recipient not in (None, UNKNOWN_MARKER)
            }
        for identifier in sorted(named, key=str):
            if identifier in users:
                users[identifier].append(activity.id)
    for served in register.controllers:
        if isinstance(served.sub_processors, list):
            for identifier in served.sub_processors:
                if identifier in users and served.id not in users[identifier]:
                    users[identifier].append(served.id)
    return users


# --------------------------------------------------------------------------- transfers


def _transfer_columns(words: Words, register: Register) -> list[Column]:
    owners = [a.id for a in register.activities] + [c.id for c in register.controllers]
    return [
        Column("id", words.heading_term("id"), id_width(owners, 14)),
        Column(
            "activity",
            words.heading(
                f"{TERMS['activity'].latvian} / {TERMS['controller'].latvian.lower()}",
                f"{TERMS['activity'].english} / {TERMS['controller'].english.lower()}",
            ),
            24,
        ),
        Column(
            "destination",
            words.heading(
                f"{TERMS['third_country'].latvian} / "
                f"{TERMS['international_organisation'].latvian.lower()}",
                f"{TERMS['third_country'].english} / "
                f"{TERMS['international_organisation'].english.lower()}",
            ),
            20,
        ),
        Column("recipient", words.heading_term("recipients"), 22),
        Column("mechanism", words.heading_term("mechanism", "Art. 44–49"), 28),
        Column("reference", words.heading_term("reference"), 22),
        Column("adequacy_scope", words.heading_term("adequacy_scope", "Art. 45"), 18),
        Column("safeguards", words.heading_term("safeguards", "Art. 49(6)"), 22),
        Column("notes", words.heading_term("notes"), 40),
    ]


def _transfer_rows(words: Words, register: Register) -> Iterator[Row]:
    owners: list[tuple[str, Cell, object]] = [
        (activity.id, words.prose(activity.name), activity.transfers)
        for activity in register.activities
    ]
    owners += [
        (served.id, words.text(served.name), served.transfers) for served in register.controllers
    ]
    for identifier, name, transfers in owners:
        if transfers == UNKNOWN_MARKER:
            unknown = words.term("unknown")
            yield [identifier, name, unknown, None, None, None, None, None, None]
        elif isinstance(transfers, list):
            for transfer in transfers:
                yield [
                    identifier,
                    name,
                    _destination(words, transfer),
                    _transfer_recipient(words, register, transfer),
                    _mechanism(words, transfer),
                    words.prose(transfer.reference),
                    words.prose(transfer.adequacy_scope),
                    words.prose(transfer.safeguards),
                    words.prose(transfer.notes),
                ]


def _transfer_counts(register: Register) -> tuple[int, int]:
    """Rows of the transfers sheet, and how many of them only say `unknown`."""
    rows = unknown = 0
    for transfers in [a.transfers for a in register.activities] + [
        c.transfers for c in register.controllers
    ]:
        if transfers == UNKNOWN_MARKER:
            rows += 1
            unknown += 1
        elif isinstance(transfers, list):
            rows += len(transfers)
    return rows, unknown


# --------------------------------------------------------------------------- findings


def _finding_columns(words: Words) -> list[Column]:
    return [
        Column("severity", words.heading_term("severity"), 12),
        Column("article", words.heading_term("article"), 18),
        Column("entry", words.heading_term("entry"), 22),
        Column("message", words.heading_term("message"), 70),
        Column("code", words.heading_term("code"), 8),
        Column("location", words.heading_term("location"), 24),
    ]


def _entries_by_location(register: Register) -> dict[tuple[str, tuple[str | int, ...]], str]:
    """Where each catalogue entry, activity or controller was written → how to name it."""
    named: dict[tuple[str, tuple[str | int, ...]], str] = {}
    groups: list[Sequence[Activity | Recipient | System | SecurityMeasure | ControllerServed]] = [
        register.activities,
        register.recipients,
        register.systems,
        register.security_measures,
        register.controllers,
    ]
    for entries in groups:
        for entry in entries:
            origin = entry.origin
            named[(origin.file, tuple(origin.path))] = entry.id
    return named


def _finding_row(
    words: Words,
    finding: Finding,
    entries: dict[tuple[str, tuple[str | int, ...]], str],
    root: str,
) -> Row:
    """A finding as an inspector reads it: what is missing, under which article, in which
    activity or entry; the file position last, for whoever edits the register."""
    location = finding.file
    if root and os.path.exists(location):
        location = os.path.relpath(os.path.abspath(location), root).replace(os.sep, "/")
    if finding.positioned:
        location += f":{finding.position.line}:{finding.position.column}"
    entry: Cell = None
    path = tuple(finding.path)
    for length in (2, 1):
        entry = entries.get((finding.file, path[:length]))
        if entry is not None:
            break
    if entry is None and path[:1] == ("organisation",):
        entry = words.term("controller")
    article = dict(finding.extra).get("article")
    return [
        words.term(finding.severity.value),
        words.cite(article) if article else None,
        entry,
        words.finding_message(finding),
        finding.code,
        location,
    ]


# --------------------------------------------------------------------------- systems


def _system_columns(words: Words, register: Register) -> list[Column]:
    return [
        Column("id", words.heading_term("id"), id_width([s.id for s in register.systems])),
        Column("name", words.heading_term("name"), 24),
        Column("description", words.heading_term("description"), 34),
        Column("provider", words.heading_term("provider"), 22),
        Column("location", words.heading_term("data_location"), 18),
        Column("used_by", words.heading_term("used_by"), 18),
    ]


def _system_rows(words: Words, register: Register) -> Iterator[Row]:
    users: dict[str, list[str]] = {system.id: [] for system in register.systems}
    for activity in register.activities:
        for identifier in activity.systems or []:
            if identifier in users and activity.id not in users[identifier]:
                users[identifier].append(activity.id)
    for system in register.systems:
        provider: Cell = None
        if system.provider is not None:
            recipient = register.recipient(system.provider)
            provider = system.provider
            if recipient is not None and recipient.name not in (None, UNKNOWN_MARKER):
                provider = f"{words.text(recipient.name)} ({system.provider})"
        yield [
            system.id,
            words.prose(system.name),
            words.prose(system.description),
            provider,
            words.country(system.location),
            "\n".join(users[system.id]) or None,
        ]


def _measure_columns(words: Words, register: Register) -> list[Column]:
    return [
        Column(
            "id", words.heading_term("id"), id_width([m.id for m in register.security_measures])
        ),
        Column("name", words.heading_term("name"), 30),
        Column("kind", words.heading_term("kind"), 16),
        Column("description", words.heading_term("description"), 60),
        Column("used_by", words.heading_term("used_by"), 24),
    ]


def _measure_rows(words: Words, register: Register) -> Iterator[Row]:
    users: dict[str, list[str]] = {measure.id: [] for measure in register.security_measures}
    owners: list[Activity | ControllerServed] = [*register.activities, *register.controllers]
    for owner in owners:
        if isinstance(owner.security_measures, list):
            for identifier in owner.security_measures:
                if identifier in users and owner.id not in users[identifier]:
                    users[identifier].append(owner.id)
    for measure in register.security_measures:
        yield [
            measure.id,
            words.prose(measure.name),
            _measure_kind(words, measure),
            lines(
                [
                    words.prose(measure.description),
                    words.labelled("notes", words.prose(measure.notes)),
                ]
            ),
            "\n".join(users[measure.id]) or None,
        ]


# --------------------------------------------------------------------------- records


def record_rows(sheet: Sheet) -> Iterator[Row]:
    """A table's rows as records, one after another: a title row (id and name), then one
    (heading, value) row per column. The same cells as the table, arranged to be printed
    and read one record at a time."""
    labels = [column.heading for column in sheet.columns]
    for row in sheet.rows():
        yield from record_of(row, labels, sheet.freeze_columns)


def record_of(row: Row, labels: Sequence[str], title_columns: int) -> Iterator[Row]:
    """One table row as a record: its first `title_columns` cells (id, name) as the
    title, then each other cell with its column's heading."""
    title = TitleRow(row[:title_columns])
    if len(title) < 2:
        # No name column (a controller served): the first line of the next cell names it.
        named = as_text(row[1]) if len(row) > 1 else None
        title.append(named.split("\n")[0] if named else None)
    yield title
    for label, value in zip(labels[title_columns:], row[title_columns:], strict=True):
        yield [label, value]


def _guide_columns(words: Words) -> list[Column]:
    return [
        Column("sheet", words.heading_term("sheet"), 20),
        Column("heading", words.heading_term("heading"), 36),
        Column("article", words.heading_term("article"), 24),
        Column("wording", words.heading_term("wording"), 80),
    ]


def _guide_rows(words: Words, sheets: Sequence[Sheet]) -> Iterator[Row]:
    """Each column that answers an article, with the article's full wording."""
    for sheet in sheets:
        for column in sheet.columns:
            if column.article is None:
                continue
            yield [sheet.name, column.heading, words.cite(column.article), column.wording]


# --------------------------------------------------------------------------- assembly


def sheet_name(words: Words, key: str) -> str:
    """Sheet names: at most 31 characters and none of : \\ / ? * [ ] (Excel's rules)."""
    term = TERMS[key]
    if words.language == "lv":
        return term.latvian
    if words.language == "en":
        return term.english
    short_english = {
        "register": "Register",
        "activities": "Activities",
        "measures": "Measures",
        "columns": "Columns",
    }.get(key, term.english)
    return f"{term.latvian} – {short_english}"


def build_document(
    register: Register,
    *,
    language: Language = "lv+en",
    export_date: dt.date,
    version: RegisterVersion | None = None,
    findings: Sequence[Finding] | None = None,
    tool: str = "ropa",
) -> ExportDocument:
    """The register as a cover and sheets of text in `language`; rows are made on demand."""
    words = Words(language)
    version = version or RegisterVersion()
    organisation = register.organisation
    root, _files = relative_files(register.files)
    sheets: list[Sheet] = []
    counts: dict[str, int] = {}
    if organisation.is_controller or register.activities:
        counts["activities"] = len(register.activities)
        sheets.append(
            Sheet(
                "activities",
                sheet_name(words, "activities"),
                _activity_columns(words, register),
                lambda: (_activity_row(words, register, a) for a in register.activities),
                len(register.activities),
                freeze_columns=2,
                # Printed at about 9 points, as many pages across as the columns need
                # (they follow each other); columns wide enough for long texts to read
                # as lines, not towers of a few words.
                pages_wide=0,
            )
        )
    if organisation.is_processor or register.controllers:
        counts["controllers"] = len(register.controllers)
        sheets.append(
            Sheet(
                "controllers",
                sheet_name(words, "controllers"),
                _controller_columns(words, register),
                lambda: (_controller_row(words, register, c) for c in register.controllers),
                len(register.controllers),
                freeze_columns=1,
            )
        )
    main = sheets[0] if sheets else None
    if main is not None:
        # The same cells, one record at a time: what an inspector prints and reads.
        # A heading on one or two lines, and the two columns within an A4 landscape page.
        sheets.append(
            Sheet(
                "by_activity",
                sheet_name(words, "by_activity"),
                [
                    Column("heading", words.heading_term("heading"), 44),
                    Column("value", "", 92),
                ],
                lambda: record_rows(main),
                main.row_count * (len(main.columns) - main.freeze_columns + 1),
                records=True,
                source=main,
            )
        )
    users = _users_of_recipients(register)
    counts["recipients"] = len(register.recipients)
    sheets.append(
        Sheet(
            "recipients",
            sheet_name(words, "recipients"),
            _recipient_columns(words, register),
            lambda: (_recipient_row(words, r, users[r.id]) for r in register.recipients),
            len(register.recipients),
            freeze_columns=1,
        )
    )
    transfer_rows, unknown = _transfer_counts(register)
    counts["transfers"] = transfer_rows - unknown
    counts["transfers_unknown"] = unknown
    sheets.append(
        Sheet(
            "transfers",
            sheet_name(words, "transfers"),
            _transfer_columns(words, register),
            lambda: _transfer_rows(words, register),
            transfer_rows,
            freeze_columns=2,
        )
    )
    if register.systems:
        counts["systems"] = len(register.systems)
        sheets.append(
            Sheet(
                "systems",
                sheet_name(words, "systems"),
                _system_columns(words, register),
                lambda: _system_rows(words, register),
                len(register.systems),
                freeze_columns=1,
            )
        )
    counts["security_measures"] = len(register.security_measures)
    if register.security_measures:
        sheets.append(
            Sheet(
                "security_measures",
                sheet_name(words, "measures"),
                _measure_columns(words, register),
                lambda: _measure_rows(words, register),
                len(register.security_measures),
                freeze_columns=1,
            )
        )
    if findings is not None:
        listed = list(findings)
        counts["findings"] = len(listed)
        entries = _entries_by_location(register)
        sheets.append(
            Sheet(
                "findings",
                sheet_name(words, "findings"),
                _finding_columns(words),
                lambda: (_finding_row(words, finding, entries, root) for finding in listed),
                len(listed),
            )
        )
    guided = [sheet for sheet in sheets if not sheet.records]
    guide = list(_guide_rows(words, guided))
    sheets.append(
        Sheet(
            "columns",
            sheet_name(words, "columns"),
            _guide_columns(words),
            lambda: iter(guide),
            len(guide),
        )
    )
    name = words.text(organisation.name) or ""
    title = f"{words.term('register')} — {name}" if name else words.term("register")
    return ExportDocument(
        title=title,
        subject=words.cite("Art. 30"),
        author=name,
        language=language,
        export_date=export_date,
        cover_name=sheet_name(words, "register_short"),
        cover=_cover(
            words,
            register,
            export_date=export_date,
            version=version,
            tool=tool,
            counts=counts,
        ),
        sheets=sheets,
        counts=counts,
        words=words,
        register_json=functools.partial(embedded_json_chunks, register),
    )
