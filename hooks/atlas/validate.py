"""Checking documents against the JSON Schemas in data/schema/, in words people understand.

The schemas are the single definition of each data kind: editors use them for completion
(``# yaml-language-server: $schema=…``) and the build uses them here. jsonschema's own
messages are written for programmers, so each is turned into ``field: what is wrong``
plus a hint.
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import jsonschema

from .errors import Problem, field_path
from .load import Document

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields",
    "null": "nothing",
}
# Raw HTML in data could inject scripts into every page that shows it; Markdown is enough.
_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_SCRIPT_URL = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.I)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# SVG path data (region shapes, equipment icons) goes into the page as an attribute: commands and numbers only.
SVG_PATH = re.compile(r"^[Mm][MmLlHhVvCcSsQqTtAaZz0-9.,\s-]*$")
PLACEHOLDER = "TODO"  # what `make new-technique` writes into every field


@cache
def load_schema(name: str) -> dict:
    """The schema ``data/schema/<name>.schema.json`` (read once per process; it is code, not content)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def schema_problems(doc: Document, schema: dict) -> list[Problem]:
    """Every schema violation in ``doc``, as readable problems in file order.

    A ``TODO`` left by ``make new-technique`` is reported as a placeholder to fill in, with the
    field's description, instead of as whatever type or pattern error it also causes."""
    validator = _validator(json.dumps(schema, sort_keys=True))
    placeholders = _placeholders(doc.data, ())
    problems = [
        Problem(
            doc.file, doc.line_of(path), field_path(path), "still says TODO — fill it in", _description_at(schema, path)
        )
        for path in placeholders
    ]
    for error in validator.iter_errors(doc.data):
        if tuple(error.absolute_path) in placeholders:
            continue
        problems.extend(_explain(doc, error))
    return sorted(problems, key=lambda p: (p.line or 0, p.field or ""))


@lru_cache(maxsize=16)
def _validator(schema_json: str) -> jsonschema.Draft202012Validator:
    """One validator per schema, not one per file (keyed by the schema's text, so edits still count)."""
    return jsonschema.Draft202012Validator(json.loads(schema_json))


def _placeholders(value, path: tuple) -> set[tuple]:
    if isinstance(value, str):
        return {path} if value.strip().upper().startswith(PLACEHOLDER) else set()
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return set().union(*(_placeholders(v, path + (k,)) for k, v in items))


def _description_at(schema: dict, path: tuple) -> str | None:
    node = schema
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part) or (node.get("additionalProperties") or {})
            if not isinstance(node, dict):
                return None
    description = node.get("description") or schema.get("properties", {}).get(str(path[0]), {}).get("description")
    return description.rstrip(".") if description else None


def _explain(doc: Document, error: jsonschema.ValidationError) -> list[Problem]:
    """One jsonschema error as problems people understand (one per missing or unknown field)."""
    path = tuple(error.absolute_path)
    explain = _EXPLAIN.get(error.validator)
    if explain is None:  # a rule added to a schema later still gets reported
        return [Problem(doc.file, doc.line_of(path), field_path(path) or None, error.message)]
    return [
        Problem(doc.file, doc.line_of(at), field_path(at) or None, message, hint)
        for at, message, hint in explain(error, path)
    ]


# Each explainer takes the error and its path and yields (path, message, hint) for each problem.
def _type(error, path):
    expected = error.validator_value
    want = " or ".join(_TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    yield path, f"expected {want}, got {_show(error.instance)}", None


def _required(error, path):
    for name in error.validator_value:
        if name not in error.instance:
            yield path, f"missing required field '{name}'", _describe(error.schema, name)


def _additional(error, path):
    if isinstance(error.validator_value, dict):
        return
    known = list(error.schema.get("properties", {}))
    for name in error.instance:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(known)}"
            yield path + (name,), f"unknown field {_show(name)}", hint


def _property_names(error, path):
    yield (
        path,
        f"{_show(error.instance)} is not a valid id",
        "use lower-case letters, digits and hyphens, e.g. 'upper-back'",
    )


def _unique(error, path):
    value = error.instance
    yield path, f"lists {', '.join(sorted({_show(v) for v in value if value.count(v) > 1}))} more than once", None


def _pattern(error, path):
    expected, value = error.validator_value, error.instance
    if r"\d{4}" in expected:
        yield path, f"expected a date like 2026-11-25, got {_show(value)}", None
    elif expected == SLUG.pattern:
        yield (
            path,
            f"{_show(value)} is not a valid id",
            "use lower-case letters, digits and hyphens, e.g. 'calves-foam-roller'",
        )
    elif expected == SVG_PATH.pattern:
        hint = "start with M and use only path commands (M L H V C S Q T A Z), numbers, spaces, commas and minus signs"
        yield path, f"{_show(value)} is not SVG path data", hint
    else:
        yield path, f"{_show(value)} is not a valid citation key", "copy the key from references.bib"


def _simple(message: str, hint: str | None = None):
    """An explainer that only fills in the schema's limit ({0}) and the value ({1})."""

    def explain(error, path):
        limit = error.validator_value
        yield path, message.format(limit, _show(error.instance), "s" if limit != 1 else ""), hint

    return explain


_EXPLAIN = {
    "type": _type,
    "required": _required,
    "additionalProperties": _additional,
    "propertyNames": _property_names,
    "uniqueItems": _unique,
    "pattern": _pattern,
    "minimum": _simple("must be at least {0}, got {1}"),
    "maximum": _simple("must be at most {0}, got {1}"),
    "minLength": _simple("must not be empty"),
    "minItems": _simple("needs at least {0} item{2}"),
    "minProperties": _simple("must not be empty"),
    "enum": lambda error, path: iter(
        [
            (
                path,
                f"expected one of {', '.join(repr(v) for v in error.validator_value)}, got {_show(error.instance)}",
                None,
            )
        ]
    ),
    "maxLength": lambda error, path: iter(
        [(path, f"is too long ({len(error.instance)} characters; at most {error.validator_value})", "shorten it")]
    ),
}


def text_problems(doc: Document) -> list[Problem]:
    """Refuse raw HTML and script links in any text field, and check dates are real dates."""
    problems = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str):
            if _HTML.search(value) or _SCRIPT_URL.search(value):
                problems.append(
                    Problem(
                        doc.file,
                        doc.line_of(path),
                        field_path(path),
                        "raw HTML or script links are not allowed in data",
                        "write plain text or Markdown (e.g. **bold**, [link](https://…))",
                    )
                )
            if path and path[-1] == "reviewed" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                try:
                    date.fromisoformat(value)
                except ValueError:
                    problems.append(
                        Problem(doc.file, doc.line_of(path), field_path(path), f"{value!r} is not a real date")
                    )

    walk(doc.data, ())
    return problems


def _describe(schema: dict, name: str) -> str | None:
    description = schema.get("properties", {}).get(name, {}).get("description")
    return description.rstrip(".") if description else None


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a group of fields"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"
