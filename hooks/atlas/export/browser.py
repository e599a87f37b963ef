"""Serving the built site on 127.0.0.1 and driving Chromium over it, with no other host reachable."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

# Chromium keeps only the last --disable-features it is given, so this list repeats the features Playwright
# 1.65 turns off (its chromiumSwitches; tests/test_browser.py checks that none is lost) and adds the address
# bar's pop-ups: every new window — each page in a new context — preloads them as web pages in a renderer of
# their own, a third of what a new page costs (1.01 → 0.65 core-seconds per page load, measured here).
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
]
DISABLED_FEATURES = [
    *PLAYWRIGHT_DISABLED_FEATURES,
    "WebUIOmniboxPopup",
    "WebUIOmniboxAimPopup",
    "WebUIOmniboxFullPopup",
]
# Without the first flags Chromium calls Google's hosts on start-up; the host resolver's rule leaves it no
# host to call but this machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    f"--disable-features={','.join(DISABLED_FEATURES)}",
]


class ExportError(Exception):
    """Something the build cannot put right by itself; the message says what to do."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Chromium drops connections it no longer needs (e.g. after a page is printed); not our error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(site_dir: Path):
    """The built site on http://127.0.0.1:<free port>, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(browser=None):
    """A Playwright browser: the one given (the tests share theirs), or Chromium from $CHROMIUM,
    else /usr/bin/chromium (tests/ensure_chromium.sh installs it), else Playwright's download."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    launch = {"args": CHROMIUM_ARGS}
    if path != "playwright":
        if not Path(path).exists():
            raise ExportError(f"no Chromium at {path}: run `sh tests/ensure_chromium.sh` or set CHROMIUM")
        launch["executable_path"] = path
    with sync_playwright() as p:
        b = p.chromium.launch(**launch)
        try:
            yield b
        finally:
            b.close()


@contextlib.contextmanager
def offline_context(browser, base_url: str):
    """A light-scheme browser context for the site at ``base_url``; a request to any other host
    fails the export. (Watched, not intercepted: interception would switch off Chromium's cache and
    double the time. The browser launched here cannot resolve any other host anyway.)
    Motion is unwanted: on paper a figure shows its still frames either way (print.css), and a moving one
    would keep the page busy, a frame at a time, all the while it is loaded to be printed."""
    context = browser.new_context(
        base_url=base_url, color_scheme="light", reduced_motion="reduce", viewport={"width": 1200, "height": 900}
    )
    elsewhere: list[str] = []
    allowed = urlparse(base_url).netloc

    def watch(request):
        if not request.url.startswith(("data:", "blob:", "about:")) and urlparse(request.url).netloc != allowed:
            elsewhere.append(request.url)

    context.on("request", watch)
    try:
        yield context
    finally:
        context.close()
    if elsewhere:
        raise ExportError("printing asked for other hosts: " + ", ".join(sorted(set(elsewhere))[:5]))


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
