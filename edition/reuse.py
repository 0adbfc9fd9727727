"""Reuse: what a build takes from earlier work instead of making it again.

The pipeline asks; a store decides. Every answer is keyed by hashes of what goes in (file
bytes, settings, the code), never by file times (which only ever spare a reading: see below):

- DiskStore (`build`, `check`): the last build's record in .edition-cache/ — for each page of
  the site it wrote, the hash of its inputs and of the bytes written; for each text, what the
  other pages take from it (texts.pickle: one record a text, each read only when its key is asked
  for, and written as the build goes: nothing holds them all). A page whose inputs hash the same is read back from
  the output folder, after checking its bytes are the ones written. `check` reads, never writes.
- MemoryStore (`serve`): the last build in this process — files unchanged since they were read
  (same size, times and inode) are not read again, pages and their data are kept by key, the
  theme, glossary and matcher while their inputs are the same; the disk is asked only at first.

One check comes before all this (unchanged.py): if no input changed at all, there is nothing
to do. Everything lives in .edition-cache/ (gitignored); deleting it, or `--clean`, costs only
time, and a record that cannot be read is ignored.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import pickle
import shutil
import stat
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
    """digest(*parts) of parts taken one at a time from an iterable (never all in memory)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hashed.update(b"\0")
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
        self.pages: dict = {}       # site path -> {"key", "sha256"} of this build's pages
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
        fresh = iter(parallel_map(make, [job for job, found in zip(jobs, known) if not found]))
        for job, found in zip(jobs, known):
            page = self._find_text(job.path, job.key) if found else None
            if page is None:
                page = make(job) if found else next(fresh)      # found, but its page was changed since
                self.made.extend(page.paths)
            self._keep_text(job.key, page)
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
        entry = self.previous.get(path)
        old = self.out / path
        try:
            if isinstance(entry, dict) and entry.get("key") == key and file_sha256(old) == entry.get("sha256"):
                return (lambda handle: _copy(old, handle)), []
        except OSError:
            pass
        self.made.append(path)
        return make()

    def record(self, path: str, key: str, hashed: str | None) -> None:
        if hashed:
            self._record(path, key, b"", hashed)

    def made_together(self, key: str, first: str, parts, make_all, size: int, files=()):
        """A callable giving {path: bytes}: files that make_all() makes at once (an index, then
        the parts its bytes name: parts(bytes) -> paths), each reused as last written while key
        is the same. When the first is not there to reuse, make_all() (reading `size` texts, and
        the open files numbered `files`) begins now, in a process of its own (parallel.meanwhile),
        and the build goes on."""
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
        entry = self.previous.get(path)
        return key in self._stored and isinstance(entry, dict) and entry.get("key") == key

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

    def _keep_text(self, key: str, page) -> None:
        # The page and the files made with it (annotations/…) are read back from the output
        # next time, like any page: the record keeps only their names.
        self._record_text(key, page)
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

    def _record_text(self, key: str, page) -> None:
        self._record(page.path, key, page.html)
        for rel, data in [*page.extra_files.items(), *page.more_pages.items()]:
            self._record(rel, key, data)

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
        entry = self.previous.get(path)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            data = (self.out / path).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == entry.get("sha256") else None

    def _record(self, path: str, key: str, data: bytes, hashed: str | None = None) -> None:
        self.pages[path] = {"key": key, "sha256": hashed or sha256(data)}

    def _entry(self, path: str) -> dict:
        """The manifest's record of a page of this build: {key, sha256}."""
        return self.pages[path]

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
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("pages"), dict):
            return {}
        return data["pages"]


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


class Memory:
    """What `serve` keeps from one build to the next."""

    def __init__(self):
        self.files: dict = {}       # content file -> (signature, value, problems, digest) of its last read
        self.folders: dict = {}     # content folder -> its files.MarkdownFolder as last listed
        self.texts: dict = {}       # key -> RenderedText (with its bytes)
        self.records: dict = {}     # key -> (that RenderedText, {site path: its record in pages} of its files)
        self.pages: dict = {}       # site path -> (key, bytes, their SHA-256) for every page
        self.site_parts: dict = {}  # kind -> (key, value): the theme, the glossary, each text's job…
        self.links = None           # the last link check (_LinksChecked)
        self.made_unchecked: list = []  # each build's store.made since that check (a build may end before it)


class MemoryStore(DiskStore):
    """serve's store: the last build in memory first, the disk only when memory has nothing."""

    in_memory = True    # serve keeps every build in memory: spooling would only cost each save

    def __init__(self, root: Path, out: Path, memory: Memory, fresh: bool = False, later: tuple = (),
                 changed=None):
        """later: site folders (`search/`) whose pages this build may take as the last build made
        them although their inputs changed, to be remade when edits pause (owed then says so).
        changed: the project's files and folders (names relative to root) that may have changed
        since memory last read them — what serve's watchers saw — or None for any: a file or
        folder outside them is taken as last read, without looking at it (see read)."""
        super().__init__(root, out, fresh=fresh or bool(memory.texts))
        self.memory = memory
        memory.made_unchecked.append(self.made)
        self.later, self.owed = later, False
        self.parts: dict = {}       # what reuse() gave this build, by kind
        self.records: dict = {}     # as Memory.records, for the texts of this build
        self.changed = None if changed is None else frozenset(changed)
        self._under = None if changed is None else tuple(f"{rel}/" for rel in self.changed)

    def page(self, path: str, key: str, make):
        kept = self.memory.pages.get(path)
        if self.later and kept is not None and kept[0] != key and path.startswith(self.later):
            # the last build's bytes under the last build's key: the next complete build remakes them
            self.owed = True
            self._record(path, kept[0], kept[1])
            return kept[1], []
        return super().page(path, key, make)

    def _has(self, path: str, key: str) -> bool:
        kept = self.memory.pages.get(path)
        if kept is not None and (kept[0] == key or self.later and path.startswith(self.later)):
            return True     # page() hands back these bytes
        return super()._has(path, key)

    def read(self, path: Path, rel: str, parse, problems):
        """As DiskStore.read, from memory while the file is unchanged: the same value (the very
        object) again. A file the watchers did not see change is not even looked at; one they
        did, or any when they cannot tell (changed is None), is read again unless its size,
        times and inode are those of the last read."""
        kept, changed = self.memory.files.get(rel), self.changed
        if kept is None or changed is None or changed and (rel in changed or rel.startswith(self._under)):
            signature = _signature(path)
            if kept is None or not signature or kept[0] != signature:
                found = []
                data = read_bytes(path, rel, found)
                hashed = sha256(data) if data is not None else ""
                value = None if data is None else parse(decode(data, rel, found), found)
                kept = (signature, value, found, hashed)
                if signature:
                    self.memory.files[rel] = kept
                else:
                    self.memory.files.pop(rel, None)
        _, value, found, hashed = kept
        self.digests[rel] = hashed
        problems.extend(found)
        return value

    def listed(self, root: Path, folder: str):
        """files.markdown_folder(root, folder), from memory while no entry of the folder, nor the
        folder or one above it, may have changed (see read). A file it lists that was saved
        again, and is still a plain file, changes nothing: the folder is not listed again."""
        kept = self.memory.folders.get(folder)
        if kept is None or self.changed is None or any(self._moves(root, folder, rel, kept) for rel in self.changed):
            kept = self.memory.folders[folder] = markdown_folder(root, folder)
        return kept

    @staticmethod
    def _moves(root: Path, folder: str, rel: str, listed) -> bool:
        """Whether the change at rel may change the folder's listing."""
        if rel == folder or folder.startswith(f"{rel}/"):
            return True
        parent, _, name = rel.rpartition("/")
        if parent != folder:
            return False    # deeper down: a folder named like a Markdown file is reported when it comes or goes
        try:
            kind = os.lstat(root / rel).st_mode
        except OSError:
            return name in listed.names     # removed
        return name not in listed.files or not stat.S_ISREG(kind)

    def reuse(self, kind, key, make):
        # Comparing a tuple compares its items by identity first: while a text's file is not read
        # again its value is the very object of the last build, and the key compares in a step.
        kept = self.memory.site_parts.get(kind)
        key = key() if callable(key) else key
        if kept is None or kept[0] != key:
            kept = self.memory.site_parts[kind] = (key, make())
        self.parts[kind] = kept
        return kept[1]

    def texts_for(self, jobs, make):
        """As DiskStore.texts_for; once memory holds the last build's texts, a text is found there
        by its key or made (a miss is a change), in one loop."""
        texts = self.memory.texts
        if not texts:
            yield from super().texts_for(jobs, make)
            return
        jobs = list(jobs)
        fresh = iter(parallel_map(make, [job for job in jobs if job.key not in texts]))
        for job in jobs:
            page = texts.get(job.key)
            if page is None:
                page = next(fresh)
                self.made.extend(page.paths)
            self._keep_text(job.key, page)
            yield job, page

    def _known(self, path: str, key: str) -> bool:
        if self.memory.texts:
            return key in self.memory.texts     # memory holds every text of the last build: a miss is a change
        return super()._known(path, key)

    def _find_text(self, path: str, key: str):
        if key in self.memory.texts:
            return self.memory.texts[key]
        if self.memory.texts:
            return None
        return super()._find_text(path, key)

    def _keep_text(self, key: str, page) -> None:
        # kept as it is, bytes and all; pickled for the next `build` only when the disk cache is saved
        records = self.memory.records.get(key)
        if records is None or records[0] is not page:
            for rel, data in ((page.path, page.html), *page.extra_files.items(), *page.more_pages.items()):
                self._record(rel, key, data)
            records = (page, {rel: self.pages[rel] for rel in (page.path, *page.extra_files, *page.more_pages)})
        else:   # the very text kept last time: its files' records as they were, at once
            self.pages.update(records[1])
            self.memory.pages.update(records[1])
        self.records[key] = self.memory.records[key] = records
        self.texts[key] = self.memory.texts[key] = page

    def _write_texts(self, handle) -> None:
        handle.write(RECORDS)
        offsets = {}
        for key, page in self.texts.items():
            offsets[key] = handle.tell()
            pickle.dump(_without_bytes(page), handle, protocol=5)
        _end_records(handle, offsets)

    def checked_links(self, groups, paths, ids_of, siblings, check) -> list:
        """As DiskStore.checked_links, each group checked again only when its links changed, or
        the ids of a page it looked into, or the site's paths (a hint names the nearest page):
        a save checks the links of the text it changed and of those that point into it."""
        last = self.memory.links
        if last is None or last.paths is not paths and last.paths != paths:
            last = _LinksChecked(paths)
        # Of the pages whose ids a group looked at, which have other ids now: only a page made
        # afresh since the last check can (any other is the very bytes, and ids, it was then).
        made = set().union(*self.memory.made_unchecked)
        self.memory.made_unchecked = []
        ids, moved = dict(last.ids), set()
        for page in made.intersection(last.ids):
            ids[page] = ids_of(page)
            if not (ids[page] is last.ids[page] or ids[page] == last.ids[page]):
                moved.add(page)

        def looked_up(page):
            consulted.add(page)
            ids[page] = ids_of(page)
            return ids[page]
        problems, checked = [], {}
        for name, links in groups:
            kept = last.groups.get(name)
            if kept is None or not (kept[0] is links or kept[0] == links) or not moved.isdisjoint(kept[1]):
                consulted = set()
                kept = (links, consulted, check(links, paths, looked_up, siblings))
            checked[name] = kept
            problems += kept[2]
        self.memory.links = _LinksChecked(paths, ids, checked)
        return problems

    def _find_page(self, path: str, key: str):
        kept = self.memory.pages.get(path)
        if kept is not None and kept[0] == key:
            return kept[1]
        return super()._find_page(path, key)

    def _record(self, path: str, key: str, data: bytes, hashed: str | None = None) -> None:
        # serve hands back the very bytes it made last time: hash each page once, not per save
        kept = self.memory.pages.get(path)
        if kept is None or kept[0] != key or kept[1] is not data:
            hashed = hashed or (kept[2] if kept is not None and kept[1] is data else sha256(data))
            kept = self.memory.pages[path] = (key, data, hashed)
        self.pages[path] = kept

    def _entry(self, path: str) -> dict:
        key, _, hashed = self.pages[path]
        return {"key": key, "sha256": hashed}

    def forget_unused(self) -> None:
        """Keep only what the last build used: serve runs for hours."""
        self.memory.texts = dict(self.texts)
        self.memory.records = dict(self.records)
        self.memory.pages = dict(self.pages)
        self.memory.site_parts = dict(self.parts)


@dataclasses.dataclass
class _LinksChecked:
    """What serve's last link check found: for the site's paths, each group's links, the pages
    whose ids it looked at and its problems, and those pages' ids as they were."""
    paths: set
    ids: dict = dataclasses.field(default_factory=dict)       # page -> its ids (model.PageIds)
    groups: dict = dataclasses.field(default_factory=dict)    # name -> (links, {page}, problems)


def _without_bytes(page):
    """A text's record for the disk cache: its pages and files by name only (read back from the output)."""
    return dataclasses.replace(page, html=b"", extra_files=dict.fromkeys(page.extra_files, b""),
                               more_pages=dict.fromkeys(page.more_pages, b""))


def _end_records(handle, offsets: dict) -> None:
    at = handle.tell()
    pickle.dump(offsets, handle, protocol=5)
    handle.write(at.to_bytes(8, "big"))


def _signature(path):
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)


def _copy(path: Path, target) -> None:
    with open(path, "rb") as source:
        shutil.copyfileobj(source, target, 1 << 20)
