"""Records → Markdown pages, through the Jinja templates in templates/.

Each ``*_page`` function returns the Markdown of one page; ``site_pages`` returns every
generated page with its path in the site and the data file it came from (for the edit
link). Links are relative Markdown paths so MkDocs checks every one of them at build time.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .bodymap import body_map, equipment_icon, target_figure
from .links import canonical_url, qr_svg, relative_url
from .model import Atlas, Claim, Routine, Technique
from .routine_link import LIMITS, catalogue_json, routine_fragment

TEMPLATES = Path(__file__).parent / "templates"
VERDICT_LABELS = {"supported": "Supported", "mixed": "Mixed", "not supported": "Not supported", "unknown": "Unknown"}


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
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        autoescape=False,
    )  # output is Markdown; data is checked for raw HTML on load
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
    return (
        f"[Evidence: {VERDICT_LABELS[claim.verdict]}]({target}#{claim.id})"
        f'{{ .atlas-verdict .atlas-verdict--{slug} title="{_attr(claim.claim)}" }}'
    )


def _attr(text: str) -> str:
    return text.replace('"', "'")


def technique_page(t: Technique, atlas: Atlas, site_url: str) -> str:
    src = f"techniques/{t.id}.md"
    return _render(
        "technique.md.j2",
        src,
        t=t,
        title=t.title,
        description=t.summary,
        reviewed=t.reviewed,
        share=_share(site_url, src, t.title, "Link to this technique"),
        scripts=["atlas-ui.js", "share.js", "timer.js"],
        regions=[atlas.regions[r] for r in t.regions],
        equipment=[atlas.equipment[e] for e in t.equipment],
        related=[atlas.techniques[r] for r in t.related],
        figure=target_figure(atlas, t.regions),
    )


def techniques_index(atlas: Atlas) -> str:
    groups = [{"region": r, "techniques": atlas.techniques_for_region(r.id)} for r in atlas.regions.values()]
    groups = [g for g in groups if g["techniques"] or g["region"].caution]
    used = {e for t in atlas.techniques.values() for e in t.equipment}
    return _render(
        "techniques_index.md.j2",
        "techniques/index.md",
        groups=groups,
        body_map=body_map(atlas, "techniques/index.md"),
        equipment=[e for e in atlas.equipment.values() if e.id in used],
        icons={e.id: equipment_icon(e) for e in atlas.equipment.values()},
        techniques_count=len(atlas.techniques),
        scripts=["atlas-ui.js", "filter.js"],
        title="Techniques",
        description="Every self-myofascial release technique on SMR Atlas, grouped by body region.",
        reviewed=_latest(t.reviewed for t in atlas.techniques.values()),
    )


def region_page(region_id: str, atlas: Atlas) -> str:
    r = atlas.regions[region_id]
    return _render(
        "region.md.j2",
        f"regions/{r.id}.md",
        r=r,
        techniques=atlas.techniques_for_region(r.id),
        figure=target_figure(atlas, [r.id]),
        title=r.title,
        description=r.summary,
        reviewed=r.reviewed,
    )


def regions_index(atlas: Atlas) -> str:
    counts = {r: len(atlas.techniques_for_region(r)) for r in atlas.regions}
    return _render(
        "regions_index.md.j2",
        "regions/index.md",
        regions=list(atlas.regions.values()),
        counts=counts,
        title="Body regions",
        description="Find self-myofascial release techniques by body region.",
        reviewed=_latest(r.reviewed for r in atlas.regions.values()),
    )


def equipment_page(equipment_id: str, atlas: Atlas) -> str:
    e = atlas.equipment[equipment_id]
    return _render(
        "equipment.md.j2",
        f"equipment/{e.id}.md",
        e=e,
        techniques=atlas.techniques_for_equipment(e.id),
        icon=equipment_icon(e, label=False),
        title=e.title,
        description=e.summary,
        reviewed=e.reviewed,
    )


def equipment_index(atlas: Atlas) -> str:
    counts = {e: len(atlas.techniques_for_equipment(e)) for e in atlas.equipment}
    return _render(
        "equipment_index.md.j2",
        "equipment/index.md",
        equipment=list(atlas.equipment.values()),
        counts=counts,
        icons={e.id: equipment_icon(e, label=False) for e in atlas.equipment.values()},
        title="Equipment",
        description="Foam rollers, massage balls and other tools for self-myofascial release.",
        reviewed=_latest(e.reviewed for e in atlas.equipment.values()),
    )


def routine_page(r: Routine, atlas: Atlas, site_url: str) -> str:
    src = f"routines/{r.id}.md"
    steps = [{"technique": atlas.techniques[s.technique], "dose": s.dose, "note": s.note} for s in r.steps]
    return _render(
        "routine.md.j2",
        src,
        r=r,
        steps=steps,
        title=r.title,
        description=r.summary,
        reviewed=r.reviewed,
        share=_share(site_url, src, r.title, "Link to this routine"),
        scripts=["atlas-ui.js", "share.js"],
        adapt_url=relative_url(src, "routines/builder.md") + "?" + routine_fragment(r),
    )


def _share(site_url: str, src_uri: str, title: str, label: str) -> dict:
    url = canonical_url(site_url, src_uri)
    return {"url": url, "title": title, "label": label, "qr": qr_svg(url, f"QR code for the link to this page: {url}")}


# The routine builder and the client's routine sheet: one link carries the routine (atlas/routine_link.py).
_ROUTINE_SCRIPTS = ["atlas-ui.js", "routine-link.js", "share.js"]


def routine_builder_page(atlas: Atlas, site_url: str, reviewed: str) -> str:
    src = "routines/builder.md"
    return _render(
        "routine_builder.md.j2",
        src,
        title="Routine builder",
        reviewed=reviewed,
        description="Build a self-myofascial release routine for one client and send it as one link.",
        scripts=[*_ROUTINE_SCRIPTS, "builder.js"],
        limits=LIMITS,
        sheet_url=relative_url(src, "routines/sheet.md"),
        sheet_canonical=canonical_url(site_url, "routines/sheet.md"),
        catalogue=catalogue_json(atlas, relative_url(src, "techniques/index.md")),
    )


def routine_sheet_page(atlas: Atlas, site_url: str, reviewed: str) -> str:
    src = "routines/sheet.md"
    return _render(
        "routine_sheet.md.j2",
        src,
        title="Your routine",
        reviewed=reviewed,
        description="A self-myofascial release routine put together by your trainer.",
        scripts=[*_ROUTINE_SCRIPTS, "sheet.js"],
        search_exclude=True,
        builder_url=relative_url(src, "routines/builder.md"),
        techniques_url=relative_url(src, "techniques/index.md"),
        sheet_canonical=canonical_url(site_url, src),
        catalogue=catalogue_json(atlas, relative_url(src, "techniques/index.md")),
    )


def routines_index(atlas: Atlas) -> str:
    return _render(
        "routines_index.md.j2",
        "routines/index.md",
        routines=list(atlas.routines.values()),
        title="Routines",
        description="Ready-made self-myofascial release routines with total times.",
        reviewed=_latest([r.reviewed for r in atlas.routines.values()] or ["2026-11-25"]),
    )


def claims_page(atlas: Atlas) -> str:
    sections = [
        {
            "title": "Claims from the article this site grew from",
            "claims": [c for c in atlas.claims.values() if c.origin == "seed-article"],
        },
        {"title": "Popular claims", "claims": [c for c in atlas.claims.values() if c.origin == "popular"]},
    ]
    return _render(
        "claims.md.j2",
        "claims/index.md",
        sections=[s for s in sections if s["claims"]],
        title="Claims and evidence",
        description="Common claims about foam rolling and what the research actually shows.",
        reviewed=_latest(c.reviewed for c in atlas.claims.values()),
    )


def glossary_page(atlas: Atlas, reviewed: str) -> str:
    terms = sorted(atlas.glossary.values(), key=lambda t: t.term.lower())
    return _render(
        "glossary.md.j2",
        "glossary/index.md",
        terms=terms,
        title="Glossary",
        description="Plain-language explanations of the terms used on SMR Atlas.",
        reviewed=reviewed,
    )


def references_page(atlas: Atlas, formatted: dict[str, str], reviewed: str) -> str:
    """``formatted`` maps each key to its reference text (from mkdocs-bibtex, in APA style)."""
    entries = sorted(((key, formatted[key]) for key in atlas.references), key=lambda kv: kv[1].lower())
    return _render(
        "references.md.j2",
        "references/index.md",
        entries=entries,
        title="References",
        description="The research cited on SMR Atlas, with DOI links.",
        reviewed=reviewed,
    )


def abbreviations(atlas: Atlas, markdown: str) -> str:
    """Markdown abbreviation definitions for the glossary terms this page uses, so they explain
    themselves on hover. Only used terms: each definition costs Markdown about 0.5 ms a page."""
    shorts = {word: term.short for term in atlas.glossary.values() for word in [term.term, *term.also]}
    used = set(_glossary_pattern(tuple(shorts)).findall(markdown))  # one pass over the page, not one per term
    return "\n".join(f"*[{word}]: {short}" for word, short in shorts.items() if word in used)


@functools.lru_cache(maxsize=4)
def _glossary_pattern(words: tuple[str, ...]) -> re.Pattern:
    longest_first = sorted(words, key=len, reverse=True)  # "fascia lata" before "fascia"
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")


def site_pages(atlas: Atlas, formatted_references: dict[str, str], site_url: str) -> list[GeneratedPage]:
    """``site_url`` is the public address from mkdocs.yml, for share links and QR codes."""
    reviewed = _latest(t.reviewed for t in atlas.techniques.values())
    pages = [
        GeneratedPage(f"techniques/{t.id}.md", technique_page(t, atlas, site_url), t.source)
        for t in atlas.techniques.values()
    ]
    pages.append(GeneratedPage("techniques/index.md", techniques_index(atlas), None))
    pages += [GeneratedPage(f"regions/{r}.md", region_page(r, atlas), atlas.regions[r].source) for r in atlas.regions]
    pages.append(GeneratedPage("regions/index.md", regions_index(atlas), None))
    pages += [
        GeneratedPage(f"equipment/{e}.md", equipment_page(e, atlas), atlas.equipment[e].source) for e in atlas.equipment
    ]
    pages.append(GeneratedPage("equipment/index.md", equipment_index(atlas), None))
    pages += [
        GeneratedPage(f"routines/{r.id}.md", routine_page(r, atlas, site_url), r.source)
        for r in atlas.routines.values()
    ]
    pages.append(GeneratedPage("routines/index.md", routines_index(atlas), None))
    pages.append(GeneratedPage("routines/builder.md", routine_builder_page(atlas, site_url, reviewed), None))
    pages.append(GeneratedPage("routines/sheet.md", routine_sheet_page(atlas, site_url, reviewed), None))
    pages.append(GeneratedPage("claims/index.md", claims_page(atlas), "data/claims.yaml"))
    pages.append(GeneratedPage("glossary/index.md", glossary_page(atlas, reviewed), "data/glossary.yaml"))
    pages.append(
        GeneratedPage("references/index.md", references_page(atlas, formatted_references, reviewed), "references.bib")
    )
    return pages


def _latest(dates) -> str:
    return max(dates, default="2026-11-25")
