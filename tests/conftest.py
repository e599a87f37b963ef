"""Shared fixtures: the project root on sys.path, a throw-away copy of the data, one strict build
of the real site per test session, and that site served on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from static_server import serve

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, so a test can break it without touching the repo."""
    for name in ("data", "docs", "hooks"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "references.bib"):
        shutil.copy(ROOT / name, dest / name)
    return dest


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
def base_url(site) -> str:
    """The built site on 127.0.0.1, gzipped and cacheable like a static host (tests/static_server.py)."""
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from atlas.export_pdf import CHROMIUM_ARGS  # the same flags as the PDF export: no host but this one
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
