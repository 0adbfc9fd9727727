"""Site chrome out, reported line by line; what only looks like chrome kept, and noted.

Removed, anywhere: the kinds furniture.ANYWHERE lists (skip links, share and print rows,
cookie and newsletter prompts, "Back to top", "Was this page helpful?", separators, embedded
code, press-release markers), copyright and terms notices, sign-in prompts, adverts (the site's
advert for itself too: `Try Rev …` on rev.com, and its heading), exact
repeats of the head, an image's caption with its photo credit.  Removed only at the very end
(the footer, footer.py): nameplates, link lines, rights lines, menus, a related-articles list
after its heading, a press release's contact block, lists of links, an author's box, and the
readers' comments from their heading ("3 comments") on.  A listing page (several dated items,
titles over teasers cut short, items under rows of tags, several poems each under its title) keeps
its first item; the others are left out and the report says so.  Kept but noted: a run of menu-like lines inside the text, a lone bullet
that reads like a link to another article, the blocks set as verse.
"""
from __future__ import annotations

import re
from collections import Counter

from . import words
from .address import host_label
from .footer import DATE_AT_END, footer_reasons
from .furniture import DOWNLOAD_RE, chrome_kind, chrome_reason, is_menu_item

from .recognise import (
    CLOSING_RE, YEAR_RE, compare_key, date_line, dated_label, is_copyright, is_sentence, is_structural_heading,
    leading_date, split_caption, word_count,
)
from .units import Line, Unit, drop

PHOTO_CREDIT_RE = re.compile(r"photo|foto|bild|/|getty|imago|shutterstock|pool", re.I)
TEASER_END_RE = re.compile(r"(?:\[…\]|\[\.\.\.\]|…|\.\.\.)$")
TIME_TEASER_RE = re.compile(r"^\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm|h|uhr)\s+[-–—]\s+\S", re.I)
TAG_ROW_RE = re.compile(r"^[A-ZÀ-Þ][\w-]*(?: [A-ZÀ-Þ][\w-]*){2,11}$")
HOUSE_PROMO_RE = re.compile(r"^(?:try|get|start|use|join|discover|download|essayez|essayer|découvrez|prueba|probá|"
                            r"pruebe|descubre|testen sie|probieren sie|entdecken sie)\s+(?P<name>[\w-]+)\b", re.I)
LISTING_WARNING = ("this page lists {n} items; ingest took the first ({lines}) and left out the "
                   "others: save each one you want as its own seed")


def find_copyright(units: list) -> Unit | None:
    return next((unit for unit in units if is_copyright(unit.text)), None)


def split_listing(units: list) -> tuple[list, list, int]:
    """(the units of the first item, the units left out, how many items) for a listing page:
    two items or more, each starting with a dated line ("February 17, 2005 Press Release") or a
    title over a date line.  Another page: (units, [], 0)."""
    units = join_split_dates(units)
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
              and (j := i + 3 if compare_key(units[i + 2].text) == compare_key(units[i + 1].text) else i + 2)
              and j < len(units) and (is_item_text(units[j]) or is_item_title(units[j])
                                      and j + 1 < len(units) and is_item_text(units[j + 1]))):
            heads.append((i, True))           # a date, then the item's title: "Presse vom 16.12.2021"
        elif i >= 1 and is_item_title(units[i - 1]) and leading_date(unit.text) and word_count(unit.text) >= 12:
            start = i - 2 if i >= 2 and is_item_title(units[i - 2]) else i - 1
            heads.append((start, True))       # title, subtitle, "05.04.2025 Am Samstagvormittag …"
    heads = sorted(set(heads))
    heads = [h for k, h in enumerate(heads) if k == 0 or h[0] > heads[k - 1][0] + 1]
    if len(heads) < 2 and len(poems := poem_titles(units)) >= 2:
        return units[:poems[1]], units[poems[1]:], len(poems)      # the first poem, with the page's head
    if len(heads) < 2 and len(teasers := teaser_items(units)) >= 2 and teasers[0] <= 15:
        first, end = teasers[0], teasers[0] + 2            # the first item: its title and its teaser
        return units[first:end], units[:first] + units[end:], len(teasers)
    if len(heads) < 2 and len(rows := tag_rows(units)) >= 2 and rows[0] <= 15:
        first, end = rows[0] + 1, rows[1]                  # the first item: from its title, under its tags
        return units[first:end], units[:first] + units[end:], len(rows)
    if len(heads) < 2 or heads[0][0] > 15:
        return units, [], 0
    (first, titled), (second, _) = heads[0], heads[1]
    kept = units[first:second] if titled else units[:second]
    left = (units[:first] if titled else []) + units[second:]
    return kept, left, len(heads)


def take_teaser_date(units: list) -> tuple[list, object, list]:
    """A listing's first item whose text opens on its date (`05.04.2025 Am Samstagvormittag …`):
    (the units with the date cut from the line, the date, the report of it)."""
    for k, unit in enumerate(units[:4]):
        if unit.verse or unit.kind != "text" or not (found := leading_date(unit.text)):
            continue
        first = unit.lines[0]
        if not first.text.endswith(found[1]) or len(unit.lines) > 1 and found[1] not in first.text:
            continue
        cut = first.text[: len(first.text) - len(found[1])].strip()
        trimmed = Unit([Line(first.number, found[1], first.indent)] + unit.lines[1:], unit.block, unit.kind,
                       unit.number, unit.delim, unit.block_size)
        return units[:k] + [trimmed] + units[k + 1:], found[0], [(first.number, cut, "the item's date (recorded as date)")]
    return units, None, []


def join_split_dates(units: list) -> list:
    """`11` / `décembre` / `2025` on three lines of one block: one date line."""
    out, i = [], 0
    while i < len(units):
        trio = units[i:i + 3]
        if (len(trio) == 3 and len({u.block for u in trio}) == 1 and not any(u.verse for u in trio)
                and re.fullmatch(r"\d{1,2}", trio[0].text) and trio[1].text.lower() in words.MONTHS
                and re.fullmatch(r"\d{4}", trio[2].text)):
            out.append(Unit(trio[0].lines + trio[1].lines + trio[2].lines, trio[0].block))
            i += 3
            continue
        out.append(units[i])
        i += 1
    return out


def poem_titles(units: list) -> list:
    """Indices of the titles of the poems of a page holding several (`Mondnacht`, its stanzas,
    `Sehnsucht`, its stanzas): two or more short title-like lines, each once on the page and not a
    heading of parts (`II`), each over four lines of verse or more, and nothing else between the
    first title and the last poem's end (a blog post quoting two poems between its paragraphs is
    one text)."""
    found, counts = [], Counter(compare_key(u.text) for u in units)
    for i, unit in enumerate(units[:-1]):
        if (unit.verse or not is_item_title(unit) or word_count(unit.text) > 8 or is_structural_heading(unit.text)
                or unit.text.endswith(":") or counts[compare_key(unit.text)] > 1 or not units[i + 1].verse):
            continue
        run = 0
        while i + 1 + run < len(units) and units[i + 1 + run].verse:
            run += 1
        if run >= 4:
            found.append(i)
    if len(found) < 2:
        return []
    end = found[-1] + 1
    while end < len(units) and units[end].verse:
        end += 1
    return found if all(u.verse or k in found for k, u in enumerate(units[found[0]:end], start=found[0])) else []


def teaser_items(units: list) -> list:
    """Indices of the titles of a listing's items with no date: a title over its teaser, a
    paragraph cut short (`… des Freistaates Sachsen […]`) or opening on the item's time
    (`8:11 a.m. - Council voted 5-2 on …`); between two items only short lines (a caption, a
    kicker), never the whole text of an item."""
    found = [i - 1 for i, unit in enumerate(units) if i and not unit.verse and is_item_title(units[i - 1])
             and (word_count(unit.text) >= 15 and TEASER_END_RE.search(unit.text) or TIME_TEASER_RE.match(unit.text))]
    if any(word_count(u.text) > 12 for a, b in zip(found, found[1:]) for u in units[a + 2:b]):
        return []
    return found


def tag_rows(units: list) -> list:
    """Indices of the rows of tags over a listing's items (`Allgemein Bevölkerungsschutz Bravo
    Kriminalitätsbekämpfung`): capitalised words only, over an item's title, two rows sharing three."""
    rows = [i for i, unit in enumerate(units[:-1]) if not unit.verse and TAG_ROW_RE.match(unit.text)
            and is_item_title(units[i + 1]) and word_count(units[i + 1].text) > word_count(unit.text) // 2]
    words_of = {i: set(units[i].text.split()) for i in rows}
    return [i for i in rows if any(j != i and len(words_of[i] & words_of[j]) >= 3 for j in rows)]


def is_item_text(unit: Unit) -> bool:
    """The opening of an item: a sentence of ten words, or twenty words with no full stop yet
    (`Le Maire informe ses administrés … le Jeudi 22 octobre 2020, à 20 heures 30`)."""
    return is_sentence(unit.text, 10) or unit.kind == "text" and word_count(unit.text) >= 20


def is_item_title(unit: Unit) -> bool:
    return (unit.kind == "text" and word_count(unit.text) <= 20 and not re.search(r"[.;,!?]$", unit.text)
            and not chrome_kind(unit.text) and not date_line(unit.text))


def remove_chrome(units: list, holder: str, source_url: str = "") -> tuple[list, dict, list, list]:
    """Drop chrome; return the rest, the front matter it gives, the report, and the notes."""
    meta = {"publisher": "", "copyright": "", "copyright_year": None, "date_at_end": None}
    reasons = {id(unit): None if unit.verse else chrome_reason(unit.text) for unit in units}
    end = len(units)
    for k, unit in enumerate(units):          # "3 Antworten auf “Der Panther”": the comments below the text
        if not unit.verse and chrome_kind(unit.text) == "readers' comments" and k >= max(1, len(units) // 3):
            for u in units[k:]:
                reasons[id(u)] = "readers' comments"
            end = k
            break
    running = running_lines(units)
    for unit in units:
        if reasons[id(unit)] is None and id(unit) in running:
            reasons[id(unit)] = "running page header or footer (with its page number)"
    for unit, reason in house_adverts(units[:end], source_url).items():
        reasons[unit] = reason
    for unit, reason in captions_in_the_text(units[:end]).items():
        reasons[unit] = reason
    for unit, reason in footer_reasons(units[:end], holder).items():
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
        if reason == DATE_AT_END and meta["date_at_end"] is None:
            meta["date_at_end"] = date_line(unit.text)[0]
    meta["publisher"] = meta["publisher"] or holder
    kept = [strip_stray_marker(kept, k, dropped) for k in range(len(kept))]
    notes += doubtful(kept)
    return kept, meta, dropped, notes


def house_adverts(units: list, source_url: str) -> dict:
    """{id(unit): reason} for the site's advert for itself inside the page (`Try Rev and save time
    transcribing…` on rev.com), with the short heading right above it (`Transcribe Your Own Content`)."""
    label, reasons = host_label(source_url), {}
    for k, unit in enumerate(units):
        match = HOUSE_PROMO_RE.match(unit.text)
        if (unit.verse or not match or len(label) < 3 or match["name"].lower() != label.lower()
                or word_count(unit.text) > 25):
            continue
        reasons[id(unit)] = "the site's advert for itself"
        above = units[k - 1] if k else None
        if (above is not None and not above.verse and word_count(above.text) <= 6
                and not CLOSING_RE.search(above.text) and above.text[:1].isupper()):
            reasons[id(above)] = "the site's advert for itself (its heading)"
    return reasons


PAGE_NUMBER_RE = re.compile(r"^(?P<line>.{8,80}?)\s+\d{1,4}$")


def captions_in_the_text(units: list) -> dict:
    """{id(unit): reason} for the captions of the text's images: a line ending in its photo credit
    in brackets (`… logo. (PRNewsFoto/Kimberly-Clark Corporation)`), and the caption printed just
    before it without the credit (its image's text)."""
    reasons = {}
    for k, unit in enumerate(units):
        if unit.verse or unit.kind != "text" or not (pair := split_caption(unit.text, "")):
            continue
        if not PHOTO_CREDIT_RE.search(pair[1]) or not unit.text.endswith(")"):
            continue
        reasons[id(unit)] = "image caption, with its photo credit"
        if k and compare_key(units[k - 1].text) == compare_key(pair[0]):
            reasons[id(units[k - 1])] = "image caption, printed again with its credit on the next line"
    return reasons


def running_lines(units: list) -> set:
    """ids of lines printed on every page with the page's number: "www.PoemHunter.com ... 2"."""
    found = {}
    for unit in units:
        if not unit.verse and (match := PAGE_NUMBER_RE.match(unit.text)):
            found.setdefault(compare_key(match["line"]), []).append(unit)
    return {id(u) for group in found.values() if len(group) >= 2 and len({x.text for x in group}) == len(group)
            for u in group}


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


def strip_stray_marker(units: list, k: int, dropped: list) -> Unit:
    """`- The full text of the address, delivered Wednesday night:` alone, over the text: a line
    that introduces what follows, with a list marker the scrape left (no list has one item)."""
    unit = units[k]
    before, after = units[k - 1] if k else None, units[k + 1] if k + 1 < len(units) else None
    if (unit.kind != "bullet" or len(unit.lines) != 1 or not unit.content.endswith(":") or word_count(unit.content) < 6
            or before is not None and before.kind == "bullet" or after is None or after.kind != "text"):
        return unit
    first = unit.lines[0]
    marker = first.text[: len(first.text) - len(unit.content)].strip()
    dropped.append((first.number, marker, "a list marker before a lone line that introduces the text"))
    return Unit([Line(first.number, unit.content, first.indent)] + unit.lines[1:], unit.block, "text",
                block_size=unit.block_size)


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
    line of verse (a refrain may be the title), unless the title cut short with `...` and the
    poem's first line, printed whole right after it, repeats it (`I wandered lonely as a Cloud...`)."""
    kept, dropped = [], []
    for k, unit in enumerate(units):
        cut = re.sub(r"\s*(?:\.\.\.|…)$", "", unit.text)
        again = (cut != unit.text and k + 1 < len(units) and word_count(cut) >= 3
                 and compare_key(units[k + 1].text).startswith(compare_key(cut)))
        found = None if unit.verse and not again else seen.get(compare_key(unit.text))
        if found:
            where = f" (line {found[1]})" if found[1] else ""
            dropped += drop(unit, f"repeats the {found[0]}{where}")
        else:
            kept.append(unit)
    return kept, dropped

