"""The real site builds with --strict, and broken data stops `mkdocs build` with our message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from atlas.errors import DataError
from atlas.records import load_atlas
from conftest import ENV, ROOT, mkdocs_build
from mkdocs.utils.meta import get_data


def test_strict_build_passes_without_warnings(built):
    site, result = built
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr


def test_every_technique_region_and_equipment_has_its_page(site):
    for kind in ("techniques", "routines"):
        for path in (ROOT / "data" / kind).glob("*.yaml"):
            assert (site / kind / path.stem / "index.html").is_file(), f"/{kind}/{path.stem}/ missing"
    import yaml

    for kind, file in (("regions", "regions.yaml"), ("equipment", "equipment.yaml")):
        for key in yaml.safe_load((ROOT / "data" / file).read_text(encoding="utf-8")):
            assert (site / kind / key / "index.html").is_file(), f"/{kind}/{key}/ missing"
    for page in ("techniques", "regions", "equipment", "routines", "claims", "glossary", "references", "learn"):
        assert (site / page / "index.html").is_file()


def test_generated_pages_are_in_search_and_not_in_the_sidebar(site):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "techniques/calves-foam-roller/" in locations
    assert "regions/calves/" in locations and "equipment/foam-roller/" in locations
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "techniques/calves-foam-roller/" not in home.split('<div class="md-content"')[0]


def test_edit_link_points_at_the_yaml(site):
    html = (site / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://github\.com/[^"]+/edit/main/data/techniques/calves-foam-roller\.yaml"', html)


def test_technique_page_has_steps_dose_safety_and_apa_citations(site):
    html = (site / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    assert "Roll slowly down from just below the knee" in html
    assert "Do not do this technique if" in html and "Stop straight away if" in html
    assert "Wilke et al., 2020)" in html  # author–year, from the APA style via pandoc
    assert "https://doi.org/" in html
    assert "[@" not in html  # no citation left raw
    assert "Last reviewed:" in html


def test_no_generated_file_is_written_into_docs_and_the_tree_stays_clean(built):
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored=no", "docs", "data", "hooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    # Only files an author is editing may show up; nothing named like a generated page.
    generated = [
        line
        for line in status.stdout.splitlines()
        if re.search(r"docs/(techniques|regions|equipment|routines|claims|glossary|references)/", line)
    ]
    assert generated == []


@pytest.mark.build
def test_properdocs_builds_the_same_site(site, tmp_path):
    """ProperDocs (the maintained fork of MkDocs 1.6) must build the same pages, so the site can move
    to it when MkDocs 1.x and Material reach their end (CONTRIBUTING.md, "MkDocs 1.x and ProperDocs")."""
    other = tmp_path / "site"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("properdocs")), "build", "--strict", "--site-dir", str(other)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    def pages(folder: Path) -> dict[str, str]:
        generator = re.compile(r'<meta name="generator" content="[^"]*">')  # names the engine, on purpose
        return {
            p.relative_to(folder).as_posix(): generator.sub("", p.read_text(encoding="utf-8"))
            for p in folder.rglob("*.html")
        }

    ours, theirs = pages(site), pages(other)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []


@pytest.mark.build
def test_bad_data_stops_the_build_with_one_clear_line(project, tmp_path):
    tech = project / "data/techniques/calves-foam-roller.yaml"
    tech.write_text(tech.read_text(encoding="utf-8").replace("  seconds: 60", "  seconds: lots"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/techniques/calves-foam-roller.yaml:" in result.stderr
    assert "dose.seconds: expected a whole number, got 'lots'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_broken_bib_stops_the_build_before_the_plugin_sees_it(project, tmp_path):
    bib = project / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "@article{barnes1997basic,", "@article{barnes1997basic, note = {unclosed,"
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "references.bib:" in result.stderr and "BibTeX syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_citation_in_a_topic_page_names_the_page_and_line(pages):
    raw = (ROOT / "docs/index.md").read_text(encoding="utf-8") + "\nA new claim [@nobody2099].\n"
    line = len(raw.splitlines())
    with pytest.raises(DataError) as info:
        pages.finish_hand_written(get_data(raw)[0], src_uri="index.md", raw=raw)
    assert f"docs/index.md:{line}: unknown citation key 'nobody2099'" in str(info.value)


def test_a_blank_line_after_front_matter_does_not_shift_line_numbers(pages):
    raw = "---\nreviewed: 2026-11-25\n---\n\n\n# Title\n\nSee {claim:nope}.\n"
    with pytest.raises(DataError, match=r"^docs/x\.md:8: unknown claim 'nope'"):
        pages.finish_hand_written(get_data(raw)[0], src_uri="x.md", raw=raw)


def test_an_impossible_review_date_is_named_not_reported_missing(pages):
    raw = "---\ntitle: X\nreviewed: 2026-13-45\n---\n# X\n"
    with pytest.raises(DataError, match=r"^docs/x\.md:3: reviewed: '2026-13-45' is not a real date"):
        pages.finish_hand_written(get_data(raw)[0], src_uri="x.md", raw=raw)


def test_script_in_a_title_never_reaches_a_page(project):
    tech = project / "data/techniques/calves-foam-roller.yaml"
    tech.write_text(
        tech.read_text(encoding="utf-8").replace("title: Calves on a foam roller", "title: <script>alert(1)</script>"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="raw HTML"):
        load_atlas(project)
