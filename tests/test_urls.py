"""urls.py: which values are web addresses, and which a site may be published at."""
from __future__ import annotations

import pytest

from edition.urls import is_site_address, is_web_address


@pytest.mark.parametrize("value,web,site", [
    ("https://user.github.io/repo/", True, True),
    ("http://example.org", True, True),
    ("https://fr.wikipedia.org/wiki/Déclaration", True, False),      # as a browser shows it: a source, not a site
    ("https://example.org/?q=\"x\"", True, False),
    ("example.org", False, False),
    ("/repo/", False, False),
    ("javascript:alert(1)//", False, False),
    ("https://", False, False),
])
def test_addresses(value, web, site):
    assert (is_web_address(value), is_site_address(value)) == (web, site)
