"""What a data-protection officer new to ropa writes first, and what ropa answers: the
mistakes of a first register written from the docs (an id with Latvian letters, a legal
basis cited as `6.1.b`, a list where a mapping is wanted) and a Latvian spreadsheet
imported, each through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import invoke, run_ropa

FIRST_REGISTER = """\
ropa: 1
organisation:
  name: "OPTIC GURU, SIA"
  country: LV
  contact: [info@opticguru.lv]
  role: controller
recipients:
  - id: maksājumu pakalpojumi
    name: unknown
    category: maksājumu pakalpojumu sniedzējs
    kind: processor
    country: LV
activities:
  - id: pasutijumi
    name: Kontaktlēcu pasūtījumi
    purposes:
      - purpose: Pasūtījuma izpilde
        legal_basis: 6.1.b
      - purpose: Tiešais mārketings
        legal_basis: {basis: 6.1.f}
      - purpose: Grāmatvedība
        legal_basis: VDAR 6. panta 1. punkta c) apakšpunkts
      - purpose: Cits
        legal_basis: līgums
"""


@pytest.fixture
def first_register(tmp_path: Path) -> Path:
    path = tmp_path / "optika.yaml"
    path.write_text(FIRST_REGISTER, encoding="utf-8")
    return path


@pytest.fixture
def valid_register(tmp_path: Path) -> Path:
    """The first register with its mistakes taken out, and its purposes with them."""
    path = tmp_path / "valid.yaml"
    path.write_text(
        FIRST_REGISTER.replace("[info@opticguru.lv]", "{email: info@opticguru.lv}")
        .replace("maksājumu pakalpojumi", "maksajumi")
        .split("    purposes:")[0],
        encoding="utf-8",
    )
    return path


def test_a_legal_basis_cited_by_its_letter_is_answered_with_the_word_to_write(
    first_register: Path,
) -> None:
    result = invoke("validate", str(first_register))
    assert result.returncode == 1
    out = result.stdout
    assert "optika.yaml:18:22: SC03 `legal_basis` must be a mapping with `basis:`" in out
    assert "hint: Art. 6(1)(b) is written `{basis: contract}`" in out
    assert "optika.yaml:20:30: SC04 `6.1.f` is not a valid `basis`" in out
    assert "hint: Art. 6(1)(f) is written `legitimate_interests`" in out
    assert "hint: Art. 6(1)(c) is written `{basis: legal_obligation}`" in out
    # A basis named in Latvian words is shown the mapping to write, not told to make a list.
    assert "hint: the format's words are English: `līgums` is written `{basis: contract}`" in out
    assert "starting with `- `" not in out
    assert "Traceback" not in out + result.stderr


def test_an_id_with_latvian_letters_is_answered_with_the_id_it_can_be(
    first_register: Path,
) -> None:
    out = invoke("validate", str(first_register)).stdout
    assert "optika.yaml:8:9: SC04 `maksājumu pakalpojumi` is not a valid id" in out
    assert "without diacritics" in out
    assert "did you mean `maksajumu-pakalpojumi`?" in out


def test_a_list_where_a_mapping_is_wanted_shows_the_mapping(first_register: Path) -> None:
    out = invoke("validate", str(first_register)).stdout
    assert "optika.yaml:5:3: SC03 `contact`: expected a mapping" in out
    assert "hint: write a mapping: `{email: info@opticguru.lv}`" in out


def test_the_new_hints_are_latvian_in_a_real_process(first_register: Path) -> None:
    result = run_ropa("validate", "--lang", "lv", str(first_register))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "VDAR 6. panta 1. punkta b) apakšpunktu raksta `{basis: contract}`" in out
    assert "`legal_basis`: jābūt kopai ar `basis:`" in out
    assert "bez garumzīmēm" in out
    assert "vai domājāt `maksajumu-pakalpojumi`?" in out
    assert "rakstiet kopu `atslēga: vērtība`: `{email: info@opticguru.lv}`" in out
    for english in ("write", "did you mean", "must be", "ids use"):
        assert english not in out
    assert "Traceback" not in out + result.stderr


# Latvian Excel saves CSV with `;`; the headings are the ones docs/import.md lists.
LATVIAN_SHEET = """\
Nr.;Apstrādes darbība;Nolūks;Tiesiskais pamats;Datu subjektu kategorijas;\
Personas datu kategorijas;Saņēmēji;Trešās valstis;Glabāšanas termiņš;Drošības pasākumi
1;Kontaktlēcu pasūtījumi;Pasūtījuma izpilde;6.1.b;klienti;"vārds, uzvārds, tālrunis";\
kurjeri;nav;5 gadi;piekļuves kontrole
2;Videonovērošana;Īpašuma aizsardzība;VDAR 6. panta 1. punkta f) apakšpunkts;apmeklētāji;\
videoattēls;nav;nav;30 dienas;nav
"""


def test_a_latvian_sheet_imports_its_third_countries_basis_letters_and_no_measures(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "registrs.csv"
    sheet.write_text(LATVIAN_SHEET, encoding="utf-8")
    output = tmp_path / "registrs.yaml"
    result = run_ropa("import", str(sheet), "-o", str(output))
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    # "Trešās valstis: nav" is no transfer, not a column kept aside.
    assert "Trešās valstis" not in text
    assert text.count("transfers: none") == 2
    # `6.1.b` is contract, as validate reads it.
    assert "basis: contract" in text
    assert "6.1.b" not in text
    # "nav" in the security column is no measure called "nav".
    assert "name: nav" not in text
    assert "security measures as written (registrs!J3): nav" in text
    assert "not placed: registrs!J3: security measures as written: nav" in result.stderr
    assert run_ropa("validate", str(output)).returncode == 0


@pytest.mark.parametrize("export_format", ["json", "fides"])
def test_every_export_to_a_file_says_what_it_wrote(
    valid_register: Path, tmp_path: Path, export_format: str
) -> None:
    register = valid_register
    target = tmp_path / f"out.{export_format}"
    result = run_ropa("export", str(register), "-f", export_format, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert f"wrote {target} ({export_format}, lv+en): 1 activity" in result.stderr
    assert target.exists()
    latvian = run_ropa(
        "export", str(register), "-f", export_format, "--lang", "lv", "-o", str(tmp_path / "lv")
    )
    assert f"ierakstīts {tmp_path / 'lv'} ({export_format}, lv): 1 apstrādes darbība" in (
        latvian.stderr
    )
    # To standard output: the data alone, no line about it.
    piped = run_ropa("export", str(register), "-f", export_format, "-o", "-")
    assert piped.returncode == 0
    assert "wrote" not in piped.stderr


def test_a_policy_file_without_an_extension_is_named_as_such(
    valid_register: Path, tmp_path: Path
) -> None:
    policy = tmp_path / "politika"
    policy.write_text("Mēs apstrādājam vārdu un uzvārdu.\n", encoding="utf-8")
    result = invoke("coverage", str(valid_register), "--policy", str(policy))
    assert result.returncode == 2
    assert "it has no extension" in result.stderr
    assert "``" not in result.stderr
    assert "give the policy as .txt, .md or .html" in result.stderr


def test_an_unused_catalogue_entry_is_named_in_latvian(valid_register: Path) -> None:
    """RC02's label ("recipient", "system" ...) is a word of the sentence: Latvian output
    names a `saņēmējs`, in a sentence that fits every label's gender."""
    text = valid_register.read_text(encoding="utf-8") + "    recipients: none\n"
    valid_register.write_text(text, encoding="utf-8")
    result = run_ropa("check", "--lang", "lv", "--select", "RC02", str(valid_register))
    assert result.returncode == 0, result.stderr
    assert "RC02  saņēmējs `maksajumi`: neviena apstrādes darbība to neizmanto" in result.stdout
    assert "recipient `maksajumi`" not in result.stdout
    english = run_ropa("check", "--select", "RC02", str(valid_register))
    assert "RC02  recipient `maksajumi` is not used by any activity" in english.stdout


def test_the_latvian_words_of_the_export_written_back_are_answered_with_the_formats(
    tmp_path: Path,
) -> None:
    """The workbook shows `none` as `nav` and `unknown` as `nav zināms`; a DPO who reads it
    and writes those words into the register is told the word the format takes."""
    register = tmp_path / "abele.yaml"
    register.write_text(
        "ropa: 1\norganisation:\n  name: SIA Ābele\n  role: pārzinis\n"
        "activities:\n  - id: a\n    name: Lietvedība\n    transfers: nav\n"
        "    special_categories: nav zināms\n",
        encoding="utf-8",
    )
    result = run_ropa("validate", str(register))
    assert result.returncode == 1
    out = result.stdout
    assert "abele.yaml:4:9: SC04 `pārzinis` is not a valid value for `role`" in out
    assert "hint: the format's words are English: `pārzinis` is written `controller`" in out
    assert "abele.yaml:8:16: SC03 `transfers` must be a list (or `none` or `unknown`)" in out
    assert "`nav` is written `none`" in out
    assert "`nav zināms` is written `unknown`" in out
    assert "starting with `- `" not in out
    latvian = run_ropa("validate", "--lang", "lv", str(register)).stdout
    assert "ieteikums: formāta vārdi ir angliski: `nav` raksta `none`" in latvian


def test_a_table_with_no_known_headings_says_why_on_the_terminal(tmp_path: Path) -> None:
    """Nothing imported is exit 0 with an empty register: the reason must reach the
    person at the terminal, not only the new file's header."""
    sheet = tmp_path / "tabula.csv"
    sheet.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    result = run_ropa("import", str(sheet), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 0
    assert "imported 0 activities" in result.stderr
    assert "no heading row found" in result.stderr
    assert "docs/import.md" in result.stderr
    latvian = run_ropa(
        "import", str(sheet), env={"LANGUAGE": "", "LC_ALL": "", "LANG": "lv_LV.UTF-8"}
    )
    assert "virsrakstu rinda nav atrasta" in latvian.stderr


def test_init_asks_again_after_a_wrong_answer(tmp_path: Path) -> None:
    """A role, head count or country ropa cannot take is said at once and asked again,
    instead of ending `ropa init` with an error after the last question."""
    answers = 'SIA "Ābele"\npārzinis\ncontroller\ndaudz\n12\nLatvia\nLV\n\n'
    result = subprocess.run(
        [sys.executable, "-m", "ropa", "init", str(tmp_path)],
        input=answers,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stdout + result.stderr
    assert "`pārzinis` is not a role (use one of: controller, processor" in said
    assert "`daudz` is not a number of employees" in said
    assert "`Latvia` is not an ISO 3166-1 alpha-2 country code" in said
    register = (tmp_path / "registers" / "sia-abele.yaml").read_text(encoding="utf-8")
    assert "role: controller" in register
    assert "employees: 12" in register
    assert "country: LV" in register
    assert "Ābele" in register
    assert run_ropa("validate", str(tmp_path / "registers")).returncode == 0


def test_a_head_count_in_quotes_is_told_to_lose_them(tmp_path: Path) -> None:
    """`registration_number` must be quoted and `employees` must not: the hint says so."""
    register = tmp_path / "skaits.yaml"
    register.write_text(
        'ropa: 1\norganisation:\n  name: X\n  role: controller\n  employees: "12"\n',
        encoding="utf-8",
    )
    result = invoke("validate", str(register))
    assert result.returncode == 1
    assert "skaits.yaml:5:14: SC03 `employees`: expected a whole number" in result.stdout
    assert "hint: write the number without quotes: 12" in result.stdout
