"""Lines -> units: blank-line blocks, the wrap width, list items, verse.

A unit is what the body writer turns into one Markdown block or one line of one: a paragraph
(hard-wrapped lines joined), a list item, a line of a short-line group (an address, a
signature), or a verse line (kept exactly, with its indentation, in its stanza).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .furniture import chrome_kind, chrome_reason
from .recognise import (
    END_STOP_RE, ITEM_RE, OLD_NOTICE_RE, SOURCE_RE, URL_LINE_RE, date_line, has_speaker_prefix, is_bare_name,
    is_byline, is_credit, is_speaker_line, is_structural_heading, series_line, word_count,
)

MAX_WRAP = 100     # wider lines were not wrapped by hand
MIN_WRAP = 40
MAX_VERSE_LINE = 80
# Words a line of verse hardly ever ends on, and a wrapped line often does.
CUT_WORDS = {"the", "a", "an", "of", "to", "las", "los", "la", "le", "les", "el", "de", "del", "der",
             "die", "das", "den", "dem", "des", "du", "au", "aux", "zu", "zum", "zur", "von", "et", "y", "und"}
# A no-break space between a word and French punctuation is typography, kept: "Article 1 :".
HTML_COMMENT_RE = re.compile(r"<!--.*?-->")
CLOSING_PUNCT_RE = re.compile(r"[.,;:!?…]$")
STANZA_MARK_RE = re.compile(r"^(?:[*~•·#]\s*){1,5}$")       # "***", "* * *", "~" between stanzas
KEPT_SPACE_RE = re.compile(r"[\u00a0\u202f](?=[:;!?»%])|(?<=«)[\u00a0\u202f]")


@dataclass
class Line:
    number: int      # 1-based line number in the seed
    text: str        # spaces normalised
    indent: int = 0  # leading spaces in the seed (a tab counts 4)

    @property
    def indented(self) -> bool:
        return self.indent > 0


@dataclass
class Unit:
    """A paragraph, a list item, a line of a short-line group or a verse line, as in the seed."""
    lines: list
    block: int                 # index of the blank-line separated block it came from
    kind: str = "text"         # "text" | "bullet" | "ordered" | "heading"
    number: int | None = None  # for "ordered"
    delim: str = ""            # "." or ")" for "ordered"
    block_size: int = 1        # how many units its block held
    stanza: int | None = None  # verse: the stanza it belongs to
    indent: int = 0            # verse: indentation kept, in spaces
    markdown: str | None = None  # a Markdown seed's own inline markup for the text
    level: int = 2             # for "heading"
    notes: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    @property
    def content(self) -> str:
        """The text without its list marker."""
        if self.kind in ("bullet", "ordered") and (match := ITEM_RE.match(self.text)):
            return match.group("content")
        return self.text

    @property
    def verse(self) -> bool:
        return self.stanza is not None


def split_lines(text: str, start: int = 1) -> list[Line]:
    """Number the lines as an editor sees them and normalise their spaces."""
    return [Line(number, normalise_spaces(raw), indent_of(raw))
            for number, raw in enumerate(text.split("\n"), start=start)]


def normalise_spaces(line: str) -> str:
    """Odd spaces -> space; runs -> one; none at either end.  A no-break space before French
    punctuation (or after «) stays one no-break space: it keeps the mark on its word's line."""
    kept = KEPT_SPACE_RE.sub("\x00", HTML_COMMENT_RE.sub(" ", line) if "<!--" in line else line)
    return " ".join(kept.split()).replace(" \x00", "\x00").replace("\x00 ", "\x00").replace("\x00", "\u00a0")


def indent_of(raw: str) -> int:
    indent = 0
    for char in raw:
        if char == "\t":
            indent += 4
        elif char == " ":
            indent += 1
        else:
            break
    return indent if raw.strip() else 0


def is_standalone(text: str) -> bool:
    """Lines that are always a unit of their own: head material and chrome."""
    return bool(SOURCE_RE.match(text) or date_line(text) or is_byline(text) or is_credit(text)
                or chrome_reason(text) or series_line(text))


# -- blocks and wrapping -----------------------------------------------------------------------

@dataclass
class Block:
    lines: list
    gap: int        # blank lines before it


def split_blocks(lines: list[Line]) -> list[Block]:
    blocks, current, gap = [], [], 0
    for line in lines:
        if line.text:
            current.append(line)
            continue
        if current:
            blocks.append(Block(current, gap))
            current, gap = [], 0
        gap += 1
    if current:
        blocks.append(Block(current, gap))
    return blocks


def wrap_width(blocks: list[Block]) -> int | None:
    """The width the document was hard-wrapped at, or None when it was not."""
    breaks = [(a.text, b.text) for block in blocks for a, b in zip(block.lines, block.lines[1:])
              if len(a.text) <= MAX_WRAP and not ITEM_RE.match(b.text)
              and not is_standalone(a.text) and not is_standalone(b.text)]
    if not breaks:
        return None
    width = max(len(a) for a, _ in breaks)
    full = [a for a, b in breaks if is_full(a, b, width)]
    sentence_ends = [a for a in full if END_STOP_RE.search(a)]
    if width < MIN_WRAP or len(full) < 2 or len(full) * 3 < len(breaks):
        return None
    if len(sentence_ends) * 2 >= len(full):     # one sentence per line: not wrapped, just short
        return None
    return width


def is_full(line: str, following: str, width: int) -> bool:
    """The next line's first word would not have fitted on this line: a soft wrap."""
    return len(line) >= width / 2 and len(line) + 1 + len(following.split()[0]) > width


# -- verse -------------------------------------------------------------------------------------

def verse_candidate(line: Line) -> bool:
    """A line that could be a line of verse: short, and not head, chrome, a label or a heading,
    nor a poet's name (a signature)."""
    text = line.text
    return (len(text) <= MAX_VERSE_LINE and not is_bare_name(text) and not ITEM_RE.match(text) and not is_standalone(text)
            and not chrome_kind(text)
            and not is_speaker_line(text) and not has_speaker_prefix(text)
            and not is_structural_heading(text) and not URL_LINE_RE.match(text))


def looks_like_verse(lines: list[Line], width: int | None) -> bool:
    """Lines of a poem: four or more, most of several words, not all ending a sentence, not
    hard-wrapped prose, and read as lines (a capital, or an indentation, at most line starts)."""
    if len(lines) < 4:
        return False
    texts = [line.text for line in lines]
    broken = sum(t.isdigit() or t.split()[-1].lower().strip(",") in CUT_WORDS for t in texts)
    if broken and (len(texts) < 8 or broken * 5 > len(texts)):
        return False            # "Los misiles sobre Kiev esconden las": a title wrapped, not a line of verse
    numbered = [re.sub(r"\s+", "", re.sub(r"\d+", "0", t)) for t in texts if re.search(r"\d", t)]
    if len(numbered) * 2 >= len(texts) and len(set(numbered)) * 2 <= len(numbered):
        return False            # `2014 Issue # 1`, `2014 Issue # 2`: a list of links of one shape, not a poem
    wordy = sum(word_count(t) >= 4 or line.indent > 0 for t, line in zip(texts, lines))
    if len(texts) >= 8 and sum(t.endswith((",", ";", ":")) for t in texts) * 3 >= len(texts) \
            and sum(word_count(t) for t in texts) >= len(texts) * 2.5:
        wordy = len(texts)      # short lines going on with a comma from line to line: a poem, not a menu
    open_ends = sum(not END_STOP_RE.search(t) for t in texts)
    starts = sum(t[:1].isupper() or not t[:1].isalpha() or line.indent > 0 for t, line in zip(texts, lines))
    if wordy * 5 < len(texts) * 3 or open_ends * 3 < len(texts) or width is not None and starts * 4 < len(texts) * 3:
        return False
    if width is not None and starts * 10 < len(texts) * 9:
        full = sum(is_full(a, b, width) for a, b in zip(texts, texts[1:]))
        if full * 2 >= len(texts) - 1:
            return False        # hard-wrapped prose: its lines go on mid-sentence, in lower case
    return True


def mark_verse(blocks: list[Block], width: int | None) -> dict:
    """{line number: stanza} for the lines of the seed that are verse.

    A run of verse lines inside a block is one stanza.  Single-line blocks that follow one
    another (a poem scraped with a blank line after every line) are one run too; there a gap of
    two blank lines or more, or a separator line (`***`), between them is the stanza break.
    Blocks of short lines in a row, three or more, are stanzas even when their lines are of a
    word or two (`¿Ves, marinero, / las estelas que en el mar están?`).
    """
    stanzas, stanza = {}, 0
    runs = []                        # [(lines, stanza breaks before line index)]
    whole = {}                       # id(run lines) -> index of the block the run fills
    single: list[Line] = []
    breaks: set = set()

    singles = []                     # runs made of one-line blocks: verse only from six lines on

    def flush_single():
        nonlocal single, breaks
        if single:
            runs.append((single, breaks))
            singles.append(single)
        single, breaks = [], set()

    for number, block in enumerate(blocks):
        if len(block.lines) == 1 and verse_candidate(block.lines[0]):
            if single and block.gap >= 2:
                breaks.add(len(single))
            single.append(block.lines[0])
            continue
        if len(block.lines) == 1 and single and STANZA_MARK_RE.match(block.lines[0].text):
            breaks.add(len(single))  # "***" between the lines of a poem: a stanza break
            continue
        flush_single()
        run = []
        for line in block.lines + [None]:
            if line is not None and verse_candidate(line):
                run.append(line)
                continue
            if run:
                runs.append((run, set()))
                if len(run) == len(block.lines):
                    whole[id(run)] = number
            run = []
    flush_single()
    verse = [looks_like_verse(lines, width) and not (any(lines is s for s in singles) and len(lines) < 6)
             for lines, _ in runs]
    changed = True
    while changed:                             # a stanza beside stanzas is one, end-stopped or not
        changed = False
        for k, (lines, _) in enumerate(runs):
            if not verse[k] and not any(lines is s for s in singles) and (
                    k and verse[k - 1] or k + 1 < len(runs) and verse[k + 1]) and (
                    len(lines) >= 3 and sibling_stanza(lines) or width is None and enjambed(lines)):
                verse[k] = changed = True
    for k in short_stanzas(runs, whole, verse):
        verse[k] = True
    opening = [line for b in blocks if not SOURCE_RE.match(b.lines[0].text) for line in b.lines][:2]
    for (lines, run_breaks), is_verse in zip(runs, verse):
        if not is_verse:
            continue
        stanza += 1
        for _ in range(2):             # the poem's title (and a kicker over it), scraped like its lines
            if lines[0] in opening and title_like(lines[0].text) and len(lines) > 4:
                lines = lines[1:]
                run_breaks = {b - 1 for b in run_breaks}
        for index, line in enumerate(lines):
            if index in run_breaks:
                stanza += 1
            stanzas[line.number] = stanza
    return stanzas


def short_stanzas(runs: list, whole: dict, verse: list) -> list:
    """Indices of runs that are stanzas of short lines: three or more whole blocks in a row, of
    two to ten lines each, ten lines at least and one block of four; every line at most 50
    characters, two words and a half a line on average, no figures, addresses or labels."""
    def fits(k):
        lines = runs[k][0]
        texts = [line.text for line in lines]
        return (id(lines) in whole and not verse[k] and 2 <= len(lines) <= 10
                and all(len(t) <= 50 and not re.search(r"\d{3}|@|https?:|:$", t) for t in texts)
                and sum(word_count(t) for t in texts) >= 2.5 * len(texts))

    found, group = [], []
    for k in range(len(runs) + 1):
        if k < len(runs) and fits(k) and (not group or whole[id(runs[k][0])] == whole[id(runs[group[-1]][0])] + 1):
            group.append(k)
            continue
        if len(group) >= 3 and sum(len(runs[g][0]) for g in group) >= 10 and any(len(runs[g][0]) >= 4 for g in group):
            found += group
        group = [k] if k < len(runs) and fits(k) else []
    return found


def title_like(text: str) -> bool:
    """`The Road Not Taken`, `"Mondnacht"`: most words capitalised, no closing punctuation, a few words."""
    found = text.strip("\"“”„«»‘’'").split()      # `"Mondnacht"`: a title in quotes
    return (0 < len(found) <= 10 and not END_STOP_RE.search(text) and not text.endswith((",", ";", ":"))
            and sum(w[:1].isupper() for w in found) * 5 >= len(found) * 3)


def enjambed(lines: list[Line]) -> bool:
    """Short lines of a page that is not hard-wrapped, broken in mid-sentence (`But each has an
    entrance, particular` / `views, and places to sit`): a poem's lines, whatever their capitals."""
    texts = [line.text for line in lines]
    breaks = [(a, b) for a, b in zip(texts, texts[1:])]
    return (len(texts) >= 2 and all(len(t) <= 60 and word_count(t) <= 12 for t in texts)
            and all(END_STOP_RE.search(a) or a.endswith((",", ";", ":")) or b[:1].islower() for a, b in breaks)
            and any(not CLOSING_PUNCT_RE.search(a) and b[:1].islower() for a, b in breaks))


def sibling_stanza(lines: list[Line]) -> bool:
    """Lines beside a stanza that read as lines too: each starts with a capital, none is prose-long."""
    return all(line.text[:1].isupper() or line.indent for line in lines) and all(
        3 <= word_count(line.text) <= 16 for line in lines)


# -- units -------------------------------------------------------------------------------------

def make_units(lines: list[Line], form: str | None = None) -> list[Unit]:
    """Group the lines into units: blank lines separate, hard-wrapped lines join, verse stays."""
    blocks = split_blocks(lines)
    width = wrap_width(blocks)
    verse = mark_verse(blocks, width) if form != "prose" else {}
    if form == "verse":
        verse = forced_verse(blocks, verse)
    base = {s: min(line.indent for block in blocks for line in block.lines if verse.get(line.number) == s)
            for s in set(verse.values())}
    low = min(base.values()) if base else 0
    units = []
    for index, block in enumerate(blocks):
        block_units = []
        for line in block.lines:
            previous = block_units[-1] if block_units else None
            if line.number in verse:
                block_units.append(Unit([line], index, stanza=verse[line.number], indent=line.indent - low))
            elif (item := item_marker(line.text, previous)):
                block_units.append(Unit([line], index, *item))
            elif previous and not previous.verse and continues(previous, line, width):
                previous.lines.append(line)
            else:
                block_units.append(Unit([line], index))
        for unit in block_units:
            unit.block_size = len(block_units)
        units += block_units
    return units


def forced_verse(blocks: list[Block], found: dict) -> dict:
    """`form: verse` asked for: every block of short lines is a stanza, line by line."""
    verse, stanza = dict(found), max(found.values(), default=0)
    heads = [b for b in blocks if not SOURCE_RE.match(b.lines[0].text)]
    for block in blocks:
        if any(line.number in verse for line in block.lines):
            continue
        if len(heads) > 1 and block is heads[0]:
            continue                   # the title (and a byline under it)
        if all(len(line.text) <= MAX_VERSE_LINE * 2 for line in block.lines):
            stanza += 1
            for line in block.lines:
                if not is_standalone(line.text):
                    verse[line.number] = stanza
    return verse


def item_marker(text: str, previous: Unit | None) -> tuple | None:
    """(kind, number, delim) when the line is a list item where a list may start or go on."""
    if previous is not None and previous.kind == "text" and not previous.text.endswith(":"):
        return None
    match = ITEM_RE.match(text)
    if not match:
        return None
    if match["bullet"]:
        return ("bullet", None, "")
    return ("ordered", int(match["number"]), match["delim"])


def continues(unit: Unit, line: Line, width: int | None) -> bool:
    """Whether the line goes on the unit: an indented line under an item, or a soft wrap."""
    if unit.kind in ("bullet", "ordered") and line.indented and not ITEM_RE.match(line.text):
        return True
    last = unit.lines[-1].text
    notice = OLD_NOTICE_RE.match(unit.lines[0].text) and not END_STOP_RE.search(last)
    return (width is not None and (notice or not is_standalone(last)) and not is_standalone(line.text)
            and line.text != last                    # a caption printed twice is two lines, never one wrapped
            and len(line.text) <= width + 5          # a longer line was never wrapped at this width
            and not ITEM_RE.match(line.text) and not is_structural_heading(line.text)
            and not is_structural_heading(last) and is_full(last, line.text, width))


def drop(unit: Unit, reason: str) -> list:
    return [(line.number, line.text, reason) for line in unit.lines]
