"""Normal ranges of joint motion, in degrees, that every pose is checked against.

A figure is drawn in one plane, so each joint has one angle in that plane: in the side view
the sagittal motions (flexion positive, extension negative), in the front view the frontal
ones for the hip, shoulder, spine and neck (abduction or bending toward the rolled side
positive). Knees, elbows, ankles and wrists are hinges drawn as if seen square-on in either
view, so they use their flexion ranges in both (from the front, the size of a bend is
checked but not its direction, which depends on how the limb is turned).

Sources, and how each was checked with the project's search tool:

- Shoulder flexion 180, extension 60, abduction 180; elbow flexion 150, extension 0; wrist
  flexion 80, extension 70: the AAOS column of Table A.1 in C. C. Norkin and D. J. White,
  *Measurement of Joint Motion: A Guide to Goniometry* (F. A. Davis), read in the publisher's
  online table. Edition not shown on that page.
- Knee flexion 0–135: the AAOS value as quoted by physiotherapy teaching material; the AAOS
  handbook itself (Greene & Heckman, *The Clinical Measurement of Joint Motion*, 1994) was not
  available. Other tables give 130–140.
- Hip flexion 120, extension 30, abduction 45, adduction 30; ankle dorsiflexion 20, plantar
  flexion 50: the values commonly quoted as AAOS. NOT verified against the handbook: the
  Merck Manual's table that search did return gives hip flexion 125, hyperextension 15,
  abduction 45, adduction 45, ankle plantar flexion 50, dorsiflexion 20.
- Spine (trunk on pelvis) flexion 80, extension 25, side bending 35; neck (head on trunk)
  flexion 45, extension 45, side bending 45: commonly quoted clinical values, NOT verified
  against a primary table. Treat them as conservative drawing limits.

To add a joint, add it here and to skeleton.JOINTS; the check names the range it used.
"""

from __future__ import annotations

# joint → (least, greatest) in degrees, per view. "Flexion" of the hip is the thigh coming forward.
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "side": {
        "hip": (-30, 120),
        "knee": (0, 135),
        "ankle": (-50, 20),  # plantar flexion negative, dorsiflexion positive
        "shoulder": (-60, 180),
        "elbow": (0, 150),
        "wrist": (-80, 70),  # flexion negative, extension positive
        "lumbar": (-25, 80),
        "neck": (-45, 45),  # neck and head together, see checks
    },
    "front": {
        # Seen from the front, a limb that comes toward you (flexion) is drawn crossing the body, as
        # if adducted; the figure has no depth, so the inward side allows the flexion range.
        "hip": (-120, 45),  # inward (drawn adduction, or flexion toward you) negative, abduction positive
        "knee": (-135, 135),  # seen from the front a bend may be drawn either way; its size is checked
        "ankle": (-50, 20),
        "shoulder": (-180, 180),  # abduction 180; the inward side: flexion toward you, up to 180
        "elbow": (-150, 150),
        "wrist": (-80, 70),
        "lumbar": (-35, 35),
        "neck": (-45, 45),
    },
}

MOTION_WORDS = {
    "side": {
        "hip": ("extension", "flexion"),
        "knee": ("hyperextension", "flexion"),
        "ankle": ("plantar flexion", "dorsiflexion"),
        "shoulder": ("extension", "flexion"),
        "elbow": ("hyperextension", "flexion"),
        "wrist": ("flexion", "extension"),
        "lumbar": ("extension", "flexion"),
        "neck": ("extension", "flexion"),
    },
    "front": {
        "hip": ("adduction or flexion", "abduction"),
        "knee": ("flexion", "flexion"),
        "ankle": ("plantar flexion", "dorsiflexion"),
        "shoulder": ("adduction or flexion", "abduction"),
        "elbow": ("flexion", "flexion"),
        "wrist": ("flexion", "extension"),
        "lumbar": ("side bending away", "side bending"),
        "neck": ("side bending away", "side bending"),
    },
}


RANGE_HINT = "normal ranges and their sources are in hooks/atlas/figure/ranges.py"


def joint_kind(name: str) -> str:
    """'near_knee' → 'knee'; 'lumbar' → 'lumbar'; 'head' nods with the neck."""
    kind = name.split("_", 1)[1] if name.startswith(("near_", "far_")) else name
    return "neck" if kind == "head" else kind


def limits(view: str, name: str) -> tuple[float, float]:
    return RANGES[view][joint_kind(name)]


def out_of_range(view: str, name: str, joints: dict[str, float]) -> str | None:
    """What is wrong with joint ``name`` in ``joints`` (None if it is within its normal range).

    The neck and head are one cervical range: their sum is checked, reported at either."""
    if name == "body":
        return None
    value = joints.get(name, 0.0)
    shown = name
    if name in ("neck", "head"):
        value = joints.get("neck", 0.0) + joints.get("head", 0.0)
        shown = "neck + head" if "neck" in joints and "head" in joints else name
    lo, hi = limits(view, name)
    if lo <= value <= hi:
        return None
    motion = MOTION_WORDS[view][joint_kind(name)][1 if value > hi else 0]
    over = value - hi if value > hi else lo - value
    limit = abs(hi if value > hi else lo)
    return f"{shown} {value:g}° is {over:g}° past the normal range of {joint_kind(name)} {motion} ({limit:g}°)"
