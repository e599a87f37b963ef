"""Where the downloads live in the site, and the links pages make to them.

`make build` builds the site with ``ATLAS_DOWNLOADS=true`` and then makes the files with
``python -m atlas.export_pdf site`` (atlas/export_pdf.py): the book, one handout per technique
and routine, and the offline zip. A plain build or `mkdocs serve` makes no files, so it makes no
links to them either: every link here is switched off unless ``downloads_on`` says the files will
exist. Links are raw HTML (MkDocs does not check them; tests/test_pdf_offline.py does) with paths
relative to the page, so they work from a server and from file:// in the offline copy.

Hand-written pages may write ``{download:book}`` or ``{download:offline}`` for a link to the
book or to the offline copy; without downloads they become the same words without a link.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import jinja2

from .errors import DataError, Problem, line_at

BOOK = "downloads/smr-atlas.pdf"
OFFLINE_ZIP = "downloads/smr-atlas-offline.zip"
DOWNLOADS_PAGE = "downloads/index.md"
HANDOUT_KINDS = {"techniques": "technique", "routines": "routine"}  # site folder → kind of handout
MARKER = re.compile(r"\{download:\s*([^}\s]*)\s*\}")
MARKER_LINKS = {
    "book": (BOOK, "the whole guide as one PDF book"),
    "offline": (OFFLINE_ZIP, "the whole site as a ZIP file that works offline"),
}
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,
)  # output is Markdown; titles are escaped with the `e` filter


def downloads_on(value) -> bool:
    """``extra.downloads`` from mkdocs.yml (``!ENV [ATLAS_DOWNLOADS, false]``): a bool or the variable's text."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def handout_path(src_uri: str) -> str | None:
    """'techniques/calves-foam-roller.md' → 'downloads/techniques/calves-foam-roller.pdf'; None for a
    page without a handout (index pages, everything outside techniques/ and routines/)."""
    folder, _, name = src_uri.partition("/")
    stem, ext = posixpath.splitext(name)
    if folder not in HANDOUT_KINDS or ext != ".md" or "/" in stem or stem in {"index", "builder", "sheet"}:
        return None
    return f"downloads/{folder}/{stem}.pdf"


def href(target: str, page_url: str) -> str:
    """``target`` (a path in the site) as seen from the page at ``page_url`` ('techniques/x/' with
    directory URLs, 'techniques/x.html' in the offline build)."""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(target, here.rstrip("/") or ".")


def handout_link(src_uri: str, page_url: str) -> str | None:
    """The "Download handout (PDF)" line for a technique or routine page, or None."""
    path = handout_path(src_uri)
    if path is None:
        return None
    kind = HANDOUT_KINDS[src_uri.partition("/")[0]]
    fits = "one page" if kind == "technique" else "two pages at most"
    return (
        f'<p class="atlas-download" data-handout="{kind}"><a href="{href(path, page_url)}" '
        f'type="application/pdf">Download handout (PDF)</a> <span class="atlas-download__note">'
        f"{fits}, prints on A4 or US Letter</span></p>"
    )


def add_handout_link(markdown: str, src_uri: str, page_url: str) -> str:
    """Put the handout link right under the page's title (the first '# ' line)."""
    link = handout_link(src_uri, page_url)
    if link is None:
        return markdown
    title = re.search(r"^# .*$", markdown, re.M)
    if title is None:
        return f"{link}\n\n{markdown}"
    return f"{markdown[: title.end()]}\n\n{link}\n{markdown[title.end() :]}"


def replace_markers(markdown: str, *, page_url: str, file: str, line_offset: int, on: bool) -> str:
    """``{download:book}`` / ``{download:offline}`` → a link (or the bare words when downloads are off)."""
    problems = []

    def link(match: re.Match) -> str:
        if match.group(1) not in MARKER_LINKS:
            line = line_at(markdown, match.start()) + line_offset
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    f"unknown download '{match.group(1)}'",
                    f"use one of {', '.join('{download:' + k + '}' for k in MARKER_LINKS)}",
                )
            )
            return match.group(0)
        target, words = MARKER_LINKS[match.group(1)]
        return f'<a href="{href(target, page_url)}">{words}</a>' if on else words

    markdown = MARKER.sub(link, markdown)
    if problems:
        raise DataError(problems)
    return markdown


def downloads_page(pages: list[tuple[str, str, str]], *, on: bool, site_url: str, offline: bool = False) -> str:
    """The Markdown of the Downloads page. ``pages`` holds (src_uri, title, reviewed) of every page;
    the ones with a handout are listed. Links are relative to downloads/, where the files are.
    ``offline``: this is the offline copy, which holds the PDFs but not the zip it came in."""
    handouts = {kind: [] for kind in HANDOUT_KINDS}
    for src_uri, title, _ in pages:
        path = handout_path(src_uri)
        if path:
            handouts[src_uri.partition("/")[0]].append({"title": title, "href": href(path, "downloads/")})
    for items in handouts.values():
        items.sort(key=lambda item: item["title"].lower())
    reviewed = max((r for _, _, r in pages if r), default=date.today().isoformat())
    return _TEMPLATES.get_template("downloads.md.j2").render(
        on=on,
        offline=offline,
        techniques=handouts["techniques"],
        routines=handouts["routines"],
        reviewed=reviewed,
        book=href(BOOK, "downloads/"),
        offline_zip=href(OFFLINE_ZIP, "downloads/"),
        published=site_url.rstrip("/") + "/downloads/",
    )
