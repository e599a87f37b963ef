"""Spanish (issue 18): every page has its twin in the other language, the twins agree on everything but the
words, translations cannot fall behind silently, and the Spanish reads easily.

Build-level checks read the session's site (both languages); the staleness checks build a copy of the
project with one English text changed; the readability check uses textstat's Fernández Huerta formula.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from atlas.errors import DataError
from atlas.i18n import LANGUAGES, catalog
from atlas.records import load_atlas
from conftest import ROOT, mkdocs_build
from test_content import prose

SKIP = {"assets", "search", "data", "downloads", "es"}  # not pages, or the Spanish tree itself


def english_pages(site: Path) -> list[str]:
    """Every page of the English site, as its path from the root ('techniques/x/index.html')."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if p.relative_to(site).parts[0] not in SKIP or p.relative_to(site).parts[0] == "downloads"
    )


def test_every_english_page_has_its_spanish_twin_and_the_reverse(site):
    english = set(english_pages(site))
    spanish = {p.relative_to(site / "es").as_posix() for p in (site / "es").rglob("index.html")}
    assert len(english) > 80
    assert english - spanish == set(), "English pages without a Spanish twin"
    assert spanish - english == set(), "Spanish pages without an English twin"


def _facts(html: str) -> dict:
    """What a page says besides its words: its links between pages, the works it cites, its doses and
    timers, its headings' and lists' shape."""
    body = html.split("<article", 1)[-1].split("</article>", 1)[0]
    links = re.findall(r'<a [^>]*href="((?:\.\./)*(?:[a-z0-9-]+/)+)"', body)
    return {
        "citations": sorted(re.findall(r'href="(https://doi\.org/[^"]+)"', body)),
        "doses": re.findall(r'data-(?:seconds|sets|rest|per-side)="([^"]+)"', body),
        "h2": len(re.findall(r"<h2\b", body)),
        "figures": len(re.findall(r"<svg\b", body)),
        "links": Counter(links),
        "steps": len(re.findall(r"<li\b", body)),
    }


def test_twins_agree_on_structure_numbers_citations_and_links(site):
    differences = {}
    for page in english_pages(site):
        english = _facts((site / page).read_text(encoding="utf-8"))
        spanish = _facts((site / "es" / page).read_text(encoding="utf-8"))
        diff = {k: (english[k], spanish[k]) for k in english if english[k] != spanish[k]}
        if diff:
            differences[page] = diff
    assert differences == {}, differences


def test_spanish_pages_are_spanish(site):
    page = (site / "es" / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page
    assert "Gemelos con rodillo de espuma" in page
    for alternate in (
        'hreflang="en" href="https://smr-atlas.github.io/techniques/calves-foam-roller/"',
        'hreflang="es" href="https://smr-atlas.github.io/es/techniques/calves-foam-roller/"',
    ):
        assert alternate in page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://smr-atlas.github.io/es/techniques/calves-foam-roller/</loc>" in sitemap


def test_the_interface_catalogue_is_complete():
    """Every word of the templates and scripts has its Spanish (`make messages` keeps the list)."""
    from babel.messages.pofile import read_po

    with (ROOT / "hooks" / "atlas" / "locale" / "es" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        po = read_po(f)
    untranslated = [
        m.id for m in po if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []
    assert len(catalog("es")) > 100


def test_every_data_record_is_translated_and_up_to_date():
    atlas = load_atlas(ROOT, language="es")
    assert atlas.translation.missing == []
    assert atlas.translation.stale == []


# ---- Translations cannot fall behind silently -------------------------------------------------------------


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.build  # a whole build of a changed copy: out of the fast loop
def test_a_changed_english_caution_stops_the_build_naming_the_spanish_file(project):
    _edit(project, "data/cautions.yaml", "See a doctor before you roll", "See a doctor before you roll at all")
    with pytest.raises(DataError) as e:
        load_atlas(project, language="es")
    assert re.search(
        r"data/i18n/es/cautions\.yaml:\d+: everyone\[2\]\.text: the English \(data/cautions\.yaml\)", str(e.value)
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    assert "data/i18n/es/cautions.yaml:" in result.stderr and "everyone[2].text" in result.stderr
    assert not (project / "site" / "index.html").exists(), "known before the English pass made any page"


def test_a_changed_english_step_shows_a_notice_on_the_spanish_page(changed_copy):
    project, result = changed_copy  # its English step changed (conftest.CHANGES)
    assert result.returncode == 0, result.stderr[-2000:]
    spanish = (project / "site" / "es" / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    english = (project / "site" / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    assert "Roll back up slowly." in english
    assert "atlas-translation-notice" in spanish and "atlas-translation-notice" not in english
    assert 'hreflang="en"' in spanish.split("atlas-translation-notice", 1)[1].split("</div>", 1)[0]
    assert "data/i18n/es/techniques/calves-foam-roller.yaml" in result.stderr and "steps" in result.stderr


@pytest.mark.build  # a whole build of a changed copy: out of the fast loop
def test_a_changed_english_safety_page_stops_the_build(project):
    _edit(
        project, "docs/learn/safety.md", "rests on expert opinion, not on trials", "rests on expert opinion, not trials"
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    assert "docs/learn/safety.es.md:" in result.stderr and "translated_from" in result.stderr
    assert not (project / "site" / "index.html").exists(), "known before the English pass made any page"


# ---- Written for people -----------------------------------------------------------------------------------


@pytest.fixture
def spanish_readability():
    import textstat

    textstat.set_lang("es")
    yield textstat.fernandez_huerta
    textstat.set_lang("en_US")


def test_spanish_reads_easily_on_every_page_type(site, spanish_readability):
    """Fernández Huerta: 70–80 is 'bastante fácil', 80–90 'fácil'; the average of each page type at least 70."""
    types = {
        "topic": sorted((site / "es" / "learn").glob("*/index.html")),
        "technique": sorted((site / "es" / "techniques").glob("*-*/index.html")),
        "routine": sorted((site / "es" / "routines").glob("*-*-*/index.html")),
        "region": sorted((site / "es" / "regions").glob("*/index.html")),
    }
    scores = {}
    for kind, pages in types.items():
        values = [spanish_readability(prose(p.read_text(encoding="utf-8"))) for p in pages]
        values = [v for v in values if v]  # a page that is only a redirect has no prose
        scores[kind] = round(sum(values) / len(values), 1)
    print(f"\nFernández Huerta by page type: {scores}")
    assert all(score >= 70 for score in scores.values()), scores
    assert set(LANGUAGES) == {"en", "es"}
