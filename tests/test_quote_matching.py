"""A note's quote is found wherever its words stand, whatever spaces and line breaks lie between."""
from __future__ import annotations

from hypothesis import given, strategies as st

from edition.annotate import FoldedText, quote_pattern

WORDS = st.sampled_from(["fee", "low", "the", "“relatively", "low”", "a.b", "x"])
GAPS = st.sampled_from([" ", "  ", "\n", " \n  ", "\t", "\x00", ""])


@given(st.lists(st.tuples(WORDS, GAPS), max_size=30), st.lists(WORDS, min_size=1, max_size=3))
def test_quote_found_exactly_where_its_words_stand(pieces, quote_words):
    visible = "".join(word + gap for word, gap in pieces)
    quote = " ".join(quote_words)
    expected = [(m.start(), m.end()) for m in quote_pattern(quote).finditer(visible)]
    assert list(FoldedText(visible).find_all(quote)) == expected


def test_quote_across_a_line_break_lands_on_the_words():
    visible = "It was  relatively\n   low, they said.\x00Next"
    [(start, end)] = FoldedText(visible).find_all("relatively low")
    assert visible[start:end] == "relatively\n   low"
