"""Technique figures: a posable 2-D body drawn as SVG, showing one pass of each technique.

Built at site-build time from data only: ``data/postures.yaml`` (named positions), each
technique's ``figure:`` block (posture, joints that differ, side, which segment rests on which
tool, where the pass starts and ends), ``size`` in ``data/equipment.yaml`` and ``segments`` in
``data/regions.yaml``. Pure functions over plain data; importable without MkDocs.

Interface (stable; everything else is internal):

- ``load_postures(root) -> Document``: data/postures.yaml through atlas.load and atlas.validate
  (raises DataError listing schema problems and out-of-range joints with postures.yaml lines).
- ``figure_problems(doc, regions, postures, equipment) -> list[Problem]``: ``doc`` is the
  technique's Document, ``regions`` maps its region ids to their ``segments`` lists,
  ``postures`` and ``equipment`` are the Documents of data/postures.yaml and
  data/equipment.yaml. Empty when the figure is physically right.
- ``scene_for(doc, postures, equipment) -> Scene``: the posed and placed figure (call after
  figure_problems came back empty, or at least without reference problems).
- ``render_svg(scene, mode="animated"|"static"|"thumbnail", label=alt, id_prefix="",
  standalone=False) -> str``: one ``<svg role="img" aria-label=…>``; class names and
  presentation attributes only (style it with docs/assets/figure.css); no ids unless
  ``id_prefix`` is given (then one, ``{id_prefix}figure``, on the root).
- ``describe(scene, tool_title=None) -> (alt, caption)``.

The page wiring (not done here): put ``render_svg(..., "animated")`` inside
``<figure class="atlas-fig-wrap">`` with the caption, and a pause control as
``<input type="checkbox" class="atlas-fig__pause">`` placed before the svg in the same
parent (figure.css shows the two still frames while it is checked), or add the class
``atlas-fig--paused`` to the svg.

Modules: anthropometry (segment sizes), ranges (joint limits), skeleton (forward
kinematics), geometry, props (room, furniture, tools), contacts (gaps), solver, spec (posture
+ technique merge), scene, checks, describe, shapes + svg (drawing), postures (loading),
review (the contact sheet: ``PYTHONPATH=hooks python -m atlas.figure.review OUT.png``).
"""

from __future__ import annotations

from ..load import Document
from .checks import figure_problems
from .describe import describe
from .postures import load_postures
from .scene import Scene, build_scene
from .spec import merge
from .svg import render_svg

__all__ = ["Scene", "describe", "figure_problems", "load_postures", "render_svg", "scene_for"]


def scene_for(doc: Document, postures: Document, equipment: Document) -> Scene:
    """The scene of technique ``doc``'s figure (its id is taken from the file name)."""
    technique_id = doc.file.rsplit("/", 1)[-1].removesuffix(".yaml")
    return build_scene(merge(technique_id, doc, postures.data, postures, equipment.data))
