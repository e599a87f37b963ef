"""Link previews: a 1200 × 630 PNG of the position for each technique and routine page, named in the page's
Open Graph tags only by builds that drew it (builds with downloads), never by a plain build."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image

SITE = "https://smr-atlas.github.io/"
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')


def _meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def _check_png(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(data) <= 60_000, f"{len(data)} bytes"


@pytest.mark.parametrize("src_uri", ["techniques/calves-foam-roller.md", "routines/pre-run-warm-up.md"])
def test_a_card_is_a_small_png_of_the_right_size(atlas, src_uri):
    from atlas.preview_image import Figures, card, plan

    preview = plan(atlas, SITE)[src_uri]
    _check_png(card(preview, Figures(atlas, ROOT)))
    assert preview.url == f"{SITE}{preview.path}" and preview.title in preview.alt


def test_every_technique_and_routine_with_a_figure_gets_one(atlas):
    from atlas.preview_image import ROUTINE_FIGURES, plan

    previews = plan(atlas, SITE)
    assert {f"techniques/{t.id}.md" for t in atlas.techniques.values() if t.figure} <= set(previews)
    for r in atlas.routines.values():
        shown = previews[f"routines/{r.id}.md"].technique_ids
        assert list(shown) == [s.technique for s in r.steps][:ROUTINE_FIGURES]


def test_a_plain_build_names_no_image(site):
    assert not (site / "assets/previews").exists()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert OG_IMAGE.search(html) is None, page
        assert _meta(html, "twitter:card") in (None, "summary"), page


@pytest.fixture(scope="module")
def downloads_site(exported) -> Path:
    """The site as `make build` builds it (ATLAS_DOWNLOADS=true): the session's deployable site, whose
    PDFs and zip, made after the build, change nothing here."""
    site, _ = exported
    return site


@pytest.mark.build
def test_a_downloads_build_draws_and_names_every_card(downloads_site, atlas):
    wanted = {f"{lang}techniques/{t}/index.html" for t in atlas.techniques for lang in ("", "es/")} | {
        f"{lang}routines/{r}/index.html" for r in atlas.routines for lang in ("", "es/")
    }  # each language's card has its own words
    named = set()
    for page in downloads_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        match = OG_IMAGE.search(html)
        if match is None:
            continue
        named.add(page.relative_to(downloads_site).as_posix())
        assert match.group(1).startswith(SITE + "assets/previews/")
        _check_png((downloads_site / match.group(1).removeprefix(SITE)).read_bytes())
        assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
        assert _meta(html, "og:image:alt") and _meta(html, "twitter:card") == "summary_large_image"
        assert match.group(1) in html[html.index('<script type="application/ld+json">') :]  # primaryImageOfPage
    assert named == wanted
    assert len(list((downloads_site / "assets/previews").rglob("*.png"))) == len(wanted)
