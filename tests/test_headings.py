"""Headings in a text: ids, levels under the title, notes on them, a contents list."""
from __future__ import annotations

from edition.annotate import annotate_text
from edition.glossary import TermMatcher
from edition.load import parse_notes
from edition.markdown import make_markdown
from edition.model import NotesFile, Text, TextMeta
from edition.pages import contents

BODY = ("# Preamble\n\nWe the people.\n\n## Article premier\n\nLes hommes naissent libres.\n\n"
        "## Article premier\n\nA second heading with the same words.\n\n# Κεφάλαιο\n\nΚείμενο.\n")


def annotate(notes=""):
    problems = []
    text = Text("t", "content/texts/t.md", TextMeta(title="T"), BODY, 5)
    parsed = parse_notes(NotesFile("content/notes/t.md", notes), "t", problems)
    result = annotate_text(text, parsed, TermMatcher([]), "first", make_markdown())
    return result, problems + result.problems


def test_headings_get_ids_from_their_words_and_sit_below_the_title():
    result, _ = annotate()
    assert [(s.id, s.title, s.level) for s in result.sections] == [
        ("s-preamble", "Preamble", 2), ("s-article-premier", "Article premier", 3),
        ("s-article-premier-2", "Article premier", 3), ("s4", "Κεφάλαιο", 2)]
    heading = result.blocks[0]
    assert heading.kind == "heading_open" and heading.id == "s-preamble" and heading.number is None
    assert heading.html == "<h2>Preamble</h2>\n"      # `#` in a body: an h2, the page's title is the h1
    assert result.blocks[1].number == 1 and result.blocks[1].id == "p1"


def test_a_note_on_a_heading_stands_beside_it_and_is_cited_by_its_section():
    result, problems = annotate("## Preamble\n\nA heading the source printed.\n\n## naissent\n\nBorn.\n")
    assert problems == []
    heading, paragraph = result.notes
    assert heading.block_index == 0 and result.blocks[0].notes == [heading]
    assert (heading.place.kind, heading.place.id, heading.place.section) == ("section", "s-preamble", "Preamble")
    assert heading.paragraph is None
    assert (paragraph.place.kind, paragraph.place.first, paragraph.place.section) == ("paragraph", 2, "Article premier")
    assert '<span class="anchor" data-note="preamble">Preamble</span><sup class="note-ref"' in result.blocks[0].html


def test_a_text_with_three_headings_or_more_has_a_contents_list():
    result, _ = annotate()
    assert contents(result, "t.html")[:2] == [dict(title="Preamble", url="#s-preamble", level=2),
                                              dict(title="Article premier", url="#s-article-premier", level=3)]
    result.sections = result.sections[:2]
    assert contents(result, "t.html") == []
