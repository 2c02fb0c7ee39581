"""The fuzzers' target, replayed on every stored input, and a short atheris pass.

`fuzz/targets.py` is what atheris runs on each generated input: read, validate, check,
and for a valid register fmt, with ropa's promises asserted. Every input that ever made it
fail is kept in `tests/hostile/fuzz/` and replayed here with the rest of the corpus; the
short coverage-guided pass runs where atheris is installed (the `fuzz` extra).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REGISTERS, REPO, TESTS

sys.path.insert(0, str(REPO / "fuzz"))
import targets

INPUTS = sorted(
    [*(TESTS / "hostile").rglob("*.yaml"), *FIXTURES.rglob("*.yaml"), *REGISTERS.glob("*.yaml")]
)


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: str(path.relative_to(TESTS.parent)))
def test_every_stored_input_passes_the_fuzz_target(path: Path) -> None:
    targets.run_one(path.read_bytes())


def test_the_target_catches_misbehaviour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The target is not a no-op: a fmt that loses a comment is caught."""
    import ropa.fmt

    monkeypatch.setattr(targets, "format_text", lambda text, _file: text.replace("# c", ""))
    with pytest.raises(targets.Misbehaviour):
        targets.run_one(b"ropa: 1  # c\norganisation: {role: controller}\n")
    assert ropa.fmt.format_text is not None


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (pip install -e '.[fuzz]')",
)
def test_a_short_atheris_run_finds_nothing(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "fuzz" / "run.py"),
            "--seconds",
            "120",
            "--corpus",
            str(tmp_path / "corpus"),
            "--crashes",
            str(tmp_path / "crashes"),
            # A fixed seed and number of runs: the same inputs on every machine, so a
            # failure here is the change's and can be reproduced. Open-ended exploration
            # is `fuzz/run.py --seconds N` on its own (each such run found something
            # new once: an anchor on an empty value, a block's last line of spaces).
            "-seed=1",
            "-runs=5000",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Done" in output
    assert list((tmp_path / "crashes").iterdir()) == []
