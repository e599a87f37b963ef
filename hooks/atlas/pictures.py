"""A technique's picture on the pages that show it: the set-up figure with its motion, caption and pause
control (technique pages, handouts, the book, the figure review page), and a small still for lists
(routine steps, the client's sheet, the technique index). The drawing itself is atlas/figure/; the words
(alt text and caption) come from the same data, so they always say what the picture shows.
"""

from __future__ import annotations

from markupsafe import Markup

from .figure import describe, render_svg
from .model import Atlas, Technique
from .templating import render


def figure_file(technique_id: str) -> str:
    """Where a technique's still lives in the site as its own file (the client's sheet shows it; the
    service worker keeps it for offline use): assets/figures/<id>.svg."""
    return f"assets/figures/{technique_id}.svg"


def figure_files(atlas: Atlas) -> dict[str, str]:
    """Every technique's still as a standalone SVG file (its own light-theme colours): path → text."""
    return {
        figure_file(t.id): render_svg(atlas.figures[t.id], "thumbnail", label=words(atlas, t)[0], standalone=True)
        for t in atlas.techniques.values()
    }


def words(atlas: Atlas, t: Technique) -> tuple[str, str]:
    """(alt text, caption) of the technique's figure."""
    scene = atlas.figures[t.id]
    return describe(scene, atlas.equipment[t.figure["tool"]].title, atlas.postures.get(scene.spec.posture_id))


def setup_figure(atlas: Atlas, t: Technique, *, pause_id: str = "atlas-fig-pause") -> Markup:
    """<figure data-figure="setup">: the moving figure (two still frames when motion is off, printed or
    paused), a pause control that works without script, and the caption."""
    alt, caption = words(atlas, t)
    svg = Markup(render_svg(atlas.figures[t.id], "animated", label=alt))
    return Markup(render("_setup_figure.html.j2", svg=svg, caption=caption, pause_id=pause_id))


def still_figure(atlas: Atlas, t: Technique) -> Markup:
    """The start and end of the pass with its arrow, named, with the caption (the figure review page)."""
    alt, caption = words(atlas, t)
    svg = Markup(render_svg(atlas.figures[t.id], "static", label=alt))
    return Markup(render("_still_figure.html.j2", svg=svg, caption=caption))


def thumbnail(atlas: Atlas, t: Technique, *, label: bool = False) -> Markup:
    """The start of the pass, small and still. Beside a technique's name (lists) it is decoration, hidden
    from screen readers; ``label``: named with its alt text, where it stands alone."""
    alt = words(atlas, t)[0] if label else ""
    return Markup(render_svg(atlas.figures[t.id], "thumbnail", label=alt))
