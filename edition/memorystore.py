"""serve's store: the last build kept in this process, asked before the disk (reuse.DiskStore).

Files unchanged since they were read (same size, times and inode) are not read again, and
only those the watchers saw change are looked at; pages and their data are kept by key, the
theme, glossary and matcher while their inputs are the same; a step whose inputs are the very
values of the last build gives its last answer (reuse). The tricks, with the tests that hold
each to the plain way, are named in pipeline.py's docstring.
"""
from __future__ import annotations

import dataclasses
import os
import pickle
import stat
from pathlib import Path

from .files import decode, markdown_folder, read_bytes
from .parallel import parallel_map
from .reuse import RECORDS, DiskStore, _end_records, _without_bytes, sha256


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

    def made_together(self, prepare, first: str, parts, size: int, files=()):
        # while edits go on, the last build's files under `later` as they are, and what they
        # are made from not even gathered (the search index's key hashes every text's words):
        # owed, they are remade, or found the same, once edits pause
        kept = self.memory.pages.get(first)
        if self.later and first.startswith(self.later) and kept is not None:
            found = {first: kept}
            for path in parts(kept[1]):
                found[path] = self.memory.pages.get(path)
            if None not in found.values():
                self.owed = True
                for path, (key, data, _) in found.items():
                    self._record(path, key, data)
                return lambda: {path: data for path, (_, data, _) in found.items()}
        return super().made_together(prepare, first, parts, size, files)

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

    def _keep_text(self, key: str, page, hashed: dict | None = None) -> None:
        # kept as it is, bytes and all; pickled for the next `build` only when the disk cache is saved
        records = self.memory.records.get(key)
        if records is not None and records[0] is page:
            # the very text kept last time, which memory holds with its records already (10,000
            # a save): its files' records as they were, at once. What a failed build recorded
            # of its pages since is read by nothing: memory.pages is this build's records again
            # once it ends (forget_unused)
            self.pages.update(records[1])
            self.records[key] = records
            self.texts[key] = page
            return
        self._record_text(key, page, hashed)
        records = (page, {rel: self.pages[rel] for rel in (page.path, *page.extra_files, *page.more_pages)})
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


def _signature(path):
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)

