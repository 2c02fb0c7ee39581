"""The quality scorer (benchmarks/quality.py): its matcher on small hand-made cases, its
strict reading of expected.yaml, and the corpus itself held to the floor in floor.toml."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from benchmarks import quality
from benchmarks.quality import Case, Place, QualityError, Seen, parse_place

from tests.conftest import REPO, invoke

FLOOR = quality.CORPUS / "floor.toml"

REGISTER = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  role: controller
  country: LV
  contact: {email: info@piemers.lv}
  dpo: {appointed: true, name: Anna Liepa, contact: {email: dpo@piemers.lv}}
recipients:
  - id: mailer
    name: Mailer SIA
    category: e-pasta pakalpojums
    kind: processor
    country: LV
activities:
  - id: orders
    name: Pasūtījumi
    owner: Valde
    last_review: 2026-10-01
    purposes:
      - purpose: Pasūtījuma izpilde
        legal_basis: {basis: contract}
    data_subjects: [pircēji]
    personal_data: [vārds, adrese]
    sources: [{kind: data_subject}]
    special_categories: none
    criminal_data: none
    national_id: none
    recipients: [mailer]
    transfers: none
    retention: {criteria: "tik ilgi, cik nepieciešams"}
    security_measures: unknown
    profiling: none
    automated_decisions: none
    dpia: {required: false, status: not_required}
  - id: hr.payroll
    name: Algas
    owner: Grāmatvede
    last_review: 2026-10-01
    purposes:
      - purpose: Algu aprēķins
        legal_basis: {basis: legal_obligation, law: Likums par iedzīvotāju ienākuma nodokli}
    data_subjects: [darbinieki]
    personal_data: [vārds, alga]
    sources: [{kind: data_subject}]
    special_categories: none
    criminal_data: none
    national_id: none
    recipients: none
    transfers: none
    retention: {period: P10Y, from: gada beigas, statute: LV.RET.ACC.PAY}
    security_measures: unknown
    profiling: none
    automated_decisions: none
    dpia: {required: false, status: not_required}
"""


def make_case(root: Path, expected: str, name: str = "lv-test-case") -> Case:
    folder = root / "cases" / name
    folder.mkdir(parents=True)
    (folder / "register.yaml").write_text(REGISTER, encoding="utf-8")
    (folder / "expected.yaml").write_text(expected, encoding="utf-8")
    return Case(name, "cases", folder / "register.yaml", folder / "expected.yaml")


def one_gap(family: str, at: str, why: str) -> str:
    """An expected.yaml with one expected gap."""
    return (
        f"case: lv-test-case\nexpected:\n  - id: E01\n    family: {family}\n"
        f'    article: "5"\n    at: {at}\n    severity: medium\n    why: {why}\n'
    )


def score_of(tmp_path: Path, expected: str) -> quality.CaseScore:
    (result,) = quality.run([make_case(tmp_path, expected)])
    return result


# --------------------------------------------------------------------------- locations


def test_a_place_contains_itself_and_what_lies_inside_it() -> None:
    activity = parse_place("activity:orders")
    retention = Place("activity", "orders", "retention")
    assert activity.contains(retention)
    assert activity.contains(activity)
    assert retention.contains(retention)
    assert not retention.contains(activity)  # the whole is not inside its part
    assert not retention.contains(Place("activity", "orders", "purposes"))  # beside it
    assert not activity.contains(Place("activity", "other", "retention"))
    assert parse_place("register").contains(retention)
    assert not Place("organisation").contains(Place("register"))
    assert parse_place("organisation.dpo") == Place("organisation", None, "dpo")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("activity", "is not a location"),
        ("activities:orders", "is not a location"),
        ("activity:", "id after"),
        ("organisation.", "organisation.<key>"),
    ],
)
def test_location_syntax_errors(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_place(text)


def test_score_counts_hits_misses_must_not_and_unexplained() -> None:
    entry = quality.Entry("E01", "RT", Place("activity", "a", "retention"), "vague", "5", "high")
    missed = quality.Entry("E02", "LB", Place("activity", "a", "purposes"), "no basis", "6", "low")
    barred = quality.Entry("N01", "SE", Place("activity", "a"), "measures stated well")
    expectations = quality.Expectations("c", (entry, missed), (barred,))
    findings = [
        Seen("RT02", "warning", Place("activity", "a", "retention"), "vague"),
        Seen("SE01", "warning", Place("activity", "a", "security_measures"), "none"),
        Seen("GV01", "info", Place("activity", "a", "owner"), "no owner"),
        Seen("RT01", "warning", Place("activity", "b", "retention"), "beside"),
    ]
    result = quality.score(expectations, findings)
    assert result.found == [entry]
    assert result.missed == [missed]
    assert [(e.id, f.code) for e, f in result.must_not_hits] == [("N01", "SE01")]
    assert [f.code for f in result.unexplained] == ["GV01", "RT01"]
    figures = quality.figures([result])
    assert figures["recall"] == 0.5
    assert figures["weighted_recall"] == 0.75  # high found (3) of high + low (4)
    assert figures["unexplained_share"] == 0.5
    assert figures["unexplained_share_warning_error"] == 0.3333  # RT01 of three


def test_a_finding_is_present_at_its_related_places_too() -> None:
    there = quality.Entry("E01", "GV", Place("activity", "b", "owner"), "no owner", "24", "low")
    barred = quality.Entry("N01", "GV", Place("activity", "c"), "owner stated elsewhere")
    expectations = quality.Expectations("c", (there,), (barred,))
    merged = Seen(
        "GV01",
        "info",
        Place("activity", "a", "owner"),
        "no owner, also in b and c",
        (Place("activity", "b", "owner"), Place("activity", "c", "owner")),
    )
    alone = Seen("GV01", "info", Place("activity", "d", "owner"), "no owner")
    result = quality.score(expectations, [merged, alone])
    assert result.found == [there]
    assert [(e.id, f.code) for e, f in result.must_not_hits] == [("N01", "GV01")]
    # Explained by one of its places, the merged finding is not unexplained; `alone` is.
    assert result.unexplained == [alone]


def test_recipients_not_stated_match_labels_of_either_family() -> None:
    # AC04's gap (Art. 30(1)(d)) is filed under AC or RC by labellers; both match it, and
    # a must-not entry of either family is hit by it.
    under_rc = quality.Entry("E01", "RC", Place("activity", "a", "recipients"), "none", "30", "low")
    under_ac = quality.Entry("E02", "AC", Place("activity", "b"), "none", "30", "low")
    expectations = quality.Expectations("c", (under_rc, under_ac), ())
    ac04 = Seen(
        "AC04",
        "error",
        Place("activity", "a", "recipients"),
        "2 activities",
        (Place("activity", "b", "recipients"),),
    )
    result = quality.score(expectations, [ac04])
    assert result.found == [under_rc, under_ac]
    assert not result.unexplained
    # Another AC rule at the same place does not stand for RC.
    ac13 = Seen("AC13", "warning", Place("activity", "a", "recipients"), "open list")
    assert quality.score(expectations, [ac13]).missed == [under_rc, under_ac]


def test_judged_findings_split_the_unexplained_into_gaps_and_noise() -> None:
    expectations = quality.Expectations("c", (), ())
    kept = Seen("AC22", "info", Place("activity", "a", "sources"), "open")
    dropped = Seen("TR06", "info", Place("activity", "a", "transfers"), "open")
    unjudged = Seen("SE01", "warning", Place("activity", "a", "security_measures"), "none")
    verdicts = {
        ("AC22", "activity:a.sources"): "keep",
        ("TR06", "activity:a.transfers"): "drop",
        ("RT02", "activity:a.retention"): "keep",  # stale: no such finding any more
    }
    result = quality.score(expectations, [kept, dropped, unjudged], verdicts=verdicts)
    assert result.judged_keep == [kept]
    assert result.judged_drop == [dropped]
    assert result.noise == [dropped, unjudged]
    figures = quality.figures([result])
    assert (figures["unexplained"], figures["judged_gaps"], figures["judged_noise"]) == (3, 1, 1)
    assert figures["unjudged"] == 1
    assert figures["noise_share"] == 0.6667
    assert figures["noise_share_warning_error"] == 1.0  # SE01, the one warning, unjudged
    assert figures["recall"] is None  # a verdict never counts as a found label


def judged_case(tmp_path: Path, judgements: str) -> quality.CaseScore:
    case = make_case(tmp_path, "case: lv-test-case\n")
    path = tmp_path / "judged.yaml"
    path.write_text(judgements, encoding="utf-8")
    return quality.check_case(case.register, case.expected, case.name, case.group, path)


def test_a_judgements_file_is_read_and_applied(tmp_path: Path) -> None:
    result = judged_case(
        tmp_path,
        "case: lv-test-case\nrules_at: 0000000\nfindings:\n"
        "  - code: RT02\n    at: activity:orders.retention\n    verdict: keep\n"
        "    why: Kept as long as necessary is no period.\n",
    )
    assert [f.code for f in result.judged_keep] == ["RT02"]
    assert all(f.code != "RT02" for f in result.noise)


@pytest.mark.parametrize(
    ("judgements", "words"),
    [
        ("case: other\nfindings: []\n", "must be the case's name"),
        ("case: lv-test-case\nverdicts: []\n", "unknown key `verdicts`"),
        (
            "case: lv-test-case\nfindings:\n  - {code: RT02, at: activity:orders.retention,"
            " verdict: maybe, why: x}\n",
            "not a verdict",
        ),
        (
            "case: lv-test-case\nfindings:\n  - {code: RT2, at: activity:orders.retention,"
            " verdict: keep, why: x}\n",
            "not a rule code",
        ),
        (
            "case: lv-test-case\nfindings:\n  - {code: RT02, at: activity:nowhere,"
            " verdict: keep, why: x}\n",
            "no activity with id `nowhere`",
        ),
        (
            "case: lv-test-case\nfindings:\n  - {code: RT02, at: activity:orders.retention,"
            " verdict: keep}\n",
            "`why` is required",
        ),
        (
            "case: lv-test-case\nfindings:\n"
            "  - {code: RT02, at: activity:orders.retention, verdict: keep, why: x}\n"
            "  - {code: RT02, at: activity:orders.retention, verdict: drop, why: y}\n",
            "judged twice",
        ),
    ],
)
def test_a_bad_judgements_file_names_line_and_problem(
    tmp_path: Path, judgements: str, words: str
) -> None:
    with pytest.raises(QualityError, match=r"judged\.yaml:\d+:\d+: .*" + words):
        judged_case(tmp_path, judgements)


# --------------------------------------------------------------------------- real checks


def test_one_gap_in_two_activities_is_found_at_the_second(tmp_path: Path) -> None:
    case = make_case(tmp_path, one_gap("GV", "activity:hr.payroll.owner", "Nobody answers."))
    unowned = REGISTER.replace("    owner: Valde\n", "").replace("    owner: Grāmatvede\n", "")
    case.register.write_text(unowned, encoding="utf-8")
    (result,) = quality.run([case])
    assert [e.id for e in result.found] == ["E01"]
    (gv01,) = [f for f in result.findings if f.code == "GV01"]
    assert str(gv01.place) == "activity:orders.owner"
    assert [str(place) for place in gv01.also] == ["activity:hr.payroll.owner"]


def test_a_real_finding_inside_the_location_is_a_hit(tmp_path: Path) -> None:
    result = score_of(tmp_path, one_gap("RT", "activity:orders", "Retention is vague."))
    assert [e.id for e in result.found] == ["E01"]
    assert not result.missed
    assert any(f.code == "RT02" for f in result.findings)


def test_a_finding_beside_the_location_is_a_miss_and_unexplained(tmp_path: Path) -> None:
    result = score_of(tmp_path, one_gap("RT", "activity:hr.payroll.retention", "Flag it."))
    assert [e.id for e in result.missed] == ["E01"]
    rt02 = [f for f in result.unexplained if f.code == "RT02"]
    assert [str(f.place) for f in rt02] == ["activity:orders.retention"]


def test_a_finding_of_a_must_not_entry_is_a_hit_listed(tmp_path: Path) -> None:
    result = score_of(
        tmp_path,
        """\
case: lv-test-case
expected: []
must_not:
  - id: N01
    family: SE
    at: activity:orders.security_measures
    why: Pretend the notice described its measures well.
""",
    )
    assert [(e.id, f.code) for e, f in result.must_not_hits] == [("N01", "SE01")]
    assert all(f.code != "SE01" or f.place.ident != "orders" for f in result.unexplained)


def test_findings_map_to_ids_with_dots_and_to_catalogue_entries(tmp_path: Path) -> None:
    result = score_of(tmp_path, "case: lv-test-case\n")
    # SE01 reports the two silent activities once; the dotted id is one of its places.
    places = {(f.code, str(place)) for f in result.findings for place in f.places}
    assert ("SE01", "activity:hr.payroll.security_measures") in places
    assert ("RC01", "recipient:mailer.contract") in places


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        (
            "  - {id: E01, family: XX, article: '6', at: register, severity: low, why: w}\n",
            "7:",
            "`XX` is not a rule family",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: 'activity orders', severity: low, "
            "why: w}\n",
            "7:",
            "is not a location",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: 'activity:nope', severity: low, why: w}\n",
            "7:",
            "no activity with id `nope`",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: 'activity:nope.retention', "
            "severity: low, why: w}\n",
            "7:",
            "no activity with id `nope`",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: 'activity:orders.color', severity: low, "
            "why: w}\n",
            "7:",
            "`color` is not a key of a activity",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: 'recipient:orders', severity: low, "
            "why: w}\n",
            "7:",
            "no recipient with id `orders`",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: register, severity: huge, why: w}\n",
            "7:",
            "`huge` is not a severity",
        ),
        (
            "  - {id: E01, family: LB, at: register, severity: low, why: w}\n",
            "7:",
            "`article` is required",
        ),
        (
            "  - {id: E01, family: LB, article: 6, at: register, severity: low, why: w}\n",
            "7:",
            "`article` .*must be text",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: register, severity: low, why: w, x: 1}\n",
            "7:",
            "unknown key `x`",
        ),
        (
            "  - {id: E01, family: LB, article: '6', at: register, severity: low, why: w}\n"
            "  - {id: E01, family: RT, article: '5', at: register, severity: low, why: w}\n",
            "8:",
            "used twice",
        ),
    ],
)
def test_invalid_expected_files_are_clear_errors(
    tmp_path: Path, body: str, where: str, words: str
) -> None:
    text = "case: lv-test-case\n# a comment\n\n\n\nexpected:\n" + body
    with pytest.raises(QualityError, match=words) as caught:
        score_of(tmp_path, text)
    assert f"cases/lv-test-case/expected.yaml:{where}" in str(caught.value)


def test_wrong_case_name_and_broken_yaml_are_errors(tmp_path: Path) -> None:
    with pytest.raises(QualityError, match="must be the folder name"):
        score_of(tmp_path / "a", "case: other\n")
    with pytest.raises(QualityError, match=r"expected.yaml:3:1: did not find"):
        score_of(tmp_path / "b", "case: lv-test-case\nexpected: [\n")


def test_an_invalid_register_is_an_error_not_a_score(tmp_path: Path) -> None:
    case = make_case(tmp_path, "case: lv-test-case\n")
    case.register.write_text("ropa: 1\norganisation: {name: X}\n", encoding="utf-8")
    with pytest.raises(QualityError, match="is not a valid register"):
        quality.run([case])


# --------------------------------------------------------------------------- the corpus

CORPUS_CASES = [case for case in quality.discover() if case.group == "cases"]
ALL_CASES = quality.discover()


def test_the_corpus_has_cases() -> None:
    assert len(CORPUS_CASES) >= 8


@pytest.mark.parametrize("case", CORPUS_CASES, ids=lambda case: case.name)
def test_every_case_has_its_three_files_and_a_valid_register(case: Case, tmp_path: Path) -> None:
    folder = case.register.parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "expected.yaml",
        "register.yaml",
        "source.md",
    ]
    source = (folder / "source.md").read_text(encoding="utf-8")
    # An address line; for a notice stored in a public repository it names the repository
    # and file rather than a web address.
    assert "address" in source.lower(), "source.md names where the notice was found"
    # Validated on its own: beside expected.yaml, a file named register.yaml would make
    # its folder a split register (see tests/quality/README.md).
    alone = tmp_path / f"{case.name}.yaml"
    alone.write_bytes(case.register.read_bytes())
    result = invoke("validate", str(alone))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def corpus_scores() -> list[quality.CaseScore]:
    # Raises QualityError, failing every test that uses it, when any expected.yaml is
    # invalid: unknown family, bad location, an id the register does not have.
    return quality.run(ALL_CASES)


def test_the_corpus_holds_the_floor(corpus_scores: list[quality.CaseScore]) -> None:
    floor = tomllib.loads(FLOOR.read_text(encoding="utf-8"))
    report = quality.report(corpus_scores)
    for group, limits in floor.items():
        totals = report["totals"][group]
        assert totals["cases"] >= limits["cases_min"], group
        assert totals["recall"] >= limits["recall_min"], (group, totals["recall"])
        assert totals["weighted_recall"] >= limits["weighted_recall_min"], group
        assert totals["must_not_hits"] <= limits["must_not_hits_max"], (
            group,
            [
                (s.case, e.id, f.code)
                for s in corpus_scores
                if group == "all" or s.group == {"unseen": "cases"}.get(group, group)
                for e, f in s.must_not_hits
            ],
        )
        if "noise_warning_error_share_max" in limits:
            # Warnings and errors matching no label and not judged a gap afterwards.
            noise = totals["noise_share_warning_error"]
            assert noise <= limits["noise_warning_error_share_max"], (group, noise)
        if "noise_share_max" in limits:
            # All findings, notes included, matching no label and not judged a gap.
            assert totals["noise_share"] <= limits["noise_share_max"], (
                group,
                totals["noise_share"],
            )


def test_the_command_prints_the_table_and_json() -> None:
    name = CORPUS_CASES[0].name
    process = subprocess.run(
        [sys.executable, "benchmarks/quality.py", "--case", name, "--list-misses"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    assert name in process.stdout
    assert "TOTAL" in process.stdout
    process = subprocess.run(
        [sys.executable, "benchmarks/quality.py", "--case", name, "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(process.stdout)
    assert [case["case"] for case in data["cases"]] == [name]
    assert set(data["families"]["all"]) >= set(quality.FAMILIES)


def test_the_command_refuses_an_unknown_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert quality.main(["--case", "no-such-case"]) == 2
    assert "no case named no-such-case" in capsys.readouterr().err
