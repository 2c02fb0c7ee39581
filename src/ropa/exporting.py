"""What `ropa export` needs around the exporters: one valid register, a date, findings.

The exporters take a typed register and never read files; this module gets them one, or
the findings that say why there is none, so the CLI command stays a few lines.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from ropa.errors import UsageError
from ropa.findings import Finding, Report, sorted_findings
from ropa.i18n import msg
from ropa.model import Register
from ropa.validate import validate_paths


def load_one_register(path: str, *, max_file_bytes: int) -> tuple[Register | None, Report]:
    """The one valid register at `path`, or None and the report of what is wrong."""
    result = validate_paths([path], max_file_bytes=max_file_bytes)
    report = result.report("export")
    if result.findings:
        return None, report
    if len(result.registers) != 1:
        raise UsageError(
            msg(
                "{path} holds {count} registers; export one at a time",
                path=path,
                count=len(result.registers),
            ),
            hint=msg("name a register file, or a directory with a register.yaml"),
        )
    return result.registers[0], report


def export_date_from(given: str | None, environ: dict[str, str] | None = None) -> dt.date:
    """`--date`, else SOURCE_DATE_EPOCH (reproducible-builds.org), else today."""
    environ = dict(os.environ) if environ is None else environ
    if given is not None:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            raise UsageError(
                msg("--date `{given}` is not a date", given=given),
                hint=msg("write it YYYY-MM-DD, e.g. 2024-05-31"),
            ) from None
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                msg(
                    "SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds since 1970", epoch=epoch
                ),
                hint=msg("see https://reproducible-builds.org/specs/source-date-epoch/"),
            ) from None
    return dt.date.today()


def open_findings(register: Register, *, today: dt.date | None = None) -> Sequence[Finding]:
    """The findings `ropa check` reports for the register, with the register's own
    configuration (for the workbook's findings sheet)."""
    from ropa.engine import check_register, config_near

    return sorted_findings(check_register(register, config_near(register), today=today))
