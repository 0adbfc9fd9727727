"""Publish: the few files a static host reads besides the pages.

- `.nojekyll`: GitHub Pages must serve the folder as it is (no Jekyll pass).
- `robots.txt`: allows everything; names the sitemap when `base_url` is set.
- `sitemap.xml`: only when `base_url` is set, since a sitemap must hold absolute URLs and
  the site itself never does (every link in the pages stays relative).
- `404.html`: a host serves it for a missing page at any depth (/a/b/missing), where its
  relative links would point nowhere; with `base_url` set they are made absolute from it.
  Without `base_url` they stay relative, which is right at the site's top level and from disk.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

NOT_FOUND = "404.html"
_RELATIVE = re.compile(r'(\s(?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]*)"')


def publish_files(paths, not_found: bytes, base_url: str) -> dict:
    """The files a host reads, for a site of these site paths whose 404 page is `not_found`
    (returned as it is, or with absolute links); base_url ends in / or is ''."""
    extra = {".nojekyll": b"", "robots.txt": robots_txt(base_url).encode()}
    if base_url:
        extra["sitemap.xml"] = sitemap_xml(paths, base_url).encode()
        not_found = absolute_links(not_found.decode("utf-8"), base_url).encode("utf-8")
    extra[NOT_FOUND] = not_found
    return extra


def robots_txt(base_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def sitemap_xml(paths, base_url: str) -> str:
    pages = sorted(p for p in paths if p.endswith(".html") and p != NOT_FOUND)
    # index.html first: it is the site's front door, and the URL a reader shares is the folder's.
    pages.sort(key=lambda p: p != "index.html")
    urls = [base_url if p == "index.html" else base_url + p for p in pages]
    body = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")


def absolute_links(html: str, base_url: str) -> str:
    """Relative href/src values made absolute from base_url (a <base> element is barred by the CSP)."""
    base = escape(base_url, {'"': "&quot;"})      # it is checked to be an address; escaped all the same
    return _RELATIVE.sub(lambda m: f'{m.group(1)}{base}{m.group(2)}"', html)
