"""The one Jinja environment for every template in templates/.

Escaping is chosen by the template's file extension:

- ``*.html.j2`` and ``*.svg.j2`` (HTML and SVG fragments, the book's shell): Jinja escapes every
  value that is not Markup.
- ``*.md.j2`` (the generated Markdown pages): every value that is not Markup is inserted as a token of
  its HTML (atlas/text.py: data text rendered by its kind, anything else escaped), which Markdown passes
  through untouched. So no value can ever become Markdown syntax — an attribute list, a link, a
  heading. Template helpers that write Markdown on purpose (links between pages, citations, heading
  ids, attribute lists of ids) return Markup, and only from ids and keys the data checks have passed.

Undefined names are errors (StrictUndefined), so a typo in a template stops the build.

Words are written in English inside ``_()`` (``{{ _("Stay off these spots") }}``, with values as
``_("Step %(n)s", n=3)``) and shown in the language of the build pass (atlas/i18n.py); `make messages`
collects them into the catalogues. Dates go through ``| day`` and decimals through ``| number``.

A message is words, never markup, in either kind of template (``message``): in HTML its & < > " are
escaped; in Markdown it stays part of the page's Markdown, so smart quotes, heading ids and glossary help
treat it as they treat the English written there, but every character that could start Markdown or HTML
(a link, emphasis, an attribute list, a heading or list at the start of a line) is written as an entity.
Its values are inserted as any value is: escaped in HTML, tokens in Markdown, Markup as it is (a link
built in the template).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import i18n
from .text import as_markdown, plain_text, to_html, token

TEMPLATES = Path(__file__).parent / "templates"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # a page or record id, as every schema's `slug`
_KEY = re.compile(r"^[A-Za-z0-9_:-]+$")  # a citation key, as every schema's `citationKey`


def duration(seconds: int) -> str:
    """45 → '45 s'; 270 → '4 min 30 s'; 600 → '10 min'."""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


_PLACEHOLDER = re.compile(r"(%\([A-Za-z0-9_]+\)[sd]|%%)")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # also Markdown's own placeholder marks and token ESC
_HTML_ACTIVE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;"}
# In Markdown " and ' stay for smart quotes; these could start a link, emphasis, code, an attribute list…
_MD_ACTIVE = {c: f"&#{ord(c)};" for c in "&<>\\`*_[]{}|~^"}
_MD_LINE_START = re.compile(r"^[#=+!?-]|^\d(?=\d*[.)])", re.M)  # heading, rule, list, admonition, details


def _escape(text: str, active: dict[str, str], markdown: bool) -> str:
    """The words of a message as text of its template's kind; its %(name)s placeholders stay as they are."""
    parts = _PLACEHOLDER.split(_CONTROL.sub("", text))
    parts[::2] = ["".join(active.get(c, c) for c in words) for words in parts[::2]]  # the words between them
    out = "".join(parts)
    if markdown:  # no blank line (a new block), no indent (code), no block syntax at a line's start
        out = re.sub(r"[ \t]*\n\s*", "\n", out)
        out = _MD_LINE_START.sub(lambda m: f"&#{ord(m.group())};", out)
    return out


def message(context, text: str, values: dict) -> Markup:
    """A translated message with its values, as markup of the template's kind (see the module docstring)."""
    if context.eval_ctx.autoescape:
        return Markup(_escape(text, _HTML_ACTIVE, markdown=False)) % values
    return Markup(_escape(text, _MD_ACTIVE, markdown=True)) % {k: as_markdown(v) for k, v in values.items()}


@jinja2.pass_context
def _gettext(context, string: str, /, **values) -> Markup:
    return message(context, i18n.gettext(string), values)


@jinja2.pass_context
def _ngettext(context, singular: str, plural: str, num: int, /, **values) -> Markup:
    values.setdefault("num", num)
    return message(context, i18n.ngettext(singular, plural, num), values)


@jinja2.pass_eval_context
def _finalize(eval_ctx, value):
    # HTML templates: Jinja's own escaping follows. Markdown templates: a token, unless Markup.
    return value if eval_ctx.autoescape else as_markdown(value)


def _checked(value: str, rule: re.Pattern, what: str) -> str:
    if not rule.fullmatch(str(value)):  # fullmatch: `$` alone lets a final newline through
        raise ValueError(f"{value!r} is not {what}")  # data checks refuse it first; this is a guard
    return str(value)


def cite(keys) -> Markup:
    """[@a; @b] for mkdocs-bibtex, from citation keys the data checks have passed ('' for none)."""
    keys = [_checked(key, _KEY, "a citation key") for key in keys]
    return Markup("[" + "; ".join(f"@{key}" for key in keys) + "]") if keys else Markup("")


def anchor(id_: str) -> Markup:
    """A heading's id as a Markdown attribute list: {#calves}."""
    return Markup("{#" + _checked(id_, _ID, "an id") + "}")


def data_attributes(**values) -> Markup:
    """A Markdown attribute list of data-* attributes from ids or lists of ids: { data-region="calves" }."""
    pairs = []
    for name, value in values.items():
        ids = [value] if isinstance(value, str) else list(value)
        pairs.append(f'data-{name}="{" ".join(_checked(v, _ID, "an id") for v in ids)}"')
    return Markup("{ " + " ".join(pairs) + " }")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default=False),
        trim_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        extensions=["jinja2.ext.i18n"],
    )
    # newstyle: _() takes its values by name, and a missing one is an error; the callables are the site's own
    # (``message``), so that a message's words are escaped for Markdown templates too.
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.globals.update(gettext=_gettext, _=_gettext, ngettext=_ngettext)
    env.filters["duration"] = duration
    env.filters["day"] = i18n.format_day
    env.filters["number"] = i18n.format_number
    # Front matter: a JSON string is a YAML string; the theme prints it as it is (titles are plain text).
    env.filters["yaml_str"] = lambda s: Markup(json.dumps(str(s), ensure_ascii=False))
    # An attribute value or a meta description: the words of the text, HTML-escaped.
    env.filters["attr"] = lambda s: Markup(html.escape(plain_text(s), quote=True))
    env.filters["html"] = lambda s: Markup(to_html(s))  # data text in an HTML template, by its kind
    env.filters["id"] = lambda s: Markup(_checked(s, _ID, "an id"))  # an id in raw HTML inside Markdown
    env.filters["key"] = lambda s: Markup(_checked(s, _KEY, "a citation key"))
    env.globals.update(cite=cite, anchor=anchor, data_attributes=data_attributes)
    return env


ENV = _environment()


def render(template: str, **context) -> str:
    """``templates/<template>`` rendered with ``context``."""
    return ENV.get_template(template).render(**context)


def fragment(template: str, **context) -> Markup:
    """An HTML template rendered into a token, to place it whole in a Markdown page."""
    return token(render(template, **context))
