"""Ingest: turn a seed (a scraped page: `.txt`, `.md` or `.html`) into a base text.

`ingest_seed(bytes, path)` is pure and runs these steps, top to bottom:

1. decode     UTF-8 (BOM stripped, CRLF/CR -> LF). Not UTF-8: charset-normalizer may vouch for
              cp1252 (warning that names it); anything else, NUL bytes or no text is an error.
              `.html`: trafilatura extracts the main text and the page's metadata (html.py).
2. lines      odd spaces -> space, runs of spaces -> one, ends stripped; a no-break space before
              French punctuation stays.  An e-book's Gutenberg header and licence are cut (ebook.py).
              `.md`: front matter read as metadata; headings, lists, links kept (mdseed.py).
3. units      lines -> units: paragraphs (hard-wrapped lines joined), list items, short-line
              groups, verse lines in their stanzas (units.py).
4. source     a first line `Source: URL` is provenance -> `source_url`.
5. listing    a page of several dated items keeps its first item (chrome.split_listing).
6. head       title (title.py), subtitle, byline, date, photo credit and caption (head.py).
7. chrome     site furniture (furniture.py) and repeats of the head, removed by where they stand;
              look-alikes kept and noted (chrome.py).
8. body       Markdown, escaped so that it renders to exactly the words of the seed (body.py).

The report: every line that is neither in the body nor in the front matter is in `dropped`
with its reason; every line kept that looks like chrome or is unsure (a block set as verse,
a line between the title and the text, a possible menu) is in `kept`, and each doubt is a
warning in `problems`, with its line.  `unresolved()` repeats those doubts for `check` while the
text's body is still exactly what its seed ingests to.

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
Verse.  Four or more short lines (<= 80 characters) in a row - in one block, or one per block
  when a poem was scraped with a blank line after each line - are verse when most have several
  words, a third or more do not end a sentence, most start with a capital or an indentation,
  and they are not hard-wrapped prose.  Verse keeps every line break, stanza and indentation
  (relative to the poem's least indented line): a stanza is one paragraph, each line one
  Markdown line ending in a hard break, indentation written as `&nbsp;`.  Where one blank line
  follows every line, a gap of two or more is the stanza break.  When verse holds two thirds
  of the body's words the text is set as verse (`form: verse`); verse inside a prose text is
  kept as verse and noted.  A block beside a stanza is a stanza too when its lines read as lines
  (capitals, none prose-long), or, on a page not hard-wrapped, when its short lines break in
  mid-sentence (`But each has an entrance, particular` / `views, and places to sit`), whatever
  their capitals.  `form="verse"` (ingest --form verse) sets every block of short
  lines as verse; `form="prose"` sets none.
Lists.  Two or more consecutive items (`- `, `* `, `+ `, `• `; or `1.`/`1)` numbered one after
  another) become a Markdown list; an item is recognised at the start of a block, after another
  item, or after a line ending in ":".  A lone item, or numbers out of sequence, stay text
  (escaped), because Markdown would renumber them.  A list right after another list of the
  same kind gets the other marker (`*`, `1)`), or CommonMark would run the two together.
Headings.  A structural heading (`CHAPTER I.`, `BOOK IV.`, `Article premier`, `Artículo 3`,
  `§ 4`, a lone Roman numeral) is a `##` heading wherever it stands.  A short line alone in its
  block (<= 10 words, <= 80 characters, no closing punctuation except "?"), between two body
  paragraphs and followed by a longer paragraph or a list, becomes one too.
Head.  See head.py: the title is the headline among the first lines (not the first line),
  found by the page's own metadata, the address's slug, or position; else made from the
  address's slug, and reported.  Lines above it are left out as the page's furniture.  After
  it, in any order: a date line (English, French, Spanish and German forms -> ISO date), a
  byline (`By`, `Par`, `Por`, `Von`; `Name, Title`; a bare name beside a poem's title), a photo
  credit and a caption (a date in it is the `event_date`, never the publication date), the
  subtitle (see subtitle.py: a standfirst right under the title, a phrase with no verb over the
  text, or the title said again at length; a rubric of a few words after the caption is left out).
  An epigraph (`“…” – Name, Work`) is never the title.
Signatures.  A poet's name right under the poem is its byline; so is a surname alone as the
  poem's last line, after a full stop, when the poem never says it (`Goethe`).  A reader's praise
  right after the poem (`Ein wunderschönes Gedicht …!`, `Beautiful poem!`) is left out.
Transcripts.  Speaker names in capitals on their own line that recur, and `NAME:` / `Pregunta.-`
  prefixes, are never titles or verse; each stays a paragraph of the text.
Listing pages.  Two or more items, each opening with a dated line ("February 17, 2005 Press
  Release") or a title over a date line; else titles over teasers cut short (`… […]`), or items
  each under a row of tags sharing three tags: the first item is the text; the others are left
  out and a warning says to save each as its own seed.
Repeats.  Exact repeats (case, spacing and Unicode width ignored) of the title, subtitle,
  byline, date line, credit or caption are dropped wherever they occur (never a verse line);
  a lone credit line printed again at the end of the caption is dropped too.
Chrome.  See chrome.py and furniture.py: whole lines only, by kind (skip links, menus, breadcrumbs, share and
  print rows, cookie and newsletter prompts, back-to-top, feedback prompts, copyright, terms,
  sign-in, adverts, the site's advert for itself (`Try Rev …` on rev.com, with its heading), titles
  run together (`PantherFreundlicher TigerMüder`), related lists and footers, press-release markers and contact blocks), in
  English, French, Spanish and German (words.py).  An article sentence that mentions privacy
  or terms is never a whole-line match, so it stays.  `publisher` is the page's site name, a
  nameplate, the copyright holder without "Company", "LLC" and the like, or the address's host.
Markdown.  Text is escaped: backslash, backtick, `* _ [ ] < |` always, `&` when it would start
  an entity, `~~`, and at the start of a line `# > - + =` and `1.`/`1)`.  Rendered as
  CommonMark (html off, typographer off) the body gives the seed's words in order; only list
  bullets ("•", "1.") turn into list markup.  A `.md` seed keeps its own inline Markdown.
Front matter.  Keys in META_KEYS order, unknown values '' (copyright_year None), then `form`
  when the text is set as verse.  `date` and `event_date` are `datetime.date` values, so YAML
  writes `date: 2025-02-20` and reads it back as the same value.  The byline has no "By ".
End.  A last paragraph of four or more words without closing punctuation is reported as a
  warning: the seed may be cut short or end with a stray token.  The words are kept.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from edition.ids import slugify
from edition.problems import error, warning

from . import words
from .body import escape_text, is_short_group_member, write_body
from .chrome import LISTING_WARNING, find_copyright, remove_chrome, remove_repeats, split_listing, take_teaser_date
from .content import body_diff, to_markdown
from .decode import decode
from .ebook import cut_frame
from .head import read_head, take_source_line
from .html import read_html
from .mdseed import read_markdown
from .recognise import END_STOP_RE, closing_date, compare_key, copyright_holder, date_line, find_date, is_bare_name, word_count
from .units import drop, make_units, split_lines

NUMERIC_DATE_RE = re.compile(r"\d\d?/\d\d?/\d{4}")
ENGLISH_WORDS = {"the", "and", "of", "to", "is", "in", "that", "was", "for", "with"}
OTHER_WORDS = {"le", "la", "les", "et", "des", "est", "qui", "el", "los", "las", "y", "que", "es", "der", "die",
               "und", "das", "ist", "nicht", "une", "dans", "por", "para", "mit", "von"}
META_KEYS = (
    "title", "subtitle", "byline", "publisher", "date", "event_date", "photo_caption",
    "photo_credit", "copyright", "copyright_year", "source_url", "source_file", "source_sha256",
)
FORMS = ("verse", "prose")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SIGNED_RE = re.compile(r"^(?P<name>[^,]{4,40}),\s+(?P<note>\S.{1,100})$")
SURNAME_RE = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'’-]{2,}")
PRAISE_RE = re.compile(rf"\b(?:{words.PRAISE_WORDS})\s+(?:\w+\s+){{0,2}}(?:{words.POEM_WORDS})\b.*[!.]$", re.I)
WIRE_TRAILER_RE = re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing) by\b", re.I)

__all__ = ["Ingested", "META_KEYS", "body_diff", "escape_text", "ingest_seed", "slugify",
           "to_markdown", "unresolved"]


@dataclass
class Ingested:
    slug: str
    meta: dict      # front matter in META_KEYS order (+ `form` for verse); unknown values ''
    body: str       # Markdown body ending with one "\n" ('' when there is no text)
    dropped: list   # [(seed line number, line text, reason)] for lines not kept
    problems: list  # Problem values: errors, and warnings (the doubts among them)
    kept: list = field(default_factory=list)   # [(line, text, why it is doubtful)] kept in the body


def ingest_seed(data: bytes, source_path: str, form: str | None = None) -> Ingested:
    """Turn the bytes of a seed into front matter, a Markdown body and a report."""
    source_path = Path(source_path).as_posix()
    meta = empty_meta(data, source_path)
    # 1-2. decode, lines
    units, hints, dropped, problems = read_seed(data, source_path, form)
    if units is None:
        return Ingested(make_slug("", source_path), meta, "", [], problems)
    form = form or hints.get("form")
    # 3. units came with the lines; 4. provenance
    units, url = take_source_line(units)
    meta["source_url"] = hints.get("source_url") or url
    # 5. listing pages
    units, left, items = split_listing(units)
    header = [u for u in left if u.first < units[0].first] if items else []
    days = [find_date(u.text) for u in header if not date_line(u.text)]     # a bare date is the site's today
    if not hints.get("date") and any(days):
        hints = dict(hints, date=next(filter(None, days)))   # "News Releases for Tuesday, August 23, 2022"
    if items:
        units, day, more = take_teaser_date(units)
        dropped += more
        if day and not hints.get("date"):
            hints = dict(hints, date=day)
    for unit in left:
        dropped += drop(unit, "a further item of a listing page" if unit.first > units[0].first
                        else "a listing page's header, above its first item")
    # 6. head
    notice = find_copyright(units)
    holder = copyright_holder(notice.text) if notice else ""
    head, units, more = read_head(units, holder, hints, meta["source_url"])
    dropped += more
    # 7. chrome and repeats
    units, chrome, more, notes = remove_chrome(units, holder, meta["source_url"])
    dropped += more
    units, more = take_signature(units, head)
    dropped += more
    units, more = remove_repeats(units, head.seen)
    dropped += more
    meta.update({k: v for k, v in head.meta.items() if k in meta})
    date_at_end = chrome.pop("date_at_end")
    meta.update(chrome)
    meta["date"] = meta["date"] or date_at_end or (units and closing_date(units[-1].text)) or ""
    meta["date"] = day_first_unless_english(meta["date"], head.seen, units)
    meta["publisher"] = (hints.get("publisher") or head.meta.get("publisher_hint") or meta["publisher"]
                         or host_of(meta["source_url"]))
    # 8. body
    body = write_body(units)
    left_out = {d[0] for d in dropped}
    kept = [k for k in head.kept if k[0] not in left_out] + notes + verse_notes(units)  # noted, then left out later
    if form == "verse" or form is None and is_verse_text(units):
        meta["form"] = "verse"
    problems += check_result(meta, units, source_path, head, kept, items, left)
    dropped.sort(key=lambda d: d[0])
    kept.sort(key=lambda k: k[0])
    return Ingested(make_slug(meta["title"], source_path), meta, body, dropped, problems, kept)


def day_first_unless_english(day, seen: dict, units: list):
    """`04/03/2015` alone on its line reads month first; on a page in French, Spanish or German
    it is day first (4 March 2015)."""
    line = next((key for key, (what, _) in seen.items() if what == "date line"), "")
    if not isinstance(day, date) or not NUMERIC_DATE_RE.fullmatch(line) or day.day > 12 or day.day == day.month:
        return day
    found = [w.lower() for u in units[:12] for w in u.text.split()]
    english = sum(w in ENGLISH_WORDS for w in found)
    others = sum(w in OTHER_WORDS for w in found)
    return date(day.year, day.day, day.month) if others > 2 * english + 3 else day


def take_signature(units: list, head) -> tuple[list, list]:
    """A poet's name right under the poem (`William Wordsworth`; with a source, date or place after a
    comma, `Rainer Maria Rilke, 6.11.1902, Paris`; a surname alone after the last
    line's full stop, `Goethe`, when the poem never says it) is its byline when none was found;
    a reader's praise right after the poem (`Ein wunderschönes Gedicht …!`) is a comment, left out."""
    dropped, end = [], None
    for i, unit in enumerate(units[1:], start=1):
        if not units[i - 1].verse or unit.verse:
            continue
        if is_bare_name(unit.text) and not head.meta["byline"]:
            head.meta["byline"] = unit.text
            head.seen.setdefault(compare_key(unit.text), ("byline", unit.first))
            dropped += drop(unit, "signature under the poem (recorded as byline)")
            units, end = units[:i] + units[i + 1:], i
            break
        if (match := SIGNED_RE.match(unit.text)) and is_bare_name(match["name"]) and word_count(match["note"]) <= 12 \
                and head.meta["byline"] in ("", match["name"]):
            head.meta["byline"] = match["name"]      # "Victor Hugo, extrait du recueil «Les Contemplations» (1856)"
            dropped += drop(unit, "signature under the poem, with its source, date or place (recorded as byline)")
            units, end = units[:i] + units[i + 1:], i
            break
    verse = [i for i, unit in enumerate(units) if unit.verse]
    if end is None and len(verse) >= 5 and not head.meta["byline"] and is_surname_signature(units, verse[-1]):
        unit = units[verse[-1]]
        head.meta["byline"] = unit.text
        dropped += drop(unit, "the poet's name under the poem (recorded as byline)")
        units, end = units[:verse[-1]] + units[verse[-1] + 1:], verse[-1]
    end = end if end is not None else (verse[-1] + 1 if verse else None)
    if end is not None and end < len(units) and all(PRAISE_RE.search(u.text) and word_count(u.text) <= 25
                                                    and not u.verse for u in units[end:]):
        for unit in units[end:]:
            dropped += drop(unit, "a reader's comment on the poem")
        units = units[:end]
    return units, dropped


def is_surname_signature(units: list, last: int) -> bool:
    """The poem's last line is one capitalised word the poem never says, after a full stop."""
    unit, before = units[last], units[last - 1]
    poem = " ".join(u.text for u in units[:last] if u.verse).lower()
    return (before.verse and END_STOP_RE.search(before.text) and SURNAME_RE.fullmatch(unit.text)
            and unit.text.lower() not in poem)


def read_seed(data: bytes, path: str, form: str | None) -> tuple:
    """(units, metadata hints, lines left out, problems); units None when the seed has no text."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        lines, hints, problems = read_html(data, path)
        if lines is None:
            return None, {}, [], problems
        return make_units(lines, form), hints, [], problems
    text, problems = decode(data, path)
    if text is None:
        return None, {}, [], problems
    if suffix in MARKDOWN_SUFFIXES:
        units, hints, dropped = read_markdown(text)
        return units, hints, dropped, problems
    lines, frame = cut_frame(split_lines(text))
    hints = {"title": frame.title, "byline": frame.author} if frame.title else {}
    return make_units(lines, form), hints, list(frame.dropped), problems


def empty_meta(data: bytes, source_path: str) -> dict:
    """Front matter with every key in order and nothing known yet."""
    meta = {key: "" for key in META_KEYS}
    meta["copyright_year"] = None
    meta["source_file"] = source_path
    meta["source_sha256"] = hashlib.sha256(data).hexdigest()
    return meta


def make_slug(title: str, source_path: str) -> str:
    return slugify(title) or slugify(Path(source_path).stem) or "text"


def host_of(url: str) -> str:
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.")


def is_verse_text(units: list) -> bool:
    """Verse holds two thirds of the body's words (and four lines at least)."""
    verse = [u for u in units if u.verse]
    total = sum(word_count(u.text) for u in units)
    return len(verse) >= 4 and total > 0 and sum(word_count(u.text) for u in verse) * 3 >= total * 2


def verse_notes(units: list) -> list:
    """One note per run of verse: where it is and how many stanzas it has."""
    notes, run = [], []
    for unit in units + [None]:
        if unit is not None and unit.verse:
            run.append(unit)
            continue
        if run:
            stanzas = len({u.stanza for u in run})
            if all(u.stanza < 0 for u in run):
                pass          # a Markdown seed's own hard line breaks: kept as written, nothing to doubt
            else:
                notes.append((run[0].first, run[0].text, f"lines {run[0].first}–{run[-1].last} kept line by line "
                                                         f"as verse ({stanzas} stanza{'s' if stanzas > 1 else ''})"))
            run = []
    return notes


def check_result(meta: dict, units: list, path: str, head, kept: list, items: int, left: list) -> list:
    """Problems an editor must see: no text left, the title, the doubts, a text cut short."""
    problems = []
    if not units:
        return [error(path, None, "nothing left of the text after the title, the front "
                                  "matter lines and the site chrome were removed; check the seed")]
    if not meta["title"]:
        problems.append(warning(path, None, "no title line found; set `title:` in the front matter"))
    elif head.guessed:
        problems.append(warning(path, None, f"{head.guessed}: “{meta['title']}”; check `title:` in the "
                                            "front matter"))
    if items:
        lines = f"line {units[0].first}" if units[0].first == units[-1].last else \
            f"lines {units[0].first}–{units[-1].last}"
        problems.append(warning(path, left[0].first if left else None, LISTING_WARNING.format(n=items, lines=lines)))
    for line, text, why in kept:
        if "verse" in why and meta.get("form") == "verse":
            continue
        problems.append(warning(path, line, f"kept “{shorten(text)}”: {why}"))
    if ends_mid_sentence(units):
        last = units[-1]
        tail = last.text[-40:]
        problems.append(warning(path, last.lines[-1].number,
                                f"the text ends mid-sentence (\u201c\u2026{tail}\u201d); the seed may "
                                "be cut short or end with a stray token: check it"))
    return problems


def shorten(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def ends_mid_sentence(units: list) -> bool:
    last = units[-1]
    if (last.kind != "text" or last.verse or is_short_group_member(units, len(units) - 1)
            or WIRE_TRAILER_RE.match(last.text) or date_line(last.text)):
        return False
    return len(last.text.split()) >= 4 and not re.search(r"[.!?…:;\"”’»)\]]$", last.text)


def unresolved(seed_bytes: bytes, seed_rel: str, text_rel: str, text_body: str,
               text_meta: dict | None = None) -> list:
    """The doubts of ingest that still stand, as warnings on the text, for `check`.

    They stand while the text's body is exactly what its seed ingests to (with the text's own
    `form:`): once an editor has changed the body, ingest's doubts about it are theirs to judge.
    A doubt about the title goes once the title in the front matter is not the one ingest chose.
    """
    return against_seed(seed_bytes, seed_rel, text_rel, text_body, text_meta)[1]


def against_seed(seed_bytes: bytes, seed_rel: str, text_rel: str, text_body: str,
                 text_meta: dict | None = None) -> tuple:
    """(whether the text's body differs from what its seed ingests to — the editor changed it —,
    the doubts of ingest that still stand, as `unresolved` gives them)."""
    meta = text_meta or {}
    form = meta.get("form") if meta.get("form") in FORMS else None
    fresh = ingest_seed(seed_bytes, seed_rel, form=form)
    if fresh.body != text_body:
        return True, []
    found = []
    for problem in fresh.problems:
        if problem.severity != "warning" or problem.message.startswith("not UTF-8"):
            continue
        if "title" in problem.message.split(":")[0] and meta.get("title") not in (None, fresh.meta["title"]):
            continue
        where = f"{seed_rel}:{problem.line}" if problem.line else seed_rel
        found.append(warning(text_rel, None, f"{problem.message} (ingest of {where}; this stays until the "
                                             "text is edited)"))
    return False, found
