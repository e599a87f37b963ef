"""Shared fixtures: the project root on sys.path, a throw-away copy of the data, one strict build
of the real site per test session, and that site served on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

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


# The WCAG 2.2 A and AA rules of axe-core, the site's accessibility gate.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The axe rules whose result depends on colour alone: all a page's dark scheme changes (its parts, names and
# structure are the light scheme's), so in dark only these run — about half of axe's time on a page.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page of WCAG's rules (or of ``rules`` only, if given), one line each. axe
    is run through DevTools, which the site's Content-Security-Policy does not govern (a <script> tag with
    its source would be refused)."""
    if not page.evaluate("typeof axe === 'object'"):  # once per page, however many times it runs
        page.evaluate(AXE.read_text(encoding="utf-8"))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG}
    result = page.evaluate("only => axe.run(document, {runOnly: only})", only)
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def type_in_search(page, words: str) -> None:
    """Open Material's search and type: it ignores ``locator.fill()``, so the keyboard it is."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").click()
    page.keyboard.type(words, delay=30)


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of ``project`` into ``site``, with ``env`` added to the environment."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**ENV, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def pytest_collection_modifyitems(items):
    """Mark each test by what it needs, so `make test-fast` can leave out the slow kinds:
    build (a real `mkdocs build`), browser (headless Chromium) and export (PDFs and the offline zip).
    Then order them: tests that need no build first, the exported site's last — both builds are made in
    the background meanwhile (``start_the_builds``)."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if needs & {"built", "site", "base_url", "changed_copy"}:
            item.add_marker(pytest.mark.build)
        if "browser" in needs:
            item.add_marker(pytest.mark.browser)
        if "exported" in needs:
            item.add_marker(pytest.mark.export)
    items.sort(key=lambda item: (bool(item.get_closest_marker("export")), bool(item.get_closest_marker("build"))))


class MadeOnce:
    """``make(folder)``'s value, made once per `pytest` run and pickled in a folder every process of the run
    shares. `make test` runs the tests in two processes (pytest-xdist); each has its own session fixtures, so
    without this each would build the site. The first to ask makes it; the others wait on a file lock and read it.
    ``start`` makes it in a thread, so that the tests which do not need it run meanwhile."""

    def __init__(self, name: str, make):
        self.name, self.make, self.thread = name, make, None

    def _paths(self, tmp_path_factory) -> tuple[Path, Path, Path]:
        base = tmp_path_factory.getbasetemp()
        shared = base.parent if "PYTEST_XDIST_WORKER" in os.environ else base  # the run's, above each worker's
        return shared / self.name, shared / f"{self.name}.pickle", shared / f"{self.name}.lock"

    def start(self, tmp_path_factory) -> None:
        folder, made, lock_path = self._paths(tmp_path_factory)
        lock = FileLock(lock_path, thread_local=False)  # taken here, let go by the thread that makes the value
        try:
            lock.acquire(blocking=False)
        except Timeout:
            return  # another process is making it
        if made.exists():
            lock.release()
            return
        self.thread = threading.Thread(target=self._make, args=(folder, made, lock), daemon=True)
        self.thread.start()

    def _make(self, folder: Path, made: Path, lock: FileLock | None = None) -> None:
        try:
            folder.mkdir(exist_ok=True)
            try:
                value = self.make(folder)
            except Exception:  # kept, so that each test that needs it fails with the cause, not only the first
                value = Unmade(traceback.format_exc())
            made.write_bytes(pickle.dumps(value))
        finally:
            if lock is not None:
                lock.release()

    def get(self, tmp_path_factory):
        if self.thread is not None:
            self.thread.join()
        folder, made, lock_path = self._paths(tmp_path_factory)
        with FileLock(lock_path):  # waits while another process makes it
            if not made.exists():
                self._make(folder, made)
            value = pickle.loads(made.read_bytes())
        if isinstance(value, Unmade):
            pytest.fail(f"{self.name} could not be made:\n{value.cause}")
        return value


@dataclass
class Unmade:
    cause: str


def _deployable(folder: Path) -> tuple[Path, subprocess.CompletedProcess, dict | None]:
    """The deployable site as `make build` makes it — a --strict build with downloads on (link previews, the
    installable sheet's service worker), then atlas.export (PDFs, offline zip, in a browser of its own)."""
    from atlas.export.__main__ import export_all

    site = folder / "site"
    result = mkdocs_build(ROOT, site, ATLAS_DOWNLOADS="true")
    return site, result, export_all(site) if result.returncode == 0 else None


# What two tests change in a copy of the project, each to read one page of its build: a changed English step
# (tests/test_spanish.py: the Spanish page says its translation lags) and a changed stylesheet
# (tests/test_bundles.py: the stylesheet bundles are renamed). Neither change touches what the other reads,
# so one build of a copy with both serves them.
CHANGES = {
    "data/techniques/calves-foam-roller.yaml": ("Roll back up at the same slow pace.", "Roll back up slowly."),
    "docs/assets/atlas.css": ("\n:root {", "\n.atlas-test-only { color: red; }\n\n:root {"),
}


def _changed(folder: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """(project, its build's result): a copy of the project with CHANGES made, built into project/site."""
    project = copy_project(folder / "project")
    for name, (old, new) in CHANGES.items():
        text = (project / name).read_text(encoding="utf-8")
        assert old in text, (name, old)
        (project / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return project, mkdocs_build(project, project / "site")


SITE = MadeOnce("site", lambda folder: (folder, mkdocs_build(ROOT, folder)))
DEPLOYABLE = MadeOnce("deployable", _deployable)
CHANGED = MadeOnce("changed", _changed)


@pytest.fixture(scope="session", autouse=True)
def start_the_builds(request, tmp_path_factory):
    """Both builds begin before the first test, in the background, if any chosen test needs them."""
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    if "built" in needed:
        SITE.start(tmp_path_factory)
    if "exported" in needed:
        DEPLOYABLE.start(tmp_path_factory)


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
    return SITE.get(tmp_path_factory)


@pytest.fixture(scope="session")
def site(built) -> Path:
    site, result = built
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")
    return site


@pytest.fixture(scope="session")
def changed_copy(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """(project, result): the copy with CHANGES, built once per run (``_changed``)."""
    return CHANGED.get(tmp_path_factory)


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
def exported(tmp_path_factory):
    """(site, report): the deployable site (``_deployable``) and export_all's times and sizes."""
    site, result, report = DEPLOYABLE.get(tmp_path_factory)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict with downloads failed:\n{result.stderr[-3000:]}")
    return site, report


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
