"""A whole routine in one link, for the routine builder and the client's routine sheet.

The routine lives in the URL fragment, which browsers never send to a server:
``#v=1&t=<title>&s=<id>.<seconds>.<sets>_<id>.<seconds>.<sets>…&n=<note>``. Ids are technique
ids, which last forever (renamed ones keep their old id as an alias), so an old link keeps
working. docs/assets/routine-link.js reads and writes it in the browser; this module makes the
technique catalogue it reads (embedded in the page, so it works offline, even from file://) and
the same fragment for the ready-made routines' "adapt for a client" link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import quote_plus, urlencode

from markupsafe import Markup

from .model import Atlas, Routine
from .pictures import figure_file, words
from .safety import safety
from .schemas import load_schema
from .text import plain_text


def _limits() -> dict:
    """The largest routine a link may carry: the routine schema's own limits (data/schema/routine.schema.json),
    plus the link's note and how much of a link the browser reads. The sheet says what it leaves out."""
    schema = load_schema("routine")["properties"]
    step = schema["steps"]["items"]["properties"]
    return {
        "steps": schema["steps"]["maxItems"],
        "title": schema["title"]["maxLength"],
        "note": 500,  # the trainer's note for one client; it exists only in links
        "seconds": [step["seconds"]["minimum"], step["seconds"]["maximum"]],
        "sets": [step["sets"]["minimum"], step["sets"]["maximum"]],
        "link": 8000,
    }


LIMITS = _limits()


def catalogue(atlas: Atlas, url: Callable[[str], str], *, steps: bool = False) -> dict:
    """What the builder and the sheet need to know about every technique, region and piece of equipment.
    ``url`` makes a page's browser URL as seen from the page the catalogue is embedded in (atlas/urls.py).
    ``steps``: also what the client's sheet shows for each step (how to set up, where not to press, when
    to stop, and the picture), so the sheet stands alone on a phone at the gym."""
    techniques = sorted(atlas.techniques.values(), key=lambda t: t.title.lower())
    return {
        "limits": LIMITS,
        "techniques": [
            {
                "id": t.id,
                "title": t.title,
                "summary": plain_text(t.summary),  # shown with textContent: the words, not the Markdown
                "regions": t.regions,
                "equipment": t.equipment,
                "seconds": t.dose.seconds,
                "sets": t.dose.sets,
                "rest": t.dose.rest_seconds,
                "perSide": t.dose.per_side,
                "url": url(f"techniques/{t.id}.md"),
                **(step_detail(atlas, t, url) if steps else {}),
            }
            for t in techniques
        ],
        "regions": {r.id: r.title for r in atlas.regions.values()},
        "equipment": {e.id: e.title for e in atlas.equipment.values()},
        "aliases": {alias: t.id for t in atlas.techniques.values() for alias in t.aliases},
        **({"cautions": caution_texts(atlas)} if steps else {}),
    }


def caution_texts(atlas: Atlas) -> dict:
    """Every caution in a few words, by id (steps name theirs), with its level and whether it is one of the
    expert panel's points: the sheet lists each once for the whole routine."""
    cautions = [*atlas.cautions.everyone, *atlas.cautions.library.values()]
    return {c.id: {"short": plain_text(c.short), "level": c.level, "panel": c.source == "consensus"} for c in cautions}


def step_detail(atlas: Atlas, t, url: Callable[[str], str]) -> dict:
    shown = safety(atlas, t)
    return {
        "setup": first_sentences(plain_text(t.setup), 220),
        "stayOff": [str(spot) for spot in shown.stay_off],
        "stopIf": [plain_text(item) for item in shown.stop_if],
        "cautions": [c.id for c in shown.do_not + shown.ask_first],
        "figure": url(figure_file(t.id)),
        "alt": words(atlas, t)[0],
    }


def first_sentences(text: str, limit: int) -> str:
    """As many whole sentences of ``text`` as fit in ``limit`` characters (at least the first)."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


def catalogue_json(atlas: Atlas, url: Callable[[str], str], *, steps: bool = False) -> Markup:
    """The catalogue as JSON that is safe inside <script type="application/json">: no '<', so no '</script>'
    (and no '&', so nothing an HTML parser would read as an entity)."""
    text = json.dumps(catalogue(atlas, url, steps=steps), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace("&", "\\u0026"))


def fragment(title: str | None, steps: list[tuple[str, int, int]], note: str | None = None) -> str:
    """The link fragment (without '#') for a routine of (technique id, seconds, sets) steps."""
    # The step count first, so a link cut short still tells the sheet how many steps were lost.
    params = [("v", "1"), ("c", str(len(steps)))]
    if title:
        params.append(("t", title))
    params.append(("s", "_".join(f"{tid}.{seconds}.{sets}" for tid, seconds, sets in steps)))
    if note:
        params.append(("n", note))
    return urlencode(params, quote_via=quote_plus)


def routine_fragment(routine: Routine) -> str:
    """The same text, as the query that opens a ready-made routine in the builder to adapt it for one client
    (public data, so a query is fine; the builder moves it into the fragment before anything is added)."""
    return fragment(routine.title, [(s.technique, s.dose.seconds, s.dose.sets) for s in routine.steps])
