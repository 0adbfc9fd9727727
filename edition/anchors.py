"""Anchoring: where in a text each note's quote lands, and what to tell the editor when it does not.

Works on the visible text (what a reader sees, paragraphs joined by SEPARATOR, line breaks as
newlines), compared as folding.py compares text: accents however composed, invisible characters
absent, any run of spaces one space, the same letters with the same capitals. ` / ` in a quote
stands for a line break (as editors quote verse).
"""
from __future__ import annotations

import re

from .folding import key, same_capitals, text_key
from .problems import error

SEPARATOR = "\x00"   # between paragraphs: no quote or term can match across it


def quote_pattern(quote: str) -> re.Pattern:
    """The quote's words as written, any run of spaces between them (for the messages' own searches)."""
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


def across_lines(quote: str) -> bool:
    """True if the quote marks a line break with ` / `, as editors quote verse."""
    words = quote.split()
    return "/" in words[1:-1]


# ` / ` in a quote's key: a line break of the text (its key holds one `\n` for the break and the
# indentation around it), or a slash the text has.
_LINE_BREAK = r"(?:\n| / )"


def line_break_pattern(quote: str, language: str = "") -> re.Pattern:
    """The quote's key with each ` / ` matching a line break (or a slash), each other space a
    space or a line break."""
    pattern, glue = "", ""
    for word in text_key(quote, language).split():
        if word == "/":
            pattern, glue = pattern + _LINE_BREAK, ""
        else:
            pattern, glue = pattern + glue + re.escape(word), "[ \n]"
    return re.compile(pattern)


class FoldedText:
    """The visible text and its key (folding.py): a quote is found where the key holds the
    quote's key, and kept where the text capitalises the same letters as the quote.

    In the key each quote is a plain substring: str.find replaces a regex compiled per note
    (20,000 notes, 20,000 compiles, far beyond re's cache).
    """

    def __init__(self, visible: str, language: str = ""):
        self.visible, self.language = visible, language
        self.key = key(visible, language)
        self._variants: dict = {}

    def variant(self, old: str, new: str) -> "FoldedText":
        """The text with one character read as another (kept: every failing note may ask)."""
        if (old, new) not in self._variants:
            self._variants[old, new] = FoldedText(self.visible.replace(old, new), self.language)
        return self._variants[old, new]

    def find_all(self, quote: str):
        """(start, end) in the text of each occurrence, left to right, not overlapping."""
        return self._find(quote, capitals=True)

    def find_caseless(self, quote: str):
        """Each occurrence whatever its capitals (for telling the editor they differ)."""
        return self._find(quote, capitals=False)

    def _find(self, quote: str, capitals: bool):
        text, folded, language = self.visible, self.key, self.language
        if across_lines(quote):     # rare: a regex for this one quote
            pattern, at = line_break_pattern(quote, language), 0
            while (match := pattern.search(folded.text, at)) is not None:
                span = folded.span(*match.span())
                if span and (not capitals or same_capitals(text[span[0]:span[1]], quote, language)):
                    yield span
                    at = max(match.end(), match.start() + 1)
                else:
                    at = match.start() + 1
            return
        needle = text_key(quote, language)
        at = folded.flat.find(needle) if needle else -1
        while at != -1:
            span = folded.span(at, at + len(needle))
            if span and (not capitals or same_capitals(text[span[0]:span[1]], quote, language)):
                yield span
                at = folded.flat.find(needle, at + len(needle))
            else:   # another occurrence may start inside this one (capitals, or mid-letter)
                at = folded.flat.find(needle, at + 1)


def place_anchors(notes, visible: str, text_path: str, problems, language: str = ""):
    """Return [(start, end, note)] for the notes whose quote picks exactly one place."""
    anchors = []
    folded = FoldedText(visible, language) if notes else None
    for note in notes:
        matches = [m for m in folded.find_all(note.quote) if _context_fits(m, note, visible, language)]
        where = f"in {text_path}"
        if not matches:
            problems.append(error(note.path, note.line, _not_found(note, folded, where)))
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


def _context_fits(match, note, visible: str, language: str = "") -> bool:
    """`before:`/`after:` must stand right next to the quote (compared as quotes are; a paragraph's
    edge counts as a space)."""
    start, end = match
    if note.before:
        window = visible[max(0, start - 2 * len(note.before) - 40): start].replace(SEPARATOR, "\n")
        if not _borders(window, note.before, language, at_end=True):
            return False
    if note.after:
        window = visible[end: end + 2 * len(note.after) + 40].replace(SEPARATOR, "\n")
        if not _borders(window, note.after, language, at_end=False):
            return False
    return True


def _borders(window: str, words: str, language: str, at_end: bool) -> bool:
    """True if the window of text ends (or starts) with the words."""
    folded, wanted = key(window, language), text_key(words, language)
    flat = folded.flat.rstrip(" ") if at_end else folded.flat.lstrip(" ")
    if not wanted or not (flat.endswith(wanted) if at_end else flat.startswith(wanted)):
        return False
    if at_end:
        span = folded.span(len(flat) - len(wanted), len(flat))
    else:
        offset = len(folded.flat) - len(flat)
        span = folded.span(offset, offset + len(wanted))
    return span is not None and same_capitals(window[span[0]:span[1]], words, language)


# What else may keep a quote from landing, each tried in turn once it is not found: the
# editor is told what differs, with the text's own spelling to copy.
ZERO_WIDTH_SPACE = "\u200b"


def _not_found(note, folded: FoldedText, where: str) -> str:
    quote, visible = note.quote, folded.visible
    if any(folded.find_all(quote)):     # so it is the before/after words that do not fit
        return (f"anchor “{quote}” not found {where} with the given before/after words; "
                "check them against the text")
    if any(folded.variant(SEPARATOR, " ").find_all(quote)):
        return (f"anchor “{quote}” spans two paragraphs {where}; "
                "quote a phrase from within one paragraph")
    other = _first(folded.find_caseless(quote), visible)
    if other:
        return (f"anchor “{quote}” not found {where} (it occurs with different capitals: “{other}”); "
                "copy the phrase exactly as the text has it")
    written = _as_written(quote, folded)
    if written:
        return (f"anchor “{quote}” not found {where} (it occurs with other quote marks, apostrophes or "
                f"dashes: “{written}”); copy the phrase exactly as the text has it")
    plain = _without_markdown(quote)
    if plain != quote and (found := _first(folded.find_all(plain), visible)):
        return (f"anchor “{quote}” not found {where} (the text shows it without Markdown: “{found}”); "
                "write the heading as a reader sees the words, without `*`, `_`, `[…](…)` or backslashes")
    if ZERO_WIDTH_SPACE in visible and any(folded.variant(ZERO_WIDTH_SPACE, " ").find_all(quote)):
        return (f"anchor “{quote}” not found {where} (the text joins those words with an invisible zero-width "
                "space, U+200B, not a space); write them with no space between, as the text shows them")
    if ZERO_WIDTH_SPACE in quote and any(folded.find_all(quote.replace(ZERO_WIDTH_SPACE, " "))):
        return (f"anchor “{quote}” not found {where} (the heading holds an invisible zero-width space, U+200B, "
                "where the text has a space); type the space again")
    return (f"anchor “{quote}” not found {where}; the text may have changed — "
            "copy the phrase exactly as the text has it (quotes and dashes included)")


def _first(spans, visible: str) -> str:
    """The text's own words at the first span, spaces folded ('' if none)."""
    for start, end in spans:
        return " ".join(visible[start:end].split())
    return ""


# Quote marks, apostrophes and dashes, each folded to its plain form, to tell the editor which
# one the text has. One character for one, so a key's positions stay as they are.
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                             "\u2013": "-", "\u2014": "-", "\u2011": "-"})


def _as_written(quote: str, folded: FoldedText) -> str:
    """The text's own spelling of a quote that differs from it only in quote marks and dashes."""
    needle = text_key(quote, folded.language).translate(_TYPOGRAPHY)
    if "typography" not in folded._variants:
        folded._variants["typography"] = folded.key.flat.translate(_TYPOGRAPHY)
    at = folded._variants["typography"].find(needle) if needle else -1
    span = folded.key.span(at, at + len(needle)) if at != -1 else None
    return " ".join(folded.visible[span[0]:span[1]].split()) if span else ""


def _without_markdown(quote: str) -> str:
    """The quote as a reader would see it if it were Markdown (`*word*` is word)."""
    if not any(char in quote for char in "*_`[\\&<"):
        return quote
    from .markdown import inline_children, inline_plain, make_markdown
    return inline_plain(inline_children(make_markdown(), quote)) or quote


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
