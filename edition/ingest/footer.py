"""The footer: the site's chrome after the text, at the very end of the page.

Scanned from the end, again and again until nothing more is found, since footers stack up
(a share row, then comments, then a related list, then the site's links):
- lines that are chrome by their words (furniture.py), the site's nameplate, link lines, rights
  lines, photo credits, bare addresses, a label with nothing after it (`Tags:`, `Escuchá la
  nota:` over a player), a date alone (the page's timestamp, recorded when the head has none);
- a menu: three or more short link-like lines;
- a press release's contact block; after "Back to top" or a share row, only the site's footer;
- a heading such as "Related articles" or "Popular Poems", then only links to the end;
- a list of links: two or more short lines starting with the same word (`Creek Fire: …`,
  `Newspapers in English`, `Newspapers from United States`);
- an author box: the author's name printed twice, then a line or two about them.
"""
from __future__ import annotations

import re
from collections import Counter

from . import words
from .furniture import CONNECTIVE_RE, LINK_LINE_RE, MORE_LINK_RE, NAV_LINE_RE, chrome_kind, chrome_reason, is_menu_item
from .recognise import (
    END_STOP_RE, RIGHTS_RE, URL_LINE_RE, compare_key, date_line, is_credit, is_nameplate_of, is_sentence,
    is_short_label, word_count,
)

CONTACT_RE = re.compile(rf"^(?:{words.CONTACT_LABELS})\s*:?\s*(?:.{{0,80}})$", re.I)
FOOTER_STARTS = {"back-to-top link", "feedback prompt", "share or print control", "navigation links",
                 "comments link"}
CONTACT_LINE_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?:tel|telefon|phone|téléphone|teléfono|fax)\b.*\d{3}", re.I)
EMPTY_LABEL_RE = re.compile(r"^[\w'’ ]{2,30}:[\s,;|.]*$")
DATE_AT_END = "a date alone at the end of the page (recorded as the date when the head has none)"


def footer_reasons(units: list, holder: str) -> dict:
    """{id(unit): reason} for the chrome at the very end of the page."""
    reasons = {}
    repeated = repeated_labels(units)
    i = len(units)
    while True:
        before = i
        for rule in (trailing_chrome, contact_block, after_footer_start, related_list, list_of_links, author_box):
            i = rule(units, i, reasons, holder, repeated)
        if i == before:
            return reasons


def trailing_chrome(units: list, i: int, reasons: dict, holder: str, repeated: set) -> int:
    """From the end, while each line is chrome (or a menu of three short lines or more)."""
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
    return i


def contact_block(units: list, i: int, reasons: dict, holder: str, repeated: set) -> int:
    """A press release's contact block at the end."""
    for start in range(max(0, i - 12), i):
        block = units[start:i]
        labelled = CONTACT_RE.match(units[start].text)
        addressed = (len(block) >= 3 and any(CONTACT_LINE_RE.search(u.text) for u in block)
                     and all(word_count(u.text) <= 10 and not is_sentence(u.text, 6) for u in block))
        if (labelled or addressed) and all(word_count(u.text) <= 14 and not u.verse and u.kind != "heading"
                                           for u in block):
            for u in units[start:i]:
                reasons[id(u)] = "press-release contact block"
            return start
    return i


def after_footer_start(units: list, i: int, reasons: dict, holder: str, repeated: set) -> int:
    """"Back to top", "Was this page helpful?", a share row: then only the site's footer."""
    for start in range(max(0, i - 8), i):
        if chrome_kind(units[start].text) in FOOTER_STARTS and all(
                u.kind != "text" or not is_sentence(u.text, 12) and word_count(u.text) <= 14 for u in units[start:i]):
            for u in units[start:i]:
                reasons.setdefault(id(u), footer_reason(u.text, holder, repeated) or "site footer")
            return start
    return i


def related_list(units: list, i: int, reasons: dict, holder: str, repeated: set) -> int:
    """A heading such as "Related articles", then only links to the end (set as verse or not)."""
    for start in range(i):
        if not units[start].verse and chrome_kind(units[start].text) == "related-articles heading" and all(
                u.kind != "text" or not is_sentence(u.text, 25) for u in units[start + 1:i]):
            for u in units[start:i]:
                reasons[id(u)] = "related-articles list"
            return start
    return i


def list_of_links(units: list, i: int, reasons: dict, holder: str, repeated: set) -> int:
    """Two or more short lines at the end that start with the same word, or three of one shape
    but their numbers (`2014 Issue # 1`, `2014 Issue # 2`, `2015 Issue # 1`), none a sentence."""
    start = i
    while start > 0 and is_link_like(units[start - 1]):
        start -= 1
    run = units[start:i]
    while len(run) >= 2:
        first = first_word(run[0].text)
        if all(first_word(u.text) == first for u in run) or len(run) >= 3 and len({shape(u.text) for u in run}) == 1:
            for u in run:
                reasons[id(u)] = "list of links to other pages"
            return i - len(run)
        run = run[1:]
    return i


def shape(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"\d+", "0", text))


def author_box(units: list, i: int, reasons: dict, holder: str, repeated: set) -> int:
    """The author's name printed twice near the end, then a line or two about them."""
    for k in range(max(1, i - 3), i):
        a, b = units[k - 1], units[k]
        tail = units[k + 1:i]
        if (compare_key(a.text) == compare_key(b.text) and is_short_label(a.text) and not a.verse
                and len(tail) <= 2 and all(word_count(u.text) <= 60 and not u.verse for u in tail)):
            for u in units[k - 1:i]:
                reasons[id(u)] = "the author's box (name and note)"
            return k - 1
    return i


def is_link_like(unit) -> bool:
    text = unit.text
    return (unit.kind == "text" and not unit.verse and 2 <= word_count(text) <= 15
            and not END_STOP_RE.search(text) and not text.endswith((",", ";")))


def first_word(text: str) -> str:
    return compare_key(text.split()[0]).strip(":,") if text.split() else ""


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
    if re.fullmatch(r"(?:powered by|posted by|subscribe to posts|propulsé par|desarrollado por)\b.{0,60}", text, re.I):
        return "footer links"
    if MORE_LINK_RE.match(text) and word_count(text) <= 6:
        return "link to more of the site"
    if LINK_LINE_RE.match(text):
        return "footer links"
    if is_credit(text):
        return "photo credit"
    if URL_LINE_RE.match(text):
        return "a bare address (a link or an embedded player)"
    if EMPTY_LABEL_RE.match(text) and word_count(text.split(":")[0]) <= 3:
        return "a label with nothing after it (tags, a form, an embedded player)"
    if date_line(text) and len(text) <= 40:
        return DATE_AT_END
    return None


def repeated_labels(units: list) -> set:
    """Short lines printed more than once: a nameplate when they stand in the footer."""
    counts = Counter(compare_key(unit.text) for unit in units if is_short_label(unit.text))
    return {key for key, count in counts.items() if count > 1}
