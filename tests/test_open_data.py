"""The open data under site/data/: every published record validates against the published schema of its
kind (with a plain JSON Schema validator, as anyone reusing it would), carries its licence and
attribution, and names a page that the build really made."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


@pytest.fixture(scope="session")
def published(tmp_path_factory, atlas) -> Path:
    """The open data as the build writes it (without a whole build: the fast loop runs these)."""
    from atlas.open_data import Publication

    site = tmp_path_factory.mktemp("open-data")
    Publication(atlas, "https://smr-atlas.github.io/", ROOT).write(site)
    return site / "data"


def _validator(folder: Path, record_schema: str):
    """A standard 2020-12 validator for ``record_schema`` (a URI relative to site/data/), resolving the
    schemas' references among the published copies only."""
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")), default_specification=DRAFT202012))
        for p in (folder / "schema").glob("*.json")
    )
    return jsonschema.Draft202012Validator({"$ref": record_schema.removeprefix("schema/")}, registry=registry)


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _version() -> str:
    return re.search(r"^## (\S+) — ", (ROOT / "data/CHANGELOG.md").read_text(encoding="utf-8"), re.M).group(1)


def test_every_published_record_validates_against_its_schema(published):
    index = _json(published / "index.json")
    checked = 0
    for kind, entry in index["files"].items():
        validator = _validator(published, entry["record_schema"])
        files = [published / entry["file"]]
        if "one_file_each" in entry:
            files += sorted((published / kind).glob("*.json"))
        for path in files:
            data = _json(path)
            items = data.get("records", [data])
            for item in items:
                errors = [e.message for e in validator.iter_errors(item["record"])]
                assert errors == [], f"{path.name}: {item['id']}: {errors[:3]}"
                checked += 1
        assert len(_json(published / entry["file"])["records"]) == entry["records"]
    assert checked > 100


def test_every_file_says_its_licence_version_and_attribution(published):
    for path in published.rglob("*.json"):
        if path.parent.name == "schema":
            continue
        data = _json(path)
        assert data["meta"]["licence"] == "CC BY-SA 4.0" and data["meta"]["licence_url"] == LICENCE_URL, path
        assert data["meta"]["version"] == _version(), path
        for item in data.get("records", [data] if "record" in data else []):
            credit = item["attribution"]
            assert credit["author"] == "SMR Atlas" and credit["url"] == item["url"] and credit["title"], item["id"]
            assert credit["licence_url"] == LICENCE_URL and item["url"] in credit["text"]
    licence = (published / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in licence and LICENCE_URL in licence and _version() in licence


def test_the_schemas_are_published_as_the_data_uses_them(published):
    ours = {p.name: p.read_bytes() for p in (ROOT / "data/schema").glob("*.json")}
    theirs = {p.name: p.read_bytes() for p in (published / "schema").glob("*.json")}
    assert theirs == ours and "common.schema.json" in theirs
    assert (published / "CHANGELOG.txt").read_bytes() == (ROOT / "data/CHANGELOG.md").read_bytes()


def test_one_file_per_technique_and_routine_and_a_row_per_technique(published, atlas):
    old_ids = {alias: t.id for t in atlas.techniques.values() for alias in t.aliases}
    files = {p.stem: _json(p)["id"] for p in (published / "techniques").glob("*.json")}
    assert files == {t: t for t in atlas.techniques} | old_ids  # a renamed technique stays at its old id too
    assert sorted(p.stem for p in (published / "routines").glob("*.json")) == sorted(atlas.routines)
    rows = list(csv.DictReader(io.StringIO((published / "techniques.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == list(atlas.techniques)
    for row in rows:
        t = atlas.techniques[row["id"]]
        assert row["title"] == t.title and int(row["seconds"]) == t.dose.seconds
        assert row["url"] == f"https://smr-atlas.github.io/techniques/{t.id}/"


def test_a_cell_a_spreadsheet_would_run_is_kept_as_text():
    from atlas.open_data import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("-2") == "'-2"
    assert _cell("Calves") == "Calves" and _cell(60) == 60


def test_no_data_version_is_one_clear_line(tmp_path):
    from atlas.errors import DataError
    from atlas.open_data import data_version

    (tmp_path / "data").mkdir()
    (tmp_path / "data/CHANGELOG.md").write_text("# Changes\n\n## Next\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        data_version(tmp_path)
    assert str(error.value) == "data/CHANGELOG.md: no data version found — add a heading like '## 1.0.0 — 2026-12-02'"


def _page_file(site: Path, url: str) -> tuple[Path, str]:
    path, _, anchor = url.removeprefix("https://smr-atlas.github.io/").partition("#")
    return site / path / "index.html", anchor


def test_the_build_publishes_it_and_every_id_and_url_is_a_page(site, atlas):
    data = site / "data"
    index = _json(data / "index.json")
    for entry in index["files"].values():
        for item in _json(data / entry["file"])["records"]:
            page, anchor = _page_file(site, item["url"])
            assert page.is_file(), item["url"]
            if anchor:
                assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), item["url"]
            else:
                assert page.parent.name == item["id"], item["url"]
    downloads = (site / "downloads/index.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="\.\./(data/[^"]+)"', downloads):
        assert (site / link).is_file(), link
    example = re.search(r"curl -s https://smr-atlas\.github\.io/(data/techniques/[a-z0-9-]+\.json)", downloads)
    assert example and (site / example.group(1)).is_file()
