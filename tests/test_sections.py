"""sections.py: `## heading` sections and the code fences that hide them."""
from __future__ import annotations

import pytest

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


def test_field_lines_are_read_until_the_first_line_that_is_not_one():
    _, [section] = split_sections("## a quote\nid: q\ndate: 2025-03-15\nWhy: not a field\n\nBody.\n", 4, ("id", "date"))
    assert section.fields == {"id": ("q", 5), "date": ("2025-03-15", 6)}
    assert section.body == "Why: not a field\n\nBody.\n" and section.body_line == 7
