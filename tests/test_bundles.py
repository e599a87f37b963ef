"""The CSS and JavaScript bundles (hooks/atlas/bundles/): every page links its own, named by a hash that
changes whenever the code can; the files they are made from stay out of the site; print rules survive
purging; a build without Node says what it needs. Their weight is held in tests/test_budgets.py."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from atlas.bundles import material
from conftest import PAGE_TYPES, ROOT, mkdocs_build

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


def test_a_changed_stylesheet_renames_its_bundles(changed_copy, site):
    project, result = changed_copy  # atlas.css changed (conftest.CHANGES)
    assert result.returncode == 0, result.stderr[-2000:]
    page = "techniques/calves-foam-roller/index.html"
    ours = _links((site / page).read_text(encoding="utf-8"))
    theirs = _links((project / "site" / page).read_text(encoding="utf-8"))
    assert set(ours[0]).isdisjoint(theirs[0]), "both stylesheets can depend on atlas.css, so both are renamed"
    assert ours[1] == theirs[1], "the scripts did not change, nor their names"


@pytest.mark.build  # a whole build of a changed copy: out of the fast loop
def test_a_build_without_node_says_what_it_needs(project, tmp_path):
    result = mkdocs_build(project, tmp_path / "site", PATH=str(tmp_path))  # no node on it
    assert result.returncode != 0
    assert "Node.js was not found" in result.stderr and "npm ci" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.mark.build  # a whole build of a changed copy: out of the fast loop
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


# A page of each stylesheet bundle as readers see it, scripts run: the builder and sheet holding a routine
# (their steps, doses and log are made by script); Spanish pages have bundles of their own.
LOOKED_AT = [
    *(path for kind, path in PAGE_TYPES.items() if not kind.startswith("es ") and kind not in {"topic", "about"}),
    "/routines/builder/#v=1&s=calves-foam-roller.60.2_glutes-foam-roller.45.1",
    "/routines/sheet/#v=1&s=calves-foam-roller.60.2",
    "/es/techniques/calves-foam-roller/",
    "/es/routines/sheet/#v=1&s=calves-foam-roller.60.2",
]

# Every element's computed style (custom properties aside: unused ones may go), kept in the page under
# ``key`` to compare two states of it. A long page's styles are megabytes of text (12 MB on the claims page),
# so the page sends only each element's name and a hash of its style (FNV-1a); DIFFERENCES says what differs.
STYLES = """(key) => {
for (const a of document.getAnimations()) { a.pause(); a.currentTime = 0; }  // figures: the first frame
for (const svg of document.querySelectorAll("svg")) { svg.pauseAnimations(); svg.setCurrentTime(0); }
const names = Array.from(getComputedStyle(document.body)).filter((p) => !p.startsWith("--"));
const hash = (text) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
};
const lines = [...document.querySelectorAll("body *")].map((e) => {
  const s = getComputedStyle(e);
  const name = `${e.tagName} ${e.className?.baseVal ?? e.className}`;
  return [name, ...names.map((p) => `${p}: ${s.getPropertyValue(p)}`)];
});
window.atlasStyles = { ...window.atlasStyles, [key]: lines };
return lines.map(([name, ...style]) => `${name}\\t${hash(style.join("\\t"))}`);
}"""
DIFFERENCES = """([a, b, indices]) => indices.flatMap((i) => {
  const [mine, theirs] = [window.atlasStyles[a][i], window.atlasStyles[b][i]];
  return mine.flatMap((line, k) => (line === theirs[k] ? [] : [`${mine[0]}: ${line} (${b}: ${theirs[k]})`]));
})"""


def _unpurged() -> dict[str, str]:
    """The stylesheets the bundles are made from: Material's main and palette, then mkdocs.yml's extra_css."""
    import material as theme
    import yaml

    folder = Path(theme.__file__).parent / "templates" / "assets" / "stylesheets"
    files = [p for pattern in ("main.*.min.css", "palette.*.min.css") for p in folder.glob(pattern)]
    material_css = "\n".join(p.read_text(encoding="utf-8") for p in files)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    site_css = "\n".join((ROOT / "docs" / str(path)).read_text(encoding="utf-8") for path in config["extra_css"])
    return {"material": material_css, "site": site_css}


def _settle(page, tries: int = 20) -> None:
    """Until the page's scripts stop adding or removing elements (on a busy machine they finish after the
    network is quiet): the number of elements the same twice, 150 ms apart."""
    count = page.evaluate("() => document.querySelectorAll('body *').length")
    for _ in range(tries):
        page.wait_for_timeout(150)
        count, before = page.evaluate("() => document.querySelectorAll('body *').length"), count
        if count == before:
            return


# Each bundle's <link> is joined by its whole stylesheet (served beside it, so that relative addresses in it
# resolve alike), then taken away once that has loaded: the page is never unstyled, its scripts have nothing
# to react to, and it need not be loaded a second time.
TO_WHOLE = """async () => {
  const bundles = [...document.querySelectorAll("link[rel=stylesheet]")].filter((l) =>
    /\\/assets\\/bundles\\/[a-z-]+\\.[0-9a-f]+\\.css$/.test(l.href),
  );
  await Promise.all(bundles.map((bundle) => new Promise((resolve, reject) => {
    const whole = document.createElement("link");
    whole.rel = "stylesheet";
    whole.onload = resolve;
    whole.onerror = reject;
    whole.href = new URL(bundle.href.includes("/material.") ? "whole-material.css" : "whole-site.css", bundle.href);
    bundle.after(whole);
  })));
  for (const bundle of bundles) bundle.remove();
  return bundles.length;
}"""


@pytest.fixture(scope="module")
def phone_tab(browser, base_url):
    """One phone-sized tab that serves the whole stylesheets beside the bundles, for every page looked at: a
    new page costs Chromium about as much as the comparison made on it. Figures stand still when motion is
    unwanted: a moving figure is never in the same place twice."""
    css = _unpurged()
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    context.route(
        re.compile(r".*/assets/bundles/whole-(material|site)\.css$"),
        lambda route: route.fulfill(
            body=css["material" if "whole-material" in route.request.url else "site"], content_type="text/css"
        ),
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", LOOKED_AT)
def test_purging_changes_no_style_on_any_page(phone_tab, path):
    """PurgeCSS may only drop what no element uses: every element's computed style is the same with the
    bundles as with the whole stylesheets they were made from (PurgeCSS 7 dropped whole rules whose
    selector began with :is(…) and held a second :is(…))."""
    page = phone_tab
    page.goto(path, wait_until="networkidle")
    _settle(page)
    purged = page.evaluate(STYLES, "purged")
    assert page.evaluate(TO_WHOLE) == 2, "a page links Material's bundle and its type's"
    whole = page.evaluate(STYLES, "whole")
    names = [Counter(line.split("\t", 1)[0] for line in h) for h in (purged, whole)]
    assert len(purged) == len(whole) > 20, (
        f"elements only purged: {names[0] - names[1]}, only whole: {names[1] - names[0]}"
    )
    changed = [i for i, (a, b) in enumerate(zip(purged, whole, strict=True)) if a != b]
    differences = page.evaluate(DIFFERENCES, ["purged", "whole", changed[:20]])
    assert changed == [], f"{path}: {len(changed)} elements styled differently:\n" + "\n".join(differences[:20])


def test_rules_with_is_and_where_survive_purging_whole(tmp_path):
    """What PurgeCSS 7.0.2 got wrong (bundle.mjs keeps such rules whole), with an unused rule that must go."""
    from atlas.bundles import node

    (tmp_path / "site.css").write_text(
        ".b:is(:hover, :focus) { color: teal }\n"
        ".a:is(.b, :focus-visible) { color: navy }\n"
        ":is(.a, .b) :is(input, select) { border: 1px solid }\n"
        ".unused { color: red }\n",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text('<html><body><p class="a b"><input></p></body></html>', encoding="utf-8")
    job = {
        "css": [str(tmp_path / "site.css")],
        "pages": [str(tmp_path / "page.html")],
        "scripts": [],
        "words": "",
        "keep": {"variables": [], "keyframes": []},
        "variables": False,
    }
    css = node.run(ROOT, {"styles": {"site": job}})["site"]
    assert ".b:is(:hover,:focus)" in css and ".a:is(.b,:focus-visible)" in css
    assert ":is(.a,.b) :is(input,select)" in css and ".unused" not in css
