"""The JSON-LD in every page's <head>, read back from the built pages with pyld (a JSON-LD processor), and
the sitemap's lastmod: each page says what the build's record of it says."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from atlas.structured_parts import iso_duration
from conftest import ROOT
from pyld import jsonld

SCHEMA = "https://schema.org/"
SITE = "https://smr-atlas.github.io/"


def _offline_loader(url, options=None):
    """schema.org's context, without the network: every term is a schema.org IRI (its @vocab)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}
    raise AssertionError(f"the JSON-LD refers to a context other than schema.org's: {url}")


class _Head(HTMLParser):
    """The JSON-LD blocks of a page, and whether each is inside <head>."""

    def __init__(self):
        super().__init__()
        self.in_head = self.in_json_ld = False
        self.blocks: list[tuple[bool, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.in_json_ld = True
            self.blocks.append((self.in_head, ""))

    def handle_endtag(self, tag):
        self.in_head = self.in_head and tag != "head"
        self.in_json_ld = self.in_json_ld and tag != "script"

    def handle_data(self, data):
        if self.in_json_ld:
            in_head, text = self.blocks[-1]
            self.blocks[-1] = (in_head, text + data)


def nodes(html: str) -> dict[str, list[dict]]:
    """The page's one JSON-LD block, expanded and flattened by pyld: its nodes by schema.org type."""
    parser = _Head()
    parser.feed(html)
    assert len(parser.blocks) == 1, f"{len(parser.blocks)} JSON-LD blocks"
    in_head, text = parser.blocks[0]
    assert in_head, "the JSON-LD is not in <head>"
    flat = jsonld.flatten(json.loads(text), options={"documentLoader": _offline_loader})
    by_type: dict[str, list[dict]] = {}
    for node in flat:
        for kind in node.get("@type", []):
            by_type.setdefault(kind.removeprefix(SCHEMA), []).append(node)
    return by_type


def values(node: dict, name: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + name, [])]


def _html(site, src_uri: str) -> str:
    stem = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return (site / stem / "index.html" if stem else site / "index.html").read_text(encoding="utf-8")


def _public(src_uri: str) -> str:
    stem = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
    return SITE + (f"{stem}/" if stem else "")


def _hand_written():
    """(src_uri, reviewed) of every page in docs/, from its front matter; a translation's (x.es.md) as the
    page it makes (es/x.md), with its own review date."""
    out = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        reviewed = re.search(r"^reviewed:\s*(\S+)", path.read_text(encoding="utf-8"), re.M).group(1)
        src = path.relative_to(ROOT / "docs").as_posix()
        translated = re.fullmatch(r"(.+)\.([a-z]{2})\.md", src)
        out.append((f"{translated.group(2)}/{translated.group(1)}.md" if translated else src, reviewed))
    return out


def test_every_page_is_a_medical_web_page_as_its_record_says(site, pages):
    records = [(p.src_uri, p.reviewed, p.title) for p in pages.pages]
    records += [(src, reviewed, None) for src, reviewed in _hand_written()]
    for src_uri, reviewed, title in records:
        found = nodes(_html(site, src_uri))
        [page] = found["MedicalWebPage"]
        assert page["@id"] == _public(src_uri), src_uri
        assert values(page, "lastReviewed") == [str(reviewed)], src_uri
        assert values(page, "reviewedBy") == []  # nobody is named in the data: none is made up
        assert page.get(SCHEMA + "audience") and page.get(SCHEMA + "about"), src_uri
        if title:
            assert values(page, "name") == [title], src_uri
        assert {"WebSite", "Organization"} <= set(found), src_uri


def _by_id(found: dict, node_id: str) -> dict:
    return next(n for kind in found.values() for n in kind if n["@id"] == node_id)


def test_technique_pages_cite_their_evidence_and_describe_the_plan(site, atlas):
    for t in atlas.techniques.values():
        found = nodes(_html(site, f"techniques/{t.id}.md"))
        [page], [plan] = found["MedicalWebPage"], found["ExercisePlan"]
        assert SCHEMA + "HowTo" in plan["@type"]
        assert values(page, "about") == [plan["@id"]]
        works = [_by_id(found, work) for work in values(page, "citation")]
        refs = [atlas.references[key] for key in t.evidence]
        assert [values(w, "name") for w in works] == [[r.title] for r in refs], t.id
        assert [values(w, "url") for w in works] == [[f"https://doi.org/{r.doi}"] if r.doi else [] for r in refs]
        assert values(plan, "activityDuration") == [iso_duration(t.dose.seconds)]
        [repetitions] = values(plan, "repetitions")
        assert values(_by_id(found, repetitions), "value") == [t.dose.sets]
        assert bool(values(plan, "restPeriods")) == (t.dose.sets > 1)
        tools = {values(_by_id(found, tool), "name")[0] for tool in values(plan, "tool")}
        assert tools == {atlas.equipment[e].title for e in t.equipment}
        anatomy = {values(_by_id(found, a), "name")[0] for a in values(plan, "associatedAnatomy")}
        assert anatomy == {atlas.regions[r].title for r in t.regions}
        assert len(values(plan, "step")) == len(t.steps) + 1  # the set-up, then each step


def test_routine_pages_give_each_step_its_dose(site, atlas):
    for r in atlas.routines.values():
        found = nodes(_html(site, f"routines/{r.id}.md"))
        [plan] = [n for n in found["ExercisePlan"] if n["@id"].endswith("#plan")]
        steps = [_by_id(found, s) for s in values(plan, "step")]
        assert [values(s, "position")[0] for s in steps] == list(range(1, len(r.steps) + 1))
        for step, routine_step in zip(steps, r.steps, strict=True):
            assert values(step, "url") == [f"{SITE}techniques/{routine_step.technique}/"]
            assert values(_by_id(found, values(step, "repetitions")[0]), "value") == [routine_step.dose.sets]
        assert values(plan, "tool") and values(plan, "activityDuration")


def test_the_claims_page_reviews_every_claim_with_its_verdict(site, atlas):
    found = nodes(_html(site, "claims/index.md"))
    reviews = {n["@id"].rsplit("#", 1)[1]: n for n in found["ClaimReview"]}
    assert sorted(reviews) == sorted(atlas.claims)
    labels = {"supported": "Supported", "mixed": "Mixed", "not supported": "Not supported", "unknown": "Unknown"}
    for claim_id, review in reviews.items():
        claim = atlas.claims[claim_id]
        rating = _by_id(found, values(review, "reviewRating")[0])
        assert values(rating, "alternateName") == [labels[claim.verdict]]
        assert bool(values(rating, "ratingValue")) == (claim.verdict != "unknown")
        item = _by_id(found, values(review, "itemReviewed")[0])
        assert SCHEMA + "Claim" in item["@type"] and values(review, "claimReviewed")


def test_the_sitemap_dates_each_page_by_its_review(site, pages):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    expected = {_public(prefix + p.src_uri): str(p.reviewed) for p in pages.pages for prefix in ("", "es/")}
    expected |= {_public(src): reviewed for src, reviewed in _hand_written()}
    assert dates == expected


@pytest.mark.parametrize(("seconds", "iso"), [(45, "PT45S"), (60, "PT1M"), (150, "PT2M30S"), (0, "PT0S")])
def test_durations_are_iso_8601(seconds, iso):
    assert iso_duration(seconds) == iso


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a & b", "\u2028"])
def test_no_text_can_end_the_script_element(text):
    from atlas.structured_data import script_element

    element = str(script_element({"name": text}))
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body
    assert json.loads(body) == {"name": text}


def test_region_equipment_and_glossary_pages_say_what_they_are_about(site, atlas):
    for r in atlas.regions.values():
        found = nodes(_html(site, f"regions/{r.id}.md"))
        [page] = found["MedicalWebPage"]
        assert [values(_by_id(found, a), "name") for a in values(page, "about")] == [[r.title]]
        assert len(values(page, "citation")) == len(r.evidence)
    for e in atlas.equipment.values():
        found = nodes(_html(site, f"equipment/{e.id}.md"))
        assert [e.title] in [values(_by_id(found, a), "name") for a in values(found["MedicalWebPage"][0], "about")]
    found = nodes(_html(site, "glossary/index.md"))
    [terms] = found["DefinedTermSet"]
    assert len(values(terms, "hasDefinedTerm")) == len(atlas.glossary)
    found = nodes(_html(site, "references/index.md"))
    assert len(values(found["MedicalWebPage"][0], "citation")) == len(atlas.references)
