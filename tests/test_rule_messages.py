"""What the issue-11 rules say, through the engine: wording a DPO relies on."""

from __future__ import annotations

from pathlib import Path

from ropa.knowledge.laws import LAWS, laws_cited
from tests.rules.harness import check_text, materialise


def _messages(snippet: str, code: str, tmp_path: Path) -> list[str]:
    findings = check_text(materialise(snippet), tmp_path)
    return [finding.message for finding in findings if finding.code == code]


def test_ex01_says_a_risk_as_art_30_5_does(tmp_path: Path) -> None:
    (message,) = _messages(
        """\
organisation:
  name: SIA "Mazs"
  role: controller
  country: LV
  contact: {email: info@mazs.lv}
  employees: 8
  art30_5_exemption: {claimed: true}
activities:
  - id: patients
    name: Patients
    frequency: occasional
    data_subjects: [{category: patients, vulnerable: true}]
    profiling: {description: Risk scores}
""",
        "EX01",
        tmp_path,
    )
    assert "likely to result in a risk to the rights and freedoms" in message
    assert "high risk" not in message


def test_lb01_names_the_cited_law_instead_of_saying_no_basis(tmp_path: Path) -> None:
    (message,) = _messages(
        """\
activities:
  - id: books
    name: Books
    purposes:
      - purpose: Bookkeeping
        legal_basis: {basis: unknown, law: Grāmatvedības likums}
""",
        "LB01",
        tmp_path,
    )
    assert "“Grāmatvedības likums”" in message
    assert "letter of Art. 6(1) is not stated" in message
    assert "no legal basis" not in message


def test_lb13_names_each_repealed_law_with_its_date(tmp_path: Path) -> None:
    messages = _messages(
        """\
activities:
  - id: a
    name: A
    purposes:
      - purpose: Records
        legal_basis: {basis: legal_obligation, law: Fizisko personu datu aizsardzības likums}
    retention: {period: P5Y, from: invoice date, reason: 'likums „Par grāmatvedību”'}
""",
        "LB13",
        tmp_path,
    )
    assert len(messages) == 2
    assert "is no longer in force since 2018-07-05" in messages[0]
    assert "is no longer in force since 2022-01-01" in messages[1]
    assert "Grāmatvedības likums" in messages[1]


def test_or03_names_the_country_of_a_representative_outside_the_union(tmp_path: Path) -> None:
    (message,) = _messages(
        """\
organisation:
  name: Example Inc.
  role: controller
  contact: {email: privacy@example.com}
  country: US
  representative: {name: Example AG, country: CH}
""",
        "OR03",
        tmp_path,
    )
    assert "outside the Union (CH)" in message
    assert "Art. 27(3)" in message


def test_every_repealed_law_has_a_date_and_a_successor_in_the_list() -> None:
    for law in LAWS.values():
        assert law.sources, law.id
        if not law.in_force:
            assert law.repealed_on is not None, law.id
            assert law.successor in LAWS, law.id
            assert LAWS[law.successor].in_force, law.id


def test_laws_are_recognised_in_their_cited_forms() -> None:
    def ids(text: str) -> list[str]:
        return [law.id for law, _words in laws_cited(text)]

    assert ids("saskaņā ar Fizisko personu datu aizsardzības likuma 7. pantu") == ["FPDAL-2000"]
    assert ids("FIZISKO PERSONU DATU APSTRĀDES LIKUMS") == ["FPDAL"]
    assert ids("Grāmatvedības likums un Komerclikums") == ["GL", "KL"]
    assert ids('likuma "Par grāmatvedību" 10. pants') == ["LPG"]
    assert ids("personal data protection laws of the Union") == []
    assert ids("Darba likumsakarības") == []
