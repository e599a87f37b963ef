"""``describe(scene)`` in Spanish: (alt text, caption), from the same data as the English
(atlas/figure/describe.py), with Spanish grammar. To be written."""

from __future__ import annotations

from .describe import describe as _english


def describe(scene, tool_title: str | None, posture_title: str | None) -> tuple[str, str]:
    from ..i18n import speaking

    with speaking("en"):  # placeholder until the Spanish grammar is written
        return _english(scene, tool_title, posture_title)
