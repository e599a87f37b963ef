"""Data is only ever text: whatever an author writes in any text field, either the data checks refuse
it with a clear message, or the page it lands on gains nothing but what that field's policy allows
(atlas/text.py) — no element, attribute, id, event handler, style or script URL.

Property-based: hypothesis writes Markdown- and HTML-significant text into one field of a real record
at a time, the record goes through the real loader checks, and the page is made and converted to HTML
as the build does it (Python-Markdown with the site's extensions and atlas/mdext.py).
"""

from __future__ import annotations

import copy
import functools
from collections import Counter
from html.parser import HTMLParser
from types import SimpleNamespace

import markdown
import pytest
from atlas.load import parse_yaml
from atlas.mdext import AtlasTextExtension
from atlas.page import Settings
from atlas.text import BLOCK, INLINE, PLAIN, BlockText, InlineText, PlainText, to_html, token
from atlas.validate import load_schema, schema_problems, text_problems, typed
from conftest import ROOT, scaled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = Settings("https://smr-atlas.github.io/")
# What Markdown, HTML, the site's markers and its extensions (attr_list, abbr, footnotes, admonition,
# tables, smarty, toc) would act on, plus characters that are harmless: hypothesis combines them.
PIECES = [
    "{: onclick=alert(1) }",
    "{ #main .x style='color:red' }",
    "{",
    "}",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "[x][x]",
    "<img src=x onerror=alert(1)>",
    "<script>",
    "&lt;b&gt;",
    "&#106;",
    "*",
    "**",
    "_",
    "`",
    "#",
    "## H",
    "\n",
    "\n\n",
    "- ",
    "1. ",
    "> ",
    "!!! note",
    "|a|b|\n|-|-|",
    "*[HTML]: x",
    "[^1]",
    "[^1]: x",
    "[@behm2020foam]",
    "{claim:rolling-must-hurt}",
    "{body-map}",
    "\\",
    '"',
    "'",
    "--",
    "https://example.org",
    "[ok](https://example.org)",
    "*em*",
    "`code`",
    "\u202e",
    "fascia",
    "calves",
    " ",
]
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), min_size=1, max_size=12).map("".join)
POLICY_TAGS = {"em", "strong", "code", "a"}  # what inline and block text may add, links to http(s) only


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: Counter = Counter()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = tuple(sorted(name for name, _ in attrs))
        self.tags[(tag, names)] += 1
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.bad.append(f"{tag} {name}={value!r}")
            if name in {"href", "src", "xlink:href", "action"} and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.bad.append(f"{tag} {name}={value!r}")


def tags_of(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def to_page_html():
    """Markdown → HTML as the build does it: the site's Markdown extensions and the token extension."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = [*config.markdown_extensions, AtlasTextExtension()]

    def convert(page_markdown: str) -> str:
        body = page_markdown.split("\n---\n", 1)[1]  # MkDocs reads the front matter itself
        return markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(body)

    return convert


def _kind(kind_file, path):
    from atlas.schemas import KIND, child, resolve

    node = load_schema(SCHEMAS[kind_file])
    for key in path:
        node = child(node, key)
    return resolve(node).get(KIND)


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@functools.cache
def _document(kind_file: str):
    """The data file as the loader reads it, parsed once: each example changes a copy."""
    return parse_yaml((ROOT / kind_file).read_text(encoding="utf-8"), kind_file)


def _page_with(atlas, kind_file, record_id, path, text, make_page):
    """The page of one record whose field at ``path`` says ``text`` — or None when the checks refuse it."""
    doc = copy.deepcopy(_document(kind_file))
    _set(doc.data, path, text)
    schema = load_schema(SCHEMAS[kind_file])
    if schema_problems(doc, schema) + text_problems(doc, schema):
        return None  # refused with a message (tests/test_hostile_data.py checks the messages)
    return make_page(atlas, typed(doc.data, schema), record_id)


SCHEMAS = {
    "data/techniques/calves-foam-roller.yaml": "technique",
    "data/routines/pre-run-warm-up.yaml": "routine",
    "data/glossary.yaml": "glossary",
    "data/claims.yaml": "claims",
    "data/regions.yaml": "regions",
}


def _technique_page(atlas, data, _):
    from atlas.pages.library import technique_page
    from atlas.records import _technique

    doc = SimpleNamespace(data=data, file="data/techniques/calves-foam-roller.yaml")  # what _technique reads
    return technique_page(_technique("calves-foam-roller", doc), atlas, SETTINGS).markdown


def _with_records(atlas, field, records):
    changed = copy.copy(atlas)
    setattr(changed, field, records)
    return changed


def _glossary_page(atlas, data, term_id):
    from atlas.pages.reference import glossary_page
    from atlas.records import _term

    terms = {**atlas.glossary, term_id: _term(term_id, data[term_id], "data/glossary.yaml")}
    return glossary_page(_with_records(atlas, "glossary", terms), SETTINGS, "2026-12-02").markdown


def _claims_page(atlas, data, claim_id):
    from atlas.pages.reference import claims_page
    from atlas.records import _claim

    claims = {**atlas.claims, claim_id: _claim(claim_id, data[claim_id], "data/claims.yaml")}
    return claims_page(_with_records(atlas, "claims", claims), SETTINGS).markdown


def _region_page(atlas, data, region_id):
    from atlas.pages.library import region_page
    from atlas.records import _region

    regions = {**atlas.regions, region_id: _region(region_id, data[region_id], "data/regions.yaml")}
    return region_page(region_id, _with_records(atlas, "regions", regions), SETTINGS).markdown


FIELDS = [
    ("data/techniques/calves-foam-roller.yaml", None, ("title",), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("summary",), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("setup",), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("steps", 0), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("muscles", 0), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("dose", "pace"), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("research",), _technique_page),
    ("data/techniques/calves-foam-roller.yaml", None, ("stop_if", 0), _technique_page),
    ("data/glossary.yaml", "fascia", ("fascia", "definition"), _glossary_page),
    ("data/glossary.yaml", "fascia", ("fascia", "short"), _glossary_page),
    ("data/claims.yaml", "rolling-must-hurt", ("rolling-must-hurt", "why"), _claims_page),
    ("data/claims.yaml", "rolling-must-hurt", ("rolling-must-hurt", "claim"), _claims_page),
    ("data/regions.yaml", "calves", ("calves", "caution"), _region_page),
]


@pytest.fixture(scope="module")
def baseline_tags(atlas, to_page_html):
    """The tags of a field's page when the field says plain words: made once per field, not per example."""
    made = {}

    def of(kind_file, record_id, path, make):
        if (kind_file, path) not in made:
            page = _page_with(atlas, kind_file, record_id, path, "plain words", make)
            made[kind_file, path] = tags_of(to_page_html(page))
        return made[kind_file, path]

    return of


@pytest.mark.parametrize(
    "kind_file, record_id, path, make", FIELDS, ids=lambda v: str(v) if isinstance(v, tuple) else None
)
@settings(max_examples=scaled(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile)
def test_any_text_in_any_field_adds_only_what_its_policy_allows(
    atlas, to_page_html, baseline_tags, kind_file, record_id, path, make, text
):
    baseline = baseline_tags(kind_file, record_id, path, make)
    page = _page_with(atlas, kind_file, record_id, path, text, make)
    if page is None:
        return
    found = tags_of(to_page_html(page))
    assert found.bad == []
    added = found.tags - baseline.tags
    allowed = POLICY_TAGS | ({"p", "ul", "ol", "li"} if _kind(kind_file, path) == BLOCK else set())
    assert {tag for tag, _ in added} <= allowed, added
    assert all(attrs in {(), ("href", "rel")} for _, attrs in added), added


# ---- the policy itself, kind by kind -----------------------------------------------------------


def test_plain_text_is_escaped_and_never_markdown():
    assert to_html(PlainText('*Calves* <b> & "x"')) == "*Calves* &lt;b&gt; &amp; &quot;x&quot;"


def test_inline_text_keeps_emphasis_code_and_web_links_only():  # an image becomes a plain link
    html = to_html(
        InlineText("**Slow** `passes` [a](https://a.org) [b](javascript:x) ![i](https://a.org/i.png) <i>x</i>")
    )
    assert html == (
        '<strong>Slow</strong> <code>passes</code> <a href="https://a.org" rel="noopener noreferrer">a</a> '
        '[b](javascript:x) !<a href="https://a.org/i.png" rel="noopener noreferrer">i</a> &lt;i&gt;x&lt;/i&gt;'
    )


def test_block_text_may_have_paragraphs_and_lists():
    assert (
        to_html(BlockText("One.\n\n- two\n- *three*"))
        == "<p>One.</p>\n<ul>\n<li>two</li>\n<li><em>three</em></li>\n</ul>"
    )


def test_a_token_carries_html_through_markdown_untouched(to_page_html):
    html = to_html(InlineText("a {: onclick=x } *b*"))
    page = f"---\ntitle: x\n---\n# {token(html)} {{: #t }}\n\n{token('<p>{: #x }</p>')}\n"
    assert to_page_html(page) == (
        '<h1 id="t">a {: onclick=x } <em>b</em><a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>\n'
        "<p>{: #x }</p>"
    )


def test_every_text_field_of_every_schema_declares_its_kind_and_a_length_limit():
    from atlas.schemas import KIND, SCHEMA_DIR, strings

    kinds = {PLAIN, INLINE, BLOCK}
    for path in SCHEMA_DIR.glob("*.schema.json"):
        schema = load_schema(path.name.split(".")[0])
        for node in _string_nodes(schema):
            resolved = _resolve(node)
            described = resolved.get(KIND) in kinds or "pattern" in resolved or "enum" in resolved
            assert described, f"{path.name}: a string with no kind: {node}"
            if resolved.get(KIND):
                assert "maxLength" in resolved, f"{path.name}: text with no length limit: {node}"
    assert strings  # the walker the build uses


def _resolve(node):
    from atlas.schemas import resolve

    return resolve(node)


def _string_nodes(node):
    if not isinstance(node, dict):
        return
    if _resolve(node).get("type") == "string":
        yield node
    for key in ("properties",):  # not $defs: a shared definition gets its limit where it is used
        for child in node.get(key, {}).values():
            yield from _string_nodes(child)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from _string_nodes(node[key])
