"""Annotate: notes land on their quotes; glossary terms are linked, never changing the words."""
from __future__ import annotations

from conftest import visible_words
from edition.annotate import annotate_text
from edition.glossary import TermMatcher
from edition.load import parse_glossary, parse_notes
from edition.markdown import make_markdown
from edition.model import NotesFile, Text, TextMeta

BODY = (
    "Secretary of State Rubio is welcoming an invitation from El Salvador.\n\n"
    "The fee would be “relatively low” but the fee would matter. Rubio’s trip went on.\n\n"
    "Members of Tren de Aragua and of *MS-13* were named; see [the order](https://example.org/eo).\n"
)


def annotate(notes_md="", glossary_md="", mode="first", body=BODY):
    problems = []
    text = Text("t", "content/texts/t.md", TextMeta(title="T"), body, 5)
    notes = parse_notes(NotesFile("content/notes/t.md", notes_md), "t", problems)
    terms = parse_glossary(glossary_md, "content/glossary.md", problems)
    result = annotate_text(text, notes, TermMatcher(terms), mode, make_markdown())
    return result, problems + result.problems


def html_of(result):
    return "".join(b.html for b in result.blocks)


def messages(problems):
    return [str(p) for p in problems]


def test_note_lands_on_its_quote_with_a_numbered_reference():
    result, problems = annotate("## relatively low\n\nA note.\n\nSource: [S](https://example.org)\n")
    assert problems == []
    html = html_of(result)
    assert '<span class="anchor" data-note="relatively-low">relatively low</span>' in html
    assert 'href="#note-relatively-low"' in html and ">1</a></sup>" in html
    assert result.notes[0].paragraph == 2
    assert "<a href=\"https://example.org\" rel=\"noopener noreferrer\">S</a>" in result.notes[0].html


def test_notes_are_numbered_in_reading_order_not_file_order():
    result, _ = annotate("## Tren de Aragua\n\nLater.\n\n## Secretary of State\n\nEarlier.\n")
    assert [(n.number, n.note.quote) for n in result.notes] == [(1, "Secretary of State"), (2, "Tren de Aragua")]


def test_ambiguous_anchor_is_an_error_with_the_fix():
    _, problems = annotate("## fee\n\nWhich one?\n")
    assert messages(problems) == [
        "content/notes/t.md:1: error: anchor “fee” is ambiguous: it occurs 2 times in content/texts/t.md; "
        "add `occurrence: N` (1–2), or `before:`/`after:` with the words around the one you mean"]


def test_occurrence_and_context_choose_among_repeats():
    second, problems = annotate("## fee\noccurrence: 2\n\nSecond.\n")
    assert problems == []
    by_after, problems = annotate("## fee\nafter: would matter\n\nSecond.\n")
    assert problems == []
    for result in (second, by_after):
        html = html_of(result)
        assert html.index('data-note="fee"') > html.index("relatively low")


def test_missing_anchor_and_spanning_anchor_are_reported_never_dropped_silently():
    _, problems = annotate("## relatively high\n\nNo.\n\n## El Salvador. The fee\n\nSpans.\n")
    assert messages(problems) == [
        "content/notes/t.md:1: error: anchor “relatively high” not found in content/texts/t.md; the text may "
        "have changed — copy the phrase exactly as the text has it (quotes and dashes included)",
        "content/notes/t.md:5: error: anchor “El Salvador. The fee” spans two paragraphs in content/texts/t.md; "
        "quote a phrase from within one paragraph"]


def test_overlapping_anchors_are_an_error():
    _, problems = annotate("## Secretary of State Rubio\n\nA.\n\n## State Rubio is\n\nB.\n")
    assert messages(problems) == [
        "content/notes/t.md:5: error: anchor “State Rubio is” overlaps the anchor “Secretary of State Rubio” "
        "(line 1); shorten one quote so they do not share words"]


def test_glossary_links_first_occurrence_longest_match_and_possessive():
    glossary = ("## Marco Rubio\nid: rubio\naliases: Rubio\n\nThe secretary.\n\n"
                "## Tren de Aragua\nid: tda\n\nA gang.\n\n## Aragua\n\nA state.\n\n"
                "## MS-13\nid: ms-13\n\nA gang.\n")
    result, problems = annotate(glossary_md=glossary)
    html = html_of(result)
    assert html.count('href="glossary.html#rubio"') == 1
    assert '<a class="term" href="glossary.html#tda" data-term="tda">Tren de Aragua</a>' in html
    assert "glossary.html#aragua" not in html        # longest match wins
    assert result.occurrences["rubio"] == [1, 2]     # "Rubio’s" counts, in ¶ 2
    assert '<em><a class="term" href="glossary.html#ms-13"' in html
    assert [str(p) for p in problems] == []


def test_glossary_mode_all_and_none():
    glossary = "## Rubio\n\nThe secretary.\n"
    all_links, _ = annotate(glossary_md=glossary, mode="all")
    no_links, _ = annotate(glossary_md=glossary, mode="none")
    assert html_of(all_links).count('class="term"') == 2
    assert 'class="term"' not in html_of(no_links)
    assert no_links.occurrences == {"rubio": [1, 2]}


def test_never_links_inside_headings_links_or_code():
    body = "## About Rubio\n\nSee [Rubio here](https://example.org) and `Rubio`.\n"
    result, _ = annotate(glossary_md="## Rubio\n\nX.\n", body=body)
    assert 'class="term"' not in html_of(result)


def test_a_term_that_would_cut_a_note_anchor_is_not_linked():
    result, problems = annotate("## Tren de\n\nCut.\n", "## Tren de Aragua\n\nGang.\n")
    assert problems == []
    assert 'class="term"' not in html_of(result)
    assert result.occurrences == {"tren-de-aragua": [3]}


def test_linking_and_notes_never_change_the_visible_words():
    glossary = "## Rubio\n\nX.\n\n## El Salvador\n\nY.\n\n## MS-13\n\nZ.\n"
    plain, _ = annotate(mode="none")
    linked, _ = annotate("## welcoming an invitation\n\nN.\n", glossary, mode="all")
    assert 'class="term"' in html_of(linked) and "note-ref" in html_of(linked)
    assert visible_words(html_of(linked)) == visible_words(html_of(plain))


def test_dek_and_caption_link_only_terms_the_body_lacks():
    text = Text("t", "content/texts/t.md",
                TextMeta(title="T", photo_caption="Rubio at Lake Coatepeque <b>", photo_credit="AP/Jo"),
                BODY, 5)
    problems = []
    terms = parse_glossary("## Rubio\n\nX.\n\n## Lake Coatepeque\nid: lake\n\nY.\n\n## AP\n\nZ.\n",
                           "content/glossary.md", problems)
    result = annotate_text(text, [], TermMatcher(terms), "first", make_markdown())
    caption, found = result.header["photo_caption"]
    assert caption == ('Rubio at <a class="term" href="glossary.html#lake" data-term="lake">Lake Coatepeque</a> '
                       "&lt;b&gt;")
    assert found == ["rubio", "lake"]          # both count for the glossary's back-references
    assert 'href="glossary.html#ap"' in result.header["photo_credit"][0]


def test_the_lemma_is_the_quote_as_the_text_has_it_with_its_no_break_spaces():
    body = "La liberté consiste à pouvoir faire tout ce qui ne nuit pas à autrui\u00a0: ainsi, l’exercice.\n"
    result, problems = annotate("## à autrui : ainsi\n\nA note.\n", body=body)
    assert problems == [] and result.notes[0].lemma == "à autrui\u00a0: ainsi"
    assert "à autrui\u00a0: ainsi</span>" in html_of(result)
