"""A long text as one page per chapter (`split: chapters` in its front matter).

The chapters are the sections its highest headings open (`## Chapter I` … when the highest is
`##`); whatever stands before the first of them goes with it on the first page. The first page
is `<slug>.html`, with the text's header, its contents (every chapter) and "About this text";
chapter N is `<slug>.N.html` (a dot, which no text's name may hold, so it never meets another
text's page). Paragraph, line and note numbers run on through the whole text, so "¶ 40" names
one place of the book and a citation outlives a change of where it is split. A link names the
page it goes to (`<slug>.3.html#p40`); the link check says which page holds an id when a link
names another.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Chapter:
    number: int         # 1, 2, …
    path: str           # site path: <slug>.html, <slug>.2.html, …
    title: str          # its heading's words ("" for a first page without a heading)
    blocks: list        # the text's blocks on this page
    notes: list         # the notes anchored in them
    total: int = 1
    contents: list = field(default_factory=list)    # [{title, url, level}] (the first page only)
    neighbours: list = field(default_factory=list)  # [{rel, title, title_html, url, lang_attrs}]


def chapter_path(slug: str, number: int) -> str:
    return f"{slug}.html" if number == 1 else f"{slug}.{number}.html"


def split_chapters(annotated, slug: str, neighbours: list) -> list:
    """[Chapter] of a text split into chapters; [] when it is one page (no `split: chapters`,
    or fewer than two chapter headings)."""
    if annotated.text.meta.split != "chapters" or not annotated.sections:
        return []
    top = min(s.level for s in annotated.sections)
    starts = [s for s in annotated.sections if s.level == top]
    if len(starts) < 2:
        return []
    bounds = [0] + [s.block_index for s in starts[1:]] + [len(annotated.blocks)]
    chapters = []
    for number, (begin, end) in enumerate(zip(bounds, bounds[1:]), 1):
        blocks = annotated.blocks[begin:end]
        notes = [note for block in blocks for note in block.notes]
        chapters.append(Chapter(number, chapter_path(slug, number), starts[number - 1].title, blocks, notes,
                                len(starts)))
    where = {}      # section id -> the page that holds it
    for chapter in chapters:
        where.update((b.heading.id, chapter.path) for b in chapter.blocks if b.heading is not None)
    chapters[0].contents = [dict(title=s.title, url=f"{where[s.id]}#{s.id}", level=s.level)
                            for s in annotated.sections if s.level == top or len(annotated.sections) <= 40]
    before = [n for n in neighbours if n.get("rel") == "previous"]
    after = [n for n in neighbours if n.get("rel") == "next"]
    for index, chapter in enumerate(chapters):
        previous = [_item(chapters[index - 1], "previous")] if index else before
        following = [_item(chapters[index + 1], "next")] if index + 1 < len(chapters) else after
        chapter.neighbours = previous + following
    return chapters


def _item(chapter: Chapter, rel: str) -> dict:
    from markupsafe import escape
    return dict(rel=rel, title=chapter.title, title_html=escape(chapter.title), url=chapter.path, kind="chapter",
                lang_attrs="")


def number_pages(chapters) -> tuple:
    """((first ¶ or line number, page path), …): which page holds a number, for the glossary."""
    found = []
    for chapter in chapters:
        numbers = [b.lines[0] if b.lines else b.number for b in chapter.blocks if b.lines or b.number]
        if numbers:
            found.append((numbers[0], chapter.path))
    return tuple(found)


def number_sections(annotated) -> tuple:
    """((first ¶ or line number, section title), …): the heading each number stands under."""
    found, title = [], None
    for block in annotated.blocks:
        if block.heading is not None:
            title = block.heading.title
            continue
        first = block.lines[0] if block.lines else block.number
        if first and title is not None:
            found.append((first, title))
            title = None
    return tuple(found)


def page_of_line(chapters, line: int) -> str:
    """The chapter page that holds a body line (body-relative, as the token maps count)."""
    path = chapters[0].path
    for chapter in chapters:
        lines = [b.line for b in chapter.blocks if b.line is not None]
        if lines and lines[0] <= line:
            path = chapter.path
    return path
