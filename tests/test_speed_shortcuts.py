"""Shortcuts taken for speed never change what an editor is told."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from edition import links

PIECES = st.sampled_from(["javascript:", "JaVaScRiPt:", "vbscript:", "data:", "data:image/png;", "file:",
                          "&#106;", "&#x3A;", "&colon;", "&amp;", "\\:", "\\", "java", "script", "fil", "e",
                          ":", "http://example.org/", "a", " ", "\t", "%3A", "ſcript:", "FILE", "Data", "&#115;"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=6), st.sampled_from(["[x]({})", "<{}>", "[x]\n\n[x]: {}"]))
def test_refused_link_warnings_are_the_same_with_the_shortcut(monkeypatch_pieces, shape):
    body = shape.format("".join(monkeypatch_pieces)) + "\n"
    fast = links.refused_links(body, "content/notes/t.md", 1)
    saved = links._maybe_refused
    links._maybe_refused = lambda body: True      # always take the slow path
    try:
        slow = links.refused_links(body, "content/notes/t.md", 1)
    finally:
        links._maybe_refused = saved
    assert fast == slow


def test_a_script_link_is_still_reported():
    assert links.refused_links("[x](java&#115;cript:alert(1))\n", "content/notes/t.md", 3)


ID_PIECES = st.sampled_from([' id="', 'id="', '\tid="', '\nid="', 'data-id="', '"', 'p7', 'note-x', ' ', '<p', '>', '=', 'é'])


@settings(max_examples=500, deadline=None)
@given(st.lists(ID_PIECES, max_size=12))
def test_the_ids_of_a_page_are_those_a_regex_finds(pieces):
    import re
    html = "".join(pieces).encode("utf-8")
    assert links.ids_in(html) == {m.decode() for m in re.findall(rb'\sid="([^"]+)"', html)}
