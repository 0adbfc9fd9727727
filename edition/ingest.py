"""Ingest: turn a scraped seed text into a base text (front matter + Markdown body).

`ingest_seed(bytes, path)` is pure and runs these steps, top to bottom:

1. decode     UTF-8 (BOM stripped, CRLF/CR -> LF). Not UTF-8: charset-normalizer may vouch for
              cp1252 (warning that names it); anything else, NUL bytes or no text is an error.
2. lines      odd spaces -> space, runs of spaces -> one, leading/trailing spaces stripped.
3. units      lines -> units (a paragraph, a list item, a line of a short-line group).
4. source     a first line `Source: URL` is provenance -> `source_url`.
5. head       title, subtitle (dek), byline, date, photo credit and caption.
6. chrome     site furniture: copyright, terms, sign-in, adverts, footer nameplate and links.
7. repeats    exact repeats of head lines anywhere in the body.
8. body       Markdown, escaped so that it renders to exactly the words of the seed.

Every line that is neither in the body nor in the front matter is reported in `dropped` with a
reason, so an editor sees what was removed.

The rules, and why
------------------
Paragraphs.  A blank line always ends a paragraph.  Inside a block of lines, a line break is
  joined (with one space) only when it looks hard-wrapped: the document has a wrap width W
  (the longest line, at most 100 characters, that is followed by another line in its block; at
  least 40; and a third of such breaks, at least two, must pass the test below, most of them
  in mid-sentence), and the line before the break is full - its length plus the next line's
  first word would not fit in W (greedy wrapping, as editors and textwrap do).
  Otherwise every line is its own paragraph: scraped pages come as one paragraph per line.
  Lines that carry head or chrome (dates, bylines, credits, copyright...) are never joined.
  Consecutive short lines (<= 60 characters, not ending a sentence) of one block - an address,
  a signature, place lines - stay one paragraph with line breaks.
Lists.  Two or more consecutive items (`- `, `* `, `+ `, `• `; or `1.`/`1)` numbered one after
  another) become a Markdown list; an item is recognised at the start of a block, after another
  item, or after a line ending in ":".  A lone item, or numbers out of sequence, stay text
  (escaped), because Markdown would renumber them.  A list right after another list of the
  same kind gets the other marker (`*`, `1)`), or CommonMark would run the two together.
Headings.  A short line alone in its block (<= 10 words, <= 80 characters, no closing
  punctuation except "?"), between two body paragraphs and followed by a longer paragraph or a
  list, becomes a `##` heading.  Its words survive; only the numbering of paragraphs changes.
Head.  The title is the first line (after `Source:` and a leading nameplate).  Among the
  following lines, in any order: a date-only line (many formats -> ISO date; a time on it is
  allowed), a byline (`By ...` or `Name, Title` with a job title such as Secretary), a photo
  credit (`AP/Name`, `Name/Reuters`, `Getty Images`, `Photo: ...`) and a caption (a line ending
  with that credit; caption = the line without the credit; a date in it is the `event_date`,
  never the publication date).  The subtitle is the line right after the title, if it is a
  sentence and the line after it is head material again - otherwise it is the first paragraph
  of the text and stays in the body.  The head ends at the first other line.
Repeats.  Exact repeats (case, spacing and Unicode width ignored) of the title, subtitle,
  byline, date line, credit or caption are dropped wherever they occur; a lone credit line that
  is printed again at the end of the caption is dropped too.  Nothing that merely resembles
  head material is dropped.
Chrome.  Anywhere in the text, whole lines only: copyright notices (-> `copyright`,
  `copyright_year`), terms/privacy notices that start like one ("Use of this site...", "By
  continuing you agree..."), sign-in/subscribe prompts, "Advertisement..." lines, and a
  "Download as PDF" button glued to the start of a long line.  Only in the footer (the run of
  lines at the very end that are all chrome): the nameplate (a short line that is the copyright
  holder's name, or that repeats there), link lines (Terms of Use | Privacy Policy | Share ...),
  "All rights reserved", a lone "or"/"and"/separator.  An article sentence that mentions
  privacy or terms is never a whole-line match, so it stays.  `publisher` is the nameplate, or
  else the copyright holder without "Company", "LLC" and the like.
Markdown.  Text is escaped: backslash, backtick, `* _ [ ] < |` always, `&` when it would start an entity, `~~`,
  and at the start of a line `# > - + =` and `1.`/`1)`.  Rendered as CommonMark (html off,
  typographer off) the body gives the seed's words in order; only list bullets ("•", "1.") turn
  into list markup.
Front matter.  Keys in META_KEYS order, unknown values '' (copyright_year None).  `date` and
  `event_date` are `datetime.date` values, so YAML writes `date: 2025-02-20` and reads it back
  as the same value.  The byline is stored without its "By ".
End.  A last paragraph of four or more words without closing punctuation is reported as a
  warning: the seed may be cut short or end with a stray token.  The words are kept.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import charset_normalizer
import yaml

from edition.problems import error, warning

META_KEYS = (
    "title", "subtitle", "byline", "publisher", "date", "event_date", "photo_caption",
    "photo_credit", "copyright", "copyright_year", "source_url", "source_file", "source_sha256",
)


@dataclass
class Ingested:
    slug: str
    meta: dict      # front matter in META_KEYS order; unknown values '' (copyright_year None)
    body: str       # Markdown body ending with one "\n" ('' when there is no text)
    dropped: list   # [(seed line number, line text, reason)] for lines not kept
    problems: list  # Problem values


@dataclass
class Line:
    number: int      # 1-based line number in the seed
    text: str        # normalised
    indented: bool   # the seed line started with white space


@dataclass
class Unit:
    """A paragraph, a list item or one line of a short-line group, as found in the seed."""
    lines: list
    block: int                 # index of the blank-line separated block it came from
    kind: str = "text"         # "text" | "bullet" | "ordered"
    number: int | None = None  # for "ordered"
    delim: str = ""            # "." or ")" for "ordered"
    block_size: int = 1        # how many units its block held

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def content(self) -> str:
        """The text without its list marker."""
        return ITEM_RE.match(self.text).group("content") if self.kind != "text" else self.text


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------

def ingest_seed(data: bytes, source_path: str) -> Ingested:
    """Turn the bytes of a seed into front matter, a Markdown body and a report."""
    source_path = Path(source_path).as_posix()
    meta = empty_meta(data, source_path)
    text, problems = decode(data, source_path)
    if text is None:
        return Ingested(make_slug("", source_path), meta, "", [], problems)

    units = make_units(split_lines(text))
    units, url = take_source_line(units)
    meta["source_url"] = url
    notice = find_copyright(units)
    holder = copyright_holder(notice.text) if notice else ""
    head, units, dropped = read_head(units, holder)
    units, chrome, more = remove_chrome(units, holder)
    dropped += more
    units, more = remove_repeats(units, head.seen)
    dropped += more
    meta.update(head.meta)
    meta.update(chrome)

    body = write_body(units)
    problems += check_result(meta, units, source_path)
    dropped.sort(key=lambda d: d[0])
    return Ingested(make_slug(meta["title"], source_path), meta, body, dropped, problems)


def empty_meta(data: bytes, source_path: str) -> dict:
    """Front matter with every key in order and nothing known yet."""
    meta = {key: "" for key in META_KEYS}
    meta["copyright_year"] = None
    meta["source_file"] = source_path
    meta["source_sha256"] = hashlib.sha256(data).hexdigest()
    return meta


def make_slug(title: str, source_path: str) -> str:
    return slugify(title) or slugify(Path(source_path).stem) or "text"


def check_result(meta: dict, units: list, path: str) -> list:
    """Problems an editor must see: no text left, no title, a text that stops mid-sentence."""
    problems = []
    if not units:
        problems.append(error(path, None, "nothing left of the text after the title, the front "
                                          "matter lines and the site chrome were removed; check the seed"))
    if not meta["title"]:
        problems.append(warning(path, None, "no title line found; set `title:` in the front matter"))
    if units and ends_mid_sentence(units):
        last = units[-1]
        tail = last.text[-40:]
        problems.append(warning(path, last.lines[-1].number,
                                f"the text ends mid-sentence (\u201c\u2026{tail}\u201d); the seed may "
                                "be cut short or end with a stray token: check it"))
    return problems


WIRE_TRAILER_RE = re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing) by\b", re.I)


def ends_mid_sentence(units: list) -> bool:
    last = units[-1]
    if (last.kind != "text" or is_short_group_member(units, len(units) - 1)
            or WIRE_TRAILER_RE.match(last.text)):     # "Reporting by ...; Editing by ..."
        return False
    return len(last.text.split()) >= 4 and not re.search(r"[.!?…:;\"”’)\]]$", last.text)


# ---------------------------------------------------------------------------------------------
# 1. Decoding
# ---------------------------------------------------------------------------------------------

MAX_MESS = 0.02   # charset-normalizer's "chaos": 0.0 for clean cp1252 prose


def decode(data: bytes, path: str) -> tuple[str | None, list]:
    """Bytes -> text with LF line ends, or None and an error Problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(path, None, "UTF-16 text; save it as UTF-8")]
    if b"\x00" in data:
        return None, [error(path, None, "binary file (it contains NUL bytes), not text; remove it from "
                                    "seeds/ or replace it with the text saved as UTF-8")]
    data = data.removeprefix(b"\xef\xbb\xbf")
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = guess_single_byte(data)
        if text is None:
            return None, [error(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}), and its encoding "
                                            "cannot be recognised for certain; open it in an editor and "
                                            "save it as UTF-8")]
        problems.append(warning(path, line, "not UTF-8 text; read it as cp1252 (Windows Western, "
                                            "guessed): check quotes and accents, then save it as UTF-8"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error(path, None, "empty seed: there is no text to ingest")]
    return text, problems


def guess_single_byte(data: bytes) -> str | None:
    """cp1252 text (smart quotes from Word and old web pages), when charset-normalizer is sure.

    Only cp1252 is tried: on short texts the detector's first guess is often a codec that
    decodes the same bytes to the wrong letters (mac_iceland, cp1250), and Western web text that
    is not UTF-8 is nearly always cp1252.  Its mess ratio must be (almost) nil.
    """
    best = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if best is None or best.chaos > MAX_MESS:
        return None
    return str(best)


# ---------------------------------------------------------------------------------------------
# 2. Lines
# ---------------------------------------------------------------------------------------------

def split_lines(text: str) -> list[Line]:
    """Number the lines as an editor sees them and normalise their spaces."""
    return [Line(number, normalise_spaces(raw), raw[:1].isspace())
            for number, raw in enumerate(text.split("\n"), start=1)]


def normalise_spaces(line: str) -> str:
    """No-break and other odd spaces -> space; runs -> one space; no space at either end."""
    return " ".join(line.split())


# ---------------------------------------------------------------------------------------------
# 3. Units: paragraphs, list items, lines
# ---------------------------------------------------------------------------------------------

ITEM_RE = re.compile(r"^(?:(?P<bullet>[-*+•·▪◦‣●])|(?P<number>\d{1,3})(?P<delim>[.)]))\s+(?P<content>\S.*)$")
MAX_WRAP = 100     # wider lines were not wrapped by hand
SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)]*$")
MIN_WRAP = 40


def make_units(lines: list[Line]) -> list[Unit]:
    """Group the lines into units: blank lines separate, hard-wrapped lines join."""
    blocks = split_blocks(lines)
    width = wrap_width(blocks)
    units = []
    for index, block in enumerate(blocks):
        block_units = []
        for line in block:
            previous = block_units[-1] if block_units else None
            item = item_marker(line.text, previous)
            if item:
                block_units.append(Unit([line], index, *item))
            elif previous and continues(previous, line, width):
                previous.lines.append(line)
            else:
                block_units.append(Unit([line], index))
        for unit in block_units:
            unit.block_size = len(block_units)
        units += block_units
    return units


def split_blocks(lines: list[Line]) -> list[list[Line]]:
    blocks, current = [], []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def wrap_width(blocks: list) -> int | None:
    """The width the document was hard-wrapped at, or None when it was not."""
    breaks = [(a.text, b.text) for block in blocks for a, b in zip(block, block[1:])
              if len(a.text) <= MAX_WRAP and not ITEM_RE.match(b.text)
              and not is_standalone(a.text) and not is_standalone(b.text)]
    if not breaks:
        return None
    width = max(len(a) for a, _ in breaks)
    full = [a for a, b in breaks if is_full(a, b, width)]
    sentence_ends = [a for a in full if SENTENCE_END_RE.search(a)]
    if width < MIN_WRAP or len(full) < 2 or len(full) * 3 < len(breaks):
        return None
    if len(sentence_ends) * 2 >= len(full):     # one sentence per line: not wrapped, just short
        return None
    return width


def is_full(line: str, following: str, width: int) -> bool:
    """The next line's first word would not have fitted on this line: a soft wrap."""
    return len(line) >= width / 2 and len(line) + 1 + len(following.split()[0]) > width


def item_marker(text: str, previous: Unit | None) -> tuple | None:
    """(kind, number, delim) when the line is a list item where a list may start or go on."""
    if previous is not None and previous.kind == "text" and not previous.text.endswith(":"):
        return None
    match = ITEM_RE.match(text)
    if not match:
        return None
    if match["bullet"]:
        return ("bullet", None, "")
    return ("ordered", int(match["number"]), match["delim"])


def continues(unit: Unit, line: Line, width: int | None) -> bool:
    """Whether the line goes on the unit: an indented line under an item, or a soft wrap."""
    if unit.kind != "text" and line.indented and not ITEM_RE.match(line.text):
        return True
    last = unit.lines[-1].text
    return (width is not None and not is_standalone(last) and not is_standalone(line.text)
            and not ITEM_RE.match(line.text) and is_full(last, line.text, width))


def is_standalone(text: str) -> bool:
    """Lines that are always a unit of their own: head material and chrome."""
    return bool(SOURCE_RE.match(text) or date_line(text) or is_byline(text) or is_credit(text)
                or chrome_reason(text))


# ---------------------------------------------------------------------------------------------
# 4. Provenance
# ---------------------------------------------------------------------------------------------

SOURCE_RE = re.compile(r"^Source:\s*(?P<url>https?://\S+)$", re.I)


def take_source_line(units: list) -> tuple[list, str]:
    """A first line `Source: URL` says where the seed was scraped from."""
    if units and (match := SOURCE_RE.match(units[0].text)):
        return units[1:], match["url"]
    return units, ""


# ---------------------------------------------------------------------------------------------
# 5. Head: title, subtitle, byline, date, photo credit and caption
# ---------------------------------------------------------------------------------------------

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_FORMS = (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",                  # February 20, 2025 / Feb. 3 2025
    rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",        # 20 February 2025
    rf"{_YEAR}-(?P<mnum>\d\d?)-(?P<day>\d\d?)",         # 2025-02-20
    rf"(?P<mnum>\d\d?)/(?P<day>\d\d?)/{_YEAR}",         # 02/20/2025 (US order unless impossible)
    rf"(?P<day>\d\d?)\.(?P<mnum>\d\d?)\.{_YEAR}",       # 20.02.2025
)
_PREFIX = r"(?:(?:published|posted|dated?|released|issued)(?:\s+on)?\s*:?\s*)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (r"(?P<time>\s*(?:,|\||-|–|—|at)?\s*\d\d?:\d\d(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?"
         r"\s*(?:[a-z]{2,5}|utc[+-]\d\d?)?)?")
DATE_LINE_RES = [re.compile(rf"^{_PREFIX}{_WEEKDAY}{form}{_TIME}\.?$", re.I) for form in DATE_FORMS]
DATE_IN_TEXT_RES = [re.compile(rf"\b{form}\b", re.I) for form in DATE_FORMS]

NAME_WORD = r"[A-Z][\w'’.-]*"
PERSON = rf"{NAME_WORD}(?: {NAME_WORD}){{0,3}}"
CONNECTIVES = {"and", "of", "the", "for", "de", "da", "del", "la", "le", "di", "van", "von", "at", "in", "on"}
ROLES = {"secretary", "minister", "president", "vice", "director", "ambassador", "spokesperson",
         "spokesman", "spokeswoman", "correspondent", "reporter", "editor", "writer", "chief",
         "officer", "senator", "governor", "representative", "chair", "chairman", "chairwoman",
         "commissioner", "administrator", "attorney", "counsel", "adviser", "advisor", "deputy",
         "undersecretary", "assistant", "mayor", "founder", "professor", "analyst", "contributor",
         "columnist", "envoy", "consul", "general"}
BY_RE = re.compile(r"^by:?\s+(?P<names>\S.{0,90})$", re.I)
NAME_TITLE_RE = re.compile(rf"^(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,3}}),\s+(?P<role>.{{3,80}})$")

AGENCY = (r"(?:AP|A\.P\.|AFP|Reuters|REUTERS|Getty Images|Getty|EPA(?:-EFE)?|EFE|Bloomberg|"
          r"Shutterstock|Alamy|iStock(?:photo)?|Xinhua|Sipa(?: USA)?|ZUMA(?: Press)?|Pool|"
          r"NurPhoto|Anadolu(?: Agency)?|UPI)")
CREDIT_FORMS = (
    rf"{AGENCY}(?: Photo)?(?:\s*/\s*{PERSON})?(?:,? (?:via|for) {AGENCY})?",  # AP/Name, AFP via Getty Images
    rf"{PERSON}\s*/\s*{AGENCY}(?: via {AGENCY})?",                           # Name/Reuters
    rf"{PERSON} (?:via|for) {AGENCY}",                                       # Name via Getty Images
    rf"(?i:photo(?:graph)?s?|image|picture|credit|photo credit)(?: by)?\s*[:|–—-]?\s*"
    rf"{PERSON}(?:\s*/\s*{PERSON})?",                                        # Photo: Name
)
CREDIT_RE = re.compile(r"^\(?(?:" + "|".join(CREDIT_FORMS) + r")\)?$")
HEAD_LIMIT = 12   # head material lives in the first lines
MAX_CAPTION = 500


@dataclass
class Head:
    meta: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)   # comparison key -> (what it is, line number)


def read_head(units: list, holder: str) -> tuple[Head, list, list]:
    """Take title, subtitle, byline, date, credit and caption from the first units."""
    head = Head({"title": "", "subtitle": "", "byline": "", "date": "", "event_date": "",
                 "photo_caption": "", "photo_credit": ""})
    dropped = []
    credit_unit = None      # a lone credit line, dropped if the caption repeats it
    date_from = None        # line the publication date came from
    last_taken = None       # what the previous head line was: a subtitle must follow the title
    i = 0
    while i < min(len(units), HEAD_LIMIT):
        unit, text = units[i], units[i].text
        key = compare_key(text)
        reason = chrome_reason(text)
        if reason:
            dropped += drop(unit, reason)
        elif not head.meta["title"] and is_nameplate_of(text, holder):
            dropped += drop(unit, "site nameplate")
        elif key in head.seen:
            what, number = head.seen[key]
            dropped += drop(unit, f"repeats the {what} (line {number})")
        elif (found := date_line(text)) is not None:
            if not head.meta["date"]:
                head.meta["date"], date_from = found[0], unit.first
                remember(head, text, "date line", unit)
            else:
                kind = "timestamp of the date" if found[0] == head.meta["date"] else "another date"
                dropped += drop(unit, f"{kind}; the date was taken from line {date_from}")
        elif is_byline(text) and not head.meta["byline"]:
            head.meta["byline"] = BY_RE.sub(r"\g<names>", text)      # "By Jane Doe" -> "Jane Doe"
            remember(head, text, "byline", unit)
        elif is_credit(text) and not head.meta["photo_credit"]:
            head.meta["photo_credit"], credit_unit = text, unit
            remember(head, text, "photo credit", unit)
        elif (caption := split_caption(text, head.meta["photo_credit"])) and not head.meta["photo_caption"]:
            head.meta["photo_caption"], head.meta["photo_credit"] = caption
            head.meta["event_date"] = find_date(caption[0]) or ""
            remember(head, text, "caption", unit)
            if credit_unit is not None:
                reason = f"photo credit, printed again at the end of the caption (line {unit.first})"
                dropped += drop(credit_unit, reason)
        elif not head.meta["title"] and is_title(text):
            head.meta["title"] = text
            remember(head, text, "title", unit)
        elif (last_taken == "title" and not head.meta["subtitle"] and is_dek(text)
              and i + 1 < len(units) and is_head_material(units[i + 1].text, head)):
            head.meta["subtitle"] = text
            remember(head, text, "subtitle", unit)
        else:
            break
        last_taken = head.seen.get(key, (None,))[0]
        i += 1
    return head, units[i:], dropped


def remember(head: Head, text: str, what: str, unit: Unit) -> None:
    head.seen[compare_key(text)] = (what, unit.first)


def is_head_material(text: str, head: Head) -> bool:
    return bool(date_line(text) or is_byline(text) or is_credit(text) or split_caption(text, "")
                or compare_key(text) in head.seen or chrome_reason(text))


def is_title(text: str) -> bool:
    return len(text) <= 250


def is_dek(text: str) -> bool:
    """A sentence or two under the title: the standfirst."""
    return 4 <= len(text.split()) and len(text) <= 300


def date_line(text: str) -> tuple[date, bool] | None:
    """(date, has a time) when the whole line is a date, with an optional weekday and time."""
    for pattern in DATE_LINE_RES:
        if (match := pattern.match(text)) and (found := make_date(match)):
            return found, bool(match["time"] and match["time"].strip())
    return None


def find_date(text: str) -> date | None:
    """The first date written anywhere in the text."""
    found = []
    for pattern in DATE_IN_TEXT_RES:
        for match in pattern.finditer(text):
            if (day := make_date(match)):
                found.append((match.start(), day))
    return min(found, key=lambda f: f[0])[1] if found else None


def make_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    year, day = int(groups["year"]), int(groups["day"])
    if groups.get("month"):
        month = MONTHS[groups["month"][:3].lower()]
    else:
        month = int(groups["mnum"])
        if month > 12 and day <= 12:      # 20/02/2025 can only be day first
            month, day = day, month
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_byline(text: str) -> bool:
    """`By Jane Doe`, `By JANE DOE and John Roe`, or `Marco Rubio, Secretary of State`."""
    if (match := BY_RE.match(text)):
        return looks_like_names(match["names"])
    if (match := NAME_TITLE_RE.match(text)):
        role = match["role"]
        words = re.findall(r"[\w'’.-]+", role)
        return (len(words) <= 8 and looks_like_names(role)
                and any(word.lower() in ROLES for word in words))
    return False


def looks_like_names(text: str) -> bool:
    """Capitalised words (and connectives) only, at most ten: names and titles, not a sentence."""
    words = re.findall(r"[^\s,|&;/]+", text)
    if not words or len(words) > 10 or re.search(r"[.!?]$", text) and len(words[-1]) > 3:
        return False
    return all(word[0].isupper() or word.lower() in CONNECTIVES for word in words)


def is_credit(text: str) -> bool:
    return len(text) <= 80 and bool(CREDIT_RE.match(text))


def split_caption(text: str, known_credit: str) -> tuple[str, str] | None:
    """(caption, credit) when the line ends with a photo credit after the caption."""
    if known_credit:
        if text.endswith(" " + known_credit) and len(text) > len(known_credit) + 10:
            return text[: -len(known_credit)].rstrip(), known_credit
        return None
    if len(text) > MAX_CAPTION:
        return None
    for match in re.finditer(r" ", text):
        caption, credit = text[: match.start()], text[match.end():]
        if len(caption) >= 15 and is_credit(credit) and (
                re.search(r"[.!?)”\"’]$", caption) or credit.startswith("(")):
            return caption, credit.removeprefix("(").removesuffix(")")
    return None


# ---------------------------------------------------------------------------------------------
# 6. Site chrome
# ---------------------------------------------------------------------------------------------

COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright\b\s*(?:©|\(c\))?)\s*(?P<rest>.*)$", re.I)
NOTICE_START_RE = re.compile(r"^(?:©|(?:copyright\s*)?(?:©|\(c\))?\s*(?:19|20)\d\d\b|"
                             r"copyright\s*(?:©|\(c\)))", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
LEGAL_SUFFIX_RE = re.compile(r"(?:,?\s+(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|plc|PLC|Corp\.?|"
                             r"Corporation|Co\.|Company|GmbH|S\.A\.|LP|L\.P\.))+$")
ADVERT_RE = re.compile(r"^(?:advertisement|sponsored(?: content)?|paid content|"
                       r"(?:story|article) continues below(?: advertisement)?|"
                       r"scroll to continue(?: reading)?|continue reading below)"
                       r"(?:\s*[-–—:|]\s*.{0,60})?$", re.I)
SIGN_IN_RE = re.compile(r"^(?:sign in|sign up|log in|login|subscribe|create (?:a |an )?(?:free )?account|"
                        r"already (?:a subscriber|have an account)|don['’]t have an account)\b", re.I)
SIGN_IN_WORDS_RE = re.compile(r"\b(?:account|subscri\w*|newsletter|free|premium|member\w*|"
                              r"continue reading|to read|sign in|sign up|log in)\b", re.I)
TERMS_RE = re.compile(r"^(?:use of (?:this|our) (?:site|website|service)|"
                      r"by (?:continuing|using|accessing|signing (?:up|in)|clicking|subscribing|"
                      r"registering|creating an account)\b.*\b(?:agree|accept|consent)\b.*"
                      r"\b(?:terms|privacy|policy|cookies)\b|"
                      r"your use of (?:this|our)\b|this (?:site|website) (?:uses cookies|is protected by)|"
                      r"we use cookies|(?:read|see|review) our (?:privacy|terms|cookie))", re.I)
DOWNLOAD_RE = re.compile(r"^(?:download (?:as )?pdf|print this (?:page|article))\s+(?=\S.{100})", re.I)
CONNECTIVE_RE = re.compile(r"^(?:or|and|\||•|·|—|–|-|/)$", re.I)
RIGHTS_RE = re.compile(r"^all rights reserved\.?$", re.I)
NAV_ITEM = (r"(?:home|news|share(?: this(?: article| story| page)?)?|tweet|e-?mail|print|comments?|"
            r"read more|related(?: articles| stories)?|back to top|menu|search|newsletters?|"
            r"follow us(?: on [\w ]+)?|facebook|twitter|instagram|linkedin|youtube|whatsapp|"
            r"telegram|rss|terms(?: of (?:use|service))?|privacy(?: policy| notice)?|"
            r"cookie (?:policy|settings|preferences)|cookies|accessibility|contact(?: us)?|"
            r"about(?: us)?|site ?map|advertise(?: with us)?|careers|subscribe|sign in|log in|sign up)")
NAV_LINE_RE = re.compile(rf"^{NAV_ITEM}(?:(?:\s*[|·•/,]\s*|\s+){NAV_ITEM})*$", re.I)


def chrome_reason(text: str) -> str | None:
    """Why a whole line is site chrome wherever it stands, or None."""
    if is_copyright(text):
        return "copyright notice (recorded as copyright)"
    if len(text) <= 80 and ADVERT_RE.match(text):
        return "advertisement"
    if len(text) <= 100 and (prompt := SIGN_IN_RE.match(text)) and (
            len(text.split()) <= 3 or SIGN_IN_WORDS_RE.search(text, prompt.end())):
        return "sign-in or subscription prompt"     # not "Sign up for the program opens Monday."
    if len(text) <= 500 and TERMS_RE.match(text):
        return "terms or privacy notice"
    return None


def footer_reason(text: str, holder: str, repeated: set) -> str | None:
    """Why a line of the footer (the chrome at the very end) is chrome, or None."""
    if reason := chrome_reason(text):
        return reason
    if is_nameplate_of(text, holder) or (compare_key(text) in repeated and is_short_label(text)):
        return "site nameplate"
    if CONNECTIVE_RE.match(text):
        return "footer fragment"
    if RIGHTS_RE.match(text):
        return "rights notice"
    if len(text) <= 200 and NAV_LINE_RE.match(text):
        return "footer links"
    return None


def is_copyright(text: str) -> bool:
    """`© ...`, `Copyright 2025 ...`, `(c) 2025 ...`, or `Copyright ... All rights reserved.`

    Not "(c) In 2025, the Secretary shall ..." (a lettered clause) nor "Copyright law ...".
    """
    if len(text) > 200 or not COPYRIGHT_RE.match(text):
        return False
    return bool(NOTICE_START_RE.match(text)) or "all rights reserved" in text.lower()


def find_copyright(units: list) -> Unit | None:
    return next((unit for unit in units if is_copyright(unit.text)), None)


def copyright_holder(notice: str) -> str:
    """`© 2025 The New York Sun Company, LLC. All rights reserved.` -> `The New York Sun`."""
    rest = COPYRIGHT_RE.match(notice)["rest"]
    rest = re.sub(r"^(?:(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?[,.]?\s*)+", "", rest)
    rest = re.sub(r"\.?\s*all rights reserved.*$", "", rest, flags=re.I).strip(" .,")
    return LEGAL_SUFFIX_RE.sub("", rest).strip(" .,")


def is_short_label(text: str) -> bool:
    return len(text) <= 60 and len(text.split()) <= 8 and not re.search(r"[.!?:;,]$", text)


def is_nameplate_of(text: str, holder: str) -> bool:
    """A short line that is the copyright holder's name, or its first words."""
    if not holder or not is_short_label(text):
        return False
    line, name = compare_key(text), compare_key(holder)
    return name == line or name.startswith(line + " ")


def remove_chrome(units: list, holder: str) -> tuple[list, dict, list]:
    """Drop chrome lines; return the rest, the front matter they give, and the report."""
    meta = {"publisher": "", "copyright": "", "copyright_year": None}
    reasons = {id(unit): chrome_reason(unit.text) for unit in units}
    repeated = repeated_labels(units)
    for unit in reversed(units):            # the footer: the run of chrome at the very end
        reasons[id(unit)] = footer_reason(unit.text, holder, repeated)
        if not reasons[id(unit)]:
            break
    kept, dropped = [], []
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
    return kept, meta, dropped


def repeated_labels(units: list) -> set:
    """Short lines printed more than once: a nameplate when they stand in the footer."""
    counts = Counter(compare_key(unit.text) for unit in units if is_short_label(unit.text))
    return {key for key, count in counts.items() if count > 1}


def strip_download_button(unit: Unit, dropped: list) -> Unit:
    """`Download as PDF Federal Register ...`: a button label glued to a flattened page."""
    first = unit.lines[0]
    match = DOWNLOAD_RE.match(first.text)
    if not match:
        return unit
    dropped.append((first.number, match.group().strip(), "download link at the start of the line"))
    trimmed = Line(first.number, first.text[match.end():], first.indented)
    return Unit([trimmed] + unit.lines[1:], unit.block, unit.kind, unit.number, unit.delim, unit.block_size)


# ---------------------------------------------------------------------------------------------
# 7. Repeats of the head
# ---------------------------------------------------------------------------------------------

def remove_repeats(units: list, seen: dict) -> tuple[list, list]:
    """Drop exact repeats of head lines (a title printed again above the text, ...)."""
    kept, dropped = [], []
    for unit in units:
        if (found := seen.get(compare_key(unit.text))):
            dropped += drop(unit, f"repeats the {found[0]} (line {found[1]})")
        else:
            kept.append(unit)
    return kept, dropped


def compare_key(text: str) -> str:
    """Equal for lines a reader would call the same: case, spacing and width ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def drop(unit: Unit, reason: str) -> list:
    return [(line.number, line.text, reason) for line in unit.lines]


# ---------------------------------------------------------------------------------------------
# 8. Markdown body
# ---------------------------------------------------------------------------------------------

SHORT_LINE = 60


def write_body(units: list) -> str:
    """The units as Markdown blocks separated by blank lines, ending with one newline."""
    blocks, i = [], 0
    previous_list = None        # so that two lists in a row do not merge into one
    while i < len(units):
        run = list_run(units, i)
        if len(run) >= 2:
            other = previous_list == i and units[i - 1].kind == run[0].kind
            blocks.append("\n".join(list_item(unit, other) for unit in run))
            i += len(run)
            previous_list = i
        elif is_heading(units, i):
            blocks.append("## " + escape_text(units[i].text, heading=True))
            i += 1
        else:
            group = short_group(units, i)
            blocks.append("\\\n".join(escape_text(unit.text) for unit in group))
            i += len(group)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def list_run(units: list, i: int) -> list:
    """The list items from units[i] on that make one Markdown list (bullets, or 1. 2. 3.)."""
    first = units[i]
    if first.kind == "text":
        return []
    run = [first]
    for unit in units[i + 1:]:
        previous = run[-1]
        same = unit.kind == first.kind and (
            unit.kind == "bullet" or (unit.delim == first.delim and unit.number == previous.number + 1))
        if not same:
            break
        run.append(unit)
    return run


def list_item(unit: Unit, other_marker: bool = False) -> str:
    """`- item` or `3. item`; `* item` or `3) item` for a list that follows another one, which
    CommonMark would otherwise continue (the HTML shows neither the bullet nor the delimiter)."""
    if unit.kind == "bullet":
        marker = "*" if other_marker else "-"
    else:
        marker = f"{unit.number}{OTHER_DELIM[unit.delim] if other_marker else unit.delim}"
    return f"{marker} {escape_text(unit.content)}"


OTHER_DELIM = {".": ")", ")": "."}


def is_heading(units: list, i: int) -> bool:
    """A short line alone in its block, between paragraphs, announcing a longer one."""
    unit = units[i]
    if unit.kind != "text" or unit.block_size != 1 or not 0 < i < len(units) - 1:
        return False
    text, following, previous = unit.text, units[i + 1], units[i - 1]
    return (len(text) <= 80 and len(text.split()) <= 10 and (text[0].isupper() or text[0].isdigit())
            and not re.search(r"[.,;:!…\"”’)]$", text) and not is_standalone(text)
            and previous.kind == "text" and not is_heading_like(previous)
            and (following.kind != "text" or len(following.text) > max(60, len(text))))


def is_heading_like(unit: Unit) -> bool:
    return unit.block_size == 1 and len(unit.text) <= 80 and not re.search(r"[.,;:!…\"”’)]$", unit.text)


def short_group(units: list, i: int) -> list:
    """units[i] and the short lines of the same block that follow it (address, signature)."""
    group = [units[i]]
    if not is_short_line(units[i]):
        return group
    for unit in units[i + 1:]:
        if unit.block != units[i].block or not is_short_line(unit):
            break
        group.append(unit)
    return group


def is_short_line(unit: Unit) -> bool:
    """A line of an address or signature: short, and not a sentence (those are paragraphs)."""
    return (unit.kind == "text" and len(unit.lines) == 1 and len(unit.text) <= SHORT_LINE
            and not SENTENCE_END_RE.search(unit.text))


def is_short_group_member(units: list, i: int) -> bool:
    unit = units[i]
    neighbours = [units[j] for j in (i - 1, i + 1) if 0 <= j < len(units)]
    return is_short_line(unit) and any(n.block == unit.block and is_short_line(n) for n in neighbours)


INLINE_SPECIAL_RE = re.compile(r"[\\`*_\[\]<|]")
HEADING_SPECIAL_RE = re.compile(r"[\\`*_\[\]<|#]")   # a closing `#` would vanish from a heading
ENTITY_RE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
LINE_START_RE = re.compile(r"^(?:[#>=+-]|\d{1,9}(?=[.)]))")


def escape_text(text: str, heading: bool = False) -> str:
    """Text -> Markdown that renders as exactly this text (CommonMark, html off)."""
    special = HEADING_SPECIAL_RE if heading else INLINE_SPECIAL_RE
    text = special.sub(lambda m: "\\" + m.group(), text)
    text = ENTITY_RE.sub(r"\\&", text)
    text = re.sub(r"~~+", lambda m: "\\~" * len(m.group()), text)
    return escape_line_start(text)


def escape_line_start(text: str) -> str:
    """Block markers at the start: `# ` heading, `>` quote, `-`/`+` list or rule, `=` underline, `1.`."""
    match = LINE_START_RE.match(text)
    if not match:
        return text
    if match.group()[0].isdigit():
        end = match.end()
        if end + 1 == len(text) or text[end + 1] == " ":
            return text[:end] + "\\" + text[end:]
        return text
    return "\\" + text


# ---------------------------------------------------------------------------------------------
# Slugs, content files, diffs
# ---------------------------------------------------------------------------------------------

SLUG_WORDS = 6
SLUG_LENGTH = 60
FOLD = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                      "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ı": "i"})
QUOTES_RE = re.compile(r"['’‘`´\"“”]|(?<=\b[a-z])\.(?=[a-z]\b)")   # and the dots of "u.s."


def slugify(title: str) -> str:
    """ASCII, lower case, hyphenated, at most six words and 60 characters: `rubios-offer`.

    Quotes, apostrophes and the dots of abbreviations go first, so "Rubio's" -> "rubios" and
    "U.S." -> "us"; every other run of non-alphanumerics separates words.
    """
    folded = unicodedata.normalize("NFKD", title.translate(FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", QUOTES_RE.sub("", ascii_text.lower()))[:SLUG_WORDS]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:SLUG_LENGTH] if words else "")


def to_markdown(ing: Ingested) -> str:
    """The content file: YAML front matter between `---` lines, then the body."""
    front = yaml.safe_dump(ing.meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n{ing.body}"


def body_diff(old_body: str, new_body: str, label: str) -> str:
    """A unified diff from the body in content/ to the body ingest makes now ('' if equal)."""
    lines = difflib.unified_diff(old_body.splitlines(), new_body.splitlines(),
                                 fromfile=f"{label} (content)", tofile=f"{label} (seed)", lineterm="")
    text = "\n".join(lines)
    return text + "\n" if text else ""
