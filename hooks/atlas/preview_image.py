"""Link previews that show the position: a 1200 × 630 PNG per technique and routine page, the image a chat
app or social site shows when someone shares the page (``og:image``).

A technique's card shows its set-up: the figure engine's start frame (``render_svg(scene, "thumbnail",
standalone=True)``, the same SVG the page draws, with its light-theme style), its title and the site's
name. A routine's card shows the figures of its first steps side by side. The SVG becomes pixels with
cairosvg (a well-kept SVG renderer on cairo, no browser) and the card is laid out with Pillow, whose
built-in font (Pillow ≥ 10.1, FreeType) needs no font installed on the machine. Quantised to a small
palette and optimised, each PNG stays under ``MAX_BYTES``.

Only builds that make downloads render them (``Settings.downloads``: ``make build``): rendering every
card takes seconds, and a link preview only matters on the published site. ``plan`` says which pages
get a card (pages link to nothing else); ``render_all`` draws them after the build.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .figure import describe, load_postures, render_svg, scene_for
from .i18n import _
from .load import load_yaml
from .model import Atlas
from .urls import canonical_url

WIDTH, HEIGHT = 1200, 630  # the size Open Graph consumers crop least (1.91 : 1)
MAX_BYTES = 60_000
FOLDER = "assets/previews"  # site/assets/previews/techniques/<id>.png
ROUTINE_FIGURES = 2  # the first steps a routine's card shows: with three, lying figures get too small to read
BAND = 190  # the title band at the bottom
TEAL, TEAL_DARK, PALE = "#00695c", "#004d40", "#b2dfdb"  # the site's primary colours (docs/assets/atlas.css)
SITE_NAME = "SMR Atlas"
_WIDTH_ATTR = re.compile(r'<svg[^>]* width="([0-9.]+)"')
_HEIGHT_ATTR = re.compile(r'<svg[^>]* height="([0-9.]+)"')


@dataclass(frozen=True)
class Preview:
    path: str  # in the site: assets/previews/techniques/x.png
    url: str  # its absolute address on the public site
    alt: str
    title: str
    kind: str  # technique or routine
    technique_ids: tuple[str, ...]  # whose figures it shows, in order
    width: int = WIDTH
    height: int = HEIGHT


def plan(atlas: Atlas, site_url: str, prefix: str = "") -> dict[str, Preview]:
    """The card of each technique and routine page, by the page's source path (no rendering here), in the
    language being written (atlas/i18n.py; ``prefix``: where its cards go, e.g. es/)."""
    out = {}
    for t in atlas.techniques.values():
        if t.figure:
            path = f"{FOLDER}/{prefix}techniques/{t.id}.png"
            alt = _("%(title)s: a drawing of the starting position. %(site)s.") % {"title": t.title, "site": SITE_NAME}
            out[f"techniques/{t.id}.md"] = Preview(path, _public(site_url, path), alt, t.title, "technique", (t.id,))
    for r in atlas.routines.values():
        shown = tuple(s.technique for s in r.steps if atlas.techniques[s.technique].figure)[:ROUTINE_FIGURES]
        if shown:
            path = f"{FOLDER}/{prefix}routines/{r.id}.png"
            names = ", ".join(atlas.techniques[i].title.lower() for i in shown)
            words = {"title": r.title, "names": names, "site": SITE_NAME}
            alt = _("%(title)s: drawings of its first steps (%(names)s). %(site)s.") % words
            out[f"routines/{r.id}.md"] = Preview(path, _public(site_url, path), alt, r.title, "routine", shown)
    return out


def _public(site_url: str, path: str) -> str:
    return canonical_url(site_url, "index.md") + path


class Figures:
    """The start frames of the techniques' figures as standalone SVG, each solved and drawn once."""

    def __init__(self, atlas: Atlas, root: Path):
        self.atlas, self.root = atlas, Path(root)
        self.postures = load_postures(self.root)
        # The same Documents the figure checks use, so a scene already solved in this process is reused.
        self.equipment = load_yaml(self.root / "data" / "equipment.yaml", self.root)
        self._svg: dict[str, str] = {}

    def svg(self, technique_id: str) -> str:
        if technique_id not in self._svg:
            t = self.atlas.techniques[technique_id]
            scene = scene_for(load_yaml(self.root / t.source, self.root), self.postures, self.equipment)
            alt, _ = describe(
                scene, self.atlas.equipment[scene.spec.tool].title, self.atlas.postures.get(scene.spec.posture_id)
            )
            self._svg[technique_id] = render_svg(scene, "thumbnail", alt, standalone=True)
        return self._svg[technique_id]


def _size(svg: str) -> tuple[float, float]:
    """The drawing's own size (standalone SVG has width and height: the same scale for every figure)."""
    return float(_WIDTH_ATTR.search(svg).group(1)), float(_HEIGHT_ATTR.search(svg).group(1))


class RendererMissing(Exception):
    """cairosvg cannot draw: the cairo library it uses is not on this machine."""


def _cairosvg():
    # Imported here, not at the top: cairosvg loads the system's cairo library when imported, and only
    # builds that draw previews need it (`mkdocs serve` and plain builds work without it).
    try:
        import cairosvg
    except OSError as e:
        raise RendererMissing(
            f"link previews need the cairo library ({e}) — install it (Debian: apt-get install libcairo2), "
            "or build without downloads"
        ) from None
    return cairosvg


def _draw(svg: str, width: int) -> Image.Image:
    png = _cairosvg().svg2png(bytestring=svg.encode("utf-8"), output_width=width, background_color="white")
    return Image.open(io.BytesIO(png)).convert("RGB")


def card(preview: Preview, figures: Figures) -> bytes:
    """The PNG of one card: figures on white above a band with the title and the site's name. The figures
    of a routine share one scale, so a standing figure is as tall beside a lying one as it would be."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    svgs = [figures.svg(tid) for tid in preview.technique_ids]
    sizes = [_size(svg) for svg in svgs]
    area_w, area_h, top, gap = WIDTH - 80, HEIGHT - BAND - 60, 30, 40
    scale = min((area_w - gap * (len(svgs) - 1)) / sum(w for w, _ in sizes), area_h / max(h for _, h in sizes))
    drawn = [_draw(svg, round(w * scale)) for svg, (w, _) in zip(svgs, sizes, strict=True)]
    x = (WIDTH - sum(d.width for d in drawn) - gap * (len(drawn) - 1)) // 2
    tallest = max(d.height for d in drawn)
    bottom = top + (area_h + tallest) // 2  # one floor line for all, the tallest figure centred
    for d in drawn:
        image.paste(d, (x, bottom - d.height))
        x += d.width + gap
    _band(ImageDraw.Draw(image), preview.title, preview.kind)
    return _png_bytes(image)


def _band(draw: ImageDraw.ImageDraw, title: str, kind: str) -> None:
    top, label_y = HEIGHT - BAND, HEIGHT - 50
    draw.rectangle((0, top, WIDTH, HEIGHT), fill=TEAL)
    draw.rectangle((0, top, WIDTH, top + 6), fill=TEAL_DARK)
    size, lines = 60, textwrap.wrap(title, 34)
    if len(lines) > 1:  # two lines at most: a smaller size, then a shorter title
        size, lines = 44, textwrap.wrap(title, 48, max_lines=2, placeholder=" …")
    font, step = ImageFont.load_default(size), round(size * 1.15)
    y = top + 6 + (label_y - 10 - top - 6 - step * len(lines)) // 2
    for line in lines:
        draw.text((60, y), line, fill="white", font=font, stroke_width=1, stroke_fill="white")  # bold-ish
        y += step
    label = f"{SITE_NAME} · {_('routine') if kind == 'routine' else _('self-myofascial release technique')}"
    draw.text((60, label_y - 4), label, fill=PALE, font=ImageFont.load_default(28))


def _png_bytes(image: Image.Image) -> bytes:
    """A palette PNG (line drawings and flat colours need few), made smaller until it fits MAX_BYTES."""
    for colours in (64, 32, 16):
        out = io.BytesIO()
        image.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, "PNG", optimize=True
        )
        if out.tell() <= MAX_BYTES:
            break
    return out.getvalue()


def render_all(previews: dict[str, Preview], atlas: Atlas, root: Path, site_dir: Path) -> list[Path]:
    """Draw every planned card into ``site_dir``; the files written."""
    figures, written = Figures(atlas, root), []
    for preview in previews.values():
        path = Path(site_dir) / preview.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(card(preview, figures))
        written.append(path)
    return written
