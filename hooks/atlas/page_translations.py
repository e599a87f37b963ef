"""Hand-written pages in another language (docs/x.es.md, read by mkdocs-static-i18n): is the translation
up to date with its English page? Each translation's front matter records the fingerprint of the English
it was translated from (`translated_from:`, written by `make translations-stamp`); when the English page
changes, the translated page shows a notice — and for a page whose English says `safety: true`, the build
stops, as it does for stale safety text in the data (atlas/translations.py).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .docs_pages import english_fingerprint, front_matter
from .errors import DataError, Problem
from .i18n import DEFAULT
from .load import Document
from .page import Settings, translation_notice

ROOT = Path(__file__).resolve().parents[2]
HINT = "bring the translation in line with the English page, then run `make translations-stamp FILES=<this file>`"


def localized_path(path: str, language: str) -> str:
    """docs/learn/fascia.md in Spanish → docs/learn/fascia.es.md (the file a translator edits)."""
    return path if language == DEFAULT else f"{posixpath.splitext(path)[0]}.{language}.md"


def page_translation_notice(settings: Settings, src_uri: str, meta: Document, language: str) -> str:
    """'' for an English page or an up-to-date translation; else the notice (a token) under its title."""
    if settings.language == DEFAULT:
        return ""
    english = ROOT / "docs" / src_uri
    if language == DEFAULT:  # the plugin fell back to the English page: no translation yet
        return translation_notice(settings, src_uri, meta.data["reviewed"], untranslated=True)
    if str(meta.data.get("translated_from")) == english_fingerprint(english):
        return ""
    english_meta = _stale_safety_check(src_uri, meta, language)
    return translation_notice(settings, src_uri, english_meta.data["reviewed"], untranslated=False)


def check_safety_pages(language: str, docs: Path = ROOT / "docs") -> None:
    """Stop at the first translated page whose English page is safety advice and changed since it was
    translated — checked before a build makes any page, so the author hears of it in a second (the
    pass of that language comes after the whole English one)."""
    for translated in sorted(docs.rglob(f"*.{language}.md")):
        src_uri = translated.relative_to(docs).as_posix().removesuffix(f".{language}.md") + ".md"
        if not (docs / src_uri).is_file():
            continue  # a page only in this language: nothing to lag behind
        meta, _ = front_matter(translated.read_text(encoding="utf-8"), localized_path(f"docs/{src_uri}", language))
        if str(meta.data.get("translated_from")) != english_fingerprint(docs / src_uri):
            _stale_safety_check(src_uri, meta, language, docs)


def _stale_safety_check(src_uri: str, meta: Document, language: str, docs: Path = ROOT / "docs") -> Document:
    """The English page's front matter, once it is known not to be safety advice (else a DataError on the
    translation's ``translated_from`` line)."""
    english_meta, _ = front_matter((docs / src_uri).read_text(encoding="utf-8"), f"docs/{src_uri}")
    if english_meta.data.get("safety"):
        message = f"the English page (docs/{src_uri}) changed since this was translated; it is safety advice"
        where = localized_path(f"docs/{src_uri}", language)
        raise DataError(Problem(where, meta.line_of(("translated_from",)), "translated_from", message, HINT))
    return english_meta
