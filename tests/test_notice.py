"""`ropa notice`: a privacy-notice draft (Arts 13 and 14) from a register, through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa.knowledge.latvia import SUPERVISORY_AUTHORITY
from ropa.notice.wording import WORDING
from tests.conftest import FIXTURES, REPO, SEED_REGISTERS, UPDATE_GOLDEN, invoke, run_ropa

SMALL = FIXTURES / "notice" / "small-shop.yaml"
EXAMPLES = REPO / "docs" / "examples"
GAP = {"lv": "**[JĀPAPILDINA: ", "en": "**[TO COMPLETE: "}


def notice(*args: str) -> str:
    result = invoke("notice", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def words(key: str, language: str) -> str:
    return WORDING[key].pick(language)


@pytest.mark.parametrize("language", ["lv", "en"])
def test_every_element_of_articles_13_and_14_is_drafted(language: str) -> None:
    text = notice(str(SMALL), "--lang", language)
    # Identity and contact details, the DPO decision, purposes with their bases.
    assert 'SIA "Ķīmija un Ūdens"' in text
    assert "dati@example.lv" in text
    assert "+371 60000000" in text
    assert words("no_dpo", language) in text
    if language == "lv":
        assert "Piegādāt pasūtītās preces — juridiskais pamats: līguma izpilde" in text
        assert "VDAR 6. panta 1. punkta c) apakšpunkts" in text
        assert "Tiesību akts: Grāmatvedības likums, 28. pants." in text
        assert "5 gadi (termiņu skaita no: darījuma dienas)" in text
        assert "3 mēneši (termiņu skaita no: piekrišanas atsaukuma)" in text
        assert "Amerikas Savienotās Valstis: ar Eiropas Komisijas pieņemtām standarta" in text
    else:
        assert "To deliver the goods ordered — legal basis: performance of a contract" in text
        assert "5 years (counted from: the date of the transaction)" in text
        assert "United States: under standard data protection clauses" in text
    # Recipients by category (with the name where known), no recipients, no transfers.
    assert words("no_recipients", language) in text
    assert words("no_transfers", language) in text
    assert "(Example Cloud Inc.)" in text
    assert words("no_automated", language) in text
    # Whether the newsletter's decisions are automated, the register does not say: asked
    # once for all such activities, not answered.
    undecided = next(line for line in text.splitlines() if GAP[language] in line and "22" in line)
    assert undecided.endswith(("Jaunumu vēstules.", "Newsletter."))
    # The complaint to the DVI, with its sourced contact details.
    for detail in SUPERVISORY_AUTHORITY[2:6]:
        assert detail in text


@pytest.mark.parametrize("language", ["lv", "en"])
def test_rights_follow_the_legal_bases(language: str) -> None:
    text = notice(str(SMALL), "--lang", language)
    rights = text.split(f"## {words('h_rights', language)}")[1].split("\n## ")[0]
    withdrawal, erasure, portability = (
        line
        for line in rights.splitlines()
        if re.search(r"7\. panta 3|7\(3\)|17\. pants|Art\. 17|20\. pants|Art\. 20", line)
    )
    newsletter = "Jaunumu vēstules" if language == "lv" else "Newsletter"
    orders = "Pasūtījumu izpilde" if language == "lv" else "Fulfilling orders"
    # Consent only for the newsletter; portability (consent, contract) names automation.
    assert newsletter in withdrawal
    assert orders not in withdrawal
    assert orders in erasure
    assert newsletter in erasure
    assert "automat" in portability
    # No activity rests on (e) or (f): no right to object.
    assert "21" not in rights.replace("2021", "")


def test_legitimate_interests_and_objection(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    register.write_text(
        "ropa: 1\norganisation: {name: X, role: controller}\nactivities:\n"
        "  - id: cctv\n    name: Videonovērošana\n    purposes:\n"
        "      - purpose: Īpašuma aizsardzība\n"
        "        legal_basis: {basis: legitimate_interests}\n",
        encoding="utf-8",
    )
    text = notice(str(register), "--lang", "lv")
    assert GAP["lv"] + words("gap_interest", "lv") in text
    assert "Tiesības iebilst (VDAR 21. pants) — attiecībā uz: Videonovērošana" in text
    assert "pārnesamību" not in text
    assert "atsaukt piekrišanu" not in text


def test_unknown_and_silence_become_placeholders_never_sentences() -> None:
    # e-shop.yaml: name, address, contact, dpo, transfers are all `unknown`.
    text = notice("registers/e-shop.yaml", "--lang", "en")
    for gap in ("gap_name", "gap_address", "gap_contact", "gap_dpo", "gap_transfers"):
        assert GAP["en"] + words(gap, "en") in text
    assert words("no_dpo", "en") not in text
    assert words("no_transfers", "en") not in text
    assert words("no_recipients", "en") not in text


def test_html_is_one_escaped_page(tmp_path: Path) -> None:
    target = tmp_path / "notice.html"
    result = invoke("notice", str(SMALL), "--format", "html", "--lang", "lv", "-o", str(target))
    assert result.returncode == 0
    page = target.read_text(encoding="utf-8")
    gaps = page.count('<mark class="gap">') - 1  # less the sign explained in the preamble
    form = "vieta" if gaps % 10 == 1 and gaps % 100 != 11 else "vietas" if gaps else "vietu"
    assert f"{target}: jāpapildina {gaps} {form}" in result.stderr
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="lv">' in page
    assert "&lt;b&gt;reizi mēnesī&lt;/b&gt;" in page
    assert "<b>" not in page
    assert '<mark class="gap">[JĀPAPILDINA: ' in page
    assert "<script" not in page
    assert "http" not in page.split("<body>")[0]


def test_markdown_escapes_register_text() -> None:
    text = notice(str(SMALL), "--lang", "lv")
    assert r"\<b\>reizi mēnesī\</b\>" in text


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("ropa: 1\norganisation: {role: nobody}\n", encoding="utf-8")
    result = invoke("notice", str(broken))
    assert result.returncode == 2
    assert f"{broken}:2:22: SC04" in result.stderr
    missing = invoke("notice", str(tmp_path / "nothing.yaml"))
    assert missing.returncode == 2
    wrong = invoke("notice", str(SMALL), "--lang", "de")
    assert wrong.returncode == 2


def test_a_real_process_writes_latvian_letters(tmp_path: Path) -> None:
    result = run_ropa("notice", str(SMALL), "--lang", "lv", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Ķīmija un Ūdens" in result.stdout
    assert "Jūsu tiesības" in result.stdout


@pytest.mark.parametrize("path", SEED_REGISTERS, ids=lambda path: path.stem)
@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_examples_in_the_docs_are_what_the_command_writes(
    path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    text = notice(f"registers/{path.name}", "--lang", language)
    example = EXAMPLES / f"notice-{path.stem}.{language}.md"
    if UPDATE_GOLDEN:
        example.write_text(text, encoding="utf-8")
    assert example.read_text(encoding="utf-8") == text, (
        f"{example.name} is stale: regenerate with ROPA_UPDATE_GOLDEN=1 and read the diff"
    )


FULL = """\
ropa: 1
organisation:
  name: SIA "Līzings"
  contact: {email: dati@lizings.example}
  role: controller
  dpo:
    appointed: true
    name: Anna Bērziņa
    contact: {email: das@lizings.example}
  joint_controllers:
    - id: partner
      name: AS "Partneris"
      arrangement: {lv: kopīga klientu apkalpošana, en: joint customer service}
activities:
  - id: scoring
    name: {lv: Kredītspējas vērtēšana, en: Credit scoring}
    status: planned
    purposes:
      - purpose: {lv: Novērtēt kredītspēju, en: To assess creditworthiness}
        legal_basis: {basis: contract}
    personal_data:
      - {lv: ienākumi, en: income}
      - category: {lv: kredītvēsture, en: credit history}
        retention: {criteria: {lv: līdz parāda atmaksai, en: until the debt is repaid}}
    sources:
      - {kind: data_subject}
      - {kind: third_party, description: {lv: kredītinformācijas birojs, en: credit bureau}}
    transfers:
      - {country: CH, mechanism: adequacy}
    retention: {period: P1Y6M}
    automated_decisions:
      description: {lv: automātisks kredīta atteikums, en: automatic refusal of credit}
    profiling:
      description: {lv: maksātspējas prognoze, en: a forecast of solvency}
  - id: old
    name: Vecā sistēma
    status: retired
    purposes: [{purpose: Arhīvs, legal_basis: unknown}]
"""


def test_joint_controllers_dpo_sources_decisions_and_statuses(tmp_path: Path) -> None:
    register = tmp_path / "full.yaml"
    register.write_text(FULL, encoding="utf-8")
    text = notice(str(register), "--lang", "lv")
    assert 'AS "Partneris". Mūsu vienošanās būtība: kopīga klientu apkalpošana.' in text
    assert "speciālists: Anna Bērziņa; kontaktinformācija: e-pasts das@lizings.example" in text
    assert "### Kredītspējas vērtēšana (plānota: šī apstrāde vēl nav sākta)" in text
    assert "no Jums; no citām personām (kredītinformācijas birojs)" in text
    assert "Šveice: pamatojoties uz Eiropas Komisijas lēmumu" in text
    assert "1 gads 6 mēneši; kredītvēsture: līdz parāda atmaksai" in text
    assert "automātisks kredīta atteikums; " + GAP["lv"] + words("gap_logic", "lv") in text
    assert "Profilēšana: maksātspējas prognoze." in text
    # A retired activity is not in the notice; adequacy needs no copy of safeguards.
    assert "Vecā sistēma" not in text
    assert words("gap_copy", "lv") not in text


OPEN = """\
ropa: 1
organisation: {name: X, role: controller_and_processor}
activities:
  - id: archive
    name: Arhīvs
    purposes:
      - purpose: Vēsturisku dokumentu glabāšana
        legal_basis: {basis: undecided, candidates: [legal_obligation, public_task]}
      - purpose: Likumā noteiktā uzskaite
        legal_basis: {basis: unknown, law: Arhīvu likums}
    retention: {period: permanent}
  - id: forms
    name: Veidlapas
    purposes: [{purpose: Pieteikumi, legal_basis: {basis: consent}}]
    retention: {period: indefinite}
  - id: hosting
    name: Klientu vietņu uzturēšana
    role: processor
    purposes: [{purpose: Mitināšana, legal_basis: {basis: contract}}]
"""


def test_undecided_bases_open_periods_and_processor_activities(tmp_path: Path) -> None:
    register = tmp_path / "open.yaml"
    register.write_text(OPEN, encoding="utf-8")
    text = notice(str(register), "--lang", "lv")
    assert (
        "Vēsturisku dokumentu glabāšana — juridiskais pamats: "
        + GAP["lv"]
        + ("reģistrā nav izšķirts starp: juridisks pienākums")
        in text
    )
    assert "Tiesību akts: Arhīvu likums." in text
    assert "Cik ilgi mēs tos glabājam: pastāvīgi." in text
    forms = text.split("### Veidlapas")[1].split("###")[0]
    assert GAP["lv"] + words("gap_retention", "lv") in forms
    rights = text.split("## Jūsu tiesības")[1]
    assert GAP["lv"] + words("gap_rights", "lv") + "]** — attiecībā uz: Arhīvs" in rights
    # Not from an undecided basis: no objection (public task) is promised.
    assert "iebilst" not in rights
    # The organisation only processes the hosted sites for its clients.
    assert "Klientu vietņu uzturēšana" not in text


def test_a_processor_has_no_notice_to_give(tmp_path: Path) -> None:
    register = tmp_path / "processor.yaml"
    register.write_text(
        "ropa: 1\norganisation: {name: X, role: processor}\n"
        "activities:\n  - id: a\n    name: Mitināšana\n",
        encoding="utf-8",
    )
    text = notice(str(register), "--lang", "lv")
    assert "Mitināšana" not in text
    assert GAP["lv"] + words("gap_no_activities", "lv") in text
