"""``render_svg(scene, mode, label, id_prefix)``: the inline SVG of a figure.

Modes: ``animated`` (one pass on a slow SMIL loop, plus a hidden two-frame layer that
figure.css shows for reduced motion, print and pause), ``static`` (the two frames only) and
``thumbnail`` (the start pose, cropped, no arrow). The markup uses class names and
presentation attributes only, so the site's CSS (docs/assets/figure.css) colours it, dark
mode works and a Content-Security-Policy without inline styles holds. ``standalone=True``
embeds an equivalent light-theme ``<style>`` for rendering to PNG (review sheets, previews).
"""

from __future__ import annotations

import markupsafe

from ..templating import render
from .bounds import scene_box
from .shapes import FLOOR_MARGIN, UNIT, Canvas, arrow, body_shapes, prop_shapes, tool_shapes, tool_spin

SECONDS_EACH_WAY = 3  # "slow passes, about 3 seconds each way" in most techniques' dose
STANDALONE_CSS = (
    ".atlas-fig__mid,.atlas-fig__near{fill:#fff;stroke:#222}"
    ".atlas-fig__far{fill:#e6e6e6;stroke:#777}"
    ".atlas-fig__target{fill:#fbe3e8;stroke:#b0103a}.atlas-fig__band{fill:#e8879b;stroke:none}"
    ".atlas-fig__tool{fill:#b0103a;stroke:#5a0820}.atlas-fig__core{fill:#fff}.atlas-fig__mark{stroke:#fff}"
    ".atlas-fig__props path{stroke:#888}.atlas-fig__floor,.atlas-fig__wall{stroke-width:3}"
    ".atlas-fig__arrow{stroke:#b0103a;stroke-width:3}"
    ".atlas-fig__motion{display:none}.atlas-fig__frames{display:inline}"
)


def _frame(cv: Canvas, scene, frame, spin: int = 0) -> dict:
    shapes = body_shapes(cv, frame.body, scene.spec.segment, (scene.spec.start, scene.spec.end))
    t = frame.tool
    # The tool sits between the far limbs and the trunk: across the body, in front of the far side.
    tool_at = next(i for i, s in enumerate(shapes) if s["name"] == "pelvis")
    return {
        "body": shapes,
        "tool": {"x": cv.x(t.center[0]), "y": cv.y(t.center[1]), "shapes": tool_shapes(cv, t), "spin": spin},
        "tool_at": tool_at,
    }


def canvas_for(scene, mode: str) -> Canvas:
    w, h = scene.spec.frame
    mirror = scene.spec.side == "left"
    if mode != "thumbnail":
        return Canvas(w, h, mirror)
    x0, y0, x1, y1 = scene_box(scene)
    pad = 4.0
    return Canvas(w, h, mirror, (max(x0 - pad, 0), -FLOOR_MARGIN / 2, min(x1 + pad, w), min(y1 + pad, h)))


def render_svg(scene, mode: str = "animated", label: str = "", id_prefix: str = "", standalone: bool = False) -> str:
    """The figure as one ``<svg role="img" aria-label=label>`` element (``label`` is escaped)."""
    if mode not in ("animated", "static", "thumbnail"):
        raise ValueError(f"unknown figure mode {mode!r}")
    cv = canvas_for(scene, mode)
    style = markupsafe.Markup(STANDALONE_CSS) if standalone else ""
    if standalone and mode == "thumbnail":
        style = markupsafe.Markup(STANDALONE_CSS.split(".atlas-fig__motion")[0])
    size = None
    if standalone:
        x0, y0, x1, y1 = cv.box
        size = (round((x1 - x0) * UNIT), round((y1 - y0) * UNIT))
    return render(
        "figure.svg.j2",
        view_box=cv.view_box(),
        id=f"{id_prefix}figure" if id_prefix else "",
        mode=mode,
        label=label,
        size=size,
        style=style,
        props=prop_shapes(cv, scene),
        start=_frame(cv, scene, scene.start),
        end=_frame(cv, scene, scene.end, tool_spin(cv, scene)),
        arrow=arrow(cv, scene),
        dur=2 * SECONDS_EACH_WAY,
    )
