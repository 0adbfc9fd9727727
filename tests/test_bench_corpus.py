"""The benchmark corpus is the same bytes everywhere, and the build accepts it."""
from __future__ import annotations

import hashlib
import shutil
import sys

from conftest import REPO, SITE_YAML
from edition.cli import main as cli_main

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/ is not a package: it is run as scripts)


def digest(folder):
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_same_arguments_give_the_same_bytes(tmp_path):
    corpus.write_corpus(tmp_path / "a", 3)
    corpus.write_corpus(tmp_path / "b", 3)
    first = digest(tmp_path / "a")
    assert first == digest(tmp_path / "b")
    assert "content/notes/text-0002.md" in first and "hugo/content/texts/text-0002.md" in first
    corpus.write_corpus(tmp_path / "c", 3, seed=corpus.SEED + 1)
    assert digest(tmp_path / "c") != first


def test_notes_and_glossary_pass_check(tmp_path, capsys):
    root = tmp_path / "corpus"
    corpus.write_corpus(root, 3)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    assert cli_main(["check", "--root", str(root)]) == 0
    errors = capsys.readouterr().err
    # 3 texts use only some of the 300 terms: "occurs in no text" is the only warning allowed.
    assert all("occurs in no text" in line for line in errors.splitlines()[:-1])
    html = (root / "content" / "notes" / "text-0001.md").read_text(encoding="utf-8")
    assert 15 <= html.count("\n## ") + html.startswith("## ") <= 25


def test_hugo_copy_carries_every_note_as_a_footnote(tmp_path):
    corpus.write_corpus(tmp_path, 2)
    for index in range(2):
        notes = (tmp_path / "content" / "notes" / f"text-{index:04d}.md").read_text(encoding="utf-8")
        hugo = (tmp_path / "hugo" / "content" / "texts" / f"text-{index:04d}.md").read_text(encoding="utf-8")
        count = notes.count("\n## ") + notes.startswith("## ")
        assert hugo.count(f"[^{count}]:") == 1 and f"[^{count + 1}]" not in hugo


def test_the_book_is_the_same_bytes_every_time_and_splits_into_its_chapters(tmp_path, capsys):
    corpus.write_book(tmp_path / "a", words=3000, chapters=3)
    corpus.write_book(tmp_path / "b", words=3000, chapters=3)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    root = tmp_path / "a"
    book = (root / "content" / "texts" / "book.md").read_text(encoding="utf-8")
    assert "split: chapters" in book and book.count("\n## Chapter ") == 3
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    assert cli_main(["build", "--root", str(root)]) == 0
    assert sorted(p.name for p in (root / "_site").glob("book*.html")) == ["book.2.html", "book.3.html", "book.html"]
