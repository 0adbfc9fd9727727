"""files.py: reading the project's files, and writing one whole or not at all."""
from __future__ import annotations

import os

import pytest

from edition.files import decode, listing, listing_record, markdown_files, write_atomic


def test_markdown_files_are_listed_without_hidden_files_folders_or_links_out(tmp_path):
    folder = tmp_path / "content/texts"
    folder.mkdir(parents=True)
    (folder / "b.md").write_text("b")
    (folder / "a.md").write_text("a")
    (folder / ".draft.md").write_text("hidden")
    (folder / "c.md").mkdir()
    (tmp_path.parent / "outside.md").write_text("x")
    (folder / "d.md").symlink_to(tmp_path.parent / "outside.md")
    problems = []
    assert [p.name for p in markdown_files(tmp_path, "content/texts", problems)] == ["a.md", "b.md"]
    assert [str(p).split(": error: ")[0] for p in problems] == ["content/texts/c.md", "content/texts/d.md"]


def test_text_is_utf8_with_unix_line_ends_and_a_bad_byte_is_a_problem_at_its_line():
    problems = []
    assert decode("\ufeffone\r\ntwo\rthree".encode(), "a.md", problems) == "one\ntwo\nthree"
    assert decode(b"fine\n\xff bad", "a.md", problems) == "fine\n\ufffd bad"
    assert [p.line for p in problems] == [2]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "notes.md"
    target.write_text("the editor's notes")
    real = os.replace

    def full(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_atomic(target, b"half of the new")
    monkeypatch.setattr(os, "replace", real)
    assert target.read_text() == "the editor's notes"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_the_listing_has_every_file_with_its_size(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static/a.css").write_bytes(b"abc")
    (tmp_path / "index.html").write_bytes(b"x")
    assert [(rel, size) for rel, size, _ in listing(tmp_path)] == [("index.html", 1), ("static/a.css", 3)]


def test_the_listing_names_links_but_does_not_walk_into_a_linked_folder(tmp_path):
    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "a/b/x.html").write_text("x")
    (tmp_path / "top.html").write_text("top")
    os.symlink(tmp_path / "a", tmp_path / "linked")            # a folder: neither entered nor listed
    os.symlink(tmp_path / "top.html", tmp_path / "a/same.html")    # a file: listed, as the link
    os.symlink(tmp_path / "gone", tmp_path / "dangling")
    assert [rel for rel, _, _ in listing(tmp_path)] == ["a/b/x.html", "a/same.html", "dangling", "top.html"]
    assert dict((rel, size) for rel, size, _ in listing(tmp_path))["a/same.html"] == len(str(tmp_path / "top.html"))


def test_the_listing_record_moves_with_any_file_added_removed_or_rewritten(tmp_path):
    site = tmp_path / "_site"
    (site / "static").mkdir(parents=True)
    (site / "index.html").write_text("x")
    (site / "static/a.css").write_text("abc")
    record = listing_record(site)
    assert record == listing_record(site) and len(record) == 64     # a hash, not 6 MB of names at scale
    (site / "index.html").write_text("y")       # same size, in place: its time moves
    os.utime(site / "index.html", ns=(1, 1))
    assert listing_record(site) != record
    record = listing_record(site)
    (site / "static/b.css").write_text("")
    assert listing_record(site) != record
    (site / "static/b.css").unlink()
    assert listing_record(site) == record
    assert listing_record(tmp_path / "nowhere") == ""
