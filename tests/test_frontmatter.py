"""frontmatter.py: the one reader of `---` blocks."""
from __future__ import annotations

from edition import frontmatter
from edition.load import TEXT_KEYS


def test_an_unclosed_front_matter_still_yields_its_body():
    problems = []
    meta, body, line = frontmatter.read("---\ntitle: Alpha\ndate: 2025-02-20\nThe body.\n\nMore.\n",
                                        "t.md", TEXT_KEYS, problems)
    assert [str(p) for p in problems] == [
        "t.md:1: error: front matter is not closed; add a line `---` after its last `key: value` line"]
    assert meta["title"] == "Alpha" and str(meta["date"]) == "2025-02-20"
    assert (body, line) == ("The body.\n\nMore.\n", 4)


def test_an_impossible_date_is_a_problem_not_a_crash():
    problems = []
    meta, _, _ = frontmatter.read("---\ntitle: A\ndate: 2025-02-29\n---\nx\n", "t.md", TEXT_KEYS, problems)
    assert "date" not in meta
    assert [p.line for p in problems] == [3]


def test_skip_returns_the_body_and_its_first_line_or_the_whole_file():
    assert frontmatter.skip("---\nx: 1\n---\n## a\n") == ("## a\n", 4)
    assert frontmatter.skip("## a\n") == ("## a\n", 1)
    assert frontmatter.skip("---\nnever closed\n## a\n") == ("---\nnever closed\n## a\n", 1)


def test_key_line_counts_from_the_block_s_first_line():
    assert frontmatter.key_line("title: A\ndate: 2025-01-01\n", "date", 2) == 3
    assert frontmatter.key_line("title: A\n", "date") is None
