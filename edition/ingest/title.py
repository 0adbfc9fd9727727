"""The title of a page: which line of its head is the headline.

The candidates are the plausible lines of the head zone (not chrome, dates, bylines, credits, labels,
speaker names, chapter headings, nor a short sentence).  Among them the headline is the one the
page's own metadata names, else the one a breadcrumb ends on, the one printed twice, the one right
above its byline or date, the one the address's slug spells, or the first (passing over kickers).
"""
from __future__ import annotations

import re

from . import words
from .address import is_host_name, slug_match, address_words
from .furniture import chrome_kind, chrome_reason, is_breadcrumb
from .recognise import (
    SOURCE_RE, TIME_LINE_RE, URL_LINE_RE, compare_key, date_line, dated_byline, dated_label, has_speaker_prefix,
    is_bare_name, is_byline, is_credit, is_nameplate_of, is_speaker_line, is_structural_heading, series_line,
    split_caption, word_count,
)
from .shapes import menu_runs
from .units import Unit

TRANSCRIPT = "\x00transcript"     # in the speakers set: lines open with "NAME:" prefixes
MAX_TITLE = 320
LABEL_RE = re.compile(r"^(?:média|media|medio|medien|intervenant\(s\)|intervenants?|source|catégories?|"
                      r"categor(?:y|ies)|tags?|étiquettes?|themen?|thema|rubrique|secci[oó]n|tema|"
                      r"etiquetas|schlagworte|schlagwörter|keywords|mots-clés|location|name|lieu)\s*:\s*.{0,60}$", re.I)
CAPTION_BY_RE = re.compile(r"\b(?:drawing|photo(?:graph)?|portrait|illustration|painting|engraving|"
                           r"dessin|foto|bild|zeichnung)\s+(?:by|de|von)\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}$", re.I)


def nameplates(zone: list, holder: str) -> set:
    """The site's name above the title ("The Daily Example"): never the title."""
    return {compare_key(u.text) for u in zone if is_nameplate_of(u.text, holder)}


def candidate_text(unit: Unit) -> str:
    return unit.content if unit.kind == "bullet" else unit.text


def title_candidate(text: str, speakers: set) -> bool:
    return bool(text) and len(text) <= MAX_TITLE and not text[:1].islower() and not (
        chrome_kind(text) or date_line(text) or dated_label(text) or series_line(text)
        or is_byline(text) or dated_byline(text) or is_credit(text) or split_caption(text, "")
        or CAPTION_BY_RE.search(text) or compare_key(text) in speakers or is_structural_heading(text)
        or URL_LINE_RE.match(text) or SOURCE_RE.match(text) or LABEL_RE.match(text) or TIME_LINE_RE.match(text)
        or TRANSCRIPT in speakers and has_speaker_prefix(text)
        or (re.search(r"[.…]$", text) and not text.endswith(("...", "…")) and word_count(text) < 8)
        or text.startswith(("[", "<", "!["))
        or text.lower() in words.SMALL_WORDS
        or is_breadcrumb(text) and re.search(r" [|>›»] ", text) or not any(c.isalpha() for c in text))


def choose_title(zone: list, hint: str, source_url: str, speakers: set, page: list = ()) -> int | None:
    def lone_bullet(i):
        return zone[i].kind == "bullet" and not (i + 1 < len(zone) and zone[i + 1].kind == "bullet")

    menus = menu_runs(zone)
    candidates = [i for i, unit in enumerate(zone)
                  if i not in menus and (unit.kind in ("text", "heading") or lone_bullet(i))
                  and title_candidate(candidate_text(unit), speakers)
                  and (word_count(unit.text) < 20 or i == 0 and i + 1 < len(zone) and (
                      heads_off(zone[1]) or word_count(zone[1].text) < 20))
                  and not (i and is_structural_heading(zone[i - 1].text))
                  and not is_host_name(unit.text, source_url)]
    if hint:
        return next((i for i, unit in enumerate(zone) if compare_key(unit.text) == compare_key(hint)), None)
    if not candidates:
        return None
    named = candidates
    for unit in zone:                          # "Home > Speeches > Gettysburg Address", then the heading
        if is_breadcrumb(unit.text) and re.search(r" [|>›»] ", unit.text):
            last = compare_key(re.split(r" [|>›»] ", unit.text)[-1])
            match = next((i for i in candidates if compare_key(zone[i].text) == last), None)
            if match is not None:
                return match
    for c in candidates:                       # the title printed twice (a heading, then the heading again)
        if any(compare_key(u.text) == compare_key(zone[c].text) for u in page[c + 1:]) and word_count(zone[c].text) >= 2 \
                and not is_bare_name(zone[c].text):
            return c
    for c in candidates[1:]:                   # the headline stands right above its byline or date
        after = zone[c + 1].text if c + 1 < len(zone) else ""
        if (is_byline(after) or date_line(after) or dated_byline(after)) and all(
                word_count(zone[i].text) <= 4 for i in candidates if i < c):
            return c
    for d, unit in enumerate(zone[:-1]):      # a feed or a listing: a date, then the headline
        if date_line(unit.text) and d + 1 in candidates and all(
                word_count(zone[i].text) <= 6 for i in candidates if i < d) \
                and word_count(zone[d + 1].text) <= 15 and not re.search(r"[.:;,]$", zone[d + 1].text):
            if any(i < d for i in candidates):
                return d + 1
    slug = address_words(source_url)
    if len(slug) >= 2:
        scored = [(slug_match(zone[i].text, slug), i) for i in named]
        best, at = max(scored, key=lambda s: (s[0], -s[1]))
        if best >= 0.6:
            return at
    first = named[0]
    following = next((i for i in named if i > first), None)
    between = zone[first + 1:following] if following is not None else []
    if (following is not None and all(split_caption(u.text, "") or is_credit(u.text) or chrome_kind(u.text)
                                      or chrome_reason(u.text) for u in between)
            and word_count(zone[first].text) <= 4 and not re.search(r"[.;,!?]$", zone[first].text)
            and not re.search(r"[.:;,]$", zone[following].text) and not is_bare_name(zone[following].text)
            and word_count(zone[following].text) >= 5):
        return following          # a kicker ("Opinion", "Staatskanzlei") above the headline
    return first


def heads_off(unit: Unit) -> bool:
    """What may follow a long title line: a label, a date, chrome, a speaker's name."""
    text = unit.text
    return bool(chrome_kind(text) or chrome_reason(text) or date_line(text) or LABEL_RE.match(text)
                or is_byline(text) or is_speaker_line(text))
