"""The offline copy: the whole site built for file:// (Material's offline plugin, ATLAS_OFFLINE=true),
with the book and handouts of the published build copied in, as one zip."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from ..pages.reference import OFFLINE_ZIP
from .browser import ExportError

ROOT = Path(__file__).resolve().parents[3]
ERROR_PAGES = ("404.html", "503.html")
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build_offline_copy(copy: Path, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """The site built for file:// into ``copy`` (a MkDocs build of its own, in its own process)."""
    _build_offline(copy, Path(config_file))
    return copy


def pack_offline_zip(copy: Path, site_dir: Path, zip_path: Path | None = None) -> Path:
    """``copy`` with every language's PDFs from ``site_dir`` (es/downloads/…), zipped."""
    site_dir = Path(site_dir)
    zip_path = Path(zip_path) if zip_path else site_dir / OFFLINE_ZIP
    for pdf in sorted(site_dir.glob("**/downloads/**/*.pdf")):
        target = copy / pdf.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    _zip(copy, zip_path)
    return zip_path


def _build_offline(copy: Path, config_file: Path) -> None:
    env = {**os.environ, **MKDOCS_ENV, "ATLAS_OFFLINE": "true", "ATLAS_DOWNLOADS": "true"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file)]
    result = subprocess.run(
        [*command, "--site-dir", str(copy)],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise ExportError(f"the offline build failed:\n{result.stderr[-3000:]}")
    remote = [
        p.relative_to(copy).as_posix()
        for p in copy.rglob("*.html")
        if re.search(r"<script[^>]+src=\"https?://", p.read_text(encoding="utf-8", errors="replace"))
    ]
    if remote:
        raise ExportError(f"the offline copy loads scripts from other hosts, e.g. in {remote[0]}")
    # A server's pages for a missing address or no connection (their links start at a server's root):
    # from file:// nothing ever shows them.
    for name in ERROR_PAGES:
        (copy / name).unlink(missing_ok=True)


def _zip(folder: Path, zip_path: Path) -> None:
    """``folder`` zipped with fixed dates and modes, so the same site gives the same zip."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix != ".map":  # source maps are for developers only
                info = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, path.read_bytes())
    partial.replace(zip_path)
