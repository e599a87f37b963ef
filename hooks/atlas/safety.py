"""What a technique page and its handout say about safety, from the one caution model (data/cautions.yaml):
the cautions for everyone, then those of the technique's body regions, then its own; the spots to stay
off (its regions' and its own); and when to stop. Each caution keeps its source, so the page can say which
ones an expert panel agreed on and which are SMR Atlas's general caution.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Atlas, Caution, Technique


@dataclass(frozen=True)
class Safety:
    stay_off: list[str]
    do_not: list[Caution]  # do not roll (here)
    ask_first: list[Caution]  # ask a doctor, physiotherapist or care team first
    stop_if: list[str]

    @property
    def has_consensus(self) -> bool:
        return any(c.source == "consensus" for c in self.do_not + self.ask_first)


def safety(atlas: Atlas, t: Technique) -> Safety:
    regions = [atlas.regions[r] for r in t.regions]
    library = atlas.cautions.library
    picked = [library[c] for r in regions for c in r.cautions] + [library[c] for c in t.cautions]
    cautions = _unique([*atlas.cautions.everyone, *picked], key=lambda c: c.id)
    return Safety(
        stay_off=_unique([s for r in regions for s in r.stay_off] + list(t.stay_off), key=str.lower),
        do_not=[c for c in cautions if c.level == "do-not"],
        ask_first=[c for c in cautions if c.level == "ask-first"],
        stop_if=list(t.stop_if),
    )


def _unique(items, key):
    seen, out = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out
