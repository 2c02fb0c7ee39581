"""Run the atheris fuzzer for a while: `python fuzz/run.py --seconds 60`.

Seeds the corpus with the repository's registers and test fixtures (valid, invalid and
hostile), keeps what the fuzzer learns in `fuzz/corpus/` (not committed), and writes any
input that crashes or hangs ropa to `fuzz/crashes/`. Exits 0 when nothing was found;
prints libFuzzer's figures (inputs run, coverage) as it goes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED_SOURCES = [
    REPO / "registers",
    REPO / "tests" / "fixtures",
    REPO / "tests" / "hostile",
]
MAX_SEED_BYTES = 64 * 1024


def seed(corpus: Path) -> int:
    corpus.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in SEED_SOURCES:
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if (
                path.is_file()
                and path.suffix in (".yaml", ".yml")
                and path.stat().st_size <= MAX_SEED_BYTES
            ):
                name = "seed-" + "-".join(path.relative_to(REPO).parts)
                target = corpus / name
                if not target.exists():
                    shutil.copyfile(path, target)
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--crashes", type=Path, default=HERE / "crashes")
    parser.add_argument("--max-len", type=int, default=16384, help="longest input tried")
    parser.add_argument("--rss-limit-mb", type=int, default=2048)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before an input is a hang")
    args, extra = parser.parse_known_args(argv)
    seeds = seed(args.corpus)
    args.crashes.mkdir(parents=True, exist_ok=True)
    print(f"fuzz: {seeds} seed files, {args.seconds} s", flush=True)
    command = [
        sys.executable,
        str(HERE / "harness.py"),
        str(args.corpus),
        f"-max_total_time={args.seconds}",
        f"-max_len={args.max_len}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-timeout={args.timeout}",
        f"-artifact_prefix={args.crashes}/",
        "-print_final_stats=1",
        *extra,
    ]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
