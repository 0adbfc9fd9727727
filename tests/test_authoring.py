"""authoring.py: new-note starts a note on a phrase of a text, never disturbing the notes there."""
from __future__ import annotations

from conftest import text_file
from edition.cli import main

BODY = ("The fee would be “relatively low” for the prison.\n\n"
        "The fee would matter, and the fee would rise.\n")
FILES = {"content/texts/fee.md": text_file("The fee", BODY, date="2025-02-03")}
SKELETON = ("## relatively low\n\n"
            "TODO: write what a reader needs to know about this phrase.\n\n"
            "Source: [TODO: title of the source](https://example.org/TODO)\n")


def run(root, *args):
    return main(["--root", str(root), *args])


def test_new_note_creates_the_notes_file_with_a_skeleton(project, capsys):
    root = project(FILES)
    assert run(root, "new-note", "fee", "relatively   low") == 0
    assert (root / "content/notes/fee.md").read_text(encoding="utf-8") == SKELETON
    assert capsys.readouterr().out == ("content/notes/fee.md:1: added a note on “relatively low”; write it and its "
                                       "source, then remove the TODO: lines (until then `check` reports it)\n")


def test_a_skeleton_fails_check_until_it_is_written(project, capsys):
    root = project(FILES)
    run(root, "new-note", "fee", "relatively low")
    capsys.readouterr()
    assert run(root, "check") == 1
    assert capsys.readouterr().err == (
        "content/notes/fee.md:3: error: note on “relatively low” is still a placeholder (`TODO:`); write the note "
        "and its source, then remove every `TODO:`\n1 error(s), 0 warning(s)\n")
    (root / "content/notes/fee.md").write_text("## relatively low\n\nWritten.\n", encoding="utf-8")
    assert run(root, "check") == 0


def test_new_note_appends_and_never_rewrites_existing_notes(project):
    existing = "## for the prison\nid: prison\n\nAn editor's note, kept byte for byte.  \n"
    root = project({**FILES, "content/notes/fee.md": existing})
    assert run(root, "new-note", "fee", "relatively low") == 0
    assert (root / "content/notes/fee.md").read_text(encoding="utf-8") == existing + "\n" + SKELETON


def test_a_phrase_that_occurs_more_than_once_is_refused_with_each_place(project, capsys):
    root = project(FILES)
    assert run(root, "new-note", "fee", "The fee would") == 1
    assert capsys.readouterr().err == (
        "content/texts/fee.md: error: “The fee would” occurs 2 times (1: ¶ 1 [The fee would] be “relatively "
        "low” for…; 2: ¶ 2 [The fee would] matter, and the fee…); add --occurrence N for the one "
        "you mean, or quote more words so the phrase occurs once\n1 error(s), 0 warning(s)\n")
    assert not (root / "content/notes/fee.md").exists()


def test_occurrence_picks_one_and_is_written_as_a_field(project):
    root = project(FILES)
    assert run(root, "new-note", "fee", "The fee would", "--occurrence", "2") == 0
    assert (root / "content/notes/fee.md").read_text(encoding="utf-8").startswith(
        "## The fee would\noccurrence: 2\n\nTODO:")


def test_a_phrase_not_in_the_text_is_refused(project, capsys):
    root = project(FILES)
    assert run(root, "new-note", "fee", "the prison is low") == 1
    assert capsys.readouterr().err.startswith(
        "content/texts/fee.md: error: “the prison is low” does not occur in the text; copy the phrase exactly")
    assert run(root, "new-note", "fee", "RELATIVELY LOW") == 1
    assert "does not occur in the text (it occurs with different capitals: “relatively low”)" in capsys.readouterr().err
    assert run(root, "new-note", "nope", "fee") == 1
    assert capsys.readouterr().err.startswith("content/texts/nope.md: error: no text `nope`; use one of: fee\n")


def test_the_same_note_twice_is_refused(project, capsys):
    root = project(FILES)
    run(root, "new-note", "fee", "relatively low")
    capsys.readouterr()
    assert run(root, "new-note", "fee", "relatively low") == 1
    assert capsys.readouterr().err.startswith(
        "content/notes/fee.md:1: error: already has a note on “relatively low”; edit it there\n")


def test_a_phrase_that_overlaps_an_existing_note_is_refused(project, capsys):
    existing = "## low” for the prison\nid: prison\n\nA note.\n"
    root = project({**FILES, "content/notes/fee.md": existing})
    assert run(root, "new-note", "fee", "relatively low") == 1
    assert capsys.readouterr().err.startswith(
        "content/notes/fee.md:1: error: “relatively low” overlaps the note on “low” for the prison” here, and two "
        "notes may not share words; quote fewer words, or add to that note\n")
    assert (root / "content/notes/fee.md").read_text(encoding="utf-8") == existing
    assert run(root, "new-note", "fee", "The fee would", "--occurrence", "2") == 0     # elsewhere: fine


def test_a_path_for_a_name_is_refused_and_nothing_is_written(project, capsys):
    root = project(FILES)
    before = (root / "content/texts/fee.md").read_bytes()
    for slug in ("../texts/fee", "/etc/passwd", "fee/../../README"):
        assert run(root, "new-note", slug, "relatively low") == 1
        assert f"content/texts: error: `{slug}` is not the name of a text" in capsys.readouterr().err
    assert (root / "content/texts/fee.md").read_bytes() == before
    assert not (root / "content/notes").exists()
