"""cli.py: the commands' messages, the summary and progress lines, exit codes."""
from __future__ import annotations

import io

from conftest import text_file, write_project
from edition.cli import ProgressBar, main

BODY = ("The fee would be “relatively low” for the prison.\n\n"
        "The fee would matter, and the fee would rise.\n")
FILES = {"content/texts/fee.md": text_file("The fee", BODY, date="2025-02-03")}


def run(root, *args):
    return main(["--root", str(root), *args])


def test_misuse_of_the_command_line_exits_2(project, capsys):
    root = project(FILES)
    assert run(root, "new-note", "fee") == 2
    assert "the following arguments are required: PHRASE" in capsys.readouterr().err
    assert run(root, "serve", "--port", "eighty") == 2


def test_a_build_prints_one_summary_line(project, capsys):
    root = project(FILES)
    assert run(root, "build") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("built 3 pages into _site/: 3 written, 0 unchanged, 3 rendered, in ")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_bar_shows_only_on_a_terminal_and_only_for_a_slow_build(monkeypatch):
    quick = Terminal()
    with ProgressBar(quick) as bar:
        bar.update(1, 4)
    assert quick.getvalue() == ""
    monkeypatch.setattr(ProgressBar, "DELAY", 0)
    slow, piped = Terminal(), io.StringIO()
    for stream in (slow, piped):
        with ProgressBar(stream) as bar:
            bar.update(1, 4)
    assert "\rbuilding [#######                       ] 1/4" in slow.getvalue()
    assert slow.getvalue().endswith("\r")
    assert piped.getvalue() == ""


def test_check_with_only_warnings_says_so_and_passes(project, capsys):
    root = project({"content/texts/alpha.md": "---\ntitle: Alpha\nbylin: X\n---\nThe text.\n"})
    assert main(["--root", str(root), "check"]) == 0
    out, err = capsys.readouterr()
    assert out == "check: no errors, 1 warning\n"
    assert "unknown front matter key `bylin` is ignored; did you mean `byline`?" in err


def test_a_missing_package_names_it_and_the_command_that_installs_it(project, capsys, monkeypatch):
    root = project({"content/texts/alpha.md": "---\ntitle: Alpha\n---\nThe text.\n"})
    from edition import pipeline

    def missing(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'markdown_it'", name="markdown_it")
    monkeypatch.setattr(pipeline, "run", missing)
    assert main(["--root", str(root), "build"]) == 2
    assert capsys.readouterr().err == (
        "error: the package `markdown_it` that edition needs is not installed in this Python; run `python3 "
        "build.py` without another environment active (it sets up .venv/ with the pinned packages), or `pip "
        "install -r requirements.txt`\n")


def test_jobs_sets_the_pool_and_a_wrong_count_is_misuse(project, capsys, monkeypatch):
    import os
    root = project(FILES)
    monkeypatch.delenv("EDITION_PROCESSES", raising=False)
    assert main(["--root", str(root), "build", "--jobs", "1"]) == 0
    assert os.environ["EDITION_PROCESSES"] == "1"
    assert main(["--root", str(root), "build", "--jobs", "0"]) == 2
    assert "'0' is not a number of processes; use one from 1 to 256" in capsys.readouterr().err
