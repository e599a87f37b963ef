"""Links that last: a page's canonical URL, its QR code, and redirects from old technique ids.

A technique's URL is /techniques/<id>/ forever. Renaming one means renaming its file and listing
the old id under ``aliases:``; ``alias_redirects`` turns every alias into a redirect for
mkdocs-redirects, so the old URL keeps landing on the new page. The QR code is an inline SVG made
at build time (segno) that encodes exactly the canonical URL, for screens and printed handouts.
"""

from __future__ import annotations

import html
import posixpath

import segno

from .errors import DataError, Problem
from .model import Atlas


def page_path(src_uri: str) -> str:
    """A page's path in the site: 'techniques/calves-foam-roller.md' → 'techniques/calves-foam-roller/',
    'routines/index.md' → 'routines/', 'index.md' → ''."""
    stem = posixpath.splitext(src_uri)[0]
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def canonical_url(site_url: str, src_uri: str) -> str:
    """The page's public address, as Material writes it into <link rel="canonical">."""
    return site_url.rstrip("/") + "/" + page_path(src_uri)


def relative_url(from_src: str, to_src: str) -> str:
    """The URL of page ``to_src`` as seen from page ``from_src`` (both directory URLs), for raw HTML
    links that MkDocs does not rewrite, e.g. a link with a routine in its fragment."""
    here, there = page_path(from_src), page_path(to_src)
    return posixpath.relpath(there or ".", here or ".") + "/"


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for ``url``: black on white whatever the colour scheme, so it always scans,
    and scalable (no width/height; CSS sizes it). Error correction M survives a crumpled print-out.

    The mask is fixed: every mask is valid and decodes (all eight were checked with zxing on 300
    URLs of this site), and trying all eight to pick the "best" took 3.7 ms a page — 4 s of a
    build with 1,000 techniques."""
    qr = segno.make_qr(url, error="m", mask=0)
    svg = qr.svg_inline(border=4, dark="#000", light="#fff", omitsize=True, svgclass="atlas-qr", lineclass=None)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)


def alias_redirects(atlas: Atlas) -> dict[str, str]:
    """{'techniques/<old id>.md': 'techniques/<id>.md'} for every alias, in mkdocs-redirects' format."""
    return {f"techniques/{alias}.md": f"techniques/{t.id}.md" for t in atlas.techniques.values() for alias in t.aliases}


def merge_redirects(configured: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """The redirects from mkdocs.yml plus those from aliases; a page redirected two ways is an error."""
    clashes = [old for old, new in aliases.items() if configured.get(old, new) != new]
    if clashes:
        raise DataError(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    "plugins.redirects.redirect_maps",
                    f"'{old}' is also an alias of {aliases[old]}",
                    "remove one of the two redirects",
                )
                for old in clashes
            ]
        )
    return {**configured, **aliases}
