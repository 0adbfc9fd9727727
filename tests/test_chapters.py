"""A long text split into chapters: one page each, numbering that runs on, links checked by page."""
from __future__ import annotations

import re

from conftest import build_files, text_file
from edition.cli import main

BOOK = text_file("A *long* book", "A preface.\n\n## Chapter 1\n\nThe first paragraph of the lighthouse.\n\n"
                 "Another one.\n\n## Chapter 2\n\nThe keeper wrote.\n\n### A part of it\n\nMore of the lighthouse.\n\n"
                 "## Chapter 3\n\nThe end.\n", split="chapters", date=1900)
NOTES = ("## The keeper wrote\nid: keeper\n\nSee [the end](book.3.html#p6) and [this chapter](#p4).\n\n"
         "## Chapter 3\nid: three\n\nThe last chapter.\n")
GLOSSARY = "## lighthouse\n\nA tower with a light.\n"


def files(**more):
    return {"content/texts/book.md": BOOK, "content/notes/book.md": NOTES, "content/glossary.md": GLOSSARY, **more}


def test_each_chapter_is_a_page_and_the_numbers_run_on(project):
    result, site = build_files(project(files()))
    assert result.problems == []
    assert {"book.html", "book.2.html", "book.3.html"} <= set(site)
    first, second, third = (site[p].decode() for p in ("book.html", "book.2.html", "book.3.html"))
    # the first page: the preface and chapter 1, the header, the contents of every chapter
    assert 'id="p1"' in first and 'id="p3"' in first and 'id="p4"' not in first
    assert '<a href="book.2.html#s-chapter-2">Chapter 2</a>' in first and 'id="about"' in first
    assert "3 chapters" in first
    # the first page has no note of its own: "2 notes" leads to the first page that has
    assert '<a href="book.2.html#notes-heading">2 notes</a>' in first and "notes-heading" not in first.split(
        "book.2.html#notes-heading", 1)[1]
    index = site["index.html"].decode()
    assert '<a href="book.2.html#notes-heading">2 notes</a>' in index and "<span>3 chapters</span>" in index
    # a chapter page: its own paragraphs, numbered on; its notes numbered on; previous and next
    assert 'id="p4"' in second and 'id="p5"' in second and 'id="p6"' not in second
    assert "Chapter 2 of 3" in second and 'id="about"' not in second
    assert '<li id="note-keeper" value="1">' in second and "note-three" not in second
    # its back-link names the section it stands in
    assert '¶ 4</a> <span class="note-section">Chapter 2</span> <span class="lemma">The keeper wrote</span>' in second
    assert '<li id="note-three" value="2">' in third
    assert re.search(r'<span class="pager-rel">Previous:</span> <a href="book.html" rel="prev">Chapter 1</a>', second)
    assert re.search(r'<span class="pager-rel">Next:</span> <a href="book.3.html" rel="next">Chapter 3</a>', second)
    # the title's Markdown on the page, plain in <title>; the chapter names itself there
    assert "<title>Chapter 2 · A long book · Test edition</title>" in second
    assert '<h1 id="text-title"><a href="book.html">A <em>long</em> book</a></h1>' in second


def test_web_annotations_name_the_chapter_page_a_note_stands_on(project):
    _, site = build_files(project(files()))
    collection = site["annotations/book.jsonld"].decode()
    assert '"source":"../book.2.html"' in collection.replace(" ", "") and '"source":"../book.3.html"' in \
        collection.replace(" ", "")


def test_the_glossary_cites_a_paragraph_on_the_page_that_holds_it(project):
    _, site = build_files(project(files()))
    glossary = site["glossary.html"].decode()
    assert '<a href="book.html#p2">¶ 2</a>' in glossary
    assert '<span class="backref-section">Chapter 1</span> <a href="book.html#p2">¶ 2</a>' in glossary
    assert '<span class="backref-section">A part of it</span> <a href="book.2.html#p5">¶ 5</a>' in glossary


def test_a_link_to_another_chapters_paragraph_must_name_its_page(project, capsys):
    notes = NOTES.replace("#p4)", "#p6)")
    root = project(files(**{"content/notes/book.md": notes}))
    assert main(["--root", str(root), "check"]) == 1
    assert ("content/notes/book.md:4: error: link `#p6`: book.2.html has no `#p6`; it is on book.3.html, another "
            "page of the same text: link `book.3.html#p6`") in capsys.readouterr().err


def test_split_without_chapters_is_one_page_with_a_warning(project, capsys):
    root = project({"content/texts/short.md": text_file("Short", "One paragraph.\n", split="chapters")})
    assert main(["--root", str(root), "build"]) == 0
    assert ("content/texts/short.md: warning: `split: chapters` needs two headings or more of the same level to "
            "split at (e.g. `## Chapter 2`); add them, or remove the line") in capsys.readouterr().err
    assert sorted(p.name for p in (root / "_site").glob("short*")) == ["short.html"]


def test_a_rebuild_reuses_every_chapter_page_and_writes_the_same_bytes(project, capsys):
    root = project(files(**{"content/texts/other.md": text_file("Other", "Another text.\n"),
                            "content/notes/other.md": "## Another\n\nA note.\n"}))
    assert main(["--root", str(root), "build"]) == 0
    before = {p.name: p.read_bytes() for p in (root / "_site").glob("book*.html")}
    (root / "content" / "notes" / "other.md").write_text("## Another\n\nA changed note.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    assert "1 rendered" in capsys.readouterr().out      # other.html only: the book's three pages are reused
    assert {p.name: p.read_bytes() for p in (root / "_site").glob("book*.html")} == before and len(before) == 3
    (root / "_site" / "book.2.html").write_bytes(b"changed by hand")
    (root / "content" / "notes" / "other.md").write_text("## Another\n\nAgain.\n", encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert (root / "_site" / "book.2.html").read_bytes() == before["book.2.html"]     # a page touched is made again
