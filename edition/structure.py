"""A text's structure, as annotate sees it: its top-level blocks, what is numbered for citing
(paragraphs ¶, or lines of verse), its headings, and the visible text a reader sees.

Place says where a note or a term stands, for a citation ("¶ 3", "l. 12", "ll. 3–5", "§ Preamble")
and a link (`#p3`, `#l12`, `#s-preamble`): the part of annotate's output that search, citations,
EPUB and Web Annotations read.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import NamedTuple

from markdown_it.token import Token

from .headings import section_of_blocks, sections
from .verse import LINE_BREAKS, line_count, verse_fences

SEPARATOR = "\x00"   # between paragraphs: no quote or term can match across it
NUMBERED = {"paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open",
            "table_open", "fence", "code_block", "verse_open"}


class Place(NamedTuple):
    """Where something stands in a text: kind "paragraph" (first = last = the ¶ number),
    "line" (first and last line of verse) or "section" (a heading: title); `id` is the
    fragment that lands on it (p3, l12, s-preamble); `section`: the title of the heading it
    stands under ("" before the first)."""
    kind: str
    first: int | None
    last: int | None
    id: str
    section: str = ""


@dataclass
class _Piece:
    """A child token of an inline token, with its place in the text's visible string."""
    inline: Token
    child: int
    start: int
    end: int
    splittable: bool    # a text token (may be cut for anchors and links)
    linkable: bool      # glossary terms may be linked here
    in_link: bool = False   # inside a link of the text: a note's number (itself a link) goes after it


class Structure:
    """The blocks of a parsed text body and where each position of its visible text falls."""

    def __init__(self, tokens, md, verse: bool):
        self.tokens = verse_fences(tokens, md)
        self.spans = top_level_blocks(self.tokens)
        self.verse = verse
        self.stanzas = [verse and self.tokens[start].type == "paragraph_open" for start, _ in self.spans]
        self.numbers = paragraph_numbers(self.tokens, self.spans, self.stanzas)
        self.sections = sections(self.tokens, self.spans)
        self.section_of = section_of_blocks(self.sections, len(self.spans))
        self.visible, self.pieces, self.piece_starts, self.piece_block = visible_text(self.tokens, self.spans)
        self.first_lines, self.line_starts, self.line_total = self._lines()

    def _lines(self):
        """The first line number of each stanza (None for other blocks), and where lines start."""
        firsts, starts, total = [], [], 0
        for index, (start, end) in enumerate(self.spans):
            if not self.stanzas[index]:
                firsts.append(None)
                continue
            firsts.append(total + 1)
            total += sum(line_count(t) for t in self.tokens[start:end] if t.type == "inline")
        last = None
        for piece, block in zip(self.pieces, self.piece_block) if total else ():
            if not self.stanzas[block]:
                continue
            if block != last:
                starts.append(piece.start)      # a stanza's first line
                last = block
            if piece.inline.children[piece.child].type in LINE_BREAKS:
                starts.append(piece.end)        # the line after a break
        return firsts, starts, total

    def block_at(self, position: int) -> int:
        index = max(0, bisect.bisect_right(self.piece_starts, position) - 1)
        return self.piece_block[index] if self.piece_block else 0

    def line_at(self, position: int) -> int:
        return bisect.bisect_right(self.line_starts, position)

    def place(self, start: int, end: int | None = None) -> Place:
        """Where the visible text start..end stands."""
        block = self.block_at(start)
        owner = self.section_of[block] if self.section_of else None
        section = owner.title if owner else ""
        if owner is not None and owner.block_index == block:
            return Place("section", None, None, owner.id, owner.title)
        if self.stanzas[block]:
            first = self.line_at(start)
            last = self.line_at(max(start, (end or start + 1) - 1))
            return Place("line", first, last, f"l{first}", section)
        number = self.numbers[block]
        return Place("paragraph", number, number, f"p{number}" if number else "", section)

    @property
    def paragraph_count(self) -> int:
        return sum(1 for n in self.numbers if n)


def top_level_blocks(tokens):
    """[(start, end)] token ranges of the top-level blocks (end exclusive)."""
    spans, start, depth = [], None, 0
    for index, token in enumerate(tokens):
        if depth == 0:
            start = index
        depth += token.nesting
        if depth == 0:
            spans.append((start, index + 1))
    return spans


def paragraph_numbers(tokens, spans, stanzas=None):
    """The ¶ number of each block (None for headings, rules, footnotes, and stanzas of verse)."""
    numbers, count = [], 0
    for index, (start, _) in enumerate(spans):
        if tokens[start].type in NUMBERED and not (stanzas and stanzas[index]):
            count += 1
            numbers.append(count)
        else:
            numbers.append(None)
    return numbers


def visible_text(tokens, spans):
    """The text a reader sees, paragraphs joined by SEPARATOR, and where each piece sits."""
    parts, pieces, starts, blocks = [], [], [], []
    offset = 0
    for block_index, (start, end) in enumerate(spans):
        heading = tokens[start].type == "heading_open"
        for token in tokens[start:end]:
            if token.type != "inline":
                continue
            link_depth = 0
            for child_index, child in enumerate(token.children or ()):
                if child.type == "link_open":
                    link_depth += 1
                elif child.type == "link_close":
                    link_depth -= 1
                content = _visible(child)
                if not content:
                    continue
                is_text = child.type == "text"
                piece = _Piece(token, child_index, offset, offset + len(content), is_text,
                               is_text and link_depth == 0 and not heading, link_depth > 0)
                pieces.append(piece)
                starts.append(offset)
                blocks.append(block_index)
                parts.append(content)
                offset += len(content)
            parts.append(SEPARATOR)
            offset += 1
    return "".join(parts), pieces, starts, blocks


def _visible(child) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type in LINE_BREAKS:
        return "\n"
    return ""
