"""The title of a page: which line of its head is the headline.

The candidates are the plausible lines of the head zone (not chrome, dates, bylines, credits, labels,
a line ending in ":", speaker names, chapter headings, nor a short sentence).  Which one is the
headline is decided by what stands around it, on any site (choose_title lists the rules in order).
"""
from __future__ import annotations

import re

from . import words
from .address import is_host_name, slug_match, address_words
from .furniture import SECTION_RE, chrome_kind, chrome_reason, is_breadcrumb
from .recognise import (
    SOURCE_RE, TIME_LINE_RE, URL_LINE_RE, bare, compare_key, date_line, dated_byline, dated_label, has_speaker_prefix,
    is_bare_name, is_byline, is_credit, is_epigraph, is_nameplate_of, is_sentence, is_speaker_line, is_structural_heading,
    series_line, split_caption, word_count,
)
from .shapes import is_capitals_label, menu_runs
from .units import Unit

TRANSCRIPT = "\x00transcript"     # in the speakers set: lines open with "NAME:" prefixes
MAX_TITLE = 320
LABEL_RE = re.compile(r"^(?:média|media|medio|medien|intervenant\(s\)|intervenants?|source|catégories?|"
                      r"categor(?:y|ies)|tags?|étiquettes?|themen?|thema|rubrique|secci[oó]n|tema|"
                      r"etiquetas|schlagworte|schlagwörter|keywords|mots-clés|location|name|lieu)\s*:\s*.{0,60}$", re.I)
CAPTION_BY_RE = re.compile(r"\b(?:drawing|photo(?:graph)?|portrait|illustration|painting|engraving|"
                           r"dessin|foto|bild|zeichnung)\s+(?:by|de|von)\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}$", re.I)

# "Edouard Dubufe, Léopoldine Hugo à dix-huit ans, 1843": an artwork's caption (artist, work, year).
ARTWORK_RE = re.compile(r"^[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+){1,3}, [^,]{3,80}, (?:1[0-9]|20)\d\d\.?$")


def nameplates(zone: list, holder: str) -> set:
    """The site's name above the title ("The Daily Example"): never the title."""
    return {compare_key(u.text) for u in zone if is_nameplate_of(u.text, holder)}


def candidate_text(unit: Unit) -> str:
    return unit.content if unit.kind == "bullet" else unit.text


def title_candidate(text: str, speakers: set, source_url: str = "") -> bool:
    if source_url and placed_headline(text, source_url):
        return True
    return bool(text) and len(text) <= MAX_TITLE and not text[:1].islower() and not (
        chrome_kind(text) or date_line(text) or dated_label(text) or series_line(text)
        or is_byline(text) or dated_byline(text) or is_credit(text) or split_caption(text, "")
        or CAPTION_BY_RE.search(text) or ARTWORK_RE.match(text) or is_epigraph(text) or compare_key(text) in speakers or is_structural_heading(text)
        or URL_LINE_RE.match(text) or SOURCE_RE.match(text) or LABEL_RE.match(text) or TIME_LINE_RE.match(text)
        or TRANSCRIPT in speakers and has_speaker_prefix(text)
        or (re.search(r"[.…]$", text) and not text.endswith(("...", "…")) and word_count(text) < 8)
        or text.endswith(":")                 # a label that announces what follows
        or text.startswith(("[", "<", "!["))
        or text.lower() in words.SMALL_WORDS
        or is_breadcrumb(text) and re.search(r" [|>›»] ", text) or not any(c.isalpha() for c in text))


def placed_headline(text: str, source_url: str) -> bool:
    """`Becerril de la Sierra | Desbroce de parcelas municipales`: a place (or section) and the
    headline after one bar, every word of both spelt by the address's slug: the title, though it
    reads like a two-step breadcrumb."""
    slug = address_words(source_url)
    return (text.count("|") == 1 and len(slug) >= 4 and is_breadcrumb(text)
            and all(part.strip() for part in text.split("|")) and slug_match(text, slug) >= 0.9)


def title_candidates(zone: list, source_url: str, speakers: set, page: list = ()) -> list:
    """Indices of the plausible title lines of the zone (not menus, nor the site's own name, nor
    the first item of a list, which may go on past the zone)."""
    page = list(page) or zone

    def lone_bullet(i):
        return zone[i].kind == "bullet" and not (i + 1 < len(page) and page[i + 1].kind == "bullet")

    menus = menu_runs(zone)
    return [i for i, unit in enumerate(zone)
            if i not in menus and (unit.kind in ("text", "heading") or lone_bullet(i))
            and title_candidate(candidate_text(unit), speakers, source_url)
            and (word_count(unit.text) < 20 or word_count(unit.text) <= 30 and i + 1 < len(page)
                 and not re.search(r"[.!?;:,]$", unit.text) or i == 0 and i + 1 < len(zone) and (
                heads_off(zone[1]) or word_count(zone[1].text) < 20))
            and not (i and is_structural_heading(zone[i - 1].text))
            and not is_host_name(unit.text, source_url)]


def choose_title(zone: list, hint: str, source_url: str, speakers: set, page: list = ()) -> int | None:
    """The index of the headline: in the zone, or just past it (a headline under a teaser); None
    when no line is plausible.  The rules, in order: the page's metadata names it; a breadcrumb
    ends on it; it is printed twice; it stands above its byline or date; a date stands above it
    (a feed); it stands above the poem; the address's slug spells it; it follows kickers and
    labels of a few words; it stands above its date just past a teaser; else the first."""
    if hint:
        return next((i for i, unit in enumerate(zone) if compare_key(unit.text) == compare_key(hint)), None)
    page = list(page) or zone
    candidates = title_candidates(zone, source_url, speakers, page)
    if not candidates:
        return headline_past_the_zone(page, len(zone), source_url, speakers)
    for rule in (ends_a_breadcrumb, printed_twice_on_the_page, above_its_byline_or_date, under_a_date,
                 above_the_poem, spelt_by_the_address, after_kickers, headline_past_teaser):
        found = rule(zone, candidates, page, source_url, speakers)
        if found is not None:
            return found
    return candidates[0]


def ends_a_breadcrumb(zone, candidates, page, source_url, speakers):
    """`Home > Speeches > Gettysburg Address`, then the heading."""
    for unit in zone:
        if is_breadcrumb(unit.text) and re.search(r" [|>›»] ", unit.text):
            last = compare_key(re.split(r" [|>›»] ", unit.text)[-1])
            match = next((i for i in candidates if compare_key(zone[i].text) == last), None)
            if match is not None:
                return match
    return None


def printed_twice_on_the_page(zone, candidates, page, source_url, speakers):
    """The title printed twice (a heading, then the heading again)."""
    for c in candidates:
        if any(compare_key(u.text) == compare_key(zone[c].text) for u in page[c + 1:]) and word_count(zone[c].text) >= 2 \
                and not is_bare_name(zone[c].text):
            return c
    return None


def above_its_byline_or_date(zone, candidates, page, source_url, speakers):
    """The headline stands right above its byline or date (`- BY OLGA R. RODRIGUEZ` too)."""
    for c in candidates[1:]:
        after = candidate_text(zone[c + 1]) if c + 1 < len(zone) else ""
        if is_head_field(after) and all(word_count(zone[i].text) <= 4 for i in candidates if i < c):
            return c
    return None


def under_a_date(zone, candidates, page, source_url, speakers):
    """A feed or a listing: a date, then the headline.  A blog's date header, then the post's
    title, then another title over its own date: the post's title is the text's (the other heads
    the article the post quotes)."""
    for d, unit in enumerate(zone[:-1]):
        if date_line(unit.text) and d + 1 in candidates and all(
                word_count(zone[i].text) <= 6 for i in candidates if i < d) \
                and word_count(zone[d + 1].text) <= 15 and not re.search(r"[.:;,]$", zone[d + 1].text):
            if any(i < d for i in candidates):
                after = d + 2                     # a kicker under the date, then the headline, then the text
                if (after in candidates and after == len(zone) - 1 and word_count(zone[d + 1].text) <= 6
                        < word_count(zone[after].text) and not re.search(r"[.;,]$", zone[after].text)):
                    return after
                return d + 1
            if d == 0 and any(c > d + 1 and c + 1 < len(zone) and date_line(zone[c + 1].text) for c in candidates):
                return d + 1                      # a blog's date, its post's title, then a quoted article's own head
    return None


def above_the_poem(zone, candidates, page, source_url, speakers):
    """A poem's title stands above its first line, or above the poet's name over it; before it
    only the poet's name (`GUILLAUME APPOLINAIRE`) and labels of a word or two (a book's title
    above its first poem is the text's title)."""
    if len(page) <= len(zone) or not page[len(zone)].verse or len(candidates) < 2:
        return None
    for i in range(len(zone) - 1, -1, -1):
        unit = zone[i]
        if i in candidates and not is_person(unit.text):
            before = [c for c in candidates if c < i]
            if before and all(is_person(zone[c].text) or word_count(zone[c].text) <= 2 for c in before):
                return i
            return None
        if not (is_person(unit.text) or i not in candidates):
            return None
    return None


def spelt_by_the_address(zone, candidates, page, source_url, speakers):
    """The line the address's slug spells (`/news/minister-visits-lyon/`)."""
    slug = address_words(source_url)
    if len(slug) >= 2:                     # not a section's name (`/press-releases?item=1247`)
        scored = [(slug_match(zone[i].text, slug), i) for i in candidates if not SECTION_RE.fullmatch(bare(zone[i].text))]
        if not scored:
            return None
        best, at = max(scored, key=lambda s: (s[0], -s[1]))
        if best >= 0.6:
            return at
    return None


def after_kickers(zone, candidates, page, source_url, speakers):
    """Kickers, section names and a nameplate of a few words or in capitals (`Investor Home`,
    `Financial`, `Press Releases`; `Archiv`, `Armin Laschet`; `BOLETÍN OFICIAL DE LAS ISLAS
    BALEARES`) above the headline, which is longer (but not a paragraph: twenty words at most): only lines
    of a few words, captions, credits, dates and chrome stand between them."""
    first = candidates[0]
    if (word_count(zone[first].text) > 4 and not is_capitals_label(zone[first].text)
            or re.search(r"[.;,!?]$", zone[first].text)):
        return None
    for c in candidates[1:]:
        text = zone[c].text
        if word_count(text) <= 4:
            continue
        if (5 <= word_count(text) <= 20 and not re.search(r"[.:;,]$", text) and not is_bare_name(text)
                and all(word_count(u.text) <= 8 and not is_sentence(u.text, 8) or split_caption(u.text, "")
                        or chrome_kind(u.text) or chrome_reason(u.text) for u in zone[first + 1:c])):
            return c
        return None
    return None


def headline_past_teaser(zone, candidates, page, source_url, speakers):
    """A teaser of another article above the page's own headline: the zone ended at the teaser's
    sentence, and just past it a title line stands above its date or byline."""
    if any(c + 1 < len(zone) and is_head_field(zone[c + 1].text) for c in candidates):
        return None
    return headline_past_the_zone(page, len(zone), source_url, speakers)


def headline_past_the_zone(page, end, source_url, speakers):
    if not 0 < end < len(page) or word_count(page[end - 1].text) >= 20 and end > 1:
        return None
    for i in range(end, min(end + 4, len(page) - 1)):
        unit = page[i]
        if unit.verse or word_count(unit.text) >= 20:
            return None
        if (title_candidate(candidate_text(unit), speakers) and is_head_field(page[i + 1].text)
                and not is_host_name(unit.text, source_url)):
            return i
    return None


def is_head_field(text: str) -> bool:
    return bool(is_byline(text) or date_line(text) or dated_byline(text))


def is_person(text: str) -> bool:
    """A poet's name over the poem: `Emily Dickinson`, `GUILLAUME APPOLINAIRE`, `Poet X`."""
    return is_bare_name(text) or text.isupper() and is_bare_name(text.title()) or is_byline(text)


def heads_off(unit: Unit) -> bool:
    """What may follow a long title line: a label, a date, chrome, a speaker's name."""
    text = unit.text
    return bool(chrome_kind(text) or chrome_reason(text) or date_line(text) or LABEL_RE.match(text)
                or is_byline(text) or is_speaker_line(text))
