"""The validators of a register file and of the configuration, kept between runs.

pydantic builds a model's validator from its Python definition when it is first used:
some 20 ms of CPU for `RegisterFile`, a tenth of a 20-activity `ropa check`, and 15 ms
for the configuration's `Settings` (PERFORMANCE.md, pitfall 10). What it builds from,
the core schema, is plain data naming ropa's own classes and functions; stored after a
first run, it gives the same validator in a few milliseconds, reading the file included.
(Only what validation reads is stored: pydantic's JSON-schema and serialisation parts are
left out, and built as usual if ever asked for.)

A stored schema is used only if it was written by the same versions of pydantic and
pydantic-core, and from the same sources (`ropa.cache`, which keeps it: where, the
`ROPA_CACHE_DIR` and `ROPA_NO_CACHE` switches, and the rest of the key). Otherwise, or if
the file cannot be read, the validator is built as pydantic builds it and stored for the
next run; a cache that cannot be written is left alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ropa import cache as kept

# The keys of a core schema node that validation does not read, and that hold pydantic's
# own local functions (which cannot be stored).
_NOT_VALIDATION = ("metadata", "serialization")


def defer(model: type[BaseModel]) -> None:
    """Give `model` its validator from the cache when it is first used."""
    if not kept.enabled() or model.__pydantic_complete__:
        return
    model.__pydantic_validator__ = _Deferred(model)  # type: ignore[assignment]


class _Deferred:
    """Stands in for the validator until it is used, as pydantic's own placeholder does."""

    __slots__ = ("_model",)

    def __init__(self, model: type[BaseModel]) -> None:
        self._model = model

    def __getattr__(self, name: str) -> Any:
        return getattr(_validator(self._model), name)


def _validator(model: type[BaseModel]) -> Any:
    from pydantic_core import SchemaValidator

    key = _key(model)
    path = cache_file(model)
    stored = _load(path, key) if path is not None else None
    if stored is not None:
        schema, config = stored
        try:
            validator = SchemaValidator(schema, config)
        except Exception:  # a stored schema this pydantic-core refuses: build it
            pass
        else:
            model.__pydantic_validator__ = validator
            return validator
    model.model_rebuild(force=True)
    if path is not None:
        _store(model, path, key)
    return model.__pydantic_validator__


def cache_file(model: type[BaseModel]) -> Path | None:
    """Where the model's validator is stored (None: no cache directory)."""
    directory = kept.directory()
    return directory / kept.file_name(f"{model.__qualname__}.validator") if directory else None


def _key(model: type[BaseModel]) -> str:
    import pydantic
    import pydantic_core

    return kept.digest(
        pydantic.VERSION, pydantic_core.__version__, model.__module__, model.__qualname__
    )


def _load(path: Path, key: str) -> tuple[Any, Any] | None:
    value = kept.load(path, key)
    if not (isinstance(value, tuple) and len(value) == 2):
        return None
    return value[0], value[1]


def _store(model: type[BaseModel], path: Path, key: str) -> None:
    from pydantic._internal._config import ConfigWrapper

    try:
        schema = _for_validation(model.__pydantic_core_schema__)
        config = ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__)
    except Exception:  # nothing to store: the validator is built each time
        return
    kept.store(path, key, (schema, config))


def _for_validation(node: Any) -> Any:
    """The core schema without what only JSON schemas and serialisation read."""
    if isinstance(node, dict):
        # A schema node has a `type`; a mapping of field names (`fields`) does not have a
        # text there, so a field called `metadata` is kept.
        is_node = isinstance(node.get("type"), str)
        return {
            key: _for_validation(value)
            for key, value in node.items()
            if not (is_node and key in _NOT_VALIDATION)
        }
    if isinstance(node, list):
        return [_for_validation(item) for item in node]
    if isinstance(node, tuple):
        return tuple(_for_validation(item) for item in node)
    return node
