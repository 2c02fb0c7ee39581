"""`ropa check`, `ropa validate` and `ropa fmt` without the command-line framework, for the
arguments they are usually given.

The pre-commit hooks run `ropa validate FILES`, `ropa check --skip-invalid FILES` and
`ropa fmt --skip-invalid FILES` on every commit, and on a small register start-up is most
of the run: importing typer and building its parameters (a pydantic adapter each) is some
30 ms of a 200 ms check (PERFORMANCE.md), and half of an fmt whose files are all known
formatted (`ropa.fmtcache`). Here the arguments of these commands are read by hand, and
only in their plain forms: paths, `--option value`, `--option=value`, the short `-f VALUE`,
`-o VALUE` and `-q`, each single-valued option at most once, every value one `ropa.cli`
accepts as written (a choice in any case, a whole number of MiB from 1). Anything else —
help, a misspelt or repeated option, a value beginning with `-`, `--`, glued short
options, shell completion, Windows (where click expands wildcards in the arguments) — is
left to typer (`ropa.cli`), which reads it as it always has and gives its own errors.
Both run `ropa.cli_core.check` (or `.validate`, `.fmt`); `tests/test_cli_quick.py` holds
the two readings to the same output, files and status, and these tables to the options
`ropa.cli` declares.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from ropa import cli_core
from ropa.cli_core import CheckFormat, FailOn, MessageLanguage, OutputFormat

# Each option by every name it has: (parameter, kind). Kinds: "flag"; "many" (a text,
# repeatable); "text"; "path"; "mib"; or the choices' enumeration. First the options
# `ropa check` and `ropa validate` share, then each command's table.
_REPORT_OPTIONS: dict[str, tuple[str, Any]] = {
    "--output-file": ("output_file", "path"),
    "-o": ("output_file", "path"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--exit-zero": ("exit_zero", "flag"),
    "--statistics": ("statistics", "flag"),
    "--stdin-filename": ("stdin_filename", "text"),
    "--max-file-size": ("max_file_size", "mib"),
    "--lang": ("language", MessageLanguage),
}
CHECK_OPTIONS: dict[str, tuple[str, Any]] = {
    **dict.fromkeys(("--format", "--output-format", "-f"), ("output_format", CheckFormat)),
    "--fail-on": ("fail_on", FailOn),
    "--select": ("select", "many"),
    "--extend-select": ("extend_select", "many"),
    "--ignore": ("ignore", "many"),
    "--config": ("config", "path"),
    "--skip-invalid": ("skip_invalid", "flag"),
    "--today": ("today", "text"),
    "--show-all": ("show_all", "flag"),
    **_REPORT_OPTIONS,
}
VALIDATE_OPTIONS: dict[str, tuple[str, Any]] = {
    **dict.fromkeys(("--format", "--output-format", "-f"), ("output_format", OutputFormat)),
    **_REPORT_OPTIONS,
}
FMT_OPTIONS: dict[str, tuple[str, Any]] = {
    "--check": ("check", "flag"),
    "--diff": ("diff", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--skip-invalid": ("skip_invalid", "flag"),
    "--stdin-filename": ("stdin_filename", "text"),
    "--max-file-size": ("max_file_size", "mib"),
    "--lang": ("language", MessageLanguage),
    "--no-cache": ("no_cache", "flag"),
}
COMMANDS: dict[str, tuple[Callable[..., NoReturn], dict[str, tuple[str, Any]]]] = {
    "check": (cli_core.check, CHECK_OPTIONS),
    "validate": (cli_core.validate, VALIDATE_OPTIONS),
    "fmt": (cli_core.fmt, FMT_OPTIONS),
}


def read(arguments: list[str]) -> tuple[str, bool, dict[str, Any]] | None:
    """The arguments (after the program's name) as (the command, whether a traceback is
    asked for, the keyword arguments of its `cli_core` function), or None: another
    command, or not in a plain form."""
    show_traceback = arguments[:1] == ["--traceback"]
    words = arguments[1:] if show_traceback else arguments
    if not words or words[0] not in COMMANDS or os.environ.get("_ROPA_COMPLETE"):
        return None
    if os.name == "nt":  # click expands wildcards in the arguments there: left to it
        return None
    options = COMMANDS[words[0]][1]
    paths: list[str] = []
    given: dict[str, Any] = {}
    rest = iter(words[1:])
    for word in rest:
        if word == "-" or not word.startswith("-"):
            paths.append(word)
            continue
        name, equals, value = word.partition("=")
        if equals and not name.startswith("--"):
            return None  # `-f=json`: click reads the value as `=json`
        option = options.get(name)
        if option is None:
            return None
        parameter, kind = option
        if kind == "flag":
            if equals or parameter in given:
                return None
            given[parameter] = True
            continue
        if not equals:
            value = next(rest, "")
        if not value or value.startswith("-"):
            return None
        read_value = _value(kind, value)
        if read_value is None:
            return None
        if kind == "many":
            given.setdefault(parameter, []).append(read_value)
        elif parameter in given:
            return None
        else:
            given[parameter] = read_value
    if not paths:
        return None
    return words[0], show_traceback, {"paths": paths, **given}


def _value(kind: Any, value: str) -> Any:
    """A value as `ropa.cli` reads it, or None where it might read it otherwise."""
    if kind in ("many", "text"):
        return value
    if kind == "path":
        return Path(value)
    if kind == "mib":
        return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
    choices = {member.value: member for member in kind}
    return choices.get(value.lower()) if value.isascii() else None


def run(arguments: list[str]) -> None:
    """Run the command if `arguments` are read here (ending the process with its status);
    otherwise return, for `ropa.cli` to read them."""
    found = read(arguments)
    if found is None:
        return
    command, show_traceback, keywords = found
    cli_core.utf8_streams()
    with cli_core.guarded(show_traceback):
        try:
            cli_core.reports_errors(COMMANDS[command][0])(**keywords)
        # What typer does with these around a command (typer.core._main), done the same.
        except KeyboardInterrupt:
            raise SystemExit(130) from None
        except EOFError:
            sys.stderr.write("\nAborted!\n")
            raise SystemExit(1) from None
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise
            cli_core.discard_stdout()
            raise SystemExit(1) from None


__all__ = ["CHECK_OPTIONS", "COMMANDS", "FMT_OPTIONS", "VALIDATE_OPTIONS", "read", "run"]
