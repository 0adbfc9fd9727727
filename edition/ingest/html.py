"""HTML seeds: a page saved from a browser (`.html`), read with trafilatura.

trafilatura (a library made for this) finds the page's main text and its own metadata: the
title, author, date and site name from the `<meta>` tags, JSON-LD and the page itself.  Its text
then goes through the same steps as a `.txt` seed, one paragraph per line, with that metadata
as the head's hints.  Each line of the report gives the line of the HTML file where its text
begins, when it can be found there.
"""
from __future__ import annotations

import html as html_module
from datetime import date

from edition.problems import error

from .units import Line, normalise_spaces


def read_html(data: bytes, path: str) -> tuple[list[Line] | None, dict, list]:
    """(the lines of the page's main text, metadata hints, problems)."""
    try:
        import trafilatura
    except ImportError:
        return None, {}, [error(path, None, "HTML seeds need trafilatura: run "
                                            "`pip install -r requirements.txt`, then ingest again")]
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                          include_tables=True, output_format="python")
    except Exception as exc:     # a page trafilatura cannot parse is a seed problem, not a crash
        return None, {}, [error(path, None, f"this HTML page could not be read ({exc}); save it again "
                                            "from the browser, or save its text as a .txt seed")]
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        return None, {}, [error(path, None, "no main text found in this HTML page; save the article's "
                                            "text as a .txt seed instead")]
    hints = {"title": doc.title or "", "byline": doc.author or "", "publisher": doc.sitename or "",
             "source_url": doc.url or ""}
    if doc.date:
        try:
            hints["date"] = date.fromisoformat(doc.date[:10])
        except ValueError:
            pass
    source = html_module.unescape(data.decode("utf-8", "replace")).split("\n")
    lines, at, last = [], 0, 0
    for raw in text.split("\n"):
        clean = normalise_spaces(raw)
        if not clean:
            continue
        found, at = find_line(source, clean, at)
        last = max(found, last + 1)               # line numbers stay unique and in order
        if lines:
            lines.append(Line(last, ""))          # one paragraph per line of the extracted text
        lines.append(Line(last, clean))
    return lines, {k: v for k, v in hints.items() if v}, []


def find_line(source: list, text: str, start: int) -> tuple[int, int]:
    """(line number in the HTML source where the text begins, where to look next)."""
    probe = text[:30]
    for i in range(start, len(source)):
        if probe in " ".join(source[i].split()):
            return i + 1, i
    return max(start, 1), start
