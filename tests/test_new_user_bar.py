"""A data-protection officer new to ropa writes the register of a Latvian professional
body (a bar association: examination applicants, complaints about advocates, the public
list of advocates) as a register split into files, from the README and docs/ alone, and
uses every command on it: what went wrong for them, each through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_ropa
from tests.test_cli_latvian import LATVIAN_LOCALE

ORGANISATION = """\
ropa: 1
organisation:
  name: Latvijas Zvērinātu advokātu kolēģija
  country: LV
  contact: {email: padome@advokatura.lv}
  role: controller
  dpo: unknown
"""

ACTIVITIES = """\
ropa: 1
activities:
  # Sūdzības par advokātu rīcību
  - id: complaints
    name: {lv: Sūdzību izskatīšana, en: Complaints about advocates}
    purposes:
      - purpose: Sūdzību izskatīšana
        legal_basis: {basis: public_task, law: Latvijas Republikas Advokatūras likums}
    data_subjects: [sūdzību iesniedzēji]
    personal_data: [vārds, uzvārds, sūdzības saturs]
    recipients: none
    transfers: none
    retention: {period: permanent, reason: Arhīva likums}
"""


def _split_register(root: Path) -> Path:
    register = root / "registers" / "lzak"
    register.mkdir(parents=True)
    (register / "register.yaml").write_text(ORGANISATION, encoding="utf-8")
    (register / "sudzibas.yaml").write_text(ACTIVITIES, encoding="utf-8")
    return register


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["export", "--format", "fides"], "sudzibas.yaml"),
        (["export", "--format", "json"], "register.yaml"),
        (["export", "--format", "xlsx"], "sudzibas.yaml"),
        (["notice", "--lang", "en"], "sudzibas.yaml"),
    ],
)
def test_output_onto_a_file_of_the_register_is_refused(
    tmp_path: Path, command: list[str], target: str
) -> None:
    """`-o` naming a file of the register being read replaced the record with the export
    (a fides manifest, a workbook, a notice) and exited 0: the new user lost a file of
    their split register. It is refused before anything is written, in any spelling of
    the path, and the file keeps its bytes."""
    register = _split_register(tmp_path)
    before = (register / target).read_bytes()
    spelt = f"registers/../registers/lzak/{target}"
    done = run_ropa(command[0], "registers/lzak", *command[1:], "-o", spelt, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "it is a file of the register" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert (register / target).read_bytes() == before
    assert {p.name for p in register.iterdir()} == {"register.yaml", "sudzibas.yaml"}


def test_refusal_in_latvian_and_other_targets_still_written(tmp_path: Path) -> None:
    """The refusal speaks Latvian with --lang lv; an existing file that is not the
    register's is replaced as before (the documented `-o`)."""
    register = _split_register(tmp_path)
    refused = run_ropa(
        "export", "registers/lzak", "--lang", "lv", "-f", "csv", "-o",
        "registers/lzak/register.yaml", cwd=tmp_path,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "netiek pārrakstīts: tas ir reģistra fails" in refused.stderr, refused.stderr
    assert (register / "register.yaml").read_text(encoding="utf-8") == ORGANISATION
    existing = tmp_path / "lzak.csv"
    existing.write_text("old\n", encoding="utf-8")
    written = run_ropa("export", "registers/lzak", "-f", "csv", "-o", "lzak.csv", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "Sūdzību izskatīšana" in existing.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("arguments", "nearest"),
    [
        (["check", "registers/lzak", "--fail-on", "warnig"], "warning"),
        (["check", "registers/lzak", "--fail-on=Warnin"], "warning"),
        (["check", "registers/lzak", "--format", "sarf"], "sarif"),
        (["validate", "registers/lzak", "-f", "jsno"], "json"),
        (["export", "registers/lzak", "-f", "xlx", "-o", "lzak.xlsx"], "xlsx"),
        (["export", "registers/lzak", "--lang", "lv-en", "-o", "lzak.xlsx"], "lv+en"),
        (["notice", "registers/lzak", "--format", "htm"], "html"),
        (["rules", "--format", "mardown"], "markdown"),
    ],
)
def test_a_misspelt_choice_gets_the_nearest_word(
    tmp_path: Path, arguments: list[str], nearest: str
) -> None:
    """`--fail-on warnig` said only "Value error, 'warnig' is not one of 'error',
    'warning', 'info'." (typer's words, English under a Latvian locale too): the new user
    had to find the typo by eye. Now the nearest word is named, as for a misspelt rule
    code or setting, and the exit status stays 2."""
    _split_register(tmp_path)
    done = run_ropa(*arguments, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"did you mean `{nearest}`?" in done.stderr, done.stderr
    assert "Value error" not in done.stderr
    assert not (tmp_path / "lzak.xlsx").exists()
    latvian = run_ropa(*arguments, cwd=tmp_path, env=LATVIAN_LOCALE)
    assert latvian.returncode == 2
    assert f"vai domājāt `{nearest}`?" in latvian.stderr, latvian.stderr


def test_choices_are_still_read_in_any_case(tmp_path: Path) -> None:
    """Reading the words in ropa keeps what typer did: any case, the default, the list in
    --help."""
    _split_register(tmp_path)
    upper = run_ropa("check", "registers/lzak", "-q", "--fail-on", "WARNING", "-f", "JSON",
                     cwd=tmp_path)  # fmt: skip
    assert upper.returncode == 1, upper.stderr
    assert upper.stdout.lstrip().startswith("[") or upper.stdout.lstrip().startswith("{")
    quiet = run_ropa("check", "registers/lzak", "-q", "--fail-on", "Error", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    helped = run_ropa("check", "--help", cwd=tmp_path)
    assert "--fail-on <error|warning|info>" in helped.stdout
    assert "<text|json|sarif|github>" in helped.stdout
    far = run_ropa("check", "registers/lzak", "--fail-on", "zzzz", cwd=tmp_path)
    assert far.returncode == 2
    assert "`zzzz` is not one of error, warning, info\n" in far.stderr, far.stderr


def test_fmt_keeps_a_comment_before_the_first_item_of_a_flow_list(tmp_path: Path) -> None:
    """`purposes: [` / `# galvenais` / `{purpose: …},` / `]` came out as a one-line flow
    list with `# galvenais` moved below it, above `personal_data`, whose comment it then
    read as: fmt took the comment for one closing the `purposes` block, since a flow item
    has no dash to stand left of. It stays before its item, and the list becomes a block
    (README: a flow collection with comments between its items becomes a block)."""
    register = _split_register(tmp_path)
    messy = register / "sarakste.yaml"
    messy.write_text(
        "ropa: 1\n"
        "activities:\n"
        "  - id: correspondence\n"
        "    name: Sarakste ar iedzīvotājiem\n"
        "    purposes: [\n"
        "      # galvenais\n"
        "      {purpose: Atbildes sniegšana, legal_basis: {basis: public_task, law: IL}},\n"
        "      ]\n"
        "    personal_data: [\n"
        "      # no vēstules\n"
        "      vārds, e-pasts]\n"
        "    transfers: none\n",
        encoding="utf-8",
    )
    done = run_ropa("fmt", "registers/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert messy.read_text(encoding="utf-8") == (
        "ropa: 1\n"
        "activities:\n"
        "  - id: correspondence\n"
        "    name: Sarakste ar iedzīvotājiem\n"
        "    purposes:\n"
        "      # galvenais\n"
        "      - {purpose: Atbildes sniegšana, legal_basis: {basis: public_task, law: IL}}\n"
        "    personal_data:\n"
        "      # no vēstules\n"
        "      - vārds\n"
        "      - e-pasts\n"
        "    transfers: none\n"
    )
    again = run_ropa("fmt", "--check", "registers/", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr


def test_init_says_the_hooks_need_pre_commit_install(tmp_path: Path) -> None:
    """`ropa init` wrote .pre-commit-config.yaml and the README told to add the hooks, but
    neither said `pre-commit install`: the new user's first commit with a broken register
    went through, no hook having run. init says it, in Latvian too, whenever it writes or
    extends the hooks, and not when it leaves them alone."""
    done = run_ropa("init", "lzak", "--no-input", "--name", "LZAK", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "after `pre-commit install` (once per repository)" in done.stdout, done.stdout
    (tmp_path / "lv").mkdir()
    (tmp_path / "lv" / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks: []\n", encoding="utf-8"
    )
    latvian = run_ropa("init", "lv", "--no-input", "--name", "LZAK", cwd=tmp_path,
                       env=LATVIAN_LOCALE)  # fmt: skip
    assert latvian.returncode == 0, latvian.stderr
    assert "pēc `pre-commit install` (vienreiz repozitorijā)" in latvian.stdout, latvian.stdout
    again = run_ropa("init", "lzak", "--no-input", "--name", "LZAK", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "pre-commit install" not in again.stdout


def test_a_today_written_the_latvian_way_gets_the_hint_date_gets(tmp_path: Path) -> None:
    """`--today 31.01.2024` said "--today '31.01.2024' is not a date (YYYY-MM-DD)", quoted
    as Python does and with no hint line, where `export --date 2024.01.31` says how to
    write it: both now read alike, in Latvian too."""
    _split_register(tmp_path)
    done = run_ropa("check", "registers/lzak", "--today", "31.01.2024", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "ropa: error: --today `31.01.2024` is not a date\n"
        "    hint: write it YYYY-MM-DD, e.g. 2024-05-31\n"
    )
    latvian = run_ropa("check", "registers/lzak", "--lang", "lv", "--today=31.01.2024",
                       cwd=tmp_path)  # fmt: skip
    assert latvian.returncode == 2
    assert "--today `31.01.2024` nav datums\n    ieteikums: rakstiet to formā GGGG-MM-DD" in (
        latvian.stderr
    ), latvian.stderr
