"""Incremental builds: a no-change build does nothing; an edit re-renders only the pages it touches;
the result is always byte-identical to a clean build."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import text_file, write_project
from edition import pipeline
from edition.cli import main
from edition.write import site_files

FILES = {
    "content/texts/fee.md": text_file("The fee", "The fee would be “relatively low” for the prison.\n\n"
                                      "The mega-prison CECOT holds members of Tren de Aragua.\n", date="2025-02-03"),
    "content/texts/trip.md": text_file("The trip", "Rubio went to El Salvador and saw CECOT.\n", date="2025-02-04"),
    "content/notes/fee.md": "## relatively low\n\nA first note about the fee.\n",
    "content/glossary.md": "## CECOT\n\nEl Salvador’s prison.\n",
}


def tree(folder: Path) -> dict:
    return {rel: (folder / rel).read_bytes() for rel in site_files(folder)}


def build(root: Path, clean: bool = False):
    """Build and write as the command line does, past the no-change shortcut; return the
    pages rendered afresh."""
    from edition.reuse import DiskStore
    outcome = pipeline.run(root, pipeline.Options(clean=clean), store=lambda out: DiskStore(root, out, fresh=clean))
    assert not outcome.failed, outcome.problems
    return sorted(p for p in outcome.build.rendered if p.endswith(".html"))


def test_a_build_with_no_change_renders_nothing_and_leaves_the_site_alone(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build"]) == 0
    stamp = (root / "_site" / "fee.html").stat().st_mtime_ns
    capsys.readouterr()
    assert build(root) == []
    assert main(["--root", str(root), "build"]) == 0
    assert capsys.readouterr().out.startswith("built 5 pages: nothing changed, _site/ left as it was (")
    assert (root / "_site" / "fee.html").stat().st_mtime_ns == stamp


def test_editing_a_note_re_renders_only_its_text_page(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA better note about the fee.\n", encoding="utf-8")
    assert build(root) == ["fee.html"]
    assert "A better note about the fee." in (root / "_site/fee.html").read_text(encoding="utf-8")


def test_the_summary_counts_written_and_unchanged_pages(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    main(["--root", str(root), "build"])
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA better note.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("built 5 pages into _site/: 1 written, 4 unchanged, 1 rendered, in ")


def test_the_glossary_page_is_re_rendered_only_when_its_back_references_change(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    (root / "content/texts/trip.md").write_text(text_file("The trip", "Rubio went to El Salvador.\n",
                                                          date="2025-02-04"), encoding="utf-8")
    assert build(root) == ["glossary.html", "trip.html"]
    assert "trip.html#p1" not in (root / "_site/glossary.html").read_text(encoding="utf-8")


def test_a_new_text_re_renders_the_index_and_the_navigation(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    (root / "content/texts/more.md").write_text(text_file("More", "More words.\n"), encoding="utf-8")
    rendered = build(root)
    assert "index.html" in rendered and "more.html" in rendered
    assert "More" in (root / "_site/index.html").read_text(encoding="utf-8")


def test_a_theme_change_re_renders_every_page(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    base = root / "theme/default/templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<p>Printed by hand</p>\n</body>"),
                    encoding="utf-8")
    assert build(root) == ["404.html", "fee.html", "glossary.html", "index.html", "trip.html"]
    assert "Printed by hand" in (root / "_site/trip.html").read_text(encoding="utf-8")


def test_a_page_edited_by_hand_in_the_output_is_rendered_again(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    (root / "_site/fee.html").write_text("broken", encoding="utf-8")
    assert build(root) == ["fee.html"]
    assert "relatively low" in (root / "_site/fee.html").read_text(encoding="utf-8")


def test_incremental_builds_give_the_same_site_as_a_clean_build(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    edits = [
        ("content/notes/fee.md", "## relatively low\n\nA note.\n\n## Tren de Aragua\n\nA gang.\n"),
        ("content/glossary.md", "## CECOT\n\nThe prison.\n\n## Rubio\n\nThe Secretary of State.\n"),
        ("content/texts/trip.md", text_file("The trip, again", "Rubio went to CECOT.\n", date="2025-02-04")),
        ("site.yaml", "title: Renamed edition\nlanguage: en\noutput: _site\n"),
        # a text before the others (the reading order, the neighbours, the site's paths), a link into it, then gone
        ("content/texts/aa.md", text_file("A first text", "It comes first.\n", date="2025-01-01")),
        ("content/notes/fee.md", "## relatively low\n\nSee [the first](aa.html#p1).\n"),
        ("content/notes/fee.md", "## relatively low\n\nA note.\n"),
        ("content/texts/aa.md", None),
    ]
    for rel, content in edits:
        if content is None:
            (root / rel).unlink()
        else:
            (root / rel).write_text(content, encoding="utf-8")
        build(root)
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(root, clean, ignore=shutil.ignore_patterns("_site", ".edition-cache"))
        build(clean, clean=True)
        assert tree(root / "_site") == tree(clean / "_site"), f"after editing {rel}"


def test_clean_ignores_the_cache(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    assert build(root, clean=True) == ["404.html", "fee.html", "glossary.html", "index.html", "trip.html"]


def test_adding_a_note_re_renders_its_text_and_the_index_that_counts_notes(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    build(root)
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA note.\n\n## Tren de Aragua\n\nA gang.\n",
                                               encoding="utf-8")
    assert build(root) == ["fee.html", "index.html"]
    assert "2 notes" in (root / "_site/index.html").read_text(encoding="utf-8")


def test_a_second_build_with_no_change_stops_at_once_and_repeats_the_warnings(tmp_path, capsys):
    files = dict(FILES, **{"content/glossary.md": FILES["content/glossary.md"] + "\n## Nowhere\n\nUnused.\n"})
    root = write_project(tmp_path / "p", files)
    assert main(["--root", str(root), "build"]) == 0
    first = capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    second = capsys.readouterr()
    assert second.out.startswith("nothing changed since the last build: _site/ left as it was (")
    warning = "content/glossary.md:5: warning: glossary term “Nowhere” occurs in no text"
    assert warning in first.err and warning in second.err
    assert main(["--root", str(root), "build", "--strict"]) == 1     # strict still fails on the warning


def test_a_hand_edited_output_page_or_a_changed_input_means_a_real_build(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build"]) == 0
    good = (root / "_site/fee.html").read_bytes()
    (root / "_site/fee.html").write_text("scribbled", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    assert "nothing changed since" not in capsys.readouterr().out
    assert (root / "_site/fee.html").read_bytes() == good
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA changed note.\n", encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert "nothing changed since" not in capsys.readouterr().out
    assert "A changed note." in (root / "_site/fee.html").read_text(encoding="utf-8")


# --- serve keeps the last build in memory --------------------------------------------------

def serve_builder(root: Path):
    from edition.serve import Builder
    builder = Builder(root, log=lambda line: None)
    builder.INDEX_QUIET = 0     # flush() is the pause in the edits
    builder.rebuild()
    return builder


def test_serve_rebuilds_in_memory_give_the_same_site_as_a_clean_build(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    builder = serve_builder(root)
    edits = [
        ("content/notes/fee.md", "## relatively low\n\nA note.\n\n## Tren de Aragua\n\nA gang.\n"),
        ("content/glossary.md", "## CECOT\n\nThe prison.\n\n## Rubio\n\nThe Secretary of State.\n"),
        ("content/texts/trip.md", text_file("The trip, again", "Rubio went to CECOT.\n", date="2025-02-04")),
        ("content/notes/fee.md", "## relatively low\n\nA note, same length.\n"),
        ("content/notes/fee.md", "## relatively low\n\nA note, SAME length.\n"),     # same size, new bytes
        ("site.yaml", "title: Renamed edition\nlanguage: en\noutput: _site\n"),
        # a text before the others (the reading order, the neighbours, the site's paths), a link into it, then gone
        ("content/texts/aa.md", text_file("A first text", "It comes first.\n", date="2025-01-01")),
        ("content/notes/fee.md", "## relatively low\n\nSee [the first](aa.html#p1).\n"),
        ("content/notes/fee.md", "## relatively low\n\nA note.\n"),
        ("content/texts/aa.md", None),
    ]
    for rel, content in edits:
        if content is None:
            (root / rel).unlink()
        else:
            (root / rel).write_text(content, encoding="utf-8")
        builder.rebuild([str(root / rel)])
        assert builder.state.problems == [], rel
        builder.flush()         # edits pause: the search index, kept from the last build meanwhile, catches up
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(root, clean, ignore=shutil.ignore_patterns("_site", ".edition-cache"))
        build(clean, clean=True)
        assert tree(root / "_site") == tree(clean / "_site"), f"after editing {rel}"
    assert "A note." in (root / "_site/fee.html").read_text(encoding="utf-8")


def test_serve_looks_again_at_every_file_once_edits_pause_and_after_a_build_that_broke(tmp_path, monkeypatch):
    # A save reads only what the watchers saw change; what they missed is read when edits pause
    # (the complete build), or at the next save after a build that ended in an exception.
    root = write_project(tmp_path / "p", FILES)
    builder = serve_builder(root)
    notes, text = root / "content/notes/fee.md", root / "content/texts/trip.md"
    notes.write_text("## relatively low\n\nA note the watchers missed.\n", encoding="utf-8")
    text.write_text(text_file("The trip", "Rubio flew home.\n", date="2025-02-04"), encoding="utf-8")
    builder.rebuild([str(text)])
    assert "Rubio flew home." in (root / "_site/trip.html").read_text(encoding="utf-8")
    assert "A first note about the fee." in (root / "_site/fee.html").read_text(encoding="utf-8")
    builder.flush()
    assert "A note the watchers missed." in (root / "_site/fee.html").read_text(encoding="utf-8")

    notes.write_text("## relatively low\n\nAnother missed note.\n", encoding="utf-8")
    run = pipeline.run
    monkeypatch.setattr(pipeline, "run", lambda *args, **kwargs: 1 / 0)
    try:
        builder.rebuild([str(text)])
    except ZeroDivisionError:
        pass
    monkeypatch.setattr(pipeline, "run", run)
    builder.rebuild([str(text)])
    assert "Another missed note." in (root / "_site/fee.html").read_text(encoding="utf-8")


def test_serve_rewrites_a_page_edited_by_hand_in_the_output_once_edits_pause(tmp_path):
    # A save takes the output folder to be as serve left it (listing it costs a save at 10,000
    # texts a tenth of a second); the complete build when edits pause looks.
    root = write_project(tmp_path / "p", FILES)
    builder = serve_builder(root)
    (root / "_site/trip.html").write_text("broken by hand", encoding="utf-8")
    (root / "content/notes/fee.md").write_text("## relatively low\n\nAnother note.\n", encoding="utf-8")
    builder.rebuild([str(root / "content/notes/fee.md")])
    assert "Another note." in (root / "_site/fee.html").read_text(encoding="utf-8")
    builder.flush()
    assert "Rubio went to El Salvador" in (root / "_site/trip.html").read_text(encoding="utf-8")
    assert "Another note." in (root / "_site/fee.html").read_text(encoding="utf-8")


def test_serve_writes_the_disk_cache_once_edits_pause_so_the_next_build_renders_nothing(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    builder = serve_builder(root)
    (root / "content/notes/fee.md").write_text("## relatively low\n\nA later note.\n", encoding="utf-8")
    builder.rebuild([str(root / "content/notes/fee.md")])
    builder.flush()         # the search index remade
    builder.flush()         # then the disk cache written
    capsys.readouterr()
    assert build(root) == []


def test_a_changed_site_yaml_is_not_taken_for_no_change(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build"]) == 0
    (root / "site.yaml").write_text("title: Another title\nlanguage: en\noutput: _site\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    assert "nothing changed" not in capsys.readouterr().out
    assert "Another title" in (root / "_site/index.html").read_text(encoding="utf-8")


def test_check_after_a_build_reuses_the_cache_and_reports_the_same_problems(tmp_path, capsys, monkeypatch):
    from edition import build as build_module
    files = dict(FILES, **{"content/glossary.md": FILES["content/glossary.md"] + "\n## Nowhere\n\nUnused.\n"})
    root = write_project(tmp_path / "p", files)
    assert main(["--root", str(root), "check"]) == 0
    cold = capsys.readouterr().err
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    cache_before = sorted((p.name, p.stat().st_mtime_ns) for p in (root / ".edition-cache").iterdir())
    annotated = []
    real = build_module.annotate_text
    monkeypatch.setattr(build_module, "annotate_text", lambda *args: annotated.append(args[0].slug) or real(*args))
    assert main(["--root", str(root), "check"]) == 0
    assert annotated == []          # every text came from the cache
    assert capsys.readouterr().err == cold
    assert "glossary term “Nowhere” occurs in no text" in cold
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (root / ".edition-cache").iterdir()) == cache_before
