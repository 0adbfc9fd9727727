"""Headings in a text: ids for permalinks (§), levels under the page's title, the sections they open.

A heading's id is made from its words (`s-` and up to six of them: `## Article premier` ->
`s-article-premier`), numbered on when two headings share their words (`s-notes-2`). The body's
highest heading becomes an h2, so the text's title stays the page's only h1.
"""
from __future__ import annotations

from dataclasses import dataclass

from .ids import make_id

CONTENTS_FROM = 3       # a text with this many headings or more gets a contents list


@dataclass
class Section:
    """A heading of a text, and the section it opens."""
    id: str             # the heading's id, e.g. s-preamble
    title: str          # its words, as a reader sees them (plain text)
    level: int          # 2 for the highest heading of the body, 3 below it…
    block_index: int    # which of the text's blocks it is


def sections(tokens, spans) -> list:
    """Give each top-level heading an id and a level (h2 for the body's highest); return them."""
    found, taken = [], set()
    headings = [start for start, _ in spans if tokens[start].type == "heading_open"]
    if not headings:
        return []
    shift = 2 - min(int(tokens[start].tag[1]) for start in headings)
    for block_index, (start, _) in enumerate(spans):
        token = tokens[start]
        if token.type != "heading_open":
            continue
        level = min(6, int(token.tag[1]) + shift)
        title = plain(tokens[start + 1])
        words = make_id(title, words=6)
        # A heading with no Latin letters or digits (Arabic, Greek…) is numbered instead.
        base = f"s-{words}" if words != "note" or "note" in title.lower() else f"s{len(found) + 1}"
        section_id, n = base, 1
        while section_id in taken:
            n += 1
            section_id = f"{base}-{n}"
        taken.add(section_id)
        token.tag = tokens[start + 2].tag = f"h{level}"
        found.append(Section(section_id, title, level, block_index))
    return found


def plain(inline) -> str:
    """The words of an inline token as a reader sees them, spaces folded."""
    words = [child.content if child.type in ("text", "code_inline") else " "
             for child in inline.children or () if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
    return " ".join("".join(words).split())


def section_of_blocks(found, count: int) -> list:
    """For each block, the Section it stands in (None before the first heading)."""
    owners, current, by_block = [], None, {s.block_index: s for s in found}
    for index in range(count):
        current = by_block.get(index, current)
        owners.append(current)
    return owners
