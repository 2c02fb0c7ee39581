"""`ropa diff`: a real git repository with three revisions of a register, read back
through the real CLI (typer's runner and a subprocess), in text, Markdown and JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.diff import Change, change_sentence, compare_registers, merge_documents
from tests.conftest import invoke, run_ropa

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(directory: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


FIRST = """\
ropa: 1
organisation:
  name: SIA "Piemērs"
  registration_number: "40003000000"
  country: LV
  role: controller
  contact: {email: privatums@piemers.lv}
  dpo: {appointed: false, reason: Nav pienākuma iecelt (VDAR 37. pants)}
recipients:
  - id: couriers
    name: unknown
    category: {lv: kurjeru pakalpojumi, en: courier services}
    kind: processor
    country: LV
activities:
  - id: orders
    name: {lv: Pasūtījumu apstrāde, en: Order processing}
    purposes:
      - purpose: {lv: Pasūtījuma piegāde, en: Delivering the order}
        legal_basis: {basis: contract}
    data_subjects: [customers]
    personal_data: [name, address, phone number]
    recipients: [couriers]
    transfers: none
    retention: {period: P3Y, from: delivery, reason: Komerclikums}
  - id: newsletter
    name: {lv: Jaunumu vēstule, en: Newsletter}
    purposes:
      - purpose: {lv: Jaunumu sūtīšana, en: Sending news}
        legal_basis: {basis: consent}
    data_subjects: [subscribers]
    personal_data: [e-mail address]
    recipients: none
    transfers: none
    retention: {period: P2Y, from: subscription}
"""


def second(text: str) -> str:
    """Retention longer, a data category added and one dropped, the newsletter renamed,
    a recipient added, the DPO e-mail changed."""
    return (
        text.replace("period: P3Y", "period: P5Y")
        .replace("[name, address, phone number]", "[name, address, e-mail address]")
        .replace("{lv: Jaunumu vēstule, en: Newsletter}", "{lv: Ziņu lapa, en: News letter}")
        .replace("privatums@piemers.lv", "dati@piemers.lv")
        .replace(
            "activities:\n",
            "  - id: auditors\n    name: SIA Revidents\n    category: auditors\n"
            "    kind: other\n    country: LV\nactivities:\n",
        )
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """Three revisions: v1 (tagged), v2 (changes), v3 (a register that does not validate),
    and a working tree where the newsletter's id changed."""
    git(tmp_path, "init", "-q")
    registers = tmp_path / "registers"
    registers.mkdir()
    register = registers / "piemers.yaml"
    register.write_text(FIRST, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first record")
    git(tmp_path, "tag", "v1")
    register.write_text(second(FIRST), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "longer retention, auditors")
    broken = second(FIRST).replace("role: controller", "role: owner")
    register.write_text(broken, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "a typo in the role")
    register.write_text(second(FIRST).replace("id: newsletter", "id: news"), encoding="utf-8")
    return tmp_path


def test_field_changes_in_the_registers_terms(repository: Path, in_dir: Path) -> None:
    done = invoke("diff", "v1", "HEAD~1", "--format", "text", str(repository / "registers"))
    assert done.returncode == 0, done.stdout
    out = done.stdout
    assert "registers/piemers.yaml" in out
    assert "retention.period of activity `orders`: P3Y → P5Y" in out
    assert "personal_data of activity `orders`: + e-mail address, − phone number" in out
    assert (
        "renamed activity `newsletter`: Jaunumu vēstule / Newsletter → Ziņu lapa / News letter"
        in out
    )
    assert "contact.email of organisation: privatums@piemers.lv → dati@piemers.lv" in out
    assert "added recipient `auditors` (SIA Revidents)" in out
    assert "4 changes" not in out  # five: retention, data, rename, contact, recipient
    assert "5 changes in 1 register (1 compared)" in out


def test_default_base_is_the_last_tag_and_target_the_working_tree(
    repository: Path, in_dir: Path
) -> None:
    # in_dir is a temporary directory; run from the repository itself.
    done = run_ropa("diff", cwd=repository)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("comparing v1 (")
    assert "→ working tree" in done.stdout
    # The working tree renamed the newsletter's id; its name changed since v1 as well, so
    # it is a removal and an addition, each shown with its name.
    assert "removed activity `newsletter` (Jaunumu vēstule / Newsletter)" in done.stdout
    assert "added activity `news` (Ziņu lapa / News letter)" in done.stdout


def test_an_id_change_alone_is_a_rename(repository: Path, in_dir: Path) -> None:
    done = invoke("diff", "HEAD~1", str(repository / "registers" / "piemers.yaml"))
    assert done.returncode == 0
    assert "activity `newsletter` is now `news`" in done.stdout
    assert "removed activity" not in done.stdout


def test_without_tags_the_base_is_the_last_commit_that_touched_the_register(
    repository: Path,
) -> None:
    git(repository, "tag", "-d", "v1")
    (repository / "README").write_text("later commit, register untouched\n", encoding="utf-8")
    git(repository, "add", "README")
    git(repository, "commit", "-q", "-m", "readme")
    done = run_ropa("diff", "registers", cwd=repository)
    assert done.returncode == 0, done.stderr
    assert "a typo in the role" in done.stdout.splitlines()[0]


def test_a_revision_that_does_not_validate_is_reported_and_still_compared(
    repository: Path, in_dir: Path
) -> None:
    done = invoke("diff", "HEAD~1", "HEAD", str(repository / "registers"))
    assert done.returncode == 0
    assert "! does not validate at HEAD (1 problem); compared as written" in done.stdout
    assert "HEAD:registers/piemers.yaml:6:9: SC04" in done.stdout
    assert "role of organisation: controller → owner" in done.stdout


def test_a_revision_whose_yaml_cannot_be_read_is_reported(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    register = tmp_path / "r.yaml"
    register.write_text("ropa: 1\norganisation: [unclosed\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "broken")
    register.write_text(FIRST, encoding="utf-8")
    done = run_ropa("diff", "HEAD", "r.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "! cannot be read at HEAD" in done.stdout
    assert "HEAD:r.yaml:3:1: YM01" in done.stdout
    assert "0 changes" in done.stdout


def test_markdown_for_a_pull_request_comment(repository: Path, in_dir: Path) -> None:
    done = invoke("diff", "v1", "HEAD~1", "-f", "markdown", str(repository / "registers"))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("## Record of processing: changes from v1 (")
    assert "| Change | Entry | Field | Before | After |" in lines
    assert "| changed | activity `orders` | retention.period | P3Y | P5Y |" in lines
    assert "| items | activity `orders` | personal_data | phone number | e-mail address |" in lines


def test_json_lists_every_change_with_its_values(repository: Path, in_dir: Path) -> None:
    done = invoke("diff", "v1", "HEAD~1", "-f", "json", str(repository / "registers"))
    document = json.loads(done.stdout)
    assert document["changes"] == 5
    (register,) = document["registers"]
    assert register["name"] == "registers/piemers.yaml"
    assert register["old"]["valid"]
    assert register["new"]["valid"]
    by_field = {(c["section"], c["entry"], c["field"]): c for c in register["changes"]}
    retention = by_field[("activities", "orders", "retention.period")]
    assert (retention["kind"], retention["old"], retention["new"]) == ("changed", "P3Y", "P5Y")
    added = by_field[("recipients", "auditors", "")]
    assert added["kind"] == "added"
    assert added["new"]["name"] == "SIA Revidents"


def test_exit_code_on_request(repository: Path, in_dir: Path) -> None:
    path = str(repository / "registers")
    assert invoke("diff", "v1", "HEAD~1", "--exit-code", path).returncode == 1
    assert invoke("diff", "HEAD~1", "HEAD~1", "--exit-code", path).returncode == 0


def test_unknown_revision_and_no_repository_are_usage_errors(
    repository: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    done = run_ropa("diff", "no-such-tag", "registers", cwd=repository)
    assert done.returncode == 2
    assert "git knows no revision `no-such-tag`" in done.stderr
    assert "Traceback" not in done.stderr
    outside = tmp_path_factory.mktemp("plain")
    (outside / "r.yaml").write_text(FIRST, encoding="utf-8")
    done = run_ropa("diff", "r.yaml", cwd=outside)
    assert done.returncode == 2
    assert "is not inside a git repository" in done.stderr
    done = run_ropa("diff", "a", "b", "c", "r.yaml", cwd=repository)
    assert done.returncode == 2
    assert "at most two revisions" in done.stderr


def test_a_split_register_is_compared_as_one(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    root = tmp_path / "acme"
    root.mkdir()
    head, _, rest = FIRST.partition("activities:\n")
    (root / "register.yaml").write_text(head, encoding="utf-8")
    (root / "sales.yaml").write_text("ropa: 1\nactivities:\n" + rest, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "split")
    # Moving an activity to another file is no change to the record; a new file with a
    # new activity is one.
    orders, _, newsletter = rest.partition("  - id: newsletter\n")
    (root / "sales.yaml").write_text("ropa: 1\nactivities:\n" + orders, encoding="utf-8")
    (root / "marketing.yaml").write_text(
        "ropa: 1\nactivities:\n  - id: newsletter\n" + newsletter, encoding="utf-8"
    )
    staff = newsletter.replace("Jaunumu vēstule", "Darbinieki")
    (root / "hr.yaml").write_text("ropa: 1\nactivities:\n  - id: staff\n" + staff, encoding="utf-8")
    done = run_ropa("diff", "HEAD", "acme", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "acme\n" in done.stdout
    assert "added activity `staff` (Darbinieki / Newsletter)" in done.stdout
    assert "1 change in 1 register" in done.stdout


def test_changes_between_data_alone() -> None:
    old = merge_documents(
        [{"organisation": {"name": "A"}, "activities": [{"id": "x", "a": [1, 2]}]}]
    )
    new = merge_documents(
        [{"organisation": {"name": "A"}, "activities": [{"id": "x", "a": [2, 1]}]}]
    )
    (change,) = compare_registers(old, new)
    assert change == Change("reordered", "activities", "x", "a", [1, 2], [2, 1])
    assert change_sentence(change) == "a of activity `x`: same values, new order [2, 1]"
    repeated = merge_documents([{"activities": [{"id": "x", "a": ["p", "p", "q"]}]}])
    once = merge_documents([{"activities": [{"id": "x", "a": ["p", "q"]}]}])
    assert compare_registers(repeated, once) == [Change("items", "activities", "x", "a", ["p"], [])]
    assert compare_registers(old, old) == []
    assert compare_registers(None, None) == []


def test_export_adds_a_change_log_sheet(
    repository: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from openpyxl import load_workbook

    git(repository, "checkout", "-q", "--", ".")  # the working tree back at HEAD (invalid)
    git(repository, "checkout", "-q", "HEAD~1")  # v2: valid, five changes since v1
    out = tmp_path_factory.mktemp("export") / "record.xlsx"
    done = run_ropa(
        "export",
        "registers/piemers.yaml",
        "-o",
        str(out),
        "--changes-since",
        "v1",
        "--date",
        "2026-12-01",
        cwd=repository,
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(out, read_only=True)["Izmaiņas – Changes"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Izmaiņa\nChange"
    assert rows[1][:3] == [
        "salīdzināts / compared",
        "Reģistra versijas / Register versions",
        "5 izmaiņas / 5 changes",
    ]
    assert rows[1][4] == "darba koks (pašreizējie faili) / working tree"
    assert [
        "mainīts / changed",
        "apstrādes darbība `orders` / activity `orders`",
        "retention.period",
        "P3Y",
        "P5Y",
        "retention.period of activity `orders`: P3Y → P5Y",
    ] in rows
    assert len(rows) == 1 + 1 + 5


def test_a_latvian_change_log_has_no_english_sentences(repository: Path) -> None:
    git(repository, "checkout", "-q", "--", ".")
    git(repository, "checkout", "-q", "HEAD~1")
    done = run_ropa(
        "export",
        "registers/piemers.yaml",
        "-f",
        "markdown",
        "--lang",
        "lv",
        "--changes-since",
        "v1",
        "--date",
        "2026-12-01",
        cwd=repository,
    )
    assert done.returncode == 0, done.stderr
    log = done.stdout.split("## Izmaiņas\n", 1)[1]
    assert "### apstrādes darbība \\`newsletter\\` (`pārdēvēts`)" in log
    assert "Ziņu lapa / News letter" in log
    assert "Apraksts" not in log
    assert "renamed" not in log


def test_changes_since_needs_a_sheet_format(repository: Path) -> None:
    done = run_ropa("export", "registers", "-f", "csv", "--changes-since", "v1", cwd=repository)
    assert done.returncode == 2
    assert "--changes-since adds a sheet" in done.stderr
