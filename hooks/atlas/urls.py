"""Every page path and link of the site, in one place.

A page is named by its source path, as MkDocs knows it: ``techniques/calves-foam-roller.md``.
Its address in the site depends on ``use_directory_urls``: ``techniques/calves-foam-roller/`` on the
web (the default), ``techniques/calves-foam-roller.html`` in the offline copy, where a browser opening
file:// cannot turn a folder into its index.html.

Every language but the default lives under its own folder (``prefix``: 'es/'), with the same paths below
it: ``techniques/x.md`` in Spanish is ``es/techniques/x/``. A link between two pages of one language is
the same relative URL in every language; a link to a file of the site (assets/…) climbs out of the prefix.

Two kinds of link, both written from one page (``from_src``) to another:
- ``md_link``: a Markdown link between source files. MkDocs turns it into the right address for
  either kind of build and checks it exists (`mkdocs build --strict` fails on a broken one).
- ``href``: a browser URL for raw HTML, which MkDocs leaves alone — widgets, SVG links, and links to
  files MkDocs does not know about (the PDFs are made after the build).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

# Fixed pages the build generates inside folders that data also fills: no technique, routine, region or
# equipment id (and no old id listed under `aliases:`) may take one of these names.
RESERVED_NAMES = {
    "techniques": {"index"},
    "routines": {"index", "builder", "sheet", "progress"},
    "regions": {"index"},
    "equipment": {"index"},
}


def page_url(src_uri: str, *, directory_urls: bool = True, prefix: str = "") -> str:
    """Where a page lives in the built site, relative to its root.

    'techniques/x.md' → 'techniques/x/' (or 'techniques/x.html'); 'techniques/index.md' → 'techniques/'
    (or 'techniques/index.html'); 'index.md' → '' (or 'index.html'); with prefix 'es/', 'es/techniques/x/'."""
    stem = posixpath.splitext(src_uri)[0]
    if not directory_urls:
        return f"{prefix}{stem}.html"
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return prefix + (f"{stem}/" if stem else "")


def href(from_src: str, to: str, *, directory_urls: bool = True, prefix: str = "", to_prefix: str | None = None) -> str:
    """A browser URL, relative to the page ``from_src``, of ``to``: another page's source path
    ('regions/calves.md', in the same language unless ``to_prefix`` says another) or a file in the site
    ('downloads/smr-atlas.pdf')."""
    here = page_url(from_src, directory_urls=directory_urls, prefix=prefix)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    if not to.endswith(".md"):
        return posixpath.relpath(to, base or ".")
    target = page_url(to, directory_urls=directory_urls, prefix=prefix if to_prefix is None else to_prefix)
    if not directory_urls:
        return posixpath.relpath(target, base or ".")
    relative = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    return "./" if relative == "." else relative + "/"


def md_link(from_src: str, to_src: str) -> str:
    """A Markdown link from one source file to another (MkDocs resolves and checks it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def canonical_url(site_url: str, src_uri: str, *, prefix: str = "") -> str:
    """The page's public address, as Material writes it into <link rel="canonical">."""
    return site_url.rstrip("/") + "/" + page_url(src_uri, prefix=prefix)


def from_site_root(site_url: str, to: str, *, prefix: str = "") -> str:
    """A URL of ``to`` (a page's source path or a file) from the server's root, for a page that is served at
    any address: the 404 page, which a server returns for /no/such/page/, where a relative link would miss."""
    root = urlsplit(site_url).path.rstrip("/") + "/"
    return root + (page_url(to, prefix=prefix) if to.endswith(".md") else to)
