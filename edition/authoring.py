"""Authoring help: start a note on a phrase, and keep unfinished notes out of the site.

`new-note` appends a skeleton whose lines say TODO:. A note still holding TODO: is an error
for `check` and the build, so a skeleton is never published by accident.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .annotate import SEPARATOR, paragraph_numbers, quote_pattern, top_level_blocks, visible_text
from .load import NOTES_DIR, TEXT_KEYS, TEXTS_DIR, parse_notes, read_text, split_front_matter
from .markdown import make_markdown
from .problems import error

PLACEHOLDER = "TODO:"
_PLACEHOLDER = re.compile(r"\bTODO:")


def placeholder_problems(notes: dict):
    problems = []
    for slug in sorted(notes):
        for note in notes[slug]:
            match = PLACEHOLDER in note.body and _PLACEHOLDER.search(note.body)
            if match:
                line = note.body_line + note.body[: match.start()].count("\n")
                problems.append(error(note.path, line, f"note on “{note.quote}” is still a placeholder "
                                                       f"(`{PLACEHOLDER}`); write the note and its source, "
                                                       f"then remove every `{PLACEHOLDER}`"))
    return problems


def skeleton(phrase: str, occurrence: int | None = None) -> str:
    fields = f"occurrence: {occurrence}\n" if occurrence else ""
    return (f"## {phrase}\n{fields}\n"
            f"{PLACEHOLDER} write what a reader needs to know about this phrase.\n\n"
            f"Source: [{PLACEHOLDER} title of the source](https://example.org/{PLACEHOLDER.rstrip(':')})\n")


@dataclass
class Occurrence:
    paragraph: int | None
    context: str        # the words around it, as a reader sees them


def occurrences(body: str, phrase: str):
    """Where the phrase occurs in a text body, as the annotate stage will look for it."""
    md = make_markdown()
    tokens = md.parse(body, {})
    spans = top_level_blocks(tokens)
    numbers = paragraph_numbers(tokens, spans)
    visible, _, _, _ = visible_text(tokens, spans)
    found = []
    for match in quote_pattern(phrase).finditer(visible):
        context = _context(visible, match.start(), match.end())
        found.append(Occurrence(_paragraph_of(visible, match.start(), tokens, spans, numbers), context))
    return found


def _context(visible: str, start: int, end: int, words: int = 4) -> str:
    """Up to `words` words either side of visible[start:end], marked `[…]`, within its paragraph."""
    left = visible[:start].split(SEPARATOR)[-1]
    right = visible[end:].split(SEPARATOR)[0]
    shown_left = re.search(r"(?:\S+\s*){0,%d}$" % words, left).group()
    shown_right = re.match(r"(?:\s*\S+){0,%d}" % words, right).group()
    cut_left = "…" if left[: len(left) - len(shown_left)].strip() else ""
    cut_right = "…" if right[len(shown_right):].strip() else ""
    return " ".join(f"{cut_left}{shown_left}[{visible[start:end]}]{shown_right}{cut_right}".split())


def _paragraph_of(visible, position, tokens, spans, numbers):
    """The ¶ number of the block that holds a position of the visible text."""
    index = visible.count(SEPARATOR, 0, position)
    count = 0
    for (start, end), number in zip(spans, numbers):
        count += sum(1 for t in tokens[start:end] if t.type == "inline")   # one separator per inline
        if index < count:
            return number
    return None


def new_note(root: Path, slug: str, phrase: str, occurrence: int | None = None):
    """Append a note skeleton for `phrase` to content/notes/<slug>.md. Returns (path, line, problems)."""
    text_rel = f"{TEXTS_DIR}/{slug}.md"
    notes_rel = f"{NOTES_DIR}/{slug}.md"
    phrase = " ".join(phrase.split())
    if not (root / text_rel).is_file():
        texts = sorted(p.stem for p in (root / TEXTS_DIR).glob("*.md"))
        return None, None, [error(text_rel, None, f"no text `{slug}`; use one of: {', '.join(texts) or '(none)'}")]
    if not phrase or phrase.startswith("#"):
        return None, None, [error(text_rel, None, "give the exact phrase to annotate, in quotes, "
                                                  "e.g. new-note SLUG \"relatively low\"")]
    problems = []
    source = read_text(root / text_rel, text_rel, problems)
    if source is None:
        return None, None, problems
    _, body, _ = split_front_matter(source, text_rel, TEXT_KEYS, [])
    found = occurrences(body, phrase)
    if not found:
        capitals = " (it occurs with different capitals)" if occurrences(body.lower(), phrase.lower()) else ""
        return None, None, [error(text_rel, None, f"“{phrase}” does not occur in the text{capitals}; copy the "
                                                  "phrase exactly as the text has it (quotes and dashes included)")]
    if occurrence is not None and not 1 <= occurrence <= len(found):
        return None, None, [error(text_rel, None, f"“{phrase}” occurs {len(found)} time(s), so there is no "
                                                  f"occurrence {occurrence}; choose 1–{len(found)}")]
    if len(found) > 1 and occurrence is None:
        listing = "; ".join(f"{n}: ¶ {o.paragraph} {o.context}" for n, o in enumerate(found, 1))
        return None, None, [error(text_rel, None, f"“{phrase}” occurs {len(found)} times ({listing}); "
                                                  "add --occurrence N for the one you mean, or quote more "
                                                  "words so the phrase occurs once")]
    notes_path = root / notes_rel
    existing = read_text(notes_path, notes_rel, problems) if notes_path.is_file() else ""
    if existing is None:
        return None, None, problems
    for note in parse_notes(existing, notes_rel, slug, []):
        if note.quote == phrase and note.occurrence == occurrence:
            return None, None, [error(notes_rel, note.line, f"already has a note on “{phrase}”; "
                                                            "edit it there")]
    separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    line = existing.count("\n") + separator.count("\n") + 1
    notes_path.parent.mkdir(parents=True, exist_ok=True)
    with open(notes_path, "a", encoding="utf-8", newline="\n") as handle:    # append only, never rewrite
        handle.write(separator + skeleton(phrase, occurrence if len(found) > 1 else None))
    return notes_path, line, []

