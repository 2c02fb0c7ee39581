"""The hooks in .pre-commit-hooks.yaml, installed and run by the real pre-commit framework.

pre-commit installs the hooks from a git repository at a revision, so the test snapshots
this working tree (tracked and new files, as they are now) into a temporary repository.
Installing the hook environment downloads the dependencies from the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ropa.yamlio import parse_fast
from tests.conftest import REPO
from tests.test_check_cli import CLEAN

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )


def snapshot_of_this_repository(target: Path) -> str:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in files:
        source = REPO / name
        if source.is_file():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target).stdout.strip()


def hook_ids() -> list[str]:
    document = parse_fast((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"), "h")
    return [hook["id"] for hook in document.data]


@dataclass
class HookProject:
    """A git repository whose commits run the given hooks, installed by real pre-commit."""

    root: Path
    environment: dict[str, str]

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "-A"], cwd=self.root, check=True)
        return subprocess.run(
            ["git", "commit", "-m", message],
            cwd=self.root,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=900,
        )


def project_with_hooks(tmp_path: Path, hooks: list[str]) -> HookProject:
    """A project with `registers/`, whose .pre-commit-config.yaml uses `hooks` from a
    snapshot of this repository; `pre-commit install` has run."""
    hooks_repo = tmp_path / "ropa"
    revision = snapshot_of_this_repository(hooks_repo)
    project = tmp_path / "project"
    (project / "registers").mkdir(parents=True)
    git("init", "-q", cwd=project)
    config = f"repos:\n  - repo: {hooks_repo}\n    rev: {revision}\n    hooks:\n"
    config += "".join(f"      - id: {hook}\n" for hook in hooks)
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
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
    return HookProject(project, environment)


@pytest.mark.slow
def test_the_real_pre_commit_stops_a_bad_commit_and_lets_a_good_one_through(
    tmp_path: Path,
) -> None:
    hooks = project_with_hooks(tmp_path, [h for h in hook_ids() if h != "ropa-fmt"])
    project = hooks.root
    commit = hooks.commit

    register = project / "registers" / "acme.yaml"
    register.write_text(CLEAN.replace("role: controller", "role: controler"), encoding="utf-8")
    bad = commit("a register with a typo")
    shown = bad.stdout + bad.stderr
    assert bad.returncode != 0, shown
    assert "ropa validate" in shown
    assert "SC04 `controler` is not a valid value for `role`" in shown
    assert "Failed" in shown

    register.write_text(
        CLEAN.replace("    transfers: none\n", "    transfers: unknown\n").replace(
            "recipients: none", "recipients: [nobody]"
        ),
        encoding="utf-8",
    )
    dangling = commit("a register with a dangling reference")
    assert dangling.returncode != 0
    assert "RF01" in dangling.stdout + dangling.stderr

    register.write_text(
        CLEAN.replace("        legal_basis: {basis: contract}\n", ""), encoding="utf-8"
    )
    gap = commit("a register with a purpose but no legal basis")
    shown = gap.stdout + gap.stderr
    assert gap.returncode != 0, shown
    assert "LB01" in shown
    assert shown.index("ropa validate") < shown.index("Passed") < shown.index("ropa check")

    register.write_text(CLEAN, encoding="utf-8")
    good = commit("a complete register")
    shown = good.stdout + good.stderr
    assert good.returncode == 0, shown
    assert "ropa validate" in shown
    assert "ropa check" in shown
    assert "Passed" in shown
    log = git("log", "--format=%s", cwd=project).stdout.splitlines()
    assert log == ["a complete register"]


def test_every_hook_is_tested_or_belongs_to_fmt() -> None:
    assert {"ropa-validate", "ropa-check"} <= set(hook_ids())


@pytest.mark.slow
def test_with_all_three_hooks_each_problem_is_shown_once(tmp_path: Path) -> None:
    """fmt and check pass over what validate reports; check still fails on it."""
    hooks = project_with_hooks(tmp_path, ["ropa-fmt", "ropa-validate", "ropa-check"])
    register = hooks.root / "registers" / "acme.yaml"
    register.write_text(CLEAN.replace("role: controller", "role: controler"), encoding="utf-8")
    bad = hooks.commit("a register with a typo")
    shown = bad.stdout + bad.stderr
    assert bad.returncode != 0, shown
    assert shown.count("`controler` is not a valid value for `role`") == 1, shown
    assert "registers/acme.yaml: not checked: it does not validate (see ropa validate)" in shown
    assert register.read_text(encoding="utf-8") == CLEAN.replace(
        "role: controller", "role: controler"
    )

    register.write_text(CLEAN.replace("    owner: Head of sales\n", ""), encoding="utf-8")
    gap = hooks.commit("a register with a gap, warnings only")
    shown = gap.stdout + gap.stderr
    assert gap.returncode == 0, shown
    assert shown.count("Passed") == 3, shown
