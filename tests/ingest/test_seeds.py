"""Seeds -> content files: new seeds only, slugs never clash, re-ingest only what is unedited,
and the doubts of ingest repeated for `check` while the text is as ingest left it."""
from __future__ import annotations

from pathlib import Path

import pytest

from edition.cli import main
from edition.ingest import ingest_seed, unresolved
from edition.ingest.content import split_content
from edition.ingest.seeds import ingest_new, seed_diff, seed_files

POEM = ("The Road Not Taken\n\nTwo roads diverged in a yellow wood,\nAnd sorry I could not travel both\n"
        "And be one traveler, long I stood\nAnd looked down one as far as I could.\n")
SHORT = ("Four Short Lines\n\nThe first line is here.\nThe second line is here.\nThe third is here.\n")
ARTICLE = ("A Title For The Test\n\nThe first sentence of the article is here and it is long enough.\n\n"
           "A second paragraph closes the article.\n")


@pytest.fixture
def root(tmp_path) -> Path:
    (tmp_path / "seeds").mkdir()
    return tmp_path


def put(root: Path, name: str, text: str) -> Path:
    path = root / "seeds" / name
    path.write_text(text, encoding="utf-8")
    return path


def text_of(root: Path, slug: str) -> tuple[dict, str]:
    return split_content((root / "content/texts" / f"{slug}.md").read_text(encoding="utf-8"))


def test_seeds_of_every_kind_are_found(root):
    for name in ("a.txt", "b.md", "c.html", "d.htm", "notes.docx", ".hidden.txt"):
        put(root, name, ARTICLE)
    assert [p.name for p in seed_files(root)] == [".hidden.txt", "a.txt", "b.md", "c.html", "d.htm"]


def test_a_taken_slug_gets_a_distinct_one_with_a_warning(root):
    put(root, "a.txt", ARTICLE)
    put(root, "b.txt", ARTICLE)
    written, reports, problems = ingest_new(root)
    assert [p.name for p in written] == ["a-title-for-the-test.md", "a-title-for-the-test-2.md"]
    [problem] = problems
    assert problem.severity == "warning" and problem.path == "seeds/b.txt"
    assert "already taken by seeds/a.txt; written as content/texts/a-title-for-the-test-2.md" in problem.message
    # a third run ingests nothing: each seed has its text
    assert ingest_new(root) == ([], [], [])


def test_content_files_are_written_whole_and_never_over_another(root):
    put(root, "a.txt", ARTICLE)
    (root / "content/texts").mkdir(parents=True)
    (root / "content/texts/a-title-for-the-test.md").write_text("---\ntitle: Mine\n---\nMy own text.\n")
    ingest_new(root)
    assert (root / "content/texts/a-title-for-the-test.md").read_text() == "---\ntitle: Mine\n---\nMy own text.\n"
    assert (root / "content/texts/a-title-for-the-test-2.md").is_file()
    assert not list((root / "content/texts").glob(".*tmp"))


def test_ingest_form_verse_sets_a_text_as_verse_and_rewrites_it_while_unedited(root):
    put(root, "short.txt", SHORT)
    ingest_new(root)
    front, body = text_of(root, "four-short-lines")
    assert "form" not in front and body.count("\\\n") == 0
    written, _, problems = ingest_new(root, ["short.txt"], form="verse")
    assert problems == [] and [p.name for p in written] == ["four-short-lines.md"]
    front, body = text_of(root, "four-short-lines")
    assert front["form"] == "verse" and body == "The first line is here.\\\nThe second line is here.\\\nThe third is here.\n"
    ingest_new(root, ["short.txt"], form="prose")
    front, body = text_of(root, "four-short-lines")
    assert "form" not in front and body.count("\\\n") == 0


def test_an_editor_may_ask_for_verse_in_the_front_matter_then_ingest_again(root):
    put(root, "short.txt", SHORT)
    ingest_new(root)
    path = root / "content/texts/four-short-lines.md"
    path.write_text(path.read_text().replace("source_sha256:", "form: verse\nsource_sha256:"))
    ingest_new(root, ["seeds/short.txt"])
    assert text_of(root, "four-short-lines")[1].count("\\\n") == 2


def test_ingesting_again_never_destroys_an_edit(root):
    put(root, "short.txt", SHORT)
    ingest_new(root)
    path = root / "content/texts/four-short-lines.md"
    edited = path.read_text().replace("The third is here.", "The third is here, corrected.")
    path.write_text(edited)
    written, _, problems = ingest_new(root, ["short.txt"], form="verse")
    assert written == [] and path.read_text() == edited
    [problem] = problems
    assert problem.severity == "error" and problem.path == "content/texts/four-short-lines.md"
    assert problem.message.startswith("differs from what seeds/short.txt ingests to")
    assert "`python build.py ingest --diff four-short-lines`" in problem.message


def test_diff_compares_with_the_texts_own_form(root):
    put(root, "poem.txt", POEM)
    ingest_new(root)
    assert text_of(root, "the-road-not-taken")[0]["form"] == "verse"
    diff, problems = seed_diff(root, "the-road-not-taken")
    assert diff == "" and problems == []


def test_the_command_line_takes_form(root, capsys):
    put(root, "short.txt", SHORT)
    assert main(["--root", str(root), "ingest", "--form", "verse", "seeds/short.txt"]) == 0
    assert "ingested seeds/short.txt -> content/texts/four-short-lines.md" in capsys.readouterr().out
    assert text_of(root, "four-short-lines")[0]["form"] == "verse"


CUT = ("Source: https://example.org/news/a-visit-to-lyon\n\nThe minister arrived in Lyon on Monday and met the "
       "mayor for talks that lasted most of the day, officials said\n")


def test_unresolved_repeats_the_doubts_while_the_body_is_as_ingested():
    seed = CUT.encode()
    fresh = ingest_seed(seed, "seeds/cut.txt")
    doubts = unresolved(seed, "seeds/cut.txt", "content/texts/a-visit-to-lyon.md", fresh.body, fresh.meta)
    messages = [p.message for p in doubts]
    assert all(p.path == "content/texts/a-visit-to-lyon.md" and p.severity == "warning" for p in doubts)
    assert any(m.startswith("the text ends mid-sentence") and "(ingest of seeds/cut.txt:3;" in m for m in messages)
    assert any("made from the address" in m for m in messages)
    # the editor fixed the title: that doubt goes; the cut-off ending stays while the body is untouched
    fixed = dict(fresh.meta, title="A Visit To Lyon")
    assert [m for m in map(lambda p: p.message, unresolved(seed, "seeds/cut.txt", "x.md", fresh.body, fixed))
            if "address" in m] == []
    # the editor edited the body: ingest's doubts about it are gone
    assert unresolved(seed, "seeds/cut.txt", "x.md", fresh.body.replace("said", "said."), fresh.meta) == []


def test_unresolved_says_nothing_for_a_clean_text():
    seed = ARTICLE.encode()
    fresh = ingest_seed(seed, "seeds/a.txt")
    assert unresolved(seed, "seeds/a.txt", "content/texts/a.md", fresh.body, fresh.meta) == []


def test_a_seed_named_that_is_not_there_is_an_error_naming_those_that_are(tmp_path):
    from edition.ingest.seeds import ingest_new
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/visit.txt").write_text("A Visit\n\nThe minister came on Monday, the office said.\n",
                                              encoding="utf-8")
    _, reports, problems = ingest_new(tmp_path, ["vist.txt"])
    assert reports == []
    assert [str(p) for p in problems] == [
        "seeds/vist.txt: error: no such seed in seeds/; name one of: visit.txt"]
