"""Markdown seeds (`.md`): pages scraped as Markdown keep their structure and give their metadata.

Read as metadata, and left out of the body (reported): a YAML block at the top (web clippers:
`title`, `source`/`url`, `author`, `published`/`date`, `subtitle`, `form`) or a reader-service
header (`Title:`, `URL Source:`, `Published Time:`, `Markdown Content:`).  In the body:
- `#` headings stay headings (the first level-one heading is the title when no metadata names
  one; the others become level two at least);
- list items stay list items; lines that end in a hard break (two spaces or a backslash) stay
  lines, as verse does; other lines of a paragraph are joined;
- inline emphasis and web links are kept as the seed wrote them; a link to anything but a web
  page or an e-mail address keeps only its text; images are left out (the edition shows none);
  `<`, `|` and a line-start marker that is not Markdown structure are escaped;
- a footnote (`[^1]` and its `[^1]: …`) stays one; half of one is escaped, so its words show.
Every recogniser of a `.txt` seed sees each line's visible text, so chrome, head lines and
repeats are found the same way.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from .units import Line, Unit, indent_of, normalise_spaces

HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
ITEM_RE = re.compile(r"^(?P<marker>[-*+]|\d{1,3}[.)])\s+(?P<content>\S.*)$")
IMAGE_RE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)")
IMAGE_ONLY_RE = re.compile(r"^(?:\[?!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)\]?(?:\([^)]*\))?\s*)+$")
LINK_RE = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\)")
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
FENCE_RE = re.compile(r"^(?:```|~~~)")
HEADER_RE = re.compile(r"^(?P<key>Title|URL Source|Published Time|Markdown Content):\s*(?P<value>.*)$")
SAFE_LINK_RE = re.compile(r"^(?:https?://|mailto:|#)", re.I)
KEYS = {"title": "title", "source": "source_url", "url": "source_url", "link": "source_url",
        "source_url": "source_url", "author": "byline", "authors": "byline", "byline": "byline",
        "published": "date", "date": "date", "subtitle": "subtitle", "form": "form",
        "site": "publisher", "publisher": "publisher", "site_name": "publisher"}


def read_markdown(text: str) -> tuple[list[Unit], dict, list]:
    """(units of the body, metadata hints, lines left out as (line, text, reason))."""
    lines = text.split("\n")
    hints, dropped, start = front_matter(lines)
    units, block, paragraph = [], 0, []
    in_fence = False

    def close():
        nonlocal paragraph
        if paragraph:
            units.extend(paragraph_units(paragraph, block))
            paragraph = []

    for number, raw in enumerate(lines[start:], start=start + 1):
        stripped = raw.strip()
        if FENCE_RE.match(stripped):
            close()
            in_fence = not in_fence
            dropped.append((number, stripped, "code fence marker"))
            continue
        if not stripped:
            close()
            block += 1
            continue
        if in_fence:
            units.append(Unit([Line(number, normalise_spaces(raw))], block))
            continue
        if IMAGE_ONLY_RE.match(stripped):
            close()
            dropped.append((number, stripped, "image (the edition shows no images)"))
            continue
        if (match := HEADING_RE.match(stripped)):
            close()
            md = inline(match["text"])
            units.append(Unit([Line(number, visible(match["text"]))], block, kind="heading",
                              markdown=md, level=len(match["hashes"])))
            if len(match["hashes"]) == 1 and not hints.get("title"):
                hints["title"] = visible(match["text"])
            continue
        if (match := ITEM_RE.match(stripped)):
            close()
            marker = match["marker"]
            kind, number_, delim = ("bullet", None, "") if marker in "-*+" else ("ordered", int(marker[:-1]), marker[-1])
            line = Line(number, f"{marker} {visible(match['content'])}")
            units.append(Unit([line], block, kind, number_, delim, markdown=inline(match["content"])))
            continue
        paragraph.append((number, raw))
    close()
    for unit in units:
        unit.block_size = sum(1 for u in units if u.block == unit.block)
    keep_footnote_words(units)
    return units, hints, dropped


FOOTNOTE_RE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](:?)")


def keep_footnote_words(units) -> None:
    """A seed's footnote stays a footnote when it is cited and defined; a `[^1]` with no
    definition, or a definition nobody cites (which Markdown would drop from the page), is escaped,
    so its words show as the seed has them."""
    found = [(m[1], bool(m[2]) and m.start() == 0) for u in units if u.markdown for m in FOOTNOTE_RE.finditer(u.markdown)]
    complete = {label for label, _ in found if (label, True) in found and (label, False) in found}
    for unit in units:
        if unit.markdown and "[^" in unit.markdown:
            unit.markdown = FOOTNOTE_RE.sub(lambda m: m[0] if m[1] in complete else f"\\[^{m[1]}\\]{m[2]}",
                                            unit.markdown)


def paragraph_units(paragraph: list, block: int) -> list:
    """A paragraph's lines: joined, or kept as lines where the seed ends them with a hard break."""
    paragraph = [(number, raw) for number, raw in paragraph if clean(raw)]
    if not paragraph:
        return []
    hard = [raw.endswith(("  ", "\\")) for _, raw in paragraph[:-1]]
    if any(hard) and len(paragraph) >= 2:
        return [Unit([Line(number, visible(clean(raw)), indent_of(raw))], block, stanza=-block - 1,
                     markdown=inline(clean(raw))) for number, raw in paragraph]
    text = " ".join(clean(raw) for _, raw in paragraph)
    unit = Unit([Line(number, visible(clean(raw)), indent_of(raw)) for number, raw in paragraph], block)
    unit.markdown = inline(text)
    return [unit]


def clean(raw: str) -> str:
    return normalise_spaces(raw.rstrip().removesuffix("\\"))


def visible(md: str) -> str:
    """What a reader sees of a line of Markdown: no image, link targets or emphasis marks."""
    text = IMAGE_RE.sub("", md)
    text = LINK_RE.sub(lambda m: m["text"], text)
    for _ in range(2):
        text = EMPHASIS_RE.sub(r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)
    return normalise_spaces(text)


def inline(md: str) -> str:
    """The line's Markdown as the body keeps it: images out, unsafe links reduced to their text,
    raw HTML and table pipes escaped, a leading block marker escaped."""
    text = IMAGE_RE.sub("", normalise_spaces(md))
    text = LINK_RE.sub(lambda m: m.group() if SAFE_LINK_RE.match(m["url"]) else m["text"], text)
    text = re.sub(r"(?<!\\)([<|])", r"\\\1", text)
    if re.match(r"^(?:[>=+]|\d{1,9}[.)](?:\s|$)|-(?:\s|$)|#)", text):
        text = "\\" + text
    return normalise_spaces(text)


def front_matter(lines: list) -> tuple[dict, list, int]:
    """(hints, lines left out, where the body starts) for a YAML block or a reader header."""
    hints, dropped = {}, []
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            try:
                data = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError:
                data = {}
            if isinstance(data, dict):
                for key, value in data.items():
                    if str(key).lower() in KEYS and value not in (None, "", []):
                        hints.setdefault(KEYS[str(key).lower()], as_hint(KEYS[str(key).lower()], value))
            for number in range(1, end + 2):
                if lines[number - 1].strip():
                    dropped.append((number, lines[number - 1].strip(), "front matter of the Markdown seed (read as metadata)"))
            return {k: v for k, v in hints.items() if v not in (None, "")}, dropped, end + 1
    start = 0
    for i, line in enumerate(lines[:12]):
        match = HEADER_RE.match(line.strip())
        if match:
            key = {"Title": "title", "URL Source": "source_url", "Published Time": "date"}.get(match["key"])
            if key and match["value"]:
                hints[key] = as_hint(key, match["value"])
            dropped.append((i + 1, line.strip(), "reader header of the Markdown seed (read as metadata)"))
            start = i + 1
        elif line.strip() and start:
            break
    return {k: v for k, v in hints.items() if v not in (None, "")}, dropped, start


def as_hint(key: str, value):
    if key == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    if isinstance(value, list):
        return ", ".join(str(v).strip("[]") for v in value)
    return str(value).strip()
