"""Verse: lines set as lines, numbered for citing, in a text that is verse or in a verse block.

A text whose front matter says `form: verse` is verse throughout: each paragraph is a stanza
and each of its Markdown lines a line of verse (written with a hard break, `\\` at the end, or
without: a soft break counts as a line break too), numbered through the whole text. In any
other text a fenced block whose info string is `verse` is a verse block:

    ```verse
    Two roads diverged in a yellow wood,
      And sorry I could not travel both
    ```

its lines kept exactly (leading spaces as indentation), blank lines between stanzas, inline
Markdown (emphasis, links) read in each line; it is one numbered block of its text (cited by
¶, its lines not numbered). The words are never changed: lines are marked by wrapping them,
after notes and terms are placed, in `<span class="line">`.
"""
from __future__ import annotations

from markdown_it.token import Token

VERSE_INFO = "verse"
LINE_BREAKS = ("softbreak", "hardbreak")
# Inline tags that may stay open across a line break: closed at the line's end, reopened after.
_PAIRS = {"em_open": "em_close", "strong_open": "strong_close", "link_open": "link_close",
          "s_open": "s_close"}


def verse_fences(tokens, md):
    """The token stream with each ```verse fence as a `verse` block of stanzas (paragraphs
    whose inline children are the fence's lines, hard breaks between them)."""
    if not any(t.type == "fence" and t.info.strip() == VERSE_INFO for t in tokens):
        return tokens
    out = []
    for token in tokens:
        if token.type != "fence" or token.info.strip() != VERSE_INFO:
            out.append(token)
            continue
        block = Token("verse_open", "div", 1, map=token.map, block=True)
        block.attrSet("class", "verse")
        out.append(block)
        for stanza in _stanzas(token.content):
            opened = Token("paragraph_open", "p", 1, map=token.map, block=True)
            opened.attrSet("class", "stanza")
            inline = Token("inline", "", 0, map=token.map, content="\n".join(stanza), children=[])
            for number, line in enumerate(stanza):
                if number:
                    inline.children.append(Token("hardbreak", "br", 0))
                body = line.lstrip(" ")
                if len(body) < len(line):
                    inline.children.append(Token("text", "", 0, content=line[: len(line) - len(body)]))
                parsed = md.parseInline(body, {})
                inline.children.extend(parsed[0].children if parsed else ())
            out += [opened, inline, Token("paragraph_close", "p", -1, block=True)]
        out.append(Token("verse_close", "div", -1, block=True))
    return out


def _stanzas(content: str):
    stanzas, current = [], []
    for line in content.rstrip("\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            stanzas.append(current)
            current = []
    return stanzas + ([current] if current else [])


def line_count(inline) -> int:
    return 1 + sum(1 for child in inline.children or () if child.type in LINE_BREAKS)


def mark_lines(inline, first: int | None, every: int, label: str):
    """Wrap each line of a stanza's inline children in `<span class="line">`: with the id
    `l<number>` when numbered (first is the stanza's first line), and a number link beside
    every `every`th line. Inline tags open across a break are closed and reopened around it."""
    out, number, open_tags = [], first, []

    def start():
        if number is None:
            return _html('<span class="line">')
        shown = ""
        if every and number % every == 0:
            shown = (f'<a class="line-number" href="#l{number}" aria-label="{label.replace("{n}", str(number))}">'
                     f"{number}</a>")
        return _html(f'<span class="line" id="l{number}">{shown}')

    out.append(start())
    for child in inline.children or ():
        if child.type in LINE_BREAKS:
            out += [_close(t) for t in reversed(open_tags)]
            out.append(_html('</span><br />'))
            number = number + 1 if number is not None else None
            out.append(start())
            out += open_tags
            continue
        if child.type in _PAIRS:
            open_tags.append(child)
        elif open_tags and child.type == _PAIRS.get(open_tags[-1].type):
            open_tags.pop()
        out.append(child)
    out.append(_html("</span>"))
    inline.children = out


def _close(token) -> Token:
    return Token(_PAIRS[token.type], token.tag, -1)


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)
