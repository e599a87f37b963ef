"""The content promises of the site: honest, complete, readable (issue: Learn and the library)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

TOPIC_PAGES = [
    "what-is-smr",
    "fascia",
    "micro-trauma-and-adhesions",
    "restricted-tissue-barriers",
    "how-smr-works",
    "when-to-roll",
    "benefits-and-evidence",
    "safety",
]
SEED_KEYS = ["barnes1997basic", "castrosanchez2011benefits", "macdonald2013acute"]


class _ProseText(HTMLParser):
    """The readable prose of a page's article: no code, tables, footnotes, citations, headings or badges."""

    SKIP = {"code", "pre", "table", "script", "style", "sup", "h1", "h2", "h3", "h4", "nav", "svg"}

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.inside, self.parts = 0, 0, False, []
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        skip = (
            tag in self.SKIP
            or "footnote" in classes
            or "atlas-verdict" in classes
            or "atlas-reviewed" in classes
            or "headerlink" in classes
            or "admonition-title" in classes
        )
        if tag == "article":
            self.inside = True
        if tag in {"br", "img", "hr", "meta", "link", "input"}:
            return
        self._stack.append(skip)
        self.skip += skip

    def handle_endtag(self, tag):
        if tag in {"br", "img", "hr", "meta", "link", "input"} or not self._stack:
            return
        self.skip -= self._stack.pop()
        if tag == "article":
            self.inside = False
        if tag in {"p", "li", "div"}:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.inside and not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"\([A-Z][^()]*?\d{4}[a-z]?\)", "", text)  # "(Wilke et al., 2020)" in-text citations
        return re.sub(r"[ \t]+", " ", text)


def plain(html: str) -> str:
    """Page text without tags (glossary terms are wrapped in <abbr>)."""
    return re.sub(r"<[^>]+>", "", html)


def prose(html: str) -> str:
    parser = _ProseText()
    parser.feed(html)
    return parser.text()


def test_each_seed_topic_is_covered_on_a_page(site):
    topics = {
        "fascia": "fascia",
        "ground substance": "fascia",
        "micro-trauma": "micro-trauma-and-adhesions",
        "adhesion": "micro-trauma-and-adhesions",
        "restricted tissue barrier": "restricted-tissue-barriers",
        "warm-up": "when-to-roll",
        "after training": "when-to-roll",
        "fibromyalgia": "benefits-and-evidence",
    }
    for topic, slug in topics.items():
        text = prose((site / "learn" / slug / "index.html").read_text(encoding="utf-8")).lower()
        assert topic in text, f"'{topic}' is not discussed on /learn/{slug}/"


def test_topic_pages_cite_their_evidence(site):
    for slug in TOPIC_PAGES:
        html = (site / "learn" / slug / "index.html").read_text(encoding="utf-8")
        assert html.count('class="footnote-ref"') >= 2, f"/learn/{slug}/ cites fewer than 2 sources"


def test_every_claim_has_a_verdict_and_a_citation(atlas, site):
    assert len(atlas.claims) >= 20
    html = (site / "claims" / "index.html").read_text(encoding="utf-8")
    for claim in atlas.claims.values():
        assert claim.verdict in {"supported", "mixed", "not supported", "unknown"}
        assert claim.evidence, claim.id
        assert f'id="{claim.id}"' in html


def test_every_seed_mechanism_claim_is_listed(atlas):
    seed = {c.id for c in atlas.claims.values() if c.origin == "seed-article"}
    for claim_id in (
        "roller-breaks-down-adhesions",
        "rolling-restores-alignment",
        "rolling-frees-nerves",
        "adhesions-trap-nerves",
        "myofascial-release-helps-fibromyalgia",
    ):
        assert claim_id in seed


def test_every_technique_is_complete_and_honest(atlas):
    assert len(atlas.techniques) >= 32
    assert len({r for t in atlas.techniques.values() for r in t.regions}) >= 10
    assert len({e for t in atlas.techniques.values() for e in t.equipment}) >= 4
    for t in atlas.techniques.values():
        assert t.stop_if and t.evidence, t.id


def test_risky_practices_are_called_out(site):
    for path, words in (
        ("regions/lower-back", "Do not put a foam roller"),
        ("regions/neck-shoulders", "throat"),
        ("techniques/outer-thigh-foam-roller", "IT band"),
    ):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert 'class="admonition warning"' in html and words in plain(html), path


def test_every_routine_uses_existing_techniques_and_shows_its_total(atlas, site):
    assert len(atlas.routines) >= 5
    for routine in atlas.routines.values():
        for step in routine.steps:
            assert step.technique in atlas.techniques
        html = (site / "routines" / routine.id / "index.html").read_text(encoding="utf-8")
        assert "Total time:" in html


def test_every_page_shows_when_it_was_last_reviewed(site):
    pages = [p for p in site.rglob("index.html") if p.parent.name not in {"search", "assets"}]
    assert len(pages) > 40
    # a renamed technique's old address is a redirect stub, not a page
    pages = [p for p in pages if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    said = {"en": "Last reviewed:", "es": "Última revisión:"}

    def says(page) -> bool:
        return said["es" if page.relative_to(site).parts[0] == "es" else "en"] in page.read_text(encoding="utf-8")

    assert [str(p.relative_to(site)) for p in pages if not says(p)] == []


def test_seed_references_render_on_the_references_page(site):
    html = (site / "references" / "index.html").read_text(encoding="utf-8")
    for key, words in zip(
        SEED_KEYS,
        (
            "The basic science of myofascial release",
            "Benefits of massage-myofascial release therapy",
            "An acute bout of self-myofascial release",
        ),
        strict=True,
    ):
        assert f'id="ref-{key}"' in html
        assert words.lower() in plain(html).lower(), words


def test_readability_budget(site):
    import textstat

    grades = {}
    for slug in TOPIC_PAGES:
        text = prose((site / "learn" / slug / "index.html").read_text(encoding="utf-8"))
        grades[slug] = textstat.flesch_kincaid_grade(text)
    mean = sum(grades.values()) / len(grades)
    assert mean <= 9, grades
    assert max(grades.values()) <= 11, grades


def test_the_site_says_it_is_education_not_treatment(site):
    for page in ("index.html", "about/index.html", "learn/safety/index.html"):
        text = (site / page).read_text(encoding="utf-8").lower()
        assert "not diagnos" in text or "not medical advice" in text, page
