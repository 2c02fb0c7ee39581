"""Art. 4(11), 7: consent whose own record says it was not a clear, separate choice.

A consent basis can be filled in and still describe no consent: "by visiting our portal
you agree", "by registering you agree to the terms and the privacy policy". Read through
the text layer (`implied_consent`, `consent_bundled` in `ropa.knowledge.concepts`), in
the consent's record, withdrawal and note and in the purpose it carries. Cookies and
tracking are LB21's, which reports consent inferred from use for them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import concepts_in, mentions
from ropa.model.activity import Activity, ConsentBasis
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.position import Location
from ropa.rules import Context, Violation, rule
from ropa.rules.tracking import names_tracking

_KINDS = ("implied_consent", "consent_bundled")
_KIND_SET = frozenset(_KINDS)


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
        for path, value in places:
            for language in ("lv", "en"):
                text = text_of(value, language)
                # The quick test first (cached per text): most say neither.
                if not text or _KIND_SET.isdisjoint(concepts_in(text)):
                    continue
                for kind in _KINDS:
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
    scrolling and continued browsing). Consent taken as given by registering, ordering
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
