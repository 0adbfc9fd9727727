"""Units -> the Markdown body, escaped so that it renders to exactly the words of the seed.

Prose: one paragraph per unit; a short-line group (an address, a signature) is one paragraph
with a hard line break (a trailing backslash) after each line but the last.
Verse: one stanza per paragraph, one Markdown line per verse line, each but the last ending in a
backslash (a hard break); a line's indentation is kept as `&nbsp;` entities, one per space
(CommonMark drops leading spaces, and would read four as code).
Lists: two or more consecutive items become a Markdown list (a list right after another list
of the same kind takes the other marker, or CommonMark would join them).  Headings: a Markdown
seed's own, a structural heading (`CHAPTER I.`, `Article premier`) and a short line between two
paragraphs that announces a longer one become `##` headings.
"""
from __future__ import annotations

import re

from .recognise import END_STOP_RE, is_structural_heading, word_count
from .units import Unit, is_standalone

SHORT_LINE = 60
OTHER_DELIM = {".": ")", ")": "."}
INLINE_SPECIAL_RE = re.compile(r"[\\`*_\[\]<|]")
HEADING_SPECIAL_RE = re.compile(r"[\\`*_\[\]<|#]")   # a closing `#` would vanish from a heading
ENTITY_RE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
LINE_START_RE = re.compile(r"^(?:[#>=+-]|\d{1,9}(?=[.)]))")


def write_body(units: list) -> str:
    """The units as Markdown blocks separated by blank lines, ending with one newline."""
    blocks, i = [], 0
    previous_list = None        # so that two lists in a row do not merge into one
    while i < len(units):
        run = list_run(units, i)
        if units[i].verse:
            stanza = units[i:i + next((k for k, u in enumerate(units[i:]) if u.stanza != units[i].stanza),
                                      len(units) - i)]
            blocks.append("\\\n".join(verse_line(unit) for unit in stanza))
            i += len(stanza)
        elif len(run) >= 2:
            other = previous_list == i and units[i - 1].kind == run[0].kind
            blocks.append("\n".join(list_item(unit, other) for unit in run))
            i += len(run)
            previous_list = i
        elif units[i].kind == "heading" or is_heading(units, i):
            unit = units[i]
            text = unit.markdown if unit.markdown is not None else escape_text(unit.text, heading=True)
            blocks.append("#" * max(2, unit.level) + " " + text)
            i += 1
        else:
            group = short_group(units, i)
            blocks.append("\\\n".join(inline(unit) for unit in group))
            i += len(group)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def inline(unit: Unit) -> str:
    if unit.markdown is not None:
        return unit.markdown
    return escape_text(unit.text)


def verse_line(unit: Unit) -> str:
    return "&nbsp;" * unit.indent + (unit.markdown if unit.markdown is not None else escape_text(unit.text))


def list_run(units: list, i: int) -> list:
    """The list items from units[i] on that make one Markdown list (bullets, or 1. 2. 3.)."""
    first = units[i]
    if first.kind not in ("bullet", "ordered"):
        return []
    run = [first]
    for unit in units[i + 1:]:
        previous = run[-1]
        same = unit.kind == first.kind and not unit.verse and (
            unit.kind == "bullet" or (unit.delim == first.delim and unit.number == previous.number + 1))
        if not same:
            break
        run.append(unit)
    return run


def list_item(unit: Unit, other_marker: bool = False) -> str:
    """`- item` or `3. item`; `* item` or `3) item` for a list that follows another one, which
    CommonMark would otherwise continue (the HTML shows neither the bullet nor the delimiter)."""
    if unit.kind == "bullet":
        marker = "*" if other_marker else "-"
    else:
        marker = f"{unit.number}{OTHER_DELIM[unit.delim] if other_marker else unit.delim}"
    content = unit.markdown if unit.markdown is not None else escape_text(unit.content)
    return f"{marker} {content}"


def is_heading(units: list, i: int) -> bool:
    """A structural heading (and the name under a bare `Chapitre 1`), or a short line alone in
    its block, between paragraphs, announcing a longer one."""
    unit = units[i]
    if unit.kind != "text" or unit.verse or len(unit.lines) != 1 or i == len(units) - 1:
        return False
    if is_structural_heading(unit.text):
        return True
    if unit.block_size != 1 or i == 0:
        return False
    text, following, previous = unit.text, units[i + 1], units[i - 1]
    if (is_heading_like(unit) and text[:1].isupper() and word_count(text) <= 10 and not is_standalone(text)
            and is_structural_heading(previous.text) and len(previous.text.split()) == 2):
        return True             # "Chapitre 1", then its name: "Des travaux préparatoires"
    block_text = sum(len(u.text) for u in units[i + 1:] if u.block == following.block)
    return (len(text) <= 80 and len(text.split()) <= 10 and (text[0].isupper() or text[0].isdigit())
            and not re.search(r"[.,;:!…\"”’)]$", text) and not is_standalone(text)
            and previous.kind == "text" and not is_heading_like(previous)
            and (following.kind != "text" or len(following.text) > max(60, len(text))
                 or following.block != unit.block and block_text > max(60, len(text)) and len(following.text) > len(text)))


def is_heading_like(unit: Unit) -> bool:
    return unit.block_size == 1 and len(unit.text) <= 80 and not re.search(r"[.,;:!…\"”’)]$", unit.text)


def short_group(units: list, i: int) -> list:
    """units[i] and the short lines of the same block that follow it (address, signature)."""
    group = [units[i]]
    if not is_short_line(units[i]):
        return group
    for unit in units[i + 1:]:
        if unit.block != units[i].block or not is_short_line(unit):
            break
        group.append(unit)
    return group


def is_short_line(unit: Unit) -> bool:
    """A line of an address or signature: short, and not a sentence (those are paragraphs)."""
    return (unit.kind == "text" and not unit.verse and len(unit.lines) == 1 and len(unit.text) <= SHORT_LINE
            and not END_STOP_RE.search(unit.text) and not is_structural_heading(unit.text))


def is_short_group_member(units: list, i: int) -> bool:
    unit = units[i]
    neighbours = [units[j] for j in (i - 1, i + 1) if 0 <= j < len(units)]
    return is_short_line(unit) and any(n.block == unit.block and is_short_line(n) for n in neighbours)


def escape_text(text: str, heading: bool = False) -> str:
    """Text -> Markdown that renders as exactly this text (CommonMark, html off)."""
    special = HEADING_SPECIAL_RE if heading else INLINE_SPECIAL_RE
    text = special.sub(lambda m: "\\" + m.group(), text)
    text = ENTITY_RE.sub(r"\\&", text)
    text = re.sub(r"~~+", lambda m: "\\~" * len(m.group()), text)
    return escape_line_start(text)


def escape_line_start(text: str) -> str:
    """Block markers at the start: `# ` heading, `>` quote, `-`/`+` list or rule, `=` underline, `1.`."""
    match = LINE_START_RE.match(text)
    if not match:
        return text
    if match.group()[0].isdigit():
        end = match.end()
        if end + 1 == len(text) or text[end + 1] == " ":
            return text[:end] + "\\" + text[end:]
        return text
    return "\\" + text
