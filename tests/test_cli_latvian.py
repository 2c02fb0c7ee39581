"""Issue 12 point 5: what validate, check, fmt, diff and coverage print, in Latvian under
`--lang lv` or a Latvian locale: no English sentence left in it, the letters intact, numbers
written the Latvian way, and `--lang en` still English whatever the locale."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.i18n import format_number, latvian_plural_form, msg, number, translate
from tests.conftest import FIXTURES, REGISTERS, invoke, need, run_ropa
from tests.test_i18n import COUNTS

LATVIAN_LOCALE = {"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
ENGLISH_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
LATVIAN_LETTERS = set("āčēģīķļņšūž")

# What the user wrote is quoted in messages (`key`, “text”, "value"), and may be English:
# only the words around it must be Latvian.
_QUOTED = re.compile(r"`[^`\n]*`|“[^”\n]*”|\"[^\"\n]*\"")
# English words that no Latvian sentence holds (not "no", "to", "un": Latvian words).
_ENGLISH = (
    " the ",
    " is ",
    " not ",
    " of ",
    " and ",
    " or ",
    " in ",
    " a ",
    " an ",
    " be ",
    " must ",
    " with ",
    " for ",
    " has ",
    " does ",
    " would ",
    " it ",
    " this ",
    " at ",
    " are ",
    "did you mean",
    "hint:",
    " error",
    " warning",
    " change",
    " file ",
    " files ",
    " problem",
    " reformat",
    " expected ",
    "working tree",
)


def english_fragments(text: str) -> list[tuple[str, str]]:
    """(English word, line) for each line that still has English outside quoted values."""
    found = []
    for line in text.splitlines():
        bare = f" {_QUOTED.sub('', line)} ".lower()
        found += [(word, line) for word in _ENGLISH if word in bare]
    return found


def assert_latvian(text: str, *, letters: int = 3) -> None:
    assert english_fragments(text) == [], text
    assert len(LATVIAN_LETTERS & set(text)) >= letters, text


def test_the_detector_finds_english() -> None:
    """The check itself can fail: it finds English sentences and passes quoted values."""
    assert english_fragments("a.yaml:3:5: SC01 unknown key `x`\n    hint: did you mean `y`?")
    assert english_fragments("1 file would be reformatted, 0 files already formatted")
    assert english_fragments("`role`: “the controller is not known” nav derīga vērtība") == []


# A register with one mistake of each kind validation reports (SC01-SC07, RF01-RF03).
BROKEN = """\
ropa: 1
organisation:
  nme: SIA Piemērs
  country: lv
  role: kontrolieris
  employees: -3
  contact: {email: not-an-email}
recipients:
  - id: kurjers
    name: Kurjerpakalpojumi
    kind: processor
    country: Latvia
  - id: kurjers
    name: Otrs kurjers
    kind: processor
    country: USA
activities:
  - id: pasutijumi
    name: Pasūtījumi
    purposes: Pasūtījumu izpilde
    data_subjects: [klienti]
    personal_data: [vārds]
    recipients: [kurjrs]
    retention: {period: 5 years, from: pasūtījuma izpilde}
    last_review: 31.05.2024
    security_measures: [sifresana]
    dpia: {required: yes}
    special_categories: [health]
"""


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_validate_speaks_latvian_with_lang_lv(tmp_path: Path) -> None:
    register = _broken(tmp_path)
    latvian = invoke("validate", "--lang", "lv", str(register))
    english = invoke("validate", "--lang", "en", str(register))
    assert latvian.returncode == english.returncode == 1
    # The same findings, line for line, with the same codes.
    codes = re.findall(r": ([A-Z]{2}\d\d) ", english.stdout)
    assert re.findall(r": ([A-Z]{2}\d\d) ", latvian.stdout) == codes
    assert {"SC01", "SC03", "SC04", "SC05", "SC06", "RF01", "RF02"} <= set(codes)
    assert english_fragments(english.stdout)  # what the Latvian one must not have
    assert_latvian(latvian.stdout)
    for words in (
        "`organisation`: nezināma atslēga `nme`",
        "ieteikums: vai domājāt `name`?",
        "`lv` nav ISO 3166-1 alpha-2 kods; rakstiet to lielajiem burtiem: LV",
        "`employees`: jābūt vismaz 0",
        "`not-an-email` nav e-pasta adrese",
        "atkārtots identifikators `kurjers` (saņēmējs; pirmoreiz definēts 9. rindā)",
        "šajā reģistrā nav ieraksta ar identifikatoru `kurjrs` (saņēmējs)",
        "`purposes`: jābūt sarakstam (vai `unknown`), nevis tekstam `Pasūtījumu izpilde`",
        "ieteikums: rakstiet katru elementu savā rindā, sākot ar `- `",
        "katrs `activities[0].special_categories` elements: jābūt atslēgu un vērtību kopai, bet "
        "ir teksts",
        "`last_review`: `31.05.2024` nav datums formātā GGGG-MM-DD: rakstiet 2024-05-31",
        "`period`: `5 years` nav ISO 8601 ilgums: rakstiet P5Y",
        "YAML 1.2 `yes` lasa kā tekstu; rakstiet true vai false",
        "`USA` ir ISO 3166-1 alpha-3 kods, bet reģistrā lieto alpha-2: rakstiet US",
        "norādiet valsti ar tās ISO 3166-1 alpha-2 kodu: `Latvia` vietā LV",
    ):
        assert words in latvian.stdout, words
    assert re.search(r"^\d+ kļūdas?; 1 reģistrs \(1 fails\)$", latvian.stdout, re.MULTILINE)


def test_validate_speaks_latvian_in_a_latvian_locale(tmp_path: Path) -> None:
    """A real process: the locale chooses Latvian, and `--lang en` overrides it."""
    register = _broken(tmp_path)
    latvian = run_ropa("validate", str(register), env=LATVIAN_LOCALE)
    assert latvian.returncode == 1, latvian.stderr
    assert_latvian(latvian.stdout)
    assert "nezināma atslēga `nme`" in latvian.stdout
    english = run_ropa("validate", "--lang", "en", str(register), env=LATVIAN_LOCALE)
    assert "unknown key `nme`" in english.stdout
    assert "did you mean `name`?" in english.stdout


def test_json_and_sarif_keep_english_codes_and_give_messages_in_the_language(
    tmp_path: Path,
) -> None:
    register = _broken(tmp_path)
    documents = {
        language: json.loads(
            invoke("validate", "--lang", language, "-f", "json", str(register)).stdout
        )
        for language in ("lv", "en")
    }
    latvian, english = (documents[language]["findings"] for language in ("lv", "en"))
    assert [f["code"] for f in latvian] == [f["code"] for f in english]
    assert [f["name"] for f in latvian] == [f["name"] for f in english]
    assert [f["severity"] for f in latvian] == [f["severity"] for f in english]
    assert documents["lv"]["summary"] == documents["en"]["summary"]
    unknown = next(f for f in latvian if f["code"] == "SC01")
    assert unknown["message"] == "`organisation`: nezināma atslēga `nme`"
    assert unknown["hint"] == "vai domājāt `name`?"
    assert_latvian("\n".join(f["message"] for f in latvian))

    micrec = str(REGISTERS / "micrec.yaml")
    sarif = {
        language: json.loads(invoke("check", "--lang", language, "-f", "sarif", micrec).stdout)[
            "runs"
        ][0]["results"]
        for language in ("lv", "en")
    }
    assert [r["ruleId"] for r in sarif["lv"]] == [r["ruleId"] for r in sarif["en"]]
    # Fingerprints are about what a finding is, not the language it is told in.
    assert [r["partialFingerprints"] for r in sarif["lv"]] == [
        r["partialFingerprints"] for r in sarif["en"]
    ]
    assert_latvian("\n".join(r["message"]["text"] for r in sarif["lv"]))
    assert "(ieteikums: " in sarif["lv"][0]["message"]["text"]
    assert "(hint: " in sarif["en"][0]["message"]["text"]


UNFORMATTED = """\
ropa: 1
# Reģistra uzturētājs
organisation:
  role: controller
  name: SIA "Piemērs"
  country: LV
  contact: {email: info@piemers.lv}
activities: []
"""


def test_fmt_check_speaks_latvian(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    register.write_text(UNFORMATTED, encoding="utf-8")
    latvian = invoke("fmt", "--check", "--lang", "lv", str(register))
    english = invoke("fmt", "--check", "--lang", "en", str(register))
    assert latvian.returncode == english.returncode == 1
    assert f"would reformat {register}" in english.stdout
    assert "1 file would be reformatted, 0 files already formatted" in english.stdout
    assert f"tiktu pārformatēts: {register}" in latvian.stdout
    assert "1 fails tiktu pārformatēts, jau formatētu failu nav" in latvian.stdout
    assert_latvian(latvian.stdout.replace(str(register), "<fails>"), letters=2)
    assert register.read_text(encoding="utf-8") == UNFORMATTED  # --check changes nothing

    # In a Latvian locale, as a real process: then formatted, and said so.
    done = run_ropa("fmt", str(register), env=LATVIAN_LOCALE)
    assert done.returncode == 0, done.stderr
    assert "1 fails pārformatēts, nemainītu failu nav" in done.stdout
    again = run_ropa("fmt", "--check", str(tmp_path), env=LATVIAN_LOCALE)
    assert again.returncode == 0
    assert again.stdout == "neviens fails netiktu pārformatēts, 1 fails jau ir formatēts\n"
    assert "# Reģistra uzturētājs" in register.read_text(encoding="utf-8")


def test_fmt_problems_speak_latvian(tmp_path: Path) -> None:
    """A register fmt leaves alone is reported with its validation errors, in Latvian."""
    register = _broken(tmp_path)
    result = invoke("fmt", "--check", "--lang", "lv", str(register))
    assert result.returncode == 1
    assert "nezināma atslēga `nme`" in result.stdout
    assert re.search(r"\d+ problēmas? \(faili ar problēmām atstāti, kādi bija\)", result.stdout)
    assert_latvian(result.stdout.replace(str(register), "<fails>"))


def _git(directory: Path, *args: str) -> None:
    git = need(shutil.which("git"), "git")
    subprocess.run(
        [git, "-c", "user.name=Tests", "-c", "user.email=tests@example.lv", *args],
        cwd=directory,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def two_revisions(tmp_path: Path) -> Path:
    """A git repository whose register changed between its two commits."""
    repository = tmp_path / "repo"
    repository.mkdir()
    _git(repository, "init", "-q")
    register = repository / "register.yaml"
    text = (REGISTERS / "micrec.yaml").read_text(encoding="utf-8")
    register.write_text(text, encoding="utf-8")
    _git(repository, "add", "register.yaml")
    _git(repository, "commit", "-q", "-m", "pirmā")
    changed = text.replace("  employees: unknown\n", "  employees: 12\n", 1)
    changed = changed.replace("  - id: marketing\n", "  - id: tiesa-tirgvediba\n", 1)
    assert changed != text
    register.write_text(changed, encoding="utf-8")
    _git(repository, "commit", "-q", "-am", "otrā")
    return repository


def test_diff_between_two_revisions_speaks_latvian(
    two_revisions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(two_revisions)
    english = invoke("diff", "--lang", "en", "HEAD~1", "HEAD", "register.yaml")
    latvian = invoke("diff", "--lang", "lv", "HEAD~1", "HEAD", "register.yaml")
    assert english.returncode == latvian.returncode == 0, latvian.stderr
    assert "employees of organisation: unknown → 12" in english.stdout
    assert "organizācija, lauks employees: unknown → 12" in latvian.stdout
    assert "comparing HEAD~1" in english.stdout
    assert "salīdzinājums: HEAD~1" in latvian.stdout
    assert re.search(r"^\d+ izmaiņ(a|as|u) 1 reģistrā \(salīdzināti: 1\)$", latvian.stdout, re.M)
    assert_latvian(latvian.stdout)

    markdown = invoke("diff", "--lang", "lv", "-f", "markdown", "HEAD~1", "HEAD", "register.yaml")
    assert "## Apstrādes darbību reģistrs: izmaiņas no HEAD~1" in markdown.stdout
    assert "| Izmaiņa | Ieraksts | Lauks | Iepriekš | Pēc izmaiņām |" in markdown.stdout
    assert "| mainīts | organizācija | employees | unknown | 12 |" in markdown.stdout
    assert_latvian(markdown.stdout)

    # The working tree, named in words, in a Latvian locale (a real process).
    working = run_ropa("diff", "HEAD", "register.yaml", cwd=two_revisions, env=LATVIAN_LOCALE)
    assert working.returncode == 0, working.stderr
    assert "→ darba koks (pašreizējie faili)" in working.stdout
    assert "izmaiņu nav" in working.stdout
    assert_latvian(working.stdout)


def test_check_on_an_example_register_speaks_latvian() -> None:
    kilowats = str(REGISTERS / "kilowats.yaml")
    latvian = invoke("check", "--lang", "lv", kilowats)
    assert latvian.returncode == 1
    assert_latvian(latvian.stdout)
    # The repeated-finding line counts its activities in the form the number asks for.
    repeated = re.search(
        r"[A-Z]{2}\d\d ×(\d+), (\d+) apstrādes (darbībā|darbībās); arī vietās:", latvian.stdout
    )
    assert repeated is not None, latvian.stdout
    assert repeated[3] == ("darbībā" if latvian_plural_form(int(repeated[2])) == 0 else "darbībās")
    assert re.search(COUNTS, latvian.stdout, re.M)
    english = invoke("check", "--lang", "en", kilowats)
    assert re.search(r"[A-Z]{2}\d\d ×\d+ in \d+ activit(y|ies); also at", english.stdout)


@pytest.mark.parametrize("register", ["e-shop.yaml", "kilowats.yaml"])
def test_check_in_a_latvian_locale(register: str) -> None:
    result = run_ropa("check", str(REGISTERS / register), env=LATVIAN_LOCALE)
    assert result.returncode in (0, 1), result.stderr
    assert_latvian(result.stdout)


def test_usage_errors_speak_the_chosen_language() -> None:
    micrec = str(REGISTERS / "micrec.yaml")
    latvian = run_ropa("check", "--lang", "lv", "--select", "XX99", micrec, env=ENGLISH_LOCALE)
    assert latvian.returncode == 2
    assert latvian.stderr.startswith("ropa: kļūda: --select XX99: `XX99` nav noteikuma kods")
    assert "ieteikums: " in latvian.stderr
    assert_latvian(latvian.stderr, letters=2)
    english = run_ropa("check", "--select", "XX99", micrec, env=ENGLISH_LOCALE)
    assert english.stderr.startswith("ropa: error: --select XX99: `XX99` is not a rule code")


@pytest.mark.parametrize("command", ["validate", "check", "fmt", "diff", "export"])
def test_each_command_documents_its_language_option(command: str) -> None:
    shown = invoke(command, "--help").stdout
    assert "--lang" in shown
    if command != "export":
        assert "lv or en" in " ".join(shown.split())


def test_fmt_diff_labels_its_two_sides_in_the_language(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    register.write_text(UNFORMATTED, encoding="utf-8")
    latvian = invoke("fmt", "--diff", "--lang", "lv", str(register))
    english = invoke("fmt", "--diff", "--lang", "en", str(register))
    assert latvian.returncode == english.returncode == 1
    assert f"--- {register} (original)\n+++ {register} (formatted)\n" in english.stdout
    assert f"--- {register} (pirms formatēšanas)\n+++ {register} (pēc formatēšanas)\n" in (
        latvian.stdout
    )
    # The diff's own lines are the register's text, quoted as it is: only the rest is checked.
    said = [
        line.replace(str(register), "<fails>")
        for line in latvian.stdout.splitlines()
        if not line.startswith((" ", "+ ", "- ", "+#", "-#", "@@"))
        and not re.match(r"^[+-][a-z_ ]+:", line)
    ]
    assert_latvian("\n".join(said), letters=2)


# A register and a policy the coverage tests use, compared across: gaps both ways, a
# transfer to a named country, near misses, and matches (tests/test_coverage.py).
SMALL_SHOP = FIXTURES / "notice" / "small-shop.yaml"
MICREC_POLICY = FIXTURES / "policies" / "micrec.txt"


def _coverage(*options: str) -> subprocess.CompletedProcess[str]:
    return invoke("coverage", str(SMALL_SHOP), "--policy", str(MICREC_POLICY), *options)


def test_coverage_text_speaks_latvian() -> None:
    latvian = _coverage("--lang", "lv")
    english = _coverage("--lang", "en")
    assert latvian.returncode == english.returncode == 1, latvian.stderr
    assert " is not in the policy" in english.stdout  # what the Latvian one must not have
    assert english_fragments(english.stdout)
    assert_latvian(latvian.stdout)
    gaps = re.search(r"^Reģistrā ierakstīts, politikā nav minēts \((\d+)\):$", latvian.stdout, re.M)
    claims = re.search(
        r"^Politikā minēts, neviena apstrādes darbība to neapstiprina \((\d+)\):$",
        latvian.stdout,
        re.M,
    )
    assert gaps is not None, latvian.stdout
    assert claims is not None, latvian.stdout
    # The same findings, whatever the language.
    english_gaps = re.search(r"not disclosed by the policy \((\d+)\)", english.stdout)
    english_claims = re.search(r"backed by no activity \((\d+)\)", english.stdout)
    assert english_gaps is not None
    assert english_claims is not None
    assert (gaps[1], claims[1]) == (english_gaps[1], english_claims[1])
    assert int(gaps[1]) > 0
    assert int(claims[1]) > 0
    for words in (
        # The country by its Latvian name, the kind in the VDAR's word.
        'nosūtīšana "Amerikas Savienotās Valstis (scc)" — politikā nav',
        'nolūks "Grāmatvedības uzskaite" — politikā nav (tuvākais: ',
        "nozīmīgajiem vārdiem))",
        "apgalvojums (nolūks, nolūku saraksta punkts), ko neapstiprina neviena apstrādes "
        'darbība: "Identificēt personas,"',
        "juridiskais pamats `legitimate_interests`",
        "Atbilstības:",
        'juridiskais pamats "līguma izpilde (VDAR 6. panta 1. punkta b)',
        "nosaukts juridiskais pamats: ",
    ):
        assert words in latvian.stdout, words
    assert 'transfer "United States (scc)" is not in the policy' in english.stdout
    summary = re.search(
        r"^Politikā minētie reģistra elementi: (\d+) no (\d+); reģistra apstiprinātie politikas "
        r"apgalvojumi: (\d+) no (\d+)\.$",
        latvian.stdout,
        re.M,
    )
    assert summary is not None, latvian.stdout
    figures = re.search(
        r"^(\d+) of (\d+) register elements disclosed by the policy; (\d+) of (\d+) policy "
        r"claims backed by the register\.$",
        english.stdout,
        re.M,
    )
    assert figures is not None
    assert figures.groups() == summary.groups()


def test_coverage_markdown_speaks_latvian() -> None:
    result = _coverage("--lang", "lv", "--format", "markdown")
    assert result.returncode == 1, result.stderr
    text = result.stdout
    assert re.match(
        r"# Reģistra un privātuma politikas salīdzinājums: `[^`]*small-shop\.yaml` ↔ "
        r"`[^`]*micrec\.txt`\n",
        text,
    ), text
    for line in (
        "## Reģistrā ierakstīts, politikā nav minēts",
        "| reģistrs | veids | elements | tuvākais fragments |",
        "## Politikā minēts, neviena apstrādes darbība to neapstiprina",
        "| politika | apgalvojums | pazīme | fragments |",
        "## Atbilstības",
        "| reģistrs | politika | kāpēc |",
    ):
        assert f"\n{line}\n" in text, line
    assert re.search(r"\| nosūtīšana \| Amerikas Savienotās Valstis \(scc\) \|", text)
    assert re.search(r"\| \d+\. rindā: sakrīt vārdi ", text)
    # Cells quote the register and the policy; the words around them must be Latvian.
    assert_latvian(re.sub(r"`[^`]*`", "", text))
    english = _coverage("--lang", "en", "--format", "markdown").stdout
    assert "## In the register, not disclosed by the policy" in english
    assert "| register | kind | element | nearest passage |" in english


def test_coverage_json_keeps_english_keys_and_gives_text_in_the_language() -> None:
    documents = {
        language: json.loads(_coverage("--lang", language, "--format", "json").stdout)
        for language in ("lv", "en")
    }
    latvian, english = documents["lv"], documents["en"]
    assert latvian["summary"] == english["summary"]
    assert latvian["complete"] is english["complete"] is False
    for section in ("elements", "claims"):
        assert [sorted(item) for item in latvian[section]] == [
            sorted(item) for item in english[section]
        ]
        assert [item["kind"] for item in latvian[section]] == [
            item["kind"] for item in english[section]
        ]
    labels = {e["location"]: e["label"] for e in latvian["elements"]}
    english_labels = {e["location"]: e["label"] for e in english["elements"]}
    transfer = next(e["location"] for e in english["elements"] if e["kind"] == "transfer")
    assert (english_labels[transfer], labels[transfer]) == (
        "United States (scc)",
        "Amerikas Savienotās Valstis (scc)",
    )
    reasons = [e["reason"] or "" for e in latvian["elements"]] + [
        e["nearest"]["reason"] for e in latvian["elements"] if e["nearest"]
    ]
    assert any(reason.startswith("sakrīt vārdi ") for reason in reasons)
    assert not any(reason.startswith("words ") for reason in reasons)
    assert_latvian("\n".join(reasons), letters=2)


def test_coverage_in_a_latvian_locale() -> None:
    """A real process: the locale chooses Latvian for coverage too, `--lang en` wins."""
    micrec = str(REGISTERS / "micrec.yaml")
    policy = str(FIXTURES / "policies" / "micrec.txt")
    latvian = run_ropa("coverage", micrec, "--policy", policy, env=LATVIAN_LOCALE)
    assert latvian.returncode in (0, 1), latvian.stderr
    assert "\nAtbilstības:\n" in latvian.stdout
    assert_latvian(latvian.stdout)
    english = run_ropa("coverage", micrec, "--policy", policy, "--lang", "en", env=LATVIAN_LOCALE)
    assert "\nMatches:\n" in english.stdout
    assert english.returncode == latvian.returncode


def test_numbers_are_written_the_latvian_way() -> None:
    """Latvian groups thousands with a (no-break) space and writes a decimal comma."""
    assert format_number(11246, "en") == "11,246"
    assert format_number(11246, "lv") == "11\u00a0246"
    assert format_number(1234567, "lv") == "1\u00a0234\u00a0567"
    assert format_number(2.5, "lv") == "2,5"
    assert format_number(999, "lv") == "999"
    said = msg("{count} items", count=number(11246))
    assert said == "11,246 items"  # the English text, as json and fingerprints keep it
    assert translate(said, "lv") == "11\u00a0246 items"


def test_a_count_in_the_thousands_reads_the_latvian_way(tmp_path: Path) -> None:
    """Through the CLI: validate's summary counts 1,200 activities as Latvian writes it."""
    activity = (
        "  - id: a{n}\n    name: Darbība {n}\n"
        "    purposes: [{{purpose: Pasūtījumi, legal_basis: {{basis: contract}}}}]\n"
    )
    register = tmp_path / "register.yaml"
    register.write_text(
        "ropa: 1\norganisation:\n  name: SIA Piemērs\n  country: LV\n  role: controller\n"
        "activities:\n" + "".join(activity.format(n=n) for n in range(1200)),
        encoding="utf-8",
    )
    english = invoke("validate", "--lang", "en", str(register))
    latvian = invoke("validate", "--lang", "lv", str(register))
    assert english.returncode == latvian.returncode, english.stdout
    assert "1,200 activities" in english.stdout, english.stdout
    assert "1\u00a0200 apstrādes darbības" in latvian.stdout, latvian.stdout
    assert "1,200" not in latvian.stdout
