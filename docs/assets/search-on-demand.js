// Load the search index and worker only when the reader reaches for search. The index holds the
// text of every page; fetched on every page view it was 60 KB of the 130 KB a technique page cost.
// Material asks for it at start-up with XMLHttpRequest and starts its search worker then too, so
// both are held back until the search box is opened, focused or its keyboard shortcut pressed; then
// they go out as normal. Runs before Material's bundle (hooks/atlas/bundles/: the header's scripts).
(() => {
  "use strict";
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const RealWorker = window.Worker; // on file:// the iframe-worker shim's stand-in, which runs first
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

  // Material's search worker until search is wanted: it keeps the messages posted to it, then starts
  // the worker and passes messages both ways. Material only posts to it and listens for "message".
  class HeldWorker extends EventTarget {
    constructor(...args) {
      super();
      this.waiting = [];
      const start = () => {
        this.worker = new RealWorker(...args);
        this.worker.addEventListener("message", (e) => this.relay(new MessageEvent("message", { data: e.data })));
        this.worker.addEventListener("error", (e) => this.relay(new ErrorEvent("error", e)));
        for (const message of this.waiting.splice(0)) this.worker.postMessage(message);
      };
      if (wanted) start();
      else held.push(start);
    }
    relay(event) {
      this.dispatchEvent(event);
      this[`on${event.type}`]?.(event);
    }
    postMessage(message) {
      if (this.worker) this.worker.postMessage(message);
      else this.waiting.push(message);
    }
    terminate() {
      this.worker?.terminate();
    }
  }
  if (RealWorker) {
    window.Worker = new Proxy(RealWorker, {
      construct(target, args) {
        return /\/workers\/search\.[^/]*\.js(\?|$)/.test(String(args[0]))
          ? new HeldWorker(...args)
          : new target(...args);
      },
    });
  }

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
