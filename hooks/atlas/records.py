"""All data files → one cross-checked Atlas, or a DataError listing every problem found.

Each file is read and checked on its own first (atlas/datafiles.py), then the references between files
(atlas/crosscheck.py), the technique figures (atlas/figure/) and the review dates (atlas/review.py).
Problems are collected across all files before stopping, so an author fixing a batch of files sees all of
them at once. To add content, add YAML under data/ (see CONTRIBUTING.md); nothing here needs to change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import crosscheck
from .bibliography import load_references
from .crosscheck import TECHNIQUE_HINT, Checks
from .datafiles import Sources, read_all
from .errors import DataError, Problem
from .figure import figure_problems, scene_for
from .figure.postures import posture_problems
from .i18n import DEFAULT
from .load import Document
from .model import (
    Atlas,
    Caution,
    Cautions,
    Claim,
    Dose,
    Equipment,
    Grade,
    Region,
    Routine,
    RoutineStep,
    Technique,
    Term,
)
from .review import review_problems
from .schemas import load_schema
from .translations import translate
from .urls import RESERVED_NAMES


def load_atlas(root: Path, today: date | None = None, language: str = DEFAULT) -> Atlas:
    """The checked data of the project at ``root``, with its words in ``language``. ``today``: for review
    dates (default: today). Another language's words are checked against the English
    (atlas/translations.py) once the English itself has passed every check below; everything but the
    words — ids, doses, figures, citations — is the English record's."""
    root = Path(root)
    references = load_references(root / "references.bib", root)  # a broken .bib stops here
    sources = read_all(root)
    atlas = _records(sources, references)
    checks = Checks(references)
    _cross_check(checks, atlas, sources)
    for doc in [*sources.files.values(), *(d for docs in sources.folders.values() for d in docs.values())]:
        checks.problems.extend(review_problems(doc, today or date.today()))
    if not checks.problems:  # a figure is only worth solving once everything it names exists
        checks.problems.extend(_figures(atlas, sources))
    if checks.problems:
        raise DataError(checks.problems)
    return atlas if language == DEFAULT else _translated(atlas, sources, root, language)


def _translated(english: Atlas, sources: Sources, root: Path, language: str) -> Atlas:
    words, status = translate(sources, root, language)
    atlas = _records(words, english.references)
    docs = words.folders["routines"]
    atlas.routines = {rid: _routine(rid, docs[rid], atlas.techniques) for rid in english.routines}
    atlas.figures, atlas.translation = english.figures, status
    return atlas


def _records(sources: Sources, references: dict) -> Atlas:
    techniques = {i: _technique(i, doc) for i, doc in sources.folders["techniques"].items()}
    cautions = sources["cautions"].data
    return Atlas(
        techniques=techniques,
        regions=_mapping(sources["regions"], Region),
        equipment=_mapping(sources["equipment"], Equipment),
        routines={},  # made once their techniques are known to exist (_cross_check)
        claims={k: _claim(k, v, sources["claims"].file) for k, v in sources["claims"].data.items()},
        glossary=_mapping(sources["glossary"], Term),
        references=references,
        cautions=Cautions(
            everyone=[Caution(**c) for c in cautions["everyone"]],
            library={k: Caution(id=k, **c) for k, c in cautions["library"].items()},
        ),
        strength={k: Grade(id=k, **v) for k, v in sources["evidence-strength"].data.items()},
        postures={k: str(v["title"]) for k, v in sources["postures"].data.items()},
    )


def _cross_check(checks: Checks, atlas: Atlas, sources: Sources) -> None:
    docs = sources.folders["techniques"]
    if not atlas.techniques:
        hint = "add one with 'make new-technique ID=…'"
        checks.problems.append(Problem("data/techniques", None, None, "no techniques found", hint))
    known = {
        "regions": atlas.regions,
        "equipment": atlas.equipment,
        "techniques": atlas.techniques,
        "library": atlas.cautions.library,
    }
    for t in atlas.techniques.values():
        crosscheck.technique_references(checks, t, docs[t.id], known)
    crosscheck.aliases(checks, atlas.techniques, docs, RESERVED_NAMES["techniques"])
    atlas.routines.update(_routines(checks, sources.folders["routines"], atlas.techniques))
    for kind in ("regions", "equipment", "claims", "glossary"):
        for record in getattr(atlas, kind).values():
            checks.citations(sources[kind], record.evidence, (record.id, "evidence"))
    crosscheck.region_shapes(checks, atlas.regions, sources["regions"])
    crosscheck.cautions(checks, sources["cautions"], sources["regions"], atlas.regions, atlas.cautions.library)
    for kind in ("regions", "equipment"):
        for key in set(getattr(atlas, kind)) & RESERVED_NAMES[kind]:
            checks.add(sources[kind], (key,), f"{kind}/{key}/ is a page the site makes itself", "choose another id")
    checks.problems.extend(posture_problems(sources["postures"]))


def _figures(atlas: Atlas, sources: Sources) -> list[Problem]:
    """Every technique's figure checked (and solved once, for the pages to draw)."""
    problems = []
    for t in atlas.techniques.values():
        doc = sources.folders["techniques"][t.id]
        regions = {r: atlas.regions[r].segments for r in t.regions}
        found = figure_problems(doc, regions, sources["postures"], sources["equipment"])
        problems += found
        if not found:
            atlas.figures[t.id] = scene_for(doc, sources["postures"], sources["equipment"])
    return problems


def _routines(checks: Checks, docs: dict[str, Document], techniques: dict) -> dict[str, Routine]:
    routines = {}
    for doc_id, doc in docs.items():
        steps_known = [
            checks.known(doc, ("steps", i, "technique"), step["technique"], techniques, "technique", TECHNIQUE_HINT)
            for i, step in enumerate(doc.data["steps"])
        ]
        checks.citations(doc, doc.data.get("evidence", []), ("evidence",))
        if all(steps_known):
            routines[doc_id] = _routine(doc_id, doc, techniques)
    return routines


def _mapping(doc: Document, make) -> dict:
    return {key: make(id=key, source=doc.file, **value) for key, value in doc.data.items()}


def _dose(raw: dict) -> Dose:
    defaults = load_schema("technique")["properties"]["dose"]["properties"]  # the schema holds the defaults
    return Dose(
        seconds=raw["seconds"],
        sets=raw["sets"],
        pace=raw["pace"],
        rest_seconds=raw.get("rest_seconds", defaults["rest_seconds"]["default"]),
        per_side=raw.get("per_side", defaults["per_side"]["default"]),
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


def _claim(key, value, source):
    value = dict(value)
    return Claim(id=key, source=source, origin=value.pop("source"), **value)


# Single records from raw data, as the loader makes them (the text-boundary tests use these).
def _region(key, value, source) -> Region:
    return Region(id=key, source=source, **value)


def _term(key, value, source) -> Term:
    return Term(id=key, source=source, **value)
