"""The subtitle, alone: which line under the title is the standfirst, which is the text, which a rubric."""
from __future__ import annotations

import pytest

from edition.ingest.subtitle import is_verbless, restates_title

from .helpers import ingest_text, reasons, rendered_lines

PROSE = ("The City Council Chronicle is an ongoing effort to find new ways of engaging the residents in our "
         "community, and the link below finds the latest edition of it.")


@pytest.mark.parametrize("line, expected", [
    ("Creating an ongoing dialogue with the community", True),
    ("Un nouveau regard sur la ville", True),
    ("A new look at the city budget", True),
    ("Here is the text of his speech at 3-M", False),
    ("Voici le texte de son discours", False),
    ("Das ist der Text der Rede", False),
    ("this starts in lower case", False),
])
def test_a_phrase_has_no_common_verb(line, expected):
    assert is_verbless(line) is expected


def test_a_phrase_with_no_verb_under_the_title_is_its_subtitle():
    ing = ingest_text(f"City Council Chronicle - Council Newsletter\n\nCreating an ongoing dialogue with the "
                      f"community\n\n{PROSE}\n")
    assert ing.meta["subtitle"] == "Creating an ongoing dialogue with the community"
    assert rendered_lines(ing.body)[0] == PROSE


def test_a_sentence_that_only_lacks_its_full_stop_stays_the_text():
    ing = ingest_text(f"The President Was In Minnesota Today\n\nHere is the text of his speech at 3-M\n\n{PROSE}\n")
    assert ing.meta["subtitle"] == ""
    assert rendered_lines(ing.body)[0] == "Here is the text of his speech at 3-M"


def test_the_title_said_again_at_length_is_the_subtitle():
    title = "Discurso de Cristina Fernández en el acto de asunción de la Presidencia"
    note = ("Discurso de la Presidenta de la Nación Argentina, Dra. Cristina Fernández de Kirchner, en el acto de "
            "asunción del mando en el Congreso de la Nación ante la Asamblea Legislativa.")
    assert restates_title(note, title)
    assert not restates_title("The press release issued by Devon County Council on 6 October 2022.",
                              "Devon joins call to give councils more time to prepare for social care reforms")
    speech = "Muchas gracias. ¡Viva, viva la Patria, sí! " * 4
    ing = ingest_text(f"{title}\n\n{note}\n\n{speech}\n")
    assert ing.meta["subtitle"] == note
    assert rendered_lines(ing.body)[0].startswith("Muchas gracias.")


def test_a_rubric_after_the_caption_goes_and_a_greeting_stays():
    head = ("Le livre qui explique la France périphérique et ses colères\n\nUne militante aux dernières élections "
            "municipales.\n\n©Reuters\n\n")
    ing = ingest_text(head + f"Un livre, un débat\n\n{PROSE}\n")
    assert reasons(ing)["Un livre, un débat"].startswith("a rubric over the text")
    assert rendered_lines(ing.body)[0] == PROSE
    ing = ingest_text(head + f"Ladies and gentlemen\n\n{PROSE}\n")
    assert rendered_lines(ing.body)[0] == "Ladies and gentlemen"
