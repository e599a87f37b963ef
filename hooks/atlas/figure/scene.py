"""Build a figure's scene: the body posed and placed at the start and at the end of one pass.

``build_scene(spec)`` poses the body from the merged angles, puts the tool against the named
segment at the pass's start fraction on the side facing what holds it, and lets the solver
place the body so the supports rest on their surfaces. The end frame uses the end fraction
and the end angles; a tool on the floor, a wall or a table rolls half as far as the body part
on it (rolling without slipping), a tool in the hands moves with them. Everything is in centimetres, y up; mirroring
for a left side happens only when drawing.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field

from . import solved
from .bounds import scene_box
from .contacts import anchor, face_normal, face_of, part_gaps, penetrations, tool_gap
from .geometry import add, length, mul, rotate, sub, unit
from .props import Surface, Tool, surfaces
from .skeleton import Body, pose
from .solver import joint_bounds, least_squares
from .spec import Spec

# How much the solver resists moving a free joint: a 1 cm gap weighs as much as STAY⁻¹ degrees of change.
STAY = 0.015
_HOLDERS_FIXED = ("floor", "wall", "seat", "step", "table")


@dataclass
class Frame:
    body: Body
    tool: Tool
    fraction: float
    joints: dict[str, float]
    solution: list[float] = field(default_factory=list)  # the solver's unknowns: dx, dy, then the free joints


@dataclass
class Scene:
    spec: Spec
    surfaces: dict[str, Surface]
    start: Frame
    end: Frame
    face: str  # which face of the segment meets the tool: front, back, outer, inner, sole, top


def place_tool(spec: Spec, body: Body, fraction: float, surf: dict[str, Surface], pin=None) -> Tool:
    """The tool against ``spec.segment`` at ``fraction``, resting on its holder.

    ``pin(body)`` gives the tool's place along its holder instead (the end of a pass: see _rolling)."""
    cap = body.capsules[spec.segment]
    radius = float(spec.tool_size.get("diameter_cm", 10)) / 2
    length = float(spec.tool_size.get("length_cm", 2 * radius))
    normal = _normal(spec, body, surf)
    depth = 0.0 if spec.lay == "upright" else cap.radius(fraction) + radius  # upright: on the surface toward you
    center = add(cap.point(fraction), mul(normal, depth))
    holder = surf.get(spec.holder)
    if holder is not None and holder.vertical:
        center = (holder.level + holder.room * radius, center[1] if pin is None else pin(body))
    elif holder is not None:
        center = (center[0] if pin is None else pin(body), holder.level + radius)
    return Tool(spec.tool, center, radius, length, spec.lay, spec.view)


def _normal(spec: Spec, body: Body, surf: dict[str, Surface]):
    cap = body.capsules[spec.segment]
    if spec.face:
        n = face_normal(cap, spec.face, spec.view)
        if n is not None:
            return n
    d = unit(sub(cap.b, cap.a))
    options = (rotate(d, 90), rotate(d, -90))
    holder = surf.get(spec.holder)
    if holder is not None and holder.vertical:
        return max(options, key=lambda n: -n[0] * holder.room)
    if holder is None:  # in the hands, on a face this view cannot show (an inner thigh from the side): the top
        return max(options, key=lambda n: n[1])
    return min(options, key=lambda n: n[1])  # the underside, toward a floor, seat or table


def _pose_at(spec: Spec, joints: dict, turn: dict, x: list[float], free: list[str], root) -> Body:
    angles = dict(joints)
    angles.update(zip(free, x[2:], strict=True))
    return pose(angles, spec.view, turn).shifted(root[0] + x[0], root[1] + x[1])


def residuals(spec: Spec, body: Body, tool: Tool, surf: dict[str, Surface], fraction: float) -> list[float]:
    """Every support gap, the tool's gap to its segment and how far from the intended place it
    touches, and how deep anything goes into the floor, a wall or the tool: all zero when right."""
    out = []
    for s in spec.supports:
        out += part_gaps(body, s.part, s.on, surf, tool)
    gap, t = tool_gap(body, spec.segment, tool)
    cap = body.capsules[spec.segment]
    # Along a segment that points mostly out of the picture, the place of contact cannot be seen.
    seen = abs(body.turn.get(spec.segment, 0.0)) < 60
    out += [gap, (t - fraction) * length(sub(cap.b, cap.a)) if seen else 0.0]
    holders = {s.part for s in spec.supports if s.on == "tool"}
    out += [min(depth, 0.0) for _, _, depth in penetrations(body, tool, spec.segment, holders, surf)]
    return out


@dataclass(frozen=True)
class Held:
    """What the end frame keeps from the start: the tool's place (``pin``), the body's place (``anchored``:
    seated or standing bodies do not slide) and planted supports (part → (axis, value))."""

    pin: object = None
    anchored: bool = False
    planted: dict = field(default_factory=dict)


def solve_frame(
    spec: Spec, joints: dict, turn: dict, fraction: float, surf, root, held: Held = Held(), known=None
) -> Frame:
    """Solve one frame (``known``: its solution, remembered from an earlier build)."""
    free = list(spec.free)
    start = [0.0, 0.0] + [joints.get(j, 0.0) for j in free]
    keep_x = 1.0 if held.anchored else 0.02  # bodies on the floor may slide a little
    pin, planted = held.pin, held.planted

    def res(x):
        body = _pose_at(spec, joints, turn, x, free, root)
        tool = place_tool(spec, body, fraction, surf, pin)
        stay = [anchor(body, part)[axis] - value for part, (axis, value) in planted.items()]
        reg = [keep_x * x[0]] + [STAY * (v - start[i + 2]) for i, v in enumerate(x[2:])]
        return residuals(spec, body, tool, surf, fraction) + stay + reg

    bounds = [(-400.0, 400.0), (-400.0, 400.0)] + joint_bounds(spec.view, free)
    physical = len(res(start)) - len(start) + 1  # all but the regularisation terms
    x = list(known) if known is not None else [float(v) for v in least_squares(res, start, bounds, physical)]
    body = _pose_at(spec, joints, turn, x, free, root)
    angles = dict(joints) | dict(zip(free, x[2:], strict=True))
    return Frame(body, place_tool(spec, body, fraction, surf, pin), fraction, angles, x)


_SCENES: OrderedDict[str, Scene] = OrderedDict()  # solving is the slow part: checks and drawing share one


def build_scene(spec: Spec) -> Scene:
    """The scene for ``spec``; the same figure (same data, same lines) is solved once per process, and once
    for all builds while neither it nor the figure code changes (solved.py)."""
    key = _key(spec)
    if key not in _SCENES:
        _SCENES[key] = _solve(spec)
        while len(_SCENES) > 256:
            _SCENES.popitem(last=False)
    return _SCENES[key]


def _key(spec: Spec) -> str:
    lines = sorted((list(p), n) for p, n in spec.doc.lines.items() if p[:1] == ("figure",))
    if spec.posture_doc is not None:
        lines += sorted((list(p), n) for p, n in spec.posture_doc.lines.items() if p[:1] == (spec.posture_id,))
    figure = spec.doc.data["figure"]
    return json.dumps([spec.doc.file, figure, spec.posture, spec.tool_size, lines], sort_keys=True, default=str)


def _solve(spec: Spec) -> Scene:
    key, unknowns = _key(spec), 2 + len(spec.free)
    remembered = solved.recall(key, (unknowns, unknowns)) or [None, None]
    surf = surfaces(spec.props, spec.frame[0])
    root = (float(spec.posture.get("x_cm", spec.frame[0] / 2)), 60.0)
    anchored = any(p in spec.props for p in ("chair", "table", "wall"))
    first = solve_frame(spec, spec.joints, spec.turn, spec.start, surf, root, known=remembered[0])
    pin = _rolling(spec, first, surf[spec.holder].vertical) if spec.holder in _HOLDERS_FIXED else None
    end_joints = dict(first.joints) | spec.end_joints
    root_end = (first.body.points["root"][0], first.body.points["root"][1])
    planted = {s.part: planted_at(s, first.body, surf) for s in spec.supports if s.planted and s.on in surf}
    last = solve_frame(
        spec,
        end_joints,
        spec.turn | spec.end_turn,
        spec.end,
        surf,
        root_end,
        Held(pin, anchored, planted),
        remembered[1],
    )
    if remembered[0] is None:
        solved.remember(key, [first.solution, last.solution])
    normal = _normal(spec, first.body, surf)
    face = spec.face or face_of(first.body.capsules[spec.segment], normal, spec.view)
    scene = Scene(spec, surf, first, last, face)
    return _centre(scene) if set(spec.props) <= {"floor"} else scene


def planted_at(support, body: Body, surf) -> tuple[int, float]:
    """(axis, value): where a planted support is along its surface (x on a floor, y on a wall)."""
    axis = 1 if surf[support.on].vertical else 0
    return axis, anchor(body, support.part)[axis]


def _rolling(spec: Spec, first: Frame, vertical: bool):
    """Where a tool between the body and a floor, wall or table is at the end of the pass.

    It rolls without slipping on both sides, so its centre travels half as far as the body
    part on top of it: half the distance that the material point which touched it at the start
    (the start fraction of the segment) has moved."""
    axis = 1 if vertical else 0
    start_point = first.body.capsules[spec.segment].point(spec.start)[axis]
    start_tool = first.tool.center[axis]

    def pin(body: Body) -> float:
        return start_tool + 0.5 * (body.capsules[spec.segment].point(spec.start)[axis] - start_point)

    return pin


def _centre(scene: Scene) -> Scene:
    """On a bare floor, slide both frames so the drawing sits in the middle of its frame."""
    x0, _, x1, _ = scene_box(scene)
    dx = scene.spec.frame[0] / 2 - (x0 + x1) / 2
    for f in (scene.start, scene.end):
        f.body = f.body.shifted(dx, 0.0)
        t = f.tool
        f.tool = Tool(t.kind, (t.center[0] + dx, t.center[1]), t.radius, t.length, t.lay, t.view)
    return scene
