"""pipeline.py: run() — the one way build, check and serve run the build."""
from __future__ import annotations

import pytest

from conftest import text_file
from edition import pipeline
from edition.cli import main

FILES = {"content/texts/alpha.md": text_file("Alpha", "The first text.\n")}


def test_a_build_writes_the_site_and_a_second_one_stops_at_the_shortcut(project):
    root = project(FILES)
    first = pipeline.run(root, pipeline.Options())
    assert not first.failed and first.written.changed and (root / "_site/alpha.html").is_file()
    second = pipeline.run(root, pipeline.Options())
    assert second.unchanged and second.build is None


def test_a_clean_build_rebuilds_all_and_the_build_after_it_stops_at_the_shortcut(project, monkeypatch):
    from edition import unchanged
    monkeypatch.setattr(unchanged, "SETTLED_SECONDS", 0.0)
    root = project(FILES)
    pipeline.run(root, pipeline.Options())
    clean = pipeline.run(root, pipeline.Options(clean=True))
    assert not clean.unchanged and {"404.html", "alpha.html", "index.html"} <= set(clean.build.rendered)
    after = pipeline.run(root, pipeline.Options())
    assert after.unchanged and after.build is None


def test_check_builds_in_full_and_writes_nothing(project):
    root = project(FILES)
    outcome = pipeline.run(root, pipeline.Options(check=True))
    assert outcome.build is not None and "alpha.html" in outcome.build.paths
    assert not (root / "_site").exists() and not (root / ".edition-cache").exists()


def test_a_failed_build_discards_what_it_made(project):
    root = project({**FILES, "content/notes/alpha.md": "## nowhere\n\nA note.\n"})
    outcome = pipeline.run(root, pipeline.Options())
    assert outcome.failed and outcome.written is None
    assert not (root / "_site").exists() and list(root.glob("._site*")) == []


def test_output_may_be_a_new_folder_outside_the_project(project, capsys):
    root = project(FILES)
    assert main(["--root", str(root), "build", "--output", "../published"]) == 0
    assert (root.parent / "published/alpha.html").is_file()
    assert "built 3 pages into ../published/:" in capsys.readouterr().out
    assert main(["--root", str(root), "build", "--output", "../published"]) == 0
    assert capsys.readouterr().out.startswith("nothing changed since the last build: ../published/ left as it was")


def test_output_outside_the_project_is_refused_when_it_holds_someone_else_s_files(project, capsys):
    root = project(FILES)
    (root.parent / "mine").mkdir()
    (root.parent / "mine/letter.txt").write_text("keep me")
    assert main(["--root", str(root), "build", "--output", "../mine"]) == 1
    assert ("error: ../mine exists and was not written by edition; it will not be replaced. Empty or remove it, "
            "or set another `output:` in site.yaml") in capsys.readouterr().err
    assert (root.parent / "mine/letter.txt").read_text() == "keep me"


def test_output_over_the_editor_s_own_files_is_refused(project, capsys):
    root = project(FILES)
    assert main(["--root", str(root), "build", "--output", "content"]) == 1
    assert ("--output: error: `--output content` would overwrite your own files when the site is written; "
            "choose a separate folder such as `_site`") in capsys.readouterr().err
    assert (root / "content/texts/alpha.md").is_file()


def test_a_mistake_in_site_yaml_does_not_hide_the_content_s_problems(project, capsys):
    root = project({**FILES, "content/notes/alpha.md": "## nowhere\n\nA note.\n"},
                   site_yaml="title: Test\ntheme: fancy\n")
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("content/notes/alpha.md:1: error: anchor “nowhere” not found in content/texts/alpha.md")
    assert err[1] == "site.yaml:2: error: theme `fancy` not found in theme/; use one of: contrast, default"
    assert err[2] == "2 error(s), 0 warning(s)"
    assert not (root / "_site").exists()


def _settled(monkeypatch):
    # inputs written by the test a moment ago count as settled (else no signature is kept)
    from edition import unchanged
    monkeypatch.setattr(unchanged, "SETTLED_SECONDS", 0.0)


def test_a_no_change_build_reads_no_input_when_their_times_are_as_recorded(project, monkeypatch):
    from edition import unchanged
    _settled(monkeypatch)
    root = project(FILES)
    assert not pipeline.run(root, pipeline.Options()).failed

    def no_reading(*args):
        raise AssertionError("an input was read")
    monkeypatch.setattr(unchanged, "inputs_fingerprint", no_reading)
    assert pipeline.run(root, pipeline.Options()).unchanged


def test_a_text_changed_with_its_times_put_back_is_rebuilt(project, monkeypatch):
    import os
    _settled(monkeypatch)
    root = project(FILES)
    assert not pipeline.run(root, pipeline.Options()).failed
    text = root / "content/texts/alpha.md"
    before = text.stat()
    text.write_text(text_file("Alpha", "The other text.\n"))     # the same size
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))   # a tool that keeps times; the change time moves
    outcome = pipeline.run(root, pipeline.Options())
    assert not outcome.unchanged and "The other text." in (root / "_site/alpha.html").read_text()


def test_a_file_saved_unchanged_costs_one_reading_then_none(project, monkeypatch):
    from edition import unchanged
    _settled(monkeypatch)
    root = project(FILES)
    assert not pipeline.run(root, pipeline.Options()).failed
    text = root / "content/texts/alpha.md"
    text.write_bytes(text.read_bytes())     # saved again, same words: new times
    assert pipeline.run(root, pipeline.Options()).unchanged      # told by the bytes
    monkeypatch.setattr(unchanged, "inputs_fingerprint", lambda *args: pytest.fail("an input was read"))
    assert pipeline.run(root, pipeline.Options()).unchanged      # and now by the times alone


def test_inputs_changed_just_before_a_build_keep_no_signature(project):
    import json
    root = project(FILES)      # written a moment ago: within SETTLED_SECONDS of the build
    assert not pipeline.run(root, pipeline.Options()).failed
    record = json.loads((root / ".edition-cache/last-build.json").read_text())
    assert record["signature"] == "" and record["fingerprint"]
    assert pipeline.run(root, pipeline.Options()).unchanged      # the bytes still tell


def test_the_editor_s_command_finds_nothing_changed_without_looking_at_seeds(project, monkeypatch):
    import sys
    root = project({**FILES, "seeds/beta.txt": "Beta\n\nThe second text, from a seed.\n"})
    first = pipeline.run(root, pipeline.Options(ingest=True))
    assert not first.failed and (root / "content/texts/beta.md").is_file()
    monkeypatch.setitem(sys.modules, "edition.ingest.seeds", None)     # importing it now fails
    assert pipeline.run(root, pipeline.Options(ingest=True)).unchanged


def test_a_build_that_did_not_ingest_does_not_answer_for_one_that_does(project):
    root = project({**FILES, "seeds/beta.txt": "Beta\n\nThe second text, from a seed.\n"})
    assert not pipeline.run(root, pipeline.Options()).failed          # `build`: seeds left alone
    assert not (root / "content/texts/beta.md").exists()
    outcome = pipeline.run(root, pipeline.Options(ingest=True))     # `python build.py`
    assert not outcome.unchanged and (root / "content/texts/beta.md").is_file()


def test_what_a_kept_build_made_waits_in_the_oldest_generation_and_its_cycles_are_collected_later():
    """serve keeps what its builds make: left young, all of it was scanned at the first allocation
    after the build (a twentieth of a save at 10,000 texts). Its cycles are not lost, only
    collected later (serve collects once edits pause)."""
    import gc
    import weakref

    class Node:
        pass
    for keep, young_after in ((False, True), (True, False)):
        gc.collect()        # no collection due in the few allocations below
        with pipeline._no_cycle_collector(keep=keep):
            node = Node()
            node.self = node        # a cycle, as a rendered template leaves one
            gone = weakref.ref(node)
            del node
        assert any(o is gone() for o in gc.get_objects(generation=0)) is young_after
        gc.collect()
        assert gone() is None
