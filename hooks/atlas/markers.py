"""The markers a hand-written page may use, in one registry (like Material's shortcodes):

    {claim:rolling-must-hurt}   a verdict badge for a claim in data/claims.yaml
    {body-map}                  the body map (on a line of its own, once per page)
    {download:book}             a link to the PDF book ({download:offline}: the offline copy); the bare
                                words when this build makes no downloads

Citations ``[@key]`` are checked here too (mkdocs-bibtex renders them). An unknown marker name or id
stops the build with the page, the line in the file and a hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .bibliography import citation_keys, unknown_key_problem
from .bodymap import body_map
from .errors import DataError, Problem, line_at
from .i18n import N_, gettext
from .model import Atlas
from .page import Settings, badge
from .pages.reference import BOOK, OFFLINE_ZIP
from .text import token

DOWNLOADS = {  # {download:…} → (the file, in every language but the offline copy; its words, through _())
    "book": (BOOK, N_("the whole guide as one PDF book")),
    "offline": (OFFLINE_ZIP, N_("the whole site as a ZIP file that works offline")),
}


@dataclass(frozen=True)
class Where:
    """The page a marker is on: its source path, the file to name in messages, and the file's line of
    the first line of the Markdown (after front matter)."""

    src_uri: str
    file: str
    line_offset: int


class _Refused(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _claim(match: re.Match, atlas: Atlas, settings: Settings, where: Where) -> str:
    claim_id = match.group(1)
    if claim_id not in atlas.claims:
        raise _Refused(f"unknown claim '{claim_id}'", "use an id from data/claims.yaml, e.g. {claim:rolling-must-hurt}")
    return badge(atlas.claims[claim_id], atlas, where.src_uri, settings)


def _download(match: re.Match, atlas: Atlas, settings: Settings, where: Where) -> str:
    if match.group(1) not in DOWNLOADS:
        raise _Refused(
            f"unknown download '{match.group(1)}'", f"use one of {', '.join('{download:' + k + '}' for k in DOWNLOADS)}"
        )
    target, words = DOWNLOADS[match.group(1)]
    target, words = (target if target == OFFLINE_ZIP else settings.prefix + target), gettext(words)
    if not settings.downloads:
        return words
    return f'<a href="{settings.href(where.src_uri, target)}">{words}</a>'


def _body_map(match: re.Match, atlas: Atlas, settings: Settings, where: Where) -> str:
    return token(body_map(atlas, lambda to: settings.href(where.src_uri, to)))


@dataclass(frozen=True)
class Marker:
    pattern: re.Pattern
    expand: Callable[[re.Match, Atlas, Settings, Where], str]
    once: bool = False  # at most once per page (the body map's element ids must be unique)


MARKERS = {
    "claim": Marker(re.compile(r"\{claim:\s*([^}\s]*)\s*\}"), _claim),
    "download": Marker(re.compile(r"\{download:\s*([^}\s]*)\s*\}"), _download),
    "body-map": Marker(re.compile(r"^\{body-map\}[ \t]*$", re.M), _body_map, once=True),
}


def expand_markers(markdown: str, atlas: Atlas, settings: Settings, where: Where) -> str:
    """Every marker replaced, and every citation key checked; or a DataError listing each problem."""
    problems = [
        unknown_key_problem(where.file, line + where.line_offset, None, key, atlas.references)
        for line, key in citation_keys(markdown)
        if key not in atlas.references
    ]
    for name, marker in MARKERS.items():
        seen = 0

        def replace(match: re.Match, marker=marker, name=name, text=markdown) -> str:
            nonlocal seen
            seen += 1
            try:
                if marker.once and seen > 1:
                    raise _Refused(f"{{{name}}} can be used once per page", "remove the second one")
                return marker.expand(match, atlas, settings, where)
            except _Refused as refused:
                line = line_at(text, match.start()) + where.line_offset
                problems.append(Problem(where.file, line, None, refused.message, refused.hint))
                return match.group(0)

        markdown = marker.pattern.sub(replace, markdown)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return markdown
