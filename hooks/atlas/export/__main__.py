"""`python -m atlas.export SITE`: the handouts, the book and the offline zip of a built site (`make build`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from ..pages.reference import BOOK, OFFLINE_ZIP
from .book import build_book
from .browser import ExportError, chromium, page_count
from .handouts import build_handouts
from .offline import ROOT, build_offline_zip

log = logging.getLogger("atlas.export")


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
        books = [build_book(site_dir, browser=b, language=lang) for lang in _languages(site_dir)]
        book = books[0]
        report["book"] = {
            "seconds": time.perf_counter() - start,
            "bytes": book.stat().st_size,
            "pages": page_count(book.read_bytes()),
            "path": book,
            "books": books,
        }
    start = time.perf_counter()
    bundle = build_offline_zip(site_dir, config_file=config_file)
    report["offline"] = {"seconds": time.perf_counter() - start, "bytes": bundle.stat().st_size, "path": bundle}
    return report


def _languages(site_dir: Path) -> list[str]:
    """The languages the build wrote (downloads/pages.json, atlas_hooks.on_post_build)."""
    manifest = json.loads((site_dir / "downloads" / "pages.json").read_text(encoding="utf-8"))
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
    log.info("Handouts: %d PDFs, %.1f MB, in %.1f s", h["count"], h["bytes"] / mb, h["seconds"])
    log.info("Book: %d pages, %.1f MB, in %.1f s (%s)", book["pages"], book["bytes"] / mb, book["seconds"], BOOK)
    log.info("Offline copy: %.1f MB, in %.1f s (%s)", offline["bytes"] / mb, offline["seconds"], OFFLINE_ZIP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
