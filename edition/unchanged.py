"""Nothing changed? The check that comes before every build (pipeline.run calls last_build):
if no input file changed at all (same bytes, same settings, same code) and the output folder is
exactly as the last build left it, there is nothing to do.

Reading every input to hash it is most of that check's cost, so the last build also keeps each
input's size, times and inode (inputs_signature): when none of them moved, no byte is read. It
keeps them only when every input was last changed well before the build began, so that a change
made within the clock's resolution of that moment cannot hide behind equal times. The record is
.edition-cache/last-build.json, written by the store's save (reuse.py).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import signal
import sys
import time
from pathlib import Path

from . import __version__
from .files import listing_record, write_atomic
from .layout import CACHE_DIR, INPUTS

LAST_BUILD = "last-build.json"
PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the edition package's source, and of the files it copies into the site as they
    are (assets/: the search loader, MiniSearch): new code never reuses old results."""
    hashed = hashlib.sha256(__version__.encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *(p for p in (PACKAGE / "assets").rglob("*") if p.is_file())]):
        hashed.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def inputs_fingerprint(root: Path, settings: str) -> str:
    """One hash of every input's name, kind and bytes, the code, and the effective settings.

    Plain os calls and strings: with pathlib, a no-change build of 2,000 files spent more
    time making and sorting Path objects than reading the files."""
    hashed = hashlib.sha256((code_version() + "\0" + settings).encode())
    base = str(root)
    for rel, _ in _input_entries(base):
        path = os.path.join(base, rel)
        # Folders and links count too: a folder named like a text is a problem to report.
        kind = b"L" if os.path.islink(path) else b"F" if os.path.isfile(path) else b"D"
        hashed.update(rel.encode("utf-8", "surrogateescape") + b"\0" + kind)
        if kind != b"D":
            try:
                with open(path, "rb") as handle:
                    hashed.update(hashlib.sha256(handle.read()).digest())
            except OSError:
                return ""     # unreadable: let the real build say what is wrong
    return hashed.hexdigest()


# An input changed less than this long before a build began may change again with the same times
# (file times have the clock's resolution): the build then keeps no signature, and the next one
# reads the bytes.
SETTLED_SECONDS = 2.0


def inputs_signature(root: Path, settings: str, now_ns: int) -> str:
    """One hash of every input's name, kind, size, modification and change times and inode, the
    code and the settings: "" when some input changed within SETTLED_SECONDS of now_ns, or cannot
    be read. Any write to a file moves its change time (which no tool sets back), so an equal
    signature means equal bytes without reading them."""
    hashed = hashlib.sha256((code_version() + "\0" + settings).encode())
    base, recent = str(root), now_ns - int(SETTLED_SECONDS * 1e9)
    for rel, entry in _input_entries(base):
        try:
            stat = os.lstat(os.path.join(base, rel)) if entry is None else entry.stat(follow_symlinks=False)
        except OSError:
            return ""
        if stat.st_mtime_ns > recent or stat.st_ctime_ns > recent:
            return ""
        hashed.update(f"{rel}\0{stat.st_mode}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}"
                      f"\0{stat.st_ino}\0".encode("utf-8", "surrogateescape"))
    return hashed.hexdigest()


def _input_entries(base: str):
    """(site-relative name, its os.DirEntry) of each input (files, folders and links under
    INPUTS; None for a file at the top), in one fixed order: a folder's entries by name, each
    folder's own entries right after it. The entries carry their kind, and stat them from their
    folder: at 10,000 texts, joining and sorting 20,000 paths cost more than the stat calls."""
    for name in INPUTS:
        top = os.path.join(base, name)
        if os.path.isfile(top):
            yield name, None
        elif os.path.isdir(top):
            yield from _sorted_walk(top, name + "/")


def _sorted_walk(folder: str, prefix: str):
    try:
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=lambda entry: entry.name)
    except OSError:
        return      # as os.walk: a folder that cannot be listed has no entries
    for entry in entries:
        yield prefix + entry.name, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _sorted_walk(entry.path, f"{prefix}{entry.name}/")


def output_record(out: Path) -> str:
    return listing_record(out)


class Inputs:
    """The inputs as a build begins: their signature (times and sizes) and their fingerprint
    (bytes, read only when the signature cannot tell), each taken when first asked for, and
    both before the build reads a file (pipeline.run). ingest: the build ingests new seeds first
    (so a record of a build that did not cannot say there are none)."""

    def __init__(self, root: Path, settings: str, ingest: bool = False):
        self.root, self.settings, self.ingest = root, settings, ingest
        self._began = time.time_ns()
        self._signature = self._fingerprint = None

    @property
    def signature(self) -> str:
        if self._signature is None:
            self._signature = inputs_signature(self.root, self.settings, self._began)
        return self._signature

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = inputs_fingerprint(self.root, self.settings)
        return self._fingerprint


def last_build(root: Path, inputs: Inputs | None):
    """The last build's record ({out, problems, …}) if it saw exactly these inputs and nobody
    has touched its output since; None when there is work to do. Needs neither the settings
    parsed nor the content loaded: site.yaml is one of the inputs hashed. An equal signature
    answers without reading the inputs; a new one (a file saved unchanged, a checkout) is
    recorded when the bytes prove equal, so that the next build need not read them either.

    The output folder is walked by a copy of this process while this one takes the inputs'
    times: at 10,000 texts, 62,000 files and 20,000 inputs stat-ed one after the other were most
    of the check (tests/test_unchanged.py)."""
    if inputs is None:
        return None
    try:
        last = json.loads((root / CACHE_DIR / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict):
        return None
    out = last.get("out")
    if not isinstance(out, str) or not isinstance(last.get("problems", []), list):
        return None
    if inputs.ingest and last.get("ingested") is not True:
        return None
    output = Forked(output_record, root / out)
    try:
        same_signature = bool(inputs.signature) and last.get("signature") == inputs.signature
        if not same_signature and (not inputs.fingerprint or last.get("fingerprint") != inputs.fingerprint):
            return None
        if last.get("output") != output():
            return None
    except OSError:
        return None
    finally:
        output.stop()
    if not same_signature and inputs.signature:
        try:
            write_atomic(root / CACHE_DIR / LAST_BUILD, json.dumps(dict(last, signature=inputs.signature)).encode())
        except OSError:
            pass    # only the next build's speed is at stake
    return last


class Forked:
    """function(*args), a str, made by a forked copy of this process while this one goes on;
    calling the object waits for it. Made here when asked instead where forking is not safe
    (another thread could hold a lock the copy would never see released) or possible, or when
    the copy fails. stop() ends a copy whose answer is not wanted."""

    def __init__(self, function, *args):
        self.function, self.args, self.pid = function, args, 0
        threading = sys.modules.get("threading")    # not imported: no other thread either
        if not hasattr(os, "fork") or threading is not None and threading.active_count() > 1:
            return
        try:
            self.reading, writing = os.pipe()
            self.pid = os.fork()
        except OSError:
            return
        if self.pid == 0:       # the copy: its answer into the pipe, then gone without a word
            try:
                os.close(self.reading)
                with open(writing, "wb") as answer:
                    answer.write(b"ok:" + function(*args).encode("utf-8", "surrogateescape"))
            finally:
                os._exit(0)
        os.close(writing)

    def __call__(self) -> str:
        if self.pid:
            with open(self.reading, "rb") as answer:
                said = answer.read()
            os.waitpid(self.pid, 0)
            self.pid = 0
            if said.startswith(b"ok:"):
                return said[3:].decode("utf-8", "surrogateescape")
        return self.function(*self.args)    # raises here what it raised there

    def stop(self) -> None:
        if self.pid:
            os.close(self.reading)
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
