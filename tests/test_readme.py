"""The README's promises: its commands are what CI runs, its examples are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa.validate import validate_paths
from tests.conftest import REPO, invoke

README = (REPO / "README.md").read_text(encoding="utf-8")
FORMAT_DOC = (REPO / "docs" / "format.md").read_text(encoding="utf-8")


def bash_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_readme_starts_with_the_two_commands() -> None:
    first, second = bash_blocks(README)[:2]
    assert "ropa validate registers/" in first
    assert "pytest" in second
    assert ".[fast,test]" in second  # the optional engine is tested too
    assert README.index(first) < README.index("**ropa**")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = bash_blocks(README)[1]
    ci_lines = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert test_command in ci_lines


def yaml_registers(text: str) -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    return [
        block
        for block in blocks
        if re.search(r"^ropa: 1$", block, flags=re.M)
        and re.search(r"^organisation:", block, flags=re.M)
    ]


@pytest.mark.parametrize(
    "block", yaml_registers(README) + yaml_registers(FORMAT_DOC), ids=lambda b: b[:40]
)
def test_every_complete_example_in_the_docs_is_valid(block: str, tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(block, encoding="utf-8")
    result = validate_paths([str(tmp_path / "example.yaml")])
    assert result.findings == [], [f"{f.position} {f.message}" for f in result.findings]


def test_the_tour_output_is_what_ropa_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tour = yaml_registers(README)[0]
    broken = tour.replace("kind: processor", "kind: procesor").replace(
        "recipients: [couriers]", "recipients: [courier]"
    )
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "piemers.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = re.search(r"\$ ropa validate registers/\n(.*?)```", README, flags=re.S)
    assert shown is not None
    result = invoke("validate", "registers/")
    assert result.returncode == 1
    assert result.stdout == shown.group(1)


def test_the_check_output_in_the_tour_is_what_ropa_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "piemers.yaml").write_text(yaml_registers(README)[0], "utf-8")
    monkeypatch.chdir(tmp_path)
    shown = re.search(r"\$ ropa check registers/\n(.*?)```", README, flags=re.S)
    assert shown is not None
    result = invoke("check", "registers/")
    assert result.returncode == 0
    assert result.stdout == shown.group(1)


def test_the_rule_count_in_the_readme_is_right() -> None:
    from ropa.rules import load_rules

    active = [rule for rule in load_rules().values() if not rule.retired]
    assert f"runs {len(active)} coded" in README.replace("\n", " ")
