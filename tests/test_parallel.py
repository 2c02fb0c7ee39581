"""The rules in two processes (`ropa.parallel`): the same findings, in the same order, as
one process gives; a child that fails changes nothing but the time; small registers never
fork. Through the real command where the output is the test, in process where a failure
must be staged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from benchmarks import generate

from ropa import cache, parallel
from ropa.engine import check_paths
from ropa.model.register import Register
from ropa.rules import RULES, Context, Violation, load_rules
from tests.conftest import REPO, SEED_REGISTERS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

# Suppressions that silence a finding, silence nothing (SU01) and name no rule (SU02): the
# child's rules mark the first used, and the parent reports the others.
_SUPPRESSIONS = (
    "    suppress:\n      - codes: [GV02]\n        reason: Reviewed by the board in May.\n",
    "    suppress:\n      - codes: [TR01]\n        reason: Transfers are set by the parent.\n",
    "    suppress:\n      - codes: [XX99]\n        reason: A code that is no rule.\n",
)


def _generated(directory: Path, activities: int) -> Path:
    """benchmarks/run.py's register of `activities`, with suppressions in three of them."""
    text = "".join(generate.register(activities))
    head, _, rest = text.partition("\nactivities:\n")
    entries = rest.split("\n  - id: ")
    for index, suppression in enumerate(_SUPPRESSIONS):
        entries[index + 1] = entries[index + 1] + "\n" + suppression.rstrip("\n")
    path = directory / f"register-{activities}.yaml"
    path.write_text(head + "\nactivities:\n" + "\n  - id: ".join(entries), encoding="utf-8")
    return path


def _ropa(args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if key != "ROPA_JOBS"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "ropa", *args],
        capture_output=True,
        cwd=REPO,
        env=environment,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generated(tmp_path_factory.mktemp("parallel"), 400)


@pytest.mark.parametrize("output", ["json", "sarif", "text"])
def test_two_processes_print_what_one_does(register: Path, output: str) -> None:
    paths = [str(register), *map(str, SEED_REGISTERS)]
    args = ["check", *paths, "--format", output, "--today", "2026-06-01", "--show-all"]
    one = _ropa(args, ROPA_JOBS="1")
    two = _ropa(args, ROPA_JOBS="2")
    assert one.returncode == 1, one.stderr.decode()
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    shown = one.stdout.decode()
    for code in ("GV02", "SU01", "SU02", "LB12"):  # findings of both halves, and the audit
        assert code in shown


def test_a_large_register_checked_as_by_default_prints_what_one_process_does(
    tmp_path: Path,
) -> None:
    large = _generated(tmp_path, parallel.MIN_ACTIVITIES)
    args = ["check", str(large), "--format", "json", "--today", "2026-06-01"]
    one = _ropa(args, ROPA_JOBS="1")
    default = _ropa(args)
    assert one.returncode == 1, one.stderr.decode()
    assert (default.returncode, default.stdout, default.stderr) == (
        one.returncode,
        one.stdout,
        one.stderr,
    )


@pytest.mark.parametrize("failure", ["crash", "garbage"])
def test_a_child_that_fails_leaves_its_rules_to_the_parent(register: Path, failure: str) -> None:
    args = ["check", str(register), "--format", "json", "--today", "2026-06-01"]
    one = _ropa(args, ROPA_JOBS="1")
    failed = _ropa(args, ROPA_JOBS="2", ROPA_TEST_CHILD_FAILS=failure)
    assert failed.stderr == b""  # no traceback, no word from the child
    assert (failed.returncode, failed.stdout) == (one.returncode, one.stdout)


# ------------------------------------------------------------------------ in process


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the children `os.fork` makes from now on (0 in the child itself)."""
    made: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return made


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _in_two(
    task: Callable[[Sequence[str]], list[str]], here: Sequence[str], there: Sequence[str]
) -> tuple[list[str], list[str]]:
    def unpack(sent: object) -> list[str]:
        if not isinstance(sent, list):
            raise TypeError("not a list")
        return sent

    return parallel.in_two(task, here, there, pack=lambda result: result, unpack=unpack)


def _where(codes: Sequence[str]) -> list[str]:
    return [f"{code}@{os.getpid()}" for code in codes]


def test_the_second_half_runs_in_a_child_that_is_reaped(monkeypatch: pytest.MonkeyPatch) -> None:
    forks = _forks(monkeypatch)
    mine, theirs = _in_two(_where, ["a"], ["b", "c"])
    assert mine == [f"a@{os.getpid()}"]
    assert theirs == [f"b@{forks[0]}", f"c@{forks[0]}"]
    assert _reaped(forks[0])


@pytest.mark.parametrize("failure", ["crash", "garbage", "hang"])
def test_a_failed_child_is_ended_and_its_half_run_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, failure: str
) -> None:
    monkeypatch.setenv("ROPA_TEST_CHILD_FAILS", failure)
    monkeypatch.setattr(parallel, "_GRACE_SECONDS", 0.5)
    forks = _forks(monkeypatch)
    with caplog.at_level("DEBUG", logger="ropa.parallel"):
        mine, theirs = _in_two(_where, ["a"], ["b"])
    assert (mine, theirs) == ([f"a@{os.getpid()}"], [f"b@{os.getpid()}"])
    assert _reaped(forks[0])
    assert "rules in a second process" in caplog.text


def test_an_answer_that_is_not_a_result_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def unpack(sent: object) -> list[str]:
        raise ValueError("not ours")

    forks = _forks(monkeypatch)
    _mine, theirs = parallel.in_two(_where, ["a"], ["b"], pack=lambda r: r, unpack=unpack)
    assert theirs == [f"b@{os.getpid()}"]
    assert _reaped(forks[0])


def test_an_exception_in_the_child_is_raised_here_as_one_process_raises_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def task(codes: Sequence[str]) -> list[str]:
        if "broken" in codes:
            raise RuntimeError("a rule went wrong")
        return list(codes)

    forks = _forks(monkeypatch)
    with pytest.raises(RuntimeError, match="a rule went wrong"):
        _in_two(task, ["a"], ["broken"])
    assert _reaped(forks[0])


def test_an_interrupt_here_ends_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    def task(codes: Sequence[str]) -> list[str]:
        if codes == ["here"]:
            raise KeyboardInterrupt
        import time

        time.sleep(60)
        return list(codes)

    forks = _forks(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        _in_two(task, ["here"], ["there"])
    assert _reaped(forks[0])


def test_the_child_prints_nothing_and_writes_no_cache(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def task(codes: Sequence[str]) -> list[str]:
        for code in codes:
            print(f"printed by {code}")
            print(f"warned by {code}", file=sys.stderr)
            cache.store(tmp_path / f"{code}.pickle", "key", code)
        return list(codes)

    assert _in_two(task, ["here"], ["there"]) == (["here"], ["there"])
    printed = capfd.readouterr()
    assert (printed.out, printed.err) == ("printed by here\n", "warned by here\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["here.pickle"]


def test_a_broken_rule_raises_as_in_one_process(
    monkeypatch: pytest.MonkeyPatch, register: Path
) -> None:
    rules = load_rules()
    enabled = [code for code, rule in rules.items() if not rule.retired]
    _here, there = parallel.halves(enabled, {c: rules[c].check.__module__ for c in enabled})
    broken = there[0]  # a rule the child runs

    def check(_register: Register, _context: Context) -> Iterator[Violation]:
        raise RuntimeError(f"{broken} went wrong")
        yield

    monkeypatch.setitem(RULES, broken, dataclasses.replace(RULES[broken], check=check))
    for jobs in ("1", "2"):
        monkeypatch.setenv("ROPA_JOBS", jobs)
        with pytest.raises(RuntimeError, match=f"{broken} went wrong"):
            check_paths([str(register)])


def test_the_findings_in_process_are_the_same_list(
    monkeypatch: pytest.MonkeyPatch, register: Path
) -> None:
    monkeypatch.setenv("ROPA_JOBS", "1")
    one = check_paths([str(register)]).findings
    monkeypatch.setenv("ROPA_JOBS", "2")
    forks = _forks(monkeypatch)
    two = check_paths([str(register)]).findings
    assert len(forks) == 1
    assert two == one


def test_small_registers_do_not_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROPA_JOBS", raising=False)
    forks = _forks(monkeypatch)
    check_paths([str(path) for path in SEED_REGISTERS])
    assert forks == []


@pytest.mark.parametrize(
    ("jobs", "platform", "cpus", "resident", "activities", "expected"),
    [
        ("", "linux", 2, 100_000_000, parallel.MIN_ACTIVITIES, 2),
        ("", "linux", 2, 100_000_000, parallel.MIN_ACTIVITIES - 1, 1),  # small
        ("", "linux", 1, 100_000_000, 10_000, 1),  # one CPU to run on
        ("", "linux", 2, 400_000_000, 10_000, 1),  # the pair would pass the memory bound
        ("", "darwin", 8, 100_000_000, 10_000, 1),  # fork with threads is unsafe there
        ("1", "linux", 2, 100_000_000, 10_000, 1),  # turned off
        ("2", "linux", 1, 100_000_000, 20, 2),  # forced
    ],
)
def test_when_the_rules_run_in_two_processes(
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
    platform: str,
    cpus: int,
    resident: int,
    activities: int,
    expected: int,
) -> None:
    monkeypatch.setenv("ROPA_JOBS", jobs)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(parallel, "_cpus", lambda: cpus)
    monkeypatch.setattr(parallel, "_resident", lambda: resident)
    monkeypatch.setattr(parallel, "_load", lambda: 1.0)
    assert parallel.workers(activities) == expected


@pytest.mark.parametrize(("load", "expected"), [(0.2, 2), (1.2, 2), (1.6, 1), (4.0, 1)])
def test_a_busy_machine_runs_the_rules_in_one_process(
    monkeypatch: pytest.MonkeyPatch, load: float, expected: int
) -> None:
    monkeypatch.delenv("ROPA_JOBS", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    monkeypatch.setattr(parallel, "_resident", lambda: 100_000_000)
    monkeypatch.setattr(parallel, "_load", lambda: load)
    assert parallel.workers(10_000) == expected


def test_a_process_running_other_threads_does_not_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.delenv("ROPA_JOBS", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    monkeypatch.setattr(parallel, "_resident", lambda: 100_000_000)
    monkeypatch.setattr(parallel, "_load", lambda: 0.5)
    assert parallel.workers(10_000) == 2
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.workers(10_000) == 1
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize(
    ("cpu_max", "expected"), [("max 100000\n", 4.0), ("100000 100000\n", 1.0), (None, 4.0)]
)
def test_a_container_quota_counts_as_fewer_cpus(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cpu_max: str | None, expected: float
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    quota = tmp_path / "cpu.max"
    if cpu_max is not None:
        quota.write_text(cpu_max, encoding="ascii")
    monkeypatch.setattr(parallel, "_CPU_MAX", str(quota))
    assert parallel._cpus() == expected


def test_the_halves_hold_every_rule_once_the_readers_and_many_findings_here() -> None:
    rules = load_rules()
    codes = [code for code, rule in rules.items() if not rule.retired]
    here, there = parallel.halves(codes, {code: rules[code].check.__module__ for code in codes})
    assert sorted(here + there) == sorted(codes)
    assert here
    assert there
    assert (parallel.READERS | parallel.MANY_FINDINGS) & set(codes) <= set(here)


def test_an_answer_without_some_of_the_rules_asked_for_is_refused() -> None:
    from ropa import engine

    with pytest.raises(ValueError, match="rules asked for"):
        engine._unpack(({"GV02": ([], [])}, []), ["GV02", "RT02"])
    with pytest.raises(TypeError):
        engine._unpack(({"GV02": ([], [])}, [("one", "two")]), ["GV02"])
    assert engine._unpack(({"GV02": ([], [])}, []), ["GV02"]).by_rule == {"GV02": ([], [])}


def test_every_rule_that_reads_the_words_runs_beside_the_readings(register: Path) -> None:
    """A rule outside `READERS` that asks for the activities' readings would make the child
    compute them all again (~0.24 s at 10,000 activities): no output changes, so only this
    test notices a new rule that should have joined the readers."""
    from ropa.discovery import RegisterSource
    from ropa.rules import _reading
    from ropa.validate import validate_register

    load_rules()
    readers_outside: set[str] = set()
    for path in (register, *SEED_REGISTERS):
        loaded, _problems, _, _ = validate_register(RegisterSource(path, (path,), split=False))
        assert loaded is not None
        context = Context(today=dt.date(2026, 6, 1))
        for code, rule in RULES.items():
            if code in parallel.READERS or rule.retired:
                continue
            _reading.forget()
            list(rule.check(loaded, context))
            if _reading._CACHE:
                readers_outside.add(code)
    _reading.forget()
    assert not readers_outside, f"add to parallel.READERS: {sorted(readers_outside)}"
