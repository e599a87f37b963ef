"""Pictures drawn from data: the body map, target-area figures and equipment icons.

body_map()       front and back views in which every region is a link to its region page, and a
                 plain list of the same links (read by screen readers; easier to tap on a phone).
target_figure()  a small labelled figure of the body with a technique's or region's target highlighted.
equipment_icon() an equipment's line icon.

The pictures come only from the data — each region's `shape` in data/regions.yaml and each
equipment's `icon` in data/equipment.yaml — so to move a region or redraw an icon, edit the YAML.
Each view is a 200 × 440 box (see the `shape` description in data/schema/regions.schema.json);
the map sets the back view beside the front one. The markup lives in templates/*.html.j2.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import jinja2

from .model import Atlas, Equipment

TEMPLATES = Path(__file__).parent / "templates"

VIEWS = {"front": "Front", "back": "Back"}
VIEW_WIDTH, VIEW_HEIGHT, GAP = 200, 460, 20  # 440 for the body and 20 below it for the view's name

# HTML templates escape what they insert; the Markdown templates in render.py cannot.
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    undefined=jinja2.StrictUndefined,
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_START = re.compile(r"^[Mm]\s*(-?[\d.]+)[\s,]*(-?[\d.]+)")


def page_url(src_uri: str) -> str:
    """Where MkDocs serves a page (directory URLs, its default): techniques/x.md → techniques/x/, index.md → ''."""
    path = src_uri[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return path


def relative_url(target_src: str, from_src: str) -> str:
    """A link from one page to another, as the browser needs it inside raw HTML (MkDocs leaves
    links there alone): from techniques/index.md to regions/calves.md is ../regions/calves/."""
    target, here = page_url(target_src), page_url(from_src)
    relative = posixpath.relpath(target or ".", here.rstrip("/") or ".")
    return "./" if relative == "." else relative + "/"


def body_map(atlas: Atlas, src_uri: str) -> str:
    """The body map for the page at ``src_uri``, as a block of Markdown with HTML in it."""
    here = posixpath.dirname(src_uri) or "."
    views = _place(_views(atlas, atlas.regions.keys()))
    for view in views:
        for r in view["regions"]:
            page = f"regions/{r['id']}.md"
            r["href"] = relative_url(page, src_uri)
            r["md_link"] = posixpath.relpath(page, here)  # a Markdown link, so `mkdocs build --strict` checks it
    return _ENV.get_template("body_map.html.j2").render(views=views, width=_width(views), height=VIEW_HEIGHT)


def target_figure(atlas: Atlas, region_ids) -> str:
    """A figure of the views that show these regions, with only these regions drawn (highlighted)."""
    region_ids = list(region_ids)
    views = _place([v for v in _views(atlas, region_ids) if v["regions"]])
    names = ", ".join(atlas.regions[r].title for r in region_ids)
    return _ENV.get_template("target_figure.html.j2").render(
        views=views, width=_width(views), height=VIEW_HEIGHT, names=names
    )


def equipment_icon(e: Equipment, *, label: bool = True) -> str:
    """The equipment's icon as inline SVG on one line; named for screen readers unless ``label`` is False
    (when the text beside it already says what it is)."""
    return _ENV.get_template("equipment_icon.html.j2").render(e=e, label=label).strip()


def _views(atlas: Atlas, region_ids) -> list[dict]:
    """Each view with its regions, roughly top to bottom (the order of the keyboard's Tab key)."""
    views = []
    for name, label in VIEWS.items():
        regions = [
            {"id": r.id, "title": r.title, "paths": r.shape[name]}
            for r in (atlas.regions[rid] for rid in region_ids)
            if name in r.shape
        ]
        regions.sort(key=lambda r: min(_top(d) for d in r["paths"]))
        views.append({"name": name, "label": label, "regions": regions})
    return views


def _place(views: list[dict]) -> list[dict]:
    """Side by side, left to right."""
    for i, view in enumerate(views):
        view["x"] = i * (VIEW_WIDTH + GAP)
    return views


def _width(views: list[dict]) -> int:
    return len(views) * VIEW_WIDTH + (len(views) - 1) * GAP


def _top(path: str) -> float:
    match = _START.match(path.strip())
    return float(match.group(2)) if match else 0.0
