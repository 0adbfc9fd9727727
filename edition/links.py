"""Check every internal link against the pages and ids the build actually wrote."""
from __future__ import annotations

import difflib
import html
import re
from urllib.parse import unquote, urlsplit

from .problems import error, warning

WEB_ADDRESS = ("https://", "http://", "mailto:")    # never checked: the build stays offline
# Only bodies with something link-shaped (`](`, `]:`, `<x:`) are worth a second parse.
_LINKISH = re.compile(r"(?<!\\)\]\s*[(:]|<[A-Za-z][A-Za-z0-9+.-]*:")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:")
# markdown-it refuses only (vb|java)script:, file: and data: targets (after lower-casing).
_REFUSED_ENDINGS = ("script", "file", "data")


def ids_in(page: bytes) -> set:
    """Every id="…" in a page. A walk with bytes.find: five times a regex that must try a space
    at every position of 50 KB, for each of a thousand pages."""
    found = set()
    at = page.find(b'id="')
    while at != -1:
        if at and page[at - 1:at].isspace():
            end = page.find(b'"', at + 4)
            if end == -1:
                break
            if end > at + 4:
                found.add(page[at + 4:end].decode())
            at = page.find(b'id="', end)
        else:
            at = page.find(b'id="', at + 4)
    return found


def check_links(links, files: dict, ids_of=None):
    """links: [(href, source path, line, page url)]; files: site path -> bytes;
    ids_of(site path): the set of that page's ids where already known, else None (they are
    then read from its HTML)."""
    problems = []
    ids = {}
    for href, path, line, page in links:
        if href.startswith(WEB_ADDRESS):
            continue
        if not href.strip():
            problems.append(error(path, line, "a link has an empty target, so it leads nowhere; write the "
                                              "address between the brackets, e.g. [words](page.html)"))
            continue
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            continue
        if href.startswith("/"):
            problems.append(error(path, line, f"link `{href}` starts at the site root and breaks when the site "
                                              "is opened from disk or served under a sub-path; write it "
                                              f"relative, e.g. `{href.lstrip('/')}`"))
            continue
        target = unquote(parts.path) or page
        if target not in files:
            near = _nearest_page(target, files)
            hint = f"did you mean `{near}`?" if near else "link to one of the site's .html pages"
            problems.append(error(path, line, f"link `{href}` points to a page that does not exist; {hint}"))
            continue
        if parts.fragment:
            if target not in ids:
                known = ids_of(target) if ids_of else None
                ids[target] = known if known is not None else ids_in(files[target])
            if unquote(parts.fragment) not in ids[target]:
                hint = _fragment_hint(parts.fragment, ids[target])
                problems.append(error(path, line, f"link `{href}`: {target} has no `#{parts.fragment}`; {hint}"))
    return problems


def _nearest_page(target: str, files) -> str | None:
    # Compare names without ".html": the shared suffix makes every page look alike.
    stems = {p[:-5]: p for p in files if p.endswith(".html")}
    near = difflib.get_close_matches(target.removesuffix(".html"), sorted(stems), n=1)
    return stems[near[0]] if near else None


def _fragment_hint(fragment: str, ids: set) -> str:
    match = re.fullmatch(r"(p|note-)(.+)", fragment)
    if match and match.group(1) == "p":
        count = sum(1 for i in ids if re.fullmatch(r"p\d+", i))
        if count:
            return f"the page has paragraphs #p1 to #p{count}"
    near = difflib.get_close_matches(fragment, sorted(ids), n=1)
    if near:
        return f"did you mean `#{near[0]}`?"
    if match:
        known = sorted(i for i in ids if i.startswith("note-"))
        if known:
            return f"its notes are {', '.join('#' + k for k in known[:5])}{', …' if len(known) > 5 else ''}"
    return "check the id against the page"


def refused_links(body: str, path: str, body_line: int):
    """Links whose target Markdown refuses (javascript:, vbscript:, file:, data: other than images).

    markdown-it drops such a link and shows its source as plain text, which is safe but
    silent; the editor is told, with the line, so a mistyped link does not go unnoticed.
    """
    if not _LINKISH.search(body) or not _maybe_refused(body):
        return []
    probe, refused = _probe()
    probe.parse(body)
    if not refused:
        return []
    found = []
    lines = body.split("\n")
    for token in probe.parse(body):
        if token.type == "inline" and token.map:
            refused.clear()
            probe.parseInline(token.content)
            found += [(url, token.map[0]) for url in refused]
    for offset, line in enumerate(lines):
        if _REFERENCE.match(line):
            refused.clear()
            probe.parse(line + "\n")
            found += [(url, offset) for url in refused]
    return [warning(path, body_line + offset,
                    f"link target `{_shorten(url)}` is not allowed and the link is shown as plain text; "
                    "link only to web pages (https://…), e-mail addresses (mailto:) or pages of the site")
            for url, offset in dict.fromkeys(found)]


def _maybe_refused(body: str) -> bool:
    """False only if no link in the body can have a refused target: none of the words ends
    right before a colon, even once entities are decoded and backslashes dropped."""
    if _scheme_before_colon(body):
        return True
    return ("&" in body or "\\" in body) and _scheme_before_colon(html.unescape(body.replace("\\", "")))


def _scheme_before_colon(text: str) -> bool:
    # A walk from colon to colon: a case-blind regex over the whole body costs fifty times more.
    at = text.find(":")
    while at != -1:
        end = at
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if text[max(0, end - 6):end].lower().endswith(_REFUSED_ENDINGS):
            return True
        at = text.find(":", at + 1)
    return False


def _probe():
    """A Markdown parser that records the link targets it refuses."""
    global _PROBE
    if _PROBE is None:
        from .markdown import make_markdown
        md = make_markdown()
        refused = []
        allowed = md.validateLink

        def validate(url):
            ok = allowed(url)
            if not ok:
                refused.append(url)
            return ok
        md.validateLink = validate
        _PROBE = (md, refused)
    _PROBE[1].clear()
    return _PROBE


_PROBE = None


def _shorten(url: str, limit: int = 60) -> str:
    url = " ".join(url.split())
    return url if len(url) <= limit else url[: limit - 1] + "…"
