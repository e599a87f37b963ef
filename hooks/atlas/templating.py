"""The one Jinja environment for every template in templates/.

Escaping is chosen by the template's file extension: ``*.html.j2`` (HTML and SVG fragments, and the
book's shell) escape every value they insert; ``*.md.j2`` (the generated Markdown pages) insert values
as they are, because what they insert is Markdown. Undefined names are errors (StrictUndefined), so a
typo in a template stops the build instead of printing nothing.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"


def duration(seconds: int) -> str:
    """45 → '45 s'; 270 → '4 min 30 s'; 600 → '10 min'."""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["duration"] = duration
    env.filters["yaml_str"] = lambda s: json.dumps(str(s), ensure_ascii=False)  # a JSON string is a YAML string
    # Inside Markdown, an attribute value or raw HTML text needs HTML escaping by hand.
    env.filters["attr"] = lambda s: html.escape(str(s), quote=True)
    return env


ENV = _environment()


def render(template: str, **context) -> str:
    """``templates/<template>`` rendered with ``context``."""
    return ENV.get_template(template).render(**context)
