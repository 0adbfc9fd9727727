"""unchanged.py: the no-change check, and the output folder walked by a forked copy meanwhile."""
from __future__ import annotations

import os
import threading

import pytest

from edition.files import listing_record
from edition.unchanged import Forked


@pytest.fixture(autouse=True)
def alone(monkeypatch):
    """As the command line is when it checks: no other thread (other tests may leave one running)."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)


def gone(pid: int) -> bool:
    """Whether the copy has ended and been waited for (no zombie left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def site(tmp_path):
    for rel in ("index.html", "a/b.html", "a/c/d.txt", "é.html"):
        (tmp_path / "_site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "_site" / rel).write_text(rel)
    return tmp_path / "_site"


def test_the_copy_answers_what_this_process_would_and_is_gone_after(tmp_path):
    out = site(tmp_path)
    walked = Forked(listing_record, out)
    pid = walked.pid
    assert pid > 0           # a copy does it
    assert walked() == listing_record(out) != ""
    assert gone(pid)


def test_an_answer_not_wanted_leaves_no_process_behind(tmp_path):
    walked = Forked(listing_record, site(tmp_path))
    pid = walked.pid
    walked.stop()
    assert pid > 0 and gone(pid)


def test_what_fails_in_the_copy_fails_here_with_its_own_error(tmp_path):
    def unreadable(folder):
        raise PermissionError(13, "Permission denied", str(folder))
    walked = Forked(unreadable, tmp_path)
    pid = walked.pid
    with pytest.raises(PermissionError):
        walked()
    assert pid > 0 and gone(pid)


def test_with_another_thread_running_nothing_is_forked(tmp_path, monkeypatch):
    monkeypatch.undo()      # the real count of threads
    out, stop = site(tmp_path), threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        walked = Forked(listing_record, out)
        assert walked.pid == 0 and walked() == listing_record(out)
    finally:
        stop.set()
        other.join()


def test_a_file_of_the_site_rewritten_in_place_is_seen_by_the_next_build(project, capsys):
    from conftest import text_file
    from edition.cli import main
    root = project({"content/texts/alpha.md": text_file("Alpha", "The first text.\n")})
    assert main(["--root", str(root), "build"]) == 0
    page = root / "_site/alpha.html"
    good = page.read_bytes()
    with open(page, "r+b") as handle:      # same size, same folder entry: only its times move
        handle.write(b"X")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    assert "nothing changed" not in capsys.readouterr().out and page.read_bytes() == good
