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

from collections.abc import Callable

from markupsafe import Markup
from svg.path import parse_path

from .model import Atlas, Equipment
from .templating import render

VIEWS = {"front": "Front", "back": "Back"}
VIEW_WIDTH, VIEW_HEIGHT, GAP = 200, 460, 20  # 440 for the body and 20 below it for the view's name


def body_map(atlas: Atlas, link: Callable[[str], str]) -> str:
    """The body map, as a block of Markdown with HTML in it; ``link`` makes the browser URL of a region's
    page (its source path) as seen from the page the map is on (atlas/urls.py)."""
    views = _place(_views(atlas, atlas.regions.keys()))
    for view in views:
        for r in view["regions"]:
            r["href"] = link(f"regions/{r['id']}.md")
    return Markup(render("body_map.html.j2", views=views, width=_width(views), height=VIEW_HEIGHT))


def target_figure(atlas: Atlas, region_ids) -> str:
    """A figure of the views that show these regions, with only these regions drawn (highlighted)."""
    region_ids = list(region_ids)
    views = _place([v for v in _views(atlas, region_ids) if v["regions"]])
    names = ", ".join(atlas.regions[r].title for r in region_ids)
    return Markup(render("target_figure.html.j2", views=views, width=_width(views), height=VIEW_HEIGHT, names=names))


def equipment_icon(e: Equipment, *, label: bool = True) -> str:
    """The equipment's icon as inline SVG on one line; named for screen readers unless ``label`` is False
    (when the text beside it already says what it is)."""
    return Markup(render("equipment_icon.html.j2", e=e, label=label).strip())


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
    """Where a shape starts, from the top (its grammar is checked when the data is loaded)."""
    return parse_path(path)[0].start.imag
