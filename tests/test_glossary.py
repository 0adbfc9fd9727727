"""glossary.py: the term matcher, one pass over a text whatever the glossary's size."""
from __future__ import annotations

from edition.load import parse_glossary
from edition.glossary import TermMatcher


def matcher(source: str) -> TermMatcher:
    problems = []
    terms = parse_glossary(source, "content/glossary.md", problems)
    assert problems == []
    return TermMatcher(terms)


def found(source: str, text: str):
    return [(text[start:end], term) for start, end, term in matcher(source).find(text)]


def test_the_longest_alias_wins_and_only_whole_words_match():
    source = "## Tren de Aragua\naliases: Aragua\n\nA gang.\n"
    assert found(source, "Tren de Aragua and Aragua, not Araguaney.") == [
        ("Tren de Aragua", "tren-de-aragua"), ("Aragua", "tren-de-aragua")]


def test_an_alias_with_capitals_matches_only_as_written():
    assert found("## Sun\n\nThe newspaper.\n", "The Sun rose; the sun set.") == [("Sun", "sun")]


def test_a_term_and_its_own_alias_in_small_letters_match_every_capitalisation():
    source = "## Deportation\naliases: deportation\n\nRemoval.\n"
    assert found(source, "Deportation began; the deportation of men.") == [
        ("Deportation", "deportation"), ("deportation", "deportation")]


def test_an_alias_of_punctuation_is_refused_and_a_single_letter_warned(project, capsys):
    from conftest import text_file
    from edition.cli import main
    root = project({"content/texts/a.md": text_file("A", "The fee, a toll – and the X.\n"),
                    "content/glossary.md": "## Toll\naliases: –\n\nA fee.\n\n## X\n\nA letter.\n"})
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert ("content/glossary.md:1: error: “–” has no letter or digit, so it would link stray punctuation in every "
            "text; remove it or write a word") in err
    assert ("content/glossary.md:6: warning: “X” is a single character, so every “X” in the texts is linked; "
            "write the whole word") in err


def test_a_term_id_the_glossary_page_uses_itself_is_refused(project, capsys):
    from conftest import text_file
    from edition.cli import main
    root = project({"content/texts/a.md": text_file("A", "The main road.\n"),
                    "content/glossary.md": "## Main\naliases: main\n\nThe road.\n"})
    assert main(["--root", str(root), "check"]) == 1
    assert ("content/glossary.md:1: error: glossary id `main` is also the id of a part of the glossary page; add a "
            "line `id: main-term` under the heading") in capsys.readouterr().err


def test_names_match_however_the_text_types_its_letters_and_never_crash_the_build():
    """These crashed with a KeyError naming no file (İ, ſ) or never matched (NFD, zero-width)."""
    import unicodedata
    assert found("## istanbul\n\nA city.\n", "From İstanbul.") == [("İstanbul", "istanbul")]
    assert found("## ſun\n\nA star.\n", "The sun.") == [("sun", "sun")]
    assert found("## success\n\nA word.\n", "Great ſucceſs.") == [("ſucceſs", "success")]
    decomposed = unicodedata.normalize("NFD", "Café")
    assert found("## Café\n\nA place.\n", f"The {decomposed} opens.") == [(decomposed, "cafe")]
    assert found("## CECOT\n\nA prison.\n", "The CE\u200bCOT.") == [("CE\u200bCOT", "cecot")]
    assert found("## strasse\n\nA road.\n", "Die Straße.") == [("Straße", "strasse")]
    assert found("## Sun\n\nThe paper.\n", "the sun, the SUN, the Sun") == [("Sun", "sun")]


def test_in_turkish_the_capital_of_dotless_i_is_i(project, capsys):
    from conftest import text_file
    from edition.cli import main
    root = project({"content/texts/a.md": text_file("A", "ILIK su ve Istanbul.\n", language="tr"),
                    "content/glossary.md": "## ılık\n\nWarm.\n"})
    assert main(["--root", str(root), "build"]) == 0, capsys.readouterr().err
    page = (root / "_site/a.html").read_text()
    assert 'data-term="ilik">ILIK</a>' in page


def test_two_names_that_read_the_same_are_one_name():
    problems = []
    parse_glossary("## CECOT\n\nA prison.\n\n## CE\u200bCOT\n\nAgain.\n", "content/glossary.md", problems)
    assert [p.message for p in problems] == ["term “CE\u200bCOT” is already in the glossary (line 1); merge the two "
                                             "entries into one"]


def test_links_into_the_glossary_page_are_checked_alike_by_check_and_build(project, capsys):
    """The glossary page goes to its file without being held; its ids are found on the way, `check`'s too."""
    from conftest import text_file
    from edition.cli import main
    root = project({"content/texts/a.md": text_file("A", "A toll road: [the entry](glossary.html#toll), "
                                                         "[a slip](glossary.html#tol).\n"),
                    "content/glossary.md": "## Toll\n\nA fee.\n"})
    for command in ("check", "build"):
        assert main(["--root", str(root), command]) == 1, command
        err = capsys.readouterr().err
        assert "error: link `glossary.html#tol`: glossary.html has no `#tol`; did you mean `#toll`?" in err, err
        assert err.count("error: link") == 1, err
