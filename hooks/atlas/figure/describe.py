"""``describe(scene)`` → (alt text, caption), written from the same data the picture is drawn from.

The words name the view, the posture, the side, the body part (segment and the face that
meets the tool), the tool and what holds it, the supports, and where the pass starts and
ends. To name a new segment or face, add it to ``_PART``; to name a new landmark along a
segment, add it to ``_ENDS``.
"""

from __future__ import annotations

_PART = {  # (segment, face) → what a reader calls it
    ("shank", "back"): "calf",
    ("shank", "front"): "shin",
    ("shank", "outer"): "outer shin",
    ("shank", "inner"): "inner calf",
    ("thigh", "back"): "back of the thigh",
    ("thigh", "front"): "front of the thigh",
    ("thigh", "outer"): "outer thigh",
    ("thigh", "inner"): "inner thigh",
    ("pelvis", "back"): "buttock",
    ("pelvis", "front"): "front of the hip",
    ("pelvis", "outer"): "side of the hip",
    ("trunk", "back"): "back",
    ("trunk", "front"): "chest",
    ("trunk", "outer"): "side of the back",
    ("neck", "back"): "back of the neck",
    ("head", "back"): "base of the skull",
    ("forearm", "back"): "forearm",
    ("forearm", "front"): "forearm",
    ("foot", "sole"): "sole of the foot",
    ("upper_arm", "back"): "back of the upper arm",
}
# segment → (near the proximal joint, near the distal joint, the middle)
_ENDS = {
    "shank": ("just below the knee", "just above the ankle", "the middle of the lower leg"),
    "thigh": ("just below the hip", "just above the knee", "the middle of the thigh"),
    "pelvis": ("the bottom of the buttock", "the top of the buttock", "the middle of the buttock"),
    "trunk": ("the bottom of the ribs", "the top of the shoulder blades", "the middle of the back"),
    "neck": ("the base of the neck", "the base of the skull", "the middle of the neck"),
    "head": ("the base of the skull", "the crown", "the back of the head"),
    "forearm": ("just below the elbow", "a hand's width above the wrist", "the middle of the forearm"),
    "foot": ("the front of the heel", "the ball of the foot", "the arch"),
    "upper_arm": ("just below the shoulder", "just above the elbow", "the middle of the upper arm"),
}
_TOUCH = {"floor": "on the floor", "wall": "against the wall", "seat": "on the chair", "step": "on the step"}
_TOUCH |= {"table": "on the table"}
_HOLDER = {"floor": "on the floor", "wall": "against the wall", "seat": "on the chair seat", "step": "on the step"}
_HOLDER |= {"table": "on the table", "hands": "held in both hands"}
_PLURAL = {"hand": "hands", "foot": "feet", "forearm": "forearms", "heel": "heels", "knee": "knees", "elbow": "elbows"}
_PLURAL |= {"fingertips": "fingertips", "toes": "toes", "shank": "shins", "thigh": "thighs"}


def part_word(segment: str, face: str) -> str:
    kind = segment.split("_", 1)[1] if segment.startswith(("near_", "far_")) else segment
    return _PART.get((kind, face), kind.replace("_", " "))


def where_word(segment: str, fraction: float) -> str:
    kind = segment.split("_", 1)[1] if segment.startswith(("near_", "far_")) else segment
    first, last, middle = _ENDS.get(kind, ("one end", "the other end", "the middle"))
    return first if fraction < 0.34 else last if fraction > 0.66 else middle


def side_word(spec, part: str) -> str:
    """near_ → the rolled side, far_ → the other side; words for a reader."""
    other = "left" if spec.side == "right" else "right"
    return spec.side if part.startswith("near_") else other if part.startswith("far_") else ""


def _part_phrase(spec, part: str) -> str:
    if part == "bottom":
        return "bottom"
    kind = part.split("_", 1)[1] if part.startswith(("near_", "far_")) else part
    return f"{side_word(spec, part)} {kind.replace('_', ' ')}".strip()


def supports_phrase(spec) -> str:
    """'hands on the floor, left foot on the floor' from the supports list (pairs become plurals)."""
    groups: dict[str, list[str]] = {}
    for s in spec.supports:
        groups.setdefault(s.on, []).append(s.part)
    out = []
    for on, parts in groups.items():
        kinds = [p.split("_", 1)[1] if p.startswith(("near_", "far_")) else p for p in parts]
        words, done = [], set()
        for p, k in zip(parts, kinds, strict=True):
            if k in done:
                continue
            pair = kinds.count(k) == 2
            words.append(_PLURAL.get(k, k + "s") if pair else _part_phrase(spec, p))
            done.add(k)
        if on == "tool":
            out.append(f"{' and '.join(words)} holding the {spec.tool.replace('-', ' ')}")
        elif on in _TOUCH:
            out.append(f"{' and '.join(words)} {_TOUCH[on]}")
        else:
            out.append(f"{' and '.join(words)} on the {_part_phrase(spec, on)}")
    return ", ".join(out)


def describe(scene, tool_title: str | None = None) -> tuple[str, str]:
    """(alt, caption). ``tool_title``: the equipment's title (default: its id in words)."""
    spec = scene.spec
    tool = (tool_title or spec.tool.replace("-", " ")).lower()
    body_part = part_word(spec.segment, scene.face)
    who = side_word(spec, spec.segment)
    target = f"{who} {body_part}".strip()
    held = "" if spec.holder == "hands" else f" {_HOLDER[spec.holder]}"
    supports = supports_phrase(spec)
    scene_words = f"{spec.posture['title']}, {target} on the {tool}{held}"
    if supports:
        scene_words += f", {supports}"
    start, end = where_word(spec.segment, spec.start), where_word(spec.segment, spec.end)
    view = "Side view" if spec.view == "side" else "Front view"
    alt = f"{view}: {scene_words}. The {tool} rolls from {start} to {end}."
    caption = f"{scene_words[0].upper()}{scene_words[1:]}. Roll from {start} to {end}, then back."
    return alt, caption
