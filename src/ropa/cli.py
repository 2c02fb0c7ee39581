"""The command line: the only typer user. Each command parses, calls the library, reports.

What a command does once its arguments are read is here, or, for the commands a plain
form of which `ropa.cli_quick` also reads without typer (`check`, `validate`), in
`ropa.cli_core`, which both call.

Exit codes: 0 clean, 1 findings (an invalid register), 2 usage or unreadable input.
A person never sees a traceback unless they ask for one with `--traceback`.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument

from ropa import cli_core
from ropa._version import __version__
from ropa.cli_core import CheckFormat, FailOn, MessageLanguage, OutputFormat, guarded
from ropa.cli_core import cannot_write as _cannot_write
from ropa.cli_core import chosen_language as _language
from ropa.cli_core import finish as _finish
from ropa.cli_core import reports_errors as _reports_errors
from ropa.cli_core import utf8_streams as _utf8_streams
from ropa.errors import UsageError
from ropa.findings import INPUT_CODES, ExitStatus, Report

if TYPE_CHECKING:
    from ropa.i18n import Message
    from ropa.scaffold import Scaffold


app = typer.Typer(
    name="ropa",
    help="Keep a GDPR Article 30 record of processing activities as typed YAML in git: "
    "validate it, find its gaps, export it for the regulator.",
    no_args_is_help=True,
    epilog="\b\nExamples:\n  $ ropa init\n  $ ropa validate registers/\n"
    "  $ ropa check registers/\n  $ ropa export registers/acme.yaml -o acme.xlsx\n\n"
    "`ropa COMMAND --help` shows a command's options, examples and exit codes.",
    # Shell completion: `ropa --install-completion` (bash, zsh, fish, PowerShell).
    add_completion=True,
    # Plain help: rich markup would read `[default: …]` in help texts as markup and drop it.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _metavar_without_type(parameter: TyperArgument, ctx: Any) -> str | None:
    """typer prints an argument's Python type after its name (`PATH <list[str]>`); an
    argument with a metavar has said what it takes."""
    return None if parameter.metavar else _typer_argument_type(parameter, ctx)


_typer_argument_type = TyperArgument.display_type_rich
TyperArgument.display_type_rich = _metavar_without_type  # type: ignore[method-assign,assignment]

EXIT_CODES = """\b
Exit status: 0 clean, 1 findings (or, for fmt --check, a file to reformat), 2 usage
error or unreadable input."""


def _epilog(*examples: str, exits: str = EXIT_CODES) -> str:
    """A command's help epilog: examples (kept as written) and the exit codes (the
    command's own where they differ from validate's and check's)."""
    lines = "\n".join(f"  $ {example}" for example in examples)
    return f"\b\nExamples:\n{lines}\n\n{exits}"


def _exits(text: str) -> str:
    return f"\b\nExit status: {text}"


def _choice(kind: type[enum.StrEnum]) -> dict[str, Any]:
    """An option's words read by ropa, not typer: typer's own reading says only "Value
    error, 'warnig' is not one of …", in English; here a misspelt word gets the nearest
    one, as a misspelt rule code or setting does, in the locale's language."""
    words = [member.value for member in kind]

    def read(value: str | enum.StrEnum) -> enum.StrEnum:
        if isinstance(value, kind):
            return value
        for member in kind:
            if member.value == str(value).casefold():
                return member
        import difflib

        from ropa.i18n import language_from_environment, msg, translate

        shown, allowed = str(value), ", ".join(words)
        close = difflib.get_close_matches(shown.casefold(), words, n=1)
        problem = (
            msg(
                "`{value}` is not one of {allowed}; did you mean `{close}`?",
                value=shown,
                allowed=allowed,
                close=close[0],
            )
            if close
            else msg("`{value}` is not one of {allowed}", value=shown, allowed=allowed)
        )
        raise typer.BadParameter(translate(problem, language_from_environment()))

    return {
        "parser": read,
        "metavar": "<" + "|".join(words) + ">",
        "autocompletion": lambda: words,
    }


# The language of what a command says; codes, rule names and JSON keys stay English.
LanguageOption = Annotated[
    MessageLanguage | None,
    typer.Option(
        "--lang",
        help="Language of messages, hints and summaries: lv or en [default: the locale's, "
        "from LANGUAGE, LC_ALL, LC_MESSAGES or LANG]. Codes stay English; json and sarif "
        "messages follow it.",
        **_choice(MessageLanguage),
        show_default=False,
    ),
]


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
        metavar="PATH",
        help="Register files, or directories of them (a directory with a register.yaml is "
        "one register split into files).",
        show_default=False,
    ),
]
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
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "--output-format",
        "-f",
        help="Output format.",
        **_choice(OutputFormat),
    ),
]
StdinFilenameOption = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="FILE",
        help="With `-` as the path: the file standard input stands for (in messages, for "
        "finding the configuration, and as part of the split register around it).",
    ),
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output-file",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (replaced atomically) instead of standard output.",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print the findings and nothing else.")
]
ExitZeroOption = Annotated[
    bool,
    typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings (2 still means bad input)."
    ),
]
StatisticsOption = Annotated[
    bool, typer.Option("--statistics", help="Print how many findings each code has, instead.")
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Pass over registers that do not validate, naming them only: for use next to "
        "`ropa validate`, which reports why (the pre-commit hooks do this).",
    ),
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


@app.command(
    epilog=_epilog(
        "ropa validate registers/",
        "git show :registers/acme.yaml | ropa validate - --stdin-filename registers/acme.yaml",
        "ropa validate registers/ --format json -o report.json",
    )
)
@_reports_errors
def validate(
    paths: PathsArgument,
    output_format: FormatOption = OutputFormat.TEXT,
    output_file: OutputFileOption = None,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    stdin_filename: StdinFilenameOption = None,
    max_file_size: MaxFileSizeOption = 80,
    language: LanguageOption = None,
) -> None:
    """Check registers against the format: every error with its file:line:col."""
    cli_core.validate(
        paths,
        output_format,
        output_file,
        quiet,
        exit_zero,
        statistics,
        stdin_filename,
        max_file_size,
        language,
    )


@app.command(
    epilog=_epilog(
        "ropa fmt registers/",
        "ropa fmt --check --diff registers/",
        "ropa fmt - --stdin-filename registers/acme.yaml < registers/acme.yaml",
    )
)
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
    quiet: QuietOption = False,
    skip_invalid: SkipInvalidOption = False,
    stdin_filename: StdinFilenameOption = None,
    max_file_size: MaxFileSizeOption = 80,
    language: LanguageOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and format every file, even one an earlier run found already "
            "formatted (also ROPA_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Rewrite registers in one canonical key order and style, keeping every comment.

    With `-` as the path, the register is read from standard input and the formatted text
    written to standard output (messages go to standard error).
    """
    cli_core.fmt(
        paths,
        check,
        diff,
        quiet,
        skip_invalid,
        stdin_filename,
        max_file_size,
        language,
        no_cache,
    )


@app.command(
    epilog=_epilog(
        "ropa init",
        'ropa init my-org --no-input --name "SIA Piemērs" --employees 12',
        exits=_exits("0 created, 2 usage error or a register already there (nothing written)."),
    )
)
@_reports_errors
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIRECTORY", help="Where to create the register.", show_default="here"
        ),
    ] = Path("."),
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="The organisation's legal name.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="controller, processor or controller_and_processor.",
            show_default=False,
        ),
    ] = None,
    employees: Annotated[
        str | None, typer.Option("--employees", metavar="N", help="Head count, or `unknown`.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", metavar="CODE", help="ISO 3166-1 code (default LV).")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", metavar="EMAIL", help="Privacy contact e-mail address.")
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: take the options (--name is required).")
    ] = False,
) -> None:
    """Start a new register: an organisation, an example activity, the schema, pre-commit."""
    from ropa.i18n import language_from_environment, msg, translate
    from ropa.scaffold import ROLES, Answers, existing_register, scaffold

    says = language_from_environment()

    def ask(question: str, **options: Any) -> str:
        return str(typer.prompt(translate(question, says), **options))

    def checked(**answer: Any) -> Any:
        """A prompt's check: a wrong answer is said at once and asked again, instead of
        ending `ropa init` after the last question."""
        from ropa.scaffold import validate_answers

        def check(text: str) -> str:
            try:
                given = {key: proc(text) for key, proc in answer.items()}
                validate_answers(Answers(**{"name": "x", **given}))
            except UsageError as error:
                hint = f" ({translate(error.hint, says)})" if error.hint else ""
                raise typer.BadParameter(translate(error.message, says) + hint) from None
            return text

        return check

    if existing_register(directory) is not None:
        # A register has one organisation: set up the schema and hooks around it only.
        _report_scaffold(scaffold(directory, None))
        return
    if no_input and not name:
        raise UsageError(msg("--no-input needs --name"), hint=msg('e.g. --name "SIA Piemērs"'))
    if not no_input:
        name = name or ask(msg("Organisation's legal name"))
        role = role or ask(
            msg("Role ({roles})", roles=", ".join(ROLES)),
            default="controller",
            show_default=True,
            value_proc=checked(role=str.strip),
        )
        employees = employees or ask(
            msg("Number of employees (or unknown)"),
            default="unknown",
            show_default=True,
            value_proc=checked(employees=_head_count),
        )
        country = country or ask(
            msg("Country (ISO code)"), default="LV", value_proc=checked(country=str.strip)
        )
        if email is None:
            email = ask(
                msg("Privacy contact e-mail (empty to fill in later)"),
                default="",
                show_default=False,
            )
    answers = Answers(
        name=(name or "").strip(),
        role=(role or "controller").strip(),
        employees=_head_count(employees),
        country=(country or "LV").strip(),
        email=(email or "").strip() or None,
    )
    _report_scaffold(scaffold(directory, answers))


def _report_scaffold(done: Scaffold) -> None:
    from ropa.discovery import display_path
    from ropa.i18n import language_from_environment, msg, translate

    says = language_from_environment()

    def echo(text: str) -> None:
        typer.echo(translate(text, says))

    if done.existing_register is not None:
        echo(
            msg(
                "kept {path} (a register exists: ropa init adds no second organisation)",
                path=display_path(done.existing_register),
            )
        )
    for path in done.written:
        echo(msg("created {path}", path=display_path(path)))
    for path in done.kept:
        if done.hooks_added and path.name == ".pre-commit-config.yaml":
            echo(
                msg(
                    "kept {path} (it exists; added {hooks})",
                    path=display_path(path),
                    hooks=", ".join(done.hooks_added),
                )
            )
        else:
            echo(msg("kept {path} (it exists)", path=display_path(path)))
    if done.pre_commit_snippet is not None:
        echo("\n" + translate(msg("Add these hooks to your .pre-commit-config.yaml:"), says) + "\n")
        typer.echo(done.pre_commit_snippet)
    register = display_path(done.existing_register or done.written[0])
    if done.existing_register is None:
        echo(
            "\n"
            + translate(
                msg("Next: fill in the TODOs, then run `ropa validate {path}`.", path=register),
                says,
            )
        )
    else:
        echo("\n" + translate(msg("Next: run `ropa validate {path}`.", path=register), says))
    if done.hooks_added or any(path.name == ".pre-commit-config.yaml" for path in done.written):
        # pre-commit reads the configuration only once its git hook is installed: without
        # this a new user's commits went through unchecked.
        echo(msg("The hooks run on every commit after `pre-commit install` (once per repository)."))


def _head_count(value: str | None) -> int | None:
    if value is None or value.strip().lower() in ("", "unknown"):
        return None
    try:
        return int(value.strip())
    except ValueError:
        from ropa.i18n import msg

        raise UsageError(
            msg("`{value}` is not a number of employees", value=value),
            hint=msg("give a whole number, or unknown"),
        ) from None


@app.command(
    epilog=_epilog(
        "ropa check registers/",
        "ropa check registers/ --select LB,TR --fail-on warning",
        "ropa check registers/ --format sarif -o ropa.sarif",
        "ropa check registers/ --statistics",
    )
)
@_reports_errors
def check(
    paths: PathsArgument,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "--output-format",
            "-f",
            help="Output format.",
            **_choice(CheckFormat),
        ),
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at least this severe [default: error, or the "
            "configuration's fail-on].",
            **_choice(FailOn),
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str],
        typer.Option(
            "--select",
            metavar="CODES",
            help="Run only these rule codes or prefixes (LB,TR03), replacing the "
            "configuration's select.",
            show_default=False,
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    extend_select: Annotated[
        list[str],
        typer.Option(
            "--extend-select",
            metavar="CODES",
            help="Run these rule codes or prefixes as well.",
            show_default=False,
        ),
    ] = [],  # noqa: B006
    ignore: Annotated[
        list[str],
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Skip these rule codes or prefixes.",
            show_default=False,
        ),
    ] = [],  # noqa: B006
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (ropa.toml or pyproject.toml) instead of the one found by "
            "walking up from each register.",
            metavar="FILE",
        ),
    ] = None,
    output_file: OutputFileOption = None,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    skip_invalid: SkipInvalidOption = False,
    stdin_filename: StdinFilenameOption = None,
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
    language: LanguageOption = None,
) -> None:
    """Validate registers, then report what the record is missing, rule by rule."""
    cli_core.check(
        paths,
        output_format,
        fail_on,
        select,
        extend_select,
        ignore,
        config,
        output_file,
        quiet,
        exit_zero,
        statistics,
        skip_invalid,
        stdin_filename,
        max_file_size,
        today,
        show_all,
        language,
    )


@app.command(
    epilog=_epilog(
        "ropa rules",
        "ropa rules LB01",
        "ropa rules --format markdown > docs/rules.md",
        exits=_exits("0 shown, 2 a code no rule has, or a usage error."),
    )
)
@_reports_errors
def rules(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE", help="A rule code, e.g. LB01, to show its documentation."),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="Output format.", **_choice(RulesFormat)),
    ] = RulesFormat.TEXT,
) -> None:
    """List the check rules, or show one rule's documentation."""
    from ropa.i18n import msg
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
            msg("no rule {code}", code=repr(code)),
            hint=msg("did you mean {close}?", close=close[0])
            if close
            else msg("run `ropa rules` for the list"),
        )


@app.command(
    epilog=_epilog(
        "ropa schema -o schemas/ropa.schema.json",
        exits=_exits("0 written, 2 usage error or a file that cannot be written."),
    )
)
@_reports_errors
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of standard output."
        ),
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
    FIDES = "fides"


class ExportLanguage(enum.StrEnum):
    LV = "lv"
    EN = "en"
    LV_EN = "lv+en"


@app.command(
    epilog=_epilog(
        "ropa export registers/micrec.yaml -o micrec.xlsx",
        "ropa export registers/micrec.yaml --format markdown --lang en",
        exits=_exits(
            "0 written, 1 the register is invalid (nothing written), 2 usage error or\n"
            "unreadable input."
        ),
    )
)
@_reports_errors
def export(
    path: RegisterArgument,
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="Export format.", **_choice(ExportFormat)),
    ] = ExportFormat.XLSX,
    output: OutputOption = None,
    language: Annotated[
        ExportLanguage,
        typer.Option(
            "--lang",
            help="Language of headings and texts: lv, en, or lv+en (both).",
            **_choice(ExportLanguage),
        ),
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
    changes_since: Annotated[
        str | None,
        typer.Option(
            "--changes-since",
            metavar="REV",
            help="Add a sheet of what changed since this git revision (xlsx, markdown).",
        ),
    ] = None,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Export a register for the regulator: an Excel workbook, CSV, JSON, Markdown, HTML or a
    fides manifest."""
    from ropa.exporters.table import build_document
    from ropa.exporting import export_date_from, load_one_register, open_findings
    from ropa.i18n import language_from_environment, msg, translate
    from ropa.reporters.progress import progress_bar
    from ropa.validate import collector_paused
    from ropa.vcs import register_version

    to_stdout = output in (None, "-")
    if export_format is ExportFormat.XLSX and to_stdout and sys.stdout.isatty():
        raise UsageError(
            msg("refusing to write a binary workbook to a terminal"),
            hint=msg("write it to a file with -o register.xlsx, or redirect standard output"),
        )
    sheetless = (ExportFormat.CSV, ExportFormat.JSON, ExportFormat.FIDES)
    if with_findings and export_format in sheetless:
        raise UsageError(
            msg("--with-findings adds a sheet: use it with --format xlsx, markdown or html")
        )
    if changes_since and export_format in sheetless:
        raise UsageError(
            msg("--changes-since adds a sheet: use it with --format xlsx, markdown or html")
        )
    # Messages in the language of the export when it is one language, else the locale's.
    says = language.value if language.value in ("lv", "en") else language_from_environment()
    export_date = export_date_from(date)
    register, report = load_one_register(path, max_file_bytes=max_file_size * 1024 * 1024)
    if register is None:
        report.language = says
        _finish(report, OutputFormat.TEXT, stream=sys.stderr)
    _refuse_register_file(None if to_stdout else output, register.files)
    findings = open_findings(register, today=export_date) if with_findings else None
    # Positions serve findings only (made above): no exporter reads them, and at 50,000
    # activities they are some 60 MiB.
    register.source_maps.clear()
    # What was read stays as it is: the cyclic collector need not scan it again while the
    # export allocates (PERFORMANCE.md, pitfall 4). Paused, not frozen: the CLI also runs
    # inside other processes (tests, an editor), whose later garbage must go.
    with collector_paused():
        if export_format is ExportFormat.JSON:
            from ropa.exporters.json import json_text

            _emit_text(json_text(register), None if to_stdout else Path(str(output)))
            _say_written(output, export_format, language, _counted_entries(register), says)
            return
        if export_format is ExportFormat.FIDES:
            from ropa.exporters.fides import fides_text

            _emit_text(
                fides_text(register, language.value), None if to_stdout else Path(str(output))
            )
            _say_written(output, export_format, language, _counted_entries(register), says)
            return
        document = build_document(
            register,
            language=language.value,
            export_date=export_date,
            version=register_version(register.files),
            findings=findings,
            tool=f"ropa {__version__}",
        )
        if changes_since is not None:
            from ropa.diff import diff_revisions
            from ropa.exporters.changes import changes_sheet
            from ropa.exporters.table import Words

            changes = diff_revisions(
                [changes_since], path, max_file_bytes=max_file_size * 1024 * 1024
            )
            document.sheets.append(changes_sheet(changes, Words(language.value)))
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
                        raise _cannot_write(output, error) from None
            for note in written.notes():
                sys.stderr.write(translate(msg("note: {note}", note=note), says) + "\n")
        _say_written(output, export_format, language, document.summary(), says)


def _counted_entries(register: Any) -> Message:
    """What json and fides exports hold, counted (they build no table document to ask)."""
    from ropa.i18n import counted, unworded

    summary: Message = counted(
        "{count} activity", "{count} activities", count=len(register.activities)
    )
    if register.controllers:
        served = counted(
            "{count} controller served",
            "{count} controllers served",
            count=len(register.controllers),
        )
        summary = unworded("{activities}, {served}", activities=summary, served=served)
    return summary


def _say_written(
    output: str | None, export_format: ExportFormat, language: Any, summary: Message, says: str
) -> None:
    """The line every export to a file ends with: what was written."""
    if output in (None, "-"):
        return
    from ropa.i18n import msg, translate

    sys.stderr.write(
        translate(
            msg(
                "wrote {target} ({format}, {language}): {summary}",
                target=str(output),
                format=export_format.value,
                language=language.value,
                summary=summary,
            ),
            says,
        )
        + "\n"
    )


class DiffFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class NoticeFormat(enum.StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


class NoticeLanguage(enum.StrEnum):
    LV = "lv"
    EN = "en"


@app.command(
    epilog=_epilog(
        "ropa diff",
        "ropa diff v1 HEAD registers/acme.yaml",
        "ropa diff v1 --format markdown",
        exits=_exits(
            "0 compared (with --exit-code: 1 when something changed), 2 usage error: not\n"
            "inside a git repository, a revision git does not know."
        ),
    )
)
@_reports_errors
def diff(
    arguments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REV_A] [REV_B] [PATH]",
            help="Up to two git revisions, then the register or directory (default: "
            "registers/ if it exists, else .). REV_A defaults to the last tag, else the last "
            "commit that touched PATH; REV_B to the working tree.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.", **_choice(DiffFormat))
    ] = DiffFormat.TEXT,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything changed (as git diff).")
    ] = False,
    max_file_size: MaxFileSizeOption = 80,
    language: LanguageOption = None,
) -> None:
    """Show what changed in the record between two git revisions, in the register's terms.

    Examples: `ropa diff` (since the last tag), `ropa diff v1.0 registers/acme.yaml`,
    `ropa diff HEAD~3 HEAD --format markdown`. Exit codes: 0 done (1 with --exit-code when
    something changed), 2 usage error (not a git repository, unknown revision).
    """
    from ropa.diff import diff_revisions
    from ropa.reporters import diff as diff_reporter

    words = list(arguments or [])
    # The last word is PATH when it exists, or when it follows two revisions (a register
    # file moved or removed since, compared between two commits).
    if words and (Path(words[-1]).exists() or len(words) == 3):
        path = words.pop()
    else:
        path = "registers" if Path("registers").is_dir() else "."
    result = diff_revisions(words, path, max_file_bytes=max_file_size * 1024 * 1024)
    render = {
        DiffFormat.TEXT: diff_reporter.render_text,
        DiffFormat.MARKDOWN: diff_reporter.render_markdown,
        DiffFormat.JSON: diff_reporter.render_json,
    }[output_format]
    render(result, sys.stdout, _language(language))
    sys.stdout.flush()
    raise typer.Exit(int(ExitStatus.FINDINGS) if exit_code and result.change_count else 0)


@app.command(
    name="import",
    epilog=_epilog(
        "ropa import record.xlsx -o registers/acme.yaml",
        "ropa import ropa-export.xlsx -o registers/acme.yaml",
        exits=_exits(
            "0 imported (what could not be placed is reported), 2 the file cannot be read,\n"
            "is of an unknown kind, or the output exists."
        ),
    ),
)
@_reports_errors
def import_(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A spreadsheet (.xlsx), a CSV table, or a fides manifest (.yml, .yaml, .json).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the register here (never replaced)."
        ),
    ] = None,
    max_file_size: MaxFileSizeOption = 80,
    language: LanguageOption = None,
) -> None:
    """Make a register from a record kept elsewhere, reporting what could not be placed.

    Example: `ropa import record.xlsx -o registers/acme.yaml`. The register is
    written in the canonical form of `ropa fmt`; what the source holds that the register
    has no place for is listed at its top and on standard error, and kept in `notes`.
    """
    from ropa.i18n import counted, msg, translate, unworded
    from ropa.importers import import_path, register_text

    result = import_path(source, max_file_bytes=max_file_size * 1024 * 1024)
    text = register_text(result)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from ropa.yamlio import write_new

        try:
            write_new(output, text)
        except FileExistsError:
            raise UsageError(
                msg("{target} exists", target=str(output)),
                hint=msg("ropa import never overwrites; name a new file"),
            ) from None
        except OSError as error:
            raise _cannot_write(output, error) from None
    says = _language(language)
    summary = msg(
        "imported {activities} from {source} ({kind}); {unplaced}",
        activities=counted(
            "{count} activity",
            "{count} activities",
            count=len(result.data.get("activities") or []),
        ),
        source=result.source,
        kind=result.kind,
        unplaced=counted(
            "{count} item not placed", "{count} items not placed", count=len(result.unmapped)
        ),
    )
    sys.stderr.write(translate(summary, says) + "\n")
    if not result.data.get("activities"):
        # An empty register with exit 0 would leave the reason in its header alone.
        for reason in result.missing:
            sys.stderr.write(translate(unworded("  {reason}", reason=reason), says) + "\n")
    for item in result.unmapped:
        line = msg(
            "  not placed: {where}: {value} ({what})",
            where=item.where,
            value=item.value,
            what=item.what_happened,
        )
        sys.stderr.write(translate(line, says) + "\n")


@app.command(
    epilog=_epilog(
        "ropa notice registers/acme.yaml -o privatuma-pazinojums.md",
        "ropa notice registers/acme.yaml --lang en --format html -o notice.html",
        exits=_exits(
            "0 the draft was written, 2 the register is invalid or cannot be read, or a\n"
            "usage error."
        ),
    )
)
@_reports_errors
def notice(
    path: RegisterArgument,
    language: Annotated[
        NoticeLanguage,
        typer.Option("--lang", help="Language of the notice.", **_choice(NoticeLanguage)),
    ] = NoticeLanguage.LV,
    notice_format: Annotated[
        NoticeFormat,
        typer.Option("--format", "-f", help="Output format.", **_choice(NoticeFormat)),
    ] = NoticeFormat.MARKDOWN,
    output: OutputOption = None,
    max_file_size: MaxFileSizeOption = 80,
) -> None:
    """Draft a privacy notice (GDPR Arts 13 and 14) from a register, with visible
    placeholders where the register is silent or says `unknown`."""
    from ropa.exporting import load_one_register
    from ropa.i18n import counted, translate
    from ropa.notice.build import build_notice
    from ropa.notice.render import html_text, markdown_text

    register, report = load_one_register(path, max_file_bytes=max_file_size * 1024 * 1024)
    if register is None:
        report.language = language.value
        _refuse_invalid(report)
    to_stdout = output in (None, "-")
    _refuse_register_file(None if to_stdout else output, register.files)
    drafted = build_notice(register, language.value)
    render = html_text if notice_format is NoticeFormat.HTML else markdown_text
    _emit_text(render(drafted), None if to_stdout else Path(str(output)))
    if not to_stdout:
        done = counted(
            "wrote {target}: {count} place to complete",
            "wrote {target}: {count} places to complete",
            target=str(output),
            count=drafted.gaps,
        )
        sys.stderr.write(translate(done, language.value) + "\n")


class CoverageFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command(
    epilog=_epilog(
        "ropa coverage registers/acme.yaml --policy privatuma-politika.html",
        "ropa coverage registers/acme.yaml --policy policy.txt --format markdown",
        exits=_exits("0 nothing missing either way, 1 something missing, 2 bad input."),
    )
)
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
        typer.Option("--format", "-f", help="Output format.", **_choice(CoverageFormat)),
    ] = CoverageFormat.TEXT,
    max_file_size: MaxFileSizeOption = 80,
    language: LanguageOption = None,
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
        report.language = _language(language)
        _refuse_invalid(report)
    passages = read_policy(policy, max_bytes=limit)
    result = compare(register, passages, policy)
    render = {
        CoverageFormat.TEXT: text_report,
        CoverageFormat.JSON: json_report,
        CoverageFormat.MARKDOWN: markdown_report,
    }[coverage_format]
    _emit_text(render(result, _language(language)), None)
    raise typer.Exit(int(ExitStatus.CLEAN if result.complete else ExitStatus.FINDINGS))


def _refuse_invalid(report: Report) -> NoReturn:
    """An invalid register is bad input here (exit 2): exit 1 means gaps in the comparison."""
    from ropa.reporters import renderer

    renderer(OutputFormat.TEXT.value)(report, sys.stderr)
    sys.stderr.flush()
    raise typer.Exit(int(ExitStatus.USAGE_OR_INPUT))


def _refuse_register_file(output: object, files: list[str]) -> None:
    """Stop before `-o` replaces a file of the register being read: `ropa export
    registers/acme -o registers/acme/hr.yaml` would put the export where the record was."""
    if output is None:
        return
    target = Path(str(output)).resolve()
    if any(Path(file).resolve() == target for file in files):
        from ropa.i18n import msg

        raise UsageError(
            msg("refusing to write over `{target}`: it is a file of the register", target=output),
            hint=msg("name another file with -o, e.g. one ending in the format's extension"),
        )


def _emit_text(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ropa.yamlio import write_atomic

    try:
        write_atomic(target, text)
    except OSError as error:
        raise _cannot_write(target, error) from None


def _command_named(arguments: list[str]) -> Any:
    """The registered command `arguments` run (after `--traceback`), or None: no command
    named (help, the version, completion) or one that does not exist."""
    words = [word for word in arguments if word != "--traceback"]
    if not words or os.environ.get("_ROPA_COMPLETE"):
        return None
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.lower().replace("_", "-") if callback else None)
        if name == words[0]:
            return info
    return None


def run() -> None:
    """Entry point: run the app, turning every error into a message and an exit code."""
    _utf8_streams()
    show_traceback = "--traceback" in sys.argv[1:]
    commands = app.registered_commands
    # typer builds every command's parameters (signatures, annotations, a pydantic adapter
    # each) before it runs one: offer it only the command asked for (a tenth of the
    # start-up of a small check). Its help and errors are its own either way.
    chosen = _command_named(sys.argv[1:])
    if chosen is not None:
        app.registered_commands = [chosen]
    try:
        with guarded(show_traceback):
            app(standalone_mode=True)
    finally:
        app.registered_commands = commands


__all__ = ["UsageError", "app", "run"]
