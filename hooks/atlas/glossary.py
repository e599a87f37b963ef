"""Glossary help on every page: the first use of each glossary term in a page's text becomes a word the
reader can tap, focus with the keyboard or point at to see its short definition (docs/assets/glossary.js
adds tap-to-open and Escape; hover and focus work without script).

Only the first use of a term on a page is marked, and never inside a heading, a link, a button, code,
a figure's caption, a form control or the list of cited works: a word in a title must read as a title.
This works on the page's finished HTML (on_page_content), so hand-written and generated pages get the
same help, and it replaces Markdown abbreviations, which marked every use and showed nothing on a phone
or to the keyboard.
"""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

from .model import Atlas
from .templating import render

# Inside these, text stays as it is (headings, links and controls already do something; code is code).
SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "code", "pre", "kbd", "abbr", "dfn"}
SKIP |= {"script", "style", "svg", "title", "figcaption", "select", "option", "textarea", "summary"}
FOOTNOTES = "div footnote"  # the cited works under a page (Python-Markdown's <div class="footnote">)
SKIP.add(FOOTNOTES)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_NAME = re.compile(r"^</?\s*([a-zA-Z][a-zA-Z0-9-]*)")


def mark_terms(page_html: str, atlas: Atlas) -> str:
    """``page_html`` with the first use of each glossary term marked (see the module docstring)."""
    words = _words(tuple((w, t.id) for t in atlas.glossary.values() for w in [t.term, *t.also]))
    if words is None:
        return page_html
    pattern, term_of = words
    used: set[str] = set()
    stack: list[str] = []
    out = []
    for part in _TAG.split(page_html):
        if part.startswith("<"):
            _follow(part, stack)
            out.append(part)
        elif part and not any(tag in SKIP for tag in stack):
            out.append(pattern.sub(lambda m: _mark(m, term_of, atlas, used), part))
        else:
            out.append(part)
    return "".join(out)


def _follow(tag: str, stack: list[str]) -> None:
    """Keep ``stack`` as the open elements, from a tag of well-formed HTML (the build's own output)."""
    match = _NAME.match(tag)
    if not match or tag.startswith("<!"):
        return
    name = match.group(1).lower()
    if tag.startswith("</"):
        names = [entry.split()[0] for entry in stack]
        if name in names:
            del stack[len(stack) - 1 - names[::-1].index(name) :]
    elif name not in VOID and not tag.rstrip().endswith("/>"):
        stack.append(FOOTNOTES if name == "div" and 'class="footnote"' in tag else name)


def _mark(match: re.Match, term_of: dict, atlas: Atlas, used: set) -> str:
    term_id = term_of[match.group(0).lower()]
    if term_id in used:
        return match.group(0)
    used.add(term_id)
    word = Markup(match.group(0))  # already HTML-escaped text of the page
    return render("_term.html.j2", term=atlas.glossary[term_id], word=word).strip()


@functools.lru_cache(maxsize=4)
def _words(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict] | None:
    """One pattern for every term and its other names, longest first ("fascia lata" before "fascia"),
    matched as whole words in any case; and each word's term id."""
    if not pairs:
        return None
    term_of = {html.escape(str(word)).lower(): term_id for word, term_id in pairs}
    longest_first = sorted(term_of, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w-])", re.I), term_of
