"""Focused tests of the loader's helpers: sections, fences, front matter, refused links."""
from __future__ import annotations

import pytest

from edition.links import check_links, refused_links
from edition.load import split_front_matter, TEXT_KEYS
from edition.sections import split_sections, unclosed_fence


@pytest.mark.parametrize("text,line", [
    ("intro\n```\ncode\n## not a note\n", 11),
    ("```\nclosed\n```\n~~~~\nopen: a shorter ~~~ does not close it\n~~~\n", 13),
    ("````\nfour\n```\n", 10),
    ("```\nclosed\n```\n## note\n\n```py\nopen\n", 15),
])
def test_an_unclosed_fence_is_found_at_its_line(text, line):
    assert unclosed_fence(text, 10) == line


@pytest.mark.parametrize("text", [
    "```\ncode\n```\n",
    "~~~\n```\n~~~\n",                  # a backtick line inside a tilde fence is code
    "inline ```code``` on a line\n",   # a backtick info string may not hold backticks
    "    ```\nindented four: code, not a fence\n",
])
def test_closed_or_no_fences(text):
    assert unclosed_fence(text, 1) is None


def test_a_heading_inside_a_fence_is_not_a_section():
    _, sections = split_sections("## one\n~~~~\n## inside\n~~~\n## still inside\n~~~~\n## two\nx\n", 1, ())
    assert [(s.heading, s.line) for s in sections] == [("one", 1), ("two", 7)]


def test_an_unclosed_front_matter_still_yields_its_body():
    problems = []
    meta, body, line = split_front_matter("---\ntitle: Alpha\ndate: 2025-02-20\nThe body.\n\nMore.\n",
                                          "t.md", TEXT_KEYS, problems)
    assert [str(p) for p in problems] == [
        "t.md:1: error: front matter is not closed; add a line `---` after its last `key: value` line"]
    assert meta["title"] == "Alpha" and str(meta["date"]) == "2025-02-20"
    assert (body, line) == ("The body.\n\nMore.\n", 4)


def test_an_impossible_date_is_a_problem_not_a_crash():
    problems = []
    meta, _, _ = split_front_matter("---\ntitle: A\ndate: 2025-02-29\n---\nx\n", "t.md", TEXT_KEYS, problems)
    assert "date" not in meta
    assert [p.line for p in problems] == [3]


def test_refused_links_are_found_on_their_own_lines():
    body = "Fine [a](https://example.org).\n\nText\nand [b](JAVASCRIPT:x) here.\n\n[r]: vbscript:y\n"
    assert [(p.line, p.severity) for p in refused_links(body, "n.md", 20)] == [(22, "warning"), (25, "warning")]


def test_links_in_code_are_not_refused():
    assert refused_links("`[a](javascript:x)`\n\n```\n[b](javascript:y)\n```\n", "n.md", 1) == []


def test_link_hints_name_a_near_page_or_the_paragraph_range():
    files = {"alpha.html": b'<p id="p1"></p><p id="p2"></p><aside id="note-fee"></aside>', "index.html": b""}
    problems = check_links([("alpah.html", "n.md", 3, "index.html"), ("alpha.html#p7", "n.md", 4, "index.html"),
                            ("alpha.html#note-fe", "n.md", 5, "index.html"), ("", "n.md", 6, "index.html"),
                            ("https://example.org/x", "n.md", 7, "index.html"), ("#p1", "n.md", 8, "alpha.html")],
                           files)
    assert [str(p) for p in problems] == [
        "n.md:3: error: link `alpah.html` points to a page that does not exist; did you mean `alpha.html`?",
        "n.md:4: error: link `alpha.html#p7`: alpha.html has no `#p7`; the page has paragraphs #p1 to #p2",
        "n.md:5: error: link `alpha.html#note-fe`: alpha.html has no `#note-fe`; did you mean `#note-fee`?",
        "n.md:6: error: a link has an empty target, so it leads nowhere; write the address between the "
        "brackets, e.g. [words](page.html)",
    ]
