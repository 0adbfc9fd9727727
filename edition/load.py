"""Load & check: read content/ into domain values, collecting every problem.

Nothing here knows about HTML; the annotate stage decides where notes land.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
from pathlib import Path

import yaml

from .links import refused_links
from .model import GlossaryTerm, Note, Page, Project, Text
from .problems import error, warning
from .sections import split_sections, unclosed_fence

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
NOTE_FIELDS = ("id", "occurrence", "before", "after", "date")
GLOSSARY_FIELDS = ("id", "aliases")

_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*:|\s+\S|- |#)")
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def load_project(root: Path, parse_notes_now: bool = True, memo: dict | None = None):
    """Read every content file; return (Project, problems).

    With parse_notes_now=False the notes files are read but not parsed: project.note_sources
    holds (path, source) per text, for the build to parse each beside its text, in parallel
    (see parse_notes). Their problems then come from there.

    memo (serve's, kept between builds): the result of reading each file, reused while the
    file's size, times and inode are unchanged. project.digests gets each file's SHA-256.
    """
    problems = []
    reader = _Reader(memo)
    texts = _load_documents(root, TEXTS_DIR, TEXT_KEYS, Text, problems, reader)
    pages = _load_documents(root, PAGES_DIR, PAGE_KEYS, Page, problems, reader)
    _check_slug_clashes(texts, pages, problems)
    # A text that could not be read still exists: its notes are not orphans.
    text_slugs = {entry.name[:-3] for _, entry in _entries(root, TEXTS_DIR)}
    sources = read_notes(root, text_slugs, problems, reader)
    notes = {slug: parse_notes(source, rel, slug, problems) for slug, (rel, source) in sources.items()
             } if parse_notes_now else {}
    glossary = load_glossary(root, problems, reader)
    project = Project(texts, pages, notes, glossary, {} if parse_notes_now else sources, reader.digests)
    return project, problems


class _Reader:
    """Reads each content file once per build, and (given a memo) not at all if unchanged."""

    def __init__(self, memo):
        self.memo = memo
        self.digests: dict = {}     # project-relative path -> SHA-256 of its bytes

    def load(self, path: Path, rel: str, problems, make):
        """make(source, problems) -> value, for the file's text; None if it cannot be read."""
        signature = _signature(path)
        kept = self.memo.get(rel) if self.memo is not None and signature else None
        if kept and kept[0] == signature:
            _, value, found, digest = kept
        else:
            found = []
            data = _read_bytes(path, rel, found)
            digest = hashlib.sha256(data).hexdigest() if data is not None else ""
            source = None if data is None else decode(data, rel, found)
            value = None if source is None else make(source, found)
            if self.memo is not None and signature:
                self.memo[rel] = (signature, value, found, digest)
        self.digests[rel] = digest
        problems.extend(found)
        return value


def _signature(path: Path):
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


# --- front matter -----------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """Safe YAML, except that a date-shaped value that is no real date stays text.

    PyYAML raises a bare ValueError for `date: 2025-02-30`; kept as text, the value reaches
    the type check below and is reported with its key and line like any other bad date.
    """


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# libyaml parses about seven times faster; where the machine has it, it reads every file, and
# the pure-Python parser reads again only a file libyaml refuses, for its clearer messages.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # noqa: N801
        pass
    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load_yaml(text: str):
    """Parse YAML as the edition reads it (safe; impossible dates stay text)."""
    if _FastLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_Loader)


def yaml_problem(exc, path: str, first_line: int, what: str):
    """A YAML syntax error as a problem on the file's own line, with a fix for the usual slips."""
    reason = getattr(exc, "problem", None) or "invalid YAML"
    mark = getattr(exc, "problem_mark", None)
    if ("end of stream" in reason or "<stream end>" in reason) and getattr(exc, "context_mark", None):
        mark = exc.context_mark         # where the unclosed quote or bracket was opened
    line = mark.line + first_line if mark else first_line
    if "mapping values" in reason:
        hint = 'a value that holds `: ` must be in quotes, e.g. title: "Rubio: the offer"'
    elif "end of stream" in reason or "<stream end>" in reason:
        hint = "close the quote or bracket opened on this line"
    elif "\\t" in reason or "tab" in reason:
        hint = "indent with spaces, not tabs"
    else:
        hint = "check the quotes, colons and indentation on this line"
    return error(path, line, f"{what} is not valid YAML ({reason}); {hint}")


def split_front_matter(source: str, path: str, keys: dict, problems):
    """Return (meta, body, body_line). Problems carry the file's own line numbers."""
    if not source.startswith("---\n"):
        problems.append(error(path, 1, "no front matter; start the file with a `---` line, "
                                       "`title: …`, and another `---` line"))
        return {}, source, 1
    end = source.find("\n---\n", 3)
    if end == -1:
        problems.append(error(path, 1, "front matter is not closed; add a line `---` after its last "
                                       "`key: value` line"))
        # Guess where it ends (the first line that is not `key: value`-shaped), so that the
        # text's notes and terms are still checked instead of all failing for want of a body.
        lines = source.split("\n")
        ends = next((i for i, line in enumerate(lines[1:], 1) if not _FRONT_LINE.match(line)), len(lines))
        meta, _, _ = split_front_matter("\n".join(lines[:ends]) + "\n---\n", path, keys, [])
        return meta, "\n".join(lines[ends:]).lstrip("\n"), ends + 1
    block = source[4:end + 1]
    body = source[end + 5:]
    body_line = block.count("\n") + 3
    try:
        meta = load_yaml(block) or {}
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, path, 2, "front matter"))
        return {}, body, body_line
    if not isinstance(meta, dict):
        problems.append(error(path, 2, "front matter must be `key: value` lines, e.g. `title: …`; "
                                       "remove any `- ` list markers"))
        return {}, body, body_line
    return check_meta(meta, block, path, keys, problems), body, body_line


def check_meta(meta: dict, block: str, path: str, keys: dict, problems) -> dict:
    clean = {}
    for key, value in meta.items():
        line = _key_line(block, key)
        if key not in keys:
            near = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.5)
            hint = (f"did you mean `{near[0]}`?" if near
                    else f"remove it, or use one of: {', '.join(keys)}")
            problems.append(warning(path, line, f"unknown front matter key `{key}` is ignored; {hint}"))
            continue
        checked = _coerce(value, keys[key])
        if checked is _BAD:
            problems.append(error(path, line, _bad_value(key, value, keys[key])))
            continue
        if key == "source_url" and checked and not _WEB_ADDRESS.match(checked):
            # The theme links to it: a `javascript:` or relative address must not become a link.
            problems.append(error(path, line, f"`source_url: {checked}` is not a web address; write the full "
                                              "address starting with https:// (or http://), or leave it empty"))
            continue
        if key == "source_file" and checked and (Path(checked).is_absolute() or ".." in Path(checked).parts):
            # The build reads the seed to compare hashes: never a file from outside the project.
            problems.append(error(path, line, f"`source_file: {checked}` must name a seed inside the project, "
                                              "e.g. seeds/name.txt; fix the path or leave it empty"))
            continue
        clean[key] = checked
    if not clean.get("title") and "title" not in meta:
        problems.append(error(path, 2, "front matter has no `title`; add a line `title: …`"))
    elif not clean.get("title") and meta.get("title") in (None, ""):
        problems.append(error(path, _key_line(block, "title"), "`title` is empty; write the title after `title: `"))
    return clean


def _bad_value(key, value, kind) -> str:
    shown = value if not isinstance(value, (dict, list)) else "a list or mapping"
    if kind == DATE and isinstance(value, (str, dt.date)):
        return (f"`{key}: {value}` is not a date; write it as YYYY-MM-DD (e.g. 2025-02-20), "
                "or leave it empty when the source gives none")
    if kind == INT:
        return f"`{key}` must be a {kind}, not `{shown}`; write digits only (e.g. {key}: 2), or leave it empty"
    if isinstance(value, bool):
        return (f"`{key}: {value}` is read as yes/no; put the value in quotes, e.g. {key}: \"…\"")
    return f"`{key}` must be a {kind}, not `{shown}`; put the value in quotes on one line, or leave it empty"


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

def _load_documents(root: Path, folder: str, keys: dict, kind, problems, reader):
    documents = []
    for path in _markdown_files(root, folder, problems):
        rel = f"{folder}/{path.name}"
        slug = path.stem
        if not _SLUG.match(slug):
            problems.append(error(rel, None, f"file name `{path.name}` cannot be a web address; "
                                             "rename it with lower-case letters, digits and hyphens"))
            continue

        def document(source, found, rel=rel, slug=slug):
            meta, body, body_line = split_front_matter(source, rel, keys, found)
            if kind is Page:
                check_markdown(body, rel, body_line, found)
            else:
                found.extend(refused_links(body, rel, body_line))
            # The build goes on to find the other problems; a missing title is already reported.
            meta.setdefault("title", slug)
            return kind(slug, rel, meta, body, body_line)
        value = reader.load(path, rel, problems, document)
        if value is not None:
            documents.append(value)
    return documents


def _entries(root: Path, folder: str):
    """[(path, os.DirEntry)] of the folder's *.md, as glob("*.md") finds them (no hidden files)."""
    base = root / folder
    try:
        entries = [entry for entry in os.scandir(base) if entry.name.endswith(".md") and not entry.name.startswith(".")]
    except OSError:     # no such folder, or not a folder
        return []
    return [(Path(entry.path), entry) for entry in sorted(entries, key=lambda entry: entry.name)]


def _markdown_files(root: Path, folder: str, problems):
    files = []
    project = root.resolve()
    # Resolving catches a linked file and a linked folder (content/pages -> elsewhere) alike;
    # the folder is resolved once, and a file only if it is itself a link (2,000 resolves cost
    # more than the rest of an edit's rebuild). The directory entry knows if it is a link.
    folder_inside = _inside((root / folder).resolve(), project)
    for path, entry in _entries(root, folder):
        rel = f"{folder}/{path.name}"
        if not (folder_inside and not entry.is_symlink()) and not _inside(path.resolve(), project):
            problems.append(error(rel, None, f"is a link to {path.resolve()}, outside the project; "
                                             "copy the file into the project instead"))
            continue
        if entry.is_dir():
            problems.append(error(rel, None, "is a folder, not a Markdown file; rename it "
                                             "(without `.md`) or move it out of " + folder + "/"))
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
    data = _read_bytes(path, rel, problems)
    return None if data is None else decode(data, rel, problems)


def _read_bytes(path: Path, rel: str, problems) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.append(error(rel, None, f"cannot be read ({exc.strerror}); check its permissions"))
        return None


def decode(data: bytes, rel: str, problems) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(rel, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                         "open it in your editor and save it with UTF-8 encoding"))
        # Read on with the odd bytes replaced: the build stops anyway, and its other checks
        # (notes, terms) then report only real problems, not ones caused by a missing text.
        text = data.decode("utf-8", errors="replace")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _check_slug_clashes(texts, pages, problems):
    seen = {t.slug: t.path for t in texts}
    seen.update({"index": "(the index page)", "glossary": "(the glossary page)", "404": "(the 404 page)"})
    for page in pages:
        if page.slug in seen:
            problems.append(error(page.path, None, f"page name `{page.slug}` is already used by "
                                                   f"{seen[page.slug]}; rename the file"))


# --- notes ------------------------------------------------------------------------------

def read_notes(root: Path, text_slugs, problems, reader):
    """{text slug: (path, source)} for every notes file that belongs to a text."""
    notes = {}
    for path in _markdown_files(root, NOTES_DIR, problems):
        rel = f"{NOTES_DIR}/{path.name}"
        if path.stem not in text_slugs:
            near = difflib.get_close_matches(path.stem, sorted(text_slugs), n=1)
            hint = f"rename it to {near[0]}.md" if near else "remove it or add the text"
            problems.append(error(rel, None, f"notes for a text that does not exist "
                                             f"(no {TEXTS_DIR}/{path.stem}.md); {hint}"))
            continue
        source = reader.load(path, rel, problems, _notes_source)
        if source is not None:
            notes[path.stem] = (rel, source)
    return notes


def _notes_source(source, found):
    return source


def check_markdown(body: str, rel: str, first_line: int, problems) -> None:
    """What CommonMark accepts silently but an editor never means."""
    fence = unclosed_fence(body, first_line)
    if fence:
        problems.append(error(rel, fence, "code fence opened here is never closed, so everything below "
                                          "it shows as code (and any `## ` headings below are swallowed); "
                                          "close it with a line of three backticks (```) or remove it"))
    problems.extend(refused_links(body, rel, first_line))


def parse_notes(source: str, rel: str, slug: str, problems):
    body, first_line = _skip_front_matter(source)
    check_markdown(body, rel, first_line, problems)
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
        ids[note_id] = section.line
        notes.append(Note(slug, note_id, quote, section.body, rel, section.line, section.body_line,
                          occurrence, _field(section, "before"), _field(section, "after"),
                          _field(section, "date")))
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

def load_glossary(root: Path, problems, reader):
    path = root / GLOSSARY_FILE
    if not path.exists():
        return []
    if not _inside(path.resolve(), root.resolve()):
        problems.append(error(GLOSSARY_FILE, None, f"is a link to {path.resolve()}, outside the project; "
                                                   "copy the file into the project instead"))
        return []
    if path.is_dir():
        problems.append(error(GLOSSARY_FILE, None, "is a folder, not a Markdown file; the glossary is one file, "
                                                   "content/glossary.md"))
        return []
    terms = reader.load(path, GLOSSARY_FILE, problems, _glossary)
    return terms or []


def _glossary(source, found):
    return parse_glossary(source, GLOSSARY_FILE, found)


def parse_glossary(source: str, rel: str, problems):
    body, first_line = _skip_front_matter(source)
    check_markdown(body, rel, first_line, problems)
    _, sections = split_sections(body, first_line, GLOSSARY_FIELDS)
    terms, ids, claimed = [], {}, {}
    for section in sections:
        term = " ".join(section.heading.split())
        if not term:
            problems.append(error(rel, section.line, "glossary heading is empty; write the term after `## `"))
            continue
        term_id = _field(section, "id") or make_id(term, words=8)
        if not _ID.match(term_id):
            problems.append(error(rel, section.fields["id"][1], f"glossary id `{term_id}` may hold only "
                                                                "letters, digits, `-` and `_`; change the "
                                                                "`id:` line"))
            continue
        aliases = [a.strip() for a in _field(section, "aliases").split(";") if a.strip()]
        duplicate = False
        for name in [term, *aliases]:
            key = name.casefold()
            if key in claimed:
                owner, line = claimed[key]
                if name == term and owner.casefold() == key:
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
        for name in [term, *aliases]:
            claimed[name.casefold()] = (term, section.line)
        ids[term_id] = section.line
        terms.append(GlossaryTerm(term_id, term, aliases, section.body, rel, section.line, section.body_line))
    return terms
