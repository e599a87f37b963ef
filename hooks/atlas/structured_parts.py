"""The schema.org nodes inside a page's JSON-LD (atlas/structured_data.py puts them together): the
plan of a technique or routine, the reviews of the claims, the glossary's terms, and cited works.

Every text is the plain words of the data (``atlas.text.plain_text``): JSON-LD is read by machines that
would show Markdown as it is.
"""

from __future__ import annotations

from .i18n import gettext
from .model import Atlas, Dose, Routine, Technique
from .page import VERDICT_LABELS, Settings
from .text import plain_text
from .urls import canonical_url

# Who the site is written for (the home page: "for trainers and their clients"). PeopleAudience, not
# MedicalAudience: its readers are not patients or clinicians.
AUDIENCE = [
    {"@type": "PeopleAudience", "audienceType": "Fitness trainers and coaches"},
    {"@type": "PeopleAudience", "audienceType": "Adults who exercise, including trainers' clients"},
]
# What every page is ultimately about. PhysicalActivity (a MedicalEntity) fits a self-care practice.
SUBJECT = {"@type": "PhysicalActivity", "name": "Self-myofascial release", "alternateName": "Foam rolling"}
EXERCISE_TYPE = "Self-myofascial release"
# Verdicts as ratings, worst to best. "unknown" has no place on that scale: it gets a name only.
RATINGS = {"not supported": 1, "mixed": 2, "supported": 3}


def node_id(site_url: str, name: str) -> str:
    return f"{site_url.rstrip('/')}/#{name}"


def iso_duration(seconds: int) -> str:
    """45 → 'PT45S'; 150 → 'PT2M30S'; 600 → 'PT10M' (ISO 8601, as schema.org's Duration)."""
    minutes, rest = divmod(int(seconds), 60)
    return "PT" + (f"{minutes}M" if minutes else "") + (f"{rest}S" if rest or not minutes else "")


def dose_properties(dose: Dose) -> dict:
    """ExercisePlan's own properties for one dose: each set's time (activityDuration), the number of sets
    (repetitions, per side when the dose is per side), the rest between sets and the pace (intensity:
    "may include the velocity of the movement")."""
    per = "sets on each side" if dose.per_side else "sets"
    values = {
        "activityDuration": iso_duration(dose.seconds),
        "repetitions": {"@type": "QuantitativeValue", "value": dose.sets, "unitText": per},
        "intensity": plain_text(dose.pace),
    }
    if dose.sets > 1:
        values["restPeriods"] = {
            "@type": "QuantitativeValue",
            "value": dose.rest_seconds,
            "unitCode": "SEC",  # UN/CEFACT code for seconds, as schema.org's unitCode asks
            "unitText": "seconds between sets",
        }
    return values


def _anatomy(atlas: Atlas, region_ids, settings: Settings) -> list[dict]:
    return [
        {
            "@type": "AnatomicalStructure",
            "name": atlas.regions[r].title,
            "url": settings.canonical(f"regions/{r}.md"),
        }
        for r in region_ids
    ]


def _tools(atlas: Atlas, equipment_ids, settings: Settings) -> list[dict]:
    return [
        {
            "@type": "HowToTool",
            "name": atlas.equipment[e].title,
            "url": settings.canonical(f"equipment/{e}.md"),
        }
        for e in equipment_ids
    ]


def exercise_plan(t: Technique, atlas: Atlas, settings: Settings, url: str) -> dict:
    steps = [plain_text(t.setup), *(plain_text(s) for s in t.steps)]
    return {
        "@type": ["ExercisePlan", "HowTo"],
        "@id": f"{url}#plan",
        "name": t.title,
        "description": plain_text(t.summary),
        "url": url,
        "exerciseType": EXERCISE_TYPE,
        **dose_properties(t.dose),
        "totalTime": iso_duration(t.dose.total_seconds),  # HowTo: sets, rests and both sides together
        "associatedAnatomy": _anatomy(atlas, t.regions, settings),
        "tool": _tools(atlas, t.equipment, settings),
        "step": [
            {"@type": "HowToStep", "position": i, "text": text} | ({"name": "Set up"} if i == 1 else {})
            for i, text in enumerate(steps, start=1)
        ],
    }


def routine_plan(r: Routine, atlas: Atlas, settings: Settings, url: str) -> dict:
    """A routine's plan. Its steps are typed HowToStep and ExercisePlan, so each carries its own dose with
    ExercisePlan's properties (a routine's steps have different times and sets)."""
    techniques = [atlas.techniques[step.technique] for step in r.steps]
    regions = list(dict.fromkeys(region for t in techniques for region in t.regions))
    equipment = list(dict.fromkeys(e for t in techniques for e in t.equipment))
    steps = []
    for i, (step, t) in enumerate(zip(r.steps, techniques, strict=True), start=1):
        item = {
            "@type": ["HowToStep", "ExercisePlan"],
            "position": i,
            "name": t.title,
            "url": settings.canonical(f"techniques/{t.id}.md"),
            "text": plain_text(step.note) if step.note else plain_text(t.summary),
            **dose_properties(step.dose),
        }
        steps.append(item)
    return {
        "@type": ["ExercisePlan", "HowTo"],
        "@id": f"{url}#plan",
        "name": r.title,
        "description": plain_text(r.summary),
        "url": url,
        "exerciseType": EXERCISE_TYPE,
        "activityDuration": iso_duration(r.total_seconds),
        "totalTime": iso_duration(r.total_seconds),
        "associatedAnatomy": _anatomy(atlas, regions, settings),
        "tool": _tools(atlas, equipment, settings),
        "step": steps,
    }


def claim_reviews(atlas: Atlas, site_url: str, url: str) -> list[dict]:
    """A ClaimReview per claim, with the verdict as its reviewRating, the reason as the rating's
    explanation and the works behind it as its citations."""
    reviews = []
    for c in atlas.claims.values():
        rating = {
            "@type": "Rating",
            "alternateName": gettext(VERDICT_LABELS[c.verdict]),
            "ratingExplanation": plain_text(c.why),
        }
        if c.verdict in RATINGS:
            rating |= {"ratingValue": RATINGS[c.verdict], "worstRating": 1, "bestRating": max(RATINGS.values())}
        reviews.append(
            {
                "@type": "ClaimReview",
                "@id": f"{url}#{c.id}",
                "url": f"{url}#{c.id}",
                "claimReviewed": plain_text(c.claim),
                "itemReviewed": {"@type": "Claim", "text": plain_text(c.claim)},
                "reviewRating": rating,
                "datePublished": str(c.reviewed),
                "author": {"@id": node_id(site_url, "publisher")},
                # the works themselves are described once, in the page's citation list
                "citation": [{"@id": work_id(site_url, k, atlas.references[k].doi)} for k in c.evidence],
            }
        )
    return reviews


def glossary_terms(atlas: Atlas, url: str) -> dict:
    terms = sorted(atlas.glossary.values(), key=lambda term: term.term.lower())
    return {
        "@type": "DefinedTermSet",
        "@id": f"{url}#terms",
        "name": "SMR Atlas glossary",
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "name": t.term, "description": plain_text(t.short), "url": f"{url}#{t.id}"}
            for t in terms
        ],
    }


def work_id(site_url: str, key: str, doi: str | None) -> str:
    """A cited work's IRI: its DOI's URL, or else its entry on the References page."""
    return f"https://doi.org/{doi}" if doi else canonical_url(site_url, "references/index.md") + f"#ref-{key}"


def citations(atlas: Atlas, site_url: str, keys) -> list[dict]:
    """The works behind these citation keys. CreativeWork: references.bib does not say what kind of work
    an entry is (an article, a book chapter…)."""
    works = []
    for key in dict.fromkeys(keys):
        ref = atlas.references[key]
        work = {"@type": "CreativeWork", "@id": work_id(site_url, key, ref.doi)}
        work |= {"name": plain_text(ref.title), "datePublished": str(ref.year)}
        if ref.doi:
            work |= {"url": work["@id"], "identifier": f"doi:{ref.doi}"}
        works.append(work)
    return works
