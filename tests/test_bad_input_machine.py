"""The catalogue, continued: the machine and the command line. A full disk, a read-only disk, a
file gone or unreadable while the command reads it, a corrupt cache, and every path-like argument
of every command (each case: the exact message, the exit code, the last good site byte for byte,
every editor's file as it was; the machinery is tests/catalogue.py).
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from catalogue import (GOOD, NOTES, TEXT, Case, both, file_writes_fail, front, put, reads_fail, run_case,
                       site_writes_fail, tree)
from edition.cli import main

SEED = ("A Title For The Test\n\nThe first sentence of the article is here and it is long enough.\n\n"
        "A second paragraph closes the article.\n")
NEW_NOTE = ("new-note", "alpha", "second paragraph")
CHANGED_NOTE = put(NOTES, "## first paragraph\n\nA changed note on the first paragraph.\n")
ANNOTATIONS = json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                          "body": {"type": "TextualBody", "value": "A note."},
                          "target": {"selector": {"type": "TextQuoteSelector", "exact": "second paragraph"}}})
THEIRS = "---\ntitle: Theirs\n---\nTheir words.\n"
KEPT = "the last good site was left in place"
OWN = "would overwrite your own files; name a new file such as book.epub"


def link(target: str, rel: str):
    """rel becomes a symbolic link to target (relative to the project, or absolute)."""
    def change(root):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target if target.startswith("/") else root / target, path)
    return change


def folder(rel: str):
    return lambda root: (root / rel).mkdir(parents=True)


def flip_a_byte(rel: str):
    def change(root):
        path = root / ".edition-cache" / rel
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x20
        path.write_bytes(bytes(data))
    return change


def another_build_wins(root, monkeypatch):
    """Each time this build renames its new site into place, another build of the same project
    has just put its own there (the same site, as it is the same project)."""
    other = Path(tempfile.mkdtemp()) / "site"
    shutil.copytree(root / "_site", other)
    real = os.rename

    def rename(source, target):
        if Path(source).name.startswith("._site.new-") and Path(target).name == "_site":
            if not Path(target).exists():
                shutil.copytree(other, target)
            raise OSError(errno.ENOTEMPTY, os.strerror(errno.ENOTEMPTY))
        return real(source, target)
    monkeypatch.setattr(os, "rename", rename)


def another_ingest_first(root, monkeypatch):
    """Another `ingest` wrote the text this one is about to write between its look and its write
    (the text is there, made by the case's `breaks`; this ingest looked before it was)."""
    import edition.ingest.seeds as seeds
    monkeypatch.setattr(seeds, "free_slug", lambda root, slug, claimed: slug)


CASES = [
    # --- the disk, while the site is written --------------------------------------------------
    Case("disk full while the site is written", CHANGED_NOTE,
         [f"error: cannot write _site/alpha.html: the disk is full; free some space and build again ({KEPT})"],
         during=site_writes_fail(errno.ENOSPC)),
    Case("disk quota used up while the site is written", CHANGED_NOTE,
         [f"error: cannot write _site/alpha.html: your disk quota is used up; free some space and build again "
          f"({KEPT})"], during=site_writes_fail(errno.EDQUOT)),
    Case("disk read-only while the site is written", CHANGED_NOTE,
         [f"error: cannot write _site/alpha.html: the disk it is on is read-only ({KEPT})"],
         during=site_writes_fail(errno.EROFS)),
    Case("permission denied while the site is written", CHANGED_NOTE,
         [f"error: cannot write _site/alpha.html: permission denied; check that the folder and the one above it "
          f"are writable ({KEPT})"], during=site_writes_fail(errno.EACCES)),
    Case("disk full while the cache is saved: the site is written, a note says so",
         lambda root: None,
         ["note: cannot write .edition-cache/: the disk is full; free some space and build again; the site is "
          "written, the next build takes longer"],
         argv=("build", "--clean"), code=0, during=file_writes_fail(errno.ENOSPC, ".edition-cache")),

    # --- the disk, while a command writes the editor's files ---------------------------------
    Case("disk full while ingest writes the new text: no half text is left",
         put("seeds/article.txt", SEED),
         ["content/texts/a-title-for-the-test.md: error: cannot be written: the disk is full; free some space "
          "and run the command again; nothing of seeds/article.txt was ingested (no part of the file is left "
          "behind)"], argv=(), during=file_writes_fail(errno.ENOSPC, "content/texts")),
    Case("disk full while new-note writes the notes file", lambda root: None,
         ["content/notes/alpha.md: error: cannot be written: the disk is full; free some space and run the "
          "command again; it was left as it was"],
         argv=NEW_NOTE, during=file_writes_fail(errno.ENOSPC, "content/notes")),
    Case("disk read-only while new-note writes the notes file", lambda root: None,
         ["content/notes/alpha.md: error: cannot be written: the disk it is on is read-only; it was left as it "
          "was"], argv=NEW_NOTE, during=file_writes_fail(errno.EROFS, "content/notes")),
    Case("disk full while import-annotations writes the notes file", put("../annotations.json", ANNOTATIONS),
         ["content/notes/alpha.md: error: cannot be written: the disk is full; free some space and run the "
          "command again; it was left as it was, and no note was added"],
         argv=("import-annotations", "{root}/../annotations.json", "alpha"),
         during=file_writes_fail(errno.ENOSPC, "content/notes")),
    Case("disk full while epub writes the book", lambda root: None,
         ["error: cannot write book.epub: the disk is full; free some space and run the command again (no book "
          "was written)"], argv=("epub", "--output", "{root}/book.epub"),
         during=file_writes_fail(errno.ENOSPC, "book.epub")),

    # --- another process writing at the same time ---------------------------------------------
    Case("another build always puts its site in place first", CHANGED_NOTE,
         [f"error: cannot write _site/: another build was writing it at the same time; build again ({KEPT})"],
         during=another_build_wins),
    Case("another ingest makes the same text in the same moment",
         both(put("seeds/article.txt", SEED), put("content/texts/a-title-for-the-test.md", THEIRS)),
         ["content/texts/a-title-for-the-test.md: error: was made by another command while seeds/article.txt "
          "was being ingested, and is left as it is; run the command again"],
         argv=(), during=another_ingest_first),

    # --- files that go away or cannot be read while the command reads them -------------------
    Case("a text removed while the build reads it", CHANGED_NOTE,
         ["content/texts/alpha.md: error: was removed while it was being read; run the command again"],
         during=reads_fail(errno.ENOENT, TEXT)),
    Case("a text that cannot be read", CHANGED_NOTE,
         ["content/texts/alpha.md: error: cannot be read (permission denied); check its permissions"],
         during=reads_fail(errno.EACCES, TEXT)),
    Case("site.yaml that cannot be read", CHANGED_NOTE,
         ["site.yaml: error: cannot be read (permission denied); check its permissions"],
         during=reads_fail(errno.EACCES, "site.yaml")),
    Case("a theme's static file that cannot be read", CHANGED_NOTE,
         ["theme/default/static/edition.css: error: cannot be read (permission denied); check its permissions"],
         during=reads_fail(errno.EACCES, "theme/default/static/edition.css")),
    Case("an image that cannot be read", put("content/media/map.png", b"\x89PNG\r\n\x1a\n"),
         ["content/media/map.png: error: cannot be read (permission denied); check its permissions"],
         during=reads_fail(errno.EACCES, "content/media/map.png")),
    Case("a seed that cannot be read", put("seeds/article.txt", SEED),
         ["seeds/article.txt: error: cannot be read (permission denied); check its permissions"],
         during=reads_fail(errno.EACCES, "seeds/article.txt"), argv=()),
    Case("a seed removed while ingest reads it", put("seeds/article.txt", SEED),
         ["seeds/article.txt: error: was removed while it was being read; run the command again"],
         during=reads_fail(errno.ENOENT, "seeds/article.txt"), argv=()),

    # --- the cache: one flipped byte costs only time -------------------------------------------
    Case("cache: a flipped byte in the record of the last build: built again, the same site",
         flip_a_byte("last-build.json"), [], code=0,
         out=["built 4 pages: nothing changed, _site/ left as it was"]),
    Case("cache: a file where its folder should be: the site is written, a note says so",
         lambda root: (shutil.rmtree(root / ".edition-cache"), (root / ".edition-cache").write_text("x")),
         ["note: cannot write .edition-cache/: a file stands where a folder should be; move or remove it; the "
          "site is written, the next build takes longer"], code=0),

    # --- new-note: every argument checked against its folder -----------------------------------
    Case("new-note: a path for the text's name", lambda root: None,
         ["content/texts: error: `../texts/alpha` is not the name of a text; give the name as in "
          "content/texts/NAME.md, e.g. new-note my-text \"a phrase\""], argv=("new-note", "../texts/alpha", "first paragraph")),
    Case("new-note: the notes file is a link to README.md", both(put("README.md", "mine\n"),
                                                                 link("README.md", NOTES)),
         ["content/notes/alpha.md: error: is not a file inside content/notes/ (a link or a folder); make it a "
          "plain file, or remove it"], argv=NEW_NOTE),
    Case("new-note: the notes file is a folder", both(lambda root: (root / NOTES).unlink(), folder(NOTES)),
         ["content/notes/alpha.md: error: is not a file inside content/notes/ (a link or a folder); make it a "
          "plain file, or remove it"], argv=NEW_NOTE),
    Case("new-note: the text is a folder", folder("content/texts/beta.md"),
         ["content/texts/beta.md: error: is a folder, not a text; rename or remove it"],
         argv=("new-note", "beta", "words")),
    Case("new-note: the text is a link to a file outside the project",
         both(put("../alpha.md", GOOD[TEXT]), link("../alpha.md", TEXT)),
         ["content/texts/alpha.md: error: is a link to {outside}/alpha.md, outside the project; copy the file "
          "into the project instead"], argv=NEW_NOTE),
    Case("new-note: a phrase of invisible characters only", lambda root: None,
         ["content/texts/alpha.md: error: give the exact phrase to annotate, in quotes, e.g. new-note SLUG "
          "\"relatively low\""], argv=("new-note", "alpha", "\u200b\u2060 \u00a0")),
    Case("new-note: a NUL in the phrase", lambda root: None,
         ["error: an argument holds a NUL character (\\x00), which no file name or phrase can; type it again"],
         argv=("new-note", "alpha", "first\0paragraph"), code=2),

    # --- import-annotations ---------------------------------------------------------------------
    Case("import-annotations: a file nested too deeply", put("../deep.json", "[" * 100_000 + "]" * 100_000),
         ["{root}/../deep.json: error: is nested too deeply to be an annotation file; export the annotations again"],
         argv=("import-annotations", "{root}/../deep.json", "alpha")),
    Case("import-annotations: a file that does not exist", lambda root: None,
         ["{root}/../none.json: error: cannot be read (No such file or directory); check the file name"],
         argv=("import-annotations", "{root}/../none.json", "alpha")),
    Case("import-annotations: a path for the text's name", put("../annotations.json", ANNOTATIONS),
         ["content/texts: error: no text `../notes/alpha`; use one of: alpha"],
         argv=("import-annotations", "{root}/../annotations.json", "../notes/alpha")),
    Case("import-annotations: the notes file is a link out of content/notes/",
         both(put("../annotations.json", ANNOTATIONS), put("README.md", "mine\n"), link("README.md", NOTES)),
         ["content/notes/alpha.md: error: is not a file inside content/notes/ (a link or a folder); make it a "
          "plain file, or remove it"], argv=("import-annotations", "{root}/../annotations.json", "alpha")),

    # --- ingest ---------------------------------------------------------------------------------
    Case("ingest: a seed that does not exist", lambda root: None,
         ["seeds/no-such-seed.txt: error: no such seed in seeds/; name one of: (none yet)"], argv=("ingest", "no-such-seed.txt")),
    Case("ingest: a seed outside seeds/", put("../outside.txt", SEED),
         ["../outside.txt: error: is not in seeds/, and ingest reads only the project's seeds; copy the file into "
          "seeds/ and run `ingest outside.txt`"], argv=("ingest", "../outside.txt")),
    Case("ingest --diff: a source_file outside the project",
         both(put("../secret.txt", SEED), put(TEXT, front("title: Alpha", "source_file: ../secret.txt"))),
         ["content/texts/alpha.md: error: its source_file is missing or names no seed of this project; nothing "
          "to compare"], argv=("ingest", "--diff", "alpha")),
    Case("ingest --diff: a text that is a folder", folder("content/texts/beta.md"),
         ["content/texts/beta.md: error: no text `beta`; see the names in content/texts/"],
         argv=("ingest", "--diff", "beta")),

    # --- epub and build: where the output goes --------------------------------------------------
    Case("epub --output into content/", lambda root: None,
         [f"--output: error: `--output {{root}}/content/book.epub` {OWN}"], argv=("epub", "--output", "{root}/content/book.epub"), code=2),
    Case("epub --output over site.yaml", lambda root: None,
         [f"--output: error: `--output {{root}}/site.yaml` {OWN}"], argv=("epub", "--output", "{root}/site.yaml"), code=2),
    Case("epub --output a folder", folder("../books"),
         ["--output: error: `--output {root}/../books` is a folder; name the book's file in it, e.g. --output "
          "{root}/../books/book.epub"], argv=("epub", "--output", "{root}/../books"), code=2),
    Case("epub --output over a file that is no EPUB", put("../thesis.docx", "my thesis"),
         ["--output: error: `--output {root}/../thesis.docx` exists and is not an EPUB, so it is not replaced; "
          "name another file"], argv=("epub", "--output", "{root}/../thesis.docx"), code=2),
    Case("epub --output with a control character", lambda root: None,
         ["--output: error: `--output {root}/book\\x1b[2J.epub` holds a control character; name a plain file "
          "such as book.epub"], argv=("epub", "--output", "{root}/book\x1b[2J.epub"), code=2),
    Case("build --output content/", lambda root: None,
         ["--output: error: `--output content` would overwrite your own files when the site is written; choose a "
          "separate folder such as `_site`"], argv=("build", "--output", "content")),
    Case("build --output a file", put("../public", "a file"),
         ["error: {root}/../public exists and was not written by edition; it will not be replaced. Empty or "
          "remove it, or set another `output:` in site.yaml"], argv=("build", "--output", "{root}/../public")),
    Case("build --output with a control character", lambda root: None,
         ["--output: error: `--output _si\\x07te` holds a control character, which no folder name should; write "
          "a plain folder name such as `_site`"], argv=("build", "--output", "_si\x07te")),
    Case("build --base-url that is no address", lambda root: None,
         ["error: --base-url 'https://x.org/\"><script>alert(1)</script>' is not a web address; write the full "
          "address, e.g. --base-url https://USER.github.io/REPO/"],
         argv=("build", "--base-url", "https://x.org/\"><script>alert(1)</script>"), code=2),
    Case("serve --port out of range", lambda root: None,
         ["build.py serve: error: argument --port: '70000' is not a port number; use one from 1 to 65535 (0: any "
          "free one)"], argv=("serve", "--port", "70000"), code=2),
    Case("--jobs of none", lambda root: None,
         ["build.py build: error: argument --jobs: '0' is not a number of processes; use one from 1 to 256"], argv=("build", "--jobs", "0"), code=2),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, project, capsys, monkeypatch):
    run_case(case, project, capsys, monkeypatch)


@pytest.mark.parametrize("name", ["manifest.json", "last-build.json", "texts.pickle"])
def test_a_flipped_byte_in_the_cache_costs_only_time(name, project, capsys):
    """The README says the cache costs only time: a build after one flipped byte in any of its
    files publishes the change, and is the site a clean build makes."""
    root = project(GOOD)
    assert main(["--root", str(root), "build"]) == 0
    flip_a_byte(name)(root)
    CHANGED_NOTE(root)
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err == "", err
    assert "A changed note on the first paragraph." in (root / "_site/alpha.html").read_text(encoding="utf-8")
    built = tree(root / "_site")
    assert main(["--root", str(root), "build", "--clean"]) == 0
    assert tree(root / "_site") == built


def test_the_catalogue_of_the_machine_is_large_enough():
    assert len(CASES) >= 40
