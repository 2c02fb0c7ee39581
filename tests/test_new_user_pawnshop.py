"""A data-protection officer new to ropa writes the register of a Latvian pawnshop
(lombards) from the README and docs/ alone, and uses every command on it: what went wrong
for them, each through the real command line (a real process or typer's runner)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_ropa
from tests.test_diff import git

ORGANISATION = """\
ropa: 1
organisation:
  name: SIA "Lombards Piemērs"
  registration_number: "40003000000"
  country: LV
  contact: {email: info@lombards.lv}
  role: controller
  dpo: {appointed: false, reason: Nav plaša mēroga uzraudzības}
security_measures:
  - id: tom
    name: {lv: Tehniskie un organizatoriskie pasākumi, en: Technical and organisational measures}
    kind: organisational
"""

ACTIVITY = """\
ropa: 1
activities:
  - id: {id}
    name: {name}
    purposes:
      - purpose: {name}
        legal_basis: {{basis: contract}}
    data_subjects: [ķīlas devēji]
    personal_data: [vārds, uzvārds, ķīlas apraksts]
    recipients: none
    transfers: none
    retention: {{period: P5Y, from: līguma beigas}}
    security_measures: [tom]
    owner: Valde
    last_review: 2026-01-10
"""


def split_register(root: Path) -> Path:
    """A register split over three files: the organisation and its boilerplate measure in
    register.yaml, one activity beside it and one in a department's folder."""
    register = root / "reg"
    (register / "aml").mkdir(parents=True)
    (register / "register.yaml").write_text(ORGANISATION, encoding="utf-8")
    (register / "aizdevumi.yaml").write_text(
        ACTIVITY.format(id="aizdevumi", name="Aizdevumi pret ķīlu"), encoding="utf-8"
    )
    (register / "aml" / "izpete.yaml").write_text(
        ACTIVITY.format(id="izpete", name="Klienta izpēte"), encoding="utf-8"
    )
    return register


def test_related_places_in_other_files_are_named_with_their_file(tmp_path: Path) -> None:
    """SE02 on the shared measure in register.yaml names the activities that rely on it,
    which are in the two other files: each "also at" place says which file it is in, not
    only a line that the reader would look for in register.yaml."""
    split_register(tmp_path)
    result = run_ropa("check", "reg", "--select", "SE02", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "reg/register.yaml", result.stdout
    also = [line.strip() for line in lines if line.strip().startswith("also at:")]
    assert also == ["also at: reg/aizdevumi.yaml:13:5, reg/aml/izpete.yaml:13:5"], result.stdout


def test_related_places_in_the_same_file_stay_short(tmp_path: Path) -> None:
    """In one file the places are lines of the file under whose heading they stand."""
    (tmp_path / "one.yaml").write_text(
        ORGANISATION
        + ACTIVITY.format(id="a", name="A").replace("ropa: 1\n", "")
        + ACTIVITY.format(id="b", name="B").replace("ropa: 1\nactivities:\n", ""),
        encoding="utf-8",
    )
    result = run_ropa("check", "one.yaml", "--select", "SE02", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "also at: 24:5, 37:5" in result.stdout, result.stdout


FLOW_SOURCES = """\
ropa: 1
organisation: {name: SIA "Lombards", role: controller}
activities:
  - id: aizdevumi
    name: Aizdevumi pret ķīlu
    data_subjects: [{category: ķīlas devēji}]
    sources: [{kind: data_subject}, {kind: third_party, description: Kredītinformācijas birojs}]
"""


def test_fmt_keeps_the_braces_of_a_one_key_mapping_in_a_list(tmp_path: Path) -> None:
    """`sources: [{kind: data_subject}]`, as docs/format.md writes it, is formatted already:
    fmt used to drop the braces of a one-key mapping (`[kind: data_subject]`), a change of
    style the README says it does not make."""
    register = tmp_path / "registers" / "lombards.yaml"
    register.parent.mkdir()
    register.write_text(FLOW_SOURCES, encoding="utf-8")
    result = run_ropa("fmt", "--check", "--no-cache", str(register))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file already formatted" in result.stdout + result.stderr


def test_fmt_writes_a_braceless_one_key_mapping_in_braces(tmp_path: Path) -> None:
    """The same data written without braces (YAML's single pair in a flow sequence) is
    written with them: one canonical form, nothing else changed."""
    register = tmp_path / "lombards.yaml"
    register.write_text(
        FLOW_SOURCES.replace("[{category: ķīlas devēji}]", "[category: ķīlas devēji]"),
        encoding="utf-8",
    )
    result = run_ropa("fmt", "--no-cache", str(register))
    assert result.returncode == 0, result.stdout + result.stderr
    assert register.read_text(encoding="utf-8") == FLOW_SOURCES


def test_import_keeps_what_a_legal_basis_cell_says_beyond_the_basis(tmp_path: Path) -> None:
    """A consultant's sheet cites the law beside the basis ("juridisks pienākums (NILLTPFN
    likums)"): the law was dropped, though docs/import.md promises nothing is. It is kept
    as the basis's note; a cell naming only the basis gets none."""
    source = tmp_path / "registrs.csv"
    source.write_text(
        "Nr.;Apstrādes darbība;Nolūks;Tiesiskais pamats;Datu subjektu kategorijas;"
        "Personas datu kategorijas\n"
        "1;Klientu izpēte;Klienta identifikācija;juridisks pienākums (NILLTPFN likums);"
        "klienti;personas kods\n"
        "2;Ķīlu pieņemšana;Aizdevuma līguma izpilde;līgums;ķīlas devēji;vārds\n",
        encoding="utf-8",
    )
    target = tmp_path / "registers" / "lombards.yaml"
    target.parent.mkdir()
    result = run_ropa("import", str(source), "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "note: juridisks pienākums (NILLTPFN likums)" in text, text
    assert text.count("note:") == 1, text
    assert run_ropa("validate", str(target)).returncode == 0


DEEPER_KEY = """\
ropa: 1
organisation:
  name: SIA "Lombards"
  role: controller
recipients:
  - id: fid
    name: Finanšu izlūkošanas dienests
      category: valsts iestāde
    kind: public_authority
"""


def test_a_key_indented_too_far_is_reported_as_indentation(tmp_path: Path) -> None:
    """`category:` two spaces right of `name:` continues the name's plain text, and libyaml
    says "mapping values are not allowed here": the hint said to quote a value holding
    `: `, which is not the mistake. It now says which key to line up with which."""
    register = tmp_path / "lombards.yaml"
    register.write_text(DEEPER_KEY, encoding="utf-8")
    result = run_ropa("validate", str(register))
    assert result.returncode == 1
    assert f"{register}:8:15: YM01 " in result.stdout, result.stdout
    assert (
        "hint: `category:` stands further right than `name:` on line 7, so YAML reads it as "
        "more text of that value: start it in the same column as `name:`"
    ) in result.stdout, result.stdout
    latvian = run_ropa("validate", "--lang", "lv", str(register))
    assert "ieteikums: `category:` sākas vairāk pa labi nekā `name:` 7. rindā" in latvian.stdout


def test_a_colon_in_a_value_still_asks_for_quotes(tmp_path: Path) -> None:
    register = tmp_path / "lombards.yaml"
    register.write_text(
        DEEPER_KEY.replace("      category: valsts iestāde\n", "").replace(
            "dienests", "dienests: FID"
        ),
        encoding="utf-8",
    )
    result = run_ropa("validate", str(register))
    assert result.returncode == 1
    assert 'hint: a value holding `: ` must be quoted, e.g. title: "Note: text"' in result.stdout


def test_a_wrong_setting_is_reported_at_its_line_in_the_readers_language(
    tmp_path: Path,
) -> None:
    """A typo in a setting's value (`fail-on = "warnng"`) was reported in pydantic's English
    ("Input should be 'error', 'warning' or 'info'") under --lang lv, without a line. It
    is given at the key's line:col, in Latvian, with the nearest word."""
    split_register(tmp_path)
    (tmp_path / "ropa.toml").write_text(
        '# iestatījumi\nignore = ["GV01"]\nfail-on = "warnng"\n', encoding="utf-8"
    )
    result = run_ropa("check", "--lang", "lv", "reg", cwd=tmp_path)
    assert result.returncode == 2
    # The file is shown as the registers are: relative to where ropa runs (it was absolute).
    assert result.stderr.startswith(
        "ropa: kļūda: ropa.toml:3:1: `fail-on`: `warnng` nav "
        "neviena no vērtībām error, warning, info; vai domājāt `warning`?"
    ), result.stderr
    (tmp_path / "ropa.toml").write_text('employee-threshold = "250"\n', encoding="utf-8")
    english = run_ropa("check", "reg", cwd=tmp_path)
    assert english.returncode == 2
    assert (
        "ropa.toml:1:1: `employee-threshold`: `250` is not a whole number (write it without "
        "quotes: 250)"
    ) in english.stderr, english.stderr


def test_every_table_in_the_docs_has_its_heading_row() -> None:
    """docs/format.md's table of legal bases had a blank line before its last two rows
    (`undecided`, `unknown`), which Markdown then shows as a paragraph of pipes: a table
    row that starts a block must be followed by the separator row of a heading."""
    import re

    root = Path(__file__).resolve().parent.parent
    broken = []
    for document in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        lines = document.read_text(encoding="utf-8").splitlines()
        fenced = False
        for number, line in enumerate(lines, 1):
            if line.startswith("```"):
                fenced = not fenced
            starts_block = number == 1 or not lines[number - 2].startswith("|")
            if fenced or not line.startswith("|") or not starts_block:
                continue
            following = lines[number] if number < len(lines) else ""
            if not re.fullmatch(r"\|[ :|-]+\|\s*", following):
                broken.append(f"{document.name}:{number}: {line[:50]}")
    assert broken == []


def test_import_reads_a_csv_that_latvian_excel_saved_in_windows_1257(tmp_path: Path) -> None:
    """Excel under a Latvian locale saves "CSV" with semicolons (docs/import.md names them)
    and in Windows-1257: the import refused it as not UTF-8. It is read in that encoding,
    says so, and every Latvian letter reaches the register."""
    source = tmp_path / "registrs.csv"
    source.write_bytes(
        (
            "Nr.;Apstrādes darbība;Nolūks;Tiesiskais pamats;Datu subjektu kategorijas;"
            "Personas datu kategorijas\r\n"
            "1;Ķīlu pieņemšana;Aizdevuma līguma izpilde;līgums;ķīlas devēji;"
            "vārds, uzvārds, ģimenes stāvoklis, žurnāla ieraksts\r\n"
        ).encode("cp1257")
    )
    target = tmp_path / "lombards.yaml"
    result = run_ropa("import", str(source), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "(CSV table in Windows-1257 (Baltic), sheet “registrs”, headings on row 1)" in (
        result.stderr
    )
    text = target.read_text(encoding="utf-8")
    for words in ("Ķīlu pieņemšana", "ķīlas devēji", "ģimenes stāvoklis", "žurnāla ieraksts"):
        assert words in text, text
    assert run_ropa("validate", str(target)).returncode == 0


def test_import_still_refuses_a_csv_that_is_no_latvian_text(tmp_path: Path) -> None:
    source = tmp_path / "table.csv"
    source.write_bytes("Name;Purpose\nJosé;Ventas\n".encode("cp1252"))
    result = run_ropa("import", str(source))
    assert result.returncode == 2
    assert "is not valid UTF-8" in result.stderr


def test_the_language_table_names_the_commands_that_take_lang() -> None:
    """docs/languages.md's table said `import` has no --lang, which it has: the table's
    rows are held to each command's own --help."""
    import re

    from tests.conftest import invoke

    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "languages.md").read_text(encoding="utf-8")
    table = text.split("## Choosing the language", 1)[1].split("\n\n", 2)[1]
    said: dict[str, bool] = {}
    for row in table.splitlines()[2:]:
        commands, option = row.split("|")[1:3]
        for command in re.findall(r"`(\w+)`", commands):
            said[command] = "--lang" in option
    assert set(said) == {
        "validate", "check", "fmt", "diff", "coverage", "export", "notice", "import",
        "rules", "schema", "init",
    }  # fmt: skip
    for command, has_lang in said.items():
        shown = invoke(command, "--help")
        assert shown.returncode == 0
        assert ("--lang" in shown.stdout) == has_lang, command


COVERED = """\
ropa: 1
organisation:
  name: SIA "Lombards"
  country: LV
  contact: {email: info@lombards.lv}
  role: controller
recipients:
  - id: fid
    name: Finanšu izlūkošanas dienests
    category: valsts iestāde (aizdomīgu darījumu ziņojumi)
    kind: public_authority
activities:
  - id: izpete
    name: Klienta izpēte
    purposes:
      - purpose: Klienta identifikācija
        legal_basis: {basis: legal_obligation}
    data_subjects: [klienti]
    personal_data: [personas kods]
    recipients: [fid]
"""


def test_coverage_finds_a_recipient_the_policy_names_by_name(tmp_path: Path) -> None:
    """The policy says the data go to "Finanšu izlūkošanas dienestam"; the register names
    that recipient and gives its category in other words. Coverage compared the category
    only and reported the recipient as not disclosed, though Art. 13(1)(e) asks for the
    recipients *or* their categories."""
    register = tmp_path / "lombards.yaml"
    register.write_text(COVERED, encoding="utf-8")
    policy = tmp_path / "politika.txt"
    policy.write_text(
        "Kontakti: info@lombards.lv.\n\n"
        "Klienta identifikācija ir mūsu juridisks pienākums; mēs apstrādājam personas kodu.\n\n"
        "Jūsu datus var nodot Finanšu izlūkošanas dienestam.\n",
        encoding="utf-8",
    )
    result = run_ropa("coverage", str(register), "--policy", str(policy), cwd=tmp_path)
    assert "not disclosed by the policy (0)" in result.stdout, result.stdout
    assert (
        'lombards.yaml:8: recipient "valsts iestāde (aizdomīgu darījumu ziņojumi)" → '
        f"{policy}:5: words"
    ) in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout


def test_diff_of_one_file_of_a_split_register_compares_the_register(tmp_path: Path) -> None:
    """`ropa diff HEAD~1 HEAD reg/izpete.yaml` after moving the file out of `aml/` and
    changing a data category: the file was read alone at each side, so the old side was
    missing, the new one "did not validate" (its measures and recipients are in
    register.yaml) and the move was an added activity. As validate does, the register the
    file belongs to is compared: one change. The old path, gone from the working tree,
    names the same register after two revisions (it was taken for a third revision)."""
    split_register(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one")
    git(tmp_path, "mv", "reg/aml/izpete.yaml", "reg/izpete.yaml")
    moved = tmp_path / "reg" / "izpete.yaml"
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("ķīlas apraksts", "ķīlas apraksts un foto"),
        encoding="utf-8",
    )
    git(tmp_path, "commit", "-qam", "two")
    for path in ("reg/izpete.yaml", "reg/aml/izpete.yaml"):
        result = run_ropa("diff", "HEAD~1", "HEAD", path, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()[2:]
        assert lines == [
            "reg",
            "  ~ personal_data of activity `izpete`: + ķīlas apraksts un foto, − ķīlas apraksts",
            "1 change in 1 register (1 compared)",
        ], result.stdout
    missing = run_ropa("diff", "HEAD~1", "HEAD", "nav/tada.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nav/tada.yaml is not in the working tree nor at the revisions compared" in (
        missing.stderr
    )


def test_a_place_two_related_paths_share_is_named_once(tmp_path: Path) -> None:
    """The register an import writes has neither country nor representative: both are
    related places of OR01 at the `organisation:` line, and text output said
    "also at: 4:3, 2:1, 2:1"."""
    register = tmp_path / "imported.yaml"
    register.write_text(
        "ropa: 1\norganisation:\n  name: unknown\n  contact: unknown\n  role: controller\n"
        "activities: []\n",
        encoding="utf-8",
    )
    result = run_ropa("check", str(register), "--select", "OR01")
    assert result.returncode == 1
    assert [line.strip() for line in result.stdout.splitlines() if "also at" in line] == [
        "also at: 4:3, 2:1"
    ], result.stdout


def test_fides_round_trip_keeps_the_data_subjects_as_written(tmp_path: Path) -> None:
    """fides's data-subject keys are ASCII taxonomy words: "ķīlas devēji" went out as
    `kilas_deveji` and came back so (reported as not placed), and "klientu patiesie labuma
    guvēji" (beneficial owners) merged into `customer` and came back as "customers". The
    groups as written travel in the system's description and are read back."""
    (tmp_path / "lombards.yaml").write_text(
        COVERED.replace(
            "data_subjects: [klienti]", "data_subjects: [klienti, klientu patiesie labuma guvēji]"
        ).replace("name: Klienta izpēte", "name: Klienta izpēte\n    description: AML")
        + "    transfers: none\n",
        encoding="utf-8",
    )
    exported = run_ropa("export", "lombards.yaml", "--format", "fides", "-o", "m.yml", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    manifest = (tmp_path / "m.yml").read_text(encoding="utf-8")
    assert "Data subjects (as recorded): klienti; klientu patiesie labuma guvēji" in manifest
    imported = run_ropa("import", "m.yml", "-o", "back.yaml", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "0 items not placed" in imported.stderr
    back = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert "data_subjects:\n      - klienti\n      - klientu patiesie labuma guvēji\n" in back
    again = run_ropa("export", "back.yaml", "--format", "fides", "-o", "m2.yml", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "m2.yml").read_text(encoding="utf-8") == manifest


NO_WORDS = """\
ropa: 1
organisation:
  name: SIA "Lombards"
  contact: {email: info@lombards.lv}
  role: controller
  dpo: {appointed: no}
activities:
  - id: a
    name: Aizdevumi
    transfers: no
"""


def test_yaml_1_1_no_is_answered_in_the_readers_language(tmp_path: Path) -> None:
    """`appointed: no` and `transfers: no`, as YAML 1.1 taught: the dpo message was
    English under --lang lv (it was not marked for translation), and `transfers: no` was
    told to write a list one item a line, where `none` is meant."""
    register = tmp_path / "lombards.yaml"
    register.write_text(NO_WORDS, encoding="utf-8")
    english = run_ropa("validate", str(register))
    assert english.returncode == 1
    assert (
        "hint: where nothing applies, write `none`: `no` is text in YAML 1.2, not a no"
        in english.stdout
    ), english.stdout
    latvian = run_ropa("validate", "--lang", "lv", str(register))
    assert "6:3: SC03 `dpo`: `dpo:` kopa sākas ar `appointed: true`" in latvian.stdout, (
        latvian.stdout
    )
    assert "ieteikums: ja nekas neattiecas, ierakstiet `none`" in latvian.stdout


def test_a_key_indented_past_its_block_is_reported_as_indentation(tmp_path: Path) -> None:
    """One space too many before `data_subjects:` of the second activity: libyaml's "did
    not find expected key" came with "check the indentation and quoting"; the hint now
    says which key, by how much, and which block's keys to line it up with."""
    register = tmp_path / "lombards.yaml"
    register.write_text(
        ACTIVITY.format(id="aizdevumi", name="Aizdevumi").replace(
            "    data_subjects:", "     data_subjects:"
        ),
        encoding="utf-8",
    )
    result = run_ropa("validate", str(register))
    assert result.returncode == 1
    assert f"{register}:8:6: YM01 did not find expected key" in result.stdout, result.stdout
    assert (
        "hint: `data_subjects:` is indented by 5 spaces, the keys of its block (from line 3) "
        "by 4: start it in the same column as they do"
    ) in result.stdout, result.stdout


LATVIAN_WORDS = """\
ropa: 1
organisation: {name: SIA "Lombards", role: controller}
recipients:
  - id: fid
    name: Finanšu izlūkošanas dienests
    kind: valsts iestāde
activities:
  - id: a
    name: A
    purposes:
      - purpose: Aizdevums
        legal_basis: līgums
      - purpose: Videonovērošana
        legal_basis: {basis: Leģitīmās intereses}
      - purpose: Cits
        legal_basis: Aizdevumi
"""


def test_the_format_words_written_in_latvian_are_answered_with_the_english(
    tmp_path: Path,
) -> None:
    """A DPO writes the basis and the recipient's kind as a Latvian notice says them
    (`līgums`, `Leģitīmās intereses`, `valsts iestāde`): the hints listed every option;
    they now name the word to write, as they did for `nav` and `pārzinis`."""
    register = tmp_path / "lombards.yaml"
    register.write_text(LATVIAN_WORDS, encoding="utf-8")
    result = run_ropa("validate", str(register))
    assert result.returncode == 1
    out = result.stdout
    assert (
        "hint: the format's words are English: `valsts iestāde` is written `public_authority`"
        in out
    )
    assert "hint: the format's words are English: `līgums` is written `{basis: contract}`" in out
    assert (
        "hint: the format's words are English: `Leģitīmās intereses` is written "
        "`legitimate_interests`"
    ) in out
    # Text that names no basis is still shown the mapping to write.
    assert "hint: write `{basis: ...}` with one of: consent, contract," in out
    latvian = run_ropa("validate", "--lang", "lv", str(register))
    assert "formāta vārdi ir angliski: `līgums` raksta `{basis: contract}`" in latvian.stdout


def test_the_summary_of_check_skip_invalid_does_not_call_a_skipped_register_checked(
    tmp_path: Path,
) -> None:
    """The pre-commit hook `ropa check --skip-invalid` on a register with `transfers: no`
    printed "not checked: it does not validate" and then "1 register checked: no
    findings"; the summary now counts the register as not checked."""
    register = tmp_path / "registers" / "lombards.yaml"
    register.parent.mkdir()
    register.write_text(NO_WORDS, encoding="utf-8")
    result = run_ropa("check", "--skip-invalid", "registers", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "registers/lombards.yaml: not checked: it does not validate (see ropa validate)",
        "not checked, as it does not validate: 1 register (1 file, 1 activity)",
    ], result.stdout
    latvian = run_ropa("check", "--skip-invalid", "--lang", "lv", "registers", cwd=tmp_path)
    assert latvian.stdout.splitlines()[-1] == (
        "bez pārbaudes, jo neatbilst formātam: 1 reģistrs (1 fails, 1 apstrādes darbība)"
    ), latvian.stdout
