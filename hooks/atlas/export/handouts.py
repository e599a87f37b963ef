"""One-page handouts: each technique and routine page printed on the paper A4 and US Letter share.

The pages to print come from the page list the build wrote (downloads/pages.json, atlas.site.Build
.manifest), not from searching the built HTML. Every link in a handout points at the public site: the
printed page's links are rewritten from its canonical URL before printing (public_links.js), because
Chromium keeps links as the page has them, and the page was loaded from a local server.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..pages.reference import PAGE_LIST
from ..templating import TEMPLATES
from .browser import ExportError, chromium, offline_context, page_count, serving

log = logging.getLogger("atlas.export")

# Paper. A handout is printed on the part of the sheet that A4 (210 × 297 mm) and US Letter
# (215.9 × 279.4 mm) share, so it prints at 100 % on either without clipping or shrinking.
A4 = ("210mm", "297mm")
LETTER = ("8.5in", "11in")
HANDOUT = ("210mm", "279mm")
# If a handout runs over, it is printed a little smaller before the build gives up on it.
FIT_SCALES = (1.0, 0.94, 0.88)
PUBLIC_LINKS = (TEMPLATES / "public_links.js").read_text(encoding="utf-8")


@dataclass
class Handout:
    url: str  # the page in the site, e.g. techniques/calves-foam-roller/
    kind: str  # technique or routine
    path: str  # the PDF in the site, e.g. downloads/techniques/calves-foam-roller.pdf
    max_pages: int = 1
    pages: int = 0
    scale: float = 1.0
    size: int = 0  # bytes


def handouts_in(site_dir: Path) -> list[Handout]:
    """Every page of the built site that has a handout, from the page list the build wrote."""
    manifest = Path(site_dir) / PAGE_LIST
    if not manifest.is_file():
        raise ExportError(f"{site_dir}: no {PAGE_LIST} — build the site first (`make build` does)")
    items = json.loads(manifest.read_text(encoding="utf-8"))["handouts"]
    return [Handout(item["url"], item["kind"], item["pdf"], item["max_pages"]) for item in items]


def print_handout(page, url: str, *, paper=HANDOUT, max_pages: int = 1) -> tuple[bytes, float]:
    """One page of the site printed as a handout: (PDF, the scale it needed)."""
    page.goto(url, wait_until="load")
    if not page.locator("article .atlas-qr").count():
        raise ExportError(f"{urlparse(url).path}: the page has no QR code to print — it needs its share block")
    page.evaluate(PUBLIC_LINKS)
    for scale in FIT_SCALES:
        pdf = page.pdf(width=paper[0], height=paper[1], print_background=True, scale=scale, tagged=True)
        if page_count(pdf) <= max_pages:
            return pdf, scale
    raise ExportError(
        f"{urlparse(url).path}: the handout needs {page_count(pdf)} pages even at {int(scale * 100)} % "
        f"(at most {max_pages}) — shorten the page's text, e.g. its steps or safety lists"
    )


def build_handouts(
    site_dir: Path, out_dir: Path | None = None, *, paper=HANDOUT, browser=None, only: list[str] | None = None
) -> list[Handout]:
    """Print every handout page of ``site_dir`` into ``out_dir`` (default: the site itself, at the paths
    the pages link to). ``only``: page URLs to limit it to."""
    site_dir = Path(site_dir)
    out_dir = Path(out_dir) if out_dir else site_dir
    handouts = [h for h in handouts_in(site_dir) if only is None or h.url in only]
    if not handouts:
        raise ExportError(
            f"{site_dir}: no page has a handout — build the site with ATLAS_DOWNLOADS=true (`make build` does)"
        )
    with serving(site_dir) as base, chromium(browser) as b, offline_context(b, base) as context:
        page = context.new_page()
        for h in handouts:
            pdf, h.scale = print_handout(page, base + h.url, paper=paper, max_pages=h.max_pages)
            h.pages, h.size = page_count(pdf), len(pdf)
            target = out_dir / h.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            if h.scale < 1:
                log.warning("/%s: handout printed at %d %% to fit", h.url, h.scale * 100)
    return handouts
