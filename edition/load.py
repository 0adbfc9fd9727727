"""Load & check: read content/ into domain values, collecting every problem.

Nothing here knows about HTML; the annotate stage decides where notes land. The loader reads
files only through the `read` function it is given (read(path, rel, parse, problems) ->
parse(text, problems) or None), so whatever keeps files between builds stays outside it.
Notes files are read here and parsed with their text (parse_notes), where they are anchored.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from . import frontmatter
from .files import markdown_folder
from .folding import text_key
from .ids import make_id
from .layout import GLOSSARY_FILE, NOTES_DIR, PAGES_DIR, TEXTS_DIR, inside
from .markdown import footnote_problems, markdown_problems
from .model import (GlossaryTerm, Note, NotesFile, Page, PageMeta, PartialDate, Project, Text, TextMeta, choices,
                    schema)
from .problems import error, warning
from .sections import split_sections

TEXT_KEYS = schema(TextMeta)
PAGE_KEYS = schema(PageMeta)
CHOICES = {**choices(TextMeta), **choices(PageMeta)}
NOTE_FIELDS = ("id", "occurrence", "before", "after", "date")
GLOSSARY_FIELDS = ("id", "aliases")
# Generated pages: a text or page may not take their names.
GENERATED = {"index": "(the index page)", "glossary": "(the glossary page)", "404": "(the 404 page)",
             "timeline": "(the timeline page)"}
PLACEHOLDER = "TODO:"

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")      # a text's or page's name: a web address, never a path
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_PLACEHOLDER = re.compile(r"\bTODO:")


def load_project(root: Path, read, bodies: bool = True, listed=markdown_folder):
    """Read every content file; return (Project, problems). bodies=False (the build): each text's
    body and notes file are checked, then let go (Text.body and NotesFile.source are ""), for the
    text's job to read again: at 10,000 texts they were 290 MB, most of the build's memory.
    listed(root, folder) lists a folder (files.markdown_folder)."""
    problems = []
    text_folder = listed(root, TEXTS_DIR)
    texts = _load_documents(root, text_folder, TEXTS_DIR, TEXT_KEYS, Text, TextMeta, problems, read, bodies)
    pages = _load_documents(root, listed(root, PAGES_DIR), PAGES_DIR, PAGE_KEYS, Page, PageMeta, problems, read)
    _check_slug_clashes(texts, pages, problems)
    # A text that could not be read still exists: its notes are not orphans.
    text_slugs = {name[:-3] for name in text_folder.names}
    notes = read_notes(root, text_slugs, problems, read, bodies, listed(root, NOTES_DIR))
    glossary = load_glossary(root, problems, read)
    return Project(texts, pages, notes, glossary), problems


# --- texts and pages --------------------------------------------------------------------

def _load_documents(root: Path, listing, folder: str, keys: dict, kind, meta_type, problems, read, bodies: bool = True):
    documents = []
    problems.extend(listing.problems)
    base = str(root)
    for name in listing.files:
        rel = f"{folder}/{name}"
        slug = name[:-3]
        if not SLUG.match(slug):
            problems.append(error(rel, None, f"file name `{name}` cannot be a web address; "
                                             "rename it with lower-case letters, digits and hyphens"))
            continue

        def document(source, found, rel=rel, slug=slug):
            meta, body, body_line = frontmatter.read(source, rel, keys, found, CHOICES)
            found.extend(markdown_problems(body, rel, body_line))
            found.extend(footnote_problems(body, rel, body_line))
            # The build goes on to find the other problems; a missing title is already reported.
            meta.setdefault("title", slug)
            return kind(slug, rel, meta_type(**meta), body if bodies else "", body_line)
        value = read(f"{base}/{rel}", rel, document, problems)
        if value is not None:
            documents.append(value)
    return documents


def _check_slug_clashes(texts, pages, problems):
    """Two pages with one name, or a name the site gives a page of its own: the site would
    silently lose one of them."""
    seen = dict(GENERATED)
    for document in [*texts, *pages]:
        if document.slug in seen:
            kind = "text" if isinstance(document, Text) else "page"
            problems.append(error(document.path, None, f"{kind} name `{document.slug}` is already used by "
                                                       f"{seen[document.slug]}; rename the file, e.g. "
                                                       f"{document.slug}-{kind}.md"))
        else:
            seen[document.slug] = document.path


# --- notes ------------------------------------------------------------------------------

def read_notes(root: Path, text_slugs, problems, read, bodies: bool = True, listing=None):
    """{text slug: NotesFile} for every notes file that belongs to a text."""
    listing = listing if listing is not None else markdown_folder(root, NOTES_DIR)
    problems.extend(listing.problems)
    notes, base = {}, str(root)
    for name in listing.files:
        rel, stem = f"{NOTES_DIR}/{name}", name[:-3]
        if stem not in text_slugs:
            near = difflib.get_close_matches(stem, sorted(text_slugs), n=1)
            hint = f"rename it to {near[0]}.md" if near else "remove it or add the text"
            problems.append(error(rel, None, f"notes for a text that does not exist "
                                             f"(no {TEXTS_DIR}/{stem}.md); {hint}"))
            continue

        def notes_file(source, found, rel=rel):
            read_whole = NotesFile(rel, source)
            return read_whole if bodies else NotesFile(rel, "", read_whole.dated)
        notes_file = read(f"{base}/{rel}", rel, notes_file, problems)
        if notes_file is not None:
            notes[stem] = notes_file
    return notes


def parse_notes(notes_file: NotesFile, slug: str, problems, word_limit: int = 0):
    """The notes of a text, checked: [Note]. word_limit (site.yaml's note_word_limit): a note
    longer than that many words is a warning."""
    rel = notes_file.path
    body, first_line = frontmatter.skip(notes_file.source)
    problems.extend(markdown_problems(body, rel, first_line))
    preamble, sections = split_sections(body, first_line, NOTE_FIELDS)
    problems.extend(preamble_problems(preamble, rel, first_line, "note"))
    notes, ids = [], {}
    for section in sections:
        quote = " ".join(section.heading.split())
        if not text_key(quote):     # nothing a reader sees (a zero-width space)
            problems.append(error(rel, section.line, "note heading is empty; write the exact phrase "
                                                     "from the text after `## `"))
            continue
        note_id = _field(section, "id") or make_id(quote)
        if not _ID.match(note_id):
            problems.append(error(rel, section.fields["id"][1], f"note id `{note_id}` may hold only "
                                                                "letters, digits, `-` and `_`; change the "
                                                                "`id:` line"))
            continue
        if note_id in ids:
            problems.append(error(rel, section.line, f"note id `{note_id}` is already used on line "
                                                     f"{ids[note_id]}; add a different `id:` line"))
            continue
        occurrence = None
        if "occurrence" in section.fields:
            value, line = section.fields["occurrence"]
            if not value.isdigit() or int(value) < 1:
                problems.append(error(rel, line, f"`occurrence: {value}` must be a whole number "
                                                 "from 1 (the first time the phrase appears)"))
                continue
            occurrence = int(value)
        if not section.body.strip():
            problems.append(error(rel, section.line, f"note on “{quote}” is empty; write the note "
                                                     "below its heading or delete the heading"))
            continue
        date = None
        if _field(section, "date"):
            value, line = section.fields["date"]
            date = PartialDate.parse(value)
            if date is None:
                problems.append(error(rel, line, f"`date: {value}` is not a date; write the year, the year and "
                                                 "month or the full date (1916, 1863-11 or 1863-11-19), "
                                                 "or remove the line"))
                continue
        problems.extend(footnote_problems(section.body, rel, section.body_line))
        ids[note_id] = section.line
        note = Note(slug, note_id, quote, section.body, rel, section.line, section.body_line,
                    occurrence, _field(section, "before"), _field(section, "after"), date)
        problems.extend(placeholder_problems(note))
        problems.extend(source_problems(section.body, rel, section.body_line))
        if word_limit and (words := word_count(section.body)) > word_limit:
            problems.append(warning(rel, section.line, f"note on “{quote}” has {words} words, more than the "
                                                       f"{word_limit} site.yaml's note_word_limit allows; say what "
                                                       "the reader needs at that word, and move background to the "
                                                       "glossary"))
        notes.append(note)
    return notes


_SOURCE_LINE = re.compile(r"^(?:Sources?|Fuentes?|Quellen?)\s*:", re.I | re.M)
_ADDRESS = re.compile(r"\]\(\s*\S|<https?://|\bhttps?://", re.I)    # a link (to the web or the edition), or an address
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def source_problems(body: str, rel: str, body_line: int):
    """A `Source:` line that links to nothing: a reader cannot look it up."""
    found = []
    for match in _SOURCE_LINE.finditer(body):
        end = body.find("\n\n", match.start())
        paragraph = body[match.start(): end if end != -1 else len(body)]
        if not _ADDRESS.search(paragraph):
            line = body_line + body.count("\n", 0, match.start())
            found.append(warning(rel, line, "the source line links to nothing, so a reader cannot look it up; "
                                            "link the page read: Source: [Title](https://…)"))
    return found


def word_count(body: str) -> int:
    """The words a reader reads in a note (link targets are not read)."""
    return len(re.findall(r"\w+(?:['’]\w+)*", _LINK_TARGET.sub("]", body)))     # “board's” is one word


def preamble_problems(preamble: str, rel: str, first_line: int, kind: str):
    """Words above the first `## ` heading belong to no note or term, and are never published."""
    for offset, line in enumerate(preamble.split("\n")):
        if line.strip() and line.strip() != "---":
            return [warning(rel, first_line + offset, f"the text above the first `## ` heading belongs to no {kind} "
                                                      f"and is not published; start each {kind} with `## ` and "
                                                      f"{'the words it annotates' if kind == 'note' else 'the term'}"
                                                      ", or delete it")]
    return []


def placeholder_problems(note: Note):
    """A note still holding `new-note`'s TODO: is never published by accident."""
    match = PLACEHOLDER in note.body and _PLACEHOLDER.search(note.body)
    if not match:
        return []
    line = note.body_line + note.body[: match.start()].count("\n")
    return [error(note.path, line, f"note on “{note.quote}” is still a placeholder (`{PLACEHOLDER}`); "
                                   f"write the note and its source, then remove every `{PLACEHOLDER}`")]


def _field(section, name) -> str:
    value = section.fields.get(name)
    return value[0] if value else ""


# --- glossary ---------------------------------------------------------------------------

def load_glossary(root: Path, problems, read):
    path = root / GLOSSARY_FILE
    if not path.exists():
        return []
    if not inside(path.resolve(), root.resolve()):
        problems.append(error(GLOSSARY_FILE, None, f"is a link to {path.resolve()}, outside the project; "
                                                   "copy the file into the project instead"))
        return []
    if path.is_dir():
        problems.append(error(GLOSSARY_FILE, None, "is a folder, not a Markdown file; the glossary is one file, "
                                                   "content/glossary.md"))
        return []
    terms = read(path, GLOSSARY_FILE, lambda source, found: parse_glossary(source, GLOSSARY_FILE, found), problems)
    return terms or []


def parse_glossary(source: str, rel: str, problems):
    body, first_line = frontmatter.skip(source)
    problems.extend(markdown_problems(body, rel, first_line))
    preamble, sections = split_sections(body, first_line, GLOSSARY_FIELDS)
    problems.extend(preamble_problems(preamble, rel, first_line, "term"))
    terms, ids, claimed = [], {}, {}
    for section in sections:
        term = " ".join(section.heading.split())
        if not text_key(term):      # nothing a reader sees: white space, or only invisible characters
            problems.append(error(rel, section.line, "glossary heading is empty; write the term after `## `"))
            continue
        term_id = _field(section, "id") or make_id(term, words=8)
        if not _ID.match(term_id):
            problems.append(error(rel, section.fields["id"][1], f"glossary id `{term_id}` may hold only "
                                                                "letters, digits, `-` and `_`; change the "
                                                                "`id:` line"))
            continue
        aliases = [a.strip() for a in _field(section, "aliases").split(";") if a.strip()]
        unusable = [name for name in [term, *aliases] if not any(char.isalnum() for char in name)]
        if unusable:
            problems.append(error(rel, section.line, f"“{unusable[0]}” has no letter or digit, so it would link "
                                                     "stray punctuation in every text; remove it or write a word"))
            continue
        for name in [term, *aliases]:
            if len(text_key(name)) == 1:
                problems.append(warning(rel, section.line, f"“{name}” is a single character, so every “{name}” in "
                                                           "the texts is linked; write the whole word"))
        duplicate = False
        for name in [term, *aliases]:
            key = text_key(name)     # as the matcher compares names: `CE\u200bCOT` is CECOT
            if key in claimed:
                owner, line = claimed[key]
                if name == term and text_key(owner) == key:
                    message = (f"term “{name}” is already in the glossary (line {line}); "
                               "merge the two entries into one")
                else:
                    what = "term" if name == term else "alias"
                    message = (f"{what} “{name}” is already claimed by “{owner}” (line {line}); "
                               "keep it in one entry only")
                problems.append(error(rel, section.line, message))
                duplicate = True
        if duplicate:
            continue
        if term_id in ids:
            problems.append(error(rel, section.line, f"glossary term “{term}” has the id `{term_id}` of the "
                                                     f"term on line {ids[term_id]}; add a different `id:` line"))
            continue
        if not section.body.strip():
            problems.append(error(rel, section.line, f"glossary term “{term}” has no definition; "
                                                     "write it below the heading"))
            continue
        problems.extend(footnote_problems(section.body, rel, section.body_line))
        for name in [term, *aliases]:
            claimed[text_key(name)] = (term, section.line)
        ids[term_id] = section.line
        problems.extend(source_problems(section.body, rel, section.body_line))
        terms.append(GlossaryTerm(term_id, term, aliases, section.body, rel, section.line, section.body_line))
    return terms
