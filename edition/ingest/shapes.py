"""Shapes of runs of units in a page's head: a menu, a caption printed twice, a label with its
value on the next line, a label in capitals, a place line, a long line of prose."""
from __future__ import annotations

import re

from .furniture import chrome_kind
from .recognise import (
    END_STOP_RE, TIME_LINE_RE, compare_key, date_line, dated_byline, is_byline, is_sentence,
    is_structural_heading, word_count,
)
from .units import Unit

LABEL_ONLY_RE = re.compile(r"^[A-ZÀ-Þ][\w()' -]{1,30}:$")
YEAR_ONLY_RE = re.compile(r"^(?:1[5-9]|20)\d\d$")
PLACE_WORDS_RE = re.compile(r"\b(?:room|hall|house|building|center|centre|base|palace|office|square|"
                            r"salle|palais|sala|palacio|congreso|saal|haus|rathaus)\b", re.I)


def menu_runs(units: list) -> set:
    """Indices of the lines of a menu: four or more short lines in a row (five words at most,
    no closing punctuation), in one block; or three of a word or two (`Secciones`, `Servicios`,
    `Destacamos`)."""
    found, run = set(), []
    for i, unit in enumerate(units + [None]):
        following = units[i + 1].text if i + 1 < len(units) else ""
        headline = bool(following) and bool(is_byline(following) or date_line(following) or dated_byline(following))
        short = (unit is not None and unit.kind == "text" and not unit.verse and word_count(unit.text) <= 5
                 and not re.search(r"[.;,!]$", unit.text) and not date_line(unit.text) and not headline
                 and (not run or units[run[-1]].block == unit.block))
        if short:
            run.append(i)
            continue
        if len(run) >= 4 or len(run) == 3 and all(word_count(units[k].text) <= 2 for k in run):
            found |= set(run)
        run = [i] if unit is not None and unit.kind == "text" and word_count(unit.text) <= 5 \
            and not re.search(r"[.;,!]$", unit.text) and not headline else []
    return found


def is_prose(text: str, words_at_least: int) -> bool:
    """A paragraph of running text: a sentence, or a long line that ends on a colon (a list follows)."""
    return is_sentence(text, words_at_least) or word_count(text) >= max(12, words_at_least) and text.endswith((":", ";"))


def printed_twice(units: list) -> set:
    """ids of a caption printed twice in a row (its alt text, then the caption), quotes aside."""
    def key(u):
        return compare_key(re.sub(r"[\"“”„«»]", '"', re.sub(r"['‘’]", "'", u.text)))
    found = set()
    for i, a in enumerate(units):
        for b in units[i + 1:i + 3]:          # the next line, or the one after a "+" or "Foto"
            if a.kind == b.kind == "text" and key(a) == key(b) and is_sentence(a.text, 5) and word_count(a.text) <= 40:
                found |= {id(a), id(b)}
            if not chrome_kind(b.text):
                break
    return found


def is_label_only(units: list, i: int) -> bool:
    """`Publisher:` over `PoemHunter.Com`: a label of the page with its value on the next line."""
    following = units[i + 1] if i + 1 < len(units) else None
    return bool(LABEL_ONLY_RE.match(units[i].text) and word_count(units[i].text) <= 3 and following is not None
                and following.kind == "text" and word_count(following.text) <= 8 and not following.verse)


def is_capitals_label(text: str) -> bool:
    """`POLITICAL TRANSCRIPTS`, `TRUMP PRESIDENCY & 115TH CONGRESS:`, `THE WHITE HOUSE`."""
    return (text.upper() == text and sum(c.isalpha() for c in text) >= 4 and word_count(text) <= 8
            and not END_STOP_RE.search(text) and len(text) <= 80)


def is_place_line(text: str) -> bool:
    """`Washington, D.C.`, `San Salvador, El Salvador`, `East Room`, `3:15 P.M. EDT`: where and when
    a text was given."""
    if TIME_LINE_RE.match(text):
        return True
    return (word_count(text) <= 6 and len(text) <= 50 and not END_STOP_RE.search(text.rstrip("."))
            and ("," in text or bool(PLACE_WORDS_RE.search(text))))


def announces(unit: Unit) -> bool:
    """A heading, or a numbered section line (`1. Forme`): what may follow a subtitle."""
    return unit.kind == "heading" or is_structural_heading(unit.text) or (
        unit.kind == "ordered" and word_count(unit.text) <= 8)
