"""Structured data: the JSON-LD (schema.org) in every page's <head>, made from the build's page records
(``atlas.page.Page`` and the Atlas behind it), never from the built HTML.

Every page is a ``MedicalWebPage`` with ``lastReviewed`` (its reviewed date), ``audience``, ``about``
and ``citation`` (the works it cites, from references.bib). ``reviewedBy`` is left out: the data does
not say who reviewed a page, and a made-up reviewer would be worse than none.

Technique and routine pages add their plan, typed ``["ExercisePlan", "HowTo"]``: ExercisePlan has the
dose (``activityDuration``, ``repetitions``, ``restPeriods``, ``intensity``, ``exerciseType``) and,
through PhysicalActivity, ``associatedAnatomy`` for the body regions; it has no property for
equipment, so the plan is also a HowTo, whose ``tool`` (a sub-property of Action's ``instrument``:
"an object used but not consumed") names the roller, ball or stick, and whose ``step`` lists the steps.
The claims page adds a ``ClaimReview`` of each claim (``reviewRating`` carries the verdict), the
glossary a ``DefinedTermSet``. Those parts are made in atlas/structured_parts.py.
"""

from __future__ import annotations

import html
import json
import re

import yaml
from markupsafe import Markup

from .bibliography import citation_keys
from .docs_pages import FRONT_MATTER
from .i18n import LANGUAGES
from .page import Page
from .structured_parts import (
    AUDIENCE,
    SUBJECT,
    citations,
    claim_reviews,
    exercise_plan,
    glossary_terms,
    node_id,
    routine_plan,
)

CONTEXT = "https://schema.org"


def page_json_ld(page: Page, build, image: dict | None = None) -> dict:
    """The JSON-LD of one page: a graph of the page, the site, its publisher and what the page is about.
    ``build`` is the atlas.site.Build the page is part of; ``image`` the link preview ({url, width,
    height, alt}) when this build made one."""
    site_url = build.settings.site_url
    url = build.settings.canonical(page.src_uri)
    front = front_matter(page.markdown)
    web_page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "inLanguage": build.settings.language,
        "isPartOf": {"@id": node_id(site_url, "website")},
        "publisher": {"@id": node_id(site_url, "publisher")},
        "lastReviewed": str(page.reviewed),
        "audience": AUDIENCE,
    }
    if front.get("description"):
        web_page["description"] = html.unescape(str(front["description"]))  # the front matter's is escaped
    if image:
        web_page["primaryImageOfPage"] = {"@type": "ImageObject", "contentUrl": image["url"], **_size(image)}
    extra, about, keys = _about(page, build, url)
    web_page["about"] = about
    works = citations(build.atlas, site_url, keys)
    if works:
        web_page["citation"] = works
    if extra:
        web_page["mainEntity"] = [{"@id": node["@id"]} for node in extra]
    return {"@context": CONTEXT, "@graph": [web_page, *extra, *_site_nodes(site_url)]}


def _about(page: Page, build, url: str) -> tuple[list[dict], list, list[str]]:
    """(the nodes the page is mainly about, its ``about`` value, the citation keys it cites)."""
    atlas, record_id = build.atlas, _record_id(page)
    if page.kind in ("technique", "routine"):
        record = (atlas.techniques if page.kind == "technique" else atlas.routines)[record_id]
        make = exercise_plan if page.kind == "technique" else routine_plan
        plan = make(record, atlas, build.settings, url)
        return [plan], [{"@id": plan["@id"]}], record.evidence
    if page.kind == "region":
        r = atlas.regions[record_id]
        return [], [{"@type": "AnatomicalStructure", "name": r.title}], r.evidence
    if page.kind == "equipment":
        e = atlas.equipment[record_id]
        return [], [{"@type": "Thing", "name": e.title}, SUBJECT], e.evidence
    return _about_collection(page, build, url)


def _about_collection(page: Page, build, url: str) -> tuple[list[dict], list, list[str]]:
    """The same, for the pages of many records (claims, glossary, references) and the other pages."""
    atlas = build.atlas
    if page.kind == "claims":
        keys = _unique(k for c in atlas.claims.values() for k in c.evidence)
        return claim_reviews(atlas, build.settings.site_url, url), [SUBJECT], keys
    if page.kind == "glossary":
        keys = _unique(k for term in atlas.glossary.values() for k in term.evidence)
        return [glossary_terms(atlas, url)], [SUBJECT], keys
    if page.kind == "references":
        return [], [SUBJECT], list(atlas.references)
    if page.source and page.source.startswith("docs/"):  # a hand-written page: the [@key] it cites
        return [], [SUBJECT], _unique(key for _, key in citation_keys(page.markdown))
    return [], [SUBJECT], []


def _record_id(page: Page) -> str:
    return page.src_uri.rsplit("/", 1)[-1].removesuffix(".md")


def _unique(keys) -> list[str]:
    return list(dict.fromkeys(keys))


def _size(image: dict) -> dict:
    return {"width": image["width"], "height": image["height"], "caption": image["alt"]}


def _site_nodes(site_url: str) -> list[dict]:
    site = site_url.rstrip("/") + "/"
    publisher = {"@type": "Organization", "@id": node_id(site_url, "publisher"), "name": "SMR Atlas", "url": site}
    website = {
        "@type": "WebSite",
        "@id": node_id(site_url, "website"),
        "name": "SMR Atlas",
        "url": site,
        "inLanguage": list(LANGUAGES),  # the whole site: every language it is written in
        "publisher": {"@id": publisher["@id"]},
    }
    return [website, publisher]


def front_matter(markdown: str) -> dict:
    """The front matter of a page's Markdown (generated or hand-written), or {}."""
    match = FRONT_MATTER.match(markdown)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


_UNSAFE_IN_SCRIPT = re.compile(r"[<>&\u2028\u2029]")


def script_element(data: dict) -> Markup:
    """``data`` as a <script type="application/ld+json"> element. <, > and & are written as JSON
    escapes (\\u003c…), so no text can close the element (``</script>``) or open a comment
    (``<!--``) inside it; JSON parsers read the escapes back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return Markup(f'<script type="application/ld+json">{text}</script>')
