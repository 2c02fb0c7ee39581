"""The command line: the only typer user. Each command parses, calls the library, reports.

Exit codes: 0 clean, 1 findings (an invalid register), 2 usage or unreadable input.
A person never sees a traceback unless they ask for one with `--traceback`.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ropa._version import __version__
from ropa.errors import RopaError, UsageError
from ropa.findings import ExitStatus, Report

app = typer.Typer(
    name="ropa",
    help="Keep a GDPR Article 30 record of processing activities as typed YAML in git: "
    "validate it, find its gaps, export it for the regulator.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ropa {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="Show a traceback on internal errors.")
    ] = False,
) -> None:
    """ropa: the record of processing activities (GDPR Art. 30), checked like code."""


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help="Register files, or directories of them (a directory with a register.yaml is "
        "one register split into files).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
MaxFileSizeOption = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        metavar="MIB",
        min=1,
        help="Refuse files larger than this many MiB.",
    ),
]


@app.command()
def validate(
    paths: PathsArgument,
    output_format: FormatOption = OutputFormat.TEXT,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Check registers against the format: every error with its file:line:col."""
    from ropa.validate import validate_paths

    result = validate_paths(paths, max_file_bytes=max_file_size * 1024 * 1024)
    report = Report(
        command="validate",
        findings=result.findings,
        files=result.files,
        registers=[register.name for register in result.registers] + result.invalid_registers,
        activities=result.activities,
    )
    _finish(report, output_format)


@app.command()
def fmt(
    paths: PathsArgument,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if a file would be reformatted."),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show each change as a unified diff (implies --check).")
    ] = False,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Rewrite registers in one canonical key order and style, keeping every comment."""
    from ropa.fmt import format_paths
    from ropa.reporters.text import render_fmt

    result = format_paths(paths, check=check or diff, max_file_bytes=max_file_size * 1024 * 1024)
    render_fmt(result, sys.stdout, show_diff=diff)
    sys.stdout.flush()
    raise typer.Exit(int(result.status))


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(help="Where to create the register (default: here).")
    ] = Path("."),
    name: Annotated[
        str | None, typer.Option("--name", help="The organisation's legal name.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role", help="controller, processor or controller_and_processor.", show_default=False
        ),
    ] = None,
    employees: Annotated[
        str | None, typer.Option("--employees", help="Head count, or `unknown`.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="ISO 3166-1 code (default LV).")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="Privacy contact e-mail address.")
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: take the options (--name is required).")
    ] = False,
) -> None:
    """Start a new register: an organisation, an example activity, the schema, pre-commit."""
    from ropa.scaffold import ROLES, Answers, scaffold

    if no_input and not name:
        raise UsageError("--no-input needs --name", hint='e.g. --name "SIA Piemērs"')
    if not no_input:
        name = name or typer.prompt("Organisation's legal name")
        role = role or typer.prompt(
            f"Role ({', '.join(ROLES)})", default="controller", show_default=True
        )
        employees = employees or typer.prompt(
            "Number of employees (or unknown)", default="unknown", show_default=True
        )
        country = country or typer.prompt("Country (ISO code)", default="LV")
        if email is None:
            email = typer.prompt("Privacy contact e-mail (empty to fill in later)", default="")
    answers = Answers(
        name=(name or "").strip(),
        role=(role or "controller").strip(),
        employees=_head_count(employees),
        country=(country or "LV").strip(),
        email=(email or "").strip() or None,
    )
    done = scaffold(directory, answers)
    from ropa.discovery import display_path

    for path in done.written:
        typer.echo(f"created {display_path(path)}")
    for path in done.kept:
        typer.echo(f"kept {display_path(path)} (it exists)")
    if done.pre_commit_snippet is not None:
        typer.echo("\nAdd these hooks to your .pre-commit-config.yaml:\n")
        typer.echo(done.pre_commit_snippet)
    typer.echo(
        f"\nNext: fill in the TODOs, then run `ropa validate {display_path(done.written[0])}`."
    )


def _head_count(value: str | None) -> int | None:
    if value is None or value.strip().lower() in ("", "unknown"):
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise UsageError(
            f"`{value}` is not a number of employees", hint="give a whole number, or unknown"
        ) from None


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """Print the JSON Schema of a register file (for editors and check-jsonschema)."""
    from ropa.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    from ropa.yamlio import write_atomic

    write_atomic(output, text)


def _finish(report: Report, output_format: OutputFormat) -> NoReturn:
    from ropa.reporters import renderer

    renderer(output_format.value)(report, sys.stdout)
    sys.stdout.flush()
    raise typer.Exit(int(report.status))


def _fail(error: RopaError) -> NoReturn:
    where = f"{error.file}: " if error.file else ""
    sys.stderr.write(f"ropa: error: {where}{error.message}\n")
    if error.hint:
        sys.stderr.write(f"    hint: {error.hint}\n")
    raise SystemExit(int(ExitStatus.USAGE_OR_INPUT))


def _utf8_streams() -> None:
    """Registers are Latvian: never fail to print ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.

    Nor anything else: a file name that is not UTF-8 reaches Python as lone surrogates,
    which a strict UTF-8 stream refuses; those are written escaped instead.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def run() -> None:
    """Entry point: run the app, turning every error into a message and an exit code."""
    _utf8_streams()
    show_traceback = "--traceback" in sys.argv[1:]
    try:
        app(standalone_mode=True)
    except RopaError as error:
        _fail(error)
    except KeyboardInterrupt:
        sys.stderr.write("ropa: interrupted\n")
        raise SystemExit(130) from None
    except Exception as error:
        if show_traceback:
            raise
        sys.stderr.write(
            f"ropa: internal error: {type(error).__name__}: {error}\n"
            "    hint: this is a bug in ropa; run again with --traceback and report it\n"
        )
        raise SystemExit(int(ExitStatus.USAGE_OR_INPUT)) from None


__all__ = ["UsageError", "app", "run"]
