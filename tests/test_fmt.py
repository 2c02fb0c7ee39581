"""`ropa fmt`: canonical order and style, nothing lost, idempotent, atomic writes."""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa.fmt import comment_texts, format_paths, format_text
from ropa.yamlio import parse_fast
from tests.conftest import FIXTURES, REGISTERS, invoke, run_ropa

SEEDS = sorted(REGISTERS.glob("*.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))


def data_of(text: str) -> object:
    document = parse_fast(text, "t.yaml")
    assert not document.problems
    return document.data


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name)
def test_every_seed_register_keeps_its_values_and_every_comment(seed: Path) -> None:
    original = seed.read_text(encoding="utf-8")
    formatted = format_text(original, seed.name)
    assert data_of(formatted) == data_of(original)
    before = collections.Counter(comment_texts(original))
    after = collections.Counter(comment_texts(formatted))
    assert after - before == collections.Counter(), "comments appeared"
    assert before - after == collections.Counter(), "comments were lost"
    assert formatted.splitlines()[0] == original.splitlines()[0]  # the schema line
    assert formatted.startswith("# yaml-language-server: $schema=")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name)
def test_formatting_twice_changes_nothing_the_second_time(seed: Path) -> None:
    once = format_text(seed.read_text(encoding="utf-8"), seed.name)
    assert format_text(once, seed.name) == once


def test_keys_take_the_model_order_and_comments_move_with_their_key() -> None:
    text = """\
# yaml-language-server: $schema=../schemas/ropa.schema.json
# The register of a small shop.
activities:
  - name: {en: Orders, lv: Pasūtījumi}   # both languages
    # the id never changes
    id: orders
    purposes:
      - legal_basis: {note: see the terms, basis: contract}
        purpose: Piegāde
organisation:
    role: controller
    # as registered
    name: SIA "Piemērs"
ropa: 1
# end of the register
"""
    assert (
        format_text(text)
        == """\
# yaml-language-server: $schema=../schemas/ropa.schema.json
# The register of a small shop.
ropa: 1
organisation:
  # as registered
  name: SIA "Piemērs"
  role: controller
activities:
  # the id never changes
  - id: orders
    name: {lv: Pasūtījumi, en: Orders}   # both languages
    purposes:
      - purpose: Piegāde
        legal_basis: {basis: contract, note: see the terms}
# end of the register
"""
    )


def test_quotes_styles_and_block_text_are_kept() -> None:
    text = """\
ropa: 1
organisation:
  role: controller
  name: 'SIA "Piemērs"'
  registration_number: "40003000000"
  notes: |
    Pirmā rinda.
    # not a comment: part of the text
    Otrā rinda.
activities: [{name: A, id: a}]
"""
    formatted = format_text(text)
    assert "  name: 'SIA \"Piemērs\"'\n" in formatted
    assert '  registration_number: "40003000000"\n' in formatted
    assert "    # not a comment: part of the text\n" in formatted
    assert "activities: [{id: a, name: A}]\n" in formatted
    assert data_of(formatted) == data_of(text)


def test_indentation_is_normalised() -> None:
    text = "ropa: 1\norganisation:\n      role: controller\nactivities:\n- id: a\n  name: A\n"
    assert format_text(text) == (
        "ropa: 1\norganisation:\n  role: controller\nactivities:\n  - id: a\n    name: A\n"
    )


# --------------------------------------------------------------------------- the command


UNORDERED = "organisation:\n  role: controller\n  name: X\nropa: 1  # format\n"
ORDERED = "ropa: 1  # format\norganisation:\n  name: X\n  role: controller\n"


def test_check_reports_what_would_change_and_writes_nothing(in_dir: Path) -> None:
    (in_dir / "registers").mkdir()
    (in_dir / "registers" / "a.yaml").write_text(UNORDERED, encoding="utf-8")
    (in_dir / "registers" / "b.yaml").write_text(ORDERED, encoding="utf-8")
    result = invoke("fmt", "--check", "registers")
    assert result.returncode == 1
    assert result.stdout == (
        "would reformat registers/a.yaml\n1 file would be reformatted, 1 file already formatted\n"
    )
    assert (in_dir / "registers" / "a.yaml").read_text(encoding="utf-8") == UNORDERED


def test_diff_shows_the_change(in_dir: Path) -> None:
    (in_dir / "a.yaml").write_text(UNORDERED, encoding="utf-8")
    result = invoke("fmt", "--diff", "a.yaml")
    assert result.returncode == 1
    assert "--- a.yaml (original)\n+++ a.yaml (formatted)\n" in result.stdout
    assert "+ropa: 1  # format\n" in result.stdout
    assert (in_dir / "a.yaml").read_text(encoding="utf-8") == UNORDERED


def test_fmt_rewrites_then_finds_nothing_to_do(in_dir: Path) -> None:
    (in_dir / "a.yaml").write_text(UNORDERED, encoding="utf-8")
    (in_dir / "a.yaml").chmod(0o640)
    first = run_ropa("fmt", "a.yaml", cwd=in_dir)
    assert first.returncode == 0, first.stdout
    assert first.stdout == "reformatted a.yaml\n1 file reformatted, 0 files left unchanged\n"
    assert (in_dir / "a.yaml").read_text(encoding="utf-8") == ORDERED
    assert (in_dir / "a.yaml").stat().st_mode & 0o777 == 0o640
    second = run_ropa("fmt", "--check", "a.yaml", cwd=in_dir)
    assert second.returncode == 0
    assert second.stdout == "0 files would be reformatted, 1 file already formatted\n"
    assert list(in_dir.iterdir()) == [in_dir / "a.yaml"]


def test_an_invalid_register_is_reported_and_left_untouched(in_dir: Path) -> None:
    broken = UNORDERED.replace("role: controller", "role: boss")
    (in_dir / "a.yaml").write_text(broken, encoding="utf-8")
    result = invoke("fmt", "a.yaml")
    assert result.returncode == 1
    assert (
        result.stdout.splitlines()[0] == "a.yaml:2:9: SC04 `boss` is not a valid value for `role`"
    )
    assert result.stdout.splitlines()[-1] == (
        "0 files reformatted, 0 files left unchanged, "
        "1 problem (files with problems are left as they are)"
    )
    assert (in_dir / "a.yaml").read_text(encoding="utf-8") == broken


def test_unreadable_input_exits_2(in_dir: Path) -> None:
    assert invoke("fmt", "missing.yaml").returncode == 2


def test_a_link_stays_a_link_to_the_rewritten_file(in_dir: Path) -> None:
    (in_dir / "real.yaml").write_text(UNORDERED, encoding="utf-8")
    (in_dir / "link.yaml").symlink_to("real.yaml")
    assert invoke("fmt", "link.yaml").returncode == 0
    assert (in_dir / "link.yaml").is_symlink()
    assert (in_dir / "real.yaml").read_text(encoding="utf-8") == ORDERED


def test_only_the_named_files_of_a_split_register_are_rewritten(in_dir: Path) -> None:
    root = in_dir / "acme"
    root.mkdir()
    (root / "register.yaml").write_text(UNORDERED, encoding="utf-8")
    hr = "activities:\n  - name: Algas\n    id: payroll\nropa: 1\n"
    (root / "hr.yaml").write_text(hr, encoding="utf-8")
    assert invoke("fmt", "acme/hr.yaml").returncode == 0
    assert (root / "register.yaml").read_text(encoding="utf-8") == UNORDERED
    assert (root / "hr.yaml").read_text(encoding="utf-8") == (
        "ropa: 1\nactivities:\n  - id: payroll\n    name: Algas\n"
    )


def test_the_generated_register_of_init_is_already_formatted(tmp_path: Path) -> None:
    from ropa.scaffold import Answers, register_text

    text = register_text(Answers(name='SIA "Ābele"', employees=3, email="a@abele.lv"))
    assert format_text(text) == text


# --------------------------------------------------------------------------- crashes


def _no_temporary_files(directory: Path) -> None:
    assert [path.name for path in directory.iterdir() if path.name.endswith(".tmp")] == []


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failure_mid_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "a.yaml"
    target.write_text(UNORDERED, encoding="utf-8")

    def crash(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        original_fdopen = os.fdopen

        class FailingStream:
            def __init__(self, *args: object, **kwargs: object) -> None:
                self.stream = original_fdopen(*args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> FailingStream:
                return self

            def __exit__(self, *_exc: object) -> None:
                self.stream.close()

            def write(self, text: str) -> int:
                self.stream.write(text[: len(text) // 2])
                raise OSError(28, "No space left on device")

        def fdopen(descriptor: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            if "w" in mode:  # the temporary file; reading the register works as before
                return FailingStream(descriptor, mode, *args, **kwargs)
            return original_fdopen(descriptor, mode, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, failing, crash)
    result = format_paths([str(target)])
    assert [(f.code, f.message) for f in result.findings] == [
        ("IN01", "cannot write the file: No space left on device")
    ]
    assert target.read_text(encoding="utf-8") == UNORDERED
    _no_temporary_files(tmp_path)


def test_killing_fmt_at_any_moment_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    """A real process, killed with SIGKILL (no clean-up runs) at moments spread over its
    run: the register is always whole, the old text or the new."""
    activities = "".join(
        f"  - name: Darbība {index}  # komentārs {index}\n    id: a{index}\n"
        for index in range(1500)
    )
    original = "activities:\n" + activities + "organisation: {role: controller}\nropa: 1\n"
    target = tmp_path / "big.yaml"
    target.write_text(original, encoding="utf-8")
    formatted = format_text(original)
    seen = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.6, 2.2):
        target.write_text(original, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "ropa", "fmt", "big.yaml"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = target.read_text(encoding="utf-8")
        assert now in (original, formatted)
        seen.add(now == formatted)
        for leftover in tmp_path.glob(".big.yaml.*.tmp"):
            leftover.unlink()  # what a SIGKILL leaves; the register itself is whole
    assert seen  # the loop ran


def test_text_the_dumper_would_change_is_written_in_a_style_that_keeps_it() -> None:
    """Found by the fuzzer: ruamel writes a folded block with a tab-indented line back with
    blank lines added, which changes the text; fmt writes that value quoted instead."""
    text = "ropa: 1\norganisation: {role: controller}\nnotes: >-\n  a b\n  \tc d\n  e\n"
    formatted = format_text(text)
    assert formatted == 'ropa: 1\norganisation: {role: controller}\nnotes: "a b\\n\\tc d\\ne"\n'
    assert data_of(formatted) == data_of(text)


def test_when_the_writer_fails_on_styled_text_every_text_is_written_plainly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ruamel's emitter raises on some folded text; fmt then lets it choose every style."""
    import ropa.fmt
    from ropa.yamlio import DumpError, dump_roundtrip

    calls: list[int] = []

    def failing_once(tree: object) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise DumpError("unexpected fold indicator")
        return dump_roundtrip(tree)

    monkeypatch.setattr(ropa.fmt, "dump_roundtrip", failing_once)
    text = "ropa: 1  # v\norganisation: {role: controller}\nnotes: >-\n  folded\n  text\n"
    formatted = format_text(text)
    assert formatted == "ropa: 1  # v\norganisation: {role: controller}\nnotes: folded text\n"
    assert len(calls) == 2
