"""parallel.py: forked workers in order, and gone when their build is killed; a job meanwhile in a fresh process."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import REPO
from edition import parallel
from edition.parallel import parallel_map


def test_results_come_in_order_in_process_and_in_the_pool(monkeypatch):
    items = list(range(200))
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    assert list(parallel_map(lambda n: n * n, items)) == [n * n for n in items]
    monkeypatch.setenv("EDITION_PROCESSES", "1")
    assert list(parallel_map(lambda n: n * n, items)) == [n * n for n in items]


def test_the_workers_are_gone_once_the_last_result_is_taken(monkeypatch):
    """A caller that takes exactly what it asked for never resumes the generator: the workers end
    as the pool means them to, not by the signal that closing it later would send."""
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    import multiprocessing
    results = parallel_map(worker_signals, range(100))
    pids = {next(results)[0] for _ in range(100)}
    assert pids and os.getpid() not in pids     # made in the pool (one worker may have made them all)
    assert multiprocessing.active_children() == [], "a worker lived on after its last result was taken"
    assert not any(_alive(pid) for pid in pids)


def test_a_worker_ends_on_the_pools_signal_although_its_build_made_that_signal_an_exception(monkeypatch):
    """serve makes SIGTERM a KeyboardInterrupt; a worker that inherited that could be interrupted
    wherever it was, a lock held, and live on, its build waiting for it forever."""
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    before = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        seen = {(term, interrupt) for _, term, interrupt in parallel_map(worker_signals, range(100))}
    finally:
        signal.signal(signal.SIGTERM, before)
    assert seen == {(signal.SIG_DFL, signal.SIG_IGN)}     # Ctrl-C reaches the build, which ends its workers


def worker_signals(n):
    return os.getpid(), signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)


def test_workers_end_when_the_build_that_forked_them_is_killed(tmp_path):
    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(REPO)!r})
        os.environ["EDITION_PROCESSES"] = "2"
        from edition.parallel import parallel_map
        def work(n):
            with open({str(pids)!r}, "a") as out:
                out.write(f"{{os.getpid()}}\\n")
            time.sleep(60)
        list(parallel_map(work, range(100)))
    """)
    build = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(pids.read_text().split() if pids.exists() else []) < 2:
        time.sleep(0.05)
    workers = [int(pid) for pid in pids.read_text().split()]
    assert len(workers) == 2
    build.send_signal(signal.SIGKILL)
    build.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its build"
    assert b"Traceback" not in build.stderr.read()


def test_a_caller_that_stops_partway_does_not_keep_the_process_from_exiting(tmp_path):
    """An exception whose traceback keeps the generator leaves the pool's feeder waiting for the
    caller; at exit the pool must still end, not wait for it forever."""
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        os.environ["EDITION_PROCESSES"] = "2"
        from edition.parallel import parallel_map
        results = parallel_map(abs, range(2000))
        next(results)
        kept = results      # as a traceback would keep it
        print("stopping", flush=True)
    """)
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the process did not exit within 30 s of its last line")
    assert done.returncode == 0 and done.stdout == "stopping\n" and "Traceback" not in done.stderr


def _alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:       # a zombie is gone for our purpose
        return stat.read().split(") ")[-1][0] != "Z"


def pid_and(data: bytes):
    return os.getpid(), data


def broken():
    raise ValueError("the index cannot be made")


def test_meanwhile_works_in_another_process_for_a_large_edition_and_in_this_one_for_a_small(monkeypatch):
    import functools
    from edition.parallel import MIN_ITEMS, meanwhile
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    # a thread another test left running would keep it in-process (see parallel._may_fork)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    later = meanwhile(functools.partial(pid_and, b"index" * 1000), MIN_ITEMS)
    pid, data = later()
    assert pid != os.getpid() and data == b"index" * 1000
    assert later() == (pid, data)       # asked again: the same answer, not a second run
    assert meanwhile(os.getpid, MIN_ITEMS - 1)() == os.getpid()
    # what cannot be pickled for the other process is made here
    assert meanwhile(lambda: os.getpid(), MIN_ITEMS)() == os.getpid()
    monkeypatch.setenv("EDITION_PROCESSES", "1")
    assert meanwhile(os.getpid, MIN_ITEMS)() == os.getpid()
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)     # serve's watcher and server
    assert meanwhile(os.getpid, MIN_ITEMS)() == os.getpid()


def test_the_other_process_is_a_fresh_one_and_reads_the_files_it_is_given(monkeypatch):
    """It starts with nothing of this process's memory (it is no fork: the build has grown by
    the time it begins), and reads a spool by the number of its open file."""
    import functools
    from edition.parallel import MIN_ITEMS, meanwhile
    from edition.spool import Joined, Spool
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    spool = Spool()
    for n in range(3):
        spool.put(b"terms %d" % n)
    held = [bytes(1000) for _ in range(50_000)]       # 50 MB that a fork would start with
    later = meanwhile(functools.partial(_read_and_measure, Joined([("a",), ("b",), ("c",)], spool)), MIN_ITEMS,
                      spool.files())
    found, pid, resident = later()
    assert found == [("a", b"terms 0"), ("b", b"terms 1"), ("c", b"terms 2")]
    assert pid != os.getpid() and resident < 40 * 2**20 and held


def _read_and_measure(texts):
    with open("/proc/self/statm") as statm:        # resident now (ru_maxrss counts the fork before the exec)
        resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return list(texts), os.getpid(), resident


def test_a_failure_in_the_other_process_is_raised_here_with_its_own_error(monkeypatch):
    import pytest
    from edition.parallel import MIN_ITEMS, meanwhile
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    later = meanwhile(broken, MIN_ITEMS)
    with pytest.raises(ValueError, match="the index cannot be made"):
        later()


def test_the_pool_makes_only_a_few_chunks_ahead_of_a_slow_caller(tmp_path, monkeypatch):
    """parallel_map hands out at most WINDOW chunks a worker beyond what the caller has taken, so
    that a caller slower than the workers never holds a growing queue of their results."""
    monkeypatch.setenv("EDITION_PROCESSES", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "WINDOW", 2)     # chunks of 8 (400 items, 2 workers): 32 ahead at most
    started = tmp_path / "started"
    results = parallel.parallel_map(lambda n: started.open("a").write(f"{n}\n") and n, range(400))
    taken = [next(results) for _ in range(10)]
    time.sleep(1.0)     # the workers, unchecked, would have made all 400 by now
    made = [int(n) for n in started.read_text().split()]
    assert taken == list(range(10)) and max(made) < 10 + 32 + 8
    assert list(results) == list(range(10, 400))
