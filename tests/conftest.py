"""Shared fixtures: the project root on sys.path, a throw-away copy of the data, one strict build
of the real site per test session, and that site served on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / folder) for folder in ("hooks", "tools")]
from project import ENV, ROOT, copy_project  # noqa: E402  (tools/, shared with the benchmark)
from static_server import serve  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
# `make test-fast` sets ATLAS_FAST=1: property-based tests try a tenth of their examples.
FAST = os.environ.get("ATLAS_FAST") == "1"


def scaled(examples: int) -> int:
    """How many examples a property-based test tries: all of them in `make test`, fewer in the fast loop."""
    return max(5, examples // 10) if FAST else examples


# One page of each type the site has: the browser tests visit each (accessibility, weight, security).
PAGE_TYPES = {
    "home": "/",
    "topic": "/learn/how-smr-works/",
    "technique": "/techniques/calves-foam-roller/",
    "region": "/regions/lower-back/",
    "equipment": "/equipment/massage-ball/",
    "routine": "/routines/pre-run-warm-up/",
    "routines": "/routines/",
    "techniques": "/techniques/",
    "glossary": "/glossary/",
    "claims": "/claims/",
    "references": "/references/",
    "about": "/about/",
    "404": "/no-such-page/",
    # Spanish, sampled (issue 18): the pages a client is sent and the ones with the most Spanish text.
    "es home": "/es/",
    "es technique": "/es/techniques/calves-foam-roller/",
    "es builder": "/es/routines/builder/",
    "es sheet": "/es/routines/sheet/",
    "es claims": "/es/claims/",
    "es references": "/es/references/",
}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, tags: list[str]) -> list[str]:
    """axe-core's WCAG violations on the page, one line each. axe is run through DevTools, which the
    site's Content-Security-Policy does not govern (a <script> tag with its source would be refused)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def type_in_search(page, words: str) -> None:
    """Open Material's search and type: it ignores ``locator.fill()``, so the keyboard it is."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").click()
    page.keyboard.type(words, delay=30)


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )


def pytest_collection_modifyitems(items):
    """Mark each test by what it needs, so `make test-fast` can leave out the slow kinds:
    build (a real `mkdocs build`), browser (headless Chromium) and export (PDFs and the offline zip)."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if needs & {"built", "site", "base_url"}:
            item.add_marker(pytest.mark.build)
        if "browser" in needs:
            item.add_marker(pytest.mark.browser)
        if "exported" in needs:
            item.add_marker(pytest.mark.export)


@pytest.fixture(scope="session")
def atlas():
    """The real data, loaded and checked once."""
    from atlas.records import load_atlas

    return load_atlas(ROOT)


@pytest.fixture(scope="session")
def pages(atlas):
    """Every generated page, made in-process as the build makes them (references as their keys)."""
    from atlas.page import Settings
    from atlas.site import Build

    return Build(atlas, Settings("https://smr-atlas.github.io/"), {key: key for key in atlas.references})


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The real site, built once with --strict."""
    site = tmp_path_factory.mktemp("site")
    return site, mkdocs_build(ROOT, site)


@pytest.fixture(scope="session")
def site(built) -> Path:
    site, result = built
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")
    return site


@pytest.fixture(scope="session")
def offline_site(exported, tmp_path_factory) -> Path:
    """The copy of the site for file://, as readers get it: the deployable site's offline zip, unpacked once
    (the export built it; building it again here took a second offline build)."""
    from atlas.pages.reference import OFFLINE_ZIP

    site, _ = exported
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / OFFLINE_ZIP) as z:
        z.extractall(folder)
    return folder / "smr-atlas"


@pytest.fixture(scope="session")
def exported(tmp_path_factory, browser):
    """(site, report): the deployable site as `make build` makes it — a --strict build with downloads on
    (link previews, the installable sheet's service worker), then atlas.export (PDFs, offline zip) —
    and export_all's times and sizes."""
    site = tmp_path_factory.mktemp("deployable") / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**ENV, "ATLAS_DOWNLOADS": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict with downloads failed:\n{result.stderr[-3000:]}")
    from atlas.export.__main__ import export_all

    return site, export_all(site, browser=browser)


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site on 127.0.0.1, gzipped and cacheable like a static host (tools/static_server.py)."""
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from atlas.export.browser import CHROMIUM_ARGS  # the same flags as the PDF export: no host but this one
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    with sync_playwright() as p:
        launch = {"args": CHROMIUM_ARGS} if path == "playwright" else {"executable_path": path, "args": CHROMIUM_ARGS}
        b = p.chromium.launch(**launch)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    pg = context.new_page()
    yield pg
    context.close()
