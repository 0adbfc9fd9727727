"""The one Markdown dialect of the edition: CommonMark + tables + footnotes, raw HTML off."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core.normalize import normalize
from mdit_py_plugins.footnote import footnote_plugin

_EXTERNAL = ("http://", "https://", "//")
# markdown-it normalises every link target (URL parse, punycode, percent-encoding: about 50 µs,
# a fifth of rendering a note). A target made only of letters, digits and . _ ~ / - (a web
# address with such a path, or a page of the site with a fragment), as nearly every link is,
# comes back unchanged, so it skips the work. tests/test_speed_shortcuts.py holds it to that.
_PLAIN_TARGET = re.compile(r"(?:https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~/-]*)?|[A-Za-z0-9._~/-]+(?:#[A-Za-z0-9._~-]*)?)\Z")


def normalize_link(url: str) -> str:
    return url if _PLAIN_TARGET.match(url) else normalizeLink(url)


def _normalize(state) -> None:
    # markdown-it's own rule rewrites every newline as a newline (a regex replacement per line,
    # twice per parse); only a carriage return or a NUL is ever changed, so look for those first.
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def make_markdown() -> MarkdownIt:
    # html=False: raw HTML in a seed or a note renders as text, never as markup.
    # typographer=False: the text's own quotes and dashes are kept exactly.
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.normalizeLink = normalize_link
    md.core.ruler.at("normalize", _normalize)
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
