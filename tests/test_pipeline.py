"""pipeline.py: run() — the one way build, check and serve run the build."""
from __future__ import annotations

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
