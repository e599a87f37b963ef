"""Offline at the gym (issue 15): the installable sheet and its service worker in the published build, the
pages a server shows instead (404, and 503 for offline), and the offline zip's links under file://.

The published build is the session's `exported` site (conftest.py): made as `make build` makes it.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from atlas.installable import ICON_SIZES, MANIFEST, OFFLINE_PAGE, PAGES_CACHE, SERVICE_WORKER, icon_path
from atlas.routine_link import fragment
from static_server import serve

STEPS = [("calves-foam-roller", 30, 2), ("glutes-foam-roller", 45, 1)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def published(exported):
    """The published build on 127.0.0.1, as a static host serves it."""
    site, _ = exported
    server, url = serve(site)
    yield site, url
    server.shutdown()


def _poll(page, script: str, *, until, tries: int = 75) -> object:
    """``script``'s value once ``until(value)`` holds (the site's Content-Security-Policy refuses the string
    evaluation that Playwright's wait_for_function uses)."""
    value = None
    for _ in range(tries):
        value = page.evaluate(script)
        if until(value):
            return value
        page.wait_for_timeout(200)
    raise AssertionError(f"never true: {script} → {value!r}")


# ---- Installable, and the sheet works with no network -------------------------------------------------


def test_the_manifest_names_the_sheet_and_its_icons_exist(published):
    from PIL import Image

    site, _ = published
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"].endswith("/routines/sheet/") and manifest["display"] == "standalone"
    for size in ICON_SIZES:
        with Image.open(site / icon_path(size)) as icon:
            assert icon.size == (size, size)
    sheet = (site / "routines" / "sheet" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<link rel="manifest" href="[./]*manifest\.webmanifest" data-service-worker="[./]*sw\.js">', sheet
    )
    spanish = json.loads((site / "es" / MANIFEST).read_text(encoding="utf-8"))
    assert spanish["start_url"].endswith("/es/routines/sheet/") and spanish["lang"] == "es"
    assert "es/routines/sheet/index.html" in (site / SERVICE_WORKER).read_text(encoding="utf-8")
    worker = (site / SERVICE_WORKER).read_text(encoding="utf-8")
    assert "routines/sheet/index.html" in worker and OFFLINE_PAGE in worker
    runtime = re.search(r'define\(\["\./(workbox-[0-9a-f]+)"\]', worker)  # Workbox's runtime, from this site
    assert runtime and (site / f"{runtime.group(1)}.js").is_file()


def test_a_sheet_opened_once_opens_again_offline_with_its_techniques_and_timer(published, browser):
    _, url = published
    context = browser.new_context(base_url=url, **PHONE)
    elsewhere: list[str] = []  # nothing, the service worker's requests included, goes to another host
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda r: (elsewhere.append(r.request.url), r.abort()))
    page = context.new_page()
    page.clock.install()
    page.goto("/routines/sheet/#" + fragment("Anna", STEPS, "Go easy"))
    _poll(page, "navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)", until=bool)
    kept = _poll(
        page,
        f"caches.open('{PAGES_CACHE}').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))",
        until=lambda paths: len(paths) >= len(STEPS),
    )
    assert sorted(kept) == sorted(f"/techniques/{tid}/" for tid, _, _ in STEPS)
    print(f"\nservice worker caches: {page.evaluate(_CACHE_BYTES) / 1024:.0f} KB")

    context.set_offline(True)
    page.goto("/routines/sheet/")  # as from the home-screen icon, in a gym basement
    page.locator(".atlas-sheet__steps > li").first.wait_for(timeout=5_000)
    assert page.locator(".atlas-sheet__steps > li").count() == len(STEPS)
    assert page.locator(".atlas-step__figure").first.evaluate("img => img.complete && img.naturalWidth > 0")
    page.get_by_role("button", name="Start the timer for step 1").click()
    page.clock.run_for(3_000)
    assert page.locator("[data-timer-clock]").inner_text() == "0:07"
    page.get_by_role("link", name="Calves on a foam roller").click()
    page.wait_for_url("**/techniques/calves-foam-roller/")
    assert page.locator("h1").first.inner_text().startswith("Calves on a foam roller")
    assert page.locator("[data-atlas-timer]").is_visible()
    page.goto("/learn/fascia/")  # never opened on this phone
    assert page.locator("h1").first.inner_text() == "You are offline"
    page.get_by_role("link", name="Open your routine").click()
    page.wait_for_url("**/routines/sheet/#*")  # the last routine, remembered on this phone
    assert page.locator(".atlas-sheet__steps > li").count() == len(STEPS)
    context.close()
    assert elsewhere == []


_CACHE_BYTES = """(async () => {
  let total = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) total += (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return total;
})()"""


def test_the_plain_build_and_the_offline_copy_register_no_service_worker(site):
    sheet = (site / "routines" / "sheet" / "index.html").read_text(encoding="utf-8")
    assert "manifest.webmanifest" not in sheet and "install.js" not in sheet
    assert not (site / SERVICE_WORKER).exists()


# ---- Pages a server shows instead ---------------------------------------------------------------------


def test_the_404_page_helps_from_any_address(page, atlas):
    page.goto("/techniques/calf-rol/deeper/")
    assert page.locator("h1").first.inner_text() == "Page not found"
    assert page.locator(".atlas-not-found__list a").count() == len(atlas.techniques)
    page.locator(".atlas-bodymap li a", has_text=atlas.regions["calves"].title).click()
    page.wait_for_url("**/regions/calves/")
    page.go_back()
    page.get_by_label("Search the site").fill("calves")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?q=calves")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert "Calves" in results.first.inner_text()


def test_the_home_page_says_what_the_site_is_before_the_body_map(page):
    page.goto("/")
    first = page.locator("article > p").first
    after = "p => !!(p.compareDocumentPosition(document.querySelector('.atlas-bodymap')) & 4)"  # 4: FOLLOWING
    assert first.evaluate(after), "the intro comes before the body map"
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", first.inner_text().strip()) if s]
    assert len(sentences) == 2 and "foam roller" in sentences[0]


# ---- Every link works in the offline zip ---------------------------------------------------------------

LINKS = """() => {
  const XLINK = "http://www.w3.org/1999/xlink";
  const out = [];
  for (const el of document.querySelectorAll("*")) {
    for (const value of [el.getAttribute("href"), el.getAttributeNS(XLINK, "href"), el.getAttribute("src")]) {
      if (value && !value.startsWith("#")) out.push(new URL(value, document.baseURI).href);
    }
  }
  return out;
}"""


def _missing(urls: list[str], root: Path) -> set[str]:
    """The file:// targets among ``urls`` that are not a file of the copy (a folder is not a page there)."""
    bad = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme != "file":
            continue
        path = Path(unquote(parts.path))
        if not path.is_file() or root not in path.parents:
            bad.add(url)
    return bad


class _Addresses(HTMLParser):
    """Every address a page's HTML names (href, xlink:href, src), in-page anchors aside."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [v for k, v in attrs if k in ("href", "xlink:href", "src") and v and not v.startswith("#")]


def _addresses(file: Path) -> list[str]:
    parser = _Addresses()
    parser.feed(file.read_text(encoding="utf-8"))
    return [urljoin(file.as_uri(), address) for address in parser.found]


def test_no_link_in_the_offline_zip_leads_to_file_not_found(offline_site, browser):
    """Every page of both languages as written, read for its links; then, in Chromium with the network refused,
    the pages whose links are made by script (as a trainer and a client open them) and a page of each
    language as the browser sees it after Material's scripts ran."""
    root = offline_site
    pages = sorted(root.rglob("*.html"))
    broken = {p.relative_to(root).as_posix(): _missing(_addresses(p), root) for p in pages}
    context = browser.new_context()
    refused: list[str] = []
    context.route(
        re.compile(r"^(https?|wss?|ftp)://"), lambda route: (refused.append(route.request.url), route.abort())
    )
    page = context.new_page()
    opened = [
        (root / "routines" / "builder.html").as_uri() + "?" + fragment("Anna", STEPS),
        (root / "routines" / "sheet.html").as_uri() + "#" + fragment("Anna", STEPS),
        (root / "index.html").as_uri(),
        (root / "es" / "techniques" / "calves-foam-roller.html").as_uri(),
        (root / "routines" / "progress.html").as_uri() + "#" + fragment("Anna", STEPS) + "&d=2026-01-05",
    ]
    for address in opened:
        page.goto(address)
        broken[address.removeprefix(root.as_uri())] = _missing(page.evaluate(LINKS), root)
    assert page.locator(".atlas-log__calendar").count() == 1  # the progress page ran its script
    context.close()
    print(f"\noffline zip: {len(pages)} pages read, {len(opened)} opened in the browser")
    assert len(pages) > 150 and (root / "es" / "index.html") in pages
    assert not (root / "404.html").exists() and not (root / OFFLINE_PAGE).exists()
    assert {page: missing for page, missing in broken.items() if missing} == {}
    assert [u for u in refused if "127.0.0.1" in u] == []


def test_the_offline_zip_goes_from_a_routine_to_the_builder_to_the_sheet_to_a_technique(offline_site, browser):
    root = offline_site
    context = browser.new_context()
    page = context.new_page()
    page.goto((root / "routines" / "pre-run-warm-up.html").as_uri())
    page.get_by_role("link", name="Adapt this routine for a client").click()
    page.locator(".atlas-builder__step").first.wait_for()
    assert page.locator(".atlas-builder__step").count() == 5
    page.get_by_role("link", name="Open the client’s sheet").click()
    page.wait_for_url("**/routines/sheet.html#*")
    first = page.locator('[data-step="link"]').first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/techniques/*.html")
    assert page.locator("h1").first.inner_text().startswith(title)
    context.close()
