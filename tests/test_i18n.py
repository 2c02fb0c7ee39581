"""Translations: standard gettext catalogues, complete for every marked message."""

from __future__ import annotations

import ast
import gettext
import io
import json
import pickle
import re
import string
import tomllib
from pathlib import Path

import pytest

from ropa.findings import Finding
from ropa.i18n import (
    LOCALE_DIRECTORY,
    PLURAL_FORMS,
    Message,
    PluralMessage,
    _unquote,
    catalogue_for,
    compile_mo,
    extract_messages,
    language_from_environment,
    latvian_plural_form,
    msg,
    plural_key,
    po_entries,
    read_po,
    translate,
)
from tests.conftest import REPO, run_ropa

SOURCE = REPO / "src" / "ropa"
LATVIAN_LOCALE = {"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""}
LATVIAN = LOCALE_DIRECTORY / "lv" / "LC_MESSAGES" / "ropa.po"


def marked_messages() -> dict[str, list[str]]:
    """Every template marked for translation in the package → the files marking it."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for template in extract_messages(path.read_text(encoding="utf-8")):
            found.setdefault(template, []).append(str(path.relative_to(REPO)))
    return found


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_marked_message_has_latvian_text() -> None:
    marked = marked_messages()
    assert len(marked) > 10
    latvian = read_po(LATVIAN.read_text(encoding="utf-8"))
    missing = {template: files for template, files in marked.items() if template not in latvian}
    assert missing == {}, "add these to src/ropa/locale/lv/LC_MESSAGES/ropa.po"


def test_translations_keep_every_placeholder_and_nothing_is_stale() -> None:
    latvian = read_po(LATVIAN.read_text(encoding="utf-8"))
    for msgid, msgstr in latvian.items():
        assert fields(msgstr) == fields(msgid), msgid
        assert msgstr != msgid or not re.search(r"[a-z]{4}", msgid), msgid
    stale = set(latvian) - set(marked_messages())
    assert stale == set()


def test_catalogue_strings_read_as_python_reads_them() -> None:
    """The reader takes a line with nothing escaped as it stands: every quoted line of
    the catalogue, and lines with escapes or stray quotes, read as Python's parser reads
    them (or refused)."""
    lines = [
        line.strip()
        for line in LATVIAN.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("msgid", "msgstr", '"'))
    ]
    quoted = [line[line.index('"') :] for line in lines]
    assert len(quoted) > 1000
    for line in [*quoted, r'"a \"b\" \\ \n"', '"tabs\tand ā č ē"']:
        assert _unquote(line) == ast.literal_eval(line), line
    for broken in ['"a"b"', '"open', 'shut"', '"', r'"ends \"']:
        with pytest.raises((ValueError, SyntaxError)):
            _unquote(broken)


def test_the_catalogue_is_standard_gettext() -> None:
    """The .po file compiles to a .mo that Python's own gettext reads, with the same text."""
    text = LATVIAN.read_text(encoding="utf-8")
    messages = read_po(text)
    header = next(msgstr for msgid, msgstr, _fuzzy in po_entries(text) if msgid == "")
    catalogue = gettext.GNUTranslations(io.BytesIO(compile_mo({"": header, **messages})))
    plurals = 0
    for msgid, msgstr in messages.items():
        if "\0" not in msgid:
            assert catalogue.gettext(msgid) == msgstr
            continue
        # A plural entry: gettext picks each number's form by the header's Plural-Forms,
        # and ropa's own Latvian rule picks the same one.
        plurals += 1
        singular, plural = msgid.split("\0")
        forms = msgstr.split("\0")
        assert len(forms) == 3, msgid
        for n in (0, 1, 2, 5, 10, 11, 12, 19, 21, 22, 101, 111, 1001):
            expected = forms[latvian_plural_form(n)]
            assert catalogue.ngettext(singular, plural, n) == expected, (msgid, n)
            assert translate(PluralMessage(singular, plural, n=n, **_values(msgid, n)), "lv") == (
                expected.format(**_values(msgid, n))
            )
    assert plurals >= 10
    assert "charset=UTF-8" in header
    assert "Plural-Forms: " + PLURAL_FORMS["lv"] in header


def _values(template: str, n: int) -> dict[str, object]:
    return {name: n if name == "count" else f"<{name}>" for name in fields(template)}


@pytest.mark.parametrize(
    ("n", "form"),
    [(1, 0), (21, 0), (31, 0), (101, 0), (11, 1), (12, 1), (19, 1), (111, 1), (10, 1), (0, 2)],
)
def test_latvian_plural_rule(n: int, form: int) -> None:
    """1, 21, 31 ... take the singular; 11-19 and 111 do not; zero has its own form."""
    assert latvian_plural_form(n) == form


def test_counts_in_latvian_take_the_form_their_number_asks_for() -> None:
    from ropa.reporters.text import counted

    said = [translate(counted(n, "activity"), "lv") for n in (1, 6, 11, 21, 0)]
    assert said == [
        "1 apstrādes darbība",
        "6 apstrādes darbības",
        "11 apstrādes darbības",
        "21 apstrādes darbība",
        "0 apstrādes darbību",
    ]
    assert [translate(counted(n, "error"), "en") for n in (1, 2, 1204)] == [
        "1 error",
        "2 errors",
        "1,204 errors",
    ]


def test_the_reader_reads_plural_entries_the_mo_way() -> None:
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=3;\\n"\n\n'
        'msgid "{count} file"\nmsgid_plural "{count} files"\n'
        'msgstr[0] "{count} fails"\nmsgstr[1] "{count} faili"\nmsgstr[2] "{count} failu"\n\n'
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] ""\n'
    )
    assert read_po(text) == {
        "{count} file\0{count} files": "{count} fails\0{count} faili\0{count} failu"
    }
    assert extract_messages('msg_plural("{n} a", "{n} b", n=1)\nplural_noop("c", "d")') == [
        "{n} a\0{n} b",
        "c\0d",
    ]


def test_the_reader_handles_continued_escaped_and_fuzzy_entries() -> None:
    text = (
        'msgid ""\nmsgstr "Language: lv\\n"\n\n'
        '#: src/x.py\nmsgid "a \\"b\\" "\n"c\\n"\nmsgstr "ā \\"b\\" "\n"č\\n"\n\n'
        '#, fuzzy\nmsgid "d"\nmsgstr "ž"\n\n'
        'msgid "e"\nmsgstr ""\n'
    )
    assert read_po(text) == {'a "b" c\n': 'ā "b" č\n'}


def test_the_package_ships_the_catalogues() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["ropa"]
    shipped = {path for pattern in patterns for path in SOURCE.glob(pattern)}
    assert LATVIAN in shipped


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "lv_LV.UTF-8"}, "lv"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "lv_LV.UTF-8"}, "lv"),
        ({"LC_ALL": "C", "LANG": "lv_LV.UTF-8"}, "en"),
        ({"LANGUAGE": "de:lv", "LANG": "en_US.UTF-8"}, "lv"),
        ({"LC_MESSAGES": "lv_LV", "LANG": "en_US"}, "lv"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_locale_chooses_the_language(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


def test_a_message_stays_english_and_translates_with_its_values() -> None:
    message = msg("--date `{given}` is not a date", given="31.05.2024")
    assert isinstance(message, str)
    assert isinstance(message, Message)
    assert message == "--date `31.05.2024` is not a date"
    assert translate(message, "en") == message
    assert translate(message, "lv") == "--date `31.05.2024` nav datums"
    assert catalogue_for("xx").gettext("x") == "x"


def test_the_cli_speaks_latvian_in_a_latvian_locale(tmp_path: Path) -> None:
    result = run_ropa(
        "export",
        str(REPO / "registers" / "micrec.yaml"),
        "--date",
        "nope",
        "-f",
        "json",
        env=LATVIAN_LOCALE,
    )
    assert result.returncode == 2
    assert "nav datums" in result.stderr
    assert "GGGG-MM-DD" in result.stderr
    english = run_ropa(
        "export",
        str(REPO / "registers" / "micrec.yaml"),
        "--date",
        "nope",
        "-f",
        "json",
        env={"LANG": "C", "LC_ALL": "", "LANGUAGE": ""},
    )
    assert "is not a date" in english.stderr


def test_an_export_in_latvian_reports_in_latvian(tmp_path: Path) -> None:
    target = tmp_path / "m.xlsx"
    result = run_ropa(
        "export", str(REPO / "registers" / "micrec.yaml"), "--lang", "lv", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert "4 apstrādes darbības" in result.stderr
    assert "0 nosūtīšanas gadījumu" in result.stderr


def every_rule_finding(tmp_path: Path) -> list[Finding]:
    """The findings of every rule's failing example and every rule case."""
    from ropa.config import Settings
    from ropa.rules import RULES
    from ropa.yamlio import parse_fast
    from tests.rules.harness import check_text, materialise

    texts: list[tuple[str, dict[str, object]]] = [
        (materialise(rule.example("Fails")), {}) for rule in RULES.values() if not rule.retired
    ]
    for path in sorted((REPO / "tests" / "rules").glob("*.yaml")):
        for case in parse_fast(path.read_text(encoding="utf-8"), path.name).data:
            texts.append((materialise(case["register"]), case.get("settings", {})))
    found: list[Finding] = []
    for index, (text, settings) in enumerate(texts):
        directory = tmp_path / str(index)
        directory.mkdir()
        found += check_text(text, directory, Settings.model_validate(settings))
    return found


def test_every_rule_speaks_latvian(tmp_path: Path) -> None:
    """Every message and hint a rule reports is a translatable template with Latvian text:
    nothing built outside the catalogue reaches a finding."""
    findings = every_rule_finding(tmp_path)
    codes = {finding.code for finding in findings}
    from ropa.rules import RULES

    # Most rules fire on their own examples; a few need a date or settings the examples
    # leave out. Every marked template has Latvian text (the test above) in any case.
    active = {code for code, rule in RULES.items() if not rule.retired}
    assert len(codes & active) >= 0.7 * len(active)
    latvian = read_po(LATVIAN.read_text(encoding="utf-8"))
    untranslated = set()
    for finding in findings:
        for text in (finding.message, finding.hint):
            if text is None:
                continue
            key = (
                plural_key(text.template, text.plural)
                if isinstance(text, PluralMessage)
                else getattr(text, "template", None)
            )
            if not isinstance(text, Message) or key not in latvian:
                untranslated.add((finding.code, str(text)))
    assert untranslated == set()


def test_check_reports_in_latvian_in_a_latvian_locale() -> None:
    result = run_ropa(
        "check",
        str(REPO / "registers" / "micrec.yaml"),
        env=LATVIAN_LOCALE,
    )
    assert result.returncode == 1
    assert "nav norādīts datu aizsardzības speciālists" in result.stdout
    assert "ieteikums: pievienojiet `dpo:`" in result.stdout
    # JSON: codes, names and severities stay English; the message follows the language.
    as_json = run_ropa(
        "check",
        str(REPO / "registers" / "micrec.yaml"),
        "--format",
        "json",
        env=LATVIAN_LOCALE,
    )
    document = json.loads(as_json.stdout)
    dpo = next(f for f in document["findings"] if "datu aizsardzības speciālists" in f["message"])
    assert dpo["severity"] in ("error", "warning", "info")
    assert re.fullmatch(r"[A-Z]{2}\d{2}", dpo["code"])
    in_english = run_ropa(
        "check",
        str(REPO / "registers" / "micrec.yaml"),
        "--format",
        "json",
        "--lang",
        "en",
        env=LATVIAN_LOCALE,
    )
    assert "no data protection officer is recorded" in in_english.stdout


# The closing line of a Latvian check: "5 kļūdas, 9 brīdinājumi, 1 informatīvs ziņojums; ...".
COUNTS = (
    r"^\d+ kļūd(a|as|u)(, \d+ brīdinājum(s|i|u))?(, \d+ informatīv(s|i|u) ziņojum(s|i|u))?; "
    r"1 reģistrs \(1 fails, \d+ apstrādes darbīb(a|as|u)\)$"
)

SCREENED = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  country: LV
  contact: {email: info@piemers.lv}
  role: controller
activities:
  - id: darbinieki
    name: Darbinieku e-pasta uzraudzība
    # Three consents that say nothing of their record: three LB04 findings, which text
    # output groups.
    purposes:
      - {purpose: Drošība, legal_basis: {basis: consent}}
      - {purpose: Kontrole, legal_basis: {basis: consent}}
      - {purpose: Arhīvs, legal_basis: {basis: consent}}
    dpia:
      screening:
        criteria: [WP248.C3, WP248.C5]
        dvi_list: [LV.DPIA.07]
        art35_3: [35.3.c]
  - id: pacienti
    name: Pacientu uzskaite
    data_subjects:
      - {category: pacienti, vulnerable: true}
    special_categories:
      - {category: health, condition: health_or_social_care, law: Pacientu tiesību likums}
    sources:
      - kind: third_party
    dpia: {required: true, status: in_progress}
  - id: klinika
    name: Klīnikas pacienti
    data_subjects:
      - {category: pacienti}
    personal_data: [veselības dati, videonovērošanas ieraksti]
    recipients: none
"""


def test_a_latvian_check_carries_no_english_fragments(tmp_path: Path) -> None:
    """Issue 12: under a Latvian locale the DPIA screening reasons, the topics the rules
    read, the source kind and the words around findings are Latvian too."""
    from ropa.knowledge.concepts import CONCEPTS
    from ropa.knowledge.dpia import ART_35_3, DVI_LIST, WP248_CRITERIA

    register = tmp_path / "register.yaml"
    register.write_text(SCREENED, encoding="utf-8")
    english = run_ropa("check", str(register), env={"LANG": "C", "LC_ALL": "", "LANGUAGE": ""})
    latvian = run_ropa("check", str(register), env=LATVIAN_LOCALE)
    assert english.returncode == latvian.returncode == 1
    # The English report has every fragment the Latvian one must not have.
    fragments = [
        ART_35_3["35.3.c"],
        DVI_LIST["LV.DPIA.07"].description,
        WP248_CRITERIA["WP248.C4"],
        CONCEPTS["health"].label + ", " + CONCEPTS["health"].article,
        "inferred from",
        "DVI list",
        "WP248 criteria",
        "third-party source",
        "(in progress)",
        "hint: ",
        "--show-all lists each",
        " errors, ",
        " warnings, ",
        " in 1 register (1 file, 3 activities)",
        "  warning  ",
    ]
    for fragment in fragments:
        assert fragment in english.stdout, fragment
        assert fragment not in latvian.stdout, fragment
    for words in (
        "VDAR 35. panta 3. punkta c) apakšpunkts: publiski pieejamas zonas sistemātiska "
        "uzraudzība plašā mērogā",
        "DVI saraksta punkts LV.DPIA.07: darbinieku darbību sistemātiska uzraudzība",
        "(secināts no “veselības dati” laukā `personal_data`)",
        "sensitīvi dati vai ļoti personiska rakstura dati",
        "(veselības dati, VDAR 9. panta 1. punkts, 4. panta 15. punkts)",
        "avota (trešās personas)",
        "(tiek veikts)",
        "ieteikums: ",
        "(--show-all parāda katru)",
        "; 1 reģistrs (1 fails, 3 apstrādes darbības)",
        "  brīdinājums  ",
    ):
        assert words in latvian.stdout, words
    # Each count in the form its number asks for (1, 21 ...: singular; 11-19: plural).
    assert re.search(COUNTS, latvian.stdout, re.MULTILINE), latvian.stdout
    # Every word of the legal facts that can reach a message has its Latvian form.
    catalogue = read_po(LATVIAN.read_text(encoding="utf-8"))
    for text in (
        *ART_35_3.values(),
        *WP248_CRITERIA.values(),
        *(item.description for item in DVI_LIST.values()),
        *(concept.label for concept in CONCEPTS.values()),
        *(concept.article for concept in CONCEPTS.values()),
    ):
        assert text in catalogue, text


@pytest.mark.parametrize(
    ("count", "latvian_one", "english_one"),
    [
        (1, True, True),
        (2, False, False),
        (11, False, False),
        (21, True, False),
        (101, True, False),
        (111, False, False),
        (0, False, False),
    ],
)
def test_counted_messages_choose_each_languages_form(
    count: int, latvian_one: bool, english_one: bool
) -> None:
    from ropa.i18n import counted

    text = counted("{count} more place", "{count} more places", count=count)
    assert text == (f"{count} more place" if english_one else f"{count} more places")
    assert translate(text, "lv") == f"{count} " + ("vietā" if latvian_one else "vietās")
    assert pickle.loads(pickle.dumps(text)) == text
    assert translate(pickle.loads(pickle.dumps(text)), "lv") == translate(text, "lv")


def test_the_extractor_takes_both_forms_of_a_counted_message() -> None:
    from ropa.i18n import plural_key

    source = 'counted("{count} file", "{count} files", count=n)\nmsg("x")\n'
    assert extract_messages(source) == [plural_key("{count} file", "{count} files"), "x"]


@pytest.mark.parametrize(
    ("count", "latvian"),
    [
        (1, "vēl 1 darbībai"),
        (21, "vēl 21 darbībai"),
        (11, "vēl 11 darbībām"),
        (4, "vēl 4 darbībām"),
    ],
)
def test_the_export_summary_counts_unknown_transfers_in_latvian_grammar(
    count: int, latvian: str
) -> None:
    """The summary `ropa export` prints, as the exporter builds it."""
    import datetime as dt

    from ropa.exporters.table import ExportDocument

    document = ExportDocument(
        title="t",
        subject="s",
        author="a",
        language="lv",
        export_date=dt.date(2026, 12, 1),
        cover_name="c",
        cover=[],
        counts={"activities": 5, "recipients": 0, "transfers": 0, "transfers_unknown": count},
    )
    text = translate(document.summary(), "lv")
    assert text.endswith(latvian + " nosūtīšana nav zināma"), text


def test_messages_keep_their_kind_and_values_through_pickling() -> None:
    import pickle

    from ropa.i18n import english_only, msg_plural

    plural = msg_plural("{count} file", "{count} files", n=21, count=21)
    only = english_only(" — the register's description")
    nested = msg("add `{key}:`{about}", key="name", about=only)
    for message in (plural, only, nested):
        again = pickle.loads(pickle.dumps(message))
        assert type(again) is type(message)
        assert again == message
        assert translate(again, "lv") == translate(message, "lv")
    assert translate(plural, "lv") == "21 fails"
    assert translate(only, "lv") == ""
    assert translate(nested, "lv") == "pievienojiet `name:`"
    assert translate(nested, "en") == "add `name:` — the register's description"
