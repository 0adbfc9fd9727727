"""Every link works from disk and from a server under a sub-path; nothing loads from outside."""
from __future__ import annotations

from .conftest import ARTICLE, crawl, site_pages


def test_every_internal_link_works_from_disk(visit, file_base, built_site):
    v = visit(file_base)
    seen, problems = crawl(v)
    assert problems == []
    assert set(site_pages(built_site)) - {"404.html"} <= seen, "some pages are reachable from no link"
    assert v.outside == [] and v.errors == []


def test_every_internal_link_works_under_a_sub_path(visit, server):
    v = visit(server)
    seen, problems = crawl(v)
    assert problems == []
    assert ARTICLE in seen and "glossary.html" in seen
    assert v.outside == [], "the site loaded something from outside itself"
    assert v.errors == []


def test_no_console_errors_on_any_page(visit, server, built_site):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        v = visit(server, viewport=viewport)
        for name in site_pages(built_site):
            v.open(name)
            v.page.wait_for_timeout(50)
        assert v.errors == []
        assert v.outside == []


def test_the_crawl_reports_a_broken_fragment(visit, server, tmp_path):
    # The crawl must be able to fail: a page whose link lands nowhere is reported by name.
    v = visit(server)
    v.open("index.html")
    v.page.evaluate("""() => { const a = document.createElement('a');
        a.href = 'glossary.html#no-such-term'; a.textContent = 'x'; document.body.append(a); }""")
    from .conftest import check_fragment
    assert check_fragment(v, "index.html", "glossary.html#no-such-term", "glossary.html", "no-such-term") == [
        "index.html: link 'glossary.html#no-such-term' has no element with id 'no-such-term' to land on"]


def test_an_article_page_is_light(visit, server):
    sizes = {}
    v = visit(server)
    v.page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
    v.open(ARTICLE)
    v.page.wait_for_timeout(100)
    total = sum(sizes.values())
    fonts = sum(size for url, size in sizes.items() if "/static/fonts/" in url)
    assets = sum(size for url, size in sizes.items() if not url.endswith(".html") and "/static/fonts/" not in url)
    assert fonts, "the served page is set in the theme's face"
    assert total - fonts < 100_000, f"the article page loads {total - fonts} bytes besides its face: {sizes}"
    assert total < 130_000, f"the article page loads {total} bytes with its face: {sizes}"
    assert assets < 40_000, f"CSS and JavaScript weigh {assets} bytes"
