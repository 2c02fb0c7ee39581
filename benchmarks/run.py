"""Measure ropa against its peers and floors, as whole processes, at several sizes.

    python benchmarks/run.py                      # N = 20, 100, 1000, 10000, 50000
    python benchmarks/run.py --sizes 20 1000      # a quick run
    python benchmarks/run.py --json results.json  # also write the figures as JSON
    python benchmarks/run.py --sizes 10000 --export-step-only   # the export step alone

For each N a synthetic register is generated (benchmarks/generate.py, fixed seed) and each
command runs as its own process: wall time (best of --repeat runs for small N) and that
process's peak RSS. Side by side in the same run:

* ropa validate, ropa check (all rules, positions; also with the libyaml engine alone,
  `ROPA_YAML_ENGINE=libyaml`), ropa export --format xlsx, and (up to 10,000 activities)
  ropa fmt --check, which does all of fmt's work but the write;
* check-jsonschema on the same file with the published schema (what users run today);
* floors: a libyaml safe load of the file with the garbage collector paused, json.loads
  of the same data, raw openpyxl write-only of the rows ropa exports, and (for fmt) a
  plain ruamel round-trip load and dump of the same file.

Once per run, fmt is also measured on one activity holding a flow list of --flow-items
items (100,000 by default) against the ruamel floor on that file.

The targets the issue set are printed with each result (met / not met). Timings drift
between machines: compare ratios from one run, never figures from different runs. Each
process's CPU time is recorded too, and ratios are also given by it: on a machine shared
with other work, wall time grows with their load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCHEMA = REPO / "schemas" / "ropa.schema.json"
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (20, 100, 1000, 10000, 50000)
# Peers that take minutes at large N are skipped above this size (reported as skipped).
PEER_LIMIT = 10000

LIBYAML_FLOOR = """
import gc, sys
from ruamel.yaml import YAML
yaml = YAML(typ="safe", pure=False)
text = open(sys.argv[1], encoding="utf-8").read()
gc.disable()
yaml.load(text)
"""

JSON_FLOOR = """
import json, sys
json.loads(open(sys.argv[1], encoding="utf-8").read())
"""

# What fmt cannot go below: ruamel's round-trip loader and dumper (pure Python) on the
# same file, with their default settings.
ROUNDTRIP_FLOOR = """
import io, sys
from ruamel.yaml import YAML
yaml = YAML()
tree = yaml.load(open(sys.argv[1], encoding="utf-8").read())
yaml.dump(tree, io.StringIO())
"""
# fmt and its floor are measured up to this size (each takes minutes at 50,000).
FMT_LIMIT = 10000

OPENPYXL_FLOOR = """
import json, sys
from openpyxl import Workbook
sheets = json.loads(open(sys.argv[1], encoding="utf-8").read())
workbook = Workbook(write_only=True)
for table in sheets:
    sheet = workbook.create_sheet(table["name"])
    for row in table["rows"]:
        sheet.append(row)
workbook.save(sys.argv[2])
"""


# The export step alone, in one process: a loaded register to a workbook, against raw
# openpyxl write-only of the very rows it writes (built beforehand). Best of two each, in
# CPU time: on a shared machine the wall time of the same step varied by half.
EXPORT_STEP = """
import datetime as dt, gc, json, sys, time
from pathlib import Path
from openpyxl import Workbook
from ropa.exporters.table import build_document
from ropa.exporters.xlsx import write_xlsx
from ropa.validate import validate_paths
(register,) = validate_paths([sys.argv[1]]).registers
gc.freeze()
def document():
    return build_document(register, language="lv+en", export_date=dt.date(2025, 1, 1))
def ropa_step():
    start = time.process_time()
    write_xlsx(document(), Path(sys.argv[2]))
    return time.process_time() - start
sheets = [
    (sheet.name, [[c.heading for c in sheet.columns]] + [list(row) for row in sheet.rows()])
    for sheet in document().sheets
]
def raw():
    start = time.process_time()
    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    workbook.save(sys.argv[2])
    return time.process_time() - start
print(json.dumps({"ropa": min(ropa_step(), ropa_step()), "raw": min(raw(), raw())}))
"""

# The export step is measured in-process from this size up (below, start-up dominates).
EXPORT_STEP_FROM = 1000


@dataclass
class Measurement:
    command: str
    activities: int
    seconds: float | None
    peak_mib: float | None
    exit_code: int | None
    note: str = ""
    # User + system CPU time of the process (best run): on a shared machine wall time
    # grows with the load of others, CPU time much less.
    cpu_seconds: float | None = None


def measure(argv: list[str], repeat: int, timeout: float) -> tuple[float, float, int]:
    """Best wall time of `repeat` runs, the peak RSS of the process, and its exit code
    (the best CPU time is left in `LAST_CPU`)."""
    global LAST_CPU
    best = float("inf")
    best_cpu = float("inf")
    peak = 0.0
    code = 0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                raise TimeoutError(" ".join(argv))
            time.sleep(0.002)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        best_cpu = min(best_cpu, usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
    LAST_CPU = best_cpu
    return best, peak, code


LAST_CPU = 0.0


def prepare(size: int, directory: Path) -> dict[str, Path]:
    """The register, the same data as JSON, and the rows the export writes.

    Made in a child process: a forked process's peak RSS counts the parent's memory until
    it execs, so the measuring process must stay small.
    """
    subprocess.run([sys.executable, __file__, "--prepare", str(size), str(directory)], check=True)
    return {
        "register": directory / f"register-{size}.yaml",
        "json": directory / f"register-{size}.json",
        "rows": directory / f"rows-{size}.json",
    }


def _prepare_files(size: int, directory: Path) -> None:
    sys.path.insert(0, str(HERE))
    import generate

    register = directory / f"register-{size}.yaml"
    with register.open("w", encoding="utf-8") as stream:
        for chunk in generate.register(size):
            stream.write(chunk)
    from ropa.yamlio import parse_fast

    data = parse_fast(register.read_text(encoding="utf-8"), register.name).data
    as_json = directory / f"register-{size}.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rows = directory / f"rows-{size}.json"
    rows.write_text(json.dumps(_export_rows(register)), encoding="utf-8")


def _export_rows(register: Path) -> list[dict[str, object]]:
    """Every sheet's heading and rows exactly as `ropa export` writes them, as plain text."""
    import datetime as dt

    from ropa.exporters.table import build_document
    from ropa.validate import validate_paths

    (loaded,) = validate_paths([str(register)]).registers
    document = build_document(loaded, language="lv+en", export_date=dt.date(2025, 1, 1))
    return [
        {
            "name": sheet.name,
            "rows": [[column.heading for column in sheet.columns]]
            + [["" if cell is None else str(cell) for cell in row] for row in sheet.rows()],
        }
        for sheet in document.sheets
    ]


def run(
    sizes: list[int], repeat_small: int, timeout: float, only: list[str] | None = None
) -> list[Measurement]:
    ropa = [str(BIN / "ropa")]
    peer = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        for size in sizes:
            files = prepare(size, directory)
            register = str(files["register"])
            repeat = repeat_small if size <= 1000 else 1
            commands: list[tuple[str, list[str] | None, str]] = [
                ("ropa validate", [*ropa, "validate", register], ""),
                ("ropa check", [*ropa, "check", register, "--format", "json"], ""),
                # The same without the rapidyaml engine (the `fast` extra), for comparison.
                (
                    "ropa check, libyaml engine",
                    [
                        "env",
                        "ROPA_YAML_ENGINE=libyaml",
                        *ropa,
                        "check",
                        register,
                        "--format",
                        "json",
                    ],
                    "",
                ),
                (
                    "ropa export xlsx",
                    [
                        *ropa,
                        "export",
                        register,
                        "--format",
                        "xlsx",
                        "-o",
                        str(directory / "out.xlsx"),
                    ],
                    "",
                ),
                (
                    "check-jsonschema",
                    [peer, "--schemafile", str(SCHEMA), register]
                    if peer and size <= PEER_LIMIT
                    else None,
                    "" if peer else "not installed",
                ),
                (
                    "floor: libyaml safe load, gc paused",
                    [sys.executable, "-c", LIBYAML_FLOOR, register],
                    "",
                ),
                ("floor: json.loads", [sys.executable, "-c", JSON_FLOOR, str(files["json"])], ""),
                (
                    "floor: openpyxl write-only",
                    [
                        sys.executable,
                        "-c",
                        OPENPYXL_FLOOR,
                        str(files["rows"]),
                        str(directory / "floor.xlsx"),
                    ],
                    "",
                ),
            ]
            if size <= FMT_LIMIT:
                commands += [
                    ("ropa fmt --check", [*ropa, "fmt", "--check", register], ""),
                    (
                        "floor: ruamel round-trip load+dump",
                        [sys.executable, "-c", ROUNDTRIP_FLOOR, register],
                        "",
                    ),
                ]
            if only:
                commands = [c for c in commands if any(word in c[0] for word in only)]
            if size >= EXPORT_STEP_FROM and (not only or any("export" in w for w in only)):
                results.extend(_export_step(register, directory, timeout))
            for name, argv, note in commands:
                if argv is None:
                    results.append(
                        Measurement(
                            name, size, None, None, None, note or f"skipped above {PEER_LIMIT}"
                        )
                    )
                    continue
                try:
                    seconds, peak, code = measure(argv, repeat, timeout)
                except TimeoutError:
                    results.append(
                        Measurement(name, size, None, None, None, f"over {timeout:.0f} s")
                    )
                    continue
                results.append(Measurement(name, size, seconds, peak, code, cpu_seconds=LAST_CPU))
                print(
                    f"  {size:>6}  {name:<36} {seconds:8.3f} s {peak:8.1f} MiB  exit {code}"
                    f"  (cpu {LAST_CPU:.3f} s)",
                    file=sys.stderr,
                    flush=True,
                )
    return results


def flow_list(items: int, timeout: float) -> list[Measurement]:
    """fmt and the ruamel floor on one activity whose `personal_data` is a flow list."""
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory() as temporary:
        register = Path(temporary) / "flow.yaml"
        register.write_text(
            "ropa: 1\norganisation: {name: SIA X, role: controller}\nactivities:\n"
            "  - id: a\n    name: A\n    personal_data: ["
            + ", ".join(f"item {index}" for index in range(items))
            + "]\n",
            encoding="utf-8",
        )
        for name, argv in (
            ("ropa fmt --check, flow list", [str(BIN / "ropa"), "fmt", "--check", str(register)]),
            (
                "floor: ruamel round-trip load+dump, flow list",
                [sys.executable, "-c", ROUNDTRIP_FLOOR, str(register)],
            ),
        ):
            try:
                seconds, peak, code = measure(argv, 1, timeout)
            except TimeoutError:
                results.append(Measurement(name, items, None, None, None, f"over {timeout:.0f} s"))
                continue
            results.append(Measurement(name, items, seconds, peak, code))
            print(
                f"  {items:>6}  {name:<36} {seconds:8.3f} s {peak:8.1f} MiB  exit {code}",
                file=sys.stderr,
                flush=True,
            )
    return results


def _export_step(register: str, directory: Path, timeout: float) -> list[Measurement]:
    size = int(Path(register).stem.rsplit("-", 1)[1])
    output = subprocess.run(
        [sys.executable, "-c", EXPORT_STEP, register, str(directory / "step.xlsx")],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    ).stdout
    times = json.loads(output)
    print(
        f"  {size:>6}  export step in-process: "
        f"ropa {times['ropa']:.3f} s, raw {times['raw']:.3f} s",
        file=sys.stderr,
        flush=True,
    )
    return [
        Measurement("export step, in-process", size, times["ropa"], None, 0),
        Measurement("floor: openpyxl write-only, in-process", size, times["raw"], None, 0),
    ]


def _lookup(results: list[Measurement], name: str, size: int) -> Measurement | None:
    return next((r for r in results if r.command == name and r.activities == size), None)


def ratio(
    results: list[Measurement], name: str, base: str, size: int, *, cpu: bool = False
) -> float | None:
    numerator, denominator = _lookup(results, name, size), _lookup(results, base, size)
    if numerator is None or denominator is None:
        return None
    top, bottom = (
        (numerator.cpu_seconds, denominator.cpu_seconds)
        if cpu
        else (numerator.seconds, denominator.seconds)
    )
    if not top or not bottom:
        return None
    return top / bottom


# (description, command, baseline, size, limit): the targets.
TARGETS = (
    ("pre-commit case: check ≤ 0.5× check-jsonschema", "ropa check", "check-jsonschema", 20, 0.5),
    ("10,000: check ≤ 0.1× check-jsonschema", "ropa check", "check-jsonschema", 10000, 0.1),
    (
        "10,000: check ≤ 0.5× libyaml floor (gc paused)",
        "ropa check",
        "floor: libyaml safe load, gc paused",
        10000,
        0.5,
    ),
    (
        "10,000: xlsx export ≤ 1.3× raw openpyxl (whole processes)",
        "ropa export xlsx",
        "floor: openpyxl write-only",
        10000,
        1.3,
    ),
    (
        "1,000: fmt ≤ 2× ruamel round-trip load+dump",
        "ropa fmt --check",
        "floor: ruamel round-trip load+dump",
        1000,
        2.0,
    ),
    (
        "10,000: fmt ≤ 2× ruamel round-trip load+dump",
        "ropa fmt --check",
        "floor: ruamel round-trip load+dump",
        10000,
        2.0,
    ),
    (
        "10,000: xlsx export step ≤ 1.3× raw openpyxl of the same rows (in-process)",
        "export step, in-process",
        "floor: openpyxl write-only, in-process",
        10000,
        1.3,
    ),
)


def report(results: list[Measurement], sizes: list[int]) -> str:
    names = list(dict.fromkeys(r.command for r in results if not r.command.endswith("flow list")))
    lines = ["| command | " + " | ".join(f"{n:,}" for n in sizes) + " |"]
    lines.append("|---|" + "---|" * len(sizes))
    for name in names:
        cells = []
        for size in sizes:
            found = _lookup(results, name, size)
            if found is None or found.seconds is None:
                cells.append(f"– ({found.note})" if found and found.note else "–")
            else:
                memory = f", {found.peak_mib:.0f} MiB" if found.peak_mib is not None else ""
                cells.append(f"{found.seconds:.2f} s{memory}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| ratio | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    lines.append("|---|" + "---|" * len(sizes))
    for name, base in (
        ("ropa check", "check-jsonschema"),
        ("ropa check", "floor: libyaml safe load, gc paused"),
        ("ropa check, libyaml engine", "floor: libyaml safe load, gc paused"),
        ("ropa validate", "check-jsonschema"),
        ("ropa export xlsx", "floor: openpyxl write-only"),
        ("export step, in-process", "floor: openpyxl write-only, in-process"),
        ("ropa fmt --check", "floor: ruamel round-trip load+dump"),
    ):
        cells = []
        for size in sizes:
            value = ratio(results, name, base, size)
            by_cpu = ratio(results, name, base, size, cpu=True)
            shown = f"{value:.2f}×" if value is not None else "–"
            cells.append(shown + (f" (cpu {by_cpu:.2f}×)" if by_cpu is not None else ""))
        lines.append(f"| {name} / {base} | " + " | ".join(cells) + " |")
    lines.append("")
    for description, name, base, size, limit in TARGETS:
        if size not in sizes:
            continue
        value = ratio(results, name, base, size)
        verdict = "not measured" if value is None else ("met" if value <= limit else "NOT met")
        shown = f"{value:.2f}×" if value is not None else "–"
        by_cpu = ratio(results, name, base, size, cpu=True)
        cpu_shown = f" (by CPU time {by_cpu:.2f}×)" if by_cpu is not None else ""
        lines.append(f"- {description}: {shown} — {verdict}{cpu_shown}")
    flow = [r for r in results if r.command.endswith("flow list")]
    if flow:
        ropa, floor = flow[0], flow[-1]
        if ropa.seconds is not None and floor.seconds is not None:
            lines.append(
                f"- flow list of {ropa.activities:,} items: fmt {ropa.seconds:.2f} s, ruamel "
                f"floor {floor.seconds:.2f} s ({ropa.seconds / floor.seconds:.2f}×)"
            )
        else:
            lines.append(f"- flow list of {ropa.activities:,} items: {ropa.note or floor.note}")
    if 50000 in sizes:
        for name in ("ropa validate", "ropa check", "ropa export xlsx"):
            found = _lookup(results, name, 50000)
            if found and found.seconds is not None:
                # The target is 700 MB (667 MiB) of peak resident memory.
                ok = found.exit_code in (0, 1) and (found.peak_mib or 0) * 2**20 < 700e6
                lines.append(
                    f"- 50,000: {name} under 700 MB: {found.peak_mib:.0f} MiB, exit "
                    f"{found.exit_code} — {'met' if ok else 'NOT met'}"
                )
    return "\n".join(lines)


def export_step_only(sizes: list[int], timeout: float) -> None:
    """The export step of each size, in-process, with its ratio to raw openpyxl."""
    sys.path.insert(0, str(HERE))
    import generate

    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        for size in sizes:
            register = directory / f"register-{size}.yaml"
            with register.open("w", encoding="utf-8") as stream:
                for chunk in generate.register(size):
                    stream.write(chunk)
            ropa, raw = _export_step(str(register), directory, timeout)
            assert ropa.seconds
            assert raw.seconds
            print(f"{size:>6}  export step {ropa.seconds / raw.seconds:.2f}x raw openpyxl")


def compile_ropa() -> None:
    """Write ropa's bytecode, as `pip install` does for an ordinary install (and did for
    check-jsonschema). An editable install under PYTHONDONTWRITEBYTECODE=1 would otherwise
    compile every module on every run: some 110 ms of CPU per command that no user pays,
    which decides the 20-activity ratio."""
    import compileall

    import ropa

    compileall.compile_dir(Path(ropa.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=5, help="runs per command for N ≤ 1000")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per command")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="WORD",
        help="measure only the commands whose name holds one of these words (e.g. fmt ruamel)",
    )
    parser.add_argument(
        "--flow-items",
        type=int,
        default=100_000,
        help="items of the flow list fmt formats (0: skip)",
    )
    parser.add_argument(
        "--export-step-only",
        action="store_true",
        help="measure only the in-process export step against raw openpyxl",
    )
    parser.add_argument("--prepare", nargs=2, metavar=("N", "DIR"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.prepare:
        _prepare_files(int(arguments.prepare[0]), Path(arguments.prepare[1]))
        return
    if arguments.export_step_only:
        export_step_only(arguments.sizes, arguments.timeout)
        return
    compile_ropa()
    results = run(arguments.sizes, arguments.repeat, arguments.timeout, arguments.only)
    if arguments.flow_items:
        results += flow_list(arguments.flow_items, arguments.timeout)
    table = report(results, arguments.sizes)
    print(table)
    if arguments.json:
        document = {
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "measurements": [asdict(result) for result in results],
            "table": table,
        }
        arguments.json.write_text(json.dumps(document, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
