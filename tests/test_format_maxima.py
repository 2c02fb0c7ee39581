"""What notices say that the format could not, the corpus's later FORMAT-GAPs (issue 11),
through the real parts: validate, fmt, export, notice and check.

A retention given as a maximum (`limit: maximum`) or with a second end (`or_until`,
`whichever`), a security measure of unstated or both kinds, a national identifier whose
justification is `unknown`, an ICO registration (`supervisory_registration`) and a DPO's
certificate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa.fmt import format_text
from tests.conftest import check_findings, invoke, run_ropa, workbook_text

REGISTER = """\
ropa: 1
organisation:
  name: SIA "Madonas Optika"
  registration_number: "40003000001"
  supervisory_registration: ICO data protection fee register, ZA761562
  country: LV
  contact: {email: info@madonasoptika.lv}
  role: controller
  dpo:
    appointed: true
    name: Elga Kišņakova
    contact: {phone: "29641521"}
    certificate: "275"  # "apliecības Nr. 275"
security_measures:
  - id: tom
    name: Atbilstoši tehniskie un organizatoriskie pasākumi
    kind: [technical, organisational]
  - id: held-securely
    name: Personal data held in locked cabinets
    kind: unknown  # the notice does not say
  - id: trained-staff
    name: Staff trained in confidentiality
    kind: organisational
activities:
  - id: eye-tests
    name: {lv: Redzes pārbaudes, en: Eye tests}
    national_id:
      description: personas kods
      justification: unknown  # named, but not why
    retention:
      period: P10Y
      from: the last visit
      or_until: the child's 25th birthday
      whichever: later
    security_measures: [held-securely, trained-staff]
  - id: salon-records
    name: Salon records
    retention:
      period: P6Y
      limit: maximum  # "up to 6 years"
      reason: We are obliged to keep records for up to 6 years.
    security_measures: [tom, trained-staff]
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


def _findings(path: Path) -> list[dict[str, object]]:
    return check_findings(path)


def _codes(findings: list[dict[str, object]], code: str) -> list[dict[str, object]]:
    return [finding for finding in findings if finding["code"] == code]


def _line(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def test_a_register_using_every_new_value_is_valid_in_a_real_process(register: Path) -> None:
    result = run_ropa("validate", str(register))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message", "at"),
    [
        ("      limit: maximum  #", "      limit: minimum  #", "use one of: maximum", "limit"),
        (
            "      period: P6Y",
            "      period: indefinite",
            "`limit: maximum` bounds a period",
            "limit",
        ),
        ("      whichever: later", "      notes: later", "needs `whichever: later`", "retention"),
        (
            "      or_until: the child's 25th birthday",
            "      notes: the child's 25th birthday",
            "add `or_until:`",
            "whichever",
        ),
        ("    kind: [technical, organisational]", "    kind: [technical]", "each once", "kind"),
        (
            "    kind: [technical, organisational]",
            "    kind: [technical, unknown]",
            "`kind: unknown` where the source does not say which",
            "kind",
        ),
        (
            "    kind: [technical, organisational]",
            "    kind: both",
            "or the list `[technical, organisational]` for both, not the text `both`",
            "kind",
        ),
        ('    certificate: "275"', "    certificate: 275", "put it in quotes", "certificate"),
        (
            "    kind: [technical, organisational]",
            "    kind: tehnisks",
            "the format's words are English: `tehnisks` is written `technical`",
            "kind",
        ),
    ],
)
def test_what_the_new_keys_refuse_is_explained_at_its_line(
    register: Path, old: str, new: str, message: str, at: str
) -> None:
    assert old in REGISTER
    broken = REGISTER.replace(old, new, 1)
    register.write_text(broken, encoding="utf-8")
    result = invoke("validate", str(register))
    assert result.returncode == 1, result.stdout
    assert message in result.stdout, result.stdout
    # The error stands at the key it is about (a mapping's error at the mapping's key).
    marker = f"{at}:" if at != "retention" else "    retention:\n      period: P10Y"
    start = broken.index(new.split(":")[0]) if at != "retention" else 0
    line = broken[: broken.index(marker, start)].count("\n") + 1
    assert f":{line}:" in result.stdout, (line, result.stdout)


def test_the_old_values_mean_what_they_meant(tmp_path: Path) -> None:
    """Additive: a register without the new keys validates and reads as before, and
    `justification: unknown` (text to older versions) is now the marker."""
    path = tmp_path / "register.yaml"
    plain = (
        REGISTER.replace('      limit: maximum  # "up to 6 years"\n', "")
        .replace(
            "      or_until: the child's 25th birthday\n      whichever: later\n",
            "",
        )
        .replace("    kind: unknown  # the notice does not say\n", "")
        .replace("    kind: [technical, organisational]\n", "    kind: technical\n")
    )
    path.write_text(plain, encoding="utf-8")
    assert invoke("validate", str(path)).returncode == 0
    document = json.loads(invoke("export", str(path), "--format", "json").stdout)
    measures = {m["id"]: m.get("kind") for m in document["security_measures"]}
    assert measures == {
        "tom": "technical",
        "held-securely": None,
        "trained-staff": "organisational",
    }
    assert "limit" not in document["activities"][1]["retention"]
    assert document["activities"][0]["national_id"]["justification"] == "unknown"


def test_fmt_puts_the_new_keys_in_the_format_order_and_keeps_comments() -> None:
    shuffled = (
        REGISTER.replace(
            '  registration_number: "40003000001"\n'
            "  supervisory_registration: ICO data protection fee register, ZA761562\n",
            "  supervisory_registration: ICO data protection fee register, ZA761562\n"
            '  registration_number: "40003000001"\n',
        )
        .replace(
            '    contact: {phone: "29641521"}\n    certificate: "275"  # "apliecības Nr. 275"\n',
            '    certificate: "275"  # "apliecības Nr. 275"\n    contact: {phone: "29641521"}\n',
        )
        .replace(
            "      period: P10Y\n      from: the last visit\n"
            "      or_until: the child's 25th birthday\n      whichever: later\n",
            "      whichever: later\n      or_until: the child's 25th birthday\n"
            "      from: the last visit\n      period: P10Y\n",
        )
        .replace(
            '      period: P6Y\n      limit: maximum  # "up to 6 years"\n',
            '      limit: maximum  # "up to 6 years"\n      period: P6Y\n',
        )
    )
    assert shuffled != REGISTER
    assert format_text(shuffled) == REGISTER
    assert format_text(REGISTER) == REGISTER


def test_fmt_in_a_real_process_keeps_a_file_that_uses_them(register: Path) -> None:
    result = run_ropa("fmt", "--check", str(register))
    assert result.returncode == 0, result.stdout + result.stderr
    assert register.read_text(encoding="utf-8") == REGISTER


def test_every_exporter_shows_the_new_values(register: Path) -> None:
    markdown_en = invoke("export", str(register), "--format", "markdown", "--lang", "en").stdout
    markdown_lv = invoke("export", str(register), "--format", "markdown", "--lang", "lv").stdout
    csv_out = invoke("export", str(register), "--format", "csv", "--lang", "en").stdout
    for phrase in (
        "Registration with a supervisory authority:** ICO data protection fee register, ZA761562",
        "Elga Kišņakova; Phone: 29641521; Certificate: 275",
        "Or until: the child's 25th birthday; whichever is later",
        "Period (at most): 6 years",
        "Personal data held in locked cabinets (kind not stated)",
        "Atbilstoši tehniskie un organizatoriskie pasākumi (technical, organisational)",
        "personas kods; Justification: unknown",
    ):
        assert phrase in markdown_en, phrase
    for phrase in (
        "Reģistrācija uzraudzības iestādē:** ICO data protection fee register, ZA761562",
        "Sertifikāts: 275",
        "Vai līdz: the child's 25th birthday; atkarībā no tā, kas iestājas vēlāk",
        "Termiņš (ne ilgāk kā): 6 gadi",
        "(veids nav norādīts)",
        "(tehnisks, organizatorisks)",
        "Pamatojums: nav zināms",
    ):
        assert phrase in markdown_lv, phrase
    assert "Period (at most): 6 years" in csv_out
    document = json.loads(invoke("export", str(register), "--format", "json").stdout)
    assert document["organisation"]["supervisory_registration"].endswith("ZA761562")
    assert document["organisation"]["dpo"]["certificate"] == "275"
    kinds = {m["id"]: m["kind"] for m in document["security_measures"]}
    assert kinds["tom"] == ["technical", "organisational"]
    assert kinds["held-securely"] == "unknown"
    retention = document["activities"][0]["retention"]
    assert (retention["or_until"], retention["whichever"]) == ("the child's 25th birthday", "later")
    assert document["activities"][1]["retention"]["limit"] == "maximum"


def test_the_xlsx_workbook_holds_them_in_both_languages(register: Path, tmp_path: Path) -> None:
    out = tmp_path / "ropa.xlsx"
    assert invoke("export", str(register), "-o", str(out)).returncode == 0
    cells = workbook_text(out)
    for phrase in (
        "Reģistrācija uzraudzības iestādē / Registration with a supervisory authority",
        "Sertifikāts / Certificate: 275",
        "Termiņš (ne ilgāk kā) / Period (at most): 6 gadi / 6 years",
        "Vai līdz / Or until: the child's 25th birthday; atkarībā no tā, kas iestājas vēlāk / "
        "whichever is later",
        "veids nav norādīts / kind not stated",
        "tehnisks / technical, organizatorisks / organisational",
        "Pamatojums / Justification: nav zināms / unknown",
    ):
        assert phrase in cells, phrase


def test_the_notice_says_at_most_and_the_later_end(register: Path) -> None:
    english = run_ropa("notice", str(register), "--lang", "en")
    assert english.returncode == 0, english.stderr
    assert "at most 6 years" in english.stdout
    assert (
        "10 years (counted from: the last visit), or until: the child's 25th birthday, "
        "whichever is later" in english.stdout
    )
    latvian = run_ropa("notice", str(register), "--lang", "lv")
    assert "ilgākais termiņš — 6 gadi" in latvian.stdout
    assert "atkarībā no tā, kas iestājas vēlāk" in latvian.stdout


def test_a_measure_of_unstated_kind_is_not_taken_for_a_technical_one(register: Path) -> None:
    """SE03: `eye-tests` has a measure of `kind: unknown` beside an organisational one;
    `salon-records` one of both kinds in the general formula only. Neither describes a
    technical measure."""
    findings = _codes(_findings(register), "SE03")
    messages = {str(f["message"]).split(" is described")[0]: f for f in findings}
    eye_tests = messages["no security measure of `eye-tests`"]
    assert "(`held-securely`: no kind stated" in str(eye_tests["message"])
    assert eye_tests["line"] == _line(REGISTER, "    security_measures: [held-securely")
    salon = messages["no security measure of `salon-records`"]
    assert "(`tom`: no kind stated, or both kinds in general words)" in str(salon["message"])
    assert len(findings) == 2, findings


def test_both_kinds_said_in_concrete_words_are_taken_at_their_word(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(
        REGISTER.replace(
            "Atbilstoši tehniskie un organizatoriskie pasākumi",
            "Šifrēti diski un rakstiski piekļuves noteikumi",
        ),
        encoding="utf-8",
    )
    findings = _codes(_findings(path), "SE03")
    assert ["`salon-records`" in str(f["message"]) for f in findings] == [False], findings


def test_what_se03_said_before_stays(tmp_path: Path) -> None:
    """A kind left out stays quiet, a technical one clears it, organisational alone keeps
    the old message; a measure of unstated kind whose words name a technical measure
    clears it too."""
    path = tmp_path / "register.yaml"
    unknown = "    kind: unknown  # the notice does not say\n"
    cases = {
        "": None,
        "    kind: technical\n": None,
        "    kind: organisational\n": "are all organisational",
    }
    for kind, expected in cases.items():
        path.write_text(REGISTER.replace(unknown, kind), encoding="utf-8")
        messages = [
            str(f["message"])
            for f in _codes(_findings(path), "SE03")
            if "`eye-tests`" in str(f["message"])
        ]
        if expected is None:
            assert messages == [], (kind, messages)
        else:
            assert len(messages) == 1, (kind, messages)
            assert expected in messages[0], (kind, messages)
    path.write_text(REGISTER.replace("locked cabinets", "an encrypted database"), encoding="utf-8")
    assert not [f for f in _codes(_findings(path), "SE03") if "`eye-tests`" in str(f["message"])]


def test_an_unknown_justification_is_reported_as_not_stated(register: Path) -> None:
    (finding,) = _codes(_findings(register), "SD03")
    assert "without a stated justification" in str(finding["message"])
    assert finding["line"] == _line(REGISTER, "    national_id:")


@pytest.mark.parametrize(
    ("second_end", "whichever", "code", "words"),
    [
        ("as long as necessary", "later", "RT02", "as long as necessary"),
        ("indefinitely", "later", "RT21", "indefinitely"),
        ("as long as necessary", "earlier", None, None),
        ("the child's 25th birthday", "later", None, None),
    ],
)
def test_a_later_second_end_decides_how_long(
    tmp_path: Path, second_end: str, whichever: str, code: str | None, words: str | None
) -> None:
    """A second end that applies when later sets the end: no end in its words is vague
    (RT02) or endless (RT21); an earlier one only shortens the period."""
    path = tmp_path / "register.yaml"
    text = REGISTER.replace(
        "      or_until: the child's 25th birthday\n      whichever: later\n",
        f"      or_until: {second_end}\n      whichever: {whichever}\n",
    )
    path.write_text(text, encoding="utf-8")
    findings = _findings(path)
    about = [
        f for f in findings if f["code"] in ("RT02", "RT21") and "`eye-tests`" in str(f["message"])
    ]
    if code is None:
        assert about == [], about
        return
    (finding,) = about
    assert finding["code"] == code
    assert f"\u201c{words}\u201d" in str(finding["message"])
    assert finding["line"] == _line(text, "      or_until:")


def test_the_new_questions_speak_latvian(register: Path, tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(
        REGISTER.replace("or_until: the child's 25th birthday", "or_until: kamēr nepieciešams"),
        encoding="utf-8",
    )
    result = run_ropa(
        "check",
        str(path),
        "--format",
        "json",
        env={"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
    )
    findings = json.loads(result.stdout)["findings"]
    messages: dict[str, list[str]] = {f["code"]: [] for f in findings}
    for finding in findings:
        messages[finding["code"]].append(finding["message"])
    assert any(
        message.startswith("neviens `eye-tests` drošības pasākums nav aprakstīts kā tehnisks")
        for message in messages["SE03"]
    ), messages["SE03"]
    assert any("līdz vēlākajām no termiņa beigām" in message for message in messages["RT02"])
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "register.yaml").write_text(
        REGISTER.replace("      whichever: later\n", ""), encoding="utf-8"
    )
    refused = run_ropa(
        "validate",
        str(broken / "register.yaml"),
        env={"LANG": "lv_LV.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
    )
    assert refused.returncode == 1
    assert "otrajām beigām (`or_until:`) vajag `whichever: later`" in refused.stdout
