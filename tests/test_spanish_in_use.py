"""Spanish as a trainer and a client use it (issue 18): an English-speaking trainer makes a Spanish sheet
and hands over a Spanish handout; Material's language selector keeps the reader on the same page; the
cited works, in English as published, say so on Spanish pages.

The budgets of Spanish pages are with the English ones: weight in test_budgets.py, accessibility and other
hosts in test_security.py.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from atlas.i18n import DEFAULT
from atlas.records import load_atlas
from conftest import ROOT

TECHNIQUE = "techniques/calves-foam-roller"


@pytest.fixture(scope="module")
def spanish():
    return load_atlas(ROOT, language="es")


def test_cited_works_on_spanish_pages_are_marked_english(site):
    page = (site / "es" / "learn" / "fascia" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li id="fn:[^"]+"([^>]*)>', page)
    assert items and all(' lang="en"' in attributes for attributes in items)
    backlinks = re.findall(r'<a class="footnote-backref"[^>]*>', page)
    assert backlinks and all('lang="es"' in a and 'title="Volver a la nota' in a for a in backlinks)
    references = (site / "es" / "references" / "index.html").read_text(encoding="utf-8")
    assert references.count('<span lang="en">') == len(re.findall(r'<span id="ref-', references)) > 40
    english = (site / "learn" / "fascia" / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' not in "".join(re.findall(r'<li id="fn:[^>]*>', english)), "English pages need no mark"


def test_the_language_selector_keeps_the_page(page):
    page.goto(f"/{TECHNIQUE}/")
    link = page.locator('.md-select a[hreflang="es"]')
    assert link.count() == 1
    page.goto(urljoin(page.url, link.get_attribute("href")))  # it opens on hover; its link is what matters
    assert urlsplit(page.url).path == f"/es/{TECHNIQUE}/"
    assert page.locator("html").get_attribute("lang") == "es"
    back = page.locator('.md-select a[hreflang="en"]').get_attribute("href")
    page.goto(urljoin(page.url, back))
    assert urlsplit(page.url).path == f"/{TECHNIQUE}/"


def test_a_trainer_on_an_english_page_sends_a_spanish_sheet(browser, base_url, spanish):
    from pypdf import PdfReader

    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    trainer = context.new_page()
    trainer.goto("/routines/builder/")
    assert trainer.locator("html").get_attribute("lang") == DEFAULT
    trainer.get_by_role("searchbox", name="Find a technique").fill("calves foam")
    trainer.locator(".atlas-builder__result button").first.click()
    language = trainer.get_by_label("Language of your client’s sheet")
    assert language.input_value() == "en", "the page's language until the trainer picks another"
    english_link = trainer.get_by_label("Link for your client").input_value()
    language.select_option("es")
    link = trainer.get_by_label("Link for your client").input_value()
    assert urlsplit(link).path == "/es/routines/sheet/" and urlsplit(english_link).path == "/routines/sheet/"
    assert urlsplit(link).fragment == urlsplit(english_link).fragment, "the routine itself is the same"
    assert urlsplit(trainer.locator('[data-builder="open"]').get_attribute("href")).path.endswith("es/routines/sheet/")

    client = context.new_page()
    client.goto(f"{urlsplit(link).path}#{urlsplit(link).fragment}")
    assert client.locator("html").get_attribute("lang") == "es"
    title = spanish.techniques["calves-foam-roller"].title
    assert client.locator('.atlas-sheet__steps [data-step="link"]').first.inner_text() == title
    printed = PdfReader(io.BytesIO(client.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in printed.pages)
    assert len(printed.pages) == 1 and title in text
    assert "Antes de empezar" in text, "the client's safety box prints in Spanish"
    context.close()
    assert errors == []


def test_a_spanish_handout_is_one_link_away_and_fits_one_page(exported, spanish):
    from pypdf import PdfReader

    site, _ = exported
    english = (site / TECHNIQUE / "index.html").read_text(encoding="utf-8")
    assert f'hreflang="es" href="https://smr-atlas.github.io/es/{TECHNIQUE}/"' in english
    page = (site / "es" / TECHNIQUE / "index.html").read_text(encoding="utf-8")
    handout = re.search(r'<a href="([^"]+\.pdf)"[^>]*>Descargar ficha \(PDF\)</a>', page)
    assert handout, "the Spanish page links to its handout"
    path = (site / "es" / TECHNIQUE / handout.group(1)).resolve()
    assert path == (site / "es" / "downloads" / f"{TECHNIQUE}.pdf").resolve() and path.is_file()
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert spanish.techniques["calves-foam-roller"].title in text and "Para de inmediato si" in text
