"""The things an edition is made of, named for what they are."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Text:
    """A base text: the source, word for word, as Markdown with front matter."""
    slug: str
    path: str           # project-relative, e.g. content/texts/<slug>.md
    meta: dict
    body: str
    body_line: int      # file line of the body's first line


@dataclass
class Page:
    """A page that is not a base text (e.g. Sources and method)."""
    slug: str
    path: str
    meta: dict
    body: str
    body_line: int


@dataclass
class Note:
    """A context note, anchored by quoting the text (stand-off annotation)."""
    text_slug: str
    id: str
    quote: str
    body: str           # Markdown
    path: str
    line: int           # line of the heading that quotes the anchor
    body_line: int
    occurrence: int | None = None
    before: str = ""
    after: str = ""
    date: str = ""      # when what the note tells happened (YYYY, YYYY-MM or YYYY-MM-DD), for the timeline


@dataclass
class GlossaryTerm:
    id: str
    term: str
    aliases: list
    body: str           # Markdown definition
    path: str
    line: int
    body_line: int


@dataclass
class Project:
    texts: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    notes: dict = field(default_factory=dict)      # text slug -> [Note]
    glossary: list = field(default_factory=list)   # [GlossaryTerm]
    note_sources: dict = field(default_factory=dict)  # text slug -> (path, Markdown) not yet parsed
    digests: dict = field(default_factory=dict)       # content file path -> SHA-256 of its bytes

