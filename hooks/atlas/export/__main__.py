"""`python -m atlas.export SITE`: the handouts, the book and the offline zip of a built site (`make build`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..pages.reference import BOOK, OFFLINE_ZIP, PAGE_LIST
from .book import build_book
from .browser import ExportError, chromium, page_count
from .handouts import build_handouts
from .offline import ROOT, build_offline_copy, pack_offline_zip

log = logging.getLogger("atlas.export")


def export_all(site_dir: Path, *, browser=None, config_file: Path = ROOT / "mkdocs.yml") -> dict:
    """Handouts, book and offline zip into ``site_dir``; returns what was made, with times and sizes."""
    site_dir = Path(site_dir)
    if not (site_dir / "techniques" / "index.html").exists():
        raise ExportError(f"{site_dir} is not a built SMR Atlas site: run `mkdocs build` first")
    report = {}
    # The offline copy is a MkDocs build of its own, in its own process: made while Chromium prints the PDFs,
    # so the machine's other core is not idle; the PDFs go into it once they exist.
    # The books print in a browser of their own on another thread (Playwright: one instance per thread).
    with tempfile.TemporaryDirectory(prefix="atlas-offline-") as tmp, ThreadPoolExecutor(2) as pool:
        offline_copy = pool.submit(build_offline_copy, Path(tmp) / "smr-atlas", config_file)
        started = time.perf_counter()
        books = pool.submit(_books, site_dir, None)
        with chromium(browser) as b:
            report["handouts"] = _handouts(site_dir, b)
        report["book"] = books.result()
        report["pdf_seconds"] = time.perf_counter() - started
        start = time.perf_counter()
        bundle = pack_offline_zip(offline_copy.result(), site_dir)
        report["offline"] = {"seconds": time.perf_counter() - start, "bytes": bundle.stat().st_size, "path": bundle}
    return report


def _handouts(site_dir: Path, browser) -> dict:
    start = time.perf_counter()
    handouts = build_handouts(site_dir, browser=browser)
    return {
        "seconds": time.perf_counter() - start,
        "count": len(handouts),
        "bytes": sum(h.size for h in handouts),
        "items": handouts,
    }


def _books(site_dir: Path, browser) -> dict:
    start = time.perf_counter()
    with chromium(browser) as b:
        books = [build_book(site_dir, browser=b, language=lang) for lang in _languages(site_dir)]
    book = books[0]
    return {
        "seconds": time.perf_counter() - start,
        "bytes": book.stat().st_size,
        "pages": page_count(book.read_bytes()),
        "path": book,
        "books": books,
    }


def _languages(site_dir: Path) -> list[str]:
    """The languages the build wrote (in its page list, atlas_hooks.on_post_build)."""
    manifest = json.loads((site_dir / PAGE_LIST).read_text(encoding="utf-8"))
    return manifest.get("languages", ["en"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.export", description=__doc__.split("\n\n")[0])
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
    log.info("PDFs: %.1f s, handouts and books side by side", report["pdf_seconds"])
    log.info("Handouts: %d PDFs, %.1f MB, in %.1f s", h["count"], h["bytes"] / mb, h["seconds"])
    log.info(
        "Books: %d in %.1f s; the English one %d pages, %.1f MB (%s)",
        len(book["books"]),
        book["seconds"],
        book["pages"],
        book["bytes"] / mb,
        BOOK,
    )
    log.info(
        "Offline copy: %.1f MB, %.1f s after the PDFs (built beside them) (%s)",
        offline["bytes"] / mb,
        offline["seconds"],
        OFFLINE_ZIP,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
