"""Solutions remembered between builds: each figure's solved unknowns, on disk, by what they were solved from.

Solving the figures was a third of a build (about 3 s of 10, for 34 figures), and every build solved them
all again: `make serve` after each edit, and the dozen builds of a test run. The same figure data and the
same code give the same numbers, so a build now solves only the figures whose data (or the figure code)
changed. A file holds numbers only (JSON), named by a hash of the figure's data and lines (scene._key) and
of every module in this package, in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then
smr-atlas/figures/). A missing, unreadable or unexpected file is solved again, never trusted; a cache that
cannot be written is simply not kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path


@cache
def _code() -> str:
    """The figure code itself: a change to the solver or the body's proportions solves everything again."""
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def _file(key: str) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = hashlib.sha256(f"{_code()}\0{key}".encode()).hexdigest()
    return root / "smr-atlas" / "figures" / f"{name}.json"


def recall(key: str, sizes: tuple[int, ...]) -> list[list[float]] | None:
    """The solutions remembered for ``key``, if there are exactly ``sizes`` numbers in each."""
    try:
        found = json.loads(_file(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, list) or [len(x) if isinstance(x, list) else -1 for x in found] != list(sizes):
        return None
    if not all(isinstance(v, float) for x in found for v in x):
        return None
    return found


def remember(key: str, solutions: list[list[float]]) -> None:
    """Keep ``solutions`` for ``key`` (written whole, then renamed: builds running side by side may share it)."""
    target = _file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=target.parent, suffix=".tmp", delete=False) as out:
            json.dump([[float(v) for v in x] for x in solutions], out)
        os.replace(out.name, target)
    except OSError:
        return
