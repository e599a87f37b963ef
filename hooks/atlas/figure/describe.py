"""``describe(scene)`` → (alt text, caption), written from the same data the picture is drawn from.

The words name the view, the posture, the side, the body part (segment and the face that
meets the tool), the tool and what holds it, the supports, and where the pass starts and
ends. To name a new segment or face, add it to ``_PART``; to name a new landmark along a
segment, add it to ``_ALONG``. The decisions that do not depend on the language (which part, which
landmark, which side, what moves, which supports make a pair) are the functions without English in
them (``part_key``, ``landmark``, ``motion``, ``support_groups``, ``rolled_side``); each language's
grammar (describe_<lang>.py) puts its own words on them.
"""

from __future__ import annotations

from ..i18n import DEFAULT, language

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
    ("shoulder", "top"): "top of the shoulder",
}
# (segment, face) or segment → landmarks along it: (up to this fraction, words), from the proximal joint.
_ALONG = {
    "shank": [(0.34, "just below the knee"), (0.66, "the middle of the lower leg"), (1, "just above the ankle")],
    "thigh": [(0.3, "just below the hip"), (0.7, "the middle of the thigh"), (1, "just above the knee")],
    "pelvis": [(0.4, "the bottom of the buttock"), (0.6, "the middle of the buttock"), (1, "the top of the buttock")],
    ("pelvis", "outer"): [(0.5, "the front of the hip, just below the bony point"), (1, "the side of the hip")],
    "trunk": [
        (0.3, "the bottom of the ribs"),
        (0.7, "the middle of the back"),
        (0.88, "the top of the shoulder blades"),
        (1, "the top of the shoulder"),
    ],
    ("trunk", "front"): [(0.4, "the lower ribs"), (0.75, "the middle of the chest"), (1, "just below the collarbone")],
    ("trunk", "outer"): [(0.4, "the bottom of the ribs"), (0.7, "the side of the ribs"), (1, "just below the armpit")],
    "neck": [(0.4, "the base of the neck"), (0.7, "the middle of the neck"), (1, "the base of the skull")],
    "head": [(0.3, "the base of the skull"), (1, "the back of the head")],
    "forearm": [
        (0.34, "just below the elbow"),
        (0.66, "the middle of the forearm"),
        (1, "a hand's width above the wrist"),
    ],
    "foot": [(0.3, "just in front of the heel"), (0.6, "the arch"), (1, "the pad behind the toes")],
    "upper_arm": [
        (0.34, "just below the shoulder"),
        (0.66, "the middle of the upper arm"),
        (1, "just above the elbow"),
    ],
}
_NO_MARKS = [(0.5, "one end"), (1, "the other end")]  # a segment without landmarks
# joint kind → (words when the angle grows, words when it shrinks) for the motion of a pass
_MOVERS = {"near_knee", "far_knee", "neck", "head"}  # the joints whose motion a caption names
_MOTION = {
    "knee": ("bending the knees", "straightening the knees"),
    "neck": ("nodding the head forward a little", "tipping the head back a little"),
    "head": ("nodding the head forward a little", "tipping the head back a little"),
}
_TOUCH = {"floor": "on the floor", "wall": "against the wall", "seat": "on the chair", "step": "on the step"}
_TOUCH |= {"table": "on the table"}
_HOLDER = {"floor": "on the floor", "wall": "against the wall", "seat": "on the chair seat", "step": "on the step"}
_HOLDER |= {"table": "on the table", "hands": "held in both hands"}
_PLURAL = {"hand": "hands", "foot": "feet", "forearm": "forearms", "heel": "heels", "knee": "knees", "elbow": "elbows"}
_PLURAL |= {"fingertips": "hands", "toes": "toes", "shank": "lower legs", "thigh": "thighs"}


def kind_of(part: str) -> str:
    """A body part without its side: near_thigh → thigh."""
    return part.split("_", 1)[1] if part.startswith(("near_", "far_")) else part


def part_key(segment: str, face: str, fraction: float = 0.5) -> tuple[str, str]:
    """(segment kind, face) a reader names for the rolled part: the top of the trunk is the shoulder."""
    kind = kind_of(segment)
    if (kind, face) == ("trunk", "back") and fraction > 0.88:
        return "shoulder", "top"  # the top of the trunk, beside the neck
    return kind, face


def part_word(segment: str, face: str, side: str = "", fraction: float = 0.5) -> str:
    """What a reader calls the rolled part, with its side: 'right calf', 'back of the right thigh'."""
    kind, face = part_key(segment, face, fraction)
    word = _PART.get((kind, face), kind.replace("_", " "))
    if not side:
        return word
    if kind == "trunk":  # one side of the chest or back: 'right side of the chest'
        return f"{side} side of the {'chest' if face == 'front' else 'back'}"
    if " of the " in word:  # the side goes with the limb: 'back of the right thigh'
        head, _, limb = word.rpartition(" of the ")
        return f"{head} of the {side} {limb}"
    return f"{side} {word}"


def _and(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def landmark(segment: str, fraction: float, face: str | None = None) -> tuple[object, int]:
    """Where along the segment a fraction of it falls: (the key of its landmarks in ``_ALONG``, or None
    for a segment without any, and the index of the landmark)."""
    kind = kind_of(segment)
    key = (kind, face) if (kind, face) in _ALONG else kind if kind in _ALONG else None
    return key, next(i for i, (upto, _) in enumerate(_ALONG.get(key, _NO_MARKS)) if fraction <= upto)


def where_word(segment: str, fraction: float, face: str | None = None) -> str:
    key, index = landmark(segment, fraction, face)
    return _ALONG.get(key, _NO_MARKS)[index][1]


def motion(scene) -> tuple[str, bool, str] | None:
    """What moves during the pass, when the body moves against a wall or the tool stays put: the
    knee or neck joint that changes most between the solved start and end frames (what the
    picture shows), or knees that bend toward you (turned) in a front view. (joint kind, whether its
    angle grows, the side when one knee alone moves), or None."""
    spec, start, end = scene.spec, scene.start.joints, scene.end.joints
    if spec.holder != "wall" and abs(spec.end - spec.start) >= 0.02:
        return None  # the body slides over the tool, or the hands move it: nothing else to name
    changes = [(name, end[name] - start.get(name, 0.0)) for name in end if name != "body" and name in _MOVERS]
    changes = [(n, d) for n, d in changes if abs(d) >= 8]
    bent = {k: v for k, v in (spec.turn | spec.end_turn).items() if k.endswith("_thigh")}
    turned = sum(abs(v) for v in bent.values()) - sum(abs(v) for k, v in spec.turn.items() if k.endswith("_thigh"))
    if not changes and abs(turned) >= 10:
        return "knee", turned > 0, ""
    if not changes:
        return None
    name, delta = max(changes, key=lambda c: abs(c[1]))
    kind = kind_of(name)
    alone = kind == "knee" and sum(1 for n, _ in changes if n.endswith("_knee")) == 1
    return kind, delta > 0, side_word(spec, name) if alone else ""


def motion_words(scene) -> str:
    """``motion`` in words: 'bending the knees', 'straightening the right knee'."""
    moved = motion(scene)
    if moved is None:
        return ""
    kind, grows, side = moved
    words = _MOTION.get(kind, ("moving", "moving"))[0 if grows else 1]
    return words.replace("the knees", f"the {side} knee") if side else words


def rolled_side(spec) -> str:
    """The side a caption names for the rolled part: the figure's side, except for a roller or a
    peanut ball across the spine (upper back, neck), which works both sides at once."""
    if spec.segment.startswith("far_"):
        return side_word(spec, spec.segment)
    across_spine = spec.segment in ("trunk", "neck", "head") and spec.view == "side"
    if across_spine and spec.tool in ("foam-roller", "peanut-ball"):
        return ""
    return spec.side


def side_word(spec, part: str) -> str:
    """near_ → the rolled side, far_ → the other side; words for a reader."""
    other = "left" if spec.side == "right" else "right"
    return spec.side if part.startswith("near_") else other if part.startswith("far_") else ""


_NAMES = {"shank": "lower leg", "upper_arm": "upper arm", "pelvis": "hips", "trunk": "back", "fingertips": "hand"}


def _part_phrase(spec, part: str) -> str:
    if part == "bottom":
        return "bottom"
    kind = kind_of(part)
    return f"{side_word(spec, part)} {_NAMES.get(kind, kind.replace('_', ' '))}".strip()


def support_groups(spec) -> list[tuple[str, list[tuple[str, bool]]]]:
    """The supports by what they touch, in order: (on, [(part, whether it stands for a pair)]), where
    a pair (both hands, both feet) is named once."""
    groups: dict[str, list[str]] = {}
    for s in spec.supports:
        groups.setdefault(s.on, []).append(s.part)
    out = []
    for on, parts in groups.items():
        kinds = [kind_of(p) for p in parts]
        items, done = [], set()
        for p, k in zip(parts, kinds, strict=True):
            if k not in done:
                items.append((p, kinds.count(k) == 2))
                done.add(k)
        out.append((on, items))
    return out


def supports_phrase(spec) -> str:
    """'hands on the floor, left foot on the floor' from the supports list (pairs become plurals)."""
    out = []
    for on, items in support_groups(spec):
        kinds = [kind_of(p) for p, _ in items]
        words = [_PLURAL.get(kind_of(p), kind_of(p) + "s") if pair else _part_phrase(spec, p) for p, pair in items]
        if on == "tool" and all(k == "hand" for k in kinds):
            out.append(f"{_and(words)} holding the {spec.tool.replace('-', ' ')}")
        elif on == "tool":
            out.append(f"{_and(words)} also on the {spec.tool.replace('-', ' ')}")
        elif on in _TOUCH:
            out.append(f"{_and(words)} {_TOUCH[on]}")
        else:
            out.append(f"{_and(words)} on the {_part_phrase(spec, on)}")
    return ", ".join(out)


def describe(scene, tool_title: str | None = None, posture_title: str | None = None) -> tuple[str, str]:
    """(alt, caption), in the language being written (atlas/i18n.py). ``tool_title``: the equipment's
    title (default: its id in words); ``posture_title``: the posture's words, when they are translated
    (default: the posture's own title)."""
    if language() != DEFAULT:
        return describe_in(language(), scene, tool_title, posture_title)
    spec = scene.spec
    tool = (tool_title or spec.tool.replace("-", " ")).lower()
    target = part_word(spec.segment, scene.face, rolled_side(spec), (spec.start + spec.end) / 2)
    held = "" if spec.holder == "hands" else f" {_HOLDER[spec.holder]}"
    supports = supports_phrase(spec)
    scene_words = f"{posture_title or spec.posture['title']}, {target} on the {tool}{held}"
    if supports:
        scene_words += f", {supports}"
    view = "Side view" if spec.view == "side" else "Front view"
    first = f"{scene_words[0].upper()}{scene_words[1:]}"
    how = pass_words(scene, scene.face, tool)
    return f"{view}: {scene_words}. {how[0]}", f"{first}. {how[1]}"


def describe_in(lang: str, scene, tool_title: str | None, posture_title: str | None) -> tuple[str, str]:
    """The same description in another language (its own grammar: atlas/figure/describe_<lang>.py)."""
    from . import describe_es

    return {"es": describe_es.describe}[lang](scene, tool_title, posture_title)


def pass_words(scene, face: str, tool: str) -> tuple[str, str]:
    """The pass in words, for the alt text and for the caption."""
    spec = scene.spec
    start, end = where_word(spec.segment, spec.start, face), where_word(spec.segment, spec.end, face)
    moving = motion_words(scene)
    by = f"{',' if ',' in end else ''} by {moving}" if moving else ""  # 'just below the bony point, by …'
    if abs(spec.end - spec.start) < 0.02:
        during = f" while the figure is {moving}" if moving else ""
        return f"The {tool} stays at {start}{during}.", f"Keep the {tool} at {start}{by}, then go back."
    if start == end:
        return (
            f"The {tool} rolls in small passes around {start}{by}.",
            f"Roll in small, slow passes around {start}{by}.",
        )
    return f"The {tool} rolls from {start} to {end}{by}.", f"Roll from {start} to {end}{by}, then back."
