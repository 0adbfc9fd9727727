"""The headline and what stands above it: the title from its line, and the page's own lines over it.

head.py decides which line is the title (with title.py) and reads what follows it; this module
makes the title from its line (a date or marker prefix, a site's name, a poet's name and quotes
come off) and reads the lines above it: furniture left out, a byline, the paper's name and a date
kept as head, the author named in the page's own title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import words
from .address import is_host_name, is_path_name
from .furniture import chrome_kind, chrome_reason, is_breadcrumb
from .recognise import (
    byline_names, compare_key, date_line, dated_label, find_date, is_bare_name, is_byline, is_nameplate_of, series_line,
    word_count,
)
from .title import candidate_text, is_person
from .units import Unit, drop

AUTHOR_SUFFIX_RE = re.compile(r"^(?P<title>.{2,}?)\s*(?::|\s[-–—/]\s)\s*(?P<author>[^:]{4,40})$")
QUOTED_RE = re.compile(r"[\"“«„]\s*(?P<inner>[^\"“”«»„]+?)\s*[\"”»“]")
LABEL_DASH_RE = re.compile(r"^(?P<label>\w+(?: \w+)?) [-–—] (?P<rest>\S.{10,})$")
PREFIX_RE = re.compile(r"^(?P<prefix>[^:]{3,80}):\s+(?P<rest>\S.{10,})$")
SITE_SUFFIX_RE = re.compile(r"^(?P<title>.{10,}?)\s+[|–—-]\s+(?P<site>(?:The|La|Le|Les|El|Los|Der|Die|Das)\s.{2,40}"
                            r"|[A-Z][\w-]{2,30}\.(?:com|fr|es|de|org|net|ch|be|at|info))$")
NAMEPLATE_TAGLINE_RE = re.compile(rf"^(?P<name>[^|–—]{{3,40}}?)\s*[|–—]\s*{words.PAPER_TAGLINE}$", re.I)
SECTION_PATH_RE = re.compile(r"^(?P<path>[A-ZÀ-Þ][\w-]+(?:\s/\s[A-ZÀ-Þ][\w-]+)+)\s+(?P<rest>\S.{10,})$")
LIFE_SUFFIX_RE = re.compile(r"\s*\(\s*(?:1[0-9]|20)\d\d\s*[-–—]\s*(?:(?:1[0-9]|20)\d\d)?\s*\)$")
PAGE_TITLE_AUTHOR_RE = re.compile(r"^\s*[,:–—-]?\s*(?:by|de|von|par|por)\s+(?P<name>[^|–—]{4,60}?)\s*(?:[|–—]\s*.{0,60})?$")
BY_AUTHOR_RE = re.compile(r"^(?P<title>.{3,}?)\s+by\s+(?P<author>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3})$")


@dataclass
class Head:
    meta: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)   # comparison key -> (what it is, line number)
    kept: list = field(default_factory=list)   # (line, text, why it is doubtful), kept in the body
    problems: list = field(default_factory=list)
    guessed: str = ""                          # how the title was found, when it was a guess
    source_url: str = ""
    notes_full: bool = False
    title_block: int | None = None             # the blank-line block the title stands in


def set_title(head: Head, unit: Unit, holder: str, poem: bool = False, later: list = ()) -> None:
    """The title from its line: a date or press-marker prefix, the site's name after it, and the
    poet's name after a poem's title (`Le Pont Mirabeau - Guillaume Apollinaire`, `"Mondnacht":
    Joseph von Eichendorff`, `The Raven by Edgar Allan Poe`) are not the title, nor the quotes around a
    poem's title (`"Mondnacht"`); nor is a label of a
    word or two before a dash when a later line of the head prints the title without it."""
    text = candidate_text(unit)
    remember(head, text, "title", unit)
    if (match := PREFIX_RE.match(text)) and (find_date(match["prefix"]) or chrome_kind(match["prefix"])
                                           or match["prefix"].isupper() and word_count(match["prefix"]) <= 2):
        text = match["rest"]
    elif (match := LABEL_DASH_RE.match(text)) and word_count(match["rest"]) >= 4 and any(
            compare_key(other).endswith(compare_key(match["rest"])) for other in later):
        text = match["rest"]        # "Auszug - Erlass einer ...", then "SG/2017/006 Erlass einer ...": a label
    if (match := SECTION_PATH_RE.match(text)) and any(
            len(other) > len(text) and compare_key(other).endswith(compare_key(text)) for other in later):
        text = match["rest"]        # "Deutschland / Welt Niebel: …", then "Nachrichten Politik Deutschland / Welt Niebel: …"
    if (match := SITE_SUFFIX_RE.match(text)) and re.fullmatch(r"(?:\S+\s){0,4}\S+", match["site"]) \
            and all(w[:1].isupper() for w in match["site"].split()):
        text, head.meta["publisher_hint"] = match["title"], match["site"]
    if (match := BY_AUTHOR_RE.match(text)) and is_bare_name(match["author"]):
        text, head.meta["byline"] = match["title"], match["author"]
        remember(head, "by " + match["author"], "byline", unit)
        remember(head, match["author"], "byline", unit)
    elif (match := AUTHOR_SUFFIX_RE.match(text)) and is_bare_name(match["author"]) and (
            poem or QUOTED_RE.fullmatch(match["title"])):
        text, head.meta["byline"] = match["title"], match["author"]
        text = (QUOTED_RE.fullmatch(text) or re.match(r"(?P<inner>.*)", text))["inner"]
        remember(head, match["author"], "byline", unit)
    if poem and (quoted := QUOTED_RE.fullmatch(text)):
        text = quoted["inner"]      # `"Mondnacht"` over the poem: the quotes only say it is a title
    head.meta["title"] = text
    remember(head, text, "title", unit)


def author_in_page_title(above: list, title: str) -> str:
    """The poet's or author's name in the page's own title above the headline: the title, then
    `, de|by|von|par|por Name`, and perhaps the site after a bar (`… | Poema`)."""
    for unit in above:
        if title and unit.text.startswith(title) and (match := PAGE_TITLE_AUTHOR_RE.match(unit.text[len(title):])) \
                and is_bare_name(match["name"]):
            return match["name"]
    return ""


def above_title_reason(text: str, holder: str, source_url: str = "") -> str:
    if is_nameplate_of(text, holder) or is_host_name(text, source_url):
        return "site nameplate"
    kind = chrome_reason(text) or chrome_kind(text)
    if kind:
        return kind
    if is_breadcrumb(text):
        return "breadcrumb"
    if series_line(text) or date_line(text) or dated_label(text):
        return "date or series line above the title"
    return "above the title (site name, section or navigation)"


def remember(head: Head, text: str, what: str, unit: Unit | None) -> None:
    head.seen.setdefault(compare_key(text), (what, unit.first if unit else None))


def read_above(head: Head, above: list, holder: str, source_url: str, poem: bool) -> tuple[list, tuple | None]:
    """The units above the title: the page's furniture, left out, but a byline (`Emily Dickinson`
    over the poem, `von Joseph von Eichendorff (1788 - 1857)`), the paper's name (spelt by the
    address, or beside its tagline) and a date are kept as head.  (the report, (date, unit) or None)."""
    dropped, date_above = [], None
    for unit in above:
        text = LIFE_SUFFIX_RE.sub("", candidate_text(unit))     # "von Joseph von Eichendorff (1788 - 1857)"
        if not head.meta["byline"] and (is_byline(text) or poem and is_person(text) and not chrome_kind(text)):
            head.meta["byline"] = byline_names(text)  # "Emily Dickinson", "GUILLAUME APPOLINAIRE" over the poem
            remember(head, text, "byline", unit)
            remember(head, unit.text, "byline", unit)
        elif is_path_name(text, source_url) and not head.meta.get("publisher_hint"):
            head.meta["publisher_hint"] = text               # the paper's name, spelt by the address
            dropped += drop(unit, "site nameplate (the publisher, spelt by the address)")
        elif (match := NAMEPLATE_TAGLINE_RE.match(text)) and not head.meta.get("publisher_hint"):
            head.meta["publisher_hint"] = match["name"]      # "Hannoversche Allgemeine | Ihre Zeitung aus …"
            dropped += drop(unit, "site nameplate with its tagline (the publisher)")
        elif (found := date_line(unit.text)) and date_above is None:
            date_above = (found[0], unit)            # the text's date, unless one stands under the title
        else:
            dropped += drop(unit, above_title_reason(unit.text, holder, source_url))
    return dropped, date_above
