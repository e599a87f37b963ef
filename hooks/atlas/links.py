"""Links that last: redirects from old technique ids.

A technique's URL is /techniques/<id>/ forever. Renaming one means renaming its file and listing
the old id under ``aliases:``; ``alias_redirects`` turns every alias into a redirect for
mkdocs-redirects, so the old URL keeps landing on the new page.
"""

from __future__ import annotations

from .errors import DataError, Problem
from .i18n import DEFAULT, prefix
from .model import Atlas


def alias_redirects(atlas: Atlas) -> dict[str, str]:
    """{'techniques/<old id>.md': 'techniques/<id>.md'} for every alias, in mkdocs-redirects' format."""
    return {f"techniques/{alias}.md": f"techniques/{t.id}.md" for t in atlas.techniques.values() for alias in t.aliases}


def merge_redirects(configured: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """The redirects from mkdocs.yml plus those from aliases; a page redirected two ways is an error."""
    clashes = [old for old, new in aliases.items() if configured.get(old, new) != new]
    if clashes:
        raise DataError(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    "plugins.redirects.redirect_maps",
                    f"'{old}' is also an alias of {aliases[old]}",
                    "remove one of the two redirects",
                )
                for old in clashes
            ]
        )
    return {**configured, **aliases}


def localized_redirects(redirects: dict[str, str], language: str) -> dict[str, str]:
    """The same redirects inside another language's pages: 'techniques/old.md' → 'techniques/new.md'
    becomes 'es/techniques/old.md' → 'techniques/new.es.md' (the Spanish page's file in that pass)."""
    if language == DEFAULT:
        return dict(redirects)
    return {
        f"{prefix(language)}{old}": (f"{new[:-3]}.{language}.md" if new.endswith(".md") else new)
        for old, new in redirects.items()
    }
