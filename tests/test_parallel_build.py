"""A cold build spread over processes writes exactly the site a one-process build writes."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys

from conftest import REPO, SITE_YAML, build_files
from edition import fonts

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402


def test_pool_and_single_process_give_the_same_site(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    corpus.write_corpus(root, 70, 300)           # above parallel.MIN_ITEMS pages
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "site.yaml").write_text(SITE_YAML + "epub: true\n", encoding="utf-8")
    monkeypatch.setenv("EDITION_PROCESSES", "1")
    alone, alone_files = build_files(root)
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    pooled, pooled_files = build_files(root)
    assert sorted(pooled_files) == sorted(alone_files)
    assert [p for p in pooled_files if pooled_files[p] != alone_files[p]] == []
    assert pooled.problems == alone.problems
    assert b'class="note-ref"' in pooled_files["text-0069.html"]
    # made meanwhile, each in a process of its own (parallel.meanwhile), and the same
    assert b"text-0069" in pooled_files["search/index.js"] and pooled_files[fonts.CSS].count(b"@font-face") >= 3
    assert pooled_files["test-edition.epub"].startswith(b"PK")


def test_pages_streamed_to_the_output_by_the_command_equal_a_one_process_build(tmp_path, monkeypatch):
    from edition.cli import main
    from edition.write import site_files
    roots = {}
    for processes in ("1", "2"):
        root = roots[processes] = tmp_path / f"corpus-{processes}"
        corpus.write_corpus(root, 70, 300)
        shutil.copytree(REPO / "theme", root / "theme")
        (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
        monkeypatch.setenv("EDITION_PROCESSES", processes)
        assert main(["--root", str(root), "build"]) == 0
    one, two = ({rel: (r / "_site" / rel).read_bytes() for rel in site_files(r / "_site")} for r in roots.values())
    assert len(one) > 70 and one == two
    assert [p.name for p in tmp_path.glob("corpus-2/._site.*")] == []     # no staging folder left behind
    # what the next build compares each file with, hashed by the workers that made the texts
    for root in roots.values():
        recorded = json.loads((root / ".edition-cache/manifest.json").read_text(encoding="utf-8"))["pages"]
        assert len(recorded) > 70 * 5
        assert {rel: entry["sha256"] for rel, entry in recorded.items()} == {
            rel: hashlib.sha256((root / "_site" / rel).read_bytes()).hexdigest() for rel in recorded}


def test_the_search_index_the_face_and_the_book_are_made_in_processes_of_their_own(tmp_path, monkeypatch):
    """Fresh processes (parallel.meanwhile), begun late without the build's memory: what this
    process would make them with is broken here, and the site is whole all the same."""
    import zipfile
    from edition import epub, parallel, search

    def broken(*args, **kwargs):
        raise AssertionError("made in the build's own process")
    root = tmp_path / "corpus"
    corpus.write_corpus(root, 70, 300)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "site.yaml").write_text(SITE_YAML + "epub: true\n", encoding="utf-8")
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)     # another test's thread
    monkeypatch.setattr(search, "split_shards", broken)
    monkeypatch.setattr(fonts, "_subset", broken)
    monkeypatch.setattr(epub, "_write", broken)
    fonts._MADE.clear()
    build, files = build_files(root)
    assert all(p.severity != "error" for p in build.problems) and b"text-0069" in files["search/index.js"]
    assert files[fonts.CSS].count(b"@font-face") >= 3
    with zipfile.ZipFile(io.BytesIO(files["test-edition.epub"])) as book:
        assert b"Text number 69" in book.read("EPUB/text-0069.xhtml")
