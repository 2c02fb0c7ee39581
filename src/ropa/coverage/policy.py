"""Reading a published privacy policy: plain text, Markdown or HTML, into numbered passages.

A passage is a paragraph, a list item or a heading: what a reader takes in at once, and
what a finding points at. Every passage keeps the line of the original file it starts on,
so a finding says `policy.html:57` even after the markup is gone.

HTML is read with the standard library's `html.parser`: text only, nothing is run or
fetched; `script`, `style`, `template` and `noscript` content is dropped; block elements
(`p`, `li`, `h1`-`h6`, `div`, `td`, `br` ...) end a passage; character references are
decoded. Markdown is read as text with its markup taken off (heading hashes, list bullets,
emphasis, link targets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ropa.errors import UsageError
from ropa.i18n import msg


@dataclass(frozen=True)
class Passage:
    line: int
    text: str
    item: bool = False
    """A list item (or a line that reads as one)."""
    heading: bool = False
    """A heading: `#`, `<h1>`-`<h6>`, or a short numbered line without a full stop
    ("3) Mārketinga nolūkos - jaunumu izsūtīšana")."""


_BULLET = re.compile(r"^\s*(?:[-*+•●▪◦–]|\d{1,3}[.)]|[a-z][.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def read_policy(path: str, *, max_bytes: int) -> list[Passage]:
    """The passages of the policy at `path` (.txt, .md or .html/.htm)."""
    file = Path(path)
    suffix = file.suffix.lower()
    if file.is_dir():
        raise UsageError(
            msg("{path} is a directory, not a policy", path=path),
            hint=msg("give the policy as .txt, .md or .html"),
        )
    if suffix not in (".txt", ".md", ".markdown", ".html", ".htm"):
        raise UsageError(
            msg("{path}: cannot read a policy from a `{suffix}` file", path=path, suffix=suffix)
            if suffix
            else msg(
                "{path}: cannot tell what kind of file the policy is: it has no extension",
                path=path,
            ),
            hint=msg("give the policy as .txt, .md or .html"),
        )
    try:
        if file.stat().st_size > max_bytes:
            raise UsageError(
                msg("{path} is larger than the size limit", path=path),
                hint=msg("raise --max-file-size if the file is really a policy"),
            )
        raw = file.read_bytes()
    except OSError as error:
        raise UsageError(
            msg("cannot read {path}: {reason}", path=path, reason=error.strerror or str(error))
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UsageError(
            msg("{path}:{line}: the policy is not UTF-8 text", path=path, line=str(line)),
            hint=msg("save the policy as UTF-8"),
        ) from None
    if suffix in (".html", ".htm"):
        passages = html_passages(text)
    else:
        passages = text_passages(text, markdown=suffix in (".md", ".markdown"))
    if not passages:
        raise UsageError(msg("{path}: the policy holds no text", path=path))
    return passages


def text_passages(text: str, *, markdown: bool = False) -> list[Passage]:
    """Paragraphs separated by blank lines; a list item or a heading is a passage of its own."""
    passages: list[Passage] = []
    current: list[str] = []
    start = 0
    item = False
    numbered = False
    marked = False

    def flush() -> None:
        nonlocal current
        joined = " ".join(part.strip() for part in current if part.strip())
        if joined:
            heading = marked or (numbered and _short_title(joined))
            passages.append(Passage(start, joined, item and not heading, heading))
        current = []

    for number, raw in enumerate(text.splitlines(), start=1):
        heading = bool(markdown and _MD_HEADING.match(raw))
        line = _MD_HEADING.sub("", raw) if markdown else raw
        if not line.strip():
            flush()
            continue
        # The bullet is found before Markdown emphasis is taken off: "* item" is a bullet.
        bullet = _BULLET.match(line)
        body = line[bullet.end() :] if bullet else line
        if markdown:
            body = _MD_EMPHASIS.sub("", _MD_LINK.sub(r"\1", body))
        if bullet or heading or (current and _looks_like_heading(current[-1])):
            flush()
        if not current:
            start, item, marked = number, bool(bullet), heading
            numbered = bool(bullet and bullet.group(0).strip()[:1].isdigit())
        current.append(body)
    flush()
    return passages


def _short_title(text: str) -> bool:
    return len(text.split()) <= 10 and not text.rstrip().endswith((".", ";", ",", ":", "!", "?"))


def _looks_like_heading(line: str) -> bool:
    # "3. SAŅEMTO PERSONAS DATU IZMANTOŠANA": a numbered line in capitals ends itself.
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


_BLOCK_TAGS = (
    "p li dt dd h1 h2 h3 h4 h5 h6 div section article header footer main aside nav "
    "td th tr table ul ol dl blockquote pre address figcaption caption br hr form"
)
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SKIPPED = frozenset(("script", "style", "template", "noscript", "head", "svg"))


class _PolicyParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.passages: list[Passage] = []
        self.parts: list[str] = []
        self.start = 0
        self.item = False
        self.skipping = 0
        self.in_item = 0
        self.in_heading = 0
        self.heading = False

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            self.passages.append(Passage(self.start, text, self.item, self.heading))
        self.parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.flush()
            if tag == "li":
                self.in_item += 1
            elif tag in _HEADINGS:
                self.in_heading += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.flush()
            if tag == "li":
                self.in_item = max(0, self.in_item - 1)
            elif tag in _HEADINGS:
                self.in_heading = max(0, self.in_heading - 1)

    def handle_data(self, data: str) -> None:
        if self.skipping or (not data.strip() and not self.parts):
            return
        if not self.parts:
            # The passage starts at its first non-blank character, not at the tag's line.
            line, _ = self.getpos()
            self.start = line + data[: len(data) - len(data.lstrip())].count("\n")
            self.item = self.in_item > 0
            self.heading = self.in_heading > 0
        self.parts.append(data)


def html_passages(text: str) -> list[Passage]:
    parser = _PolicyParser()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.passages
