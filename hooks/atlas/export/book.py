"""The book: the whole site as one A4 PDF — cover, contents with page numbers, every page, bookmarks.

It is assembled here rather than by mkdocs-print-site-plugin: that plugin only collects pages in the
nav (technique pages are linked from index pages instead, to keep pages small), adds a print page to
every `mkdocs serve` and has to stay last among the plugins. book.js builds one document from the
built pages (nav order, each index page followed by the pages it lists), Chromium prints it twice —
the first time to learn on which page each chapter starts, from the PDF's named destinations — and
pypdf adds the bookmarks.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..i18n import DEFAULT, prefix, speaking
from ..pages.reference import BOOK, PAGE_LIST
from ..templating import TEMPLATES, render
from .browser import ExportError, chromium, offline_context, serving

BOOK_MARGIN = {"top": "14mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
# Pages with nothing to print: tools that only work on screen, the page of downloads, the authors' figure review.
BOOK_SKIPS = (
    "routines/builder/",
    "routines/sheet/",
    "routines/progress/",
    "downloads/",
    "figures/",
)  # figures/: for authors


@dataclass
class Chapter:
    id: str  # the named destination in the PDF
    title: str
    level: int  # 1 = part or top-level page, 2 = page in a part, 3 = page listed by an index page
    page: int = 0  # 0-based page in the PDF
    children: list[Chapter] = field(default_factory=list)


def build_book(site_dir: Path, out: Path | None = None, *, browser=None, language: str = DEFAULT) -> Path:
    """The whole site in ``language`` as one A4 PDF: cover, contents with page numbers, every page,
    bookmarks (es/downloads/smr-atlas.pdf in Spanish)."""
    site_dir, home = Path(site_dir), prefix(language)
    out = Path(out) if out else site_dir / f"{home}{BOOK}"
    stylesheets = _stylesheets(site_dir, language)
    with serving(site_dir) as base, chromium(browser) as b, offline_context(b, base) as context:
        page = context.new_page()
        config = {
            "skip": [home + p for p in BOOK_SKIPS],
            "today": date.today().isoformat(),
            "home": home,
            "stylesheets": stylesheets,
        }
        with speaking(language):
            shell = render(
                "book.html.j2",
                script=(TEMPLATES / "book.js").read_text(encoding="utf-8"),
                config=json.dumps(config | {"lang": language}),
                lang=language,
            )
        shell_url = base + "__atlas_book__.html"  # never written to disk; the page is fulfilled here
        page.route(shell_url, lambda route: route.fulfill(body=shell, content_type="text/html; charset=utf-8"))
        page.goto(shell_url, wait_until="load")
        flat = page.evaluate("() => window.atlasBookReady")  # book.js: [{id, title, level}], in book order
        if not flat or isinstance(flat, dict) and flat.get("error"):
            raise ExportError(f"the book could not be assembled: {flat and flat.get('error')}")
        chapters = [Chapter(c["id"], c["title"], c["level"]) for c in flat]
        pdf = _print_book(page)
        for _attempt in range(3):  # numbers fill fixed-width slots, so one more pass normally settles it
            starts = _chapter_pages(pdf, chapters)
            page.evaluate("numbers => window.atlasSetPageNumbers(numbers)", {k: v + 1 for k, v in starts.items()})
            pdf = _print_book(page)
            if _chapter_pages(pdf, chapters) == starts:
                break
        else:
            raise ExportError("the book's page numbers did not settle after three passes")
    for c in chapters:
        c.page = starts[c.id]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_with_outline(pdf, chapters))
    return out


def _stylesheets(site_dir: Path, language: str) -> list[str]:
    """The book's stylesheets: Material's and the site's, purged against every page of ``language`` (a
    page's own are purged against the pages of its type only), as the build listed them in
    downloads/pages.json."""
    manifest = site_dir / PAGE_LIST
    listed = json.loads(manifest.read_text(encoding="utf-8")).get("stylesheets") if manifest.is_file() else None
    stylesheets = (listed or {}).get(language)
    if not stylesheets:
        raise ExportError(f"{site_dir}: {PAGE_LIST} names no book stylesheets: build with ATLAS_DOWNLOADS=true")
    return stylesheets


# tagged=True: headings, reading order and the QR codes' alt text reach screen readers. It doubles the
# book's size (1.7 → 3.8 MB for 167 pages) and adds about a third to its time; worth it for a health guide.
def _print_book(page) -> bytes:
    footer = (
        "<div style=\"width:100%;font:8pt 'Liberation Sans',Arial,sans-serif;color:#555;text-align:center\">"
        '<span class="pageNumber"></span></div>'
    )
    return page.pdf(
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=footer,
        margin=BOOK_MARGIN,
        tagged=True,
    )


def _chapter_pages(pdf: bytes, chapters: list[Chapter]) -> dict[str, int]:
    """The 0-based page each chapter starts on, from the named destinations Chromium writes for ids."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    dests = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    missing = [c.id for c in chapters if c.id not in dests]
    if missing:
        raise ExportError(f"the book has no destination for {missing[:5]}: is every chapter in the contents?")
    return {c.id: reader.get_destination_page_number(dests[c.id]) for c in chapters}


def _with_outline(pdf: bytes, chapters: list[Chapter]) -> bytes:
    """The PDF with bookmarks for every part and page (not every heading: 30 "Steps" would drown it)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    parents: dict[int, object] = {}
    for c in chapters:
        parent = parents.get(c.level - 1) if c.level > 1 else None
        parents[c.level] = writer.add_outline_item(title=c.title, page_number=c.page, parent=parent)
    writer.add_metadata(
        {
            "/Title": "SMR Atlas",
            "/Subject": "A plain, honest guide to self-myofascial release",
            "/Creator": "SMR Atlas (atlas/export/book.py, Chromium)",
        }
    )
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
