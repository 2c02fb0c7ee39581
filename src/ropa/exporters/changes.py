"""The change log sheet: what changed in the record since a revision (`ropa export
--changes-since REV`), one row per change, beside the record itself.

A regulator who received an earlier version asks what changed; this sheet answers with
the same sentences as `ropa diff`, and the old and new values in their own columns.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.diff import (
    WORKING_TREE,
    Change,
    DiffResult,
    RegisterDiff,
    change_sentence,
    change_subject,
    show,
)
from ropa.exporters.table import Column, Row, Sheet, Words
from ropa.i18n import PluralMessage, counted, translate

# Everyday words, not legal terms (listed with the other unverified labels for a native
# speaker's review in knowledge.terms.UNVERIFIED).
_KIND = {
    "added": ("pievienots", "added"),
    "removed": ("izņemts", "removed"),
    "renamed": ("pārdēvēts", "renamed"),
    "changed": ("mainīts", "changed"),
    "items": ("mainīts saraksts", "list changed"),
    "reordered": ("mainīta secība", "order changed"),
}
_ENTRY_NOUN_LV = {
    "organisation": "organizācija",
    "recipients": "saņēmējs",
    "systems": "sistēma",
    "security_measures": "drošības pasākums",
    "activities": "apstrādes darbība",
    "controllers": "pārzinis, kura uzdevumā apstrādā",
}


def _count(words: Words, message: PluralMessage) -> str:
    """A count in the sheet's language(s), each from the catalogue's plural entry: "1
    izmaiņa", "21 izmaiņa", "11 izmaiņas", "0 izmaiņu" (the catalogue's Plural-Forms)."""
    return words.pair(translate(message, "lv"), translate(message, "en"))


def _subject(words: Words, change: Change) -> str:
    noun = _ENTRY_NOUN_LV.get(change.section, change.section)
    latvian = noun if change.entry is None else f"{noun} `{change.entry}`"
    return words.pair(latvian, change_subject(change))


def changes_sheet(result: DiffResult, words: Words) -> Sheet:
    """One row per change of every register compared, with a first row saying what was
    compared (and, for a revision that did not validate, that it did not)."""
    registers = result.registers
    count = 1 + sum(len(register.changes) + _notes(register) for register in registers)
    # The sentences of `ropa diff` are English: a Latvian-only sheet leaves them out and
    # says everything in its other columns.
    sentences = words.language != "lv"

    def rows() -> Iterator[Row]:
        for row in _rows():
            yield row if sentences else row[:-1]

    def _rows() -> Iterator[Row]:
        yield [
            words.pair("salīdzināts", "compared"),
            words.pair("Reģistra versijas", "Register versions"),
            _count(words, counted("{count} change", "{count} changes", count=result.change_count)),
            result.base,
            words.pair("darba koks (pašreizējie faili)", WORKING_TREE)
            if result.target == WORKING_TREE
            else result.target,
            None,
        ]
        for register in registers:
            for side in (register.old, register.new):
                if side.present and not side.valid:
                    yield [
                        words.pair("piezīme", "note"),
                        register.name,
                        None,
                        side.label if side is register.old else None,
                        side.label if side is register.new else None,
                        f"{side.label}: "
                        + words.pair(
                            "reģistrs neatbilst formātam", "the register does not validate"
                        )
                        + " ("
                        + _count(
                            words,
                            counted(
                                "{count} problem", "{count} problems", count=len(side.problems)
                            ),
                        )
                        + ")",
                    ]
            for change in register.changes:
                latvian, english = _KIND[change.kind]
                before = "" if change.old is None else show(change.old, None)
                after = "" if change.new is None else show(change.new, None)
                if change.kind == "items":
                    before = ", ".join(show(item, None) for item in change.old or ())
                    after = ", ".join(show(item, None) for item in change.new or ())
                yield [
                    words.pair(latvian, english),
                    _subject(words, change),
                    change.field or None,
                    before or None,
                    after or None,
                    change_sentence(change, None),
                ]

    return Sheet(
        key="changes",
        name={"lv": "Izmaiņas", "en": "Changes"}.get(words.language, "Izmaiņas – Changes"),
        columns=[
            # Keyed as the record sheets' id and name columns: Markdown makes the heading
            # of each change from them.
            Column("id", words.heading("Izmaiņa", "Change"), 16),
            Column("name", words.heading("Ieraksts", "Entry"), 30),
            Column("field", words.heading("Lauks", "Field"), 24),
            Column("old", words.heading("Iepriekš", "Before"), 40),
            Column("new", words.heading("Tagad", "After"), 40),
            *([Column("text", words.heading("Apraksts", "Description"), 60)] if sentences else []),
        ],
        rows=rows,
        row_count=count,
    )


def _notes(register: RegisterDiff) -> int:
    return sum(1 for side in (register.old, register.new) if side.present and not side.valid)
