"""What every page gets on its way through MkDocs: checked citations, claim badges, the
"last reviewed" line and glossary hover help.

Hand-written pages write ``[@key]`` for citations, ``{claim:id}`` for a verdict badge and
``{body-map}`` (on a line of its own) for the body map; their front matter must carry
``reviewed: YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .bibliography import citation_keys, unknown_key_problem
from .bodymap import body_map
from .errors import DataError, Problem, line_at
from .model import Atlas
from .render import abbreviations, badge

CLAIM_MARKER = re.compile(r"\{claim:\s*([^}\s]*)\s*\}")
BODY_MAP_MARKER = re.compile(r"^\{body-map\}[ \t]*$", re.M)


def decorate(markdown: str, *, src_uri: str, file: str, line_offset: int, meta: dict, atlas: Atlas) -> str:
    """Check and extend one page's Markdown. ``file`` names the page in messages; ``line_offset`` is
    the number of front-matter lines above the Markdown, so line numbers match the file."""
    problems = []
    for line, key in citation_keys(markdown):
        if key not in atlas.references:
            problems.append(unknown_key_problem(file, line + line_offset, None, key, atlas.references))

    def to_badge(match: re.Match) -> str:
        claim_id = match.group(1)
        if claim_id not in atlas.claims:
            line = line_at(markdown, match.start()) + line_offset
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    f"unknown claim '{claim_id}'",
                    "use an id from data/claims.yaml, e.g. {claim:rolling-must-hurt}",
                )
            )
            return match.group(0)
        return badge(atlas.claims[claim_id], src_uri)

    markdown = CLAIM_MARKER.sub(to_badge, markdown)
    maps = list(BODY_MAP_MARKER.finditer(markdown))
    for extra in maps[1:]:  # the map's element ids must be unique on a page
        problems.append(
            Problem(
                file,
                line_at(markdown, extra.start()) + line_offset,
                None,
                "{body-map} can be used once per page",
                "remove the second one",
            )
        )
    if maps:
        markdown = BODY_MAP_MARKER.sub(lambda m: body_map(atlas, src_uri), markdown, count=1)
    reviewed = meta.get("reviewed")
    if reviewed is None:
        problems.append(
            Problem(
                file,
                1,
                "reviewed",
                "missing the date of the last review",
                "add front matter: ---\\nreviewed: 2026-11-25\\n---",
            )
        )
    else:
        try:
            when = date.fromisoformat(str(reviewed))
        except ValueError:
            problems.append(Problem(file, 1, "reviewed", f"expected a date like 2026-11-25, got {reviewed!r}"))
    if problems:
        raise DataError(problems)
    return (
        f'{markdown.rstrip()}\n\n<p class="atlas-reviewed">Last reviewed: '
        f'<time datetime="{when.isoformat()}">{when.day} {when:%B %Y}</time></p>\n\n'
        f"{abbreviations(atlas, markdown)}\n"
    )


def preview_notice(problems: list[str]) -> str:
    """The box `make serve` puts on top of every page while the data has problems."""
    lines = "\n".join(f"    {line}" for line in problems)
    return (
        '!!! failure "This preview is out of date: fix the problem below and save again"\n'
        f"    The pages show the last data that worked.\n\n    ```text\n{lines}\n    ```\n\n"
    )


def line_offset(file) -> int:
    """Front-matter lines above the Markdown of a MkDocs file (0 for generated pages)."""
    if file.generated_by is not None or not file.abs_src_path:
        return 0
    return front_matter_lines(Path(file.abs_src_path).read_text(encoding="utf-8"))


def front_matter_lines(raw: str) -> int:
    """How many lines a hand-written page's front matter (with its two `---` lines) takes, so that a
    line of the Markdown MkDocs hands the hooks can be named as the line an editor shows."""
    if not raw.startswith("---"):
        return 0
    end = raw.find("\n---", 3)
    return raw.count("\n", 0, end) + 2 if end > 0 else 0
