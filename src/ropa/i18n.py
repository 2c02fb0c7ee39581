"""Translations of what ropa says: rule messages and hints, CLI messages, export wording.

Standard gettext catalogues, the format translators use: `locale/<lang>/LC_MESSAGES/ropa.po`
in the package. They are read directly (a small stdlib-only reader of the `.po` format),
so nothing has to be compiled at build time and no dependency is added; `compile_mo()`
writes the binary `.mo` form for tools that want it.

The English text is the message id. A message with values in it is a `Message`: a `str`
holding the English text, which also keeps its template and arguments, so a finding's
message stays English in json and sarif while a translator sees one template
("processor `{id}` has no Art. 28 contract on record") and the export fills it in.

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
from collections.abc import Iterator, Mapping
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


@functools.lru_cache(maxsize=4096)
def _fixed(template: str) -> Message:
    """One shared message per text without arguments (most hints): a message is never
    changed once made, and a check of a large register makes tens of thousands of each,
    every one a copy of the text with its own attributes (about 300 bytes)."""
    return Message(template)


def joined(parts: list[Message], separator: str = ", ") -> Message:
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
    catalogue = catalogue_for(language)
    if isinstance(text, Message):
        args = {
            key: translate(value, language) if isinstance(value, Message) else value
            for key, value in text.args.items()
        }
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
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text}")
    value: str = ast.literal_eval(text)
    return value


def po_entries(text: str) -> Iterator[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of each entry of a .po file, the header included.

    Entries are blocks separated by blank lines: comments (`#, fuzzy` among them), then
    `msgid` and `msgstr`, each a quoted string continued by quoted lines. Obsolete entries
    (`#~`) and contexts are skipped; plural forms are not used by ropa."""
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
            if keyword in ("msgid", "msgstr", "msgctxt"):
                current = parts.setdefault(keyword, [])
                current.append(_unquote(rest))
            elif line.startswith('"') and current is not None:
                current.append(_unquote(line))
        if "msgid" in parts and "msgstr" in parts and "msgctxt" not in parts:
            yield "".join(parts["msgid"]), "".join(parts["msgstr"]), fuzzy


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


def extract_messages(source: str) -> list[str]:
    """The templates marked for translation in Python source: the first argument of each
    call to `msg(...)`, `Message(...)` or `gettext_noop(...)` (`N_(...)`) that is a string
    literal (what xgettext does)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        first = node.args[0]
        if name in MARKERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(first.value)
    return found


def po_text(messages: Mapping[str, str], *, language: str) -> str:
    """A .po file of `messages` (msgid → msgstr), sorted, with its header."""
    lines = [
        f"# Latvian translations of ropa's messages ({language}).",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    for msgid in sorted(messages):
        lines += [f"msgid {_quote(msgid)}", f"msgstr {_quote(messages[msgid])}", ""]
    return "\n".join(lines)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
