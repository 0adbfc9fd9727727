"""The floor: the corpus's Markdown through markdown-it-py (+ footnotes) and nothing else.

Reads every file of the Hugo copy (the texts with their notes as inline footnotes, and the
glossary), renders each to HTML and throws it away: no annotation, no templates, no writing.
The runner times this script as a whole, like the build, so both pay interpreter start-up.

    python bench/floor.py CORPUS_DIR PROCESSES
"""
from __future__ import annotations

import sys
from multiprocessing import Pool
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

_md = None


def render(source: str) -> int:
    global _md
    if _md is None:
        _md = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    return len(_md.render(source))


def main(corpus: Path, processes: int) -> None:
    sources = []
    for path in sorted((corpus / "hugo" / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        sources.append(text.split("\n---\n", 1)[1])     # the body, as the build sees it
    if processes == 1:
        total = sum(map(render, sources))
    else:
        with Pool(processes) as pool:
            total = sum(pool.map(render, sources, chunksize=max(1, len(sources) // (processes * 8))))
    print(total)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
