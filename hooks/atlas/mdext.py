"""A Python-Markdown extension that puts finished HTML from atlas/text.py into the page untouched.

A page's Markdown carries data text only as tokens (``atlas.text.token``). Before Python-Markdown reads
any block or inline syntax, this preprocessor swaps each token for a placeholder in Markdown's own
store of raw HTML (its "stash") — the mechanism Markdown uses for HTML an author writes by hand. The
text behind a placeholder is never parsed again: no attribute list, link, emphasis, abbreviation or
smart quote can come out of it, whatever it contains. At the end Markdown puts the HTML back.

Priority 25: after whitespace is normalised (30) and before raw HTML blocks are collected (20), so a
token inside an HTML block becomes a placeholder that Markdown resolves with the block.

On a page in another language, the cited works (footnotes) are in English, as published: each says so
(``lang="en"``) for screen readers and hyphenation, and its link back to the text speaks the page's language.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import i18n
from .text import TOKEN, untoken

BACKLINK_TITLE = i18n.N_("Jump back to footnote %d in the text")  # Python-Markdown's own words, translated


class _Tokens(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "\x1batlas:" not in text:
            return lines
        text = TOKEN.sub(lambda m: self.md.htmlStash.store(untoken(m.group(1))), text)
        return text.split("\n")


class _EnglishCitations(Treeprocessor):
    def __init__(self, md, language: str):
        super().__init__(md)
        self.language = language

    def run(self, root) -> None:
        for box in root.iter("div"):
            if box.get("class") != "footnote":
                continue
            for item in box.iter("li"):
                item.set("lang", i18n.DEFAULT)
                for back in item.iter("a"):
                    if back.get("class") == "footnote-backref":
                        back.set("lang", self.language)


class AtlasTextExtension(Extension):
    def __init__(self, language: str = i18n.DEFAULT, **kwargs):
        super().__init__(**kwargs)
        self.language = language

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Tokens(md), "atlas_text", 25)
        if self.language != i18n.DEFAULT:  # after the footnotes extension has made its list (priority 50)
            md.treeprocessors.register(_EnglishCitations(md, self.language), "atlas_english_citations", 5)


def set_up_markdown(config, language: str) -> None:
    """on_config of each language's pass (they share one config): the pass's own extension, and footnote
    back-links titled in its words (Python-Markdown's footnotes extension reads BACKLINK_TITLE)."""
    kept = [e for e in config.markdown_extensions if not isinstance(e, AtlasTextExtension)]
    config.markdown_extensions = [*kept, AtlasTextExtension(language)]
    with i18n.speaking(language):
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = i18n.gettext(BACKLINK_TITLE)
