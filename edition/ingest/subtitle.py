"""The subtitle: which line right under the title is its standfirst, not the first line of the text.

A line right under the title (only chrome between them) is the subtitle when it is a sentence or
two (`is_dek`) and any of these holds:
- head material follows it (a byline, a date, a credit), or it stands in the head's window, or it
  closes the title's own block;
- it ends no sentence and the next line announces the text, or, of twelve words or more (six
  under a repeat of the title, or in quotes), it stands alone over a paragraph of prose;
- it is a phrase with no verb (`Creating an ongoing dialogue with the community`) over a paragraph
  of prose: a sentence that only lacks its full stop has one (`Here is the text of his speech`);
- it says the title again at length (`Discurso de la Presidenta de la Nación …, en el acto de
  asunción del mando …` under `Discurso de Cristina Fernández en el acto de asunción …`): it opens
  on the title's first word and holds most of the title's words, and more.

Not the subtitle but a rubric, left out: a label of a few words with no verb after the head's
caption or credit, over a paragraph of twenty words or more (`Un livre, un débat`); never a
greeting (`Ladies and gentlemen`).
"""
from __future__ import annotations

import re

from . import words
from .address import title_words
from .furniture import chrome_kind, chrome_reason
from .recognise import (
    CLOSING_RE, END_STOP_RE, compare_key, date_line, dated_byline, dateline_date, is_byline, is_credit,
    is_structural_heading, split_caption, word_count,
)
from .shapes import announces, is_prose

QUOTE_LINE_RE = re.compile(r"^[„“\"«‚‘'][^„“”\"«»]{10,200}[“”\"»‘’']$")


def is_standfirst(rest: list, i: int, head, window: int, twice: set) -> bool:
    """Whether rest[i], after the title, is its subtitle (the rules of this module's docstring)."""
    unit, text = rest[i], rest[i].text
    after = rest[i + 1] if i + 1 < len(rest) else None
    if not right_under_title(rest, i, head) or not is_dek(text):
        return False
    alone = word_count(text) <= 40 and unit.block_size == 1
    under_repeat = i and head.seen.get(compare_key(rest[i - 1].text), ("",))[0] == "title"
    return bool(
        after is not None and (is_head_field(after.text, head) or id(after) in twice)
        or i + 1 < window or ends_title_block(rest, i, head)
        or not END_STOP_RE.search(text) and alone and after is not None and announces(after)
        or not CLOSING_RE.search(text) and alone and after is not None and is_prose(after.text, 20) and (
            word_count(text) >= 12 or word_count(text) >= 6 and (under_repeat or not i and QUOTE_LINE_RE.match(text))
            or 5 <= word_count(text) <= 15 and is_verbless(text))
        or after is not None and restates_title(text, head.meta["title"]))


def is_rubric(rest: list, i: int, head) -> bool:
    """`Un livre, un débat` after the head's caption and credit, over the standfirst: a label of a
    few words with no verb and no closing mark, not right under the title, not a greeting."""
    text = rest[i].text
    return (0 < i + 1 < len(rest) and word_count(text) <= 4 and not chrome_reason(text)
            and not is_structural_heading(text) and not CLOSING_RE.search(text) and is_verbless(text)
            and not right_under_title(rest, i, head) and word_count(rest[i + 1].text) >= 20
            and not any(w.lower().strip(",") in words.GREETINGS for w in text.split()))


def is_verbless(text: str) -> bool:
    """A phrase, not a sentence: none of its words is a common verb form (`is`, `est`, `ist`…)."""
    return text[:1].isupper() and not any(w.lower().strip(",;:'’\"") in words.COMMON_VERBS for w in text.split())


def restates_title(text: str, title: str) -> bool:
    """The line opens on the title's first word, holds two thirds of its words (four at least), and says more."""
    theirs, mine = set(title_words(title)) - SMALL, set(title_words(text)) - SMALL
    same_start = title_words(title)[:1] == title_words(text)[:1]
    return (same_start and len(theirs) >= 4 and len(mine) > len(theirs)
            and len(mine & theirs) * 3 >= len(theirs) * 2)


SMALL = set(words.SMALL_WORDS)


def ends_title_block(rest: list, i: int, head) -> bool:
    """The line that closes the title's own block (`Kicker / Title / Standfirst.`, then a blank line)."""
    return (rest[i].block == head.title_block and rest[i].kind == "text"
            and (i + 1 == len(rest) or rest[i + 1].block != rest[i].block))


def right_under_title(rest: list, i: int, head) -> bool:
    """Only chrome stands between the title (or a repeat of it) and units[i]."""
    repeats = [k for k, u in enumerate(rest[:i]) if head.seen.get(compare_key(u.text), ("",))[0] == "title"]
    start = repeats[-1] + 1 if repeats else 0
    return all(chrome_kind(u.text) or chrome_reason(u.text) for u in rest[start:i])


def is_head_field(text: str, head) -> bool:
    """Head material that says something of the text (not chrome): a date, a byline, a credit..."""
    return bool(date_line(text) or is_byline(text) or is_credit(text) or split_caption(text, "")
                or compare_key(text) in head.seen or dated_byline(text)
                or chrome_kind(text) == "byline label with no name")


def is_dek(text: str) -> bool:
    """A sentence or two under the title: the standfirst (not a paragraph opening on its dateline,
    `DALLAS, July 25, 2017 /PRNewswire/ -- ...`: that is the text)."""
    return 4 <= word_count(text) and len(text) <= 300 and not dateline_date(text)
