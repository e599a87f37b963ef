"""The MkDocs entry point of SMR Atlas: it only dispatches. The work is in the ``atlas`` package beside
this file (see "Changing the code" in CONTRIBUTING.md for which module does what).

Every event this site handles, in the order MkDocs calls them, with its priority and why:

on_startup           remember whether this is `mkdocs serve` (a data error then keeps the last good pages)
on_config      100   check references.bib before mkdocs-bibtex parses it (its own errors are tracebacks),
                     and in the offline copy ship the search shim before Material's offline plugin adds
                     unpkg.com's; take extra_css for the bundles and put the favicon into every page
on_files        50   load and check data/, make every generated page (atlas.site.Build) and add it as a
                     virtual file; before search, bibtex and redirects, so they all see the pages
on_page_markdown 50  finish a hand-written page (markers, citations, review line, glossary help); before
                     mkdocs-bibtex, so an unknown [@key] gets our message instead of its warning
on_env               every page's Markdown is HTML and none is rendered yet: make the script bundles, name
                     the stylesheet bundles (atlas/bundles/) and give the templates `atlas_bundles`; no
                     plugin here uses this event, so the default order
on_page_context      the page's JSON-LD and link-preview image for <head> (hooks/theme/main.html), from
                     the build's record of the page (no plugin here uses this event; default order)
on_post_build        purge and write the stylesheet bundles against the built pages; write the page list
                     the PDF exporter reads (site/downloads/pages.json, with the book's stylesheets), the
                     open data (site/data/) and, in builds that make downloads, the link-preview images;
                     no plugin here reads them, so the default order
Nothing is cached between builds: `mkdocs serve` reloads data on every change.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from atlas.bibliography import format_all_citations, format_references, load_references, sanitise_registry
from atlas.bundles import Bundles, inline_favicon
from atlas.links import alias_redirects, merge_redirects
from atlas.mdext import AtlasTextExtension
from atlas.open_data import Publication
from atlas.page import Settings
from atlas.preview import Preview
from atlas.preview_image import RendererMissing
from atlas.preview_image import plan as preview_plan
from atlas.preview_image import render_all as render_previews
from atlas.records import load_atlas
from atlas.site import Build
from atlas.structured_data import page_json_ld, script_element
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
ROOT = Path(__file__).resolve().parent.parent
# iframe-worker 1.0.4 (MIT, docs/assets/vendor/iframe-worker/): lets Material's search worker run from file://
OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
MANIFEST = "downloads/pages.json"
NOT_IN_NAV = {"technique", "region", "equipment", "routine", "tool"}

_preview = Preview(log)  # kept across `mkdocs serve` rebuilds
_build: dict[str, Build] = {}  # this build's pages; reset in on_config so `mkdocs serve` never shows stale data


def on_startup(command: str, dirty: bool) -> None:
    _preview.serving = command == "serve"


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _build.clear()
    _preview.reset()
    _preview.check(lambda: load_references(ROOT / "references.bib", ROOT), fatal=True)
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: site_url is not set — share links, QR codes and canonical URLs need the "
            "site's public address, e.g. site_url: https://smr-atlas.github.io/"
        )
    config.markdown_extensions.append(AtlasTextExtension())  # data text reaches pages only as tokens
    _build["bundles"] = Bundles(ROOT)
    _build["bundles"].configure(config)
    inline_favicon(config)
    if _offline(config):
        polyfills = list(config.extra.get("polyfills") or [])
        if not any("iframe-worker" in script for script in polyfills):
            polyfills.append(OFFLINE_SHIM)
        config.extra["polyfills"] = polyfills
    return config


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    today = date.today()
    atlas = _preview.load(lambda: load_atlas(ROOT, today))
    bibtex = config.plugins["bibtex"]
    sanitise_registry(bibtex.registry)
    settings = Settings(
        today=today,
        site_url=config.site_url,
        downloads=_downloads_on(config.extra.get("downloads")),
        offline=_offline(config),
        directory_urls=config.use_directory_urls,
    )
    build = _build["build"] = Build(atlas, settings, format_references(bibtex.registry, atlas.references))
    _build["open_data"] = _preview.check(lambda: Publication(atlas, config.site_url, ROOT))
    # Link previews only where they are drawn (builds that make downloads), and never in the offline copy:
    # a page must not point at an image this build did not make.
    _build["previews"] = preview_plan(atlas, config.site_url) if settings.downloads and not settings.offline else {}
    for file in files.documentation_pages():
        file.edit_uri = f"docs/{file.src_uri}"  # edit_uri is the repository root, not docs/
    _redirect_aliases(config, atlas)
    for page in build.pages:
        if files.get_file_from_path(page.src_uri):
            raise PluginError(f"docs/{page.src_uri} clashes with a generated page; remove or rename it")
        # Pages linked from index pages, not from the nav (a nav of 1,000 techniques would weigh down
        # every page): saying so keeps MkDocs from listing each one as "not included in the nav".
        inclusion = InclusionLevel.NOT_IN_NAV if page.kind in NOT_IN_NAV else InclusionLevel.UNDEFINED
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        file.edit_uri = page.source  # the data file it came from; index pages have none
        files.append(file)
    format_all_citations(bibtex.registry, [f.content_string for f in files.documentation_pages()], atlas.references)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    file = page.file
    if file.generated_by is None:
        markdown = _preview.check(
            lambda: _build["build"].finish_hand_written(markdown, src_uri=file.src_uri, raw=file.content_string),
            default=markdown,
        )
    return _preview.notice() + markdown


def on_env(env, config: MkDocsConfig, files: Files):
    build, bundles = _build["build"], _build["bundles"]
    kinds = {page.src_uri: page.kind for page in build.pages}
    bundles.prepare(config, files, kinds, book=build.settings.downloads and not build.settings.offline)
    env.globals["atlas_bundles"] = bundles  # hooks/theme/main.html and partials/javascripts/
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    build = _build["build"]
    file = page.file
    record = _preview.check(lambda: build.record(file.src_uri, raw=file.content_string, title=page.title or ""))
    if record is None:  # while serving, a page whose front matter is broken (its notice says so)
        return context
    preview = _build["previews"].get(record.src_uri)
    image = vars(preview) if preview else None
    context["atlas_preview"] = image
    context["atlas_json_ld"] = script_element(page_json_ld(record, build, image))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    build, bundles = _build["build"], _build["bundles"]
    bundles.write_styles(config.site_dir)
    path = Path(config.site_dir) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    manifest = {**build.manifest(), "stylesheets": bundles.book()}
    path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if _build["open_data"] is not None:
        _build["open_data"].write(Path(config.site_dir))
    if _build["previews"]:
        started = time.perf_counter()
        try:
            render_previews(_build["previews"], build.atlas, ROOT, Path(config.site_dir))
        except RendererMissing as e:
            raise PluginError(str(e)) from None
        log.info("link previews: %d images in %.1f s", len(_build["previews"]), time.perf_counter() - started)


def _redirect_aliases(config: MkDocsConfig, atlas) -> None:
    """Each technique alias becomes a redirect page at the old id (mkdocs-redirects reads redirect_maps in
    its own on_files, after this one), so links sent before a rename still land on the technique."""
    aliases = alias_redirects(atlas)
    plugin = config.plugins.get("redirects")
    if plugin is None:
        if aliases:
            raise PluginError("technique aliases need the redirects plugin: add '- redirects' to plugins in mkdocs.yml")
        return
    redirects = _preview.check(lambda: merge_redirects(plugin.config.get("redirect_maps") or {}, aliases), fatal=True)
    plugin.config["redirect_maps"] = redirects


def _offline(config: MkDocsConfig) -> bool:
    """Is this the offline copy (Material's offline plugin on, ATLAS_OFFLINE=true)?"""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(plugin.config.enabled)


def _downloads_on(value) -> bool:
    """``extra.downloads`` from mkdocs.yml (``!ENV [ATLAS_DOWNLOADS, false]``): a bool or the variable's text."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}
