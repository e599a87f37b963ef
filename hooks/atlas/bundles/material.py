"""What the bundles take from Material for MkDocs: its stylesheets, and the classes its JavaScript adds
to pages at run time (search results, the dialog, tooltips, the header's shadow, nav states…), which no
built page contains until a reader opens search or scrolls, so PurgeCSS must be told about them."""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# Material names its files by their content; the version decides which. Found, not written down.
STYLESHEETS = (
    re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css"),
    re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css"),
)
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
SOURCE_MAPS = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css\.map")

# Every word of Material's bundle that names one of its classes or data-md-* attributes, and the classes
# it sets with classList or creates elements with ("focus-visible", "js"…).
_MD_WORD = re.compile(r"[A-Za-z0-9_-]*\bmd-[A-Za-z0-9_-]+")
_CLASS_LITERAL = re.compile(
    r"""classList\.(?:add|remove|toggle|contains)\("([A-Za-z0-9_ -]+)"|class:"([A-Za-z0-9_ -]+)\""""
)


def _features(config) -> set[str]:
    return set(config.theme.get("features") or [])


def _plugin(*names: str) -> Callable:
    return lambda config: any(name in config.plugins for name in names)


def _feature(*names: str) -> Callable:
    return lambda config: bool(_features(config) & set(names))


# Run-time classes of Material features this site has switched off: left out of what PurgeCSS keeps
# rules for, so their styles go (about 2 KB gzipped). Each comes back by itself as soon as its feature
# is switched on in mkdocs.yml; a class not listed here is always kept.
OPTIONAL = {
    "md-annotation": _feature("content.code.annotate"),
    "md-code__": _feature("content.code.copy", "content.code.select", "content.code.annotate"),
    "md-tooltip2": _feature("content.tooltips"),
    "md-progress": _feature("navigation.instant.progress"),
    "md-version": lambda config: bool(config.extra.get("version")),
    "md-status": lambda config: bool(config.extra.get("status")),
    "md-source": lambda config: bool(config.repo_url),
    "md-tag": _plugin("tags", "material/tags"),
    "md-mermaid": lambda config: "pymdownx.superfences" in config.markdown_extensions,
    "mermaid": lambda config: "pymdownx.superfences" in config.markdown_extensions,
}


def find(files: Files, pattern: re.Pattern) -> File:
    found = [f for f in files if pattern.fullmatch(f.src_uri)]
    if len(found) != 1:
        raise PluginError(
            f"Material's {pattern.pattern} was found {len(found)} times among the theme's files: the bundles "
            "need exactly one (is mkdocs-material installed as requirements.txt pins it?)"
        )
    return found[0]


def run_time_words(bundle: str, config) -> list[str]:
    """The class and attribute names Material's ``bundle`` (its JavaScript) may put into a page, less
    those of features that are off."""
    words = set(_MD_WORD.findall(bundle))
    for listed in _CLASS_LITERAL.findall(bundle):
        words.update(" ".join(listed).split())
    off = [prefix for prefix, on in OPTIONAL.items() if not on(config)]
    return sorted(w for w in words if not any(w.removeprefix("data-").startswith(prefix) for prefix in off))
