"""Every technique shows how it is done (issue 14): the set-up figure on its page — named for screen
readers, captioned, inside its box, moving on screen and still when paused, printed or unwanted — and a
small still on every routine step and beside every technique in the index."""

from __future__ import annotations

FIGURE = "article figure[data-figure='setup']"
# Where each part of the figure is, and whether the page scrolls sideways.
MEASURE = """() => {
  const fig = document.querySelector("article figure[data-figure='setup']");
  const svg = fig.querySelector("svg.atlas-fig");
  const box = fig.getBoundingClientRect(), drawn = svg.getBoundingClientRect();
  const shown = (el) => el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
  return {
    label: svg.getAttribute("aria-label"), role: svg.getAttribute("role"),
    caption: fig.querySelector("figcaption").textContent.trim(),
    inside: drawn.left >= box.left - 1 && drawn.right <= box.right + 1 && drawn.width > 0,
    height: drawn.height, motion: shown(svg.querySelector(".atlas-fig__motion")),
    frames: shown(svg.querySelector(".atlas-fig__frames")),
    sideways: document.scrollingElement.scrollWidth > window.innerWidth,
  };
}"""


# After the window changes size: Material eases its search box to the new width (a CSS transition, a
# moment wider than the window); the layout is measured as it ends.
SETTLED = "() => document.getAnimations().filter((a) => a instanceof CSSTransition).forEach((a) => a.finish())"


def test_every_technique_page_shows_its_figure_inside_its_box(browser, base_url, atlas):
    """On a small phone and a laptop: each page is loaded once and measured at both widths (the layout
    follows the window, as when a phone is turned)."""
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        for t in atlas.techniques.values():
            page.goto(f"/techniques/{t.id}/")
            for width in (320, 1280):
                page.set_viewport_size({"width": width, "height": 800})
                page.evaluate(SETTLED)
                m = page.evaluate(MEASURE)
                assert m["role"] == "img" and len(m["label"]) > 40, t.id
                assert m["caption"].lower().startswith(m["label"].split(": ", 1)[1][:20].lower()), t.id  # same words
                assert m["inside"] and m["height"] >= 100, (t.id, width, m)  # legible: at least 100 px tall
                assert m["motion"] and not m["frames"], (t.id, m)
                assert not m["sideways"], (t.id, width)
    finally:
        context.close()


def test_the_figure_stands_still_when_paused_printed_or_when_motion_is_unwanted(browser, base_url):
    context = browser.new_context(base_url=base_url, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto("/techniques/calves-foam-roller/")
        m = page.evaluate(MEASURE)
        assert m["frames"] and not m["motion"]
        assert not page.locator(f"{FIGURE} .atlas-fig__pause").is_visible()  # nothing to pause
    finally:
        context.close()
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    try:
        page.goto("/techniques/calves-foam-roller/")
        page.get_by_label("Pause the movement").check()  # a keyboard and screen-reader control
        m = page.evaluate(MEASURE)
        assert m["frames"] and not m["motion"]
        page.get_by_label("Pause the movement").uncheck()
        assert page.evaluate(MEASURE)["motion"]
        page.emulate_media(media="print")
        m = page.evaluate(MEASURE)
        assert m["frames"] and not m["motion"]
    finally:
        context.close()


def test_routine_steps_and_the_technique_index_show_a_still_of_each_technique(page, atlas):
    routine = next(iter(atlas.routines.values()))
    page.goto(f"/routines/{routine.id}/")
    assert page.locator("article ol > li svg.atlas-fig--thumbnail").count() == len(routine.steps)
    page.goto("/techniques/")
    shown = page.locator("article li svg.atlas-fig--thumbnail")
    assert shown.count() >= len(atlas.techniques)
    assert shown.first.get_attribute("aria-hidden") == "true"  # the technique's name beside it says it


def test_the_review_page_shows_every_figure_beside_its_set_up(page, atlas):
    page.goto("/figures/")
    assert page.locator("figure[data-figure='still'] svg[role='img']").count() == len(atlas.techniques)
    for t in list(atlas.techniques.values())[:3]:
        assert page.locator(f"h2#{t.id}").is_visible()


def test_the_figure_clock_stops_whenever_its_movement_cannot_be_seen(browser, base_url):
    """docs/assets/figure.js: the browser advances a SMIL figure on the main thread every frame (0.8 of a
    core in Chromium, even while it is hidden), so its clock stops when it is out of view, paused or
    unwanted, and runs again once it can be seen."""
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    stopped = "() => document.querySelector('svg.atlas-fig--animated').animationsPaused()"
    running = "() => !document.querySelector('svg.atlas-fig--animated').animationsPaused()"
    try:
        page.goto("/techniques/calves-foam-roller/")
        page.locator(FIGURE).scroll_into_view_if_needed()
        page.wait_for_function(running)
        page.get_by_label("Pause the movement").check()
        assert page.evaluate(stopped)
        page.get_by_label("Pause the movement").uncheck()
        assert page.evaluate(running)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # out of view
        page.wait_for_function(stopped)
        page.locator(FIGURE).scroll_into_view_if_needed()
        page.wait_for_function(running)
        page.emulate_media(reduced_motion="reduce")
        page.wait_for_function(stopped)
    finally:
        context.close()
