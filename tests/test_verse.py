"""Verse: lines set as lines, numbered through the text, cited by line; verse blocks in prose."""
from __future__ import annotations

import re

from conftest import visible_words
from edition.annotate import annotate_text
from edition.glossary import TermMatcher
from edition.load import parse_glossary, parse_notes
from edition.markdown import make_markdown
from edition.model import NotesFile, Text, TextMeta

POEM = ("Two roads diverged in a yellow wood,\\\nAnd sorry I could not travel both\\\n"
        "And be one traveler, long I stood\\\nAnd looked down one as far as I could\\\n"
        "To where it bent in the undergrowth;\n\n"
        "Then took the other, as just as fair,\\\nAnd having *perhaps\\\nthe better* claim,\n")


def annotate(body=POEM, notes="", glossary="", every=5, **meta):
    problems = []
    text = Text("t", "content/texts/t.md", TextMeta(title="T", **meta), body, 5)
    parsed = parse_notes(NotesFile("content/notes/t.md", notes), "t", problems)
    terms = parse_glossary(glossary, "content/glossary.md", problems)
    result = annotate_text(text, parsed, TermMatcher(terms), "first", make_markdown(), line_numbers=every)
    return result, problems + result.problems


def lines_of(html: str) -> list:
    return [re.sub(r"<[^>]+>", "", re.sub(r'<a class="line-number".*?</a>', "", line))
            for line in re.findall(r'<span class="line"[^>]*>(.*?)</span><br />|<span class="line"[^>]*>(.*?)</span></p>',
                                   html) for line in line if line]


def test_each_line_of_a_verse_text_is_a_line_with_an_id_numbered_through_the_text():
    result, problems = annotate(form="verse")
    assert problems == []
    assert result.verse and result.line_count == 8 and result.paragraph_count == 0
    first, second = result.blocks
    assert first.lines == (1, 5) and second.lines == (6, 8) and first.number is None
    html = first.html + second.html
    assert [int(n) for n in re.findall(r'<span class="line" id="l(\d+)"', html)] == list(range(1, 9))
    assert '<p class="stanza">' in first.html
    # a number beside every fifth line, a link to the line
    assert re.findall(r'<a class="line-number" href="#l(\d+)" aria-label="Line (\d+)">(\d+)</a>', html) == [
        ("5", "5", "5")]
    # the words are the source's, in order
    assert visible_words(html) == visible_words(make_markdown().render(POEM))


def test_emphasis_across_a_line_break_is_closed_and_reopened_so_the_markup_nests():
    result, _ = annotate(form="verse")
    html = result.blocks[1].html
    assert ('<span class="line" id="l7">And having <em>perhaps</em></span><br />'
            '<span class="line" id="l8"><em>the better</em> claim,</span>') in html


def test_line_numbers_every_nth_line_or_none():
    fourth, _ = annotate(form="verse", every=4)
    assert re.findall(r'class="line-number" href="#l(\d+)"', "".join(b.html for b in fourth.blocks)) == ["4", "8"]
    none, _ = annotate(form="verse", line_numbers=0)
    assert "line-number" not in "".join(b.html for b in none.blocks)
    assert 'id="l8"' in none.blocks[1].html     # every line is still a link target


def test_a_note_is_cited_by_its_line_or_lines_and_may_quote_across_a_break_with_a_slash():
    notes = ("## yellow wood\n\nOne.\n\n## long I stood / And looked down one\n\nTwo.\n\n"
             "## And sorry I could not travel both And be one\n\nThree.\n")
    result, problems = annotate(notes=notes, form="verse")
    assert problems == []
    wood, sorry, stood = result.notes
    assert (wood.place.kind, wood.place.first, wood.place.last, wood.place.id) == ("line", 1, 1, "l1")
    assert (stood.place.first, stood.place.last) == (3, 4)
    assert stood.lemma == "long I stood / And looked down one"
    assert sorry.lemma == "And sorry I could not travel both / And be one"    # a break typed as a space
    html = result.blocks[0].html
    # the anchor is cut at the break: each line's part inside its own line
    assert ('traveler, <span class="anchor" data-note="long-i-stood-and-looked">long I stood</span></span><br />'
            '<span class="line" id="l4"><span class="anchor" data-note="long-i-stood-and-looked">And looked down one'
            '</span><sup class="note-ref"') in html


def test_a_slash_quote_that_is_not_at_a_line_break_is_not_found():
    _, problems = annotate(notes="## yellow / wood\n\nNo.\n", form="verse")
    assert [p.message for p in problems] == [
        "anchor “yellow / wood” not found in content/texts/t.md; the text may have changed — copy the phrase "
        "exactly as the text has it (quotes and dashes included)"]


def test_glossary_occurrences_in_verse_are_line_numbers():
    result, _ = annotate(glossary="## undergrowth\n\nShrubs.\n\n## claim\n\nA right.\n", form="verse")
    assert result.occurrences == {"undergrowth": [5], "claim": [8]}


def test_an_indented_line_keeps_its_indentation_outside_the_notes_tint():
    body = "O Captain!\\\n&nbsp;&nbsp;&nbsp;&nbsp;But O heart! heart! heart!\\\nO the bleeding drops of red,\n"
    result, problems = annotate(body=body, notes="## Captain! / But O heart\n\nN.\n", form="verse")
    assert problems == []
    assert ('<span class="line" id="l2">\u00a0\u00a0\u00a0\u00a0<span class="anchor" data-note="captain-but-o-heart">'
            'But O heart</span>') in result.blocks[0].html


def test_a_verse_block_in_prose_is_one_numbered_block_with_its_lines_and_indentation_kept():
    body = ("Frost begins:\n\n```verse\nTwo roads diverged in a *yellow* wood,\n  And sorry I could not\n\n"
            "Then took the other,\n```\n\nAnd so on.\n")
    result, problems = annotate(body=body, notes="## wood, / And sorry\n\nN.\n")
    assert problems == []
    verse = result.blocks[1]
    assert verse.kind == "verse_open" and verse.number == 2 and result.blocks[2].number == 3
    assert verse.html.startswith('<div class="verse">\n<p class="stanza"><span class="line">Two roads diverged in a '
                                 '<em>yellow</em> ')
    assert '<span class="line">  <span class="anchor"' in verse.html      # the spaces as written, untinted
    assert verse.html.count('<p class="stanza">') == 2 and 'id="l' not in verse.html
    [note] = result.notes
    assert note.place.id == "p2" and note.lemma == "wood, / And sorry"
