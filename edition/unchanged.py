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
    """The inputs as a build begins: their signature (times and sizes, read at once) and their
    fingerprint (bytes, read only when the signature cannot tell). ingest: the build ingests new
    seeds first (so a record of a build that did not cannot say there are none)."""

    def __init__(self, root: Path, settings: str, ingest: bool = False):
        self.root, self.settings, self.ingest = root, settings, ingest
        self.signature = inputs_signature(root, settings, time.time_ns())
        self._fingerprint = None

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
    recorded when the bytes prove equal, so that the next build need not read them either."""
    if inputs is None:
        return None
    try:
        last = json.loads((root / CACHE_DIR / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict):
        return None
    same_signature = bool(inputs.signature) and last.get("signature") == inputs.signature
    if not same_signature and (not inputs.fingerprint or last.get("fingerprint") != inputs.fingerprint):
        return None
    out = last.get("out")
    if not isinstance(out, str) or not isinstance(last.get("problems", []), list):
        return None
    if inputs.ingest and last.get("ingested") is not True:
        return None
    try:
        if last.get("output") != output_record(root / out):
            return None
    except OSError:
        return None
    if not same_signature and inputs.signature:
        try:
            write_atomic(root / CACHE_DIR / LAST_BUILD, json.dumps(dict(last, signature=inputs.signature)).encode())
        except OSError:
            pass    # only the next build's speed is at stake
    return last
