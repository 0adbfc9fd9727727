"""messages.py: outcomes turned into the lines the commands print."""
from __future__ import annotations

from pathlib import Path

from edition.messages import ingested_lines, problem_lines
from edition.problems import error, warning


def test_problems_are_listed_once_each_then_counted():
    problems = [warning("a.md", 1, "w"), error("a.md", 2, "e"), warning("a.md", 1, "w")]
    assert problem_lines(problems) == ["a.md:1: warning: w", "a.md:2: error: e", "1 error(s), 1 warning(s)"]
    assert problem_lines([]) == []


def test_the_ingest_report_names_the_content_file_and_every_line_left_out():
    root = Path("/project")
    lines = ingested_lines(root, [("seeds/x.txt", root / "content/texts/x.md", [(3, "Sign in\x1b[0m", "sign-in prompt")])])
    assert lines == ["ingested seeds/x.txt -> content/texts/x.md",
                     "  left out seeds/x.txt:3: sign-in prompt: Sign in\\x1b[0m"]
