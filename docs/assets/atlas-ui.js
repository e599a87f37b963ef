/* SMR Atlas: the few helpers the site's scripts share, as window.AtlasUI. A page lists this file
 * before the scripts that use it (hooks/atlas/render.py, `scripts`). Text only ever goes into the
 * page with textContent, never as HTML.
 */
(() => {
  "use strict";

  /* make("a", { href: url }, "Calves"): an element with its attributes and, if given, its text. */
  function make(tag, attrs = {}, text = null) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text != null) node.textContent = text;
    return node;
  }

  /* Says text through a live region (role="status"). It is emptied first and filled a moment later,
     so that screen readers announce the same message twice in a row too. */
  function announce(region, text) {
    region.textContent = "";
    window.setTimeout(() => {
      region.textContent = text;
    }, 50);
  }

  /* plural(1, "step", "steps") → "1 step"; plural(3, "step", "steps") → "3 steps". */
  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function clamp(n, low, high) {
    return Math.min(high, Math.max(low, n));
  }

  /* A page that only works with JavaScript says so in [data-needs-script] notices; its script removes
     them once it runs. */
  function removeNoScriptNotices() {
    for (const note of document.querySelectorAll("[data-needs-script]")) note.remove();
  }

  /* Show ``fragment`` (without "#") in the address bar, with no new history entry and no query. From
     file:// (the offline copy) Chromium refuses history.replaceState, so there the fragment is replaced
     by a same-page navigation and the query stays. */
  function replaceAddress(fragment) {
    const hash = fragment ? `#${fragment}` : "";
    try {
      history.replaceState(null, "", `${location.pathname}${hash}`);
    } catch {
      if (location.hash !== (hash || "")) location.replace(hash || "#");
    }
  }

  window.AtlasUI = { make, announce, plural, clamp, removeNoScriptNotices, replaceAddress };
})();
