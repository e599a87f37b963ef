"""A Python-Markdown extension that puts finished HTML from atlas/text.py into the page untouched.

A page's Markdown carries data text only as tokens (``atlas.text.token``). Before Python-Markdown reads
any block or inline syntax, this preprocessor swaps each token for a placeholder in Markdown's own
store of raw HTML (its "stash") — the mechanism Markdown uses for HTML an author writes by hand. The
text behind a placeholder is never parsed again: no attribute list, link, emphasis, abbreviation or
smart quote can come out of it, whatever it contains. At the end Markdown puts the HTML back.

Priority 25: after whitespace is normalised (30) and before raw HTML blocks are collected (20), so a
token inside an HTML block becomes a placeholder that Markdown resolves with the block.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .text import TOKEN, untoken


class _Tokens(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "\x1batlas:" not in text:
            return lines
        text = TOKEN.sub(lambda m: self.md.htmlStash.store(untoken(m.group(1))), text)
        return text.split("\n")


class AtlasTextExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Tokens(md), "atlas_text", 25)
