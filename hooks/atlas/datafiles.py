"""Every data file read and checked on its own: against its schema and the rules for its kinds of text,
with every text field typed by its kind (atlas/text.py). Cross-references between files come after,
in atlas/crosscheck.py, once every file has passed.

Which files: one file per kind for the small kinds (data/<kind>.yaml, a mapping of id → record), and a
folder with one file per record for techniques and routines (the file name is the id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, Problem
from .load import Document, load_yaml
from .urls import RESERVED_NAMES
from .validate import SLUG, load_schema, schema_problems, text_problems, typed

MAPPING_FILES = {  # data/<file> → its schema
    "regions.yaml": "regions",
    "equipment.yaml": "equipment",
    "claims.yaml": "claims",
    "glossary.yaml": "glossary",
    "cautions.yaml": "cautions",
    "evidence-strength.yaml": "evidence-strength",
    "postures.yaml": "postures",
}
FOLDERS = {"techniques": "technique", "routines": "routine"}  # data/<folder>/<id>.yaml → its schema


@dataclass
class Sources:
    """The checked documents of every data file, by file (mapping files) and by id (folders)."""

    files: dict[str, Document] = field(default_factory=dict)  # 'regions' → data/regions.yaml
    folders: dict[str, dict[str, Document]] = field(default_factory=dict)  # 'techniques' → {id: Document}

    def __getitem__(self, kind: str) -> Document:
        return self.files[kind]


def read_all(root: Path) -> Sources:
    """Every data file under ``root``/data, each checked on its own; a DataError lists every problem."""
    data = Path(root) / "data"
    problems: list[Problem] = []
    sources = Sources()
    for name, kind in MAPPING_FILES.items():
        path = data / name
        if not path.is_file():
            problems.append(Problem(f"data/{name}", None, None, "file is missing"))
            continue
        doc = read(path, kind, root, problems)
        if doc is not None:
            sources.files[name.removesuffix(".yaml")] = doc
    for folder, kind in FOLDERS.items():
        sources.folders[folder] = _folder(data / folder, kind, root, problems)
    if problems:  # cross-references are meaningless until every file parses and fits its schema
        raise DataError(problems)
    return sources


def read(path: Path, kind: str, root: Path, problems: list) -> Document | None:
    """One data file, checked and typed — or None, with its problems added to ``problems``."""
    try:
        doc = load_yaml(path, root)
    except DataError as e:
        problems.extend(e.problems)
        return None
    schema = load_schema(kind)
    found = schema_problems(doc, schema) + text_problems(doc, schema)
    problems.extend(found)
    if found:
        return None
    doc.data = typed(doc.data, schema)
    return doc


def _folder(folder: Path, kind: str, root: Path, problems: list) -> dict[str, Document]:
    docs = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith("."):  # editors' and systems' own files
            continue
        problem = _file_name_problem(path, folder.name)
        if problem:
            problems.append(Problem(path.relative_to(root).as_posix(), None, None, *problem))
            continue
        doc = read(path, kind, root, problems)
        if doc is not None:
            docs[path.stem] = doc
    return docs


def _file_name_problem(path: Path, folder: str) -> tuple[str, str] | None:
    """Why this file cannot be a record of ``folder`` (as message and hint), or None."""
    if path.suffix.lower() in {".yaml", ".yml"} and path.suffix != ".yaml":
        return f"data files end in .yaml, not {path.suffix}", f"rename it to {path.stem}.yaml"
    if path.suffix != ".yaml":
        return "only .yaml data files belong here", f"move it out of data/{folder}/"
    if not SLUG.fullmatch(path.stem):  # fullmatch: `$` alone lets a final newline through
        return (
            f"'{path.stem}' is not a valid id for a file name",
            "use lower-case letters, digits and hyphens, e.g. calves-foam-roller.yaml",
        )
    if path.stem in RESERVED_NAMES.get(folder, ()):
        return f"{folder}/{path.stem}/ is a page the site makes itself", "give this file another name"
    return None
