"""The pages that are not a text's (the contents, the glossary, the reference pages, the 404):
their jobs, made from every text's summaries, and what the build keeps of each once it is written
(its ids, the ids it gives twice, its characters), for the link check and the fonts."""
from __future__ import annotations

from dataclasses import dataclass

from . import fonts
from .linkcheck import duplicate_ids, ids_in
from .markdown import links_in
from .model import PageIds
from .pages import SiteContext, glossary_context, index_context, not_found_context, page_context, timeline_context
from .pagescan import PageScan
from .problems import error
from .publish import NOT_FOUND
from .render import render_page_file
from .reuse import digest


@dataclass
class PageJob:
    """A page that is not a text: its template, a function making its context (called only
    when the page must be made), and its key."""
    path: str
    template: str
    context: object
    key: str


def other_page_jobs(pages, rendered_texts, shared: SiteContext, store, common: str):
    """The jobs for the contents, glossary, reference pages and 404, and their links to check.
    A context is only made for a page whose inputs changed: the glossary's back-references
    alone are a hundred thousand items at scale. serve keeps each key while what it hashes is the same."""
    def key(path: str, parts: tuple):
        return store.reuse(("key", path), (common, *parts), lambda: digest(common, path, *parts))
    jobs = [PageJob("index.html", "index.html", lambda: index_context(rendered_texts.each("summary"), shared),
                    key("index.html", tuple(r.index_digest for r in rendered_texts)))]
    if shared.terms:
        jobs.append(PageJob("glossary.html", "glossary.html",
                            lambda: glossary_context(rendered_texts.each("occurrences", "summary"), shared),
                            key("glossary.html", tuple(r.glossary_digest for r in rendered_texts))))
    if any(item["kind"] == "timeline" for item in shared.nav):
        jobs.append(PageJob("timeline.html", "timeline.html",
                            lambda: timeline_context(rendered_texts.each("summary", "dated"), shared,
                                                     lambda number: rendered_texts.part(number, "dated")),
                            key("timeline.html", tuple(r.timeline_digest for r in rendered_texts))))
    links = [(href, term["path"], term["body_line"] + line, "glossary.html")
             for term in shared.terms.values() for href, line in term["links"]]
    md = shared.md
    for page in pages:
        url = f"{page.slug}.html"
        env: dict = {}
        tokens = md.parse(page.body, env)

        def context(page=page, tokens=tokens, env=env):
            return page_context(page, md.renderer.render(tokens, md.options, env), shared)
        jobs.append(PageJob(url, "page.html", context, digest(common, url, page.path, store.digest(page.path))))
        links += [(href, page.path, page.body_line + line, url) for href, line in links_in(tokens)]
    jobs.append(PageJob(NOT_FOUND, "404.html", lambda: not_found_context(shared), digest(common, NOT_FOUND)))
    return jobs, links


def scans_of(html: bytes) -> tuple:
    """(ids, ids given twice, characters beyond ASCII) of a page that is not a text's."""
    return PageIds(ids_in(html)), duplicate_ids(html), fonts.characters(html)


def streamed_page(job, shared: SiteContext, store, sink):
    """scans_of() a page put in the site a block at a time, as last written or made now; problems."""
    write, problems = store.file(job.path, job.key, lambda: render_page_file(shared.theme, job.template, job.context()))
    scan = PageScan()
    store.record(job.path, job.key, sink.put_file(job.path, scan.writing(write or (lambda handle: None)), through=True))
    ids, twice, characters = scan.finished()
    return (PageIds(ids), twice, characters), problems


def clashing_term_ids(twice: set, glossary) -> list:
    """A term whose id the glossary page already uses for itself (`main`): a link to it would
    land elsewhere. twice: the ids the glossary page gives more than once."""
    return [error(term.path, term.line, f"glossary id `{term.id}` is also the id of a part of the glossary page; "
                                        f"add a line `id: {term.id}-term` under the heading")
            for term in glossary if term.id in twice]
