"""Reading references.bib, so unknown citation keys and a broken file get a clear message.

mkdocs-bibtex formats the citations; this module only checks the file and lists its keys
(with title, year and DOI for the References page), before the plugin ever sees it.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pybtex.database import BibliographyDataError, parse_string
from pybtex.exceptions import PybtexError

from .errors import DataError, Problem, line_at
from .model import Reference

CITATION = re.compile(r"\[(@[^\]]+)\]")  # [@key] or [@a; @b] as written in Markdown
_KEY = re.compile(r"@([A-Za-z0-9_:-]+)")


def load_references(path: Path, root: Path) -> dict[str, Reference]:
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise DataError(Problem(file, None, None, f"cannot read the file: {e.strerror}")) from None
    except UnicodeDecodeError:
        raise DataError(Problem(file, None, None, "the file is not UTF-8 text", "save it as UTF-8")) from None
    try:
        data = parse_string(text, "bibtex")
    except BibliographyDataError as e:
        key = str(e).rsplit(":", 1)[-1].strip()
        line = _line_of_key(text, key)
        raise DataError(Problem(file, line, None, str(e), "each entry needs its own key")) from None
    except PybtexError as e:
        line = getattr(e, "lineno", None)
        raise DataError(
            Problem(
                file,
                line,
                None,
                f"BibTeX syntax error: {e}",
                "check the braces and commas of the entry above this line",
            )
        ) from None
    if not data.entries:
        raise DataError(Problem(file, None, None, "no entries found"))
    refs = {}
    for key, entry in data.entries.items():
        fields = entry.fields
        missing = [f for f in ("title", "year") if f not in fields]
        if missing or not entry.persons.get("author"):
            what = ", ".join(missing + ([] if entry.persons.get("author") else ["author"]))
            raise DataError(Problem(file, _line_of_key(text, key), key, f"missing {what}"))
        refs[key] = Reference(key=key, title=fields["title"], year=fields["year"], doi=fields.get("doi"))
    return refs


def citation_keys(markdown: str) -> list[tuple[int, str]]:
    """(line, key) for every [@key] in a Markdown text."""
    out = []
    for match in CITATION.finditer(markdown):
        line = line_at(markdown, match.start())
        out.extend((line, key) for key in _KEY.findall(match.group(1)))
    return out


def unknown_key_problem(file: str, line: int | None, field: str | None, key: str, known) -> Problem:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else "add the reference to references.bib first (see CONTRIBUTING.md)"
    return Problem(file, line, field, f"unknown citation key '{key}'", hint)


def _line_of_key(text: str, key: str) -> int | None:
    matches = [m for m in re.finditer(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)]
    return line_at(text, matches[-1].start()) if matches else None


def format_references(registry, references) -> dict[str, str]:
    """Each reference formatted by mkdocs-bibtex's own registry (APA via pandoc), for the References page."""
    from mkdocs_bibtex.citation import Citation, CitationBlock

    registry.validate_citation_blocks([CitationBlock([Citation(key)]) for key in references])
    return {key: registry.reference_text(Citation(key)) for key in references}


def format_all_citations(registry, texts, references) -> None:
    """mkdocs-bibtex starts pandoc once per page with new citations (~0.15 s each); handing it every
    citation of the site in one batch first makes that one pandoc run for the whole build."""
    from mkdocs_bibtex.citation import CitationBlock

    blocks = {}
    for text in texts:
        for block in CitationBlock.from_markdown(text):
            if all(c.key in references for c in block.citations):  # unknown keys get our own error later
                blocks[str(block)] = block
    registry.validate_citation_blocks(list(blocks.values()))
