"""The client's sheet as an app on the phone: a web app manifest, its icons and a service worker, in the
build that is published (``Settings.installable``: `make build`, never the offline copy or the preview).

A client who opened their routine sheet once can open it again with no signal, and add it to the home
screen. The service worker is written by Workbox's generateSW (hooks/atlas/service_worker.mjs, run with
Node from node_modules/) from what this module decides:

- precached at install: the sheet and the offline page (hooks/theme/503.html), every file the sheet,
  the progress page and the technique pages load (styles, scripts, pictures), and every technique's
  still — found in the built HTML, so it follows whatever the pages load;
- kept as they are opened: every other page (network first), which the sheet warms with the technique
  pages it names (docs/assets/sheet.js puts them in ``PAGES_CACHE``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import cairosvg

from .i18n import DEFAULT, _, prefix, speaking
from .model import Atlas
from .pictures import figure_file
from .templating import render

ROOT = Path(__file__).resolve().parents[2]
SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "503.html"  # an error page, so MkDocs links it from the site root: it is shown at any address
PAGES_CACHE = "atlas-pages"  # docs/assets/sheet.js warms it: the sheet's data-pages-cache attribute
ASSETS_CACHE = "atlas-assets"
ICON_SIZES = (192, 512)
TEAL, PALE = "#00695c", "#b2dfdb"  # the site's primary colours (docs/assets/atlas.css)
# The pages a client uses offline, as built files (in every language); their styles, scripts and
# pictures are precached too.
POCKET_PAGES = ("routines/sheet/index.html", "routines/progress/index.html")
_SCRIPT = ROOT / "hooks" / "atlas" / "service_worker.mjs"


class InstallableError(Exception):
    """The service worker could not be written (no Node, no workbox-build, or Workbox refused)."""


def icon_path(size: int) -> str:
    return f"assets/icons/app-{size}.png"


def manifest(site_url: str, language: str = DEFAULT) -> dict:
    """The web app manifest of one language's sheet: the installed app opens the sheet, which shows the
    last routine opened."""
    root = urlsplit(site_url).path.rstrip("/") + "/"
    with speaking(language):
        words = {
            "name": _("SMR Atlas: your routine"),
            "short_name": _("SMR routine"),
            "description": _("Your self-myofascial release routine, its techniques and a hold timer, also offline."),
        }
    return {
        **words,
        "lang": language,
        "start_url": f"{root}{prefix(language)}routines/sheet/",
        "scope": root,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": TEAL,
        "icons": [
            {"src": root + icon_path(size), "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
            for size in ICON_SIZES
        ],
    }


def write_installable(site_dir: Path, site_url: str, atlas: Atlas, languages=(DEFAULT,)) -> dict:
    """A manifest per language, the icons and the one service worker into the built site; returns
    Workbox's count and size."""
    site_dir = Path(site_dir)
    files = {
        prefix(lang) + MANIFEST: json.dumps(manifest(site_url, lang), indent=1, ensure_ascii=False).encode()
        for lang in languages
    }
    for size in ICON_SIZES:
        svg = render("app_icon.svg.j2", size=size, teal=TEAL, pale=PALE)
        files[icon_path(size)] = cairosvg.svg2png(bytestring=svg.encode(), output_width=size, output_height=size)
    for name, data in files.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    pocket = [prefix(lang) + page for lang in languages for page in POCKET_PAGES]
    precache = sorted(
        {*pocket, OFFLINE_PAGE, *files, *page_assets(site_dir, pocket), *(figure_file(t) for t in atlas.techniques)}
    )
    return generate_service_worker(site_dir, precache)


def page_assets(site_dir: Path, pocket) -> set[str]:
    """Every file of this site that the pocket pages and the technique pages load, as paths in the site."""
    pages = [site_dir / p for p in pocket] + sorted(site_dir.glob("**/techniques/*/index.html"))
    found: set[str] = set()
    for page in pages:
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = PurePosixPath(page.relative_to(site_dir).as_posix()).parent
            path = _normal(base / unquote(parts.path))
            if path and (site_dir / path).is_file():
                found.add(path)
    return found


def generate_service_worker(site_dir: Path, precache: list[str]) -> dict:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "workbox-build").is_dir():
        raise InstallableError(
            "the service worker needs Node and workbox-build: run `npm ci` (make build does) and build again"
        )
    request = {
        "site": str(site_dir),
        "precache": [_glob_literal(p) for p in precache],
        "pagesCache": PAGES_CACHE,
        "assetsCache": ASSETS_CACHE,
        "fallback": OFFLINE_PAGE,
    }
    result = subprocess.run(
        [node, str(_SCRIPT)], input=json.dumps(request), capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    if result.returncode != 0:
        raise InstallableError(f"Workbox could not write the service worker:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report["warnings"]:
        raise InstallableError("Workbox: " + "; ".join(report["warnings"]))
    return report


class _Loads(HTMLParser):
    """The URLs a page loads by itself: stylesheets, icons, scripts and images (not the links it offers)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and {"stylesheet", "icon", "manifest"} & set((a.get("rel") or "").split()):
            self.urls.append(a.get("href") or "")
        elif tag in {"script", "img"} and a.get("src"):
            self.urls.append(a["src"])


def _normal(path: PurePosixPath) -> str | None:
    """``a/b/../c`` → ``a/c``; None for a path that climbs out of the site."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in {".", ""}:
            parts.append(part)
    return "/".join(parts)


def _glob_literal(path: str) -> str:
    """A path as a glob pattern that matches only itself (Workbox takes globs)."""
    return re.sub(r"([*?\[\]{}()!+@])", r"[\1]", path)
