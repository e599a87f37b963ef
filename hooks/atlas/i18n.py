"""The languages of the site and the words of its interface.

English is the source: every page, template and script is written in English, and every other language
is a translation of it, kept beside it — the words of the templates, the Python that writes text and the
scripts in one gettext catalogue per language (hooks/atlas/locale/<lang>/LC_MESSAGES/messages.po, made
with `make messages`, read here with Babel), the words of the data in data/i18n/<lang>/
(atlas/translations.py) and the hand-written pages as docs/<page>.<lang>.md (mkdocs-static-i18n).

Which language is being written is the build's business, not every function's: a build pass says it
once, ``with speaking("es"):``, and ``_()`` and the formats below follow it. Outside any pass (tests, the
tools) the language is English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DEFAULT = "en"
LANGUAGES = ("en", "es")  # in build order; the first is the default, at the site's root
NAMES = {"en": "English", "es": "Español"}
LOCALE_DIR = Path(__file__).parent / "locale"
# Dates as the pages have always written them in English ("2 December 2026"), and as Spanish does.
_DATE_FORMATS = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}

_language: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within this block, ``_()``, dates and numbers are in ``language``."""
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not one of the site's languages {LANGUAGES}")
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def language() -> str:
    return _language.get()


def prefix(language: str) -> str:
    """Where a language's pages live in the site: '' for the default, 'es/' for Spanish."""
    return "" if language == DEFAULT else f"{language}/"


@cache
def catalog(language: str) -> dict[str, str | tuple[str, ...]]:
    """The translated messages of ``language`` (msgid → text, or a tuple of plural forms); fuzzy and empty
    entries are left out, so an unfinished translation shows the English."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        po = read_po(f, locale=language)
    out: dict[str, str | tuple[str, ...]] = {}
    for message in po:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple):
            if all(message.string):
                out[message.id[0]] = tuple(message.string)
        else:
            out[message.id] = message.string
    return out


def gettext(message: str) -> str:
    """``message`` (English) in the language being written."""
    if language() == DEFAULT:
        return message
    found = catalog(language()).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` (English and Spanish both have one form for 1 and one for the rest)."""
    if language() != DEFAULT:
        found = catalog(language()).get(singular)
        if isinstance(found, tuple):
            return found[0] if n == 1 else found[-1]
    return singular if n == 1 else plural


_ = gettext


def N_(message: str) -> str:
    """Marks an English constant for the catalogue (`make messages`); translate it where it is shown."""
    return message


def format_day(day: date | str) -> str:
    """2026-12-02 → '2 December 2026' / '2 de diciembre de 2026'."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return _babel_date(day, format=_DATE_FORMATS[language()], locale=language())


def format_number(value: float) -> str:
    """2.5 → '2.5' / '2,5' (whole numbers as they are)."""
    return format_decimal(value, locale=language(), group_separator=False)
