"""MkDocs entry point: thin hooks that hand the work to the ``atlas`` package beside this file.

on_config  — check references.bib before mkdocs-bibtex parses it (its errors are tracebacks).
on_files   — load and validate data/, add the generated pages as virtual files, and hand technique
             aliases (old ids) to mkdocs-redirects.
on_page_markdown — check citations, add claim badges, "last reviewed" and glossary hover help.
Nothing is cached between builds: `mkdocs serve` reloads data on every change.
"""

from __future__ import annotations

from pathlib import Path

from atlas.bibliography import load_references
from atlas.errors import DataError
from atlas.links import alias_redirects, merge_redirects
from atlas.page_extras import decorate, line_offset, preview_notice
from atlas.records import load_atlas
from atlas.render import site_pages
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

log = get_plugin_logger(__name__)
ROOT = Path(__file__).resolve().parent.parent
_build: dict = {}  # this build's Atlas; reset in on_config so `mkdocs serve` never shows stale data


_preview: dict = {"serving": False, "last_good": None}  # kept across `mkdocs serve` rebuilds


def on_startup(command, dirty):
    _preview["serving"] = command == "serve"


def _fail(error: DataError):
    # PluginError stops the build with just this message; no traceback reaches the author.
    raise PluginError(f"SMR Atlas data problem:\n{error}")


def _problem(error: DataError) -> None:
    """In `mkdocs serve` with a good build behind it, report and carry on with a notice on every
    page (the preview keeps the last good data); anywhere else, stop the build."""
    if not (_preview["serving"] and _preview["last_good"]):
        _fail(error)
    log.error("SMR Atlas data problem (the preview shows the last good data):\n%s", error)
    _build.setdefault("notice", []).extend(str(error).splitlines())


@event_priority(100)  # before mkdocs-bibtex's on_config, which parses references.bib without clear errors
def on_config(config):
    _build.clear()
    try:
        load_references(ROOT / "references.bib", ROOT)
    except DataError as e:
        _fail(e)
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: site_url is not set — share links, QR codes and canonical URLs need the "
            "site's public address, e.g. site_url: https://smr-atlas.github.io/"
        )
    return config


@event_priority(50)  # before search, bibtex and redirects, so they all see the generated pages
def on_files(files, config):
    try:
        atlas = _preview["last_good"] = load_atlas(ROOT)
    except DataError as e:
        _problem(e)
        atlas = _preview["last_good"]
    formatted = _formatted_references(config, atlas.references)
    for file in files.documentation_pages():
        file.edit_uri = f"docs/{file.src_uri}"  # edit_uri is the repository root, not docs/
    _redirect_aliases(config, atlas)
    for page in site_pages(atlas, formatted, config.site_url):
        if files.get_file_from_path(page.src_uri):
            raise PluginError(f"docs/{page.src_uri} clashes with a generated page; remove or rename it")
        file = File.generated(config, page.src_uri, content=page.markdown)
        file.edit_uri = page.source  # the data file it came from; index pages have none
        files.append(file)
    _build["atlas"] = atlas
    _format_all_citations_at_once(config, files, atlas.references)
    log.debug("generated %d pages from data/", len(atlas.techniques))
    return files


@event_priority(50)  # before mkdocs-bibtex, so unknown [@key]s get our message instead of a warning
def on_page_markdown(markdown, page, config, files):
    file = page.file
    name = f"docs/{file.src_uri}" if file.generated_by is None else (file.edit_uri or file.src_uri)
    try:
        markdown = decorate(
            markdown,
            src_uri=file.src_uri,
            file=name,
            line_offset=line_offset(file),
            meta=page.meta,
            atlas=_build["atlas"],
        )
    except DataError as e:
        _problem(e)
    if _build.get("notice"):
        markdown = preview_notice(_build["notice"]) + markdown
    return markdown


def _redirect_aliases(config, atlas) -> None:
    """Each technique alias becomes a redirect page at the old id (mkdocs-redirects reads redirect_maps in
    its own on_files, after this one), so links sent before a rename still land on the technique."""
    aliases = alias_redirects(atlas)
    plugin = config.plugins.get("redirects")
    if plugin is None:
        if aliases:
            raise PluginError("technique aliases need the redirects plugin: add '- redirects' to plugins in mkdocs.yml")
        return
    try:
        plugin.config["redirect_maps"] = merge_redirects(plugin.config.get("redirect_maps") or {}, aliases)
    except DataError as e:
        _fail(e)


def _formatted_references(config, references) -> dict[str, str]:
    """Each reference formatted by mkdocs-bibtex's own registry (APA via pandoc), for the References page."""
    from mkdocs_bibtex.citation import Citation, CitationBlock

    registry = config.plugins["bibtex"].registry
    registry.validate_citation_blocks([CitationBlock([Citation(key)]) for key in references])
    return {key: registry.reference_text(Citation(key)) for key in references}


def _format_all_citations_at_once(config, files, references) -> None:
    """mkdocs-bibtex starts pandoc once per page with new citations (~0.15 s each); handing it every
    citation of the site in one batch first makes that one pandoc run for the whole build."""
    from mkdocs_bibtex.citation import CitationBlock

    blocks = {}
    for file in files.documentation_pages():
        for block in CitationBlock.from_markdown(file.content_string):
            if all(c.key in references for c in block.citations):  # unknown keys get our own error later
                blocks[str(block)] = block
    config.plugins["bibtex"].registry.validate_citation_blocks(list(blocks.values()))
