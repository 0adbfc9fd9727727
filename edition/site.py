"""The build, stage by stage: load & check → annotate → render → check links.

Returns the whole site as {path: bytes} plus every problem found; writing is the
caller's business (see write.py), so a build with errors never touches the output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import __version__
from .annotate import HEADER_FIELDS, annotate_text, footnote_problems
from .authoring import placeholder_problems
from .cache import Cache, folder_hash
from .glossary import TermMatcher
from .links import check_links
from .load import load_project
from .markdown import links_in, make_markdown
from .parallel import parallel_map
from .problems import sort_problems, warning
from .publish import publish_files
from .render import load_theme, render_template, sort_key_title


HEADER_LABELS = {"subtitle": "subtitle", "byline": "byline", "publisher": "publisher",
                 "photo_caption": "photo caption", "photo_credit": "photo credit"}


@dataclass
class Build:
    files: dict         # site path -> bytes
    problems: list
    rendered: list = field(default_factory=list)    # pages rendered afresh (the others came from the cache)


def build_site(root: Path, config, cache: Cache | None = None, progress=None) -> Build:
    cache = cache or Cache(root, root / config.output, enabled=False)
    progress = progress or (lambda done, total: None)

    # 1. load & check the content
    project, problems = load_project(root)
    problems += seed_problems(root, project.texts)
    problems += placeholder_problems(project.notes)
    md = make_markdown()
    steps = len(project.texts) * 2 + len(project.pages) + 3

    # 2. annotate: anchor notes, link glossary terms (per text, reused while its inputs are unchanged)
    matcher = TermMatcher(project.glossary)
    glossary_key = _fingerprint(project.glossary)     # once: hashing it per text is N × glossary
    keys = [cache.text_key(_fingerprint((text, project.notes.get(text.slug, []), glossary_key,
                                         config.glossary_links))) for text in project.texts]
    cached = [cache.annotation(key) for key in keys]
    fresh = iter(parallel_map(
        lambda text: annotate_text(text, project.notes.get(text.slug, []), matcher, config.glossary_links, md),
        [text for text, result in zip(project.texts, cached) if result is None]))
    annotated = []
    for done, (text, key, result) in enumerate(zip(project.texts, keys, cached), 1):
        if result is None:
            result = next(fresh)
            cache.keep_annotation(key, result)
        problems += result.problems + footnote_problems(text.body, text.path, text.body_line)
        annotated.append(result)
        progress(done, steps)
    problems += unused_terms(project.glossary, annotated)
    for page in project.pages:
        problems += footnote_problems(page.body, page.path, page.body_line)

    # 3. render every page through the theme (a page whose inputs are unchanged is reused)
    theme = load_theme(root, config.theme)
    jobs, links = page_jobs(config, project, annotated, md)
    files, rendered, render_problems = render_jobs(jobs, theme, root, cache, theme_key(root, config),
                                                   lambda done: progress(len(project.texts) + done, steps))
    problems += render_problems
    for path, source in theme.static.items():
        files[path] = source.read_bytes()
    files.update(publish_files(files, site_context(config)["base_url"]))

    # 4. check every internal link against what was rendered
    if not render_problems:
        problems += check_links(links, files)
    progress(steps, steps)
    return Build(files, sort_problems(set(problems)), rendered)


def theme_key(root: Path, config) -> str:
    folders = [root / "theme" / config.theme, root / "theme" / "default"]
    return folder_hash(f for f in dict.fromkeys(folders) if f.is_dir())


def _fingerprint(value) -> str:
    """A stable hash of plain data (dataclasses, dicts, lists, dates), the same across runs."""
    encoded = json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if hasattr(value, "__dict__"):
        return {"__type__": type(value).__name__, **vars(value)}
    return repr(value)     # unknown: at worst a needless re-render, never a stale page


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


def unused_terms(glossary, annotated):
    used = {term_id for result in annotated for term_id in result.occurrences}
    used |= {term_id for result in annotated for _, ids in result.header.values() for term_id in ids}
    return [warning(term.path, term.line, f"glossary term “{term.term}” occurs in no text; "
                                          "check its spelling and aliases, or remove it")
            for term in glossary if term.id not in used]


# --- render -------------------------------------------------------------------------------

def page_jobs(config, project, annotated, md):
    """[(site path, template, context)] for every page, and the links to check."""
    site = site_context(config)
    texts = sorted(annotated, key=lambda a: (a.text.meta.get("order") or 10**6,
                                             str(a.text.meta.get("date") or "9999"),
                                             sort_key_title(a.text.meta.get("title", ""))))
    pages = sorted(project.pages, key=lambda p: (p.meta.get("order") or 10**6, sort_key_title(p.meta.get("title", ""))))
    glossary = glossary_entries(project.glossary, texts, md)
    nav = ([{"title": a.text.meta.get("title", a.text.slug), "url": f"{a.text.slug}.html", "kind": "text"} for a in texts]
           + ([{"title": "Glossary", "url": "glossary.html", "kind": "glossary"}] if glossary else [])
           + [{"title": p.meta.get("title", p.slug), "url": f"{p.slug}.html", "kind": "page"} for p in pages])
    # A text page shows definitions, not back-references: leaving `refs` out means an edit in one
    # text does not re-render every other text that links the same term.
    terms_by_id = {entry["id"]: {k: v for k, v in entry.items() if k != "refs"} for entry in glossary}

    jobs = []   # (site path, template, context)
    jobs.append(("index.html", "index.html", {
        "page": _page(site, "index.html", config.title, config.description),
        "texts": [text_summary(a) for a in texts], "pages": nav[len(texts):]}))
    for index, a in enumerate(texts):
        meta = a.text.meta
        url = f"{a.text.slug}.html"
        jobs.append((url, "text.html", {
            "page": _page(site, url, meta["title"], meta.get("description") or meta.get("subtitle", "")),
            # the texts before and after this one: a list of every text on every page grows as N²
            "neighbours": [nav[i] for i in (index - 1, index + 1) if 0 <= i < len(texts)],
            "text": text_summary(a), "blocks": a.blocks, "notes": a.notes,
            "terms": [terms_by_id[t] for t in dict.fromkeys(header_terms(a) + a.linked_terms) if t in terms_by_id]}))
    if glossary:
        jobs.append(("glossary.html", "glossary.html", {
            "page": _page(site, "glossary.html", "Glossary", f"The terms of {config.title}"),
            "terms": glossary}))
    links = [(href, path, line, f"{a.text.slug}.html") for a in texts for href, path, line in a.links]
    links += [(href, term.path, term.body_line + line, "glossary.html")
              for term in project.glossary for href, line in _links_of(md, term.body)]
    for page in pages:
        url = f"{page.slug}.html"
        jobs.append((url, "page.html", {
            "page": _page(site, url, page.meta["title"], page.meta.get("description", "")),
            "body": md.render(page.body)}))
        links += [(href, page.path, page.body_line + line, url) for href, line in _links_of(md, page.body)]
    jobs.append(("404.html", "404.html", {"page": _page(site, "404.html", "Page not found", "")}))
    for _, _, context in jobs:
        context.update(site=site, nav=nav, nav_pages=nav[len(texts):])
    return jobs, links


def render_jobs(jobs, theme, root, cache, theme_hash, progress=lambda done: None):
    """Render each job, or reuse the page the last build wrote when its inputs hash the same."""
    files, rendered, problems = {}, [], []
    # Every page gets the same nav (N items): hash it once, not once per page (N² at scale).
    shared = _fingerprint(jobs[0][2].get("nav")) if jobs else ""
    keys = [cache.page_key(theme_hash + shared, template,
                           _fingerprint({k: v for k, v in context.items() if k != "nav"}))
            for _, template, context in jobs]
    cached = [cache.rendered(path, key) for (path, _, _), key in zip(jobs, keys)]
    fresh = iter(parallel_map(lambda job: _render_bytes(theme, job, root),
                              [job for job, html in zip(jobs, cached) if html is None]))
    for done, ((path, template, context), key, html) in enumerate(zip(jobs, keys, cached), 1):
        if html is None:
            html, template_problems = next(fresh)
            problems += template_problems
            rendered.append(path)
        cache.record(path, key, html)
        files[path] = html
        progress(done)
    return files, rendered, problems


def _render_bytes(theme, job, root):
    # Encoded at once: a page held as str takes up to 4 bytes a character, as UTF-8 about one.
    text, problems = render_template(theme, job[1], job[2], root)
    return text.encode("utf-8"), problems


def _links_of(md, body):
    return links_in(md.parse(body))


def site_context(config):
    return {"title": config.title, "description": config.description, "language": config.language,
            "base_url": config.base_url.rstrip("/") + "/" if config.base_url else "",
            "generator": f"edition {__version__}"}


def _page(site, url, title, description):
    return {"url": url, "title": title, "description": description,
            "canonical": site["base_url"] + url if site["base_url"] else ""}


def header_terms(a):
    return [term_id for _, ids in a.header.values() for term_id in ids]


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


def glossary_entries(glossary, texts, md):
    refs = {}   # term id -> [ref], in one pass over the texts (terms × texts is 3 million at scale)
    for a in texts:
        places = {}
        for name, (_, ids) in a.header.items():
            for term_id in dict.fromkeys(ids):
                places.setdefault(term_id, []).append(
                    {"label": HEADER_LABELS[name], "number": None, "url": f"{a.text.slug}.html#{name}"})
        for term_id, numbers in a.occurrences.items():
            places.setdefault(term_id, []).extend(
                {"label": f"¶ {n}", "number": n, "url": f"{a.text.slug}.html#p{n}"} for n in numbers)
        for term_id, found in places.items():
            refs.setdefault(term_id, []).append({"title": a.text.meta.get("title", a.text.slug),
                                                 "url": f"{a.text.slug}.html", "paragraphs": found})
    return [{"id": term.id, "term": term.term, "aliases": term.aliases, "html": md.render(term.body),
             "refs": refs.get(term.id, [])}
            for term in sorted(glossary, key=lambda t: sort_key_title(t.term))]
