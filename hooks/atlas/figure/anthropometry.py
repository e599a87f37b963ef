"""Segment lengths and widths of the drawn body, as fractions of body height H.

Lengths come from the table of Drillis & Contini (1966), as tabulated in D. A. Winter,
*Biomechanics and Motor Control of Human Movement*, 4th edition (Wiley, 2009), chapter 4,
Fig. 4.1 ("Body segment lengths expressed as a fraction of body height H"). The figure itself
was not available to me; the values below were checked against several independent
transcriptions of it found with the project's search tool (teaching notes and open-source
figure rigs that quote Winter): upper arm 0.186H, forearm 0.146H, hand 0.108H, thigh 0.245H,
shank 0.246H, foot length 0.152H, ankle height 0.039H, hip joint height 0.530H, knee height
0.285H, shoulder height 0.818H, head (chin to crown) 0.130H, shoulder width 0.259H, hip
width 0.191H. Where a length is *derived* rather than read, the comment says how.

Winter's figure gives no segment depths or breadths of limbs. The widths here were chosen
by eye so that a 170 cm adult looks like a slim, ordinary adult in profile and from the
front (about 16 cm across the thigh at the top, 11 cm at the calf); they are drawing choices,
not measurements. To change the body's build, change the widths here; every check works on
the same numbers, so contact and floor checks stay honest.
"""

from __future__ import annotations

from dataclasses import dataclass

HEIGHT_CM = 170.0  # the body every check and message is measured on ("at real scale for a 170 cm body")


@dataclass(frozen=True)
class Segment:
    """One rigid body part drawn as a tapered capsule from its proximal joint outwards."""

    length: float  # fraction of H
    side_width: tuple[float, float]  # (proximal, distal) depth seen from the side, fraction of H
    front_width: tuple[float, float]  # (proximal, distal) breadth seen from the front, fraction of H


_SHOULDER, _HIP, _KNEE, _ANKLE, _HEAD = 0.818, 0.530, 0.285, 0.039, 0.130
_PELVIS = 0.080  # hip joint to waist: not in the table; the trunk (0.818H − 0.530H) is split by eye

SEGMENTS: dict[str, Segment] = {
    "head": Segment(_HEAD, (0.115, 0.115), (0.095, 0.095)),
    # Chin to shoulder line: what is left of the height above the shoulders once the head is placed.
    "neck": Segment(1.0 - _SHOULDER - _HEAD, (0.060, 0.060), (0.065, 0.065)),
    "trunk": Segment(_SHOULDER - _HIP - _PELVIS, (0.110, 0.125), (0.160, 0.200)),
    "pelvis": Segment(_PELVIS, (0.105, 0.110), (0.191, 0.160)),
    "upper_arm": Segment(0.186, (0.055, 0.045), (0.055, 0.045)),
    "forearm": Segment(0.146, (0.045, 0.033), (0.045, 0.033)),
    "hand": Segment(0.108, (0.030, 0.022), (0.030, 0.022)),
    "thigh": Segment(_HIP - _KNEE, (0.095, 0.062), (0.090, 0.060)),  # 0.245H, the table's thigh
    "shank": Segment(_KNEE - _ANKLE, (0.062, 0.040), (0.058, 0.040)),  # 0.246H, the table's leg
    "foot": Segment(0.152, (0.040, 0.030), (0.055, 0.055)),
}

ANKLE_HEIGHT = _ANKLE  # sole to ankle joint
HEEL_BEHIND_ANKLE = 0.035  # heel behind the ankle joint: about a quarter of the foot length, chosen by eye
SHOULDER_HALF_WIDTH = 0.259 / 2 - 0.025  # joint centres sit a little inside the shoulder breadth (by eye)
PELVIS_BACK = 0.018  # side view: the pelvis outline is centred this far behind the hip joints (by eye)
HIP_HALF_WIDTH = 0.050  # hip joint centres about 8.5 cm from the midline (by eye; the table gives 0.191H breadth)


def cm(fraction: float) -> float:
    """A fraction of body height in centimetres, for the 170 cm body."""
    return fraction * HEIGHT_CM
