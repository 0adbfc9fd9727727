"""folding.py: the one way quotes, glossary names and texts are compared, over real-world Unicode.

The properties hold the matcher and the anchoring to an oracle written the plain way (every
substring of the text keyed on its own, by the definition in docs/formats.md): whatever the
text, a quote or a name drawn from it, typed in another normal form, with invisible characters
added or no-break spaces for spaces, is found exactly where the text has it; and the page shows
the text's own characters.
"""
from __future__ import annotations

import html
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from edition.anchors import FoldedText
from edition.annotate import annotate_text
from edition.folding import _JOINS_PREVIOUS, IGNORABLE, capitals, key, same_capitals, text_key
from edition.glossary import TermMatcher
from edition.load import parse_glossary, parse_notes
from edition.markdown import make_markdown
from edition.model import GlossaryTerm, NotesFile, Text, TextMeta

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the definition, written the plain way (the oracle) ---------------------------------------

def oracle_key(text: str, turkic: bool = False) -> str:
    """docs/formats.md's key of a whole string, with no positions to keep."""
    text = "".join(char for char in text if char not in IGNORABLE)
    text = re.sub(r"\s+", lambda run: "\n" if "\n" in run.group() else " ", text)
    text = unicodedata.normalize("NFD", text)
    if turkic:
        text = text.replace("I\u0307", "i").replace("ı\u0307", "i").replace("I", "ı")
    text = text.casefold().replace("i\u0307", "i")
    return unicodedata.normalize("NFC", text).replace("\n", " ").strip(" ")


def boundary(text: str, at: int) -> bool:
    """A place a match may start or end: not before a mark of the letter before it."""
    return at == len(text) or not (unicodedata.combining(text[at]) or text[at] in _JOINS_PREVIOUS)


def oracle_spans(text: str, quote: str):
    """Every span of the text whose key is the quote's, trimmed of spaces and invisible characters."""
    wanted = oracle_key(quote)
    edge = IGNORABLE + " \n\u00a0\u202f\t"
    return [(i, j) for i in range(len(text)) for j in range(i + 1, len(text) + 1)
            if text[i] not in edge and text[j - 1] not in edge and boundary(text, i) and boundary(text, j)
            and oracle_key(text[i:j]) == wanted]


def leftmost(spans):
    """The spans a left-to-right search finds: the first, then the first that starts after it ends."""
    chosen = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not chosen or start >= chosen[-1][1]:
            if chosen and start == chosen[-1][0]:
                continue
            chosen.append((start, end))
    return chosen


# --- texts of every writing system ------------------------------------------------------------

LETTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
           "éèêëàâäçñøåæœÉÀÇÑÅÆŒ" "İıIiſßẞﬁﬂǰǅ" "ΑαΣσςΐΰ" "ДдЖжЁё" "한국어" "中文字" "אב" "عرب" "ह"
           "\U0001d400")
MARKS = "\u0301\u0300\u0308\u0327\u0303\u0307\u0323\u0345\u093c"
SPACES = [" ", " ", " ", "\u00a0", "\u202f", "  ", "\t"]
INVISIBLE = list(IGNORABLE)

CLUSTER = st.builds(lambda base, marks: base + marks, st.sampled_from(LETTERS),
                    st.text(alphabet=MARKS, max_size=2))
WORD = st.lists(CLUSTER, min_size=1, max_size=5).map("".join)
PHRASE = st.builds(lambda words, gaps: "".join(w + g for w, g in zip(words, gaps + [""])),
                   st.lists(WORD, min_size=1, max_size=8), st.lists(st.sampled_from(SPACES), max_size=8))


@st.composite
def retyped(draw, phrase: str) -> str:
    """The phrase as someone else types it: another normal form, invisible characters here and
    there, plain spaces for no-break ones (or the other way round)."""
    form = draw(st.sampled_from(["NFC", "NFD", None]))
    out = unicodedata.normalize(form, phrase) if form else phrase
    chars = []
    for char in out:
        if char in "\u00a0\u202f" and draw(st.booleans()):
            char = " "
        elif char == " " and draw(st.integers(0, 4)) == 0:
            char = "\u00a0"
        chars.append(char)
        if not unicodedata.combining(char) and draw(st.integers(0, 6)) == 0:
            chars.append(draw(st.sampled_from(INVISIBLE)))
    return "".join(chars)


@SETTINGS
@given(PHRASE, st.data())
def test_a_quote_drawn_from_any_text_and_typed_another_way_is_found_exactly_where_the_text_has_it(text, data):
    cuts = [i for i in range(len(text) + 1) if boundary(text, i)]
    start = data.draw(st.sampled_from(cuts[:-1]), label="start")
    end = data.draw(st.sampled_from([c for c in cuts if c > start]), label="end")
    drawn = text[start:end]
    assume(drawn.strip() and drawn == drawn.strip(" \u00a0\u202f\t") and drawn[0] not in IGNORABLE)
    quote = data.draw(retyped(drawn), label="quote")
    every = oracle_spans(text, quote)
    found = list(FoldedText(text).find_caseless(quote))
    assert found == leftmost(every)
    assert (start, end) in found or any(s <= start < e for s, e in found)
    # and with its own capitals, it is found where it was drawn from when it occurs once
    if len(every) == 1:
        assert list(FoldedText(text).find_all(quote)) == [(start, end)]


# Words that whole-word matching sees as words: each cluster composes to one letter (a mark
# that does not compose is no part of a word for \w, as in every regex engine).
WHOLE_CLUSTERS = sorted({unicodedata.normalize("NFC", base + mark) for base in LETTERS for mark in ["", *MARKS]
                         if re.fullmatch(r"\w", unicodedata.normalize("NFC", base + mark))
                         and re.fullmatch(r"\w+", oracle_key(base + mark))})
WHOLE_WORD = st.lists(st.sampled_from(WHOLE_CLUSTERS).flatmap(
    lambda c: st.sampled_from([c, unicodedata.normalize("NFD", c)])), min_size=1, max_size=4).map("".join)


@SETTINGS
@given(st.lists(WHOLE_WORD, min_size=1, max_size=8, unique=True), st.data())
def test_a_glossary_name_drawn_from_any_text_is_linked_exactly_where_its_words_stand(words, data):
    gaps = data.draw(st.lists(st.sampled_from(SPACES), min_size=len(words) - 1, max_size=len(words) - 1))
    text = words[0] + "".join(g + w for g, w in zip(gaps, words[1:]))
    first = data.draw(st.integers(0, len(words) - 1), label="first word")
    count = data.draw(st.integers(1, min(3, len(words) - first)), label="words")
    name = data.draw(retyped(" ".join(words[first:first + count])), label="name")
    lower = data.draw(st.booleans(), label="written in small letters")
    name = name.lower() if lower else name
    assume(any(char.isalnum() for char in name))
    # the oracle: each run of whole words whose key is the name's (and, for a name with
    # capitals, the same capitals), left to right
    starts, at = [], 0
    for word, gap in zip(words, gaps + [""]):
        starts.append(at)
        at += len(word) + len(gap)
    ends = [s + len(w) for s, w in zip(starts, words)]
    spans = [(starts[i], ends[j]) for i in range(len(words)) for j in range(i, len(words))
             if oracle_key(text[starts[i]:ends[j]]) == oracle_key(name)
             and (name == name.lower() or same_capitals(text[starts[i]:ends[j]], name))]
    term = GlossaryTerm("t", name, [], "A definition.\n", "content/glossary.md", 1, 3)
    found = [(s, e) for s, e, _ in TermMatcher([term]).find(text)]
    assert found == leftmost(spans)


# --- the key, and the way back ----------------------------------------------------------------

@SETTINGS
@given(PHRASE)
def test_the_fast_path_and_the_cluster_by_cluster_path_give_the_same_key(text):
    assert key(text).flat.strip(" ") == oracle_key(text)


@SETTINGS
@given(PHRASE)
def test_capitals_are_counted_the_same_way_however_a_text_is_typed(text):
    assert capitals(unicodedata.normalize("NFD", text)) == capitals(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("written,typed", [
    ("café", unicodedata.normalize("NFD", "café")),
    ("CE\u200bCOT", "CECOT"),
    ("soft\u00adware", "software"),
    ("à autrui\u00a0: ainsi", "à autrui : ainsi"),
    ("l’exercice\u202f; la loi", "l’exercice ; la loi"),
    ("Congreſs", "Congress"),
    ("Straße", "Strasse"),
    ("ﬁnal", "final"),
    ("İstanbul", "Istanbul"),
    ("\ufeffword", "word"),
    ("한국", unicodedata.normalize("NFD", "한국")),
])
def test_what_is_typed_differently_but_reads_the_same_has_one_key(written, typed):
    assert text_key(written) == text_key(typed)
    assert same_capitals(written, typed)


@pytest.mark.parametrize("one,other", [("Sun", "sun"), ("ılık", "ilik"), ("cafe", "café"), ("it's", "it’s")])
def test_what_differs_for_a_reader_differs(one, other):
    assert text_key(one) != text_key(other) or not same_capitals(one, other)


def test_turkish_and_azerbaijani_fold_the_dotted_and_dotless_i_their_way():
    assert text_key("ILIK", "tr") == text_key("ılık", "tr") == "ılık"
    assert text_key("İstanbul", "az") == text_key("istanbul", "az")
    assert text_key("ILIK") == "ilik"          # elsewhere I is the capital of i
    assert text_key("İstanbul") == "istanbul"   # and the dot of İ is its own


def test_a_match_never_ends_inside_a_letter():
    folded = key("Straße e\u0301")
    assert folded.text == "strasse é"
    assert folded.span(0, 5) is None            # "stras": the first s of ß
    assert folded.span(0, 7) == (0, 6)
    assert folded.span(8, 9) == (7, 9)          # é as e and its accent


def test_the_list_of_starters_that_join_the_letter_before_is_the_unicode_databases():
    joining = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            second = chr(int(parts[1], 16))
            if not unicodedata.combining(second):
                joining.add(second)
    hangul = {chr(c) for c in [*range(0x1161, 0x1176), *range(0x11a8, 0x11c3)]}    # composed by rule, not listed
    assert joining | hangul == set(_JOINS_PREVIOUS)


# --- on the page ------------------------------------------------------------------------------

def reader_text(block_html: str) -> str:
    without_refs = re.sub(r'<sup class="note-ref".*?</sup>', "", block_html, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", without_refs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PHRASE.map(str.strip), min_size=1, max_size=3), st.data())
def test_a_note_and_a_term_typed_another_way_land_on_the_text_and_leave_its_characters_as_they_are(paragraphs, data):
    index = data.draw(st.integers(0, len(paragraphs) - 1), label="paragraph")
    paragraph = paragraphs[index]
    words = re.findall(r"\S+", paragraph)
    first = data.draw(st.integers(0, len(words) - 1), label="first word")
    drawn = " ".join(words[first:first + data.draw(st.integers(1, 3), label="words")])
    quote = " ".join(data.draw(retyped(drawn), label="quote").split())
    name = data.draw(retyped(data.draw(st.sampled_from(words), label="term")), label="name").lower()
    assume(text_key(quote) and any(char.isalnum() for char in name))
    body = "\n\n".join(paragraphs) + "\n"
    problems = []
    notes = parse_notes(NotesFile("content/notes/t.md", f"## {quote}\nid: n\noccurrence: 1\n\nThe note.\n"), "t",
                        problems)
    terms = parse_glossary(f"## {name}\nid: term\n\nA definition.\n", "content/glossary.md", problems)
    assume(notes and terms)
    text = Text("t", "content/texts/t.md", TextMeta(title="T"), body, 4)

    result = annotate_text(text, notes, TermMatcher(terms), "all", make_markdown())

    assert [reader_text(block.html).strip("\n") for block in result.blocks] == paragraphs
    [placed] = result.notes     # a quote drawn from the text always lands
    assert text_key(result.visible[placed.start:placed.end]) == text_key(quote)
