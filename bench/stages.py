"""Where a cold build's time goes: the build in one process, each stage timed.

    EDITION_PROCESSES=1 python bench/stages.py CORPUS_DIR

Wraps the stage functions that edition.build calls and prints one Markdown table row per
stage (wall seconds, one process, no cache); run.py puts the table in RESULTS.md.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from edition import annotate, build, cite, fonts, otherpages, pages, search  # noqa: E402
from edition.config import load_config  # noqa: E402
from edition.reuse import DiskStore  # noqa: E402
from edition.write import Discard  # noqa: E402

STAGES = [  # (module, function, what it is)
    (build, "load_project", "load & check content (front matter, glossary, refused links; notes read)"),
    (build, "parse_notes", "parse notes files (in each text's job)"),
    (build, "annotate_text", "annotate texts (parse, anchors, terms, markup, render blocks)"),
    (annotate, "render_notes", "… of which note bodies to HTML"),
    (build, "render_page", "templates (Jinja), each text's page and the 404"),
    (otherpages, "render_page_file", "templates (Jinja), the contents, glossary, timeline and reference pages"),
    (pages, "glossary_entries", "glossary back-references (page data)"),
    (build, "check_links", "internal link check"),
    (search, "text_places", "search: each text's places (its blocks and notes as plain text)"),
    (search, "places_script", "search: each text's places file (search/t/<slug>.js)"),
    (search, "text_terms", "search: each text's term counts"),
    (search, "index_files", "search: the index and its shards (one job, made meanwhile in its own process)"),
    (cite, "citation", "cite: each text's citation and head metadata"),
    (cite, "files", "cite: each text's CSL-JSON, BibTeX and RIS"),
    (build, "annotation_files", "annotations: each text's notes as Web Annotations (annotations/<slug>.jsonld)"),
    (build, "render_template", "EPUB: each text's chapter (epub/text.xhtml, Jinja)"),
    (build, "make_book", "EPUB: the book's contents, glossary and pages (`check`'s sink: the zip is not written)"),
    (pages, "events", "timeline: every dated note in order (page data)"),
    (fonts, "characters", "fonts: the characters of each page"),
    (fonts, "font_files", "fonts: the face subset to them (fontTools, WOFF2; made meanwhile in its own process)"),
]


def main(root: Path) -> None:
    spent = {}
    for module, name, _ in STAGES:
        original = getattr(module, name)

        def timed(*args, _original=original, _name=name, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - started
        setattr(module, name, timed)
    config, _ = load_config(root)
    started = time.perf_counter()
    build.build(root, config, DiskStore(root, root / config.output, fresh=True, read_only=True), Discard())
    total = time.perf_counter() - started
    for _, name, label in STAGES:
        print(f"| {label} | {spent.get(name, 0.0):.2f} s |")
    print(f"| **whole build.build, one process** | **{total:.2f} s** |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
