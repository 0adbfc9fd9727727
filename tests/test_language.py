"""Languages: tags checked, directions, dates in a language's way, citations."""
from __future__ import annotations

from edition.language import check_tag, cite, direction, format_date, plural_form
from edition.model import PartialDate
from edition.structure import Place


def test_tags_are_checked_and_written_in_their_standard_form():
    assert check_tag("fr") == ("fr", None)
    assert check_tag("en-us") == ("en-US", None)
    assert check_tag("fr_FR") == ("fr-FR", None)
    assert check_tag("iw") == ("he", None)


def test_a_language_named_in_words_gets_a_did_you_mean():
    assert check_tag("french") == (None, "did you mean `fr`?")
    assert check_tag("Deutsch") == (None, "did you mean `de`?")
    assert check_tag("xx-yy") == (None, "write a language tag such as `en`, `fr`, `de-CH` or `ar`")


def test_right_to_left_languages_are_known_by_their_script():
    assert [direction(t) for t in ("ar", "he", "fa", "ur", "en", "fr", "zh-Hant", "az-Arab")] == [
        "rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr", "rtl"]


def test_dates_are_written_the_languages_way_as_precise_as_they_are_known():
    day, month, year = PartialDate(1863, 11, 19), PartialDate(1863, 11), PartialDate(1916)
    assert [format_date(d, "fr") for d in (day, month, year)] == ["19 novembre 1863", "novembre 1863", "1916"]
    assert format_date(day, "de") == "19. November 1863"
    assert format_date(day, "es") == "19 de noviembre de 1863"
    # a theme's own patterns win (the default theme writes English dates day first)
    english = {"date_day": "d MMMM y", "date_month": "MMMM y"}
    assert [format_date(d, "en", english) for d in (day, month, year)] == ["19 November 1863", "November 1863", "1916"]
    # a tag CLDR has no data for falls back to its language, then to English
    assert format_date(day, "fr-XX") == "19 novembre 1863"
    assert format_date(None, "en") == ""


def test_plural_forms_follow_the_language():
    assert plural_form("en", 1) == "one" and plural_form("en", 0) == "other"
    assert plural_form("fr", 0) == "one"        # « 0 note »
    assert plural_form("ar", 3) == "few"


def test_a_place_is_cited_by_paragraph_line_lines_or_section():
    assert cite(Place("paragraph", 3, 3, "p3")) == "¶ 3"
    assert cite(Place("line", 12, 12, "l12")) == "l. 12"
    assert cite(Place("line", 3, 5, "l3")) == "ll. 3–5"
    assert cite(Place("section", None, None, "s-preamble", "Preamble")) == "§ Preamble"
    assert cite(Place("line", 3, 5, "l3"), {"cite_lines": "v. {n}-{m}"}) == "v. 3-5"
    assert cite(None) == ""
