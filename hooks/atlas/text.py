"""Where text from data becomes HTML: the one boundary, with a written policy per kind of field.

Every text field of every data kind declares its kind in its schema (``"x-atlas-text"``):

plain   Escaped text, no Markdown: what you type is what readers see. Titles, names, labels, the
        glossary's hover text. One line; no < > & or { } (a title also goes into the page's <title>,
        link previews and the theme, which print it as it is).
inline  One paragraph with a small allow-listed subset of Markdown: *emphasis*, **strong**, `code` and
        [links](https://…) to http or https addresses only (data text shows on pages at different
        depths, so a relative link would break on some of them). No HTML, no images, no attribute
        lists, no reference definitions, no headings or lists, no blank lines.
block   Paragraphs and simple lists of inline text, for the few fields that need them.

In every kind: no site markers or citations (``[@key]``, ``{claim:…}``: data lists its sources under
``evidence:``), no invisible control or direction characters, and a length limit in the schema.

How: markdown-it-py (a CommonMark parser, linear time, with only the rules above switched on) renders
the Markdown, and nh3 — the Python binding of ammonia, a well-kept Rust HTML sanitiser — cleans the
result against the same allow-list as a last line of defence. What comes out is wrapped in a *token*
(``token``) that atlas/mdext.py hands to Python-Markdown's stash, so the page's own Markdown processing
(attribute lists, abbreviations, smart quotes…) never reads data text again.
"""

from __future__ import annotations

import base64
import html
import re
import unicodedata

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

PLAIN, INLINE, BLOCK = "plain", "inline", "block"
KINDS = (PLAIN, INLINE, BLOCK)

# A token carries finished HTML through the page's Markdown: ESC, "atlas:", the HTML in URL-safe
# base64, ESC. Data can never contain ESC (the loader refuses control characters), so data can never
# forge one, and base64 has no character Markdown or the citation plugin would act on.
TOKEN = re.compile(r"\x1batlas:([A-Za-z0-9_=-]*)\x1b")

_INLINE_TAGS = {"em", "strong", "code", "a"}
_BLOCK_TAGS = _INLINE_TAGS | {"p", "ul", "ol", "li"}
_SCHEMES = {"http", "https"}


def _parser(block: bool) -> MarkdownIt:
    # Typographer: curly quotes and en dashes (page ranges 387--402), as the site's own pages get them.
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": True})
    md.enable(["emphasis", "backticks", "link", "escape", "entity", "newline", "replacements", "smartquotes"])
    if block:
        md.enable(["list"])
    md.validateLink = lambda url: url.strip().lower().startswith(("https://", "http://"))
    return md


_INLINE, _BLOCK = _parser(block=False), _parser(block=True)
_FOREIGN = _parser(block=False).enable(["autolink"])  # pandoc writes DOIs as <https://doi.org/…>


class DataText(str):
    """A string from a data file that knows its kind (set from the schema when the data is loaded)."""

    kind = PLAIN


class PlainText(DataText):
    kind = PLAIN


class InlineText(DataText):
    kind = INLINE


class BlockText(DataText):
    kind = BLOCK


TYPES = {PLAIN: PlainText, INLINE: InlineText, BLOCK: BlockText}


def to_html(text: str) -> str:
    """The HTML of a data text, by its kind (any other string is plain text), sanitised."""
    kind = getattr(text, "kind", PLAIN)
    if kind == PLAIN:
        return html.escape(str(text), quote=True)
    if kind == INLINE:
        return nh3.clean(_INLINE.renderInline(str(text)), tags=_INLINE_TAGS, **_NH3).strip()
    return nh3.clean(_BLOCK.render(str(text)), tags=_BLOCK_TAGS, **_NH3).strip()


_NH3 = {"attributes": {"a": {"href"}}, "url_schemes": _SCHEMES, "link_rel": "noopener noreferrer"}


def foreign_inline_html(markdown: str) -> str:
    """Inline Markdown that someone else wrote — pandoc's rendering of references.bib — as HTML cut down
    to the inline allow-list: what a .bib field holds can never become a script link or markup."""
    return nh3.clean(_FOREIGN.renderInline(markdown), tags=_INLINE_TAGS, **_NH3).strip()


def token(fragment: str) -> Markup:
    """Finished HTML, wrapped so that the page's Markdown passes it through untouched (atlas/mdext.py)."""
    payload = base64.urlsafe_b64encode(fragment.encode("utf-8")).decode("ascii")
    return Markup(f"\x1batlas:{payload}\x1b")


def untoken(payload: str) -> str:
    return base64.urlsafe_b64decode(payload.encode("ascii")).decode("utf-8")


def as_markdown(value) -> Markup:
    """What a Markdown template inserts for ``{{ value }}``: trusted Markup as it is, numbers as numbers,
    and any other text — data or not — as a token of its HTML, so it can never become Markdown."""
    if isinstance(value, Markup):
        return value
    if not str(value):  # an empty value, or the "else" an inline `x if y` leaves out
        return Markup("")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Markup(str(value))
    return token(to_html(value if isinstance(value, str) else str(value)))


# ---------------------------------------------------------------- what data text may hold

_INVISIBLE_OK = {"\n", "\u200d"}  # line breaks; the joiner inside emoji sequences
_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MARKER = re.compile(r"\[@|\{\s*(claim|download)\s*:|\{body-map\}")
_PLAIN_FORBIDDEN = re.compile(r"[<>&{}]")


def invisible_character(text: str) -> str | None:
    """The first control, format (direction, zero-width…) or line-separator character, named; or None."""
    for char in text:
        if char not in _INVISIBLE_OK and unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            name = unicodedata.name(char, "a control character")
            return f"U+{ord(char):04X} {name}"
    return None


def text_rule_breaks(text: str, kind: str | None) -> list[tuple[str, str]]:
    """What is wrong with ``text`` for a field of ``kind`` (None: an id, key or other patterned value),
    as (message, hint) pairs; [] when it is fine."""
    found = []
    if (char := invisible_character(text)) is not None:
        found.append((f"contains an invisible character ({char})", "delete it; most editors do not show it"))
    if _HTML.search(text):
        found.append(("raw HTML is not allowed in data", "write plain text or Markdown (e.g. **bold**)"))
    if _MARKER.search(text):
        found.append(
            ("site markers and citations ([@key], {claim:…}) do not work in data", "list sources under evidence:")
        )
    for target in _LINK_TARGET.findall(text):
        if not target.lower().startswith(("https://", "http://")):
            found.append((f"link to '{target[:40]}'", "links in data must start with https:// or http://"))
    if kind == PLAIN and not found and ("\n" in text or _PLAIN_FORBIDDEN.search(text)):
        found.append(("must be plain text on one line without < > & { }", "write 'and' for &; no line breaks"))
    if kind == INLINE and re.search(r"\n[ \t]*\n", text):
        found.append(("must be one paragraph (no blank lines)", "join the paragraphs, or shorten the text"))
    return found


def plain_text(text) -> str:
    """The words of a text without its Markdown (for meta descriptions, attributes and search)."""
    return html.unescape(nh3.clean(to_html(text), tags=set())) if getattr(text, "kind", PLAIN) != PLAIN else str(text)
