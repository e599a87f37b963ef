/* SMR Atlas: registers the service worker that keeps the client's routine sheet working offline
 * (hooks/atlas/installable.py writes it, beside the web app manifest, only in the published build).
 * The page works the same without it; file:// (the offline copy) has no service workers.
 */
(() => {
  "use strict";

  const manifest = document.querySelector('link[rel="manifest"]');
  if (!manifest || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const worker = new URL(manifest.dataset.serviceWorker, location.href); // at the site's root, for every language
  navigator.serviceWorker.register(worker, { scope: new URL("./", worker).pathname }).catch(() => {
    // Private windows and some browsers refuse; the sheet still works online.
  });
})();
