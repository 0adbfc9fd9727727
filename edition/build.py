"""The build, phase by phase: gather and check, each text, the other pages, the files for the
host, the link check.

It writes only through the sink it is given (write.Staging for `build`, InPlace for `serve`,
Discard for `check`), and a store (reuse.py) decides what is taken from earlier work: the stages
it calls take data and return data and problems, and never see either. pipeline.run() is what
calls it.
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import itertools
from dataclasses import dataclass
from pathlib import Path

from . import epub
from .annotate import annotate_text
from .chapters import number_pages, number_sections, page_of_line, split_chapters
from .config import Config
from .files import decode, read_bytes
from .glossary import TermMatcher
from .heap import give_back
from .layout import GLOSSARY_FILE, TEXTS_DIR, inside, theme_folders
from .linkcheck import check_links, ids_in
from . import frontmatter
from .load import load_project, parse_notes
from .markdown import make_markdown
from . import cite, fonts, search
from .minify import minified
from .media import image_sizes, media_files
from .model import HEADER_FIELDS, Build, NotesFile, PageIds, RenderedText, Text
from .otherpages import clashing_term_ids, other_page_jobs, scans_of, streamed_page
from .pages import (SiteContext, glossary_definitions, navigation, reading_order, site_data, text_context,
                    text_summary, unused_terms)
from .problems import ERROR, error, sort_problems, warning
from .publish import NOT_FOUND, publish_files
from .render import interface_strings, load_theme, render_page, render_template
from .reuse import digest, digest_all, folder_hash, sha256
from .sitewide import font_files, make_book, search_index
from .spool import KeptTexts, Spool
from .urls import UNCHECKED
from .timeline import dated_notes, has_dates
from .webannotation import annotation_files


def build(root: Path, config: Config, store, sink, progress=lambda done, total: None) -> Build:
    """The site, phase by phase; problems are values, returned with what was written."""
    # what the last jobs read of every text waits on disk, or in memory where the store keeps all (serve)
    paths, rendered_texts, other_pages = [], KeptTexts(store.in_memory), {}    # other_pages: path -> (ids, characters)
    search_terms = Spool(store.in_memory)   # each text's term counts, for the search index: read back once at the end

    def put(path: str, data: bytes) -> None:
        sink.put(path, data)
        paths.append(path)

    def put_all(files: dict) -> None:
        sink.put_all(files)
        paths.extend(files)

    # 1. gather and check: every content file read and checked (notes are read here, parsed with
    #    their text); the texts' bodies and notes are let go, and each text's job reads its own again
    project, problems = load_project(root, store.read, bodies=False, listed=store.listed)
    seeds, seed_problems = read_seeds(root, project.texts)
    problems += seed_problems
    # A text that could not be read is no missing text, and the words in it are not missing terms.
    every_text_read = len(project.texts) == len(store.listed(root, TEXTS_DIR).names)
    if not project.texts and every_text_read:
        problems.append(warning(TEXTS_DIR, None, "the edition has no texts yet; put one in seeds/ and run "
                                                 "`python3 build.py`, or write content/texts/NAME.md"))
    media = media_files(root, problems)
    # serve keeps a step's answer while its inputs are the very values of the last build (store.reuse)
    texts, pages = store.reuse("reading order", (tuple(project.texts), tuple(project.pages)),
                               lambda: reading_order(project.texts, project.pages))
    theme_key = theme_digest(root, config)
    shared, string_problems = site_context(root, config, project, texts, pages, store, theme_key, image_sizes(media))
    problems += string_problems
    common = shared_inputs(shared, store, theme_key)
    problems += shared.theme.problems
    if any(p.severity == ERROR and "/strings/" in p.path for p in shared.theme.problems):
        # a strings file that cannot be read: every page would fail on each word it lacks
        return Build(sort_problems(set(problems)), [], [])
    steps, done = len(texts) + len(pages) + 4, 0

    # 2. each text: notes parsed and anchored, terms linked, page rendered (reused while its inputs are unchanged)
    for _, text in store.texts_for(text_jobs(root, texts, project, seeds, shared, store, common),
                                   lambda job: render_text(job, shared)):
        put(text.path, text.html)
        put_all(text.extra_files)       # its notes as Web Annotations, its search places, its citations
        if text.more_pages:             # a text split into chapters: its other pages
            put_all(text.more_pages)
        search_terms.put(text.search_terms)
        # serve's store holds every text whole anyway: a copy without its bytes would only cost each save
        rendered_texts.append(text if store.in_memory else
                              dataclasses.replace(text, html=b"", extra_files={}, search_terms=b"",
                                                  more_pages=dict.fromkeys(text.more_pages, b"")))
        problems += text.problems
        done += 1
        progress(done, steps)
    # serve reuses the steps below while what each reads of every text is the same (a tuple of the very objects)
    used = (project.glossary, *(r.occurrences for r in rendered_texts), *(r.header for r in rendered_texts))
    problems += store.reuse("unused terms", used, lambda: unused_terms(
        project.glossary, rendered_texts.each("occurrences"))) if every_text_read else []
    template_failed = any(text.template_failed for text in rendered_texts)
    # the search index over every text, the notes and the glossary: begun now (it needs only the
    # texts' words), made meanwhile in a process of its own, put in the site in phase 4
    search_files = search_index(rendered_texts, search_terms, shared, store)
    phase_ends = (lambda: None) if store.in_memory else give_back   # serve's saves make little

    # 3. the other pages: contents, glossary, reference pages, 404
    jobs, links = other_page_jobs(pages, rendered_texts, shared, store, common)
    for job in jobs:
        phase_ends()
        if store.in_memory or job.path == NOT_FOUND:    # serve keeps the bytes; the 404 is made absolute in phase 4
            html, page_problems = store.page(job.path, job.key, lambda: render_page(shared.theme, job.template, job.context()))
            scanned = store.reuse(("page ids", job.path), html, lambda: scans_of(html))
            if job.path == NOT_FOUND:
                not_found = html
            else:
                put(job.path, html)
            del html    # not held while the next page is made
        else:   # written a block at a time and scanned on the way, never held (the glossary is 38 MB at 10,000 texts)
            scanned, page_problems = streamed_page(job, shared, store, sink)
            paths.append(job.path)
        ids, twice, characters = scanned
        other_pages[job.path] = (ids, characters)     # what the link check and the fonts need of it
        if job.path == "glossary.html":
            problems += clashing_term_ids(twice, project.glossary)
        problems += page_problems
        template_failed = template_failed or bool(page_problems)
        done += 1
        progress(done, steps)

    # the face subset to the characters of every page, begun now too
    face_files = font_files(root, config, rendered_texts, [c for _, c in other_pages.values()], store, theme_key)

    # 3b. the whole edition as one EPUB (epub: true), put together from the chapters the texts carry
    if config.epub and not template_failed:
        book = shared.site["epub"]
        # the chapters hashed one at a time as they are read back (a tuple of them all was 120 MB at 10,000 texts)
        key = digest_all(itertools.chain((common, book), (r.epub for r in rendered_texts.each("epub")),
                                         (store.digest(p.path) for p in pages),
                                         (f"{path}\0{digest(read_file(root, source, []) or b'')}"
                                          for path, source in sorted(media.items()))))
        write, book_problems = store.file(book, key, lambda: make_book(rendered_texts, pages, shared, media))
        if write is None:
            put(book, b"")      # it could not be made: the build fails, and the link to it is no second error
        else:       # written into the site a block at a time, then recorded
            paths.append(book)
            store.record(book, key, sink.put_file(book, write))
        problems += book_problems
        del write   # and the book's documents with it
        phase_ends()

    # 4. the search index and the face (begun above), the theme's static files, the edition's
    #    media, the search loader, and what the host reads (.nojekyll, robots.txt, sitemap, absolute 404)
    for path, data in search_files().items():
        put(path, data)
    for path, source in shared.theme.static.items():
        data = read_file(root, source, problems)
        if data is not None:
            put(path, minified(path, data))
    for path, source in media.items():
        data = read_file(root, source, problems)
        if data is not None:
            put(path, data)
    for path, data in search.static_files().items():
        put(path, data)
    for path, data in face_files().items():
        put(path, data)
    for path, data in publish_files(list(paths), not_found, shared.site["base_url"]).items():
        put(path, data)

    in_order, every_path = store.reuse("site paths", tuple(paths), lambda: (sorted(set(paths)), set(paths)))

    # 5. every internal link, checked against the pages and ids just made (and no id given twice)
    if not template_failed:
        numbers, by_path, siblings = store.reuse("link targets", (*(r.path for r in rendered_texts), *(
            (r.path, r.more_ids) for r in rendered_texts if r.more_ids)), lambda: link_targets(rendered_texts))

        def ids_of(path: str):
            return (rendered_texts.part(numbers[path], "ids") if path in numbers
                    else by_path.get(path) or other_pages[path][0])
        # the links of each text, and of each other page (serve checks again only what changed)
        by_page: dict = {}
        for link in links:
            by_page.setdefault(link[3], []).append(link)
        groups = itertools.chain(((("page", page), found) for page, found in by_page.items()),
                                 ((("text", text.path), text.links) for text in rendered_texts.each("links")))
        problems += store.checked_links(groups, every_path, ids_of, lambda path: siblings.get(path, ()), check_links)
    progress(steps, steps)
    return Build(sort_problems(set(problems)), in_order, sorted(store.made))


def link_targets(rendered_texts) -> tuple:
    """({text's path: its number}, {chapter page: its ids}, {page of a split text: the text's pages})."""
    numbers, by_path, siblings = {text.path: n for n, text in enumerate(rendered_texts)}, {}, {}
    for text in rendered_texts:
        by_path.update(text.more_ids)
        siblings.update(dict.fromkeys(text.paths, text.paths) if text.more_pages else {})
    return numbers, by_path, siblings


# --- what build() is made of ------------------------------------------------------------

def site_context(root: Path, config: Config, project, texts, pages, store, theme_key: str, sizes: dict):
    """What every page's job reads: the theme and its strings, the glossary, the navigation, the
    images' sizes (and the problems of the strings). serve keeps the theme, the glossary and the
    matcher while their inputs are unchanged."""
    md = make_markdown(sizes)
    glossary_key = store.digest(GLOSSARY_FILE)
    terms = store.reuse("glossary", glossary_key, lambda: glossary_definitions(project.glossary, md))
    matcher = store.reuse("matcher", glossary_key, lambda: TermMatcher(project.glossary))
    theme = store.reuse("theme", theme_key, lambda: load_theme(root, config.theme))
    strings, problems = interface_strings(theme, config.language)
    # also a global of the theme's templates, for those whose context has none (the EPUB's)
    theme.env.globals["strings"] = strings
    timeline = strings.get("timeline", "Timeline") if has_dates(project.notes.values()) else ""
    nav_inputs = (texts, pages, bool(terms), sizes, config.language, strings.get("glossary", "Glossary"), timeline)
    nav = store.reuse("navigation", nav_inputs, lambda: navigation(texts, pages, bool(terms), md, config.language,
                                                                   strings.get("glossary", "Glossary"), timeline))
    search_terms = search.Terms(search.languages(config.language, [str(t.meta.language or '') for t in texts]))
    site = site_data(config)
    face = fonts.face_folder(theme_folders(root, config.theme))
    site["face"] = fonts.CSS if face else ""
    return SiteContext(config, md, matcher, theme, site, nav, nav[len(texts):],
                       {t["id"]: t for t in terms}, sizes, strings, search_terms), problems


def theme_digest(root: Path, config: Config) -> str:
    return digest(config.theme, folder_hash(dict.fromkeys(theme_folders(root, config.theme))))


def shared_inputs(shared: SiteContext, store, theme_key: str) -> str:
    """What every page shows besides its own content: the theme, the settings, the glossary, the navigation."""
    nav_digest = store.reuse("navigation digest", shared.nav, lambda: digest(repr(shared.nav)))
    return digest(theme_key, repr(shared.config), store.digest(GLOSSARY_FILE), nav_digest,
                  repr(sorted(shared.image_sizes.items())))


@dataclass
class TextJob:
    """One text to make into a page, and what that page is made from (its key hashes it all)."""
    text: Text
    notes: NotesFile | None
    neighbours: list    # the nav items of the texts before and after
    key: str
    seed: Path | None = None    # the seed it was ingested from, to tell whether the editor changed it
    root: Path | None = None    # the project, to read the text's body and notes again from (None: they are here)
    digests: tuple = ()         # the SHA-256 of the text's and the notes' bytes as the loader read them

    @property
    def path(self) -> str:
        return f"{self.text.slug}.html"


def text_jobs(root: Path, texts, project, seeds: dict, shared: SiteContext, store, common: str) -> list:
    """A job for each text; serve keeps each while what it is made of is the same (store.reuse)."""
    jobs, nav, last = [], shared.nav, len(texts) - 1
    for index, text in enumerate(texts):
        notes = project.notes.get(text.slug)
        seed = seeds.get(text.slug, (None, "-"))
        digests = (store.digest(text.path), store.digest(notes.path) if notes else "-")
        before, after = nav[index - 1] if index else None, nav[index + 1] if index < last else None
        jobs.append(store.reuse(("text job", text.path), (root, common, text, notes, seed, digests, before, after),
                                lambda: text_job(root, text, notes, seed, digests, before, after, common)))
    return jobs


def text_job(root: Path, text: Text, notes, seed: tuple, digests: tuple, before, after, common: str) -> TextJob:
    """A text's job: its neighbours are the nav items before and after it (None at either end)."""
    neighbours = [dict(item, rel=rel) for item, rel in ((before, "previous"), (after, "next")) if item is not None]
    return TextJob(text, notes, neighbours, digest(common, text.path, *digests, repr(neighbours), seed[1]),
                   seed[0], root, digests)


def render_text(job: TextJob, shared: SiteContext) -> RenderedText:
    """One text, from its front matter and its notes file to its page (or its chapters' pages)."""
    problems = []
    job = dataclasses.replace(job, **read_again(job, problems))
    notes = parse_notes(job.notes, job.text.slug, problems, shared.config.note_word_limit) if job.notes else []
    config, strings = shared.config, shared.strings
    annotated = annotate_text(job.text, notes, shared.matcher, config.glossary_links, shared.md,
                              strings, config.line_numbers, config.language)
    edited = None
    if job.seed is not None:
        edited, doubts = compare_with_seed(job)
        problems += doubts
    summary = text_summary(annotated, edited, shared.md, config.language)
    citation = cite.citation(summary, shared.site, shared.config.editor, job.path, shared.strings)
    chapters = split_chapters(annotated, job.text.slug, job.neighbours)
    for chapter in chapters:
        for note in chapter.notes:
            note.page = chapter.path    # where Web Annotations find it
    # the list of notes is on the page of the chapter with the first note
    summary["notes_url"] = next((f"{c.path}#notes-heading" for c in chapters if c.notes), summary["notes_url"])
    summary["chapter_count"] = len(chapters)
    if job.text.meta.split == "chapters" and not chapters:
        problems.append(warning(job.text.path, None, "`split: chapters` needs two headings or more of the same "
                                                    "level to split at (e.g. `## Chapter 2`); add them, or "
                                                    "remove the line"))
    pages, template_problems = {}, []
    for chapter in chapters or [None]:
        path = chapter.path if chapter else job.path
        pages[path], found = render_page(shared.theme, "text.html",
                                         text_context(annotated, summary, job.neighbours, shared, chapter,
                                                      citation))
        template_problems += found
    header = {name: ids for name, (_, ids) in annotated.header.items()}
    book_chapter = b""     # the text in the EPUB: one chapter of the book, whether or not split on the site
    if shared.config.epub:
        document, chapter_problems = render_template(shared.theme, "epub/text.xhtml",
                                                     epub.text_context(annotated, summary, shared.site))
        template_problems += chapter_problems
        book_chapter = epub.pack(document)
    # Web addresses are not checked (the build stays offline): only the rest travel on.
    links = []
    note_pages = sorted((n.note.body_line, c.path) for c in chapters for n in c.notes)
    note_lines = [line for line, _ in note_pages]
    for href, source, line in annotated.links:
        if href.startswith(UNCHECKED):
            continue
        page = job.path         # a link is on the page of the paragraph or note that holds it
        if chapters and source == job.text.path:
            page = page_of_line(chapters, line - job.text.body_line)
        elif chapters and note_pages:
            page = note_pages[max(0, bisect.bisect_right(note_lines, line) - 1)][1]
        links.append((href, source, line, page))
    html = pages.pop(job.path)
    ids = {path: PageIds(ids_in(data)) for path, data in pages.items()}
    numbers = number_pages(chapters) if chapters else ()
    # What the search shows of the text (its places file) and what the index needs (term counts).
    lines = [str(getattr(job.text.meta, name)) for name in HEADER_FIELDS if getattr(job.text.meta, name)]
    firsts = [first for first, _ in numbers]
    page_of = (lambda n: numbers[max(0, bisect.bisect_right(firsts, n) - 1)][1]) if numbers else None
    places = search.text_places(summary, lines, annotated.blocks, annotated.notes, page_of)
    extra = {search.places_path(job.text.slug): search.places_script(job.text.slug, summary["title"], job.path, places),
             **cite.files(citation["item"])}
    terms = search.text_terms(places, shared.search_terms)
    dated = dated_notes(annotated, job.path)
    return RenderedText(job.path, html, summary, annotated.occurrences, header, links, PageIds(ids_in(html)),
                        problems + annotated.problems + template_problems, bool(template_problems),
                        digest(repr(summary)), digest(repr((summary["title"], annotated.occurrences, header, numbers))),
                        {**annotation_files(annotated, shared.site, shared.config.annotations), **extra},
                        book_chapter, more_pages=pages, more_ids=ids, number_pages=numbers,
                        number_sections=number_sections(annotated), search_terms=terms, search_digest=sha256(terms),
                        dated=dated, timeline_digest=digest(repr((dated, summary["title"], str(summary["date"])))),
                        characters="".join(sorted(set().union(*map(fonts.characters, [html, *pages.values()])))))


def read_again(job: TextJob, problems) -> dict:
    """{text, notes} of a job whose text's body and notes the loader let go (job.root is set),
    read again: the bytes the loader read (the page's key hashes them), else an error."""
    if job.root is None:
        return {}
    again = {}
    source = _same_bytes(job.root, job.text.path, job.digests[0], problems)
    if source is not None:
        again["text"] = dataclasses.replace(job.text, body=frontmatter.body(source))
    if job.notes:
        source = _same_bytes(job.root, job.notes.path, job.digests[1], problems)
        again["notes"] = None if source is None else NotesFile(job.notes.path, source)
    return again


def _same_bytes(root: Path, rel: str, known: str, problems) -> str | None:
    data = read_file(root, root / rel, problems)
    if data is not None and sha256(data) != known:      # read on: the error stops the build anyway
        problems.append(error(rel, None, "changed while the edition was being built; build again"))
    return None if data is None else decode(data, rel, [])     # what is wrong with its bytes the loader said


def compare_with_seed(job: TextJob):
    """(whether the editor changed the text from what its seed ingests to, the doubts of ingest
    that still stand): the page says which, and `check` repeats the doubts until they are resolved."""
    from .ingest import against_seed     # the ingest rules load only for texts that have a seed
    text = job.text
    try:
        data = job.seed.read_bytes()
    except OSError:
        return None, []
    return against_seed(data, text.meta.source_file, text.path, text.body, dataclasses.asdict(text.meta))


def read_file(root: Path, path: Path, problems) -> bytes | None:
    """A file the build copies or hashes (a theme's static file, an image, a seed): one that went
    away or cannot be read since it was listed is a problem at its name, not a failure to write."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return read_bytes(path, rel, problems)


def read_seeds(root: Path, texts):
    """({text slug: (its seed's file, the seed's SHA-256)} for the texts whose seed is here, problems):
    a text whose seed changed since it was ingested is a warning; the editor should look at the change."""
    seeds, problems = {}, []
    project = root.resolve()
    for text in texts:
        seed, recorded = text.meta.source_file, text.meta.source_sha256
        path = root / seed if seed else None
        if path is None or not path.is_file() or not inside(path.resolve(), project):
            continue
        data = read_file(root, path, problems)
        if data is None:
            continue
        current = hashlib.sha256(data).hexdigest()
        seeds[text.slug] = (path, current)
        if recorded and current != recorded:
            problems.append(warning(text.path, None,
                                    f"{seed} has changed since it was ingested; see what changed with "
                                    f"`python3 build.py ingest --diff {text.slug}`, then update the text by hand "
                                    f"and set source_sha256 to the new hash, {current}"))
    return seeds, problems
