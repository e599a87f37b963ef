"""The built site in headless Chromium, served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from conftest import type_in_search


def test_home_loads_and_says_it_is_education(page):
    page.goto("/")
    assert page.title().startswith("SMR Atlas")
    assert page.get_by_text("Education, not treatment").is_visible()


def test_index_leads_to_a_technique_with_steps_and_a_citation(page):
    page.goto("/techniques/")
    page.get_by_role("link", name="Calves on a foam roller").first.click()
    page.wait_for_url("**/techniques/calves-foam-roller/")
    steps = page.locator("h2#steps + ol > li")
    assert steps.count() >= 3
    assert "Roll slowly down" in steps.first.inner_text()
    footnotes = page.locator(".footnote li")
    assert footnotes.count() >= 1
    assert "doi.org" in footnotes.first.inner_html()


def test_search_finds_a_technique_by_name(page):
    page.goto("/")
    type_in_search(page, "calves foam")
    result = page.locator(".md-search-result__item a[href*='techniques/calves-foam-roller/']").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_url("**/techniques/calves-foam-roller/**")


def test_phone_width_does_not_scroll_sideways(browser, base_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=base_url, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    page = context.new_page()
    try:
        for path in ("/", "/techniques/", "/techniques/calves-foam-roller/", "/references/", "/claims/"):
            page.goto(path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    finally:
        context.close()


# What the reader sees of the switch: the scheme on the page and on the page's own scroll bar, and which of
# its two buttons shows (each is the label of the palette it switches away from).
_SWITCH = """() => [document.body.dataset.mdColorScheme, getComputedStyle(document.documentElement).colorScheme,
  [...document.querySelectorAll('.md-header__option label')].filter((label) => !label.hidden).map((l) => l.title)]"""


def test_the_light_dark_switch_follows_the_device_until_the_reader_chooses(browser, base_url):
    """The site's own switch (docs/assets/palette.js) stands in for Material's palette component."""
    context = browser.new_context(base_url=base_url, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto("/learn/fascia/")
        assert page.evaluate(_SWITCH) == ["slate", "dark", ["Switch to light mode"]], "the device is dark"
        page.get_by_title("Switch to light mode").click()
        assert page.evaluate(_SWITCH) == ["default", "normal", ["Switch to dark mode"]]
        link = "getComputedStyle(document.querySelector('.md-typeset p a')).color"  # Material eases it in 125 ms
        at_once = page.evaluate(link)
        page.wait_for_timeout(300)
        assert page.evaluate(link) == at_once, "the new colours are there at once, not eased in"
        page.reload()
        assert page.evaluate(_SWITCH) == ["default", "normal", ["Switch to dark mode"]], "the choice is kept"
        page.locator("input.md-option:checked").focus()
        page.keyboard.press("Enter")  # from the keyboard, as with Material's component
        assert page.evaluate(_SWITCH) == ["slate", "dark", ["Switch to light mode"]]
    finally:
        context.close()


def _chromium_switches(name: str) -> list[list[str]]:
    """The values of ``name`` on the command line of each Chromium browser process running (not its
    children: they carry a --type)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:  # the process ended while we looked
            continue
        if args and args[0].endswith(("chromium", "chrome")) and not any(a.startswith("--type=") for a in args):
            found.append([a.split("=", 1)[1] for a in args if a.startswith(f"{name}=")])
    return found


def test_the_browser_keeps_playwrights_flags_and_opens_no_address_bar_pages(browser):
    """Chromium keeps the last --disable-features only (atlas.export.browser): ours must repeat every feature
    Playwright turns off, or an upgrade of Playwright would lose one unseen; and a new page must not bring the
    address bar's pop-up pages, which cost a renderer each."""
    from atlas.export.browser import DISABLED_FEATURES

    ours = ",".join(DISABLED_FEATURES)  # a browser of these tests or of the export, not any other on the machine
    launched = [values for values in _chromium_switches("--disable-features") if values and values[-1] == ours]
    assert launched, "no Chromium started by Playwright with our --disable-features was found"
    for values in launched:
        kept = set(values[-1].split(","))
        for earlier in values[:-1]:
            lost = set(earlier.split(",")) - kept
            assert not lost, f"Playwright turns off {lost} too: add them to atlas.export.browser's list"
    context = browser.new_context()
    try:
        context.new_page()
        targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
        assert [t["url"] for t in targets if t["type"] == "browser_ui"] == []
    finally:
        context.close()
