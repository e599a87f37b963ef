"""One build pass per language, as mkdocs-static-i18n runs them: the default language first, at the site's
root, then each other language under its prefix (es/), each a whole MkDocs build with every event.

The plugin sorts the hand-written pages (docs/x.md, docs/x.es.md) into each pass but cannot take the
pages this site generates (they have no file in docs/), so the hooks add those after it has run, as
files of the pass's language: ``techniques/x.es.md`` in the Spanish pass, served at es/techniques/x/,
with the same attributes the plugin gives its own files (locale, alternates), which Material's
language selector and the plugin's other events read.
"""

from __future__ import annotations

import posixpath
from types import SimpleNamespace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from .i18n import DEFAULT, LANGUAGES, prefix
from .urls import page_url

PLUGIN = "i18n"  # mkdocs-static-i18n, as named in mkdocs.yml


def pass_language(config: MkDocsConfig) -> str:
    """The language this build pass writes (the default when the plugin is off)."""
    plugin = config.plugins.get(PLUGIN)
    return getattr(plugin, "current_language", None) or DEFAULT if plugin else DEFAULT


def pass_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages this build makes, in the order of their passes."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return (DEFAULT,)
    return tuple(lang for lang in LANGUAGES if lang in plugin.build_languages)


def source_of(file: File) -> str:
    """A page's source path without its language: docs/learn/fascia.es.md → learn/fascia.md."""
    return getattr(file, "norm_src_uri", None) or file.src_uri


def page_file(config: MkDocsConfig, src_uri: str, markdown: str, language: str, inclusion: InclusionLevel) -> File:
    """A generated page as a file of this pass: techniques/x.md, or techniques/x.es.md at es/techniques/x/."""
    localized = src_uri if language == DEFAULT else f"{posixpath.splitext(src_uri)[0]}.{language}.md"
    file = File.generated(config, localized, content=markdown, inclusion=inclusion)
    if language != DEFAULT:
        dest = page_url(src_uri, directory_urls=config.use_directory_urls, prefix=prefix(language))
        file.dest_uri = dest + "index.html" if dest.endswith("/") or not dest else dest
        file.url = dest
    file.locale = language
    file.localization = None if language == DEFAULT else language
    file.locale_alternate_of = language
    file.norm_src_uri = src_uri
    file.alternates = {
        lang: SimpleNamespace(url=page_url(src_uri, directory_urls=config.use_directory_urls, prefix=prefix(lang)))
        for lang in pass_languages(config)
    }
    return file
