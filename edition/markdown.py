"""The one Markdown dialect of the edition: CommonMark + tables + footnotes, raw HTML off."""
from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

_EXTERNAL = ("http://", "https://", "//")


def make_markdown() -> MarkdownIt:
    # html=False: raw HTML in a seed or a note renders as text, never as markup.
    # typographer=False: the text's own quotes and dashes are kept exactly.
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.add_render_rule("link_open", _render_link_open)
    return md


def _render_link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if (token.attrGet("href") or "").startswith(_EXTERNAL):
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def links_in(tokens):
    """Yield (href, line offset) for every link in a token stream (line offset from token maps)."""
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.type == "link_open":
            yield token.attrGet("href") or "", line
        for child in token.children or ():
            if child.type == "link_open":
                yield child.attrGet("href") or "", line
