"""Routines: a page per ready-made routine, their index, and the trainer's two tools — the routine
builder and the client's routine sheet, which carry a whole routine in one link (atlas/routine_link.py)."""

from __future__ import annotations

import functools

from ..i18n import _
from ..installable import MANIFEST, PAGES_CACHE
from ..model import Atlas, Routine
from ..page import Page, Settings, make_page
from ..pictures import thumbnail
from ..routine_link import LIMITS, catalogue_json, routine_fragment
from ..text import token
from .library import latest, share

# The routine builder and the client's routine sheet both read the routine from the link.
_ROUTINE_SCRIPTS = ["atlas-ui.js", "routine-link.js", "share.js"]
# QR codes of links made in the browser (the client's routine, a progress link).
_QR_SCRIPTS = ["vendor/qrcode-generator/qrcode.js", "qr.js"]


def routine_page(r: Routine, atlas: Atlas, settings: Settings) -> Page:
    src = f"routines/{r.id}.md"
    steps = [{"technique": atlas.techniques[s.technique], "dose": s.dose, "note": s.note} for s in r.steps]
    return make_page(
        atlas,
        settings,
        src,
        "routine.md.j2",
        kind="routine",
        source=r.source,
        r=r,
        steps=steps,
        title=r.title,
        description=r.summary,
        reviewed=r.reviewed,
        share=share(settings, src, r.title, _("Link to this routine")),
        scripts=["atlas-ui.js", "share.js"],
        adapt_query=routine_fragment(r),
        thumbs={s.technique: token(thumbnail(atlas, atlas.techniques[s.technique])) for s in r.steps},
    )


def routines_index(atlas: Atlas, settings: Settings) -> Page:
    return make_page(
        atlas,
        settings,
        "routines/index.md",
        "routines_index.md.j2",
        kind="index",
        source=None,
        routines=list(atlas.routines.values()),
        title=_("Routines"),
        description=_("Ready-made self-myofascial release routines with total times."),
        reviewed=latest(r.reviewed for r in atlas.routines.values()),
    )


def routine_builder_page(atlas: Atlas, settings: Settings, reviewed: str) -> Page:
    src = "routines/builder.md"
    return make_page(
        atlas,
        settings,
        src,
        "routine_builder.md.j2",
        kind="tool",
        source=None,
        title=_("Routine builder"),
        reviewed=reviewed,
        description=_("Build a self-myofascial release routine for one client and send it as one link."),
        scripts=[*_ROUTINE_SCRIPTS, *_QR_SCRIPTS, "builder.js"],
        limits=LIMITS,
        sheets=settings.in_every_language(src, "routines/sheet.md"),
        catalogue=_catalogue(atlas, settings, src),
    )


def routine_sheet_page(atlas: Atlas, settings: Settings, reviewed: str) -> Page:
    src = "routines/sheet.md"
    return make_page(
        atlas,
        settings,
        src,
        "routine_sheet.md.j2",
        kind="tool",
        source=None,
        title=_("Your routine"),
        reviewed=reviewed,
        description=_("A self-myofascial release routine put together by your trainer."),
        scripts=[
            *_ROUTINE_SCRIPTS,
            *_QR_SCRIPTS,
            "timer.js",
            "log.js",
            "sheet.js",
            *(["install.js"] if settings.installable else []),
        ],
        search_exclude=True,
        installable=(settings.prefix + MANIFEST) if settings.installable else None,
        pages_cache=PAGES_CACHE,
        sheet_canonical=settings.canonical(src),
        progress_canonical=settings.canonical("routines/progress.md"),
        catalogue=_catalogue(atlas, settings, src, steps=True),
    )


def routine_progress_page(atlas: Atlas, settings: Settings, reviewed: str) -> Page:
    """What a trainer sees from a client's progress link: the routine and the sessions ticked."""
    src = "routines/progress.md"
    return make_page(
        atlas,
        settings,
        src,
        "routine_progress.md.j2",
        kind="tool",
        source=None,
        title=_("A client's progress"),
        reviewed=reviewed,
        description=_("The sessions a client ticked on their SMR routine sheet, from the link they sent."),
        scripts=[*_ROUTINE_SCRIPTS, *_QR_SCRIPTS, "log.js", "progress.js"],
        search_exclude=True,
        catalogue=_catalogue(atlas, settings, src),
    )


def _catalogue(atlas: Atlas, settings: Settings, src: str, *, steps: bool = False) -> str:
    return catalogue_json(atlas, functools.partial(settings.href, src), steps=steps)
