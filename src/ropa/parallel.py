"""Run two halves of a piece of work at once: one here, one in a forked child process.

The rules of a large register take about a second of CPU at 10,000 activities, and each
rule reads the validated register without changing it: a child forked once the register
is built sees it as it is (the pages are shared until written), runs its half of the
rules and sends back what it found, while this process runs the other half. Nothing is
parsed or validated twice.

Only where that is safe and pays (`workers`): a POSIX system whose fork is safe (Linux;
on macOS a fork in a process that may hold threads of system libraries is not, and
Windows has none), at least two CPUs this process may use and one of them idle, a
register large enough that the fork and the sending back are small beside the rules,
and not so large that the two processes together would pass the memory bound.
`ROPA_JOBS=1` turns it off; `ROPA_JOBS=2` forces it where fork exists (the tests do).

The child never speaks for itself: its output goes nowhere, it writes no cache, and
whatever goes wrong in it (an exception in a rule, a crash, no answer in time, an answer
that cannot be read) makes this process run the child's half itself, with the result
(or the exception) a single process gives. The child ends with `os._exit`: it runs no
exit handlers and flushes no buffer it inherited.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many activities the rules run in one process: a pre-commit run on a small
# register never forks, and at 1,000 activities a second process gained 0.02 s of 0.36
# for 11 % more CPU; at 2,000 it gained 0.08 s of 0.61 (whole `ropa check` runs, median
# of 5, on a shared two-core machine).
MIN_ACTIVITIES = 2_000

# The memory a command may take (issue 14: 700 MB at 50,000 activities), the two
# processes together. The child copies each page of the register it reads (reading an
# object writes its reference count), so while the rules run the pair holds about this
# many times what this process holds when it forks (the pair's peak proportional set
# size over the resident size at the fork, generated registers: 1.56 at 10,000
# activities, 1.79 at 30,000, 1.84 at 40,000, 1.85 at 50,000). A process
# too large for that runs the rules alone: on the generated registers, from some 32,000
# activities.
MEMORY_BOUND = 700_000_000
_PAIR_FACTOR = 1.9

# How long the child may take beyond this process's half before its half is run here:
# the halves are of about equal cost, so a child this late is stuck, not slow.
_GRACE_FACTOR = 10.0
_GRACE_SECONDS = 10.0

# For the tests: a child that fails in one of these ways (`crash`: exits without an
# answer; `garbage`: answers with bytes that are no answer; `hang`: never answers).
_FAIL_ENV = "ROPA_TEST_CHILD_FAILS"


def workers(activities: int) -> int:
    """How many processes the rules of a register of `activities` run in: 1 or 2."""
    chosen = os.environ.get("ROPA_JOBS", "").strip()
    if chosen == "1" or not hasattr(os, "fork"):
        return 1
    if chosen == "2":
        return 2
    if not sys.platform.startswith("linux"):
        return 1
    if activities < MIN_ACTIVITIES or _resident() * _PAIR_FACTOR > MEMORY_BOUND:
        return 1
    if _threaded():
        return 1
    cpus = _cpus()
    return 2 if cpus >= 2 and _load() < cpus - _IDLE_ENOUGH else 1


# A second process gains only where a CPU is idle for it: with the load average (this
# process counts in it) this close to the number of CPUs, the two would take turns with
# the other work, and the rules took longer than in one process (10,000 activities,
# load 3.6 on two CPUs: 4.98 s against 4.61, median of 5).
_IDLE_ENOUGH = 0.5


def _load() -> float:
    """The system's load average over the last minute (0 where it cannot be read)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def _threaded() -> bool:
    """Whether this process runs other threads (a library user's): a fork copies only the
    thread that forks, and a lock another held would stay held in the child forever."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


_CPU_MAX = "/sys/fs/cgroup/cpu.max"


def _cpus() -> float:
    """How many CPUs this process may use: those it may run on, and no more than a
    container's CPU quota (cgroup v2 `cpu.max`, as Docker's `--cpus` sets it: two
    processes held to one CPU would only take turns)."""
    try:
        usable: float = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    try:
        with open(_CPU_MAX, encoding="ascii") as stream:
            quota, period = stream.read().split()[:2]
    except (OSError, ValueError):
        return usable
    if quota == "max":
        return usable
    try:
        return min(usable, int(quota) / int(period))
    except (ValueError, ZeroDivisionError):
        return usable


def _resident() -> int:
    """This process's resident memory in bytes (0 where it cannot be read)."""
    try:
        with open("/proc/self/statm", "rb") as stream:
            pages = int(stream.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def in_two(
    task: Callable[[Sequence[T]], R],
    here: Sequence[T],
    there: Sequence[T],
    *,
    pack: Callable[[R], object],
    unpack: Callable[[object], R],
) -> tuple[R, R]:
    """`(task(here), task(there))`, the second computed in a forked child at the same time.

    `task` must not change what the two share. The child sends `pack(task(there))`,
    pickled (plain tuples: 12,000 findings at 10,000 activities went through in 0.09 s
    as tuples, 0.14 s as the findings themselves), and this process rebuilds it with
    `unpack`, which raises TypeError or ValueError on anything that is not such a
    result. Whatever goes wrong with the child, `task(there)` is computed here instead."""
    if not there:
        return task(here), task(there)
    try:
        reading, writing = os.pipe()
    except OSError:
        return task(here), task(there)
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    # The collector would visit every object in the child, copying each page it writes
    # a header on: frozen objects are left out of its collections (and this process's
    # are made collectable again just after).
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(reading)
        os.close(writing)
        return task(here), task(there)
    if pid == 0:  # the child: never returns
        os.close(reading)
        _child(lambda part: pack(task(part)), there, writing)
    gc.unfreeze()
    os.close(writing)
    try:
        started = time.perf_counter()
        mine = task(here)
        allowed = _GRACE_SECONDS + _GRACE_FACTOR * (time.perf_counter() - started)
        answer = _answer(reading, pid, allowed)
    except BaseException:
        _end(pid)
        raise
    finally:
        os.close(reading)
    if answer is not _NONE:
        try:
            return mine, unpack(answer)
        except (TypeError, ValueError) as error:
            _debug("rules in a second process: its answer is not a result (%s)", error)
    return mine, task(there)


def _child(task: Callable[[Sequence[T]], object], there: Sequence[T], writing: int) -> None:
    """Compute `task(there)` and write it, pickled, to `writing`; then end the process."""
    import pickle
    import signal

    status = 1
    try:
        # Ctrl-C reaches the whole process group: the parent handles it and ends the
        # child; the child itself stops at once, quietly.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # Its output goes nowhere, at both levels: the descriptors, and Python's streams
        # (which may have been replaced by something that does not write to them).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        gc.disable()  # short-lived: its garbage goes with it
        from ropa import cache

        cache.read_only()
        failing = os.environ.get(_FAIL_ENV, "")
        if failing == "crash":
            os._exit(3)
        if failing == "hang":
            time.sleep(3600)
        data = (
            b"not a pickle"
            if failing == "garbage"
            else pickle.dumps(task(there), protocol=pickle.HIGHEST_PROTOCOL)
        )
        with os.fdopen(writing, "wb") as stream:
            stream.write(len(data).to_bytes(8, "little"))
            stream.write(data)
        status = 0
    finally:
        os._exit(status)


# What `_answer` gives when the child has no answer (None may be one).
_NONE = object()


def _answer(reading: int, pid: int, allowed: float) -> object:
    """The child's result, or `_NONE` (logged) when it has none to give in `allowed`
    seconds."""
    import pickle
    import select

    deadline = time.monotonic() + allowed
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([reading], [], [], max(left, 0.0))
        if not ready:
            _debug("rules in a second process: no answer in %.1f s", allowed)
            _end(pid)
            return _NONE
        chunk = os.read(reading, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    size = int.from_bytes(data[:8], "little")
    if status != 0 or len(data) < 8 or len(data) != size + 8:
        _debug("rules in a second process: it ended with status %d, no answer", status)
        return _NONE
    try:
        return pickle.loads(data[8:])  # our own child's bytes, through our own pipe
    except Exception as error:  # what a child that went wrong wrote
        _debug("rules in a second process: its answer could not be read (%s)", error)
        return _NONE


def _debug(text: str, *args: object) -> None:
    """A line on the `ropa.parallel` logger (logging is imported only for one: a run
    that forks and has no trouble does not pay its import)."""
    import logging

    logging.getLogger(__name__).debug(text, *args)


def _end(pid: int) -> None:
    """End the child and reap it (no zombie is left)."""
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


# ------------------------------------------------------------------ the split of the rules

# What each rule costs at 10,000 generated activities, in milliseconds of CPU in one
# process: its check, its findings and their packing for the pipe (benchmarks/run.py's
# register, each rule timed in order). Rules not named cost less; a rule
# added later and not named is placed as one of little cost: the table only has to be
# roughly right for the halves to be about equal. The results never depend on it.
_COST = {
    "OR13": 223, "GV02": 127, "GV04": 57, "AC14": 72, "LB12": 65, "RT02": 60,
    "AC12": 46, "DP01": 45, "LB25": 44, "LB13": 43, "LB24": 39, "LB02": 36, "AC13": 33,
    "TR02": 29, "LB22": 29, "TR01": 26, "AC22": 25, "AC16": 25, "LB11": 23, "LB01": 23,
    "AC18": 23, "RC03": 21, "RC02": 21, "RC22": 19, "SE03": 16, "LB03": 15, "AC17": 14,
    "AC23": 13, "AC11": 12, "RT03": 25, "DP02": 10, "TR05": 9, "SE02": 9, "LB06": 9,
    "DP03": 9, "RC04": 8, "AC02": 8, "RT01": 7, "TR03": 6, "SD21": 6, "RT04": 6,
    "LB04": 6, "AC19": 6, "SD05": 5, "DP21": 5, "AC24": 5,
    # Measured on 2026-12-02 for the rules added since (same register, in one process).
    "LB29": 42, "LB28": 40, "LB27": 27, "RC25": 20,
}  # fmt: skip
_LITTLE = 3
# What the child pays besides its rules, in the same milliseconds: the copies of the
# pages it reads (page faults), the pickling of its findings, and the parent's reading
# of them while the child is done (measured: the child's half was ~70 ms the longer
# without it).
_CHILD_EXTRA = 70

# The rules that read the activities' words through what they share: the readings of
# `ropa.rules._reading` and the DPIA screenings, made by the first rule that asks (OR13's
# cost above is mostly the readings), and the word caches of `activity_words`. They run
# together, in this process, where the words are read once: read in each process, they
# would cost a quarter of the rules' time twice. Measured against reading them before
# the fork, which leaves that quarter outside both halves (~0.87 s of CPU on the longer
# half at 10,000 against 1.02-1.22 s).
READERS = frozenset(
    {
        "OR02", "OR13", "AC12", "AC13", "AC14", "AC15", "AC16", "AC06", "AC17", "AC19", "AC24",
        "DP01", "DP03", "DP21", "DP22", "LB03", "LB21", "LB22", "LB23", "SD21", "SD22",
        "SD23", "SD25", "RC23", "RC25", "RC26", "RT22", "AC25", "AC27", "PR07",
        # The notes on `unknown` keys read the words of the activities that leave a key
        # open (none in the generated register; many in registers written from notices).
        "AC21", "AC22", "DP23", "DP24", "SD24", "SE01", "TR06",
        # RT03 reads a payment purpose's words only where a retention ends with the
        # relationship.
        "RT03",
        # PR08 reads the words of an activity recorded as a processor's.
        "PR08",
    }
)  # fmt: skip

# The rules whose findings cost more to receive from the child than to make here: GV02
# reports every activity not reviewed in time, every one of the generated register's
# 10,000; sent, they took this process 42 ms to unpickle and build again (some 4
# microseconds a finding), on the longer half, after its own rules. Run here, this
# process's CPU for the rules and the answer was 0.90 s against 0.95 (in process, 4 runs
# each, 10,000 activities), the child's answer 0.2 MB against 1.4.
MANY_FINDINGS = frozenset({"GV02"})


def halves(codes: Sequence[str], module_of: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The rule `codes` in two groups of about equal cost, each in the order given: the
    first, with the readers and the rules of many findings, for this process; the second
    for the child. Other rules go
    by module (`module_of`): the rules of one module share what it keeps per register
    (`ropa.rules.per_register`), so they are placed together, the costliest first, each
    group of them where less work is yet."""
    cost = {True: 0, False: _CHILD_EXTRA}
    here: dict[str, bool] = {}
    blocks: dict[str, list[str]] = {}
    for code in codes:
        if code in READERS or code in MANY_FINDINGS:
            here[code] = True
            cost[True] += _COST.get(code, _LITTLE)
        else:
            blocks.setdefault(module_of.get(code, code), []).append(code)
    for block in sorted(
        blocks.values(), key=lambda block: -sum(_COST.get(c, _LITTLE) for c in block)
    ):
        lighter = cost[True] < cost[False]
        cost[lighter] += sum(_COST.get(code, _LITTLE) for code in block)
        for code in block:
            here[code] = lighter
    return [code for code in codes if here[code]], [code for code in codes if not here[code]]


__all__ = [
    "MANY_FINDINGS",
    "MEMORY_BOUND",
    "MIN_ACTIVITIES",
    "READERS",
    "halves",
    "in_two",
    "workers",
]
