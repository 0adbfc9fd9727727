"""Languages: BCP 47 tags checked (langcodes), the direction a script is written in, and dates
written the language's way (Babel's CLDR data).

A tag is checked once where it is read (site.yaml, front matter) and kept in its standard form
(`fr_FR` -> `fr-FR`, `iw` -> `he`), so everything after that takes it as it is.
"""
from __future__ import annotations

import functools

import langcodes

# Scripts written right to left (ISO 15924), for `dir="rtl"`.
RTL_SCRIPTS = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Mand", "Samr", "Mend", "Rohg", "Yezi"}


def check_tag(value: str):
    """(the tag in its standard form, None) if value is a BCP 47 tag, else (None, a hint:
    "did you mean `fr`?" or how to write one)."""
    value = value.strip()
    if value and langcodes.tag_is_valid(value):
        return langcodes.standardize_tag(value), None
    near = _find(value)
    if near:
        return None, f"did you mean `{near}`?"
    return None, "write a language tag such as `en`, `fr`, `de-CH` or `ar`"


def _find(name: str) -> str | None:
    """The tag of a language named in words ("french", "Français"), if there is one."""
    try:
        return langcodes.find(name).to_tag() if name else None
    except (LookupError, ValueError):
        return None


@functools.lru_cache(maxsize=None)
def direction(tag: str) -> str:
    """"rtl" for a language written right to left (its likely script, if the tag names none), else "ltr"."""
    try:
        script = langcodes.Language.get(tag).maximize().script
    except (LookupError, ValueError):
        return "ltr"
    return "rtl" if script in RTL_SCRIPTS else "ltr"


# --- dates ----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _locale(tag: str):
    """Babel's locale for a tag, or for its language alone, or English: CLDR has no data for
    every tag (e.g. `grc`), and a date must still be written."""
    from babel import Locale, UnknownLocaleError
    for candidate in (tag, tag.split("-")[0], "en"):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale("en")


def format_date(date, tag: str, patterns: dict | None = None) -> str:
    """A PartialDate as the language writes it: "19 November 1863", "novembre 1863", "1916".
    `patterns` (from the theme's strings: date_day, date_month, date_year) override CLDR's."""
    if date is None:
        return ""
    patterns = patterns or {}
    return _formatted(date.year, date.month, date.day, tag,
                      *(patterns.get(name) for name in ("date_day", "date_month", "date_year")))


@functools.lru_cache(maxsize=4096)
def _formatted(year: int, month, day, tag: str, day_pattern, month_pattern, year_pattern) -> str:
    # the same few dates come back on every page (a text's, its notes'): each formatted once a process
    import datetime as dt

    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton
    locale = _locale(tag)
    value = dt.date(year, month or 1, day or 1)
    if day:
        return babel_date(value, day_pattern or "long", locale=locale)
    if month:
        return (babel_date(value, month_pattern, locale=locale) if month_pattern
                else format_skeleton("yMMMM", value, locale=locale))
    return babel_date(value, year_pattern, locale=locale) if year_pattern else format_skeleton("y", value, locale=locale)


def plural_form(tag: str, number: int) -> str:
    """CLDR's plural category of a number in a language: "one", "few", "other"…"""
    return _locale(tag).plural_form(number)


# --- citations ------------------------------------------------------------------------------

CITE = {"cite_paragraph": "¶ {n}", "cite_line": "l. {n}", "cite_lines": "ll. {n}–{m}", "cite_section": "§ {title}"}


def cite(place, strings: dict | None = None) -> str:
    """How a reader cites a Place: "¶ 3", "l. 12", "ll. 3–5", "§ Preamble" (in the strings' language)."""
    if place is None:
        return ""
    get = (strings or CITE).get
    if place.kind == "section":
        return get("cite_section", CITE["cite_section"]).replace("{title}", place.section)
    if place.first is None:
        return ""
    if place.kind == "line" and place.last != place.first:
        return get("cite_lines", CITE["cite_lines"]).replace("{n}", str(place.first)).replace("{m}", str(place.last))
    key = "cite_line" if place.kind == "line" else "cite_paragraph"
    return get(key, CITE[key]).replace("{n}", str(place.first))
