"""Check every internal link against the pages and ids the build actually wrote."""
from __future__ import annotations

import difflib
import re
from urllib.parse import unquote, urlsplit

from .problems import error

_ID = re.compile(rb'\sid="([^"]+)"')


def ids_in(html: bytes) -> set:
    return {m.decode() for m in _ID.findall(html)}


def check_links(links, files: dict):
    """links: [(href, source path, line, page url)]; files: site path -> bytes."""
    problems = []
    ids = {}
    for href, path, line, page in links:
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
            pages = [p for p in files if p.endswith(".html")]
            near = difflib.get_close_matches(target, pages, n=1)
            hint = f"did you mean `{near[0]}`?" if near else "link to one of the site's .html pages"
            problems.append(error(path, line, f"link `{href}` points to a page that does not exist; {hint}"))
            continue
        if parts.fragment:
            if target not in ids:
                ids[target] = ids_in(files[target])
            if unquote(parts.fragment) not in ids[target]:
                near = difflib.get_close_matches(parts.fragment, sorted(ids[target]), n=1)
                hint = f"did you mean `#{near[0]}`?" if near else "check the id"
                problems.append(error(path, line, f"link `{href}`: {target} has no `#{parts.fragment}`; {hint}"))
    return problems
