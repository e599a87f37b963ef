"""Long-cache names for the bundles: a short hash in every name, so a name never changes meaning.

A script bundle is named by a hash of its own code: scripts do not depend on the pages.

A stylesheet bundle is purged against the built pages (Build.write_styles, after the last page is
written), but each page names its stylesheets when it is made, before any is written; and a page is
whole when it is made (no build step edits HTML afterwards). So a stylesheet is named by a hash of
everything its purged code can depend on, taken before the pages are rendered:
- the stylesheets, scripts and words it is purged with, the purge settings (this package's code) and
  the versions of esbuild, PurgeCSS, MkDocs and Material;
- what the pages' HTML is made from: the theme's templates (Material's by its version, hooks/theme/ by
  content), the settings in mkdocs.yml that templates read, the nav (every page's address and title)
  and the script bundles' names;
- each page's own part: its HTML from Markdown (everything docs/ and data/ gave it, on the day of the
  build), its table of contents, front matter and neighbours.
More goes in than the purge strictly needs (an edit to a page's text renames the bundles of its type),
never less: a name that stayed while its code changed would leave readers with stale styles.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from mkdocs.structure.pages import Page

LENGTH = 10  # hex digits: 40 bits, a collision between two bundles is out of the question
CONFIG = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "use_directory_urls",
    "extra",
    "extra_javascript",
    "nav",
)


def short(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:LENGTH]


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _toc(items) -> list:
    return [[item.level, item.id, item.title, _toc(item.children)] for item in items]


def _url(page) -> str | None:
    return page.url if page is not None else None


def page_part(page: Page) -> str:
    """A hash of what the HTML of ``page`` is made from, beyond what all pages share."""
    digest = hashlib.sha256(page.content.encode("utf-8"))  # hashed as it is: JSON would first escape it all
    neighbours = [_url(page.previous_page), _url(page.next_page), [section.title for section in page.ancestors]]
    state = [page.url, page.title, _toc(page.toc), page.meta, page.edit_url, page.canonical_url, page.is_homepage]
    digest.update(_json([*state, neighbours]).encode("utf-8"))
    return digest.hexdigest()


def shared_part(config, pages: list[Page], inputs: list[Path], extra: dict) -> str:
    """What every page's HTML and every stylesheet bundle is made from: see the module's docstring."""
    digest = hashlib.sha256()
    for name, path in [*((p.name, p) for p in inputs), *_theme_files(config)]:  # the same wherever the project is
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    settings = {name: config.get(name) for name in CONFIG}
    settings["theme"] = {key: config.theme[key] for key in config.theme if key != "locale"}
    settings["plugins"] = sorted(config.plugins)
    extensions = config.markdown_extensions  # names, and this site's own extension object
    settings["markdown_extensions"] = [e if isinstance(e, str) else type(e).__name__ for e in extensions]
    versions = {name: version(name) for name in ("mkdocs", "mkdocs-material")}
    nav = [[page.url, page.title] for page in pages]
    digest.update(_json([settings, versions, nav, extra]).encode("utf-8"))
    return digest.hexdigest()


def _theme_files(config) -> list[tuple[str, Path]]:
    """The templates of the site's own theme folder (Material's own come in with its version)."""
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    files = sorted(p for p in custom.rglob("*") if p.is_file()) if custom else []
    return [(p.relative_to(custom).as_posix(), p) for p in files]


def style_name(shared: str, parts: list[str]) -> str:
    return short(shared + "\0" + "\0".join(sorted(parts)))
