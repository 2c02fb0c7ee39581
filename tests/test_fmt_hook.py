"""The `ropa-fmt` hook of .pre-commit-hooks.yaml, run by the real pre-commit framework:
it rewrites an unformatted register (so the commit stops, as for every formatter hook),
and lets the formatted one through."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_pre_commit import git, hook_ids, project_with_hooks

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
    hooks = project_with_hooks(tmp_path, ["ropa-fmt"])
    project = hooks.root
    commit = hooks.commit
    (project / "ci").mkdir()

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
