"""Art. 5(1)(b)-(c), 30(1)(b)-(c): what an activity's purposes and data categories say.

The keys can be filled in and still say nothing: a purpose that is a legal basis in other
words, a data list left open or handed off to another document. Read through the text
layer (`ropa.knowledge.lexicon`): the words are matched in any inflection, with or
without diacritics.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import mentions, uncovered
from ropa.knowledge.text import cites_law, open_list
from ropa.model.activity import Activity, DataCategory
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import Role
from ropa.position import Location
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import first_readings

# A purpose with at most this many words of its own beside a generic phrase and words
# that say who or how says nothing of what the data is for.
_CONTENT_WORDS = 1
_LANGUAGES = ("lv", "en")


def _generic(text: str) -> str | None:
    """The generic phrase a purpose consists of, if it says nothing more."""
    found = mentions(text, "purpose_generic")
    if found is None or cites_law(text):
        return None
    left = [w for w in uncovered(text, ("purpose_generic", "purpose_filler")) if len(w) > 2]
    return found.matched if len(left) <= _CONTENT_WORDS else None


@rule("AC12", "activity.purpose-unspecified", severity=Severity.WARNING, article="Art. 5(1)(b)")
def purpose_unspecified(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose that restates a legal basis or covers everything.

    Why: personal data is collected for specified, explicit purposes (Art. 5(1)(b)), and
    the record states them (Art. 30(1)(b)). "To fulfil our legal obligations",
    "legitimate interests", "performing the duties and powers given by law" name a legal
    basis (Art. 6(1)(c), (e), (f)), not a use of the data; "our core activities" or
    "business purposes" cover everything the organisation does. The Article 29 Working
    Party counts such general wording as not specific (Opinion 03/2013 on purpose
    limitation, WP203, on purpose specification). Reported when, beside the generic
    phrase, the purpose has at most one word of its own (words that say who acts or how
    do not count), and names no law (a purpose "under the Accounting Law" says which
    obligation).

    Fails:

    ```yaml
    activities:
      - id: services
        name: Council services
        purposes:
          - purpose: To fulfil our legal obligations as a local authority  # ← AC12
            legal_basis: {basis: legal_obligation}
    ```

    Passes:

    ```yaml
    activities:
      - id: services
        name: Council services
        purposes:
          - purpose: Deciding on applications for housing benefit
            legal_basis:
              basis: legal_obligation
              law: Likums "Par palīdzību dzīvokļa jautājumu risināšanā"
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        # Most activities name no generic phrase in any purpose: their readings, made
        # once for all rules, say so without reading each purpose again.
        if not first_readings(activity, ("purpose_generic",), ("purposes",)):
            continue
        found: list[tuple[Location, str]] = []
        for index, purpose in enumerate(activity.purposes):
            texts = [text_of(purpose.purpose, language) for language in _LANGUAGES]
            words = [_generic(text) for text in texts if text]
            if words and all(words):
                found.append((activity.at("purposes", index, "purpose"), str(words[0])))
        if found:
            yield Violation(
                found[0][0],
                msg(
                    "a purpose of `{id}` (\u201c{words}\u201d) restates a legal basis or "
                    "covers everything: it does not say what the data is used for",
                    id=activity.id,
                    words=found[0][1],
                ),
                msg(
                    "write what the data is used for (deciding applications, paying "
                    "salaries, answering complaints), one purpose each"
                ),
                # The activity's other such purposes are the same gap: named with it.
                related=tuple(location for location, _words in found[1:]),
            )


# (Data categories repeat from activity to activity: each text is read once.)
@functools.lru_cache(maxsize=4096)
def _open(text: str) -> str | None:
    """The words that leave a list of data open, outside any brackets: a category named
    with open examples ("contact details (e-mail, phone etc.)") is still a category."""
    found = mentions(text, "data_open_ended")
    if found is not None and not _bracketed(text, found.start):
        return found.matched
    abbreviation = open_list(text)
    if abbreviation is not None and not _bracketed(text, text.index(abbreviation)):
        return abbreviation
    return None


def _bracketed(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("(") > before.count(")")


@functools.lru_cache(maxsize=4096)
def _by_reference(text: str) -> str | None:
    """The words that hand the data categories to another document ("tādā apjomā, kāds
    noteikts MK noteikumu Nr. 385 1. pielikumā")."""
    found = mentions(text, "data_by_reference")
    return found.matched if found is not None and cites_law(text) else None


def _data_texts(activity: Activity) -> Iterator[tuple[Location, list[str]]]:
    if not isinstance(activity.personal_data, list):
        return
    for index, item in enumerate(activity.personal_data):
        value = item.category if isinstance(item, DataCategory) else item
        texts = [text for text in (text_of(value, lang) for lang in _LANGUAGES) if text]
        yield activity.at("personal_data", index), texts


@rule("AC13", "activity.data-open-ended", severity=Severity.WARNING, article="Art. 30(1)(c)")
def data_open_ended(register: Register, context: Context) -> Iterator[Violation]:
    """Categories of personal data left open, or given only by reference to another text.

    Why: the record describes the categories of personal data (Art. 30(1)(c)), and data
    minimisation (Art. 5(1)(c)) is judged against them. A list that ends "u.c.", "and
    other information", "not limited to", or a category such as "everything in the CV" or
    "other information the user provides", fixes nothing; personal data "to the extent set
    out in Cabinet Regulation No. 385, Annex 1" sends the reader to another text. Examples
    in brackets after a named category ("contact details (e-mail, phone etc.)") are not
    reported: the category is named. Reported only when nothing in the activity's list is
    fixed: an open "other information you give us" beside named categories leaves those
    categories on record. One finding per activity, at the first such item.

    Fails:

    ```yaml
    activities:
      - id: children
        name: Bērnu uzskaite
        personal_data:
          - bērnu raksturojoša informācija, piemēram, valoda, dzimums u.c.  # ← AC13
    ```

    Passes:

    ```yaml
    activities:
      - id: children
        name: Bērnu uzskaite
        personal_data:
          - vārds, uzvārds
          - kontaktinformācija (e-pasts, tālrunis utt.)
          - ēdināšanas ierobežojumi
    ```
    """
    for activity in register.activities:
        items = list(_data_texts(activity))
        open_items = [
            (location, words)
            for location, texts in items
            if (words := next(filter(None, map(_open, texts)), None))
        ]
        references = [
            (location, words)
            for location, texts in items
            if (words := next(filter(None, map(_by_reference, texts)), None))
        ]
        # A named category beside an open item fixes something: reported only when
        # nothing in the list is fixed.
        unfixed = {id(location) for location, _words in open_items + references}
        if not items or len(unfixed) < len(items):
            continue
        found, message = (
            (
                open_items,
                msg(
                    "the personal data of `{id}` are left open (\u201c{words}\u201d): the "
                    "categories processed are not fixed",
                    id=activity.id,
                    words=open_items[0][1],
                ),
            )
            if open_items
            else (
                references,
                msg(
                    "the personal data of `{id}` are given only by reference (\u201c{words}"
                    "\u201d), not named",
                    id=activity.id,
                    words=references[0][1],
                ),
            )
        )
        yield Violation(
            found[0][0],
            message,
            msg("name every category of data that is processed, and nothing open-ended")
            if open_items
            else msg("name the categories in the record, keeping the reference as the source"),
            related=tuple(location for location, _words in found[1:]),
        )


def _controller_texts(register: Register) -> Iterator[tuple[Location, str]]:
    for controller in register.controllers:
        items = controller.processing if isinstance(controller.processing, list) else []
        for index, item in enumerate(items):
            for language in _LANGUAGES:
                if text := text_of(item, language):
                    yield controller.at("processing", index), text
        for language in _LANGUAGES:
            if text := text_of(controller.notes, language):
                yield controller.at("notes"), text


@rule("AC06", "activity.processor-own-use", severity=Severity.WARNING, article="Art. 28(10), 30(1)")
def processor_own_use(register: Register, context: Context) -> Iterator[Violation]:
    """A processor using the data for purposes of its own, with no activity on record.

    Why: a processor acts only on the controller's documented instructions (Art. 28(3)(a),
    29); where it determines purposes of its own ("service optimisation", "to improve our
    services", "for our own business purposes") it is a controller for that processing
    (Art. 28(10)) and records it as a processing activity of its own (Art. 30(1)), with
    its legal basis. Read in the words of the controllers served (`processing:`,
    `notes:`); a denial ("does not use customer data for its own purposes") is not a
    finding.

    Fails:

    ```yaml
    organisation:
      name: Example Cloud Inc.
      role: processor
      contact: {email: privacy@example.com}
    controllers:
      - id: customers
        name: Customers under the standard DPA
        contact: {email: dpa@example.com}
        processing: [identity and access management]
        notes: We may also use customer data for service optimization.  # ← AC06
    ```

    Passes:

    ```yaml
    organisation:
      name: Example Cloud Inc.
      role: processor
      contact: {email: privacy@example.com}
    controllers:
      - id: customers
        name: Customers under the standard DPA
        contact: {email: dpa@example.com}
        processing: [identity and access management]
        notes: Customer data is not used for our own purposes.
    ```
    """
    if register.organisation.role is not Role.PROCESSOR or register.activities:
        return
    for location, text in _controller_texts(register):
        found = mentions(text, "own_use")
        if found is not None:
            yield Violation(
                location,
                msg(
                    "the record says the data is also used for the processor's own "
                    "purposes (\u201c{words}\u201d): for that use it is a controller "
                    "(Art. 28(10)), and no activity of its own is recorded",
                    words=found.matched,
                ),
                msg(
                    "record that use under `activities:` with its purpose and legal basis, "
                    "and set `role: controller_and_processor`"
                ),
            )
            return
