"""Quality gates that fail when a budget is broken: accessibility, page weight, other hosts, links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from conftest import PAGE_TYPES, axe_violations

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FIRST_LOAD_BUDGET = 100_000  # bytes on the wire, gzipped: HTML, CSS, JS, images
REPEAT_VISIT_BUDGET = 20_000


# ---------------------------------------------------------------- accessibility (axe-core)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_wcag_violations(browser, base_url, kind, scheme):
    context = browser.new_context(base_url=base_url, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(PAGE_TYPES[kind])
        problems = axe_violations(page, WCAG)
    finally:
        context.close()
    assert problems == [], f"{PAGE_TYPES[kind]} ({scheme}):\n" + "\n".join(problems)


# ---------------------------------------------------------------- page weight and other hosts


def _transfer(page, path: str) -> dict[str, int]:
    """Bytes on the wire per resource type while loading ``path`` (cached responses count 0)."""
    sizes: dict[str, int] = {}
    finished = []
    # on the context, not the page: requests made by web workers (search) count too
    page.context.on("requestfinished", lambda request: finished.append(request))
    page.goto(path, wait_until="networkidle")
    for request in finished:
        response = request.response()
        if response is None or response.status == 304:
            continue
        body = max(request.sizes()["responseBodySize"], 0)  # a cache hit reports a negative size
        if response.from_service_worker or response.headers.get("x-from-cache"):
            continue
        sizes[request.resource_type] = sizes.get(request.resource_type, 0) + body
    return sizes


def test_technique_page_weight(browser, base_url):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    try:
        first = _transfer(page, "/techniques/calves-foam-roller/")
    finally:
        context.close()
    context = browser.new_context(base_url=base_url)  # a fresh listener; the cache is per context, so
    try:  # warm it on one page and measure the next
        page = context.new_page()
        page.goto("/techniques/calves-foam-roller/", wait_until="networkidle")
        repeat = _transfer(context.new_page(), "/techniques/hamstrings-foam-roller/")
    finally:
        context.close()
    first_total, repeat_total = sum(first.values()), sum(repeat.values())  # everything, search index included
    print(f"\nfirst load: {first} = {first_total} B\nrepeat visit: {repeat} = {repeat_total} B")
    assert first.get("document", 0) > 1000, "the page itself must have been counted"
    assert first_total <= FIRST_LOAD_BUDGET, first
    assert repeat_total <= REPEAT_VISIT_BUDGET, repeat


def test_no_page_refers_to_another_host(site):
    """Every page's scripts, styles, images, fonts and frames come from the site itself."""
    offenders = []
    pattern = re.compile(
        r'<(?:script|img|iframe|source|audio|video)[^>]+src="(https?:)?//'
        r'|<link[^>]+rel="(?:stylesheet|preload|preconnect|icon|modulepreload)"[^>]+href="(https?:)?//'
        r'|url\((["\']?)(https?:)?//'
    )
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in pattern.finditer(text):
            offenders.append(f"{path.relative_to(site)}: {match.group(0)[:80]}")
    assert offenders == []


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_request_leaves_the_machine(page, kind):
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
    page.goto(PAGE_TYPES[kind], wait_until="networkidle")
    assert hosts <= {"127.0.0.1"}, hosts


# ---------------------------------------------------------------- links and anchors


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in {"a", "link", "script", "img", "source", "iframe"}:
                self.links.append(attrs[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def test_every_internal_link_and_anchor_resolves(site):
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    ids = {p: parsed.ids for p, parsed in pages.items()}
    broken = []
    base = "https://smr-atlas.github.io/"  # site_url: absolute links to it are internal too
    for path, parsed in pages.items():
        here = base + path.relative_to(site).as_posix()
        for link in parsed.links:
            url = urljoin(here, link)
            if not url.startswith(base):
                continue  # other hosts (DOIs, GitHub) are not ours to check here
            target = unquote(urlparse(url).path[len("/") :])
            file = site / target
            if target == "" or target.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{path.relative_to(site)} → {link}")
                continue
            fragment = urlparse(url).fragment
            if fragment and file.suffix == ".html":
                target_ids = ids.get(file) or _parse(file).ids
                if unquote(fragment) not in target_ids:
                    broken.append(f"{path.relative_to(site)} → {link} (no such anchor)")
    assert broken == [], "\n".join(broken[:40])
    assert (site / "404.html").exists()
