"""The build, phase by phase, and the one way every command runs it.

build() is the site: gather and check, each text, the other pages, the files for the host, the
link check. It writes only through the sink it is given (write.Staging for `build`, InPlace for
`serve`, Discard for `check`), and a store (reuse.py) decides what is taken from earlier work:
the stages it calls take data and return data and problems, and never see either.

run() is what `build`, `check` and `serve` call: new seeds ingested (when asked), the no-change
shortcut, the settings, build(), then commit or discard, then the store saved.

Why a cold build of a thousand texts takes seconds, not minutes — each trick named once, with
the test that holds it to the plain way's result:
- a text is one job (notes parsed, anchored, linked, page rendered), spread over the cores by
  forked workers (parallel.py; tests/test_parallel_build.py), and pages stream to the sink as
  they come, so the parent never holds them all;
- keys hash file bytes, and a build whose inputs all hash the same stops before parsing
  anything (reuse.last_build; tests/test_incremental.py);
- the cycle collector is off during a build (it found about a hundred objects at N = 1,000 and
  cost a tenth of the time): _no_cycle_collector below;
- markdown-it skips URL normalising for plain targets and its newline rule when there is no CR
  or NUL (markdown.py; tests/test_speed_shortcuts.py); quotes are found in a folded copy of the
  text with str.find (annotate.FoldedText; tests/test_quote_matching.py); a marked run of text is
  one token; ids are found with bytes.find (linkcheck.ids_in); refused links are looked for from
  colon to colon (markdown.refused_links); libyaml reads front matter (frontmatter.load_yaml);
  Jinja reads dict keys before attributes (render._Environment).
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import annotate_text
from .config import Config, load_config
from .glossary import TermMatcher
from .layout import GLOSSARY_FILE, theme_folders
from .linkcheck import check_links, ids_in
from .load import load_project, parse_notes
from .markdown import links_in, make_markdown
from .model import Build, NotesFile, PageIds, RenderedText, Text
from .pages import (SiteContext, glossary_context, glossary_definitions, index_context, navigation,
                    not_found_context, page_context, reading_order, site_data, text_context, text_summary,
                    unused_terms)
from .problems import has_errors, sort_problems, warning
from .publish import NOT_FOUND, publish_files
from .render import load_theme, render_page
from .reuse import DiskStore, digest, folder_hash, inputs_fingerprint, last_build
from .urls import UNCHECKED
from .write import Discard, OutputRefused, Staging, Written


def build(root: Path, config: Config, store, sink, progress=lambda done, total: None) -> Build:
    """The site, phase by phase; problems are values, returned with what was written."""
    paths, rendered_texts, other_pages = [], [], {}

    def put(path: str, data: bytes) -> None:
        sink.put(path, data)
        paths.append(path)

    # 1. gather and check: every content file read and checked (notes are read here, parsed with their text)
    project, problems = load_project(root, store.read)
    problems += seed_problems(root, project.texts)
    texts, pages = reading_order(project.texts, project.pages)
    theme_key = theme_digest(root, config)
    shared = site_context(root, config, project, texts, pages, store, theme_key)
    common = shared_inputs(shared, store, theme_key)
    steps, done = len(texts) + len(pages) + 4, 0

    # 2. each text: notes parsed and anchored, terms linked, page rendered (reused while its inputs are unchanged)
    for _, text in store.texts_for(text_jobs(texts, project, shared, store, common),
                                   lambda job: render_text(job, shared)):
        put(text.path, text.html)
        rendered_texts.append(dataclasses.replace(text, html=b""))
        problems += text.problems
        done += 1
        progress(done, steps)
    problems += unused_terms(project.glossary, rendered_texts)
    template_failed = any(text.template_failed for text in rendered_texts)

    # 3. the other pages: contents, glossary, reference pages, 404
    jobs, links = other_page_jobs(pages, rendered_texts, shared, store, common)
    for job in jobs:
        html, page_problems = store.page(job.path, job.key, lambda: render_page(shared.theme, job.template, job.context()))
        if job.path != NOT_FOUND:   # the host's 404 comes in phase 4, its links made absolute when they can be
            put(job.path, html)
        other_pages[job.path] = html
        problems += page_problems
        template_failed = template_failed or bool(page_problems)
        done += 1
        progress(done, steps)

    # 4. the theme's static files, and what the host reads (.nojekyll, robots.txt, sitemap, absolute 404)
    for path, source in shared.theme.static.items():
        put(path, source.read_bytes())
    for path, data in publish_files(list(paths), other_pages[NOT_FOUND], shared.site["base_url"]).items():
        put(path, data)

    # 5. every internal link, checked against the pages and ids just made
    if not template_failed:
        by_path = {text.path: text.ids for text in rendered_texts}
        links += [(href, path, line, text.path) for text in rendered_texts for href, path, line in text.links]
        problems += check_links(links, set(paths), lambda path: by_path.get(path) or ids_in(other_pages[path]))
    progress(steps, steps)
    return Build(sort_problems(set(problems)), sorted(set(paths)), sorted(store.made))


# --- what build() is made of ------------------------------------------------------------

def site_context(root: Path, config: Config, project, texts, pages, store, theme_key: str) -> SiteContext:
    """What every page's job reads: the theme, the glossary, the navigation. serve keeps the
    theme, the glossary and the matcher while their inputs are unchanged."""
    md = make_markdown()
    glossary_key = store.digest(GLOSSARY_FILE)
    terms = store.reuse("glossary", glossary_key, lambda: glossary_definitions(project.glossary, md))
    matcher = store.reuse("matcher", glossary_key, lambda: TermMatcher(project.glossary))
    theme = store.reuse("theme", theme_key, lambda: load_theme(root, config.theme))
    nav = navigation(texts, pages, bool(terms))
    return SiteContext(config, md, matcher, theme, site_data(config), nav, nav[len(texts):],
                       {t["id"]: t for t in terms})


def theme_digest(root: Path, config: Config) -> str:
    return digest(config.theme, folder_hash(dict.fromkeys(theme_folders(root, config.theme))))


def shared_inputs(shared: SiteContext, store, theme_key: str) -> str:
    """What every page shows besides its own content: the theme, the settings, the glossary, the navigation."""
    return digest(theme_key, repr(shared.config), store.digest(GLOSSARY_FILE), digest(repr(shared.nav)))


@dataclass
class TextJob:
    """One text to make into a page, and what that page is made from (its key hashes it all)."""
    text: Text
    notes: NotesFile | None
    neighbours: list    # the nav items of the texts before and after
    key: str

    @property
    def path(self) -> str:
        return f"{self.text.slug}.html"


def text_jobs(texts, project, shared: SiteContext, store, common: str) -> list:
    jobs = []
    for index, text in enumerate(texts):
        neighbours = [shared.nav[i] for i in (index - 1, index + 1) if 0 <= i < len(texts)]
        notes = project.notes.get(text.slug)
        jobs.append(TextJob(text, notes, neighbours,
                            digest(common, text.path, store.digest(text.path),
                                   store.digest(notes.path) if notes else "-", repr(neighbours))))
    return jobs


def render_text(job: TextJob, shared: SiteContext) -> RenderedText:
    """One text, from its front matter and its notes file to its page."""
    problems = []
    notes = parse_notes(job.notes, job.text.slug, problems) if job.notes else []
    annotated = annotate_text(job.text, notes, shared.matcher, shared.config.glossary_links, shared.md)
    summary = text_summary(annotated)
    html, template_problems = render_page(shared.theme, "text.html",
                                          text_context(annotated, summary, job.neighbours, shared))
    header = {name: ids for name, (_, ids) in annotated.header.items()}
    # Web addresses are not checked (the build stays offline): only the rest travel on.
    links = [link for link in annotated.links if not link[0].startswith(UNCHECKED)]
    return RenderedText(job.path, html, summary, annotated.occurrences, header, links, PageIds(ids_in(html)),
                        problems + annotated.problems + template_problems, bool(template_problems),
                        digest(repr(summary)), digest(repr((summary["title"], annotated.occurrences, header))))


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
    alone are a hundred thousand items at scale."""
    jobs = [PageJob("index.html", "index.html", lambda: index_context(rendered_texts, shared),
                    digest(common, "index.html", *(r.index_digest for r in rendered_texts)))]
    if shared.terms:
        jobs.append(PageJob("glossary.html", "glossary.html", lambda: glossary_context(rendered_texts, shared),
                            digest(common, "glossary.html", *(r.glossary_digest for r in rendered_texts))))
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


def seed_problems(root: Path, texts):
    """A text whose seed changed since it was ingested: the editor should look at the change."""
    problems = []
    for text in texts:
        seed, recorded = text.meta.source_file, text.meta.source_sha256
        if not seed or not recorded or not (root / seed).is_file():
            continue
        current = hashlib.sha256((root / seed).read_bytes()).hexdigest()
        if current != recorded:
            problems.append(warning(text.path, None,
                                    f"{seed} has changed since it was ingested; see what changed with "
                                    f"`python build.py ingest --diff {text.slug}`, then update the text by hand "
                                    f"and set source_sha256 to the new hash, {current}"))
    return problems


# --- running it -------------------------------------------------------------------------

@dataclass
class Options:
    check: bool = False         # `check`: build in full, write nothing, never save the cache
    clean: bool = False         # reuse nothing from earlier builds
    strict: bool = False        # warnings fail like errors
    base_url: str | None = None     # overrides site.yaml's for this build
    ingest: bool = False        # ingest new seeds first


@dataclass
class Outcome:
    """What happened, for the command line to print and serve to show."""
    problems: list = field(default_factory=list)    # every problem, sorted
    out: Path | None = None         # the output folder
    build: Build | None = None      # None when nothing was built
    written: Written | None = None  # what the output folder got
    unchanged: bool = False         # the no-change shortcut: nothing read, nothing written
    refused: str = ""               # why the output folder could not be written, if so
    ingested: list = field(default_factory=list)    # (seed, content file, what was left out)
    recorded: list = field(default_factory=list)    # the problems the last build printed, when unchanged
    seconds: float = 0.0
    strict: bool = False
    save: object = None             # with save_later: writes what the next build may reuse

    @property
    def failed(self) -> bool:
        return bool(self.refused) or has_errors(self.problems) or (self.strict and bool(self.problems))


def run(root: Path, options: Options, store=None, sink=None, progress=lambda done, total: None,
        save_later: bool = False) -> Outcome:
    """Ingest (if asked), skip if nothing changed, read the settings, build, commit or discard,
    save what the next build may reuse.

    `serve` passes what it keeps: store(out) and sink(out) make its store and its writer for the
    output folder the settings name, and save_later defers the cache (written when edits pause:
    outcome.save does it)."""
    started = time.perf_counter()
    outcome = Outcome(strict=options.strict)
    if options.ingest:
        from .seeds import ingest_new    # the ingest rules load only when there are seeds to read
        _, outcome.ingested, outcome.problems = ingest_new(root)
        if has_errors(outcome.problems):
            return outcome
    base_url = options.base_url.strip() if options.base_url is not None else None

    # Nothing changed? Decided from the bytes of every input (site.yaml among them) before
    # anything is parsed: the editor's most common build should cost no more than a hash.
    fingerprint = ("" if options.clean or options.check or store is not None
                   else inputs_fingerprint(root, repr(base_url)))
    last = last_build(root, fingerprint)
    if last is not None and not (options.strict and last.get("problems")):
        outcome.unchanged, outcome.out = True, root / last["out"]
        outcome.recorded = [str(line) for line in last.get("problems", [])]
        outcome.seconds = time.perf_counter() - started
        return outcome

    config, config_problems = load_config(root)
    outcome.problems += config_problems
    if has_errors(config_problems):
        outcome.problems = sort_problems(set(outcome.problems))
        return outcome
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url)
    out = outcome.out = root / config.output
    store = store(out) if store else DiskStore(root, out, fresh=options.clean, read_only=options.check)
    try:
        # Staging: the output changes only at commit
        sink = sink(out) if sink else Discard() if options.check else Staging(out)
    except OutputRefused as exc:
        outcome.refused = str(exc)
        return outcome
    try:
        with _no_cycle_collector():
            outcome.build = build(root, config, store, sink, progress)
        outcome.problems = sort_problems(set(outcome.problems + outcome.build.problems))
        if outcome.failed:
            sink.discard()
        else:
            outcome.written = sink.commit()
    except OSError as exc:
        sink.discard()
        outcome.refused = (f"cannot write {config.output}/: {exc.strerror}; check that the folder is "
                           "writable (the last good site was left in place)")
        return outcome
    except BaseException:
        sink.discard()
        raise
    if not outcome.failed and not options.check:
        save = lambda: store.save(outcome.build.paths, outcome.problems, fingerprint)  # noqa: E731
        if save_later:
            outcome.save = save
        else:
            save()
    outcome.seconds = time.perf_counter() - started
    return outcome


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
