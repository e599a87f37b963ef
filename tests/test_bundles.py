"""The CSS and JavaScript bundles (hooks/atlas/bundles/): every page links its own, named by a hash that
changes whenever the code can; the files they are made from stay out of the site; print rules survive
purging; a build without Node says what it needs. Their weight is held in tests/test_budgets.py."""

from __future__ import annotations

import hashlib
import re
import subprocess
from types import SimpleNamespace

from atlas.bundles import material
from conftest import ENV, MKDOCS, ROOT, mkdocs_build

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT = re.compile(r'<script src="([^"]+)"')
BUNDLE = re.compile(r"assets/bundles/[a-z-]+\.([0-9a-f]{10})\.(css|js)$")
MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def _links(html: str) -> tuple[list[str], list[str]]:
    return STYLESHEET.findall(html), SCRIPT.findall(html)


def test_every_page_links_two_stylesheets_and_three_scripts_from_the_bundles(site):
    pages = [p for p in site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:600]]
    assert len(pages) > 50
    for path in pages:
        styles, scripts = _links(path.read_text(encoding="utf-8"))
        where = path.relative_to(site).as_posix()
        assert len(styles) == 2 and len(scripts) == 3, f"{where}: {styles} {scripts}"
        for href in styles + scripts:
            target = site / href.lstrip("/") if href.startswith("/") else (path.parent / href).resolve()  # 404
            assert target.is_file(), f"{where} → {href}"
            assert BUNDLE.search(href) or MATERIAL_BUNDLE.search(href), f"{where} → {href}: not a bundle"


def test_a_script_bundle_is_named_by_its_own_code(site):
    for path in (site / "assets" / "bundles").glob("*.js"):
        name_hash = BUNDLE.search(path.relative_to(site).as_posix()).group(1)
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == name_hash, path.name


def test_what_the_bundles_are_made_of_stays_out_of_the_site(site):
    assets = site / "assets"
    for name in ("atlas.css", "print.css", "share.js", "timer.js", "search-on-demand.js"):
        assert not (assets / name).exists(), name
    assert not list((assets / "vendor" / "material").glob("*.js"))
    assert not list((assets / "stylesheets").glob("*.css"))
    assert list((assets / "vendor" / "iframe-worker").glob("shim.js")), "the offline copy's shim stays"


def test_print_rules_survive_purging(site):
    """Every class print.css styles that a technique page uses is still in the technique pages' bundle."""
    html = (site / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    href = next(h for h in STYLESHEET.findall(html) if "/technique." in h)
    bundled = (site / "techniques" / "calves-foam-roller" / href).resolve().read_text(encoding="utf-8")
    assert "@media print" in bundled
    used = set(re.findall(r'class="([^"]+)"', html))
    used = {c for classes in used for c in classes.split()}
    printed = set(re.findall(r"\.([a-z][a-z0-9_-]*)", (ROOT / "docs/assets/print.css").read_text(encoding="utf-8")))
    missing = sorted(c for c in printed & used if f".{c}" not in bundled)
    assert missing == []


def test_a_changed_stylesheet_renames_its_bundles(project, tmp_path, site):
    css = project / "docs" / "assets" / "atlas.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.atlas-test-only { color: red; }\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    page = "techniques/calves-foam-roller/index.html"
    ours = _links((site / page).read_text(encoding="utf-8"))
    theirs = _links((tmp_path / "site" / page).read_text(encoding="utf-8"))
    assert set(ours[0]).isdisjoint(theirs[0]), "both stylesheets can depend on atlas.css, so both are renamed"
    assert ours[1] == theirs[1], "the scripts did not change, nor their names"


def test_a_build_without_node_says_what_it_needs(project, tmp_path):
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env={**ENV, "PATH": str(tmp_path)},  # no node on it
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Node.js was not found" in result.stderr and "npm ci" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_a_script_that_does_not_parse_stops_the_build_with_its_line(project, tmp_path):
    script = project / "docs" / "assets" / "share.js"
    script.write_text(script.read_text(encoding="utf-8") + "\nfunction (\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"docs/assets/share\.js:\d+:\d+: ", result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_material_features_that_are_off_leave_their_styles_out():
    bundle = 'e.classList.add("md-annotation__index");x("div",{class:"md-search-result__meta"});"data-md-scrolllock"'
    off = SimpleNamespace(theme={"features": []}, extra={}, plugins={}, repo_url=None, markdown_extensions=["toc"])
    words = material.run_time_words(bundle, off)
    assert "md-search-result__meta" in words and "data-md-scrolllock" in words
    assert "md-annotation__index" not in words
    on = SimpleNamespace(**{**vars(off), "theme": {"features": ["content.code.annotate"]}})
    assert "md-annotation__index" in material.run_time_words(bundle, on)
