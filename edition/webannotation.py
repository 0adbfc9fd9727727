"""A text's notes as W3C Web Annotations, and as a file the Hypothes.is client imports.

Each note becomes an Annotation (motivation `commenting`) whose body is a Choice of two
TextualBody: the note rendered as HTML, and its Markdown source. Its target is the text's page,
selected two ways that pick the same words (docs/formats.md, "Annotations out"):

- a TextQuoteSelector: `exact`, and up to AROUND code points of `prefix` and `suffix` from the
  same block (a block's neighbours are not next to it on the page: paragraph numbers and margin
  notes stand between them);
- a TextPositionSelector: `start` and `end` in Unicode code points (Python's own string index)
  of the *reading text*: the body as annotate sees it, every block's words in order, blocks
  joined by one newline, line breaks as a newline, nothing folded or normalised.

Glossary links can be exported too (site.yaml `annotations: all`): an Annotation with motivation
`identifying` whose body is the glossary entry the words stand for.

The Hypothes.is client counts positions in UTF-16 units of the whole page, so its file carries
only the quote; it is written only with `base_url` set, since Hypothes.is files annotations by
a page's public address.
"""
from __future__ import annotations

import json
import re

from .annotate import SEPARATOR

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AROUND = 32     # code points of prefix and suffix (what Hypothes.is records)
MODES = ("notes", "all", "none")

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_HREF = re.compile(r'(\shref=")([^"]*)"')
_MD_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
_MD_REFERENCE = re.compile(r"(?m)^( {0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?)$")


def reading_text(visible: str) -> str:
    """The text TextPositionSelector counts in: annotate's visible text, blocks joined by "\\n"."""
    return visible.replace(SEPARATOR, "\n")


def around(visible: str, start: int, end: int, width: int = AROUND):
    """(prefix, suffix): up to `width` code points either side of visible[start:end], within its block."""
    prefix = visible[max(0, start - width):start].rsplit(SEPARATOR, 1)[-1]
    suffix = visible[end:end + width].split(SEPARATOR, 1)[0]
    return prefix, suffix


def text_selectors(visible: str, start: int, end: int) -> list:
    prefix, suffix = around(visible, start, end)
    return [{"type": "TextQuoteSelector", "exact": reading_text(visible[start:end]),
             "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end}]


class Addresses:
    """Where a text's page, its glossary and its annotation file are, as the files name them:
    absolute from base_url when it is set, else relative to the folder `annotations/`."""

    def __init__(self, slug: str, base_url: str):
        self.base = base_url or "../"
        self.page = f"{self.base}{slug}.html"
        self.collection = f"{base_url}annotations/{slug}.jsonld" if base_url else f"{slug}.jsonld"

    def page_of(self, placed) -> str:
        """The page a note stands on: the text's, or its chapter's when the text is split (its
        TextPositionSelector still counts in the whole text, as annotate's visible text does)."""
        return f"{self.base}{placed.page}" if getattr(placed, "page", "") else self.page

    def resolve(self, target: str) -> str:
        """A link of the page (relative to it) as seen from the annotation file."""
        if not target or _SCHEME.match(target) or target.startswith("//"):
            return target
        if target.startswith("#"):
            return self.page + target
        return self.base + target.lstrip("/")


def collection(annotated, site: dict, mode: str) -> dict:
    """The text's notes (and, for mode `all`, its glossary links) as one AnnotationCollection."""
    text = annotated.text
    at = Addresses(text.slug, site["base_url"])
    language = text.meta.language or site["language"]
    visible = annotated.visible
    items = [note_annotation(note, visible, at, language) for note in annotated.notes]
    if mode == "all":
        seen: dict = {}
        for start, end, term_id in annotated.term_links:
            seen[term_id] = seen.get(term_id, 0) + 1
            items.append({"id": f"{at.collection}#term-{term_id}-{seen[term_id]}", "type": "Annotation",
                          "motivation": "identifying", "body": at.resolve(f"glossary.html#{term_id}"),
                          "target": {"type": "SpecificResource", "source": at.page,
                                     "selector": text_selectors(visible, start, end)}})
    data = {"@context": CONTEXT, "id": at.collection, "type": "AnnotationCollection",
            "label": f"Notes on “{text.meta.title}”", "total": len(items)}
    if items:   # the model: a collection with annotations has a first page; a page has one or more
        data["first"] = {"id": f"{at.collection}#page-1", "type": "AnnotationPage", "startIndex": 0,
                         "items": items}
    return data


def note_annotation(placed, visible: str, at: Addresses, language: str) -> dict:
    note = placed.note
    html = _HREF.sub(lambda m: f'{m.group(1)}{at.resolve(m.group(2))}"', placed.html)
    data = {"id": f"{at.collection}#note-{note.id}", "type": "Annotation", "motivation": "commenting",
            "body": {"type": "Choice", "items": [
                {"type": "TextualBody", "format": "text/html", "language": language, "value": html},
                {"type": "TextualBody", "format": "text/markdown", "language": language,
                 "value": note.body}]},
            "target": {"type": "SpecificResource", "source": at.page_of(placed),
                       "selector": text_selectors(visible, placed.start, placed.end)}}
    if note.date:   # when what the note tells happened (its `date:` line); the anno context defines schema:
        data["schema:temporalCoverage"] = str(note.date)      # 1916, 1863-11 or 1863-11-19 (ISO 8601)
    return data


DATE_TAG = "date:"


def hypothesis_file(annotated, site: dict) -> dict:
    """The notes in the form the Hypothes.is client's "Import" reads: {annotations: [...]}, each
    with the page's address, its Markdown text (links made absolute) and a quote selector."""
    text = annotated.text
    at = Addresses(text.slug, site["base_url"])
    annotations = []
    for placed in annotated.notes:
        quote = text_selectors(annotated.visible, placed.start, placed.end)[0]
        annotations.append({"uri": at.page_of(placed), "document": {"title": [text.meta.title]},
                            "text": absolute_markdown_links(placed.note.body, at),
                            # Hypothes.is has no field for when: a tag carries a note's date there and back
                            "tags": [f"{DATE_TAG}{placed.note.date}"] if placed.note.date else [],
                            "target": [{"source": at.page_of(placed), "selector": [quote]}]})
    date = f"{text.meta.date.as_date()}T00:00:00.000Z" if text.meta.date else ""
    return {"export_date": date, "export_userid": "", "client_version": "", "annotations": annotations}


def absolute_markdown_links(body: str, at: Addresses) -> str:
    """Relative link targets of a note's Markdown made absolute: on Hypothes.is they would
    resolve against hypothes.is itself."""
    body = _MD_LINK.sub(lambda m: m.group(1) + at.resolve(m.group(2)), body)
    return _MD_REFERENCE.sub(lambda m: m.group(1) + at.resolve(m.group(2)) + m.group(3), body)


def encode(data: dict, items=("first", "items")) -> bytes:
    """Compact JSON with one annotation a line: a change shows as the lines of the notes it
    touched, and json's C encoder runs (with `indent` it falls back to Python, ten times slower)."""
    return (_lines(data, items) + "\n").encode("utf-8")


def _lines(value, path) -> str:
    if not path:
        return "[\n" + ",\n".join(map(_compact, value)) + "\n]" if value else "[]"
    if not isinstance(value, dict) or path[0] not in value:
        return _compact(value)
    return "{" + ",".join(f"{_compact(k)}:{_lines(v, path[1:]) if k == path[0] else _compact(v)}"
                          for k, v in value.items()) + "}"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def annotation_files(annotated, site: dict, mode: str) -> dict:
    """{site path: bytes} of a text's annotation files: none for mode `none`."""
    if mode == "none":
        return {}
    slug = annotated.text.slug
    files = {f"annotations/{slug}.jsonld": encode(collection(annotated, site, mode))}
    if site["base_url"]:
        files[f"annotations/{slug}.hypothesis.json"] = encode(hypothesis_file(annotated, site), ("annotations",))
    return files
