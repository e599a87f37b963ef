"""The hand-written pages in docs/: their front matter checked against data/schema/page.schema.json
(with the line of every value), and where their Markdown starts in the file, so a problem on a page is
reported at the line an editor shows.

MkDocs reads the front matter itself, but it turns a front matter it cannot parse (say, an impossible
date) into no front matter at all, and strips blank lines after it; so the raw file is read again here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .errors import DataError, Problem
from .load import Document, parse_yaml
from .review import review_problems
from .validate import load_schema, schema_problems, text_problems

# The same pattern as MkDocs (mkdocs.utils.meta.YAML_RE), so both agree on where front matter ends.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_EXAMPLE = "start the file with front matter: ---, then reviewed: 2026-11-25, then ---"


def front_matter(raw: str, file: str, today: date | None = None) -> tuple[Document, int]:
    """(the page's checked front matter, the number of file lines above its Markdown). ``today``: for
    the review dates (atlas/review.py)."""
    match = FRONT_MATTER.match(raw)
    if match is None:
        raise DataError(Problem(file, 1, "reviewed", "missing the date of the last review", _EXAMPLE))
    doc = parse_yaml(match.group(1), file)
    doc.lines = {path: line + 1 for path, line in doc.lines.items()}  # the YAML starts on the file's line 2
    rest = raw[match.end() :]
    offset = raw.count("\n", 0, match.end()) + len(rest) - len(rest.lstrip("\n"))  # MkDocs strips blank lines
    schema = load_schema("page")
    problems = schema_problems(doc, schema) + text_problems(doc, schema)
    problems = problems or review_problems(doc, today or date.today())
    if problems:
        raise DataError(problems)
    return doc, offset


def split_front_matter(raw: str) -> tuple[str, str]:
    """(the front matter's YAML, the Markdown after it); ('', raw) for a page without front matter."""
    match = FRONT_MATTER.match(raw)
    return (match.group(1), raw[match.end() :]) if match else ("", raw)


def english_fingerprint(english: Path) -> str:
    """The fingerprint of an English page's words (its Markdown, not its front matter), which its
    translations record as `translated_from:` (atlas/translation_stamps.py)."""
    from .translations import fingerprint  # the data's translations fingerprint the same way

    return fingerprint(split_front_matter(english.read_text(encoding="utf-8"))[1].strip())
