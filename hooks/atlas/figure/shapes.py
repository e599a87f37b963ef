"""Scene (centimetres, y up) → drawing instructions (whole SVG units, y down) for the template.

One SVG unit is half a centimetre, so whole numbers are precise enough and short. Each shape
is a small dict of numbers and class names; the Jinja template (templates/figure.svg.j2) turns
them into markup. Nothing from a data file reaches the markup except through numbers.
"""

from __future__ import annotations

import math

from . import props as P
from .geometry import Point, rotate, sub, unit

UNIT = 2  # SVG units per centimetre
FLOOR_MARGIN = 4  # cm drawn below the floor line


class Canvas:
    """Maps scene centimetres to SVG units, mirroring when the left side is rolled."""

    def __init__(self, width: float, height: float, mirror: bool, box=None):
        self.width, self.height, self.mirror = width, height, mirror
        self.box = box or (0.0, -FLOOR_MARGIN, width, height)  # x0, y0, x1, y1 in cm

    def x(self, x: float) -> int:
        return round(((self.width - x) if self.mirror else x) * UNIT)

    def y(self, y: float) -> int:
        return round((self.height - y) * UNIT)

    def pt(self, p: Point) -> str:
        return f"{self.x(p[0])} {self.y(p[1])}"

    def view_box(self) -> str:
        x0, y0, x1, y1 = self.box
        left = self.x(x1) if self.mirror else self.x(x0)
        return f"{left} {self.y(y1)} {round((x1 - x0) * UNIT)} {round((y1 - y0) * UNIT)}"


def capsule_d(cv: Canvas, a: Point, b: Point, ra: float, rb: float) -> str:
    """Path data for a tapered capsule: two straight sides and a round cap at each end."""
    n = rotate(unit(sub(b, a)), 90)
    a1, b1 = (a[0] + n[0] * ra, a[1] + n[1] * ra), (b[0] + n[0] * rb, b[1] + n[1] * rb)
    a2, b2 = (a[0] - n[0] * ra, a[1] - n[1] * ra), (b[0] - n[0] * rb, b[1] - n[1] * rb)
    sweep = 0 if cv.mirror else 1
    rA, rB = round(ra * UNIT), round(rb * UNIT)
    return f"M{cv.pt(a1)}L{cv.pt(b1)}A{rB} {rB} 0 0 {sweep} {cv.pt(b2)}L{cv.pt(a2)}A{rA} {rA} 0 0 {sweep} {cv.pt(a1)}Z"


_ORDER = ("far", "mid", "near")  # far limbs behind the trunk, near limbs in front
_MID_ORDER = ("pelvis", "trunk", "neck", "head")
_LIMB_ORDER = ("thigh", "shank", "foot", "upper_arm", "forearm", "hand")


def body_shapes(cv: Canvas, body, target: str, span: tuple[float, float]) -> list[dict]:
    """One shape per capsule, back to front, each with the class that colours it.

    The rolled segment is tinted, and the stretch one pass covers (``span``, fractions along
    it) is drawn over it as a stronger band, so a reader sees exactly where the tool works."""
    out = []
    for group in _ORDER:
        names = _MID_ORDER if group == "mid" else [f"{group}_{s}" for s in _LIMB_ORDER]
        for name in names:
            c = body.capsules[name]
            cls = "atlas-fig__target" if name == target else f"atlas-fig__{group}"
            out.append({"name": name, "cls": cls, "d": capsule_d(cv, c.a, c.b, c.ra, c.rb)})
            if name == target:
                lo, hi = max(min(span) - 0.06, 0.0), min(max(span) + 0.06, 1.0)
                a, b, ra, rb = c.point(lo), c.point(hi), c.radius(lo) * 0.8, c.radius(hi) * 0.8
                out.append({"name": "band", "cls": "atlas-fig__band", "d": capsule_d(cv, a, b, ra, rb)})
            if name == "head" and body.view == "side":
                out.append({"name": "nose", "cls": "atlas-fig__mid", "d": _nose(cv, c)})
    return out


def _nose(cv: Canvas, head) -> str:
    """A small nose on the front of the head, so a reader sees which way the figure faces."""
    d = unit(sub(head.b, head.a))
    front = rotate(d, -90)
    mid = ((head.a[0] + head.b[0]) / 2 - d[0] * 2, (head.a[1] + head.b[1]) / 2 - d[1] * 2)
    base = (mid[0] + front[0] * (head.ra - 1), mid[1] + front[1] * (head.ra - 1))
    tip = (base[0] + front[0] * 3 - d[0] * 2, base[1] + front[1] * 3 - d[1] * 2)
    top = (base[0] + d[0] * 2.5, base[1] + d[1] * 2.5)
    return f"M{cv.pt(top)}L{cv.pt(tip)}L{cv.pt(base)}"


def tool_shapes(cv: Canvas, tool) -> list[dict]:
    """Circles and rounded rectangles for a tool, relative to its centre (moved as one group)."""
    r = round(tool.radius * UNIT)
    if tool.lay == "upright":
        half = round(tool.half_height * UNIT)
        return [{"kind": "rect", "x": -r, "y": -half, "w": 2 * r, "h": 2 * half, "rx": r}]
    if tool.half_span > tool.radius + 0.1:  # seen lengthwise: a bar, or two balls side by side
        half = round(tool.half_span * UNIT)
        if tool.kind == "peanut-ball":
            return [
                {"kind": "circle", "cx": -half + r, "cy": 0, "r": r},
                {"kind": "circle", "cx": half - r, "cy": 0, "r": r},
            ]
        return [{"kind": "rect", "x": -half, "y": -r, "w": 2 * half, "h": 2 * r, "rx": r}]
    shapes = [{"kind": "circle", "cx": 0, "cy": 0, "r": r}]
    if tool.kind in ("foam-roller", "roller-stick"):  # the end of a cylinder: show its core
        shapes.append({"kind": "core", "cx": 0, "cy": 0, "r": max(1, round(r * 0.35))})
    shapes.append({"kind": "mark", "d": f"M0 0V{-max(2, round(r * 0.8))}"})  # turns as the tool rolls
    return shapes


def tool_spin(cv: Canvas, scene) -> int:
    """How far (SVG degrees, clockwise) the tool turns over the pass: rolling on the limb without
    slipping, it turns by the distance the contact travels along the limb over its radius."""
    body, t = scene.end.body, scene.end.tool
    if t.half_span > t.radius + 0.1 or t.lay == "upright":
        return 0  # seen lengthwise: no visible turn
    cap = body.capsules[scene.spec.segment]
    moved = sub(cap.point(scene.spec.end), cap.point(scene.spec.start))
    n = unit(sub(t.center, cap.point(scene.spec.end)))
    turn = (n[0] * moved[1] - n[1] * moved[0]) / t.radius  # radians, counter-clockwise with y up
    return round(-math.degrees(turn) * (-1 if cv.mirror else 1))


def arrow(cv: Canvas, scene) -> dict:
    """An arrow beside the rolled segment from where the pass starts to where it ends (end frame)."""
    body = scene.end.body
    cap = body.capsules[scene.spec.segment]
    t = scene.end.tool
    away = unit(sub(cap.point(scene.end.fraction), t.center))  # the side of the limb away from the tool
    lo, hi = scene.spec.start, scene.spec.end
    p0 = _off(cap.point(lo), away, cap.radius(lo) + 5)
    p1 = _off(cap.point(hi), away, cap.radius(hi) + 5)
    d = unit(sub(p1, p0))
    head = [_off(p1, rotate(d, 150), 4), p1, _off(p1, rotate(d, -150), 4)]
    return {"line": f"M{cv.pt(p0)}L{cv.pt(p1)}", "head": "M" + "L".join(cv.pt(p) for p in head)}


def _off(p: Point, d: Point, k: float) -> Point:
    return (p[0] + d[0] * k, p[1] + d[1] * k)


def prop_shapes(cv: Canvas, scene) -> list[dict]:
    """Floor, wall and furniture as plain lines and outlines."""
    x0, x1 = cv.box[0], cv.box[2]
    out = [{"d": f"M{cv.x(x0)} {cv.y(0)}H{cv.x(x1)}", "cls": "atlas-fig__floor"}]
    props = scene.spec.props
    if "wall" in props:
        s = scene.surfaces["wall"]
        top = min(cv.box[3], P.WALL_HEIGHT)
        out.append({"d": f"M{cv.x(s.level)} {cv.y(0)}V{cv.y(top)}", "cls": "atlas-fig__wall"})
    if "chair" in props:
        out.append({"d": _chair(cv, scene.surfaces["seat"]), "cls": "atlas-fig__prop"})
    for name, height in (("step", P.STEP_HEIGHT), ("table", P.TABLE_HEIGHT)):
        if name in props:
            s = scene.surfaces[name]
            d = f"M{cv.x(s.lo)} {cv.y(0)}V{cv.y(height)}H{cv.x(s.hi)}V{cv.y(0)}"
            if name == "step":
                d += "Z"
            out.append({"d": d, "cls": "atlas-fig__prop"})
    return out


def _chair(cv: Canvas, seat) -> str:
    back, front, h = seat.lo, seat.hi, P.SEAT_HEIGHT
    return f"M{cv.x(front)} {cv.y(0)}V{cv.y(h)}H{cv.x(back)}V{cv.y(0)}M{cv.x(back)} {cv.y(h)}V{cv.y(P.BACKREST)}"
