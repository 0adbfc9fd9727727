"""environment.py: each command runs where its pinned requirements are, setting up .venv/ if needed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from edition import environment

REPO = Path(__file__).resolve().parents[1]


def test_pins_follow_included_files(tmp_path):
    (tmp_path / "base.txt").write_text("# runtime\nJinja2==3.1.6\nPyYAML==6.0.3  # why\n", encoding="utf-8")
    (tmp_path / "dev.txt").write_text("-r base.txt\npytest==9.0.3\n", encoding="utf-8")
    assert environment.pins(tmp_path / "dev.txt") == [("Jinja2", "3.1.6"), ("PyYAML", "6.0.3"), ("pytest", "9.0.3")]


def test_a_package_counts_as_installed_only_at_its_pinned_version(tmp_path):
    (tmp_path / "PyYAML-6.0.3.dist-info").mkdir()
    (tmp_path / "markdown_it_py-4.3.0.dist-info").mkdir()
    assert environment.installed([("pyyaml", "6.0.3"), ("markdown-it-py", "4.3.0")], [str(tmp_path)])
    assert not environment.installed([("PyYAML", "6.0.2")], [str(tmp_path)])
    assert not environment.installed([("Jinja2", "3.1.6")], [str(tmp_path)])


def test_the_tests_run_in_an_interpreter_that_has_the_pins():
    assert environment.installed(environment.pins(REPO / "requirements-dev.txt"))


def test_without_the_pins_the_command_sets_up_the_venv_and_runs_again_from_it(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text("nonexistent-package==1.0\n", encoding="utf-8")
    made, ran = [], []
    monkeypatch.setattr(environment, "_set_up", lambda folder, python, path: made.append(folder))
    monkeypatch.setattr(environment.os, "execv", lambda program, argv: ran.append((program, argv)))
    environment.ensure(tmp_path, "requirements.txt", ["build.py", "check"])
    python = tmp_path / ".venv" / "bin" / "python"
    assert made == [tmp_path / ".venv"]
    assert ran == [(str(python), [str(python), "build.py", "check"])]


def test_a_venv_that_has_the_pins_is_not_set_up_again(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text("nonexistent-package==1.0\n", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    (tmp_path / ".venv/lib/python3.11/site-packages/nonexistent_package-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(environment, "_set_up", lambda *args: pytest.fail("set up again"))
    ran = []
    monkeypatch.setattr(environment.os, "execv", lambda program, argv: ran.append(program))
    environment.ensure(tmp_path, "requirements.txt", ["build.py"])
    assert ran == [str(python)]


def test_a_failed_set_up_says_how_to_do_it_by_hand(tmp_path, monkeypatch, capsys):
    (tmp_path / "requirements.txt").write_text("nonexistent-package==1.0\n", encoding="utf-8")

    def fail(*args):
        raise environment.SetupFailed("no network")
    monkeypatch.setattr(environment, "_set_up", fail)
    with pytest.raises(SystemExit) as exit:
        environment.ensure(tmp_path, "requirements.txt", ["build.py"])
    assert exit.value.code == 2
    assert capsys.readouterr().err == (
        "error: could not set up .venv/ with requirements.txt (no network); make it by hand: "
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n")
