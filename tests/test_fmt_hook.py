"""The `ropa-fmt` hook of .pre-commit-hooks.yaml, run by the real pre-commit framework:
it rewrites an unformatted register (so the commit stops, as for every formatter hook),
and lets the formatted one through."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.test_pre_commit import PRE_COMMIT, git, hook_ids, snapshot_of_this_repository

UNFORMATTED = """\
# yaml-language-server: $schema=../schemas/ropa.schema.json
organisation:
  role: controller   # Art. 30(1)
  name: SIA "Piemērs"
ropa: 1
"""
FORMATTED = """\
# yaml-language-server: $schema=../schemas/ropa.schema.json
ropa: 1
organisation:
  name: SIA "Piemērs"
  role: controller   # Art. 30(1)
"""


def test_ropa_fmt_is_a_hook() -> None:
    assert "ropa-fmt" in hook_ids()


@pytest.mark.slow
def test_the_real_pre_commit_runs_ropa_fmt(tmp_path: Path) -> None:
    hooks_repo = tmp_path / "ropa"
    revision = snapshot_of_this_repository(hooks_repo)
    project = tmp_path / "project"
    (project / "registers").mkdir(parents=True)
    (project / "ci").mkdir()
    git("init", "-q", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo}\n    rev: {revision}\n    hooks:\n      - id: ropa-fmt\n",
        encoding="utf-8",
    )
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "DPO",
        "GIT_AUTHOR_EMAIL": "dpo@example.lv",
        "GIT_COMMITTER_NAME": "DPO",
        "GIT_COMMITTER_EMAIL": "dpo@example.lv",
    }
    install = subprocess.run(
        [*PRE_COMMIT, "install"], cwd=project, env=environment, capture_output=True, text=True
    )
    assert install.returncode == 0, install.stdout + install.stderr

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "-A"], cwd=project, check=True)
        return subprocess.run(
            ["git", "commit", "-m", message],
            cwd=project,
            env=environment,
            capture_output=True,
            text=True,
            timeout=900,
        )

    register = project / "registers" / "acme.yaml"
    register.write_text(UNFORMATTED, encoding="utf-8")
    other_yaml = project / "ci" / "pipeline.yaml"  # not a register: outside `registers/`
    other_yaml.write_text("b: 1\na: 2\n", encoding="utf-8")
    first = commit("an unformatted register")
    shown = first.stdout + first.stderr
    assert first.returncode != 0, shown
    assert "ropa fmt" in shown
    assert "files were modified by this hook" in shown
    assert "reformatted registers/acme.yaml" in shown
    assert register.read_text(encoding="utf-8") == FORMATTED
    assert other_yaml.read_text(encoding="utf-8") == "b: 1\na: 2\n"

    second = commit("the formatted register")
    shown = second.stdout + second.stderr
    assert second.returncode == 0, shown
    assert "Passed" in shown
    assert git("log", "--format=%s", cwd=project).stdout.splitlines() == ["the formatted register"]
