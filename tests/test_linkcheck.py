"""linkcheck.py: internal links checked against the pages and ids made."""
from __future__ import annotations

from edition.linkcheck import check_links, ids_in


def test_link_hints_name_a_near_page_or_the_paragraph_range():
    pages = {"alpha.html": b'<p id="p1"></p><p id="p2"></p><aside id="note-fee"></aside>', "index.html": b""}
    problems = check_links([("alpah.html", "n.md", 3, "index.html"), ("alpha.html#p7", "n.md", 4, "index.html"),
                            ("alpha.html#note-fe", "n.md", 5, "index.html"), ("", "n.md", 6, "index.html"),
                            ("https://example.org/x", "n.md", 7, "index.html"), ("#p1", "n.md", 8, "alpha.html")],
                           set(pages), lambda path: ids_in(pages[path]))
    assert [str(p) for p in problems] == [
        "n.md:3: error: link `alpah.html` points to a page that does not exist; did you mean `alpha.html`?",
        "n.md:4: error: link `alpha.html#p7`: alpha.html has no `#p7`; the page has paragraphs #p1 to #p2",
        "n.md:5: error: link `alpha.html#note-fe`: alpha.html has no `#note-fe`; did you mean `#note-fee`?",
        "n.md:6: error: a link has an empty target, so it leads nowhere; write the address between the "
        "brackets, e.g. [words](page.html)",
    ]


def test_a_link_from_the_site_root_is_refused_with_the_relative_form():
    [problem] = check_links([("/alpha.html", "n.md", 2, "index.html")], {"alpha.html"}, lambda path: set())
    assert "write it relative, e.g. `alpha.html`" in problem.message


def test_ids_are_asked_for_only_once_per_page():
    asked = []
    check_links([("a.html#x", "n.md", 1, "i.html"), ("a.html#y", "n.md", 2, "i.html")], {"a.html", "i.html"},
                lambda path: asked.append(path) or {"x", "y"})
    assert asked == ["a.html"]


def test_a_misspelt_scheme_is_an_error_with_the_scheme_meant():
    problems = check_links([("htps://example.org/a", "n.md", 3, "i.html"), ("C:/Users/me/a.html", "n.md", 4, "i.html"),
                            ("tel:+441234", "n.md", 5, "i.html")], {"i.html"}, lambda path: set())
    assert [str(p) for p in problems] == [
        "n.md:3: error: link `htps://example.org/a` has the unknown scheme `htps:`, so it leads nowhere; "
        "did you mean `https:`?",
        "n.md:4: error: link `C:/Users/me/a.html` has the unknown scheme `c:`, so it leads nowhere; "
        "use one of http:, https:, mailto:, tel:, ftp:, data:"]
