"""All data files → one cross-checked Atlas, or a DataError listing every problem found.

Problems are collected across all files before stopping, so an author fixing a batch of
files sees all of them at once. To add content, add YAML under data/ (see CONTRIBUTING.md);
nothing here needs to change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .bibliography import load_references, unknown_key_problem
from .errors import DataError, Problem, field_path
from .load import Document, load_yaml
from .model import Atlas, Claim, Dose, Equipment, Region, Routine, RoutineStep, Technique, Term
from .urls import RESERVED_NAMES
from .validate import SLUG, load_schema, schema_problems, text_problems, typed

_TECHNIQUE_HINT = "use the file name of a technique in data/techniques/, without .yaml"


class _Checks:
    """Cross-reference checks: each adds a problem naming the file, the line and the field."""

    def __init__(self, references: dict):
        self.references = references
        self.problems: list[Problem] = []

    def known(self, doc: Document, path: tuple, value: str, known, what: str, hint: str) -> bool:
        """Is ``value`` one of ``known``? If not, say so (with the closest id as a hint)."""
        if value in known:
            return True
        close = difflib.get_close_matches(value, list(known), n=1)
        hint = f"did you mean '{close[0]}'?" if close else hint
        self.problems.append(Problem(doc.file, doc.line_of(path), field_path(path), f"unknown {what} '{value}'", hint))
        return False

    def citations(self, doc: Document, keys, path: tuple) -> None:
        for i, key in enumerate(keys):
            if key not in self.references:
                at = path + (i,)
                self.problems.append(
                    unknown_key_problem(doc.file, doc.line_of(at), field_path(at), key, self.references)
                )

    def add(self, doc: Document, path: tuple, message: str, hint: str | None = None) -> None:
        self.problems.append(
            Problem(doc.file, doc.line_of(path) if path else None, field_path(path) or None, message, hint)
        )


def load_atlas(root: Path) -> Atlas:
    root = Path(root)
    data = root / "data"
    problems: list[Problem] = []
    references = load_references(root / "references.bib", root)  # a broken .bib stops here
    regions, regions_doc = _mapping_file(data / "regions.yaml", "regions", root, problems, _region)
    equipment, equipment_doc = _mapping_file(data / "equipment.yaml", "equipment", root, problems, _equipment)
    claims, claims_doc = _mapping_file(data / "claims.yaml", "claims", root, problems, _claim)
    glossary, glossary_doc = _mapping_file(data / "glossary.yaml", "glossary", root, problems, _term)
    technique_docs = _folder(data / "techniques", "technique", root, problems)
    routine_docs = _folder(data / "routines", "routine", root, problems)
    if problems:  # cross-references are meaningless until every file parses and fits its schema
        raise DataError(problems)

    checks = _Checks(references)
    techniques = {doc_id: _technique(doc_id, doc) for doc_id, doc in technique_docs.items()}
    if not techniques:
        checks.problems.append(
            Problem("data/techniques", None, None, "no techniques found", "add one with 'make new-technique ID=…'")
        )
    for t in techniques.values():
        _check_technique(checks, t, technique_docs[t.id], techniques, regions, equipment)
    _check_aliases(checks, techniques, technique_docs)
    routines = _routines(checks, routine_docs, techniques)
    for records, doc in (
        (regions, regions_doc),
        (equipment, equipment_doc),
        (claims, claims_doc),
        (glossary, glossary_doc),
    ):
        for record in records.values():
            checks.citations(doc, record.evidence, (record.id, "evidence"))
    _check_region_shapes(checks, regions, regions_doc)
    for records, doc, folder in ((regions, regions_doc, "regions"), (equipment, equipment_doc, "equipment")):
        for key in set(records) & RESERVED_NAMES[folder]:
            checks.add(doc, (key,), f"{folder}/{key}/ is a page the site makes itself", "choose another id")
    if checks.problems:
        raise DataError(checks.problems)
    return Atlas(techniques, regions, equipment, routines, claims, glossary, references)


def _check_technique(checks: _Checks, t: Technique, doc: Document, techniques, regions, equipment) -> None:
    for i, r in enumerate(t.regions):
        checks.known(doc, ("regions", i), r, regions, "region", "regions are defined in data/regions.yaml")
    for i, e in enumerate(t.equipment):
        checks.known(doc, ("equipment", i), e, equipment, "equipment", "equipment is defined in data/equipment.yaml")
    for i, r in enumerate(t.related):
        checks.known(doc, ("related", i), r, techniques, "related technique", _TECHNIQUE_HINT)
        if r == t.id:
            checks.add(doc, ("related", i), "a technique cannot be related to itself")
    checks.citations(doc, t.evidence, ("evidence",))


def _check_aliases(checks: _Checks, techniques: dict, docs: dict) -> None:
    """An old id leads to one technique only, and never where a page of the site already is."""
    aliases: dict[str, str] = {}
    for t in techniques.values():
        for i, alias in enumerate(t.aliases):
            if alias in RESERVED_NAMES["techniques"]:
                checks.add(
                    docs[t.id], ("aliases", i), f"techniques/{alias}/ is a page the site makes itself", "remove it"
                )
            elif alias in techniques or alias in aliases:
                other = alias if alias in techniques else aliases[alias]
                checks.add(
                    docs[t.id],
                    ("aliases", i),
                    f"'{alias}' is already used by {other}",
                    "an old id can point to one technique only",
                )
            aliases[alias] = t.id


def _routines(checks: _Checks, docs: dict[str, Document], techniques: dict) -> dict[str, Routine]:
    routines = {}
    for doc_id, doc in docs.items():
        steps_known = [
            checks.known(doc, ("steps", i, "technique"), step["technique"], techniques, "technique", _TECHNIQUE_HINT)
            for i, step in enumerate(doc.data["steps"])
        ]
        checks.citations(doc, doc.data.get("evidence", []), ("evidence",))
        if all(steps_known):
            routines[doc_id] = _routine(doc_id, doc, techniques)
    return routines


def _check_region_shapes(checks: _Checks, regions: dict[str, Region], doc: Document) -> None:
    """The body map draws a region on the views its `view` names, so the shapes must match it."""
    for r in regions.values():
        wanted = ["front", "back"] if r.view == "both" else [r.view]
        for view in sorted(set(wanted) ^ set(r.shape)):
            missing = view in wanted
            checks.add(
                doc,
                (r.id, "shape"),
                f"view is '{r.view}' but shape {'has no' if missing else 'also has a'} '{view}' outline",
                f"{'add' if missing else 'remove'} shape.{view}, or change view",
            )


def _read(path: Path, kind: str, root: Path, problems: list) -> Document | None:
    """One data file, read, checked against its schema and its kinds of text, with every text field
    typed by its kind (atlas/text.py) — or None, with its problems added to ``problems``."""
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


def _mapping_file(path: Path, kind: str, root: Path, problems: list, make) -> tuple[dict, Document | None]:
    """A file that maps ids to records (regions.yaml, …) → ({id: record}, its document)."""
    if not path.is_file():
        problems.append(Problem(path.relative_to(root).as_posix(), None, None, "file is missing"))
        return {}, None
    doc = _read(path, kind, root, problems)
    if doc is None:
        return {}, None
    return {key: make(key, value, doc.file) for key, value in doc.data.items()}, doc


def _folder(folder: Path, kind: str, root: Path, problems: list) -> dict[str, Document]:
    """One file per record (data/techniques/, data/routines/): its name is its id."""
    docs = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith("."):  # editors' and systems' own files
            continue
        problem = _file_name_problem(path, folder.name)
        if problem:
            problems.append(Problem(path.relative_to(root).as_posix(), None, None, *problem))
            continue
        doc = _read(path, kind, root, problems)
        if doc is not None:
            docs[path.stem] = doc
    return docs


def _file_name_problem(path: Path, folder: str) -> tuple[str, str] | None:
    """Why this file cannot be a record of ``folder`` (as message and hint), or None."""
    if path.suffix.lower() in {".yaml", ".yml"} and path.suffix != ".yaml":
        return f"data files end in .yaml, not {path.suffix}", f"rename it to {path.stem}.yaml"
    if path.suffix != ".yaml":
        return "only .yaml data files belong here", f"move it out of data/{folder}/"
    if not SLUG.match(path.stem):
        return (
            f"'{path.stem}' is not a valid id for a file name",
            "use lower-case letters, digits and hyphens, e.g. calves-foam-roller.yaml",
        )
    if path.stem in RESERVED_NAMES.get(folder, ()):
        return f"{folder}/{path.stem}/ is a page the site makes itself", "give this file another name"
    return None


def _dose(raw: dict) -> Dose:
    return Dose(
        seconds=raw["seconds"],
        sets=raw["sets"],
        pace=raw["pace"],
        rest_seconds=raw.get("rest_seconds", 15),
        per_side=raw.get("per_side", False),
    )


def _technique(doc_id: str, doc: Document) -> Technique:
    d = dict(doc.data)
    d["dose"] = _dose(d["dose"])
    return Technique(id=doc_id, source=doc.file, **d)


def _routine(doc_id: str, doc: Document, techniques: dict[str, Technique]) -> Routine:
    d = dict(doc.data)
    steps = []
    for raw in d.pop("steps"):
        base = techniques[raw["technique"]].dose
        dose = Dose(
            seconds=raw.get("seconds", base.seconds),
            sets=raw.get("sets", base.sets),
            pace=base.pace,
            rest_seconds=base.rest_seconds,
            per_side=base.per_side,
        )
        steps.append(RoutineStep(technique=raw["technique"], dose=dose, note=raw.get("note")))
    return Routine(id=doc_id, source=doc.file, steps=steps, **d)


def _region(key, value, source):
    return Region(id=key, source=source, **value)


def _equipment(key, value, source):
    return Equipment(id=key, source=source, **value)


def _claim(key, value, source):
    value = dict(value)
    return Claim(id=key, source=source, origin=value.pop("source"), **value)


def _term(key, value, source):
    return Term(id=key, source=source, **value)
