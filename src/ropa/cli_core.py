"""What the commands do once their arguments are read, without the command-line framework.

`ropa.cli` (typer) reads the arguments of every command; a plain `ropa check` or `ropa
validate`, the commands the pre-commit hooks run on every commit, is also read by
`ropa.cli_quick` without typer, whose import and parameter building are some 30 ms of a
200 ms check. Both call what is here, so a command says the same whichever read its
arguments. A command ends by raising `SystemExit` with its status, as typer's `Exit` does
in the end.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, ParamSpec, TextIO

from ropa.errors import RopaError, UsageError
from ropa.findings import INPUT_CODES, ExitStatus, Report

if TYPE_CHECKING:
    from ropa.config import Config


P = ParamSpec("P")


def reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn every error a person can cause into a message and exit status 2."""

    @functools.wraps(command)
    def run_command(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except RopaError as error:
            # In the language the command was asked to speak (--lang), else the locale's.
            chosen = str(kwargs.get("language") or "")
            report_error(error, chosen if chosen in ("lv", "en") else None)
            raise SystemExit(int(ExitStatus.USAGE_OR_INPUT)) from None

    return run_command


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


class MessageLanguage(enum.StrEnum):
    LV = "lv"
    EN = "en"


def chosen_language(chosen: MessageLanguage | None) -> str:
    from ropa.i18n import language_from_environment

    return chosen.value if chosen is not None else language_from_environment()


@contextlib.contextmanager
def inputs(paths: list[str], stdin_filename: str | None, max_file_size: int) -> Iterator[list[str]]:
    """The paths to give the library; `-` reads standard input as one register file."""
    from ropa.i18n import msg

    if "-" not in paths:
        if stdin_filename is not None:
            raise UsageError(msg("--stdin-filename goes with `-` as the path"))
        yield paths
        return
    if paths != ["-"]:
        raise UsageError(msg("`-` (standard input) must be the only path"))
    from ropa.stdin import standard_input
    from ropa.yamlio import decode_source

    shown = stdin_filename or "-"
    limit = max_file_size * 1024 * 1024
    raw = sys.stdin.buffer.read(limit + 1)
    if len(raw) > limit:
        raise UsageError(
            msg("standard input is larger than {size} MiB", size=max_file_size),
            hint=msg("raise --max-file-size"),
        )
    with standard_input(decode_source(raw, display=shown), stdin_filename) as path:
        yield [path]


def rule_codes(values: list[str]) -> list[str]:
    """`--select LB,TR03 --select RT` → [LB, TR03, RT]."""
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def run_check(
    paths: list[str],
    output_format: CheckFormat,
    fail_on: FailOn | None,
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    config: Path | None,
    output_file: Path | None,
    quiet: bool,
    exit_zero: bool,
    statistics: bool,
    skip_invalid: bool,
    max_file_size: int,
    today: str | None,
    show_all: bool,
    language: str,
) -> None:
    import datetime as dt

    from ropa.config import exclusion, load_config
    from ropa.engine import check_paths, config_near, verify_codes, verify_config
    from ropa.findings import Severity
    from ropa.i18n import msg
    from ropa.model.register import Register

    selected, extended, ignored = rule_codes(select), rule_codes(extend_select), rule_codes(ignore)
    for option, codes in (
        ("--select", selected),
        ("--extend-select", extended),
        ("--ignore", ignored),
    ):
        verify_codes(option, codes)
    chosen = fail_on.value if fail_on else None

    def override(found: Config) -> Config:
        return found.with_overrides(
            select=selected, extend_select=extended, ignore=ignored, fail_on=chosen
        )

    fixed = None
    if config is not None:
        loaded = load_config(config)
        verify_config(loaded)
        fixed = override(loaded)

    def config_for(register: Register) -> Config:
        return fixed or override(config_near(register))

    try:
        as_of = dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise UsageError(
            msg("--today `{given}` is not a date", given=today),
            hint=msg("write it YYYY-MM-DD, e.g. 2024-05-31"),
        ) from None
    result = check_paths(
        paths,
        config_for=config_for,
        today=as_of,
        max_file_bytes=max_file_size * 1024 * 1024,
        exclude=exclusion(fixed),
    )
    settings_fail_on = fixed or (
        config_for(result.valid_registers[0]) if result.valid_registers else None
    )
    threshold = (
        fail_on.value
        if fail_on
        else (settings_fail_on.settings.fail_on if settings_fail_on else "error")
    )
    findings, skipped = result.findings, []
    if skip_invalid:
        # Next to the ropa-validate hook: each validation error is shown once, by it.
        findings = [f for f in findings if f.code not in INPUT_CODES or f.is_input_error]
        skipped = result.invalid_registers
    report = Report(
        command="check",
        findings=findings,
        files=result.files,
        registers=result.registers,
        activities=result.activities,
        fail_on=Severity(threshold),
        quiet=quiet,
        exit_zero=exit_zero,
        skipped=skipped,
        show_all=show_all,
        language=language,
    )
    finish(report, output_format, output_file=output_file, statistics=statistics)


def validate(
    paths: list[str],
    output_format: OutputFormat = OutputFormat.TEXT,
    output_file: Path | None = None,
    quiet: bool = False,
    exit_zero: bool = False,
    statistics: bool = False,
    stdin_filename: str | None = None,
    max_file_size: int = 80,
    language: MessageLanguage | None = None,
) -> NoReturn:
    """`ropa validate` with its arguments read (the defaults are the command's)."""
    from ropa.config import exclusion
    from ropa.validate import validate_paths

    with inputs(paths, stdin_filename, max_file_size) as given:
        result = validate_paths(
            given, max_file_bytes=max_file_size * 1024 * 1024, exclude=exclusion()
        )
    report = result.report("validate")
    report.quiet, report.exit_zero = quiet, exit_zero
    report.language = chosen_language(language)
    finish(report, output_format, output_file=output_file, statistics=statistics)


def check(
    paths: list[str],
    output_format: CheckFormat = CheckFormat.TEXT,
    fail_on: FailOn | None = None,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    config: Path | None = None,
    output_file: Path | None = None,
    quiet: bool = False,
    exit_zero: bool = False,
    statistics: bool = False,
    skip_invalid: bool = False,
    stdin_filename: str | None = None,
    max_file_size: int = 80,
    today: str | None = None,
    show_all: bool = False,
    language: MessageLanguage | None = None,
) -> NoReturn:
    """`ropa check` with its arguments read (the defaults are the command's)."""
    with inputs(paths, stdin_filename, max_file_size) as given:
        run_check(
            given,
            output_format,
            fail_on,
            select or [],
            extend_select or [],
            ignore or [],
            config,
            output_file,
            quiet,
            exit_zero,
            statistics,
            skip_invalid,
            max_file_size,
            today,
            show_all,
            chosen_language(language),
        )
    raise AssertionError("unreachable: a check ends in its report's status")  # pragma: no cover


def fmt(
    paths: list[str],
    check: bool = False,
    diff: bool = False,
    quiet: bool = False,
    skip_invalid: bool = False,
    stdin_filename: str | None = None,
    max_file_size: int = 80,
    language: MessageLanguage | None = None,
    no_cache: bool = False,
) -> NoReturn:
    """`ropa fmt` with its arguments read (the defaults are the command's)."""
    from ropa.fmtcache import exclusion, from_cache
    from ropa.reporters.text import render_fmt

    with inputs(paths, stdin_filename, max_file_size) as given:
        max_file_bytes = max_file_size * 1024 * 1024
        excluded = exclusion()
        # Registers all known formatted are answered without loading the formatter (the
        # pre-commit hook's usual case); anything else is formatted as ever.
        known = None
        if not no_cache:
            known = from_cache(
                given, check=check or diff, max_file_bytes=max_file_bytes, exclude=excluded
            )
        if known is not None:
            result = known
        else:
            from ropa.fmt import format_paths

            result = format_paths(
                given,
                check=check or diff,
                max_file_bytes=max_file_bytes,
                exclude=excluded,
                use_cache=not no_cache,
            )
    if skip_invalid:
        # Registers that do not validate are left alone; `ropa validate` says why.
        result.findings = [f for f in result.findings if f.code == "FM01" or f.is_input_error]
    to_stdin = given == ["-"] or stdin_filename is not None
    with stdout_may_close(result.status):
        says = chosen_language(language)
        if to_stdin and not (check or diff):
            render_fmt(result, sys.stderr, show_diff=False, quiet=True, language=says)
            if result.output is not None:
                sys.stdout.write(result.output)
        else:
            render_fmt(result, sys.stdout, show_diff=diff, quiet=quiet, language=says)
        sys.stdout.flush()
    raise SystemExit(int(result.status))


def cannot_write(target: object, error: OSError) -> UsageError:
    """The one message for an output that cannot be written, in the user's language."""
    from ropa.i18n import msg

    return UsageError(
        msg(
            "cannot write {target}: {reason}",
            target=str(target),
            reason=error.strerror or str(error),
        )
    )


def finish(
    report: Report,
    output_format: OutputFormat | CheckFormat,
    stream: TextIO | None = None,
    *,
    output_file: Path | None = None,
    statistics: bool = False,
) -> NoReturn:
    from ropa.reporters import renderer
    from ropa.validate import collector_paused

    render = renderer(output_format.value)
    if statistics:
        from ropa.reporters.statistics import render_statistics

        as_json = output_format.value == "json"

        def render(report: Report, stream: TextIO) -> None:
            render_statistics(report, stream, as_json=as_json)

    if output_file is not None:
        import io

        from ropa.yamlio import write_atomic

        buffer = io.StringIO()
        with collector_paused():
            render(report, buffer)
        try:
            write_atomic(output_file, buffer.getvalue())
        except OSError as error:
            raise cannot_write(output_file, error) from None
        raise SystemExit(int(report.status))
    stream = stream or sys.stdout
    # What was read is still alive: the cyclic collector need not scan it again while
    # the report allocates (PERFORMANCE.md, pitfall 4). Paused, not frozen: the CLI also
    # runs inside other processes (tests, an editor), whose later garbage must go.
    with stdout_may_close(report.status), collector_paused():
        render(report, stream)
        stream.flush()
    raise SystemExit(int(report.status))


@contextlib.contextmanager
def stdout_may_close(status: ExitStatus) -> Iterator[None]:
    """A reader that stops early (`ropa check | head`) closes the pipe: stop writing and
    end with the status the work earned, without a word (as `grep` does)."""
    try:
        yield
    except BrokenPipeError:
        discard_stdout()
        raise SystemExit(int(status)) from None


def discard_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered must not fail again at
    exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def report_error(error: RopaError, language: str | None = None) -> None:
    where = f"{error.file}: " if error.file else ""
    if error.file and error.position:
        where = f"{error.file}:{error.position.line}:{error.position.column}: "
    from ropa.i18n import language_from_environment, msg, translate

    says = language or language_from_environment()
    message = msg("ropa: error: {where}{message}", where=where, message=error.message)
    sys.stderr.write(translate(message, says) + "\n")
    if error.hint:
        sys.stderr.write(translate(msg("    hint: {hint}", hint=error.hint), says) + "\n")


def fail(error: RopaError) -> NoReturn:
    report_error(error)
    raise SystemExit(int(ExitStatus.USAGE_OR_INPUT))


def utf8_streams() -> None:
    """Registers are Latvian: never fail to print ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.

    Nor anything else: a file name that is not UTF-8 reaches Python as lone surrogates,
    which a strict UTF-8 stream refuses; those are written escaped instead.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


@contextlib.contextmanager
def guarded(show_traceback: bool) -> Iterator[None]:
    """Around a whole command: every error turned into a message and an exit code."""
    try:
        yield
    except RopaError as error:
        fail(error)
    except KeyboardInterrupt:
        from ropa.i18n import language_from_environment, msg, translate

        interrupted = translate(msg("ropa: interrupted"), language_from_environment())
        sys.stderr.write(interrupted + "\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        # Output closed early outside a reporter (`ropa rules | head -1`): nothing failed.
        discard_stdout()
        raise SystemExit(0) from None
    except Exception as error:
        if show_traceback:
            raise
        from ropa.i18n import language_from_environment, msg, translate

        says = language_from_environment()
        failure = msg("ropa: internal error: {error}", error=f"{type(error).__name__}: {error}")
        hint = msg("    hint: this is a bug in ropa; run again with --traceback and report it")
        sys.stderr.write(f"{translate(failure, says)}\n{translate(hint, says)}\n")
        raise SystemExit(int(ExitStatus.USAGE_OR_INPUT)) from None
