"""E-book frames: the Project Gutenberg header and licence around a book's text.

A Gutenberg file opens with "The Project Gutenberg EBook of <title>, by <author>", a few
licence lines, `Title:`/`Author:`/`Release Date:` fields and "*** START OF ... ***", then a
"Produced by" credit; it closes with "*** END OF ... ***" and the licence.  The 1990s files open
"The Project Gutenberg EBook Connecticut Yankee, by Twain, Complete", their title ends ", Complete"
and their author carries the real name in brackets: both go.  Pages that show a
Gutenberg book often keep only part of this frame (no START line, a site's own catalogue
fields above it).  The frame is cut, reported line by line, and its title and author kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .recognise import SOURCE_RE, is_sentence
from .units import Line

OPENING_RE = re.compile(r"^(?:\ufeff)?The Project Gutenberg e?-?(?:Book|text),?(?: of)? (?P<title>.+?)(?:,? by (?P<author>.+?))?,?$",
                        re.I)
START_RE = re.compile(r"^\*{3}\s*START OF (?:THIS|THE) PROJECT GUTENBERG", re.I)
END_RE = re.compile(r"^\*{3}\s*END OF (?:THIS|THE) PROJECT GUTENBERG|^End of (?:the )?Project Gutenberg", re.I)
FIELD_RE = re.compile(r"^(?P<key>Title|Author|Editor|Translator|Illustrator|Release Date|Posting Date|"
                      r"First Posted|Last Updated|Language|Character set encoding|Credits|"
                      r"Most recently updated)\s*:\s*(?P<value>.*)$", re.I)
PRODUCED_RE = re.compile(r"^(?:Produced by|E-?text prepared by|Transcribed from|This e-?(?:text|book) was produced)\b", re.I)
COMPLETE_RE = re.compile(r",\s*Complete$", re.I)                 # "…, Complete": the 1990s files' whole book
PEN_NAME_RE = re.compile(r"\s*\((?:[A-Z][\w.]*\s?){1,4}\)$")       # "Mark Twain (Samuel Clemens)": the pen name
NOTE_RE = re.compile(r"^\[Transcriber['’]s Note", re.I)


@dataclass
class Frame:
    title: str = ""
    author: str = ""
    dropped: tuple = ()      # (line number, text, reason)


def cut_frame(lines: list[Line]) -> tuple[list[Line], Frame]:
    """The lines without the Gutenberg header, licence and transcriber's notes."""
    opening = next((i for i, line in enumerate(lines[:80]) if OPENING_RE.match(line.text)), None)
    if opening is None:
        return lines, Frame()
    frame = Frame()
    match = OPENING_RE.match(lines[opening].text)
    frame.title, frame.author = match["title"].strip(), (match["author"] or "").strip()
    start = next((i for i, line in enumerate(lines) if START_RE.match(line.text)), None)
    end = next((i for i, line in enumerate(lines) if END_RE.match(line.text)), len(lines))
    # Without a START line the header ends at the last field or licence line near the opening.
    header_end = start if start is not None else last_header_line(lines, opening)
    dropped = []
    reason = "Project Gutenberg header"
    before = lines[:opening]
    if not any(is_sentence(line.text, 20) for line in before):     # a site's page around the e-book
        dropped += [(line.number, line.text, "the page around the e-book") for line in before
                    if line.text and not SOURCE_RE.match(line.text)]
        before = [line for line in before if SOURCE_RE.match(line.text)]
    for line in lines[opening: header_end + 1]:
        if line.text:
            dropped.append((line.number, line.text, reason))
        if (field := FIELD_RE.match(line.text)):
            if field["key"].lower() == "title" and field["value"]:
                frame.title = field["value"].strip()
            if field["key"].lower() == "author" and field["value"]:
                frame.author = field["value"].strip()
    frame.title = COMPLETE_RE.sub("", frame.title)
    frame.author = PEN_NAME_RE.sub("", frame.author)
    kept = before + lines[header_end + 1: end]
    kept, produced = drop_credits(kept)
    dropped += produced
    for line in lines[end:]:
        if line.text:
            dropped.append((line.number, line.text, "Project Gutenberg licence"))
    frame.dropped = tuple(dropped)
    return kept, frame


def last_header_line(lines: list[Line], opening: int) -> int:
    last = opening
    for i in range(opening, min(len(lines), opening + 40)):
        text = lines[i].text
        if FIELD_RE.match(text) or "gutenberg" in text.lower() or (text and lines[i].indent >= 4 and last == i - 1):
            last = i
        elif last and i - last > 3 and text:
            break
    return last


def drop_credits(lines: list[Line]) -> tuple[list[Line], list]:
    """The "Produced by ..." credit (and its wrapped lines) and transcriber's notes at the top."""
    kept, dropped, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        if (PRODUCED_RE.match(line.text) or NOTE_RE.match(line.text)) and len(kept) < 60:
            reason = "e-book production credit" if PRODUCED_RE.match(line.text) else "transcriber's note"
            while i < len(lines) and lines[i].text:
                dropped.append((lines[i].number, lines[i].text, reason))
                i += 1
            continue
        kept.append(line)
        i += 1
    return kept, dropped
