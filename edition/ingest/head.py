"""The head of a text: title, subtitle, byline, date, photo credit and caption.

The head is read from the *zone*: the units before the first paragraph of running prose (or
the first verse line, speaker label or list), at most ZONE units.  In the zone:
- the title is chosen among the plausible lines (title.py) and made from its line (headline.py): a
  "prefix: title" line whose prefix holds a date or a press marker loses the prefix; a "Title – The
  Site" line loses the site (which becomes the publisher); "Title by Author" is split.  No plausible
  line: the title is made from the address's slug, and the report says so.
- the lines above the title are the page's furniture (site name, section, menu): left out, but a
  byline, the paper's name and a date there are head (headline.py);
- after it, in any order: subtitle (subtitle.py), byline, date, credit and caption, repeats of the
  title; other lines stay at the top of the body, listed as doubtful.
"""
from __future__ import annotations

import re

from . import words
from .address import is_host_name, title_from_address, title_words
from .furniture import chrome_kind, chrome_reason, is_breadcrumb
from .headline import Head, author_in_page_title, read_above, remember, set_title
from .recognise import (
    AGENCY, CLOSING_RE, SOURCE_RE, TIME_LINE_RE, byline_names, compare_key, date_line, dated_byline, dated_label,
    dateline_date, find_date, has_speaker_prefix, is_bare_name, is_byline, is_credit, is_sentence, is_speaker_line,
    is_structural_heading, labelled_date, split_caption, word_count,
)
from .shapes import YEAR_ONLY_RE, is_capitals_label, is_label_only, is_place_line, is_prose, menu_runs, printed_twice
from .subtitle import (
    QUOTE_LINE_RE, ends_title_block, is_dek, is_head_field, is_rubric, is_standfirst, restates_title, right_under_title,
)
from .title import (
    ARTWORK_RE, CAPTION_BY_RE, LABEL_RE, MAX_TITLE, TRANSCRIPT, candidate_text, choose_title, nameplates,
    title_candidate,
)
from .units import CUT_WORDS, Unit, drop

TABLE_LINE_RE = re.compile(r"^[A-ZÀ-Þ][\w()/.-]*(?: [\w()/.-]+){0,2}\s*:\s*\S")
AGENCY_LINE_RE = re.compile(rf"^(?:{AGENCY})$")
LIFE_DATES_RE = re.compile(r"^\(?(?:[*†]\s*)?(?:1[0-9]|20)\d\d\s*(?:[-–—/]|to|à|bis|a)\s*(?:[*†]\s*)?(?:1[0-9]|20)\d\d\)?$")
LABEL_PAIR_RE = re.compile(r"(?P<label>[A-ZÀ-Þ]\w+):\s*(?P<value>\w+)")
ZONE = 25
MAX_NOTES = 3                        # doubtful lines noted one by one; then one note for the rest
BRACKETS_RE = re.compile(r"\s*\([^()]{2,40}\)$")


def take_source_line(units: list) -> tuple[list, str]:
    """A first line `Source: URL` says where the seed was scraped from."""
    if units and (match := SOURCE_RE.match(units[0].text)):
        return units[1:], match["url"]
    return units, ""


def read_head(units: list, holder: str, hints: dict, source_url: str) -> tuple[Head, list, list]:
    """(head, the units of the body, the units left out with their reasons)."""
    head = Head({"title": "", "subtitle": "", "byline": "", "date": "", "event_date": "",
                 "photo_caption": "", "photo_credit": ""}, source_url=source_url)
    speakers = repeated_speakers(units)
    zone = zone_end(units, speakers)
    index = choose_title(units[:zone], hints.get("title", ""), source_url, speakers | nameplates(units[:zone], holder),
                         units[:ZONE * 2])
    dropped, date_above = [], None
    if index is not None:
        dropped, date_above = read_above(head, units[:index], holder, source_url,
                                         poem=index + 1 < len(units) and units[index + 1].verse)
        if (index + 1 < len(units) and units[index].kind == "text" and units[index + 1].kind == "text"
                and units[index].text.split()[-1].lower() in CUT_WORDS and units[index + 1].text[:1].islower()
                and word_count(units[index + 1].text) <= 12 and not units[index + 1].verse):
            units[index].lines += units[index + 1].lines    # a title wrapped on an article: "... esconden las"
            units = units[:index + 1] + units[index + 2:]
            zone -= 1
        if (units[index].kind == "text" and len(units[index].lines) == 2 and not units[index].verse
                and QUOTE_LINE_RE.match(units[index].lines[1].text)):
            unit = units[index]                        # the title, then a quote as its subtitle on the next line
            units[index:index + 1] = [Unit(unit.lines[:1], unit.block), Unit(unit.lines[1:], unit.block)]
            zone += 1
        set_title(head, units[index], holder, poem=index + 1 < len(units) and units[index + 1].verse,
                  later=[u.text for u in units[index + 1:index + 1 + ZONE]])
        head.title_block = units[index].block
        if not head.meta["byline"] and (name := author_in_page_title(units[:index], head.meta["title"])):
            head.meta["byline"] = name       # "Rima 53. …, de Gustavo Adolfo Bécquer | Poema" above the title
            remember(head, name, "byline", None)
        if hints.get("title"):
            head.meta["title"] = hints["title"]
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
                if key == "byline":
                    remember(head, "by " + hints[key], key, None)
    body, more = read_after_title(head, rest, max(zone, 0), speakers, source_url)
    if not head.meta["date"] and body and (day := dateline_date(body[0].text)):
        head.meta["date"] = day                          # "DALLAS, July 25, 2017 /PRNewswire/ -- ..."
    if date_above is not None:
        day, unit = date_above
        if head.meta["date"]:
            more += drop(unit, "a date above the title (the site's); the text's date stands under the title")
        else:
            head.meta["date"] = day
            remember(head, unit.text, "date line", unit)
    return head, body, dropped + more


def zone_end(units: list, speakers: set) -> int:
    """The head zone: up to the first title-like line, then on to the first paragraph of prose
    (eight words or more, ending a sentence); never past a verse line, a list or a speaker."""
    seen_candidate = seen_headline = False
    for i, unit in enumerate(units[:ZONE]):
        text = unit.text
        furniture = bool(chrome_kind(text) or is_breadcrumb(text))   # a breadcrumb ending "…" is no prose
        if (unit.verse or seen_candidate and unit.kind in ("bullet", "ordered") and i + 1 < len(units)
                and units[i + 1].kind == unit.kind or len(text) > MAX_TITLE
                or has_speaker_prefix(text) and i > 0 and TRANSCRIPT in speakers
                or i > 0 and is_prose(text, 20) and not split_caption(text, "") and not furniture
                or seen_candidate and compare_key(text) in speakers
                or seen_candidate and is_prose(text, 8) and not split_caption(text, "") and not furniture
                and not (text.endswith("?") and word_count(text) < 20 and not seen_headline)):
            return i                          # (a question of a headline under a kicker is no prose)
        if title_candidate(candidate_text(unit), speakers):
            seen_candidate, seen_headline = True, seen_headline or word_count(text) >= 3
    return min(len(units), ZONE)


def repeated_speakers(units: list) -> set:
    """Speaker names in capitals that recur: a transcript's labels, never its title."""
    counts = {}
    for unit in units:
        if is_speaker_line(unit.text):
            key = compare_key(unit.text)
            counts[key] = counts.get(key, 0) + 1
    # one name that recurs makes every name in capitals on its own line a speaker's
    found = set(counts) if any(count > 1 for count in counts.values()) else set()
    if sum(has_speaker_prefix(unit.text) for unit in units) >= 2:
        found.add(TRANSCRIPT)               # "MR PRICE: ...", "QUESTION: ...": a transcript
    return found


def head_window(rest: list, head: Head) -> int:
    """How many units after the title are head: up to the last dateline, byline or page label
    among the first six that tells something new (not a date already known), when none of the
    units before it is a paragraph of forty words."""
    end, dated, signed = 0, bool(head.meta["date"]), bool(head.meta["byline"])
    prose = False
    for i, unit in enumerate(rest[:6]):
        if word_count(unit.text) >= 40 or unit.verse:
            break
        text = unit.text
        if (date_line(text) or dated_label(text) or labelled_date(text)) and not dated:
            end, dated = i + 1, True
        elif (is_byline(text) or dated_byline(text)) and not signed:
            end, signed = i + 1, True
        elif not prose and (chrome_kind(text) in ("counter or reading time", "date label with no date")
                            or is_label_only(rest, i) or YEAR_ONLY_RE.match(text)):
            end = i + 1
        prose = prose or is_prose(text, 12)
    return end


def read_after_title(head: Head, rest: list, zone: int, speakers: set, source_url: str = "") -> tuple[list, list]:
    """Subtitle, byline, date, credit, caption and repeats after the title: everywhere in the
    zone, and past it while the lines are head material.  The other lines stay in the body."""
    meta, body, dropped = head.meta, [], []
    credit_unit = None
    date_from = None
    window = head_window(rest, head)
    zone = max(zone, window)
    menus = menu_runs(rest[:max(zone, 1) + 8])
    label_value = False
    capitals_label = None
    twice = printed_twice(rest[:max(zone, 1) + 2])
    table = label_table(rest[:max(zone, 1) + 8])
    pairs = {label_pair(m) for u in rest if id(u) in table for m in LABEL_PAIR_RE.finditer(u.text)}
    for i, unit in enumerate(rest):
        text, key = unit.text, compare_key(unit.text)
        kind = chrome_kind(text)
        if i >= zone and not (is_head_material(text, head) or id(unit) in twice or i in menus
                              or i == 0 and ends_title_block(rest, i, head) or i == 0 and is_dek(text)
                              and i + 1 < len(rest) and is_head_field(rest[i + 1].text, head)
                              or not meta["subtitle"] and restates_title(text, meta["title"])
                              and right_under_title(rest, i, head)):
            return body + rest[i:], dropped
        if unit.kind == "bullet" and is_byline(unit.content) and not meta["byline"] and not body:
            meta["byline"] = byline_names(unit.content)   # "- BY OLGA R. RODRIGUEZ"
            remember(head, unit.text, "byline", unit)
        elif (unit.kind == "bullet" and not body and unit.content.endswith(":") and word_count(unit.content) <= 8
              and right_under_title(rest, i, head) and i + 1 < len(rest) and rest[i + 1].kind == "text"):
            dropped += drop(unit, "a label under the title (who speaks), set as a lone bullet")
        elif unit.verse or unit.kind != "text":
            body.append(unit)
        elif id(unit) in table or (match := LABEL_PAIR_RE.fullmatch(text)) and label_pair(match) in pairs:
            if (day := labelled_date(text)) and not meta["date"]:
                meta["date"], date_from = day, unit.first
            dropped += drop(unit, "page metadata label" + (" (its date recorded as date)" if day and date_from == unit.first
                                                           else ""))
        elif id(unit) in twice:
            dropped += drop(unit, "image caption, printed twice")
        elif i in menus and not any(is_sentence(u.text, 8) for u in body):
            dropped += drop(unit, "menu")
        elif key in head.seen or head.seen.get(bare_key := compare_key(BRACKETS_RE.sub("", text)), ("",))[0] == "byline":
            what, number = head.seen.get(key) or head.seen[bare_key]      # "MARK TWAIN (Samuel L. Clemens)"
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
        elif (day := labelled_date(text)) and not meta["date"]:
            meta["date"], date_from = day, unit.first
            dropped += drop(unit, "page metadata label (its date recorded as date)")
        elif (pair := dated_byline(text)) and not meta["byline"]:
            meta["byline"], meta["date"] = pair[0], meta["date"] or pair[1]
            remember(head, text, "byline", unit)
        elif is_byline(text) and not meta["byline"]:
            meta["byline"] = byline_names(text)
            remember(head, text, "byline", unit)
        elif is_bare_name(text) and not meta["byline"] and i == 0 and any(u.verse for u in rest[1:4]):
            meta["byline"] = text
            remember(head, text, "byline", unit)
        elif is_agency(text):
            if meta["byline"]:
                dropped += drop(unit, "news agency credit")
            else:
                meta["byline"] = text                     # "Associated Press" under the title
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
        elif (CAPTION_BY_RE.search(text) or ARTWORK_RE.match(text)) and not meta["photo_caption"]:
            meta["photo_caption"] = text
            remember(head, text, "caption", unit)
        elif (title_key := compare_key(meta["title"])) and word_count(meta["title"]) >= 3 \
                and len(key) > len(title_key) and key.endswith(" " + title_key) and i < 6:
            dropped += drop(unit, "breadcrumb ending on the title")       # "Nachrichten Politik … Niebel: …"
        elif not meta["subtitle"] and not body and is_standfirst(rest, i, head, window, twice):
            meta["subtitle"] = text
            remember(head, text, "subtitle", unit)
        elif (LABEL_RE.match(text) or SOURCE_RE.match(text) or text.lower().startswith("source:")
              or is_label_only(rest, i) or label_value and word_count(text) <= 8):
            dropped += drop(unit, "page metadata label")
            label_value = is_label_only(rest, i)
            continue
        elif not body and i and date_line(rest[i - 1].text) and is_paper_name(text):
            dropped += drop(unit, "the paper the text was first printed in, under its date")   # "Cambridge Chronicle"
        elif YEAR_ONLY_RE.match(text) or is_host_name(text, source_url):
            dropped += drop(unit, "site nameplate" if is_host_name(text, source_url) else "a year on its own line")
        elif LIFE_DATES_RE.match(text):
            dropped += drop(unit, "the author's dates")
        elif (is_capitals_label(text) and not speakers and not is_structural_heading(text)
              and not TIME_LINE_RE.match(text)):
            dropped += drop(unit, "label in capitals between the title and the text")
            capitals_label = i
        elif not body and capitals_label == i - 1 and is_dek(text) and not CLOSING_RE.search(text):
            if meta["subtitle"]:              # "RUIDOS" / "Decreta excepciones …", "CONFLICTO" / "El delegado …"
                dropped += drop(unit, "a highlight under its label, between the title and the text")
            else:
                meta["subtitle"] = text
                remember(head, text, "subtitle", unit)
        elif i < window and not meta["subtitle"] and is_dek(text) and not body and right_under_title(rest, i, head):
            meta["subtitle"] = text
            remember(head, text, "subtitle", unit)
        elif i < window:
            dropped += drop(unit, "between the title and the dateline (caption, author note or image text)")
        elif not body and is_rubric(rest, i, head):
            dropped += drop(unit, "a rubric over the text, after the head (a section's or series' name)")
        elif (word_count(text) >= 2 and (overlaps_title(text, meta["title"]) or word_count(meta["title"]) >= 4
                                         and key.endswith(compare_key(meta["title"]))) and key not in speakers
              and not any(is_sentence(u.text, 5) for u in body)):
            dropped += drop(unit, "repeats the title in other words")
        else:
            body.append(unit)
            if not (head.notes_full or is_place_line(text) or len(body) > 1 and body[-2].block == unit.block and is_place_line(body[-2].text)
                    or any(compare_key(u.text) in speakers for u in body)):
                head.kept.append((unit.first, text, "between the title and the text; check that it belongs "
                                                    "to the text"))
                if len(head.kept) == MAX_NOTES:
                    head.kept[-1] = (unit.first, text, "between the title and the text, with the lines after it "
                                                       "up to the text; check that they belong to the text")
                    head.notes_full = True
    return body, dropped


def label_table(units: list) -> set:
    """ids of a table of the page's labels: three or more `Label: value` lines in a row
    (`TOP: Ö 4`, `Gremium: Rat der Samtgemeinde`, `Datum: Do, 09.02.2017 Status: öffentlich`)."""
    found, run = set(), []
    for unit in units + [None]:
        if unit is not None and not unit.verse and unit.kind == "text" and TABLE_LINE_RE.match(unit.text) \
                and word_count(unit.text) <= 12 and not is_sentence(unit.text, 8):
            run.append(unit)
            continue
        if len(run) >= 3:
            found |= {id(u) for u in run}
        run = []
    return found


def label_pair(match: re.Match) -> str:
    """`Status: öffentlich` and `Status:öffentlich` are the same label and value."""
    return compare_key(match["label"]) + ":" + compare_key(match["value"])


def is_paper_name(text: str) -> bool:
    """`Cambridge Chronicle`, `Hannoversche Allgemeine Zeitung`: a newspaper's name alone on its line."""
    found = text.split()
    return (1 < len(found) <= 5 and not CLOSING_RE.search(text) and all(w[:1].isupper() for w in found)
            and any(w.lower() in words.PAPER_WORDS for w in found))


def is_agency(text: str) -> bool:
    """`Associated Press`, `Reuters`, `AFP`: a news agency alone on its line under the title."""
    return bool(AGENCY_LINE_RE.match(text))


def overlaps_title(text: str, title: str) -> bool:
    """Most words of the line are words of the title: the title printed again, reworded (or a
    part of it: "Memorial Day" under "Remarks ... on Memorial Day")."""
    mine, theirs = set(title_words(text)), set(title_words(title))
    if not mine:
        return False
    share = len(mine & theirs) / len(mine)
    return share >= 0.8 and len(mine) >= 3 or share == 1 and len(mine) == 2


def is_head_material(text: str, head: Head) -> bool:
    return bool(date_line(text) or is_byline(text) or is_credit(text) or split_caption(text, "")
                or compare_key(text) in head.seen or chrome_reason(text) or dated_byline(text)
                or is_host_name(text, head.source_url))


