"""atheris harness: coverage-guided fuzzing of ropa's loader, validator, checks and fmt.

Run it through `fuzz/run.py`, which prepares the seed corpus and the output folders.
Arguments after the script name are libFuzzer's (`-max_total_time=60`, `-runs=1000`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["ropa"]):
    import targets


def test_one_input(data: bytes) -> None:
    targets.run_one(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
