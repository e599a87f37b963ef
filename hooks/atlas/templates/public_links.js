// Run in a page before it is printed to PDF (atlas/export/handouts.py): every link points at the public
// site, resolved against the page's canonical URL, because the page was loaded from a local server that
// is gone when anyone reads the PDF. Links that already leave the site are left as they are.
(() => {
  const canonical = document.querySelector("link[rel=canonical]");
  if (!canonical) throw new Error("the page has no canonical URL to resolve its links against");
  for (const link of document.querySelectorAll("a[href]")) {
    link.href = new URL(link.getAttribute("href"), canonical.href).href;
  }
})();
