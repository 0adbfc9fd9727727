"""build.py: the phases of a build, seen in what the pages say (here: a text against its seed)."""
from __future__ import annotations

import html

from conftest import write_project
from edition.cli import main

SEED = ("The Harbour Reopens\n\nThe bridge carried cars again on Monday, the board said.\n\n"
        "Traders in the old town were not pleased with the traffic\n")


def ingested(tmp_path, capsys):
    root = write_project(tmp_path / "p", {"seeds/harbour.txt": SEED})
    assert main(["--root", str(root)]) == 0
    capsys.readouterr()
    [text] = (root / "content/texts").glob("*.md")
    return root, text


def about(root, slug) -> str:
    page = html.unescape((root / f"_site/{slug}.html").read_text(encoding="utf-8"))
    return page[page.index('id="about"'):page.index("</footer>", page.index('id="about"'))]


def test_a_text_as_its_seed_ingests_is_said_to_be_word_for_word_and_an_edited_one_is_not(tmp_path, capsys):
    root, text = ingested(tmp_path, capsys)
    assert "The text is reproduced word for word from its source" in about(root, text.stem)
    source = text.read_text(encoding="utf-8")
    text.write_text(source.replace("were not pleased", "were displeased"), encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert "The editor has changed the text from its source; the changes are not described here." in \
        about(root, text.stem)
    text.write_text(source.replace("were not pleased", "were displeased")
                    .replace("\n---\n", "\nchanges: \"one word modernised in ¶ 2\"\n---\n", 1), encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert "The editor has changed the text from its source: one word modernised in ¶ 2." in about(root, text.stem)


def test_check_repeats_what_ingest_doubted_until_the_text_is_edited(tmp_path, capsys):
    root, text = ingested(tmp_path, capsys)
    assert main(["--root", str(root), "check"]) == 0
    err = capsys.readouterr().err
    assert f"{text.relative_to(root).as_posix()}: warning: " in err and "mid-sentence" in err
    assert "(ingest of seeds/harbour.txt:5; this stays until the text is edited)" in err
    text.write_text(text.read_text(encoding="utf-8").replace("with the traffic", "with the traffic."),
                    encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out == "check: no problems found\n"


def test_a_historical_text_shows_its_first_publication_copy_text_and_editor(tmp_path):
    root = write_project(tmp_path / "p", {"content/texts/address.md": (
        "---\ntitle: The Gettysburg Address\ndate: 1863-11-19\nfirst_published: 1863-11-20\n"
        "copy_text: \"The Bliss copy, Library of Congress\"\neditor: Jane Roe\n---\nFour score and seven years ago.\n")})
    assert main(["--root", str(root), "build"]) == 0
    shown = about(root, "address")
    for words in ("First published", "20 November 1863", "Copy-text", "The Bliss copy, Library of Congress",
                  "Edited by", "Jane Roe", "The text is given as the editor took it from its source"):
        assert words in shown, words


def test_each_note_and_definition_has_footnote_ids_of_its_own(tmp_path):
    """Two notes and a glossary definition each with a [^1]: one page, no id twice, each
    footnote's back link to its own mark."""
    import re as _re
    from conftest import build_files, text_file, write_project
    root = write_project(tmp_path / "p", {
        "content/texts/t.md": text_file("T", "One fee here and one levy there.[^1]\n\n[^1]: The text's own.\n"),
        "content/notes/t.md": "## fee here\n\nA note.[^1]\n\n[^1]: The first note's.\n\n"
                              "## levy there\n\nAnother.[^1]\n\n[^1]: The second note's.\n",
        "content/glossary.md": "## levy\n\nA tax.[^1]\n\n[^1]: The glossary's.\n"})
    result, files = build_files(root)
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    for page in ("t.html", "glossary.html"):
        html = files[page].decode()
        ids = _re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        for target in _re.findall(r'href="#(fn[^"]*)"', html):
            assert f'id="{target}"' in html, target


def test_a_text_or_its_notes_changed_while_the_build_runs_fails_the_build_and_leaves_the_site(tmp_path, capsys,
                                                                                               monkeypatch):
    """The loader lets each text's body and notes go and its job reads them again (build.read_again):
    bytes other than those the page's key hashes must never make a page."""
    from edition import build
    from conftest import text_file
    root = write_project(tmp_path / "p", {"content/texts/alpha.md": text_file("Alpha", "One bridge.\n"),
                                          "content/notes/alpha.md": "## bridge\n\nA note.\n"})
    assert main(["--root", str(root), "build"]) == 0
    before = (root / "_site/alpha.html").read_bytes()
    loaded = build.load_project
    for changed in ("content/texts/alpha.md", "content/notes/alpha.md"):
        def load_then_edit(*args, changed=changed, **kwargs):
            found = loaded(*args, **kwargs)
            (root / changed).write_text((root / changed).read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
            return found
        monkeypatch.setattr(build, "load_project", load_then_edit)
        capsys.readouterr()
        assert main(["--root", str(root), "build", "--clean"]) == 1
        assert capsys.readouterr().err.splitlines()[0] == f"{changed}: error: changed while the edition was being built; build again"
        assert (root / "_site/alpha.html").read_bytes() == before
    monkeypatch.setattr(build, "load_project", loaded)
    assert main(["--root", str(root), "build"]) == 0
    assert "More." in (root / "_site/alpha.html").read_text(encoding="utf-8")
