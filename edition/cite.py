"""Cite: each text as an item of the edition, in the forms readers and reference managers use.

- citation(): the item (CSL-JSON, the one model the other forms follow), its formatted
  citation (plain text and HTML), the short form a passage's citation starts with, and the
  page-head metadata (Highwire `citation_*` and Dublin Core `DC.*`) that Zotero and other
  reference managers read.
- files(): the downloads, cite/<slug>.json (CSL-JSON), cite/<slug>.bib (BibTeX) and
  cite/<slug>.ris (RIS).

A text is cited as a chapter of the edition: its author, its title, in the edition (its title
and editor), with the original publisher and date, and the page's address when `base_url` is
set. Names in a byline ("By Ada Marsh and Ben Hale", "Marco Rubio, Secretary of State") are
read as given and family names when they look like names, else kept whole (a literal).
Plain data in, plain data out: the templates and the tests read it (tests/test_cite.py reads
every form back with citeproc-py, bibtexparser and rispy).
"""
from __future__ import annotations

import json
import re
from html import escape

from .language import format_date

FOLDER = "cite"
MONTHS = ("January February March April May June July August September October November "
          "December").split()
# The words of a formatted citation, by the edition's language (the rest of the interface has
# its own strings; these follow the conventions of a citation in each language).
WORDS = {
    "en": {"in": "In", "edited by": "edited by", "and": "and"},
    "fr": {"in": "Dans", "edited by": "édité par", "and": "et"},
    "es": {"in": "En", "edited by": "editado por", "and": "y"},
    "de": {"in": "In", "edited by": "herausgegeben von", "and": "und"},
}
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:;|&|\band\b|\bund\b)\s*")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|[a-z]{1,3}|[A-Z]\.)$")
# Words that make a byline a body, not a person: kept whole.
_BODIES = {"the", "department", "office", "ministry", "agency", "board", "council", "committee", "editors",
           "staff", "press", "news", "service", "university", "association", "government", "reuters"}


def people(line: str) -> list:
    """CSL names from a byline: [{"given", "family"}] for what looks like a person's name,
    [{"literal"}] for anything else; a role after a comma is left out."""
    names = []
    for part in _SPLIT.split(_BY.sub("", line or "").strip()):
        part = part.split(",")[0].strip()
        words = part.split()
        if not words:
            continue
        if (2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words) and words[-1][:1].isupper()
                and not {w.lower().strip(".") for w in words} & _BODIES):
            names.append({"given": " ".join(words[:-1]), "family": words[-1]})
        else:
            names.append({"literal": part})
    return names


def date_parts(value) -> list | None:
    """[year, month, day] as far as a date (a PartialDate or a datetime.date) is known, or None."""
    if value is None or not getattr(value, "year", None):
        return None
    return [part for part in (value.year, value.month, value.day) if part]


def name_text(name: dict, inverted: bool = False) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}" if inverted else f"{name['given']} {name['family']}"


def citation(summary: dict, site: dict, editor: str, url: str, strings: dict | None = None) -> dict:
    """Everything a text's page and downloads say to cite it. summary: the text's front matter
    (pages.text_summary); site: pages.site_data; editor: the edition's (site.yaml), used when the
    text names none of its own; url: the page's site path (slug.html)."""
    # the text's own editor (front matter) if it names one, else the edition's (site.yaml)
    authors, editors = people(summary.get("byline", "")), people(summary.get("editor") or editor)
    date = summary.get("date")
    page_url = site["base_url"] + url if site["base_url"] else ""
    language = summary.get("language") or site["language"]
    item = {"id": summary["slug"], "type": "chapter", "title": summary["title"]}
    if authors:
        item["author"] = authors
    item["container-title"] = site["title"]
    if editors:
        item["editor"] = editors
    if summary.get("publisher"):
        item["publisher"] = summary["publisher"]
    if date_parts(date):
        item["issued"] = {"date-parts": [date_parts(date)]}
    if date_parts(summary.get("first_published")):
        item["original-date"] = {"date-parts": [date_parts(summary["first_published"])]}
    if page_url:
        item["URL"] = page_url
    if summary.get("source_url"):
        item["note"] = f"Source: {summary['source_url']}"
    item["language"] = language
    # the citation is written in the edition's language (its interface), whatever the text's
    interface = site["language"] or "en"
    words = WORDS.get(interface.split("-")[0], WORDS["en"])
    text, html = formatted(item, words, date_text(date, interface, strings))
    return {"item": item, "text": text, "html": html, "short": short(item), "url": page_url,
            "meta": head_meta(item), "downloads": download_paths(summary["slug"])}


def date_text(date, language: str, strings: dict | None = None) -> str:
    """The date as the language writes it (language.format_date: CLDR, or the theme's strings'
    date patterns), else plainly in English."""
    parts = date_parts(date)
    if not parts:
        return ""
    try:
        return format_date(date, language or "en", strings)
    except Exception:   # noqa: BLE001 — a date that cannot be written the language's way is written plainly
        day = [str(parts[2])] if len(parts) > 2 else []
        return " ".join(day + ([MONTHS[parts[1] - 1]] if len(parts) > 1 else []) + [str(parts[0])])


def formatted(item: dict, words: dict, date: str = ""):
    """(plain text, HTML) of a full citation: Author. “Title.” In Edition, edited by Editor.
    Publisher, 4 February 2025. URL."""
    parts = []     # (text, italic)
    if item.get("author"):
        parts.append((_names(item["author"], words) + ". ", False))
    parts.append((f"“{item['title'].rstrip('.')}.” ", False))
    parts += [(words["in"] + " ", False), (item["container-title"], True)]
    if item.get("editor"):
        parts.append((f", {words['edited by']} {_names(item['editor'], words)}", False))
    parts.append((". ", False))
    tail = ", ".join(t for t in (item.get("publisher", ""), date) if t)
    if tail:
        parts.append((tail + ". ", False))
    if item.get("URL"):
        parts.append((item["URL"] + ".", False))
    text = "".join(t for t, _ in parts).strip()
    html = "".join(f"<i>{escape(t)}</i>" if italic else escape(t) for t, italic in parts).strip()
    return text, html


def short(item: dict) -> str:
    """The start of a passage's citation: Author, “Title” (then the theme adds ", ¶ 7")."""
    author = ", ".join(name_text(n) for n in item.get("author", [])[:1])
    return f"{author}, “{item['title']}”" if author else f"“{item['title']}”"


def _names(names: list, words: dict) -> str:
    written = [name_text(n) for n in names]
    return written[0] if len(written) == 1 else ", ".join(written[:-1]) + f" {words['and']} " + written[-1]


def _dashed(parts: list, sep: str = "-") -> str:
    return sep.join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def head_meta(item: dict) -> list:
    """[(name, content)] for <meta name=… content=…> in the page head: Highwire Press tags
    (Zotero's Embedded Metadata, Google Scholar) and Dublin Core."""
    issued = item.get("issued", {}).get("date-parts", [None])[0]
    meta = [("citation_title", item["title"])]
    meta += [("citation_author", name_text(n, inverted=True)) for n in item.get("author", [])]
    if issued:
        meta.append(("citation_publication_date", _dashed(issued, "/")))
    if item.get("publisher"):
        meta.append(("citation_publisher", item["publisher"]))
    meta.append(("citation_inbook_title", item["container-title"]))
    meta += [("citation_editor", name_text(n, inverted=True)) for n in item.get("editor", [])]
    meta.append(("citation_language", item["language"]))
    if item.get("URL"):
        meta.append(("citation_public_url", item["URL"]))
    meta += [("DC.title", item["title"])]
    meta += [("DC.creator", name_text(n, inverted=True)) for n in item.get("author", [])]
    meta += [("DC.contributor", name_text(n, inverted=True)) for n in item.get("editor", [])]
    if issued:
        meta.append(("DC.date", _dashed(issued)))
    if item.get("publisher"):
        meta.append(("DC.publisher", item["publisher"]))
    meta += [("DC.type", "Text"), ("DC.language", item["language"]),
             ("DC.relation.isPartOf", item["container-title"])]
    if item.get("URL"):
        meta.append(("DC.identifier", item["URL"]))
    if item.get("note"):
        meta.append(("DC.source", item["note"][len("Source: "):]))
    return meta


# --- the downloads ----------------------------------------------------------------------------

def download_paths(slug: str) -> dict:
    return {kind: f"{FOLDER}/{slug}.{kind}" for kind in ("json", "bib", "ris")}


def files(item: dict) -> dict:
    """{site path: bytes}: the item as CSL-JSON, BibTeX and RIS."""
    paths = download_paths(item["id"])
    return {paths["json"]: (json.dumps([item], ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            paths["bib"]: bibtex(item).encode("utf-8"), paths["ris"]: ris(item).encode("utf-8")}


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in " ".join(value.split()))


def _bib_names(names: list) -> str:
    return " and ".join("{" + _tex(n["literal"]) + "}" if "literal" in n
                        else f"{_tex(n['family'])}, {_tex(n['given'])}" for n in names)


def bibtex(item: dict) -> str:
    """A biblatex/BibTeX @incollection entry (UTF-8; special characters escaped)."""
    key = re.sub(r"[^A-Za-z0-9_:-]", "-", item["id"])
    fields = [("title", _tex(item["title"]))]
    if item.get("author"):
        fields.append(("author", _bib_names(item["author"])))
    fields.append(("booktitle", _tex(item["container-title"])))
    if item.get("editor"):
        fields.append(("editor", _bib_names(item["editor"])))
    if item.get("publisher"):
        fields.append(("publisher", _tex(item["publisher"])))
    if item.get("issued"):
        parts = item["issued"]["date-parts"][0]
        fields += [("year", str(parts[0]))] + ([("month", str(parts[1]))] if len(parts) > 1 else [])
        fields.append(("date", _dashed(parts)))
    if item.get("original-date"):
        fields.append(("origdate", _dashed(item["original-date"]["date-parts"][0])))
    if item.get("URL"):
        fields.append(("url", item["URL"]))
    if item.get("note"):
        fields.append(("note", _tex(item["note"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@incollection{{{key},\n{body}\n}}\n"


def ris(item: dict) -> str:
    """A RIS record: TY CHAP, the title, authors, book title and editors, publisher, date, URL."""
    one = lambda value: " ".join(str(value).split())  # noqa: E731 — RIS is one line per field
    lines = [("TY", "CHAP"), ("TI", one(item["title"]))]
    lines += [("AU", one(name_text(n, inverted=True))) for n in item.get("author", [])]
    lines.append(("T2", one(item["container-title"])))
    lines += [("A2", one(name_text(n, inverted=True))) for n in item.get("editor", [])]
    if item.get("publisher"):
        lines.append(("PB", one(item["publisher"])))
    if item.get("issued"):
        parts = item["issued"]["date-parts"][0]
        da = "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])] + [""] * (3 - len(parts))) + "/"
        lines += [("PY", str(parts[0])), ("DA", da)]
    if item.get("URL"):
        lines.append(("UR", item["URL"]))
    lines.append(("LA", item["language"]))
    if item.get("note"):
        lines.append(("N1", one(item["note"])))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)
