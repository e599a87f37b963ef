"""Hostile and broken input, by class: every kind ends in one clear `file:line: field: message`, in
seconds, with no traceback and no silently wrong page (issue 13, "Data is only ever text").

Each test breaks a copy of the real data the way a careless or hostile pull request might.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from atlas.errors import DataError
from atlas.load import MAX_BYTES, MAX_DEPTH, parse_yaml
from atlas.records import load_atlas

TECH = "data/techniques/calves-foam-roller.yaml"
ROUTINE = "data/routines/pre-run-warm-up.yaml"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def error_of(project: Path) -> str:
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_atlas(project)
    assert time.perf_counter() - start < 10, "a bad input must be refused in seconds"
    message = str(info.value)
    assert "Traceback" not in message
    return message


def set_title(project: Path, title: str) -> None:
    edit(project, TECH, "title: Calves on a foam roller", f"title: {title}")


# ---- what data text may hold -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("'Calves {: onclick=alert(1) }'", "title: must be plain text on one line without < > & { }"),
        ("Calves &lt;b&gt;", "title: must be plain text on one line without < > & { }"),
        ("'Calves [@wilke2020acute]'", "title: site markers and citations ([@key], {claim:…}) do not work in data"),
        ("'{claim:rolling-must-hurt}'", "title: site markers and citations"),
        ("Calves\u202eon a roller", "title: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("Calves\u200bon a roller", "title: contains an invisible character (U+200B ZERO WIDTH SPACE)"),
    ],
)
def test_a_title_is_plain_text(project, text, message):
    set_title(project, text)
    assert f"{TECH}:2: {message}" in error_of(project)


@pytest.mark.parametrize(
    "text, message",
    [
        ("'[tap](javascript:alert(1))'", "link to 'javascript:alert(1' — links in data must start with https://"),
        ("'[tap](../../learn/)'", "link to '../../learn/' — links in data must start with https://"),
        ("'[tap](<data:text/html,x>)'", "link to 'data:text/html,x' — links in data must start with https://"),
        ("'See <img src=x onerror=alert(1)>'", "raw HTML is not allowed in data"),
        ("'[@behm2020foam] says so'", "site markers and citations"),
    ],
)
def test_inline_text_allows_only_emphasis_code_and_web_links(project, text, message):
    edit(project, TECH, "  - Breathe out slowly as you roll.", f"  - {text}")
    line = line_of(project, TECH, text[:12])
    assert f"{TECH}:{line}: cues[0]: {message}" in error_of(project)


def test_inline_text_is_one_paragraph(project):
    edit(
        project,
        TECH,
        "summary: A simple way",
        "summary: |-\n  A first paragraph.\n\n  # Injected heading\n\n  A simple way",
    )
    assert f"{TECH}:3: summary: must be one paragraph (no blank lines)" in error_of(project)


def test_free_text_has_a_length_limit_so_markdown_cannot_be_made_to_crawl(project):
    edit(project, TECH, "  - Breathe out slowly as you roll.", "  - '" + "[" * 30_000 + "'")
    assert "cues[0]: is too long (30000 characters; at most 300) — shorten it" in error_of(project)


def test_a_link_in_data_is_allowed_to_the_web_only(project, pages):
    from atlas.text import INLINE, InlineText, to_html

    html = to_html(InlineText("See *this* [paper](https://doi.org/10.1/x) and `code`."))
    assert InlineText.kind == INLINE
    assert html == (
        'See <em>this</em> <a href="https://doi.org/10.1/x" rel="noopener noreferrer">paper</a> and <code>code</code>.'
    )


# ---- files the loader cannot read --------------------------------------------------------------


def test_a_named_pipe_is_refused_without_opening_it(project):
    fifo = project / "data/techniques/pipe.yaml"
    os.mkfifo(fifo)
    assert "data/techniques/pipe.yaml: is not a regular file — data files must be plain text files" in error_of(project)


def test_a_device_is_refused(project):
    (project / "data/techniques/endless.yaml").symlink_to("/dev/zero")
    assert "data/techniques/endless.yaml: is not a regular file" in error_of(project)


def test_a_huge_file_is_refused_before_it_is_parsed(project):
    path = project / TECH
    path.write_text(path.read_text(encoding="utf-8") + "#" * MAX_BYTES, encoding="utf-8")
    assert re.search(rf"{TECH}: is \d+ KB; at most {MAX_BYTES // 1024} KB", error_of(project))


def test_deep_nesting_is_refused_before_it_is_built():
    deep = "title: " + "[" * (MAX_DEPTH + 8) + "]" * (MAX_DEPTH + 8) + "\n"
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        parse_yaml(deep, "data/techniques/x.yaml")
    assert time.perf_counter() - start < 10
    assert str(info.value) == (
        f"data/techniques/x.yaml:1: lists and groups are nested more than {MAX_DEPTH} deep — "
        "no data kind needs that; check the brackets and indentation"
    )


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_character_yaml_counts_as_a_line_break_is_refused_at_its_editor_line(project, char):
    edit(project, TECH, "  - Breathe out slowly as you roll.", f"  - Breathe out{char} slowly as you roll.")
    line = line_of(project, TECH, "Breathe out")
    assert error_of(project).startswith(f"{TECH}:{line}: the file contains U+{ord(char):04X}")


def test_an_upper_case_yaml_file_is_not_ignored_without_a_word(project):
    (project / TECH).rename(project / "data/techniques/calves-foam-roller.YAML")
    message = error_of(project)
    assert "data/techniques/calves-foam-roller.YAML: data files end in .yaml, not .YAML" in message


def test_another_kind_of_file_in_a_data_folder_is_named(project):
    (project / "data/routines/notes.txt").write_text("todo", encoding="utf-8")
    assert "data/routines/notes.txt: only .yaml data files belong here" in error_of(project)


# ---- silently wrong pages ----------------------------------------------------------------------


def test_a_key_is_the_text_the_author_wrote_not_what_yaml_reads_into_it():
    doc = parse_yaml("0755:\n  term: x\nyes: 1\n", "data/glossary.yaml")
    assert list(doc.data) == ["0755", "yes"]


def test_a_fraction_is_not_a_whole_number(project):
    edit(project, TECH, "  seconds: 60", "  seconds: 60.0")
    line = line_of(project, TECH, "seconds: 60.0")
    assert f"{TECH}:{line}: dose.seconds: expected a whole number, got 60.0" in error_of(project)


def test_a_routine_longer_than_a_link_can_carry_is_refused(project):
    path = project / ROUTINE
    text = path.read_text(encoding="utf-8")
    steps = "".join("  - technique: calves-foam-roller\n" for _ in range(31))
    path.write_text(re.sub(r"steps:\n(  - .*\n(    .*\n)*)+", "steps:\n" + steps, text), encoding="utf-8")
    assert f"{ROUTINE}:" in error_of(project) and "steps: " in error_of(project)


@pytest.mark.parametrize(
    "rel, old, new, message",
    [
        (TECH, "aliases: [calf-roll]", "aliases: [index]", "aliases[0]: techniques/index/ is a page the site makes"),
        ("data/regions.yaml", "\ncalves:\n", "\nindex:\n", "regions/index/ is a page the site makes itself"),
    ],
)
def test_an_id_or_alias_cannot_take_the_place_of_a_page_the_site_makes(project, rel, old, new, message):
    edit(project, rel, old, new)
    assert message in error_of(project)


def test_a_technique_file_named_like_an_index_page_is_refused(project):
    (project / TECH).rename(project / "data/techniques/index.yaml")
    assert "data/techniques/index.yaml: techniques/index/ is a page the site makes itself" in error_of(project)


def test_region_path_data_must_follow_svg_grammar_not_just_its_characters(project):
    path = project / "data/regions.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"- (M[^\n]+)", text).group(1)
    path.write_text(text.replace(first, "M1 2L3", 1), encoding="utf-8")
    assert re.search(r"data/regions\.yaml:\d+: \S+\.shape\.\w+\[0\]: is not valid SVG path data: ", error_of(project))


# ---- references.bib ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, message",
    [
        ("url = {javascript:alert(1)}", "barnes1997basic.url: unknown field"),
        ("note = {x}", "barnes1997basic.note: unknown field"),
        ("doi = {javascript:alert(1)}", "barnes1997basic.doi: 'javascript:alert(1)' is not a DOI"),
    ],
)
def test_a_bib_entry_holds_bibliographic_text_only(project, field, message):
    bib = project / "references.bib"
    text = bib.read_text(encoding="utf-8").replace("  doi     = {10.1016/S1360-8592(97)80051-4}", f"  {field}", 1)
    bib.write_text(text, encoding="utf-8")
    assert message in error_of(project)


def test_a_bib_title_with_a_latex_link_is_refused(project):
    edit(
        project,
        "references.bib",
        "{The basic science of myofascial release: morphologic change in connective tissue}",
        "{\\href{javascript:x}{The basic science}}",
    )
    assert "barnes1997basic.title: holds a URL, markup or a LaTeX command" in error_of(project)


def test_a_bib_key_pandoc_would_reject_is_named(project):
    edit(project, "references.bib", "@article{barnes1997basic,", "@article{barnes 1997basic,")
    assert error_of(project).startswith("references.bib")


def test_libyaml_s_own_depth_limit_is_a_clean_error_too():
    with pytest.raises(DataError, match=r"^data/x\.yaml:1: YAML syntax error: .*nesting depth"):
        parse_yaml("title: " + "[" * 5000 + "]" * 5000 + "\n", "data/x.yaml")


@pytest.mark.parametrize(
    "rel, old, new, field",
    [
        (TECH, "aliases: [calf-roll]", 'aliases: ["calf-roll\\n"]', "aliases[0]"),
        (TECH, "related: [calves-roller-stick,", 'related: ["calves-roller-stick\\n",', "related[0]"),
        (TECH, "evidence: [wilke2020acute", 'evidence: ["wilke2020acute\\n"', "evidence[0]"),
    ],
)
def test_a_final_newline_does_not_slip_past_a_rule(project, rel, old, new, field):
    """JSON Schema's patterns end in `$`, the end of the text; in Python's `re` it also matches before a last
    newline, so 'calf-roll\\n' passed as an id (and an alias becomes a folder name)."""
    edit(project, rel, old, new)
    message = error_of(project)
    assert re.search(rf"^{re.escape(TECH)}:\d+: {re.escape(field)}: ", message, re.MULTILINE), message
