"""Web addresses: which values are one, and which links the build leaves unchecked."""
from __future__ import annotations

import re

_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
# Links to these are never followed: the build stays offline.
UNCHECKED = ("https://", "http://", "mailto:")
# Schemes a link or image of an edition may have; any other is a slip (`htps:`) or a path of the
# editor's machine (`C:`), and leads nowhere for a reader.
KNOWN_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "data")


def is_web_address(value: str) -> bool:
    """A full http(s) address with a host, e.g. https://example.org/page."""
    return bool(_WEB_ADDRESS.match(value))
