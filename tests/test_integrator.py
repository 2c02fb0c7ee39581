"""What an integrator expects of a linter, through the real CLI (typer's runner and a real
process): strict selectors, ruff's option names, standard input, help, pipes (issue 13)."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import rfc3987
from typer.testing import CliRunner

from ropa.cli import app
from tests.conftest import REGISTERS, invoke, run_ropa
from tests.test_check_cli import CLEAN, TODAY, sarif_schema

MICREC = str(REGISTERS / "micrec.yaml")
NO_OWNER = CLEAN.replace("    owner: Head of sales\n", "")


def both(*args: str, cwd: Path | None = None) -> list[subprocess.CompletedProcess[str]]:
    """The same command through typer's runner (in `cwd`) and as a real process."""
    runner = CliRunner()
    if cwd is None:
        in_process = runner.invoke(app, list(args), catch_exceptions=False)
    else:
        with contextlib.chdir(cwd):
            in_process = runner.invoke(app, list(args), catch_exceptions=False)
    return [
        subprocess.CompletedProcess(
            list(args), in_process.exit_code, in_process.stdout, in_process.stderr
        ),
        run_ropa(*args, cwd=cwd),
    ]


# --------------------------------------------------------------------------- 1: selectors


@pytest.mark.parametrize(
    ("option", "code", "suggested"),
    [
        ("--select", "ZZ", "the families are AC"),
        ("--select", "ZZ99", "the families are AC"),
        ("--select", "LB99", "did you mean LB"),
        ("--ignore", "RC0", None),
        ("--ignore", "RCX", "did you mean RC"),
        ("--extend-select", "TR3", "did you mean TR"),
        ("--select", "legal-basis.missing", "use LB01"),
    ],
)
def test_an_unknown_code_on_the_command_line_is_a_usage_error(
    option: str, code: str, suggested: str | None
) -> None:
    for result in both("check", MICREC, option, code, "--today", TODAY):
        if suggested is None:  # RC0 is a prefix of RC01..RC09: fine
            assert result.returncode == 1, result.stderr
            continue
        assert result.returncode == 2, result.stdout
        assert "is not a rule code or prefix" in result.stderr or "rule name" in result.stderr
        assert suggested in result.stderr
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('select = ["ZZ"]\n', "`select`: `ZZ` is not a rule code or prefix"),
        ('extend-select = ["LB99"]\n', "`extend-select`: `LB99` is not a rule code or prefix"),
        ('ignore = ["GV9"]\n', "`ignore`: `GV9` is not a rule code or prefix"),
        ("[severity]\nZZ99 = 'error'\n", "`severity.ZZ99`: `ZZ99` is not a rule code"),
        ("[severity]\nLB99 = 'error'\n", "did you mean"),
        ('[per-file-ignores]\n"*.yaml" = ["XX"]\n', "`per-file-ignores.*.yaml`: `XX`"),
    ],
)
def test_an_unknown_code_in_the_configuration_is_an_error(
    tmp_path: Path, settings: str, message: str
) -> None:
    (tmp_path / "ropa.toml").write_text(settings, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(CLEAN, encoding="utf-8")
    for result in both("check", "r.yaml", "--today", TODAY, cwd=tmp_path):
        assert result.returncode == 2, result.stdout + result.stderr
        assert re.search(r"ropa\.toml:[12]:[0-9]+: ", result.stderr), result.stderr
        assert message in result.stderr
    # --config names the same file explicitly: the same refusal.
    explicit = invoke("check", str(tmp_path / "r.yaml"), "--config", str(tmp_path / "ropa.toml"))
    assert explicit.returncode == 2
    assert message in explicit.stderr


# --------------------------------------------------------------------------- 9: ruff's names


@pytest.fixture
def gap(tmp_path: Path) -> Path:
    path = tmp_path / "registers" / "gap.yaml"
    path.parent.mkdir()
    path.write_text(NO_OWNER, encoding="utf-8")
    return path


def test_extend_select_adds_to_select(gap: Path) -> None:
    only_lb = invoke("check", str(gap), "--today", TODAY, "--select", "LB", "-f", "json")
    assert json.loads(only_lb.stdout)["findings"] == []
    for result in both(
        "check",
        str(gap),
        "--today",
        TODAY,
        "--select",
        "LB",
        "--extend-select",
        "GV01",
        "-f",
        "json",
    ):
        codes = [finding["code"] for finding in json.loads(result.stdout)["findings"]]
        assert codes == ["GV01"]


def test_exit_zero_quiet_statistics_and_output_file(gap: Path, tmp_path: Path) -> None:
    # GV01 (no owner) is an info finding: --fail-on info makes it fail the command.
    base = ("check", str(gap), "--today", TODAY, "--fail-on", "info")
    assert invoke(*base).returncode == 1
    for result in both(*base, "--exit-zero"):
        assert result.returncode == 0
        assert "GV01" in result.stdout
    # Bad input still fails: --exit-zero silences findings, not errors.
    assert invoke("check", str(tmp_path / "missing.yaml"), "--exit-zero").returncode == 2

    for result in both(*base, "--quiet"):
        assert result.returncode == 1
        assert "GV01" in result.stdout
        assert "info in 1 register" not in result.stdout

    ruff_name = invoke(*base, "--output-format", "json")
    assert ruff_name.stdout == invoke(*base, "--format", "json").stdout
    for result in both(*base, "--statistics"):
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["1", "GV01", "info", "governance.no-owner"]
        assert lines[-1] == "1 info in 1 register (1 file, 1 activity)"
    stats = json.loads(invoke(*base, "--statistics", "-f", "json").stdout)
    assert stats == [
        {"code": "GV01", "name": "governance.no-owner", "severity": "info", "count": 1}
    ]

    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    written = invoke(*base, "-f", "json", "--output-file", str(report))
    assert written.returncode == 1
    assert written.stdout == ""
    assert report.read_text(encoding="utf-8") == invoke(*base, "-f", "json").stdout
    validated = run_ropa("validate", str(gap), "-o", str(report))
    assert validated.returncode == 0
    assert report.read_text(encoding="utf-8") == "1 register valid (1 file, 1 activity)\n"


def test_per_file_ignores_and_exclude_in_the_configuration(tmp_path: Path) -> None:
    registers = tmp_path / "registers"
    (registers / "legacy").mkdir(parents=True)
    (registers / "new.yaml").write_text(NO_OWNER, encoding="utf-8")
    (registers / "legacy" / "old.yaml").write_text(NO_OWNER, encoding="utf-8")
    (registers / "archive").mkdir()
    (registers / "archive" / "broken.yaml").write_text("ropa: [\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ropa]\n"
        'exclude = ["registers/archive/**"]\n'
        "[tool.ropa.per-file-ignores]\n"
        '"registers/legacy/*.yaml" = ["GV"]\n',
        encoding="utf-8",
    )
    for result in both("check", "registers", "--today", TODAY, "-f", "json", cwd=tmp_path):
        document = json.loads(result.stdout)
        assert [(f["code"], f["file"]) for f in document["findings"]] == [
            ("GV01", "registers/new.yaml")
        ]
        assert "registers/archive/broken.yaml" not in document["files"]
    # Files named one by one, as pre-commit passes them, are excluded too (ruff's
    # force-exclude), by validate and fmt as well.
    named = ("registers/archive/broken.yaml", "registers/new.yaml")
    assert run_ropa("validate", *named, cwd=tmp_path).returncode == 0
    assert run_ropa("fmt", "--check", *named, cwd=tmp_path).returncode == 0
    # A glob naming a folder leaves out what is in it, as in ruff.
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ropa]\nexclude = ["archive"]\n', encoding="utf-8"
    )
    assert run_ropa("validate", *named, cwd=tmp_path).returncode == 0
    assert run_ropa("validate", "registers", cwd=tmp_path).returncode == 0
    # Without the configuration the broken file is read, and fails.
    (tmp_path / "pyproject.toml").unlink()
    assert run_ropa("validate", *named, cwd=tmp_path).returncode == 1


# --------------------------------------------------------------------------- 5: stdin


def piped(text: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`ropa ARGS` as a real process reading `text` from standard input."""
    return subprocess.run(
        [sys.executable, "-m", "ropa", *args],
        input=text,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_validate_reads_standard_input_with_a_file_name_for_positions(tmp_path: Path) -> None:
    broken = CLEAN.replace("role: controller", "role: controler")
    runner = CliRunner()
    result = runner.invoke(
        app, ["validate", "-", "--stdin-filename", "registers/acme.yaml"], input=broken.encode()
    )
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "registers/acme.yaml:7:9: SC04 `controler` is not a valid value for `role`"
    )
    unnamed = runner.invoke(app, ["validate", "-"], input=CLEAN.encode())
    assert (unnamed.exit_code, unnamed.stdout) == (0, "1 register valid (1 file, 1 activity)\n")
    process = piped(broken, "check", "-", "--today", TODAY)
    assert process.returncode == 1
    assert "SC04" in process.stdout
    assert process.stdout.startswith("-\n")


def test_stdin_finds_the_configuration_from_its_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "ropa.toml").write_text('ignore = ["GV01"]\n', encoding="utf-8")
    args = ["check", "-", "--today", TODAY, "-f", "json"]
    plain = piped(NO_OWNER, *args, cwd=tmp_path)
    assert [f["code"] for f in json.loads(plain.stdout)["findings"]] == ["GV01"]
    named = piped(NO_OWNER, *args, "--stdin-filename", "team/new.yaml", cwd=tmp_path)
    assert named.returncode == 0, named.stdout + named.stderr
    assert json.loads(named.stdout)["findings"] == []
    assert json.loads(named.stdout)["files"] == ["team/new.yaml"]


def test_stdin_inside_a_split_register_is_checked_with_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    (root / "sales").mkdir(parents=True)
    organisation, activities = CLEAN.split("activities:\n")
    (root / "register.yaml").write_text(organisation, encoding="utf-8")
    (root / "sales" / "orders.yaml").write_text(
        "ropa: 1\nactivities:\n" + activities, encoding="utf-8"
    )
    # The staged version of orders.yaml refers to a measure only register.yaml defines.
    staged = "ropa: 1\nactivities:\n" + activities.replace("[access]", "[acess]")
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        result = runner.invoke(
            app,
            ["validate", "-", "--stdin-filename", "acme/sales/orders.yaml"],
            input=staged.encode(),
        )
        fine = runner.invoke(
            app,
            ["validate", "-", "--stdin-filename", "acme/sales/orders.yaml"],
            input=("ropa: 1\nactivities:\n" + activities).encode(),
        )
    assert result.exit_code == 1, result.stdout
    assert "acme/sales/orders.yaml:" in result.stdout
    assert "did you mean `access`?" in result.stdout
    assert fine.exit_code == 0, fine.stdout
    assert "1 register valid (2 files, 1 activity)" in fine.stdout


def test_fmt_reads_standard_input_and_writes_standard_output(tmp_path: Path) -> None:
    unordered = "organisation:\n  role: controler\n  name: X\nropa: 1  # format\n"
    process = piped(unordered, "fmt", "-", "--stdin-filename", "registers/x.yaml", cwd=tmp_path)
    # The register is not valid: nothing on stdout, the problem on stderr.
    assert process.returncode == 1
    assert process.stdout == ""
    assert "registers/x.yaml:" in process.stderr
    source = (REGISTERS / "micrec.yaml").read_text(encoding="utf-8")
    shuffled = source.replace("ropa: 1\n", "", 1) + "ropa: 1\n"
    result = CliRunner().invoke(app, ["fmt", "-"], input=shuffled.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    on_disk = tmp_path / "micrec.yaml"
    on_disk.write_text(shuffled, encoding="utf-8")
    assert invoke("fmt", str(on_disk)).returncode == 0
    assert result.stdout == on_disk.read_text(encoding="utf-8") != shuffled
    check = CliRunner().invoke(app, ["fmt", "-", "--check"], input=shuffled.encode())
    assert check.exit_code == 1
    assert "would reformat -" in check.stdout
    assert not (tmp_path / "registers").exists()
    assert not (tmp_path / "-").exists()


def test_dash_must_be_the_only_path() -> None:
    result = invoke("validate", "-", MICREC)
    assert result.returncode == 2
    assert "must be the only path" in result.stderr
    assert invoke("validate", MICREC, "--stdin-filename", "x.yaml").returncode == 2


# --------------------------------------------------------------------------- 6: help


COMMANDS = [
    "validate",
    "check",
    "fmt",
    "init",
    "rules",
    "schema",
    "export",
    "diff",
    "import",
    "notice",
    "coverage",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_examples_exit_codes_and_clean_metavars(command: str) -> None:
    for result in both(command, "--help"):
        text = result.stdout
        assert result.returncode == 0
        assert "Examples:\n" in text
        assert f"  $ ropa {command}" in text
        # Each command's own exit codes: `0 clean, 1 findings` is validate's and check's.
        assert "Exit status: 0 " in text
        assert ("1 findings" in text) == (command in ("validate", "check", "fmt"))
        for leaked in ("<list[", "<str>", "<path>", "<bool>"):
            assert leaked not in text


def test_help_keeps_bracketed_text() -> None:
    text = run_ropa("check", "--help").stdout
    assert "[default: error, or the" in " ".join(text.split())
    assert "severe ." not in text


def test_shell_completion_is_offered() -> None:
    assert "--install-completion" in run_ropa("--help").stdout
    ropa = str(Path(sys.executable).parent / "ropa")
    script = subprocess.run(
        [ropa, "--show-completion", "bash"], capture_output=True, text=True, timeout=120
    )
    assert script.returncode == 0
    assert "_ROPA_COMPLETE=complete_bash" in script.stdout
    # What the installed script asks when a user presses tab after `ropa ch` and `--f`.
    for words, offered in (("ropa ch", "check"), ("ropa check --fa", "--fail-on")):
        completed = subprocess.run(
            [ropa],
            env={
                "_ROPA_COMPLETE": "complete_bash",
                "COMP_WORDS": words,
                "COMP_CWORD": str(len(words.split()) - 1),
                "PATH": "/usr/bin:/bin",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert offered in completed.stdout.split(), completed.stdout + completed.stderr


# --------------------------------------------------------------------------- 7: pipes


def many_findings(tmp_path: Path, count: int = 1500) -> Path:
    """A valid register with one GV01 (info) per activity: listed with --show-all, well
    over a pipe's buffer."""
    head, activity = NO_OWNER.split("activities:\n")
    body = "".join(activity.replace("id: orders", f"id: orders-{index}") for index in range(count))
    path = tmp_path / "big.yaml"
    path.write_text(head + "activities:\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "earned"),
    [
        (["check", "--today", TODAY, "--show-all"], 0),  # infos only: clean at --fail-on error
        (["check", "--today", TODAY, "--show-all", "--fail-on", "info"], 1),
        (["check", "--today", TODAY, "-f", "json"], 0),
    ],
)
def test_a_closed_pipe_ends_quietly_with_the_status_earned(
    tmp_path: Path, args: list[str], earned: int
) -> None:
    big = many_findings(tmp_path)
    command = " ".join([sys.executable, "-m", "ropa", *args, str(big)])
    script = f"set -o pipefail; {command} 2>{tmp_path}/stderr | head -c 100 >/dev/null"
    process = subprocess.run(["bash", "-c", script], timeout=300, check=False)
    assert process.returncode == earned
    assert (tmp_path / "stderr").read_text(encoding="utf-8") == ""


def test_a_closed_pipe_after_an_invalid_register_still_says_invalid(tmp_path: Path) -> None:
    lines = "".join(f"  - id: a{index}\n    role: x\n" for index in range(3000))
    bad = tmp_path / "bad.yaml"
    bad.write_text("ropa: 1\nactivities:\n" + lines, encoding="utf-8")
    command = f"{sys.executable} -m ropa validate {bad}"
    script = f"set -o pipefail; {command} 2>{tmp_path}/stderr | head -c 100 >/dev/null"
    assert subprocess.run(["bash", "-c", script], timeout=300, check=False).returncode == 1
    assert (tmp_path / "stderr").read_text(encoding="utf-8") == ""


# --------------------------------------------------------------------------- 4: SARIF, github


def sarif_validator() -> Any:
    """The OASIS schema with format checking on: `uri` values are checked by rfc3987
    (jsonschema checks the format only when such a library is installed: the test extra
    installs it, and this asserts the check is really there)."""
    from jsonschema import Draft4Validator, FormatChecker

    checker = FormatChecker()
    assert "uri" in checker.checkers, "install rfc3987: without it `uri` goes unchecked"
    return Draft4Validator(sarif_schema(), format_checker=checker)


def git_repository(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=60)
    return root


def test_sarif_paths_are_repository_relative_uris_and_valid(tmp_path: Path) -> None:
    repository = git_repository(tmp_path / "repo")
    folder = repository / "privacy" / "my folder"
    folder.mkdir(parents=True)
    (folder / "my reģistrs#1.yaml").write_text(NO_OWNER, encoding="utf-8")
    outside = tmp_path / "elsewhere" / "other register.yaml"
    outside.parent.mkdir()
    outside.write_text(NO_OWNER, encoding="utf-8")
    args = ("check", "my reģistrs#1.yaml", str(outside), "--today", TODAY, "-f", "sarif")
    for result in both(*args, cwd=folder):
        document = json.loads(result.stdout)
        assert sorted(sarif_validator().iter_errors(document), key=str) == []
        run = document["runs"][0]
        root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        assert root == repository.resolve().as_uri() + "/"
        locations = [
            r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]
        ]
        assert {
            "uri": "privacy/my%20folder/my%20re%C4%A3istrs%231.yaml",
            "uriBaseId": "%SRCROOT%",
        } in locations
        absolute = {"uri": "file://" + quote(str(outside.resolve()))}
        assert absolute in locations
        for location in locations:
            rfc3987.parse(location["uri"], rule="URI_reference")
        assert all(
            len(r["partialFingerprints"]["ropaFindingHash/v1"]) == 64 for r in run["results"]
        )
        assert "helpUri" not in run["tool"]["driver"]["rules"][0]
        assert run["tool"]["driver"]["rules"][0]["properties"]["docs"] == "docs/rules.md#gv01"


def test_format_checking_is_on() -> None:
    """The check above can fail on a URI: a bare path with a space is not one."""
    document = json.loads(invoke("check", MICREC, "--today", TODAY, "-f", "sarif").stdout)
    document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "/not a uri/"
    assert any(error.validator == "format" for error in sarif_validator().iter_errors(document))


def test_sarif_help_uri_and_stable_fingerprints(tmp_path: Path) -> None:
    register = tmp_path / "r.yaml"
    register.write_text(NO_OWNER, encoding="utf-8")
    base = "https://example.org/ropa/docs/rules.md"
    result = run_ropa(
        "check", str(register), "--today", TODAY, "-f", "sarif", env={"ROPA_RULES_URL": base}
    )
    document = json.loads(result.stdout)
    assert sorted(sarif_validator().iter_errors(document), key=str) == []
    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == base + "#gv01"
    first = document["runs"][0]["results"][0]["partialFingerprints"]
    # Lines added above the finding move it, but it is the same finding.
    register.write_text("# a new comment\n# and another\n" + NO_OWNER, encoding="utf-8")
    moved = json.loads(invoke("check", str(register), "--today", TODAY, "-f", "sarif").stdout)
    result_moved = moved["runs"][0]["results"][0]
    assert result_moved["locations"][0]["physicalLocation"]["region"]["startLine"] > 2
    assert result_moved["partialFingerprints"] == first


def test_github_annotations_name_files_from_the_repository_root(tmp_path: Path) -> None:
    repository = git_repository(tmp_path / "repo")
    folder = repository / "registers"
    folder.mkdir()
    (folder / "a, b: c%.yaml").write_text(NO_OWNER, encoding="utf-8")
    for result in both("check", "a, b: c%.yaml", "--today", TODAY, "-f", "github", cwd=folder):
        first = result.stdout.splitlines()[0]
        assert first.startswith("::notice file=registers/a%2C b%3A c%25.yaml,line=")


# --------------------------------------------------------------------------- 8: one report


def test_skip_invalid_leaves_validation_errors_to_validate(tmp_path: Path) -> None:
    registers = tmp_path / "registers"
    registers.mkdir()
    (registers / "bad.yaml").write_text(
        CLEAN.replace("role: controller", "role: controler"), encoding="utf-8"
    )
    (registers / "gap.yaml").write_text(NO_OWNER.replace("Tīrs", "Cits"), encoding="utf-8")
    message = "`controler` is not a valid value for `role`"
    for result in both("check", "registers", "--today", TODAY, "--skip-invalid", cwd=tmp_path):
        assert result.returncode == 1  # never passed: it could not be checked
        assert message not in result.stdout
        assert "registers/bad.yaml: not checked: it does not validate (see ropa validate)" in (
            result.stdout
        )
        assert "GV01" in result.stdout  # the valid register is checked as usual
    assert message in invoke("check", str(registers), "--today", TODAY).stdout
    as_json = run_ropa("check", "registers", "--skip-invalid", "-f", "json", cwd=tmp_path)
    assert json.loads(as_json.stdout)["not_checked"] == ["registers/bad.yaml"]
    for result in both("fmt", "--skip-invalid", "registers", cwd=tmp_path):
        assert result.returncode == 0, result.stdout
        assert message not in result.stdout
    assert run_ropa("fmt", "registers", cwd=tmp_path).returncode == 1
    assert run_ropa("check", "missing.yaml", "--skip-invalid", cwd=tmp_path).returncode == 2


def test_validate_and_fmt_take_the_quiet_and_exit_zero_options(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(CLEAN.replace("role: controller", "role: controler"), encoding="utf-8")
    for result in both("validate", str(bad), "--exit-zero", "--quiet"):
        assert result.returncode == 0
        assert "SC04" in result.stdout
        assert "1 error in" not in result.stdout
    stats = invoke("validate", str(bad), "--statistics")
    assert stats.stdout.splitlines()[0].split() == ["1", "SC04", "error", "schema.invalid-value"]
    good = tmp_path / "good.yaml"
    good.write_text(CLEAN.replace("ropa: 1\n", "") + "ropa: 1\n", encoding="utf-8")
    for result in both("fmt", "--quiet", "--check", str(good)):
        assert result.returncode == 1
        assert result.stdout == f"would reformat {good}\n"
    quiet = invoke("fmt", "--quiet", str(good))
    assert (quiet.returncode, quiet.stdout) == (0, "")
