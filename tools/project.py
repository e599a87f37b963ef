"""What the tests and the benchmark both need: the project root, a throw-away copy of everything a
build reads, and the environment that keeps MkDocs' banners out of its output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Material and ProperDocs print a "MkDocs 2.0" notice on every run; it is not a warning of ours.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, so a test or a benchmark can change it without touching the repo."""
    for name in ("data", "docs", "hooks"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "references.bib"):
        shutil.copy(ROOT / name, dest / name)
    # The build bundles the CSS and JavaScript with esbuild and PurgeCSS (hooks/atlas/bundles/), which Node
    # finds in node_modules/ beside hooks/: shared with the copy, never changed by a build.
    if (ROOT / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest
