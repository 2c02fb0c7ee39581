"""Settings: `[tool.ropa]` in `pyproject.toml`, or a `ropa.toml`, found by walking up.

```toml
[tool.ropa]                       # or, in ropa.toml, the same keys at the top level
select = ["ALL"]                  # rule codes or prefixes to run ("ALL", "LB", "TR03")
extend-select = []                # codes or prefixes to run as well as `select`
ignore = ["RC02"]                 # codes or prefixes to skip; the longest prefix wins
exclude = ["registers/archive/**"]  # files no command reads (globs, from this file's folder)
fail-on = "warning"               # error | warning | info
review-interval = "P12M"          # GV02: how old a review may be
employee-threshold = 250          # Art. 30(5) head count
digital-consent-age = 13          # Art. 8: Latvia, Personal Data Processing Law s. 33

[tool.ropa.severity]              # per-rule severity
RT02 = "error"

[tool.ropa.per-file-ignores]      # codes or prefixes to skip in the files a glob matches
"registers/legacy/*.yaml" = ["RC", "GV02"]
```

The names and meanings follow ruff's: `select`, `extend-select`, `ignore`, `exclude`,
`per-file-ignores`. Codes are checked against the rule catalogue by the engine (this
module cannot see the rules): a typo is a configuration error, never a silent no-op.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ropa.discovery import display_path
from ropa.discovery import find_config as find_config  # where engine has found it
from ropa.errors import ConfigError
from ropa.findings import Severity
from ropa.i18n import Message, msg, unworded
from ropa.knowledge.translatable import gettext_noop as N_
from ropa.model import cache
from ropa.model.types import TEMPLATE, Duration, IsoDuration, custom_error
from ropa.position import Position

SeverityName = Literal["error", "warning", "info"]
_CODE_OR_PREFIX = re.compile(r"ALL|[A-Z]{1,2}|[A-Z]{2}[0-9]{1,2}")


def _twelve_months() -> Duration:
    # A module-level function, not a lambda: the validator's schema is stored between
    # runs (`ropa.model.cache`), which a lambda cannot be.
    return Duration("P12M")


class Settings(BaseModel):
    """What a configuration file may set. Keys are written in kebab-case."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=lambda name: name.replace("_", "-"),
        validate_by_name=True,
        validate_by_alias=True,
        # Built when a configuration file or a command-line option is read: a check with
        # neither takes the defaults as they are (`load_config`, `with_overrides`).
        defer_build=True,
    )

    # Plain defaults (pydantic copies them for each instance) rather than `list` or `dict`
    # as factories: for a builtin factory pydantic asks `inspect.signature`, which
    # compiles the tokenizer's patterns on every check (some 5 ms of a 200 ms start).
    select: list[str] = ["ALL"]
    extend_select: list[str] = []
    ignore: list[str] = []
    exclude: list[str] = []
    per_file_ignores: dict[str, list[str]] = {}
    severity: dict[str, SeverityName] = {}
    fail_on: SeverityName = "error"
    review_interval: IsoDuration = Field(default_factory=_twelve_months)
    employee_threshold: Annotated[int, Field(ge=1, strict=True)] = 250
    digital_consent_age: Annotated[int, Field(ge=13, le=16, strict=True)] = 13

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not _CODE_OR_PREFIX.fullmatch(code):
                raise custom_error(
                    "rule_code",
                    N_("`{code}` is not a rule code or prefix (e.g. ALL, LB, TR03)"),
                    code=code,
                )
        return value

    @field_validator("per_file_ignores")
    @classmethod
    def _file_codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for codes in value.values():
            cls._codes(codes)
        return value

    def codes_named(self) -> list[tuple[str, str]]:
        """Every code or prefix the settings name, with the key that names it."""
        named = [
            (key.replace("_", "-"), code)
            for key in ("select", "extend_select", "ignore")
            for code in getattr(self, key)
        ]
        named += [(f"severity.{code}", code) for code in self.severity]
        named += [
            (f"per-file-ignores.{pattern}", code)
            for pattern, codes in self.per_file_ignores.items()
            for code in codes
        ]
        return named

    @field_validator("severity")
    @classmethod
    def _severity_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value:
            if not re.fullmatch(r"[A-Z]{2}[0-9]{2}", code):
                raise custom_error(
                    "rule_code", N_("`{code}` is not a rule code (e.g. RT02)"), code=code
                )
        return value


# Its validator from the cache when a configuration file is first read (15 ms to build).
cache.defer(Settings)


@dataclass(frozen=True)
class Selection:
    """Which rules run, at which severity."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)

    # Ignored per file: (glob as a regular expression over the path below `base`, codes).
    per_file: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = ()
    base: Path | None = None

    def enabled(self, code: str) -> bool:
        """The longest matching prefix decides; on a tie, ignore wins (as in flake8)."""
        best_select = max((_match(p, code) for p in self.select), default=-1)
        best_ignore = max((_match(p, code) for p in self.ignore), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def ignored_in(self, code: str, file: str) -> bool:
        """Whether `per-file-ignores` silences `code` in `file` (a path as shown)."""
        if not self.per_file:
            return False
        candidates = _relative_forms(Path(file), self.base)
        return any(
            any(_match(prefix, code) >= 0 for prefix in codes)
            and any(pattern.fullmatch(candidate) for candidate in candidates)
            for pattern, codes in self.per_file
        )


def _match(prefix: str, code: str) -> int:
    if prefix == "ALL":
        return 0
    return len(prefix) if code.startswith(prefix) else -1


@dataclass(frozen=True)
class Config:
    """Settings resolved for one check, and the file they came from (None: defaults)."""

    settings: Settings
    source: Path | None = None

    @property
    def base(self) -> Path:
        """The folder `exclude` and `per-file-ignores` globs are relative to."""
        return self.source.resolve().parent if self.source is not None else Path.cwd()

    @property
    def selection(self) -> Selection:
        return Selection(
            (*self.settings.select, *self.settings.extend_select),
            tuple(self.settings.ignore),
            {code: Severity(name) for code, name in self.settings.severity.items()},
            tuple(
                (glob_pattern(pattern), tuple(codes))
                for pattern, codes in self.settings.per_file_ignores.items()
            ),
            self.base,
        )

    def excludes(self, path: Path) -> bool:
        """Whether `exclude` leaves out the file `path`: a glob matches it or a folder it
        is in (`archive` leaves out everything in any folder named so)."""
        if not self.settings.exclude:
            return False
        forms = _relative_forms(path, self.base)
        candidates = [
            "/".join(parts[:end])
            for form in forms
            for parts in [form.split("/")]
            for end in range(len(parts), 0, -1)
        ]
        return any(
            glob_pattern(pattern).fullmatch(candidate)
            for pattern in self.settings.exclude
            for candidate in candidates
        )

    def with_overrides(
        self,
        *,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """Command-line options win over the file: `--select` replaces, `--extend-select`
        and `--ignore` add (as in ruff)."""
        if not (select or extend_select or ignore or fail_on):
            return self
        data = self.settings.model_dump()
        if select:
            data["select"] = select
            data["extend_select"] = []
        if extend_select:
            data["extend_select"] = [*data["extend_select"], *extend_select]
        if ignore:
            data["ignore"] = [*data["ignore"], *ignore]
        if fail_on:
            data["fail_on"] = fail_on
        try:
            return Config(Settings.model_validate(data), self.source)
        except ValidationError as error:
            raise ConfigError(_first_message(error), hint=msg("see `ropa check --help`")) from None


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A glob as in ruff and .gitignore: `*` and `?` within one folder, `**` across them.
    A glob without a `/` matches a file name in any folder."""
    if "/" not in glob.rstrip("/"):
        glob = "**/" + glob
    parts = re.split(r"(\*\*/?|\*|\?)", glob.removeprefix("./"))
    regex = ""
    for part in parts:
        if part in ("**/", "**"):
            regex += "(?:.*/)?" if part == "**/" else ".*"
        elif part == "*":
            regex += "[^/]*"
        elif part == "?":
            regex += "[^/]"
        else:
            regex += re.escape(part)
    return re.compile(regex)


def _relative_forms(path: Path, base: Path | None) -> list[str]:
    """`path` relative to `base` (when below it) and as given, in POSIX form."""
    absolute = Path(os.path.abspath(path))
    forms = [path.as_posix()]
    if base is not None:
        with contextlib.suppress(ValueError):
            forms.insert(0, absolute.relative_to(base).as_posix())
    return forms


def exclusion(fixed: Config | None = None) -> Callable[[Path], bool]:
    """Whether a file is excluded: by `fixed` settings, else by those found near it."""
    if fixed is not None:
        return fixed.excludes
    found: dict[Path, Config] = {}

    def excluded(path: Path) -> bool:
        directory = Path(os.path.abspath(path)).parent
        if directory not in found:
            found[directory] = load_config(find_config(directory))
        return found[directory].excludes(path)

    return excluded


def load_config(path: Path | None) -> Config:
    """Read settings from a file (None gives the defaults)."""
    if path is None:
        return Config(Settings.model_construct())
    import tomllib  # only where a configuration file is read (2 ms of every start)

    shown = display_path(path)  # as the register files are shown: relative where it can
    try:
        text = path.read_text(encoding="utf-8")
        document = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(msg("no such configuration file"), file=shown) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            msg("cannot read the configuration: {error}", error=str(error)), file=shown
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            msg("invalid TOML: {parser}", parser=str(error)),
            file=shown,
            position=_toml_position(str(error)),
        ) from None
    table: Any = document
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("ropa", {})
    if not isinstance(table, dict):
        raise ConfigError(msg("[tool.ropa] must be a table"), file=shown)
    try:
        return Config(Settings.model_validate(table), path)
    except ValidationError as error:
        raise ConfigError(
            _first_message(error, table),
            file=shown,
            position=_setting_position(text, error),
            hint=msg("see the configuration keys in README.md (Configuration)"),
        ) from None


def _first_message(error: ValidationError, table: dict[str, Any] | None = None) -> Message:
    detail = error.errors()[0]
    location = ".".join(str(part) for part in detail["loc"])
    if detail["type"] == "extra_forbidden":
        import difflib  # only for a setting not known: not at every start

        known = [name.replace("_", "-") for name in Settings.model_fields]
        close = difflib.get_close_matches(location, known, n=1)
        if close:
            return msg(
                "unknown setting `{setting}`; did you mean `{close}`?",
                setting=location,
                close=close[0],
            )
        return msg(
            "unknown setting `{setting}` (known: {known})", setting=location, known=", ".join(known)
        )
    values = dict(detail.get("ctx") or {})
    template = values.pop(TEMPLATE, None)
    problem = (
        Message(template, **values) if isinstance(template, str) else _pydantic_problem(detail)
    )
    return unworded("`{setting}`: {problem}", setting=location, problem=problem)


def _pydantic_problem(detail: Any) -> Message | str:
    """pydantic's own error in the reader's language, for the kinds a setting can have
    (a word of a closed list, a whole number and its bounds, a list, text); pydantic's
    English words only for any other."""
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    shown = value if isinstance(value, str) else repr(value)
    if kind == "literal_error":
        import difflib

        allowed = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        close = difflib.get_close_matches(str(value), allowed, n=1)
        if close:
            return msg(
                "`{value}` is not one of {allowed}; did you mean `{close}`?",
                value=shown,
                allowed=", ".join(allowed),
                close=close[0],
            )
        return msg("`{value}` is not one of {allowed}", value=shown, allowed=", ".join(allowed))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return msg("`{value}` is not a whole number (write it without quotes: 250)", value=shown)
    if kind == "greater_than_equal":
        return msg("{value} is less than {bound}", value=shown, bound=context.get("ge"))
    if kind == "less_than_equal":
        return msg("{value} is more than {bound}", value=shown, bound=context.get("le"))
    if kind == "list_type":
        return msg('`{value}` is not a list: write it in brackets, e.g. ["GV01"]', value=shown)
    if kind == "string_type":
        return msg('`{value}` is not text: write it in quotes, e.g. "warning"', value=shown)
    if kind == "dict_type":
        return msg("`{value}` is not a table", value=shown)
    return str(detail["msg"]).removeprefix("Value error, ")


def _setting_position(text: str, error: ValidationError) -> Position | None:
    """Where the first wrong setting is written: the line of its key (the last part of its
    name, `fail-on`, or `RT02` under [severity]), at the key's first column."""
    location = [str(part) for part in error.errors()[0]["loc"]]
    for key in reversed(location):
        spelled = re.escape(key.replace("_", "-"))
        written = re.search(rf"^[ \t]*[\"']?({spelled})[\"']?[ \t]*=", text, re.MULTILINE)
        if written:
            line = text.count("\n", 0, written.start(1)) + 1
            return Position(
                line, written.start(1) - (text.rfind("\n", 0, written.start(1)) + 1) + 1
            )
    return None


def _toml_position(message: str) -> Position | None:
    match = re.search(r"line (\d+), column (\d+)", message)
    return Position(int(match.group(1)), int(match.group(2))) if match else None
