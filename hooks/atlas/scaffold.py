"""`make new-technique ID=… [POSTURE=…]`: a new technique file with every field, commented from the schema.

Every value starts as a ``TODO`` placeholder, which the validator reports by name until it is
filled in, so a half-written file can never reach the site. The ``figure:`` block starts from a
posture in data/postures.yaml (POSTURE, or the first one): it is copied from the first technique
drawn in that posture, so the author changes a few numbers instead of starting from nothing.
Run as ``python -m atlas.scaffold ID [POSTURE]`` from hooks/ (the Makefile does this).
"""

from __future__ import annotations

import sys
import textwrap
from datetime import date
from pathlib import Path

from .errors import DataError, Problem
from .load import load_yaml
from .validate import PLACEHOLDER, SLUG, load_schema

ROOT = Path(__file__).resolve().parents[2]

# How each field starts out. Lists of ids get one placeholder item; the date is today.
_EXAMPLES = {
    "regions": "[TODO]  # ids from data/regions.yaml, e.g. [calves]",
    "equipment": "[TODO]  # ids from data/equipment.yaml, e.g. [foam-roller]",
    "evidence": "[TODO]  # keys from references.bib, e.g. [behm2020foam, bartsch2021expert]",
    "related": "[]  # ids of related techniques (file names without .yaml), or leave empty",
    "aliases": None,  # only for renamed techniques; left out of a new file
    "caution": None,  # optional; shown in the template's comment only
    "stay_off": None,  # optional: only spots beyond the technique's regions'
    "cautions": None,  # optional: only cautions beyond everyone's and the regions' (data/cautions.yaml)
}
_FIGURE_ORDER = ("posture", "side", "tool", "segment", "holder", "face", "lay", "pass", "joints", "turn")
_FIGURE_ORDER += ("end_joints", "end_turn", "supports", "free")


def figure_yaml(posture: str | None = None, root: Path = ROOT) -> list[str]:
    """The lines of a starting ``figure:`` block: copied from a technique drawn in ``posture``."""
    postures = load_yaml(root / "data" / "postures.yaml", root).data
    posture = posture or next(iter(postures))
    if posture not in postures:
        raise DataError(
            Problem(
                "data/postures.yaml", None, None, f"no posture '{posture}'", f"choose one of: {', '.join(postures)}"
            )
        )
    source, fig = None, {"posture": posture, "side": "right", "tool": "foam-roller", "segment": "near_shank"}
    fig |= {"holder": "floor", "pass": {"start": 0.2, "end": 0.8}}
    for path in sorted((root / "data" / "techniques").glob("*.yaml")):
        data = load_yaml(path, root).data
        if data.get("figure", {}).get("posture") == posture:
            source, fig = path.stem, data["figure"]
            break
    lines = _comment(f"Postures (data/postures.yaml): {', '.join(postures)}. near_ means the rolled side.")
    if source:
        lines += _comment(
            f"Copied from {source}.yaml: change the tool, the segment and the pass to fit this technique."
        )
    lines += _comment("See it with `make figures ID=<this id>` (writes figures.png).")
    lines.append("figure:")
    for key in _FIGURE_ORDER:
        if key in fig:
            lines += _figure_value(key, fig[key])
    return lines


def _figure_value(key: str, value) -> list[str]:
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {v}" for k, v in value.items())
        return [f"  {key}: {{{inner}}}"]
    if key == "supports":
        return [f"  {key}:"] + [f"    - {{part: {s['part']}, touches: {s['touches']}}}" for s in value]
    if isinstance(value, list):
        return [f"  {key}: [{', '.join(value)}]"]
    return [f"  {key}: {value}"]


def technique_yaml(technique_id: str, today: date | None = None, posture: str | None = None) -> str:
    schema = load_schema("technique")
    props, required = schema["properties"], set(schema["required"])
    lines = [
        "# yaml-language-server: $schema=../schema/technique.schema.json",
        f"# New technique '{technique_id}': replace every TODO, then run `make serve` to preview.",
        "# Each field is explained in the comment above it. See CONTRIBUTING.md for a worked example.",
        "",
    ]
    for name, spec in props.items():
        if name == "figure":
            lines += _comment(spec["description"]) + figure_yaml(posture) + [""]
            continue
        if name not in required and _EXAMPLES.get(name, "") is None:
            lines += _comment(f"{name} (optional): {spec['description']}") + [f"# {name}: …", ""]
            continue
        lines += _comment(spec["description"])
        if name in _EXAMPLES:
            lines.append(f"{name}: {_EXAMPLES[name]}")
        elif name == "reviewed":
            lines.append(f"{name}: {(today or date.today()).isoformat()}")
        elif spec.get("type") == "array":
            lines += [f"{name}:", f"  - {PLACEHOLDER}", f"  - {PLACEHOLDER}"]
        elif spec.get("type") == "object":
            lines.append(f"{name}:")
            for sub, sub_spec in spec["properties"].items():
                lines += ["  " + c for c in _comment(sub_spec["description"])]
                lines.append(f"  {sub}: {PLACEHOLDER}")
        else:
            lines.append(f"{name}: {PLACEHOLDER}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def new_technique(technique_id: str, root: Path = ROOT, posture: str | None = None) -> Path:
    """Write data/techniques/<id>.yaml, refusing a bad or taken id."""
    target = root / "data" / "techniques" / f"{technique_id}.yaml"
    rel = target.relative_to(root).as_posix()
    if not SLUG.fullmatch(technique_id or ""):
        raise DataError(
            Problem(
                rel,
                None,
                None,
                f"'{technique_id}' is not a valid id",
                "use lower-case letters, digits and hyphens, e.g. ID=calves-ball",
            )
        )
    if target.exists():
        raise DataError(
            Problem(
                rel,
                None,
                None,
                "a technique with this id already exists",
                "choose another id, or edit the existing file",
            )
        )
    target.write_text(technique_yaml(technique_id, posture=posture), encoding="utf-8")
    return target


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, 96)]


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: make new-technique ID=<id> [POSTURE=<posture>]   (e.g. ID=calves-ball)", file=sys.stderr)
        return 2
    try:
        path = new_technique(argv[0], posture=argv[1] if len(argv) == 2 else None)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(ROOT)} — fill in every TODO, then run `make serve` to preview it.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
