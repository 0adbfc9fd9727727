"""The files made from every text at once, each reused while what it is made of is the same:
the EPUB (make_book), the search index (search_index), the theme's face subset to the
characters of every page (font_files). build() calls them in phases 3b and 4; the index and the
face begin as soon as what they read is made, and are made meanwhile (the store's made_together).
"""
from __future__ import annotations

import functools
import itertools
import shutil
import tempfile
from pathlib import Path

from . import epub, fonts, search
from .config import Config
from .layout import theme_folders
from .pages import SiteContext, glossary_entries
from .parallel import meanwhile
from .problems import error
from .render import render_template
from .reuse import digest, digest_all
from .spool import Joined


BOOK_FIELDS = ("slug", "title", "byline", "publisher", "source_url", "date")     # epub.contents_context, make_book


def make_book(rendered_texts, pages, shared: SiteContext, media: dict):
    """(write, problems): write(handle) writes the EPUB into a file (at 10,000 texts it is over
    100 MB: never whole in memory); None when it cannot be made. The book: the contents, each
    text's chapter, the glossary, the reference pages, and the edition's images they show."""
    site, problems = shared.site, []

    def render(name: str, context: dict) -> bytes:
        packed, found = render_template(shared.theme, name, context,
                                        lambda template, context: epub.pack_pieces(template.generate(**context)))
        problems.extend(found)
        return packed or epub.pack("")      # "" when the template failed
    # only what the contents and the book's metadata show of each text: whole, 10,000 summaries
    # were held through the book's making
    summaries = [{name: r.summary.get(name) for name in BOOK_FIELDS} for r in rendered_texts.each("summary")]
    documents = [("index.xhtml", "Contents",
                  render("epub/index.xhtml", epub.contents_context(site, summaries, bool(shared.terms), pages)))]
    # each chapter read back from where the build keeps it only as it goes into the zip
    chapter = rendered_texts.reader("epub")
    documents += [(f"{s['slug']}.xhtml", s["title"], functools.partial(chapter, number))
                  for number, s in enumerate(summaries)]
    if shared.terms:
        entries = glossary_entries(list(shared.terms.values()), rendered_texts.each("occurrences", "summary"))
        documents.append(("glossary.xhtml", "Glossary", render("epub/glossary.xhtml", epub.glossary_context(entries, site))))
    for page in pages:
        documents.append((f"{page.slug}.xhtml", page.meta.title,
                          render("epub/page.xhtml", epub.page_context(page, shared.md.render(page.body), site))))
    stylesheet = epub.unpack(render("epub/epub.css", {}))
    if problems:
        return None, problems
    try:
        import ebooklib.epub  # noqa: F401 — loaded only for an edition that makes a book
    except ImportError:     # an older install: one clear line, not a traceback
        return None, [error("site.yaml", None, "`epub: true` needs EbookLib, which is not installed; "
                                               "run `pip install -r requirements.txt`, or set `epub: false`")]
    def write(handle) -> None:
        # the zip put together in a process of its own, into a temporary file, then copied: in
        # the build's own process its writing grew it by 20 MB at 10,000 texts
        with tempfile.TemporaryFile() as made:
            meanwhile(functools.partial(epub.make_book_into, made.fileno(), site, documents, stylesheet, summaries,
                                        media), len(summaries), (made.fileno(), *rendered_texts.files()))()
            made.seek(0)
            shutil.copyfileobj(made, handle, 1 << 20)
    return write, []


def search_index(rendered_texts, spooled, shared: SiteContext, store):
    """A callable giving the index files (search.index_files), begun at once while the other
    pages are made, and reused while every text's words and title, the glossary and the rules
    are the same: the index first, then the shards it names. spooled: each text's term counts
    (RenderedText.search_terms), in the texts' order, read as needed (by the index's own
    process too, which is given the spool's file)."""
    terms = shared.search_terms

    def prepare():
        # (key, the index's job): not even looked at by a store that takes the last build's
        # index as it is (serve, while edits go on: a tenth of a save at 10,000 texts)
        texts = Joined([(r.summary["slug"], r.summary["title"]) for r in rendered_texts.each("summary")], spooled)
        settings = repr(terms.settings())
        # the key hashes each text's counts by their digest (the counts stay in the spool), and
        # serve keeps it while all it hashes is the same
        digests = [r.search_digest for r in rendered_texts]
        terms_digest = store.reuse("search glossary key", shared.terms,
                                   lambda: digest(repr(sorted(shared.terms.items()))))
        key = store.reuse("search key", (settings, terms_digest, *texts.items, *digests),
                          lambda: digest_all(itertools.chain(("search", settings, terms_digest),
                                                             (part for (slug, title), hashed in zip(texts.items, digests)
                                                              for part in (slug, title, hashed)))))
        glossary = store.reuse("search glossary", shared.terms,
                               lambda: search.glossary_entries(shared.terms.values()))
        return key, functools.partial(search.index_files, texts, glossary, terms)
    return store.made_together(prepare, search.INDEX, search.index_parts, len(rendered_texts), spooled.files())


def font_files(root: Path, config: Config, rendered_texts, other_characters: list, store, theme_key: str):
    """A callable giving the theme's face subset to the characters of every page
    (fonts.font_files), begun at once while the build goes on, and reused while the theme and
    the characters are the same: fonts.css first, then the files it names. other_characters:
    fonts.characters() of each page that is not a text's."""
    folder = fonts.face_folder(theme_folders(root, config.theme))
    if folder is None:
        return dict
    every = (*(r.characters for r in rendered_texts), *other_characters)
    used = store.reuse("characters", every, lambda: "".join(sorted(set().union(*every))))
    key = digest("fonts", theme_key, used)
    return store.made_together(lambda: (key, functools.partial(fonts.font_files, folder, used)),
                               fonts.CSS, lambda css: fonts.parts(folder, css), len(rendered_texts))
