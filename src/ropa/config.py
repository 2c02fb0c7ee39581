"""Settings: `[tool.ropa]` in `pyproject.toml`, or a `ropa.toml`, found by walking up.

```toml
[tool.ropa]                       # or, in ropa.toml, the same keys at the top level
select = ["ALL"]                  # rule codes or prefixes to run ("ALL", "LB", "TR03")
ignore = ["RC02"]                 # codes or prefixes to skip; the longest prefix wins
fail-on = "warning"               # error | warning | info
review-interval = "P12M"          # GV02: how old a review may be
employee-threshold = 250          # Art. 30(5) head count
digital-consent-age = 13          # Art. 8: Latvia, Personal Data Processing Law s. 33

[tool.ropa.severity]              # per-rule severity
RT02 = "error"
```
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ropa.errors import ConfigError
from ropa.findings import Severity
from ropa.model.types import Duration, IsoDuration
from ropa.position import Position

CONFIG_FILES = ("ropa.toml", "pyproject.toml")
SeverityName = Literal["error", "warning", "info"]
_CODE_OR_PREFIX = re.compile(r"ALL|[A-Z]{1,2}|[A-Z]{2}[0-9]{1,2}")


class Settings(BaseModel):
    """What a configuration file may set. Keys are written in kebab-case."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=lambda name: name.replace("_", "-"),
        validate_by_name=True,
        validate_by_alias=True,
    )

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    fail_on: SeverityName = "error"
    review_interval: IsoDuration = Field(default_factory=lambda: Duration("P12M"))
    employee_threshold: Annotated[int, Field(ge=1, strict=True)] = 250
    digital_consent_age: Annotated[int, Field(ge=13, le=16, strict=True)] = 13

    @field_validator("select", "ignore")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not _CODE_OR_PREFIX.fullmatch(code):
                raise ValueError(f"`{code}` is not a rule code or prefix (e.g. ALL, LB, TR03)")
        return value

    @field_validator("severity")
    @classmethod
    def _severity_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value:
            if not re.fullmatch(r"[A-Z]{2}[0-9]{2}", code):
                raise ValueError(f"`{code}` is not a rule code (e.g. RT02)")
        return value


@dataclass(frozen=True)
class Selection:
    """Which rules run, at which severity."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        """The longest matching prefix decides; on a tie, ignore wins (as in flake8)."""
        best_select = max((_match(p, code) for p in self.select), default=-1)
        best_ignore = max((_match(p, code) for p in self.ignore), default=-1)
        return best_select >= 0 and best_select > best_ignore


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
    def selection(self) -> Selection:
        return Selection(
            tuple(self.settings.select),
            tuple(self.settings.ignore),
            {code: Severity(name) for code, name in self.settings.severity.items()},
        )

    def with_overrides(
        self,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """Command-line options win over the file: `--select` replaces, `--ignore` adds."""
        data = self.settings.model_dump()
        if select:
            data["select"] = select
        if ignore:
            data["ignore"] = [*data["ignore"], *ignore]
        if fail_on:
            data["fail_on"] = fail_on
        try:
            return Config(Settings.model_validate(data), self.source)
        except ValidationError as error:
            raise ConfigError(_first_message(error), hint="see `ropa check --help`") from None


def find_config(start: Path) -> Path | None:
    """The nearest `ropa.toml`, or `pyproject.toml` with a `[tool.ropa]` table, at or above
    `start` (a file's directory, or a directory)."""
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            if name == "ropa.toml" or _has_ropa_table(path):
                return path
    return None


def _has_ropa_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[tool\.ropa[.\]]", text, flags=re.M) is not None


def load_config(path: Path | None) -> Config:
    """Read settings from a file (None gives the defaults)."""
    if path is None:
        return Config(Settings())
    shown = path.as_posix()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such configuration file", file=shown) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the configuration: {error}", file=shown) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"invalid TOML: {error}", file=shown, position=_toml_position(str(error))
        ) from None
    table: Any = document
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("ropa", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.ropa] must be a table", file=shown)
    try:
        return Config(Settings.model_validate(table), path)
    except ValidationError as error:
        raise ConfigError(
            _first_message(error, table),
            file=shown,
            hint="see the configuration keys in README.md (Configuration)",
        ) from None


def _first_message(error: ValidationError, table: dict[str, Any] | None = None) -> str:
    detail = error.errors()[0]
    location = ".".join(str(part) for part in detail["loc"])
    if detail["type"] == "extra_forbidden":
        known = [name.replace("_", "-") for name in Settings.model_fields]
        close = difflib.get_close_matches(location, known, n=1)
        suggestion = f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(known)})"
        return f"unknown setting `{location}`{suggestion}"
    message = str(detail["msg"]).removeprefix("Value error, ")
    return f"`{location}`: {message}"


def _toml_position(message: str) -> Position | None:
    match = re.search(r"line (\d+), column (\d+)", message)
    return Position(int(match.group(1)), int(match.group(2))) if match else None
