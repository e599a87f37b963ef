"""This build of the site: every page it has, what kind each is, where it comes from, and its parts.

A ``Build`` is made once per build from the checked data (``atlas.records.load_atlas``). It makes every
generated page whole (``generated``), finishes the hand-written pages in docs/ the same way
(``finish_hand_written``), and writes the page list the PDF exporter reads (``manifest``), so nothing
has to find a page again in the built HTML.
"""

from __future__ import annotations

from .docs_pages import front_matter
from .i18n import DEFAULT, prefix, speaking
from .markers import Where, expand_markers
from .model import Atlas
from .page import HANDOUT_KINDS, Page, Settings, finish, with_notice
from .page_translations import localized_path, page_translation_notice
from .pages.library import (
    equipment_index,
    equipment_page,
    figures_page,
    latest,
    region_page,
    regions_index,
    technique_page,
    techniques_index,
)
from .pages.reference import claims_page, downloads_page, glossary_page, references_page
from .pages.routines import (
    routine_builder_page,
    routine_page,
    routine_progress_page,
    routine_sheet_page,
    routines_index,
)
from .urls import canonical_url

HANDOUT_MAX_PAGES = {"technique": 1, "routine": 2}  # a technique fits one sheet; a routine two at most


class Build:
    """The pages of one language's build pass (``settings.language``); everything it writes is in that
    language (atlas/i18n.py)."""

    def __init__(self, atlas: Atlas, settings: Settings, formatted_references: dict[str, str]):
        self.atlas, self.settings = atlas, settings
        with speaking(settings.language):
            self.pages: list[Page] = self._generate(formatted_references)
        self._by_src = {page.src_uri: page for page in self.pages}
        self._seen: dict[str, Page] = {}  # every page of the pass, hand-written ones included, as MkDocs renders them

    def _generate(self, formatted_references: dict[str, str]) -> list[Page]:
        """Every generated page, in a fixed order (search lists pages in the order MkDocs gets them)."""
        atlas, settings = self.atlas, self.settings
        reviewed = latest(t.reviewed for t in atlas.techniques.values())
        pages = [technique_page(t, atlas, settings) for t in atlas.techniques.values()]
        pages.append(techniques_index(atlas, settings))
        pages.append(figures_page(atlas, settings))
        pages += [region_page(r, atlas, settings) for r in atlas.regions]
        pages.append(regions_index(atlas, settings))
        pages += [equipment_page(e, atlas, settings) for e in atlas.equipment]
        pages.append(equipment_index(atlas, settings))
        pages += [routine_page(r, atlas, settings) for r in atlas.routines.values()]
        pages.append(routines_index(atlas, settings))
        pages.append(routine_builder_page(atlas, settings, reviewed))
        pages.append(routine_sheet_page(atlas, settings, reviewed))
        pages.append(routine_progress_page(atlas, settings, reviewed))
        pages.append(claims_page(atlas, settings))
        pages.append(glossary_page(atlas, settings, reviewed))
        pages.append(references_page(atlas, settings, formatted_references, reviewed))
        pages.append(downloads_page(atlas, settings, pages))
        return pages

    def finish_hand_written(self, markdown: str, *, src_uri: str, raw: str, language: str = DEFAULT) -> str:
        """A page from docs/ (``raw``: the whole file; ``markdown``: what MkDocs made of it; ``language``:
        the language it is written in, which in another language's pass is English until it is
        translated): its front matter and markers checked, markers expanded, a notice if its translation
        lags the English, then the parts every page ends with."""
        file = localized_path(f"docs/{src_uri}", language)
        meta, line_offset = front_matter(raw, file, self.settings.today)
        with speaking(self.settings.language):
            markdown = expand_markers(markdown, self.atlas, self.settings, Where(src_uri, file, line_offset))
            notice = page_translation_notice(self.settings, src_uri, meta, language)
            return finish(self.atlas, with_notice(markdown, notice), meta.data["reviewed"])

    def record(self, src_uri: str, *, raw: str = "", title: str = "") -> Page:
        """The record of any page of this build: a generated one as made, a hand-written one from its file
        (``raw``) with its checked front matter, titled as in its front matter or else ``title``."""
        if src_uri in self._by_src:
            return self._by_src[src_uri]
        meta, _ = front_matter(raw, f"docs/{src_uri}")
        name = str(meta.data.get("title") or title)
        return Page(src_uri, "topic", name, str(meta.data["reviewed"]), f"docs/{src_uri}", raw, meta=dict(meta.data))

    def seen(self, page: Page) -> None:
        """Note a page of this pass as MkDocs renders it (on_page_context), for the sitemap."""
        self._seen[page.src_uri] = page

    def addresses(self) -> dict[str, tuple[str, str]]:
        """Every page of this pass seen so far: source path → (public address, reviewed date)."""
        return {src: (self.settings.canonical(src), str(page.reviewed)) for src, page in self._seen.items()}

    def alternates(self, src_uri: str, languages) -> list[dict]:
        """The page's address in each language the site is built in, for <link rel="alternate" hreflang>."""
        return [
            {"lang": lang, "url": canonical_url(self.settings.site_url, src_uri, prefix=prefix(lang))}
            for lang in languages
        ]

    def manifest(self) -> dict:
        """The pages with a handout, for the PDF exporter (atlas/export/): where each page and its PDF
        live in the built site, and how many sheets it may take."""
        return {
            "handouts": [
                {
                    "url": self.settings.page_url(p.src_uri),
                    "kind": p.kind,
                    "title": p.title,
                    "pdf": p.handout,
                    "max_pages": HANDOUT_MAX_PAGES[p.kind],
                }
                for p in self.pages
                if p.handout and p.kind in HANDOUT_KINDS.values()
            ]
        }
