"""The sitemap of every language at once (site/sitemap.xml and .gz), written after the last language's
build pass: each page's address, its last review as <lastmod>, and an <xhtml:link rel="alternate"
hreflang> for each language it is written in — what search engines read to show a Spanish reader the
Spanish page. MkDocs' own sitemap knows only the pass it is written in, so the hooks leave it unwritten.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .i18n import DEFAULT


def sitemap_xml(pages: dict[str, dict[str, tuple[str, str]]]) -> str:
    """``pages``: language → {source path → (public address, reviewed date)}."""
    sources = sorted({src for per_language in pages.values() for src in per_language})
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for src in sources:
        versions = {lang: per_language[src] for lang, per_language in pages.items() if src in per_language}
        for url, reviewed in versions.values():
            lines += ["  <url>", f"    <loc>{escape(url)}</loc>", f"    <lastmod>{escape(str(reviewed))}</lastmod>"]
            for lang, (alternate, _) in versions.items():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(alternate)}/>')
            if DEFAULT in versions:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(versions[DEFAULT][0])}/>'
                )
            lines.append("  </url>")
    return "\n".join([*lines, "</urlset>", ""])


def write_sitemap(site_dir: Path, pages: dict[str, dict[str, tuple[str, str]]]) -> None:
    text = sitemap_xml(pages).encode("utf-8")
    (Path(site_dir) / "sitemap.xml").write_bytes(text)
    (Path(site_dir) / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))
