// Load the search index only when the reader reaches for search. The index holds the text of
// every page; fetched on every page view it was 60 KB of the 130 KB a technique page cost.
// Material asks for it at start-up with XMLHttpRequest, so the request is held back until the
// search box is opened, focused or its keyboard shortcut pressed; then it goes out as normal.
(() => {
  "use strict";
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const held = [];
  let wanted = false;

  function want() {
    if (wanted) return;
    wanted = true;
    for (const go of held.splice(0)) go();
  }

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.atlasSearchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.atlasSearchIndex || wanted) return send.apply(this, args);
    held.push(() => send.apply(this, args));
  };

  function inSearch(target) {
    return target?.closest?.(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", (e) => {
    if (inSearch(e.target)) want();
  });
  document.addEventListener("pointerdown", (e) => {
    if (inSearch(e.target)) want();
  });
  document.addEventListener("change", (e) => {
    if (e.target?.id === "__search") want();
  });
  // Material opens search with "f", "s" or "/"
  document.addEventListener("keydown", (e) => {
    if (/^[fs/]$/i.test(e.key)) want();
  });
})();
