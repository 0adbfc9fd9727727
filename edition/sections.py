"""Split a Markdown file into `## heading` sections with optional field lines.

Notes and glossary entries share this shape: a level-2 heading, then `key: value`
lines that the caller names, then a Markdown body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = re.compile(r"^([A-Za-z_]+):\s*(.*?)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass
class Section:
    heading: str
    line: int               # 1-based line of the heading in the file
    fields: dict            # key -> (value, line)
    body: str
    body_line: int


def split_sections(text: str, first_line: int, known_fields):
    """Return (preamble, sections); line numbers are offset by first_line."""
    lines = text.split("\n")
    starts = []
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            starts.append(index)
    preamble = "\n".join(lines[: starts[0] if starts else len(lines)])
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        sections.append(_section(lines[start:end], first_line + start, known_fields))
    return preamble, sections


def _section(lines, line_no, known_fields) -> Section:
    heading = lines[0][3:].strip()
    fields = {}
    index = 1
    while index < len(lines):
        match = _FIELD.match(lines[index])
        if not match or match.group(1).lower() not in known_fields:
            break
        fields[match.group(1).lower()] = (match.group(2), line_no + index)
        index += 1
    body_lines = lines[index:]
    while body_lines and not body_lines[0].strip():
        body_lines = body_lines[1:]
        index += 1
    return Section(heading, line_no, fields, "\n".join(body_lines).strip() + "\n", line_no + index)
