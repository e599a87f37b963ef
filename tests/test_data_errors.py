"""Every kind of bad data stops the build with one clear line naming file, line and field.

Each test breaks a copy of the real data in one way and checks the exact message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from atlas.errors import DataError
from atlas.load import parse_yaml
from atlas.records import load_atlas

TECH = "data/techniques/calves-foam-roller.yaml"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def error_of(project: Path) -> str:
    with pytest.raises(DataError) as info:
        load_atlas(project)
    return str(info.value)


def test_real_data_loads(project):
    atlas = load_atlas(project)
    assert "calves-foam-roller" in atlas.techniques
    assert atlas.techniques["calves-foam-roller"].dose.seconds > 0


def test_wrong_type_names_file_line_and_field(project):
    edit(project, TECH, "  seconds: 60", "  seconds: lots")
    line = line_of(project, TECH, "seconds: lots")
    assert error_of(project) == f"{TECH}:{line}: dose.seconds: expected a whole number, got 'lots'"


def test_negative_number(project):
    edit(project, TECH, "  sets: 2", "  sets: -2")
    line = line_of(project, TECH, "sets: -2")
    assert error_of(project) == f"{TECH}:{line}: dose.sets: must be at least 1, got -2"


def test_missing_required_field(project):
    edit(project, TECH, "title: Calves on a foam roller\n", "")
    message = error_of(project)
    assert message.startswith(f"{TECH}:2: missing required field 'title'")
    assert "Page title" in message  # the hint comes from the schema's description


def test_unknown_field_suggests_the_right_name(project):
    edit(project, TECH, "stop_if:", "stopif:")
    line = line_of(project, TECH, "stopif:")
    message = error_of(project)
    assert f"{TECH}:{line}: stopif: unknown field 'stopif' — did you mean 'stop_if'?" in message


def test_duplicate_key(project):
    edit(project, TECH, "title: Calves on a foam roller\n", "title: Calves on a foam roller\ntitle: Again\n")
    assert error_of(project) == f"{TECH}:3: title: duplicate key (first at line 2) — remove one of them"


def test_yaml_syntax_error(project):
    edit(project, TECH, "regions: [calves]", "regions: [calves")
    message = error_of(project)
    assert re.match(rf"{re.escape(TECH)}:\d+: YAML syntax error: ", message), message


def test_empty_file(project):
    (project / TECH).write_text("# yaml-language-server: $schema=../schema/technique.schema.json\n")
    assert error_of(project) == f"{TECH}: the file is empty — copy an existing file as a start"


def test_not_utf8(project):
    path = project / TECH
    path.write_bytes(path.read_bytes().replace(b"Calves on", "Caf\xe9 on".encode("latin-1")))
    assert error_of(project) == f"{TECH}:2: the file is not UTF-8 text — save it as UTF-8 in your editor"


def test_unknown_region_suggests_a_close_one(project):
    edit(project, TECH, "regions: [calves]", "regions: [calfs]")
    line = line_of(project, TECH, "regions: [calfs]")
    assert error_of(project) == (f"{TECH}:{line}: regions[0]: unknown region 'calfs' — did you mean 'calves'?")


def test_unknown_equipment(project):
    edit(project, TECH, "equipment: [foam-roller]", "equipment: [vibrating-gun]")
    assert "equipment[0]: unknown equipment 'vibrating-gun'" in error_of(project)


def test_unknown_related_technique(project):
    edit(project, TECH, "related: [", "related: [no-such-technique, ")
    assert "related[0]: unknown related technique 'no-such-technique'" in error_of(project)


def test_unknown_citation_key(project):
    edit(project, TECH, "evidence: [wilke2020acute", "evidence: [wilke2020acutee")
    line = line_of(project, TECH, "evidence: [wilke2020acutee")
    assert error_of(project) == (
        f"{TECH}:{line}: evidence[0]: unknown citation key 'wilke2020acutee' — did you mean 'wilke2020acute'?"
    )


def test_broken_references_bib(project):
    edit(project, "references.bib", "@article{barnes1997basic,", "@article{barnes1997basic, note = {unclosed,")
    message = error_of(project)
    assert message.startswith("references.bib:") and "BibTeX syntax error" in message


def test_duplicate_reference_key(project):
    bib = project / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8") + "\n@article{barnes1997basic, title={x}, year={1}, author={A}}\n",
        encoding="utf-8",
    )
    assert "repeated bibliography entry: barnes1997basic" in error_of(project)


def test_raw_html_is_refused(project):
    edit(project, TECH, "title: Calves on a foam roller", "title: Calves <script>alert(1)</script>")
    assert error_of(project) == (
        f"{TECH}:2: title: raw HTML is not allowed in data — write plain text or Markdown (e.g. **bold**)"
    )


def test_script_link_is_refused(project):
    edit(project, TECH, "  - Breathe out slowly as you roll.", "  - '[tap](javascript:alert(1))'")
    assert "cues[0]: link to 'javascript:alert(1' — links in data must start with https:// or http://" in error_of(
        project
    )


def test_alias_bomb_is_refused():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    with pytest.raises(DataError) as info:
        parse_yaml(bomb, "data/bomb.yaml")
    assert str(info.value) == "data/bomb.yaml:2: YAML aliases (*a) are not allowed — write the value out in full"


def test_unknown_yaml_tag_is_refused():
    with pytest.raises(DataError) as info:
        parse_yaml("title: !!python/object/apply:os.system [ls]\n", "f.yaml")
    assert str(info.value).startswith("f.yaml:1: unsupported YAML tag")


def test_bad_date(project):
    edit(project, TECH, "reviewed: 2026-12-02", "reviewed: 2026-13-45")
    assert "reviewed: '2026-13-45' is not a real date" in error_of(project)


def test_file_name_must_be_a_valid_id(project):
    (project / TECH).rename(project / "data/techniques/Calves Roller.yaml")
    assert "'Calves Roller' is not a valid id for a file name" in error_of(project)


def test_unknown_routine_technique(project):
    routine = next((project / "data/routines").glob("*.yaml"))
    text = routine.read_text(encoding="utf-8")
    first = re.search(r"technique: ([a-z0-9-]+)", text).group(1)
    routine.write_text(text.replace(f"technique: {first}", "technique: nope", 1), encoding="utf-8")
    assert "steps[0].technique: unknown technique 'nope'" in error_of(project)


def test_all_problems_are_reported_together(project):
    edit(project, TECH, "  seconds: 60", "  seconds: lots")
    edit(project, TECH, "  sets: 2", "  sets: 0")
    assert len(error_of(project).splitlines()) == 2


def test_citation_keys_finds_every_key_with_its_line():
    from atlas.bibliography import citation_keys

    text = "Intro.\nOne [@a2020x; @b2021y] and [@c2022z].\nAn email a@b.org is not a citation."
    assert citation_keys(text) == [(2, "a2020x"), (2, "b2021y"), (2, "c2022z")]
