"""What an activity's words say: its free text, read through the text layer.

Rules ask here instead of matching phrases themselves. Each text value is given with its
location (the list item or key that holds the words), so a finding points at them; the
inferences come from `ropa.knowledge.lexicon`, read once per distinct string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.i18n import Message, msg
from ropa.knowledge import lexicon
from ropa.knowledge.laws import laws_cited
from ropa.knowledge.lexicon import (
    CONCEPTS,
    Inference,
    infer,
    infer_unplaced,
    mentions,
)
from ropa.knowledge.lexicon import forget as lexicon_forget
from ropa.knowledge.text import analyse, cites_law, folded_words, names_act, stem
from ropa.model.activity import Activity, DataCategory, DataSubjectGroup, Purpose
from ropa.model.types import LocalizedText, text_of
from ropa.position import Location

# The keys whose words describe what is processed, in the order findings prefer them.
DESCRIBING = ("personal_data", "data_subjects", "purposes", "name", "description")


class Reading:
    """A concept found in one of the activity's text values.

    Readings of an activity's own words are made once per activity and kept while the
    rules run; their location is made only when a rule asks for it (a finding), from the
    activity and the path inside it: rules ask for readings a few hundred thousand times
    at 10,000 activities and report a few thousand. So is the place of the words in a
    text whose numbers are masked (`lexicon.infer_unplaced`): the concept is known at
    once, the inference placed in the text when a rule asks for it."""

    __slots__ = ("_at", "_inference", "_owner", "_text", "concept", "key")

    def __init__(self, key: str, location: Location, inference: Inference) -> None:
        self.key = key
        self.concept = inference.concept
        self._inference: Inference | int = inference
        self._text = ""
        self._at: Location | tuple[str | int, ...] = location
        self._owner: Activity | None = None

    @property
    def inference(self) -> Inference:
        """The concept, where it is in the text and in which words, and whether a
        negation covers it."""
        found = self._inference
        if isinstance(found, int):
            found = self._inference = infer(self._text)[found]
        return found

    @property
    def location(self) -> Location:
        owner = self._owner
        if owner is None:
            return self._at  # type: ignore[return-value]
        return owner.at(*self._at)

    def _fields(self) -> tuple[str, Location, Inference]:
        return (self.key, self.location, self.inference)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reading):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        key, location, inference = self._fields()
        return f"Reading(key={key!r}, location={location!r}, inference={inference!r})"

    @property
    def text(self) -> str:
        """The whole text value the concept was read in."""
        return self._text

    def quote(self) -> str:
        """The register's own words, for a message."""
        words = self.inference.matched
        return words if len(words) <= 60 else words[:59].rstrip() + "\u2026"

    def describe(self) -> Message:
        """`personal_data[2]` mentions “veselības dati”, and the like."""
        path = self.location.path
        index = path.index(self.key) if self.key in path else -1
        item = path[index + 1] if 0 <= index < len(path) - 1 else None
        where = f"{self.key}[{item}]" if isinstance(item, int) else self.key
        return msg("`{where}` mentions \u201c{words}\u201d", where=where, words=self.quote())


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, LocalizedText):
        for text in (value.lv, value.en):
            if text:
                yield text
    elif isinstance(value, str) and value not in ("unknown", "none"):
        yield value


_Text = tuple[str, tuple[str | int, ...], str]


def texts(activity: Activity, keys: tuple[str, ...] = DESCRIBING) -> Iterator[_Text]:
    """Each text value under `keys`, with its key and its path inside the activity."""
    return iter(_texts(activity, keys))


def _texts(activity: Activity, keys: tuple[str, ...]) -> list[_Text]:
    # One list, made without a generator per value: the readings walk every activity's
    # texts (some 110,000 at 10,000 activities).
    found: list[_Text] = []
    for key in keys:
        value = getattr(activity, key, None)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):  # (most data items and data subjects: inline)
                    if item not in ("unknown", "none"):
                        found.append((key, (key, index), item))
                elif isinstance(item, Purpose):
                    _add(found, key, (key, index, "purpose"), item.purpose)
                elif isinstance(item, (DataSubjectGroup, DataCategory)):
                    _add(found, key, (key, index, "category"), item.category)
                    _add(found, key, (key, index, "notes"), item.notes)
                else:
                    _add(found, key, (key, index), item)
        else:
            _add(found, key, (key,), value)
    return found


def _add(found: list[_Text], key: str, path: tuple[str | int, ...], value: object) -> None:
    """`_strings(value)`, each at `path` under `key`."""
    if isinstance(value, LocalizedText):
        if value.lv:
            found.append((key, path, value.lv))
        if value.en:
            found.append((key, path, value.en))
    elif isinstance(value, str) and value not in ("unknown", "none"):
        found.append((key, path, value))


# Words that fill a sentence ("to", "of", "un", "ar") and say nothing by themselves:
# nearly every text has some, and only `lexicon.uncovered` asks about them, so readings
# leave them out. That rules most texts out before they are taken apart. The words that
# identify a person (a name, an e-mail address) are in nearly every data list too: AC18
# asks the lexicon for them itself, so that an activity stating nothing else still keeps
# no readings.
UNREAD = frozenset(
    {"purpose_filler", "identifying_data", "subjects_unnamed", "channel_use", "channel_object"}
    | {"named_document"}
    | {"consent_spoken", "dated_items", "security_technical"}
    # Asked of one value by the rule that reads it (LB04, RT04, SD22), never of readings.
    | {"withdrawal_way", "consent_in_writing", "accounting_records", "conviction_bar_law"}
    # Asked of one value by RT21, LB26 and SD25 (the organisation's name, once).
    | {"retention_until_request", "aml_checks", "members_or_donors"}
    | {"religious_body", "political_party_body", "trade_union_body"}
    | {"arrives_with"}
    # Asked of a purpose's text by AC12 only.
    | {"purpose_contact", "contact_continued"}
    # Asked of one data item by AC24 only.
    | {"session_recording"}
    # Asked of an activity's values by RC25, for a political party only.
    | {"party_financing"}
)

_NO_HITS: tuple[Reading, ...] = ()


def _hits(activity: Activity) -> tuple[Reading, ...]:
    """What the activity's words state: for each concept stated (not negated) in a text
    under `DESCRIBING`, a `Reading` (its location made only when asked for). Each
    distinct text is read once (`lexicon.concepts_in` and `infer` are cached per string);
    most state nothing, and an activity whose texts state nothing keeps one shared empty
    tuple. The inferences are taken unplaced (`lexicon.infer_unplaced`): the texts that
    differ from others only in their numbers (names, purposes, descriptions) need no
    place moved back until a rule reports one."""
    found: list[Reading] | None = None
    new, paths = Reading.__new__, _PATHS
    for key, path, text in _texts(activity, DESCRIBING):
        inferences, placed = infer_unplaced(text, UNREAD)
        for nth, inference in enumerate(inferences):
            if not inference.negated and inference.concept not in UNREAD:
                if found is None:
                    found = []
                # Made here, without `__init__` (some 75,000 readings at 10,000
                # activities): where the text's numbers were masked, `_inference` is the
                # index of the inference in `lexicon.infer(text)`, placed when asked for.
                reading = new(Reading)
                reading.key = key
                reading.concept = inference.concept
                reading._inference = inference if placed else nth
                reading._text = text
                reading._at = paths.setdefault(path, path)
                reading._owner = activity
                found.append(reading)
    return _NO_HITS if found is None else tuple(found)


# Paths repeat from activity to activity ("purposes", 0, "purpose"): one object each.
_PATHS: dict[tuple[str | int, ...], tuple[str | int, ...]] = {}


def readings(activity: Activity, keys: tuple[str, ...] = DESCRIBING) -> list[Reading]:
    """Every concept stated (not negated) in the activity's text under `keys` (some of
    `DESCRIBING`), except the filler words of `UNREAD`."""
    hits = _CACHE.get(id(activity))
    if hits is None:
        hits = _kept(activity)
    if not hits:  # most activities: asked some 20 times each, so answered first
        return []
    if keys is DESCRIBING:
        return list(hits)
    return [reading for reading in hits if reading.key in keys]


def _kept(activity: Activity) -> tuple[Reading, ...]:
    """`_hits`, kept for the activity until the rules are done (`forget`): several rules
    ask of every activity. The concepts they state are kept beside them, so that a rule
    asking for concepts the activity does not state is answered at once."""
    hits = _CACHE.get(id(activity))
    if hits is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
            _STATED.clear()
            _HELD.clear()
        hits = _CACHE[id(activity)] = _hits(activity)
        concepts = frozenset(reading.concept for reading in hits)
        _STATED[id(activity)] = _CONCEPT_SETS.setdefault(concepts, concepts)
        _HELD.append(activity)
    return hits


# What each activity read states, by the activity's id. The activities are held, so that
# no other object takes an id while its entry lives. Entries are small (most activities
# state nothing and share one empty tuple; a `Reading` makes its location only when a
# rule asks); the bound only keeps a library user who runs rules outside `check` from
# holding every activity it ever read.
_CACHE: dict[int, tuple[Reading, ...]] = {}
# The concepts each held activity states: a few dozen distinct sets serve a register.
_STATED: dict[int, frozenset[str]] = {}
_CONCEPT_SETS: dict[frozenset[str], frozenset[str]] = {}
_HELD: list[Activity] = []
_CACHE_SIZE = 250_000


def forget() -> None:
    """Let go of what the readings of a check kept: the activities and what their texts
    state, and the text layer's per-string caches. They serve the rules of one check."""
    _CACHE.clear()
    _STATED.clear()
    _CONCEPT_SETS.clear()
    _HELD.clear()
    _PATHS.clear()
    lexicon_forget()


# The tuples of concepts `first_readings` was asked for and found none of `UNREAD` in.
_ASKED: dict[int, tuple[str, ...]] = {}
_ASKED_SIZE = 1024


def first_readings(
    activity: Activity, concepts: tuple[str, ...], keys: tuple[str, ...] = DESCRIBING
) -> dict[str, Reading]:
    """For each of `concepts` the activity states, the first place it does."""
    # Rules ask this some 190,000 times at 10,000 activities, nearly always with one of
    # a few dozen constant tuples: each tuple is checked once (by identity; held, so
    # that no other tuple takes its id), not at every call.
    if _ASKED.get(id(concepts)) is not concepts:
        if not UNREAD.isdisjoint(concepts):
            raise ValueError(f"readings leave out {sorted(UNREAD)}: ask `lexicon` instead")
        if len(_ASKED) >= _ASKED_SIZE:  # (tuples built at each call: kept bounded)
            _ASKED.clear()
        _ASKED[id(concepts)] = concepts
    stated = _STATED.get(id(activity))
    if stated is None:
        _kept(activity)
        stated = _STATED[id(activity)]
    if stated.isdisjoint(concepts):  # most questions, of most activities
        return {}
    found: dict[str, Reading] = {}
    for reading in _CACHE[id(activity)]:
        concept = reading.concept
        if (
            concept in concepts
            and concept not in found
            and (keys is DESCRIBING or reading.key in keys)
        ):
            found[concept] = reading
    return found


def in_name(reading: Reading, name: object) -> bool:
    """Whether the words that made the reading are part of `name` (the organisation's own
    name) where it stands in the text: "Pieteikšanās vakancēm If Apdrošināšanā" names the
    employer, and says nothing of insurance in what the activity does. The name is
    matched word by word on stems, so its inflected forms count."""
    if not reading._text:
        return False
    for text in _strings(name):
        stems = [stem(word) for word in folded_words(text)]
        if not stems:
            continue
        found = reading.inference
        tokens = analyse(reading._text).tokens
        for first in range(len(tokens) - len(stems) + 1):
            run = tokens[first : first + len(stems)]
            if all(token.stem == want for token, want in zip(run, stems, strict=True)) and (
                run[0].start <= found.start and found.end <= run[-1].end
            ):
                return True
    return False


def says(value: object, concept: str) -> bool:
    """Whether a text value (a string or `{lv, en}`), such as a category of data
    subjects or of recipients, states `concept` in either language."""
    # (`_strings` inline: rules ask this some 30,000 times at 10,000 activities.)
    if isinstance(value, LocalizedText):
        lv, en = value.lv, value.en
        return bool(lv and mentions(lv, concept) is not None) or bool(
            en and mentions(en, concept) is not None
        )
    if isinstance(value, str) and value not in ("unknown", "none"):
        return mentions(value, concept) is not None
    return False


def law_unnamed(*values: object) -> str | None:
    """The words by which text values point at the law in general ("as the law requires",
    "normatīvajos aktos noteiktie termiņi"), when none of them names an act and none gives
    a ground of its own (the person's request, say). SD03 and RT02 ask it."""
    return said_alone("law_unnamed", *values)


def said_alone(concept: str, *values: object) -> str | None:
    """The words by which text values state `concept`, when none of them names an act and
    none gives a ground of its own (the person's request, the need the data serves):
    `law_unnamed`'s reading, and SD03's of a number justified by where it comes from."""
    texts = [text_of(value, language) for value in values for language in ("lv", "en")]
    texts = [text for text in texts if text and text not in ("unknown", "none")]
    if not texts or any(names_a_law(text) for text in texts):
        return None
    read = [lexicon.stated(text) for text in texts]
    if any("own_ground" in stated for stated in read):
        return None
    for stated in read:
        if concept in stated:
            return stated[concept].matched
    return None


# "the Law on the Prevention of Money Laundering", "Regulation (EU) 2019/1157": an act by
# its title, which `names_act` reads only when it carries a number or a Latvian name.
_TITLED = re.compile(r"\b(?:Law|Act|Regulation|Directive|Code)\s+(?:on|of|No)\b")


def names_a_law(text: str) -> bool:
    """Whether a text names an act: by number, by its Latvian name, or by its title."""
    return (
        names_act(text) or cites_law(text) or bool(laws_cited(text)) or bool(_TITLED.search(text))
    )


def topic(concept: str) -> Message:
    """How a message names the concept ("health data"), translatable: the concepts mark
    their labels for the catalogue."""
    return msg(CONCEPTS[concept].label)


# "health data, Art. 9(1), 4(15)": no words of its own to translate, so not marked.
_LABEL = "{topic}, {article}"


def label(concept: str) -> Message:
    """The concept's name with the article that makes it matter."""
    return Message(_LABEL, topic=topic(concept), article=msg(CONCEPTS[concept].article))


__all__ = [
    "DESCRIBING",
    "UNREAD",
    "Reading",
    "first_readings",
    "label",
    "readings",
    "says",
    "texts",
    "topic",
]
