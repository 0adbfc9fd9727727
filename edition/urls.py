"""Web addresses: which values are one, and which links the build leaves unchecked."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
# The site's own address is written into links, the sitemap and robots.txt: only the characters
# an address is made of, never a quote, an angle bracket, a backslash or a space.
_SITE_ADDRESS = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:@%_~]+(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*)?$",
                           re.IGNORECASE)
# Links to these are never followed: the build stays offline.
UNCHECKED = ("https://", "http://", "mailto:")
# Schemes a link or image of an edition may have; any other is a slip (`htps:`) or a path of the
# editor's machine (`C:`), and leads nowhere for a reader.
KNOWN_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "data")


def is_web_address(value: str) -> bool:
    """A full http(s) address with a host, e.g. https://example.org/page (as copied from a
    browser, accents included; the templates escape it)."""
    return bool(_WEB_ADDRESS.match(value))


def is_site_address(value: str) -> bool:
    """An address a site can be published at, in plain ASCII: https://USER.github.io/REPO/."""
    if not _SITE_ADDRESS.match(value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:      # e.g. an unclosed [ of an IPv6 host
        return False
