"""What each page shows: the data every template receives, apart from how the build runs.

The site's navigation and order, a text's summary for the index, the contexts of the index,
glossary, reference pages and 404, the glossary's definitions and back-references, and the
terms no text uses. Plain data in, plain data out (dicts and named tuples, as the theme reads
them: see theme/README.md).
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections import namedtuple
from dataclasses import asdict, dataclass, field

from markupsafe import Markup, escape

from . import __version__
from .notebodies import plain_opening
from .glossary import TermMatcher
from .ids import make_id
from .language import CITE, direction
from .markdown import inline_children, inline_plain, links_in
from .model import DATE, HEADER_FIELDS, schema
from .problems import warning
from .timeline import events


@dataclass
class SiteContext:
    """What every page's job reads: made once, before the jobs (forked workers inherit it)."""
    config: object
    md: object
    matcher: TermMatcher
    theme: object
    site: dict
    nav: list
    nav_pages: list     # the items of nav that are not texts
    terms: dict         # term id -> glossary entry without back-references
    image_sizes: dict   # media/… -> (width, height)
    strings: dict = field(default_factory=dict)     # the interface in the edition's language
    search_terms: object = None     # search.Terms: how words become index terms


def sort_key_title(title: str) -> str:
    """Alphabetical order as in an index: accents and quotes ignored, "The Sun" under S."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    folded = folded.casefold().lstrip("\"' ")
    return re.sub(r"^(the|an|a)\s+", "", folded)


def reading_order(texts, pages):
    """Texts by `order`, then date, then title; pages by `order`, then title."""
    texts = sorted(texts, key=lambda t: (t.meta.order or 10**6, str(t.meta.date or "9999"),
                                         sort_key_title(t.meta.title)))
    pages = sorted(pages, key=lambda p: (p.meta.order or 10**6, sort_key_title(p.meta.title)))
    return texts, pages


def navigation(texts, pages, has_glossary: bool, md=None, language: str = "en", glossary: str = "Glossary",
               timeline: str = "") -> list:
    """Every item of the edition in order: {title, title_html, url, kind, lang_attrs} with kind
    text, glossary, timeline or page; a text's title may hold inline Markdown (title_html), `title`
    is plain. `timeline`: the timeline's name, when the edition has one."""
    items = []
    for t in texts:
        html, plain = title_forms(t.meta.title, md)
        items.append(dict(title=plain, title_html=html, url=f"{t.slug}.html", kind="text",
                          lang_attrs=lang_attrs(t.meta.language, language)))
    if has_glossary:
        items.append(dict(title=glossary, title_html=escape(glossary), url="glossary.html", kind="glossary",
                          lang_attrs=Markup("")))
    if timeline:
        items.append(dict(title=timeline, title_html=escape(timeline), url="timeline.html", kind="timeline",
                          lang_attrs=Markup("")))
    items += [dict(title=p.meta.title, title_html=escape(p.meta.title), url=f"{p.slug}.html", kind="page",
                   lang_attrs=lang_attrs(p.meta.language, language)) for p in pages]
    return items


def title_forms(title: str, md):
    """(HTML, plain text) of a title written with inline Markdown: *Mountain Interval* in italics on
    the page, plain in <title> and metadata."""
    if md is None or not re.search(r"[*_`\\\[&<]", title):
        return escape(title), title        # nothing Markdown would change: the common case
    children = inline_children(md, title)
    return Markup(md.renderer.renderInline(children, md.options, {})), inline_plain(children)


def lang_attrs(tag: str, page_language: str) -> Markup:
    """` lang="fr"` (and ` dir="rtl"` when the direction differs) for something in another language
    than the page's; empty otherwise."""
    if not tag or tag == page_language:
        return Markup("")
    attrs = f' lang="{escape(tag)}"'
    if direction(tag) != direction(page_language):
        attrs += f' dir="{direction(tag)}"'
    return Markup(attrs)


def site_data(config) -> dict:
    return dict(title=config.title, description=config.description, editor=config.editor, language=config.language,
                dir=direction(config.language),
                base_url=config.base_url.rstrip("/") + "/" if config.base_url else "",
                generator=f"edition {__version__}", epub=epub_path(config) if config.epub else "")


def epub_path(config) -> str:
    """The EPUB's file name, made from the edition's title: `el-salvador-s-offer.epub`."""
    name = make_id(config.title, words=8)
    return f"{'edition' if name == 'note' else name}.epub"   # make_id's fallback names a note


def page_data(site: dict, url: str, title: str, description: str) -> dict:
    return dict(url=url, title=title, description=description,
                canonical=site["base_url"] + url if site["base_url"] else "")


def with_nav(context: dict, shared: SiteContext) -> dict:
    return dict(context, site=shared.site, nav=shared.nav, nav_pages=shared.nav_pages, strings=shared.strings)


# --- a text ---------------------------------------------------------------------------------

def text_summary(annotated, edited: bool | None = None, md=None, language: str = "en") -> dict:
    """The text's front matter, with its header lines glossary-linked, and its counts; `edited`:
    whether the editor changed the text from its seed (None: there is no seed to tell)."""
    text = annotated.text
    summary = asdict(text.meta)
    summary["edited"] = edited
    # The dek, byline, caption… with glossary terms linked (escaped, so safe to mark up).
    for name in HEADER_FIELDS:
        summary[f"{name}_html"] = Markup(annotated.header.get(name, ("",))[0])
    title_html, title = title_forms(text.meta.title, md)
    subtitle_inline, subtitle = title_forms(text.meta.subtitle, md)
    summary.update(slug=text.slug, url=f"{text.slug}.html", note_count=len(annotated.notes),
                   paragraph_count=annotated.paragraph_count, line_count=annotated.line_count,
                   verse=annotated.verse, title=title, title_html=title_html, subtitle_plain=subtitle,
                   subtitle_inline=subtitle_inline, notes_url=f"{text.slug}.html#notes-heading", chapter_count=0,
                   lang=text.meta.language or language, lang_attrs=lang_attrs(text.meta.language, language))
    # asdict() copied the dates into dicts: keep each PartialDate, whose str() is its ISO form
    summary.update((name, getattr(text.meta, name)) for name, kind in schema(type(text.meta)).items() if kind == DATE)
    return summary


def text_context(annotated, summary: dict, neighbours: list, shared: SiteContext, chapter=None,
                 citation=None) -> dict:
    """A text's page, or one chapter's page of a text split into chapters (chapters.Chapter)."""
    meta = annotated.text.meta
    blocks, notes = (chapter.blocks, chapter.notes) if chapter else (annotated.blocks, annotated.notes)
    linked = dict.fromkeys([t for _, ids in annotated.header.values() for t in ids] + annotated.linked_terms)
    if chapter:     # a chapter page offers the definitions of the terms linked on it only
        on_page = set(re.findall(r'data-term="([^"]+)"', "".join(b.html for b in blocks)))
        linked = {t: None for t in linked if t in on_page or (chapter.number == 1 and t in _header_terms(annotated))}
    url = chapter.path if chapter else summary["url"]
    title = summary["title"] if not chapter or chapter.number == 1 else f"{chapter.title} · {summary['title']}"
    return with_nav({
        "page": page_data(shared.site, url, title, meta.description or summary["subtitle_plain"]),
        # the texts before and after this one: a list of every text on every page grows as N²
        "neighbours": chapter.neighbours if chapter else neighbours,
        "text": summary, "blocks": blocks, "notes": notes,
        "contents": chapter.contents if chapter else contents(annotated, summary["url"]),
        "chapter": chapter,
        # how to cite the text (cite.citation): the formatted citation, the head's metadata, the downloads
        "citation": citation or {},
        "terms": [shared.terms[t] for t in linked if t in shared.terms]}, shared)


def _header_terms(annotated) -> set:
    return {t for _, ids in annotated.header.values() for t in ids}


def contents(annotated, url: str) -> list:
    """The text's headings as a contents list, when it has enough of them to need one:
    [{title, url, level}] (url on this page: `#s-…`)."""
    found = annotated.sections
    if len(found) < 3:
        return []
    return [dict(title=s.title, url=f"#{s.id}", level=s.level) for s in found]


# --- the other pages ------------------------------------------------------------------------

def index_context(rendered, shared: SiteContext) -> dict:
    """rendered: the texts, with len() (as the build keeps them: each read back as it is reached)."""
    config = shared.config
    return with_nav({"page": page_data(shared.site, "index.html", config.title, config.description),
                     "texts": Summaries(rendered), "pages": shared.nav_pages}, shared)


class Summaries:
    """The summary of each text, as the index lists them: `{% if texts %}`, `texts|length` and
    `{% for text in texts %}` work as on a list, and each summary is read as the page reaches it
    (a list of them all was 24 MB at 10,000 texts)."""

    def __init__(self, rendered):
        self.rendered = rendered

    def __len__(self) -> int:
        return len(self.rendered)

    def __iter__(self):
        return (r.summary for r in self.rendered)

    def __getitem__(self, index):
        return list(self)[index]


def glossary_context(rendered, shared: SiteContext) -> dict:
    strings = shared.strings
    title = strings.get("glossary", "Glossary")
    description = strings.get("glossary_description", "The terms of {title}").replace("{title}", shared.config.title)
    return with_nav({"page": page_data(shared.site, "glossary.html", title, description),
                     "terms": glossary_entries(list(shared.terms.values()), rendered, strings)}, shared)


def timeline_context(rendered, shared: SiteContext, dated_of=None) -> dict:
    """rendered: the texts with their summaries and dated notes; dated_of: timeline.events'."""
    strings = shared.strings
    title = strings.get("timeline", "Timeline")
    return with_nav({"page": page_data(shared.site, "timeline.html", title,
                                       strings.get("timeline_description", "").replace("{title}", shared.config.title)),
                     "events": events(rendered, dated_of)}, shared)


def page_context(page, body_html: str, shared: SiteContext) -> dict:
    return with_nav({"page": page_data(shared.site, f"{page.slug}.html", page.meta.title, page.meta.description),
                     "body": body_html, "lang_attrs": lang_attrs(page.meta.language, shared.config.language)}, shared)


def not_found_context(shared: SiteContext) -> dict:
    return with_nav({"page": page_data(shared.site, "404.html", shared.strings.get("not_found_title", "Page not found"),
                                       "")}, shared)


# --- the glossary ---------------------------------------------------------------------------

def glossary_definitions(glossary, md) -> list:
    """Each term rendered once: {id, term, aliases, html, summary} (+ where its body is, for links)."""
    entries = []
    for term in sorted(glossary, key=lambda t: sort_key_title(t.term)):
        env: dict = {"docId": f"def-{term.id}"}     # its footnotes' ids: one page holds many definitions
        tokens = md.parse(term.body, env)
        entries.append(dict(id=term.id, term=term.term, aliases=term.aliases,
                            html=md.renderer.render(tokens, md.options, env), summary=plain_opening(tokens),
                            path=term.path, body_line=term.body_line, links=list(links_in(tokens))))
    return entries


# Back-references are a hundred thousand items at scale: named tuples, a quarter of a dict's size.
Ref = namedtuple("Ref", "title url paragraphs title_html lang_attrs")
Place = namedtuple("Place", "label number url section")


def glossary_entries(terms, rendered, strings: dict | None = None) -> list:
    """Each term with its back-references (`refs`: BackRefs, read as the page reaches them),
    gathered in one pass over the texts (terms × texts is 3 million at scale)."""
    heads: list = []    # what a back-reference shows of each text that has any
    refs = {term["id"]: BackRefs(heads, strings) for term in terms}
    fields = list(HEADER_FIELDS)
    for r in rendered:
        places: dict = {}   # term id -> ([header field numbers], [¶ or line numbers])
        for name, ids in r.header.items():
            for term_id in dict.fromkeys(ids):
                places.setdefault(term_id, ([], []))[0].append(fields.index(name))
        for term_id, numbers in r.occurrences.items():
            places.setdefault(term_id, ([], []))[1].extend(numbers)
        if not places:
            continue
        heads.append((r.summary["title"], r.path, r.summary.get("title_html", ""), r.summary.get("lang_attrs", ""),
                      bool(r.summary.get("verse")), r.number_pages, r.number_sections))
        for term_id, (header, numbers) in places.items():
            if term_id in refs:
                refs[term_id].add(len(heads) - 1, header, numbers)
    return [dict(term, refs=refs[term["id"]]) for term in terms]


class BackRefs:
    """A term's back-references, as the glossary shows them: a Ref per text that has the term, in
    the texts' order, each with its Places. Kept as numbers (which text; which header fields and
    paragraphs or lines) and made into Refs only as the page iterates them: made whole, the
    glossary's back-references were 150 MB at 10,000 texts, as numbers 7 MB. The plain way,
    a list of Refs made at once, gives the same page (tests/test_pages.py)."""

    __slots__ = ("_heads", "_strings", "_numbers", "_count")

    def __init__(self, heads: list, strings: dict | None = None):
        self._heads, self._strings = heads, strings
        self._numbers = array("i")  # per ref: text, header count, number count, header fields, numbers
        self._count = 0

    def add(self, text: int, header: list, numbers: list) -> None:
        self._numbers.extend([text, len(header), len(numbers), *header, *numbers])
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        fields, numbers, at = list(HEADER_FIELDS), self._numbers, 0
        strings = self._strings or CITE
        while at < len(numbers):
            text, header, count = numbers[at:at + 3]
            at += 3
            title, path, title_html, lang_attrs, verse, number_pages, number_sections = self._heads[text]
            found = [Place(HEADER_FIELDS[fields[field]], None, f"{path}#{fields[field]}", "")
                     for field in numbers[at:at + header]]
            at += header
            key = "cite_line" if verse else "cite_paragraph"
            pattern = strings.get(key, CITE[key])       # "¶ {n}", "l. {n}"
            starts = [first for first, _ in number_pages]
            section_starts = [first for first, _ in number_sections]
            for n in numbers[at:at + count]:
                page = number_pages[bisect.bisect_right(starts, n) - 1][1] if starts else path
                within = bisect.bisect_right(section_starts, n) - 1
                section = number_sections[within][1] if within >= 0 else ""
                found.append(Place(pattern.replace("{n}", str(n)), n, f"{page}#{'l' if verse else 'p'}{n}", section))
            at += count
            yield Ref(title, path, found, title_html, lang_attrs)

    def __getitem__(self, index):
        return list(self)[index]

    def __eq__(self, other):
        return list(self) == list(other) if isinstance(other, (BackRefs, list)) else NotImplemented

    def __repr__(self) -> str:
        return f"BackRefs({list(self)!r})"


def unused_terms(glossary, rendered) -> list:
    used = set()
    for r in rendered:      # once: the build hands the texts over one at a time
        used.update(r.occurrences)
        used.update(term_id for ids in r.header.values() for term_id in ids)
    return [warning(term.path, term.line, f"glossary term “{term.term}” occurs in no text; "
                                          "check its spelling and aliases, or remove it")
            for term in glossary if term.id not in used]
