"""The published URLs (data/published-urls.txt): every page address the site has ever had keeps working.

A link a trainer sent last year must still open. The list only grows: ``make published-urls`` builds
the site and adds its new pages; it never drops one. tests/test_trainers.py fails when a listed URL
no longer resolves in the built site, either as a page or as a redirect page that leads to one.
To move or rename a page, keep its old address working: for a technique, list the old id under
``aliases:``; for any other page, add a redirect under ``plugins: redirects: redirect_maps`` in mkdocs.yml.

Run as ``python -m atlas.published SITE_DIR LIST_FILE`` from hooks/ (the Makefile does this).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

# mkdocs-redirects writes <meta http-equiv="refresh" content="0; url=../new/"> into the old address.
_REFRESH = re.compile(r'<meta\s+http-equiv="refresh"\s+content="\d+;\s*url=([^"]+)"', re.I)
_SKIP = ("assets/", "search/")  # Material's files, not pages anyone links to


def site_urls(site: Path) -> list[str]:
    """Every page of a built site as a path: '/', '/techniques/', '/techniques/calves-foam-roller/', …"""
    urls = []
    for index in site.rglob("index.html"):
        rel = index.parent.relative_to(site).as_posix()
        path = "/" if rel == "." else f"/{rel}/"
        if not path[1:].startswith(_SKIP):
            urls.append(path)
    return sorted(urls)


def read_list(path: Path) -> list[str]:
    """The listed URLs; blank lines and # comments are ignored."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def resolve(site: Path, url: str, hops: int = 5) -> str | None:
    """Where ``url`` lands in the built site: the path of a real page, following redirect pages, or None."""
    for _ in range(hops):
        if not url.startswith("/") or ".." in url.split("/"):
            return None
        target = site / url.lstrip("/")
        page = target / "index.html" if url.endswith("/") else target
        if not page.is_file():
            return None
        match = _REFRESH.search(page.read_text(encoding="utf-8", errors="replace")[:2000])
        if not match:
            return url
        url = urljoin(url, match.group(1)).split("#")[0]
    return None  # a redirect loop


HEADER = """\
# Every page address SMR Atlas has published, one per line. Each must keep working forever:
# tests/test_trainers.py fails when one no longer resolves in the built site. The list only grows;
# `make published-urls` adds new pages. To move a page, keep its old address as a redirect
# (a technique: `aliases:` in its data file; anything else: mkdocs.yml, plugins → redirects).
"""


def update(site: Path, list_file: Path) -> tuple[list[str], list[str]]:
    """Add the site's new pages to the list. Returns (added, broken): listed URLs that no longer resolve."""
    listed = read_list(list_file)
    known = set(listed)
    added = [url for url in site_urls(site) if url not in known]
    broken = [url for url in listed if resolve(site, url) is None]
    list_file.write_text(HEADER + "\n".join(sorted(known | set(added))) + "\n", encoding="utf-8")
    return added, broken


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m atlas.published SITE_DIR LIST_FILE", file=sys.stderr)
        return 2
    site, list_file = Path(argv[0]), Path(argv[1])
    if not (site / "index.html").is_file():
        print(f"error: {site} is not a built site; run `make build` first", file=sys.stderr)
        return 1
    added, broken = update(site, list_file)
    print(f"{list_file}: {len(added)} new page address(es) added" + "".join(f"\n  + {url}" for url in added))
    if broken:
        print(
            "error: these published addresses no longer lead to a page; add an alias or a redirect:"
            + "".join(f"\n  {url}" for url in broken),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
