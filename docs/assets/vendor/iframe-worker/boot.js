// iframe-worker 1.0.4 (MIT, ./LICENSE): what shim.js wrote inline into its frame, as a file (see shim.js).
// Runs in the hidden frame that stands in for a Web Worker from file://: the worker's postMessage and
// importScripts, and its errors reported to the page.
(() => {
  const worker = document.currentScript.dataset.worker;
  window.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  window.importScripts = (...urls) =>
    urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = resolve;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
