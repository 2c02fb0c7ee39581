"""Translations of what ropa says: rule messages and hints, CLI messages, export wording.

Standard gettext catalogues, the format translators use: `locale/<lang>/LC_MESSAGES/ropa.po`
in the package. They are read directly (a small stdlib-only reader of the `.po` format),
so nothing has to be compiled at build time and no dependency is added; `compile_mo()`
writes the binary `.mo` form for tools that want it.

The English text is the message id. A message with values in it is a `Message`: a `str`
holding the English text, which also keeps its template and arguments, so a finding's
message stays English in json and sarif while a translator sees one template
("processor `{id}` has no Art. 28 contract on record") and the export fills it in.

A message about a number of things is a `PluralMessage` (`msg_plural`): English has
two forms, Latvian three, chosen as the catalogue's `Plural-Forms` header says (1, 21,
31 ... take the singular; 11-19 do not). The .po file holds such a message the standard
way (`msgid_plural`, `msgstr[0]` ...); read into a dictionary it is keyed as a `.mo` file
keys it, "singular\0plural", with the forms joined by "\0".

Which language: `--lang` where a command has it, else the locale as gettext reads it:
`LANGUAGE` (a colon-separated list), `LC_ALL`, `LC_MESSAGES`, `LANG`. Anything but
Latvian is English.
"""

from __future__ import annotations

import ast
import functools
import gettext
import os
import struct
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

DOMAIN = "ropa"
LOCALE_DIRECTORY = Path(__file__).parent / "locale"
LANGUAGES = ("en", "lv")


class Message(str):
    """English text made from a template and its arguments, translatable later."""

    template: str
    args: Mapping[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> Message:
        text = super().__new__(cls, template.format(**args) if args else template)
        text.template = template
        text.args = args
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, dict(self.args)))


def _rebuild(template: str, args: dict[str, Any]) -> Message:
    return Message(template, **args)


def msg(template: str, /, **args: Any) -> Message:
    """Mark a message for translation (the extractor finds calls to `msg`)."""
    if not args:
        return _fixed(template)
    return Message(template, **args)


class PluralMessage(Message):
    """A message whose wording depends on a number `n`: English picks `template` (n == 1)
    or `plural`; a translation picks its own form by its language's plural rule."""

    plural: str
    n: int

    def __new__(cls, template: str, plural: str, /, n: int, **args: Any) -> PluralMessage:
        text = str.__new__(cls, (template if n == 1 else plural).format(**args))
        text.template = template
        text.plural = plural
        text.n = n
        text.args = args
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_plural, (self.template, self.plural, self.n, dict(self.args)))


def _rebuild_plural(template: str, plural: str, n: int, args: dict[str, Any]) -> PluralMessage:
    return PluralMessage(template, plural, n=n, **args)


def msg_plural(template: str, plural: str, /, n: int, **args: Any) -> PluralMessage:
    """Mark a message with a singular and a plural form for translation; `n` chooses."""
    return PluralMessage(template, plural, n=n, **args)


def counted(one: str, other: str, /, *, count: int, **args: Any) -> PluralMessage:
    """`msg_plural` for a message about `count` things that names the count itself
    ("also in {count} more activity"): the number chooses the form and fills `{count}`."""
    return PluralMessage(one, other, n=count, count=Number(count), **args)


def plural_noop(template: str, plural: str, /) -> tuple[str, str]:
    """A singular and a plural marked for translation where no number is known yet (as
    gettext's `ngettext_noop`); `msg_plural(*pair, n=...)` uses them later."""
    return template, plural


def plural_key(template: str, plural: str) -> str:
    """How a catalogue read into a dictionary keys a plural message (as a .mo file does)."""
    return f"{template}\0{plural}"


def latvian_plural_form(n: int) -> int:
    """The index of the Latvian form for `n`: 0 for 1, 21, 31 ... (not 11), 1 for other
    numbers, 2 for zero (gettext's rule for Latvian, the catalogue's Plural-Forms)."""
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if n != 0 else 2


_PLURAL_FORM = {"lv": latvian_plural_form}


def plural_form(language: str, count: int) -> int:
    """0 where `language` puts a noun after `count` in the singular, else 1 (Latvian
    uses the plural for zero too, wherever ropa counts things)."""
    if language == "lv":
        return 0 if latvian_plural_form(count) == 0 else 1
    return 0 if count == 1 else 1


# The same rule as a .po header states it, for gettext tools.
PLURAL_FORMS = {"lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"}


def unworded(template: str, /, **args: Any) -> Message:
    """A message of values and punctuation only ("{where}: {old} → {new}"): no words to
    translate, so not marked for the catalogue, while its values still translate."""
    return Message(template, **args)


class EnglishOnly(Message):
    """Text that exists only in English (the format's field descriptions): given in English,
    left out in other languages rather than mixed into their sentences."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (EnglishOnly, (self.template,))


def english_only(text: str) -> EnglishOnly:
    return EnglishOnly(text)


class Bilingual(Message):
    """A value ropa itself holds in both languages (a country's name, a legal basis's):
    English as text, its Latvian form given with it rather than from the catalogue."""

    latvian: str

    def __new__(cls, english: str, latvian: str) -> Bilingual:
        text = str.__new__(cls, english)
        text.template = english
        text.args = {}
        text.latvian = latvian
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (Bilingual, (str(self), self.latvian))


def bilingual(english: str, latvian: str) -> Bilingual:
    return Bilingual(english, latvian or english)


class Number(str):
    """A count or figure in a message: written "11,246" in English, and as the language
    writes it when translated (`format_number`)."""

    value: int | float

    def __new__(cls, value: int | float) -> Number:
        text = super().__new__(cls, format_number(value, "en"))
        text.value = value
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (Number, (self.value,))


def number(value: int | float) -> Number:
    """`value` for a message's field, written in the language the message is read in."""
    return Number(value)


# Latvian groups thousands with a space and writes a decimal comma: "11 246", "2,5"
# (CLDR's `lv` number symbols: group U+00A0, decimal ","; glibc's lv_LV LC_NUMERIC has
# the same comma and a narrow no-break space). A no-break space keeps a number on one line.
_SEPARATORS = {"en": (",", "."), "lv": ("\u00a0", ",")}


def format_number(value: int | float, language: str) -> str:
    """`value` as `language` writes it: 11,246 and 2.5 in English; 11 246 and 2,5 in Latvian."""
    group, decimal = _SEPARATORS.get(language, _SEPARATORS["en"])
    english = f"{value:,}"
    return english.replace(",", "\0").replace(".", decimal).replace("\0", group)


def either(options: Sequence[str]) -> str:
    """ "`none` or `unknown`", "LB01 or LB02 or LB03": each "or" translatable."""
    said: str = options[0] if options else ""
    for option in options[1:]:
        said = msg("{first} or {second}", first=said, second=option)
    return said


@functools.lru_cache(maxsize=4096)
def _fixed(template: str) -> Message:
    """One shared message per text without arguments (most hints): a message is never
    changed once made, and a check of a large register makes tens of thousands of each,
    every one a copy of the text with its own attributes (about 300 bytes)."""
    return Message(template)


def joined(parts: Sequence[str], separator: str = ", ") -> Message:
    """Messages joined into one, each translated on its own (the joint needs no words)."""
    template = separator.join(f"{{part{index}}}" for index in range(len(parts)))
    return Message(template, **{f"part{index}": part for index, part in enumerate(parts)})


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The message language the locale asks for: "lv" or "en"."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if not value:
            continue
        for entry in value.split(":"):
            code = entry.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return "en"
        if variable != "LANGUAGE":
            return "en"  # the first locale variable set decides, as gettext reads them
    return "en"


def translate(text: str, language: str) -> str:
    """`text` in `language` ("lv", "en"); English where the catalogue has nothing."""
    if language != "lv" or not text:
        return str(text)
    if isinstance(text, EnglishOnly):
        return ""
    if isinstance(text, Bilingual):
        return text.latvian
    if isinstance(text, Number):
        return format_number(text.value, language)
    catalogue = catalogue_for(language)
    if isinstance(text, Message):
        args = {
            key: translate(value, language) if isinstance(value, Message | Number) else value
            for key, value in text.args.items()
        }
        if isinstance(text, PluralMessage):
            forms = catalogue.gettext(plural_key(text.template, text.plural)).split("\0")
            if len(forms) < 2:  # not translated: English
                return (text.template if text.n == 1 else text.plural).format(**args)
            index = min(_PLURAL_FORM[language](text.n), len(forms) - 1)
            return forms[index].format(**args)
        template = catalogue.gettext(text.template)
        return template.format(**args) if args else template
    return catalogue.gettext(str(text))


@functools.cache
def catalogue_for(language: str) -> gettext.NullTranslations:
    path = LOCALE_DIRECTORY / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return gettext.NullTranslations()
    return _PoTranslations(read_po(path.read_text(encoding="utf-8")))


class _PoTranslations(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message


# --------------------------------------------------------------------------- the .po format


def _unquote(text: str) -> str:
    text = text.strip()
    if not (len(text) >= 2 and text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text}")
    inner = text[1:-1]
    if "\\" not in inner and '"' not in inner:
        # Most lines: nothing escaped. Read as they are, a catalogue loads in a quarter of
        # the time (ast below costs some 8 ms of every start in Latvian).
        return inner
    value: str = ast.literal_eval(text)
    return value


def po_entries(text: str) -> Iterator[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of each entry of a .po file, the header included.

    Entries are blocks separated by blank lines: comments (`#, fuzzy` among them), then
    `msgid` and `msgstr`, each a quoted string continued by quoted lines. Obsolete entries
    (`#~`) and contexts are skipped. A plural entry (`msgid_plural`, `msgstr[0]` ...) is
    given as a .mo file holds it: "singular\0plural" and its forms joined by "\0"."""
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fuzzy = False
        parts: dict[str, list[str]] = {}
        current: list[str] | None = None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#"):
                fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
                continue
            keyword, _space, rest = line.partition(" ")
            if keyword in ("msgid", "msgstr", "msgctxt", "msgid_plural") or (
                keyword.startswith("msgstr[") and keyword.endswith("]")
            ):
                current = parts.setdefault(keyword, [])
                current.append(_unquote(rest))
            elif line.startswith('"') and current is not None:
                current.append(_unquote(line))
        if "msgctxt" in parts or "msgid" not in parts:
            continue
        msgid = "".join(parts["msgid"])
        if "msgid_plural" in parts:
            forms: list[str] = []
            while f"msgstr[{len(forms)}]" in parts:
                forms.append("".join(parts[f"msgstr[{len(forms)}]"]))
            translated = "\0".join(forms) if all(forms) else ""
            yield plural_key(msgid, "".join(parts["msgid_plural"])), translated, fuzzy
        elif "msgstr" in parts:
            yield msgid, "".join(parts["msgstr"]), fuzzy


def read_po(text: str) -> dict[str, str]:
    """Translated, non-fuzzy messages of a .po file (the header left out)."""
    return {
        msgid: msgstr for msgid, msgstr, fuzzy in po_entries(text) if msgid and msgstr and not fuzzy
    }


def compile_mo(messages: Mapping[str, str]) -> bytes:
    """The GNU .mo form of a catalogue (what msgfmt writes, without a hash table)."""
    keys = sorted(messages)
    ids = [key.encode("utf-8") for key in keys]
    strs = [messages[key].encode("utf-8") for key in keys]
    originals = 7 * 4
    translations = originals + 8 * len(keys)
    data = translations + 8 * len(keys)
    blob = b""
    offsets: list[int] = []
    for item in ids + strs:
        offsets.append(data + len(blob))
        blob += item + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), originals, translations, 0, data)
    for item, offset in zip(ids + strs, offsets, strict=True):
        out += struct.pack("<2I", len(item), offset)
    return out + blob


# --------------------------------------------------------------------------- extraction

# `gettext_noop` (imported as `N_`, gettext's convention) marks text written where `msg`
# cannot be imported: legal facts (`ropa.knowledge.translatable`).
MARKERS = ("msg", "Message", "gettext_noop", "N_")
PLURAL_MARKERS = ("msg_plural", "PluralMessage", "plural_noop", "counted")


def extract_messages(source: str) -> list[str]:
    """The templates marked for translation in Python source: the first argument of each
    call to `msg(...)`, `Message(...)` or `gettext_noop(...)` (`N_(...)`) that is a string
    literal, and the first two of each `msg_plural(...)` keyed as `plural_key` does (what
    xgettext does)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        literals = [
            argument.value if isinstance(argument, ast.Constant) else None
            for argument in node.args[:2]
        ]
        texts = [text for text in literals if isinstance(text, str)]
        if name in PLURAL_MARKERS and len(texts) == 2:
            found.append(plural_key(texts[0], texts[1]))
        elif name in MARKERS and isinstance(literals[0], str):
            found.append(literals[0])
    return found


def po_text(messages: Mapping[str, str], *, language: str) -> str:
    """A .po file of `messages` (msgid → msgstr), sorted, with its header."""
    lines = [
        f"# Latvian translations of ropa's messages ({language}).",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        f'"Plural-Forms: {PLURAL_FORMS[language]}\\n"',
        "",
    ]
    for msgid in sorted(messages):
        if "\0" in msgid:
            singular, plural = msgid.split("\0", 1)
            lines += [f"msgid {_quote(singular)}", f"msgid_plural {_quote(plural)}"]
            for index, form in enumerate(messages[msgid].split("\0")):
                lines.append(f"msgstr[{index}] {_quote(form)}")
            lines.append("")
        else:
            lines += [f"msgid {_quote(msgid)}", f"msgstr {_quote(messages[msgid])}", ""]
    return "\n".join(lines)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
