"""The head of a text: title, subtitle, byline, date, photo credit and caption.

The head is read from the *zone*: the units before the first paragraph of running prose (or
the first verse line, speaker label or list), at most ZONE units.  In the zone:
- the title is chosen among the plausible lines (not chrome, dates, bylines, credits, labels,
  speaker names, chapter headings, nor a short sentence): the one the page's own metadata names
  (an e-book's Title:, a Markdown or HTML seed's title), else the one the `Source:` address's
  slug spells, else the first, passing over a kicker (a short line right above a longer one).
  A "prefix: title" line whose prefix holds a date or a press marker loses the prefix; a
  "Title – The Site" line loses the site (which becomes the publisher); "Title by Author" is
  split.  No plausible line: the title is made from the address's slug, and the report says so.
- the lines above the title are the page's furniture (site name, section, menu): left out;
- after it, in any order: subtitle, byline, date, credit and caption, repeats of the title;
  other lines stay at the top of the body, listed as doubtful.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from edition.ids import slugify

from . import words
from .recognise import (
    BY_RE, CLOSING_RE, END_STOP_RE, SOURCE_RE, URL_LINE_RE, byline_names, chrome_kind, chrome_reason,
    compare_key,
    date_line, dated_byline, dated_label, has_speaker_prefix, is_bare_name, is_breadcrumb, is_byline,
    is_credit, is_nameplate_of, is_sentence, is_speaker_line, is_structural_heading, series_line, split_caption,
    word_count, find_date,
)
from .units import Unit

ZONE = 25
MAX_TITLE = 320
LABEL_RE = re.compile(r"^(?:média|media|medio|medien|intervenant\(s\)|intervenants?|source|catégories?|"
                      r"categor(?:y|ies)|tags?|étiquettes?|themen?|thema|rubrique|secci[oó]n|tema|"
                      r"etiquetas|schlagworte|schlagwörter|keywords|mots-clés|location|name|lieu)\s*:\s*.{0,60}$", re.I)
PREFIX_RE = re.compile(r"^(?P<prefix>[^:]{3,80}):\s+(?P<rest>\S.{10,})$")
SITE_SUFFIX_RE = re.compile(r"^(?P<title>.{10,}?)\s+[|–—-]\s+(?P<site>(?:The|La|Le|Les|El|Los|Der|Die|Das)\s.{2,40})$")
BY_AUTHOR_RE = re.compile(r"^(?P<title>.{3,}?)\s+by\s+(?P<author>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3})$")
CAPTION_BY_RE = re.compile(r"\b(?:drawing|photo(?:graph)?|portrait|illustration|painting|engraving|"
                           r"dessin|foto|bild|zeichnung)\s+(?:by|de|von)\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}$", re.I)


@dataclass
class Head:
    meta: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)   # comparison key -> (what it is, line number)
    kept: list = field(default_factory=list)   # (line, text, why it is doubtful), kept in the body
    problems: list = field(default_factory=list)
    guessed: str = ""                          # how the title was found, when it was a guess


def take_source_line(units: list) -> tuple[list, str]:
    """A first line `Source: URL` says where the seed was scraped from."""
    if units and (match := SOURCE_RE.match(units[0].text)):
        return units[1:], match["url"]
    return units, ""


def read_head(units: list, holder: str, hints: dict, source_url: str) -> tuple[Head, list, list]:
    """(head, the units of the body, the units left out with their reasons)."""
    head = Head({"title": "", "subtitle": "", "byline": "", "date": "", "event_date": "",
                 "photo_caption": "", "photo_credit": ""})
    speakers = repeated_speakers(units)
    zone = zone_end(units, speakers)
    index = choose_title(units[:zone], hints.get("title", ""), source_url, speakers | nameplates(units[:zone], holder))
    dropped = []
    if index is not None:
        for unit in units[:index]:
            dropped += drop(unit, above_title_reason(unit.text, holder))
        set_title(head, units[index], holder)
        rest = units[index + 1:]
        zone -= index + 1
    else:
        rest = units
        title = hints.get("title") or title_from_address(source_url)
        if title:
            head.meta["title"] = title
            remember(head, title, "title", None)
            if not hints.get("title"):
                head.guessed = f"no line of the seed reads as a title; it was made from the address {source_url}"
    for key in ("byline", "date", "subtitle"):
        if hints.get(key) and not head.meta[key]:
            head.meta[key] = hints[key]
            if isinstance(hints[key], str):
                remember(head, hints[key], key, None)
    body, more = read_after_title(head, rest, max(zone, 0), speakers)
    return head, body, dropped + more


def zone_end(units: list, speakers: set) -> int:
    """The head zone: up to the first title-like line, then on to the first paragraph of prose
    (eight words or more, ending a sentence); never past a verse line, a list or a speaker."""
    seen_candidate = False
    for i, unit in enumerate(units[:ZONE]):
        text = unit.text
        if (unit.verse or unit.kind in ("bullet", "ordered") and i + 1 < len(units)
                and units[i + 1].kind == unit.kind or len(text) > MAX_TITLE
                or has_speaker_prefix(text) and i > 0
                or seen_candidate and is_sentence(text, 8)):
            return i
        seen_candidate = seen_candidate or title_candidate(unit.text, speakers)
    return min(len(units), ZONE)


def repeated_speakers(units: list) -> set:
    """Speaker names in capitals that recur: a transcript's labels, never its title."""
    counts = {}
    for unit in units:
        if is_speaker_line(unit.text):
            key = compare_key(unit.text)
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count > 1}


def nameplates(zone: list, holder: str) -> set:
    """The site's name above the title ("The Daily Example"): never the title."""
    return {compare_key(u.text) for u in zone if is_nameplate_of(u.text, holder)}


def title_candidate(text: str, speakers: set) -> bool:
    return bool(text) and len(text) <= MAX_TITLE and not (
        chrome_kind(text) or date_line(text) or dated_label(text) or series_line(text)
        or is_byline(text) or dated_byline(text) or is_credit(text) or split_caption(text, "")
        or CAPTION_BY_RE.search(text) or compare_key(text) in speakers or is_structural_heading(text)
        or URL_LINE_RE.match(text) or SOURCE_RE.match(text) or LABEL_RE.match(text)
        or (END_STOP_RE.search(text) and word_count(text) < 8) or text.startswith(("[", "<", "!["))
        or is_breadcrumb(text) and "|" in text or not any(c.isalpha() for c in text))


def choose_title(zone: list, hint: str, source_url: str, speakers: set) -> int | None:
    candidates = [i for i, unit in enumerate(zone) if unit.kind in ("text", "heading")
                  and title_candidate(unit.text, speakers)]
    if hint:
        return next((i for i, unit in enumerate(zone) if compare_key(unit.text) == compare_key(hint)), None)
    if not candidates:
        return None
    titles = [i for i in candidates if not is_bare_name(zone[i].text) and not END_STOP_RE.search(zone[i].text)]
    named = [i for i in candidates if not (is_bare_name(zone[i].text) and titles)] or candidates
    slug = address_words(source_url)
    if len(slug) >= 2:
        scored = [(slug_match(zone[i].text, slug), i) for i in named]
        best, at = max(scored, key=lambda s: (s[0], -s[1]))
        if best >= 0.6:
            return at
    first = named[0]
    following = next((i for i in named if i > first), None)
    if (following is not None and following == first + 1 and word_count(zone[first].text) <= 4
            and not CLOSING_RE.search(zone[first].text)
            and not CLOSING_RE.search(zone[following].text)
            and word_count(zone[following].text) > word_count(zone[first].text)):
        return following          # a kicker ("Opinion", "Staatskanzlei") above the headline
    return first


def set_title(head: Head, unit: Unit, holder: str) -> None:
    text = unit.text
    remember(head, text, "title", unit)
    if (match := PREFIX_RE.match(text)) and (find_date(match["prefix"]) or chrome_kind(match["prefix"])
                                           or match["prefix"].isupper() and word_count(match["prefix"]) <= 2):
        text = match["rest"]
    if (match := SITE_SUFFIX_RE.match(text)) and re.fullmatch(r"(?:\S+\s){1,4}\S+", match["site"]) \
            and all(w[:1].isupper() for w in match["site"].split()):
        text, head.meta["publisher_hint"] = match["title"], match["site"]
    if (match := BY_AUTHOR_RE.match(text)) and is_bare_name(match["author"]):
        text, head.meta["byline"] = match["title"], match["author"]
        remember(head, "by " + match["author"], "byline", unit)
        remember(head, match["author"], "byline", unit)
    head.meta["title"] = text
    remember(head, text, "title", unit)


def above_title_reason(text: str, holder: str) -> str:
    if is_nameplate_of(text, holder):
        return "site nameplate"
    kind = chrome_reason(text) or chrome_kind(text)
    if kind:
        return kind
    if is_breadcrumb(text):
        return "breadcrumb"
    if series_line(text) or date_line(text) or dated_label(text):
        return "date or series line above the title"
    return "above the title (site name, section or navigation)"


def read_after_title(head: Head, rest: list, zone: int, speakers: set) -> tuple[list, list]:
    """Subtitle, byline, date, credit, caption and repeats after the title: everywhere in the
    zone, and past it while the lines are head material.  The other lines stay in the body."""
    meta, body, dropped = head.meta, [], []
    credit_unit = None
    date_from = None
    for i, unit in enumerate(rest):
        text, key = unit.text, compare_key(unit.text)
        kind = chrome_kind(text)
        previous = rest[i - 1] if i else None
        if i >= zone and not (is_head_material(text, head) or i == 0 and is_dek(text)
                              and i + 1 < len(rest) and is_head_material(rest[i + 1].text, head)):
            return body + rest[i:], dropped
        if unit.verse or unit.kind != "text":
            body.append(unit)
        elif key in head.seen:
            what, number = head.seen[key]
            dropped += drop(unit, f"repeats the {what}" + (f" (line {number})" if number else ""))
        elif kind:
            dropped += drop(unit, kind)
        elif (found := date_line(text)) is not None or (day := dated_label(text)):
            found = found[0] if found else day
            if not meta["date"]:
                meta["date"], date_from = found, unit.first
                remember(head, text, "date line", unit)
            else:
                what = "timestamp of the date" if found == meta["date"] else "another date"
                dropped += drop(unit, f"{what}; the date was taken from line {date_from or 'the page'}")
        elif (pair := dated_byline(text)) and not meta["byline"]:
            meta["byline"], meta["date"] = pair[0], meta["date"] or pair[1]
            remember(head, text, "byline", unit)
        elif is_byline(text) and not meta["byline"]:
            meta["byline"] = byline_names(text)
            remember(head, text, "byline", unit)
        elif is_bare_name(text) and not meta["byline"] and (previous is None or not body):
            meta["byline"] = text
            remember(head, text, "byline", unit)
        elif is_credit(text) and not meta["photo_credit"]:
            meta["photo_credit"], credit_unit = text, unit
            remember(head, text, "photo credit", unit)
        elif (caption := split_caption(text, meta["photo_credit"])) and not meta["photo_caption"]:
            meta["photo_caption"], meta["photo_credit"] = caption
            meta["event_date"] = find_date(caption[0]) or ""
            remember(head, text, "caption", unit)
            if credit_unit is not None:
                dropped += drop(credit_unit, f"photo credit, printed again at the end of the caption (line {unit.first})")
                body = [u for u in body if u is not credit_unit]
        elif CAPTION_BY_RE.search(text) and not meta["photo_caption"]:
            meta["photo_caption"] = text
            remember(head, text, "caption", unit)
        elif (not meta["subtitle"] and i == 0 and is_dek(text)
              and i + 1 < len(rest) and is_head_material(rest[i + 1].text, head)):
            meta["subtitle"] = text
            remember(head, text, "subtitle", unit)
        elif LABEL_RE.match(text) or SOURCE_RE.match(text) or text.lower().startswith("source:"):
            dropped += drop(unit, "page metadata label")
        elif is_speaker_line(text) and key not in speakers and not body:
            dropped += drop(unit, "label in capitals between the title and the text")
        elif word_count(text) >= 3 and overlaps_title(text, meta["title"]):
            dropped += drop(unit, "repeats the title in other words")
        else:
            body.append(unit)
            if not is_place_line(text):
                head.kept.append((unit.first, text, "between the title and the text; check that it belongs "
                                                    "to the text"))
    return body, dropped


def is_place_line(text: str) -> bool:
    """`Washington, D.C.`, `San Salvador, El Salvador`, `East Room`: where a text was given."""
    return len(text) <= 50 and not END_STOP_RE.search(text.rstrip(".")) or bool(re.fullmatch(r"[\d:. ]+[AaPp]\.?[Mm]\.?.*", text))


def overlaps_title(text: str, title: str) -> bool:
    """Most words of the line are words of the title: the title printed again, reworded."""
    mine, theirs = set(title_words(text)), set(title_words(title))
    return bool(mine) and len(mine & theirs) / len(mine) >= 0.8 and len(mine) >= 3


def title_words(text: str) -> list:
    return [w for w in slugify(re.sub(r"['’]s\b", "", text), limit=False).split("-") if w]


def remember(head: Head, text: str, what: str, unit: Unit | None) -> None:
    head.seen.setdefault(compare_key(text), (what, unit.first if unit else None))


def is_head_material(text: str, head: Head) -> bool:
    return bool(date_line(text) or is_byline(text) or is_credit(text) or split_caption(text, "")
                or compare_key(text) in head.seen or chrome_reason(text) or dated_byline(text))


def is_dek(text: str) -> bool:
    """A sentence or two under the title: the standfirst."""
    return 4 <= word_count(text) and len(text) <= 300


def drop(unit: Unit, reason: str) -> list:
    return [(line.number, line.text, reason) for line in unit.lines]


# -- the address -------------------------------------------------------------------------------

def address_words(url: str) -> list:
    """The words of the address's last meaningful path segment: its slug."""
    if not url:
        return []
    path = unquote(urlsplit(url).path)
    for segment in reversed([s for s in path.split("/") if s]):
        segment = re.sub(r"\.(?:html?|php|aspx?|jsp|txt|p)$", "", segment, flags=re.I)
        found = [w for w in re.split(r"[-_+.\s]+", segment.lower()) if w]
        found = [w for w in found if not re.fullmatch(r"\d{5,}|\d{1,2}|[a-z]\d+[a-z\d]*", w) or len(found) < 3]
        while found and found[-1].isdigit():
            found.pop()            # "minister-visits-lyon-2": the 2 tells two pages apart
        while found and found[0].isdigit() and len(found[0]) >= 4:
            found.pop(0)           # "290541-olivier-veran": an id
        if sum(w.isalpha() for w in found) >= 2:
            return found
    return []


def slug_match(text: str, slug: list) -> float:
    """How well a line spells the address's slug: the share of each in the other, the smaller."""
    mine = title_words(fold(text))
    theirs = [fold(w) for w in slug]
    if not mine:
        return 0.0
    common = len(set(mine) & set(theirs))
    return min(common / len(set(theirs)), common / len(set(mine)) * 1.5)


def fold(text: str) -> str:
    """Compare `Göttingen` with `goettingen` and `gottingen`."""
    return text.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ae", "a") \
        .replace("oe", "o").replace("ue", "u").replace("ß", "ss")


def title_from_address(url: str) -> str:
    """`/news/2024/minister-visits-lyon-2/` -> `Minister Visits Lyon`."""
    found = [w for w in address_words(url) if not re.fullmatch(r"\d{6,}", w)]
    if len(found) < 2:
        return ""
    return " ".join(w if i and w in words.SMALL_WORDS else w.capitalize() for i, w in enumerate(found))
