"""The register version: the git commit of the register's files, or a plain statement."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.vcs import RegisterVersion, register_version

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


def git(directory: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_outside_a_repository_there_is_no_version(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("ropa: 1\n", encoding="utf-8")
    assert register_version([str(tmp_path / "r.yaml")]) == RegisterVersion()


def test_a_committed_register_has_its_commit(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "r.yaml").write_text("ropa: 1\n", encoding="utf-8")
    git(tmp_path, "add", "r.yaml")
    git(tmp_path, "commit", "-q", "-m", "register")
    head = git(tmp_path, "rev-parse", "HEAD")
    version = register_version([str(tmp_path / "r.yaml")])
    assert (version.commit, version.uncommitted_changes) == (head, False)
    (tmp_path / "r.yaml").write_text("ropa: 1\n# changed\n", encoding="utf-8")
    version = register_version([str(tmp_path / "r.yaml")])
    assert (version.commit, version.uncommitted_changes) == (head, True)


def test_the_record_was_created_and_last_changed_on_its_commits_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    register = tmp_path / "r.yaml"
    for day, text in (("2024-01-15", "ropa: 1\n"), ("2024-03-02", "ropa: 1\n# more\n")):
        register.write_text(text, encoding="utf-8")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T12:00:00+00:00")
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T12:00:00+00:00")
        git(tmp_path, "add", "r.yaml")
        git(tmp_path, "commit", "-q", "-m", day)
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2024-06-01T12:00:00+00:00")
    git(tmp_path, "add", "other.txt")
    git(tmp_path, "commit", "-q", "-m", "not the register")
    version = register_version([str(register)])
    assert version.created == dt.date(2024, 1, 15)
    assert version.updated == dt.date(2024, 3, 2)


def test_changes_to_other_files_do_not_count(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "r.yaml").write_text("ropa: 1\n", encoding="utf-8")
    git(tmp_path, "add", "r.yaml")
    git(tmp_path, "commit", "-q", "-m", "register")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert not register_version([str(tmp_path / "r.yaml")]).uncommitted_changes


def test_a_repository_without_commits_has_no_version(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "r.yaml").write_text("ropa: 1\n", encoding="utf-8")
    assert register_version([str(tmp_path / "r.yaml")]) == RegisterVersion()


def test_no_git_at_all_is_no_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert register_version([str(tmp_path / "r.yaml")]) == RegisterVersion()
