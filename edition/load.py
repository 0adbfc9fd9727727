"""Load & check: read content/ into domain values, collecting every problem.

Nothing here knows about HTML; the annotate stage decides where notes land.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import yaml

from .model import GlossaryTerm, Note, Page, Project, Text
from .problems import error, warning
from .sections import split_sections

TEXTS_DIR = "content/texts"
NOTES_DIR = "content/notes"
PAGES_DIR = "content/pages"
GLOSSARY_FILE = "content/glossary.md"

STR, DATE, INT = "text", "date (YYYY-MM-DD)", "whole number"
TEXT_KEYS = {
    "title": STR, "subtitle": STR, "byline": STR, "publisher": STR, "date": DATE,
    "event_date": DATE, "photo_caption": STR, "photo_credit": STR, "copyright": STR,
    "copyright_year": INT, "source_url": STR, "source_file": STR, "source_sha256": STR,
    "order": INT, "description": STR, "language": STR,
}
PAGE_KEYS = {"title": STR, "description": STR, "order": INT, "language": STR}
NOTE_FIELDS = ("id", "occurrence", "before", "after")
GLOSSARY_FIELDS = ("id", "aliases")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def load_project(root: Path):
    """Read every content file; return (Project, problems)."""
    problems = []
    texts = _load_documents(root, TEXTS_DIR, TEXT_KEYS, Text, problems)
    pages = _load_documents(root, PAGES_DIR, PAGE_KEYS, Page, problems)
    _check_slug_clashes(texts, pages, problems)
    notes = load_notes(root, {t.slug for t in texts}, problems)
    glossary = load_glossary(root, problems)
    return Project(texts, pages, notes, glossary), problems


# --- front matter -----------------------------------------------------------------------

def split_front_matter(source: str, path: str, keys: dict, problems):
    """Return (meta, body, body_line). Problems carry the file's own line numbers."""
    if not source.startswith("---\n"):
        problems.append(error(path, 1, "no front matter; start the file with a `---` line, "
                                       "`title: …`, and another `---` line"))
        return {}, source, 1
    end = source.find("\n---\n", 3)
    if end == -1:
        problems.append(error(path, 1, "front matter is not closed; add a line `---` after it"))
        return {}, "", 1
    block = source[4:end + 1]
    body = source[end + 5:]
    body_line = block.count("\n") + 3
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(exc, "problem", None) or "invalid YAML"
        problems.append(error(path, line, f"front matter is not valid YAML ({reason}); "
                                          "check quotes and colons on this line"))
        return {}, body, body_line
    if not isinstance(meta, dict):
        problems.append(error(path, 2, "front matter must be `key: value` lines"))
        return {}, body, body_line
    return check_meta(meta, block, path, keys, problems), body, body_line


def check_meta(meta: dict, block: str, path: str, keys: dict, problems) -> dict:
    clean = {}
    for key, value in meta.items():
        line = _key_line(block, key)
        if key not in keys:
            near = difflib.get_close_matches(str(key), keys, n=1)
            hint = f"did you mean `{near[0]}`?" if near else "remove it"
            problems.append(warning(path, line, f"unknown front matter key `{key}` is ignored; {hint}"))
            continue
        checked = _coerce(value, keys[key])
        if checked is _BAD:
            problems.append(error(path, line, f"`{key}` must be a {keys[key]}, not `{value}`; "
                                              f"fix the value or leave it empty"))
            continue
        clean[key] = checked
    if not clean.get("title"):
        problems.append(error(path, 2, "front matter has no `title`; add `title: …`"))
    return clean


_BAD = object()


def _coerce(value, kind):
    if value is None or value == "":
        return None if kind != STR else ""
    if kind == STR:
        return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else _BAD
    if kind == INT:
        return value if isinstance(value, int) and not isinstance(value, bool) else _BAD
    if kind == DATE:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return _BAD
    return value


def _key_line(block: str, key) -> int:
    for number, line in enumerate(block.split("\n"), 2):
        if line.startswith(f"{key}:"):
            return number
    return 2


# --- texts and pages --------------------------------------------------------------------

def _load_documents(root: Path, folder: str, keys: dict, kind, problems):
    documents = []
    for path in _markdown_files(root, folder, problems):
        rel = path.relative_to(root).as_posix()
        slug = path.stem
        if not _SLUG.match(slug):
            problems.append(error(rel, None, f"file name `{path.name}` cannot be a web address; "
                                             "rename it with lower-case letters, digits and hyphens"))
            continue
        source = read_text(path, rel, problems)
        if source is None:
            continue
        meta, body, body_line = split_front_matter(source, rel, keys, problems)
        documents.append(kind(slug, rel, meta, body, body_line))
    return documents


def _markdown_files(root: Path, folder: str, problems):
    base = root / folder
    if not base.is_dir():
        return []
    files = []
    for path in sorted(base.glob("*.md")):
        if path.is_symlink() and not _inside(path.resolve(), root.resolve()):
            problems.append(error(path.relative_to(root).as_posix(), None,
                                  "is a link to a file outside the project; copy the file in instead"))
            continue
        files.append(path)
    return files


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def read_text(path: Path, rel: str, problems) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(error(rel, None, f"cannot be read ({exc.strerror}); check its permissions"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(rel, line, "is not UTF-8 text; save it with UTF-8 encoding"))
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _check_slug_clashes(texts, pages, problems):
    seen = {t.slug: t.path for t in texts}
    seen.update({"index": "(the index page)", "glossary": "(the glossary page)", "404": "(the 404 page)"})
    for page in pages:
        if page.slug in seen:
            problems.append(error(page.path, None, f"page name `{page.slug}` is already used by "
                                                   f"{seen[page.slug]}; rename the file"))


# --- notes ------------------------------------------------------------------------------

def load_notes(root: Path, text_slugs, problems):
    notes = {}
    for path in _markdown_files(root, NOTES_DIR, problems):
        rel = path.relative_to(root).as_posix()
        if path.stem not in text_slugs:
            near = difflib.get_close_matches(path.stem, sorted(text_slugs), n=1)
            hint = f"rename it to {near[0]}.md" if near else "remove it or add the text"
            problems.append(error(rel, None, f"notes for a text that does not exist "
                                             f"(no {TEXTS_DIR}/{path.stem}.md); {hint}"))
            continue
        source = read_text(path, rel, problems)
        if source is not None:
            notes[path.stem] = parse_notes(source, rel, path.stem, problems)
    return notes


def parse_notes(source: str, rel: str, slug: str, problems):
    body, first_line = _skip_front_matter(source)
    _, sections = split_sections(body, first_line, NOTE_FIELDS)
    notes, ids = [], {}
    for section in sections:
        quote = " ".join(section.heading.split())
        if not quote:
            problems.append(error(rel, section.line, "note heading is empty; write the exact phrase "
                                                     "from the text after `## `"))
            continue
        note_id = _field(section, "id") or make_id(quote)
        if not _ID.match(note_id):
            problems.append(error(rel, section.fields["id"][1], f"note id `{note_id}` may hold only "
                                                                "letters, digits, `-` and `_`"))
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
        ids[note_id] = section.line
        notes.append(Note(slug, note_id, quote, section.body, rel, section.line, section.body_line,
                          occurrence, _field(section, "before"), _field(section, "after")))
    return notes


def make_id(text: str, words: int = 5) -> str:
    """A readable id from the first words of a phrase: "relatively low" -> relatively-low."""
    import unicodedata
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", folded)[:words]
    return "-".join(parts) or "note"


def _field(section, name) -> str:
    value = section.fields.get(name)
    return value[0] if value else ""


def _skip_front_matter(source: str):
    if source.startswith("---\n"):
        end = source.find("\n---\n", 3)
        if end != -1:
            return source[end + 5:], source[:end + 5].count("\n") + 1
    return source, 1


# --- glossary ---------------------------------------------------------------------------

def load_glossary(root: Path, problems):
    path = root / GLOSSARY_FILE
    if not path.is_file():
        return []
    source = read_text(path, GLOSSARY_FILE, problems)
    if source is None:
        return []
    return parse_glossary(source, GLOSSARY_FILE, problems)


def parse_glossary(source: str, rel: str, problems):
    body, first_line = _skip_front_matter(source)
    _, sections = split_sections(body, first_line, GLOSSARY_FIELDS)
    terms, ids, claimed = [], {}, {}
    for section in sections:
        term = " ".join(section.heading.split())
        if not term:
            problems.append(error(rel, section.line, "glossary heading is empty; write the term after `## `"))
            continue
        term_id = _field(section, "id") or make_id(term, words=8)
        if term_id in ids:
            problems.append(error(rel, section.line, f"glossary term “{term}” has the id `{term_id}` of the "
                                                     f"term on line {ids[term_id]}; merge them or add an `id:` line"))
            continue
        aliases = [a.strip() for a in _field(section, "aliases").split(";") if a.strip()]
        duplicate = False
        for name in [term, *aliases]:
            key = name.casefold()
            if key in claimed:
                owner, line = claimed[key]
                what = "term" if name == term else "alias"
                problems.append(error(rel, section.line, f"{what} “{name}” is already claimed by “{owner}” "
                                                         f"(line {line}); keep it in one entry only"))
                duplicate = True
        if duplicate:
            continue
        if not section.body.strip():
            problems.append(error(rel, section.line, f"glossary term “{term}” has no definition; "
                                                     "write it below the heading"))
            continue
        for name in [term, *aliases]:
            claimed[name.casefold()] = (term, section.line)
        ids[term_id] = section.line
        terms.append(GlossaryTerm(term_id, term, aliases, section.body, rel, section.line, section.body_line))
    return terms
