"""Lines -> units: paragraphs joined where hard-wrapped, verse kept line by line."""
from __future__ import annotations

import pytest

from edition.ingest.units import make_units, normalise_spaces, split_lines

from .helpers import ingest_text, paragraphs, rendered_lines, warnings

ROAD = """The Road Not Taken

Two roads diverged in a yellow wood,
And sorry I could not travel both
And be one traveler, long I stood
And looked down one as far as I could
To where it bent in the undergrowth;

Then took the other, as just as fair,
And having perhaps the better claim,
Because it was grassy and wanted wear;
Though as for that the passing there
Had worn them really about the same,

And both that morning equally lay
In leaves no step had trodden black.
Oh, I kept the first for another day!
Yet knowing how way leads on to way,
I doubted if I should ever come back.

I shall be telling this with a sigh
Somewhere ages and ages hence:
Two roads diverged in a wood, and I—
I took the one less traveled by,
And that has made all the difference.
"""

CAPTAIN = """O Captain! My Captain!

O Captain! my Captain! our fearful trip is done,
The ship has weather'd every rack, the prize we sought is won,
The port is near, the bells I hear, the people all exulting,
While follow eyes the steady keel, the vessel grim and daring;
  But O heart! heart! heart!
    O the bleeding drops of red,
      Where on the deck my Captain lies,
        Fallen cold and dead.
"""


def seed_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n")[2:] if line.strip()]


def test_every_stanza_and_line_of_a_poem_is_kept():
    ing = ingest_text(ROAD)
    assert ing.meta["title"] == "The Road Not Taken" and ing.meta["form"] == "verse"
    assert rendered_lines(ing.body) == seed_lines(ROAD)          # one line per verse line, none joined or split
    assert len(paragraphs(ing.body)) == 4                         # one paragraph per stanza
    assert all(p.count("<br />") == 4 for p in paragraphs(ing.body))


def test_indentation_of_verse_is_kept_as_no_break_spaces():
    ing = ingest_text(CAPTAIN)
    lines = rendered_lines(ing.body)
    assert lines[4:] == ["\u00a0\u00a0But O heart! heart! heart!", "\u00a0\u00a0\u00a0\u00a0O the bleeding drops of red,",
                         "\u00a0" * 6 + "Where on the deck my Captain lies,", "\u00a0" * 8 + "Fallen cold and dead."]
    assert lines[0] == "O Captain! my Captain! our fearful trip is done,"
    assert "\n&nbsp;&nbsp;But O heart! heart! heart!\\\n" in ing.body     # one Markdown line per verse line


def test_a_poem_indented_as_a_whole_loses_only_the_common_indentation():
    text = "A Poem\n\n" + "\n".join("        " + line for line in seed_lines(ROAD)[:5]) + "\n"
    assert rendered_lines(ingest_text(text).body) == seed_lines(ROAD)[:5]


def test_a_poem_with_a_blank_line_after_every_line_keeps_its_stanzas():
    stanzas = [seed_lines(ROAD)[i:i + 5] for i in range(0, 20, 5)]
    text = "The Road Not Taken\n\n" + "\n\n\n\n".join("\n\n".join(s) for s in stanzas) + "\n"
    ing = ingest_text(text)
    assert rendered_lines(ing.body) == seed_lines(ROAD)
    assert len(paragraphs(ing.body)) == 4


def test_verse_inside_prose_is_kept_and_noted():
    text = ("An Essay\n\nThe essay opens with a paragraph of prose that runs on for quite a while, as essays do, "
            "before it quotes the poem.\n\n" + "\n".join(seed_lines(ROAD)[:5]) +
            "\n\nThen the essay goes on in prose for another paragraph that is long enough to be prose again.\n")
    ing = ingest_text(text)
    assert "form" not in ing.meta
    assert rendered_lines(ing.body)[1:6] == seed_lines(ROAD)[:5]
    assert any("kept line by line as verse" in w for w in warnings(ing))


def test_one_sentence_per_line_is_prose_not_verse():
    text = ("Short Paragraphs\nBy Jane Doe\n"
            "The minister spoke first and thanked the delegation for coming.\n"
            "The secretary replied that the visit was an honor for him.\n"
            "Both men then signed the memorandum in front of the press.\n"
            "Questions were not taken after the ceremony ended on Monday.\n")
    ing = ingest_text(text)
    assert len(paragraphs(ing.body)) == 4 and "<br" not in "".join(paragraphs(ing.body))
    assert "form" not in ing.meta


def test_hard_wrapped_prose_is_joined_not_taken_for_verse():
    text = ("A Story\n\nMr. Letts had left his ship by mutual arrangement, and the whole of the\n"
            "crew had mustered to see him off and to express their sense of relief at\n"
            "his departure. After some years spent in long voyages, he had fancied a\n"
            "trip on a coaster as a change, and, the schooner Curlew having no use for\n"
            "a ship's carpenter, had shipped as cook.\n\nHe put his chest up at a seamen's lodging-house, and, by no means\n"
            "perturbed at this sudden change in his fortunes, sat on a seat\n"
            "overlooking the sea, with a cigarette between his lips.\n")
    ing = ingest_text(text)
    assert len(paragraphs(ing.body)) == 2 and "form" not in ing.meta
    assert paragraphs(ing.body)[0].startswith("Mr. Letts had left his ship by mutual arrangement, and the whole of the crew")


@pytest.mark.parametrize("form, verse", [("verse", True), ("prose", False)])
def test_the_editor_can_ask_for_verse_or_prose(form, verse):
    text = "Four Lines\n\nThe first line is here.\nThe second line is here.\nThe third is here.\n"
    ing = ingest_text(text, form=form)
    assert (ing.meta.get("form") == "verse") is verse
    assert (len(rendered_lines(ing.body)) == 3) is verse or not verse


def test_a_no_break_space_before_french_punctuation_is_kept():
    assert normalise_spaces("Article 1\u00a0: les hommes\u202f; vraiment\u00a0? «\u00a0oui\u00a0»") == \
        "Article 1\u00a0: les hommes\u00a0; vraiment\u00a0? «\u00a0oui\u00a0»"
    assert normalise_spaces("One\u00a0two\u2003 three   four\tfive \u202fsix.  ") == "One two three four five six."


def test_units_keep_line_numbers_and_indentation():
    units = make_units(split_lines("Title\n\n  indented line one\n  indented line two\n"))
    assert [u.first for u in units] == [1, 3, 4] and units[1].lines[0].indent == 2


def test_a_poem_of_short_lines_going_on_with_commas_is_verse_under_its_title():
    poem = ("Frühling\nLenz\nDie Finken schlagen,\nder Lenz ist da,\nund keiner kann sagen,\nwie es geschah!\n"
            "Er ist leise gekommen\nwohl über Nacht,\nund plötzlich entglommen\nin alter Pracht;\n")
    ing = ingest_text(poem)
    assert ing.meta["title"] == "Lenz"
    assert ing.meta["form"] == "verse"
    assert rendered_lines(ing.body)[:2] == ["Die Finken schlagen,", "der Lenz ist da,"]


def test_the_title_cut_short_over_the_poem_s_first_line_goes_and_the_line_stays():
    text = ("I wandered lonely as a Cloud...\n\nI wandered lonely as a Cloud...\nI wandered lonely as a Cloud\n"
            "That floats on high o’er Vales and Hills,\nWhen all at once I saw a crowd\nA host of dancing Daffodils;\n")
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[:2] == ["I wandered lonely as a Cloud", "That floats on high o’er Vales and Hills,"]


def test_stanzas_broken_mid_sentence_beside_stanzas_are_verse_whatever_their_capitals():
    poem = ("Tour of Homes\n\nSo now I am building a room\nthat we walk through on our tour\nof this house, the poem.\n\n"
            "Sometimes we linger\nto admire proportions or décor;\nsometimes we hurry through\nto reach the next room "
            "or just\nget the whole thing over with.\n\nSome houses are large, some are small.\nSome are simple, some "
            "are elaborate.\nSome require a guide, some feel like home.\n\nBut each has an entrance, particular\n"
            "views, and places to sit\nand reflect.\n")
    ing = ingest_text(poem)
    assert ing.meta.get("form") == "verse"
    lines = rendered_lines(ing.body)
    assert lines[:3] == ["So now I am building a room", "that we walk through on our tour", "of this house, the poem."]
    assert lines[-2:] == ["views, and places to sit", "and reflect."]


def test_short_lines_of_prose_are_not_made_verse_by_a_lower_case_start():
    text = ("Opening hours\n\nThe library opens at nine on weekdays and closes at six, and on Saturdays it "
            "opens at ten.\n\nVisitors may borrow four books\nand return them within three weeks.\n\n"
            "The reading room stays open all day and nobody has to book a seat in it beforehand.\n")
    ing = ingest_text(text)
    assert "form" not in ing.meta
    assert "\\\n" not in ing.body      # no hard line break: a short block between prose paragraphs is no stanza
