"""The site as files to keep: the book, a handout per technique and routine, and the offline copy.

Run after a build with downloads on (what `make build` does):

    ATLAS_DOWNLOADS=true mkdocs build --strict --site-dir site
    PYTHONPATH=hooks python -m atlas.export site

It writes into site/downloads/: smr-atlas.pdf (the book, book.py), techniques/<id>.pdf and
routines/<id>.pdf (handouts.py, from the page list the build wrote to downloads/pages.json) and
smr-atlas-offline.zip (offline.py). The engine is headless Chromium (Debian's package, the one the
browser tests use), driven by Playwright (browser.py): it renders Material as a browser does, runs the
pages' JavaScript and prints with docs/assets/print.css, so a handout is exactly what "Print" in a
browser gives. Links in every PDF point at the public site (site_url), never at the local server.
"""
