// Load the search index only when the reader reaches for search. The index holds the text of
// every page; fetched on every page view it was 60 KB of the 130 KB a technique page cost.
// Material asks for it at start-up with XMLHttpRequest, so the request is held back until the
// search box is opened, focused or its keyboard shortcut pressed; then it goes out as normal.
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (go) {
      go();
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.atlasSearchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this,
      args = arguments;
    if (!xhr.atlasSearchIndex || wanted) return send.apply(xhr, args);
    held.push(function () {
      send.apply(xhr, args);
    });
  };

  function inSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  document.addEventListener("focusin", function (e) {
    if (inSearch(e.target)) want();
  });
  document.addEventListener("pointerdown", function (e) {
    if (inSearch(e.target)) want();
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search") want();
  });
  // Material opens search with "f", "s" or "/"
  document.addEventListener("keydown", function (e) {
    if (/^[fs/]$/i.test(e.key)) want();
  });
})();
