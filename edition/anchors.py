"""Anchoring: where in a text each note's quote lands, and what to tell the editor when it does not.

Works on the visible text (what a reader sees, paragraphs joined by SEPARATOR, line breaks as
newlines): a quote matches across any run of spaces, and ` / ` in a quote stands for a line
break (as editors quote verse).
"""
from __future__ import annotations

import bisect
import re

from .problems import error

SEPARATOR = "\x00"   # between paragraphs: no quote or term can match across it


def quote_pattern(quote: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


# ` / ` in a quote: a line break of the text (spaces and an indentation around it), or a slash.
_LINE_BREAK = r"(?:[^\S\n]*\n\s*|\s+/\s+)"


def across_lines(quote: str) -> bool:
    """True if the quote marks a line break with ` / `, as editors quote verse."""
    words = quote.split()
    return "/" in words[1:-1]


def line_break_pattern(quote: str) -> re.Pattern:
    """The quote with each ` / ` matching a line break (or a slash), other spaces any run of spaces."""
    pattern, glue = "", ""
    for word in quote.split():
        if word == "/":
            pattern, glue = pattern + _LINE_BREAK, ""
        else:
            pattern, glue = pattern + glue + re.escape(word), r"\s+"
    return re.compile(pattern)


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
        self.visible = visible
        self.text = _FOLDABLE.sub(" ", visible)
        self.run_starts, self.removed = [], [0]   # folded position of each run; chars dropped so far
        dropped = 0
        for run in re.finditer(r"\s{2,}", visible):
            dropped += len(run.group()) - 1
            self.run_starts.append(run.start() - (dropped - (len(run.group()) - 1)))
            self.removed.append(dropped)

    def find_all(self, quote: str):
        """(start, end) in the unfolded text of each occurrence, left to right, not overlapping."""
        if across_lines(quote):     # rare: a regex for this one quote
            yield from (m.span() for m in line_break_pattern(quote).finditer(self.visible))
            return
        needle = " ".join(quote.split())
        at = self.text.find(needle)
        while needle and at != -1:
            yield self._unfold(at), self._unfold(at + len(needle))
            at = self.text.find(needle, at + len(needle))

    def _unfold(self, position: int) -> int:
        return position + self.removed[bisect.bisect_left(self.run_starts, position)]


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
    written = _as_written(note.quote, visible)
    if written:
        return (f"anchor “{note.quote}” not found {where} (it occurs with other quote marks, apostrophes or "
                f"dashes: “{written}”); copy the phrase exactly as the text has it")
    return (f"anchor “{note.quote}” not found {where}; the text may have changed — "
            "copy the phrase exactly as the text has it (quotes and dashes included)")


# Quote marks, apostrophes and dashes, each folded to its plain form, to tell the editor which
# one the text has.
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                             "\u2013": "-", "\u2014": "-", "\u2011": "-"})


def _as_written(quote: str, visible: str) -> str:
    """The text's own spelling of a quote that differs from it only in quote marks and dashes."""
    match = quote_pattern(quote.translate(_TYPOGRAPHY)).search(visible.translate(_TYPOGRAPHY))
    return " ".join(visible[match.start():match.end()].split()) if match else ""


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
