"""`ropa export --format html`: one self-contained, accessible page, read in a real browser.

Chromium (installed by `.ci/run`) loads the page headless, prints it to PDF, and the test
reads the PDF's text back with pdftotext. Where Chromium is missing the browser tests are
skipped with the reason, except in CI (`CI` set), where they fail. The accessibility
checks read the HTML itself, with the standard library's parser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ropa.exporters.html import html_text
from ropa.exporters.table import LANGUAGES, Language, build_document
from tests.conftest import SEED_REGISTERS, need, run_ropa
from tests.test_export import DATE, MICREC, finding_about, load
from tests.test_export_fields import register_values

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
PDFTOTEXT = shutil.which("pdftotext")


class Outline(HTMLParser):
    """What the accessibility checks need from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.headings: list[int] = []
        self.header_cells: list[dict[str, str | None]] = []
        self.tables = 0
        self.captions = 0
        self.images_without_alt = 0
        self.langs: list[str] = []
        self.scripts = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.header_cells.append(attributes)
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "img" and not attributes.get("alt"):
            self.images_without_alt += 1
        if tag == "script":
            self.scripts += 1
        if "lang" in attributes and tag != "html":
            self.langs.append(str(attributes["lang"]))
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            if tag in ("link", "script", "img", "iframe") and value and not value.startswith("#"):
                self.external.append(value)


def outline(text: str) -> Outline:
    parser = Outline()
    parser.feed(text)
    parser.close()
    return parser


def page(path: Path, language: Language, **options: object) -> str:
    return html_text(build_document(load(path), language=language, export_date=DATE, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.stem)
def test_the_page_is_accessible_and_self_contained(path: Path, language: Language) -> None:
    text = page(path, language)
    found = outline(text)
    assert found.html_lang == ("en" if language == "en" else "lv")
    # One h1; no level skipped on the way down.
    assert found.headings.count(1) == 1
    assert found.headings[0] == 1
    for before, after in zip(found.headings, found.headings[1:], strict=False):
        assert after <= before + 1, found.headings
    # Every header cell says what it heads; every table has a caption.
    assert found.header_cells
    assert all(cell.get("scope") in ("row", "col") for cell in found.header_cells)
    assert found.tables == found.captions > 0
    assert found.images_without_alt == 0
    # Self-contained: no scripts, nothing loaded from elsewhere.
    assert found.scripts == 0
    assert found.external == []
    if language == "lv+en":
        assert {"lv", "en"} <= set(found.langs)
    else:
        assert found.langs == []


@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.stem)
def test_every_value_is_on_the_page(path: Path) -> None:
    import html

    register = load(path)
    text = page(path, "lv+en")
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    missing = [
        value
        for value in register_values(register, "lv+en")
        if " ".join(value.split()) not in shown
    ]
    assert missing == []


def test_register_text_never_becomes_markup(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    source.write_text(
        "ropa: 1\norganisation: {name: '<script>alert(1)</script>', role: controller}\n"
        "activities:\n  - {id: a, name: '<img src=x onerror=alert(1)>', owner: '&amp; \"q\"'}\n",
        encoding="utf-8",
    )
    text = page(source, "en")
    assert "<script>" not in text
    assert "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&amp;amp; &quot;q&quot;" in text


def test_findings_stand_beside_the_entries_they_concern() -> None:
    register = load(MICREC)
    findings = [
        finding_about(register, ("retention",), "retention criteria are vague", "Art. 30(1)(f)"),
        finding_about(
            register, ("organisation", "dpo"), "no data protection officer is recorded", "Art. 37"
        ),
    ]
    text = html_text(build_document(register, language="en", export_date=DATE, findings=findings))
    section = re.search(r'<section class="record" id="entry-orders">(.*?)</section>', text, re.S)
    assert section is not None
    assert "retention criteria are vague" in section.group(1)
    assert "no data protection officer" not in section.group(1)
    # Findings about the register as a whole are listed in a section of their own.
    rest = re.search(r'<section id="findings">(.*?)</section>', text, re.S)
    assert rest is not None
    assert "no data protection officer is recorded" in rest.group(1)


def test_the_cli_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "micrec.html"
    result = run_ropa(
        "export", str(MICREC), "-f", "html", "--lang", "lv", "--with-findings", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="lv">' in text
    assert "Konstatējumi" in text


def print_to_pdf(chromium: str, source: Path, target: Path, profile: Path) -> None:
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert target.exists(), result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_chromium_prints_the_page(tmp_path: Path, language: Language) -> None:
    chromium = need(CHROMIUM, "Chromium")
    pdftotext = need(PDFTOTEXT, "pdftotext (poppler-utils)")
    register = load(MICREC)
    source = tmp_path / "micrec.html"
    source.write_text(page(MICREC, language), encoding="utf-8")
    pdf = tmp_path / "micrec.pdf"
    print_to_pdf(chromium, source, pdf, tmp_path / "profile")
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = re.sub(r"-\s+", "-", " ".join(text.split()))
    missing = [
        value
        for value in register_values(register, language)
        if re.sub(r"-\s+", "-", " ".join(value.split())) not in printed
    ]
    assert missing == []
    # One activity per page from the first: at least as many pages as activities.
    pages = text.count("\f")
    assert pages >= len(register.activities) + 1
