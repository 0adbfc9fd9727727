"""A note's body as HTML, with its links for the link check and its plain opening for the margin;
a text's notes rendered together give what each gives alone (the property is in
test_speed_shortcuts.py)."""
from edition.markdown import make_markdown
from edition.notebodies import plain_opening, render_note, render_notes


def test_a_note_gives_its_html_its_links_with_their_lines_and_its_opening_words():
    md = make_markdown()
    html, links, opening = render_note("The *fee*   was low.\n\nSee [the memo](memo.html).\n", md)
    assert html == '<p>The <em>fee</em>   was low.</p>\n<p>See <a href="memo.html">the memo</a>.</p>\n'
    assert links == [("memo.html", 2)]
    assert opening == "The fee was low."


def test_notes_rendered_together_keep_their_own_footnote_ids_and_link_lines():
    md = make_markdown()
    bodies = ["One[^a].\n\n[^a]: First.\n", "Two, see [x](x.html).\n"]
    together = render_notes(bodies, md, ["note-one", "note-two"])
    assert together == [render_note(b, md, i) for b, i in zip(bodies, ["note-one", "note-two"])]
    assert 'id="fnref-note-one-1"' in together[0][0] and 'id="fn-note-one-1"' in together[0][0]
    assert together[1][1] == [("x.html", 0)]


def test_the_opening_of_a_note_with_no_paragraph_is_empty():
    assert plain_opening(make_markdown().parse("---\n")) == ""
