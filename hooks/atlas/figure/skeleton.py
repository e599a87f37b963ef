"""Forward kinematics: joint angles → the body's capsules and named points, in centimetres.

The figure is drawn in one plane, y up, facing +x in the side view and facing you in the
front view. "near" is the side being rolled: in the side view it is the side toward you, in
the front view it is the side on your left (a person facing you has their right on your left).
A figure rolling the left side is drawn as the mirror image (see scene.py), so the data never
needs left/right twins.

Angles (degrees, see ranges.py for the limits):

- ``body``: tilt of the pelvis (hip joints → waist) from upright; positive leans toward +x
  (forward in the side view). Lying on the back is −90 with the head on the left, face down
  +90 with the head on the right.
- ``lumbar``, ``neck``, ``head``: trunk on pelvis, neck on trunk, head on neck; flexion (side)
  or bending toward the near side (front) positive.
- ``near_/far_`` + ``hip``, ``knee``, ``ankle``, ``shoulder``, ``elbow``, ``wrist``: flexion
  positive in the side view; in the front view abduction for hip and shoulder, and bending
  toward the midline for knee and elbow.

A limb that points out of the picture (a leg bent out to the side, seen from the side) is
given a ``turn`` in degrees and drawn foreshortened; the range checks see only the angles in
the picture, which is the model's main simplification.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import anthropometry as A
from .geometry import Point, add, lerp, mul, rotate, sub, unit

SIDES = ("near", "far")
LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")
JOINTS = ("body", "lumbar", "neck", "head") + tuple(f"{s}_{j}" for s in SIDES for j in LIMB_JOINTS)
DOWN, UP = (0.0, -1.0), (0.0, 1.0)


@dataclass(frozen=True)
class Capsule:
    """A body part: a tapered capsule from ``a`` (proximal) to ``b`` with radii ``ra`` and ``rb``."""

    name: str  # e.g. "near_shank", "trunk"
    group: str  # "near", "far" or "mid": far parts are drawn first and lighter
    a: Point
    b: Point
    ra: float
    rb: float

    @property
    def segment(self) -> str:
        return self.name.split("_", 1)[1] if self.group != "mid" else self.name

    def point(self, t: float) -> Point:
        return lerp(self.a, self.b, t)

    def radius(self, t: float) -> float:
        return self.ra + (self.rb - self.ra) * t


@dataclass
class Body:
    view: str
    capsules: dict[str, Capsule] = field(default_factory=dict)
    points: dict[str, Point] = field(default_factory=dict)  # joints and landmarks, e.g. "near_heel"
    turn: dict[str, float] = field(default_factory=dict)  # segment → degrees it points out of the picture

    def shifted(self, dx: float, dy: float) -> Body:
        def mv(p):
            return (p[0] + dx, p[1] + dy)

        caps = {k: Capsule(c.name, c.group, mv(c.a), mv(c.b), c.ra, c.rb) for k, c in self.capsules.items()}
        return Body(self.view, caps, {k: mv(p) for k, p in self.points.items()}, self.turn)


_LENGTH = {name: A.cm(s.length) for name, s in A.SEGMENTS.items()}
_WIDTH = {
    (name, view): (A.cm(w[0]) / 2, A.cm(w[1]) / 2)
    for name, s in A.SEGMENTS.items()
    for view, w in (("side", s.side_width), ("front", s.front_width))
}


def _width(segment: str, view: str) -> tuple[float, float]:
    return _WIDTH[(segment, view)]


def _chain(body: Body, name: str, group: str, start: Point, direction: Point, inset=(0.0, 0.0)) -> Point:
    """Add one segment from ``start`` along the unit ``direction``; return its distal joint."""
    segment = name.split("_", 1)[1] if group != "mid" else name
    # A segment turned out of the picture (toward you or away) is drawn foreshortened.
    turn = body.turn.get(name)
    seen = math.cos(math.radians(turn)) if turn else 1.0
    end = add(start, mul(direction, _LENGTH[segment] * seen))
    ra, rb = _width(segment, body.view)
    a, b = add(start, mul(direction, ra * inset[0])), add(end, mul(direction, -rb * inset[1]))
    body.capsules[name] = Capsule(name, group, a, b, ra, rb)
    return end


def pose(angles: dict[str, float], view: str, turn: dict[str, float] | None = None) -> Body:
    """The body for ``angles`` (missing joints are 0) with the hip joints' midpoint at (0, 0).

    ``turn``: segments that point out of the picture, in degrees (drawn shorter by its cosine)."""
    g = {j: float(angles.get(j, 0.0)) for j in JOINTS}
    body = Body(view, turn=dict(turn or {}))
    root = (0.0, 0.0)
    pelvis_dir = rotate(UP, -g["body"])
    front = view == "front"
    waist = _chain(body, "pelvis", "mid", root, pelvis_dir, inset=(0.6 if front else 0.0, 0.0))
    if not front:  # the buttocks sit behind the hip joints: seen from the side the pelvis is set back
        back = mul(rotate(pelvis_dir, 90), A.cm(A.PELVIS_BACK))
        c = body.capsules["pelvis"]
        body.capsules["pelvis"] = Capsule(c.name, c.group, add(c.a, back), add(c.b, back), c.ra, c.rb)
    # Upward chains flex forward (clockwise) in the side view and bend toward the near side
    # (counter-clockwise, the near side is on the left) in the front view.
    up_sign = 1 if front else -1
    trunk_dir = rotate(pelvis_dir, up_sign * g["lumbar"])
    top = _chain(body, "trunk", "mid", waist, trunk_dir, inset=(0.0, 0.6))
    neck_dir = rotate(trunk_dir, up_sign * g["neck"])
    chin = _chain(body, "neck", "mid", top, neck_dir)
    _chain(body, "head", "mid", chin, rotate(neck_dir, up_sign * g["head"]), inset=(1.0, 1.0))
    body.points.update(root=root, waist=waist, shoulders=top, chin=chin)
    for side in SIDES:
        _leg(body, side, g, root, pelvis_dir)
        _arm(body, side, g, top, trunk_dir)
    return body


def _lateral(body: Body, side: str, axis: Point, half_width: float) -> Point:
    """Offset of a near/far joint from the midline: only the front view shows it."""
    if body.view == "side":
        return (0.0, 0.0)
    toward_near = rotate(axis, 90)  # the near side is on the left of an upright figure facing you
    return mul(toward_near, A.cm(half_width) * (1 if side == "near" else -1))


def _bend(body: Body, side: str) -> int:
    """Sign that turns a downward limb by a positive angle: forward (side) or outward/inward (front)."""
    if body.view == "side":
        return 1
    return -1 if side == "near" else 1


def _leg(body: Body, side: str, g: dict, root: Point, pelvis_dir: Point) -> None:
    hip = add(root, _lateral(body, side, pelvis_dir, A.HIP_HALF_WIDTH))
    s = _bend(body, side)
    thigh_dir = rotate(mul(pelvis_dir, -1), s * g[f"{side}_hip"])
    knee = _chain(body, f"{side}_thigh", side, hip, thigh_dir)
    # The knee bends backward in the side view, toward the midline in the front view.
    shank_dir = rotate(thigh_dir, -g[f"{side}_knee"] if body.view == "side" else -s * g[f"{side}_knee"])
    ankle = _chain(body, f"{side}_shank", side, knee, shank_dir)
    if body.view == "side":
        sole_dir = rotate(shank_dir, 90 + g[f"{side}_ankle"])  # heel → toes
        heel = add(add(ankle, mul(shank_dir, A.cm(A.ANKLE_HEIGHT))), mul(sole_dir, -A.cm(A.HEEL_BEHIND_ANKLE)))
        toes = add(heel, mul(sole_dir, A.cm(A.SEGMENTS["foot"].length)))
    else:  # seen from the front the foot points at you: a short block under the ankle
        foot_dir = rotate(shank_dir, -s * g[f"{side}_ankle"])
        heel = toes = add(ankle, mul(foot_dir, A.cm(A.ANKLE_HEIGHT)))
    ra, rb = _width("foot", body.view)
    if heel == toes:  # seen from the front: from the ankle down to the sole
        a, b = ankle, add(heel, mul(unit(sub(ankle, heel)), rb))
    else:  # from above the heel, where the shank meets the foot, to the toes, resting on the sole line
        lift = unit(rotate(sub(toes, heel), 90))
        a = lerp(ankle, add(heel, mul(lift, ra)), 0.5)
        b = add(toes, mul(lift, rb))
    body.capsules[f"{side}_foot"] = Capsule(f"{side}_foot", side, a, b, ra, rb)
    body.points.update({f"{side}_hip": hip, f"{side}_knee": knee, f"{side}_ankle": ankle})
    body.points.update({f"{side}_heel": heel, f"{side}_toes": toes})


def _arm(body: Body, side: str, g: dict, top: Point, trunk_dir: Point) -> None:
    shoulder = add(top, _lateral(body, side, trunk_dir, A.SHOULDER_HALF_WIDTH))
    s = _bend(body, side)
    upper_dir = rotate(mul(trunk_dir, -1), s * g[f"{side}_shoulder"])
    elbow = _chain(body, f"{side}_upper_arm", side, shoulder, upper_dir)
    # The elbow bends forward in the side view, toward the midline in the front view.
    fore_dir = rotate(upper_dir, g[f"{side}_elbow"] if body.view == "side" else -s * g[f"{side}_elbow"])
    wrist = _chain(body, f"{side}_forearm", side, elbow, fore_dir)
    hand_dir = rotate(fore_dir, -g[f"{side}_wrist"] if body.view == "side" else -s * g[f"{side}_wrist"])
    tip = _chain(body, f"{side}_hand", side, wrist, hand_dir, inset=(0.0, 1.0))
    body.points.update({f"{side}_shoulder": shoulder, f"{side}_elbow": elbow, f"{side}_wrist": wrist})
    body.points[f"{side}_fingertips"] = tip
