"""The pages a server or the service worker shows instead of the one asked for, made from the data like any
page and filled into hooks/theme/404.html and 503.html (atlas_hooks.on_template_context).

- 404, page not found: says so, then offers the three ways in that a lost reader needs — search, the
  body map and every technique by name.
- 503, offline: what the service worker (atlas/installable.py) shows for a page never opened on this
  device while there is no connection, and where to go instead: the routine sheet, which works offline.

Either page is shown at any address (/techniques/calf-rol/, /learn/fascia/), so every link on it starts
at the site's root (urls.from_site_root), never relative to where it was asked for. MkDocs does the same
for the theme's own links on error pages (NNN.html).
"""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from ..bodymap import body_map
from ..model import Atlas
from ..page import Settings
from ..templating import render
from ..urls import from_site_root


def error_page_content(name: str, atlas: Atlas, settings: Settings) -> Markup | None:
    """The body of the error page ``name`` (404.html, 503.html), or None for any other template."""
    link = partial(from_site_root, settings.site_url)
    if name == "404.html":
        techniques = sorted(atlas.techniques.values(), key=lambda t: t.title.lower())
        return Markup(
            render(
                "not_found.html.j2",
                link=link,
                body_map=body_map(atlas, link),
                techniques=[{"title": t.title, "href": link(f"techniques/{t.id}.md")} for t in techniques],
            )
        )
    if name == "503.html":
        return Markup(render("offline.html.j2", link=link))
    return None
