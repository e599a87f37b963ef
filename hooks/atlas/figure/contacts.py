"""Where body parts and tools touch: signed gaps in centimetres (negative means "goes into").

Every check and the solver use these same numbers, so what the solver fixes and what the
checks report can never disagree. Part names are capsule names (``near_forearm``: the whole
forearm lies on the surface, both ends touch), joint or landmark names (``near_heel``,
``near_knee``: one point), or ``bottom`` (the lowest point of the pelvis).
"""

from __future__ import annotations

from .geometry import Point, closest_t, length, lerp, rotate, segment_distance, sub, unit
from .props import Surface, Tool
from .skeleton import Body, Capsule

# A landmark's radius: the body's surface around that joint (0 for the sole and fingertips).
_POINT_RADIUS = {"heel": None, "toes": None, "fingertips": None, "knee": ("shank", 0), "elbow": ("forearm", 0)}
_POINT_RADIUS |= {"ankle": ("shank", 1), "wrist": ("forearm", 1), "hip": ("thigh", 0), "shoulder": ("upper_arm", 0)}
FACES = {"side": ("front", "back"), "front": ("outer", "inner")}
FOOT_FACES = ("sole", "top")


def part_names(body: Body) -> set[str]:
    names = set(body.capsules) | {"bottom"} | set(_TRUNK_POINTS)
    return names | {f"{s}_{p}" for s in ("near", "far") for p in _POINT_RADIUS}


# Landmarks on the trunk: the upper back (around the shoulder blades) and the lower back.
_TRUNK_POINTS = {"upper_back": 1, "lower_back": 0}


def _circle(body: Body, part: str) -> tuple[Point, float]:
    if part in _TRUNK_POINTS:
        cap = body.capsules["trunk"]
        return (cap.b, cap.rb) if _TRUNK_POINTS[part] else (cap.a, cap.ra)
    side, kind = part.split("_", 1)
    spec = _POINT_RADIUS[kind]
    if spec is None:
        return body.points[part], 0.0
    cap = body.capsules[f"{side}_{spec[0]}"]
    return (cap.a, cap.ra) if spec[1] == 0 else (cap.b, cap.rb)


def _ends(cap: Capsule) -> list[tuple[Point, float]]:
    return [(cap.a, cap.ra), (cap.b, cap.rb)]


def _circle_to_capsule(p: Point, r: float, cap: Capsule) -> float:
    t = closest_t(p, cap.a, cap.b)
    return length(sub(p, cap.point(t))) - r - cap.radius(t)


def anchor(body: Body, part: str) -> Point:
    """One point that stands for a body part, to tell whether it moved during the pass."""
    if part == "bottom":
        return body.points["root"]
    if part in body.capsules:
        return body.capsules[part].point(0.5)
    return _circle(body, part)[0]


def part_gaps(body: Body, part: str, on: str, surfaces: dict[str, Surface], tool: Tool | None) -> list[float]:
    """The gaps between ``part`` and what it rests ``on``; one number per touching end."""
    if on in surfaces:
        s = surfaces[on]
        if part == "bottom":
            return [min(s.gap(p, r) for p, r in _ends(body.capsules["pelvis"])) + s.overhang(body.points["root"])]
        if part in body.capsules:
            ends = _ends(body.capsules[part])
            if part.endswith("_foot") and body.view == "front":  # seen from the front only the sole can rest
                ends = ends[1:]
            return [s.gap(p, r) + s.overhang(p) for p, r in ends]
        p, r = _circle(body, part)
        return [s.gap(p, r) + s.overhang(p)]
    if on == "tool":
        if tool is None:
            return []
        circles = _ends(body.capsules[part]) if part in body.capsules else [_circle(body, part)]
        a, b = tool.axis()
        return [min(length(sub(p, lerp(a, b, closest_t(p, a, b)))) - r - tool.radius for p, r in circles)]
    target = body.capsules[on]
    if part in body.capsules:
        c = body.capsules[part]
        d, t, u = segment_distance(c.a, c.b, target.a, target.b)
        return [d - c.radius(t) - target.radius(u)]
    p, r = _circle(body, part)
    return [_circle_to_capsule(p, r, target)]


def face_normal(cap: Capsule, face: str, view: str) -> tuple[float, float] | None:
    """The outward direction of a named face of a capsule, or None if the view has no such face."""
    d = unit(sub(cap.b, cap.a))
    if cap.segment == "foot":
        turn = {"sole": -90, "top": 90}.get(face)
    elif view == "side":
        down_chain = cap.group != "mid"  # limbs hang down in the reference pose, the trunk points up
        turn = {"front": 90, "back": -90}.get(face)
        turn = turn if turn is None or down_chain else -turn
    else:
        near_like = cap.group in ("near", "mid")
        turn = {"outer": -90, "inner": 90}.get(face)
        if turn is not None and cap.group == "mid":
            turn = -turn  # the trunk points up: its near side is to the left of its axis
        elif turn is not None and not near_like:
            turn = -turn
    return rotate(d, turn) if turn is not None else None


def faces_for(cap: Capsule, view: str) -> tuple[str, str]:
    return FOOT_FACES if cap.segment == "foot" else FACES[view]


def face_of(cap: Capsule, normal: tuple[float, float], view: str) -> str:
    """The name of the face whose outward direction is closest to ``normal``."""
    names = faces_for(cap, view)
    return max(names, key=lambda f: sum(a * b for a, b in zip(face_normal(cap, f, view), normal, strict=True)))


def tool_gap(body: Body, segment: str, tool: Tool) -> tuple[float, float]:
    """Signed gap between the tool and the segment it works on, and where along the segment it is closest.

    An upright tool lies on the segment's surface toward you (a stick against the outer thigh,
    seen from the side): a flat drawing cannot show that gap, so it counts as touching while
    its axis crosses the segment, and as the distance it misses by otherwise."""
    cap = body.capsules[segment]
    a, b = tool.axis()
    d, t, _ = segment_distance(cap.a, cap.b, a, b)
    if tool.lay == "upright":
        return max(0.0, d - cap.radius(t)), t
    return d - cap.radius(t) - tool.radius, t


_LEG, _ARM = {"thigh", "shank", "foot"}, {"upper_arm", "forearm", "hand"}


def _same_limb(a: str, b: str) -> bool:
    if a.split("_")[0] != b.split("_")[0]:
        return False
    ka, kb = a.split("_", 1)[-1], b.split("_", 1)[-1]
    return (ka in _LEG and kb in _LEG) or (ka in _ARM and kb in _ARM)


def penetrations(body: Body, tool: Tool, target: str, holders: set[str], surfaces: dict[str, Surface]):
    """(part, what, depth) for every body part or tool that goes into the floor, a wall or the tool.

    Depth is negative when it goes in. Seen from the side, a ball or short tool sits on one side
    of the body only, so the far limbs (at another depth) cannot hit it; a long roller spans both.
    A segment turned well out of the picture is at another depth too, so only the floor and walls
    are checked for it."""
    walls = [s for s in surfaces.values() if s.name in ("floor", "wall")]
    spans_both = tool.view == "front" or tool.length >= 30
    out = []
    for name, cap in body.capsules.items():
        for s in walls:
            out.append((name, s.name, min(s.gap(cap.a, cap.ra), s.gap(cap.b, cap.rb))))
        elsewhere = abs(body.turn.get(name, 0.0)) >= 30 or (cap.group == "far" and not spans_both)
        if tool.lay == "along" and tool.view == "side":  # lying beside the body: only the rolled limb reaches it
            elsewhere = elsewhere or not _same_limb(name, target)
        if name == target or name in holders or tool.lay == "upright" or elsewhere:
            continue
        a, b = tool.axis()
        reach = max(cap.ra, cap.rb) + tool.half_span + tool.half_height + length(sub(cap.b, cap.a))
        if abs(cap.a[0] - tool.center[0]) > reach or abs(cap.a[1] - tool.center[1]) > reach:
            out.append((name, "tool", reach))  # too far apart to touch: skip the exact (slow) distance
            continue
        d, _, _ = segment_distance(cap.a, cap.b, a, b)
        t = closest_t(lerp(a, b, 0.5), cap.a, cap.b)
        out.append((name, "tool", d - cap.radius(t) - tool.radius))
    for s in walls:
        out.append(("tool", s.name, s.gap(tool.center, tool.radius)))
    return out
