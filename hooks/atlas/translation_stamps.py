"""`make translations` and `make translations-stamp`: what is out of date in each translation, and the
translator's "this now matches the English" — the fingerprints of the English each record (or page) was
translated from, written into the translation (atlas/translations.py, atlas/docs_pages.py).

    python -m atlas.translation_stamps status            # every language: missing and stale, file:line: field
    python -m atlas.translation_stamps stamp FILE…       # record that FILE… now translate today's English

Stamping rewrites only the ``translated_from:`` lines (one per record, as a flow mapping), so a
translator's comments and layout stay as they are.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .datafiles import FOLDERS, MAPPING_FILES, read_all
from .docs_pages import english_fingerprint, split_front_matter
from .errors import DataError
from .i18n import DEFAULT, LANGUAGES
from .load import load_yaml
from .schemas import KIND, load_schema, strings
from .translations import STAMP, english_fields, translate

ROOT = Path(__file__).resolve().parents[2]
_STAMP_LINE = re.compile(rf"^\s*-?\s*{STAMP}:.*\n?", re.M)


def stamp_data(path: Path, root: Path = ROOT) -> str:
    """The translation file at ``path`` with fresh fingerprints of its English, as text."""
    relative = path.resolve().relative_to(root / "data" / "i18n")
    english_rel = Path("data", *relative.parts[1:])
    folder = english_rel.parent.name
    kind = FOLDERS[folder] if folder in FOLDERS else MAPPING_FILES[english_rel.name]
    english, translation = load_yaml(root / english_rel, root), load_yaml(path, root)
    schema = load_schema(kind)
    texts = {p: (v, node) for p, v, node in strings(english.data, schema) if node.get(KIND)}
    text = _STAMP_LINE.sub("", path.read_text(encoding="utf-8"))
    lines = text.splitlines(keepends=True)
    if folder in FOLDERS:
        stamps = _present(english_fields(english, texts, ()), translation.data)
        return text.rstrip("\n") + f"\n{STAMP}: {_flow(stamps)}\n"
    inserts = []
    for record in _record_paths(english.data, kind):
        node = translation.data
        for key in record:
            node = node[key] if isinstance(node, (dict, list)) else None
        if isinstance(node, dict):
            stamps = _present(english_fields(english, texts, record), node)
            inserts.append((_record_line(lines, record), f"{STAMP}: {_flow(stamps)}"))
    for index, stamp in sorted(inserts, reverse=True):
        line = lines[index]  # "calves:", "  cancer:" or "  - id: dvt": the stamp goes one level in
        indent = (
            len(line) - len(line.lstrip(" -")) if line.lstrip().startswith("- ") else len(line) - len(line.lstrip()) + 2
        )
        lines.insert(index + 1, " " * indent + stamp + "\n")
    return "".join(lines)


def _record_paths(data: dict, kind: str) -> list[tuple]:
    if kind == "cautions":
        return [("everyone", i) for i in range(len(data["everyone"]))] + [("library", k) for k in data["library"]]
    return [(k,) for k in data]


def _record_line(lines: list[str], record: tuple) -> int:
    """The line that opens a record: its 'id:' key, or '- id: <id>' in a list of records."""
    if record[0] == "everyone":
        ids = [i for i, line in enumerate(lines) if re.match(r"^\s*- id:", line)]
        return ids[record[1]]
    key, indent = record[-1], "  " if len(record) == 2 else ""
    return next(i for i, line in enumerate(lines) if re.match(rf"^{indent}{re.escape(str(key))}:\s*$", line))


def _present(stamps: dict, translated: dict) -> dict:
    return {name: value for name, value in stamps.items() if name in translated}


def _flow(stamps: dict) -> str:
    return "{" + ", ".join(f'{k}: "{v}"' for k, v in stamps.items()) + "}"  # quoted: 0123… is not a number


def stamp_page(path: Path, root: Path = ROOT) -> str:
    """A translated page (docs/x.es.md) with the fingerprint of its English page in its front matter."""
    english = path.with_name(re.sub(r"\.[a-z]{2}\.md$", ".md", path.name))
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    front = _STAMP_LINE.sub("", front).rstrip("\n") + f'\n{STAMP}: "{english_fingerprint(english)}"\n'
    return f"---\n{front}---\n{body}"


def stamp(paths: list[Path], root: Path = ROOT) -> None:
    for path in paths:
        path = Path(path).resolve()
        text = stamp_page(path, root) if path.suffix == ".md" else stamp_data(path, root)
        path.write_text(text, encoding="utf-8")
        print(f"stamped {path.relative_to(root)}")


def status(root: Path = ROOT) -> int:
    """Print what is missing or stale in every translation; 1 when anything is."""
    sources, found = read_all(root), 0
    for language in LANGUAGES:
        if language == DEFAULT:
            continue
        try:
            _, state = translate(sources, root, language)
        except DataError as e:
            print(e)
            return 1
        for file in state.missing:
            print(f"{file}: no {language} translation")
        for s in state.stale:
            print(f"{s.file}:{s.line}: {s.field}: the English ({s.english}) changed since this was translated")
        found += len(state.missing) + len(state.stale)
    return 1 if found else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["stamp"] and argv[1:]:
        stamp([Path(p) for p in argv[1:]])
        return 0
    if argv[:1] == ["status"]:
        return status()
    print(__doc__.split("\n\n")[1])
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
