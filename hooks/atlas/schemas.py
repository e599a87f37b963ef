"""The JSON Schemas in data/schema/: loading them, following their shared definitions, and finding the
kind of every text field in a document.

Every schema refers to common.schema.json for the kinds of value all data shares (ids, citation keys,
dates, SVG path data, and the three kinds of text — see atlas/text.py). One validator per schema is
made with a registry of all of them, and with one change to JSON Schema's types: a number with a
fraction (45.0) is not a whole number here, because a dose or a limit written 45.0 is a slip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"
COMMON = "common.schema.json"
KIND = "x-atlas-text"  # the kind of a text field: plain, inline or block (atlas/text.py)


@cache
def load_schema(name: str) -> dict:
    """The schema ``data/schema/<name>.schema.json`` (read once per process; it is code, not content)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    # Keyed by file name, as the schemas refer to each other ("common.schema.json#/$defs/slug"); they
    # have no $id, so editors and check-jsonschema resolve the same names next to the schema file.
    return Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")), default_specification=DRAFT202012))
        for p in sorted(SCHEMA_DIR.glob("*.schema.json"))
    )


def _whole_number(checker, instance) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def _end_anchored(pattern: str) -> re.Pattern:
    """A schema's pattern as JSON Schema means it. Patterns are ECMA-262 regular expressions, where a final
    `$` is the end of the text; in Python's `re` it also matches before a last newline, so 'calf-roll\n'
    would pass as an id (and become a file name). Every pattern here ends with `$`: it is read as `\\Z`."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator, pattern: str, instance, schema) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "string") and not _end_anchored(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
)


_validators: dict[int, jsonschema.protocols.Validator] = {}


def validator(schema: dict) -> jsonschema.protocols.Validator:
    """One validator per schema, not one per file (load_schema hands out the same dict every time)."""
    if id(schema) not in _validators:
        _validators[id(schema)] = _Validator(schema, registry=_registry())
    return _validators[id(schema)]


def resolve(node: dict, root: dict | None = None) -> dict:
    """A schema node with what it refers to merged in: a shared definition ($ref into common.schema.json),
    a definition of its own schema (#/$defs/…, in ``root``) and the parts of an allOf."""
    merged: dict = {}
    parts = [*node.get("allOf", [])]
    ref = node.get("$ref", "")
    if ref.startswith(COMMON + "#/$defs/"):
        parts.insert(0, load_schema("common")["$defs"][ref.rsplit("/", 1)[1]])
    elif ref.startswith("#/$defs/") and root is not None:
        parts.insert(0, root["$defs"][ref.rsplit("/", 1)[1]])
    for part in [*parts, {k: v for k, v in node.items() if k not in ("$ref", "allOf")}]:
        part = resolve(part, root) if ("$ref" in part or "allOf" in part) else part
        properties = {**merged.get("properties", {}), **part.get("properties", {})}
        merged |= part
        if properties:
            merged["properties"] = properties
    return merged


def child(node: dict, key, root: dict | None = None) -> dict | None:
    """The schema of ``value[key]`` inside a value whose schema is ``node`` (None: not described)."""
    node = resolve(node, root)
    if isinstance(key, int):
        items = node.get("items")
        return items if isinstance(items, dict) else None
    described = node.get("properties", {}).get(key)
    if described is not None:
        return described
    for pattern, schema in node.get("patternProperties", {}).items():
        if re.search(pattern, str(key)):
            return schema
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def strings(value, node: dict | None, path: tuple = (), root: dict | None = None) -> Iterator[tuple[tuple, str, dict]]:
    """Every string in ``value`` with its path and its (resolved) schema node; {} where undescribed.
    ``node`` is the schema of ``value``; ``root`` the whole schema (for its own definitions)."""
    root = root if root is not None else node
    if isinstance(value, str):
        yield path, value, resolve(node, root) if node else {}
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, child(node, key, root) if node else None, path + (key,), root)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, child(node, i, root) if node else None, path + (i,), root)
