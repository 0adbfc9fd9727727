"""Properties that must hold for any text, not just the examples we thought of.

Kept small (a few dozen examples each) so the suite stays fast; hypothesis remembers and
replays any failure it finds.
"""
from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from edition.annotate import annotate_text
from edition.glossary import TermMatcher
from edition.ingest import ingest_seed
from edition.load import parse_glossary, parse_notes
from edition.markdown import make_markdown
from edition.model import NotesFile, Text, TextMeta

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that Markdown shows exactly as written (no `*`, `_`, `[`, `<`, `&`, `\`, `#` …), with the
# punctuation and typography of real texts; each starts with a letter, so no line becomes a list.
LETTERS = "abcdeéfghiklmnoprstuyzABCDÉMRS"
WORD = st.builds(lambda head, tail: head + tail,
                 st.sampled_from(LETTERS),
                 st.text(alphabet=LETTERS + "’“”—–-,.;:?!()'0123456789", max_size=7))
PARAGRAPH = st.lists(WORD, min_size=1, max_size=14).map(" ".join)
BODY = st.lists(PARAGRAPH, min_size=1, max_size=5)


def text_of(paragraphs) -> Text:
    return Text("t", "content/texts/t.md", TextMeta(title="T"), "\n\n".join(paragraphs) + "\n", 4)


def spans_of(block_html: str, note_id: str) -> str:
    """The text inside every anchor span of one note, as a reader sees it."""
    found = re.findall(r'<span class="anchor" data-note="%s">(.*?)</span>' % re.escape(note_id), block_html,
                       flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(found)))


def reader_text(block_html: str) -> str:
    without_refs = re.sub(r'<sup class="note-ref".*?</sup>', "", block_html, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", without_refs))


@SETTINGS
@given(BODY, st.data())
def test_a_note_on_any_phrase_that_occurs_once_lands_exactly_on_it(paragraphs, data):
    index = data.draw(st.integers(0, len(paragraphs) - 1), label="paragraph")
    paragraph = paragraphs[index]
    start = data.draw(st.integers(0, len(paragraph) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(paragraph)), label="end")
    quote = paragraph[start:end].strip()
    assume(quote and "\n".join(paragraphs).count(quote) == 1)

    problems = []
    notes = parse_notes(NotesFile("content/notes/t.md", f"## {quote}\nid: n\n\nThe note.\n"), "t", problems)
    result = annotate_text(text_of(paragraphs), notes, TermMatcher([]), "all", make_markdown())

    assert problems == [] and result.problems == []
    [placed] = result.notes
    assert placed.paragraph == index + 1
    block = result.blocks[index]
    assert spans_of(block.html, "n") == quote
    assert reader_text(block.html).strip() == paragraph     # and the words around it are untouched


@SETTINGS
@given(BODY, st.data())
def test_glossary_links_never_change_the_words_a_reader_sees(paragraphs, data):
    words = sorted({w.strip("’“”—–-,.;:?!()'") for p in paragraphs for w in p.split()} - {""})
    chosen = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=4, unique=True), label="terms")
    stray = data.draw(st.lists(WORD, max_size=2), label="terms that do not occur")
    names = list(dict.fromkeys(chosen + stray))
    source = "".join(f"## {name}\nid: t{n}\n\nA definition.\n\n" for n, name in enumerate(names))
    problems = []
    terms = parse_glossary(source, "content/glossary.md", problems)
    assume(not problems)        # two names that differ only in case are one term
    note_quote = data.draw(st.sampled_from(words), label="a note's quote")
    notes = parse_notes(NotesFile("content/notes/t.md", f"## {note_quote}\noccurrence: 1\n\nA note.\n"), "t", [])

    plain = annotate_text(text_of(paragraphs), notes, TermMatcher([]), "none", make_markdown())
    linked = annotate_text(text_of(paragraphs), notes, TermMatcher(terms), "all", make_markdown())

    assert [reader_text(b.html) for b in linked.blocks] == [reader_text(b.html) for b in plain.blocks]
    assert [reader_text(b.html).strip() for b in linked.blocks] == paragraphs


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_ingest_never_crashes_on_any_bytes(data):
    result = ingest_seed(data, "seeds/any.txt")
    if not result.body.strip():
        assert any(p.severity == "error" for p in result.problems), result.problems
    for problem in result.problems:
        assert str(problem).startswith("seeds/any.txt")
        assert "; " in problem.message or ": " in problem.message      # what, then how to fix


STANZA = st.lists(PARAGRAPH, min_size=1, max_size=6)
POEM = st.lists(STANZA, min_size=1, max_size=4)


@SETTINGS
@given(POEM, st.data())
def test_verse_keeps_every_line_as_written_and_numbers_them_in_order(stanzas, data):
    body = "\n\n".join("\\\n".join(lines) for lines in stanzas) + "\n"
    lines = [line for stanza in stanzas for line in stanza]
    flat = "\n".join(lines)
    line_index = data.draw(st.integers(0, len(lines) - 2), label="line") if len(lines) > 1 else None
    notes = []
    if line_index is not None and stanzas and any(len(s) > 1 for s in stanzas):
        # a quote across a line break, written with ` / `: the end of one line, the start of the next
        first, second = lines[line_index].split()[-1], lines[line_index + 1].split()[0]
        quote = f"{first} / {second}"
        words = flat.split()
        if words.count(first) == 1 and words.count(second) == 1 and first != second:
            notes = parse_notes(NotesFile("content/notes/t.md", f"## {quote}\nid: n\n\nA note.\n"), "t", [])
    text = Text("t", "content/texts/t.md", TextMeta(title="T", form="verse"), body, 4)
    result = annotate_text(text, notes, TermMatcher([]), "all", make_markdown())
    html = "".join(b.html for b in result.blocks)
    shown = [reader_text(re.sub(r'<a class="line-number".*?</a>', "", line))
             for line in re.findall(r'<span class="line" id="l\d+">(.*?)</span>(?:<br />|</p>)', html, flags=re.S)]
    assert shown == lines       # each line on its own, its words and spaces as the source has them
    assert re.findall(r'id="l(\d+)"', html) == [str(n) for n in range(1, len(lines) + 1)]
    assert result.line_count == len(lines)
    if notes:
        in_stanza = [len(s) for s in stanzas]
        crosses_stanza = line_index + 1 in {sum(in_stanza[:k]) for k in range(1, len(in_stanza))}
        assert bool(result.notes) is not crosses_stanza     # a quote never runs from one stanza into the next
        if result.notes:
            assert (result.notes[0].place.first, result.notes[0].place.last) == (line_index + 1, line_index + 2)
