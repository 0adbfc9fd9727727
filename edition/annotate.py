"""Annotate: anchor context notes to quotes of a text and link glossary terms.

Works on markdown-it's token stream, so it sees the text as a reader does (no Markdown
escapes) and never touches headings' structure, links or code. The text itself is never
changed: notes and links are inserted as extra inline tokens around the words, and lines of
verse are wrapped, not rewritten (verse.py). Where each note and term stands (¶, line or
section) comes from structure.py.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from .anchors import FoldedText, drop_overlaps, place_anchors, quote_pattern  # noqa: F401
from .markdown import inline_children, links_in
from .model import HEADER_FIELDS
from .notebodies import render_notes
from .structure import SEPARATOR, Place, Structure, paragraph_numbers, top_level_blocks, visible_text  # noqa: F401
from .verse import LINE_BREAKS, mark_lines

# Header lines read as inline Markdown (*a book title* in italics); the others are plain text.
INLINE_MARKDOWN = {"subtitle"}
# The interface strings annotate writes into the text's markup (the theme's strings replace them).
LABELS = {"note_label": "Note {n}", "line_label": "Line {n}"}


@dataclass
class PlacedNote:
    note: object        # the Note
    number: int         # 1, 2, … in reading order
    paragraph: int | None   # ¶ number of the paragraph that holds the anchor (None in verse and headings)
    html: str           # the note's body, rendered
    block_index: int = 0    # which of the text's blocks holds it
    links: list = field(default_factory=list)   # [(href, line offset)] in the note's body
    summary: str = ""   # its opening paragraph as plain text, for a short form in the margin
    start: int = 0      # where its quote stands in AnnotatedText.visible (code points)
    end: int = 0
    place: Place | None = None  # where its quote stands: ¶ 3, ll. 3–5, § Preamble
    lemma: str = ""     # the quote as the text has it; in verse a line break shows as ` / `
    page: str = ""      # the site path of its page when the text is split into chapters ("" otherwise)

    @property
    def id(self) -> str:
        return self.note.id

    @property
    def quote(self) -> str:
        return self.note.quote


@dataclass
class Block:
    kind: str           # token type that opens it, e.g. paragraph_open, heading_open
    number: int | None  # ¶ number (None for headings, rules, footnotes, stanzas)
    html: str
    notes: list = field(default_factory=list)
    id: str = ""        # the fragment that lands on it: p3, s-preamble ("" for stanzas: their lines have ids)
    lines: tuple = ()   # a stanza of verse: (first line, last line)
    heading: object = None  # a heading: its Section (id, title, level)
    line: int | None = None     # its first line in the body (0-based), as markdown-it counts


@dataclass
class AnnotatedText:
    text: object
    blocks: list
    notes: list                     # [PlacedNote] in reading order
    occurrences: dict               # term id -> [¶ numbers, or line numbers in verse], every occurrence
    linked_terms: list              # term ids linked on this page, first-seen order
    links: list                     # [(href, path, line)] for the link check
    problems: list
    header: dict = field(default_factory=dict)   # dek/caption field -> (linked html, [term ids])
    visible: str = ""               # the body as a reader sees it, blocks joined by SEPARATOR
    term_links: list = field(default_factory=list)  # [(start, end, term id)] linked in the body
    verse: bool = False             # form: verse (cited by line)
    sections: list = field(default_factory=list)     # [Section] of its headings, in order
    paragraph_count: int = 0
    line_count: int = 0


def annotate_text(text, notes, matcher, mode: str, md, labels: dict | None = None,
                  line_numbers: int = 5, language: str = "") -> AnnotatedText:
    """labels: the interface strings written into the markup (LABELS); line_numbers: a number
    beside every Nth line of verse (the text's own `line_numbers:` wins; 0 shows none); language:
    the edition's, the text's own when it has one (quotes and terms are matched in its way)."""
    labels = {**LABELS, **(labels or {})}
    language = text.meta.language or language
    env: dict = {}
    verse = text.meta.form == "verse"
    layout = Structure(md.parse(text.body, env), md, verse)
    problems: list = []

    anchors = place_anchors(notes, layout.visible, text.path, problems, language)
    anchors = drop_overlaps(anchors, problems)
    placed = number_notes(anchors, layout, md)

    occurrences, spots = term_spans(matcher, layout, anchors, language)
    chosen = choose_term_links(spots, mode)
    linked = list(dict.fromkeys(term_id for _, _, term_id in chosen))

    insert_markup(layout, anchors, placed, chosen, labels["note_label"])
    every = text.meta.line_numbers if text.meta.line_numbers is not None else line_numbers
    blocks = render_blocks(layout, md, env, placed, every, labels["line_label"])
    found_links = [(href, text.path, text.body_line + line) for href, line in links_in(layout.tokens)]
    for note in placed:
        found_links += [(href, note.note.path, note.note.body_line + line) for href, line in note.links]
    # The body keeps the first links; a header line links only terms the body lacks.
    skip = {"first": set(occurrences), "all": set(), "none": None}[mode]
    header = {}
    for name in HEADER_FIELDS:
        value = getattr(text.meta, name)
        if value:
            header[name] = (link_terms_in_inline(str(value), matcher, skip, md, language) if name in INLINE_MARKDOWN
                            else link_terms_in_line(str(value), matcher, skip, language=language))
            if mode == "first":
                skip.update(header[name][1])
    return AnnotatedText(text, blocks, placed, occurrences, linked, found_links, problems, header,
                         layout.visible, chosen, verse, layout.sections, layout.paragraph_count, layout.line_total)


# --- notes --------------------------------------------------------------------------------

def find_quote(body: str, quote: str, md, verse: bool = False, language: str = "", capitals: bool = True):
    """[(start, end, place, visible text)] of each place the quote occurs in a text body, as
    the build anchors a note on it (new-note asks the same question before writing one);
    capitals=False: whatever its capitals."""
    layout = Structure(md.parse(body, {}), md, verse)
    folded = FoldedText(layout.visible, language)
    return [(start, end, layout.place(start, end), layout.visible)
            for start, end in (folded.find_all(quote) if capitals else folded.find_caseless(quote))]


def anchor_spans(body: str, notes, md, verse: bool = False, language: str = ""):
    """[(start, end, note)] where each note that picks exactly one place lands in a text body, in
    find_quote's coordinates (new-note checks a new quote against them)."""
    return place_anchors(notes, Structure(md.parse(body, {}), md, verse).visible, "the text", [], language)


def number_notes(anchors, layout: Structure, md):
    placed = []
    rendered = render_notes([note.body for _, _, note in anchors], md, [f"note-{note.id}" for _, _, note in anchors])
    for number, ((start, end, note), (html, links, summary)) in enumerate(zip(anchors, rendered), 1):
        block_index = layout.block_at(start)
        place = layout.place(start, end)
        in_verse = layout.stanzas[block_index] or layout.tokens[layout.spans[block_index][0]].type == "verse_open"
        placed.append(PlacedNote(note, number, layout.numbers[block_index] if layout.numbers else None,
                                 html, block_index, links, summary, start, end, place,
                                 lemma(layout.visible[start:end], in_verse)))
    return placed


def lemma(quoted: str, verse: bool = False) -> str:
    """A quote as the text has it (its no-break spaces, quote marks and dashes, whatever the note's
    heading typed), runs of spaces as one; in verse each line break shown as ` / ` (indentation
    dropped)."""
    if not verse:
        return re.sub(r"[ \t\n]+", " ", quoted).strip()
    return " / ".join(re.sub(r"[ \t]+", " ", line).strip(" \t\u00a0\u2007\u202f") for line in quoted.split("\n"))


# --- glossary -----------------------------------------------------------------------------

def term_spans(matcher, layout: Structure, anchors, language: str = ""):
    """Every whole-word occurrence (term id -> ¶ numbers, or line numbers in verse), and the
    spans that may carry a link."""
    occurrences: dict = {}
    links = []
    anchor_starts = [a[0] for a in anchors]
    pieces, piece_starts = layout.pieces, layout.piece_starts
    for start, end, term_id in matcher.find(layout.visible, language):
        index = bisect.bisect_right(piece_starts, start) - 1
        piece = pieces[index]
        if not piece.linkable or end > piece.end:
            continue
        block = layout.piece_block[index]
        number = layout.line_at(start) if layout.stanzas[block] else layout.numbers[block]
        if number is not None and (layout.stanzas[block] or not layout.verse):
            spots = occurrences.setdefault(term_id, [])
            if not spots or spots[-1] != number:
                spots.append(number)
        if not _cuts_anchor(start, end, anchors, anchor_starts):
            links.append((start, end, term_id))
    return occurrences, links


def _cuts_anchor(start, end, anchors, anchor_starts) -> bool:
    """True if a link over start..end would cut a note anchor (partial overlap)."""
    index = bisect.bisect_right(anchor_starts, end) - 1
    while index >= 0:
        a_start, a_end, _ = anchors[index]
        if a_end <= start:
            return False
        if not (a_start <= start and end <= a_end):
            return True
        index -= 1
    return False


def choose_term_links(links, mode: str):
    if mode == "none":
        return []
    if mode == "all":
        return links
    seen, chosen = set(), []
    for link in links:
        if link[2] not in seen:
            seen.add(link[2])
            chosen.append(link)
    return chosen


# --- markup -------------------------------------------------------------------------------

def insert_markup(layout: Structure, anchors, placed, links, note_label: str = LABELS["note_label"]):
    """Rewrite inline children: anchor spans, note references, glossary links."""
    pieces, piece_starts = layout.pieces, layout.piece_starts
    markers = {}     # piece index -> list of (start, end, kind, payload)
    for (start, end, note), placed_note in zip(anchors, placed):
        first = bisect.bisect_right(piece_starts, start) - 1
        index = first
        while index < len(pieces) and pieces[index].start < end:
            markers.setdefault(index, []).append((start, end, "anchor", placed_note))
            index += 1
    for start, end, term_id in links:
        index = bisect.bisect_right(piece_starts, start) - 1
        markers.setdefault(index, []).append((start, end, "term", term_id))
    # Work from the last child of each inline backwards so earlier child indexes stay valid.
    for index in sorted(markers, key=lambda i: (id(pieces[i].inline), -pieces[i].child)):
        piece = pieces[index]
        # A line break of verse stays outside the anchor: each line is wrapped on its own.
        keep_break = layout.stanzas[layout.piece_block[index]] or layout.tokens[
            layout.spans[layout.piece_block[index]][0]].type == "verse_open"
        refs = [] if piece.in_link else None
        marked = _marked(piece, markers[index], note_label, keep_break, refs)
        children = piece.inline.children
        children[piece.child:piece.child + 1] = marked
        if refs:    # a note's number is a link: never inside the text's own link, so after it
            close = _link_close(children, piece.child + len(marked))
            children[close + 1:close + 1] = [_html("".join(refs))]


def _link_close(children, start: int) -> int:
    """The index of the link_close that ends the link holding children[start - 1]."""
    depth = 0
    for index in range(start, len(children)):
        if children[index].type == "link_open":
            depth += 1
        elif children[index].type == "link_close":
            if depth == 0:
                return index
            depth -= 1
    return len(children) - 1


def _marked(piece, marks, note_label: str = LABELS["note_label"], keep_break: bool = False, refs=None):
    """The piece's tokens with its marks; a note's number goes into `refs` instead when given."""
    child = piece.inline.children[piece.child]
    anchors = [m for m in marks if m[2] == "anchor"]
    terms = [m for m in marks if m[2] == "term"]
    if keep_break and child.type in LINE_BREAKS:
        return [child]
    if not piece.splittable:
        out = [child]
        for start, end, _, placed in anchors:
            out = [_html(f'<span class="anchor" data-note="{escape(placed.note.id)}">'), *out, _html("</span>")]
            if end <= piece.end:
                if refs is not None:
                    refs.append(note_ref(placed, note_label))
                else:
                    out.append(_html(note_ref(placed, note_label)))
        return out
    # A text piece becomes one html_inline token holding its words, escaped as markdown-it
    # escapes text, with the markup between them: the same HTML as a token per word run and
    # per tag, for a tenth of the tokens.
    cuts = {piece.start, piece.end}
    for start, end, *_ in marks:
        cuts.update(x for x in (start, end) if piece.start < x < piece.end)
    # A line of verse indented with spaces: its indentation stays outside a note's tint.
    # (Earlier children are still as parsed: insert_markup works from the last one back.)
    at_line_start = piece.child == 0 or piece.inline.children[piece.child - 1].type in LINE_BREAKS
    indent = len(child.content) - len(child.content.lstrip()) if keep_break and at_line_start else 0
    if 0 < indent < len(child.content):
        cuts.add(piece.start + indent)
    edges = sorted(cuts)
    out = []
    for left, right in zip(edges, edges[1:]):
        words = escapeHtml(child.content[left - piece.start:right - piece.start])
        if right <= piece.start + indent:
            out.append(words)
            continue
        term = next((m for m in terms if m[0] <= left and right <= m[1]), None)
        if term:
            words = (f'<a class="term" href="glossary.html#{escape(term[3])}" '
                     f'data-term="{escape(term[3])}">{words}</a>')
        anchor = next((m for m in anchors if m[0] <= left and right <= m[1]), None)
        if anchor:
            words = f'<span class="anchor" data-note="{escape(anchor[3].note.id)}">{words}</span>'
        out.append(words)
        if anchor and right == anchor[1]:
            (refs if refs is not None else out).append(note_ref(anchor[3], note_label))
    return [_html("".join(out))]


def note_ref(placed, note_label: str = LABELS["note_label"]) -> str:
    note_id = escape(placed.note.id)
    label = escape(note_label.replace("{n}", str(placed.number)))
    return (f'<sup class="note-ref" id="ref-{note_id}"><a href="#note-{note_id}" '
            f'role="doc-noteref" aria-label="{label}">{placed.number}</a></sup>')


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)


# --- output -------------------------------------------------------------------------------

def render_blocks(layout: Structure, md, env, placed, every: int = 5, line_label: str = LABELS["line_label"]):
    blocks = []
    tokens = layout.tokens
    headings = {section.block_index: section for section in layout.sections}
    for index, ((start, end), number) in enumerate(zip(layout.spans, layout.numbers)):
        first, lines = layout.first_lines[index], ()
        in_fence = tokens[start].type == "verse_open"
        for token in tokens[start:end]:
            if token.type == "inline" and (first is not None or in_fence):
                count = sum(1 for c in token.children or () if c.type in LINE_BREAKS) + 1
                if first is not None:
                    token_open = tokens[start]
                    token_open.attrSet("class", "stanza")
                    lines = (first, first + count - 1)
                mark_lines(token, first, every, escape(line_label))
        html = md.renderer.render(tokens[start:end], md.options, env)
        heading = headings.get(index)
        block_id = heading.id if heading else f"p{number}" if number else ""
        line = tokens[start].map[0] if tokens[start].map else None
        blocks.append(Block(tokens[start].type, number, html, id=block_id, lines=lines, heading=heading, line=line))
    for note in placed:
        blocks[note.block_index].notes.append(note)
    return blocks


def link_terms_in_inline(line: str, matcher, skip, md, language: str = ""):
    """A line of inline Markdown (a subtitle) as HTML, its terms linked as link_terms_in_line
    links them, in its text outside links and code. Returns (html, [term ids found])."""
    children, found, depth = inline_children(md, line), [], 0
    for index, child in enumerate(children):
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        if child.type == "text" and not depth:
            html, _ = link_terms_in_line(child.content, matcher, skip, found, escapeHtml, language)
            children[index] = _html(html)
        elif child.type == "text":
            found += [term_id for _, _, term_id in matcher.find(child.content, language) if term_id not in found]
    return md.renderer.renderInline(children, md.options, {}), found


def link_terms_in_line(line: str, matcher, skip=(), found=None, quote=escape, language: str = ""):
    """Escape a line of plain text (a dek, a caption), linking each term's first occurrence.

    Terms in `skip` (all terms when skip is None) are found but not linked; `found`: the terms
    found before it on the same line (their later occurrences are not linked).
    Returns (html, [term ids found]).
    """
    out, last = [], 0
    found = [] if found is None else found
    for start, end, term_id in matcher.find(line, language):
        if term_id in found:
            continue
        found.append(term_id)
        if skip is None or term_id in skip:
            continue
        out += [quote(line[last:start]), f'<a class="term" href="glossary.html#{escape(term_id)}" '
                f'data-term="{escape(term_id)}">{quote(line[start:end])}</a>']
        last = end
    out.append(quote(line[last:]))
    return "".join(out), found
