"""The room and the tools: floor, wall, chair, step, table, and where a tool sits.

Sizes are real centimetres. Furniture heights are typical values chosen for the drawing, not
measurements of any product: a chair seat 43 cm high and 40 cm deep, a step or low stool
20 cm high and 30 cm wide, a table top 74 cm high. Tool sizes come from ``data/equipment.yaml``
(``size``). To add a prop, add its surfaces to ``surfaces`` and its shape to the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import Point

SEAT_HEIGHT, SEAT_DEPTH, BACKREST = 43.0, 40.0, 85.0
STEP_HEIGHT, STEP_WIDTH = 20.0, 30.0
TABLE_HEIGHT, TABLE_DEPTH = 74.0, 70.0
WALL_HEIGHT = 220.0


@dataclass(frozen=True)
class Surface:
    """Something a body part or tool can rest on: horizontal (``y`` from ``lo`` to ``hi`` in x) or a wall."""

    name: str  # floor, wall, seat, step, table
    vertical: bool
    level: float  # y of a horizontal surface, x of a wall
    lo: float = -1e9
    hi: float = 1e9
    room: int = 1  # for a wall: +1 when the room is at larger x

    def gap(self, p: Point, r: float) -> float:
        """Signed distance from a circle (centre ``p``, radius ``r``) to this surface: < 0 goes through it."""
        if self.vertical:
            return (p[0] - self.level) * self.room - r
        return p[1] - self.level - r

    def overhang(self, p: Point) -> float:
        """How far ``p`` lies beyond the ends of the surface (0 when over it)."""
        along = p[1] if self.vertical else p[0]
        return max(self.lo - along, along - self.hi, 0.0)


def surfaces(props: dict, frame_width: float) -> dict[str, Surface]:
    """The resting surfaces of a posture's props, keyed by name ("floor" is always there)."""
    out = {"floor": Surface("floor", False, 0.0)}
    if "wall" in props:
        x = float(props["wall"]["x_cm"])
        out["wall"] = Surface("wall", True, x, 0.0, WALL_HEIGHT, 1 if x < frame_width / 2 else -1)
    if "chair" in props:
        x = float(props["chair"]["x_cm"])  # the front edge of the seat; the seat runs back (to −x) from it
        out["seat"] = Surface("seat", False, SEAT_HEIGHT, x - SEAT_DEPTH, x)
    if "step" in props:
        x = float(props["step"]["x_cm"])
        out["step"] = Surface("step", False, STEP_HEIGHT, x - STEP_WIDTH / 2, x + STEP_WIDTH / 2)
    if "table" in props:
        x = float(props["table"]["x_cm"])  # the near edge; the table runs on to +x
        out["table"] = Surface("table", False, TABLE_HEIGHT, x, x + TABLE_DEPTH)
    return out


@dataclass(frozen=True)
class Tool:
    """A tool as drawn: its kind, centre, radius, and how it lies."""

    kind: str  # equipment id: foam-roller, massage-ball, peanut-ball, roller-stick
    center: Point
    radius: float  # half the diameter
    length: float  # along its axis; a ball's length is its diameter
    lay: str  # "across" (seen end-on), "along" (lengthwise, level) or "upright" (lengthwise, standing)
    view: str

    @property
    def half_span(self) -> float:
        """Half the extent drawn along the picture (x for a tool lying on the floor)."""
        if self.kind == "peanut-ball" and self.view == "front" and self.lay == "across":
            return self.length / 2
        return self.length / 2 if self.lay == "along" else self.radius

    @property
    def half_height(self) -> float:
        return self.length / 2 if self.lay == "upright" else self.radius

    def axis(self) -> tuple[Point, Point]:
        """The tool's axis as drawn: a point for a tool seen end-on, a line for one seen lengthwise."""
        (x, y), h, v = self.center, self.half_span - self.radius, self.half_height - self.radius
        return (x - h, y - v), (x + h, y + v)

    def lowest(self) -> float:
        return self.center[1] - self.radius
