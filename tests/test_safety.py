"""Safe to hand over (issue 12): one caution model — cautions for everyone, for each body region and for a
technique — on every technique page and handout, each saying where it comes from; review dates that mean
something. Each broken rule stops the build with file:line: field."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from atlas.errors import DataError
from atlas.records import load_atlas
from atlas.review import review_due
from atlas.safety import safety
from conftest import ROOT

TODAY = date(2026, 12, 2)
CAUTIONS = "data/cautions.yaml"
REGIONS = "data/regions.yaml"
TECH = "data/techniques/calves-foam-roller.yaml"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    return next(
        i for i, line in enumerate((project / rel).read_text(encoding="utf-8").split("\n"), 1) if needle in line
    )


def error_of(project: Path, today: date = TODAY) -> str:
    with pytest.raises(DataError) as info:
        load_atlas(project, today)
    return str(info.value)


def plain(text: str) -> str:
    """The words of some HTML (or data text) as a reader sees them: glossary tooltips left out (they show
    on demand), inline tags joined, spaces squashed, straight quotes for curly ones."""
    text = re.sub(r'<span class="atlas-term__tip"[^>]*>.*?</span>', "", text)
    text = re.sub(r"</?(?:span|button)\b[^>]*>", "", text)
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return words.replace("’", "'").replace("“", '"').replace("”", '"')


# ---- the model ---------------------------------------------------------------------------------


def test_a_region_without_cautions_stops_the_build(project):
    text = (project / REGIONS).read_text(encoding="utf-8")
    calves = text.split("\ncalves:\n", 1)[1]
    line = re.search(r"^  cautions: .*$", calves, re.M).group(0)
    edit(project, REGIONS, "\ncalves:\n" + calves.split(line)[0] + line + "\n", "\ncalves:\n" + calves.split(line)[0])
    at = line_of(project, REGIONS, "calves:")
    assert f"{REGIONS}:{at}: calves: missing required field 'cautions'" in error_of(project)


def test_a_caution_may_claim_the_expert_panel_only_for_its_six_points(project):
    edit(
        project,
        CAUTIONS,
        "  osteoporosis:\n    level: ask-first\n    source: general\n",
        "  osteoporosis:\n    level: ask-first\n    source: consensus\n    consensus: osteoporosis\n",
    )
    at = line_of(project, CAUTIONS, "consensus: osteoporosis")
    assert f"{CAUTIONS}:{at}: library.osteoporosis.consensus: expected one of 'open-wounds', 'fractures'" in error_of(
        project
    )


def test_a_consensus_caution_keeps_the_panel_s_level(project):
    edit(
        project,
        CAUTIONS,
        "    level: ask-first\n    source: consensus\n    consensus: dvt\n",
        "    level: do-not\n    source: consensus\n    consensus: dvt\n",
    )
    message = error_of(project)
    assert re.search(
        rf"{CAUTIONS}:\d+: everyone\[\d+\]\.level: the expert panel called dvt a reason for caution — use ask-first",
        message,
    )


def test_a_consensus_caution_names_which_point_and_a_general_one_names_none(project):
    edit(project, CAUTIONS, "    source: consensus\n    consensus: dvt\n", "    source: consensus\n")
    assert re.search(rf"{CAUTIONS}:\d+: everyone\[\d+\]: missing required field 'consensus'", error_of(project))


def test_an_unknown_caution_id_gets_a_suggestion(project):
    edit(project, TECH, "stop_if:", "cautions: [varicose-vein]\nstop_if:")
    at = line_of(project, TECH, "cautions: [varicose-vein]")
    assert f"{TECH}:{at}: cautions[0]: unknown caution 'varicose-vein' — did you mean 'varicose-veins'?" in error_of(
        project
    )


def test_a_technique_gets_everyone_s_cautions_then_its_regions_then_its_own(atlas):
    t = atlas.techniques["adductors-foam-roller"]
    shown = safety(atlas, t)
    ids = [c.id for c in shown.do_not + shown.ask_first]
    assert {c.id for c in atlas.cautions.everyone} <= set(ids)
    assert set(atlas.regions["adductors"].cautions) <= set(ids)
    assert "pregnancy-face-down" in ids
    assert len(ids) == len(set(ids))
    assert shown.stay_off[: len(atlas.regions["adductors"].stay_off)] == atlas.regions["adductors"].stay_off


# ---- review dates ------------------------------------------------------------------------------


def test_a_review_date_in_the_future_stops_the_build(project):
    edit(project, TECH, "reviewed: 2026-12-02", "reviewed: 2026-12-24")
    at = line_of(project, TECH, "reviewed: 2026-12-24")
    assert (
        error_of(project)
        == f"{TECH}:{at}: reviewed: 2026-12-24 is in the future — write the date the review actually happened"
    )


def test_a_page_past_its_review_date_stops_the_build(project):
    message = error_of(project, today=date(2027, 12, 3))
    at = line_of(project, TECH, "reviewed:")
    assert f"{TECH}:{at}: reviewed: the review was due on 2027-12-02 — review it against its sources" in message


def test_a_hand_written_page_in_the_future_names_its_line(pages):
    from mkdocs.utils.meta import get_data

    raw = "---\ntitle: X\nreviewed: 2099-01-01\n---\n# X\n"
    with pytest.raises(DataError, match=r"^docs/x\.md:3: reviewed: 2099-01-01 is in the future"):
        pages.finish_hand_written(get_data(raw)[0], src_uri="x.md", raw=raw)


def test_next_review_is_a_year_later_even_from_a_leap_day():
    assert review_due("2026-11-25") == date(2027, 11, 25)
    assert review_due("2028-02-29") == date(2029, 2, 28)


# ---- on every page and handout -----------------------------------------------------------------


def test_every_technique_page_shows_everyone_s_cautions_its_regions_and_where_each_comes_from(atlas, site):
    for t in atlas.techniques.values():
        text = plain((site / "techniques" / t.id / "index.html").read_text(encoding="utf-8"))
        shown = safety(atlas, t)
        for c in shown.do_not + shown.ask_first:
            assert plain(str(c.text)) in text, (t.id, c.id)
        for spot in shown.stay_off:
            assert plain(str(spot)) in text, (t.id, spot)
        assert "Stay off these spots" in text and "An expert panel agreed:" in text and "Our general caution:" in text
        assert "Next review due:" in text


def test_every_page_shows_its_next_review(site):
    pages = [p for p in site.rglob("index.html") if p.parent.name not in {"search", "assets"}]
    missing = [p for p in pages if "Next review due:" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 80 and missing == [] or all("http-equiv" in p.read_text(encoding="utf-8") for p in missing)


def test_claims_show_the_strength_of_their_evidence(atlas, site):
    text = plain((site / "claims" / "index.html").read_text(encoding="utf-8"))
    for grade in atlas.strength.values():
        assert grade.label in text and plain(str(grade.definition)) in text
    for claim in atlas.claims.values():
        assert atlas.strength[claim.strength].label in text
    home = (site / "learn" / "how-smr-works" / "index.html").read_text(encoding="utf-8")
    assert 'class="atlas-verdict__strength"' in home


def test_no_site_text_credits_the_panel_with_more_than_its_six_points():
    for path in [*ROOT.glob("data/techniques/*.yaml"), ROOT / "data/regions.yaml", *ROOT.glob("docs/**/*.md")]:
        text = path.read_text(encoding="utf-8").lower()
        assert "based on expert agreement" not in text, path
