"""Cross-references between data files, once each file has passed its own checks (atlas/datafiles.py):
every id and key a file names must exist, ids must not take the place of a page the site makes, each
caution that claims the expert panel must be one of its six items, every technique's figure must be
physically possible, and no page may be reviewed in the future or past its review date.

Each check adds ``file:line: field: message — hint`` problems to one list, so an author sees them all.
"""

from __future__ import annotations

import difflib

from .bibliography import unknown_key_problem
from .errors import Problem, field_path
from .load import Document

TECHNIQUE_HINT = "use the file name of a technique in data/techniques/, without .yaml"
# What the expert panel (bartsch2021expert) agreed on, and how: open wounds and fractures as reasons not
# to roll (contraindications), the other four as reasons for caution. A caution may claim the panel only
# for these six, and only at the panel's own level.
CONSENSUS_LEVELS = {
    "open-wounds": "do-not",
    "fractures": "do-not",
    "inflammation": "ask-first",
    "dvt": "ask-first",
    "osteomyelitis": "ask-first",
    "myositis-ossificans": "ask-first",
}


class Checks:
    """Collects problems; each method checks one kind of reference and names file, line and field."""

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


def technique_references(checks: Checks, t, doc: Document, atlas_parts: dict) -> None:
    """The regions, equipment, related techniques, cautions and citations a technique names exist."""
    for i, r in enumerate(t.regions):
        checks.known(doc, ("regions", i), r, atlas_parts["regions"], "region", "regions are in data/regions.yaml")
    for i, e in enumerate(t.equipment):
        hint = "equipment is defined in data/equipment.yaml"
        checks.known(doc, ("equipment", i), e, atlas_parts["equipment"], "equipment", hint)
    for i, r in enumerate(t.related):
        checks.known(doc, ("related", i), r, atlas_parts["techniques"], "related technique", TECHNIQUE_HINT)
        if r == t.id:
            checks.add(doc, ("related", i), "a technique cannot be related to itself")
    for i, c in enumerate(t.cautions):
        checks.known(doc, ("cautions", i), c, atlas_parts["library"], "caution", "cautions are in data/cautions.yaml")
    checks.citations(doc, t.evidence, ("evidence",))


def aliases(checks: Checks, techniques: dict, docs: dict, reserved: set[str]) -> None:
    """An old id leads to one technique only, and never where a page of the site already is."""
    seen: dict[str, str] = {}
    for t in techniques.values():
        for i, alias in enumerate(t.aliases):
            if alias in reserved:
                checks.add(
                    docs[t.id], ("aliases", i), f"techniques/{alias}/ is a page the site makes itself", "remove it"
                )
            elif alias in techniques or alias in seen:
                other = alias if alias in techniques else seen[alias]
                hint = "an old id can point to one technique only"
                checks.add(docs[t.id], ("aliases", i), f"'{alias}' is already used by {other}", hint)
            seen[alias] = t.id


def region_shapes(checks: Checks, regions: dict, doc: Document) -> None:
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


def cautions(checks: Checks, doc: Document, region_doc: Document, regions: dict, library: dict) -> None:
    """A consensus caution is one of the panel's six, at the panel's level; regions name known cautions."""
    items = [(("everyone", i), c) for i, c in enumerate(doc.data["everyone"])]
    items += [(("library", key), c) for key, c in doc.data["library"].items()]
    for path, c in items:
        item = c.get("consensus")
        if item and c["level"] != CONSENSUS_LEVELS[item]:
            said = "a reason not to roll" if CONSENSUS_LEVELS[item] == "do-not" else "a reason for caution"
            checks.add(
                doc, path + ("level",), f"the expert panel called {item} {said}", f"use {CONSENSUS_LEVELS[item]}"
            )
    for r in regions.values():
        for i, c in enumerate(r.cautions):
            checks.known(region_doc, (r.id, "cautions", i), c, library, "caution", "cautions are in data/cautions.yaml")
