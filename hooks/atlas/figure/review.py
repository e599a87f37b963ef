"""``python -m atlas.figure.review OUT.png [ID …]`` (with PYTHONPATH=hooks): a contact sheet to look at.

Every technique's figure (start pose faint, end pose solid, arrow = the pass) with its title,
caption, set-up text and any problems, rendered with cairosvg and laid out with Pillow.
Look at it as a client who has never seen the exercise would.
"""

from __future__ import annotations

import io
import sys
import textwrap
from pathlib import Path

import cairosvg
from PIL import Image, ImageDraw, ImageFont

from ..load import load_yaml
from . import describe, figure_problems, load_postures, render_svg, scene_for

ROOT = Path(__file__).resolve().parents[3]
CELL_W, FIG_H, TEXT_H, COLS = 760, 300, 210, 2


def _cell(doc, postures, equipment, regions) -> Image.Image:
    cell = Image.new("RGB", (CELL_W, FIG_H + TEXT_H), "white")
    draw = ImageDraw.Draw(cell)
    font, bold = ImageFont.load_default(13), ImageFont.load_default(16)
    region_segments = {r: regions.data.get(r, {}).get("segments", []) for r in doc.data["regions"]}
    problems = figure_problems(doc, region_segments, postures, equipment)
    lines = [f"{doc.data['title']}  ({doc.file.rsplit('/', 1)[-1]})"]
    if "figure" in doc.data and not any("unknown" in p.message or "missing" in p.message for p in problems):
        scene = scene_for(doc, postures, equipment)
        tool_title = equipment.data.get(scene.spec.tool, {}).get("title")
        _, caption = describe(scene, tool_title)
        png = cairosvg.svg2png(bytestring=render_svg(scene, "static", caption, standalone=True).encode())
        fig = Image.open(io.BytesIO(png))
        fig.thumbnail((CELL_W - 10, FIG_H - 10))
        cell.paste(fig, ((CELL_W - fig.width) // 2, 5), fig if fig.mode == "RGBA" else None)
        lines += textwrap.wrap("Caption: " + caption, 110)
    lines += textwrap.wrap("Set-up: " + doc.data["setup"], 110)
    lines += [f"PROBLEM: {p}" for p in problems][:4]
    y = FIG_H
    for i, line in enumerate(lines):
        draw.text(
            (8, y), line, fill="black" if not line.startswith("PROBLEM") else "red", font=bold if i == 0 else font
        )
        y += 20 if i == 0 else 16
    draw.rectangle((0, 0, CELL_W - 1, FIG_H + TEXT_H - 1), outline="#bbb")
    return cell


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m atlas.figure.review OUT.png [technique-id …]", file=sys.stderr)
        return 2
    postures = load_postures(ROOT)
    equipment = load_yaml(ROOT / "data" / "equipment.yaml", ROOT)
    regions = load_yaml(ROOT / "data" / "regions.yaml", ROOT)
    files = sorted((ROOT / "data" / "techniques").glob("*.yaml"))
    if argv[1:]:
        files = [f for f in files if f.stem in argv[1:]]
    cells = [_cell(load_yaml(f, ROOT), postures, equipment, regions) for f in files]
    rows = (len(cells) + COLS - 1) // COLS
    sheet = Image.new("RGB", (CELL_W * COLS, (FIG_H + TEXT_H) * rows), "white")
    for i, cell in enumerate(cells):
        sheet.paste(cell, ((i % COLS) * CELL_W, (i // COLS) * (FIG_H + TEXT_H)))
    sheet.save(argv[0])
    print(f"{argv[0]}: {len(cells)} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
