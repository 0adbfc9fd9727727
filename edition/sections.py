"""Split a Markdown file into `## heading` sections with optional field lines.

Notes and glossary entries share this shape: a level-2 heading, then `key: value`
lines that the caller names, then a Markdown body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = re.compile(r"^([A-Za-z_]+):\s*(.*?)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^`]*)$")


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
    fence = None
    for index, line in enumerate(lines):
        fence, changed = fence_step(fence, line)
        if fence is None and not changed and line.startswith("## "):
            starts.append(index)
    preamble = "\n".join(lines[: starts[0] if starts else len(lines)])
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        sections.append(_section(lines[start:end], first_line + start, known_fields))
    return preamble, sections


def unclosed_fence(text: str, first_line: int):
    """The file line of a code fence that is never closed, else None.

    CommonMark never fails: an unclosed fence quietly turns the rest of the file into code,
    swallowing every `## ` note or term below it, so the loader reports it instead.
    """
    fence = None
    for index, line in enumerate(text.split("\n")):
        fence, changed = fence_step(fence, line)
        if changed and fence is not None:
            opened = first_line + index
    return opened if fence is not None else None


def fence_step(fence, line):
    """Track fenced code: (open fence marker or None, whether this line opened or closed one)."""
    match = _FENCE.match(line)
    if not match:
        return fence, False
    marker, rest = match.groups()
    if fence is None:
        if marker[0] == "`" and "`" in rest:
            return None, False      # a backtick fence's info string may not hold backticks
        return marker, True
    if marker[0] == fence[0] and len(marker) >= len(fence) and not rest.strip():
        return None, True
    return fence, False


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
