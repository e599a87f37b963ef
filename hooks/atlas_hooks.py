"""The MkDocs entry point of SMR Atlas: it only dispatches. The work is in the ``atlas`` package beside
this file (see "Changing the code" in CONTRIBUTING.md for which module does what).

mkdocs-static-i18n runs one whole build pass per language (English at the root, then Spanish under es/),
so every event below runs once per pass, in the pass's language (atlas/language_pass.py).

Every event this site handles, in the order MkDocs calls them, with its priority and why:

on_startup           remember whether this is `mkdocs serve` (a data error then keeps the last good pages)
on_config      100   check references.bib before mkdocs-bibtex parses it (its own errors are tracebacks),
                     and in the offline copy ship the search shim before Material's offline plugin adds
                     unpkg.com's; take extra_css for the bundles and put the favicon into every page
on_files      -110   load and check data/ in the pass's language (the first pass checks every language's data
                     and safety pages: a stale translation stops the build before any page is made), make
                     every generated page (atlas.site.Build) and add it as a file of that language; after
                     mkdocs-static-i18n (-100), which sorts the hand-written pages by language but cannot
                     take generated ones; then the redirects plugin is told the full list of pages, as it
                     reads them in its own on_files
on_page_markdown 50  finish a hand-written page (markers, citations, review line, glossary help); before
                     mkdocs-bibtex, so an unknown [@key] gets our message instead of its warning
on_page_content      glossary help on the first use of each term in the page's HTML (atlas/glossary.py);
                     after the Markdown extensions, before search indexes the page (on_page_context)
on_env               every page's Markdown is HTML and none is rendered yet: make the script bundles, name
                     the stylesheet bundles (atlas/bundles/) and give the templates `atlas_bundles`; no
                     plugin here uses this event, so the default order
on_page_context      the page's JSON-LD and link-preview image for <head> (hooks/theme/main.html), from
                     the build's record of the page (no plugin here uses this event; default order)
on_template_context  the body of the error pages (hooks/theme/404.html, page not found; 503.html, offline),
                     made from the data like any page (atlas/pages/error_pages.py); only MkDocs' static
                     templates pass through here
on_post_template     the sitemap and the server's pages (404, offline) are one for the whole site: left empty in
                     a pass that must not write them (atlas/sitemap.py writes the sitemap after the last)
on_post_build        purge and write the stylesheet bundles against the built pages; write the page list the
                     PDF exporter reads (site/downloads/pages.json, with each language's book stylesheets),
                     each technique's still as its own file (assets/figures/, for the client's sheet), the
                     open data (site/data/) and, in builds that make downloads, the link-preview images and
                     the installable app (manifest, icons, service worker: atlas/installable.py); no plugin
                     here reads them, so the default order
Only figure solutions are kept between builds (atlas/figure/solved.py): `mkdocs serve` reloads data on every change.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from atlas.bibliography import format_all_citations, format_references, load_references, sanitise_registry
from atlas.bundles import Bundles, inline_favicon
from atlas.glossary import mark_terms
from atlas.i18n import DEFAULT, speaking
from atlas.installable import InstallableError, write_installable
from atlas.language_pass import page_file, pass_language, pass_languages, source_of
from atlas.links import alias_redirects, localized_redirects, merge_redirects
from atlas.mdext import set_up_markdown
from atlas.open_data import Publication
from atlas.page import Settings
from atlas.page_translations import check_safety_pages
from atlas.pages.error_pages import error_page_content
from atlas.pages.reference import PAGE_LIST
from atlas.pictures import figure_files
from atlas.preview import Preview
from atlas.preview_image import RendererMissing
from atlas.preview_image import plan as preview_plan
from atlas.preview_image import render_all as render_previews
from atlas.records import load_atlas
from atlas.script_strings import strings_block
from atlas.site import Build
from atlas.sitemap import write_sitemap
from atlas.structured_data import page_json_ld, script_element
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
ROOT = Path(__file__).resolve().parent.parent
# iframe-worker 1.0.4 (MIT, docs/assets/vendor/iframe-worker/): lets Material's search worker run from file://
OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
ERROR_PAGES = ("404.html", "503.html")
NOT_IN_NAV = {"technique", "region", "equipment", "routine", "tool"}

_preview = Preview(log)  # kept across `mkdocs serve` rebuilds
_build: dict[str, Build] = {}  # this pass's pages; reset in on_config so `mkdocs serve` never shows stale data
_passes: dict[str, Build] = {}  # every language's Build of this build, for what spans them (sitemap, downloads)
_passes_state: dict = {}  # what the first pass found before changing it (mkdocs.yml's own redirects)


def on_startup(command: str, dirty: bool) -> None:
    _preview.serving = command == "serve"


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if pass_language(config) == DEFAULT:  # the first pass of a build (each language's pass runs on_config)
        _passes.clear()
        _passes_state.clear()
    _build.clear()
    _preview.reset()
    _preview.check(lambda: load_references(ROOT / "references.bib", ROOT), fatal=True)
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: site_url is not set — share links, QR codes and canonical URLs need the "
            "site's public address, e.g. site_url: https://smr-atlas.github.io/"
        )
    set_up_markdown(config, pass_language(config))  # data text only as tokens; footnotes in the pass's words
    # Each language's pass runs on_config on the same config, whose extra_css and extra_javascript the
    # first pass emptied.
    stylesheets = _passes_state.setdefault("stylesheets", list(config.extra_css))
    scripts = _passes_state.setdefault("scripts", [str(s) for s in config.extra_javascript])
    _build["bundles"] = Bundles(ROOT)
    _build["bundles"].configure(config, stylesheets, scripts)
    inline_favicon(config)
    if _offline(config):
        polyfills = list(config.extra.get("polyfills") or [])
        if not any("iframe-worker" in script for script in polyfills):
            polyfills.append(OFFLINE_SHIM)
        config.extra["polyfills"] = polyfills
    return config


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    today, language = date.today(), pass_language(config)
    for other in pass_languages(config)[1:] if language == DEFAULT else ():
        _preview.load(lambda other=other: load_atlas(ROOT, today, other), other)
        _preview.check(lambda other=other: check_safety_pages(other))
    atlas = _preview.load(lambda: load_atlas(ROOT, today, language), language)
    for line in atlas.translation.report() if atlas.translation else ():
        log.info("%s", line)
    bibtex = config.plugins["bibtex"]
    sanitise_registry(bibtex.registry)
    settings = Settings(
        today=today,
        site_url=config.site_url,
        downloads=_downloads_on(config.extra.get("downloads")),
        offline=_offline(config),
        directory_urls=config.use_directory_urls,
        language=language,
    )
    build = _build["build"] = _passes[language] = Build(
        atlas, settings, format_references(bibtex.registry, atlas.references)
    )
    _build["open_data"] = (
        _preview.check(lambda: Publication(atlas, config.site_url, ROOT)) if language == DEFAULT else None
    )
    # Link previews only where they are drawn (builds that make downloads), and never in the offline copy:
    # a page must not point at an image this build did not make.
    with speaking(language):
        plan = (
            preview_plan(atlas, config.site_url, settings.prefix) if settings.downloads and not settings.offline else {}
        )
    _build["previews"] = plan
    for file in files.documentation_pages():
        file.edit_uri = f"docs/{file.src_uri}"  # edit_uri is the repository root, not docs/
    _redirect_aliases(config, atlas, language)
    for page in build.pages:
        if files.get_file_from_path(page.src_uri):  # only hand-written pages are in the list yet
            raise PluginError(f"docs/{page.src_uri} clashes with a generated page; remove or rename it")
        # Pages linked from index pages, not from the nav (a nav of 1,000 techniques would weigh down
        # every page): saying so keeps MkDocs from listing each one as "not included in the nav".
        inclusion = InclusionLevel.NOT_IN_NAV if page.kind in NOT_IN_NAV else InclusionLevel.UNDEFINED
        file = page_file(config, page.src_uri, page.markdown, language, inclusion)
        file.edit_uri = page.source  # the data file it came from; index pages have none
        files.append(file)
    redirects = config.plugins.get("redirects")
    if redirects is not None:
        redirects.on_files(files, config=config)  # it keeps its own list of the pages, made in its on_files
    format_all_citations(bibtex.registry, [f.content_string for f in files.documentation_pages()], atlas.references)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    file = page.file
    if file.generated_by is None:
        # In another language's pass, a page not yet translated is the English file (the plugin's fallback).
        src, language = source_of(file), getattr(file, "locale", DEFAULT)
        markdown = _preview.check(
            lambda: _build["build"].finish_hand_written(
                markdown, src_uri=src, raw=file.content_string, language=language
            ),
            default=markdown,
        )
    return _preview.notice() + markdown


def on_env(env, config: MkDocsConfig, files: Files):
    build, bundles = _build["build"], _build["bundles"]
    made = {page.src_uri: page.kind for page in build.pages}  # by the English source, as every pass names it
    kinds = {file.src_uri: made[source_of(file)] for file in files.documentation_pages() if source_of(file) in made}
    bundles.prepare(config, files, kinds, book=build.settings.downloads and not build.settings.offline)
    env.globals["atlas_bundles"] = bundles  # hooks/theme/main.html and partials/javascripts/
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_terms(html, _build["build"].atlas)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    build = _build["build"]
    file = page.file
    record = _preview.check(lambda: build.record(source_of(file), raw=file.content_string, title=page.title or ""))
    if record is None:  # while serving, a page whose front matter is broken (its notice says so)
        return context
    build.seen(record)
    preview = _build["previews"].get(record.src_uri)
    image = vars(preview) if preview else None
    context["atlas_preview"] = image
    context["atlas_json_ld"] = script_element(page_json_ld(record, build, image))
    scripts = [
        *(page.meta.get("scripts") or []),
        *(s.removeprefix("assets/") for s in _build["bundles"].scripts),
    ]
    context["atlas_strings"] = strings_block(scripts, build.settings.language)
    context["atlas_alternates"] = build.alternates(record.src_uri, pass_languages(config))
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    build = _build["build"]
    context["atlas_error_page"] = error_page_content(template_name, build.atlas, build.settings)
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # The server's pages (404, offline) and the sitemap are one for the whole site: written by the first
    # pass (the error pages) or after the last (the sitemap, atlas/sitemap.py), never once per language.
    if template_name == "sitemap.xml" or (template_name in ERROR_PAGES and pass_language(config) != DEFAULT):
        return ""
    return output


def on_post_build(config: MkDocsConfig) -> None:
    build, bundles, site = _build["build"], _build["bundles"], Path(config.site_dir)
    bundles.write_styles(site)
    # The book of each language is printed with that pass's stylesheets (atlas/export/book.py).
    _passes_state.setdefault("book_stylesheets", {})[build.settings.language] = bundles.book()
    manifest = {
        "languages": list(_passes),
        "handouts": [entry for b in _passes.values() for entry in b.manifest()["handouts"]],
        "stylesheets": _passes_state.setdefault("book_stylesheets", {}),
    }
    files = {PAGE_LIST: json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", **figure_files(build.atlas)}
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if _build["open_data"] is not None:
        _build["open_data"].write(site)
    if _build["previews"]:
        started = time.perf_counter()
        try:
            with speaking(build.settings.language):
                render_previews(_build["previews"], build.atlas, ROOT, site)
        except RendererMissing as e:
            raise PluginError(str(e)) from None
        log.info("link previews: %d images in %.1f s", len(_build["previews"]), time.perf_counter() - started)
    if build.settings.language == pass_languages(config)[-1]:  # after the last language's pass
        write_sitemap(site, {lang: b.addresses() for lang, b in _passes.items()})
        if build.settings.installable:
            _write_installable(config, build)


def _write_installable(config: MkDocsConfig, build: Build) -> None:
    started = time.perf_counter()
    try:
        sw = write_installable(Path(config.site_dir), config.site_url, build.atlas, pass_languages(config))
    except InstallableError as e:
        raise PluginError(str(e)) from None
    seconds = time.perf_counter() - started
    log.info("service worker: %d files, %.0f KB precached, in %.1f s", sw["count"], sw["size"] / 1024, seconds)


def _redirect_aliases(config: MkDocsConfig, atlas, language: str) -> None:
    """Each technique alias becomes a redirect page at the old id, in every language (mkdocs-redirects
    reads redirect_maps in its on_files), so links sent before a rename still land on the technique."""
    aliases = alias_redirects(atlas)
    plugin = config.plugins.get("redirects")
    if plugin is None:
        if aliases:
            raise PluginError("technique aliases need the redirects plugin: add '- redirects' to plugins in mkdocs.yml")
        return
    configured = _passes_state.setdefault("redirects", dict(plugin.config.get("redirect_maps") or {}))
    redirects = _preview.check(lambda: merge_redirects(configured, aliases), fatal=True)
    plugin.config["redirect_maps"] = localized_redirects(redirects, language)


def _offline(config: MkDocsConfig) -> bool:
    """Is this the offline copy (Material's offline plugin on, ATLAS_OFFLINE=true)?"""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(plugin.config.enabled)


def _downloads_on(value) -> bool:
    """``extra.downloads`` from mkdocs.yml (``!ENV [ATLAS_DOWNLOADS, false]``): a bool or the variable's text."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}
