"""Check every internal link against the pages and ids the build actually made."""
from __future__ import annotations

import difflib
import re
from urllib.parse import unquote, urlsplit

from .problems import error
from .urls import KNOWN_SCHEMES, UNCHECKED


def ids_in(page: bytes) -> set:
    """Every id="…" in a page. A walk with bytes.find: five times a regex that must try a space
    at every position of 50 KB, for each of a thousand pages."""
    found = set()
    scan_ids(page, 0, True, found.add)
    return found


def duplicate_ids(page: bytes) -> set:
    """The ids that occur more than once in a page (each must name one place)."""
    seen, twice = set(), set()
    scan_duplicate_ids(page, 0, True, seen, twice)
    return {name.decode() for name in twice}


# The two scans as loops that can stop where the bytes run out and go on when more come
# (pagescan.py feeds a page to them block by block): each returns where it must start again.
# final: the page ends here (a value with no closing quote then ends the scan, as it always has).

def scan_ids(page: bytes, at: int, final: bool, add) -> int:
    searched = at
    at = page.find(b'id="', at)
    while at != -1:
        if at and page[at - 1:at].isspace():
            end = page.find(b'"', at + 4)
            if end == -1:
                return len(page) if final else at
            if end > at + 4:
                add(page[at + 4:end].decode())
            searched, at = end, page.find(b'id="', end)
        else:
            searched, at = at + 4, page.find(b'id="', at + 4)
    return _partial(page, searched)


def scan_duplicate_ids(page: bytes, at: int, final: bool, seen: set, twice: set) -> int:
    searched = at
    at = page.find(b'id="', at)
    while at != -1:
        end = page.find(b'"', at + 4)
        if end == -1:
            return len(page) if final else at
        if at and page[at - 1:at].isspace():
            name = page[at + 4:end]
            (twice if name in seen else seen).add(name)
        searched, at = end, page.find(b'id="', end)
    return _partial(page, searched)


def _partial(page: bytes, searched: int) -> int:
    """Where a search from `searched` that found nothing must look again: an id=" may have begun in the last three bytes."""
    return max(searched, len(page) - 3)


def check_links(links, paths, ids_of, siblings=lambda path: ()):
    """links: [(href, source path, line, site path of the page it is on)]; paths: every site
    path; ids_of(site path): the ids of that page (asked only for pages a fragment points into);
    siblings(site path): the pages of a text split into chapters that the page is one of."""
    problems = []
    ids = {}
    for href, path, line, page in links:
        if href.startswith(UNCHECKED):
            continue
        if not href.strip():
            problems.append(error(path, line, "a link has an empty target, so it leads nowhere; write the "
                                              "address between the brackets, e.g. [words](page.html)"))
            continue
        parts = urlsplit(href)
        if parts.scheme and parts.scheme not in KNOWN_SCHEMES:
            near = difflib.get_close_matches(parts.scheme, KNOWN_SCHEMES, n=1)
            hint = f"did you mean `{near[0]}:`?" if near else f"use one of {', '.join(s + ':' for s in KNOWN_SCHEMES)}"
            problems.append(error(path, line, f"link `{href}` has the unknown scheme `{parts.scheme}:`, so it leads "
                                              f"nowhere; {hint}"))
            continue
        if parts.scheme or href.startswith("//"):
            continue
        if href.startswith("/"):
            problems.append(error(path, line, f"link `{href}` starts at the site root and breaks when the site "
                                              "is opened from disk or served under a sub-path; write it "
                                              f"relative, e.g. `{href.lstrip('/')}`"))
            continue
        target = unquote(parts.path) or page
        if target not in paths and not target.endswith(".html"):
            near = _nearest_file(target, paths)
            hint = f"did you mean `{near}`?" if near else "put the file in content/media/ and write media/NAME"
            problems.append(error(path, line, f"`{href}` is not a file of the site; {hint}"))
            continue
        if target not in paths:
            near = _nearest_page(target, paths)
            hint = f"did you mean `{near}`?" if near else "link to one of the site's .html pages"
            problems.append(error(path, line, f"link `{href}` points to a page that does not exist; {hint}"))
            continue
        if parts.fragment:
            if target not in ids:
                if len(ids) >= 256:     # a few pages' ids at a time: at 10,000 texts all of them were 22 MB
                    ids.clear()
                ids[target] = ids_of(target)
            if unquote(parts.fragment) not in ids[target]:
                holder = next((other for other in siblings(target) if other != target
                               and unquote(parts.fragment) in ids.setdefault(other, ids_of(other))), None)
                hint = (f"it is on {holder}, another page of the same text: link `{holder}#{parts.fragment}`"
                        if holder else _fragment_hint(parts.fragment, ids[target]))
                problems.append(error(path, line, f"link `{href}`: {target} has no `#{parts.fragment}`; {hint}"))
    return problems


def _nearest_page(target: str, paths) -> str | None:
    # Compare names without ".html": the shared suffix makes every page look alike.
    stems = {p[:-5]: p for p in paths if p.endswith(".html")}
    near = difflib.get_close_matches(target.removesuffix(".html"), sorted(stems), n=1)
    return stems[near[0]] if near else None


def _nearest_file(target: str, paths) -> str | None:
    near = difflib.get_close_matches(target, sorted(p for p in paths if not p.endswith(".html")), n=1)
    return near[0] if near else None


def _fragment_hint(fragment: str, ids) -> str:
    ids = sorted(ids)
    match = re.fullmatch(r"(p|note-)(.+)", fragment)
    if match and match.group(1) == "p":
        count = sum(1 for i in ids if re.fullmatch(r"p\d+", i))
        if count:
            return f"the page has paragraphs #p1 to #p{count}"
    near = difflib.get_close_matches(fragment, ids, n=1)
    if near:
        return f"did you mean `#{near[0]}`?"
    if match:
        known = [i for i in ids if i.startswith("note-")]
        if known:
            return f"its notes are {', '.join('#' + k for k in known[:5])}{', …' if len(known) > 5 else ''}"
    return "check the id against the page"
