"""The Content-Security-Policy holds on every page type, from the web and from the offline copy on
file://: no violation is reported, no page's DOM carries an event-handler attribute or a script URL
(issue 13: "Data is only ever text"), and no page asks another host for anything ("Nothing leaves the
machine": the same visit, once the network has been quiet for half a second). The same visit from the web
runs axe's WCAG rules in the light scheme, then switches the page to the dark scheme with the header's switch
and runs axe's colour rules (conftest.COLOUR_RULES: the scheme changes colours, not parts or names), as it
loads every page type anyway, and the run is bound by the processor. All the visits of a worker share one
tab (Tab)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from conftest import COLOUR_RULES, PAGE_TYPES, axe_violations
from playwright.sync_api import Page

EXTRA = {
    "builder": "/routines/builder/",
    "sheet": "/routines/sheet/#v=1&t=Anna&s=calves-foam-roller.60.2_glutes-foam-roller.45.1&n=Go%20easy",
    "downloads": "/downloads/",
    "regions": "/regions/",
    "equipment-index": "/equipment/",
    "figures": "/figures/",  # every technique's figure, for authors and reviewers
}
PAGES = {**PAGE_TYPES, **EXTRA}

# Listens before any of the page's own scripts run, so a violation at load time is caught too.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ""}`));
"""
# Every element's attributes in the live page: event handlers and script URLs are what data must never
# make. (Inline styles are checked in the page as served: Material's scripts set styles through the CSSOM,
# which the policy allows and which shows up as style attributes.) One data: URL is the site's own: the
# favicon, an SVG image the theme writes into <head> (hooks/atlas/bundles/), never data.
SCAN = """
() => [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes]
  .filter((a) => /^on/i.test(a.name)
    || (/^(href|src|xlink:href|action|formaction)$/i.test(a.name) && /^\\s*(javascript|vbscript|data):/i.test(a.value)
        && !(el.matches("head > link[rel=icon]") && a.value.startsWith("data:image/svg+xml,"))))
  .map((a) => `${el.tagName.toLowerCase()} ${a.name}=${a.value.slice(0, 60)}`))
"""
STYLE_OR_HANDLER = re.compile(r"<[a-z][^>]*\s(style|on[a-z]+)\s*=", re.I)


@dataclass
class Tab:
    """One browser tab that every visit of a worker uses in turn, with the hosts asked since the last visit.
    A new page costs Chromium about as much as the checks made on it, and a visit leaves nothing a later one
    would see: each page starts with nothing stored (the scheme the switch chose, say) and its scripts start
    again."""

    page: Page
    hosts: set[str | None]


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    context.add_init_script("localStorage.clear()")  # before the page's own scripts, as in a new context
    hosts: set[str | None] = set()
    context.on("request", lambda r: hosts.add(urlparse(r.url).hostname))  # a worker's requests count too
    yield Tab(context.new_page(), hosts)
    context.close()


def _check(tab: Tab, url: str, *, wcag: bool = False, dark: bool = False) -> tuple[list[str], ...]:
    """(violations, attributes, WCAG problems) on the page at ``url``, with the other hosts it asked among the
    violations; axe runs (``wcag``) once they are read, through DevTools, which the policy does not govern,
    and with ``dark`` once more, on colour alone, after the reader's switch has made the page dark."""
    page = tab.page
    tab.hosts.clear()
    response = page.goto(url, wait_until="networkidle")  # deferred work (search index on demand) has run
    served = STYLE_OR_HANDLER.findall(response.text()) if response else []
    assert served == [], f"inline style or handler in the page as served: {served}"
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, csp
    attributes = page.evaluate(SCAN)
    problems = [f"(light) {problem}" for problem in axe_violations(page)] if wcag else []
    if dark:
        page.locator(".md-header__option label:not([hidden])").click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the switch made it dark"
        problems += [f"(dark) {problem}" for problem in axe_violations(page, COLOUR_RULES)]
    elsewhere = [f"asked another host: {host}" for host in sorted(tab.hosts - {"127.0.0.1", None, ""})]
    return page.evaluate("window.__violations") + elsewhere, attributes, problems


# The Spanish pages' colours are the English ones: their dark scheme is not checked again.
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_policy_violation_no_script_in_the_dom_and_wcag_from_the_web(tab, base_url, kind):
    english = kind in PAGE_TYPES and not kind.startswith("es ")
    violations, attributes, wcag = _check(tab, base_url + PAGES[kind], wcag=kind in PAGE_TYPES, dark=english)
    assert violations == [] and attributes == [], violations + attributes
    assert wcag == [], f"{PAGES[kind]}:\n" + "\n".join(wcag)


@pytest.mark.parametrize("kind", ["home", "technique", "techniques", "builder", "sheet", "claims"])
def test_no_policy_violation_in_the_offline_copy(tab, offline_site, kind):
    path, _, fragment = PAGES[kind].partition("#")
    file = offline_site / (path.strip("/") + ".html" if path.strip("/") else "index.html")
    if path.endswith("/") and path != "/" and not file.exists():
        file = offline_site / path.strip("/") / "index.html"
    violations, attributes, _ = _check(tab, file.as_uri() + (f"#{fragment}" if fragment else ""))
    assert violations == [] and attributes == [], violations + attributes


def test_search_works_offline_under_the_policy(browser, offline_site):
    from conftest import type_in_search

    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    try:
        page.goto((offline_site / "index.html").as_uri())
        type_in_search(page, "calves")
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()


def test_the_listener_would_see_a_violation(browser, base_url):
    """The checks above can fail: an inline handler planted in the page is reported and refused."""
    context = browser.new_context(base_url=base_url)
    context.add_init_script(LISTEN)
    page = context.new_page()
    try:
        page.goto("/")
        page.evaluate("""() => { const b = document.createElement("div");
          b.innerHTML = '<img src="x" onerror="window.__ran = true">'; document.body.append(b); }""")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__violations").__len__() > 0
        assert page.evaluate("window.__ran === true") is False
    finally:
        context.close()
