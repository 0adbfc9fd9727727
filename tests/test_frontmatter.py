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


import pytest  # noqa: E402


@pytest.mark.parametrize("lines,line,reason", [
    ("order: !!int ten", 3, "`!!int ten` cannot be read"),
    ("title: B", 3, "the key `title` is given twice"),
    ("subtitle: *a", 3, "aliases (`*name`) are not read here"),
    ("order: " + "9" * 5000, 3, "a number of more than 4300 digits cannot be read"),
    ("subtitle: \"\x1b[2J\"", 3, "it holds the control character \\x1b, which YAML does not allow"),
    ("subtitle: !!python/object:os.system x", 3, "could not determine a constructor"),
])
def test_yaml_that_would_crash_or_mislead_is_a_problem_at_its_line(lines, line, reason):
    problems = []
    meta, _, _ = frontmatter.read(f"---\ntitle: &a A\n{lines}\n---\nx\n", "t.md", TEXT_KEYS, problems)
    [problem] = problems
    assert (problem.line, problem.severity) == (line, "error")
    assert problem.message.startswith(f"front matter is not valid YAML ({reason}")
    assert len(str(problem)) < 300


def test_an_alias_bomb_is_refused_at_once_with_a_short_message(tmp_path):
    import time
    from edition.config import load_config
    bomb = "title: T\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    (tmp_path / "site.yaml").write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    _, [problem] = load_config(tmp_path)
    assert time.perf_counter() - started < 1
    assert str(problem) == ("site.yaml:3: error: site.yaml is not valid YAML (aliases (`*name`) are not read here); "
                            "write the value out in full")


def test_a_pair_of_rules_around_headings_is_no_front_matter():
    """A notes file that opens with a `---` rule above its first note and another below it: the
    notes between are notes, never skipped as front matter."""
    source = "---\n## first paragraph\n\nA note.\n---\n## second\n\nAnother.\n"
    assert frontmatter.skip(source) == (source, 1)
    assert frontmatter.skip("---\nid: x\n---\n## a\n") == ("## a\n", 4)
