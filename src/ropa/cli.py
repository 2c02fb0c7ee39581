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
