/* SMR Atlas: the few helpers the site's scripts share, as window.AtlasUI. A page lists this file
 * before the scripts that use it (hooks/atlas/pages/, `scripts`). Text only ever goes into the
 * page with textContent, never as HTML.
 *
 * Words: scripts write English inside t("…") (t("Step {n}", { n: 3 })), a whole sentence or phrase to a
 * message, with a string literal as its first argument (`make messages` reads only those). A count takes
 * two messages: n === 1 ? t("{n} step", { n }) : t("{n} steps", { n }). A page in another language
 * carries the translations its scripts need as JSON (#atlas-strings, written by the build from the
 * catalogue, hooks/atlas/i18n.py), and t() looks them up. English pages carry none.
 */
(() => {
  "use strict";

  const strings = (() => {
    const block = document.getElementById("atlas-strings");
    try {
      return new Map(Object.entries(block ? JSON.parse(block.textContent) : {}));
    } catch {
      return new Map(); // a broken block costs the translation, never the page
    }
  })();

  /* t("Step {n} of {total}", { n: 1, total: 3 }) → the words in the page's language, values filled in. */
  function t(message, values = {}) {
    const text = strings.get(message) || message;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
  }

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

  window.AtlasUI = { t, make, announce, clamp, removeNoScriptNotices, replaceAddress };
})();
