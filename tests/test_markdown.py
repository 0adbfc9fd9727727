"""markdown.py: the dialect and its lints."""
from __future__ import annotations

from edition.markdown import footnote_problems, make_markdown, markdown_problems, refused_links


def test_refused_links_are_found_on_their_own_lines():
    body = "Fine [a](https://example.org).\n\nText\nand [b](JAVASCRIPT:x) here.\n\n[r]: vbscript:y\n"
    assert [(p.line, p.severity) for p in refused_links(body, "n.md", 20)] == [(22, "warning"), (25, "warning")]


def test_links_in_code_are_not_refused():
    assert refused_links("`[a](javascript:x)`\n\n```\n[b](javascript:y)\n```\n", "n.md", 1) == []


def test_an_unclosed_fence_is_reported_where_it_opens():
    [problem] = markdown_problems("Text.\n\n```\ncode\n", "content/texts/t.md", 5)
    assert (problem.line, problem.severity) == (7, "error")
    assert "code fence opened here is never closed" in problem.message


def test_footnotes_must_be_defined_and_used():
    problems = footnote_problems("One[^a] two.\n\n[^b]: Never used.\n", "content/pages/p.md", 3)
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (3, "footnote [^a] has no definition"), (5, "footnote [^b] is defined but never used")]


def test_raw_html_is_text_and_external_links_get_rel():
    html = make_markdown().render("<b>x</b> [a](https://example.org)\n")
    assert "&lt;b&gt;" in html and 'rel="noopener noreferrer"' in html


def test_raw_html_is_a_warning_at_its_line_and_code_is_not():
    body = "Text with <b>bold</b> here.\n\n<div class=\"x\">\nblock\n</div>\n\n`<i>` in code\n\n```\n<p>code</p>\n```\n"
    problems = markdown_problems(body, "content/pages/p.md", 10)
    assert [(p.line, p.severity, p.message.split(" is shown")[0]) for p in problems] == [
        (10, "warning", "raw HTML `<b>`"), (10, "warning", "raw HTML `</b>`"),
        (12, "warning", 'raw HTML `<div class="x"> block </div>`')]


def test_a_list_ten_levels_deep_keeps_the_text_after_it():
    body = "".join("  " * i + f"- level {i}\n" for i in range(12)) + "\nThe rest of the text.\n"
    assert "The rest of the text." in make_markdown().render(body)
    assert markdown_problems(body, "content/texts/t.md", 4) == []


def test_nesting_so_deep_that_text_would_be_lost_is_an_error_at_its_line():
    body = "Before.\n\n" + "> " * 120 + "deep\n\nAfter.\n"
    [problem] = markdown_problems(body, "content/texts/t.md", 4)
    assert (problem.line, problem.severity) == (6, "error")
    assert problem.message.startswith("lists or quotes are nested more than 50 deep here")


def test_a_footnote_mark_escaped_or_in_code_is_plain_text():
    """`\\[^1\\]` (as ingest writes a seed's literal brackets), `[^1]` in a code span or a fence:
    no footnote, so neither a missing nor an unused definition."""
    body = ("The element a\\[^1\\] of the array.\n\nIn code: `x[^1]` and ``y[^2]: z``.\n\n"
            "```\n[^3]: not a definition\nz[^4]\n```\n")
    assert footnote_problems(body, "content/texts/t.md", 4) == []
    assert [str(p) for p in footnote_problems("A real one[^5].\n\n`[^5]: in code`\n", "content/texts/t.md", 4)] == [
        "content/texts/t.md:4: error: footnote [^5] has no definition; add a line `[^5]: …` below the paragraph"]
