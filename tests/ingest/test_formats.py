"""Seeds that are not plain text: a page saved as HTML, a page scraped as Markdown."""
from __future__ import annotations

from datetime import date

from edition.ingest import ingest_seed

from .helpers import rendered_html, rendered_lines

PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Minister Visits Lyon | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-04">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/search">Search</a></nav>
<div class="cookies">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>Minister Visits Lyon</h1>
<p>The minister arrived in Lyon on Monday morning and met the mayor for talks that lasted most of the day.</p>
<p>Both said afterwards that the new line to Turin would be built, and that the first trains would run in 2032.</p>
</article>
<footer><p>&copy; 2024 Example News. All rights reserved.</p><p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>"""


def test_a_saved_html_page_gives_its_text_and_its_metadata():
    ing = ingest_seed(PAGE, "seeds/lyon.html")
    assert ing.meta["title"] == "Minister Visits Lyon"
    assert ing.meta["byline"] == "Jane Doe" and ing.meta["date"] == date(2024, 3, 4)
    assert ing.meta["publisher"] == "Example News"
    assert rendered_lines(ing.body) == [
        "The minister arrived in Lyon on Monday morning and met the mayor for talks that lasted most of the day.",
        "Both said afterwards that the new line to Turin would be built, and that the first trains would run in 2032."]
    assert ing.slug == "minister-visits-lyon"


def test_an_html_page_without_text_is_an_error():
    ing = ingest_seed(b"<html><body><nav>Home</nav></body></html>", "seeds/empty.html")
    [problem] = ing.problems
    assert problem.severity == "error" and ("no main text found" in problem.message or "nothing left" in problem.message)
    assert ing.body == ""


MARKDOWN = """---
title: "A Visit To Lyon"
source: "https://example.org/news/a-visit-to-lyon"
author:
  - "Jane Doe"
published: 2024-03-04
---
[Home](https://example.org/) > [News](https://example.org/news) > A Visit To Lyon

# A Visit To Lyon

![The minister in Lyon](https://example.org/lyon.jpg)

The minister arrived in **Lyon** on Monday and met [the mayor](https://example.org/mayor) for
talks that lasted most of the day.

## What was agreed

- the new line to Turin will be built;
- the first trains will run in 2032.

[Share on Facebook](https://facebook.com/share) [Share on X](https://x.com/share)
"""


def test_a_markdown_scrape_keeps_its_structure_and_gives_its_metadata():
    ing = ingest_seed(MARKDOWN.encode(), "seeds/lyon.md")
    assert ing.meta["title"] == "A Visit To Lyon" and ing.meta["byline"] == "Jane Doe"
    assert ing.meta["date"] == date(2024, 3, 4) and ing.meta["source_url"] == "https://example.org/news/a-visit-to-lyon"
    page = rendered_html(ing.body)
    assert "<strong>Lyon</strong>" in page and '<a href="https://example.org/mayor"' in page
    assert "<h2>What was agreed</h2>" in page and page.count("<li>") == 2
    assert "<img" not in page and "Share on" not in page and "Home" not in page
    assert "met the mayor for talks that lasted most of the day." in rendered_lines(ing.body)[0]
    reasons = {text: why for _, text, why in ing.dropped}
    assert reasons["![The minister in Lyon](https://example.org/lyon.jpg)"] == "image (the edition shows no images)"


def test_a_markdown_link_to_a_script_keeps_only_its_text():
    text = "A Title\n\nA scraped link [click me](javascript:alert(1)) and a [good one](https://example.org).\n"
    page = rendered_html(ingest_seed(text.encode(), "seeds/x.md").body)
    assert "javascript" not in page and "click me" in page and 'href="https://example.org"' in page
