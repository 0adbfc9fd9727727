"""Spread independent work (annotating texts, rendering pages) over the machine's cores.

Used for cold builds, where every text and page is work; an incremental build has a few
misses and runs them in-process. meanwhile() runs one long job (the search index, the face
subset) in a process of its own while the build goes on with the other pages. Workers are forked, so they start with the parent's
project, matcher and theme in memory: only an index goes out and only the result comes
back. EDITION_PROCESSES=1 turns the pool off (debugging, profiling).

The build runs with the cycle collector off (pipeline._no_cycle_collector), and a rendered
template leaves a cycle behind (Jinja's context and the macros it defines refer to each other),
which holds the page's whole context: its blocks, notes and their HTML, about 100 KB a text. So
each job's young garbage is collected as the job ends (gc.collect(0): only what the job made
and kept, a few thousand objects), and the objects the parent made before forking are frozen
(gc.freeze), so that no worker's collection writes to them and copies the pages they share.
"""
from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import threading

MIN_ITEMS = 64      # below this, starting workers costs more than it saves

_work = None        # set just before the fork, so workers inherit it (a closure cannot be pickled)


def processes() -> int:
    wanted = os.environ.get("EDITION_PROCESSES", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else len(os.sched_getaffinity(0))


# Texts a worker takes at a time. A chunk's results come back as one message, each text's page
# and files in it, held whole by the worker as it makes them and by the parent as it reads them:
# a chunk that grew with the edition (len // 16: 625 texts, about 90 MB, at N = 10,000) made
# memory grow with it. Eight amortise the message well (a text takes some 10 ms to make).
CHUNK = 8


def _may_fork() -> bool:
    # Forking while other threads run (serve's watcher and server) can copy a lock another
    # thread holds into the child, where nothing will ever release it: stay in-process then.
    return (processes() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def parallel_map(function, items):
    """function(item) for each item, in order, computed over a pool of forked processes.

    A generator: each result is handed on as it arrives, so the caller can write a page
    while the workers make the next, and never holds them all."""
    items = list(items)
    count = processes()
    if len(items) < MIN_ITEMS or not _may_fork():
        for item in items:
            yield _collected(function, item)
        return
    global _work
    _work = lambda index: _collected(function, items[index])  # noqa: E731
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count, initializer=_die_with_parent) as pool:
            yield from pool.imap(_run, range(len(items)), chunksize=max(1, min(CHUNK, len(items) // (count * 8))))
    finally:
        _work = None
        gc.unfreeze()


def meanwhile(function, size: int):
    """function(), begun now in a forked process while the caller goes on: returns a callable
    that waits for it and gives what it returned. size: how many texts the work reads; for fewer
    than MIN_ITEMS, where forking is not wise (see parallel_map), or when the process fails in
    any way, the callable calls function() itself: the same result, or the same exception with
    its own traceback."""
    if size < MIN_ITEMS or not _may_fork():
        return functools.lru_cache(maxsize=1)(function)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_send, args=(function, sending), daemon=True)
    process.start()
    sending.close()

    @functools.lru_cache(maxsize=1)
    def result():
        try:
            done, value = receiving.recv()
        except (EOFError, OSError):     # killed, or gone without a word
            done, value = False, None
        finally:
            receiving.close()
            process.join()
        return value if done else function()
    return result


def _send(function, connection) -> None:
    _die_with_parent()
    try:
        connection.send((True, function()))
    except BaseException:   # noqa: BLE001 -- the parent runs it again and sees the error itself
        connection.send((False, None))
    finally:
        connection.close()


def _run(index):
    return _work(index)


def _collected(function, item):
    """function(item), and the cycles it left behind collected (see the module)."""
    result = function(item)
    if not gc.isenabled():
        gc.collect(0)
    return result


def _die_with_parent():
    """A worker ends when the build that forked it is killed, instead of living on to print
    BrokenPipeError tracebacks into the editor's terminal (Linux: prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass        # not Linux: the pool's own shutdown is all there is
