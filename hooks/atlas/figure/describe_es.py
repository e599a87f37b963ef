"""``describe(scene)`` in Spanish: (alt text, caption), from the same data and the same decisions as
the English (atlas/figure/describe.py: which part, which side, which landmark, what moves, which
supports make a pair), with Spanish words and grammar.

Spanish nouns have a gender, and the side agrees with the noun it follows ("la pantorrilla derecha",
"el muslo derecho"), so every part below carries the gender of its last noun; the tool's article
comes from ``_TOOLS``. To name a new segment, face or landmark, add it here as well as in the English
(tests/test_describe_es.py checks that both name the same ones).
"""

from __future__ import annotations

from .describe import kind_of, landmark, motion, part_key, rolled_side, side_word, support_groups

_SIDE = {("right", "m"): "derecho", ("right", "f"): "derecha", ("left", "m"): "izquierdo", ("left", "f"): "izquierda"}
_TOOLS = {  # tool id → (gender, short name for a second mention, name when no title is given)
    "foam-roller": ("m", "rodillo", "rodillo de espuma"),
    "massage-ball": ("f", "pelota", "pelota de masaje"),
    "roller-stick": ("m", "rodillo", "rodillo de mano"),
    "peanut-ball": ("f", "pelota", "pelota doble (tipo cacahuete)"),
}
_PART = {  # (segment, face) → (what a reader calls it, gender of its last noun: the side agrees with it)
    ("shank", "back"): ("la pantorrilla", "f"),
    ("shank", "front"): ("la espinilla", "f"),
    ("shank", "outer"): ("la parte externa de la espinilla", "f"),
    ("shank", "inner"): ("la parte interna de la pantorrilla", "f"),
    ("thigh", "back"): ("la parte de atrás del muslo", "m"),
    ("thigh", "front"): ("la parte delantera del muslo", "m"),
    ("thigh", "outer"): ("la parte externa del muslo", "m"),
    ("thigh", "inner"): ("la parte interna del muslo", "m"),
    ("pelvis", "back"): ("el glúteo", "m"),
    ("pelvis", "front"): ("la parte delantera de la cadera", "f"),
    ("pelvis", "outer"): ("el costado de la cadera", "f"),
    ("trunk", "back"): ("la espalda", "f"),
    ("trunk", "front"): ("el pecho", "m"),
    ("trunk", "outer"): ("el costado de la espalda", "f"),
    ("neck", "back"): ("la parte de atrás del cuello", "m"),
    ("head", "back"): ("la base del cráneo", "m"),
    ("forearm", "back"): ("el antebrazo", "m"),
    ("forearm", "front"): ("el antebrazo", "m"),
    ("foot", "sole"): ("la planta del pie", "m"),
    ("upper_arm", "back"): ("la parte de atrás del brazo", "m"),
    ("shoulder", "top"): ("la parte alta del hombro", "m"),
}
# One side of a part along the spine, which has no left and right of its own: 'el lado derecho del pecho'.
_ONE_SIDE = {
    ("trunk", "back"): "el lado {} de la espalda",
    ("trunk", "front"): "el lado {} del pecho",
    ("trunk", "outer"): "el costado {} de la espalda",
    ("neck", "back"): "el lado {} de la nuca",
    ("head", "back"): "el lado {} de la base del cráneo",
}
# The landmarks of describe._ALONG (same keys, same number, same order), from the proximal joint.
_ALONG = {
    "shank": ["justo debajo de la rodilla", "la mitad de la pantorrilla", "justo encima del tobillo"],
    "thigh": ["justo debajo de la cadera", "la mitad del muslo", "justo encima de la rodilla"],
    "pelvis": ["la parte baja del glúteo", "el centro del glúteo", "la parte alta del glúteo"],
    ("pelvis", "outer"): [
        "la parte delantera de la cadera, justo debajo del hueso que sobresale",
        "el costado de la cadera",
    ],
    "trunk": [
        "el final de las costillas",
        "la mitad de la espalda",
        "la parte alta de los omóplatos",
        "la parte alta del hombro",
    ],
    ("trunk", "front"): ["las costillas de abajo", "el centro del pecho", "justo debajo de la clavícula"],
    ("trunk", "outer"): ["el final de las costillas", "las costillas del costado", "justo debajo de la axila"],
    "neck": ["la base del cuello", "la mitad del cuello", "la base del cráneo"],
    "head": ["la base del cráneo", "la parte de atrás de la cabeza"],
    "forearm": ["justo debajo del codo", "la mitad del antebrazo", "un ancho de mano por encima de la muñeca"],
    "foot": ["justo delante del talón", "el arco del pie", "la almohadilla que hay detrás de los dedos"],
    "upper_arm": ["justo debajo del hombro", "la mitad del brazo", "justo encima del codo"],
}
_NO_MARKS = ["un extremo", "el otro extremo"]
# Spanish names the middle of the lower leg after the face that meets the tool: the calf or the shin.
_SHIN = ["justo debajo de la rodilla", "la mitad de la espinilla", "justo encima del tobillo"]
_BY_FACE = {("shank", "front"): _SHIN, ("shank", "outer"): _SHIN}
# What comes before a landmark for "at" and "around": none before 'justo …', 'a' before a distance.
_BEFORE = {"justo": "", "un": "a "}
# (joint kind, angle grows) → (stem of a regular -ar verb, what it moves): 'doblar las rodillas'.
_MOTION = {
    ("knee", True): ("dobl", "las rodillas"),
    ("knee", False): ("estir", "las rodillas"),
    ("neck", True): ("inclin", "un poco la cabeza hacia delante"),
    ("neck", False): ("ech", "un poco la cabeza hacia atrás"),
}
_MOTION |= {("head", grows): words for (kind, grows), words in _MOTION.items() if kind == "neck"}
_ENDING = {"infinitive": "ar", "gerund": "ando", "it": "a", "you": "as"}  # of a regular -ar verb
_BODY = {  # body part → (one, with its article; gender of its last noun; both)
    "hand": ("la mano", "f", "las manos"),
    "fingertips": ("la mano", "f", "las manos"),
    "foot": ("el pie", "m", "los pies"),
    "toes": ("la punta del pie", "m", "las puntas de los pies"),
    "heel": ("el talón", "m", "los talones"),
    "ankle": ("el tobillo", "m", "los tobillos"),
    "shank": ("la parte baja de la pierna", "f", "la parte baja de las piernas"),
    "knee": ("la rodilla", "f", "las rodillas"),
    "thigh": ("el muslo", "m", "los muslos"),
    "hip": ("la cadera", "f", "las caderas"),
    "pelvis": ("la cadera", "f", "la cadera"),
    "bottom": ("el trasero", "m", "el trasero"),
    "lower_back": ("la zona lumbar", "f", "la zona lumbar"),
    "upper_back": ("la parte alta de la espalda", "f", "la parte alta de la espalda"),
    "trunk": ("la espalda", "f", "la espalda"),
    "neck": ("el cuello", "m", "el cuello"),
    "head": ("la cabeza", "f", "la cabeza"),
    "shoulder": ("el hombro", "m", "los hombros"),
    "upper_arm": ("el brazo", "m", "los brazos"),
    "elbow": ("el codo", "m", "los codos"),
    "forearm": ("el antebrazo", "m", "los antebrazos"),
    "wrist": ("la muñeca", "f", "las muñecas"),
}
_TOUCH = {"floor": "en el suelo", "wall": "en la pared", "seat": "en la silla", "step": "en el escalón"}
_TOUCH |= {"table": "en la mesa"}
_HOLDER = _TOUCH | {"seat": "en el asiento de la silla"}  # where the tool lies (a wall, or hands: _placed)
_ON_PART = {"head": "en", "pelvis": "en", "hip": "en"}  # a hand on the head, on the hip; else 'sobre'


def part_words(segment: str, face: str, side: str = "", fraction: float = 0.5) -> str:
    """What a reader calls the rolled part, with its side: 'la pantorrilla derecha', 'la parte de atrás
    del muslo derecho', 'el lado derecho del pecho'."""
    key = part_key(segment, face, fraction)
    if side and key in _ONE_SIDE:
        return _ONE_SIDE[key].format(_SIDE[side, "m"])
    word, gender = _PART.get(key) or _BODY.get(key[0], (key[0].replace("_", " "), "m"))[:2]
    return f"{word} {_SIDE[side, gender]}" if side else word


def where_words(segment: str, fraction: float, face: str | None = None) -> str:
    """The landmark along the segment where a fraction of it falls: 'justo debajo de la rodilla'."""
    key, index = landmark(segment, fraction, face)
    return (_BY_FACE.get((kind_of(segment), face)) or _ALONG.get(key, _NO_MARKS))[index]


def _y(words: list[str]) -> str:
    """'a', 'a y b', 'a, b y c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} y {words[-1]}"


def _at(where: str, preposition: str) -> str:
    """A landmark after 'at' or 'around': 'en la mitad del muslo', but 'justo debajo de la cadera'."""
    return f"{_BEFORE.get(where.split(' ', 1)[0], preposition + ' ')}{where}"


def motion_words(scene, form: str) -> str:
    """What moves during the pass (describe.motion), as a verb in ``form`` (see ``_ENDING``):
    'doblando las rodillas', 'estiras la rodilla derecha'; '' when nothing else moves."""
    moved = motion(scene)
    if moved is None:
        return ""
    kind, grows, side = moved
    stem, what = _MOTION.get((kind, grows), ("desplaz", "el cuerpo"))
    if side:
        what = f"la rodilla {_SIDE[side, 'f']}"
    return f"{stem}{_ENDING[form]} {what}"


def _body(spec, part: str, pair: bool = False) -> str:
    kind = kind_of(part)
    one, gender, both = _BODY.get(kind, (kind.replace("_", " "), "m", kind.replace("_", " ")))
    side = side_word(spec, part)
    return both if pair else f"{one} {_SIDE[side, gender]}" if side else one


def supports_words(spec, tool: str) -> str:
    """'las manos en el suelo, el pie izquierdo en el suelo' from the supports (pairs become plurals);
    ``tool``: the tool's short name with its article, 'el rodillo'."""
    out = []
    for on, items in support_groups(spec):
        words = _y([_body(spec, part, pair) for part, pair in items])
        if on == "tool" and all(kind_of(part) == "hand" for part, _ in items):
            out.append(f"{words} sujetando {tool}")
        elif on == "tool":
            out.append(f"{words} también sobre {tool}")
        elif on in _TOUCH:
            out.append(f"{words} {_TOUCH[on]}")
        else:
            out.append(f"{words} {_ON_PART.get(kind_of(on), 'sobre')} {_body(spec, on)}")
    return ", ".join(out)


def tool_words(spec, tool_title: str | None) -> tuple[str, str, str]:
    """The tool with its article: (as titled, 'la pelota doble (tipo cacahuete)'; without the words in
    brackets, for the sentence of the pass, 'la pelota doble'; its short name, 'la pelota')."""
    known = _TOOLS.get(spec.tool)  # a tool not in _TOOLS: its gender guessed from its first word
    title = (tool_title or (known[2] if known else spec.tool.replace("-", " "))).lower()
    gender, short = known[:2] if known else ("f" if title.split()[0].endswith("a") else "m", title.split()[0])
    article = "la" if gender == "f" else "el"
    return f"{article} {title}", f"{article} {title.split(' (')[0]}", f"{article} {short}"


def _placed(spec, target: str, tool: str) -> str:
    """The rolled part and the tool: on the tool where it lies, under the tool the hands hold, and the
    tool between the body and the wall."""
    if spec.holder == "hands":
        return f"{tool} sobre {target}"
    if spec.holder == "wall":
        return f"{tool} entre {target} y la pared"
    return f"{target} sobre {tool} {_HOLDER[spec.holder]}"


def describe(scene, tool_title: str | None, posture_title: str | None) -> tuple[str, str]:
    """(alt, caption) in Spanish. ``tool_title``: the equipment's Spanish title ('Rodillo de espuma');
    ``posture_title``: the posture's Spanish words ('sentado en el suelo con las piernas estiradas')."""
    spec = scene.spec
    tool, plain, short = tool_words(spec, tool_title)
    target = part_words(spec.segment, scene.face, rolled_side(spec), (spec.start + spec.end) / 2)
    scene_words = f"{posture_title or spec.posture['title']}, {_placed(spec, target, tool)}"
    supports = supports_words(spec, short)
    if supports:
        scene_words += f", {supports}"
    view = "Vista lateral" if spec.view == "side" else "Vista de frente"
    first = f"{scene_words[0].upper()}{scene_words[1:]}"
    how = pass_words(scene, scene.face, plain)
    return f"{view}: {scene_words}. {how[0]}", f"{first}. {how[1]}"


def pass_words(scene, face: str, tool: str) -> tuple[str, str]:
    """The pass in words, for the alt text and for the caption; ``tool`` with its article."""
    spec = scene.spec
    start, end = where_words(spec.segment, spec.start, face), where_words(spec.segment, spec.end, face)
    comma = "," if "," in end else ""  # 'justo debajo del hueso que sobresale, doblando …'

    def moving(lead: str, form: str) -> str:  # ', al doblar las rodillas', or '' when nothing else moves
        words = motion_words(scene, form)
        return f"{comma} {lead}{words}" if words else ""

    it = f"{tool[0].upper()}{tool[1:]}"
    if abs(spec.end - spec.start) < 0.02:
        at = _at(start, "en")
        return (
            f"{it} se queda {at}{moving('mientras la figura ', 'it')}.",
            f"Mantén {tool} {at}{moving('mientras ', 'you')} y luego vuelve.",
        )
    if landmark(spec.segment, spec.start, face) == landmark(spec.segment, spec.end, face):
        around = _at(start, "por")
        return (
            f"{it} rueda con pasadas pequeñas {around}{moving('al ', 'infinitive')}.",
            f"Rueda con pasadas pequeñas y lentas {around}{moving('', 'gerund')}.",
        )
    return (
        f"{it} rueda desde {start} hasta {end}{moving('al ', 'infinitive')}.",
        f"Rueda desde {start} hasta {end}{moving('', 'gerund')} y luego vuelve.",
    )
