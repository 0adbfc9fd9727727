"""Site chrome out, reported line by line; what only looks like chrome kept, and noted.

Removed, anywhere: the kinds recognise.ANYWHERE lists (skip links, share and print rows,
cookie and newsletter prompts, "Back to top", "Was this page helpful?", separators, embedded
code, press-release markers), copyright and terms notices, sign-in prompts, adverts, exact
repeats of the head.  Removed only at the very end (the footer): nameplates, link lines,
rights lines, menus, a related-articles list after its heading, a press release's contact
block.  A listing page (several dated items) keeps its first item; the others are left out and
the report says so.  Kept but noted: a run of menu-like lines inside the text, a lone bullet
that reads like a link to another article, the blocks set as verse.
"""
from __future__ import annotations

import re
from collections import Counter

from . import words
from .furniture import (
    CONNECTIVE_RE, DOWNLOAD_RE, LINK_LINE_RE, MORE_LINK_RE, NAV_LINE_RE, chrome_kind, chrome_reason,
    is_menu_item,
)
from .head import drop
from .recognise import (
    CLOSING_RE, RIGHTS_RE, YEAR_RE, compare_key, date_line, dated_label, is_copyright, is_nameplate_of,
    is_sentence, is_short_label, word_count,
)
from .units import Line, Unit

CONTACT_RE = re.compile(rf"^(?:{words.CONTACT_LABELS})\s*:?\s*(?:.{{0,80}})$", re.I)
LISTING_WARNING = ("this page lists {n} items; ingest took the first ({lines}) and left out the "
                   "others: save each one you want as its own seed")


def find_copyright(units: list) -> Unit | None:
    return next((unit for unit in units if is_copyright(unit.text)), None)


def split_listing(units: list) -> tuple[list, list, int]:
    """(the units of the first item, the units left out, how many items) for a listing page:
    two items or more, each starting with a dated line ("February 17, 2005 Press Release") or a
    title over a date line.  Another page: (units, [], 0)."""
    heads = []
    for i, unit in enumerate(units):
        if unit.verse:
            continue
        if dated_label(unit.text):
            start = i - 1 if i and is_item_title(units[i - 1]) else i
            heads.append((start, start < i))
        elif (date_line(unit.text) and 0 < i < len(units) - 1 and is_item_title(units[i - 1])
              and is_sentence(units[i + 1].text, 10)):
            heads.append((i - 1, True))
        elif (date_line(unit.text) and i + 2 < len(units) and is_item_title(units[i + 1])
              and (is_sentence(units[i + 2].text, 10) or is_item_title(units[i + 2]) and i + 3 < len(units)
                   and is_sentence(units[i + 3].text, 10))):
            heads.append((i, True))           # a date, then the item's title: "Presse vom 16.12.2021"
    heads = sorted(set(heads))
    heads = [h for k, h in enumerate(heads) if k == 0 or h[0] > heads[k - 1][0] + 1]
    if len(heads) < 2 or heads[0][0] > 15:
        return units, [], 0
    (first, titled), (second, _) = heads[0], heads[1]
    kept = units[first:second] if titled else units[:second]
    left = (units[:first] if titled else []) + units[second:]
    return kept, left, len(heads)


def is_item_title(unit: Unit) -> bool:
    return (unit.kind == "text" and word_count(unit.text) <= 20 and not re.search(r"[.;,!?]$", unit.text)
            and not chrome_kind(unit.text) and not date_line(unit.text))


def remove_chrome(units: list, holder: str) -> tuple[list, dict, list, list]:
    """Drop chrome; return the rest, the front matter it gives, the report, and the notes."""
    meta = {"publisher": "", "copyright": "", "copyright_year": None}
    reasons = {id(unit): None if unit.verse else chrome_reason(unit.text) for unit in units}
    for k, unit in enumerate(units):          # "3 Antworten auf “Der Panther”": the comments below the text
        if not unit.verse and chrome_kind(unit.text) == "readers' comments" and k > 0:
            for u in units[k:]:
                reasons[id(u)] = "readers' comments"
            break
    running = running_lines(units)
    for unit in units:
        if reasons[id(unit)] is None and id(unit) in running:
            reasons[id(unit)] = "running page header or footer (with its page number)"
    for unit, reason in footer_reasons(units, holder).items():
        reasons[unit] = reason
    kept, dropped, notes = [], [], []
    for unit in units:
        reason = reasons[id(unit)]
        if reason is None:
            kept.append(strip_download_button(unit, dropped))
            continue
        dropped += drop(unit, reason)
        if reason.startswith("copyright") and not meta["copyright"]:
            meta["copyright"] = unit.text
            years = [int(y) for y in YEAR_RE.findall(unit.text)]
            meta["copyright_year"] = max(years) if years else None
        if reason == "site nameplate" and not meta["publisher"]:
            meta["publisher"] = unit.text
    meta["publisher"] = meta["publisher"] or holder
    notes += doubtful(kept)
    return kept, meta, dropped, notes


FOOTER_STARTS = {"back-to-top link", "feedback prompt", "share or print control", "navigation links",
                 "comments link"}
CONTACT_LINE_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?:tel|telefon|phone|téléphone|teléfono|fax)\b.*\d{3}", re.I)
PAGE_NUMBER_RE = re.compile(r"^(?P<line>.{8,80}?)\s+\d{1,4}$")


def running_lines(units: list) -> set:
    """ids of lines printed on every page with the page's number: "www.PoemHunter.com ... 2"."""
    found = {}
    for unit in units:
        if not unit.verse and (match := PAGE_NUMBER_RE.match(unit.text)):
            found.setdefault(compare_key(match["line"]), []).append(unit)
    return {id(u) for group in found.values() if len(group) >= 2 and len({x.text for x in group}) == len(group)
            for u in group}


def footer_reasons(units: list, holder: str) -> dict:
    """{id(unit): reason} for the chrome at the very end of the page."""
    reasons = {}
    repeated = repeated_labels(units)
    i = len(units)
    while i > 0:
        unit = units[i - 1]
        if unit.verse:
            break
        reason = footer_reason(unit.text, holder, repeated)
        if reason is None and is_menu_item(unit.text):
            run = menu_run_before(units, i)
            if run >= 3:
                for u in units[i - run:i]:
                    reasons[id(u)] = "menu or footer links"
                i -= run
                continue
        if reason is None:
            break
        reasons[id(unit)] = reason
        i -= 1
    for start in range(max(0, i - 12), i):   # a press release's contact block at the end
        block = units[start:i]
        labelled = CONTACT_RE.match(units[start].text)
        addressed = (len(block) >= 3 and any(CONTACT_LINE_RE.search(u.text) for u in block)
                     and all(word_count(u.text) <= 10 and not is_sentence(u.text, 6) for u in block))
        if (labelled or addressed) and all(word_count(u.text) <= 14 and not u.verse and u.kind != "heading"
                                           for u in block):
            for u in units[start:i]:
                reasons[id(u)] = "press-release contact block"
            i = start
            break
    for start in range(max(0, i - 8), i):    # "Back to top", "Was this page helpful?": then only the site's footer
        if chrome_kind(units[start].text) in FOOTER_STARTS and all(
                u.kind != "text" or not is_sentence(u.text, 12) and word_count(u.text) <= 14 for u in units[start:i]):
            for u in units[start:i]:
                reasons.setdefault(id(u), footer_reason(u.text, holder, repeated) or "site footer")
            i = start
            break
    for start in range(i):       # a heading such as "Related articles", then only links to the end
        if chrome_kind(units[start].text) == "related-articles heading" and all(
                u.kind != "text" or not is_sentence(u.text, 25) for u in units[start + 1:i]):
            for u in units[start:i]:
                reasons[id(u)] = "related-articles list"
            i = start
            break
    return reasons


def menu_run_before(units: list, end: int) -> int:
    run = 0
    while run < end and is_menu_item(units[end - 1 - run].text) and not units[end - 1 - run].verse:
        run += 1
    return run


def footer_reason(text: str, holder: str, repeated: set) -> str | None:
    """Why a line of the footer (the chrome at the very end) is chrome, or None."""
    if reason := chrome_reason(text):
        return reason
    if len(text) <= 200 and NAV_LINE_RE.match(text):
        return "footer links"
    if kind := chrome_kind(text):
        return kind
    if is_nameplate_of(text, holder) or (compare_key(text) in repeated and is_short_label(text)):
        return "site nameplate"
    if CONNECTIVE_RE.match(text):
        return "footer fragment"
    if RIGHTS_RE.fullmatch(text.strip(" .")):
        return "rights notice"
    if len(text) <= 200 and NAV_LINE_RE.match(text):
        return "footer links"
    if re.fullmatch(r"(?:powered by|posted by|subscribe to posts|propulsé par|desarrollado por)\b.{0,60}", text, re.I):
        return "footer links"
    if MORE_LINK_RE.match(text) and word_count(text) <= 6:
        return "link to more of the site"
    if LINK_LINE_RE.match(text):
        return "footer links"
    return None


def repeated_labels(units: list) -> set:
    """Short lines printed more than once: a nameplate when they stand in the footer."""
    counts = Counter(compare_key(unit.text) for unit in units if is_short_label(unit.text))
    return {key for key, count in counts.items() if count > 1}


def doubtful(units: list) -> list:
    """Lines kept that look like chrome: notes for the report, (line, text, why)."""
    notes = []
    for i, unit in enumerate(units):
        if unit.verse:
            continue
        before = units[i - 1] if i else None
        after = units[i + 1] if i + 1 < len(units) else None
        if (unit.kind == "bullet" and (before is None or before.kind == "text")
                and (after is None or after.kind == "text") and 4 <= word_count(unit.content) <= 20
                and not CLOSING_RE.search(unit.content)):
            notes.append((unit.first, unit.text, "a lone bullet that reads like a link to another article"))
        elif (is_menu_item(unit.text) and after is not None and is_menu_item(after.text)
              and (before is None or not is_menu_item(before.text))):
            run = 0
            while i + run < len(units) and is_menu_item(units[i + run].text):
                run += 1
            if run >= 3:
                notes.append((unit.first, unit.text, f"{run} short lines in a row, like a menu"))
        elif chrome_kind(unit.text):
            notes.append((unit.first, unit.text, f"looks like site chrome ({chrome_kind(unit.text)})"))
    return notes


def strip_download_button(unit: Unit, dropped: list) -> Unit:
    """`Download as PDF Federal Register ...`: a button label glued to a flattened page."""
    first = unit.lines[0]
    match = DOWNLOAD_RE.match(first.text)
    if not match:
        return unit
    dropped.append((first.number, match.group().strip(), "download link at the start of the line"))
    trimmed = Line(first.number, first.text[match.end():], first.indent)
    return Unit([trimmed] + unit.lines[1:], unit.block, unit.kind, unit.number, unit.delim, unit.block_size)


def remove_repeats(units: list, seen: dict) -> tuple[list, list]:
    """Drop exact repeats of head lines (a title printed again above the text, ...); never a
    line of verse (a refrain may be the title)."""
    kept, dropped = [], []
    for unit in units:
        found = None if unit.verse else seen.get(compare_key(unit.text))
        if found:
            where = f" (line {found[1]})" if found[1] else ""
            dropped += drop(unit, f"repeats the {found[0]}{where}")
        else:
            kept.append(unit)
    return kept, dropped

