"""The things an edition is made of, named for what they are."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

# The kinds of value a front-matter field holds (and how a problem names them).
STR, DATE, INT, LANGUAGE = "text", "date (YYYY, YYYY-MM or YYYY-MM-DD)", "whole number", "language tag"


def _meta(kind: str, default=None, header: str = "", choices: tuple = ()):
    """A front-matter field; `header`: shown with the text, glossary-linked, and named so in
    the glossary's back-references; `choices`: the values it may take, if only some."""
    return field(default="" if default is None and kind in (STR, LANGUAGE) else default,
                 metadata={"kind": kind, "header": header, "choices": choices})


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day (EDTF level 0: `1916`, `1863-11`,
    `1863-11-19`). str() is its ISO form, which also sorts it among the others."""
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value) -> PartialDate | None:
        """The date a front-matter value means (a YAML date, a year as a number, or text), or None."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return None
        match = _PARTIAL_DATE.fullmatch(str(value).strip())
        if not match:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return cls(year, month, day)

    def __str__(self) -> str:
        return "-".join([f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part])

    def as_date(self) -> dt.date:
        """The first day it may mean (1863-11 -> 1 November 1863), for what needs a whole date."""
        return dt.date(self.year, self.month or 1, self.day or 1)


@dataclass
class TextMeta:
    """A text's front matter: the one list of the fields a text may have, in reading order."""
    title: str = _meta(STR)
    subtitle: str = _meta(STR, header="subtitle")
    byline: str = _meta(STR, header="byline")
    publisher: str = _meta(STR, header="publisher")
    date: PartialDate | None = _meta(DATE)
    event_date: PartialDate | None = _meta(DATE)
    photo_caption: str = _meta(STR, header="photo caption")
    photo_credit: str = _meta(STR, header="photo credit")
    copyright: str = _meta(STR)
    copyright_year: int | None = _meta(INT)
    first_published: object = _meta(DATE)       # for a historical or literary text: its first appearance
    copy_text: str = _meta(STR)                 # the copy the text is taken from (an edition, a manuscript)
    editor: str = _meta(STR)
    changes: str = _meta(STR)                   # what the editor changed in the text, if anything
    source_url: str = _meta(STR)
    source_file: str = _meta(STR)
    source_sha256: str = _meta(STR)
    order: int | None = _meta(INT)
    description: str = _meta(STR)
    language: str = _meta(LANGUAGE)     # the text's own language, if not the edition's
    form: str = _meta(STR, choices=("prose", "verse"))
    line_numbers: int | None = _meta(INT)   # verse: a number beside every Nth line (0: none)
    split: str = _meta(STR, choices=("chapters", "none"))


@dataclass
class PageMeta:
    """A page's front matter."""
    title: str = _meta(STR)
    description: str = _meta(STR)
    order: int | None = _meta(INT)
    language: str = _meta(LANGUAGE)


def schema(meta_type) -> dict:
    """{field name: kind} of a front-matter type, in its order."""
    return {f.name: f.metadata["kind"] for f in dataclasses.fields(meta_type)}


def choices(meta_type) -> dict:
    """{field name: the values it may take} for the fields that take only some."""
    return {f.name: f.metadata["choices"] for f in dataclasses.fields(meta_type) if f.metadata["choices"]}


# The text's header lines (dek, byline, caption…) with the name a back-reference gives each.
HEADER_FIELDS = {f.name: f.metadata["header"] for f in dataclasses.fields(TextMeta) if f.metadata["header"]}


@dataclass
class Text:
    """A base text: the source, word for word, as Markdown with front matter."""
    slug: str
    path: str           # project-relative, e.g. content/texts/<slug>.md
    meta: TextMeta
    body: str
    body_line: int      # file line of the body's first line


@dataclass
class Page:
    """A page that is not a base text (e.g. Sources and method)."""
    slug: str
    path: str
    meta: PageMeta
    body: str
    body_line: int


_DATE_LINE = re.compile(r"^date:[ \t]*\S", re.M)


@dataclass
class NotesFile:
    """A text's notes file as read: parsed beside its text, where the notes are anchored."""
    path: str
    source: str         # "" once the build's loader has checked it: the text's job reads it again
    dated: bool = False     # whether a note in it has a `date:` line (kept when the source is let go)

    def __post_init__(self):
        self.dated = self.dated or bool(_DATE_LINE.search(self.source))


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
    date: PartialDate | None = None     # when what the note tells happened, for the timeline


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
    texts: list = field(default_factory=list)       # [Text]
    pages: list = field(default_factory=list)       # [Page]
    notes: dict = field(default_factory=dict)       # text slug -> NotesFile
    glossary: list = field(default_factory=list)    # [GlossaryTerm]


class PageIds:
    """The ids of a rendered page, for the link check: one string, not a set (a set of a
    page's few hundred ids costs six times the memory, and a thousand pages are kept)."""

    __slots__ = ("_joined",)

    def __init__(self, ids):
        self._joined = "\n" + "\n".join(sorted(ids)) + "\n"

    def __contains__(self, name: str) -> bool:
        return "\n" not in name and f"\n{name}\n" in self._joined

    def __iter__(self):
        return iter(self._joined.strip("\n").split("\n")) if self._joined != "\n\n" else iter(())

    def __eq__(self, other):
        return isinstance(other, PageIds) and other._joined == self._joined

    def __getstate__(self):
        return self._joined

    def __setstate__(self, state):
        self._joined = state


@dataclass
class RenderedText:
    """One text's page, and what the index, the glossary and the link check need of it."""
    path: str           # site path, <slug>.html
    html: bytes         # b"" once the page has gone to the output
    summary: dict       # the text's front matter and counts, as the index shows them
    occurrences: dict   # term id -> [¶ numbers, or line numbers of verse]
    header: dict        # header field (subtitle, byline…) -> [term ids found there]
    links: list         # [(href, source path, line, site path of the page it is on)]
    ids: PageIds
    problems: list
    template_failed: bool = False
    index_digest: str = ""      # hash of what the index takes from the text
    glossary_digest: str = ""   # hash of what the glossary page takes from it
    # Files of the text's own besides its page (site path -> bytes: its notes as Web Annotations, its
    # search places, its citation downloads): written with the page, b"" once they have gone to the output.
    extra_files: dict = field(default_factory=dict)
    epub: bytes = b""           # the text's EPUB chapter, compressed (only when the build makes a book)
    # A text split into chapters: its other pages (site path -> bytes; b"" once written) and their ids
    more_pages: dict = field(default_factory=dict)
    more_ids: dict = field(default_factory=dict)
    number_pages: tuple = ()    # ((first number, page path), …) when split: which page holds a number
    number_sections: tuple = ()     # ((first number, heading title), …): the section a number stands in
    dated: tuple = ()           # its dated notes for the timeline: ((ISO date, id, lemma, summary, url), …)

    @property
    def paths(self) -> list:
        """Every page of the text: its own, then its chapters'."""
        return [self.path, *self.more_pages]
    search_terms: bytes = b""   # the text's two search documents as term counts (search.text_terms)
    search_digest: str = ""     # their SHA-256, for the search index's key (the counts wait in a spool)
    characters: str = ""        # every character the page shows, once (fonts.characters): the font's subset
    timeline_digest: str = ""   # hash of what the timeline takes from it (its dated notes, title and date)


@dataclass
class Build:
    problems: list
    paths: list                     # every site path written
    rendered: list = field(default_factory=list)    # pages made afresh (the others were reused)
