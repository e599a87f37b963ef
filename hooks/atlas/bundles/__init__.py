"""The site's CSS and JavaScript, as a few minified bundles per page type with long-cache names.

Every page loads, besides its HTML and Material's own bundle (assets/javascripts/, named by Material):
- ``material.<hash>.css``: Material's main.css and palette.css, purged against every page: one file
  for the whole site, fetched once;
- ``<type>.<hash>.css``: the site's stylesheets (mkdocs.yml extra_css, in order, print.css included),
  purged against the pages of its type: a page's kind (technique, routine, index…), hand-written pages
  and the 404 page being topics;
- ``start.<hash>.js``, in the header: Material's scope script, search-on-demand.js and the light/dark switch;
- ``<type>.<hash>.js``, after the content: Material's content script, the site's scripts for every page
  (mkdocs.yml extra_javascript: glossary help), then the scripts the page names
  in its front matter (``scripts: [...]``, from the page makers in atlas/pages/), in their order. Pages
  naming the same scripts share one.
All go to assets/bundles/; the files they are made from are left out of the site. The scripts are made
before the pages render (``prepare``, on_env), the stylesheets once every page is written
(``write_styles``, on_post_build) under names fixed before (atlas/bundles/naming.py says how).
esbuild and PurgeCSS do the work (bundle.mjs, run with Node): well-kept tools, not a minifier and a
purger of our own.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import material, naming, node

FOLDER = "assets/bundles"  # two folders below the root: Material's scope script counts on it (scope.js)
# In the header, where Material's palette script stood: scripting.js (the page says its scripts run), then
# Material's scope script (the light/dark switch and Material's bundle read it), search-on-demand.js before
# Material's bundle asks for the search index, then the site's light/dark switch, after the inputs it reads.
START = (
    "assets/scripting.js",
    "assets/vendor/material/scope.js",
    "assets/search-on-demand.js",
    "assets/palette.js",
)
# Material's content script reads the content above it, as the page's own scripts do.
PAGE_FIRST = ("assets/vendor/material/content.js",)
TOPIC = "topic"  # the type of hand-written pages and of the 404 page
NOT_FOUND = "404.html"
CODE = (*Path(__file__).parent.glob("*.py"), node.SCRIPT)  # how bundles are made shapes them too


class Bundles:
    def __init__(self, root: Path):
        self.root = root
        self.stylesheets: list[str] = []  # mkdocs.yml extra_css, which Material must not link as well
        self.scripts: list[str] = []  # mkdocs.yml extra_javascript, likewise: in every page's script bundle
        self.start = ""  # the header's script bundle, in the site
        self.js: dict[tuple[str, ...], str] = {}  # the scripts a page names → its script bundle
        self.css: dict[str, str] = {}  # "material", a page type or "book" → its stylesheet bundle
        self._kinds: dict[str, str] = {}  # page src_uri → its type
        self._lists: dict[str, tuple[str, ...]] = {}  # page src_uri → the scripts it names
        self._jobs: dict[str, dict] = {}  # stylesheet bundle → what bundle.mjs purges it with
        self._words = ""  # what Material's JavaScript may add to any page (atlas/bundles/material.py)

    def configure(self, config, stylesheets: list[str], scripts: list[str]) -> None:
        """on_config: the site's stylesheets and scripts for every page (mkdocs.yml extra_css and
        extra_javascript, as the first pass read them) go into the bundles, so Material must not link them."""
        self.stylesheets, self.scripts = list(stylesheets), list(scripts)
        config.extra_css, config.extra_javascript = [], []

    def prepare(self, config, files: Files, kinds: dict[str, str], *, book: bool) -> None:
        """on_env, before any page renders: make the script bundles and name the stylesheet bundles.
        ``kinds``: each generated page's type by its src_uri; ``book``: name a stylesheet for the PDF
        book too, which holds every page."""
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self._kinds = {page.file.src_uri: kinds.get(page.file.src_uri, TOPIC) for page in pages}
        self._lists = {page.file.src_uri: _scripts_of(page) for page in pages}
        sources = _Sources(files, self.scripts)
        self._make_scripts(config, files, sources)
        self._plan_styles(config, files, pages, sources, book)
        for path in sources.taken:
            files.remove(files.get_file_from_path(path))
        for pattern in (*material.STYLESHEETS, material.SOURCE_MAPS):
            for file in [f for f in files if pattern.fullmatch(f.src_uri)]:
                files.remove(file)

    def _make_scripts(self, config, files: Files, sources: _Sources) -> None:
        lists, first = {(): TOPIC}, {}  # the 404 page and hand-written pages name no scripts
        for src, names in self._lists.items():
            lists.setdefault(names, self._kinds[src])
            first.setdefault(names, src)
        job = {"start": sources.get(START, "the header's scripts (atlas/bundles/)")}
        for i, names in enumerate(lists):
            where = f"{first[names]} names `scripts: {[n.removeprefix('assets/') for n in names]}`" if names else ""
            job[str(i)] = sources.get((*PAGE_FIRST, *self.scripts, *names), where or "mkdocs.yml extra_javascript")
        made = node.run(self.root, {"scripts": job})

        def add(stem: str, code: str) -> str:
            path = f"{FOLDER}/{stem}.{naming.short(code)}.js"
            files.append(File.generated(config, path, content=code))
            return path

        self.start = add("start", made["start"])
        self.js = {names: add(stem, made[str(i)]) for i, (names, stem) in enumerate(lists.items())}

    def _plan_styles(self, config, files: Files, pages: list[Page], sources: _Sources, book: bool) -> None:
        site_css = sources.get(self.stylesheets, "mkdocs.yml extra_css")
        main = [material.find(files, pattern).abs_src_path for pattern in material.STYLESHEETS]
        bundle = material.find(files, material.BUNDLE).abs_src_path
        words = material.run_time_words(Path(bundle).read_text(encoding="utf-8"), config)
        self._words = " ".join(words)
        inputs = [Path(p) for p in (*main, *site_css, bundle, *sources.scripts(), *CODE)]
        made_with = {"tools": node.tool_versions(self.root), "bundles": [self.start, *self.js.values()], "words": words}
        shared = naming.shared_part(config, pages, inputs, made_with)
        parts = {page.file.src_uri: naming.page_part(page) for page in pages}
        built = {src: files.get_file_from_path(src).abs_dest_path for src in parts}
        not_found = str(Path(config.site_dir) / NOT_FOUND)
        types = sorted({*self._kinds.values(), TOPIC})
        for kind in types:
            members = [src for src, k in self._kinds.items() if k == kind]
            html = [built[src] for src in members] + ([not_found] if kind == TOPIC else [])
            scripts = sources.scripts(lists=[self._lists[src] for src in members])
            self._plan(kind, naming.style_name(shared + kind, [parts[s] for s in members]), site_css, html, scripts)
        everything = naming.style_name(shared, list(parts.values()))
        self._plan("material", everything, main, [*built.values(), not_found], sources.scripts(), keep=site_css)
        if book:
            self._plan("book", everything, site_css, [*built.values(), not_found], sources.scripts())

    def _plan(self, name: str, key: str, css: list[str], html: list[str], scripts: list[str], keep=()) -> None:
        self.css[name] = f"{FOLDER}/{name}.{key}.css"
        self._jobs[name] = {
            "css": css,
            "pages": html,
            "scripts": scripts,
            "words": self._words,
            "keep": _used_by(keep),
            "variables": bool(keep),  # Material's unused custom properties go; the site's are few
        }

    def write_styles(self, site_dir: str) -> None:
        """on_post_build, every page written: purge the stylesheet bundles and write them."""
        made = node.run(self.root, {"styles": self._jobs})
        for name, code in made.items():
            target = Path(site_dir) / self.css[name]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")

    # ------------------------------------------------------------------ what the templates ask (main.html)

    def styles(self, page) -> list[str]:
        """The stylesheets of ``page`` (the 404 page has none: None or undefined), in cascade order."""
        src = page.file.src_uri if isinstance(page, Page) else None
        return [self.css["material"], self.css[self._kinds.get(src, TOPIC)]]

    def script(self, page) -> str:
        src = page.file.src_uri if isinstance(page, Page) else None
        return self.js[self._lists.get(src, ())]

    def book(self) -> list[str]:
        """The PDF book's stylesheets (none where the build makes no book)."""
        return [self.css["material"], self.css["book"]] if "book" in self.css else []


class _Sources:
    """Files of docs/ that bundles are made from, found among MkDocs' files (errors name the file)."""

    def __init__(self, files: Files, everywhere: list[str]):
        self.files = files
        self.everywhere = everywhere  # scripts in every page's bundle
        self.taken: dict[str, str] = {}  # docs path → its file on disk, in the order first asked for

    def get(self, paths, where: str) -> list[str]:
        found = []
        for path in paths:
            file = self.files.get_file_from_path(path)
            if file is None or file.abs_src_path is None:
                raise PluginError(f"{where}: docs/{path} does not exist")
            self.taken[path] = file.abs_src_path
            found.append(file.abs_src_path)
        return found

    def scripts(self, lists=None) -> list[str]:
        """The scripts of the header and of pages naming ``lists`` (default: every script bundled)."""
        names = {name for names in lists for name in names} if lists is not None else set(self.taken)
        wanted = [*START, *PAGE_FIRST, *self.everywhere, *sorted(n for n in names if n.endswith(".js"))]
        return list(dict.fromkeys(self.taken[n] for n in wanted if n in self.taken))


def inline_favicon(config) -> None:
    """An SVG favicon in docs/ (mkdocs.yml theme.favicon) goes into every page as a data: URI: a request
    fewer on every first visit for a few hundred bytes (the policy allows images from data:)."""
    favicon = str(config.theme.get("favicon") or "")
    path = Path(config.docs_dir) / favicon
    if favicon.endswith(".svg") and path.is_file():
        svg = " ".join(path.read_text(encoding="utf-8").split()).replace('"', "'")  # ' needs no escaping
        config.theme["favicon"] = "data:image/svg+xml," + quote(svg, safe="/:=.,'-")


def _scripts_of(page: Page) -> tuple[str, ...]:
    return tuple(f"assets/{name}" for name in page.meta.get("scripts") or ())


def _used_by(paths) -> dict[str, list[str]]:
    """The custom properties and keyframes the stylesheets ``paths`` use: kept in Material's bundle
    even where none of Material's own rules uses them."""
    text = "\n".join(Path(p).read_text(encoding="utf-8") for p in paths)
    variables = sorted(set(re.findall(r"var\(\s*(--[A-Za-z0-9_-]+)", text)))
    keyframes = sorted(set(re.findall(r"animation(?:-name)?\s*:\s*([A-Za-z0-9_-]+)", text)))
    return {"variables": variables, "keyframes": keyframes}
