"""Reading free text: folding, tokens with spans, a light Latvian/English stemmer, negation.

Registers hold free text in Latvian, English or both, typed with or without diacritics.
Matching a concept has to see through that: `fold` lowers case and drops diacritics while
keeping, for every character, where it came from, so a match can quote the register's own
words; `stem` removes Latvian case endings and English plural and -ing/-ed endings, so
*veselības*, *veselību*, *veselibas* and *veselība* share one stem while *veselīgs*
("healthy") keeps its own; `tokens` gives each word its stem, span and clause, and marks
the clauses a negation ("netiek apstrādāti", "nav", "we do not", "never", "no") covers.

The stemmer
-----------
A light stemmer of our own (`stem`), applied to the text and to the lexicon alike, so what
matters is that the forms of one word meet and different words stay apart:

1. diacritics are already folded (`ā`→`a`, `š`→`s` ...), which also undoes most of the
   consonant changes of the 2nd and 5th declensions (ļ/l, ņ/n, č/c, ķ/k, ģ/g);
2. Latvian endings of nouns and adjectives (definite forms too), longest first, only when
   three letters or more remain (English plurals in -s and -es go the same way): -ajiem,
   -ajam, -ajos, -ajai, -ajas, -iem, -aja, -ais, -am,
   -em, -im, -um, -us, -as, -es, -os, -ij, -is, -ie, -ai, -ei, -a, -e, -i, -o, -u, -s;
3. English -ing and -ed (when four letters remain), then a doubled final -ss to -s, or a
   final -e dropped (*employee* / *employees*, *cookie* / *cookies*);
4. the remaining alternations: -pj/-bj/-mj/-vj lose the j (labial + j), and a final s or z
   (from š, ž after folding) is written t or d, the form it alternates with (*sīkdatne* /
   *sīkdatņu*, *lapsa* / *lapšu*, *brieža* / *briedis*); a final -y is written i, so
   English plurals in -ies (which lose -es in step 2) meet their singular.

Measured against `latvianstemmer` 1.0.2 (a port of Lucene's LatvianStemmer) on the phrase
table of tests/text/phrases.yaml and the declension table of tests/text/test_stemmer.py,
with the same lexicon and matcher and only the stemmer swapped; see docs/text.md for the
figures and the reasons this stemmer is used (the package is not a dependency).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

# --------------------------------------------------------------------------- folding


def fold(text: str) -> tuple[str, Sequence[int]]:
    """Lower-cased text without diacritics, and for each of its characters the index of the
    character of `text` it comes from."""
    if text.isascii():
        return text.lower(), range(len(text))
    quick = text.translate(_TABLE)
    if quick.isascii():
        return quick, range(len(text))
    parts = [_FOLDED.get(character) or _fold_character(character) for character in text]
    if all(len(part) == 1 for part in parts):
        return "".join(parts), range(len(text))
    origin = [index for index, part in enumerate(parts) for _ in part]
    return "".join(parts), origin


_FOLDED: dict[str, str] = {}


def _table() -> dict[int, str]:
    """One character for one: ASCII capitals, the Latin letters with diacritics that fold to
    one ASCII letter (Latvian, Lithuanian, Estonian, German ...), and the typographic quotes,
    dashes and spaces of Latvian text. `str.translate` then folds most texts at C speed."""
    table = {code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)}
    for code in range(0xC0, 0x250):
        folded = "".join(
            part
            for part in unicodedata.normalize("NFKD", chr(code).casefold())
            if not unicodedata.combining(part)
        )
        if len(folded) == 1 and folded.isascii():
            table[code] = folded
    for character in "\u201e\u201c\u201d\u00ab\u00bb":
        table[ord(character)] = '"'
    for character in "\u2018\u2019":
        table[ord(character)] = "'"
    for character in "\u2013\u2014\u2011":
        table[ord(character)] = "-"
    table[0x00A0] = " "
    table[0x2026] = "."
    return table


_TABLE = _table()


def _fold_character(character: str) -> str:
    """One character folded (cached: texts use few distinct characters). A character that
    folds to nothing (a lone combining mark) is kept, so every character has its place."""
    folded = "".join(
        part
        for part in unicodedata.normalize("NFKD", character.casefold())
        if not unicodedata.combining(part)
    )
    _FOLDED[character] = folded or character
    return _FOLDED[character]


def fold_word(word: str) -> str:
    """`fold` for a single word or phrase, without the spans."""
    return fold(word)[0]


# --------------------------------------------------------------------------- stemming

_LATVIAN_ENDINGS = (
    "ajiem",
    "ajam",
    "ajos",
    "ajai",
    "ajas",
    "iem",
    "aja",
    "ais",
    "am",
    "em",
    "im",
    "um",
    "us",
    "as",
    "es",
    "os",
    "ij",
    "is",
    "ie",
    "ai",
    "ei",
    "a",
    "e",
    "i",
    "o",
    "u",
    "s",
)
_VOWELS = frozenset("aeiouy")
_MIN_STEM = 3


# English words in -ie, whose -ie is not the Latvian definite plural ending.
_ENGLISH_IE = ("cookie", "movie", "selfie")


def _latvian_ending(word: str) -> str:
    if word.endswith(_ENGLISH_IE):
        return word[:-1]
    for ending in _LATVIAN_ENDINGS:
        if word.endswith(ending):
            rest = word[: -len(ending)]
            if len(rest) >= _MIN_STEM and any(c in _VOWELS for c in rest):
                return rest
            return word
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word (see the module docstring for the steps)."""
    if not word.isalpha():
        return word
    result = _latvian_ending(word)
    for suffix in ("ing", "ed"):
        if result.endswith(suffix) and len(result) - len(suffix) >= 4:
            result = result[: -len(suffix)]
            break
    if result.endswith("ss") or (len(result) > _MIN_STEM and result.endswith("e")):
        result = result[:-1]
    if len(result) > _MIN_STEM and result[-1] == "j" and result[-2] in "pbmv":
        result = result[:-1]
    if result[-1] == "y":
        result = result[:-1] + "i"
    elif result[-1] == "s":
        result = result[:-1] + "t"
    elif result[-1] == "z":
        result = result[:-1] + "d"
    return result


# --------------------------------------------------------------------------- tokens


class Token(NamedTuple):
    """A word of the text: its stem, its folded form, its span in the original string, and
    the clause it belongs to."""

    stem: str
    word: str
    start: int
    end: int
    clause: int


class Negation(NamedTuple):
    """A negation cue and what it negates: `existence` ("we do not process", "nav") or only
    `disclosure` ("netiek nodoti", "we do not share")."""

    clause: int
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysed:
    """A text taken apart: its tokens and its negations."""

    text: str
    tokens: tuple[Token, ...]
    negations: tuple[Negation, ...]
    enclosing: tuple[tuple[int, int], ...] = ()
    """For a clause in brackets, the clause the brackets stand in: (inner, outer) pairs."""

    def negated(self, clause: int, *, disclosure: bool = False) -> bool:
        """Whether a negation covers the clause. Existence negations always count; those
        that deny only disclosure ("netiek nodoti") count only for disclosure concepts. A
        negation of the clause around brackets covers what they hold ("we do not collect
        special categories (health, religion)"); one inside them covers only them ("phone
        (nav obligāts)")."""
        covering = {clause}
        parents = dict(self.enclosing)
        while clause in parents:
            clause = parents[clause]
            covering.add(clause)
        return any(
            n.clause in covering and (disclosure or n.kind == "existence") for n in self.negations
        )


# Tokens are made by the thousand: tuple.__new__ skips NamedTuple's Python-level __new__.
_token = partial(tuple.__new__, Token)

# Hyphenated words are split ("e-pasta", "interest-based"), as the lexicon's terms are.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Clause breaks: sentence punctuation, brackets, line breaks, semicolons, list bullets, and
# the contrast words after which a negation no longer holds.
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]\n•]")
_OPENING = "(["
_CLOSING = ")]"
_CONTRAST = frozenset(
    {"but", "however", "except", "bet", "tacu", "tomer", "izņemot", "iznemot", "whereas"}
)

# Words that deny. `ne`-prefixed Latvian verbs are recognised by their root below.
_ENGLISH_NEGATORS = frozenset(
    {"not", "never", "neither", "nor", "none", "cannot", "without", "nothing", "nobody"}
)
_ENGLISH_CONTRACTIONS = re.compile(r"^(?:don|doesn|didn|isn|aren|wasn|weren|won|shan|haven)'t$")
_LATVIAN_NEGATORS = frozenset(
    {"nav", "nebus", "nebija", "nekad", "ne", "nedz", "neviens", "nevienu", "nekadi", "nekada"}
)
# Roots of verbs that, prefixed with `ne`, deny (folded: netiek, neapstradajam, nevacam ...).
_LATVIAN_VERB_ROOTS = (
    "tiek",
    "tik",
    "apstrad",
    "vac",
    "ievac",
    "izmanto",
    "lieto",
    "glaba",
    "uzglaba",
    "pieprasa",
    "prasa",
    "veic",
    "ieguu",
    "iegust",
    "iegu",
    "notiek",
    "ietver",
    "satur",
    "var",
    "ir",
    "uzkraj",
    "fikse",
    "filme",
    "ieraksta",
    "profile",
    "pienem",
    "sanem",
    "skar",
    "attiec",
)
# Roots of verbs of passing data on: negated, they deny only disclosure.
_DISCLOSURE_ROOTS = (
    "nodo",
    "nodod",
    "parsut",
    "publice",
    "izpauz",
    "izplata",
    "parden",
    "sniedz",
    "atklaj",
    "dala",
    "nosuta",
)
_ENGLISH_DISCLOSURE = frozenset(
    {
        "share",
        "sell",
        "disclose",
        "transfer",
        "pass",
        "publish",
        "rent",
        "trade",
        "shared",
        "sold",
        "disclosed",
        "transferred",
        "passed",
        "published",
    }
)
# Every negator begins with one of these letters: most words are passed over at once.
_NEGATOR_INITIALS = frozenset("ncdhiswa")
# `ne` + a verb root: "netiek", "neapstrādājam", "nenodod".
_NEGATED_VERBS = tuple("ne" + root for root in _LATVIAN_VERB_ROOTS + _DISCLOSURE_ROOTS)
# Words that show a clause is English, where "no" is a negation (in Latvian it means "from").
_ENGLISH_MARKERS = frozenset(
    {"the", "is", "are", "we", "of", "and", "to", "for", "be", "will", "any", "our", "you"}
)


def _is_negator(word: str, english: bool) -> bool:
    """Whether the word denies ("nav", "netiek", "not", "never", "don't", "no" in English)."""
    if word in _LATVIAN_NEGATORS or word in _ENGLISH_NEGATORS:
        return True
    if word == "no":
        return english
    if "'" in word:
        return _ENGLISH_CONTRACTIONS.match(word) is not None
    return word.startswith("ne") and len(word) > 4 and word.startswith(_NEGATED_VERBS)


def _denies_disclosure(word: str) -> bool:
    if word in _ENGLISH_DISCLOSURE:
        return True
    bare = word[2:] if word.startswith("ne") else word
    return bare.startswith(_DISCLOSURE_ROOTS)


def _negation_kind(words: list[str], index: int) -> str:
    """A negation denies only disclosure when it or one of the next three words is a verb
    of passing data on ("netiek nodoti", "we do not share")."""
    if any(_denies_disclosure(word) for word in words[index : index + 4]):
        return "disclosure"
    return "existence"


# `lexicon.infer` keeps what it makes of each analysis; this cache serves the reading of
# a text's other words just after (`lexicon.uncovered`), and a larger one would hold
# every analysed text's tokens for nothing.
@lru_cache(maxsize=256)
def analyse(text: str) -> Analysed:
    """Tokens, clauses and negations of a text (cached briefly; `lexicon.infer` keeps the
    results)."""
    folded, origin = fold(text)
    same_places = isinstance(origin, range)
    breaks = [match.start() for match in _CLAUSE_BREAK.finditer(folded)]
    next_break = 0
    clause = 0
    last_clause = -1
    newest = 0
    # Brackets hold a clause of their own inside the clause around them, which goes on
    # after they close: (inner, outer) pairs, and the clauses the open brackets interrupt.
    enclosing: list[tuple[int, int]] = []
    interrupted: list[int] = []
    tokens: list[Token] = []
    maybe_negators: list[int] = []
    for match in _WORD.finditer(folded):
        start, end = match.span()
        while next_break < len(breaks) and breaks[next_break] < start:
            mark = folded[breaks[next_break]]
            next_break += 1
            if mark in _OPENING:
                interrupted.append(clause)
                newest += 1
                enclosing.append((newest, clause))
                clause = newest
            elif mark in _CLOSING and interrupted:
                clause = interrupted.pop()
            elif last_clause == clause:
                newest += 1
                clause = newest
        word = match.group()
        if word in _CONTRAST:
            newest += 1
            clause = newest
        if word[0] in _NEGATOR_INITIALS:
            maybe_negators.append(len(tokens))
        begin, finish = (start, end) if same_places else (origin[start], origin[end - 1] + 1)
        bare = word.replace("'", "") if "'" in word else word
        tokens.append(_token((stem(bare), word, begin, finish, clause)))
        last_clause = clause
    negations: list[Negation] = []
    if maybe_negators:
        words = [token.word for token in tokens]
        english = {token.clause for token in tokens if token.word in _ENGLISH_MARKERS}
        for index in maybe_negators:
            token = tokens[index]
            if token.word == "no" and _numbered(tokens, index):
                continue  # "Order No. 3-18": an abbreviation of "number", not a denial
            if _is_negator(token.word, token.clause in english):
                kind = _negation_kind(words, index)
                negations.append(Negation(token.clause, kind, token.start, token.end))
    return Analysed(text, tuple(tokens), tuple(negations), tuple(enclosing))


def _numbered(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].word[:1].isdigit()


def folded_words(text: str) -> list[str]:
    """The folded words `analyse` makes tokens of, without spans, clauses or stems: what a
    quick test needs to rule a text out before it is taken apart."""
    folded = fold(text)[0]
    return (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)


# `_WORD` for ASCII text, where it matches the same words a little faster.
_ASCII_WORD = re.compile(_WORD.pattern, re.ASCII)


def numbers_masked(text: str, kept: Callable[[str], bool] | None) -> str:
    """The text with each number that is a word of its own (`12` in "activity 12", not
    `2fa` nor `12's`) written `0`, unless `kept(number)`: a key for what depends on the
    words of a text but not on which numbers they are, so that texts differing only in
    their numbers share it. Matching is not fooled only where folding is one character
    for one and keeps letters letters (the `_TABLE` path): elsewhere a character next to
    a number may fold into a letter ("℃" into "°c"), so such a text is returned
    as it is. With no `kept`, every number is written `0` (in one pass of the pattern,
    calling back for none)."""
    if not text.isascii() and _FOLDS_APART.search(text) is not None:
        return text
    if kept is None:
        return _NUMBER.sub("0", text)
    return _NUMBER.sub(lambda found: found.group() if kept(found.group()) else "0", text)


def number_shifts(text: str, kept: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Where `numbers_masked` changed the text: for each number it masked (other than
    `0`), the offset just after its `0` in the masked text and how much shorter the masked
    text is up to there (none: the text is its own masked form).
    An offset of the masked text that falls between words (as a span's ends do) is the
    offset of the text plus the shift of the last number before it."""
    return masked_with_shifts(text, kept)[1]


def masked_with_shifts(text: str, kept: Callable[[str], bool]) -> tuple[str, list[tuple[int, int]]]:
    """`numbers_masked` and `number_shifts` of the text, in one pass over its numbers:
    what the text layer reads a text with numbers as. (`numbers_masked` alone is quicker:
    its one pass is the pattern's own, calling back only for each number.)"""
    if not text.isascii() and _FOLDS_APART.search(text) is not None:
        return text, []
    parts: list[str] = []
    shifts: list[tuple[int, int]] = []
    shift = last = 0
    for found in _NUMBER.finditer(text):
        number = found.group()
        if number != "0" and not kept(number):
            start, end = found.span()
            parts.append(text[last:start])
            parts.append("0")
            last = end
            shift += len(number) - 1
            shifts.append((end - shift, shift))
    if not parts:
        return text, shifts
    parts.append(text[last:])
    return "".join(parts), shifts


# A run of ASCII digits that folding leaves a word of its own: no letter, digit or
# apostrophe (which joins words: "12’s") on either side.
# (The first digit is matched before looking behind it: a pattern that begins with a
# character class is searched for at C speed.)
_NUMBER = re.compile(
    r"[0-9](?<![^\W_][0-9])(?<!['\u2018\u2019][0-9])[0-9]*(?![^\W_]|['\u2018\u2019])"
)
# A character `_TABLE` does not fold one for one.
_FOLDS_APART = re.compile(
    "[^\x00-\x7f" + "".join(re.escape(chr(code)) for code in _TABLE if code > 0x7F) + "]"
)


def cites_law(text: str) -> bool:
    """Whether the text names a specific law or provision: "Grāmatvedības likuma 28. pants",
    "MK noteikumi Nr. 748", "Article 6 of the Accounting Act", "§ 12"."""
    return _LAW.search(text) is not None


# A law by its name ("Grāmatvedības likums", "the Accounting Act") or a Cabinet regulation
# by its number ("MK noteikumi Nr. 748"); a bare "18. punkts" may be a point of anything.
# "likumīgs" (lawful) and "likumisks" (legal) are adjectives, not a law: "Citiem
# likumīgiem nolūkiem" names none.
_LAW = re.compile(
    r"\b[A-ZĀČĒĢĪĶĻŅŠŪŽ][\wāčēģīķļņšūž]+\s+likum(?![īi]g|isk)[\wāčēģīķļņšūž]*"
    r"|\bnoteikum[\wāčēģīķļņšūž]*\s+Nr\.\s*\d+"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:Act|Law|Code)\b",
)


def names_act(text: str) -> bool:
    """Whether the text names a particular act rather than a field of law: a number (a
    year, "Nr. 345", "7. pants", "Section 163"), a Latvian law by its name ("Darba
    likums"), or an English Act ("the Equality Act"). "Employment law" and "normatīvie
    akti" name none."""
    return _ACT.search(text) is not None


_ACT = re.compile(
    r"\d|\b[A-ZĀČĒĢĪĶĻŅŠŪŽ][\wāčēģīķļņšūž]+\s+likum[\wāčēģīķļņšūž]*|\bAct\b|\bLikums\b"
)


def open_list(text: str) -> str | None:
    """The abbreviation that leaves a list open, if the text ends a list with one: Latvian
    "u.c." (un citi), "utt." (un tā tālāk), "u.tml." (un tamlīdzīgi), English "etc."."""
    match = _OPEN_LIST.search(text)
    return match.group() if match else None


# Abbreviations of one letter each ("u. c.") that the word matcher of the lexicon, which
# skips one-letter words, cannot see.
_OPEN_LIST = re.compile(r"\bu\.\s?c\.|\butt\.|\bu\.\s?tml\.|\betc\b\.?", re.IGNORECASE)

__all__ = [
    "Analysed",
    "Negation",
    "Token",
    "analyse",
    "cites_law",
    "fold",
    "fold_word",
    "folded_words",
    "masked_with_shifts",
    "names_act",
    "number_shifts",
    "numbers_masked",
    "open_list",
    "stem",
]
