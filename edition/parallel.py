"""Spread independent work (annotating texts, rendering pages) over the machine's cores.

Used for cold builds, where every text and page is work; an incremental build has a few
misses and runs them in-process. Workers are forked, so they start with the parent's
project, matcher and theme in memory: only an index goes out and only the result comes
back. EDITION_PROCESSES=1 turns the pool off (debugging, profiling).

meanwhile() runs one long job (the search index, the face subset) in a process of its own
while the build goes on with the other pages. That process is a fresh interpreter, not a fork:
it is begun late, when the parent holds what every text left it (a forked child counts all of
that as its own: at 10,000 texts the two were 161 and 207 MB, fresh 46 and 48), and it is given
only the job, pickled, and the files it reads, by number.

The build runs with the cycle collector off (pipeline._no_cycle_collector), and a rendered
template leaves a cycle behind (Jinja's context and the macros it defines refer to each other),
which holds the page's whole context: its blocks, notes and their HTML, about 100 KB a text. So
each job's young garbage is collected as the job ends (gc.collect(0): only what the job made
and kept, a few thousand objects), and the objects the parent made before forking are frozen
(gc.freeze), so that no worker's collection writes to them and copies the pages they share.
Fewer than MIN_ITEMS jobs run in the build's own process and are not collected after: there
the young generation is everything the build made so far, and their cycles are small.
"""
from __future__ import annotations

import functools
import gc
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

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
WINDOW = 4      # chunks a worker, handed out ahead of what the caller has taken (see parallel_map)


def _may_fork() -> bool:
    # Forking while other threads run (serve's watcher and server) can copy a lock another
    # thread holds into the child, where nothing will ever release it: stay in-process then.
    import multiprocessing      # not in meanwhile's process, which never forks
    return (processes() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def parallel_map(function, items):
    """function(item) for each item, in order, computed over a pool of forked processes.

    A generator: each result is handed on as it arrives, so the caller can write a page
    while the workers make the next, and never holds them all."""
    import multiprocessing.util
    items = list(items)
    count = processes()
    if len(items) < MIN_ITEMS:
        # a few, here: their cycles wait for the collector (serve's save makes one text, and
        # collecting after it scanned all its build had made so far, a twentieth of the save)
        yield from map(function, items)
        return
    if not _may_fork():
        for item in items:
            yield _collected(function, item)
        return
    global _work
    _work = lambda index: _collected(function, items[index])  # noqa: E731
    chunk = max(1, min(CHUNK, len(items) // (count * 8)))
    # The pool hands out every item at once, and results come back as fast as the workers make
    # them, whether or not the caller has taken the last ones: a caller slower than the workers
    # (a loaded machine) would hold a growing queue of pages. At most WINDOW chunks a worker are
    # handed out beyond what the caller has taken.
    window, stopped = threading.Semaphore(count * chunk * WINDOW), []

    def handed_out():
        for index in range(len(items)):
            window.acquire()
            if stopped:
                return
            yield index

    def stop_handing_out():
        stopped.append(True)    # the pool's feeding thread, if it waits, goes
        window.release()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count, initializer=_worker_begins) as pool:
            # A caller that neither finished nor closed this generator (an exception whose traceback
            # keeps it) leaves the feeder waiting; at exit the pool's own handler (priority 15)
            # would wait for the feeder forever: it is let go first.
            multiprocessing.util.Finalize(pool, stop_handing_out, exitpriority=16)
            try:
                for done, result in enumerate(pool.imap(_run, handed_out(), chunksize=chunk), 1):
                    window.release()
                    if done == len(items):
                        # The workers end as they are meant to, told there is no more work, before
                        # the last result is handed on: a caller that takes no more than it needs
                        # never resumes this generator, and closing it would end them by signal.
                        pool.close()
                        pool.join()
                    yield result
            finally:
                stop_handing_out()
    finally:
        _work = None
        gc.unfreeze()


def meanwhile(function, size: int, files=()):
    """function(), begun now in a process of its own while the caller goes on: returns a callable
    that waits for it and gives what it returned. function must pickle (a module's function, or
    a functools.partial of one with plain data); files: the numbers of open files it reads, which
    that process is given (spool.Spool.files). size: how many texts the work reads; for fewer than
    MIN_ITEMS, where a process is not worth starting, where the pool would not fork (see
    _may_fork), or when the process fails in any way, the callable calls function() itself: the
    same result, or the same exception with its own traceback."""
    here = functools.lru_cache(maxsize=1)(function)
    if size < MIN_ITEMS or not _may_fork():
        return here
    try:
        # the job waits in a file, so that the caller need not wait for the process to read it;
        # the answer too, so that the process ends as soon as it is done (through a pipe it lived
        # on, its memory held, until the caller read it: the face's for half a minute at 10,000 texts)
        answer = tempfile.TemporaryFile()
        with tempfile.TemporaryFile() as job:
            pickle.dump(sys.path, job, protocol=5)
            pickle.dump(function, job, protocol=5)
            job.seek(0)
            process = subprocess.Popen([sys.executable, "-S", "-c", _BEGIN, str(answer.fileno()), _PACKAGE],
                                       stdin=job, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       pass_fds=(answer.fileno(), *files))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):     # cannot pickle it, or start one
        return here

    @functools.lru_cache(maxsize=1)
    def result():
        process.wait()
        with answer:
            try:
                answer.seek(0)
                done, value = pickle.load(answer)
            except Exception:   # noqa: BLE001 -- killed, gone without a word, or an answer cut short
                done, value = False, None
        return value if done else here()
    return result


_PACKAGE = str(Path(__file__).resolve().parents[1])     # where `edition` is, for meanwhile's process
_BEGIN = "import sys; sys.path.insert(0, sys.argv[2]); from edition.parallel import _answer; _answer(int(sys.argv[1]))"


def _answer(sending: int) -> None:
    """meanwhile's process: the caller's import path and the job from stdin, (done, value) into
    the open file numbered `sending`; on any failure (False, None), and the caller runs the job itself."""
    _die_with_parent()
    gc.disable()    # as in the build (pipeline._no_cycle_collector): the job's objects go by their counts
    with open(sending, "wb") as out:
        try:
            source = sys.stdin.buffer
            sys.path[:] = pickle.load(source)
            value = pickle.load(source)()
        except BaseException:   # noqa: BLE001 -- the caller runs it again and sees the error itself
            pickle.dump((False, None), out)
            return
        # written as it is pickled (never whole here too); one cut short, the caller runs it itself
        pickle.dump((True, value), out, protocol=5)


def _run(index):
    return _work(index)


def _collected(function, item):
    """function(item), and the cycles it left behind collected (see the module)."""
    result = function(item)
    if not gc.isenabled():
        gc.collect(0)
    return result


def _worker_begins():
    """A pool worker's signals: it ends when its build does, and only then. The pool ends a worker
    with SIGTERM, which must end it at once: serve makes SIGTERM an exception in its own process,
    and a fork inherits that, so a worker would raise it wherever it happened to be (a lock it
    held released or not) and could live on, waited for by its build forever. Ctrl-C reaches
    the build, which ends its workers; in a worker it would only print a traceback."""
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent():
    """A worker ends when the build that forked it is killed, instead of living on to print
    BrokenPipeError tracebacks into the editor's terminal (Linux: prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass        # not Linux: the pool's own shutdown is all there is
