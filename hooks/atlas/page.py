"""One generated page, made whole in one go: its front matter, its body from a template, the handout
link under its title, and the parts every page ends with (the review line and glossary help).

``make_page`` is what every page maker in atlas/pages/ calls. Templates get, besides their own values:
``link(src)`` for a Markdown link to another page (MkDocs checks it), ``url(target)`` for a browser URL
in raw HTML (atlas/urls.py), ``badge(claim)`` for a verdict badge, and ``handout`` (the PDF's URL, or
None when this page has none or the build makes no downloads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from .model import Atlas, Claim
from .review import review_due
from .templating import fragment, render
from .urls import href, md_link

VERDICT_LABELS = {"supported": "Supported", "mixed": "Mixed", "not supported": "Not supported", "unknown": "Unknown"}
# Pages with a one-page (technique) or short (routine) handout: their folder → kind of handout.
HANDOUT_KINDS = {"techniques": "technique", "routines": "routine"}


@dataclass(frozen=True)
class Settings:
    """What this build is: where the site is published, and which copy of it is being made."""

    site_url: str
    downloads: bool = False  # `make build`: pages link to the book, the handouts and the offline zip
    offline: bool = False  # the copy for file:// (Material's offline plugin)
    directory_urls: bool = True
    today: date = field(default_factory=date.today)  # review dates are checked against it (atlas/review.py)

    @property
    def installable(self) -> bool:
        """The published build: the client's sheet can be installed and works offline (atlas/installable.py).
        Not the offline copy (file:// has no service workers) nor the preview (a worker would keep old pages)."""
        return self.downloads and not self.offline


@dataclass
class Page:
    """A page of the site as the build knows it. Generated pages carry their Markdown."""

    src_uri: str  # e.g. techniques/calves-foam-roller.md
    kind: str  # technique, routine, region, equipment, index, tool, claims, glossary, references, downloads, topic
    title: str
    reviewed: str
    source: str | None = None  # the file an author edits (data file, or docs/… for hand-written pages)
    markdown: str = ""
    handout: str | None = (
        None  # its handout PDF's path in the site (builds that make PDFs), e.g. downloads/techniques/x.pdf
    )
    meta: dict = field(default_factory=dict)


def handout_path(src_uri: str, kind: str) -> str | None:
    """'techniques/x.md' of a technique → 'downloads/techniques/x.pdf'; None for a page without a handout."""
    folder, _, name = src_uri.partition("/")
    if HANDOUT_KINDS.get(folder) != kind:
        return None
    return f"downloads/{folder}/{name.removesuffix('.md')}.pdf"


def make_page(
    atlas: Atlas, settings: Settings, src_uri: str, template: str, *, kind: str, source: str | None, **context
) -> Page:
    """Render ``template`` into a whole page at ``src_uri``; ``context`` must hold title, description and
    reviewed (they go into the front matter)."""
    handout = handout_path(src_uri, kind) if settings.downloads else None

    def url(target: str) -> Markup:  # paths made from ids only, so safe to write as they are
        return Markup(href(src_uri, target, directory_urls=settings.directory_urls))

    body = render(
        template,
        link=lambda target: Markup(md_link(src_uri, target)),
        url=url,
        badge=lambda claim: badge(claim, atlas, src_uri, settings),
        handout=url(handout) if handout else None,
        kind=kind,
        **context,
    )
    markdown = finish(atlas, body, context["reviewed"])
    return Page(src_uri, kind, context["title"], context["reviewed"], source, markdown, handout)


def finish(atlas: Atlas, markdown: str, reviewed: str) -> str:
    """The page with what every page ends with: when it was last reviewed and when the next review is due.
    (Glossary help is added to the finished HTML: atlas/glossary.py.)"""
    when = date.fromisoformat(str(reviewed))
    return markdown.rstrip() + render("_page_end.md.j2", when=when, due=review_due(when))


def badge(claim: Claim, atlas: Atlas, src_uri: str, settings: Settings) -> Markup:
    """A small verdict badge that links to the claim on the Claims page, with the strength of its
    evidence (a token: see atlas/text.py)."""
    target = href(src_uri, "claims/index.md", directory_urls=settings.directory_urls)
    label, strength = VERDICT_LABELS[claim.verdict], atlas.strength[claim.strength]
    return fragment("_badge.html.j2", claim=claim, href=target, label=label, strength=strength)
