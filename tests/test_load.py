"""load.py: content/ into texts, pages, notes and glossary terms, every problem with its line."""
from __future__ import annotations

from edition.files import plain_read
from edition.load import load_project, parse_glossary, parse_notes
from edition.model import NotesFile, PartialDate

from conftest import text_file, write_project


def test_a_project_loads_its_texts_pages_notes_and_glossary(tmp_path):
    root = write_project(tmp_path / "p", {
        "content/texts/alpha.md": text_file("Alpha", "One.\n", date="2025-02-03"),
        "content/pages/about.md": text_file("About", "Us.\n"),
        "content/notes/alpha.md": "## One\n\nA note.\n",
        "content/glossary.md": "## One\n\nA number.\n"})
    project, problems = load_project(root, plain_read)
    assert problems == []
    [text] = project.texts
    assert (text.slug, text.meta.title, text.meta.date, text.body_line) == ("alpha", "Alpha", PartialDate(2025, 2, 3), 5)
    assert [p.slug for p in project.pages] == ["about"]
    assert project.notes["alpha"].path == "content/notes/alpha.md"
    assert [t.term for t in project.glossary] == ["One"]


def test_notes_are_checked_with_their_lines():
    problems = []
    notes = parse_notes(NotesFile("content/notes/a.md", "## first\nid: same\n\nA.\n\n## second\nid: same\n\nB.\n\n"
                                                        "## third\noccurrence: 0\n\nC.\n\n## \n\nD.\n\n## empty\n"),
                        "a", problems)
    assert [n.id for n in notes] == ["same"]
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (6, "note id `same` is already used on line 1"),
        (12, "`occurrence: 0` must be a whole number from 1 (the first time the phrase appears)"),
        (16, "note heading is empty"),
        (20, "note on “empty” is empty")]


def test_a_placeholder_note_is_an_error_at_the_todo():
    problems = []
    parse_notes(NotesFile("content/notes/a.md", "## first\n\nTODO: write it.\n"), "a", problems)
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]


def test_glossary_aliases_are_claimed_once():
    problems = []
    terms = parse_glossary("## CECOT\naliases: mega-prison\n\nA prison.\n\n## Prison\naliases: Mega-Prison\n\nB.\n",
                           "content/glossary.md", problems)
    assert [t.id for t in terms] == ["cecot"]
    assert [str(p) for p in problems] == [
        "content/glossary.md:6: error: alias “Mega-Prison” is already claimed by “CECOT” (line 1); keep it in one "
        "entry only"]
