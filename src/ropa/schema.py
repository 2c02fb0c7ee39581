"""The published JSON Schema of a register file, generated from the models.

The committed copy at `schemas/ropa.schema.json` is what editors autocomplete from and
what `check-jsonschema` validates against; a test fails when it drifts from the models.
The schema is also the one description of what keys and values are allowed where, so
error messages ("did you mean ...?") read it instead of repeating it.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import itertools
import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ropa.position import DataPath

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_TITLE = "ropa register file (format 1)"


class _RegisterSchemaGenerator(GenerateJsonSchema):
    """pydantic's generator, with unions chosen by shape written as `anyOf`.

    pydantic writes tagged unions as `oneOf`; ours are chosen by the input's shape, and a
    word such as `unknown` is valid for both a text branch and a marker branch, which
    `oneOf` would reject. Unions with a discriminator property stay `oneOf`.
    """

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        generated = super().tagged_union_schema(schema)
        if "discriminator" not in generated and "oneOf" in generated:
            generated["anyOf"] = generated.pop("oneOf")
        return generated


@functools.cache
def register_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one register file.

    Every `ropa fmt` that formats a file reads the key order from it, and generating it
    takes some 170 ms (a quarter of formatting the example registers): it is kept in
    `ropa.cache`, under the sources and the pydantic that generated it."""
    from ropa import cache

    if not cache.enabled() or (folder := cache.directory()) is None:
        return _generated_schema()
    stored_at = folder / cache.file_name(_SCHEMA_CACHE)
    key = cache.digest(_SCHEMA_CACHE, cache.libraries_key("pydantic", "pydantic_core"))
    stored = cache.load(stored_at, key)
    if isinstance(stored, dict):
        return stored
    schema = _generated_schema()
    cache.store(stored_at, key, schema)
    return schema


_SCHEMA_CACHE = "register-file.schema"


def _generated_schema() -> dict[str, Any]:
    from ropa.model.document import RegisterFile

    generated = RegisterFile.model_json_schema(
        by_alias=True, schema_generator=_RegisterSchemaGenerator
    )
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, "title": SCHEMA_TITLE}
    schema.update({key: value for key, value in generated.items() if key != "title"})
    _describe_properties(schema, RegisterFile)
    for name, definition in schema.get("$defs", {}).items():
        model = _models().get(name)
        if model is not None:
            _describe_properties(definition, model)
    _unwrap_descriptions(schema)
    _offer_what_people_write(schema)
    return schema


# Values an editor offers for the main keys, beyond the words (`none`, `unknown`,
# enumerations) the schema already lists. Keyed by model and key, as the schema names
# them; every other key gets its markers as examples automatically.
MAIN_EXAMPLES: dict[tuple[str, str], list[Any]] = {
    ("Organisation", "name"): ['SIA "Piemērs"'],
    ("Organisation", "country"): ["LV"],
    ("Organisation", "registration_number"): ["40003000000"],
    ("Organisation", "employees"): [12, "unknown"],
    ("Organisation", "contact"): [{"email": "privatums@piemers.lv"}, "unknown"],
    ("Organisation", "privacy_contact"): [{"email": "privatums@piemers.lv"}, "unknown"],
    ("Organisation", "dpo"): [
        {"appointed": True, "name": "Jānis Bērziņš", "contact": {"email": "dpo@piemers.lv"}},
        {"appointed": False, "reason": "Art. 37(1) does not apply"},
        "unknown",
    ],
    ("Activity", "id"): ["customer-orders"],
    ("Activity", "name"): [{"lv": "Pasūtījumu apstrāde", "en": "Order processing"}],
    ("Activity", "data_subjects"): [["customers"]],
    ("Activity", "personal_data"): [["name", "address", "phone number"]],
    ("Activity", "recipients"): [["couriers"], "none", "unknown"],
    ("Activity", "transfers"): ["none", "unknown"],
    ("Activity", "retention"): [
        {"period": "P3Y", "from": "delivery", "reason": "Komerclikums 406. pants"},
        "unknown",
    ],
}


def _offer_what_people_write(schema: dict[str, Any]) -> None:
    """Make completion offer what a person writes, not `null`.

    pydantic writes `"default": null` for every optional key; the YAML language server
    inserts a key's default when completing it (`contact: null`). Leaving a key out and
    writing null mean the same to ropa, so the default says nothing: it goes. Keys that
    take the words `none` or `unknown` list them as `examples`, which the language
    server offers as values; the main keys also get a typical value (MAIN_EXAMPLES), a
    mapping or list as a `defaultSnippets` entry (the VS Code JSON schema keyword the
    YAML language server reads; other validators ignore it)."""
    definitions = schema.get("$defs", {})
    for model, definition in [("RegisterFile", schema), *definitions.items()]:
        for key, prop in definition.get("properties", {}).items():
            if prop.get("default", ...) is None:
                del prop["default"]
            given = [*MAIN_EXAMPLES.get((model, key), []), *prop.get("examples", [])]
            given += [word for word in _marker_words(prop, schema) if word not in given]
            scalars = [value for value in given if not isinstance(value, dict | list)]
            if scalars:
                prop["examples"] = scalars
            # A mapping or list is offered as a snippet with a readable label: as an
            # example the language server would label it `[object Object]`.
            snippets = [
                {"label": _flow(value), "body": value}
                for value in given
                if isinstance(value, dict | list)
            ]
            if snippets:
                prop["defaultSnippets"] = snippets


def _flow(value: Any) -> str:
    """A value as YAML flow text: `{email: privatums@piemers.lv}`, `[customers]`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _marker_words(prop: dict[str, Any], root: dict[str, Any]) -> list[str]:
    """The words `none` and `unknown`, where the key takes them."""
    words: dict[str, None] = {}
    for alternative in _resolve(prop, root):
        values = alternative.get("enum", []) + (
            [alternative["const"]] if "const" in alternative else []
        )
        words.update(dict.fromkeys(v for v in values if v in ("none", "unknown")))
    return list(words)


def _models() -> dict[str, type[BaseModel]]:
    """Every model class of the format, by name."""
    import ropa.model as package

    return {
        name: value
        for name in dir(package)
        if isinstance(value := getattr(package, name), type) and issubclass(value, BaseModel)
    } | _all_subclasses()


def _all_subclasses() -> dict[str, type[BaseModel]]:
    from ropa.model.types import StrictModel

    found: dict[str, type[BaseModel]] = {}
    pending: list[type[BaseModel]] = [StrictModel]
    while pending:
        model = pending.pop()
        for subclass in model.__subclasses__():
            found[subclass.__name__] = subclass
            pending.append(subclass)
    return found


def _describe_properties(definition: dict[str, Any], model: type[BaseModel]) -> None:
    """Field descriptions come from the docstring written under each field.

    pydantic can read them itself (`use_attribute_docstrings`), but at the cost of reading
    and parsing the source of every model whenever ropa starts; only the schema needs them.
    """
    docs = _attribute_docstrings(model)
    properties = definition.get("properties", {})
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in properties and name in docs and "description" not in properties[key]:
            properties[key]["description"] = docs[name]


def _attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if klass.__module__.startswith("ropa."):
            docs.update(_class_docstrings(klass.__module__, klass.__qualname__))
    return docs


@functools.cache
def _class_docstrings(module: str, qualname: str) -> dict[str, str]:
    source = inspect.getsource(importlib.import_module(module))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == qualname:
            return _docstrings_after_fields(node.body)
    return {}


def _docstrings_after_fields(body: list[ast.stmt]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _unwrap_descriptions(node: Any) -> None:
    """Docstrings wrap at 92 columns; editors wrap for themselves."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = " ".join(value.split())
            else:
                _unwrap_descriptions(value)
    elif isinstance(node, list):
        for item in node:
            _unwrap_descriptions(item)


def schema_text() -> str:
    """The schema as the committed file holds it: sorted keys, two-space indent, UTF-8."""
    return json.dumps(register_file_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# --------------------------------------------------------------------------- navigation


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every concrete alternative a (sub)schema allows, with references and unions opened."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        yield from _resolve(root["$defs"][name], root)
        return
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        for alternative in alternatives:
            yield from _resolve(alternative, root)
        return
    yield schema


def _matches(schema: dict[str, Any], value: Any) -> bool:
    kind = schema.get("type")
    if isinstance(value, dict):
        if kind != "object":
            return False
        for key, prop in schema.get("properties", {}).items():
            if "const" in prop and key in value and value[key] != prop["const"]:
                return False
        return True
    if isinstance(value, list):
        return kind == "array"
    return kind not in ("object", "array")


def schemas_at(path: DataPath, data: Any) -> list[dict[str, Any]]:
    """The schema alternatives that apply to the value at `path` of `data`."""
    root = register_file_schema()
    current = [root]
    value = data
    for element in path:
        following: list[dict[str, Any]] = []
        for schema in current:
            for alternative in _resolve(schema, root):
                if not _matches(alternative, value):
                    continue
                if isinstance(element, int) and "items" in alternative:
                    following.append(alternative["items"])
                elif isinstance(element, str):
                    prop = alternative.get("properties", {}).get(element)
                    if prop is not None:
                        following.append(prop)
        current = following
        value = _child(value, element)
    return [alternative for schema in current for alternative in _resolve(schema, root)]


def _child(value: Any, element: Any) -> Any:
    if isinstance(value, dict):
        return value.get(element)
    if isinstance(value, list) and isinstance(element, int) and 0 <= element < len(value):
        return value[element]
    return None


def allowed_keys(path: DataPath, data: Any) -> list[str]:
    """Keys a mapping at `path` may hold."""
    value = _child_at(data, path)
    keys: dict[str, None] = {}
    for alternative in schemas_at(path, data):
        if alternative.get("type") == "object" and _matches(alternative, value or {}):
            keys.update(dict.fromkeys(alternative.get("properties", {})))
    return list(keys)


def key_order(path: DataPath, data: Any) -> list[str]:
    """The canonical order of the keys of the mapping at `path`: the model's field order,
    except that a key telling which kind of mapping this is (a constant such as `basis:`
    or `appointed:`) comes first, and free notes (`note:`, `notes:`, inherited from a
    shared base model) come last."""
    value = _child_at(data, path)
    keys: dict[str, int] = {}
    for alternative in schemas_at(path, data):
        if alternative.get("type") == "object" and _matches(alternative, value or {}):
            for key, prop in alternative.get("properties", {}).items():
                rank = 0 if "const" in prop else 2 if key in _NOTE_KEYS else 1
                keys[key] = min(keys.get(key, rank), rank)
    return sorted(keys, key=keys.__getitem__)  # stable: field order within each rank


_NOTE_KEYS = frozenset({"note", "notes"})


def required_keys(path: DataPath, data: Any) -> list[str]:
    """Keys a mapping at `path` must hold."""
    keys: dict[str, None] = {}
    for alternative in schemas_at(path, data):
        if alternative.get("type") == "object":
            keys.update(dict.fromkeys(alternative.get("required", [])))
    return list(keys)


def allowed_words(path: DataPath, data: Any) -> list[str]:
    """Fixed text values (enumerations and constants) allowed at `path`."""
    words: dict[str, None] = {}
    for alternative in schemas_at(path, data):
        if "enum" in alternative:
            words.update(dict.fromkeys(str(word) for word in alternative["enum"]))
        if "const" in alternative:
            words[str(alternative["const"])] = None
    return list(words)


def description_at(path: DataPath, data: Any) -> str | None:
    """The description an editor would show for the value at `path`."""
    root = register_file_schema()
    parent_path, leaf = path[:-1], path[-1] if path else None
    if isinstance(leaf, str):
        for alternative in schemas_at(parent_path, data):
            prop = alternative.get("properties", {}).get(leaf)
            if prop is not None:
                description = prop.get("description")
                if description:
                    return str(description)
                for resolved in _resolve(prop, root):
                    if resolved.get("description"):
                        return str(resolved["description"])
    return None


def _child_at(data: Any, path: DataPath) -> Any:
    value = data
    for element in path:
        value = _child(value, element)
    return value
