"""Anchoring notes on quotes: what the editor is told when a quote is not found as written."""
from __future__ import annotations

from edition.anchors import FoldedText, across_lines, place_anchors
from edition.model import Note, Text, TextMeta


def anchor(quote: str, visible: str):
    problems = []
    text = Text("t", "content/texts/t.md", TextMeta(title="T"), "", 5)
    note = Note("t", "n", quote, "A note.\n", "content/notes/t.md", 1, 3)
    return place_anchors([note], visible, text.path, problems), [p.message for p in problems]


def test_a_quote_that_differs_only_in_quote_marks_or_dashes_says_how_the_text_has_it():
    _, problems = anchor("Nature’s God", "the Laws of Nature and of Nature's God entitle them")
    assert problems == ["anchor “Nature’s God” not found in content/texts/t.md (it occurs with other quote marks, "
                        "apostrophes or dashes: “Nature's God”); copy the phrase exactly as the text has it"]
    _, problems = anchor("we can not dedicate-we", "we can not dedicate—we can not consecrate")
    assert "“we can not dedicate—we”" in problems[0]


def test_no_break_spaces_of_the_source_match_a_quote_and_are_kept():
    visible = "à autrui\u00a0: ainsi, l’exercice\u202f; la loi"
    found, problems = anchor("à autrui\u00a0: ainsi", visible)
    assert problems == [] and visible[found[0][0]:found[0][1]] == "à autrui\u00a0: ainsi"
    found, _ = anchor("à autrui : ainsi", visible)      # typed with a plain space, it still lands
    assert visible[found[0][0]:found[0][1]] == "à autrui\u00a0: ainsi"


def test_a_slash_between_words_stands_for_a_line_break():
    assert across_lines("long I stood / And looked") and not across_lines("and/or") and not across_lines("/ a")
    visible = "long I stood\n\u00a0\u00a0And looked down\x00x / y"
    folded = FoldedText(visible)
    start = visible.index("stood")
    assert list(folded.find_all("stood / And looked")) == [(start, visible.index(" down"))]
    assert list(folded.find_all("x / y")) == [(visible.index("x"), len(visible))]    # or a slash the text has


def test_a_quote_typed_with_other_accents_spaces_or_invisible_characters_lands_on_the_texts_own():
    import unicodedata
    visible = "Le cafe\u0301 du Congreſs, CE\u200bCOT\u00a0: fin"     # decomposed accents, a long s
    for quote in ("Le café", "du Congress", "CECOT : fin", unicodedata.normalize("NFD", "café du")):
        found, problems = anchor(quote, visible)
        assert problems == [], quote
        assert unicodedata.normalize("NFC", visible[found[0][0]:found[0][1]]).replace("\u200b", "") \
            .replace("\u00a0", " ").replace("ſ", "s") == unicodedata.normalize("NFC", quote)


def test_what_keeps_a_quote_from_landing_is_named_with_the_texts_own_spelling():
    _, problems = anchor("Relatively Low", "a fee relatively low, they said")
    assert problems == ["anchor “Relatively Low” not found in content/texts/t.md (it occurs with different capitals: "
                        "“relatively low”); copy the phrase exactly as the text has it"]
    _, problems = anchor("the *first* paragraph", "in the first paragraph here")
    assert problems == ["anchor “the *first* paragraph” not found in content/texts/t.md (the text shows it without "
                        "Markdown: “the first paragraph”); write the heading as a reader sees the words, without `*`, "
                        "`_`, `[…](…)` or backslashes"]
    _, problems = anchor("first paragraph", "the first\u200bparagraph here")
    assert problems == ["anchor “first paragraph” not found in content/texts/t.md (the text joins those words with an "
                        "invisible zero-width space, U+200B, not a space); write them with no space between, as the "
                        "text shows them"]


def test_before_and_after_words_are_compared_as_quotes_are():
    problems = []
    note = Note("t", "n", "low", "A note.\n", "content/notes/t.md", 1, 3, None, "relatively\u00a0", "")
    found = place_anchors([note], "not low, but rela\u0301tively low.", "content/texts/t.md", problems)
    assert found == [] and [p.message for p in problems] == [     # "relátively" is not "relatively"
        "anchor “low” not found in content/texts/t.md with the given before/after words; check them against the text"]
    problems = []
    note = Note("t", "n", "low", "A note.\n", "content/notes/t.md", 1, 3, None, "relatively", "")
    visible = "not low, but relatively\u00a0\u00a0low."
    found = place_anchors([note], visible, "content/texts/t.md", problems)
    assert problems == [] and visible[found[0][0]:found[0][1]] == "low" and found[0][0] > 5
