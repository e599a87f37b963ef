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
from .load import read_bytes
from .model import Reference
from .text import foreign_inline_html, invisible_character, token

CITATION = re.compile(r"\[(@[^\]]+)\]")  # [@key] or [@a; @b] as written in Markdown
_KEY = re.compile(r"@([A-Za-z0-9_:-]+)")


def load_references(path: Path, root: Path) -> dict[str, Reference]:
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = read_bytes(path, file).decode("utf-8")
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
    problems = [p for key, entry in data.entries.items() for p in _entry_problems(key, entry, text, file)]
    if problems:
        raise DataError(problems)
    return {
        key: Reference(key=key, title=e.fields["title"], year=e.fields["year"], doi=e.fields.get("doi"))
        for key, e in data.entries.items()
    }


# What an entry may hold. pandoc formats the references (through mkdocs-bibtex), and its output reaches
# every page that cites them, so a field is bibliographic text and nothing else: no URLs (a DOI is the
# link), no LaTeX commands (\url, \href…; write UTF-8 characters instead), no markup.
FIELDS = {"title", "journal", "booktitle", "year", "volume", "number", "pages", "doi", "pmid", "pmcid", "publisher"}
_KEY_RULE = re.compile(r"^[A-Za-z0-9_:-]+$")
_DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")
_NOT_TEXT = re.compile(r"[\\<>]|://|javascript:", re.I)


def _entry_problems(key: str, entry, text: str, file: str) -> list[Problem]:
    line = _line_of_key(text, key)
    found = []
    if not _KEY_RULE.fullmatch(key):  # fullmatch: `$` alone lets a final newline through
        found.append(Problem(file, line, key, "a citation key may hold only letters, digits, _ : and -"))
    missing = [f for f in ("title", "year") if f not in entry.fields] + (
        [] if entry.persons.get("author") else ["author"]
    )
    if missing:
        found.append(Problem(file, line, key, f"missing {', '.join(missing)}"))
    for name, value in entry.fields.items():
        where = f"{key}.{name.lower()}"
        if name.lower() not in FIELDS:
            found.append(Problem(file, line, where, "unknown field", f"allowed: {', '.join(sorted(FIELDS))}"))
        elif name.lower() == "doi" and not _DOI.fullmatch(value):
            found.append(
                Problem(file, line, where, f"{value[:60]!r} is not a DOI", "write it as 10.xxxx/…, no https://")
            )
        elif _NOT_TEXT.search(value) or invisible_character(value):
            found.append(Problem(file, line, where, "holds a URL, markup or a LaTeX command", "write plain UTF-8 text"))
    for person in (p for people in entry.persons.values() for p in people):
        if _NOT_TEXT.search(str(person)) or invisible_character(str(person)):
            found.append(Problem(file, line, f"{key}.author", "holds a URL, markup or a LaTeX command"))
    return found


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


_FOOTNOTES = re.compile(r"(\s*\[\^[A-Za-z0-9_:-]+\])+$")  # the marks mkdocs-bibtex appends to an inline citation


def sanitise_registry(registry) -> None:
    """Make mkdocs-bibtex's registry hand out only safe text. It inserts what pandoc makes of
    references.bib — the reference list entries and the "(Author, year)" citations — into the Markdown of
    every page that cites them; here each becomes a token of sanitised HTML (atlas/text.py), so nothing in
    a .bib field can become a link, markup or a script on a page. Wraps the two methods the plugin calls
    (mkdocs-bibtex 4.4.0, pinned); tests/test_text_boundary.py checks a hostile entry end to end."""
    if getattr(registry, "atlas_sanitised", False):
        return
    reference_text, inline_text = registry.reference_text, registry.inline_text

    def safe_inline(block) -> str:
        text = inline_text(block)
        marks = _FOOTNOTES.search(text)  # [^key] marks: keys the .bib checks allow, so they stay Markdown
        head, tail = (text[: marks.start()], marks.group()) if marks else (text, "")
        return token(foreign_inline_html(head)) + tail

    registry.reference_text = lambda citation: token(foreign_inline_html(reference_text(citation)))
    registry.inline_text = safe_inline
    registry.atlas_sanitised = True


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
