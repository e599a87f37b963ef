/* SMR Atlas: writes the service worker of an installable build with Workbox's generateSW (workbox-build),
 * rather than a hand-written cache: Workbox revisions every precached file by its content, cleans out old
 * caches and copies its own runtime into the site, so nothing is loaded from another host.
 *
 * Called by hooks/atlas/installable.py, which decides what is precached and names the caches; this file
 * only says how each kind of request is answered. Input on stdin, one JSON object:
 *   {site, precache: [paths in the site], pagesCache, assetsCache, fallback: path of the offline page}
 * Output on stdout, one JSON object: {count, size, warnings}.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateSW } from "workbox-build";

const input = JSON.parse(readFileSync(0, "utf8"));

const { count, size, warnings } = await generateSW({
  swDest: join(input.site, "sw.js"),
  globDirectory: input.site,
  globPatterns: input.precache,
  // Pages are asked for as folders (routines/sheet/), stored as their index.html.
  directoryIndex: "index.html",
  inlineWorkboxRuntime: false, // Workbox's runtime as a file beside sw.js, from this site only
  sourcemap: false,
  mode: "production",
  // A new version installs in the background and takes over on the next visit, once every open tab of
  // the site is closed: an open routine sheet never changes under the client's hands.
  skipWaiting: false,
  clientsClaim: true, // the first visit's page is served by the worker at once, so what it opens next is kept
  cleanupOutdatedCaches: true,
  maximumFileSizeToCacheInBytes: 512 * 1024,
  runtimeCaching: [
    {
      // Every page: the newest from the network, the kept copy when there is none or it is too slow (a
      // gym basement); a page never opened online gets the offline page.
      urlPattern: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: "NetworkFirst",
      options: {
        cacheName: input.pagesCache,
        networkTimeoutSeconds: 4,
        expiration: { maxEntries: 120 },
        precacheFallback: { fallbackURL: input.fallback },
      },
    },
    {
      // Pictures, styles and scripts the precache does not hold: the kept copy at once, refreshed behind.
      urlPattern: ({ request, sameOrigin }) =>
        sameOrigin && ["image", "style", "script", "font"].includes(request.destination),
      handler: "StaleWhileRevalidate",
      options: { cacheName: input.assetsCache, expiration: { maxEntries: 200 } },
    },
  ],
});

process.stdout.write(JSON.stringify({ count, size, warnings }));
