"""problems.py: problems as values, printed at the edge."""
from __future__ import annotations

from edition.problems import error, has_errors, printable, sort_problems, warning


def test_a_problem_prints_as_path_line_severity_message():
    assert str(error("content/a.md", 3, "what; how")) == "content/a.md:3: error: what; how"
    assert str(warning("site.yaml", None, "what")) == "site.yaml: warning: what"


def test_what_a_terminal_would_act_on_is_printed_as_an_escape():
    assert printable("a\x1b[2Jb\x07c\u202ed\u00a0e") == "a\\x1b[2Jb\\x07c\\u202ed\u00a0e"   # a no-break space is text


def test_problems_sort_by_file_then_line_and_errors_are_found():
    problems = [warning("b.md", 2, "x"), error("a.md", 9, "y"), warning("a.md", None, "z")]
    assert [(p.path, p.line) for p in sort_problems(problems)] == [("a.md", None), ("a.md", 9), ("b.md", 2)]
    assert has_errors(problems) and not has_errors(problems[:1])
