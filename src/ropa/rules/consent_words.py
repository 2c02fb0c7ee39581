"""Art. 4(11), 7: consent whose own record says it was not a clear, separate choice.

A consent basis can be filled in and still describe no consent: "by visiting our portal
you agree", "by registering you agree to the terms and the privacy policy". Read through
the text layer (`implied_consent`, `consent_bundled` in `ropa.knowledge.concepts`), in
the consent's record, withdrawal and note and in the purpose it carries. Cookies and
tracking are LB21's, which reports consent inferred from use for them. The other way
round, a purpose resting on the contract whose own words speak of the person's consent
(`consent_spoken`) folds the two bases together (LB25).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import concepts_in, mentions
from ropa.knowledge.text import fold_word
from ropa.model.activity import Activity, ConsentBasis, ContractBasis
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.position import Location
from ropa.rules import Context, Violation, rule
from ropa.rules.tracking import names_tracking

_KINDS = ("implied_consent", "consent_bundled")


def _consent_words(activity: Activity) -> tuple[Location, str, str] | None:
    """The first place a consent basis of the activity (its record, withdrawal or note, or
    the purpose it carries) says consent is inferred from use or bundled into accepting
    the terms: where, the words, and which. Places are made only for what is found: most
    activities rely on no consent, and most consents say neither."""
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    for index, purpose in enumerate(purposes):
        consents = [(path, b) for path, b in purpose.bases() if isinstance(b, ConsentBasis)]
        if not consents:
            continue
        places: list[tuple[tuple[str | int, ...], object]] = [
            ((*path, key), getattr(basis, key))
            for path, basis in consents
            for key in ("consent_record", "note", "withdrawal")
        ]
        places.append((("purpose",), purpose.purpose))
        found = _first_said(activity, index, places, _KINDS)
        if found is not None:
            return found
    return None


def _first_said(
    activity: Activity,
    index: int,
    places: list[tuple[tuple[str | int, ...], object]],
    kinds: tuple[str, ...],
) -> tuple[Location, str, str] | None:
    """The first of the purpose's places whose words state one of `kinds`: where, the
    words quoted from there, and which kind."""
    wanted = frozenset(kinds)
    for path, value in places:
        if value is None:  # (a note left out: most)
            continue
        # A plain string is the same in both languages: read once (the other reading
        # could only find the same words at the same place).
        texts = (value,) if type(value) is str else (text_of(value, "lv"), text_of(value, "en"))
        for text in texts:
            # The quick test first (cached per text): most say none of them.
            if not text or wanted.isdisjoint(concepts_in(text)):
                continue
            for kind in kinds:
                found = mentions(text, kind)
                if found is not None:
                    at = activity.at("purposes", index, *path)
                    return at, _quoted(text, found.start), kind
    return None


# How much of the consent's words a message quotes, from the place they say it.
_QUOTED = 80


def _quoted(text: str, start: int) -> str:
    words = text[start:].strip()
    return words if len(words) <= _QUOTED else words[: _QUOTED - 1].rstrip() + "\u2026"


@rule(
    "LB24",
    "legal-basis.consent-not-given",
    severity=Severity.WARNING,
    article="Art. 4(11), 7(2), 7(4)",
)
def consent_not_given(register: Register, context: Context) -> Iterator[Violation]:
    """Consent taken from visiting, using or registering, or bundled with the terms.

    Why: consent is a freely given, specific, informed and unambiguous indication of
    wishes by a statement or a clear affirmative action (Art. 4(11)); silence or
    inactivity is none (Recital 32). Visiting a site, browsing on or using an app ("by
    visiting our portal you agree", "by using the app you consent") is no such action
    (CJEU C-673/17 Planet49; EDPB Guidelines 05/2020 on consent, paras 86-87 on
    scrolling and continued browsing); nor is installing or downloading it ("by
    installing the app", "lejupielādējot lietotni"). Confirming that the privacy policy
    has been read acknowledges information (Art. 13) and consents to nothing. Consent
    taken as given by registering, ordering
    or accepting the terms and the privacy policy ("Reģistrējoties portālā, Jūs
    piekrītat lietošanas noteikumiem un privātuma politikai") is bundled with other
    matters (Art. 7(2)) and made a condition of the service (Art. 7(4), Recital 43): it
    is not free, and the service itself usually rests on the contract (Art. 6(1)(b)).
    Read in a consent basis's `consent_record`, `note` and `withdrawal` and in the
    purpose it carries; activities naming cookies or tracking are left to LB21, which
    reports consent inferred from use for them. One finding per activity.

    Fails:

    ```yaml
    activities:
      - id: accounts
        name: Portāla konti
        purposes:
          - purpose: Reģistrācija portālā un pakalpojuma sniegšana
            legal_basis:
              basis: consent
              consent_record: Reģistrējoties, lietotājs piekrīt noteikumiem  # ← LB24
    ```

    Passes:

    ```yaml
    activities:
      - id: accounts
        name: Portāla konti
        purposes:
          - purpose: Reģistrācija portālā un pakalpojuma sniegšana
            legal_basis: {basis: contract, contract: Portāla lietošanas noteikumi}
          - purpose: Jaunumu e-pasti
            legal_basis:
              basis: consent
              consent_record: Atsevišķa izvēles rūtiņa reģistrācijas formā, saglabāta ar laiku
              withdrawal: Saite katra e-pasta beigās
    ```
    """
    for activity in register.activities:
        found = _consent_words(activity)
        if found is None:
            continue
        location, words, kind = found
        if kind == "implied_consent" and names_tracking(activity):
            continue  # LB21 reports consent inferred from use for cookies and tracking
        yield Violation(
            location,
            msg(
                "the consent `{id}` relies on is taken from using the service "
                "(\u201c{words}\u201d): consent needs a clear affirmative act (Art. 4(11); "
                "Planet49; EDPB Guidelines 05/2020)",
                id=activity.id,
                words=words,
            )
            if kind == "implied_consent"
            else msg(
                "the consent `{id}` relies on is bundled into registering or accepting "
                "the terms (\u201c{words}\u201d): it is not separate or free (Art. 7(2), "
                "7(4))",
                id=activity.id,
                words=words,
            ),
            msg(
                "rest the service on the contract (`basis: contract`), and ask for "
                "consent, where it is needed, as a separate choice that can be refused, "
                "recorded in `consent_record:`"
            ),
        )


def _consent_under_contract(activity: Activity) -> tuple[Location, str] | None:
    """The first purpose of the activity that rests on the contract alone and whose own
    words (the purpose, its note, the contract named or the basis's note) speak of the
    person's consent: where, and the words. A purpose that also names a consent basis is
    undecided between them, which LB11 reports."""
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    for index, purpose in enumerate(purposes):
        bases = purpose.bases()
        if not bases or any(isinstance(basis, ConsentBasis) for _path, basis in bases):
            continue
        contracts = [(path, b) for path, b in bases if isinstance(b, ContractBasis)]
        if not contracts:
            continue
        places: list[tuple[tuple[str | int, ...], object]] = [
            (("purpose",), purpose.purpose),
            (("notes",), purpose.notes),
        ]
        places += [
            ((*path, key), getattr(basis, key))
            for path, basis in contracts
            for key in ("contract", "note")
        ]
        found = _first_said(activity, index, places, ("consent_spoken",))
        if found is not None:
            return found[:2]
    return None


@rule(
    "LB25",
    "legal-basis.consent-in-contract",
    severity=Severity.WARNING,
    article="Art. 6(1)(a)-(b), 7(3), 7(4)",
)
def consent_in_contract(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose resting on the contract whose own words speak of the person's consent.

    Why: consent (Art. 6(1)(a)) and the contract (Art. 6(1)(b)) are different bases with
    different consequences: consent can be withdrawn at any time and the processing it
    covers must then stop (Art. 7(3)); what the contract needs goes on while the contract
    runs. A clause that rests on the contract yet has the person "consent" or "agree to
    the processing" by signing it, or tells them they may withdraw their consent, folds
    consent into the contract: the consent is a condition of the service and not free
    (Art. 7(4), Recital 43; EDPB Guidelines 05/2020 on consent, on conditionality), and
    neither the person nor the record can tell which basis applies or what a withdrawal
    would stop. A controller may not keep consent in reserve and switch to another basis
    when it is withdrawn (EDPB Guidelines 05/2020; paraphrased, not re-checked against
    the guidelines' text in this change). Read through the text layer (`consent_spoken`)
    in the purpose, its note, the contract named and the basis's note, in Latvian or
    English and any inflection; processing "without your consent", a parent's consent
    to a minor's contract, accepting the contract's terms, the explicit consent that is
    an Art. 9(2)(a) condition for special-category data beside a contract basis, and
    words that deny consent ("consent is not required") are not it. A purpose that
    lists consent among its bases is undecided, which LB11 reports. One finding per
    activity, at the first place.

    Fails:

    ```yaml
    activities:
      - id: training
        name: Apmācības līgums
        purposes:
          - purpose: Apmācības līguma izpilde
            legal_basis: {basis: contract, contract: Apmācības līgums}
            notes: Parakstot līgumu, kursants dod piekrišanu datu apstrādei  # ← LB25
    ```

    Passes:

    ```yaml
    activities:
      - id: training
        name: Apmācības līgums
        purposes:
          - purpose: Apmācības līguma izpilde
            legal_basis: {basis: contract, contract: Apmācības līgums}
          - purpose: Jaunumu e-pasti
            legal_basis:
              basis: consent
              consent_record: Atsevišķa atzīme pieteikuma veidlapā
              withdrawal: Saite katra e-pasta beigās
    ```
    """
    for activity in register.activities:
        found = _consent_under_contract(activity)
        if found is None:
            continue
        location, words = found
        yield Violation(
            location,
            msg(
                "`{id}` rests on the contract, yet its record speaks of consent "
                "(\u201c{words}\u201d): which basis applies, and what withdrawing consent "
                "would stop, is not clear (Art. 7(3), 7(4))",
                id=activity.id,
                words=words,
            ),
            msg(
                "keep the contract as the basis of what the contract needs and take the "
                "consent wording out of it; where something goes beyond the contract, ask "
                "for consent separately (a purpose with `basis: consent`, `consent_record:` "
                "and `withdrawal:`)"
            ),
        )


# Words that make consent in an order form or contract a choice of its own: a separate
# tick box the person may leave empty (EDPB Guidelines 05/2020, granularity).
_SEPARATE = re.compile(r"\b(?:tick|checkbox|check box|separate\w*|atsevisk\w*|atzim\w*|kekst\w*)")


@rule(
    "LB27",
    "legal-basis.consent-by-contract",
    severity=Severity.WARNING,
    article="Art. 6(1)(b), 7(4)",
)
def consent_by_contract(register: Register, context: Context) -> Iterator[Violation]:
    """Consent said to be given by signing the contract or placing the order.

    Why: consent must be freely given, and it is not where the contract or the service
    is made conditional on it (Art. 7(4), Recital 43). Consent "given" by signing an
    order form or concluding the agreement is bundled with the contract: the person
    cannot order without it, nor withdraw it without leaving the contract. What the order
    or the contract needs rests on the contract (Art. 6(1)(b)); anything beyond it needs
    consent asked separately (EDPB Guidelines 05/2020 on consent, on conditionality and
    granularity). Read in the basis's `consent_record` and `note`, in Latvian or English;
    a separate tick box in the order form is a consent of its own and is not reported.
    One finding per activity, at the first place.

    Fails:

    ```yaml
    activities:
      - id: orders
        name: Translation orders
        purposes:
          - purpose: Providing the translation service
            legal_basis:  # ← LB27
              basis: consent
              consent_record: Signed order acceptance form
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Translation orders
        purposes:
          - purpose: Providing the translation service
            legal_basis: {basis: contract, contract: Order acceptance form}
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        for index, purpose in enumerate(activity.purposes):
            found = next(
                (
                    (path, words)
                    for path, basis in purpose.bases()
                    if isinstance(basis, ConsentBasis)
                    for words in [_bundled(basis.consent_record, basis.note)]
                    if words is not None
                ),
                None,
            )
            if found is None:
                continue
            path, words = found
            yield Violation(
                activity.at("purposes", index, *path),
                msg(
                    "consent in `{id}` is given by signing the contract or placing the order "
                    "(\u201c{words}\u201d): bundled with it, it is not free (Art. 7(4)); what "
                    "the order needs rests on the contract (Art. 6(1)(b))",
                    id=activity.id,
                    words=words,
                ),
                msg(
                    "rest what the contract needs on `basis: contract`, and ask separately for "
                    "consent to anything beyond it"
                ),
                at_key=True,
            )
            break


def _bundled(*values: object) -> str | None:
    """The words by which a consent record says consent is given by the contract or the
    order itself, unless they also name a separate tick box."""
    for value in values:
        for language in ("lv", "en"):
            text = text_of(value, language) if value is not None else ""
            if not text or text in ("unknown", "none"):
                continue
            found = mentions(text, "consent_by_contract")
            if found is not None and not _SEPARATE.search(fold_word(text)):
                return found.matched
    return None
