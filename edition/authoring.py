"""Authoring help: start a note on a phrase; start a new, empty edition.

`new-note` appends a skeleton whose lines say TODO:. A note still holding TODO: is an error
for `check` and the build (load.placeholder_problems), so a skeleton is never published by accident.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .annotate import SEPARATOR, anchor_spans, find_quote
from .config import load_config
from .files import cannot_write, not_plain_file, outside_link, read_text, write_atomic
from .folding import text_key
from .language import cite
from .layout import (CACHE_DIR, CONFIG_FILE, CONTENT_DIR, MEDIA_DIR, NOTES_DIR, PAGES_DIR, SEEDS_DIR,
                     TEXTS_DIR)
from .load import PLACEHOLDER, SLUG, TEXT_KEYS, parse_notes
from .markdown import make_markdown
from .model import NotesFile
from .problems import error


def skeleton(phrase: str, occurrence: int | None = None) -> str:
    fields = f"occurrence: {occurrence}\n" if occurrence else ""
    return (f"## {phrase}\n{fields}\n"
            f"{PLACEHOLDER} write what a reader needs to know about this phrase.\n\n"
            f"Source: [{PLACEHOLDER} title of the source](https://example.org/{PLACEHOLDER.rstrip(':')})\n")


@dataclass
class Occurrence:
    place: object       # where it stands (structure.Place): ¶ 3, l. 12, § Preamble
    context: str        # the words around it, as a reader sees them
    start: int = 0      # where, in the text as annotate sees it
    end: int = 0

    @property
    def paragraph(self) -> int | None:
        return self.place.first if self.place.kind == "paragraph" else None


def occurrences(body: str, phrase: str, verse: bool = False, language: str = ""):
    """Where the phrase occurs in a text body, as the annotate stage will look for it."""
    return [Occurrence(place, _context(visible, start, end), start, end)
            for start, end, place, visible in find_quote(body, phrase, make_markdown(), verse, language)]


def _context(visible: str, start: int, end: int, words: int = 4) -> str:
    """Up to `words` words either side of visible[start:end], marked `[…]`, within its paragraph."""
    left = visible[:start].split(SEPARATOR)[-1]
    right = visible[end:].split(SEPARATOR)[0]
    shown_left = re.search(r"(?:\S+\s*){0,%d}$" % words, left).group()
    shown_right = re.match(r"(?:\s*\S+){0,%d}" % words, right).group()
    cut_left = "…" if left[: len(left) - len(shown_left)].strip() else ""
    cut_right = "…" if right[len(shown_right):].strip() else ""
    return " ".join(f"{cut_left}{shown_left}[{visible[start:end]}]{shown_right}{cut_right}".split())


def new_note(root: Path, slug: str, phrase: str, occurrence: int | None = None):
    """Append a note skeleton for `phrase` to content/notes/<slug>.md. Returns (path, line, problems)."""
    if not SLUG.fullmatch(slug):
        # A name, never a path: `new-note ../texts/x` must not write into a base text.
        return None, None, [error(TEXTS_DIR, None, f"`{slug}` is not the name of a text; give the name as in "
                                                   f"{TEXTS_DIR}/NAME.md, e.g. new-note my-text \"a phrase\"")]
    text_rel = f"{TEXTS_DIR}/{slug}.md"
    notes_rel = f"{NOTES_DIR}/{slug}.md"
    phrase = " ".join(phrase.split())
    if (root / text_rel).is_dir():
        return None, None, [error(text_rel, None, "is a folder, not a text; rename or remove it")]
    if not (root / text_rel).is_file():
        texts = sorted(p.stem for p in (root / TEXTS_DIR).glob("*.md"))
        return None, None, [error(text_rel, None, f"no text `{slug}`; use one of: {', '.join(texts) or '(none)'}")]
    if not text_key(phrase) or phrase.startswith("#"):
        return None, None, [error(text_rel, None, "give the exact phrase to annotate, in quotes, "
                                                  "e.g. new-note SLUG \"relatively low\"")]
    # The notes file is written whole: never through a link, never from a file read with its bytes replaced.
    refused = outside_link(root, text_rel) or not_plain_file(root, notes_rel, NOTES_DIR)
    if refused:
        return None, None, [refused]
    problems = []
    source = read_text(root / text_rel, text_rel, problems)
    if source is None or problems:
        return None, None, problems
    meta, body, _ = frontmatter.read(source, text_rel, TEXT_KEYS, [])
    verse = meta.get("form") == "verse"
    language = meta.get("language") or load_config(root)[0].language
    found = occurrences(body, phrase, verse, language)
    if not found:
        other = find_quote(body, phrase, make_markdown(), verse, language, capitals=False)
        capitals = (f" (it occurs with different capitals: “{' '.join(other[0][3][other[0][0]:other[0][1]].split())}”)"
                    if other else "")
        return None, None, [error(text_rel, None, f"“{phrase}” does not occur in the text{capitals}; copy the "
                                                  "phrase exactly as the text has it (quotes and dashes included)")]
    if occurrence is not None and not 1 <= occurrence <= len(found):
        return None, None, [error(text_rel, None, f"“{phrase}” occurs {len(found)} time(s), so there is no "
                                                  f"occurrence {occurrence}; choose 1–{len(found)}")]
    if len(found) > 1 and occurrence is None:
        listing = "; ".join(f"{n}: {cite(o.place)} {o.context}" for n, o in enumerate(found, 1))
        return None, None, [error(text_rel, None, f"“{phrase}” occurs {len(found)} times ({listing}); "
                                                  "add --occurrence N for the one you mean, or quote more "
                                                  "words so the phrase occurs once")]
    notes_path = root / notes_rel
    existing = read_text(notes_path, notes_rel, problems) if notes_path.is_file() else ""
    if existing is None or problems:
        return None, None, problems
    notes = parse_notes(NotesFile(notes_rel, existing), slug, [])
    for note in notes:
        if note.quote == phrase and note.occurrence == occurrence:
            return None, None, [error(notes_rel, note.line, f"already has a note on “{phrase}”; "
                                                            "edit it there")]
    chosen = found[(occurrence or 1) - 1]
    for start, end, note in anchor_spans(body, notes, make_markdown(), verse, language):
        if start < chosen.end and chosen.start < end:
            return None, None, [error(notes_rel, note.line, f"“{phrase}” overlaps the note on “{note.quote}” "
                                                            "here, and two notes may not share words; quote "
                                                            "fewer words, or add to that note")]
    separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    line = existing.count("\n") + separator.count("\n") + 1
    # The whole file, written anew at once: the editor's notes stay as they were, the skeleton follows.
    try:
        write_atomic(notes_path, (existing + separator + skeleton(phrase, occurrence if len(found) > 1 else None))
                     .encode("utf-8"))
    except OSError as exc:
        return None, None, [error(notes_rel, None, f"{cannot_write(exc)}; it was left as it was")]
    return notes_path, line, []



# --- a new edition ------------------------------------------------------------------------

SITE_YAML = """\
# Site settings. Every key is optional except title; see README "site.yaml".
title: {title}
description: ""
language: en
base_url: ""          # e.g. https://USER.github.io/REPO/ — used only for canonical links and the sitemap
theme: default        # a folder under theme/
output: _site         # where the site is written
glossary_links: first # first | all | none
"""
EDITION_PARTS = (CONFIG_FILE, CONTENT_DIR, SEEDS_DIR)
EMPTY_FOLDERS = (TEXTS_DIR, NOTES_DIR, PAGES_DIR, MEDIA_DIR, SEEDS_DIR)


def new_edition(root: Path, title: str, force: bool = False):
    """Replace the edition in root (its site.yaml, content/ and seeds/) with an empty one titled
    `title`. Refuses while those hold changes git has not recorded, unless force. Returns
    (lines to print, problems)."""
    title = " ".join(title.split())
    if not title:
        return [], [error(CONFIG_FILE, None, "give the new edition's title, e.g. new-edition \"My edition\"")]
    state = _git_state(root)
    if state is None and not force and any((root / part).exists() for part in EDITION_PARTS):
        return [], [error(CONFIG_FILE, None, "this folder is not a git repository, so nothing can bring back "
                                             f"its {', '.join(EDITION_PARTS)} once replaced; copy them somewhere, "
                                             "then run again with --force")]
    if state is not None and state[1] and not force:
        listing = ", ".join(state[1][:5]) + (", …" if len(state[1]) > 5 else "")
        return [], [error(CONFIG_FILE, None, f"{len(state[1])} file(s) of the edition have changes git has not "
                                             f"recorded ({listing}); commit them (git add -A && git commit), or "
                                             "run again with --force to throw them away")]
    for part in (CONTENT_DIR, SEEDS_DIR, CACHE_DIR):
        if (root / part).is_symlink() or (root / part).is_file():
            (root / part).unlink()
        elif (root / part).is_dir():
            shutil.rmtree(root / part)
    for folder in EMPTY_FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / ".gitkeep").write_bytes(b"")      # git keeps no empty folder
    write_atomic(root / CONFIG_FILE, SITE_YAML.format(title=json.dumps(title, ensure_ascii=False)).encode())
    lines = [f"started a new edition, “{title}”: {CONFIG_FILE} written; {CONTENT_DIR}/ and {SEEDS_DIR}/ are empty.",
             f"Next: put a text in {SEEDS_DIR}/ (a .txt as scraped) and run `python3 build.py`, or write "
             f"{TEXTS_DIR}/NAME.md yourself; see README “Start your own edition”."]
    if state is not None and state[0]:
        lines.append(f"The sample edition is still in git: `git checkout {state[0]} -- {' '.join(EDITION_PARTS)}` "
                     "brings it back.")
    return lines, []


def _git_state(root: Path):
    """(the current commit, [changed files of the edition]) if root is in a git work tree, else None."""
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, timeout=20)
        if top.returncode != 0:
            return None
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=20).stdout.strip()
        changes = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all", "--",
                                  *EDITION_PARTS], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return head, [line[3:] for line in changes.splitlines() if line.strip()]
