"""`ropa coverage`: a published policy against the register, both ways, through the CLI.

The five seed policies (tests/fixtures/policies) are the texts the example registers were
written from, so coverage must be near-complete both ways; planted omissions on either
side must then be found at the right line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ropa.coverage.policy import Passage, html_passages
from tests.conftest import FIXTURES, REPO, invoke, run_ropa

POLICIES = FIXTURES / "policies"
SEEDS = ["nm-power", "kilowats", "e-shop", "micrec", "website"]
SMALL = FIXTURES / "notice" / "small-shop.yaml"


def coverage_json(register: Path | str, policy: Path | str) -> tuple[int, dict[str, Any]]:
    result = invoke("coverage", str(register), "--policy", str(policy), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def unbacked(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [claim for claim in report["claims"] if not claim["backed"]]


def undisclosed(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [element for element in report["elements"] if not element["disclosed"]]


def line_of(path: Path, snippet: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} not in {path}")


@pytest.mark.parametrize("name", SEEDS)
def test_the_seed_policies_and_their_registers_nearly_agree(name: str) -> None:
    _, report = coverage_json(REPO / "registers" / f"{name}.yaml", POLICIES / f"{name}.txt")
    summary = report["summary"]
    assert summary["elements"] >= 10
    assert summary["claims"] >= 4
    # Near-complete both ways: at most one element in twenty undisclosed and one claim in
    # eight unbacked, or one of each (measured figures: docs/coverage.md).
    assert summary["elements"] - summary["disclosed"] <= max(1, 0.05 * summary["elements"])
    assert summary["claims"] - summary["backed"] <= max(1, 0.15 * summary["claims"])
    for element in report["elements"]:
        if element["disclosed"]:
            assert element["reason"]
            assert element["policy_line"] >= 1
    for claim in report["claims"]:
        location = claim["backing"][0] if claim["backing"] else ""
        assert (
            not claim["backed"]
            or re.match(rf"registers/{name}\.yaml:\d+ ", location)
            or (location.startswith(str(REPO)))
        )


def test_each_match_is_explained_with_both_places() -> None:
    result = invoke("coverage", "registers/micrec.yaml", "--policy", str(POLICIES / "micrec.txt"))
    policy = POLICIES / "micrec.txt"
    identify = line_of(policy, "Identificēt personas")
    assert re.search(
        rf'registers/micrec\.yaml:\d+: purpose "Identificēt personas" → {re.escape(str(policy))}:'
        rf"{identify}: words `identificet`",
        result.stdout,
    )
    assert "literally info@micrec.lv" in result.stdout
    assert 'names the basis: "legitimas intereses"' in result.stdout


def _remove_purpose(text: str, purpose: str) -> str:
    """The register without the purpose whose Latvian text is `purpose` (its whole entry)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"lv: {purpose}") - 1
    assert lines[start].strip() == "- purpose:"
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip()
        or lines[end].lstrip().startswith("#")
        or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return "".join(lines[:start] + lines[end:])


@pytest.mark.parametrize(
    ("name", "purpose", "snippet"),
    [
        ("micrec", "Identificēt personas", "Identificēt personas,"),
        ("e-shop", "Grāmatvedība", "- grāmatvedībai;"),
        ("nm-power", "Ievērot normatīvo aktu prasības", "ievērot normatīvo aktu prasības;"),
    ],
)
def test_a_purpose_removed_from_the_register_is_found(
    name: str, purpose: str, snippet: str, tmp_path: Path
) -> None:
    policy = POLICIES / f"{name}.txt"
    _, before = coverage_json(REPO / "registers" / f"{name}.yaml", policy)
    register = tmp_path / f"{name}.yaml"
    original = (REPO / "registers" / f"{name}.yaml").read_text(encoding="utf-8")
    register.write_text(_remove_purpose(original, purpose), encoding="utf-8")
    code, after = coverage_json(register, policy)
    assert code == 1
    line = line_of(policy, snippet)
    new = [c for c in unbacked(after) if c not in unbacked(before)]
    assert [(c["policy_line"], c["kind"]) for c in new] == [(line, "purpose")]


PLANTED = {
    "period": "Jūsu personas datus mēs glabājam septiņus (7) gadus.",
    "recipient": "Jūsu personas datus mēs nododam apdrošināšanas sabiedrībām.",
    "purpose": "Mēs izmantojam Jūsu personas datus, lai novērtētu Jūsu kredītspēju.",
}


@pytest.mark.parametrize("name", SEEDS)
def test_claims_added_to_a_policy_are_found(name: str, tmp_path: Path) -> None:
    original = (POLICIES / f"{name}.txt").read_text(encoding="utf-8")
    policy = tmp_path / f"{name}.txt"
    policy.write_text(original + "\n\n" + "\n\n".join(PLANTED.values()) + "\n", encoding="utf-8")
    _, before = coverage_json(REPO / "registers" / f"{name}.yaml", POLICIES / f"{name}.txt")
    code, after = coverage_json(REPO / "registers" / f"{name}.yaml", policy)
    assert code == 1
    new = {(c["policy_line"], c["kind"]) for c in unbacked(after)} - {
        (c["policy_line"], c["kind"]) for c in unbacked(before)
    }
    assert new == {(line_of(policy, text), kind) for kind, text in PLANTED.items()}
    period = next(c for c in unbacked(after) if c["kind"] == "period")
    assert period["cue"] == '"septinus (7) gadus" = P7Y'


def test_a_passage_removed_from_the_policy_is_found(tmp_path: Path) -> None:
    original = (POLICIES / "micrec.txt").read_text(encoding="utf-8")
    policy = tmp_path / "micrec.txt"
    policy.write_text(original.replace(" • Identificēt personas,\n", ""), encoding="utf-8")
    code, report = coverage_json(REPO / "registers" / "micrec.yaml", policy)
    assert code == 1
    assert [(e["kind"], e["label"]) for e in undisclosed(report)] == [
        ("purpose", "Identificēt personas")
    ]
    assert re.fullmatch(r"registers/micrec\.yaml:\d+", undisclosed(report)[0]["location"])


def test_a_period_the_policy_no_longer_states_is_found(tmp_path: Path) -> None:
    original = (POLICIES / "e-shop.txt").read_text(encoding="utf-8")
    policy = tmp_path / "e-shop.txt"
    policy.write_text(original.replace("5 gad", "ilgi "), encoding="utf-8")
    _, report = coverage_json(REPO / "registers" / "e-shop.yaml", policy)
    periods = [e for e in undisclosed(report) if e["kind"] == "retention"]
    assert len(periods) == 6
    assert {e["label"] for e in periods} == {"P5Y"}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_durations_numbers_and_words_meet_iso_periods(tmp_path: Path) -> None:
    policy = _write(
        tmp_path / "policy.md",
        "# Privātuma politika\n\n"
        "Pasūtījumu datus glabājam **piecus gadus** no darījuma dienas.\n\n"
        "Jaunumu vēstuļu adresātu datus glabājam 3 mēnešus pēc piekrišanas atsaukuma.\n",
    )
    _, report = coverage_json(SMALL, policy)
    retention = {e["label"]: e for e in report["elements"] if e["kind"] == "retention"}
    assert retention["P5Y"]["disclosed"]
    assert retention["P5Y"]["policy_line"] == 3
    assert retention["P5Y"]["reason"] == '"piecus gadus" = P5Y'
    assert retention["P3M"]["reason"] == '"3 menesus" = P3M'
    assert retention["P3M"]["policy_line"] == 5


def test_a_complete_policy_exits_0_and_html_keeps_its_lines(tmp_path: Path) -> None:
    body = [
        "<html><head><title>Privātums</title>",
        "<script>var x = 'mēs nododam datus ASV, glabājam 9 gadus';</script>",
        "<style>p { color: red }</style></head><body>",
        "<h1>Privātuma politika</h1>",
        "<p>Pārzinis: SIA &quot;Ķīmija un Ūdens&quot;, e-pasts dati@example.lv,"
        " tālr. 60000000.</p>",
        "<p>Jaunumu vēstules sūtām, ja esat devis piekrišanu;",
        "  e-pasta adresi glabājam 3 mēnešus pēc piekrišanas atsaukuma.</p>",
        "<p>Preču piegādei (pirkuma līguma izpilde) izmantojam",
        "  <b>vārdu, uzvārdu</b> un piegādes adresi; kurjeru pakalpojumu sniedzēji un",
        "  mākoņpakalpojumu sniedzēji ASV, ar standarta līguma klauzulām,",
        "  saņem datus. Datus glabājam 5 gadus.</p>",
        "<ul><li>Grāmatvedības uzskaite – juridisks pienākums.</li></ul>",
        "<p>Mēs sūtām jaunumu vēstules reizi mēnesī.</p>",
        "</body></html>",
    ]
    policy = _write(tmp_path / "policy.html", "\n".join(body) + "\n")
    result = invoke("coverage", str(SMALL), "--policy", str(policy))
    assert result.returncode == 0, result.stdout
    assert re.search(
        r"(\d+) of \1 register elements disclosed by the policy; "
        r"(\d+) of \2 policy claims backed",
        result.stdout,
    )
    assert "9 gad" not in result.stdout
    assert "P9Y" not in result.stdout
    _, report = coverage_json(SMALL, policy)
    lines = {e["label"]: e["policy_line"] for e in report["elements"]}
    assert lines["P3M"] == 6
    assert lines["P5Y"] == 8
    assert lines["dati@example.lv, +371 60000000"] == 5
    assert all(e["disclosed"] for e in report["elements"])
    passages = html_passages(policy.read_text(encoding="utf-8"))
    assert passages[0] == Passage(4, "Privātuma politika", heading=True)
    assert passages[1].text.startswith('Pārzinis: SIA "Ķīmija un Ūdens"')
    assert passages[-2] == Passage(12, "Grāmatvedības uzskaite – juridisks pienākums.", True)
    assert not any("var x" in passage.text for passage in passages)


def test_markdown_output_has_the_tables(tmp_path: Path) -> None:
    policy = _write(tmp_path / "policy.txt", "Mēs glabājam datus 7 gadus.\n")
    result = invoke("coverage", str(SMALL), "--policy", str(policy), "--format", "markdown")
    assert result.returncode == 1
    assert "## In the register, not disclosed by the policy" in result.stdout
    assert f"| `{policy}:1` | period |" in result.stdout


def test_bad_input_exits_2_with_the_place(tmp_path: Path) -> None:
    missing = invoke("coverage", str(SMALL), "--policy", str(tmp_path / "none.txt"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
    pdf = _write(tmp_path / "policy.pdf", "%PDF")
    wrong = invoke("coverage", str(SMALL), "--policy", str(pdf))
    assert wrong.returncode == 2
    assert "give the policy as .txt, .md or .html" in wrong.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Privātuma politika\n\nDati glabāti 5 gadus\n".encode()[:20] + b"\xe9\n")
    decoded = invoke("coverage", str(SMALL), "--policy", str(latin))
    assert decoded.returncode == 2
    assert f"{latin}:2: the policy is not UTF-8" in decoded.stderr
    empty = _write(tmp_path / "empty.html", "<html><script>x</script></html>")
    assert invoke("coverage", str(SMALL), "--policy", str(empty)).returncode == 2
    broken = _write(tmp_path / "broken.yaml", "ropa: 1\norganisation: {role: nobody}\n")
    invalid = invoke("coverage", str(broken), "--policy", str(POLICIES / "micrec.txt"))
    assert invalid.returncode == 2
    assert f"{broken}:2:22: SC04" in invalid.stderr
    assert invoke("coverage", str(SMALL)).returncode == 2
    directory = invoke("coverage", str(SMALL), "--policy", str(tmp_path))
    assert directory.returncode == 2
    assert f"{tmp_path} is a directory, not a policy" in directory.stderr


def test_a_real_process_reports_and_exits_1() -> None:
    result = run_ropa(
        "coverage",
        "registers/kilowats.yaml",
        "--policy",
        str(POLICIES / "kilowats.txt"),
        cwd=REPO,
    )
    assert result.returncode == 1
    assert "Claimed by the policy, backed by no activity" in result.stdout
    assert "piekrišanu" in result.stdout  # the policy's words, Latvian letters intact
    assert "register elements disclosed by the policy" in result.stdout


def test_an_english_policy_meets_a_register_written_in_both_languages() -> None:
    policy = POLICIES / "small-shop.en.md"
    code, report = coverage_json(SMALL, policy)
    assert code == 1
    assert undisclosed(report) == []
    assert [(c["kind"], c["policy_line"]) for c in unbacked(report)] == [("recipient", 11)]
    reasons = {e["label"]: e["reason"] for e in report["elements"]}
    assert reasons["P5Y"] == '"five years" = P5Y'
    assert reasons["P3M"] == '"3 months" = P3M'
    assert reasons["United States (scc)"] == 'names "united states"'


def test_a_shared_concept_is_shown_by_its_label_in_the_readers_language() -> None:
    policy = str(POLICIES / "nm-power.txt")
    latvian = invoke("coverage", "registers/nm-power.yaml", "--policy", policy, "--lang", "lv")
    english = invoke("coverage", "registers/nm-power.yaml", "--policy", policy, "--lang", "en")
    # The lexicon's internal names (`purpose_filler`, `data_open_ended`) are not shown.
    for result in (latvian, english):
        assert "purpose_filler" not in result.stdout
        assert "data_open_ended" not in result.stdout
    assert "jēdziens „atvērts datu uzskaitījums”" in latvian.stdout
    assert 'concept "a list of data left open"' in english.stdout
