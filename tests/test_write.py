"""Safe, deterministic writing: the last good site survives every failure; same input, same bytes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import text_file, write_project
from edition import write
from edition.cli import main
from edition.write import OutputRefused, site_files, write_site

FILES = {
    "content/texts/fee.md": text_file("The fee", "The fee would be “relatively low” for the prison.\n\n"
                                      "The mega-prison CECOT holds members of Tren de Aragua.\n", date="2025-02-03"),
    "content/notes/fee.md": "## relatively low\n\nA first note about the fee.\n",
    "content/glossary.md": "## CECOT\n\nEl Salvador’s prison.\n",
    "content/pages/about.md": "---\ntitle: About\n---\nSee [the fee](fee.html#p1).\n",
}


def tree(folder: Path) -> dict:
    return {rel: (folder / rel).read_bytes() for rel in site_files(folder)}


def leftovers(root: Path) -> list:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("._site."))


def test_a_failed_build_leaves_the_last_good_site_as_it_was(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build"]) == 0
    good = tree(root / "_site")
    (root / "content/notes/fee.md").write_text("## relatively high\n\nWrong quote.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "content/notes/fee.md:1: error: anchor “relatively high” not found in content/texts/fee.md" in err
    assert err.endswith("build stopped: _site/ was left as it was\n")
    assert tree(root / "_site") == good
    assert leftovers(root) == []


def test_a_write_that_fails_half_way_leaves_the_last_good_site(tmp_path, monkeypatch):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build", "--clean"]) == 0
    good = tree(root / "_site")
    written = []
    real = Path.write_bytes

    def failing(self, data):
        written.append(self)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    monkeypatch.setattr(write, "_link", lambda source, target: False)
    new = dict(good, **{"fee.html": b"new", "index.html": b"new", "about.html": b"new"})
    with pytest.raises(OSError):
        write_site(new, root / "_site")
    assert tree(root / "_site") == good
    assert leftovers(root) == []


def test_the_command_reports_a_write_failure_and_keeps_the_site(tmp_path, monkeypatch, capsys):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build"]) == 0
    good = tree(root / "_site")
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA changed note.\n", encoding="utf-8")

    def full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err == ("error: cannot write _site/fee.html: the disk is full; free some space and build "
                                       "again (the last good site was left in place)\n")
    assert tree(root / "_site") == good


def test_a_folder_the_tool_did_not_write_is_never_replaced(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    (root / "_site").mkdir()
    (root / "_site" / "mine.txt").write_text("an editor's file", encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 1
    assert "exists and was not written by edition; it will not be replaced" in capsys.readouterr().err
    assert (root / "_site" / "mine.txt").read_text(encoding="utf-8") == "an editor's file"
    with pytest.raises(OutputRefused):
        write_site({"index.html": b"x"}, root / "_site")


def test_building_twice_from_the_same_input_gives_identical_bytes(tmp_path):
    first = write_project(tmp_path / "a", FILES)
    assert main(["--root", str(first), "build", "--clean"]) == 0
    second = tmp_path / "b"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("_site", ".edition-cache"))
    assert main(["--root", str(second), "build", "--clean"]) == 0
    assert main(["--root", str(first), "build", "--clean"]) == 0
    assert tree(first / "_site") == tree(second / "_site")
    assert "fee.html" in tree(first / "_site")


def test_files_that_did_not_change_keep_their_bytes_and_removed_pages_go(tmp_path):
    out = tmp_path / "_site"
    write_site({"a.html": b"A", "b.html": b"B"}, out)
    result = write_site({"a.html": b"A", "c.html": b"C"}, out)
    assert (result.changed, result.unchanged, result.removed) == (["c.html"], ["a.html"], ["b.html"])
    assert tree(out) == {"a.html": b"A", "c.html": b"C"}


def test_a_large_file_is_told_unchanged_or_changed_by_every_byte_of_it(tmp_path):
    """Compared with the file on disk a block at a time: a difference in the last byte of the
    last block, or in the size alone, is a change; the same bytes are not."""
    out, large = tmp_path / "_site", bytes(range(256)) * 10_000      # 2.56 MB: three blocks
    write_site({"glossary.html": large, "empty.html": b""}, out)
    again = write_site({"glossary.html": large, "empty.html": b""}, out)
    assert again.changed == [] and sorted(again.unchanged) == ["empty.html", "glossary.html"]
    for other in (large[:-1] + b"\0", large[:-1], large + b"\0"):
        result = write_site({"glossary.html": other, "empty.html": b""}, out)
        assert (result.changed, result.unchanged) == (["glossary.html"], ["empty.html"])
        assert (out / "glossary.html").read_bytes() == other


def test_a_read_only_output_folder_is_left_as_it_is(tmp_path, capsys):
    import os
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build"]) == 0
    good = tree(root / "_site")
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA changed note.\n", encoding="utf-8")
    os.chmod(root / "_site", 0o555)
    try:
        capsys.readouterr()
        assert main(["--root", str(root), "build"]) == 1
        assert capsys.readouterr().err == ("error: _site is marked read-only, so it is left as it is; make it "
                                           "writable (chmod u+w _site) or set another `output:` in site.yaml\n")
        assert tree(root / "_site") == good and leftovers(root) == []
    finally:
        os.chmod(root / "_site", 0o755)


def test_the_folders_of_a_build_that_was_killed_are_cleared_by_the_next(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    dead = root / "._site.new-999999999-abc123"       # no such process
    (dead / "static").mkdir(parents=True)
    alive = root / f"._site.new-{__import__('os').getpid()}-xyz789"   # this process: a build under way
    alive.mkdir()
    assert main(["--root", str(root), "build"]) == 0
    assert not dead.exists() and alive.exists()
    alive.rmdir()


def test_serve_s_writer_replaces_only_what_differs_from_what_it_wrote(tmp_path):
    out, kept = tmp_path / "_site", write.Kept()
    first = write.InPlace(out, kept)
    same = b"<p>a</p>"
    for rel, data in {"a.html": same, "b.html": b"<p>b</p>", "c.html": b"<p>c</p>", "d/e.html": b"<p>e</p>"}.items():
        first.put(rel, data)
    assert first.commit().changed == ["a.html", "b.html", "c.html", "d/e.html"]
    second = write.InPlace(out, kept, look=False)
    second.put("c.html", b"<p>C</p>")
    second.put("a.html", same)                 # the very bytes written last time
    second.put("b.html", b"<p>" + b"b</p>")     # equal bytes, another object
    second.put("f.html", b"<p>f</p>")
    second.put("f.html", b"<p>F</p>")          # put twice: the last counts
    result = second.commit()
    assert (result.changed, sorted(result.unchanged), result.removed) == (["c.html", "f.html"], ["a.html", "b.html"],
                                                                          ["d/e.html"])
    assert tree(out) == {"a.html": same, "b.html": b"<p>b</p>", "c.html": b"<p>C</p>", "f.html": b"<p>F</p>"}
