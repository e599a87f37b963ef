"""The Spanish alt text and caption of every technique's figure (hooks/atlas/figure/describe_es.py): written
from the same data and decisions as the English, with no English left, naming the Spanish tool; the
English words stay exactly what they were."""

from __future__ import annotations

import importlib

import pytest
from atlas.figure import describe_es, load_postures, scene_for
from atlas.i18n import speaking
from atlas.load import load_yaml, parse_yaml
from atlas.pictures import words
from atlas.records import load_atlas
from conftest import ROOT

TECHNIQUES = sorted(p.stem for p in (ROOT / "data" / "techniques").glob("*.yaml"))
english_grammar = importlib.import_module("atlas.figure.describe")  # the package exports describe()
ENGLISH_WORDS = (" the ", " of ", " roll", " knee", " foot", "left", "right", "side view", "front view")


@pytest.fixture(scope="module")
def spanish():
    return load_atlas(ROOT, language="es")


def spanish_words(atlas, tid: str) -> tuple[str, str]:
    with speaking("es"):
        return words(atlas, atlas.techniques[tid])


@pytest.mark.parametrize("tid", TECHNIQUES)
def test_every_figure_has_spanish_alt_and_caption(spanish, tid):
    alt, caption = spanish_words(spanish, tid)
    scene = spanish.figures[tid]
    spec = scene.spec
    view = "Vista lateral: " if spec.view == "side" else "Vista de frente: "
    assert alt.startswith(view + spanish.postures[spec.posture_id])
    assert caption.startswith(spanish.postures[spec.posture_id].capitalize())
    title = spanish.equipment[spec.tool].title.lower()
    for text in (alt, caption):
        assert text.strip() and text.endswith(".") and text.count(". ") == 1  # one scene, one pass
        assert not [w for w in ENGLISH_WORDS if w in f" {text.lower()} "], text
        assert title in text  # the Spanish tool, as titled
        start = describe_es.where_words(spec.segment, spec.start, scene.face)
        end = describe_es.where_words(spec.segment, spec.end, scene.face)
        if start != end:  # direction: from where the pass starts to where it ends
            assert text.index(f"desde {start}") < text.index(f"hasta {end}")
        else:
            assert start in text
    side = english_grammar.rolled_side(spec)
    target = describe_es.part_words(spec.segment, scene.face, side, (spec.start + spec.end) / 2)
    assert target in alt and target in caption
    assert (" derech" in target) == (side == "right") and (" izquierd" in target) == (side == "left")


def test_spanish_words_read_as_written(spanish):
    assert spanish_words(spanish, "calves-foam-roller") == (
        "Vista lateral: sentado en el suelo con las piernas estiradas, la pantorrilla derecha sobre el rodillo de "
        "espuma en el suelo, las manos en el suelo, la parte baja de la pierna izquierda también sobre el rodillo. "
        "El rodillo de espuma rueda desde justo debajo de la rodilla hasta justo encima del tobillo.",
        "Sentado en el suelo con las piernas estiradas, la pantorrilla derecha sobre el rodillo de espuma en el "
        "suelo, las manos en el suelo, la parte baja de la pierna izquierda también sobre el rodillo. Rueda desde "
        "justo debajo de la rodilla hasta justo encima del tobillo y luego vuelve.",
    )
    alt, caption = spanish_words(spanish, "hamstrings-massage-ball")
    assert alt.endswith(
        "La pelota de masaje se queda en la mitad del muslo mientras la figura estira la rodilla derecha."
    )
    assert caption.endswith(
        "Mantén la pelota de masaje en la mitad del muslo mientras estiras la rodilla derecha y luego vuelve."
    )
    alt, caption = spanish_words(spanish, "tfl-massage-ball")
    assert "la pelota de masaje entre el costado de la cadera derecha y la pared" in alt
    assert caption.endswith(
        "por la parte delantera de la cadera, justo debajo del hueso que sobresale, doblando las rodillas."
    )
    alt, caption = spanish_words(spanish, "quadriceps-massage-ball")
    assert "la mano derecha sujetando la pelota, la mano izquierda sobre la mano derecha." in caption
    alt, _ = spanish_words(spanish, "neck-shoulders-peanut-ball")
    assert "la parte de atrás del cuello sobre la pelota doble (tipo cacahuete) en el suelo" in alt  # across the spine


def test_english_words_are_unchanged(atlas):
    assert words(atlas, atlas.techniques["calves-foam-roller"]) == (
        "Side view: sitting on the floor with the legs straight, right calf on the foam roller on the floor, hands "
        "on the floor, left lower leg also on the foam roller. The foam roller rolls from just below the knee to "
        "just above the ankle.",
        "Sitting on the floor with the legs straight, right calf on the foam roller on the floor, hands on the "
        "floor, left lower leg also on the foam roller. Roll from just below the knee to just above the ankle, then "
        "back.",
    )
    assert words(atlas, atlas.techniques["hamstrings-massage-ball"]) == (
        "Side view: sitting on a chair with the feet flat, back of the right thigh on the massage ball on the chair "
        "seat, bottom on the chair, left foot on the floor. The massage ball stays at the middle of the thigh while "
        "the figure is straightening the right knee.",
        "Sitting on a chair with the feet flat, back of the right thigh on the massage ball on the chair seat, "
        "bottom on the chair, left foot on the floor. Keep the massage ball at the middle of the thigh by "
        "straightening the right knee, then go back.",
    )


def test_a_left_side_figure_says_izquierda_and_the_other_leg_derecha(spanish):
    file = "data/techniques/calves-foam-roller.yaml"
    text = (ROOT / file).read_text(encoding="utf-8").replace("  side: right", "  side: left", 1)
    scene = scene_for(parse_yaml(text, file), load_postures(ROOT), load_yaml(ROOT / "data" / "equipment.yaml", ROOT))
    alt, caption = describe_es.describe(scene, "Rodillo de espuma", "sentado")
    for words_ in (alt, caption):
        assert "la pantorrilla izquierda" in words_ and "la parte baja de la pierna derecha también sobre" in words_


def test_spanish_names_every_part_landmark_motion_and_tool_the_english_names():
    english = english_grammar
    assert set(english._PART) <= set(describe_es._PART)
    assert set(english._ALONG) == set(describe_es._ALONG)
    for key, marks in english._ALONG.items():
        assert len(describe_es._ALONG[key]) == len(marks), key
    for (kind, _), marks in describe_es._BY_FACE.items():
        assert len(marks) == len(english._ALONG[kind])
    assert len(describe_es._NO_MARKS) == len(english._NO_MARKS)
    assert {(kind, grows) for kind in english._MOTION for grows in (True, False)} <= set(describe_es._MOTION)
    equipment = load_yaml(ROOT / "data" / "equipment.yaml", ROOT).data
    assert set(equipment) <= set(describe_es._TOOLS)
