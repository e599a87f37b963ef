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

from . import i18n
from .model import Atlas, Claim
from .review import review_due
from .templating import fragment, render
from .urls import canonical_url, href, md_link, page_url

VERDICT_LABELS = {  # in English; shown through _() (atlas/i18n.py)
    "supported": i18n.N_("Supported"),
    "mixed": i18n.N_("Mixed"),
    "not supported": i18n.N_("Not supported"),
    "unknown": i18n.N_("Unknown"),
}
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
    language: str = i18n.DEFAULT  # the language of this build pass (atlas/i18n.py)

    @property
    def prefix(self) -> str:
        """Where this language's pages live: '' or 'es/'."""
        return i18n.prefix(self.language)

    def href(self, from_src: str, to: str) -> str:
        """A browser URL from one page of this language to another page of it, or to a file of the site."""
        return href(from_src, to, directory_urls=self.directory_urls, prefix=self.prefix)

    def page_url(self, src_uri: str) -> str:
        return page_url(src_uri, directory_urls=self.directory_urls, prefix=self.prefix)

    def canonical(self, src_uri: str) -> str:
        return canonical_url(self.site_url, src_uri, prefix=self.prefix)

    def in_every_language(self, from_src: str, to: str) -> list[dict]:
        """Page ``to`` in each language: its name, URL from ``from_src`` and public address (this language's
        marked ``selected``), for a choice such as the client's sheet language in the routine builder."""
        return [
            {
                "language": language,
                "name": i18n.NAMES[language],
                "href": href(
                    from_src,
                    to,
                    directory_urls=self.directory_urls,
                    prefix=self.prefix,
                    to_prefix=i18n.prefix(language),
                ),
                "canonical": canonical_url(self.site_url, to, prefix=i18n.prefix(language)),
                "selected": language == self.language,
            }
            for language in i18n.LANGUAGES
        ]

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


def handout_path(src_uri: str, kind: str, prefix: str = "") -> str | None:
    """'techniques/x.md' of a technique → 'downloads/techniques/x.pdf' (in Spanish, prefix 'es/':
    'es/downloads/techniques/x.pdf'); None for a page without a handout."""
    folder, _, name = src_uri.partition("/")
    if HANDOUT_KINDS.get(folder) != kind:
        return None
    return f"{prefix}downloads/{folder}/{name.removesuffix('.md')}.pdf"


def make_page(
    atlas: Atlas,
    settings: Settings,
    src_uri: str,
    template: str,
    *,
    kind: str,
    source: str | None,
    record: str | None = None,
    **context,
) -> Page:
    """Render ``template`` into a whole page at ``src_uri``; ``context`` must hold title, description and
    reviewed (they go into the front matter). ``source``: the data file it is made from, and ``record``
    the record's id in a file of many — for the notice a translated page shows when it lags the English."""
    handout = handout_path(src_uri, kind, settings.prefix) if settings.downloads else None

    def url(target: str) -> Markup:  # paths made from ids only, so safe to write as they are
        return Markup(settings.href(src_uri, target))

    body = render(
        template,
        link=lambda target: Markup(md_link(src_uri, target)),
        url=url,
        badge=lambda claim: badge(claim, atlas, src_uri, settings),
        handout=url(handout) if handout else None,
        kind=kind,
        **context,
    )
    notice = data_translation_notice(atlas, settings, src_uri, source, record, context["reviewed"])
    markdown = finish(atlas, with_notice(body, notice), context["reviewed"])
    return Page(src_uri, kind, context["title"], context["reviewed"], source, markdown, handout)


def data_translation_notice(atlas: Atlas, settings: Settings, src_uri: str, source, record, reviewed) -> str:
    """In another language, a notice when the page's data is not translated or its English has changed
    since (atlas/translations.py); '' when the words are up to date."""
    if settings.language == i18n.DEFAULT or source is None or atlas.translation is None:
        return ""
    missing, stale = atlas.translation.for_file(source)
    stale = [s for s in stale if record is None or s.field.split(".")[0].split("[")[0] == record]
    return translation_notice(settings, src_uri, reviewed, untranslated=missing) if missing or stale else ""


def translation_notice(settings: Settings, src_uri: str, reviewed, *, untranslated: bool) -> str:
    """The notice itself (a token), with a link to the English page."""
    english = href(src_uri, src_uri, directory_urls=settings.directory_urls, prefix=settings.prefix, to_prefix="")
    when = date.fromisoformat(str(reviewed))
    return fragment("_translation_notice.html.j2", english=english, when=when, untranslated=untranslated)


def with_notice(markdown: str, notice: str) -> str:
    """``markdown`` with ``notice`` under its first heading (or at the top when it has none)."""
    if not notice:
        return markdown
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", notice, "", *lines[at:]])


def finish(atlas: Atlas, markdown: str, reviewed: str) -> str:
    """The page with what every page ends with: when it was last reviewed and when the next review is due.
    (Glossary help is added to the finished HTML: atlas/glossary.py.)"""
    when = date.fromisoformat(str(reviewed))
    return markdown.rstrip() + render("_page_end.md.j2", when=when, due=review_due(when))


def badge(claim: Claim, atlas: Atlas, src_uri: str, settings: Settings) -> Markup:
    """A small verdict badge that links to the claim on the Claims page, with the strength of its
    evidence (a token: see atlas/text.py)."""
    target = settings.href(src_uri, "claims/index.md")
    label, strength = i18n.gettext(VERDICT_LABELS[claim.verdict]), atlas.strength[claim.strength]
    return fragment("_badge.html.j2", claim=claim, href=target, label=label, strength=strength)
