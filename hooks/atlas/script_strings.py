"""The words a page's scripts show, in the page's language: the scripts write English inside t("…")
(docs/assets/atlas-ui.js), and a page in another language carries, as a JSON block, the translation of
every message the scripts it loads contain — found with Babel's JavaScript extractor, the same one
`make messages` uses, and translated from the same catalogue as the templates (atlas/i18n.py).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_file
from markupsafe import Markup

from .i18n import DEFAULT, catalog

ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets"


@cache
def messages(script: str) -> tuple[str, ...]:
    """Every t("…") message in docs/assets/<script> (a vendored library has none)."""
    path = ASSETS / script
    if not path.is_file() or script.startswith("vendor/"):
        return ()
    found = extract_from_file("javascript", str(path), keywords={"t": None})
    return tuple(dict.fromkeys(message for _, message, _, _ in found if isinstance(message, str)))


def strings_block(scripts: list[str], language: str) -> Markup | None:
    """<script type="application/json" id="atlas-strings"> for a page loading ``scripts`` (paths under
    docs/assets/), or None in the default language (the scripts' own words are English)."""
    if language == DEFAULT:
        return None
    words = catalog(language)
    table = {m: words[m] for script in scripts for m in messages(script) if isinstance(words.get(m), str)}
    if not table:
        return None
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # As safe inside <script> as the routine catalogue: no '<' (so no '</script>') and no '&'.
    text = text.replace("<", "\\u003c").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" id="atlas-strings">{text}</script>')
