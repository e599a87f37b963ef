"""The data in another language: a file per English data file under data/i18n/<lang>/, holding only the
words, and checked field by field against the English it was translated from.

- Structure: a translation has exactly the English record's text fields (those whose schema names a kind
  of text, atlas/text.py), the same lists with the same number of items — except a field the schema
  lists under ``x-atlas-any-length`` (a glossary term's other spellings) — and follows the same rules for
  each kind of text. Ids, numbers, doses, figures, citations and links are never translated: they come
  from the English, the one source.
- Fingerprints: each record says which English it was translated from, field by field
  (``translated_from: {title: 3f2a…, steps: 91c0…}``, written by `make translations-stamp`). When the
  English of a field changes, its fingerprint no longer matches: the page shows a notice that the English
  was updated and the build log names the file and field — and for the fields the schema lists under
  ``x-atlas-safety`` (spots to stay off, when to stop, cautions) the build stops.
- A missing translation leaves the English words in place, with a notice on the page; the tests require
  every record to be translated before a change lands.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import FOLDERS, MAPPING_FILES, Sources
from .errors import DataError, Problem
from .load import Document, load_yaml
from .schemas import KIND, child, load_schema, resolve, strings
from .text import TYPES, text_rule_breaks

STAMP = "translated_from"
# Another language may run longer than the English limit (Spanish is about a fifth longer), not more.
LENGTH_ALLOWANCE = 1.3
HINT = "translate it again from the English, then run `make translations-stamp FILES=<this file>`"


@dataclass(frozen=True)
class Stale:
    """A translated field whose English has changed since it was translated."""

    file: str  # the translation, e.g. data/i18n/es/techniques/calves-foam-roller.yaml
    line: int
    field: str  # e.g. steps, or calves.summary in a file of many records
    english: str  # the English data file


@dataclass
class Status:
    """How up to date one language's data is: which English files have no translation, which fields are stale."""

    language: str
    missing: list[str] = field(default_factory=list)  # English data files with no translation
    stale: list[Stale] = field(default_factory=list)

    def for_file(self, english_file: str) -> tuple[bool, list[Stale]]:
        """(untranslated?, its stale fields) for one English data file."""
        return english_file in self.missing, [s for s in self.stale if s.english == english_file]

    def report(self) -> list[str]:
        """What the build log says: each translated field that lags its English, each untranslated file."""
        lagging = [
            f"{s.file}:{s.line}: {s.field}: the English ({s.english}) changed since this was translated; "
            "its page says so"
            for s in self.stale
        ]
        untranslated = f"no {self.language} translation yet; its page shows the English"
        return lagging + [f"{english}: {untranslated}" for english in self.missing]


def translation_path(root: Path, language: str, english: Document) -> Path:
    """data/techniques/x.yaml → data/i18n/<language>/techniques/x.yaml."""
    relative = Path(english.file).relative_to("data")
    return Path(root) / "data" / "i18n" / language / relative


def translate(sources: Sources, root: Path, language: str) -> tuple[Sources, Status]:
    """``sources`` with the words of ``language`` in place of the English, and how up to date they are.
    A DataError lists every broken translation (and every stale safety field)."""
    status, problems, out = Status(language), [], Sources()
    for name, doc in sources.files.items():
        out.files[name] = _translated(doc, MAPPING_FILES[f"{name}.yaml"], root, status, problems)
    for folder, docs in sources.folders.items():
        out.folders[folder] = {i: _translated(d, FOLDERS[folder], root, status, problems) for i, d in docs.items()}
    problems += _orphans(sources, root, language)
    if problems:
        raise DataError(problems)
    return out, status


def _translated(english: Document, kind: str, root: Path, status: Status, problems: list) -> Document:
    path = translation_path(root, status.language, english)
    if not path.is_file():
        status.missing.append(english.file)
        return english
    try:
        doc = load_yaml(path, root)
    except DataError as e:
        problems.extend(e.problems)
        return english
    schema = load_schema(kind)
    texts = {p: (v, node) for p, v, node in strings(english.data, schema) if node.get(KIND)}
    found = _shape(english.data, doc.data, texts, schema, doc, ())
    found += _stamps(english, doc, texts, schema, status)
    problems.extend(found)
    if found:
        return english
    return Document(english.file, _overlay(english.data, doc.data, texts, schema), english.lines)


def _shape(en, tr, texts: dict, schema: dict, doc: Document, path: tuple) -> list[Problem]:
    """Where the translation ``tr`` does not match the text fields of the English ``en``."""
    if isinstance(tr, dict):
        return _shape_mapping(en, tr, texts, schema, doc, path)
    if isinstance(tr, list):
        if not isinstance(en, list):
            return [_problem(doc, path, "should be one piece of text, as in the English")]
        if len(tr) != len(en):
            hint = "translate item for item"
            return [_problem(doc, path, f"has {len(tr)} items; the English has {len(en)}", hint)]
        pairs = enumerate(zip(en, tr, strict=True))
        return [p for i, (a, b) in pairs for p in _shape(a, b, texts, schema, doc, path + (i,))]
    if path not in texts:
        return [_problem(doc, path, "is not a text field of the English", "remove it")]
    return _text(tr, texts[path][1], doc, path)


def _shape_mapping(en, tr: dict, texts: dict, schema: dict, doc: Document, path: tuple) -> list[Problem]:
    problems = []
    for key, value in tr.items():
        here = path + (key,)
        if key == STAMP and _is_record(path, schema):
            continue
        if key == "id" and isinstance(en, dict) and "id" in en:  # an item of a list of records, named to match
            if value != en["id"]:
                problems.append(_problem(doc, here, f"is {value!r}; the English item here is {en['id']!r}"))
            continue
        if key in schema.get("x-atlas-any-length", []) and isinstance(en, dict):
            problems += _free(value, _node_at(schema, here), doc, here)
        elif not isinstance(en, dict) or key not in en or not _has_text(texts, here):
            problems.append(_problem(doc, here, "is not a text field of the English", "remove it"))
        else:
            problems += _shape(en[key], value, texts, schema, doc, here)
    missing = [k for k in (en if isinstance(en, dict) else {}) if _has_text(texts, path + (k,)) and k not in tr]
    return problems + [_problem(doc, path, f"the translation of {_field(path + (k,))} is missing") for k in missing]


def _problem(doc: Document, path: tuple, message: str, hint: str | None = None) -> Problem:
    return Problem(doc.file, doc.line_of(path), _field(path) or None, message, hint)


def _free(value, node: dict, doc: Document, path: tuple) -> list[Problem]:
    """A list that may have any length in a translation (its own spellings, say): each item is text."""
    if not isinstance(value, list):
        return [Problem(doc.file, doc.line_of(path), _field(path), "should be a list")]
    return [p for i, item in enumerate(value) for p in _text(item, node, doc, path + (i,))]


def _node_at(schema: dict, path: tuple) -> dict:
    """The resolved schema of the items of the list at ``path``."""
    node = schema
    for key in (*path, 0):
        node = child(node, key, schema) or {}
    return resolve(node, schema)


def _text(value, node: dict, doc: Document, path: tuple) -> list[Problem]:
    if not isinstance(value, str) or not value.strip():
        return [Problem(doc.file, doc.line_of(path), _field(path), "should be text")]
    limit = int(node["maxLength"] * LENGTH_ALLOWANCE) if "maxLength" in node else None
    if limit and len(value) > limit:
        message = f"is too long ({len(value)} characters; at most {limit}, the English limit and a little more)"
        return [Problem(doc.file, doc.line_of(path), _field(path), message, "shorten it")]
    return [
        Problem(doc.file, doc.line_of(path), _field(path), message, hint)
        for message, hint in text_rule_breaks(value, node.get(KIND))
    ]


def _has_text(texts: dict, prefix: tuple) -> bool:
    return any(p[: len(prefix)] == prefix for p in texts)


def _records(data: dict, schema: dict) -> list[tuple]:
    """Where each record of a file starts: () for a file of one record, (id,) in a file of many, and
    ('everyone', i) / ('library', id) in the cautions."""
    if "x-atlas-records" in schema:
        return [(group, key) for group in schema["x-atlas-records"] for key in _keys(data.get(group))]
    return [()] if schema.get("type") == "object" and "properties" in schema else [(k,) for k in data]


def _keys(value) -> list:
    return list(range(len(value))) if isinstance(value, list) else list(value or {})


def _is_record(path: tuple, schema: dict) -> bool:
    if "x-atlas-records" in schema:
        return len(path) == 2 and path[0] in schema["x-atlas-records"]
    return len(path) == (0 if "properties" in schema else 1)


def fingerprint(value) -> str:
    """A short hash of some English text (a field's words, in order)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def english_fields(english: Document, texts: dict, record: tuple) -> dict[str, str]:
    """The fingerprint of each text field of one English record."""
    fields = {}
    for path, (value, _) in texts.items():
        if path[: len(record)] == record and len(path) > len(record):
            fields.setdefault(path[len(record)], []).append([list(path[len(record) + 1 :]), str(value)])
    return {name: fingerprint(parts) for name, parts in fields.items()}


def _stamps(english: Document, doc: Document, texts: dict, schema: dict, status: Status) -> list[Problem]:
    problems = []
    safety = set(schema.get("x-atlas-safety", []))
    for record in _records(english.data, schema):
        node = _at(doc.data, record)
        if not isinstance(node, dict):
            continue
        stamps = node.get(STAMP) if isinstance(node.get(STAMP), dict) else {}
        for name, now in english_fields(english, texts, record).items():
            if name not in node or str(stamps.get(name)) == now:
                continue
            path = record + (name,)
            if name in safety:
                message = f"the English ({english.file}) changed since this was translated; it is safety text"
                problems.append(Problem(doc.file, doc.line_of(path), _field(path), message, HINT))
            else:
                status.stale.append(Stale(doc.file, doc.line_of(path), _field(path), english.file))
    return problems


def _at(data, path: tuple):
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _overlay(english: dict, translation: dict, texts: dict, schema: dict) -> dict:
    """The English data with each translated text in place (typed by its kind, as the loader types it)."""
    out = copy.deepcopy(english)
    free = set(schema.get("x-atlas-any-length", []))

    def put(tr, path: tuple) -> None:
        if isinstance(tr, dict):
            for key, value in tr.items():
                if key not in (STAMP, "id"):  # an item's id only names it (checked to match the English)
                    put(value, path + (key,))
        elif isinstance(tr, list) and path[-1] in free:
            kind = _node_at(schema, path)[KIND]
            _set(out, path, [TYPES[kind](v) for v in tr])
        elif isinstance(tr, list):
            for i, value in enumerate(tr):
                put(value, path + (i,))
        else:
            _set(out, path, TYPES[texts[path][1][KIND]](tr))

    put(translation, ())
    return out


def _set(data, path: tuple, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _field(path: tuple) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _orphans(sources: Sources, root: Path, language: str) -> list[Problem]:
    """Translation files with no English file to translate."""
    folder = Path(root) / "data" / "i18n" / language
    known = {Path(d.file).relative_to("data").as_posix() for d in sources.files.values()}
    known |= {Path(d.file).relative_to("data").as_posix() for docs in sources.folders.values() for d in docs.values()}
    return [
        Problem(p.relative_to(root).as_posix(), None, None, "there is no English data file for this translation")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() not in known
    ]
