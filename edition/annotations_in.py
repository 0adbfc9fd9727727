"""Annotations in: notes from a W3C Web Annotation file or a Hypothes.is export, appended to
content/notes/<slug>.md (`python build.py import-annotations FILE SLUG`).

Each annotation is anchored the way the build anchors a note: by its quote (the
TextQuoteSelector's `exact`), in the text as annotate sees it. A quote that occurs once needs
nothing more; one that occurs several times is told apart by the annotation's prefix and suffix
(or, for a W3C file, its TextPositionSelector), and the note then gets the fewest `before:`,
`after:` or `occurrence:` words from the text that pick that place, checked by anchoring the
note as the build will. What cannot be anchored exactly is listed with the nearest words of the
text, never guessed. The notes file is only ever appended to, and written whole, atomically.
"""
from __future__ import annotations

import bisect
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .config import load_config
from .annotate import SEPARATOR, FoldedText, drop_overlaps, paragraph_numbers, place_anchors, top_level_blocks, \
    visible_text
from .files import cannot_write, not_plain_file, outside_link, read_text, write_atomic
from .folding import text_key
from .ids import make_id
from .layout import NOTES_DIR, TEXTS_DIR
from .load import TEXT_KEYS, parse_notes
from .markdown import make_markdown
from .model import Note, NotesFile, Text
from .problems import error, warning
from .webannotation import DATE_TAG

LIMIT = 50 * 2**20     # an annotation file larger than this is not one an editor made
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NOTE_ID = re.compile(r"#note-([A-Za-z0-9][A-Za-z0-9_-]*)$")
_PLAIN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass
class Incoming:
    """One annotation as read from the file: what anchors it, and its note."""
    number: int             # 1, 2, … in the file's order
    line: int | None        # its line in the file, where it could be found
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    position: tuple | None = None   # (start, end) in code points (W3C files only)
    body: str = ""          # Markdown
    note_id: str = ""       # kept from an id ending in #note-ID (the edition's own export)
    date: str = ""          # the note's `date:` (schema:temporalCoverage in the edition's export)
    refused: str = ""       # why it cannot be a note at all

    def name(self) -> str:
        quote = " ".join(self.exact.split())
        return f"annotation {self.number}" + (f" (“{_short(quote)}”)" if quote else "")


# --- reading the file -------------------------------------------------------------------

def read_file(path: Path, shown: str):
    """([Incoming], problems) from a W3C collection, page, annotation or list of them, or a
    Hypothes.is export ({"annotations": [...]})."""
    try:
        if path.stat().st_size > LIMIT:
            return [], [error(shown, None, "is larger than 50 MB; split it, or check it is an annotation file")]
    except OSError as exc:
        return [], [error(shown, None, f"cannot be read ({exc.strerror}); check the file name")]
    problems = []
    source = read_text(path, shown, problems)
    if source is None or problems:
        return [], problems
    try:
        data = json.loads(source)
    except ValueError as exc:
        return [], [error(shown, getattr(exc, "lineno", None), f"is not valid JSON ({getattr(exc, 'msg', exc)}); "
                                                               "export the annotations again")]
    except RecursionError:      # `[[[[…` a hundred thousand deep: no annotation file is
        return [], [error(shown, None, "is nested too deeply to be an annotation file; export the annotations again")]
    found, hypothesis = _annotations_in(data)
    if found is None:
        return [], [error(shown, 1, "is neither W3C Web Annotations (an AnnotationCollection, AnnotationPage or "
                                    "Annotation) nor a Hypothes.is export (with an `annotations` list); "
                                    "export the annotations again in one of those forms")]
    lines = _Lines(source)
    return [_incoming(n, item, hypothesis, lines) for n, item in enumerate(found, 1)], []


def _annotations_in(data):
    """(the annotation objects, whether the file is Hypothes.is's), or (None, False)."""
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)], False
    if not isinstance(data, dict):
        return None, False
    if isinstance(data.get("annotations"), list) and "type" not in data:
        return [d for d in data["annotations"] if isinstance(d, dict)], True
    kinds = _as_list(data.get("type"))
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        if data.get("total", 1) and not isinstance(first, dict):
            return None, False     # pages behind addresses: this command reads no network
        data, kinds = first or {"items": []}, ["AnnotationPage"]
    if "AnnotationPage" in kinds:
        return [d for d in _as_list(data.get("items")) if isinstance(d, dict)], False
    if "Annotation" in kinds:
        return [data], False
    return None, False


def _incoming(number: int, item: dict, hypothesis: bool, lines) -> Incoming:
    incoming = Incoming(number, None)
    targets = _as_list(item.get("target"))
    selectors = [s for t in targets if isinstance(t, dict) for s in _as_list(t.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    spot = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    if quote is not None:
        incoming.exact = _string(quote.get("exact"))
        incoming.prefix, incoming.suffix = _string(quote.get("prefix")), _string(quote.get("suffix"))
        incoming.line = lines.find(incoming.exact)
    if spot is not None and not hypothesis and all(isinstance(spot.get(k), int) for k in ("start", "end")):
        incoming.position = (spot["start"], spot["end"])     # Hypothes.is counts UTF-16 units of its page
    incoming.note_id = (_NOTE_ID.search(_string(item.get("id"))) or [None, ""])[1] if not hypothesis else ""
    incoming.date = " ".join(_string(item.get("schema:temporalCoverage")).split())
    if hypothesis:
        incoming.body = _string(item.get("text"))
        tagged = [tag for tag in _as_list(item.get("tags")) if isinstance(tag, str) and tag.startswith(DATE_TAG)]
        incoming.date = tagged[0][len(DATE_TAG):].strip() if tagged else ""
        if item.get("references"):
            incoming.refused = "is a reply to another annotation"
    else:
        incoming.body, incoming.refused = _w3c_body(item)
    if not incoming.refused and quote is None:
        incoming.refused = "selects no words (it has no TextQuoteSelector: a note on the whole page?)"
    elif not incoming.refused and not incoming.body.strip():
        incoming.refused = "has no text"
    return incoming


def _w3c_body(item: dict):
    """(Markdown, why not) from an annotation's bodies: Markdown first, then plain text."""
    if isinstance(item.get("bodyValue"), str):
        return _plain_as_markdown(item["bodyValue"]), ""
    bodies, queue = [], _as_list(item.get("body"))
    while queue:
        body = queue.pop(0)
        if isinstance(body, dict) and "Choice" in _as_list(body.get("type")):
            queue[:0] = _as_list(body.get("items"))
        elif isinstance(body, dict) and isinstance(body.get("value"), str) and body.get("purpose") != "tagging":
            bodies.append(body)
    for wanted in ("text/markdown", "text/plain", None):
        for body in bodies:
            if body.get("format") == wanted:
                return (body["value"] if wanted == "text/markdown" else _plain_as_markdown(body["value"])), ""
    if bodies:
        return "", "has only an HTML body, and the edition's notes are Markdown; export it with its Markdown"
    motivation = ", ".join(map(str, _as_list(item.get("motivation")))) or "no motivation"
    return "", f"has no text to make a note of ({motivation}: a link or a tag, such as a glossary link)"


def _plain_as_markdown(text: str) -> str:
    """Plain text kept plain: the characters Markdown would read as markup, escaped."""
    return _PLAIN_SPECIAL.sub(r"\\\1", text)


class _Lines:
    """The line of each quote in the file, found in order (JSON keeps no line numbers)."""

    def __init__(self, source: str):
        self.source, self.at = source, 0

    def find(self, exact: str):
        for encoded in (json.dumps(exact, ensure_ascii=False), json.dumps(exact)):
            at = self.source.find(encoded, self.at)
            if at != -1 and exact:
                self.at = at + len(encoded)
                return self.source.count("\n", 0, at) + 1
        return None


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _string(value) -> str:
    return value if isinstance(value, str) else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- anchoring them -----------------------------------------------------------------------

class Reading:
    """A text as annotate reads it: its visible words, its blocks and their ¶ numbers."""

    def __init__(self, text: Text, language: str = ""):
        md = make_markdown()
        tokens = md.parse(text.body, {})
        spans = top_level_blocks(tokens)
        self.numbers = paragraph_numbers(tokens, spans)
        self.visible, _, self.starts, self.blocks = visible_text(tokens, spans)
        self.folded = FoldedText(self.visible, language)
        self.text, self.language = text, language

    def paragraph(self, start: int):
        index = bisect.bisect_right(self.starts, start) - 1
        return self.numbers[self.blocks[index]] if index >= 0 and self.blocks else None

    def where(self, start: int) -> str:
        number = self.paragraph(start)
        return f"¶ {number}" if number else "a heading"

    def context_fits(self, match, prefix: str, suffix: str) -> bool:
        """The annotation's prefix and suffix, as far as they lie in the same block, next to the match."""
        start, end = match
        before = text_key(self.visible[max(0, start - 4 * len(prefix) - 40):start].rsplit(SEPARATOR, 1)[-1],
                          self.language)
        after = text_key(self.visible[end:end + 4 * len(suffix) + 40].split(SEPARATOR, 1)[0], self.language)
        # A page's text holds more than the reading text between blocks (numbers, margin
        # notes): only the part of the prefix after its last line break, and of the suffix
        # before its first, is compared (as quotes are: folding.py).
        return (before.endswith(text_key(prefix.split("\n")[-1], self.language))
                and after.startswith(text_key(suffix.split("\n")[0], self.language)))

    def nearest(self, quote: str) -> str:
        """The words of the text most like the quote, and where they are; '' if none come close."""
        wanted = quote.casefold()
        words = [(m.group(), m.start()) for m in re.finditer(r"[^\s\x00]+", self.visible)]
        best, best_at, ratio = "", 0, 0.5
        for size in sorted({max(1, len(quote.split()) + d) for d in (0, -1, 1)}):    # a word split or joined
            for i in range(max(1, len(words) - size + 1)):
                window = words[i:i + size]
                if SEPARATOR in self.visible[window[0][1]:window[-1][1]]:
                    continue
                candidate = " ".join(w for w, _ in window)
                matcher = difflib.SequenceMatcher(None, wanted, candidate.casefold())
                if matcher.quick_ratio() > ratio and matcher.ratio() > ratio:
                    best, best_at, ratio = candidate, window[0][1], matcher.ratio()
        return f"the nearest words are “{_short(best)}” ({self.where(best_at)})" if best else "no words of it come close"


def _fold(text: str) -> str:
    return " ".join(text.split())


def anchor(incoming: Incoming, reading: Reading):
    """((start, end), fields {name: value}) for a note on this annotation, or (None, why not)."""
    quote = _fold(incoming.exact)
    matches = list(reading.folded.find_all(quote))
    where = f"in {reading.text.path}"
    if not matches:
        across = any(reading.folded.variant(SEPARATOR, " ").find_all(quote))
        return None, (f"spans two paragraphs {where}; a note quotes words from one paragraph" if across
                      else f"is not found {where}; {reading.nearest(quote)}")
    if len(matches) == 1:
        return matches[0], {}
    fitting = [m for m in matches if reading.context_fits(m, incoming.prefix, incoming.suffix)]
    if len(fitting) > 1 and incoming.position in fitting:
        fitting = [incoming.position]
    if len(fitting) != 1:
        places = ", ".join(reading.where(m[0]) for m in (fitting or matches))
        return None, (f"occurs {len(matches)} times {where} ({', '.join(reading.where(m[0]) for m in matches)}) "
                      f"and its prefix and suffix fit {len(fitting) or 'none'} of them"
                      + (f" ({places})" if fitting else "")
                      + "; add the note by hand with `occurrence: N` for the one it means")
    return fitting[0], fields_for(fitting[0], quote, matches, reading)


def fields_for(match, quote: str, matches, reading: Reading) -> dict:
    """The fewest words of the text around the match (before:, else after:) that pick it out,
    else its occurrence number; each checked by anchoring a note the way the build does."""
    start, end = match
    before_words = reading.visible[:start].rsplit(SEPARATOR, 1)[-1].split()
    after_words = reading.visible[end:].split(SEPARATOR, 1)[0].split()
    tries = [{"before": " ".join(before_words[-k:])} for k in range(1, min(len(before_words), 8) + 1)]
    tries += [{"after": " ".join(after_words[:k])} for k in range(1, min(len(after_words), 8) + 1)]
    tries.append({"occurrence": str(matches.index(match) + 1)})
    for fields in tries:
        if lands(quote, fields, reading) == match:
            return fields
    return {"occurrence": str(matches.index(match) + 1)}


def lands(quote: str, fields: dict, reading: Reading):
    """Where the build anchors a note with this quote and these fields: (start, end) or None."""
    note = Note(reading.text.slug, "probe", quote, "-", "", 0, 0,
                int(fields["occurrence"]) if "occurrence" in fields else None,
                fields.get("before", ""), fields.get("after", ""))
    found = place_anchors([note], reading.visible, reading.text, [], reading.language)
    return (found[0][0], found[0][1]) if found else None


# --- the command ----------------------------------------------------------------------------

def section(quote: str, fields: dict, body: str) -> str:
    lines = [f"## {quote}"] + [f"{name}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def import_annotations(root: Path, file: str, slug: str):
    """Append a note for each annotation of `file` that anchors exactly in content/texts/<slug>.md.
    Returns (notes path or None, [(line, quote)] added, problems)."""
    text_rel, notes_rel = f"{TEXTS_DIR}/{slug}.md", f"{NOTES_DIR}/{slug}.md"
    if not _SLUG.match(slug) or not (root / text_rel).is_file():
        texts = sorted(p.stem for p in (root / TEXTS_DIR).glob("*.md"))
        return None, [], [error(text_rel if _SLUG.match(slug) else TEXTS_DIR, None,
                                f"no text `{slug}`; use one of: {', '.join(texts) or '(none)'}")]
    notes_path = root / notes_rel
    refused = not_plain_file(root, notes_rel, NOTES_DIR) or outside_link(root, text_rel)
    if refused:
        return None, [], [refused]
    path = Path(file)
    path = path if path.is_absolute() else Path.cwd() / path
    incoming, problems = read_file(path, file)
    if problems:
        return None, [], problems
    source = read_text(root / text_rel, text_rel, problems)
    existing = read_text(notes_path, notes_rel, problems) if notes_path.is_file() else ""
    if source is None or existing is None:
        return None, [], problems
    meta, body, body_line = frontmatter.read(source, text_rel, TEXT_KEYS, [])
    config = load_config(root)[0]
    base_url = config.base_url
    reading = Reading(Text(slug, text_rel, None, body, body_line), meta.get("language") or config.language)
    notes = parse_notes(NotesFile(notes_rel, existing), slug, [])
    taken = [(s, e, n) for s, e, n in place_anchors(notes, reading.visible, reading.text, [], reading.language)]
    ids = {n.id for n in notes}
    baseline = _anchored(existing, notes_rel, slug, reading)
    sections, added = [], []
    separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    line = existing.count("\n") + separator.count("\n") + 1
    for item in incoming:
        where, name = (file, item.line), item.name()
        if item.refused:
            problems.append(error(*where, f"{name} {item.refused}; not imported"))
            continue
        match, fields = anchor(item, reading)
        if match is None:
            problems.append(error(*where, f"{name} {fields}; not imported"))
            continue
        clash = next(((s, e, n) for s, e, n in taken if s < match[1] and match[0] < e), None)
        if clash is not None:
            other = clash[2]
            if (clash[0], clash[1]) == match and other.body.strip() == item.body.strip():
                problems.append(warning(*where, f"{name} is already a note ({other.path}:{other.line}); skipped"))
            else:
                problems.append(error(*where, f"{name} overlaps the note on “{_short(other.quote)}” "
                                              f"({other.path}:{other.line}); not imported"))
            continue
        quote = _fold(item.exact)
        if base_url:    # links the export made absolute (for Hypothes.is) are the site's own again
            item.body = item.body.replace(f"]({base_url.rstrip('/')}/", "](")
        note_id = item.note_id or make_id(quote)
        base, n = note_id, 1
        while note_id in ids:
            n += 1
            note_id = f"{base}-{n}"
        if note_id != make_id(quote):
            fields = {"id": note_id, **fields}
        if item.date:
            fields["date"] = item.date
        block = section(quote, fields, item.body)
        parsed_problems: list = []
        parsed = parse_notes(NotesFile(notes_rel, block), slug, parsed_problems)
        if len(parsed) != 1 or parsed_problems or _fold(parsed[0].body) != _fold(item.body):
            why = parsed_problems[0].message if parsed_problems else "its text would not read back as one note"
            problems.append(error(*where, f"{name}: {why}; not imported"))
            continue
        ids.add(note_id)
        taken.append((match[0], match[1], Note(slug, note_id, quote, item.body, notes_rel, line, line)))
        sections.append(block)
        added.append((line, quote))
        line += block.count("\n") + 1
    if sections:
        new = existing + separator + "\n".join(sections)
        anchored, errors = _anchored(new, notes_rel, slug, reading)
        if anchored != baseline[0] + len(sections) or errors - baseline[1]:
            return None, [], problems + [error(notes_rel, None, "the new notes would not anchor as checked (a bug "
                                                                "in edition); nothing was written")]
        try:
            write_atomic(notes_path, new.encode("utf-8"))
        except OSError as exc:
            return None, [], problems + [error(notes_rel, None, f"{cannot_write(exc)}; it was left as it was, "
                                                                "and no note was added")]
    return (notes_path if sections else None), added, problems


def _anchored(source: str, rel: str, slug: str, reading: Reading):
    """(how many notes of a notes file anchor, the errors the build finds in it): the new file
    must anchor every new note and add no error to those the old one had."""
    problems: list = []
    notes = parse_notes(NotesFile(rel, source), slug, problems)
    anchors = drop_overlaps(place_anchors(notes, reading.visible, reading.text, problems, reading.language), problems)
    return len(anchors), {str(p) for p in problems if p.severity == "error"}
