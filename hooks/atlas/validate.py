"""Checking documents against the JSON Schemas in data/schema/, in words people understand.

The schemas are the single definition of each data kind: editors use them for completion
(``# yaml-language-server: $schema=…``) and the build uses them here. jsonschema's own
messages are written for programmers, so each is turned into ``field: what is wrong``
plus a hint.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import jsonschema
from svg.path import parse_path

from .errors import Problem, field_path
from .load import Document
from .schemas import KIND, load_schema, strings, validator
from .text import TYPES, text_rule_breaks

__all__ = ["load_schema", "schema_problems", "text_problems", "typed"]

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields",
    "null": "nothing",
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# SVG path data (region shapes, equipment icons) goes into the page as an attribute: commands and numbers only.
SVG_PATH = re.compile(r"^[Mm][MmLlHhVvCcSsQqTtAaZz0-9.,\s-]*$")
PLACEHOLDER = "TODO"  # what `make new-technique` writes into every field


def schema_problems(doc: Document, schema: dict) -> list[Problem]:
    """Every schema violation in ``doc``, as readable problems in file order.

    A ``TODO`` left by ``make new-technique`` is reported as a placeholder to fill in, with the
    field's description, instead of as whatever type or pattern error it also causes."""
    placeholders = _placeholders(doc.data, ())
    problems = [
        Problem(
            doc.file, doc.line_of(path), field_path(path), "still says TODO — fill it in", _description_at(schema, path)
        )
        for path in placeholders
    ]
    for error in validator(schema).iter_errors(doc.data):
        if tuple(error.absolute_path) in placeholders:
            continue
        problems.extend(_explain(doc, error))
    return sorted(problems, key=lambda p: (p.line or 0, p.field or ""))


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


def text_problems(doc: Document, schema: dict) -> list[Problem]:
    """Every string against the rules for its kind of text (atlas/text.py), and every date a real date."""
    problems = []
    for path, value, node in strings(doc.data, schema):
        for message, hint in text_rule_breaks(value, node.get(KIND)):
            problems.append(Problem(doc.file, doc.line_of(path), field_path(path) or None, message, hint))
        if node.get("pattern") == SVG_PATH.pattern and SVG_PATH.fullmatch(value) and (error := _svg_path_error(value)):
            hint = "redraw it, or copy the path's d attribute from a vector editor again"
            problems.append(
                Problem(doc.file, doc.line_of(path), field_path(path), f"is not valid SVG path data: {error}", hint)
            )
        if node.get("pattern") == _DATE and re.fullmatch(_DATE, value):
            try:
                date.fromisoformat(value)
            except ValueError:
                problems.append(Problem(doc.file, doc.line_of(path), field_path(path), f"{value!r} is not a real date"))
    return problems


_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _svg_path_error(d: str) -> str | None:
    """Why ``d`` is not SVG path data (the schema only checks its characters; svg.path checks its grammar:
    'M1 2L3' has a command without its numbers), or None."""
    try:
        parse_path(d)
    except Exception as e:  # any failure to parse is the author's to fix, never a traceback
        return str(e) or type(e).__name__
    return None


def typed(value, schema: dict):
    """A copy of ``value`` in which every text field is a string of its kind (atlas.text.PlainText…)."""
    found = {path: TYPES[node[KIND]](text) for path, text, node in strings(value, schema) if node.get(KIND)}
    return _replace(value, (), found)


def _replace(value, path: tuple, found: dict):
    if isinstance(value, dict):
        return {k: _replace(v, path + (k,), found) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, path + (i,), found) for i, v in enumerate(value)]
    return found.get(path, value)


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
