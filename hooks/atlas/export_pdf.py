"""The site as files to keep: the book, a handout per technique and routine, and the offline copy.

Run after a build with downloads on (what `make build` does):

    ATLAS_DOWNLOADS=true mkdocs build --strict --site-dir site
    PYTHONPATH=hooks python -m atlas.export_pdf site

and it writes into site/downloads/ (paths in atlas/downloads.py): smr-atlas.pdf (the book),
techniques/<id>.pdf and routines/<id>.pdf (handouts) and smr-atlas-offline.zip.

The engine is headless Chromium (Debian's package, the one the browser tests use), driven by
Playwright. It renders Material as a browser does, runs the pages' JavaScript and prints with
docs/assets/print.css, so a handout is exactly what "Print" in a browser gives. The site is served
on 127.0.0.1 while printing; Chromium cannot resolve any other host, and a request for one fails
the export.

The book is assembled here rather than by mkdocs-print-site-plugin: that plugin only collects
pages in the nav (our technique pages are linked from index pages instead, to keep pages small),
adds a print page to every `mkdocs serve` and has to stay last among the plugins. book.js builds
one document from the built pages (nav order, each index page followed by the pages it lists),
Chromium prints it twice — the first time to learn on which page each chapter starts, from the
PDF's named destinations — and pypdf adds the bookmarks.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from .downloads import BOOK, HANDOUT_KINDS, OFFLINE_ZIP, handout_path

log = logging.getLogger("atlas.export_pdf")
ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

# Paper. A handout is printed on the part of the sheet that A4 (210 × 297 mm) and US Letter
# (215.9 × 279.4 mm) share, so it prints at 100 % on either without clipping or shrinking.
A4 = ("210mm", "297mm")
LETTER = ("8.5in", "11in")
HANDOUT = ("210mm", "279mm")
HANDOUT_MAX_PAGES = {"technique": 1, "routine": 2}
# If a handout runs over, it is printed a little smaller before the build gives up on it.
FIT_SCALES = (1.0, 0.94, 0.88)
BOOK_MARGIN = {"top": "14mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
# Pages with nothing to print: tools that only work on screen, and this page of downloads.
BOOK_SKIPS = ("routines/builder/", "routines/sheet/", "downloads/")
# Without the first flags Chromium calls Google's hosts on start-up; the last one leaves it no host
# to call but this machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


class ExportError(Exception):
    """Something the build cannot put right by itself; the message says what to do."""


# ---------------------------------------------------------------- serving and the browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Chromium drops connections it no longer needs (e.g. after a page is printed); not our error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(site_dir: Path):
    """The built site on http://127.0.0.1:<free port>, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(browser=None):
    """A Playwright browser: the one given (the tests share theirs), or Chromium from $CHROMIUM,
    else /usr/bin/chromium (tests/ensure_chromium.sh installs it), else Playwright's download."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    launch = {"args": CHROMIUM_ARGS}
    if path != "playwright":
        if not Path(path).exists():
            raise ExportError(f"no Chromium at {path}: run `sh tests/ensure_chromium.sh` or set CHROMIUM")
        launch["executable_path"] = path
    with sync_playwright() as p:
        b = p.chromium.launch(**launch)
        try:
            yield b
        finally:
            b.close()


@contextlib.contextmanager
def offline_context(browser, base_url: str):
    """A light-scheme browser context for the site at ``base_url``; a request to any other host
    fails the export. (Watched, not intercepted: interception would switch off Chromium's cache and
    double the time. The browser launched here cannot resolve any other host anyway.)"""
    context = browser.new_context(base_url=base_url, color_scheme="light", viewport={"width": 1200, "height": 900})
    elsewhere: list[str] = []
    allowed = urlparse(base_url).netloc

    def watch(request):
        if not request.url.startswith(("data:", "blob:", "about:")) and urlparse(request.url).netloc != allowed:
            elsewhere.append(request.url)

    context.on("request", watch)
    try:
        yield context
    finally:
        context.close()
    if elsewhere:
        raise ExportError("printing asked for other hosts: " + ", ".join(sorted(set(elsewhere))[:5]))


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


# ---------------------------------------------------------------- handouts


@dataclass
class Handout:
    url: str  # the page in the site, e.g. techniques/calves-foam-roller/
    kind: str  # technique or routine
    path: str  # the PDF in the site, e.g. downloads/techniques/calves-foam-roller.pdf
    pages: int = 0
    scale: float = 1.0
    size: int = 0  # bytes


def handouts_in(site_dir: Path) -> list[Handout]:
    """Every page of the built site that links to its handout (hooks/atlas_downloads.py marks them),
    so a handout is made for exactly the pages that offer one (not, say, a redirect from an old id)."""
    found = []
    for folder, kind in HANDOUT_KINDS.items():
        for page in sorted((site_dir / folder).glob("*/index.html")):
            path = handout_path(f"{folder}/{page.parent.name}.md")
            if path and f'data-handout="{kind}"' in page.read_text(encoding="utf-8"):
                found.append(Handout(f"{folder}/{page.parent.name}/", kind, path))
    return found


def ensure_qr(page) -> bool:
    """Give the page a QR code and its address for print, unless it has one (the share block's
    ``.atlas-qr``). Returns True when one was added."""
    if page.locator("article .atlas-qr").count():
        return False
    import segno

    url = page.evaluate("() => (document.querySelector('link[rel=canonical]') || location).href")
    svg = segno.make_qr(url, error="m").svg_inline(
        border=4, dark="#000", light="#fff", omitsize=True, svgclass="atlas-qr", lineclass=None
    )
    page.evaluate(
        """([svg, url]) => {
        const box = document.createElement('div');
        box.className = 'atlas-qr-handout';
        box.innerHTML = `<div class="atlas-qr-handout__qr">${svg}</div><p class="atlas-qr-handout__url"></p>`;
        box.querySelector('p').textContent = url;
        const h1 = document.querySelector('article h1');
        h1 ? h1.after(box) : document.querySelector('article').prepend(box);
    }""",
        [svg, url],
    )
    return True


def print_handout(page, url: str, *, paper=HANDOUT, max_pages: int = 1) -> tuple[bytes, float]:
    """One page of the site printed as a handout: (PDF, the scale it needed)."""
    page.goto(url, wait_until="load")
    ensure_qr(page)
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
    """Print every technique and routine page of ``site_dir`` as a handout into ``out_dir`` (default:
    the site itself, at the paths the pages link to). ``only``: page URLs to limit it to."""
    site_dir = Path(site_dir)
    out_dir = Path(out_dir) if out_dir else site_dir
    handouts = [h for h in handouts_in(site_dir) if only is None or h.url in only]
    if not handouts:
        raise ExportError(
            f"{site_dir}: no page links to a handout — build the site with ATLAS_DOWNLOADS=true (`make build` does)"
        )
    with serving(site_dir) as base, chromium(browser) as b, offline_context(b, base) as context:
        page = context.new_page()
        for h in handouts:
            pdf, h.scale = print_handout(page, base + h.url, paper=paper, max_pages=HANDOUT_MAX_PAGES[h.kind])
            h.pages, h.size = page_count(pdf), len(pdf)
            target = out_dir / h.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            if h.scale < 1:
                log.warning("/%s: handout printed at %d %% to fit", h.url, h.scale * 100)
    return handouts


# ---------------------------------------------------------------- the book


@dataclass
class Chapter:
    id: str  # the named destination in the PDF
    title: str
    level: int  # 1 = part or top-level page, 2 = page in a part, 3 = page listed by an index page
    page: int = 0  # 0-based page in the PDF
    children: list[Chapter] = field(default_factory=list)


def build_book(site_dir: Path, out: Path | None = None, *, browser=None) -> Path:
    """The whole site as one A4 PDF: cover, contents with page numbers, every page, bookmarks."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    site_dir = Path(site_dir)
    out = Path(out) if out else site_dir / BOOK
    env = Environment(loader=FileSystemLoader(HERE / "templates"), undefined=StrictUndefined, autoescape=True)
    with serving(site_dir) as base, chromium(browser) as b, offline_context(b, base) as context:
        page = context.new_page()
        shell = env.get_template("book.html.j2").render(
            script=(HERE / "templates" / "book.js").read_text(encoding="utf-8"),
            config=json.dumps({"skip": list(BOOK_SKIPS), "today": date.today().isoformat()}),
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
            "/Creator": "SMR Atlas (atlas/export_pdf.py, Chromium)",
        }
    )
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the offline copy


def build_offline_zip(site_dir: Path, zip_path: Path | None = None, *, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """The whole site built for file:// (Material's offline plugin, ATLAS_OFFLINE=true) with the
    book and handouts from ``site_dir`` copied in, zipped to ``zip_path`` (default: into the site)."""
    site_dir = Path(site_dir)
    zip_path = Path(zip_path) if zip_path else site_dir / OFFLINE_ZIP
    with tempfile.TemporaryDirectory(prefix="atlas-offline-") as tmp:
        copy = Path(tmp) / "smr-atlas"
        env = {**os.environ, **MKDOCS_ENV, "ATLAS_OFFLINE": "true", "ATLAS_DOWNLOADS": "true"}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--config-file",
                str(config_file),
                "--site-dir",
                str(copy),
            ],
            cwd=Path(config_file).parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise ExportError(f"the offline build failed:\n{result.stderr[-3000:]}")
        remote = [
            p.relative_to(copy).as_posix()
            for p in copy.rglob("*.html")
            if re.search(r"<script[^>]+src=\"https?://", p.read_text(encoding="utf-8", errors="replace"))
        ]
        if remote:
            raise ExportError(f"the offline copy loads scripts from other hosts, e.g. in {remote[0]}")
        for pdf in sorted((site_dir / "downloads").rglob("*.pdf")):
            target = copy / pdf.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, target)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        partial = zip_path.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for path in sorted(copy.rglob("*")):
                if path.is_file() and path.suffix != ".map":  # source maps are for developers only
                    info = zipfile.ZipInfo(path.relative_to(copy.parent).as_posix(), date_time=(2026, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    z.writestr(info, path.read_bytes())
        partial.replace(zip_path)
    return zip_path


# ---------------------------------------------------------------- everything, as `make build` runs it


def export_all(site_dir: Path, *, browser=None, config_file: Path = ROOT / "mkdocs.yml") -> dict:
    """Handouts, book and offline zip into ``site_dir``; returns what was made, with times and sizes."""
    site_dir = Path(site_dir)
    if not (site_dir / "techniques" / "index.html").exists():
        raise ExportError(f"{site_dir} is not a built SMR Atlas site: run `mkdocs build` first")
    report = {}
    with chromium(browser) as b:
        start = time.perf_counter()
        handouts = build_handouts(site_dir, browser=b)
        report["handouts"] = {
            "seconds": time.perf_counter() - start,
            "count": len(handouts),
            "bytes": sum(h.size for h in handouts),
            "items": handouts,
        }
        start = time.perf_counter()
        book = build_book(site_dir, browser=b)
        report["book"] = {
            "seconds": time.perf_counter() - start,
            "bytes": book.stat().st_size,
            "pages": page_count(book.read_bytes()),
            "path": book,
        }
    start = time.perf_counter()
    bundle = build_offline_zip(site_dir, config_file=config_file)
    report["offline"] = {"seconds": time.perf_counter() - start, "bytes": bundle.stat().st_size, "path": bundle}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.export_pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site, e.g. site")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml", help="for the offline build")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    try:
        report = export_all(args.site, config_file=args.config_file.resolve())
    except ExportError as e:
        log.error("%s", e)
        return 1
    mb = 1024 * 1024
    h, book, offline = report["handouts"], report["book"], report["offline"]
    log.info("Handouts: %d PDFs, %.1f MB, in %.1f s", h["count"], h["bytes"] / mb, h["seconds"])
    log.info("Book: %d pages, %.1f MB, in %.1f s (%s)", book["pages"], book["bytes"] / mb, book["seconds"], BOOK)
    log.info("Offline copy: %.1f MB, in %.1f s (%s)", offline["bytes"] / mb, offline["seconds"], OFFLINE_ZIP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
