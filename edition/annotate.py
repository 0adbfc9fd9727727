"""Annotate: anchor context notes to quotes of a text and link glossary terms.

Works on markdown-it's token stream, so it sees the text as a reader does (no Markdown
escapes) and never touches headings' structure, links or code. The text itself is never
changed: notes and links are inserted as extra inline tokens around the words.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from .markdown import links_in
from .model import HEADER_FIELDS
from .problems import error

SEPARATOR = "\x00"   # between paragraphs: no quote or term can match across it
NUMBERED = {"paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open",
            "table_open", "fence", "code_block"}


@dataclass
class PlacedNote:
    note: object        # the Note
    number: int         # 1, 2, … in reading order
    paragraph: int | None   # ¶ number of the paragraph that holds the anchor
    html: str           # the note's body, rendered
    block_index: int = 0    # which of the text's blocks holds it
    links: list = field(default_factory=list)   # [(href, line offset)] in the note's body
    summary: str = ""   # its opening paragraph as plain text, for a short form in the margin
    start: int = 0      # where its quote stands in AnnotatedText.visible (code points)
    end: int = 0

    @property
    def id(self) -> str:
        return self.note.id

    @property
    def quote(self) -> str:
        return self.note.quote


@dataclass
class Block:
    kind: str           # token type that opens it, e.g. paragraph_open, heading_open
    number: int | None  # ¶ number (None for headings, rules, footnotes)
    html: str
    notes: list = field(default_factory=list)


@dataclass
class AnnotatedText:
    text: object
    blocks: list
    notes: list                     # [PlacedNote] in reading order
    occurrences: dict               # term id -> [¶ numbers], every occurrence
    linked_terms: list              # term ids linked on this page, first-seen order
    links: list                     # [(href, path, line)] for the link check
    problems: list
    header: dict = field(default_factory=dict)   # dek/caption field -> (linked html, [term ids])
    visible: str = ""               # the body as a reader sees it, blocks joined by SEPARATOR
    term_links: list = field(default_factory=list)  # [(start, end, term id)] linked in the body


@dataclass
class _Piece:
    """A child token of an inline token, with its place in the text's visible string."""
    inline: Token
    child: int
    start: int
    end: int
    splittable: bool    # a text token (may be cut for anchors and links)
    linkable: bool      # glossary terms may be linked here


def annotate_text(text, notes, matcher, mode: str, md) -> AnnotatedText:
    env: dict = {}
    tokens = md.parse(text.body, env)
    spans = top_level_blocks(tokens)
    numbers = paragraph_numbers(tokens, spans)
    visible, pieces, piece_starts, piece_block = visible_text(tokens, spans)
    problems: list = []

    anchors = place_anchors(notes, visible, text.path, problems)
    anchors = drop_overlaps(anchors, problems)
    placed = number_notes(anchors, piece_starts, piece_block, numbers, md, text)

    occurrences, spots = term_spans(matcher, visible, pieces, piece_starts, anchors, piece_block, numbers)
    chosen = choose_term_links(spots, mode)
    linked = list(dict.fromkeys(term_id for _, _, term_id in chosen))

    insert_markup(pieces, piece_starts, anchors, placed, chosen)
    blocks = render_blocks(tokens, spans, numbers, md, env, placed)
    found_links = [(href, text.path, text.body_line + line) for href, line in links_in(tokens)]
    for note in placed:
        found_links += [(href, note.note.path, note.note.body_line + line) for href, line in note.links]
    # The body keeps the first links; a header line links only terms the body lacks.
    skip = {"first": set(occurrences), "all": set(), "none": None}[mode]
    header = {}
    for name in HEADER_FIELDS:
        value = getattr(text.meta, name)
        if value:
            header[name] = link_terms_in_line(str(value), matcher, skip)
            if mode == "first":
                skip.update(header[name][1])
    return AnnotatedText(text, blocks, placed, occurrences, linked, found_links, problems, header, visible, chosen)


# --- structure ----------------------------------------------------------------------------

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


def paragraph_numbers(tokens, spans):
    numbers, count = [], 0
    for start, _ in spans:
        if tokens[start].type in NUMBERED:
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
                               is_text and link_depth == 0 and not heading)
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
    if child.type in ("softbreak", "hardbreak"):
        return "\n"
    return ""


# --- notes --------------------------------------------------------------------------------

def quote_pattern(quote: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


_FOLDABLE = re.compile(r"\s{2,}|[^\S ]")


class FoldedText:
    """The visible text with every run of whitespace folded to one space, and the way back.

    A quote's words match across any run of spaces, so in the folded text each quote is a
    plain substring: str.find replaces a regex compiled per note (20,000 notes, 20,000
    compiles, far beyond re's cache).
    """

    def __init__(self, visible: str):
        # Only runs of two or more, and single newlines or tabs, change: matching every single
        # space between words (a thousand a text) made this the slowest line of anchoring.
        self.text = _FOLDABLE.sub(" ", visible)
        self.run_starts, self.removed = [], [0]   # folded position of each run; chars dropped so far
        dropped = 0
        for run in re.finditer(r"\s{2,}", visible):
            dropped += len(run.group()) - 1
            self.run_starts.append(run.start() - (dropped - (len(run.group()) - 1)))
            self.removed.append(dropped)

    def find_all(self, quote: str):
        """(start, end) in the unfolded text of each occurrence, left to right, not overlapping."""
        needle = " ".join(quote.split())
        at = self.text.find(needle)
        while needle and at != -1:
            yield self._unfold(at), self._unfold(at + len(needle))
            at = self.text.find(needle, at + len(needle))

    def _unfold(self, position: int) -> int:
        return position + self.removed[bisect.bisect_left(self.run_starts, position)]


def find_quote(body: str, quote: str, md):
    """[(start, end, ¶ number, visible text)] of each place the quote occurs in a text body, as
    the build anchors a note on it (new-note asks the same question before writing one)."""
    tokens = md.parse(body, {})
    spans = top_level_blocks(tokens)
    numbers = paragraph_numbers(tokens, spans)
    visible, _, piece_starts, piece_block = visible_text(tokens, spans)
    found = []
    for start, end in FoldedText(visible).find_all(quote):
        index = max(0, bisect.bisect_right(piece_starts, start) - 1)
        found.append((start, end, numbers[piece_block[index]] if piece_block else None, visible))
    return found


def anchor_spans(body: str, notes, md):
    """[(start, end, note)] where each note that picks exactly one place lands in a text body, in
    find_quote's coordinates (new-note checks a new quote against them)."""
    tokens = md.parse(body, {})
    visible = visible_text(tokens, top_level_blocks(tokens))[0]
    return place_anchors(notes, visible, "the text", [])


def place_anchors(notes, visible: str, text_path: str, problems):
    """Return [(start, end, note)] for the notes whose quote picks exactly one place."""
    anchors = []
    folded = FoldedText(visible) if notes else None
    for note in notes:
        matches = [m for m in folded.find_all(note.quote) if _context_fits(m, note, visible)]
        where = f"in {text_path}"
        if not matches:
            problems.append(error(note.path, note.line, _not_found(note, visible, where)))
            continue
        if note.occurrence is not None:
            if note.occurrence > len(matches):
                problems.append(error(note.path, note.line,
                                      f"anchor “{note.quote}” occurs {len(matches)} time(s) {where}, "
                                      f"so there is no occurrence {note.occurrence}; lower the number"))
                continue
            match = matches[note.occurrence - 1]
        elif len(matches) > 1:
            problems.append(error(note.path, note.line,
                                  f"anchor “{note.quote}” is ambiguous: it occurs {len(matches)} times {where}; "
                                  f"add `occurrence: N` (1–{len(matches)}), or `before:`/`after:` "
                                  "with the words around the one you mean"))
            continue
        else:
            match = matches[0]
        anchors.append((match[0], match[1], note))
    return sorted(anchors, key=lambda a: (a[0], a[1]))


def _context_fits(match, note, visible: str) -> bool:
    """`before:`/`after:` must stand right next to the quote (spaces folded)."""
    start, end = match
    if note.before:
        prefix = visible[max(0, start - len(note.before) - 40): start]
        if not _fold(prefix).endswith(_fold(note.before)):
            return False
    if note.after:
        suffix = visible[end: end + len(note.after) + 40]
        if not _fold(suffix).startswith(_fold(note.after)):
            return False
    return True


def _fold(text: str) -> str:
    return " ".join(text.replace(SEPARATOR, "\n").split())


def _not_found(note, visible: str, where: str) -> str:
    flat = visible.replace(SEPARATOR, " ")
    if quote_pattern(note.quote).search(flat):
        return (f"anchor “{note.quote}” spans two paragraphs {where}; "
                "quote a phrase from within one paragraph")
    if re.search(quote_pattern(note.quote).pattern, visible, re.IGNORECASE):
        return (f"anchor “{note.quote}” not found {where} (it occurs with different capitals); "
                "copy the phrase exactly as the text has it")
    if note.before or note.after:
        return (f"anchor “{note.quote}” not found {where} with the given before/after words; "
                "check them against the text")
    return (f"anchor “{note.quote}” not found {where}; the text may have changed — "
            "copy the phrase exactly as the text has it (quotes and dashes included)")


def drop_overlaps(anchors, problems):
    kept = []
    for start, end, note in anchors:
        if kept and start < kept[-1][1]:
            other = kept[-1][2]
            problems.append(error(note.path, note.line,
                                  f"anchor “{note.quote}” overlaps the anchor “{other.quote}” "
                                  f"(line {other.line}); shorten one quote so they do not share words"))
            continue
        kept.append((start, end, note))
    return kept


def number_notes(anchors, piece_starts, piece_block, numbers, md, text):
    placed = []
    for number, (start, end, note) in enumerate(anchors, 1):
        index = max(0, bisect.bisect_right(piece_starts, start) - 1)
        block_index = piece_block[index] if piece_block else 0
        html, links, summary = render_note(note.body, md)
        placed.append(PlacedNote(note, number, numbers[block_index] if numbers else None,
                                 html, block_index, links, summary, start, end))
    return placed


def render_note(body: str, md):
    """(html, [(href, line)], plain opening) from one parse: the links are checked, so all are needed."""
    env: dict = {}
    tokens = md.parse(body, env)
    return md.renderer.render(tokens, md.options, env), list(links_in(tokens)), plain_opening(tokens)


def plain_opening(tokens) -> str:
    """The words of the first paragraph (or first line-level block), as a reader sees them:
    no markup, spaces folded. A theme shows it where the whole body would be too long."""
    first = next((t for t in tokens if t.type == "inline"), None)
    if first is None:
        return ""
    words = [child.content if child.type in ("text", "code_inline") else " "
             for child in first.children or () if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
    return " ".join("".join(words).split())


# --- glossary -----------------------------------------------------------------------------

def term_spans(matcher, visible, pieces, piece_starts, anchors, piece_block, numbers):
    """Every whole-word occurrence (term id -> ¶ numbers), and the spans that may carry a link."""
    occurrences: dict = {}
    links = []
    anchor_starts = [a[0] for a in anchors]
    for start, end, term_id in matcher.find(visible):
        index = bisect.bisect_right(piece_starts, start) - 1
        piece = pieces[index]
        if not piece.linkable or end > piece.end:
            continue
        number = numbers[piece_block[index]]
        if number is not None:
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

def insert_markup(pieces, piece_starts, anchors, placed, links):
    """Rewrite inline children: anchor spans, note references, glossary links."""
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
        piece.inline.children[piece.child:piece.child + 1] = _marked(piece, markers[index])


def _marked(piece, marks):
    child = piece.inline.children[piece.child]
    anchors = [m for m in marks if m[2] == "anchor"]
    terms = [m for m in marks if m[2] == "term"]
    if not piece.splittable:
        out = [child]
        for start, end, _, placed in anchors:
            out = [_html(f'<span class="anchor" data-note="{escape(placed.note.id)}">'), *out, _html("</span>")]
            if end <= piece.end:
                out.append(_html(note_ref(placed)))
        return out
    # A text piece becomes one html_inline token holding its words, escaped as markdown-it
    # escapes text, with the markup between them: the same HTML as a token per word run and
    # per tag, for a tenth of the tokens.
    cuts = {piece.start, piece.end}
    for start, end, *_ in marks:
        cuts.update(x for x in (start, end) if piece.start < x < piece.end)
    edges = sorted(cuts)
    out = []
    for left, right in zip(edges, edges[1:]):
        words = escapeHtml(child.content[left - piece.start:right - piece.start])
        term = next((m for m in terms if m[0] <= left and right <= m[1]), None)
        if term:
            words = (f'<a class="term" href="glossary.html#{escape(term[3])}" '
                     f'data-term="{escape(term[3])}">{words}</a>')
        anchor = next((m for m in anchors if m[0] <= left and right <= m[1]), None)
        if anchor:
            words = f'<span class="anchor" data-note="{escape(anchor[3].note.id)}">{words}</span>'
        out.append(words)
        if anchor and right == anchor[1]:
            out.append(note_ref(anchor[3]))
    return [_html("".join(out))]


def note_ref(placed) -> str:
    note_id = escape(placed.note.id)
    return (f'<sup class="note-ref" id="ref-{note_id}"><a href="#note-{note_id}" '
            f'role="doc-noteref" aria-label="Note {placed.number}">{placed.number}</a></sup>')


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)


# --- output -------------------------------------------------------------------------------

def render_blocks(tokens, spans, numbers, md, env, placed):
    blocks = []
    for (start, end), number in zip(spans, numbers):
        html = md.renderer.render(tokens[start:end], md.options, env)
        blocks.append(Block(tokens[start].type, number, html))
    for note in placed:
        blocks[note.block_index].notes.append(note)
    return blocks


def link_terms_in_line(line: str, matcher, skip=()):
    """Escape a line of plain text (a dek, a caption), linking each term's first occurrence.

    Terms in `skip` (all terms when skip is None) are found but not linked.
    Returns (html, [term ids found]).
    """
    out, last, found = [], 0, []
    for start, end, term_id in matcher.find(line):
        if term_id in found:
            continue
        found.append(term_id)
        if skip is None or term_id in skip:
            continue
        out += [escape(line[last:start]), f'<a class="term" href="glossary.html#{escape(term_id)}" '
                f'data-term="{escape(term_id)}">{escape(line[start:end])}</a>']
        last = end
    out.append(escape(line[last:]))
    return "".join(out), found
