"""Technique figures (hooks/atlas/figure): body sizes, physics checks on real data, words, weight, markup.

Browser-free; each scene is built once. Impossible figures come from editing the text of a REAL technique
or posture file and parsing it again, so the line numbers are the ones an author would see."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from functools import cache

import pytest
from atlas.figure import anthropometry as A
from atlas.figure import describe, figure_problems, load_postures, render_svg, scene_for
from atlas.figure.describe import part_word, rolled_side, where_word
from atlas.figure.postures import posture_problems
from atlas.figure.skeleton import JOINTS, pose
from atlas.load import load_yaml, parse_yaml
from atlas.validate import load_schema, schema_problems
from conftest import ROOT

TECHNIQUES = sorted(p.stem for p in (ROOT / "data" / "techniques").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"


@cache
def data():
    data_dir = ROOT / "data"
    return load_postures(ROOT), load_yaml(data_dir / "equipment.yaml", ROOT), load_yaml(data_dir / "regions.yaml", ROOT)


@cache
def technique(tid: str):
    return load_yaml(ROOT / "data" / "techniques" / f"{tid}.yaml", ROOT)


@cache
def scene(tid: str):
    postures, equipment, _ = data()
    return scene_for(technique(tid), postures, equipment)


def problems_of(doc):
    postures, equipment, regions = data()
    segments = {r: regions.data[r]["segments"] for r in doc.data["regions"]}
    return [str(p) for p in figure_problems(doc, segments, postures, equipment)]


def mutated(tid: str, old: str, new: str):
    """The technique's Document after replacing ``old`` with ``new`` in its text, and the line of ``new``."""
    file = f"data/techniques/{tid}.yaml"
    text = (ROOT / file).read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    return parse_yaml(text, file), text[: text.index(new)].count("\n") + 1


def test_standing_body_has_the_table_proportions():
    body = pose({}, "side")
    sole = body.points["near_heel"][1]

    def height(y):
        return (y - sole) / A.HEIGHT_CM

    top = body.capsules["head"].b[1] + body.capsules["head"].rb
    assert height(top) == pytest.approx(1.0, abs=1e-9)  # the crown at H
    assert height(body.points["near_hip"][1]) == pytest.approx(0.530)  # Drillis & Contini via Winter Fig. 4.1
    assert height(body.points["near_knee"][1]) == pytest.approx(0.285)
    assert height(body.points["near_ankle"][1]) == pytest.approx(0.039)
    assert height(body.points["shoulders"][1]) == pytest.approx(0.818)
    assert height(body.points["chin"][1]) == pytest.approx(0.870)
    for name, fraction in (("upper_arm", 0.186), ("forearm", 0.146), ("thigh", 0.245), ("shank", 0.246)):
        c = body.capsules[f"near_{name}"]
        assert abs(c.a[1] - c.b[1]) == pytest.approx(fraction * A.HEIGHT_CM), name


def test_joint_angles_turn_the_limbs_the_documented_way():
    sitting = pose({"near_hip": 90, "near_knee": 90}, "side")
    hip, knee, ankle = (sitting.points[f"near_{j}"] for j in ("hip", "knee", "ankle"))
    assert knee[0] > hip[0] and knee[1] == pytest.approx(hip[1])  # hip flexion: the thigh comes forward
    assert ankle[0] == pytest.approx(knee[0]) and ankle[1] < knee[1]  # knee flexion: the shank drops back
    face_down = pose({"body": 90}, "side")
    assert face_down.points["shoulders"][0] > 0  # +90: head to the right, lying face down
    turned = pose({"near_hip": 90, "near_knee": 90}, "side", {"near_thigh": 60})  # drawn foreshortened
    assert turned.points["near_knee"][0] - turned.points["near_hip"][0] == pytest.approx((knee[0] - hip[0]) / 2)
    arm_up = pose({"near_shoulder": 180}, "front")
    assert arm_up.points["near_wrist"][1] > arm_up.points["shoulders"][1]  # abduction raises the arm
    assert arm_up.points["near_shoulder"][0] < 0  # seen from the front the rolled (near) side is on the left


def test_schemas_name_every_joint():
    postures_schema = load_schema("postures")["additionalProperties"]["properties"]
    figure_schema = load_schema("technique")["properties"]["figure"]["properties"]
    assert list(postures_schema["joints"]["properties"]) == list(JOINTS)
    assert list(figure_schema["joints"]["properties"]) == list(JOINTS)
    postures, equipment, regions = data()
    for doc, name in ((postures, "postures"), (equipment, "equipment"), (regions, "regions")):
        assert schema_problems(doc, load_schema(name)) == []


@pytest.mark.parametrize("tid", TECHNIQUES)
def test_every_technique_figure_is_physically_right(tid):
    doc = technique(tid)
    assert "figure" in doc.data
    assert problems_of(doc) == []


def test_a_joint_past_its_normal_range():
    doc, line = mutated("calves-foam-roller", "  joints: {far_hip: 62}", "  joints: {far_hip: 62, near_knee: 150}")
    assert (
        f"data/techniques/calves-foam-roller.yaml:{line}: figure.joints.near_knee: near_knee 150° is 15° past the "
        "normal range of knee flexion (135°) — normal ranges and their sources are in hooks/atlas/figure/ranges.py"
    ) in problems_of(doc)


def test_a_posture_with_a_joint_past_its_range_points_at_postures_yaml():
    text = (ROOT / "data" / "postures.yaml").read_text(encoding="utf-8")
    old = "sitting-chair:\n  title: sitting on a chair with the feet flat\n"
    start = text.index(old)
    text = text[:start] + text[start:].replace("    near_elbow: 40\n", "    near_elbow: 170\n", 1)
    line = text[:start].count("\n") + text[start:].split("    near_elbow: 170\n")[0].count("\n") + 1
    problems = [str(p) for p in posture_problems(parse_yaml(text, "data/postures.yaml"))]
    assert problems == [
        f"data/postures.yaml:{line}: sitting-chair.joints.near_elbow: near_elbow 170° is 20° past the normal range "
        "of elbow flexion (150°) — normal ranges and their sources are in hooks/atlas/figure/ranges.py"
    ]


def test_a_tool_that_does_not_touch_its_segment_and_a_body_through_the_wall():
    doc, line = mutated(
        "glutes-massage-ball",
        "  pass: {start: 0.45, end: 0.7}\n",
        "  pass: {start: 0.45, end: 0.7}\n  joints: {body: -25}\n  free: []\n",
    )
    found = problems_of(doc)
    segment_line = line - 3  # `segment:` is three lines above `pass:` in this file
    assert (
        f"data/techniques/glutes-massage-ball.yaml:{segment_line}: figure.segment: the massage ball is 7.3 cm away "
        "from the pelvis at the start of the pass — adjust the joints (or the supports' free joints) so the segment "
        "rests on the tool"
    ) in found
    assert (
        f"data/techniques/glutes-massage-ball.yaml:{line + 1}: figure.joints: the head goes 7.3 cm through the wall "
        "at the start of the pass"
    ) in found
    # the posture's own supports are reported where they are written, in data/postures.yaml
    assert any(p.startswith("data/postures.yaml:") and "near_foot is 5.4 cm off the floor" in p for p in found)


def test_a_support_off_its_surface_and_a_limb_through_the_floor():
    doc, line = mutated(
        "calves-massage-ball",
        "  pass: {start: 0.3, end: 0.75}\n",
        "  pass: {start: 0.3, end: 0.75}\n  joints: {far_knee: 100}\n  free: []\n",
    )
    found = problems_of(doc)
    assert (
        f"data/techniques/calves-massage-ball.yaml:{line + 1}: figure.joints: the far_shank goes 20.2 cm through the "
        "floor at the start of the pass"
    ) in found
    postures = (ROOT / "data" / "postures.yaml").read_text(encoding="utf-8").splitlines()
    hand_line = postures.index("    - {part: near_hand, touches: floor}") + 1  # sitting-long-legs is the first posture
    assert (
        f"data/postures.yaml:{hand_line}: sitting-long-legs.supports[0]: near_hand is 11.3 cm off the floor at the "
        "start of the pass — change the angles of the joints in between, or list them under free"
    ) in found


def test_a_segment_outside_the_techniques_regions():
    doc, line = mutated("calves-foam-roller", "  segment: near_shank", "  segment: near_thigh")
    assert problems_of(doc) == [
        f"data/techniques/calves-foam-roller.yaml:{line}: figure.segment: the thigh is not part of this technique's "
        "regions (calves) — they cover: shank"
    ]


def test_unknown_names_are_reported_before_drawing():
    doc, line = mutated("calves-foam-roller", "  posture: sitting-long-legs", "  posture: sitting-on-a-cloud")
    assert problems_of(doc) == [
        f"data/techniques/calves-foam-roller.yaml:{line}: figure.posture: unknown posture 'sitting-on-a-cloud' — "
        "postures are in data/postures.yaml"
    ]
    doc, line = mutated("calves-foam-roller", "  tool: foam-roller", "  tool: massage-ball")
    assert problems_of(doc) == [
        f"data/techniques/calves-foam-roller.yaml:{line}: figure.tool: 'massage-ball' is not in this technique's "
        "equipment list"
    ]
    doc = parse_yaml("title: x\nregions: [calves]\n", "data/techniques/x.yaml")
    assert problems_of(doc) == [
        "data/techniques/x.yaml:1: figure: missing — copy the figure: block of a technique in the same position"
    ]


def test_a_figure_that_leaves_its_frame():
    postures, equipment, regions = data()
    text = (ROOT / "data" / "postures.yaml").read_text(encoding="utf-8")
    old = "  frame: {width_cm: 200, height_cm: 95}"  # sitting-long-legs
    line = text[: text.index(old)].count("\n") + 1
    narrow = parse_yaml(text.replace(old, "  frame: {width_cm: 150, height_cm: 95}", 1), "data/postures.yaml")
    doc = technique("calves-massage-ball")
    found = [str(p) for p in figure_problems(doc, {"calves": ["shank"]}, narrow, equipment)]
    assert (
        f"data/postures.yaml:{line}: sitting-long-legs.frame: the figure leaves its frame by 25.5 cm on the right at "
        "the start of the pass (calves-massage-ball) — make the frame larger or move x_cm"
    ) in found


@pytest.mark.parametrize("tid", TECHNIQUES)
def test_alt_and_caption_state_what_the_picture_shows(tid):
    s = scene(tid)
    spec = s.spec
    _, equipment, _ = data()
    alt, caption = describe(s, equipment.data[spec.tool]["title"])
    view = "Side view" if spec.view == "side" else "Front view"
    assert alt.startswith(f"{view}: {spec.posture['title']}")
    side = rolled_side(spec)  # the rolled side, except a roller or peanut ball across the spine
    target = part_word(spec.segment, s.face, side, (spec.start + spec.end) / 2)
    assert (side in target) and (spec.side in alt if side else True)
    for text in (alt, caption):
        assert target in text  # side and body part
        assert equipment.data[spec.tool]["title"].lower() in text  # tool
        start, end = where_word(spec.segment, spec.start, s.face), where_word(spec.segment, spec.end, s.face)
        if start != end:  # direction: from where the pass starts to where it ends
            assert text.index(start) < text.index(end, text.index(start) + len(start))
    # ... and the picture agrees: the arrow runs from the start of the pass toward its end
    svg = render_svg(s, "static", alt)
    arrow = ET.fromstring(svg).find(f".//{SVG}g[@class='atlas-fig__arrow']/{SVG}path")
    x0, y0, x1, y1 = map(float, re.findall(r"-?\d+", arrow.get("d")))
    seg = s.end.body.capsules[spec.segment]
    along = ((seg.b[0] - seg.a[0]) * (-1 if spec.side == "left" else 1), seg.a[1] - seg.b[1])  # in SVG axes
    moved = (x1 - x0) * along[0] + (y1 - y0) * along[1]
    assert moved == 0 or (moved > 0) == (spec.end > spec.start)


def test_a_left_side_figure_is_the_mirror_image_and_says_left():
    doc, _ = mutated("calves-foam-roller", "  side: right", "  side: left")
    postures, equipment, _ = data()
    left, right = scene_for(doc, postures, equipment), scene("calves-foam-roller")
    alt, caption = describe(left)
    assert "left calf" in alt and "left calf" in caption and "right lower leg also on" in caption
    box_l = ET.fromstring(render_svg(left, "static")).get("viewBox").split()
    box_r = ET.fromstring(render_svg(right, "static")).get("viewBox").split()
    assert box_l[2:] == box_r[2:]
    assert render_svg(left, "static") != render_svg(right, "static")


def test_markup_is_accessible_and_needs_no_inline_styles():
    s = scene("calves-foam-roller")
    alt, _ = describe(s)
    svg = render_svg(s, "animated", alt, id_prefix="t1-")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == alt
    assert "style=" not in svg and "<style" not in svg
    assert [e.get("id") for e in root.iter() if e.get("id")] == ["t1-figure"]
    assert "id=" not in render_svg(s, "animated", alt)
    motion, frames = root.find(f"{SVG}g[@class='atlas-fig__motion']"), root.find(f"{SVG}g[@class='atlas-fig__frames']")
    assert motion.find(f".//{SVG}animate") is not None  # SMIL, no script, no keyframes
    assert frames.get("display") == "none"  # shown by figure.css for reduced motion, print and pause
    assert "<script" not in svg
    escaped = render_svg(s, "static", 'a "quoted" <b>label</b> & more')  # text from data never becomes markup
    assert 'aria-label="a &#34;quoted&#34; &lt;b&gt;label&lt;/b&gt; &amp; more"' in escaped


def test_thumbnail_is_small_and_still():
    s = scene("calves-foam-roller")
    thumb, full = render_svg(s, "thumbnail", "x"), render_svg(s, "animated", "x")
    assert "<animate" not in thumb and "atlas-fig__frames" not in thumb
    assert len(thumb) < len(full) / 2
    width = float(ET.fromstring(thumb).get("viewBox").split()[2])
    assert width < float(ET.fromstring(full).get("viewBox").split()[2])


def test_standalone_svg_embeds_light_theme_and_renders():
    cairosvg = pytest.importorskip("cairosvg")
    svg = render_svg(scene("chest-massage-ball"), "animated", "x", standalone=True)
    assert "<style>" in svg and ".atlas-fig__frames{display:inline}" in svg
    png = cairosvg.svg2png(bytestring=svg.encode())
    assert png.startswith(b"\x89PNG")


def test_every_inline_figure_weighs_at_most_6_kb_gzipped():
    sizes = {}
    for tid in TECHNIQUES:
        s = scene(tid)
        sizes[tid] = len(gzip.compress(render_svg(s, "animated", describe(s)[0]).encode(), 9))
    print(f"gzipped animated figures: min {min(sizes.values())} B, max {max(sizes.values())} B")
    assert max(sizes.values()) <= 6 * 1024, max(sizes, key=sizes.get)


def test_a_figure_solved_once_is_drawn_again_from_its_remembered_solution(tmp_path, monkeypatch):
    """solved.py: a second build draws the same figure without solving it; an odd file is solved again."""
    from atlas.figure import scene as scenes
    from atlas.figure import solved

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(scenes, "_SCENES", type(scenes._SCENES)())  # no scene kept from earlier tests
    postures, equipment, _ = data()
    first = render_svg(scene_for(technique("calves-foam-roller"), postures, equipment))
    files = list((tmp_path / "smr-atlas" / "figures").glob("*.json"))
    assert len(files) == 1

    def no_solving(*args, **kwargs):
        raise AssertionError("solved again although remembered")

    monkeypatch.setattr(scenes, "_SCENES", type(scenes._SCENES)())
    monkeypatch.setattr(scenes, "least_squares", no_solving)
    assert render_svg(scene_for(technique("calves-foam-roller"), postures, equipment)) == first

    for odd in ("not json", "[[1.0], [2.0]]", '[["x", 1.0], [2.0, 3.0]]', "{}"):
        files[0].write_text(odd, encoding="utf-8")
        unknowns = 2 + len(scene("calves-foam-roller").spec.free)
        assert solved.recall(scenes._key(scene("calves-foam-roller").spec), (unknowns, unknowns)) is None
