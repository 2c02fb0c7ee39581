"""Hostile inputs too big or too odd to commit, built in a temporary directory: a 100 MB
file, a big file that is allowed, thousands of files, deep directory trees, links and
loops, directories named like files, named pipes and devices, unreadable files and
directories, non-UTF-8 file names, very long lines, files of many thousands of findings.

Each runs as a real `python -m ropa` process (or a fork of this one, where a case must
run as an unprivileged user), with its wall time and peak memory measured and bounded.
"""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bounded import Outcome, run_forked, run_process, safety_net
from tests.test_hostile import COMMANDS

VALID = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  country: LV
  role: controller
activities:
  - id: orders
    name: Pasūtījumi
"""

# Most cases start a process and read a small file: up to 3.2 s measured under load.
SECONDS = safety_net(3.2)
MEGABYTES = 400
NOBODY = 65534


def ropa(*args: str, cwd: Path, seconds: float = SECONDS, megabytes: int = MEGABYTES) -> Outcome:
    outcome = run_process(args, cwd, seconds=math.ceil(seconds * 2))
    assert "Traceback" not in outcome.output, outcome.output
    assert "internal error" not in outcome.output, outcome.output
    assert outcome.returncode in (0, 1, 2), outcome.output
    assert outcome.seconds < seconds, f"{outcome.seconds:.1f} s"
    assert outcome.peak_mb < megabytes, f"{outcome.peak_mb:.0f} MB"
    return outcome


def findings(outcome: Outcome) -> list[tuple[str, str, int | None]]:
    document = json.loads(outcome.stdout)
    return [(f["code"], f["file"], f["line"]) for f in document["findings"]]


@pytest.fixture(params=COMMANDS)
def command(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


# --------------------------------------------------------------------------- size


def test_a_100_mb_file_is_refused_at_once_without_reading_it(tmp_path: Path, command: str) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.write(VALID.encode())
        line = b"# " + b"x" * 1021 + b"\n"
        for _ in range(100 * 1024):
            stream.write(line)
    assert big.stat().st_size > 100 * 1024 * 1024
    outcome = ropa(command, "-f", "json", "big.yaml", cwd=tmp_path, megabytes=150)
    assert outcome.returncode == 2
    assert findings(outcome) == [("IN03", "big.yaml", None)]


def test_a_file_over_a_lowered_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(VALID + "# " + "x" * (2 * 1024 * 1024) + "\n")
    outcome = ropa("validate", "--max-file-size", "1", "r.yaml", cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stdout.startswith("r.yaml: IN03 file is larger than 1 MiB")


def test_a_big_file_under_the_limit_is_read_and_validated(tmp_path: Path, command: str) -> None:
    activities = "".join(
        f"  - id: a{index}\n    name: {{lv: Darbība {index}, en: Activity {index}}}\n"
        f"    purposes:\n      - purpose: Pakalpojuma sniegšana\n"
        f"        legal_basis: {{basis: contract}}\n"
        f"    retention: {{period: P3Y, from: līguma beigas}}\n    transfers: none\n"
        for index in range(10_000)
    )
    text = VALID + activities
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    assert len(text.encode()) > 2 * 1024 * 1024
    # 16 s measured (check, on a loaded machine); it was killed at 20 s once.
    outcome = ropa(
        command, "-f", "json", "r.yaml", cwd=tmp_path, seconds=safety_net(16), megabytes=400
    )
    document = json.loads(outcome.stdout)
    assert document["summary"]["activities"] == 10_001
    assert not [
        f for f in document["findings"] if f["severity"] == "error" and command == "validate"
    ]


def test_a_one_megabyte_line_and_a_long_key_are_located(tmp_path: Path) -> None:
    (tmp_path / "value.yaml").write_text(VALID + "    notes: " + "ā" * 1_000_000 + "\n")
    (tmp_path / "key.yaml").write_text(VALID + "k" * 1_000_000 + ": x\n")
    (tmp_path / "status.yaml").write_text(VALID + "    status: " + "x" * 5_000_000 + "\n")
    outcome = ropa("validate", "-f", "json", ".", cwd=tmp_path)
    assert outcome.returncode == 1
    assert findings(outcome) == [
        ("YM01", "key.yaml", 9),
        ("SC04", "status.yaml", 9),
    ]
    shown = json.loads(outcome.stdout)["findings"][1]["message"]
    assert len(shown) < 200  # the value is quoted shortened, not five megabytes of it


def test_a_hundred_thousand_unknown_keys_take_seconds_not_minutes(tmp_path: Path) -> None:
    keys = "".join(f"  extra{index}: x\n" for index in range(100_000))
    (tmp_path / "r.yaml").write_text(
        VALID.replace("  role: controller\n", "  role: controller\n" + keys)
    )
    outcome = ropa("validate", "r.yaml", cwd=tmp_path, seconds=safety_net(17))  # 17 s measured
    assert outcome.returncode == 1
    assert outcome.stdout.splitlines()[-1] == "100,000 errors in 1 register (1 file)"


def test_thousands_of_duplicate_keys_take_seconds(tmp_path: Path) -> None:
    keys = "".join(f"  k{index}: x\n" for index in range(30_000))
    (tmp_path / "r.yaml").write_text(VALID + "extra:\n" + keys + keys)
    outcome = ropa("validate", "r.yaml", cwd=tmp_path, seconds=safety_net(5.1))  # 5.1 s measured
    assert outcome.returncode == 1
    assert "YM02 duplicate key `k29999` (first given at line 30009)" in outcome.stdout


def test_thousands_of_dangling_references_take_seconds(tmp_path: Path) -> None:
    recipients = "".join(
        f"  - {{id: r{index}, name: R, kind: processor}}\n" for index in range(3000)
    )
    activities = "".join(
        f"  - {{id: a{index}, name: A, recipients: [x{index}]}}\n" for index in range(3000)
    )
    (tmp_path / "r.yaml").write_text(
        VALID.split("activities:")[0] + "recipients:\n" + recipients + "activities:\n" + activities
    )
    outcome = ropa("validate", "r.yaml", cwd=tmp_path, seconds=safety_net(10.4))  # 10.4 s
    assert outcome.returncode == 1
    assert outcome.stdout.splitlines()[-1] == "3,000 errors in 1 register (1 file)"


# --------------------------------------------------------------------------- many files, deep trees


def test_a_directory_of_thousands_of_files(tmp_path: Path, command: str) -> None:
    for index in range(3000):
        text = VALID if index % 3 else VALID.replace("role: controller", "role: boss")
        (tmp_path / f"r{index:04}.yaml").write_text(text)
    outcome = ropa(command, "-f", "json", ".", cwd=tmp_path, seconds=safety_net(16))  # 16 s
    assert outcome.returncode == 1
    document = json.loads(outcome.stdout)
    assert document["summary"]["files"] == 3000
    assert sum(1 for f in document["findings"] if f["code"] == "SC04") == 1000


def test_a_directory_tree_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    """Was a RecursionError: directories were walked recursively."""
    descriptor = os.open(tmp_path, os.O_RDONLY)
    for _ in range(1200):  # one level at a time: the whole path is too long for one call
        os.mkdir("d", dir_fd=descriptor)
        inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    with os.fdopen(os.open("r.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "w") as f:
        f.write(VALID)
    os.close(descriptor)
    try:
        outcome = ropa("validate", ".", cwd=tmp_path)
        assert outcome.returncode == 0, outcome.stdout[-500:]
        assert outcome.stdout.strip() == "1 register valid (1 file, 1 activity)"
    finally:
        _remove_deep_tree(tmp_path, 1200)


def _remove_deep_tree(root: Path, depth: int) -> None:
    """Delete the tree level by level: pytest's own clean-up of old temporary directories
    recurses, and a tree this deep left behind would crash the next test session."""
    current = os.open(root, os.O_RDONLY)
    for _ in range(depth):
        inner = os.open("d", os.O_RDONLY, dir_fd=current)
        os.close(current)
        current = inner
    os.unlink("r.yaml", dir_fd=current)
    for _ in range(depth):
        parent = os.open("..", os.O_RDONLY, dir_fd=current)
        os.close(current)
        os.rmdir("d", dir_fd=parent)
        current = parent
    os.close(current)
    assert list(root.iterdir()) == []


# --------------------------------------------------------------------------- links and odd files


def test_links_and_loops(tmp_path: Path, command: str) -> None:
    (tmp_path / "real.yaml").write_text(VALID)
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    (tmp_path / "broken.yaml").symlink_to("nowhere.yaml")
    (tmp_path / "loop-a.yaml").symlink_to("loop-b.yaml")
    (tmp_path / "loop-b.yaml").symlink_to("loop-a.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    outcome = ropa(command, "-f", "json", ".", cwd=tmp_path)
    assert outcome.returncode == 2
    assert sorted(f for f in findings(outcome) if f[0].startswith("IN")) == [
        ("IN01", "broken.yaml", None),
        ("IN01", "loop-a.yaml", None),
        ("IN01", "loop-b.yaml", None),
    ]
    given = ropa("validate", "link.yaml", "broken.yaml", "loop-a.yaml", cwd=tmp_path)
    assert given.stdout.splitlines()[:4] == [
        "broken.yaml: IN01 is a broken symbolic link",
        "    hint: point it at a register file",
        "loop-a.yaml: IN01 is a broken symbolic link",
        "    hint: point it at a register file",
    ]


def test_directories_named_like_files(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").mkdir()
    (tmp_path / "acme.yaml" / "register.yaml").write_text(VALID)
    (tmp_path / "empty.yaml").mkdir()
    outcome = ropa("validate", "acme.yaml", "empty.yaml", cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stdout.splitlines()[0] == "empty.yaml: IN04 holds no YAML files (*.yaml, *.yml)"
    assert (
        "acme.yaml"
        in json.loads(ropa("validate", "-f", "json", "acme.yaml", cwd=tmp_path).stdout)["registers"]
    )


def test_a_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(VALID)
    outcome = ropa("validate", "r.yaml/inner.yaml", cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stdout.startswith("r.yaml/inner.yaml: IN01 no such file or directory")


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    """Was a hang: reading a FIFO named like a register waited for a writer forever."""
    os.mkfifo(tmp_path / "pipe.yaml")
    outcome = ropa(command, "-f", "json", ".", cwd=tmp_path)
    assert outcome.returncode == 2
    assert findings(outcome) == [("IN01", "pipe.yaml", None)]
    assert "named pipe" in json.loads(outcome.stdout)["findings"][0]["message"]


def test_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    # The peak of a process forked from this one counts this one's pages until it execs
    # (about 150 MB late in the suite): the bound is above that, and below what reading
    # /dev/zero up to the size limit would add. The message shows nothing was read.
    outcome = ropa("validate", "zero.yaml", cwd=tmp_path, megabytes=200)
    assert outcome.returncode == 2
    assert outcome.stdout.startswith("zero.yaml: IN01 is not a regular file (it is a device)")


# --------------------------------------------------------------------------- unreadable


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another user may enter (pytest's own are private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="ropa-hostile-"))
    directory.chmod(0o755)
    yield directory
    for path in sorted(directory.rglob("*"), key=lambda p: -len(p.parts)):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
            path.rmdir()
        else:
            path.unlink()
    directory.rmdir()


@pytest.mark.skipif(os.geteuid() != 0, reason="switching to another user needs root")
def test_unreadable_files_and_directories_as_an_unprivileged_user(
    shared_dir: Path, command: str
) -> None:
    """Run as root, the suite cannot make a file unreadable with chmod; the check runs in
    a fork of this process that drops to the user `nobody` first."""
    (shared_dir / "secret.yaml").write_text(VALID)
    (shared_dir / "secret.yaml").chmod(0)
    (shared_dir / "closed").mkdir()
    (shared_dir / "closed" / "r.yaml").write_text(VALID)
    (shared_dir / "closed").chmod(0)
    outcome = run_forked(
        [command, "-f", "json", ".", "closed/r.yaml"], shared_dir, user=NOBODY, seconds=2 * SECONDS
    )
    assert "Traceback" not in outcome.output
    assert outcome.stderr == ""
    assert outcome.returncode == 2
    document = json.loads(outcome.stdout)
    assert [(f["code"], f["file"], f["message"]) for f in document["findings"]] == [
        ("IN01", "closed", "cannot list the directory: Permission denied"),
        ("IN01", "closed/r.yaml", "permission denied"),
        ("IN01", "secret.yaml", "permission denied"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_as_an_ordinary_user(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(VALID)
    (tmp_path / "secret.yaml").chmod(0)
    outcome = ropa("validate", "secret.yaml", cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stdout.startswith("secret.yaml: IN01 permission denied")


def test_a_read_error_at_the_seam_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever runs the suite: the loader's own `os.open` refusing is an input error."""
    from ropa import yamlio
    from ropa.validate import validate_paths

    (tmp_path / "r.yaml").write_text(VALID)

    monkeypatch.setattr(yamlio, "os", _OsRefusingOpen())
    result = validate_paths([str(tmp_path / "r.yaml")])
    assert [(f.code, f.message) for f in result.findings] == [("IN01", "permission denied")]


class _OsRefusingOpen:
    """`os` as the loader sees it, except that opening a file is refused."""

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def open(self, *_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")


# --------------------------------------------------------------------------- names


def test_a_file_name_that_is_not_utf8(tmp_path: Path, command: str) -> None:
    """Was a crash: the name reached a strict UTF-8 stream as lone surrogates."""
    name = os.fsencode(tmp_path) + b"/bad-\xff.yaml"
    with open(name, "wb") as stream:
        stream.write(VALID.replace("role: controller", "role: boss").encode())
    outcome = run_process([command, "-f", "json", "."], tmp_path, env={"PYTHONIOENCODING": "utf-8"})
    assert outcome.returncode == 1, outcome.output
    assert [f["file"] for f in json.loads(outcome.stdout)["findings"]] == ["bad-\\xff.yaml"]


def test_control_characters_in_a_file_name_are_escaped(tmp_path: Path) -> None:
    (tmp_path / "a\nb\x1b[31m.yaml").write_text(VALID.replace("role: controller", "role: x"))
    outcome = ropa("validate", ".", cwd=tmp_path)
    assert outcome.stdout.splitlines()[0].startswith("a\\x0ab\\x1b[31m.yaml:5:9: SC04")


def test_a_special_file_kind_is_named(tmp_path: Path) -> None:
    """The loader names what it refused (a FIFO here) by its kind."""
    os.mkfifo(tmp_path / "p.yaml")
    assert stat.S_ISFIFO((tmp_path / "p.yaml").stat().st_mode)
    outcome = ropa("validate", "p.yaml", cwd=tmp_path)
    assert outcome.stdout.startswith("p.yaml: IN01 is not a regular file (it is a named pipe)")
