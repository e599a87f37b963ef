"""Look before you read: the body map, target-area figures, equipment icons and the techniques filter.

Data and unit checks first (fast), then the built site, then headless Chromium.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from atlas import bodymap
from atlas.errors import DataError
from atlas.markers import Where, expand_markers
from atlas.page import Settings
from atlas.records import load_atlas
from atlas.urls import href, page_url

REGIONS = "data/regions.yaml"
EQUIPMENT = "data/equipment.yaml"
MAP_PAGES = ("/", "/techniques/")
FILTER_PAGE = "/techniques/"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} is not in {rel} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def error_of(project: Path) -> str:
    with pytest.raises(DataError) as info:
        load_atlas(project)
    return str(info.value)


def line_of(project: Path, rel: str, pattern: str, after: str | None = None) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line == after) if after else 0
    return next(i for i, line in enumerate(lines[start:], start + 1) if re.search(pattern, line))


def matching(atlas, region: str, equipment: str) -> set[str]:
    """What the filter must show, straight from the YAML."""
    return {
        t.id
        for t in atlas.techniques.values()
        if (not region or region in t.regions) and (not equipment or equipment in t.equipment)
    }


# ---- data and unit ------------------------------------------------------------------------------


def test_links_in_raw_html_match_how_mkdocs_serves_pages():
    assert page_url("index.md") == ""
    assert page_url("techniques/index.md") == "techniques/"
    assert page_url("techniques/calves-foam-roller.md") == "techniques/calves-foam-roller/"
    assert href("index.md", "regions/calves.md") == "regions/calves/"
    assert href("techniques/index.md", "regions/calves.md") == "../regions/calves/"
    assert href("techniques/calves-foam-roller.md", "regions/calves.md") == "../../regions/calves/"
    assert href("regions/calves.md", "regions/calves.md") == "./"


def test_links_in_raw_html_work_from_file_urls_in_the_offline_copy():
    assert page_url("index.md", directory_urls=False) == "index.html"
    assert page_url("techniques/index.md", directory_urls=False) == "techniques/index.html"
    assert href("index.md", "regions/calves.md", directory_urls=False) == "regions/calves.html"
    assert href("techniques/index.md", "regions/index.md", directory_urls=False) == "../regions/index.html"
    assert href("routines/builder.md", "routines/sheet.md", directory_urls=False) == "sheet.html"
    assert href("regions/calves.md", "regions/calves.md", directory_urls=False) == "calves.html"


def test_a_region_needs_a_shape_on_exactly_the_view_it_names(project):
    path = project / REGIONS
    head, calves = path.read_text(encoding="utf-8").split("\ncalves:\n", 1)
    assert "\n  view: back\n" in calves.split("\n  reviewed:", 1)[0], "test setup: calves is not on the back view"
    calves = calves.replace("\n  view: back\n", "\n  view: front\n", 1)
    path.write_text(f"{head}\ncalves:\n{calves}", encoding="utf-8")
    line = line_of(project, REGIONS, r"^  shape:", after="calves:")
    message = error_of(project)
    assert (
        f"{REGIONS}:{line}: calves.shape: view is 'front' but shape has no 'front' outline — "
        "add shape.front, or change view"
    ) in message
    assert f"{REGIONS}:{line}: calves.shape: view is 'front' but shape also has a 'back' outline" in message


def test_a_shape_is_plain_path_data_so_it_cannot_break_out_of_its_attribute(project):
    calves = (project / REGIONS).read_text(encoding="utf-8").split("\ncalves:\n", 1)[1]
    first_path = re.search(r"^      - (M.*)$", calves, re.M).group(1)
    edit(project, REGIONS, f"      - {first_path}\n", f'      - {first_path}" onclick=alert(1)\n')
    line = line_of(project, REGIONS, re.escape('" onclick=alert(1)'))
    message = error_of(project)
    assert re.search(
        rf"^{re.escape(REGIONS)}:{line}: calves\.shape\.back\[0\]: '.*' is not SVG path data — "
        r"start with M and use only path commands",
        message,
        re.M,
    ), message


def test_every_equipment_needs_an_icon(project):
    text = (project / EQUIPMENT).read_text(encoding="utf-8")
    icon_line = re.search(r"^foam-roller:\n  title: .*\n(  icon: .*\n)", text, re.M).group(1)
    edit(project, EQUIPMENT, icon_line, "")
    line = text.split("\n").index("foam-roller:") + 1
    message = error_of(project)
    assert f"{EQUIPMENT}:{line}: foam-roller: missing required field 'icon' — A small line icon" in message


def test_the_figure_draws_only_the_targets_on_the_views_that_show_them(atlas):
    calves = bodymap.target_figure(atlas, ["calves"])
    assert 'aria-label="Target area: Calves"' in calves
    assert re.findall(r'data-region="([^"]+)"', calves) == ["calves"]
    assert 'viewBox="0 0 200 460"' in calves and "atlas-body-view--front" not in calves
    both = bodymap.target_figure(atlas, ["chest", "upper-back"])
    assert 'viewBox="0 0 420 460"' in both
    assert re.findall(r'atlas-body-view--(\w+)" transform="translate\((\d+) 0\)', both) == [
        ("front", "0"),
        ("back", "220"),
    ]


def test_body_map_marker_may_be_used_once_per_page(atlas):
    markdown = "# Home\n\n{body-map}\n\nText.\n\n{body-map}\n"
    with pytest.raises(DataError) as info:
        expand_markers(markdown, atlas, Settings("https://example.org/"), Where("index.md", "docs/index.md", 5))
    assert str(info.value) == "docs/index.md:12: {body-map} can be used once per page — remove the second one"


# ---- the built site -----------------------------------------------------------------------------


def _map_links(html: str) -> tuple[dict[str, str], list[str]]:
    """(region id → href of its shape on the map, hrefs of the list under the map)."""
    nav = re.search(r'<nav[^>]*class="atlas-bodymap".*?</nav>', html, re.S).group(0)
    svg, after = nav.split("</svg>", 1)
    shapes = dict((r, h) for h, r in re.findall(r'<a class="atlas-region" href="([^"]+)" data-region="([^"]+)"', svg))
    return shapes, re.findall(r'<li><a href="([^"]+)"', after)


@pytest.mark.parametrize("page", ["index.html", "techniques/index.html"])
def test_map_links_are_the_links_mkdocs_checked_and_each_opens_a_region_page(site, atlas, page):
    shapes, listed = _map_links((site / page).read_text(encoding="utf-8"))
    assert set(shapes) == set(atlas.regions)
    # The list is Markdown, so `mkdocs build --strict` checked it; the shapes must say the same.
    assert sorted(shapes.values()) == sorted(listed)
    here = posixpath.dirname(page)
    for region, link in shapes.items():
        target = posixpath.normpath(posixpath.join(here, link))
        assert target == f"regions/{region}", (page, link)
        assert (site / target / "index.html").is_file()


def _svg_bytes(html: str, css_class: str) -> int:
    return sum(len(s.encode()) for s in re.findall(rf'<svg class="{css_class}".*?</svg>', html, re.S))


def test_svg_weight_stays_small(site):
    """Budgets for the pictures this feature adds to a page (raw bytes; gzip shrinks them about 4×)."""
    home = (site / "index.html").read_text(encoding="utf-8")
    index = (site / "techniques" / "index.html").read_text(encoding="utf-8")
    technique = (site / "techniques" / "calves-foam-roller" / "index.html").read_text(encoding="utf-8")
    assert 5_000 < _svg_bytes(home, "atlas-bodymap__svg") <= 18_000
    assert _svg_bytes(index, "atlas-bodymap__svg") + _svg_bytes(index, "atlas-icon") <= 30_000
    # A technique page shows its set-up figure (issue 14): at most 6 KB gzipped, as the figure tests say.
    import gzip

    figure = re.search(r'<svg[^>]*class="atlas-fig atlas-fig--animated".*?</svg>', technique, re.S).group(0)
    assert 1_000 < len(gzip.compress(figure.encode("utf-8"))) <= 6_000
    assert "atlas-target__svg" not in technique  # the set-up figure shows the target instead


# ---- in the browser -----------------------------------------------------------------------------

# A point inside the region's first shape (not just inside its bounding box), in page pixels.
_POINT_IN_REGION = """link => {
  const path = link.querySelector('path'), box = path.getBBox(), m = path.getScreenCTM();
  let best = null;
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const p = new DOMPoint(box.x + box.width * i / 20, box.y + box.height * j / 20);
    if (!path.isPointInFill(p)) continue;
    const d = Math.abs(i - 10) + Math.abs(j - 10);
    if (!best || d < best.d) best = {d, x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f};
  }
  return best && {x: best.x, y: best.y, hit: document.elementFromPoint(best.x, best.y).closest('a') === link};
}"""

# Any CSS colour (rgb(), color(srgb …), color-mix results) → [r, g, b] through a canvas.
_CONTRAST = """([a, b]) => {
  const ctx = document.createElement('canvas').getContext('2d');
  const rgb = c => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
                     return Array.from(ctx.getImageData(0, 0, 1, 1).data).slice(0, 3); };
  const lum = c => rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                         .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


# Records the link a click lands on instead of following it, so every region is clicked on one load of the
# map page (following each link cost two page loads per region); the last region's click is then followed.
_CATCH_CLICKS = """() => { window.atlasClicked = null; document.addEventListener('click', (e) => {
  const a = e.target.closest("a");  // in the map, an SVG link: its href is an SVGAnimatedString
  if (a) { e.preventDefault(); window.atlasClicked = new URL(a.href.baseVal ?? a.href, document.baseURI).href; }
}, {capture: true, once: true}); }"""


@pytest.mark.parametrize("start", MAP_PAGES)
def test_clicking_a_region_on_the_map_opens_its_region_page(page, base_url, atlas, start):
    page.goto(start)
    for region in atlas.regions:
        link = page.locator(f'nav.atlas-bodymap a.atlas-region[data-region="{region}"]')
        link.evaluate("a => a.scrollIntoView({block: 'center'})")  # not under the sticky header
        point = link.evaluate(_POINT_IN_REGION)
        assert point and point["hit"], f"{region}: its shape is covered by something else on {start}"
        page.evaluate(_CATCH_CLICKS)
        page.mouse.click(point["x"], point["y"])
        assert page.evaluate("window.atlasClicked") == f"{base_url}/regions/{region}/", (start, region)
    page.mouse.click(point["x"], point["y"])  # the last region, still in view; nothing catches this click
    page.wait_for_url(f"**/regions/{region}/", timeout=5_000)
    assert atlas.regions[region].title in page.locator("h1").inner_text()


def test_tab_reaches_every_region_with_its_name_and_a_visible_focus_ring(page, atlas):
    page.goto("/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
          const a = document.activeElement;
          if (!a || !a.matches('nav.atlas-bodymap a.atlas-region')) return null;
          const path = getComputedStyle(a.querySelector('path'));
          return {region: a.dataset.region, name: a.getAttribute('aria-label'), ring: a.matches(':focus-visible'),
                  width: parseFloat(path.strokeWidth), stroke: path.stroke};
        }""")
        if focused:
            reached.append(focused["region"])
            assert focused["name"] == atlas.regions[focused["region"]].title
            assert focused["ring"] and focused["width"] >= 3, focused
            assert page.evaluate(_CONTRAST, [focused["stroke"], background]) >= 3, focused
        elif reached:
            break  # past the map
    assert sorted(reached) == sorted(atlas.regions)
    assert len(reached) == len(set(reached))


def test_screen_readers_get_a_list_of_the_same_links(page, atlas):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Find techniques by body part")
    shapes = nav.locator("svg").get_by_role("link")
    listed = nav.get_by_role("list").get_by_role("link")
    assert shapes.count() == listed.count() == len(atlas.regions)
    for region in atlas.regions.values():
        in_svg = nav.locator("svg").get_by_role("link", name=region.title, exact=True)
        in_list = nav.get_by_role("list").get_by_role("link", name=region.title, exact=True)
        assert in_svg.count() == 1 and in_list.count() == 1, region.id
        assert in_svg.get_attribute("href") == in_list.get_attribute("href") == f"regions/{region.id}/"


def _figure(page) -> dict:
    return page.evaluate("""() => {
      const svg = document.querySelector('figure.atlas-target svg[role=img]');
      const box = svg.getBoundingClientRect();
      return {label: svg.getAttribute('aria-label'), width: box.width, height: box.height,
              regions: Array.from(svg.querySelectorAll('.atlas-region'), g => ({
                id: g.dataset.region, paths: Array.from(g.querySelectorAll('path'), p => p.getAttribute('d')),
                fill: getComputedStyle(g.querySelector('path')).fill}))};
    }""")


def test_the_highlighted_region_on_each_region_page_matches_its_yaml(page, atlas):
    background = None
    pages = [(f"/regions/{r}/", [r]) for r in atlas.regions]
    for path, regions in pages:
        page.goto(path)
        figure = _figure(page)
        assert figure["label"] == "Target area: " + ", ".join(atlas.regions[r].title for r in regions), path
        assert sorted(r["id"] for r in figure["regions"]) == sorted(regions), path
        for drawn in figure["regions"]:
            shape = atlas.regions[drawn["id"]].shape
            assert drawn["paths"] == [d for view in ("front", "back") for d in shape.get(view, [])], path
        assert figure["width"] > 40 and figure["height"] > 100, f"{path}: the figure is not visible"
        background = background or page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert page.evaluate(_CONTRAST, [figure["regions"][0]["fill"], background]) >= 3, path


def test_equipment_pages_and_the_technique_index_show_an_icon_for_each_kind(page, atlas):
    for e in atlas.equipment.values():
        page.goto(f"/equipment/{e.id}/")
        icon = page.locator(f".md-content svg.atlas-icon[data-equipment='{e.id}']")
        assert icon.count() == 1 and icon.is_visible(), e.id
        assert icon.locator("path").get_attribute("d") == e.icon
    page.goto(FILTER_PAGE)
    entries = page.locator("li[data-technique]")
    assert entries.count() >= len(atlas.techniques)
    for i in range(entries.count()):
        entry = entries.nth(i)
        t = atlas.techniques[entry.get_attribute("data-technique")]
        icons = entry.get_by_role("img")
        assert [icons.nth(j).get_attribute("aria-label") for j in range(icons.count())] == [
            atlas.equipment[e].title for e in t.equipment
        ], t.id
        assert icons.first.is_visible()


def _visible_techniques(page) -> set[str]:
    return set(
        page.evaluate("""() => Array.from(document.querySelectorAll('li[data-technique]'))
        .filter(li => li.offsetParent !== null).map(li => li.dataset.technique)""")
    )


def _visible_groups(page) -> set[str]:
    return set(
        page.evaluate("""() => Array.from(document.querySelectorAll('.atlas-tgroup'))
        .filter(g => g.offsetParent !== null).map(g => g.dataset.region)""")
    )


def test_filter_by_region_and_equipment_shows_exactly_the_matching_techniques(page, atlas):
    page.goto(FILTER_PAGE)
    region, equipment = page.get_by_label("Body region", exact=True), page.get_by_label("Equipment", exact=True)
    regions = [o for o in region.locator("option").evaluate_all("os => os.map(o => o.value)")]
    kinds = [o for o in equipment.locator("option").evaluate_all("os => os.map(o => o.value)")]
    assert set(regions) - {""} <= set(atlas.regions) and set(kinds) == {""} | {
        e for t in atlas.techniques.values() for e in t.equipment
    }
    for r in regions:
        region.select_option(r)
        for e in kinds:
            equipment.select_option(e)
            expected = matching(atlas, r, e)
            assert _visible_techniques(page) == expected, (r, e)
            if r:
                assert _visible_groups(page) <= {r}, (r, e)
            status = page.locator(".atlas-filter__status").inner_text()
            if r or e:
                assert (f"Showing {len(expected)} technique" in status) if expected else ("No techniques" in status)


def test_the_filter_lives_in_the_url_and_survives_a_reload(page, atlas, base_url):
    page.goto(FILTER_PAGE)
    page.get_by_label("Body region", exact=True).select_option("glutes")
    page.get_by_label("Equipment", exact=True).select_option("massage-ball")
    expected = matching(atlas, "glutes", "massage-ball")
    assert expected and expected != matching(atlas, "glutes", "")
    assert parse_qs(urlparse(page.url).query) == {"region": ["glutes"], "equipment": ["massage-ball"]}
    page.reload()
    assert page.get_by_label("Body region", exact=True).input_value() == "glutes"
    assert page.get_by_label("Equipment", exact=True).input_value() == "massage-ball"
    assert _visible_techniques(page) == expected
    # The link a trainer sends, opened fresh.
    other = page.context.browser.new_context(base_url=base_url).new_page()
    try:
        other.goto(f"{FILTER_PAGE}?region=glutes&equipment=massage-ball")
        assert _visible_techniques(other) == expected
        other.goto(f"{FILTER_PAGE}?region=<b>&equipment=nothing")  # unknown values: everything shows
        assert _visible_techniques(other) == set(atlas.techniques)
    finally:
        other.context.close()
    page.get_by_role("button", name="Show all").click()
    page.wait_for_function("() => !location.search")
    assert _visible_techniques(page) == set(atlas.techniques)


def test_without_javascript_the_full_grouped_list_remains(browser, base_url, atlas):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{FILTER_PAGE}?region=glutes&equipment=massage-ball")
        assert not page.locator("form.atlas-filter").is_visible()
        assert _visible_techniques(page) == set(atlas.techniques)
        groups = {r for t in atlas.techniques.values() for r in t.regions}
        assert groups <= _visible_groups(page)
        assert page.locator("nav.atlas-bodymap a.atlas-region").count() == len(atlas.regions)
    finally:
        context.close()


@pytest.mark.parametrize("width,height", [(390, 844), (320, 640)])
def test_the_map_comes_first_and_fits_a_phone_without_sideways_scrolling(browser, base_url, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        base_url=base_url,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    try:
        for path in MAP_PAGES:
            page.goto(path)
            # The first thing under the page title; on the home page, after the two sentences that say
            # what the site is (a newcomer reads those first).
            first = (
                ".md-content__inner > h1 + p + nav.atlas-bodymap"
                if path == "/"
                else ".md-content__inner > h1 + nav.atlas-bodymap"
            )
            assert page.locator(first).count() == 1, path
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            box = page.locator("svg.atlas-bodymap__svg").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (path, box)
            assert box["width"] >= width * 0.75, f"{path}: the map is only {box['width']}px wide"
            # In the first screen, with room to see it (320 × 640: the intro takes ~4 lines above it).
            assert box["y"] < height * 0.7, f"{path}: the map starts too far down the first screen"
    finally:
        context.close()


def test_in_dark_mode_the_regions_stand_out_from_the_body_and_the_page(browser, base_url):
    context = browser.new_context(base_url=base_url, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto("/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        colours = page.evaluate("""() => ({
          page: getComputedStyle(document.body).backgroundColor,
          body: getComputedStyle(document.querySelector('.atlas-bodymap .atlas-body')).fill,
          region: getComputedStyle(document.querySelector('.atlas-bodymap .atlas-region path')).fill})""")
        assert page.evaluate(_CONTRAST, [colours["region"], colours["page"]]) >= 3, colours
        assert page.evaluate(_CONTRAST, [colours["region"], colours["body"]]) >= 3, colours
        assert page.evaluate(_CONTRAST, [colours["body"], colours["page"]]) >= 1.1, colours
    finally:
        context.close()
