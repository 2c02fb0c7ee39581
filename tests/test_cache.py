"""What ropa keeps between runs besides the validators (`ropa.cache`): the lexicon's term
index. Read back, it is the index the concepts build; from other sources, broken, switched
off or unwritable, the index is built as before and nothing changes in what a check says."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ropa import cache
from ropa.knowledge import lexicon
from ropa.knowledge.concepts import CONCEPTS
from tests.conftest import SEED_REGISTERS, run_ropa

INDEX_FILE = cache.file_name(lexicon.TABLES_NAME)
KEY = "lexicon tables"


def _built() -> lexicon._Tables:
    index = lexicon._build_index(CONCEPTS.values())
    return index, lexicon._number_words(index)


def test_the_stored_index_is_the_index_the_concepts_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    first = lexicon._stored_tables()
    stored = tmp_path / INDEX_FILE
    assert stored.is_file()
    written = stored.stat().st_mtime_ns
    second = lexicon._stored_tables()
    assert stored.stat().st_mtime_ns == written  # read, not built and written again
    built = _built()
    assert first == second == built
    assert sum(len(terms) for terms in built[0].exact.values()) > 1000
    assert built[1][0]  # some term words are numbers ("13", "27001")
    # Terms come back as terms (their fields are read by name), not bare tuples.
    term = next(iter(second[0].exact.values()))[0]
    assert isinstance(term, lexicon._Term)
    assert term.concept in CONCEPTS


@pytest.mark.parametrize(
    "content",
    [
        b"not a pickle",
        pickle.dumps(("another key", "an index of other sources")),
        pickle.dumps(["a list", "of the wrong", "shape"]),
    ],
    ids=["broken", "other-sources", "wrong-shape"],
)
def test_a_broken_or_foreign_index_file_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    (tmp_path / INDEX_FILE).write_bytes(content)
    assert lexicon._stored_tables() == _built()
    # ... and stored for the next run.
    assert cache.load(tmp_path / INDEX_FILE, cache.digest(KEY)) == _built()


def test_an_index_of_another_key_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    wrong: lexicon._Tables = (lexicon._Index({"x": []}, {}), (frozenset(), ()))
    cache.store(tmp_path / INDEX_FILE, "a key of other sources", wrong)
    assert lexicon._stored_tables() == _built()


def test_no_cache_means_nothing_read_or_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ROPA_NO_CACHE", "1")
    (tmp_path / INDEX_FILE).write_bytes(pickle.dumps((cache.digest(KEY), None)))
    assert lexicon._stored_tables() == _built()
    assert not cache.enabled()
    assert [path.name for path in tmp_path.iterdir()] == [INDEX_FILE]


def test_check_writes_the_index_once_and_says_the_same_without_it(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    arguments = ("check", *map(str, SEED_REGISTERS), "--format", "json")
    first = run_ropa(*arguments, env={"ROPA_CACHE_DIR": str(directory)})
    stored = directory / INDEX_FILE
    assert stored.is_file()
    written = stored.stat().st_mtime_ns
    second = run_ropa(*arguments, env={"ROPA_CACHE_DIR": str(directory)})
    assert stored.stat().st_mtime_ns == written
    without = run_ropa(*arguments, env={"ROPA_NO_CACHE": "1", "ROPA_CACHE_DIR": ""})
    assert first.returncode == second.returncode == without.returncode == 1
    assert first.stdout == second.stdout == without.stdout
    assert '"code": "' in first.stdout


def test_check_with_a_cache_that_cannot_be_written_says_the_same(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    arguments = ("check", str(SEED_REGISTERS[0]), "--format", "json")
    result = run_ropa(*arguments, env={"ROPA_CACHE_DIR": str(blocked)})
    reference = run_ropa(*arguments, env={"ROPA_NO_CACHE": "1"})
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stdout) == (reference.returncode, reference.stdout)
    assert blocked.read_text(encoding="utf-8") == "not a directory"


def test_each_installation_keeps_files_of_its_own(tmp_path: Path) -> None:
    """Two installations sharing a cache directory (the pre-commit hook's environment and
    the project's) would otherwise replace each other's files on every run."""
    name = cache.file_name("lexicon")
    assert name.startswith("lexicon.")
    assert name.endswith(".pickle")
    assert cache.file_name("lexicon") == name  # the same installation: the same file
    # Another installation (a copy of the package elsewhere) names its file otherwise.
    shutil.copytree(Path(cache.__file__).parent, tmp_path / "ropa")
    other = subprocess.run(
        [sys.executable, "-c", "from ropa import cache; print(cache.file_name('lexicon'))"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=True,
        timeout=60,
    ).stdout.strip()
    assert other.startswith("lexicon.")
    assert other.endswith(".pickle")
    assert other != name
