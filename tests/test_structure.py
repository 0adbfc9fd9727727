"""A text's structure: what is numbered, where a position stands (the Place others cite)."""
from __future__ import annotations

from edition.markdown import make_markdown
from edition.structure import Place, Structure

BODY = "## Part one\n\nA first paragraph.\n\n- a list item\n\n## Part two\n\nLine one\\\nline two\nline three\n"


def structure(verse=False):
    md = make_markdown()
    return Structure(md.parse(BODY, {}), md, verse)


def test_prose_numbers_its_paragraph_level_blocks_and_places_name_their_section():
    layout = structure()
    assert layout.numbers == [None, 1, 2, None, 3] and layout.paragraph_count == 3 and layout.line_total == 0
    at = layout.visible.index("first")
    assert layout.place(at, at + 5) == Place("paragraph", 1, 1, "p1", "Part one")
    at = layout.visible.index("Part two")
    assert layout.place(at) == Place("section", None, None, "s-part-two", "Part two")


def test_verse_numbers_lines_through_its_stanzas_soft_and_hard_breaks_alike():
    layout = structure(verse=True)
    assert layout.first_lines == [None, 1, None, None, 2] and layout.line_total == 4
    assert layout.numbers == [None, None, 1, None, None]      # a list in a verse text keeps a ¶ number
    two, three = layout.visible.index("line two"), layout.visible.index("line three")
    assert layout.place(two, three + 4) == Place("line", 3, 4, "l3", "Part two")
