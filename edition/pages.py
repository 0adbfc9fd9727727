"""What each page shows: the data every template receives, apart from how the build runs.

The site's navigation and order, a text's summary for the index, the contexts of the index,
glossary, reference pages and 404, the glossary's definitions and back-references, and the
terms no text uses. Plain data in, plain data out (dicts and named tuples, as the theme reads
them: see theme/README.md).
"""
from __future__ import annotations

import re
import unicodedata
from collections import namedtuple
from dataclasses import asdict, dataclass

from markupsafe import Markup

from . import __version__
from .annotate import plain_opening
from .glossary import TermMatcher
from .ids import make_id
from .markdown import links_in
from .model import HEADER_FIELDS
from .problems import warning


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


def navigation(texts, pages, has_glossary: bool) -> list:
    """Every item of the edition in order: {title, url, kind} with kind text, glossary or page."""
    return ([dict(title=t.meta.title, url=f"{t.slug}.html", kind="text") for t in texts]
            + ([dict(title="Glossary", url="glossary.html", kind="glossary")] if has_glossary else [])
            + [dict(title=p.meta.title, url=f"{p.slug}.html", kind="page") for p in pages])


def site_data(config) -> dict:
    return dict(title=config.title, description=config.description, language=config.language,
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
    return dict(context, site=shared.site, nav=shared.nav, nav_pages=shared.nav_pages)


# --- a text ---------------------------------------------------------------------------------

def text_summary(annotated, edited: bool | None = None) -> dict:
    """The text's front matter, with its header lines glossary-linked, and its counts; `edited`:
    whether the editor changed the text from its seed (None: there is no seed to tell)."""
    text = annotated.text
    summary = asdict(text.meta)
    summary["edited"] = edited
    # The dek, byline, caption… with glossary terms linked (escaped, so safe to mark up).
    for name in HEADER_FIELDS:
        summary[f"{name}_html"] = Markup(annotated.header.get(name, ("",))[0])
    summary.update(slug=text.slug, url=f"{text.slug}.html", note_count=len(annotated.notes),
                   paragraph_count=sum(1 for b in annotated.blocks if b.number))
    return summary


def text_context(annotated, summary: dict, neighbours: list, shared: SiteContext) -> dict:
    meta = annotated.text.meta
    linked = dict.fromkeys([t for _, ids in annotated.header.values() for t in ids] + annotated.linked_terms)
    return with_nav({
        "page": page_data(shared.site, summary["url"], meta.title, meta.description or meta.subtitle),
        # the texts before and after this one: a list of every text on every page grows as N²
        "neighbours": neighbours,
        "text": summary, "blocks": annotated.blocks, "notes": annotated.notes,
        "terms": [shared.terms[t] for t in linked if t in shared.terms]}, shared)


# --- the other pages ------------------------------------------------------------------------

def index_context(rendered, shared: SiteContext) -> dict:
    config = shared.config
    return with_nav({"page": page_data(shared.site, "index.html", config.title, config.description),
                     "texts": [r.summary for r in rendered], "pages": shared.nav_pages}, shared)


def glossary_context(rendered, shared: SiteContext) -> dict:
    return with_nav({"page": page_data(shared.site, "glossary.html", "Glossary", f"The terms of {shared.config.title}"),
                     "terms": glossary_entries(list(shared.terms.values()), rendered)}, shared)


def page_context(page, body_html: str, shared: SiteContext) -> dict:
    return with_nav({"page": page_data(shared.site, f"{page.slug}.html", page.meta.title, page.meta.description),
                     "body": body_html}, shared)


def not_found_context(shared: SiteContext) -> dict:
    return with_nav({"page": page_data(shared.site, "404.html", "Page not found", "")}, shared)


# --- the glossary ---------------------------------------------------------------------------

def glossary_definitions(glossary, md) -> list:
    """Each term rendered once: {id, term, aliases, html, summary} (+ where its body is, for links)."""
    entries = []
    for term in sorted(glossary, key=lambda t: sort_key_title(t.term)):
        env: dict = {}
        tokens = md.parse(term.body, env)
        entries.append(dict(id=term.id, term=term.term, aliases=term.aliases,
                            html=md.renderer.render(tokens, md.options, env), summary=plain_opening(tokens),
                            path=term.path, body_line=term.body_line, links=list(links_in(tokens))))
    return entries


# Back-references are a hundred thousand items at scale: named tuples, a quarter of a dict's size.
Ref = namedtuple("Ref", "title url paragraphs")
Place = namedtuple("Place", "label number url")


def glossary_entries(terms, rendered) -> list:
    refs = {}   # term id -> [ref], in one pass over the texts (terms × texts is 3 million at scale)
    for r in rendered:
        places = {}
        for name, ids in r.header.items():
            for term_id in dict.fromkeys(ids):
                places.setdefault(term_id, []).append(Place(HEADER_FIELDS[name], None, f"{r.path}#{name}"))
        for term_id, numbers in r.occurrences.items():
            places.setdefault(term_id, []).extend(Place(f"¶ {n}", n, f"{r.path}#p{n}") for n in numbers)
        for term_id, found in places.items():
            refs.setdefault(term_id, []).append(Ref(r.summary["title"], r.path, found))
    return [dict(term, refs=refs.get(term["id"], [])) for term in terms]


def unused_terms(glossary, rendered) -> list:
    used = {term_id for r in rendered for term_id in r.occurrences}
    used |= {term_id for r in rendered for ids in r.header.values() for term_id in ids}
    return [warning(term.path, term.line, f"glossary term “{term.term}” occurs in no text; "
                                          "check its spelling and aliases, or remove it")
            for term in glossary if term.id not in used]
