"""The technique library: a page per technique, region and kind of equipment, and their index pages."""

from __future__ import annotations

from ..bodymap import body_map, equipment_icon, target_figure
from ..i18n import _
from ..model import Atlas, Technique
from ..page import Page, Settings, make_page
from ..pictures import setup_figure, still_figure, thumbnail
from ..qr import qr_svg
from ..safety import safety
from ..text import token


def share(settings: Settings, src_uri: str, title: str, label: str) -> dict:
    """The share block's values: the page's public address as text and as a QR code."""
    url = settings.canonical(src_uri)
    return {
        "url": url,
        "title": title,
        "label": label,
        "qr": qr_svg(url, _("QR code for the link to this page: %(url)s") % {"url": url}),
    }


def latest(dates) -> str:
    """The newest of these review dates (an index page is as fresh as its newest entry)."""
    return max(dates, default="2026-11-25")


def technique_page(t: Technique, atlas: Atlas, settings: Settings) -> Page:
    src = f"techniques/{t.id}.md"
    return make_page(
        atlas,
        settings,
        src,
        "technique.md.j2",
        kind="technique",
        source=t.source,
        t=t,
        title=t.title,
        description=t.summary,
        reviewed=t.reviewed,
        share=share(settings, src, t.title, _("Link to this technique")),
        scripts=["atlas-ui.js", "share.js", "timer.js", "figure.js"],
        regions=[atlas.regions[r] for r in t.regions],
        equipment=[atlas.equipment[e] for e in t.equipment],
        related=[atlas.techniques[r] for r in t.related],
        figure=token(setup_figure(atlas, t)),
        safety=safety(atlas, t),
    )


def figures_page(atlas: Atlas, settings: Settings) -> Page:
    """Every technique's figure beside its set-up, for authors and reviewers to check by eye."""
    techniques = sorted(atlas.techniques.values(), key=lambda t: t.title.lower())
    return make_page(
        atlas,
        settings,
        "figures/index.md",
        "figures.md.j2",
        kind="tool",
        source=None,
        techniques=techniques,
        figures={t.id: token(still_figure(atlas, t)) for t in techniques},
        title=_("Technique figures"),
        description=_("Every technique's figure beside its set-up, for authors and reviewers."),
        reviewed=latest(t.reviewed for t in techniques),
        search_exclude=True,
    )


def techniques_index(atlas: Atlas, settings: Settings) -> Page:
    src = "techniques/index.md"
    groups = [{"region": r, "techniques": atlas.techniques_for_region(r.id)} for r in atlas.regions.values()]
    used = {e for t in atlas.techniques.values() for e in t.equipment}
    return make_page(
        atlas,
        settings,
        src,
        "techniques_index.md.j2",
        kind="index",
        source=None,
        groups=[g for g in groups if g["techniques"] or g["region"].caution],
        body_map=token(body_map(atlas, lambda to: settings.href(src, to))),
        equipment=[e for e in atlas.equipment.values() if e.id in used],
        icons={e.id: token(equipment_icon(e)) for e in atlas.equipment.values()},
        thumbs={t.id: token(thumbnail(atlas, t)) for t in atlas.techniques.values()},
        techniques_count=len(atlas.techniques),
        scripts=["atlas-ui.js", "filter.js"],
        title=_("Techniques"),
        description=_("Every self-myofascial release technique on SMR Atlas, grouped by body region."),
        reviewed=latest(t.reviewed for t in atlas.techniques.values()),
    )


def region_page(region_id: str, atlas: Atlas, settings: Settings) -> Page:
    r = atlas.regions[region_id]
    return make_page(
        atlas,
        settings,
        f"regions/{r.id}.md",
        "region.md.j2",
        kind="region",
        source=r.source,
        record=r.id,
        r=r,
        cautions=[atlas.cautions.library[c] for c in r.cautions],
        techniques=atlas.techniques_for_region(r.id),
        figure=token(target_figure(atlas, [r.id])),
        title=r.title,
        description=r.summary,
        reviewed=r.reviewed,
    )


def regions_index(atlas: Atlas, settings: Settings) -> Page:
    return make_page(
        atlas,
        settings,
        "regions/index.md",
        "regions_index.md.j2",
        kind="index",
        source=None,
        regions=list(atlas.regions.values()),
        counts={r: len(atlas.techniques_for_region(r)) for r in atlas.regions},
        title=_("Body regions"),
        description=_("Find self-myofascial release techniques by body region."),
        reviewed=latest(r.reviewed for r in atlas.regions.values()),
    )


def equipment_page(equipment_id: str, atlas: Atlas, settings: Settings) -> Page:
    e = atlas.equipment[equipment_id]
    return make_page(
        atlas,
        settings,
        f"equipment/{e.id}.md",
        "equipment.md.j2",
        kind="equipment",
        source=e.source,
        record=e.id,
        e=e,
        techniques=atlas.techniques_for_equipment(e.id),
        icon=token(equipment_icon(e, label=False)),
        title=e.title,
        description=e.summary,
        reviewed=e.reviewed,
    )


def equipment_index(atlas: Atlas, settings: Settings) -> Page:
    return make_page(
        atlas,
        settings,
        "equipment/index.md",
        "equipment_index.md.j2",
        kind="index",
        source=None,
        equipment=list(atlas.equipment.values()),
        counts={e: len(atlas.techniques_for_equipment(e)) for e in atlas.equipment},
        icons={e.id: token(equipment_icon(e, label=False)) for e in atlas.equipment.values()},
        title=_("Equipment"),
        description=_("Foam rollers, massage balls and other tools for self-myofascial release."),
        reviewed=latest(e.reviewed for e in atlas.equipment.values()),
    )
