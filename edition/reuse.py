"""Reuse: what a build takes from earlier work instead of making it again.

The pipeline asks; a store decides. Every answer is keyed by hashes of what goes in (file
bytes, settings, the code), never by file times (which only ever spare a reading: see below):

- DiskStore (`build`, `check`): the last build's record in .edition-cache/ — for each page of
  the site it wrote, the hash of its inputs and of the bytes written; for each text, what the
  other pages take from it (texts.pickle: one record a text, each read only when its key is asked
  for, and written as the build goes: nothing holds them all). A page whose inputs hash the same is read back from
  the output folder, after checking its bytes are the ones written. `check` reads, never writes.
- MemoryStore (`serve`, memorystore.py): the last build in this process — files unchanged since they were read
  (same size, times and inode) are not read again, pages and their data are kept by key, the
  theme, glossary and matcher while their inputs are the same; the disk is asked only at first.

One check comes before all this (unchanged.py): if no input changed at all, there is nothing
to do. Everything lives in .edition-cache/ (gitignored); deleting it, or `--clean`, costs only
time, and a record that cannot be read is ignored.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from .files import cannot_write, decode, file_sha256, markdown_folder, read_bytes, write_atomic
from .layout import CACHE_DIR, shown
from .parallel import meanwhile, parallel_map
from .unchanged import LAST_BUILD, Inputs, code_version, output_record

MANIFEST = "manifest.json"
TEXTS = "texts.pickle"
RECORDS = b"edition texts 2\n"     # texts.pickle: this, a pickle per text, their {key: offset}, its offset (8 bytes)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest(*parts) -> str:
    """One hash of several strings (each ended by a NUL, so that ("ab", "c") ≠ ("a", "bc"))."""
    return digest_all(parts)


def digest_all(parts) -> str:
    """digest(*parts) of parts taken one at a time from an iterable (never all in memory). They
    are hashed joined a megabyte at a time: serve's save at 10,000 texts hashed 30,000 small
    parts for the search index's key, and two calls a part cost more than the hashing."""
    hashed, batch, size = hashlib.sha256(), [], 0
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        batch.append(data)
        size += len(data)
        if size >= 1 << 20:
            batch.append(b"")       # each part ends with a NUL
            hashed.update(b"\0".join(batch))
            batch, size = [], 0
    batch.append(b"")
    hashed.update(b"\0".join(batch))
    return hashed.hexdigest()


def folder_hash(folders) -> str:
    """Hash of every file under the folders (names and bytes), e.g. a theme and its fallback."""
    hashed = hashlib.sha256()
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            hashed.update(path.relative_to(folder).as_posix().encode() + b"\0")
            try:
                hashed.update(sha256(path.read_bytes()).encode())
            except OSError:     # gone or unreadable: the build, reading it, says which
                hashed.update(b"unreadable")
    return hashed.hexdigest()


# --- the stores ---------------------------------------------------------------------------

class DiskStore:
    """Reuse from the last build on disk. fresh=True finds nothing (and saves anew);
    read_only=True finds but never saves (`check`)."""

    in_memory = False   # what the build puts aside until its last jobs waits on disk (spool.py)

    def __init__(self, root: Path, out: Path, fresh: bool = False, read_only: bool = False):
        self.root, self.out, self.read_only = root, out, read_only
        self.folder = root / CACHE_DIR
        self.code = code_version()
        self.previous = {} if fresh else self._read_manifest()
        self._stored = {} if fresh else None   # the last build's texts: key -> where in texts.pickle
        self._last = None           # texts.pickle, open while the build reads from it
        self.digests: dict = {}     # content file -> SHA-256 of the bytes read this build
        self.pages: dict = {}       # site path -> (key, sha256) of this build's pages (a dict each was
                                    # 20 MB more at 10,000 texts: 60,000 files)
        self.texts: dict = {}       # key -> where in the spool its RenderedText (without bytes) is
        self._spool = None          # this build's texts, pickled as they come, for the next build
        self.made: list = []        # site paths made afresh this build

    # what the stages get: a reader
    def read(self, path: Path, rel: str, parse, problems):
        """parse(text, problems) of the file; None if it cannot be read. Records its digest."""
        data = read_bytes(path, rel, problems)
        self.digests[rel] = sha256(data) if data is not None else ""
        return None if data is None else parse(decode(data, rel, problems), problems)

    def digest(self, rel: str) -> str:
        return self.digests.get(rel, "")

    def listed(self, root: Path, folder: str):
        """What the stages get to list a folder with: files.markdown_folder."""
        return markdown_folder(root, folder)

    def reuse(self, kind, key, make):
        """make(), for something a build makes once (the theme, the glossary, the reading order):
        serve keeps it while key (compared with ==; a tuple of the values it is made from, or a
        function giving them, called only by a store that keeps things) is the same, in memory only."""
        return make()

    def texts_for(self, jobs, make):
        """(job, RenderedText) for each job, in order: reused where job.key was seen, else made
        (in parallel, over the cores, when many are missing)."""
        jobs = list(jobs)
        # which to make, decided from the keys alone: a reused page is read when its turn comes
        known = [self._known(job.path, job.key) for job in jobs]
        missing = [job for job, found in zip(jobs, known) if not found]
        fresh = iter(parallel_map(functools.partial(_hashed, make), missing))
        for job, found in zip(jobs, known):
            page = self._find_text(job.path, job.key) if found else None
            hashed = None
            if page is None:
                # found, but its page was changed since: made here
                page, hashed = _hashed(make, job) if found else next(fresh)
                self.made.extend(page.paths)
            self._keep_text(job.key, page, hashed)
            yield job, page

    def page(self, path: str, key: str, make):
        """(bytes, problems) of a page that is not a text: as last written, or make()."""
        data = self._find_page(path, key)
        problems = []
        if data is None:
            data, problems = make()
            self.made.append(path)
        self._record(path, key, data)
        return data, problems

    def file(self, path: str, key: str, make):
        """(write, problems) of a file too large to hold (the EPUB): write(handle) writes the
        file as last written while key is the same (copied a block at a time), else as make()
        -> (write, problems) makes it; record(path, key, sha256) once it is written."""
        hashed = self._previous_sha256(path, key)
        old = self.out / path
        try:
            if hashed and file_sha256(old) == hashed:
                return (lambda handle: _copy(old, handle)), []
        except OSError:
            pass
        self.made.append(path)
        return make()

    def record(self, path: str, key: str, hashed: str | None) -> None:
        if hashed:
            self._record(path, key, b"", hashed)

    def made_together(self, prepare, first: str, parts, size: int, files=()):
        """A callable giving {path: bytes}: files that one job makes at once (an index, then the
        parts its bytes name: parts(bytes) -> paths), each reused as last written while the key
        is the same. prepare() -> (key, make_all): make_all() makes them all. When the first is
        not there to reuse, make_all() (reading `size` texts, and the open files numbered
        `files`) begins now, in a process of its own (parallel.meanwhile), and the build goes on."""
        key, make_all = prepare()
        begun = make_all if self._has(first, key) else meanwhile(make_all, size, files)
        made: dict = {}

        def make(path: str):
            if not made:
                made.update(begun())
            return made[path], []

        def files() -> dict:
            found = {first: self.page(first, key, lambda: make(first))[0]}
            for path in parts(found[first]):
                found[path] = self.page(path, key, lambda path=path: make(path))[0]
            return found
        return files

    def checked_links(self, groups, paths, ids_of, siblings, check) -> list:
        """The problems of check(links, paths, ids_of, siblings) (linkcheck.check_links) over the
        links of every group: groups are (name, links), a text's links or a page's."""
        return check(itertools.chain.from_iterable(links for _, links in groups), paths, ids_of, siblings)

    def save(self, paths, problems, inputs: Inputs | None) -> str:
        """Record the site just written, for the next build to reuse; why not, if it could not be."""
        if self.read_only:
            return ""
        try:
            write_atomic(self.folder / LAST_BUILD, json.dumps({
                "fingerprint": inputs.fingerprint if inputs else "", "signature": inputs.signature if inputs else "",
                "ingested": bool(inputs and inputs.ingest), "out": shown(self.out, self.root),
                "output": output_record(self.out), "problems": [str(p) for p in problems]}).encode())
            write_atomic(self.folder / MANIFEST,
                         lambda handle: _write_manifest(handle, self.code, ((p, self._entry(p)) for p in sorted(paths)
                                                                            if p in self.pages)))
            write_atomic(self.folder / TEXTS, self._write_texts)
        except OSError as exc:      # the site is written; only the next build's speed is at stake
            return f"{cannot_write(exc, CACHE_DIR + '/', 'build again')}; the site is written, the next build takes longer"
        except (ValueError, pickle.PicklingError):
            pass
        return ""

    # -- below: where a text or page is looked for, and how it is kept

    def _known(self, path: str, key: str) -> bool:
        if self._stored is None:
            self._stored = self._read_texts()
        return key in self._stored and bool(self._previous_sha256(path, key))

    def _find_text(self, path: str, key: str):
        stored = self._stored_text(key)
        data = self._find_page(path, key) if stored is not None else None
        if data is None:
            return None
        extra = {rel: self._find_page(rel, key) for rel in stored.extra_files}
        # a text split into chapters: each of its pages as written
        more = {rel: self._find_page(rel, key) for rel in stored.more_pages}
        if None in extra.values() or None in more.values():
            return None
        return dataclasses.replace(stored, html=data, extra_files=extra, more_pages=more)

    def _keep_text(self, key: str, page, hashed: dict | None = None) -> None:
        # The page and the files made with it (annotations/…) are read back from the output
        # next time, like any page: the record keeps only their names.
        self._record_text(key, page, hashed)
        if self.read_only or self._spool is False:
            return
        try:
            if self._spool is None:
                self._spool = tempfile.TemporaryFile()
                self._spool.write(RECORDS)
            self.texts[key] = self._spool.tell()
            pickle.dump(_without_bytes(page), self._spool, protocol=5)
        except (OSError, ValueError, pickle.PicklingError):
            self._spool = False     # the next build takes longer; this one goes on

    def _record_text(self, key: str, page, hashed: dict | None = None) -> None:
        hashed = hashed or {}
        self._record(page.path, key, page.html, hashed.get(page.path))
        for rel, data in [*page.extra_files.items(), *page.more_pages.items()]:
            self._record(rel, key, data, hashed.get(rel))

    def _write_texts(self, handle) -> None:
        if not self._spool:
            handle.write(RECORDS)
            offsets = {}
        else:
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, handle)
            offsets = self.texts
        _end_records(handle, offsets)

    def _stored_text(self, key: str):
        at = (self._stored or {}).get(key)
        if at is None or self._last is None:
            return None
        try:
            self._last.seek(at)
            return pickle.load(self._last)
        except Exception:  # noqa: BLE001 — a record that cannot be read costs only time
            return None

    def _has(self, path: str, key: str) -> bool:
        return self._find_page(path, key) is not None

    def _find_page(self, path: str, key: str):
        """The page as last written, if its inputs are unchanged and nobody touched the file."""
        hashed = self._previous_sha256(path, key)
        if not hashed:
            return None
        try:
            data = (self.out / path).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == hashed else None

    def _previous_sha256(self, path: str, key: str) -> str:
        """The SHA-256 the last build wrote path with, if it made it from the same key; else ""."""
        entry = self.previous.get(path)
        return entry[1] if isinstance(entry, tuple) and entry[0] == key else ""

    def _record(self, path: str, key: str, data: bytes, hashed: str | None = None) -> None:
        self.pages[path] = (key, hashed or sha256(data))

    def _entry(self, path: str) -> dict:
        """The manifest's record of a page of this build: {key, sha256}."""
        key, hashed = self.pages[path]
        return {"key": key, "sha256": hashed}

    def _read_texts(self) -> dict:
        """{key: where its record is} of texts.pickle, kept open to read each when asked."""
        try:
            # Our own folder, written by this same code version (each key says so); anything
            # unreadable (a flipped byte, another version's classes) is ignored and rebuilt.
            last = open(self.folder / TEXTS, "rb")
            if last.read(len(RECORDS)) != RECORDS:
                last.close()
                return {}
            last.seek(-8, os.SEEK_END)
            last.seek(int.from_bytes(last.read(8), "big"))
            data = pickle.load(last)
        except Exception:  # noqa: BLE001 — a cache that cannot be read costs only time
            return {}
        self._last = last
        return data if isinstance(data, dict) else {}

    def _read_manifest(self) -> dict:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"), object_hook=_page_entry)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("pages"), dict):
            return {}
        return data["pages"]


def _page_entry(record: dict):
    """A page's {key, sha256} in manifest.json as the store keeps it, (key, sha256), made as the
    file is parsed: 60,000 dicts at 10,000 texts were 20 MB more. Anything else stays a dict."""
    key, hashed = record.get("key"), record.get("sha256")
    return (key, hashed) if len(record) == 2 and isinstance(key, str) and isinstance(hashed, str) else record


def _write_manifest(handle, code: str, pages) -> None:
    """manifest.json: json.dumps({"code": code, "pages": dict(pages)}, indent=1, sort_keys=True)
    of pages, (path, {key, sha256}) sorted by path, written a thousand pages at a time: whole,
    its dicts and text were 33 MB at the end of a build of 10,000 texts."""
    handle.write(f'{{\n "code": {json.dumps(code)},\n "pages": {{'.encode())
    pages, first = iter(pages), True
    while batch := list(itertools.islice(pages, 1000)):
        handle.write("".join(f'{"" if first and n == 0 else ","}\n  {json.dumps(path)}: {{\n   "key": '
                             f'{json.dumps(entry["key"])},\n   "sha256": {json.dumps(entry["sha256"])}\n  }}'
                             for n, (path, entry) in enumerate(batch)).encode())
        first = False
    handle.write(b"}\n}" if first else b"\n }\n}")


def _hashed(make, job) -> tuple:
    """(make(job), {path: SHA-256} of the files it made): hashed where it was made, in the
    worker, not one after the other in the process that writes them."""
    page = make(job)
    return page, {rel: sha256(data) for rel, data in [(page.path, page.html), *page.extra_files.items(),
                                                        *page.more_pages.items()]}


def _without_bytes(page):
    """A text's record for the disk cache: its pages and files by name only (read back from the output)."""
    return dataclasses.replace(page, html=b"", extra_files=dict.fromkeys(page.extra_files, b""),
                               more_pages=dict.fromkeys(page.more_pages, b""))


def _end_records(handle, offsets: dict) -> None:
    at = handle.tell()
    pickle.dump(offsets, handle, protocol=5)
    handle.write(at.to_bytes(8, "big"))


def _copy(path: Path, target) -> None:
    with open(path, "rb") as source:
        shutil.copyfileobj(source, target, 1 << 20)
