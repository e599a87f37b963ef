"""The library as open data: what every build publishes under site/data/.

- ``index.json``: what is here, the data version, the licence and how to attribute.
- ``<kind>.json`` for techniques, routines, regions, equipment, claims and glossary, and
  ``techniques/<id>.json`` and ``routines/<id>.json`` (a renamed technique's also at each old id, as its
  page redirects from there): each record wrapped as
  ``{"id", "url", "attribution", "record"}``. ``record`` is the record exactly as data/ holds it, so it
  validates against the kind's schema (``meta.record_schema``); id, page URL and attribution live in
  the wrapper because the schemas (rightly) allow no extra fields.
- ``techniques.csv``: one row per technique, its text columns as plain text (Markdown removed).
- ``schema/``: the JSON Schemas, copied from data/schema/ (they refer to each other by file name).
- ``LICENSE`` (CC BY-SA 4.0), ``CHANGELOG.txt`` (data/CHANGELOG.md: the version and breaking changes)
  and ``references.bib`` (what the ``evidence`` keys name).

The data version is the first ``## x.y.z — date`` heading of data/CHANGELOG.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem
from .load import load_yaml
from .model import Atlas
from .text import plain_text
from .urls import canonical_url

FOLDER = "data"  # in the site: /data/
CHANGELOG = "data/CHANGELOG.md"
PUBLISHER = "SMR Atlas"
LICENCE = {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"}
_VERSION = re.compile(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})[ \t]*$", re.M)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); such a cell
# gets a leading apostrophe, which spreadsheets hide and show the text as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Kind:
    name: str  # its file in site/data/: techniques.json
    schema: str  # data/schema/<schema>.schema.json
    source: str  # a folder of one file per record, or one file mapping ids to records
    page: str  # the page a record is on: {id} is filled in; after '#', an anchor on a shared page

    @property
    def one_file_each(self) -> bool:
        return not self.source.endswith(".yaml")

    @property
    def record_schema(self) -> str:
        """The schema of one record, as a URI relative to site/data/ (JSON Schema tools resolve it)."""
        pointer = "" if self.one_file_each else "#/additionalProperties"
        return f"schema/{self.schema}.schema.json{pointer}"


KINDS = (
    Kind("techniques", "technique", "data/techniques", "techniques/{id}.md"),
    Kind("routines", "routine", "data/routines", "routines/{id}.md"),
    Kind("regions", "regions", "data/regions.yaml", "regions/{id}.md"),
    Kind("equipment", "equipment", "data/equipment.yaml", "equipment/{id}.md"),
    Kind("claims", "claims", "data/claims.yaml", "claims/index.md#{id}"),
    Kind("glossary", "glossary", "data/glossary.yaml", "glossary/index.md#{id}"),
)
CSV_COLUMNS = ("id", "title", "url", "summary", "regions", "equipment", "muscles")
CSV_COLUMNS += ("seconds", "sets", "rest_seconds", "per_side", "pace", "evidence", "reviewed")


def data_version(root: Path) -> tuple[str, str]:
    """(version, date) from the newest heading of data/CHANGELOG.md."""
    path = root / CHANGELOG
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    match = _VERSION.search(text)
    if match is None:
        raise DataError(
            Problem(CHANGELOG, None, None, "no data version found", "add a heading like '## 1.0.0 — 2026-12-02'")
        )
    return match.group(1), match.group(2)


def record_url(kind: Kind, record_id: str, site_url: str) -> str:
    """The public address of the page (and anchor) a record is shown on."""
    src, _, anchor = kind.page.format(id=record_id).partition("#")
    return canonical_url(site_url, src) + (f"#{anchor}" if anchor else "")


def attribution(title: str, url: str) -> dict:
    """What anyone reusing a record must say, as parts and as one ready line."""
    return {
        "title": title,
        "url": url,
        "author": PUBLISHER,
        "licence": LICENCE["name"],
        "licence_url": LICENCE["url"],
        "text": f"“{title}” by {PUBLISHER}, {url}, {LICENCE['name']} ({LICENCE['url']})",
    }


def raw_records(kind: Kind, atlas: Atlas, root: Path) -> dict[str, dict]:
    """Every record of ``kind`` as data/ holds it (reread: the Atlas has changed names and shapes), in
    the Atlas's order and only those the Atlas kept."""
    ids = list(_atlas_records(kind, atlas))
    if kind.one_file_each:
        return {i: load_yaml(root / kind.source / f"{i}.yaml", root).data for i in ids}
    data = load_yaml(root / kind.source, root).data
    return {i: data[i] for i in ids}


def _atlas_records(kind: Kind, atlas: Atlas) -> dict:
    return getattr(atlas, "glossary" if kind.name == "glossary" else kind.name)


def _title(kind: Kind, atlas: Atlas, record_id: str) -> str:
    record = _atlas_records(kind, atlas)[record_id]
    return str(getattr(record, "title", None) or getattr(record, "claim", None) or record.term)


def page_links(atlas: Atlas, site_url: str) -> dict:
    """What the Downloads page says about the data: its files (paths in the site) and an example address
    (the public JSON of one technique; Markup-safe: made from site_url and a checked id)."""
    example = next(iter(atlas.techniques), None)
    return {
        "index": f"{FOLDER}/index.json",
        "techniques": f"{FOLDER}/techniques.json",
        "csv": f"{FOLDER}/techniques.csv",
        "licence": f"{FOLDER}/LICENSE",
        "changelog": f"{FOLDER}/CHANGELOG.txt",
        "example": f"{site_url.rstrip('/')}/{FOLDER}/techniques/{example}.json" if example else None,
        "licence_name": LICENCE["name"],
        "licence_url": LICENCE["url"],
    }


class Publication:
    """The open data of one build, ready to write (``write``) and to describe (``index``)."""

    def __init__(self, atlas: Atlas, site_url: str, root: Path):
        self.atlas, self.site_url, self.root = atlas, site_url, Path(root)
        self.version, self.released = data_version(self.root)

    def meta(self, kind: Kind | None = None) -> dict:
        meta = {
            "dataset": f"{PUBLISHER} open data",
            "version": self.version,
            "released": self.released,
            "publisher": PUBLISHER,
            "site": self.site_url,
            "licence": LICENCE["name"],
            "licence_url": LICENCE["url"],
            "attribution": f"Credit {PUBLISHER} and link each record's page and the licence: see each "
            "record's attribution.",
            "changelog": "CHANGELOG.txt",
        }
        if kind is not None:
            meta["record_schema"] = kind.record_schema
        return meta

    def wrapped(self, kind: Kind) -> list[dict]:
        out = []
        for record_id, record in raw_records(kind, self.atlas, self.root).items():
            url = record_url(kind, record_id, self.site_url)
            title = _title(kind, self.atlas, record_id)
            out.append({"id": record_id, "url": url, "attribution": attribution(title, url), "record": record})
        return out

    def _old_ids(self, kind: Kind, record_id: str) -> list[str]:
        """A renamed technique's old ids (``aliases``): its file stays at each, with the new id inside, as
        its page redirects from each."""
        return list(self.atlas.techniques[record_id].aliases) if kind.name == "techniques" else []

    def index(self, counts: dict[str, int]) -> dict:
        files = {
            kind.name: {
                "file": f"{kind.name}.json",
                "records": counts[kind.name],
                "record_schema": kind.record_schema,
                **({"one_file_each": f"{kind.name}/{{id}}.json"} if kind.one_file_each else {}),
            }
            for kind in KINDS
        }
        files["techniques"]["csv"] = "techniques.csv"
        return {"meta": self.meta(), "files": files, "schemas": "schema/", "references": "references.bib"}

    def write(self, site_dir: Path) -> list[Path]:
        """Write everything into ``site_dir``/data/; the paths written."""
        out = Path(site_dir) / FOLDER
        if out.exists():
            shutil.rmtree(out)  # `mkdocs serve` rebuilds into the same folder: no stale record stays
        written, counts = [], {}
        for kind in KINDS:
            records = self.wrapped(kind)
            counts[kind.name] = len(records)
            written.append(_write_json(out / f"{kind.name}.json", {"meta": self.meta(kind), "records": records}))
            for item in records if kind.one_file_each else []:
                for name in [item["id"], *self._old_ids(kind, item["id"])]:
                    written.append(_write_json(out / kind.name / f"{name}.json", {"meta": self.meta(kind), **item}))
        written.append(_write_json(out / "index.json", self.index(counts)))
        written.append(_write_text(out / "techniques.csv", techniques_csv(self.atlas, self.site_url)))
        written += self._copy_files(out)
        return written

    def _copy_files(self, out: Path) -> list[Path]:
        (out / "schema").mkdir(parents=True, exist_ok=True)
        copies = [(p, out / "schema" / p.name) for p in sorted((self.root / "data" / "schema").glob("*.json"))]
        # .txt: browsers show it rather than download it, and MkDocs leaves links to it alone (not to .md)
        copies.append((self.root / CHANGELOG, out / "CHANGELOG.txt"))
        copies.append((self.root / "references.bib", out / "references.bib"))
        for source, target in copies:
            shutil.copyfile(source, target)
        return [target for _, target in copies] + [_write_text(out / "LICENSE", licence_text(self.version))]


def techniques_csv(atlas: Atlas, site_url: str) -> str:
    """One row per technique; lists joined with '; ', text as plain text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in atlas.techniques.values():
        d = t.dose
        row = [t.id, t.title, record_url(KINDS[0], t.id, site_url), plain_text(t.summary)]
        row += ["; ".join(t.regions), "; ".join(t.equipment), "; ".join(plain_text(m) for m in t.muscles)]
        row += [d.seconds, d.sets, d.rest_seconds, str(d.per_side).lower(), plain_text(d.pace)]
        row += ["; ".join(t.evidence), t.reviewed]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _cell(value) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def licence_text(version: str) -> str:
    return (
        f"{PUBLISHER} open data, version {version}\n\n"
        f"The data in this folder (the JSON and CSV files) is licensed under the Creative Commons\n"
        f"Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0):\n{LICENCE['url']}\n\n"
        "You may copy, share and adapt it, for any purpose, if you\n"
        f"- give credit: the record's title, \"{PUBLISHER}\", a link to the record's page on the site and a\n"
        '  link to the licence (each record\'s "attribution" has them, and a ready line in "text");\n'
        "- say if you changed it; and\n"
        "- share what you make from it under the same licence.\n\n"
        "The JSON Schemas in schema/ describe the data and may be used freely.\n"
        "references.bib lists the published works the records cite; those works belong to their authors.\n\n"
        "SMR Atlas is education, not diagnosis or treatment.\n"
    )


def _write_json(path: Path, value) -> Path:
    return _write_text(path, json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path
