"""The build, stage by stage: load & check → each text annotated and rendered → the other
pages → check links.

Returns the whole site as {path: bytes} plus every problem found; writing is the
caller's business (see write.py), so a build with errors never touches the output.

A text is the unit of work: its notes are parsed, anchored and glossary-linked, and its page
rendered, in one job (spread over the cores on a cold build). The job hands back the page and
the little the other pages need of it (a TextPage), so nothing large crosses between processes
twice, and an unchanged text costs one cache lookup.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
from collections import namedtuple
from dataclasses import dataclass, field, replace
from pathlib import Path

from markupsafe import Markup

from . import __version__
from .annotate import HEADER_FIELDS, annotate_text, footnote_problems, plain_opening
from .authoring import placeholder_problems
from .cache import Cache, folder_hash
from .glossary import TermMatcher
from .links import WEB_ADDRESS, check_links, ids_in
from .load import GLOSSARY_FILE, load_project, parse_notes
from .markdown import links_in, make_markdown
from .parallel import parallel_map
from .problems import sort_problems, warning
from .publish import publish_files
from .render import load_theme, render_template, sort_key_title


HEADER_LABELS = {"subtitle": "subtitle", "byline": "byline", "publisher": "publisher",
                 "photo_caption": "photo caption", "photo_credit": "photo credit"}


@dataclass
class Build:
    files: dict         # site path -> bytes, or None for a page already handed to the sink
    problems: list
    rendered: list = field(default_factory=list)    # pages rendered afresh (the others came from the cache)


@dataclass
class TextPage:
    """One text's page, and what the index, the glossary and the link check need of it."""
    path: str           # site path, <slug>.html
    html: bytes
    summary: dict       # the text's front matter and counts, as the index shows them
    occurrences: dict   # term id -> [¶ numbers]
    header: dict        # header field (subtitle, byline…) -> [term ids found there]
    links: list         # [(href, source path, line)]
    problems: list
    ids: str = ""       # the page's ids, one per line, for the link check (a set costs 6× more)
    template_failed: bool = False
    summary_key: str = ""   # hashes of what the index and the glossary page take from the text
    refs_key: str = ""

    @functools.cached_property
    def id_set(self) -> set:
        # made when a link points into the page, and kept with it: serve reuses the page
        return set(self.ids.split("\n"))


@dataclass
class Shared:
    """What every text job reads: built once, before the jobs (forked workers inherit it)."""
    root: Path
    config: object
    md: object
    matcher: TermMatcher
    theme: object
    site: dict
    nav: list
    nav_pages: list     # the items of nav that are not texts
    terms: dict         # term id -> glossary entry without back-references


def build_site(root: Path, config, cache: Cache | None = None, progress=None, sink=None) -> Build:
    """sink (e.g. write.Staging): where each text's page goes as soon as it is made, rather
    than into Build.files; it is the caller's to commit or discard."""
    with _no_cycle_collector():
        return _build(root, config, cache, progress, sink)


@contextlib.contextmanager
def _no_cycle_collector():
    """The build makes and drops millions of tokens and strings that reference counting frees;
    the cycle collector, scanning them again and again, costs a tenth of a cold build and finds
    almost nothing (about a hundred objects at N = 1,000)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(root: Path, config, cache: Cache | None, progress, sink) -> Build:
    cache = cache or Cache(root, root / config.output, enabled=False)
    progress = progress or (lambda done, total: None)

    # 1. load & check the content (notes are read here, parsed with their text below)
    project, problems = load_project(root, parse_notes_now=False,
                                     memo=cache.memory.files if cache.memory is not None else None)
    problems += seed_problems(root, project.texts)
    md = make_markdown()
    site = site_context(config)
    texts = sorted(project.texts, key=lambda t: (t.meta.get("order") or 10**6, str(t.meta.get("date") or "9999"),
                                                 sort_key_title(t.meta.get("title", ""))))
    pages = sorted(project.pages, key=lambda p: (p.meta.get("order") or 10**6, sort_key_title(p.meta.get("title", ""))))
    terms = cache.reuse("glossary", project.digests.get(GLOSSARY_FILE, ""),
                        lambda: glossary_definitions(project.glossary, md))
    nav = ([dict(title=t.meta.get("title", t.slug), url=f"{t.slug}.html", kind="text") for t in texts]
           + ([dict(title="Glossary", url="glossary.html", kind="glossary")] if terms else [])
           + [dict(title=p.meta.get("title", p.slug), url=f"{p.slug}.html", kind="page") for p in pages])
    theme_hash = theme_key(root, config)
    # serve keeps these between builds while their inputs are unchanged: templates compile once
    theme = cache.reuse("theme", theme_hash + config.theme, lambda: load_theme(root, config.theme))
    matcher = cache.reuse("matcher", project.digests.get(GLOSSARY_FILE, ""), lambda: TermMatcher(project.glossary))
    shared = Shared(root, config, md, matcher, theme, site, nav, nav[len(texts):],
                    {t["id"]: t for t in terms})
    steps = len(texts) + len(pages) + 4

    # 2. each text: notes parsed and anchored, terms linked, page rendered (or reused)
    # Keys hash what goes in: the bytes of the text, its notes and the glossary, the theme, the
    # settings, the navigation (and the code, which Cache.key adds).
    digests = project.digests
    common = cache.key(theme_hash, repr(config), digests.get(GLOSSARY_FILE, ""), _hash(repr(nav)))
    jobs = []
    for index, text in enumerate(texts):
        neighbours = [nav[i] for i in (index - 1, index + 1) if 0 <= i < len(texts)]
        notes = project.note_sources.get(text.slug)
        jobs.append((text, notes, neighbours,
                     cache.key(common, text.path, digests.get(text.path, ""),
                               digests.get(notes[0], "") if notes else "-", repr(neighbours))))
    found = [cache.text_page(f"{text.slug}.html", key) for text, _, _, key in jobs]
    fresh = iter(parallel_map(lambda job: text_page(job, shared),
                              [job for job, page in zip(jobs, found) if page is None]))
    results, rendered, files = [], [], {}
    for done, (job, page) in enumerate(zip(jobs, found), 1):
        if page is None:
            page = next(fresh)
            rendered.append(page.path)
        cache.keep_text_page(page.path, job[3], page)
        if sink is not None:
            sink.put(page.path, page.html)
            files[page.path], page = None, replace(page, html=b"")
        else:
            files[page.path] = page.html
        problems += page.problems
        results.append(page)
        progress(done, steps)
    problems += unused_terms(project.glossary, results)
    template_failed = any(page.template_failed for page in results)

    # 3. the other pages: contents, glossary, pages, 404 (each reused while its inputs hash the same)
    other, links = other_pages(config, shared, results, pages, terms, digests)
    for page in pages:
        problems += footnote_problems(page.body, page.path, page.body_line)
    for path, template, inputs, context in other:
        key = cache.key(common, path, template, *inputs)
        html = cache.rendered(path, key)
        if html is None:
            html, template_problems = _render_bytes(theme, template, _with_nav(context(), shared), root)
            problems += template_problems
            template_failed = template_failed or bool(template_problems)
            rendered.append(path)
        cache.record(path, key, html)
        files[path] = html
        progress(len(texts) + len(files) - len(results), steps)
    for path, source in theme.static.items():
        files[path] = source.read_bytes()
    files.update(publish_files(files, site["base_url"]))

    # 4. check every internal link against what was rendered
    if not template_failed:
        links += [(href, path, line, page.path) for page in results for href, path, line in page.links]
        by_path = {page.path: page for page in results}
        problems += check_links(links, files, lambda path: by_path[path].id_set if path in by_path else None)
    progress(steps, steps)
    return Build(files, sort_problems(set(problems)), sorted(rendered))


def text_page(job, shared: Shared) -> TextPage:
    """One text, from its parsed front matter and its notes file's source to its page."""
    text, notes_source, neighbours, _ = job
    problems = []
    notes = parse_notes(notes_source[1], notes_source[0], text.slug, problems) if notes_source else []
    problems += placeholder_problems({text.slug: notes})
    a = annotate_text(text, notes, shared.matcher, shared.config.glossary_links, shared.md)
    problems += a.problems + footnote_problems(text.body, text.path, text.body_line)
    summary = text_summary(a)
    url = f"{text.slug}.html"
    linked = dict.fromkeys([t for _, ids in a.header.values() for t in ids] + a.linked_terms)
    context = {
        "page": _page(shared.site, url, text.meta["title"], text.meta.get("description") or text.meta.get("subtitle", "")),
        # the texts before and after this one: a list of every text on every page grows as N²
        "neighbours": neighbours,
        "text": summary, "blocks": a.blocks, "notes": a.notes,
        "terms": [shared.terms[t] for t in linked if t in shared.terms]}
    html, template_problems = _render_bytes(shared.theme, "text.html", _with_nav(context, shared), shared.root)
    header = {name: ids for name, (_, ids) in a.header.items()}
    # Web addresses are not checked (the build stays offline): only the rest travel on.
    links = [link for link in a.links if not link[0].startswith(WEB_ADDRESS)]
    return TextPage(url, html, summary, a.occurrences, header, links, problems + template_problems,
                    "\n".join(sorted(ids_in(html))), bool(template_problems),
                    _hash(repr(summary)), _hash(repr((summary["title"], a.occurrences, header))))


def other_pages(config, shared: Shared, results, pages, terms, digests):
    """The pages that are not texts, each (site path, template, what its inputs hash to, a
    function making its context), and their links. A context is only made for a page whose
    inputs changed: the glossary's back-references alone are a hundred thousand items at scale."""
    site, md = shared.site, shared.md
    jobs = [("index.html", "index.html", [r.summary_key for r in results], lambda: {
        "page": _page(site, "index.html", config.title, config.description),
        "texts": [r.summary for r in results], "pages": shared.nav_pages})]
    if terms:
        jobs.append(("glossary.html", "glossary.html", [r.refs_key for r in results], lambda: {
            "page": _page(site, "glossary.html", "Glossary", f"The terms of {config.title}"),
            "terms": glossary_entries(terms, results)}))
    links = [(href, term["path"], term["body_line"] + line, "glossary.html")
             for term in terms for href, line in term["links"]]
    for page in pages:
        url = f"{page.slug}.html"
        tokens = md.parse(page.body, env := {})
        jobs.append((url, "page.html", [page.path, digests.get(page.path, "")], lambda page=page, url=url,
                     tokens=tokens, env=env: {
            "page": _page(site, url, page.meta["title"], page.meta.get("description", "")),
            "body": md.renderer.render(tokens, md.options, env)}))
        links += [(href, page.path, page.body_line + line, url) for href, line in links_in(tokens)]
    jobs.append(("404.html", "404.html", [], lambda: {"page": _page(site, "404.html", "Page not found", "")}))
    return jobs, links


def _with_nav(context: dict, shared: Shared) -> dict:
    return dict(context, site=shared.site, nav=shared.nav, nav_pages=shared.nav_pages)


def theme_key(root: Path, config) -> str:
    folders = [root / "theme" / config.theme, root / "theme" / "default"]
    return folder_hash(f for f in dict.fromkeys(folders) if f.is_dir())


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _render_bytes(theme, template, context, root):
    # Encoded at once: a page held as str takes up to 4 bytes a character, as UTF-8 about one.
    text, problems = render_template(theme, template, context, root)
    return text.encode("utf-8"), problems


def seed_problems(root: Path, texts):
    problems = []
    for text in texts:
        seed = text.meta.get("source_file")
        recorded = text.meta.get("source_sha256")
        if not seed or not recorded or not (root / seed).is_file():
            continue
        if hashlib.sha256((root / seed).read_bytes()).hexdigest() != recorded:
            problems.append(warning(text.path, None,
                                    f"{seed} has changed since it was ingested; see what changed with "
                                    f"`python build.py ingest --diff {text.slug}`, then update the text by hand "
                                    "and set source_sha256 to the new hash"))
    return problems


def unused_terms(glossary, results):
    used = {term_id for r in results for term_id in r.occurrences}
    used |= {term_id for r in results for ids in r.header.values() for term_id in ids}
    return [warning(term.path, term.line, f"glossary term “{term.term}” occurs in no text; "
                                          "check its spelling and aliases, or remove it")
            for term in glossary if term.id not in used]


def site_context(config):
    return dict(title=config.title, description=config.description, language=config.language,
                  base_url=config.base_url.rstrip("/") + "/" if config.base_url else "",
                  generator=f"edition {__version__}")


def _page(site, url, title, description):
    return dict(url=url, title=title, description=description,
                  canonical=site["base_url"] + url if site["base_url"] else "")


def text_summary(a):
    meta = dict(a.text.meta)
    # The dek, byline, caption… with glossary terms linked (escaped, so safe to mark up).
    for name in HEADER_FIELDS:
        meta[f"{name}_html"] = Markup(a.header.get(name, ("",))[0])
    for key in ("subtitle", "byline", "publisher", "photo_caption", "photo_credit", "copyright",
                "source_url", "source_file", "source_sha256", "description"):
        meta.setdefault(key, "")
    for key in ("date", "event_date", "copyright_year"):
        meta.setdefault(key, None)
    meta.update(slug=a.text.slug, url=f"{a.text.slug}.html", note_count=len(a.notes),
                paragraph_count=sum(1 for b in a.blocks if b.number))
    return meta


def glossary_definitions(glossary, md):
    """Each term rendered once: {id, term, aliases, html, summary} (+ where its body is, for links)."""
    entries = []
    for term in sorted(glossary, key=lambda t: sort_key_title(t.term)):
        tokens = md.parse(term.body, env := {})
        entries.append(dict(id=term.id, term=term.term, aliases=term.aliases,
                              html=md.renderer.render(tokens, md.options, env), summary=plain_opening(tokens),
                              path=term.path, body_line=term.body_line, links=list(links_in(tokens))))
    return entries


# Back-references are a hundred thousand items at scale: named tuples, a quarter of a dict's size.
Ref = namedtuple("Ref", "title url paragraphs")
Place = namedtuple("Place", "label number url")


def glossary_entries(terms, results):
    refs = {}   # term id -> [ref], in one pass over the texts (terms × texts is 3 million at scale)
    for r in results:
        places = {}
        for name, ids in r.header.items():
            for term_id in dict.fromkeys(ids):
                places.setdefault(term_id, []).append(Place(HEADER_LABELS[name], None, f"{r.path}#{name}"))
        for term_id, numbers in r.occurrences.items():
            places.setdefault(term_id, []).extend(Place(f"¶ {n}", n, f"{r.path}#p{n}") for n in numbers)
        for term_id, found in places.items():
            refs.setdefault(term_id, []).append(Ref(r.summary["title"], r.path, found))
    return [dict(term, refs=refs.get(term["id"], [])) for term in terms]

