"""Property-based tests: whatever YAML an author writes, the loader returns valid data or the
project's own DataError — never a KeyError, TypeError or a YAML traceback."""

from __future__ import annotations

import copy

import yaml
from atlas.errors import DataError
from atlas.load import parse_yaml
from atlas.records import _technique, load_atlas
from atlas.validate import load_schema, schema_problems, text_problems
from conftest import ROOT, scaled
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

TECHNIQUE = yaml.safe_load((ROOT / "data/techniques/calves-foam-roller.yaml").read_text(encoding="utf-8"))
TECHNIQUE["reviewed"] = str(TECHNIQUE["reviewed"])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["TODO", "<b>x</b>", "2026-02-30", "calves", "-1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def check_technique_text(text: str):
    """What the build does with one technique file, minus the disk: parse, validate, make the record."""
    doc = parse_yaml(text, "data/techniques/x.yaml")
    schema = load_schema("technique")
    problems = schema_problems(doc, schema) + text_problems(doc, schema)
    if problems:
        raise DataError(problems)
    return _technique("x", doc)


def _only_our_errors(text: str):
    try:
        check_technique_text(text)
    except DataError as e:
        assert str(e).strip(), "an error must say what is wrong"
        for line in str(e).splitlines():
            assert line.startswith("data/techniques/x.yaml"), line


@settings(max_examples=scaled(300), deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_data_or_a_clear_error(text):
    _only_our_errors(text)


@settings(max_examples=scaled(200), deadline=None)
@given(values)
@example({"0\n": None})  # found by Hypothesis: a key ending in a newline passed as a plain key, breaking the line
def test_arbitrary_yaml_documents_give_data_or_a_clear_error(value):
    _only_our_errors(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=scaled(300), deadline=None)
@given(
    st.sampled_from(sorted(TECHNIQUE) + ["dose.seconds", "dose.sets", "dose.per_side", "dose.pace", "extra"]), values
)
def test_any_value_in_any_field_gives_data_or_a_clear_error(field, value):
    doc = copy.deepcopy(TECHNIQUE)
    target, key = (doc["dose"], field.split(".")[1]) if field.startswith("dose.") else (doc, field)
    target[key] = value
    _only_our_errors(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


@settings(max_examples=scaled(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["regions", "equipment", "related", "evidence", "aliases"]),
    value=st.lists(st.text(alphabet="abc-xyz0", min_size=1, max_size=8), max_size=3),
)
def test_cross_references_give_data_or_a_clear_error(project, field, value):
    """The whole loader, cross-references included, on a copy of the real data."""
    doc = copy.deepcopy(TECHNIQUE)
    doc[field] = value
    (project / "data/techniques/calves-foam-roller.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    try:
        load_atlas(project)
    except DataError as e:
        assert all(":" in line for line in str(e).splitlines())
