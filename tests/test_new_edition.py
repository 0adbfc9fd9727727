"""new-edition: an editor starts an edition of their own, and it passes CI and publishes.

The last test is the issue's whole story: from a copy of this repository, `new-edition`, three
texts of different shapes with notes, a glossary and an image, then the steps CI and the Pages
workflow run — the strict check, the test suite, a build with the Pages address, actionlint."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from edition.cli import main
from test_media import png

OWN = REPO / "tests" / "fixtures" / "own-edition"
IGNORED = shutil.ignore_patterns(".git", "_site", ".venv", ".edition-cache", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "node_modules", "._site.*")


def git(root: Path, *args) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}).stdout


def a_repository(tmp_path: Path) -> Path:
    """A copy of this repository as it is now (sample included), committed in a git repository of its own."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=IGNORED)
    for tool in (REPO / "tools").glob("*/node_modules"):     # installed tools, as .ci/run leaves them
        (root / tool.relative_to(REPO)).symlink_to(tool, target_is_directory=True)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the sample")
    return root


def test_new_edition_leaves_an_empty_edition_that_builds_and_says_it_has_no_texts(tmp_path, capsys):
    root = a_repository(tmp_path)
    assert main(["--root", str(root), "new-edition", "Founding Words"]) == 0
    out = capsys.readouterr().out
    assert "started a new edition, “Founding Words”" in out
    assert "The sample edition is still in git: `git checkout " in out and "-- site.yaml content seeds`" in out
    assert "title: \"Founding Words\"" in (root / "site.yaml").read_text(encoding="utf-8")
    assert sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*") if p.is_file()) == [
        "content/media/.gitkeep", "content/notes/.gitkeep", "content/pages/.gitkeep", "content/texts/.gitkeep"]
    assert [p.name for p in (root / "seeds").iterdir()] == [".gitkeep"]
    assert main(["--root", str(root), "build"]) == 0
    assert ("content/texts: warning: the edition has no texts yet; put one in seeds/ and run `python3 build.py`, "
            "or write content/texts/NAME.md") in capsys.readouterr().err
    index = (root / "_site/index.html").read_text(encoding="utf-8")
    assert "This edition has no texts yet." in index and "Founding Words" in index


def test_new_edition_refuses_while_the_edition_has_changes_git_has_not_recorded(tmp_path, capsys):
    root = a_repository(tmp_path)
    notes = next((root / "content/notes").glob("*.md"))
    notes.write_text(notes.read_text(encoding="utf-8") + "\n## more\n\nA note of mine.\n", encoding="utf-8")
    assert main(["--root", str(root), "new-edition", "Mine"]) == 1
    err = capsys.readouterr().err
    assert ("site.yaml: error: 1 file(s) of the edition have changes git has not recorded (content/notes/"
            in err) and "commit them (git add -A && git commit), or run again with --force" in err
    assert "A note of mine." in notes.read_text(encoding="utf-8")       # nothing was touched
    assert main(["--root", str(root), "new-edition", "Mine", "--force"]) == 0
    assert not notes.exists()


def test_new_edition_outside_git_asks_for_force(tmp_path, capsys):
    root = tmp_path / "plain"
    shutil.copytree(OWN, root)
    (root / "site.yaml").write_text("title: Old\n", encoding="utf-8")
    assert main(["--root", str(root), "new-edition", "New"]) == 1
    assert "this folder is not a git repository" in capsys.readouterr().err
    assert (root / "content/texts/fire-and-ice.md").is_file()


def test_an_editor_s_own_edition_passes_ci_and_publishes(tmp_path):
    root = a_repository(tmp_path)
    run = lambda *args: subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True)  # noqa: E731
    made = run("build.py", "new-edition", "Founding Words")
    assert made.returncode == 0, made.stderr
    shutil.copytree(OWN / "content", root / "content", dirs_exist_ok=True)
    (root / "content/media/page.png").write_bytes(png(60, 80))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "my edition")

    checked = run("build.py", "check", "--strict")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "check: no problems found"
    # .ci/run's test command, on the editor's repository (the browser tests build fixture editions of
    # their own, whatever content/ holds; they run in this suite's own CI run)
    tests = run("-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--ignore=tests/browser",
                "-k", "not own_edition_passes_ci")
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "skipped" in tests.stdout          # the sample's own checks, with the sample gone
    built = run("build.py", "build", "--clean", "--base-url", "https://jane.github.io/founding-words/")
    assert built.returncode == 0, built.stderr
    site = root / "_site"
    assert {"fire-and-ice.html", "gettysburg-address.html", "self-reliance.html", "glossary.html",
            "media/page.png", "sitemap.xml"} <= {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert "https://jane.github.io/founding-words/gettysburg-address.html" in (site / "sitemap.xml").read_text()
    assert 'src="media/page.png" alt="A page of the 1841 edition" width="60" height="80"' in \
        (site / "self-reliance.html").read_text(encoding="utf-8")
    from test_publish import actionlint
    linted = actionlint(root / ".github/workflows/pages.yml")
    assert (linted.returncode, linted.stdout) == (0, "")
