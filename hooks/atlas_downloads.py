"""MkDocs entry point for the downloads: the book, the handouts and the offline copy. Thin; the work
is in atlas/downloads.py (links, the Downloads page) and atlas/export_pdf.py (the files themselves).

on_config — in the offline build, ship the search shim with the site instead of loading it from a CDN.
on_files  — add the generated Downloads page.
on_page_markdown — "Download handout (PDF)" under each technique and routine title; {download:…} links.
Links are made only when `extra.downloads` is on (`make build` sets ATLAS_DOWNLOADS=true and then
makes the files); `mkdocs serve` and plain builds make no PDFs, so they link to none.
"""

from __future__ import annotations

from atlas.downloads import DOWNLOADS_PAGE, add_handout_link, downloads_on, downloads_page, replace_markers
from atlas.errors import DataError
from atlas.page_extras import line_offset
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

# iframe-worker 1.0.4 (MIT, docs/assets/vendor/iframe-worker/): lets Material's search worker run from file://
OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"


def _offline(config) -> bool:
    """Is this the offline copy (Material's offline plugin on, ATLAS_OFFLINE=true)?"""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(plugin.config.enabled)


@event_priority(10)  # before Material's offline plugin (priority 0): it adds unpkg.com's shim unless one is listed
def on_config(config):
    if _offline(config):
        polyfills = list(config.extra.get("polyfills") or [])
        if not any("iframe-worker" in script for script in polyfills):
            polyfills.append(OFFLINE_SHIM)
        config.extra["polyfills"] = polyfills
    return config


@event_priority(40)  # after atlas_site's on_files (50), which adds the technique and routine pages listed here
def on_files(files, config):
    if files.get_file_from_path(DOWNLOADS_PAGE):
        raise PluginError(f"docs/{DOWNLOADS_PAGE} clashes with the generated Downloads page; remove or rename it")
    pages = []
    for file in files.documentation_pages():
        if file.generated_by is not None and file.src_uri.endswith(".md"):
            _, meta = get_data(file.content_string)
            pages.append((file.src_uri, str(meta.get("title", file.src_uri)), str(meta.get("reviewed", ""))))
    markdown = downloads_page(
        pages, on=downloads_on(config.extra.get("downloads")), offline=_offline(config), site_url=config.site_url or ""
    )
    files.append(File.generated(config, DOWNLOADS_PAGE, content=markdown))
    return files


def on_page_markdown(markdown, page, config, files):
    on = downloads_on(config.extra.get("downloads"))
    file = page.file
    name = f"docs/{file.src_uri}" if file.generated_by is None else file.src_uri
    try:
        markdown = replace_markers(markdown, page_url=page.url, file=name, line_offset=line_offset(file), on=on)
    except DataError as e:
        raise PluginError(f"SMR Atlas data problem:\n{e}") from None
    return add_handout_link(markdown, file.src_uri, page.url) if on else markdown
