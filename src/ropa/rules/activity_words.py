"""Art. 5(1)(b)-(c), 30(1)(b)-(c): what an activity's purposes and data categories say.

The keys can be filled in and still say nothing: a purpose that is a legal basis in other
words, a data list left open or handed off to another document. Read through the text
layer (`ropa.knowledge.lexicon`): the words are matched in any inflection, with or
without diacritics.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import Message, counted, msg
from ropa.knowledge.lexicon import concepts_in, infer, mentions, stated, uncovered
from ropa.knowledge.text import analyse, cites_law, fold_word, folded_words, open_list, stem
from ropa.model.activity import (
    Activity,
    ContractBasis,
    DataCategory,
    DataSubjectGroup,
    LegalObligationBasis,
    PublicTaskBasis,
    Purpose,
)
from ropa.model.register import Register
from ropa.model.types import text_of
from ropa.model.vocabulary import DataSourceKind, Role
from ropa.position import Location
from ropa.rules import Context, Violation, not_stated, rule
from ropa.rules._reading import first_readings, names_a_law

# A purpose with at most this many words of its own beside a generic phrase and words
# that say who or how says nothing of what the data is for.
_CONTENT_WORDS = 1
_LANGUAGES = ("lv", "en")


def _generic(text: str, own: frozenset[str] = frozenset()) -> str | None:
    """The generic phrase a purpose consists of, if it says nothing more. The stems in
    `own` (the activity's name) say nothing more either: "legitimate interests connected
    with recruitment", in an activity called Recruitment, names the basis and the
    activity, not what the data is used for."""
    found = mentions(text, "purpose_generic")
    if found is None or cites_law(text):
        return None
    # (A possessive, "the inspectorate's", is read as the name it is formed from.)
    left = [
        w
        for w in uncovered(text, ("purpose_generic", "purpose_filler"))
        if len(w) > 2 and stem(fold_word(re.split(r"['’]", w)[0])) not in own
    ]
    return found.matched if len(left) <= _CONTENT_WORDS else None


def _generic_part(texts: list[str], own: frozenset[str]) -> str | None:
    """The generic phrase that one clause of a purpose consists of ("maksājumu saņemšana;
    normatīvajos aktos noteikto pienākumu izpilde"), when every language has one: a
    purpose joined by ";" to a legal basis in other words leaves that part unspecified."""
    parts: list[str] = []
    for text in texts:
        clauses = [clause for clause in text.split(";") if clause.strip()]
        if len(clauses) < 2 or cites_law(text):
            return None
        part = next(filter(None, (_generic(clause, own) for clause in clauses)), None)
        if part is None:
            return None
        parts.append(part)
    return parts[0] if parts else None


# Name words this short ("of", "un", "ar") are not the activity's own words.
_SHORT_WORD = 4


def _name_stems(activity: Activity) -> frozenset[str]:
    """The stems of the words of the activity's name, in both languages."""
    return _stems_of(activity.name)


def _stems_of(name: object) -> frozenset[str]:
    """The stems of the words of a name, in both languages, short words left out."""
    words = (
        stem(fold_word(word))
        for language in _LANGUAGES
        for word in re.findall(r"\w+", text_of(name, language) or "")
    )
    return frozenset(word for word in words if len(word) >= _SHORT_WORD)


# The part of a name in quotes, as Latvian names are written ('Biedrība "TEPAT un KOPĀ"',
# 'SIA „Kivi"'): purposes name the organisation by it.
_QUOTED_NAME = re.compile(
    r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u00bb]{3,})[\"\u201c\u201d\u00bb]"
)


def _name_pattern(name: object) -> re.Pattern[str] | None:
    """The organisation's name as written, in either language, and the part of it in
    quotes, as one pattern."""
    names = {text for language in _LANGUAGES if (text := (text_of(name, language) or "").strip())}
    names |= {quoted.strip() for text in list(names) for quoted in _QUOTED_NAME.findall(text)}
    names.discard("")
    if not names:
        return None
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))), re.I)


_ORGANISATION_WORD = {"lv": "organizācijas", "en": "the organisation"}


def _names_organisation(purpose: Purpose, name: re.Pattern[str] | None) -> bool:
    return name is not None and any(
        name.search(text_of(purpose.purpose, language) or "") for language in _LANGUAGES
    )


def _unnamed(text: str, name: re.Pattern[str] | None, language: str) -> str:
    """The text with the organisation's name read as a word for it ("TEPAT un KOPĀ
    attīstība": the organisation's development)."""
    if name is None:
        return text
    return name.sub(_ORGANISATION_WORD[language], text)


def _self_only(text: str) -> str | None:
    """A purpose that names nothing but the processing itself ("datu glabāšana", "to prove
    the facts of data processing"): what the data is for is not said."""
    found = mentions(text, "processing_operation")
    if found is None:
        return None
    left = uncovered(text, ("processing_operation", "processing_self", "purpose_filler"))
    return text.strip() if not [w for w in left if len(w) > 1] else None


_CHANNEL_PAIR = frozenset({"channel_use", "channel_object"})
# The concepts a purpose naming only the use of a channel may state.
_CHANNEL_WORDS = frozenset(
    {"channel_use", "channel_object", "purpose_filler", "processing_self", "identifying_data"}
)


def _channel_purpose(purpose: Purpose) -> bool:
    # (Asked of nearly every purpose: its one or two texts read without generators.)
    lv, en = text_of(purpose.purpose, "lv"), text_of(purpose.purpose, "en")
    if not lv and not en:
        return False
    return bool((not lv or _channel_only(lv)) and (not en or _channel_only(en)))


def _channel_only(text: str) -> str | None:
    """A purpose that names only the use of a card, a website, an app or the services on
    them ("use of the supporter card, the website and its services"): at most one word
    of its own beside them."""
    if not concepts_in(text) >= _CHANNEL_PAIR:  # the quick test: most purposes
        return None
    if mentions(text, "channel_use") is None or mentions(text, "channel_object") is None:
        return None
    # Any other thing named ("analytics", "cookies", "discounts") says what for; words
    # read as a channel ("services offered there") are not read again as something else.
    found_all = infer(text)
    channel = [
        (i.start, i.end) for i in found_all if i.concept in ("channel_use", "channel_object")
    ]
    if any(
        i.concept not in _CHANNEL_WORDS
        and not i.negated
        and not any(start <= i.start and i.end <= end for start, end in channel)
        for i in found_all
    ):
        return None
    left = [
        w
        for w in uncovered(text, ("channel_use", "channel_object", "purpose_filler"))
        if len(w) > 2
    ]
    return text.strip() if len(left) <= _CONTENT_WORDS else None


# What may stand beside the words of contacting the person and still say nothing of what
# about: who, with whom and how ("lai turpinātu komunikāciju ar klientu", "communication
# with our customers by post or e-mail").
_CONTACT_FILLER = frozenset(
    fold_word(word)
    for word in (
        "to", "the", "a", "an", "with", "by", "or", "and", "our", "your", "you", "us",
        "we", "of", "ar", "un", "vai", "pa", "lai", "mūsu", "jūsu", "jums", "mums", "jūs",
        "savu", "savem", "saviem", "savām", "their", "them",
    )
)  # fmt: skip


_CONTACT_WORD = re.compile(r"\b(?:sazin|sazina|komunik|communicat|contacting|in touch)")


def _contact_only(text: str, whose: frozenset[str] = frozenset()) -> str | None:
    """A purpose that names only contacting the person ("saziņa ar klientu", "to continue
    communication with the customer", "communication by post, email or telephone"):
    nothing of what the contact is about. The activity's own data subjects (the stems in
    `whose`: "lai turpinātu saziņu ar biedriem" in an activity about members) are the
    person contacted too; any other word ("about orders", "par pasūtījumu", "marketing")
    says what for."""
    if not _contact_named(text):
        return None
    left = [
        w
        for w in uncovered(text, ("purpose_contact",))
        if len(w) > 1 and fold_word(w) not in _CONTACT_FILLER and stem(fold_word(w)) not in whose
    ]
    return text.strip() if not left else None


def _contact_named(text: str) -> bool:
    # The contact itself must be named: "customers" alone is a word for whom, not a purpose
    # of contacting them.
    return (
        "purpose_contact" in concepts_in(text)  # the quick test: most purposes
        and _CONTACT_WORD.search(fold_word(text)) is not None
    )


def _contact_purpose(purpose: Purpose) -> bool:
    """Whether a purpose names contacting the person in every language it is written in
    (AC12 then asks whether it names anything more)."""
    lv, en = text_of(purpose.purpose, "lv"), text_of(purpose.purpose, "en")
    if not lv and not en:
        return False
    return bool((not lv or _contact_named(lv)) and (not en or _contact_named(en)))


def _contact_unserved(activity: Activity, index: int, texts: list[str]) -> bool:
    """Whether a contact-only purpose serves nothing else the activity names: it is the
    activity's only purpose beside other contact-only ones, or the contact is said to go
    on after the service ("to continue communication with the customer"). Beside a
    purpose of its own ("providing cleaning services"), contacting the client is part of
    performing that service, and says what for."""
    if any("contact_continued" in concepts_in(text) for text in texts):
        return True
    whose = _whose_stems(activity)
    assert isinstance(activity.purposes, list)  # the caller's test
    for nth, other in enumerate(activity.purposes):
        if nth == index:
            continue
        words = [text_of(other.purpose, language) for language in _LANGUAGES]
        words = [text for text in words if text]
        if words and not (_contact_purpose(other) and all(_contact_only(t, whose) for t in words)):
            return False
    return True


@rule("AC12", "activity.purpose-unspecified", severity=Severity.WARNING, article="Art. 5(1)(b)")
def purpose_unspecified(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose that restates a legal basis, covers everything, or names only the processing.

    Why: personal data is collected for specified, explicit purposes (Art. 5(1)(b)), and
    the record states them (Art. 30(1)(b)). "To fulfil our legal obligations",
    "legitimate interests", "performing the duties and powers given by law" name a legal
    basis (Art. 6(1)(c), (e), (f)), not a use of the data, and so does "meeting the
    requirements of the laws that apply to us"; "our core activities", "business
    purposes", "internal" or "administrative purposes", the body's "administrative
    management" ("administratīvās vadības procesi": personnel, accounting, records and
    premises at once; not the administrative procedure of the Administratīvā procesa
    likums) or "improving, planning and supporting the business" cover everything the
    organisation does, and so do "izpildīt savas funkcijas, realizēt pilnvaras un
    sniegt pakalpojumus" ("to carry out our
    functions, exercise our powers and provide our services": a body's whole remit),
    the remit listed or laid down by law without saying which function ("funkciju,
    uzdevumu un tiesību izpildes nodrošināšana", "performing the functions laid down in
    legal acts or its duties"), "providing you the most suitable service", and "improving
    user experience" (the Working Party's own example of a vague purpose). A purpose left
    to the moment of consent ("definēta brīdī, kad tiek dota piekrišana", "defined
    when consent is given") states none in the record, nor does one defined as whatever
    the other purposes leave over ("apstrāde, kas nav iekļauta nevienā no citiem
    nolūkiem", "any processing that falls under no other purpose"), even as a bracket or
    a clause beside a named use: that part names no use at all (a limit on use, "for no
    other purpose", says the opposite and is not read). Assessing or monitoring the
    quality of the services ("to assess the quality of our services") is quality
    assurance, a use of its own, where "providing a quality service" is not. The Article 29
    Working Party counts such general wording as not specific (Opinion 03/2013 on
    purpose limitation, WP203, on purpose specification).
    Reported when, beside the generic phrase, the purpose has at most one word of its
    own (words that say who acts or how do not count, nor do the words of the
    activity's own name: "legitimate interests connected with recruitment" in an
    activity called Recruitment names the basis and the activity; the organisation's
    own name, or the part of it in quotes, is read as a word for the organisation:
    "supporting the development of TEPAT un KOPĀ" is the organisation's own
    development, which says whom the data serves, not what it is used for), and names
    no law (a purpose "under the Accounting Law" says which obligation). A purpose written as
    clauses joined by ";" is reported when, in every language, one clause is only such
    a phrase ("savu leģitīmo interešu nodrošināšana; pierādījumi strīdus gadījumā"):
    that part of it is unspecified. A purpose that names only the processing itself
    ("datu glabāšana", "data processing", "to prove the facts of data processing",
    finding or locating the person: "atrastu datu subjektu", "to find the data subject")
    is circular: an operation on the data (Art. 4(2)), or the proof that it took place,
    is not what the data is for.
    Reported only when every word of the purpose is the operation, the data, proving it,
    where it happens ("videonovērošanas veikšana teritorijā", "video surveillance in the
    territory of" the organisation, its name read as a word for it), or who and how:
    "datu apstrāde grāmatvedībai", "to prove consent", "recording calls"
    name something else. A purpose that names only the use of a card, a website, an app
    or the services on them ("biedru kartes, mājaslapas un tajā piedāvāto pakalpojumu
    izmantošana", "use of the website") says what the data is linked to, not what it is
    used for; with anything else named ("website usage statistics", "use of cookies",
    "card use for discounts") it is not reported. The goals in a body's statutes or
    articles of association ("Biedrības statūtos norādīto mērķu sasniegšana", "achieving
    the aims in the society's statutes") are its whole remit, as "our functions" are;
    understanding the person's needs ("understand needs and how they may be met") is
    market research or service planning in general words, like WP203's "improving users'
    experience". A purpose that names only contacting the person ("lai turpinātu
    komunikāciju ar klientu", "communication by post, e-mail or telephone") gives the
    means, not what the contact is for (service messages, answers, offers: each with its
    own basis and retention); reported only when no other word stands beside the
    contact, the person (a client, a customer, or the activity's own data subjects:
    "saziņa ar biedriem" where members are) and the channel ("saziņa ar klientu par
    pasūtījumu", "marketing communication" say what for), and only when the contact
    serves nothing else the activity names: beside a purpose of its own ("providing
    cleaning services" and "communicating with the client") the contact is part of
    performing that service, and says what for; alone, or said to go on after the
    service ("to continue communication with the customer", "lai turpinātu saziņu"), it
    does not.

    Fails:

    ```yaml
    activities:
      - id: services
        name: Council services
        purposes:
          - purpose: To fulfil our legal obligations as a local authority  # ← AC12
            legal_basis: {basis: legal_obligation}
    ```

    ```yaml
    activities:
      - id: chats
        name: Saziņas ierakstīšana
        purposes:
          - purpose: pamatot un pierādīt personas datu apstrādes faktus  # ← AC12
            legal_basis: unknown
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
    # The organisation's name says no more of what the data is for than a word for it:
    # "supporting the development of TEPAT un KOPĀ" is the organisation's development.
    organisation = _name_pattern(register.organisation.name)
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        # Most activities name no generic phrase and no processing operation in any
        # purpose: their readings, made once for all rules, say so without reading each
        # purpose again.
        if not first_readings(
            activity, ("purpose_generic", "processing_operation", "purpose_residual"), ("purposes",)
        ) and not any(
            _channel_purpose(purpose)
            or _contact_purpose(purpose)
            or _names_organisation(purpose, organisation)
            for purpose in activity.purposes
        ):
            continue
        own = _name_stems(activity)
        found: list[tuple[Location, str, str]] = []
        for index, purpose in enumerate(activity.purposes):
            written = [(language, text_of(purpose.purpose, language)) for language in _LANGUAGES]
            texts = [text for _language, text in written if text]
            generic = [
                _generic(_unnamed(text, organisation, language), own)
                for language, text in written
                if text
            ]
            circular = [
                _self_only(_unnamed(text, organisation, language))
                for language, text in written
                if text
            ]
            location = activity.at("purposes", index, "purpose")
            residual = [mentions(text, "purpose_residual") for text in texts]
            if residual and any(residual):
                # Whatever the other purposes leave over, in a bracket or a clause of
                # its own: that part names no use in any language.
                found.append((location, next(r.matched for r in residual if r), "part"))
            elif generic and all(generic):
                if not _basis_says_which(purpose):
                    # Where the organisation's name was read as a word for it, the
                    # purpose is quoted as written.
                    words = str(generic[0])
                    if words not in texts[0]:
                        words = texts[0]
                    found.append((location, words, "generic"))
            elif circular and all(circular):
                # Quoted as written, the organisation's name as it stands.
                found.append((location, texts[0], "circular"))
            elif part := _generic_part(texts, own):
                found.append((location, part, "part"))
            elif (channel := [_channel_only(text) for text in texts]) and all(channel):
                found.append((location, str(channel[0]), "channel"))
            elif (
                _contact_purpose(purpose)
                and (contact := [_contact_only(text, _whose_stems(activity)) for text in texts])
                and all(contact)
                and _contact_unserved(activity, index, texts)
            ):
                found.append((location, str(contact[0]), "contact"))
        if found:
            location, quoted, kind = found[0]
            yield Violation(
                location,
                msg(
                    "a purpose of `{id}` (\u201c{words}\u201d) names only the processing "
                    "itself: it does not say what the data is used for",
                    id=activity.id,
                    words=quoted,
                )
                if kind == "circular"
                else msg(
                    "a purpose of `{id}` (\u201c{words}\u201d) names only the use of a "
                    "card, a website or a service: it does not say what the data is used for",
                    id=activity.id,
                    words=quoted,
                )
                if kind == "channel"
                else msg(
                    "a purpose of `{id}` (\u201c{words}\u201d) names only contacting the "
                    "person: it does not say what the contact is for",
                    id=activity.id,
                    words=quoted,
                )
                if kind == "contact"
                else msg(
                    "part of a purpose of `{id}` (\u201c{words}\u201d) restates a legal "
                    "basis or covers everything: it does not say what that part is for",
                    id=activity.id,
                    words=quoted,
                )
                if kind == "part"
                else msg(
                    "a purpose of `{id}` (\u201c{words}\u201d) restates a legal basis or "
                    "covers everything: it does not say what the data is used for",
                    id=activity.id,
                    words=quoted,
                ),
                msg(
                    "write what the data is used for (deciding applications, paying "
                    "salaries, answering complaints), one purpose each"
                ),
                # The activity's other such purposes are the same gap: named with it.
                related=tuple(other for other, _words, _kind in found[1:]),
            )


def _basis_says_which(purpose: Purpose) -> bool:
    """Whether the purpose's own legal obligation or public task says which duty the
    generic words stand for: its `law:` names an act ("Grāmatvedības likums") or the duty
    by what it is for ("tax and accounting obligations"). The record then states the use
    (keeping the books) beside the basis; "applicable laws" or "Latvijas normatīvie akti"
    name none, and the purpose stays unspecified."""
    basis = purpose.legal_basis
    if not isinstance(basis, LegalObligationBasis | PublicTaskBasis):
        return False
    for language in _LANGUAGES:
        text = text_of(basis.law, language)
        if not text or text in ("unknown", "none"):
            continue
        if names_a_law(text) or not _AIM_SET.isdisjoint(stated(text)):
            return True
    return False


# The aims a purpose line may bundle (see `ropa.knowledge.concepts`): providing the
# service itself is not among them, since it is what most purposes are about.
_AIMS = (
    "marketing",
    "aim_improvement",
    "aim_claims",
    "aim_public_information",
    "aim_statistics",
    "aim_fraud",
    "aim_accounting",
    "aim_quality",
    "aim_security",
)
# So many distinct aims in one purpose line are several purposes written as one.
_BUNDLED_AIMS = 3
_AIM_SET = frozenset(_AIMS)


def _catch_all(texts: list[str]) -> str | None:
    """The words that leave a purpose open ("and that which is permitted by law"). A
    "u.c." / "etc." is not read as one: in a purpose it usually ends a list of the
    things handled ("līgumu u.c. dokumentu sagatavošana"), not of the aims — unless the
    word for purposes follows it ("u.c. mērķi", "etc. purposes"): then the aims are left
    open, and a purpose that is nothing but those words is nothing but a catch-all."""
    for text in texts:
        found = mentions(text, "purpose_catch_all")
        if found is not None:
            return found.matched
        # The pattern needs a "." ("u.c.", "utt.") or an "etc": most purposes have
        # neither, and are not searched (a search was half the rule's time).
        if "." not in text and "etc" not in text.lower():
            continue
        other = _OTHER_PURPOSES.search(text)
        # "netiek izmantoti u.c. mērķiem", "not used for etc. purposes" deny it.
        if other is not None and not any(n.start < other.start() for n in analyse(text).negations):
            return other.group()
    return None


def _open_end(texts: list[str]) -> str | None:
    """The mark that leaves a purpose's own list of aims open, when the purpose ends with
    it in every language it is written in ("tirgus analīzes veikšana u.c.", "market
    analysis and others"): after the last aim it names, "and others" are further aims
    not named. Inside brackets ("komunālie pakalpojumi (ūdens, siltums u.c.)") it ends a
    list of the things handled, and a mark in one language only is a translation's
    wording ("competitions run by the federation and others"), so neither is read; nor
    is "u.tml." / "and the like", which keeps what follows to the kind already named."""
    marks = [_OPEN_END.search(text) for text in texts]
    if not marks or not all(marks):
        return None
    first = marks[0]
    assert first is not None  # all() above
    return first.group(1)


# A purpose's last words: an open-list mark, then only closing punctuation.
_OPEN_END = re.compile(
    r"(?:^|[\s,])(u\.\s?c\.?|utt\.?|etc\.?|un citi|and others|and so on)[\s.;,]*$",
    re.IGNORECASE,
)


# "u.c. mērķi", "utt. nolūkiem", "etc. purposes": the lexicon skips one-letter words, so
# the abbreviation before the word for purposes is read here.
_OTHER_PURPOSES = re.compile(
    r"\b(?:u\.\s?c\.|utt\.|u\.\s?tml\.|etc\.?)\s*(?:m[eē]r[kķ]\w*|nol[uū]k\w*|purposes?\b)",
    re.IGNORECASE,
)


def _aims(texts: list[str]) -> list[str]:
    """The words of each distinct aim the purpose names, in the order written, in the
    language naming most."""
    best: list[str] = []
    for text in texts:
        found = stated(text)
        named = sorted((found[aim] for aim in _AIMS if aim in found), key=lambda i: i.start)
        # Words read as two aims ("improving the quality of the services") are one.
        apart = [i for n, i in enumerate(named) if n == 0 or i.start >= named[n - 1].end]
        if len(apart) > len(best):
            best = [inference.matched for inference in apart]
    return best


def _purpose_texts(value: object) -> list[str]:
    """A purpose's text in each language, those not empty. A plain string, the same in
    both, is given once: every question AC14 asks of the texts (any, all, the first, the
    most aims) has the same answer for a text read twice, and reading it twice was a
    third of the rule's time."""
    if type(value) is str:
        return [value] if value else []
    return [text for text in (text_of(value, language) for language in _LANGUAGES) if text]


@rule("AC14", "activity.purpose-open", severity=Severity.WARNING, article="Art. 5(1)(b)")
def purpose_open(register: Register, context: Context) -> Iterator[Violation]:
    """A purpose left open by a catch-all, or several aims written as one purpose.

    Why: personal data is collected for specified, explicit purposes (Art. 5(1)(b)),
    which the record states (Art. 30(1)(b)). A purpose that ends "and that which is
    permitted by law", "other functions and duties set by law" or "any other lawful
    purpose" has no edge: nothing it could not cover, and neither has "any reasonable
    purpose" ("jebkuriem saprātīgiem mērķiem"); a purpose that is nothing but the
    catch-all ("u.c. mērķi", "other purposes" as a line of its own, where a notice's list
    ended "... u.c. mērķiem") is the same open end, and so is a purpose whose own list
    of aims ends, in every language it is written in, with "u.c.", "etc." or "and
    others" ("tirgus analīzes veikšana u.c.", "market analysis and others"): the aims
    after the last one named are not named (the mark inside brackets, or in one
    language only, ends a list of things handled, and is not read; "u.tml.", "and the
    like", keeps to the kind named). A line that names several distinct
    aims at once (improving the services, marketing, informing the public, defending
    legal claims, statistics, fraud prevention) is several purposes, each with its own
    legal basis and retention, written as one; the Article 29 Working Party asks that a
    purpose be detailed enough to tell what is and is not included (Opinion 03/2013 on
    purpose limitation, WP203, on purpose specification). Reported for a catch-all, and
    for three or more distinct aims in one purpose (the words of one aim are not counted
    twice); providing the service itself is not counted as an aim, and a purpose that is
    only generic words is AC12's. One finding per activity, at the first such purpose.

    Fails:

    ```yaml
    activities:
      - id: rental
        name: Car hire
        purposes:
          - purpose: The hire of the vehicle and that which is permitted by law  # ← AC14
            legal_basis: {basis: contract}
    ```

    ```yaml
    activities:
      - id: trips
        name: Ceļojumi
        purposes:
          - purpose: ceļojuma līguma slēgšana
            legal_basis: {basis: contract}
          - purpose: u.c. mērķi  # ← AC14
            legal_basis: unknown
    ```

    ```yaml
    activities:
      - id: members
        name: Bibliotēkas lietotāji
        purposes:
          - purpose: >-  # ← AC14
              Lasītāju reģistrācija, pakalpojumu pilnveidošana, sabiedrības informēšana
              un bibliotēkas likumisko interešu aizsardzība
            legal_basis: {basis: public_task, law: Bibliotēku likums}
    ```

    Passes:

    ```yaml
    activities:
      - id: rental
        name: Car hire
        purposes:
          - purpose: Checking the driving licence and identity of the renter
            legal_basis: {basis: contract}
          - purpose: Defending legal claims after an accident
            legal_basis: {basis: legitimate_interests, interest: Defending claims}
    ```
    """
    for activity in register.activities:
        if not isinstance(activity.purposes, list):
            continue
        found: list[tuple[Location, Message, Message]] = []
        for index, purpose in enumerate(activity.purposes):
            texts = _purpose_texts(purpose.purpose)
            if not texts or all(_generic(text) for text in texts):
                continue  # nothing but generic words: AC12 says so
            words = _catch_all(texts) or _open_end(texts)
            # The quick test first: most purposes could not name enough aims to bundle,
            # and reading every aim of every purpose was AC14's whole cost.
            could_bundle = any(len(concepts_in(t) & _AIM_SET) >= _BUNDLED_AIMS for t in texts)
            aims = _aims(texts) if could_bundle else []
            if words is not None:
                found.append(
                    (
                        activity.at("purposes", index, "purpose"),
                        msg(
                            "a purpose of `{id}` is left open (\u201c{words}\u201d): it "
                            "could cover any use of the data",
                            id=activity.id,
                            words=words,
                        ),
                        msg(
                            "name the uses the catch-all stands for, each as a purpose with "
                            "its legal basis, or drop it"
                        ),
                    )
                )
            elif len(aims) >= _BUNDLED_AIMS:
                found.append(
                    (
                        activity.at("purposes", index, "purpose"),
                        counted(
                            "a purpose of `{id}` bundles {count} distinct aim ({words}) "
                            "into one: each is a purpose of its own",
                            "a purpose of `{id}` bundles {count} distinct aims ({words}) "
                            "into one: each is a purpose of its own",
                            count=len(aims),
                            id=activity.id,
                            words=", ".join(f"\u201c{word}\u201d" for word in aims),
                        ),
                        msg(
                            "write each aim as a purpose of its own, with its legal basis "
                            "and retention"
                        ),
                    )
                )
        if found:
            location, message, hint = found[0]
            yield Violation(
                location,
                message,
                hint,
                # The activity's other such purposes are the same gap: named with it.
                related=tuple(other for other, _message, _hint in found[1:]),
            )


# An activity with more purposes than this is several activities recorded as one.
_MANY_PURPOSES = 7


@rule("AC15", "activity.too-broad", severity=Severity.WARNING, article="Art. 30(1)")
def too_broad(register: Register, context: Context) -> Iterator[Violation]:
    """An activity with so many purposes that it is several processing activities.

    Why: the record lists each processing activity with its purposes, data subjects,
    data, recipients and retention (Art. 30(1)); an entry that holds every function of an
    organisation (social care, the civil registry, bookkeeping and document management
    in one) cannot say which data, recipients and periods belong to which, and neither
    can the Art. 13/14 information, the DPIA screening (Art. 35) or the answer to an
    access request built from it. Eight purposes or more in one activity are reported:
    an activity such as "orders" or "payroll" has a handful; more than seven are
    functions a DPO would record apart.

    A public authority's supervision is one function, though its law lists it task by
    task: registering those it supervises, inspecting and controlling them, issuing
    their permits and licences, evaluating and recognising them, market surveillance.
    Those tasks concern the same supervised persons and bodies, under the one remit the
    authority's statute gives it (Art. 6(1)(c), (e), 6(3)), and that remit is the
    activity (a supervisory inspectorate's "Uzraudzība un kontrole"); so the purposes
    of an authority's activity that name a supervisory task count as one. What the
    authority does besides supervising (social assistance, the civil registry,
    bookkeeping, document management) still counts purpose by purpose.

    Likewise the purposes an activity rests on one contract with the data subject (Art.
    6(1)(b)) count as one: what is necessary to perform a contract is fixed by that
    contract (EDPB Guidelines 2/2019 on Art. 6(1)(b)), so identifying the client,
    concluding the agreement, providing the service, handling complaints, payments and
    collecting the debt are the steps of one processing activity, with the contract's
    data, its parties and a retention running from its end. Whether each step truly needs
    the contract is the legal basis rules' question, not this one. Purposes naming
    different contracts (`contract:`) count apart.

    Fails:

    ```yaml
    activities:
      - id: functions
        name: Pašvaldības funkciju izpilde
        purposes:  # ← AC15
          - {purpose: iesniegumu izskatīšana, legal_basis: unknown}
          - {purpose: sociālā palīdzība, legal_basis: unknown}
          - {purpose: bērnu tiesību aizsardzība, legal_basis: unknown}
          - {purpose: iedzīvotāju reģistrēšana, legal_basis: unknown}
          - {purpose: civilstāvokļa aktu reģistrācija, legal_basis: unknown}
          - {purpose: komunālo pakalpojumu organizēšana, legal_basis: unknown}
          - {purpose: grāmatvedība, legal_basis: unknown}
          - {purpose: dokumentu pārvaldība, legal_basis: unknown}
    ```

    Passes:

    ```yaml
    activities:
      - id: orders
        name: Orders
        purposes:
          - {purpose: Taking and delivering orders, legal_basis: {basis: contract}}
          - {purpose: Handling returns and complaints, legal_basis: {basis: contract}}
          - purpose: Keeping invoices
            legal_basis: {basis: legal_obligation, law: Grāmatvedības likums}
    ```
    """
    authority = register.organisation.is_public_authority
    for activity in register.activities:
        purposes = activity.purposes
        if not isinstance(purposes, list) or len(purposes) <= _MANY_PURPOSES:
            continue
        functions = len(purposes)
        if authority:
            # An authority's supervisory tasks are one function (its remit).
            tasks = sum(1 for purpose in purposes if _supervisory(purpose))
            functions -= max(tasks - 1, 0)
        # The purposes performing one contract with the data subject are one function.
        contracts = [
            _contract_key(purpose.legal_basis)
            for purpose in purposes
            if isinstance(purpose.legal_basis, ContractBasis)
            and not (authority and _supervisory(purpose))
        ]
        functions -= len(contracts) - len(set(contracts))
        if functions > _MANY_PURPOSES:
            yield Violation(
                activity.at("purposes"),
                counted(
                    "`{id}` has {count} purpose: it records several processing activities "
                    "as one, so which data, recipients and retention belong to which "
                    "cannot be told",
                    "`{id}` has {count} purposes: it records several processing activities "
                    "as one, so which data, recipients and retention belong to which "
                    "cannot be told",
                    count=len(purposes),
                    id=activity.id,
                ),
                msg(
                    "split it into one activity per function, each with its own purposes, "
                    "data subjects, data, recipients and retention"
                ),
                at_key=True,
            )


# A supervisory authority's tasks (folded): registering, supervising, inspecting and
# controlling those it supervises, their permits, licences, evaluation and recognition,
# market surveillance; "uzraudzība", "kontrole", "reģistrācija", "atļauju izsniegšana",
# "licencēšana", "ekspertīze", "izvērtējums", "atzīšana", "inspekcija".
_SUPERVISORY = re.compile(
    r"\b(?:uzraudz|kontrol(?!ier)|registr|atlauj|licenc|ekspertiz|izvertej|atzis|inspicej|inspekc"
    r"|supervis|control(?!ler)|inspect|regist|permit|licen[cs]|recogni|surveil|enforc|evaluat)"
)


def _contract_key(basis: ContractBasis) -> str:
    """The contract a purpose rests on, as a key: its name folded ("" where not named)."""
    value = basis.contract
    if value is None or not_stated(value):
        return ""
    return fold_word(text_of(value, "lv") or text_of(value, "en")).strip()


def _supervisory(purpose: Purpose) -> bool:
    """Whether a purpose, in every language it is written in, names a supervisory task."""
    texts = _purpose_texts(purpose.purpose)
    return bool(texts) and all(_SUPERVISORY.search(fold_word(text)) for text in texts)


# (Data categories repeat from activity to activity: each text is read once.)
@functools.lru_cache(maxsize=4096)
def _open(text: str) -> str | None:
    """The words that leave a list of data open, outside any brackets: a category named
    with open examples ("contact details (e-mail, phone etc.)") is still a category."""
    found = mentions(text, "data_open_ended")
    if (
        found is not None
        and not _bracketed(text, found.start)
        and not _items_follow(text, found.end)
    ):
        return found.matched
    abbreviation = open_list(text)
    if abbreviation is not None and not _bracketed(text, text.index(abbreviation)):
        return abbreviation
    return None


# What introduces the items a generic opening stands for: a colon, a dash, "such as",
# "piemēram", "t.sk.". "Injury or medical information provided by the member: conditions,
# injuries, allergies" names its items, as examples in brackets do.
_ITEMS_FOLLOW = re.compile(
    r"[:\u2013\u2014]|\s-\s|\b(?:such as|e\.g\.|including|for example|namely|piemēram|"
    r"tostarp|t\.\s?sk\.|ieskaitot|proti)(?!\w)",
    re.IGNORECASE,
)
# Words that keep a list open wherever they stand: "including but not limited to: ...".
_STILL_OPEN = re.compile(r"limited|ne tikai|so on|among|tamlidz")


def _items_follow(text: str, at: int) -> bool:
    """Whether, after `at`, a colon, a dash or "such as" (outside brackets) introduces
    named items, none of them left open: the opening before it is then a heading."""
    marker = next(
        (m for m in _ITEMS_FOLLOW.finditer(text, at) if not _bracketed(text, m.start())), None
    )
    if marker is None or _STILL_OPEN.search(fold_word(text[: marker.start()])):
        return False
    tail = text[marker.end() :]
    if (
        mentions(tail, "data_open_ended")
        or mentions(tail, "data_vague")
        or open_list(tail)
        or _STILL_OPEN.search(fold_word(tail))
    ):
        return False
    return any(
        len(word) > 2 and stem(fold_word(word)) not in _CATCH_ALL_FILLER
        for word in re.findall(r"\w+", tail)
    )


# Words that say nothing of what a document holds: "CV dati", "the candidate's submitted
# application documents", "pieteikuma saturs".
_CONTAINER_FILLER = frozenset(
    fold_word(word)
    for word in (
        "dati", "datus", "datu", "data", "information", "informācija", "informāciju",
        "details", "ziņas", "saturs", "content", "contents", "the", "a", "and", "or", "un",
        "vai", "of", "your", "jūsu", "their", "to", "candidate", "candidates", "candidate's",
        "kandidāta", "kandidātu", "iesniegtie", "iesniegtā", "iesniegto", "iesniegtajos",
        "submitted", "provided", "sniegtie", "iekļautie", "in", "included", "with", "ar",
        # Who gave or stated the data in it ("iesniegumā norādītie personas dati", "the
        # personal data given in the application"): still nothing of what it holds.
        "norādītie", "norādītā", "norādītās", "norādītos", "norādītajos", "personas",
        "personal", "given", "stated",
    )
)  # fmt: skip


def _container(text: str) -> str | None:
    """The document a data category is named as, when the item names nothing else ("CV
    dati", "application documents"): what the document holds is not said. Contents in
    brackets ("CV (education, work history)") are named data."""
    found = mentions(text, "data_container")
    if found is None or "(" in text:
        return None
    left = [
        w for w in uncovered(text, ("data_container",)) if fold_word(w) not in _CONTAINER_FILLER
    ]
    # The whole item is the document's name: quoted as written ("CV dati").
    return text.strip() if not left else None


# Words that say who gives the data, whence or whether, not what it is: what may stand
# beside a catch-all ("citi dati, ja tādi tiek norādīti", "any other information you
# choose to give us", "limited data from the device you use") and still name nothing.
_CATCH_ALL_FILLER = frozenset(
    stem(fold_word(word))
    for word in (
        "ja", "tādi", "tādas", "tāda", "tiek", "ir", "norādīti", "norādītie", "norāda",
        "norādāt", "sniegti", "sniegtie", "sniedz", "sniedzat", "sniedziet", "iesniegti",
        "ko", "kas", "kurus", "kuru", "kuri", "jūs", "jums", "jūsu", "mums", "mēs", "no",
        "lietotājs", "lietotāja", "klients", "klienta", "persona", "personas", "ierīce",
        "ierīces", "izmantotās", "izmantojat", "if", "when", "where", "any", "given",
        "give", "provide", "provided", "choose", "chosen", "share", "shared", "send",
        "you", "your", "we", "us", "our", "from", "the", "a", "an", "that", "which",
        "to", "by", "in", "on", "with", "of", "device", "devices", "use", "used", "using",
        "user", "customer", "person", "personal", "data", "dati", "datus", "information",
        "informācija", "details", "ziņas", "other", "citi", "cita", "some", "certain",
        "limited", "un", "and", "or", "vai", "may", "might", "be", "is", "are", "us",
        "form", "forms", "form's", "veidlapā", "anketā", "anketas", "otherwise",
        # Where in the form it is entered ("norādīta anketas speciālajos laukos", "entered
        # in the form's fields"): a place, not a category.
        "lauks", "lauki", "laukos", "laukā", "field", "fields", "special", "speciālajos",
        "entered", "ievadīta", "ievadītā", "ievadīti",
        # Who gives it, and that they can: "ko norādījis pats lietotājs", "kuru varat mums
        # sniegt", "you can give us".
        "pats", "pati", "paši", "norādījis", "norādījusi", "norādījuši", "varat", "var",
        "can", "yourself", "himself", "herself", "themselves",
        # What the data relates to, or that it is more than something: "related to you",
        # "kas saistīta ar Jums", "more information than".
        "related", "relating", "concerning", "regarding", "about", "saistīta", "saistīti",
        "saistītā", "saistītie", "ar", "par", "more", "than", "vairāk", "nekā",
        # Whose judgement decides what is given ("any other information you think is
        # important", "cita informācija, ko uzskatāt par svarīgu"): the data subject's view
        # of what matters names no category either.
        "think", "consider", "deem", "believe", "important", "relevant", "useful", "is",
        "uzskatāt", "uzskata", "domājat", "svarīgs", "svarīga", "svarīgu", "svarīgi",
        "svarīgiem", "svarīgām", "nozīmīgs", "nozīmīga", "nozīmīgu", "nozīmīgi",
        "nozīmīgiem", "noderīgs", "noderīga", "noderīgu", "noderīgi", "noderīgiem",
    )
)  # fmt: skip


# A bracket that says how the data is given ("(given in calls and e-mails)", "(sarunās
# sniegtā)") names its source, not examples of data.
_GIVEN_BRACKET = re.compile(
    r"\((?=[^()]*\b(?:sniegt|iesniegt|norādīt|ievadīt|given|provided|entered|shared|"
    r"supplied)\w*)[^()]*\)",
    re.IGNORECASE,
)
# Where an item says what the data is for ("needed to protect our legitimate interests",
# on what it depends ("depending on the legal relations"),
# "than required to register", "kas nepieciešami ...") or on what ground it is kept ("as
# the laws require", "kas atbilstoši normatīvajiem aktiem ir obligāti"): a reason names no
# category, so the words after it are not read as data, unless examples follow ("such as
# ..."). The law in general is such a ground, not a category (Art. 30(1)(c)).
_WHY_TAIL = re.compile(
    r"\b(?:needed|necessary|required|nepieciešam\w*|vajadzīg\w*|in order|"
    # On what the data depends ("other data depending on the legal relations", "citi
    # dati atkarībā no pakalpojuma"): a condition, not a category.
    r"depending on|atkarībā no|"
    r"atbilstoši normatīv\w*|saskaņā ar normatīv\w*|normatīvajos aktos|"
    r"(?:the|by|under|as the|applicable) laws?|according to (?:the )?laws?|"
    r"in accordance with (?:the )?laws?)\b",
    re.IGNORECASE,
)
_EXAMPLES = re.compile(
    r"\b(?:such as|e\.g\.|including|for example|piemēram|tostarp|ieskaitot)\b|:", re.IGNORECASE
)


# A bracket that says the data is not listed ("(not listed)", "(saraksts nav redzams)",
# "(nav norādīts)") names no examples either: it says there are none on record.
_UNSTATED_BRACKET = re.compile(
    r"\((?=[^()]*\b(?:not\s+(?:listed|stated|specified|named|given)|cut\s+off|"
    r"nav\s+(?:norādīt|uzskaitīt|redzam|minēt|nosaukt)|netiek\s+(?:norādīt|uzskaitīt))\w*)"
    r"[^()]*\)",
    re.IGNORECASE,
)


# A bracket that only says the list is open ("(lielākoties, bet ne tikai)", "(mostly, but
# not only)", "(not limited to)") names no examples: it leaves the item as open as it was.
# Said of the list ("(the list is 'mostly, but not only')", "(saraksts nav izsmeļošs)")
# it is the same mark.
_OPEN_BRACKET = re.compile(
    r"\((?=[^()]*\b(?:ne tikai|not only|not limited|lielākoties|mostly|galvenokārt|mainly"
    r"|exhaustive|izsmeļoš\w*)\b)"
    r"(?:[^()\w]|lielākoties|mostly|galvenokārt|mainly|bet|but|ne|not|tikai|only|limited|to"
    r"|the|list|is|saraksts|ir|nav|non|exhaustive|izsmeļoš\w*|neizsmeļoš\w*)*\)",
    re.IGNORECASE,
)

# A note on a data item saying the list is not complete ("lielākoties, bet ne tikai",
# "galvenokārt, bet ne tikai", "including but not limited to", "the list is not
# exhaustive"): the same open end as a catch-all item, written beside the list.
_OPEN_NOTE = re.compile(
    r"\b(?:bet ne tikai|but not only|not limited to|non-exhaustive|not exhaustive"
    r"|nav izsmeļoš\w*|neizsmeļoš\w*)",
    re.IGNORECASE,
)


def _open_note(activity: Activity) -> tuple[Location, str] | None:
    """The first data item whose `notes:` say the list is open, and the words saying so."""
    if not isinstance(activity.personal_data, list):
        return None
    for index, item in enumerate(activity.personal_data):
        if not isinstance(item, DataCategory) or item.notes is None:
            continue
        for language in _LANGUAGES:
            text = text_of(item.notes, language)
            found = _OPEN_NOTE.search(text) if text else None
            if found is not None:
                return activity.at("personal_data", index, "notes"), found.group()
    return None


# Where an item says how the data reaches the organisation ("while using the site or
# contacting us", "izmantojot Vietni vai sazinoties ar mums"): the channel, not a category.
_CHANNEL_TAIL = re.compile(
    r"\b(?:while|izmantojot|lietojot|sazinoties|apmeklējot|iegūt\w*|obtained|"
    # Where and how it is gathered ("collected on the websites", "kas tiek apkopoti
    # interneta vietnēs", "submitted through the site's services"): also a channel.
    r"collected|gathered|submitted\s+(?:through|via|on|in)|through|via|when\s+contacting|"
    r"apkopot\w*|savākt\w*|vākt\w*|ievākt\w*)\b",
    re.IGNORECASE,
)
# "Other information ..., including (t.sk.) photographs, ...": what "other" stands for is
# the rest beyond the named categories, and "including" names part of it, not all; the
# item is read as its opening alone. (A heading that is not "other", "medical
# information: conditions, allergies", is a category its items enumerate.)
_OTHER_INCLUDING = re.compile(
    r"^\s*((?:un\s+|and\s+)?(?:cit[aiāuo]\w*|(?:any\s+)?other)\b[^()]*?)[,;]?\s+"
    r"(?:t\.\s?sk\.|tai skaitā|tostarp|ieskaitot|including|incl\.)\s",
    re.IGNORECASE,
)
# An item that ends in "for example:" ("jebkura informācija, ko norādījis lietotājs,
# piemēram:"), the examples in the items after it: examples do not close "any
# information", so the item is read without the marker.
_DANGLING_EXAMPLES = re.compile(
    r"[,;\s]*(?:for example|for instance|such as|e\.g\.|including|piemēram|tostarp|"
    r"t\.\s?sk\.)?\s*:?\s*$",
    re.IGNORECASE,
)


def _without_reasons(text: str) -> str:
    """The item without a bracket on how its data is given, saying it is not listed or
    only that the list is open, without what it is for, how it is given, and without an
    "for example:" that ends it."""
    text = _UNSTATED_BRACKET.sub(" ", _GIVEN_BRACKET.sub(" ", _OPEN_BRACKET.sub(" ", text)))
    why = _WHY_TAIL.search(text)
    if why is not None and _EXAMPLES.search(text, why.start()) is None:
        text = text[: why.start()]
    channel = _CHANNEL_TAIL.search(text)
    if channel is not None and _EXAMPLES.search(text, channel.start()) is None:
        text = text[: channel.start()]
    return _DANGLING_EXAMPLES.sub("", text)


# Data named only by what it is needed for: "konkrētā pakalpojuma nodrošināšanai
# nepieciešamie personas dati", "the personal data needed for the particular service",
# "minimal necessary information". Where the need is the service, the contract or the
# purposes in general, which data meets it is the category the record must give (Art.
# 30(1)(c)); a need that is itself a kind of data's use ("maksājuma procedūrai
# nepieciešamie dati", "data needed for the payment") names that data. A quantity
# ("minimal", "minimālā") is no category either.
_NEEDED_LV = re.compile(
    r"^(?P<why>.*?)\b(?:nepieciešam|vajadzīg)\w*\s+(?:personas\s+)?"
    r"(?:dati|datus|informācij\w*|ziņas)\s*\.?$",
    re.IGNORECASE,
)
_NEEDED_EN = re.compile(
    r"^\W*(?:(?:the|any|all|only|such|strictly)\s+)*"
    r"(?:(?:necessary|needed|required)\s+(?:personal\s+)?(?:data|information|details)\b"
    r"|(?:personal\s+)?(?:data|information|details)\s+(?:that\s+(?:is|are)\s+)?"
    r"(?:necessary|needed|required)\b)(?P<why>.*)$",
    re.IGNORECASE,
)
_MINIMAL = re.compile(r"^\W*(?:the\s+)?(?:minimal|minimum|minimāl\w*)\b", re.IGNORECASE)
# The words of a need that name no use of the data of its own.
_GENERAL_NEED = (
    "pakalpojum", "ligum", "merk", "noluk", "konkret", "noteikt", "attiecig", "sniegsan",
    "nodrosinasan", "izpild", "darbib", "apstrad", "likum", "normativ", "akt", "musu",
    "jusu", "un", "service", "contract", "purpose", "particular", "specific", "relevant",
    "provision", "provid", "perform", "process", "law", "legal", "the", "for", "to", "of",
    "a", "an", "our", "your", "and", "by", "under", "with", "in",
)  # fmt: skip


def _needed_data(text: str) -> bool:
    if _MINIMAL.search(text):
        return bool(_NEEDED_EN.search(_MINIMAL.sub("", text)) or _NEEDED_LV.search(text))
    found = _NEEDED_LV.search(text) or _NEEDED_EN.search(text)
    return found is not None and all(
        word.startswith(_GENERAL_NEED) for word in folded_words(found.group("why"))
    )


@functools.lru_cache(maxsize=4096)
def _catch_all_item(text: str) -> tuple[str, frozenset[str]] | None:
    """A data item that is nothing but a catch-all ("citi dati, ja tādi tiek norādīti",
    "other information you provide", "limited data from your device", "other personal
    data needed to protect our legitimate interests", "other information related to you
    (given in calls)"): every word is the catch-all, says who gives it and whence, or
    what it is for, or names the activity's own data subjects ("cita informācija, kas
    saistīta ar kurjeru" says whose, not what). Examples in brackets name data.

    The item as written, and the stems of its words that only the activity's data
    subjects may account for (`_catch_all_words` asks them): kept apart from the
    activity, so that the answer serves every activity with the same item, and the
    data subjects' words are read only for an item that needs them (a few)."""
    quoted = text.strip()
    if "(" not in text and _EXAMPLES.search(text) is None and _needed_data(text):
        return quoted, frozenset()
    other = _OTHER_INCLUDING.match(text)
    if other is not None:
        text = other.group(1)
    text = _without_reasons(text)
    if "(" in text:
        return None
    found = mentions(text, "data_open_ended") or mentions(text, "data_vague")
    if found is None:
        return None
    left = frozenset(
        word_stem
        for word in uncovered(text, ("data_open_ended", "data_vague"))
        if len(word) > 1 and (word_stem := stem(fold_word(word))) not in _CATCH_ALL_FILLER
    )
    return quoted, left


def _bracketed(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("(") > before.count(")")


@functools.lru_cache(maxsize=4096)
def _by_reference(text: str) -> str | None:
    """The words that hand the data categories to another document ("tādā apjomā, kāds
    noteikts MK noteikumu Nr. 385 1. pielikumā")."""
    found = mentions(text, "data_by_reference")
    return found.matched if found is not None and cites_law(text) else None


def _data_texts(activity: Activity) -> list[list[str]]:
    """The texts of each item of the activity's data list, in each language (one for an
    item written in one): none where the list is not stated."""
    if not isinstance(activity.personal_data, list):
        return []
    items: list[list[str]] = []
    for item in activity.personal_data:
        value = item.category if isinstance(item, DataCategory) else item
        if isinstance(value, str):
            # (`text_of` gives a plain string in both languages: one text reads as both.)
            items.append([value] if value else [])
        else:
            items.append([text for text in (text_of(value, lang) for lang in _LANGUAGES) if text])
    return items


_Quoted = list[tuple[Location, str]]


def _unfixed(
    activity: Activity, items: list[list[str]] | None = None
) -> tuple[_Quoted, _Quoted, _Quoted] | None:
    """The data items of `activity` left open, given by reference and named only as a
    document, when nothing in its list is fixed (what AC13 reports); otherwise None.
    (`items`: the activity's `_data_texts`, where the caller has them.)"""
    if items is None:
        items = _data_texts(activity)
    if not items:
        return None
    # A named category beside an open item fixes something: reported only when nothing
    # in the list is fixed, so the first fixed item answers (most lists: their first).
    read: list[tuple[int, str | None, str | None, str | None]] = []
    for index, texts in enumerate(items):
        words = next(filter(None, map(_open, texts)), None) or _catch_all_words(texts, activity)
        reference = next(filter(None, map(_by_reference, texts)), None)
        container = next(filter(None, map(_container, texts)), None)
        if not (words or reference or container):
            return None
        read.append((index, words, reference, container))
    # Each item's place made once, and only for a list that is reported.
    places = [activity.at("personal_data", index) for index, *_found in read]
    return (
        [(places[index], words) for index, words, _r, _c in read if words],
        [(places[index], reference) for index, _w, reference, _c in read if reference],
        [(places[index], container) for index, _w, _r, container in read if container],
    )


@functools.lru_cache(maxsize=4096)
def _subject_stems(text: str) -> frozenset[str]:
    """The stems of a data subjects' category's words ("kurjeri": kurjer), longer than
    three letters. (Categories repeat from activity to activity.)"""
    return frozenset(t.stem for t in analyse(text).tokens if len(t.stem) > 3)


def _whose_stems(activity: Activity) -> frozenset[str]:
    """The stems of the words naming the activity's data subjects ("kurjeri": kurjer)."""
    if not isinstance(activity.data_subjects, list):
        return frozenset()
    stems: set[str] = set()
    for group in activity.data_subjects:
        value = group.category if isinstance(group, DataSubjectGroup) else group
        for language in _LANGUAGES:
            if text := text_of(value, language):
                stems.update(_subject_stems(text))
    return frozenset(stems)


def _catch_all_words(texts: list[str], activity: Activity) -> str | None:
    """The item's words, when in every language it is nothing but a catch-all (words
    left over that name the activity's own data subjects included)."""
    whose: frozenset[str] | None = None
    first: str | None = None
    for text in texts:
        found = _catch_all_item(text)
        if found is None or not found[0]:
            return None
        quoted, left = found
        if left:
            if whose is None:
                whose = _whose_stems(activity)
            if not left <= whose:
                return None
        if first is None:
            first = quoted
    return first


# A bare "and other data" closing an item that has no heading ("informācija par
# autovadītāja apliecību u.c. dati", "order history and other information"): a named
# category and a catch-all written on one line. "Other" qualified ("un citi identifikācijas
# dati", "and other contact details") stays within a category, and after a heading or
# examples ("contact details: e-mail, phone and other data", "(..., u.c.)") it is the
# heading's rest: neither is read here.
_OTHER_TAIL = re.compile(
    r"^(?P<head>[^:()]*?\w[^:()]*?)[,\s]+(?:u\.\s?c\.|un\s+cit[iaus]\w*|and\s+(?:any\s+)?other)"
    r"\s+(?:personas\s+|personal\s+)?(?:dati|datus|informācij\w*|data|information|details)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def _other_tail(text: str) -> bool:
    """Whether the item ends in a bare "and other data" after a category named without
    a heading or examples."""
    found = _OTHER_TAIL.match(text)
    return found is not None and _EXAMPLES.search(found.group("head")) is None


def _catch_alls(activity: Activity, items: list[list[str]] | None = None) -> _Quoted:
    """The data items of `activity` that are nothing but a catch-all, or end in a bare
    "and other data" (their places made only for those: most lists have none)."""
    if items is None:
        items = _data_texts(activity)
    return [
        (activity.at("personal_data", index), words)
        for index, texts in enumerate(items)
        if (words := _catch_all_words(texts, activity))
        or (texts and all(map(_other_tail, texts)) and (words := texts[0].strip()))
    ]


def _identity_in_container(activity: Activity, items: list[list[str]] | None = None) -> _Quoted:
    """The items named only as a document ("CV dati"), when the rest of the list names
    nothing that identifies the person: who the data is about is then on record only
    inside a document whose contents are not stated. Empty otherwise."""
    if items is None:
        items = _data_texts(activity)
    if any(mentions(text, "identifying_data") for texts in items for text in texts):
        return []
    return [
        (activity.at("personal_data", index), words)
        for index, texts in enumerate(items)
        if (words := next(filter(None, map(_container, texts)), None))
    ]


def data_unfixed(activity: Activity) -> bool:
    """Whether AC13 reports the activity's data list: nothing in it is fixed."""
    return _unfixed(activity) is not None


@rule("AC13", "activity.data-open-ended", severity=Severity.WARNING, article="Art. 30(1)(c)")
def data_open_ended(register: Register, context: Context) -> Iterator[Violation]:
    """Categories of personal data left open, or given only by reference to another text.

    Why: the record describes the categories of personal data (Art. 30(1)(c)), and data
    minimisation (Art. 5(1)(c)) is judged against them. A list that ends "u.c.", "and other
    information", "not limited to", or a category such as "everything in the CV" or "other
    information the user provides", fixes nothing; personal data "to the extent set out in
    Cabinet Regulation No. 385, Annex 1" sends the reader to another text. Examples in
    brackets after a named category ("contact details (e-mail, phone etc.)") are not
    reported: the category is named. Nor is a generic opening followed by a colon, a dash,
    "such as", "piemēram" or "t.sk." and concrete items ("medical information provided by
    the member: pre-existing conditions, injuries, allergies"): the items are the
    categories, the opening their heading; items that end "u.c." or "etc.", or a "not
    limited to" anywhere, leave it open all the same. Reported only when nothing in the
    activity's list is fixed: an open "other information you give us" beside named
    categories leaves those categories on record. A document named where its data should be
    ("CV dati", "pieteikuma dati", "documents") fixes nothing either: a CV may hold a photo,
    a date of birth, references; such a list is reported like an open one. A document with
    its contents named ("CV (education, work history)", "identity document data") is named
    data. One finding per activity, at the first such item. Beside named categories, an item
    that is nothing but a catch-all ("citi dati, ja tādi tiek norādīti", "any other
    information you choose to give us", "limited data from the device you use", "further
    information about the member (not listed)": a bracket saying nothing is listed gives
    no examples, nor does one saying only that the list is open, "(lielākoties, bet ne
    tikai)"; and "other data the laws make necessary", "citi dati, kas atbilstoši
    normatīvajiem aktiem ir obligāti" give the law as the ground, not a category) is
    reported
    too: it names no category, so the list is open after all (Art. 30(1)(c); minimisation,
    Art. 5(1)(c), cannot be judged against it); who gives it and how ("ko norādījis pats
    lietotājs", "you can give us while using the site or contacting us"), and where it is
    gathered ("collected on the websites", "submitted through the site's services") name
    no category,
    nor does the data subject's own judgement of what matters ("any other information you
    think is important", "cita informācija, ko uzskatāt par svarīgu"), nor what it
    depends on ("other data depending on the legal relations"), nor what it is needed
    for where that is the service, the contract or the law in general ("konkrētā
    pakalpojuma nodrošināšanai nepieciešamie personas dati", "the personal data needed
    for the particular service", "minimal necessary information"; "data needed for the
    payment procedure" names the payment data); an item that ends
    in a bare "and other data" after a category named without a heading or examples
    ("informācija par autovadītāja apliecību u.c. dati", "order history and other
    information") is a category and a catch-all on one line, and is reported the same way
    ("un citi identifikācijas dati", "contact details: e-mail, phone and other data" stay
    within their category),
    nor does an item that ends "for example:" before the examples in the items after it
    ("any information the user gives, for example:": examples do not close "any
    information"). The same words in several activities are
    reported once. A document named as an item beside named categories ("CV dati" beside
    "desired positions") is reported when nothing else in the list identifies the person:
    the name, contacts and the rest are then on record only inside a document whose contents
    are not stated (AC18 counts the document as identifying). A note on a data item
    saying the list is not complete ("lielākoties, bet ne tikai", "galvenokārt, bet ne
    tikai", "not limited to", "the list is not exhaustive") leaves it open the same way,
    and is reported at the note; a bracket saying so of the list ("(the list is 'mostly,
    but not only')") gives no examples. An "other information" item followed by
    "including" ("cita informācija, kas iegūta mācību procesa ietvaros, t.sk.
    fotogrāfijas", "other information obtained while organising the courses, including
    photographs") is read as its opening alone: "other" is the rest beyond the named
    categories, and "including" names part of it, not all; a heading that is not "other"
    ("medical information: conditions, allergies") is a category its items enumerate.

    Fails:

    ```yaml
    activities:
      - id: children
        name: Bērnu uzskaite
        personal_data:
          - bērnu raksturojoša informācija, piemēram, valoda, dzimums u.c.  # ← AC13
    ```

    ```yaml
    activities:
      - id: candidates
        name: Kandidātu atlase
        personal_data: [CV dati]  # ← AC13
    ```

    ```yaml
    activities:
      - id: orders
        name: Pasūtījumi
        personal_data:
          - vārds, uzvārds, tālrunis, piegādes adrese
          - citi dati, ja tādi tiek norādīti  # ← AC13
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
        items = _data_texts(activity)
        unfixed = _unfixed(activity, items)
        if unfixed is None:
            catch_alls = _catch_alls(activity, items)
            if catch_alls:
                location, words = catch_alls[0]
                yield Violation(
                    location,
                    msg(
                        "a data category of `{id}` is a catch-all (\u201c{words}\u201d): "
                        "beside the categories named, it leaves the data processed open",
                        id=activity.id,
                        words=words,
                    ),
                    msg("say which data it stands for, or drop it"),
                    # The same words in several activities are one gap, reported once.
                    cause=f"AC13 catch-all: {words}",
                )
            elif hidden := _identity_in_container(activity, items):
                yield Violation(
                    hidden[0][0],
                    msg(
                        "the personal data of `{id}` are named only as a document (\u201c{words}"
                        "\u201d): the categories of data it holds are not stated",
                        id=activity.id,
                        words=hidden[0][1],
                    ),
                    msg(
                        "name the categories the document holds (contact details, education, "
                        "work history, photo ...)"
                    ),
                    related=tuple(location for location, _words in hidden[1:]),
                )
            elif noted := _open_note(activity):
                yield Violation(
                    noted[0],
                    msg(
                        "a note on the personal data of `{id}` says the list is open "
                        "(\u201c{words}\u201d): beside the categories named, the data "
                        "processed are not fixed",
                        id=activity.id,
                        words=noted[1],
                    ),
                    msg("name every category of data that is processed, and nothing open-ended"),
                )
            continue
        open_items, references, containers = unfixed
        if open_items:
            found, message, hint = (
                open_items,
                msg(
                    "the personal data of `{id}` are left open (\u201c{words}\u201d): the "
                    "categories processed are not fixed",
                    id=activity.id,
                    words=open_items[0][1],
                ),
                msg("name every category of data that is processed, and nothing open-ended"),
            )
        elif references:
            found, message, hint = (
                references,
                msg(
                    "the personal data of `{id}` are given only by reference (\u201c{words}"
                    "\u201d), not named",
                    id=activity.id,
                    words=references[0][1],
                ),
                msg("name the categories in the record, keeping the reference as the source"),
            )
        else:
            found, message, hint = (
                containers,
                msg(
                    "the personal data of `{id}` are named only as a document (\u201c{words}"
                    "\u201d): the categories of data it holds are not stated",
                    id=activity.id,
                    words=containers[0][1],
                ),
                msg(
                    "name the categories the document holds (contact details, education, "
                    "work history, photo ...)"
                ),
            )
        yield Violation(
            found[0][0],
            message,
            hint,
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


@rule("AC16", "activity.source-missing", severity=Severity.WARNING, article="Art. 14(2)(f)")
def source_missing(register: Register, context: Context) -> Iterator[Violation]:
    """Data that its own description says comes from others, with no such source listed.

    Why: where personal data is not obtained from the data subject, Art. 14 applies: the
    person is told the categories of data and where they come from (Art. 14(1)(d),
    14(2)(f)), and the record is where that answer is kept. A data category worded as
    coming from elsewhere ("accounts held with other providers", "ziņas no
    Kredītinformācijas biroja", "information from referees", "dati no valsts
    reģistriem") while `sources:` lists only the person and the organisation itself
    leaves that source out. Read in `personal_data`; one finding per activity, at
    `sources`, naming the words.

    Fails:

    ```yaml
    activities:
      - id: lending
        name: Kreditēšana
        personal_data:
          - vārds, uzvārds, personas kods
          - ziņas par kredītsaistībām no Kredītinformācijas biroja
        sources:  # ← AC16
          - kind: data_subject
    ```

    Passes:

    ```yaml
    activities:
      - id: lending
        name: Kreditēšana
        personal_data:
          - vārds, uzvārds, personas kods
          - ziņas par kredītsaistībām no Kredītinformācijas biroja
        sources:
          - kind: data_subject
          - kind: third_party
            description: SIA "Kredītinformācijas birojs"
    ```
    """
    for activity in register.activities:
        sources = activity.sources
        if not isinstance(sources, list) or any(
            source.kind in (DataSourceKind.THIRD_PARTY, DataSourceKind.PUBLICLY_AVAILABLE)
            for source in sources
        ):
            continue
        found = _from_others(activity)
        if found is not None:
            index, words = found
            # The finding is about `sources`; the data list that says so is quoted, not
            # blamed: it may describe the data well.
            yield Violation(
                activity.at("sources"),
                msg(
                    "`personal_data[{index}]` of `{id}` is data obtained from others "
                    "(\u201c{words}\u201d), but its `sources` name no third party or "
                    "public source",
                    index=index,
                    id=activity.id,
                    words=words,
                ),
                msg("add the source under `sources:` with `kind: third_party` and its name"),
                at_key=True,
            )


def _from_others(activity: Activity) -> tuple[int, str] | None:
    """The first data category worded as coming from someone else: its index, its words."""
    if not isinstance(activity.personal_data, list):
        return None
    for index, item in enumerate(activity.personal_data):
        value = item.category if isinstance(item, DataCategory) else item
        for language in ("lv", "en"):
            text = text_of(value, language)
            found = mentions(text, "data_from_others") if text else None
            if found is not None:
                return index, found.matched
    return None
