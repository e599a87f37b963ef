"""One figure's instructions: a posture from data/postures.yaml merged with a technique's ``figure:``.

The technique's block names a posture and overrides only what differs, so an author copies a
nearby technique and changes a few numbers. ``Spec`` is that merge, with where each value
came from (for messages that point at the right file and line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load import Document


@dataclass(frozen=True)
class Support:
    part: str  # a body part: near_hand, bottom, near_forearm, near_heel, …
    on: str  # floor, wall, seat, step, table, tool, or a body part such as near_forearm
    path: tuple  # where it is written, for line numbers
    doc: Document
    planted: bool = False  # stays in place along its surface during the pass (feet when standing)


@dataclass
class Spec:
    technique: str
    doc: Document  # the technique's file
    posture_id: str
    posture: dict
    posture_doc: Document | None
    side: str  # the rolled side: right or left
    view: str
    frame: tuple[float, float]  # width, height in cm
    props: dict
    joints: dict[str, float]
    end_joints: dict[str, float]
    turn: dict[str, float]
    end_turn: dict[str, float]
    joint_paths: dict[str, tuple[Document, tuple]]  # joint → where its value was written
    supports: list[Support]
    free: list[str]
    tool: str
    tool_size: dict
    segment: str
    holder: str  # what holds the tool: floor, wall, seat, step, table, hands
    face: str | None
    lay: str
    start: float
    end: float
    pace_seconds: float = 3.0
    extra: dict = field(default_factory=dict)


def merge(technique_id: str, doc: Document, postures: dict, postures_doc: Document | None, equipment: dict) -> Spec:
    """The merged figure of ``doc`` (a technique with a valid ``figure:`` naming a known posture)."""
    fig = doc.data["figure"]
    posture = postures[fig["posture"]]
    base = ("figure",)
    joints, paths = {}, {}
    for name, value in posture.get("joints", {}).items():
        joints[name] = float(value)
        paths[name] = (postures_doc, (fig["posture"], "joints", name))
    for name, value in fig.get("joints", {}).items():
        joints[name] = float(value)
        paths[name] = (doc, base + ("joints", name))
    if "supports" in fig:
        raw, where, owner = fig["supports"], base + ("supports",), doc
    else:
        raw, where, owner = posture.get("supports", []), (fig["posture"], "supports"), postures_doc
    supports = [
        Support(s["part"], s["touches"], where + (i,), owner, s.get("planted", False)) for i, s in enumerate(raw)
    ]
    return Spec(
        technique=technique_id,
        doc=doc,
        posture_id=fig["posture"],
        posture=posture,
        posture_doc=postures_doc,
        side=fig["side"],
        view=posture["view"],
        frame=(float(posture["frame"]["width_cm"]), float(posture["frame"]["height_cm"])),
        props=posture.get("props", {}),
        joints=joints,
        end_joints={k: float(v) for k, v in fig.get("end_joints", {}).items()},
        turn={k: float(v) for k, v in (posture.get("turn", {}) | fig.get("turn", {})).items()},
        end_turn={k: float(v) for k, v in fig.get("end_turn", {}).items()},
        joint_paths=paths,
        supports=supports,
        free=list(fig.get("free", posture.get("free", []))),
        tool=fig["tool"],
        tool_size=(equipment.get(fig["tool"]) or {}).get("size", {}),
        segment=fig["segment"],
        holder=fig["holder"],
        face=fig.get("face"),
        lay=fig.get("lay", "across"),
        start=float(fig["pass"]["start"]),
        end=float(fig["pass"]["end"]),
    )
