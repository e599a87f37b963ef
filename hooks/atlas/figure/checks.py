"""``figure_problems``: everything physically wrong with a technique's figure, as author-facing Problems.

Each message says what is off and by how much, in centimetres or degrees at real scale (a
170 cm body), at the line where the value was written (the technique's ``figure:`` block, or
data/postures.yaml when the posture itself is at fault). Tolerance is 1 cm for contacts.
Checked, at the start and at the end of the pass: joint angles within normal ranges
(ranges.py), the tool touching its segment at the intended place, each declared support
touching its surface, nothing through the floor or a wall or into the tool, the segment
belonging to the technique's regions, and the figure inside its frame.
"""

from __future__ import annotations

from ..errors import Problem, field_path
from ..load import Document
from .bounds import frame_box
from .contacts import anchor, part_gaps, penetrations, tool_gap
from .ranges import RANGE_HINT, out_of_range
from .scene import Frame, Scene, build_scene, planted_at
from .spec import Spec, merge

TOLERANCE = 1.0  # cm
_WHEN = {"start": "at the start of the pass", "end": "at the end of the pass"}


def _cm(v: float) -> str:
    return f"{abs(v):.1f} cm"


def _at(doc: Document, path: tuple, message: str, hint: str | None = None) -> Problem:
    return Problem(doc.file, doc.line_of(path), field_path(path), message, hint)


def reference_problems(doc: Document, regions: dict, postures: Document, equipment: Document) -> list[Problem]:
    """Names the figure uses that do not exist or do not fit the technique (checked before drawing)."""
    fig = doc.data.get("figure")
    if fig is None:
        return [Problem(doc.file, 1, "figure", "missing", "copy the figure: block of a technique in the same position")]
    out = []
    if fig["posture"] not in postures.data:
        out.append(
            _at(doc, ("figure", "posture"), f"unknown posture '{fig['posture']}'", "postures are in data/postures.yaml")
        )
    tool = equipment.data.get(fig["tool"])
    if tool is None or "size" not in tool:
        out.append(
            _at(
                doc,
                ("figure", "tool"),
                f"'{fig['tool']}' has no size in data/equipment.yaml",
                "add size: {diameter_cm: …}",
            )
        )
    elif fig["tool"] not in doc.data.get("equipment", []):
        out.append(_at(doc, ("figure", "tool"), f"'{fig['tool']}' is not in this technique's equipment list"))
    kind = fig["segment"].split("_", 1)[1] if fig["segment"].startswith(("near_", "far_")) else fig["segment"]
    allowed = sorted({s for segs in regions.values() for s in segs})
    if kind not in allowed:
        names = ", ".join(regions) or "none"
        out.append(
            _at(
                doc,
                ("figure", "segment"),
                f"the {kind} is not part of this technique's regions ({names})",
                f"they cover: {', '.join(allowed) or 'no segments yet (add segments: in data/regions.yaml)'}",
            )
        )
    if fig["holder"] == "hands" and not any(s.get("touches") == "tool" for s in fig.get("supports", [])):
        out.append(
            _at(
                doc,
                ("figure", "holder"),
                "the tool is held in the hands, but no hand touches it",
                "list the hands under supports with touches: tool",
            )
        )
    return out


def figure_problems(doc: Document, regions: dict, postures: Document, equipment: Document) -> list[Problem]:
    """All problems with the figure of technique ``doc``. ``regions``: its region ids → their segments."""
    out = reference_problems(doc, regions, postures, equipment)
    if out:
        return out
    spec = merge(doc.file.rsplit("/", 1)[-1].removesuffix(".yaml"), doc, postures.data, postures, equipment.data)
    return scene_problems(build_scene(spec))


def scene_problems(scene: Scene) -> list[Problem]:
    spec = scene.spec
    out = range_problems(spec, spec.joints, "start") + range_problems(spec, spec.end_joints, "end")
    for when, frame in (("start", scene.start), ("end", scene.end)):
        out += contact_problems(scene, frame, when) + collision_problems(scene, frame, when)
        out += frame_problems(scene, frame, when)
    seen, unique = set(), []
    for p in out:  # the same fault at the start and the end is reported once
        key = (p.file, p.line, p.field, p.message.split(" at the ")[0])
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def range_problems(spec: Spec, joints: dict, when: str) -> list[Problem]:
    """Joints outside their normal range: the start angles, or the end angles merged over them."""
    merged = joints if when == "start" else spec.joints | joints
    out = []
    for name in joints:
        message = out_of_range(spec.view, name, merged)
        if message:
            doc, path = _where(spec, name, when)
            out.append(_at(doc, path, message, RANGE_HINT))
    return out


def _where(spec: Spec, joint: str, when: str) -> tuple[Document, tuple]:
    if when == "end":
        return spec.doc, ("figure", "end_joints", joint)
    if joint in spec.joint_paths:
        return spec.joint_paths[joint]
    return spec.doc, ("figure", "joints")


def contact_problems(scene: Scene, frame: Frame, when: str) -> list[Problem]:
    spec, out = scene.spec, []
    gap, t = tool_gap(frame.body, spec.segment, frame.tool)
    tool = spec.tool.replace("-", " ")
    if abs(gap) > TOLERANCE:
        what = f"is {_cm(gap)} away from" if gap > 0 else f"goes {_cm(gap)} into"
        out.append(
            _at(
                spec.doc,
                ("figure", "segment"),
                f"the {tool} {what} the {spec.segment} {_WHEN[when]}",
                "adjust the joints (or the supports' free joints) so the segment rests on the tool",
            )
        )
    length = frame.body.capsules[spec.segment]
    off = abs(t - frame.fraction) * _length(length)
    if off > 3 * TOLERANCE and abs(spec.turn.get(spec.segment, 0.0)) < 60:  # see scene.residuals
        out.append(
            _at(
                spec.doc,
                ("figure", "pass"),
                f"the {tool} touches the {spec.segment} {off:.1f} cm from "
                f"where the pass says ({frame.fraction:g}) {_WHEN[when]}",
                "keep start and end between 0.05 and 0.95",
            )
        )
    return out + _support_problems(scene, frame, when)


def _support_problems(scene: Scene, frame: Frame, when: str) -> list[Problem]:
    """Each declared support (hands, feet, forearm…) on its surface, and planted ones where they started."""
    out = []
    for s in scene.spec.supports:
        if s.planted and when == "end" and s.on in scene.surfaces:
            axis, value = planted_at(s, scene.start.body, scene.surfaces)
            slid = anchor(frame.body, s.part)[axis] - value
            if abs(slid) > TOLERANCE:
                out.append(
                    _at(
                        s.doc,
                        s.path,
                        f"{s.part} slides {_cm(slid)} along the {s.on} during the pass, but it is planted",
                        "bend the joints above it instead (list them under free)",
                    )
                )
        gaps = part_gaps(frame.body, s.part, s.on, scene.surfaces, frame.tool)
        worst = max(gaps, key=abs) if gaps else 0.0
        if abs(worst) > TOLERANCE:
            what = f"is {_cm(worst)} off" if worst > 0 else f"goes {_cm(worst)} into"
            out.append(
                _at(
                    s.doc,
                    s.path,
                    f"{s.part} {what} the {s.on} {_WHEN[when]}",
                    "change the angles of the joints in between, or list them under free",
                )
            )
    return out


def _length(cap) -> float:
    return ((cap.b[0] - cap.a[0]) ** 2 + (cap.b[1] - cap.a[1]) ** 2) ** 0.5


def collision_problems(scene: Scene, frame: Frame, when: str) -> list[Problem]:
    spec, out = scene.spec, []
    if "joints" in spec.doc.data["figure"]:
        doc, path = spec.doc, ("figure", "joints")
    else:  # the posture as written is at fault
        doc, path = spec.posture_doc, (spec.posture_id, "joints")
    holders = {s.part for s in spec.supports if s.on == "tool"}
    tool = spec.tool.replace("-", " ")
    for name, what, depth in penetrations(frame.body, frame.tool, spec.segment, holders, scene.surfaces):
        if depth >= -TOLERANCE:
            continue
        if name == "tool":
            out.append(
                _at(spec.doc, ("figure", "holder"), f"the {tool} goes {_cm(depth)} through the {what} {_WHEN[when]}")
            )
        elif what == "tool":
            out.append(_at(doc, path, f"the {name} goes {_cm(depth)} into the {tool} {_WHEN[when]}"))
        else:
            out.append(_at(doc, path, f"the {name} goes {_cm(depth)} through the {what} {_WHEN[when]}"))
    return out


def frame_problems(scene: Scene, frame: Frame, when: str) -> list[Problem]:
    spec = scene.spec
    x0, y0, x1, y1 = frame_box(frame)
    w, h = spec.frame
    over = {"left": -x0, "right": x1 - w, "top": y1 - h}
    side, worst = max(over.items(), key=lambda kv: kv[1])
    if worst <= TOLERANCE:
        return []
    if spec.side == "left" and side in ("left", "right"):
        side = "right" if side == "left" else "left"  # the drawing is mirrored
    return [
        _at(
            spec.posture_doc,
            (spec.posture_id, "frame"),
            f"the figure leaves its frame by {worst:.1f} cm on the {side} {_WHEN[when]} ({spec.technique})",
            "make the frame larger or move x_cm",
        )
    ]
