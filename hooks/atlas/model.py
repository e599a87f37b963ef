"""The records the site is built from, after validation.

Field names match the YAML fields (see data/schema/*.schema.json), so a record is easy to
trace back to its file. ``source`` is the data file a record came from, for edit links.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dose:
    seconds: int
    sets: int
    pace: str
    rest_seconds: int = 15
    per_side: bool = False

    @property
    def total_seconds(self) -> int:
        """Time under the roller plus rests, both sides when the dose is per side."""
        one_side = self.sets * self.seconds + (self.sets - 1) * self.rest_seconds
        return one_side * (2 if self.per_side else 1)


@dataclass(frozen=True)
class Technique:
    id: str
    source: str
    title: str
    summary: str
    regions: list[str]
    muscles: list[str]
    equipment: list[str]
    setup: str
    steps: list[str]
    dose: Dose
    cues: list[str]
    mistakes: list[str]
    easier: list[str]
    harder: list[str]
    stop_if: list[str]
    research: str
    evidence: list[str]
    related: list[str]
    reviewed: str
    caution: str | None = None
    aliases: list[str] = field(default_factory=list)
    figure: dict | None = None  # the picture of one pass (atlas.figure draws and checks it)
    stay_off: list[str] = field(default_factory=list)  # beyond its regions' (atlas/safety.py adds those)
    cautions: list[str] = field(default_factory=list)  # ids in the caution library, beyond everyone's and its regions'


@dataclass(frozen=True)
class Region:
    id: str
    source: str
    title: str
    summary: str
    view: str
    shape: dict[str, list[str]]  # view ("front"/"back") → SVG path data on that view of the body map
    reviewed: str
    caution: str | None = None
    evidence: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)  # body segments a figure may roll in this region
    stay_off: list[str] = field(default_factory=list)  # spots no technique of this region may press on
    cautions: list[str] = field(default_factory=list)  # ids in the caution library (data/cautions.yaml)


@dataclass(frozen=True)
class Caution:
    """Who should not roll, or should ask first (data/cautions.yaml)."""

    id: str
    level: str  # do-not or ask-first
    source: str  # consensus (one of the expert panel's six items) or general (the site's own caution)
    short: str  # a few words completing "… if you": the one-page handout lists these
    text: str
    consensus: str | None = None  # which of the panel's six items, when source is consensus


@dataclass(frozen=True)
class Grade:
    """One step of the evidence-strength scale (data/evidence-strength.yaml)."""

    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class Cautions:
    everyone: list[Caution]  # on every technique page and handout, in this order
    library: dict[str, Caution]  # picked by regions and techniques


@dataclass(frozen=True)
class Equipment:
    id: str
    source: str
    title: str
    summary: str
    choosing: list[str]
    icon: str  # SVG path data of a 24 × 24 line icon
    reviewed: str
    caution: str | None = None
    evidence: list[str] = field(default_factory=list)
    size: dict | None = None  # typical size in cm (diameter_cm, length_cm), for drawing it to scale


@dataclass(frozen=True)
class RoutineStep:
    technique: str
    dose: Dose  # the technique's dose with this step's overrides applied
    note: str | None = None


@dataclass(frozen=True)
class Routine:
    id: str
    source: str
    title: str
    summary: str
    when: str
    steps: list[RoutineStep]
    reviewed: str
    notes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> int:
        return sum(step.dose.total_seconds for step in self.steps)


@dataclass(frozen=True)
class Claim:
    id: str
    source: str
    claim: str
    origin: str  # "seed-article" or "popular" (the YAML field `source`)
    verdict: str
    strength: str  # how strong the evidence is: reviews, trials, small or theory (data/claims.yaml)
    why: str
    evidence: list[str]
    reviewed: str


@dataclass(frozen=True)
class Term:
    id: str
    source: str
    term: str
    short: str
    definition: str
    also: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reference:
    key: str
    title: str
    year: str
    doi: str | None


@dataclass
class Atlas:
    """Everything the generated pages are made from, cross-checked."""

    techniques: dict[str, Technique]
    regions: dict[str, Region]
    equipment: dict[str, Equipment]
    routines: dict[str, Routine]
    claims: dict[str, Claim]
    glossary: dict[str, Term]
    references: dict[str, Reference]
    cautions: Cautions = field(default_factory=lambda: Cautions([], {}))
    strength: dict[str, Grade] = field(default_factory=dict)  # the evidence-strength scale, by grade id
    figures: dict = field(default_factory=dict)  # technique id → its solved figure (atlas.figure.Scene)
    postures: dict[str, str] = field(default_factory=dict)  # posture id → its words, for figure captions
    translation: object = None  # in another language: how up to date its words are (atlas.translations.Status)

    def techniques_for_region(self, region_id: str) -> list[Technique]:
        return sorted((t for t in self.techniques.values() if region_id in t.regions), key=lambda t: t.title)

    def techniques_for_equipment(self, equipment_id: str) -> list[Technique]:
        return sorted((t for t in self.techniques.values() if equipment_id in t.equipment), key=lambda t: t.title)
