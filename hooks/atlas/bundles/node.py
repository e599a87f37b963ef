"""Running bundle.mjs (esbuild and PurgeCSS, from node_modules/) with Node, with errors for people."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

SCRIPT = Path(__file__).with_name("bundle.mjs")
TOOLS = ("esbuild", "purgecss")  # package.json pins both; `npm ci` installs them
NEEDS = (
    "the site's CSS and JavaScript are bundled with esbuild and PurgeCSS, which need Node.js 20 or newer "
    "and `npm ci` in the project folder (`make serve`, `make build` and `make test` run it)"
)


def tool_versions(root: Path) -> dict[str, str]:
    """The installed esbuild and PurgeCSS versions (they shape the bundles, so their names too)."""
    versions = {}
    for name in TOOLS:
        package = root / "node_modules" / name / "package.json"
        if not package.is_file():
            raise PluginError(f"{name} is not installed in node_modules/: {NEEDS}")
        versions[name] = json.loads(package.read_text(encoding="utf-8"))["version"]
    return versions


def run(root: Path, job: dict) -> dict[str, str]:
    """Run one job (see bundle.mjs) and return {bundle name: code}."""
    node = shutil.which("node")
    if node is None:
        raise PluginError(f"Node.js was not found: {NEEDS}")
    try:
        result = subprocess.run(
            [node, str(SCRIPT)],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=root,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise PluginError(f"bundling the site's CSS and JavaScript failed: {e}") from None
    if result.returncode != 0:
        problem = result.stderr.replace(f"{root}/", "").strip().splitlines()[-1:] or ["no message"]
        if "Cannot find package" in result.stderr or "ERR_MODULE_NOT_FOUND" in result.stderr:
            raise PluginError(f"{problem[0]}: {NEEDS}")
        raise PluginError(f"bundling the site's CSS and JavaScript failed: {problem[0]}")
    return json.loads(result.stdout)
