"""Counts in messages take the form their number asks for, in each language: Latvian puts
the noun in the singular after 1, 21, 31 ... (not 11), English only after 1. Through the
real CLI, for the grouped notes of the checks and the change log of the export."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import invoke, run_ropa

ORGANISATION = """\
ropa: 1
organisation:
  name: SIA "Skaitītājs"
  role: controller
  country: LV
  contact: {email: info@skaititajs.lv}
  dpo: {appointed: false, reason: Nav pienākuma (VDAR 37. pants)}
"""


def register(count: int, *, extra: str = "", system: bool = False) -> str:
    """`count` activities, each leaving the same keys `unknown`: a social service's, whose
    open DPIA question stays a note of its own (WP248 weighs vulnerable people)."""
    text = ORGANISATION
    if system:
        text += "systems:\n  - id: cloud\n    name: Mākonis\n    location: US\n"
    text += "activities:\n"
    for number in range(1, count + 1):
        text += (
            f"  - id: a{number}\n"
            f"    name: Sociālā dienesta klienti {number}\n"
            "    sources: unknown\n"
            "    special_categories: unknown\n"
            "    profiling: unknown\n"
            "    recipients: unknown\n"
            "    transfers: unknown\n"
            "    dpia: unknown\n"
            f"{extra}"
        )
    return text


# The grouped note of each rule, in Latvian, after the count: the singular and the plural
# form of "in N activities".
GROUPED = {
    # The register's note of open questions (here: the sources).
    "AC22": ("apstrādes darbībā paliek nezināmi", "apstrādes darbībās paliek nezināmi"),
    "SD24": ("apstrādes darbībā nav zināms, vai tajā", "apstrādes darbībās nav zināms, vai tajās"),
    "AC04": ("apstrādes darbībā nav norādīts, kas saņem", "apstrādes darbībās nav norādīts, kas"),
    "TR06": ("apstrādes darbībā nav norādīts, vai datus", "apstrādes darbībās nav norādīts, vai"),
    # Nothing to screen, and profiling left open: one DPIA note says both (DP23 is quiet).
    "DP24": ("apstrādes darbībā nav pabeigts izvērtējums", "apstrādes darbībās nav pabeigts"),
}
# The notes a register shows when only one of those two questions is open: (the change
# to the register, the rule, the singular and the plural form). Profiling left open with
# nothing that makes it likely is a line of the register's note of open questions (AC22).
APART = [
    (
        ("    dpia: unknown\n", "    dpia: {required: false, status: not_required}\n"),
        "AC22",
        GROUPED["AC22"],
    ),
    (
        ("    profiling: unknown\n", "    profiling: none\n"),
        "DP24",
        ("apstrādes darbībā nav pabeigts izvērtējums", "apstrādes darbībās nav pabeigts"),
    ),
]


def latvian_messages(path: Path) -> dict[str, str]:
    result = invoke("check", str(path), "--lang", "lv", "--format", "json")
    assert result.returncode == 1, result.stdout
    return {
        finding["code"]: finding["message"]
        for finding in json.loads(result.stdout)["findings"]
        if finding["code"] in GROUPED or finding["code"] == "DP23"
    }


@pytest.mark.parametrize(("count", "singular"), [(2, False), (11, False), (21, True)])
def test_grouped_notes_count_activities_the_latvian_way(
    tmp_path: Path, count: int, singular: bool
) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(register(count), encoding="utf-8")
    messages = latvian_messages(path)
    assert set(messages) == set(GROUPED)
    for code, (one, other) in GROUPED.items():
        expected = f"{count} {one if singular else other}"
        assert messages[code].startswith(expected), (code, messages[code])


@pytest.mark.parametrize(("count", "singular"), [(2, False), (21, True)])
@pytest.mark.parametrize(("change", "code", "forms"), APART, ids=[code for _c, code, _f in APART])
def test_the_dpia_and_profiling_notes_apart_count_the_latvian_way(
    tmp_path: Path,
    count: int,
    singular: bool,
    change: tuple[str, str],
    code: str,
    forms: tuple[str, str],
) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(register(count).replace(*change), encoding="utf-8")
    messages = latvian_messages(path)
    assert set(messages) == {*GROUPED, code} - ({"DP24"} - {code})
    expected = f"{count} {forms[0] if singular else forms[1]}"
    assert messages[code].startswith(expected), messages[code]
    if code == "AC22":
        assert "`profiling`" in messages[code], messages[code]


def test_one_activity_is_named_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(register(1), encoding="utf-8")
    messages = latvian_messages(path)
    assert set(messages) == set(GROUPED)
    for code, message in messages.items():
        assert "`a1`" in message, (code, message)
        assert not re.match(r"1 apstrādes darbīb", message), (code, message)


def test_the_text_report_in_a_real_process_says_21_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(register(21), encoding="utf-8")
    latvian = run_ropa("check", str(path), "--lang", "lv").stdout
    assert "21 apstrādes darbībā paliek nezināmi lauki" in latvian
    assert "21 apstrādes darbībās" not in latvian
    english = run_ropa("check", str(path), "--lang", "en").stdout
    assert "21 activities leave keys unknown where" in english


@pytest.mark.parametrize(("count", "form"), [(2, "to sistēmas"), (11, "to"), (21, "tās sistēmas")])
def test_the_transfer_note_that_names_systems_agrees_too(
    tmp_path: Path, count: int, form: str
) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(register(count, extra="    systems: [cloud]\n", system=True), encoding="utf-8")
    result = invoke("check", str(path), "--lang", "lv", "--format", "json")
    (note,) = [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "TR06"]
    noun = "darbībā" if count == 21 else "darbībās"
    assert note.startswith(f"{count} apstrādes {noun} nav norādīts"), note
    assert f"lai gan {form}" in note, note


def git(directory: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=directory,
        capture_output=True,
        check=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    ("changes", "latvian", "english"),
    [
        (0, "0 izmaiņu", "0 changes"),
        (1, "1 izmaiņa", "1 change"),
        (2, "2 izmaiņas", "2 changes"),
        (11, "11 izmaiņas", "11 changes"),
        (21, "21 izmaiņa", "21 changes"),
    ],
)
def test_the_change_log_counts_changes_by_the_catalogue(
    tmp_path: Path, changes: int, latvian: str, english: str
) -> None:
    git(tmp_path, "init", "-q")
    path = tmp_path / "register.yaml"
    path.write_text(register(21), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    text = register(21)
    for number in range(1, changes + 1):
        text = text.replace(f"klienti {number}\n", f"klienti Nr. {number}\n")
    path.write_text(text, encoding="utf-8")
    for language, expected in (("lv", latvian), ("en", english)):
        done = run_ropa(
            "export",
            "register.yaml",
            "-f",
            "markdown",
            "--lang",
            language,
            "--changes-since",
            "HEAD",
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        log = done.stdout.split("## Izmaiņas\n" if language == "lv" else "## Changes\n", 1)[1]
        counts = re.findall(r"^\d+ \w+$", log, flags=re.M)
        assert counts[0] == expected, counts


@pytest.mark.parametrize(
    ("count", "language", "expected"),
    [
        (1, "en", "1 activity, 1 recipient, 0 transfers"),
        (21, "en", "21 activities, 1 recipient, 0 transfers"),
        (1, "lv", "1 apstrādes darbība, 1 saņēmējs, 0 nosūtīšanas gadījumu"),
        (11, "lv", "11 apstrādes darbības, 1 saņēmējs"),
        (21, "lv", "21 apstrādes darbība, 1 saņēmējs"),
    ],
)
def test_the_export_summary_counts_each_thing_in_its_form(
    tmp_path: Path, count: int, language: str, expected: str
) -> None:
    path = tmp_path / "register.yaml"
    text = register(count).replace("transfers: unknown", "transfers: none")
    text = text.replace("recipients: unknown", "recipients: [courier]").replace(
        "activities:\n",
        "recipients:\n  - {id: courier, name: SIA Kurjers, kind: processor, country: LV}\n"
        "activities:\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    target = tmp_path / "register.xlsx"
    done = run_ropa("export", str(path), "--lang", language, "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert expected in done.stderr, done.stderr


def test_one_long_row_is_one_row_in_the_note(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    purposes = "\n".join(
        f"      - purpose: {'x' * 30} {number} {'y ' * 40}" for number in range(60)
    )
    path.write_text(
        ORGANISATION
        + f"activities:\n  - id: long-one\n    name: Long\n    purposes:\n{purposes}\n",
        encoding="utf-8",
    )
    english = run_ropa("export", str(path), "--lang", "en", "-o", str(tmp_path / "en.xlsx"))
    assert (
        "1 row of sheet `Processing activities` is longer than one row of Excel" in english.stderr
    )
    latvian = run_ropa("export", str(path), "--lang", "lv", "-o", str(tmp_path / "lv.xlsx"))
    assert "1 rinda ir garāka, nekā Excel var parādīt" in latvian.stderr, latvian.stderr
