"""Offline and PDF: the book, the handouts, the offline copy and printing from a browser.

One session fixture makes the site as `make build` does (a --strict build with downloads on, then
atlas.export) in a temporary folder; the tests read what it made.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from atlas.errors import DataError
from atlas.export import handouts as export_handouts
from atlas.export.browser import ExportError
from atlas.markers import Where, expand_markers
from atlas.page import Settings, handout_path
from atlas.pages.reference import BOOK, OFFLINE_ZIP, PAGE_LIST
from atlas.urls import href
from conftest import MadeOnce, type_in_search

SEED_REFERENCES = (
    "The basic science of myofascial release",
    "Benefits of massage-myofascial release therapy",
    "An acute bout of self-myofascial release",
)
A4_POINTS, LETTER_POINTS = (595.3, 841.9), (612.0, 792.0)
CHROME = (
    "Skip to content",
    "Edit this page",
    "Found a mistake on this page",
    "Download handout",
    "Copy link",
    "Made with Material",
    "Hold timer",
)


@pytest.fixture(scope="session")
def book(exported, tmp_path_factory):
    """(reader, the text of each page): pypdf needs about 0.2 s a page, so the text is read once a run."""
    site, _ = exported
    texts = MadeOnce(
        "book-text", lambda _: [re.sub(r"\s+", " ", p.extract_text() or "") for p in pdf_reader(site / BOOK).pages]
    )
    return pdf_reader(site / BOOK), texts.get(tmp_path_factory)


def pdf_reader(path: Path):
    from pypdf import PdfReader

    return PdfReader(path)


def text_of(reader, pages=None) -> str:
    """The text of the PDF (or of some pages) with whitespace and line-end hyphens flattened."""
    chosen = reader.pages if pages is None else [reader.pages[i] for i in pages]
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in chosen))


def squash(text: str) -> str:
    """For matching titles that a line break may have split: letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def handouts(site: Path, kind: str) -> list[Path]:
    return sorted((site / "downloads" / kind).glob("*.pdf"))


# ---------------------------------------------------------------- links


def test_plain_build_makes_no_pdfs_and_links_to_none(site):
    """`mkdocs build` and `mkdocs serve` make no PDFs, so no page may link to one (and --strict passed)."""
    assert list(site.rglob("*.pdf")) == [] and list(site.rglob("*.zip")) == []
    technique = (site / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    assert "atlas-download" not in technique and "Download handout" not in technique
    assert ".pdf" not in (site / "index.html").read_text(encoding="utf-8")
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "built without its downloads" in downloads and ".pdf" not in downloads
    with pytest.raises(ExportError, match="ATLAS_DOWNLOADS=true"):  # and the exporter says why
        export_handouts.build_handouts(site)


def _links(html: str, page: str) -> list[str]:
    return [urljoin(page, unquote(h)) for h in re.findall(r'<a [^>]*href="([^"#]+\.(?:pdf|zip))"', html)]


def test_every_page_links_to_its_download_and_every_download_exists(exported, atlas):
    site, _ = exported
    base = "http://x/"
    for t in atlas.techniques:
        html = (site / "techniques" / t / "index.html").read_text(encoding="utf-8")
        match = re.search(r'<a href="([^"]+)"[^>]*>Download handout \(PDF\)</a>', html)
        assert match, f"/techniques/{t}/ has no handout link"
        assert urljoin(f"{base}techniques/{t}/", match.group(1)) == f"{base}downloads/techniques/{t}.pdf"
    for r in atlas.routines:
        assert "Download handout (PDF)" in (site / "routines" / r / "index.html").read_text(encoding="utf-8")
    home = _links((site / "index.html").read_text(encoding="utf-8"), base)
    assert f"{base}{BOOK}" in home
    listed = _links((site / "downloads" / "index.html").read_text(encoding="utf-8"), f"{base}downloads/")
    expected = (
        {f"{base}{BOOK}", f"{base}{OFFLINE_ZIP}"}
        | {f"{base}downloads/techniques/{t}.pdf" for t in atlas.techniques}
        | {f"{base}downloads/routines/{r}.pdf" for r in atlas.routines}
    )
    assert set(listed) == expected
    for url in listed:
        assert (site / urlparse(url).path.lstrip("/")).is_file(), url


def test_links_are_relative_to_the_page_in_both_url_styles(atlas):
    assert (
        handout_path("techniques/calves-foam-roller.md", "technique") == "downloads/techniques/calves-foam-roller.pdf"
    )
    assert handout_path("techniques/index.md", "index") is None and handout_path("learn/fascia.md", "topic") is None
    assert href("techniques/x.md", "downloads/techniques/x.pdf") == "../../downloads/techniques/x.pdf"
    assert (
        href("techniques/x.md", "downloads/techniques/x.pdf", directory_urls=False) == "../downloads/techniques/x.pdf"
    )
    assert href("index.md", BOOK) == BOOK

    def expand(markdown, downloads=True, offset=0):
        settings = Settings("https://example.org/", downloads=downloads)
        return expand_markers(markdown, atlas, settings, Where("index.md", "docs/index.md", offset))

    assert expand("Get {download:book}.") == f'Get <a href="{BOOK}">the whole guide as one PDF book</a>.'
    assert "<a" not in expand("Get {download:book}.", downloads=False)
    with pytest.raises(DataError, match=r"docs/index\.md:6: unknown download 'bok'"):
        expand("a\n{download:bok}", offset=4)


# ---------------------------------------------------------------- the book


def test_book_has_every_technique_and_the_seed_references(book, atlas):
    _, pages = book
    text = squash(" ".join(pages))
    missing = [t.title for t in atlas.techniques.values() if squash(t.title) not in text]
    assert missing == []
    for words in SEED_REFERENCES:
        assert squash(words) in text, words
    for chapter in ("Routines", "Glossary", "Claims and evidence", "References"):
        assert squash(chapter) in text


def _outline(reader, items=None, depth=0):
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from _outline(reader, item, depth + 1)
        else:
            yield depth, item.title, reader.get_destination_page_number(item)


def test_book_has_cover_contents_with_page_numbers_and_bookmarks(book, atlas):
    reader, texts = book
    outline = list(_outline(reader))
    top = [title for depth, title, _ in outline if depth == 0]
    assert top[:3] == ["Introduction", "Learn", "Techniques"], top
    assert {"Routines", "Claims and evidence", "Glossary", "References"} <= set(top)
    pages = {title: page for _, title, page in outline}
    assert "SMR Atlas" in texts[0] and pages["Introduction"] > 1  # a cover, then contents
    contents = " ".join(texts[1 : pages["Introduction"]])
    for t in atlas.techniques.values():
        page = pages[t.title]  # a bookmark for every technique…
        assert squash(t.title) in squash(texts[page]), t.title  # …that opens on it
        # …and a line in the contents that gives its page number
        assert re.search(re.escape(t.title) + r"[ .]*" + str(page + 1) + r"\b", contents), (t.title, page + 1)


def test_book_links_work_inside_and_out(book):
    reader, _ = book
    names = {name.lstrip("/") for name in reader.named_destinations}
    inside, outside = [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annot:
                inside.append(str(annot["/Dest"]).lstrip("/"))
            elif "/A" in annot and "/URI" in annot["/A"]:
                outside.append(str(annot["/A"]["/URI"]))
    assert len(inside) > 100 and set(inside) <= names  # the contents, cross-references, footnotes
    assert any(u.startswith("https://doi.org/") for u in outside)
    assert not [u for u in outside if "127.0.0.1" in u or u.startswith("file:")]


def test_book_is_a4_numbered_and_without_site_chrome(book):
    reader, texts = book
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
        assert text.strip().endswith(str(number)), f"page {number} has no page number"
    assert [c for c in CHROME if c in " ".join(texts)] == []


def test_every_link_in_every_pdf_points_at_the_public_site(exported):
    """A PDF is read long after it was printed, by someone with no local server: every web link in every
    handout and in the book goes to the public site (or to a DOI), never to the exporter's server."""
    site, _ = exported
    public = "https://smr-atlas.github.io/"
    for path in sorted((site / "downloads").rglob("*.pdf")):
        uris = [
            str(annot["/A"]["/URI"])
            for page in pdf_reader(path).pages
            for annot in (a.get_object() for a in page.get("/Annots") or [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot["/A"]
        ]
        assert uris, f"{path.name}: no links at all"
        assert any(u.startswith(public) for u in uris), f"{path.name}: no link to the page it came from"
        local = [u for u in uris if not u.startswith("https://") or urlparse(u).hostname in {"127.0.0.1", "localhost"}]
        assert local == [], f"{path.relative_to(site)}: {local[:5]}"


def test_every_pdf_embeds_its_fonts(exported):
    site, _ = exported
    for path in sorted(site.rglob("*.pdf")):
        reader = pdf_reader(path)
        for page in reader.pages[:3]:
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            assert fonts, f"{path.name}: no fonts"
            for name, font in fonts.items():
                font = font.get_object()
                if font.get("/Subtype") == "/Type3":
                    continue  # drawn glyphs: always inside the file
                descriptor = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descriptor["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{path.name}: {name} not embedded"


# ---------------------------------------------------------------- handouts


def test_every_technique_handout_is_one_page_on_a4_and_on_letter(exported, atlas, browser, tmp_path):
    site, report = exported
    published = handouts(site, "techniques")
    assert [p.stem for p in published] == sorted(atlas.techniques)
    for path in published:
        reader = pdf_reader(path)
        assert len(reader.pages) == 1, path.name
        width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
        # the published size fits inside both papers, so it prints at 100 % on either
        assert width <= min(A4_POINTS[0], LETTER_POINTS[0]) + 1 and height <= min(A4_POINTS[1], LETTER_POINTS[1]) + 1
    english = [h for h in report["handouts"]["items"] if h.kind == "technique" and not h.url.startswith("es/")]
    assert len(english) == len(atlas.techniques) and [h.url for h in english if h.scale < 1] == []  # none shrunk
    # Printed again on the whole of each paper, as a trainer's browser would: the longest pages, which would
    # run over first (every page fits the part both papers share, above).
    longest = sorted(atlas.techniques, key=lambda t: (site / "techniques" / t / "index.html").stat().st_size)[-4:]
    for paper in (export_handouts.A4, export_handouts.LETTER):
        made = export_handouts.build_handouts(
            site, tmp_path / paper[0], paper=paper, browser=browser, only=[f"techniques/{t}/" for t in longest]
        )
        assert len(made) == len(longest)
        assert [(h.url, h.pages) for h in made if h.pages != 1] == [], paper
        assert [h.url for h in made if h.scale < 1] == [], f"shrunk to fit on {paper}"


def test_routine_handouts_have_at_most_two_pages(exported, atlas):
    site, _ = exported
    published = handouts(site, "routines")
    assert [p.stem for p in published] == sorted(atlas.routines)
    for path in published:
        assert 1 <= len(pdf_reader(path).pages) <= 2, path.name


def test_technique_handout_says_what_a_client_needs(exported, atlas):
    site, _ = exported
    t = atlas.techniques["calves-foam-roller"]
    text = text_of(pdf_reader(site / "downloads" / "techniques" / "calves-foam-roller.pdf"))
    for words in (
        t.title,
        "Targets:",
        t.muscles[0],
        "Set-up",
        t.setup[:40],
        "Steps",
        t.steps[0],
        "Dose",
        "Stop straight away if",
        t.stop_if[0],
        "Do not do this technique if you",
        "Ask a doctor or physiotherapist first if you",
        "References",
        "Wilke, J.",
        "https://smr-atlas.github.io/techniques/calves-foam-roller/",
    ):
        assert squash(words) in squash(text), words
    assert [c for c in CHROME + ("Common mistakes", "Make it harder") if c in text] == []


def test_every_technique_handout_shows_the_cautions_for_everyone_and_for_its_regions(exported, atlas):
    """Issue 12: a client given the handout sees who should not roll, who should ask first, the spots to
    stay off and when to stop — and which points an expert panel agreed on (★)."""
    from atlas.safety import safety

    site, _ = exported
    for t in atlas.techniques.values():
        raw = text_of(pdf_reader(site / "downloads" / "techniques" / f"{t.id}.pdf"))
        shown = safety(atlas, t)
        wanted = [c.short for c in shown.do_not + shown.ask_first] + shown.stay_off + ["Stay off these spots"]
        missing = [str(w) for w in wanted if squash(str(w)) not in squash(raw)]
        assert missing == [] and "★" in raw, (t.id, missing)


def _qr_text(page) -> list[str]:
    import zxingcpp
    from PIL import Image

    shot = page.locator("article .atlas-qr").first.screenshot()
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]


def _copy_without_pdfs(site: Path, copy: Path) -> Path:
    """The built site without its downloads, but with the page list the exporter reads."""
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.zip"))
    return copy


def test_handout_qr_code_opens_the_page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 794, "height": 1056}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        page.goto("/techniques/calves-foam-roller/")
        url = "https://smr-atlas.github.io/techniques/calves-foam-roller/"
        assert page.locator("article .atlas-qr").first.is_visible()  # printed, not hidden
        assert _qr_text(page) == [url]
        assert url in page.locator("article").inner_text()
    finally:
        context.close()


def test_a_handout_page_without_its_qr_code_stops_the_export(exported, browser, tmp_path):
    copy = _copy_without_pdfs(exported[0], tmp_path / "site")
    page = copy / "techniques" / "calves-foam-roller" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('class="atlas-qr"', 'class="gone"'), encoding="utf-8")
    with pytest.raises(ExportError, match=r"/techniques/calves-foam-roller/: the page has no QR code"):
        export_handouts.build_handouts(copy, tmp_path / "out", browser=browser, only=["techniques/calves-foam-roller/"])


def test_a_handout_that_cannot_fit_stops_the_export_with_a_clear_message(exported, browser, tmp_path):
    copy = _copy_without_pdfs(exported[0], tmp_path / "site")
    page = copy / "techniques" / "calves-foam-roller" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("<li>Switch legs and repeat.</li>", "<li>Switch legs and repeat.</li>" * 150), encoding="utf-8"
    )
    with pytest.raises(ExportError, match=r"/techniques/calves-foam-roller/: the handout needs \d+ pages"):
        export_handouts.build_handouts(copy, tmp_path / "out", browser=browser, only=["techniques/calves-foam-roller/"])


# ---------------------------------------------------------------- printing from a browser


def test_printing_a_technique_page_from_a_browser_gives_one_clean_page(page):
    page.goto("/techniques/calves-foam-roller/")
    from pypdf import PdfReader

    for paper in ("A4", "Letter"):
        reader = PdfReader(io.BytesIO(page.pdf(format=paper)))  # page.pdf() prints with print media
        assert len(reader.pages) == 1, paper
        text = reader.pages[0].extract_text()
        assert "Calves on a foam roller" in text and "Stop straight away if" in text
        assert [c for c in CHROME if c in text] == []


def test_print_layout_is_light_and_hides_the_site_chrome_in_dark_mode(browser, base_url):
    context = browser.new_context(base_url=base_url, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto("/learn/fascia/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.emulate_media(media="print")
        styles = page.evaluate("""() => {
            const css = el => el && getComputedStyle(el);
            return {bg: css(document.body).backgroundColor, fg: css(document.querySelector('article p')).color,
                    hidden: ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search', '.atlas-report']
                      .map(s => document.querySelector(s)).filter(Boolean).map(el => css(el).display)};
        }""")
        assert styles["bg"] == "rgb(255, 255, 255)"
        r, g, b = (int(x) for x in re.findall(r"[\d.]+", styles["fg"])[:3])
        assert max(r, g, b) < 80, styles["fg"]  # dark text
        assert styles["hidden"] and set(styles["hidden"]) == {"none"}
    finally:
        context.close()


# ---------------------------------------------------------------- the offline copy


def test_offline_zip_ships_the_search_shim_and_the_pdfs(exported, atlas):
    site, _ = exported
    with zipfile.ZipFile(site / OFFLINE_ZIP) as z:
        names = set(z.namelist())
        assert "smr-atlas/index.html" in names and "smr-atlas/search/search_index.js" in names
        assert "smr-atlas/assets/vendor/iframe-worker/shim.js" in names
        assert f"smr-atlas/{BOOK}" in names
        assert {f"smr-atlas/downloads/techniques/{t}.pdf" for t in atlas.techniques} <= names
        page = z.read("smr-atlas/techniques/calves-foam-roller.html").decode("utf-8")
    assert "unpkg.com" not in page and re.search(r'<script src="[^"]*iframe-worker/shim\.js"', page)
    assert 'href="../downloads/techniques/calves-foam-roller.pdf"' in page


def test_offline_zip_opens_from_file_and_search_works_with_no_network(offline_site, browser):
    root = offline_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests, refused = [], []
    context.on("request", lambda r: requests.append(r.url))

    def no_network(route):
        refused.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(https?|wss?|ftp)://"), no_network)
    page = context.new_page()
    try:
        page.goto((root / "index.html").as_uri())
        page.get_by_role("link", name="Techniques").first.click()
        page.get_by_role("link", name="Calves on a foam roller").first.click()
        page.wait_for_url("**/techniques/calves-foam-roller.html")
        assert "Roll slowly down" in page.locator("h2#steps + ol").inner_text()
        page.goto((root / "index.html").as_uri())
        type_in_search(page, "calves foam")
        result = page.locator(".md-search-result__item a[href*='techniques/calves-foam-roller.html']").first
        result.wait_for(timeout=15_000)
        result.click()
        page.wait_for_url("**/techniques/calves-foam-roller.html*")
        assert page.locator("h1").first.inner_text().startswith("Calves on a foam roller")
    finally:
        context.close()
    assert refused == []
    assert [u for u in requests if not u.startswith(("file:", "about:", "data:", "blob:"))] == []


# ---------------------------------------------------------------- time and size


def test_book_and_handouts_take_at_most_a_minute_per_language(exported):
    site, report = exported
    languages = json.loads((site / PAGE_LIST).read_text(encoding="utf-8"))["languages"]
    handout, book, offline = report["handouts"], report["book"], report["offline"]
    print(
        f"\nhandouts: {handout['count']} PDFs, {handout['bytes'] / 1e6:.2f} MB, {handout['seconds']:.1f} s"
        f"\nbook: {book['pages']} pages, {book['bytes'] / 1e6:.2f} MB, {book['seconds']:.1f} s"
        f"\nall PDFs, side by side: {report['pdf_seconds']:.1f} s"
        f"\noffline zip: {offline['bytes'] / 1e6:.2f} MB, {offline['seconds']:.1f} s"
    )
    # A minute per language, as the English alone had, is held by `make bench` on an idle machine (47–58 s
    # for both languages on 2 cores, bench/results.md). Here the export runs beside the whole test run, on
    # cores busy 94 % of the time, and took 80–154 s as the machine's own speed varied from run to run (a fixed
    # loop: 1.2–1.7 s): this guards against a doubling, not against noise.
    assert len(languages) == 2 and report["pdf_seconds"] <= 2 * 60 * len(languages)
    assert book["bytes"] < 15e6 and offline["bytes"] < 40e6
