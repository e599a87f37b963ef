"""The reference pages: claims and their verdicts, the glossary, the references, and the downloads."""

from __future__ import annotations

from markupsafe import Markup

from ..i18n import DEFAULT, _
from ..model import Atlas
from ..open_data import page_links
from ..page import Page, Settings, make_page
from .library import latest

BOOK = "downloads/smr-atlas.pdf"
OFFLINE_ZIP = "downloads/smr-atlas-offline.zip"
# The page list the build writes for the PDF exporter (atlas_hooks.on_post_build → atlas.export).
PAGE_LIST = "downloads/pages.json"


def claims_page(atlas: Atlas, settings: Settings) -> Page:
    sections = [
        {
            "title": _("Claims from the article this site grew from"),
            "claims": [c for c in atlas.claims.values() if c.origin == "seed-article"],
        },
        {"title": _("Popular claims"), "claims": [c for c in atlas.claims.values() if c.origin == "popular"]},
    ]
    return make_page(
        atlas,
        settings,
        "claims/index.md",
        "claims.md.j2",
        kind="claims",
        source="data/claims.yaml",
        sections=[s for s in sections if s["claims"]],
        strength=list(atlas.strength.values()),
        title=_("Claims and evidence"),
        description=_("Common claims about foam rolling and what the research actually shows."),
        reviewed=latest(c.reviewed for c in atlas.claims.values()),
    )


def glossary_page(atlas: Atlas, settings: Settings, reviewed: str) -> Page:
    return make_page(
        atlas,
        settings,
        "glossary/index.md",
        "glossary.md.j2",
        kind="glossary",
        source="data/glossary.yaml",
        terms=sorted(atlas.glossary.values(), key=lambda t: t.term.lower()),
        title=_("Glossary"),
        description=_("Plain-language explanations of the terms used on SMR Atlas."),
        reviewed=reviewed,
    )


def references_page(atlas: Atlas, settings: Settings, formatted: dict[str, str], reviewed: str) -> Page:
    """``formatted`` maps each key to its reference text (from mkdocs-bibtex, in APA style)."""
    return make_page(
        atlas,
        settings,
        "references/index.md",
        "references.md.j2",
        kind="references",
        source="references.bib",
        entries=sorted(((key, formatted[key]) for key in atlas.references), key=lambda kv: kv[1].lower()),
        foreign=settings.language != DEFAULT,  # the works are in English, as published
        title=_("References"),
        description=_("The research cited on SMR Atlas, with DOI links."),
        reviewed=reviewed,
    )


def downloads_page(atlas: Atlas, settings: Settings, pages: list[Page]) -> Page:
    """The Downloads page: the book, every handout of ``pages`` and the offline copy — as links when this
    build makes them (`make build`), else a pointer to the published site. The offline copy holds the
    PDFs but not the zip it came in."""
    handouts = {kind: [] for kind in ("technique", "routine")}
    for page in pages:
        if page.handout:
            handouts[page.kind].append(page)
    for items in handouts.values():
        items.sort(key=lambda page: page.title.lower())
    return make_page(
        atlas,
        settings,
        "downloads/index.md",
        "downloads.md.j2",
        kind="downloads",
        source=None,
        on=settings.downloads,
        offline=settings.offline,
        techniques=handouts["technique"],
        routines=handouts["routine"],
        book=settings.prefix + BOOK,
        offline_zip=OFFLINE_ZIP,
        title=_("Downloads"),
        description=_(
            "The whole SMR Atlas guide as a PDF book, one-page handouts for clients, and a copy of the "
            "site that works offline."
        ),
        reviewed=latest(page.reviewed for page in pages),
        published=Markup(settings.canonical("downloads/index.md")),  # from mkdocs.yml, not from data
        data={key: Markup(value) if value else value for key, value in page_links(atlas, settings.site_url).items()},
    )
