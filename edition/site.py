"""The build, stage by stage: load & check → annotate → render → check links.

Returns the whole site as {path: bytes} plus every problem found; writing is the
caller's business (see write.py), so a build with errors never touches the output.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import __version__
from .annotate import HEADER_FIELDS, annotate_text, footnote_problems
from .glossary import TermMatcher
from .links import check_links
from .load import load_project
from .markdown import make_markdown
from .problems import sort_problems, warning
from .render import load_theme, render_template, sort_key_title


HEADER_LABELS = {"subtitle": "subtitle", "byline": "byline", "publisher": "publisher",
                 "photo_caption": "photo caption", "photo_credit": "photo credit"}


@dataclass
class Build:
    files: dict         # site path -> bytes
    problems: list


def build_site(root: Path, config) -> Build:
    # 1. load & check the content
    project, problems = load_project(root)
    problems += seed_problems(root, project.texts)
    md = make_markdown()

    # 2. annotate: anchor notes, link glossary terms
    matcher = TermMatcher(project.glossary)
    annotated = []
    for text in project.texts:
        result = annotate_text(text, project.notes.get(text.slug, []), matcher, config.glossary_links, md)
        problems += result.problems + footnote_problems(text.body, text.path, text.body_line)
        annotated.append(result)
    problems += unused_terms(project.glossary, annotated)
    for page in project.pages:
        problems += footnote_problems(page.body, page.path, page.body_line)

    # 3. render every page through the theme
    theme = load_theme(root, config.theme)
    files, links, render_problems = render_pages(root, config, project, annotated, theme, md)
    problems += render_problems
    for path, source in theme.static.items():
        files[path] = source.read_bytes()

    # 4. check every internal link against what was rendered
    if not render_problems:
        problems += check_links(links, files)
    return Build(files, sort_problems(set(problems)))


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

def render_pages(root, config, project, annotated, theme, md):
    site = site_context(config)
    texts = sorted(annotated, key=lambda a: (a.text.meta.get("order") or 10**6,
                                             str(a.text.meta.get("date") or "9999"),
                                             sort_key_title(a.text.meta.get("title", ""))))
    pages = sorted(project.pages, key=lambda p: (p.meta.get("order") or 10**6, sort_key_title(p.meta.get("title", ""))))
    glossary = glossary_entries(project.glossary, texts, md)
    nav = ([{"title": a.text.meta.get("title", a.text.slug), "url": f"{a.text.slug}.html", "kind": "text"} for a in texts]
           + ([{"title": "Glossary", "url": "glossary.html", "kind": "glossary"}] if glossary else [])
           + [{"title": p.meta.get("title", p.slug), "url": f"{p.slug}.html", "kind": "page"} for p in pages])
    terms_by_id = {entry["id"]: entry for entry in glossary}

    jobs = []   # (site path, template, context)
    jobs.append(("index.html", "index.html", {
        "page": _page(site, "index.html", config.title, config.description),
        "texts": [text_summary(a) for a in texts], "pages": nav[len(texts):]}))
    for a in texts:
        meta = a.text.meta
        url = f"{a.text.slug}.html"
        jobs.append((url, "text.html", {
            "page": _page(site, url, meta["title"], meta.get("description") or meta.get("subtitle", "")),
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

    files, problems = {}, []
    for path, template, context in jobs:
        context.update(site=site, nav=nav)
        html, template_problems = render_template(theme, template, context, root)
        problems += template_problems
        files[path] = html.encode("utf-8")
    return files, links, problems


def _links_of(md, body):
    from .markdown import links_in
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
    entries = []
    for term in sorted(glossary, key=lambda t: sort_key_title(t.term)):
        refs = []
        for a in texts:
            places = [{"label": HEADER_LABELS[name], "number": None, "url": f"{a.text.slug}.html#{name}"}
                      for name, (_, ids) in a.header.items() if term.id in ids]
            places += [{"label": f"¶ {n}", "number": n, "url": f"{a.text.slug}.html#p{n}"}
                       for n in a.occurrences.get(term.id, ())]
            if places:
                refs.append({"title": a.text.meta.get("title", a.text.slug), "url": f"{a.text.slug}.html",
                             "paragraphs": places})
        entries.append({"id": term.id, "term": term.term, "aliases": term.aliases,
                        "html": md.render(term.body), "refs": refs})
    return entries
