"""The extent of what a scene draws, in centimetres: for centring and for the frame check."""

from __future__ import annotations


def frame_box(frame) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for c in frame.body.capsules.values():
        for p, r in ((c.a, c.ra), (c.b, c.rb)):
            xs += [p[0] - r, p[0] + r]
            ys += [p[1] - r, p[1] + r]
    t = frame.tool
    xs += [t.center[0] - t.half_span, t.center[0] + t.half_span]
    ys += [t.center[1] - t.half_height, t.center[1] + t.half_height]
    return min(xs), min(ys), max(xs), max(ys)


def scene_box(scene) -> tuple[float, float, float, float]:
    a, b = frame_box(scene.start), frame_box(scene.end)
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])
