"""The command line: the only typer user. Each command parses, calls the library, reports.

Exit codes: 0 clean, 1 findings (an invalid register), 2 usage or unreadable input.
A person never sees a traceback unless they ask for one with `--traceback`.
"""

from __future__ import annotations

import enum
import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TextIO

import typer

from ropa._version import __version__
from ropa.errors import RopaError, UsageError
from ropa.findings import ExitStatus, Report

if TYPE_CHECKING:
    from ropa.config import Config


P = ParamSpec("P")


def _reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn every error a person can cause into a message and exit status 2."""

    @functools.wraps(command)
    def run_command(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except RopaError as error:
            _report_error(error)
            raise typer.Exit(int(ExitStatus.USAGE_OR_INPUT)) from None

    return run_command


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


class CheckFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


class FailOn(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class RulesFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


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
@_reports_errors
def validate(
    paths: PathsArgument,
    output_format: FormatOption = OutputFormat.TEXT,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Check registers against the format: every error with its file:line:col."""
    from ropa.validate import validate_paths

    result = validate_paths(paths, max_file_bytes=max_file_size * 1024 * 1024)
    _finish(result.report("validate"), output_format)


def _codes(values: list[str]) -> list[str]:
    """`--select LB,TR03 --select RT` → [LB, TR03, RT]."""
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


@app.command()
@_reports_errors
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
@_reports_errors
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
            email = typer.prompt(
                "Privacy contact e-mail (empty to fill in later)", default="", show_default=False
            )
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
@_reports_errors
def check(
    paths: PathsArgument,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at least this severe [default: error, or the "
            "configuration's fail-on].",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str],
        typer.Option(
            "--select", metavar="CODES", help="Run only these rule codes or prefixes (LB,TR03)."
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    ignore: Annotated[
        list[str],
        typer.Option("--ignore", metavar="CODES", help="Skip these rule codes or prefixes."),
    ] = [],  # noqa: B006
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (ropa.toml or pyproject.toml) instead of the one found by "
            "walking up from each register.",
        ),
    ] = None,
    max_file_size: MaxFileSizeOption = 80,
    today: Annotated[
        str | None, typer.Option("--today", hidden=True, help="Check as of this date.")
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--show-all",
            help="In text output, list every finding instead of counting a rule's repeats "
            "in a file (json and sarif always list every finding).",
        ),
    ] = False,
) -> None:
    """Validate registers, then report what the record is missing, rule by rule."""
    import datetime as dt

    from ropa.config import load_config
    from ropa.engine import check_paths, config_near
    from ropa.findings import Severity
    from ropa.model.register import Register

    selected, ignored = _codes(select), _codes(ignore)
    chosen = fail_on.value if fail_on else None

    def override(found: Config) -> Config:
        return found.with_overrides(select=selected, ignore=ignored, fail_on=chosen)

    fixed = override(load_config(config)) if config is not None else None

    def config_for(register: Register) -> Config:
        return fixed or override(config_near(register))

    try:
        as_of = dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise UsageError(f"--today {today!r} is not a date (YYYY-MM-DD)") from None
    result = check_paths(
        paths,
        config_for=config_for,
        today=as_of,
        max_file_bytes=max_file_size * 1024 * 1024,
    )
    settings_fail_on = fixed or (
        config_for(result.valid_registers[0]) if result.valid_registers else None
    )
    threshold = (
        fail_on.value
        if fail_on
        else (settings_fail_on.settings.fail_on if settings_fail_on else "error")
    )
    report = Report(
        command="check",
        findings=result.findings,
        files=result.files,
        registers=result.registers,
        activities=result.activities,
        fail_on=Severity(threshold),
        show_all=show_all,
    )
    _finish(report, output_format)


@app.command()
@_reports_errors
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A rule code, e.g. LB01, to show its documentation.")
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = RulesFormat.TEXT,
) -> None:
    """List the check rules, or show one rule's documentation."""
    from ropa.findings import INPUT_CODES
    from ropa.reporters import catalogue
    from ropa.rules import load_rules

    catalog = load_rules()
    if code is None:
        if output_format is RulesFormat.JSON:
            catalogue.render_json(catalog, sys.stdout)
        elif output_format is RulesFormat.MARKDOWN:
            sys.stdout.write(catalogue.markdown(catalog))
        else:
            catalogue.render_table(catalog, sys.stdout)
        return
    wanted = code.upper()
    if wanted in catalog:
        catalogue.render_rule(catalog[wanted], sys.stdout)
    elif wanted in INPUT_CODES:
        catalogue.render_input_code(wanted, sys.stdout)
    else:
        import difflib

        close = difflib.get_close_matches(wanted, [*catalog, *INPUT_CODES], n=1)
        raise UsageError(
            f"no rule {code!r}",
            hint=f"did you mean {close[0]}?" if close else "run `ropa rules` for the list",
        )


@app.command()
@_reports_errors
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


class ExportFormat(enum.StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class ExportLanguage(enum.StrEnum):
    LV = "lv"
    EN = "en"
    LV_EN = "lv+en"


@app.command()
@_reports_errors
def export(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="One register: a file, or a directory with a register.yaml.",
            show_default=False,
        ),
    ],
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="Export format.", case_sensitive=False),
    ] = ExportFormat.XLSX,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (replaced atomically); `-` or no -o: standard output.",
        ),
    ] = None,
    language: Annotated[
        ExportLanguage,
        typer.Option("--lang", help="Language of headings and texts: lv, en, or lv+en (both)."),
    ] = ExportLanguage.LV_EN,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Export date to show [default: $SOURCE_DATE_EPOCH, else today].",
        ),
    ] = None,
    with_findings: Annotated[
        bool,
        typer.Option(
            "--with-findings",
            help="Add the open findings of `ropa check` (xlsx: a sheet; markdown, html).",
        ),
    ] = False,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Export a register for the regulator: an Excel workbook, CSV, JSON, Markdown or HTML."""
    from ropa.exporters.table import build_document
    from ropa.exporting import export_date_from, load_one_register, open_findings
    from ropa.i18n import language_from_environment, msg, translate
    from ropa.reporters.progress import progress_bar
    from ropa.vcs import register_version

    to_stdout = output in (None, "-")
    if export_format is ExportFormat.XLSX and to_stdout and sys.stdout.isatty():
        raise UsageError(
            msg("refusing to write a binary workbook to a terminal"),
            hint=msg("write it to a file with -o register.xlsx, or redirect standard output"),
        )
    if with_findings and export_format in (ExportFormat.CSV, ExportFormat.JSON):
        raise UsageError(
            msg("--with-findings adds a sheet: use it with --format xlsx, markdown or html")
        )
    # Messages in the language of the export when it is one language, else the locale's.
    says = language.value if language.value in ("lv", "en") else language_from_environment()
    export_date = export_date_from(date)
    register, report = load_one_register(path, max_file_bytes=max_file_size * 1024 * 1024)
    if register is None:
        _finish(report, OutputFormat.TEXT, stream=sys.stderr)
    findings = open_findings(register, today=export_date) if with_findings else None
    # The register is read and stays as it is: the cyclic collector need not scan it
    # again while the export allocates (PERFORMANCE.md, pitfall 4).
    gc.freeze()

    if export_format is ExportFormat.JSON:
        from ropa.exporters.json import json_text

        _emit_text(json_text(register), None if to_stdout else Path(str(output)))
        return
    document = build_document(
        register,
        language=language.value,
        export_date=export_date,
        version=register_version(register.files),
        findings=findings,
        tool=f"ropa {__version__}",
    )
    if export_format is ExportFormat.CSV:
        from ropa.exporters.csv import csv_text

        _emit_text(csv_text(document), None if to_stdout else Path(str(output)))
    elif export_format is ExportFormat.MARKDOWN:
        from ropa.exporters.markdown import markdown_text

        _emit_text(markdown_text(document), None if to_stdout else Path(str(output)))
    elif export_format is ExportFormat.HTML:
        from ropa.exporters.html import html_text

        _emit_text(html_text(document), None if to_stdout else Path(str(output)))
    else:
        from ropa.exporters.xlsx import write_xlsx, write_xlsx_stream

        if to_stdout:
            written = write_xlsx_stream(document, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            total = len(register.activities)
            with progress_bar(sys.stdout, total, f"{path} → {output}") as advance:
                try:
                    written = write_xlsx(document, Path(str(output)), progress=advance)
                except OSError as error:
                    raise UsageError(
                        msg(
                            "cannot write {target}: {reason}",
                            target=str(output),
                            reason=error.strerror or str(error),
                        )
                    ) from None
        for note in written.notes():
            sys.stderr.write(translate(msg("note: {note}", note=note), says) + "\n")
    if not to_stdout:
        sys.stderr.write(
            translate(
                msg(
                    "wrote {target} ({format}, {language}): {summary}",
                    target=str(output),
                    format=export_format.value,
                    language=language.value,
                    summary=document.summary(),
                ),
                says,
            )
            + "\n"
        )


RegisterArgument = Annotated[
    str,
    typer.Argument(
        metavar="PATH",
        help="One register: a file, or a directory with a register.yaml.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (replaced atomically); `-` or no -o: standard output.",
    ),
]


class NoticeFormat(enum.StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


class NoticeLanguage(enum.StrEnum):
    LV = "lv"
    EN = "en"


@app.command()
@_reports_errors
def notice(
    path: RegisterArgument,
    language: Annotated[
        NoticeLanguage, typer.Option("--lang", help="Language of the notice.")
    ] = NoticeLanguage.LV,
    notice_format: Annotated[
        NoticeFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = NoticeFormat.MARKDOWN,
    output: OutputOption = None,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Draft a privacy notice (GDPR Arts 13 and 14) from a register, with visible
    placeholders where the register is silent or says `unknown`."""
    from ropa.exporting import load_one_register
    from ropa.i18n import msg, translate
    from ropa.notice.build import build_notice
    from ropa.notice.render import html_text, markdown_text

    register, report = load_one_register(path, max_file_bytes=max_file_size * 1024 * 1024)
    if register is None:
        _refuse_invalid(report)
    drafted = build_notice(register, language.value)
    render = html_text if notice_format is NoticeFormat.HTML else markdown_text
    to_stdout = output in (None, "-")
    _emit_text(render(drafted), None if to_stdout else Path(str(output)))
    if not to_stdout:
        done = msg(
            "wrote {target}: {count} places to complete", target=str(output), count=drafted.gaps
        )
        sys.stderr.write(translate(done, language.value) + "\n")


class CoverageFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command()
@_reports_errors
def coverage(
    path: RegisterArgument,
    policy: Annotated[
        str,
        typer.Option(
            "--policy",
            "-p",
            metavar="FILE",
            help="The published privacy policy: .txt, .md or .html, in Latvian or English.",
            show_default=False,
        ),
    ],
    coverage_format: Annotated[
        CoverageFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = CoverageFormat.TEXT,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Compare a published privacy policy with the register both ways: what the register
    holds that the policy does not tell, and what the policy claims that no activity backs.
    Exit 0 when nothing is missing either way, 1 when something is."""
    from ropa.coverage.match import coverage as compare
    from ropa.coverage.policy import read_policy
    from ropa.coverage.render import json_report, markdown_report, text_report
    from ropa.exporting import load_one_register

    limit = max_file_size * 1024 * 1024
    register, report = load_one_register(path, max_file_bytes=limit)
    if register is None:
        _refuse_invalid(report)
    passages = read_policy(policy, max_bytes=limit)
    result = compare(register, passages, policy)
    render = {
        CoverageFormat.TEXT: text_report,
        CoverageFormat.JSON: json_report,
        CoverageFormat.MARKDOWN: markdown_report,
    }[coverage_format]
    _emit_text(render(result), None)
    raise typer.Exit(int(ExitStatus.CLEAN if result.complete else ExitStatus.FINDINGS))


def _refuse_invalid(report: Report) -> NoReturn:
    """An invalid register is bad input here (exit 2): exit 1 means gaps in the comparison."""
    from ropa.reporters import renderer

    renderer(OutputFormat.TEXT.value)(report, sys.stderr)
    sys.stderr.flush()
    raise typer.Exit(int(ExitStatus.USAGE_OR_INPUT))


def _emit_text(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ropa.yamlio import write_atomic

    try:
        write_atomic(target, text)
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None


def _finish(
    report: Report, output_format: OutputFormat | CheckFormat, stream: TextIO | None = None
) -> NoReturn:
    from ropa.reporters import renderer

    stream = stream or sys.stdout
    renderer(output_format.value)(report, stream)
    stream.flush()
    raise typer.Exit(int(report.status))


def _report_error(error: RopaError) -> None:
    where = f"{error.file}: " if error.file else ""
    if error.file and error.position:
        where = f"{error.file}:{error.position.line}:{error.position.column}: "
    from ropa.i18n import language_from_environment, translate

    language = language_from_environment()
    sys.stderr.write(f"ropa: error: {where}{translate(error.message, language)}\n")
    if error.hint:
        sys.stderr.write(f"    hint: {translate(error.hint, language)}\n")


def _fail(error: RopaError) -> NoReturn:
    _report_error(error)
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
