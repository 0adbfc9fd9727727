"""Shortcuts taken for speed never change what an editor is told."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from edition import linkcheck, markdown

PIECES = st.sampled_from(["javascript:", "JaVaScRiPt:", "vbscript:", "data:", "data:image/png;", "file:",
                          "&#106;", "&#x3A;", "&colon;", "&amp;", "\\:", "\\", "java", "script", "fil", "e",
                          ":", "http://example.org/", "a", " ", "\t", "%3A", "ſcript:", "FILE", "Data", "&#115;"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=6), st.sampled_from(["[x]({})", "<{}>", "[x]\n\n[x]: {}"]))
def test_refused_link_warnings_are_the_same_with_the_shortcut(monkeypatch_pieces, shape):
    body = shape.format("".join(monkeypatch_pieces)) + "\n"
    fast = markdown.refused_links(body, "content/notes/t.md", 1)
    saved = markdown._maybe_refused
    markdown._maybe_refused = lambda body: True      # always take the slow path
    try:
        slow = markdown.refused_links(body, "content/notes/t.md", 1)
    finally:
        markdown._maybe_refused = saved
    assert fast == slow


def test_a_script_link_is_still_reported():
    assert markdown.refused_links("[x](java&#115;cript:alert(1))\n", "content/notes/t.md", 3)


ID_PIECES = st.sampled_from([' id="', 'id="', '\tid="', '\nid="', 'data-id="', '"', 'p7', 'note-x', ' ', '<p', '>', '=', 'é'])


@settings(max_examples=500, deadline=None)
@given(st.lists(ID_PIECES, max_size=12))
def test_the_ids_of_a_page_are_those_a_regex_finds(pieces):
    import re
    html = "".join(pieces).encode("utf-8")
    assert linkcheck.ids_in(html) == {m.decode() for m in re.findall(rb'\sid="([^"]+)"', html)}


URL_PIECES = st.sampled_from(["https://", "http://", "HTTPS://", "example.org", "EXAMPLE.org", "xn--bcher-kva.ch",
                              "/", "reports", "0", "-", ".", "_", "~", "#", "p7", "?", "%41", "%", ":", "8080", "@",
                              "[", "]", "é", " ", "(", ")", "'", "mailto:", "text-0001.html", "..", "//"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(URL_PIECES, max_size=8))
def test_link_targets_taken_as_they_are_are_what_markdown_it_would_make_of_them(pieces):
    from markdown_it.common.normalize_url import normalizeLink
    from edition.markdown import normalize_link
    url = "".join(pieces)
    assert normalize_link(url) == normalizeLink(url)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\0", "*", "[x](y)", "[w](https://a.org/b)",
                                  "#", "-", "> ", "1. ", "`"]), max_size=20).map("".join))
def test_markdown_renders_as_markdown_it_does_with_its_own_normalising(source):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from edition.markdown import make_markdown
    plain = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    ours = make_markdown()
    assert ours.render(source).replace(' rel="noopener noreferrer"', "") == plain.render(source)
