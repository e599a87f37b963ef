"""Records → Markdown pages, through the Jinja templates in templates/.

Each ``*_page`` function returns the Markdown of one page; ``site_pages`` returns every
generated page with its path in the site and the data file it came from (for the edit
link). Links are relative Markdown paths so MkDocs checks every one of them at build time.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .model import Atlas, Claim, Routine, Technique

TEMPLATES = Path(__file__).parent / "templates"
VERDICT_LABELS = {"supported": "Supported", "mixed": "Mixed", "not supported": "Not supported",
                  "unknown": "Unknown"}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs pretends the page lives in docs/, e.g. techniques/calves-foam-roller.md
    markdown: str
    source: str | None  # the data file it was made from (for the edit link), or None


def duration(seconds: int) -> str:
    """45 → '45 s'; 270 → '4 min 30 s'; 600 → '10 min'."""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=False, keep_trailing_newline=True,
                             autoescape=False)  # output is Markdown; data is checked for raw HTML on load
    env.filters["duration"] = duration
    env.filters["yaml_str"] = lambda s: json.dumps(str(s), ensure_ascii=False)  # JSON strings are YAML
    # Material writes the description into <meta content="…"> as it is, so quote characters must be escaped
    env.filters["attr"] = lambda s: html.escape(str(s), quote=True)
    return env


_ENV = _environment()


def _render(template: str, src_uri: str, **context) -> str:
    here = posixpath.dirname(src_uri)

    def link(target: str) -> str:
        """A Markdown link from this page to another page's source path (relative, so MkDocs checks it)."""
        return posixpath.relpath(target, here or ".")

    return _ENV.get_template(template).render(link=link, badge=lambda c: badge(c, src_uri), **context)


def badge(claim: Claim, src_uri: str) -> str:
    """A small verdict badge that links to the claim on the Claims page."""
    target = posixpath.relpath("claims/index.md", posixpath.dirname(src_uri) or ".")
    slug = claim.verdict.replace(" ", "-")
    return (f"[Evidence: {VERDICT_LABELS[claim.verdict]}]({target}#{claim.id})"
            f"{{ .atlas-verdict .atlas-verdict--{slug} title=\"{_attr(claim.claim)}\" }}")


def _attr(text: str) -> str:
    return text.replace('"', "'")


def technique_page(t: Technique, atlas: Atlas) -> str:
    src = f"techniques/{t.id}.md"
    return _render("technique.md.j2", src, t=t, title=t.title, description=t.summary, reviewed=t.reviewed,
                   regions=[atlas.regions[r] for r in t.regions],
                   equipment=[atlas.equipment[e] for e in t.equipment],
                   related=[atlas.techniques[r] for r in t.related])


def techniques_index(atlas: Atlas) -> str:
    groups = [{"region": r, "techniques": atlas.techniques_for_region(r.id)} for r in atlas.regions.values()]
    groups = [g for g in groups if g["techniques"] or g["region"].caution]
    return _render("techniques_index.md.j2", "techniques/index.md", groups=groups,
                   techniques_count=len(atlas.techniques), title="Techniques",
                   description="Every self-myofascial release technique on SMR Atlas, grouped by body region.",
                   reviewed=_latest(t.reviewed for t in atlas.techniques.values()))


def region_page(region_id: str, atlas: Atlas) -> str:
    r = atlas.regions[region_id]
    return _render("region.md.j2", f"regions/{r.id}.md", r=r, techniques=atlas.techniques_for_region(r.id),
                   title=r.title, description=r.summary, reviewed=r.reviewed)


def regions_index(atlas: Atlas) -> str:
    counts = {r: len(atlas.techniques_for_region(r)) for r in atlas.regions}
    return _render("regions_index.md.j2", "regions/index.md", regions=list(atlas.regions.values()), counts=counts,
                   title="Body regions", description="Find self-myofascial release techniques by body region.",
                   reviewed=_latest(r.reviewed for r in atlas.regions.values()))


def equipment_page(equipment_id: str, atlas: Atlas) -> str:
    e = atlas.equipment[equipment_id]
    return _render("equipment.md.j2", f"equipment/{e.id}.md", e=e, techniques=atlas.techniques_for_equipment(e.id),
                   title=e.title, description=e.summary, reviewed=e.reviewed)


def equipment_index(atlas: Atlas) -> str:
    counts = {e: len(atlas.techniques_for_equipment(e)) for e in atlas.equipment}
    return _render("equipment_index.md.j2", "equipment/index.md", equipment=list(atlas.equipment.values()),
                   counts=counts, title="Equipment",
                   description="Foam rollers, massage balls and other tools for self-myofascial release.",
                   reviewed=_latest(e.reviewed for e in atlas.equipment.values()))


def routine_page(r: Routine, atlas: Atlas) -> str:
    steps = [{"technique": atlas.techniques[s.technique], "dose": s.dose, "note": s.note} for s in r.steps]
    return _render("routine.md.j2", f"routines/{r.id}.md", r=r, steps=steps, title=r.title,
                   description=r.summary, reviewed=r.reviewed)


def routines_index(atlas: Atlas) -> str:
    return _render("routines_index.md.j2", "routines/index.md", routines=list(atlas.routines.values()),
                   title="Routines", description="Ready-made self-myofascial release routines with total times.",
                   reviewed=_latest([r.reviewed for r in atlas.routines.values()] or ["2026-11-25"]))


def claims_page(atlas: Atlas) -> str:
    sections = [{"title": "Claims from the article this site grew from",
                 "claims": [c for c in atlas.claims.values() if c.origin == "seed-article"]},
                {"title": "Popular claims", "claims": [c for c in atlas.claims.values() if c.origin == "popular"]}]
    return _render("claims.md.j2", "claims/index.md", sections=[s for s in sections if s["claims"]],
                   title="Claims and evidence",
                   description="Common claims about foam rolling and what the research actually shows.",
                   reviewed=_latest(c.reviewed for c in atlas.claims.values()))


def glossary_page(atlas: Atlas, reviewed: str) -> str:
    terms = sorted(atlas.glossary.values(), key=lambda t: t.term.lower())
    return _render("glossary.md.j2", "glossary/index.md", terms=terms, title="Glossary",
                   description="Plain-language explanations of the terms used on SMR Atlas.", reviewed=reviewed)


def references_page(atlas: Atlas, formatted: dict[str, str], reviewed: str) -> str:
    """``formatted`` maps each key to its reference text (from mkdocs-bibtex, in APA style)."""
    entries = sorted(((key, formatted[key]) for key in atlas.references), key=lambda kv: kv[1].lower())
    return _render("references.md.j2", "references/index.md", entries=entries, title="References",
                   description="The research cited on SMR Atlas, with DOI links.", reviewed=reviewed)


def abbreviations(atlas: Atlas, markdown: str) -> str:
    """Markdown abbreviation definitions for the glossary terms this page uses, so they explain
    themselves on hover. Only used terms: each definition costs Markdown about 0.5 ms a page."""
    lines = []
    for term in atlas.glossary.values():
        for word in [term.term, *term.also]:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", markdown):
                lines.append(f"*[{word}]: {term.short}")
    return "\n".join(lines)


def site_pages(atlas: Atlas, formatted_references: dict[str, str]) -> list[GeneratedPage]:
    reviewed = _latest(t.reviewed for t in atlas.techniques.values())
    pages = [GeneratedPage(f"techniques/{t.id}.md", technique_page(t, atlas), t.source)
             for t in atlas.techniques.values()]
    pages.append(GeneratedPage("techniques/index.md", techniques_index(atlas), None))
    pages += [GeneratedPage(f"regions/{r}.md", region_page(r, atlas), atlas.regions[r].source) for r in atlas.regions]
    pages.append(GeneratedPage("regions/index.md", regions_index(atlas), None))
    pages += [GeneratedPage(f"equipment/{e}.md", equipment_page(e, atlas), atlas.equipment[e].source)
              for e in atlas.equipment]
    pages.append(GeneratedPage("equipment/index.md", equipment_index(atlas), None))
    pages += [GeneratedPage(f"routines/{r.id}.md", routine_page(r, atlas), r.source) for r in atlas.routines.values()]
    pages.append(GeneratedPage("routines/index.md", routines_index(atlas), None))
    pages.append(GeneratedPage("claims/index.md", claims_page(atlas), "data/claims.yaml"))
    pages.append(GeneratedPage("glossary/index.md", glossary_page(atlas, reviewed), "data/glossary.yaml"))
    pages.append(GeneratedPage("references/index.md", references_page(atlas, formatted_references, reviewed),
                               "references.bib"))
    return pages


def _latest(dates) -> str:
    return max(dates, default="2026-11-25")
