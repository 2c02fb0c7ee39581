"""`ropa import`: registers made from what organisations keep today.

Each source format has its own module that turns the source into plain register data and
a list of what it could not place; this module reads the file, picks the module, and
writes the data as a register file in the canonical form `ropa fmt` writes, with a header
that says where it came from and what is left to do.
"""

from __future__ import annotations

from pathlib import Path

from ropa.errors import InputError, UsageError
from ropa.fmt import format_text
from ropa.i18n import msg
from ropa.importers.result import ImportResult, Unmapped
from ropa.yamlio import DEFAULT_MAX_FILE_BYTES, dump_plain, parse_fast, read_source

__all__ = ["ImportResult", "Unmapped", "import_path", "register_text"]


def import_path(path: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ImportResult:
    """Read a source file into register data; the kind is told by its name and content."""
    from ropa.discovery import display_path

    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml", ".json"):
        from ropa.importers.fides import import_fides, is_fides_manifest

        text = read_source(path, display=shown, max_bytes=max_file_bytes)
        document = parse_fast(text, shown)
        if document.problems:
            problem = document.problems[0]
            raise UsageError(
                problem.message,
                hint=problem.hint,
                file=shown,
                position=problem.position,
            )
        if not is_fides_manifest(document.data):
            raise UsageError(
                msg(
                    "{file} is not a fides manifest (no `system:` or `organization:` list)",
                    file=shown,
                ),
                hint=msg(
                    "ropa import reads fides manifests (.yml, .yaml, .json), spreadsheets (.xlsx) "
                    "and CSV (.csv)"
                ),
            )
        return import_fides(document.data, shown)
    if suffix == ".csv":
        from ropa.importers.table import import_tables, read_csv_table

        kind = msg("CSV table")
        try:
            text = read_source(path, display=shown, max_bytes=max_file_bytes)
        except InputError as error:
            legacy = _legacy_csv(path, error)
            if legacy is None:
                raise
            text, encoding = legacy
            kind = msg("CSV table in {encoding}", encoding=encoding)
        return import_tables(read_csv_table(text.lstrip("\ufeff"), path.stem), shown, kind)
    if suffix in (".xlsx", ".xlsm"):
        from ropa.importers.table import import_tables, read_xlsx_tables
        from ropa.importers.workbook import embedded_register, import_workbook

        _check_size(path, shown, max_file_bytes)
        carried = embedded_register(path)
        if carried is not None:
            return import_workbook(carried, shown)
        try:
            tables = read_xlsx_tables(path)
        except Exception as error:  # openpyxl raises many kinds on a damaged file
            raise UsageError(
                msg(
                    "{file} cannot be read as a workbook: {reason}",
                    file=shown,
                    reason=f"{type(error).__name__}: {error}",
                ),
                hint=msg("save it again as .xlsx from the spreadsheet program"),
            ) from None
        return import_tables(tables, shown, msg("spreadsheet"))
    raise UsageError(
        msg(
            "cannot import {file}: unknown kind of file `{kind}`",
            file=shown,
            kind=suffix or path.name,
        ),
        hint=msg(
            "ropa import reads fides manifests (.yml, .yaml, .json), spreadsheets (.xlsx) "
            "and CSV (.csv)"
        ),
    )


def _legacy_csv(path: Path, error: InputError) -> tuple[str, str] | None:
    """A CSV table that is not UTF-8 but Latvian text in Windows-1257 (or ISO 8859-13):
    what Excel saves as "CSV" under a Latvian locale. It is read in that encoding, and the
    summary says so; the register written is UTF-8. Other undecodable files stay errors."""
    from ropa.yamlio import legacy_latvian_encoding

    if error.code != "IN02":
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    found = legacy_latvian_encoding(raw)
    if found is None:
        return None
    codec, name = found
    return raw.decode(codec), name


def _check_size(path: Path, shown: str, max_file_bytes: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UsageError(
            msg("cannot read {file}: {reason}", file=shown, reason=error.strerror or str(error))
        ) from None
    if size > max_file_bytes:
        raise UsageError(
            msg(
                "{file} is larger than {size} MiB", file=shown, size=max_file_bytes // (1024 * 1024)
            ),
            hint=msg("raise --max-file-size if the file is what you meant"),
        )


def register_text(result: ImportResult) -> str:
    """The imported data as a register file: `ropa: 1` first, canonical order, and a
    header of comments saying where it came from and what could not be placed."""
    header = [
        "# yaml-language-server: $schema=../schemas/ropa.schema.json",
        f"# Imported by `ropa import` from {result.source} ({result.kind}).",
    ]
    if result.missing:
        header.append("# Not in the source, to fill in:")
        header += [f"#   - {item}" for item in result.missing]
    if result.unmapped:
        header.append("# Not placed in the register (also kept in notes where it belongs):")
        header += [
            f"#   - {item.where}: {_one_line(item.value)} ({item.what_happened})"
            for item in result.unmapped
        ]
    body = dump_plain({"ropa": 1, **result.data})
    return format_text("\n".join(header) + "\n" + body, result.source)


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
