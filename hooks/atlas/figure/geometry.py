"""Small 2-D vector helpers for the figure: points are (x, y) tuples in centimetres, y up."""

from __future__ import annotations

import math

Point = tuple[float, float]


def add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def mul(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def dot(a: Point, b: Point) -> float:
    return a[0] * b[0] + a[1] * b[1]


def length(a: Point) -> float:
    return math.hypot(a[0], a[1])


def unit(a: Point) -> Point:
    n = length(a) or 1.0
    return (a[0] / n, a[1] / n)


def rotate(a: Point, degrees: float) -> Point:
    """Counter-clockwise by ``degrees`` (y up)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (a[0] * c - a[1] * s, a[0] * s + a[1] * c)


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def closest_t(p: Point, a: Point, b: Point) -> float:
    """Where along a→b (0–1) the point nearest to ``p`` lies."""
    ab = sub(b, a)
    denom = dot(ab, ab) or 1.0
    return max(0.0, min(1.0, dot(sub(p, a), ab) / denom))


def segment_distance(a1: Point, a2: Point, b1: Point, b2: Point) -> tuple[float, float, float]:
    """Shortest distance between segments a1a2 and b1b2, and where (t on a, u on b) it is."""
    crossing = _crossing(a1, a2, b1, b2)
    if crossing is not None:
        return (0.0, *crossing)
    best = (math.inf, 0.0, 0.0)
    for t in (0.0, 1.0):  # apart, the minimum of two segments lies at an end of one of them
        p = lerp(a1, a2, t)
        u = closest_t(p, b1, b2)
        best = min(best, (length(sub(p, lerp(b1, b2, u))), t, u))
    for u in (0.0, 1.0):
        q = lerp(b1, b2, u)
        t = closest_t(q, a1, a2)
        best = min(best, (length(sub(lerp(a1, a2, t), q)), t, u))
    return best


def _crossing(a1: Point, a2: Point, b1: Point, b2: Point) -> tuple[float, float] | None:
    """Where (t on a, u on b) two segments cross, or None."""
    da, db = sub(a2, a1), sub(b2, b1)
    denom = da[0] * db[1] - da[1] * db[0]
    if abs(denom) < 1e-12:
        return None
    w = sub(b1, a1)
    t = (w[0] * db[1] - w[1] * db[0]) / denom
    u = (w[0] * da[1] - w[1] * da[0]) / denom
    return (t, u) if 0 <= t <= 1 and 0 <= u <= 1 else None
