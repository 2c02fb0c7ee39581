"""Run ropa in a child process with its time and memory measured and bounded.

Two ways, both returning an `Outcome` with the exit status, the output, the wall time and
the peak memory the child added:

* `run_forked` forks this (test) process and runs `ropa.__main__.main` in the child: the
  imports are already paid for, so a case costs milliseconds. The child's peak resident
  memory (from `wait4`) is reported less what it had at the fork (the parent's pages).
* `run_process` starts a fresh `python -m ropa`, as a user's shell would, optionally as
  another user (to make a file really unreadable when the tests run as root).

Both set an address-space limit and a wall-clock alarm in the child, so a case that runs
away fails alone instead of taking the machine with it.
"""

from __future__ import annotations

import io
import math
import os
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Outcome:
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # peak resident memory the child added (forked) or used (process)

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


# A time bound in a test is a safety net against a hang or a quadratic blow-up, never a
# speed test (speed is measured in benchmarks/): each is ten times what the case took on
# a loaded two-core machine running the suite beside seven others (the figure is given at
# each call), and the child is killed only at twice the bound, so that the bound reports.
SAFETY_FACTOR = 10


def safety_net(measured_seconds: float) -> int:
    """The time bound for a case measured at `measured_seconds` on a loaded machine."""
    return math.ceil(measured_seconds * SAFETY_FACTOR)


def _vm_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0  # pragma: no cover - Linux always reports both


def _limit(address_space_mb: int, seconds: int) -> None:
    limit = address_space_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.alarm(seconds)


def _collect(
    pid: int, out: io.BufferedRandom, err: io.BufferedRandom, start: float
) -> tuple[int, str, str, float, int]:
    _pid, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    stdout = out.read().decode("utf-8", "replace")
    stderr = err.read().decode("utf-8", "replace")
    return code, stdout, stderr, seconds, usage.ru_maxrss


_warm = False


def _warm_up() -> None:
    """Import and build, once, what ropa loads lazily, so each fork starts warm."""
    global _warm
    if _warm:
        return
    import ropa.cli
    import ropa.engine
    import ropa.fmt
    import ropa.reporters.json
    import ropa.reporters.text
    import ropa.validate
    from ropa.rules import load_rules
    from ropa.schema import register_file_schema

    register_file_schema()
    load_rules()
    _warm = bool(ropa.cli and ropa.engine and ropa.fmt and ropa.reporters and ropa.validate)


def run_forked(
    args: Sequence[str],
    cwd: Path,
    *,
    seconds: int = 10,
    memory_mb: int = 1024,
    user: int | None = None,
) -> Outcome:
    """`ropa ARGS` in a fork of this process, in `cwd`, with stdin empty; as user id
    `user` if given (this process must be root)."""
    from ropa.__main__ import main

    _warm_up()

    address_space_mb = _vm_kb("VmSize") // 1024 + memory_mb
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as start_rss,
    ):
        sys.stdout.flush()
        sys.stderr.flush()
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through its exit status
            code = 70
            try:
                os.write(start_rss.fileno(), str(_vm_kb("VmRSS")).encode())
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
                sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8")
                if user is not None:
                    os.setgroups([])
                    os.setgid(user)
                    os.setuid(user)
                os.chdir(cwd)
                _limit(address_space_mb, seconds)
                sys.argv = ["ropa", *args]
                try:
                    main()
                    code = 0
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # a crash must show as one, never as a pass
                import traceback

                traceback.print_exc()
                code = 70
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        code, stdout, stderr, wall, peak_kb = _collect(pid, out, err, start)
        start_rss.seek(0)
        shared_kb = int(start_rss.read() or 0)
    return Outcome(code, stdout, stderr, wall, max(0, peak_kb - shared_kb) / 1024)


# wait4 reports the larger of a child's peak before and after exec, and a child forked
# from this process starts with all of this process's pages: late in a test run, hundreds
# of MB that `python -m ropa` never uses. So the process is started by a small launcher
# (`python -S`, a few MB) that forks and execs it and hands on its status and peak.
_LAUNCHER = """
import os, signal, sys
pid = os.fork()
if pid == 0:
    signal.alarm(int(sys.argv[1]))
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(3, ("%d %d" % (status, usage.ru_maxrss)).encode())
"""


def run_process(
    args: Sequence[str],
    cwd: Path,
    *,
    seconds: int = 20,
    memory_mb: int = 2048,
    user: int | None = None,
    env: dict[str, str] | None = None,
) -> Outcome:
    """`python -m ropa ARGS` as a new process (as user id `user` if given)."""
    environment = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    environment.update(env or {})
    command = [sys.executable, "-S", "-c", _LAUNCHER, str(seconds)]
    command += [sys.executable, "-m", "ropa", *args]
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as report,
    ):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - replaced by exec
            try:
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                os.dup2(report.fileno(), 3)
                os.chdir(cwd)
                resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024**2,) * 2)
                if user is not None:
                    os.setgroups([])
                    os.setgid(user)
                    os.setuid(user)
                os.execve(sys.executable, command, environment)
            finally:
                os._exit(127)
        launcher, stdout, stderr, wall, _launcher_kb = _collect(pid, out, err, start)
        report.seek(0)
        reported = report.read().split()
    if launcher != 0 or len(reported) != 2:  # the launcher itself failed: say so
        return Outcome(launcher or 127, stdout, stderr + "\nlauncher failed", wall, 0.0)
    status, peak_kb = (int(part) for part in reported)
    return Outcome(os.waitstatus_to_exitcode(status), stdout, stderr, wall, peak_kb / 1024)


__all__ = ["SAFETY_FACTOR", "Outcome", "run_forked", "run_process", "safety_net"]
