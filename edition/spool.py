"""A spool: bytes put aside in a temporary file while the build goes on, read back by number.

What a build gathers from every text for its last jobs (each text's search term counts, its
summary, its glossary back-references, ids and links) waits here instead of in memory: at
10,000 texts the term counts alone were 60 MB, the summaries 24 MB. The file is anonymous
(tempfile.TemporaryFile): it goes when the build does, however that ends.
"""
from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from array import array


class Spool:
    """in_memory: kept in a list instead (serve, which keeps its builds in memory anyway, and
    would pay for the file on every save)."""

    def __init__(self, in_memory: bool = False):
        self._file = None
        self._ends = array("q")     # where each thing put ends in the file (the next begins there)
        self._memory = [] if in_memory else None

    def put(self, data: bytes) -> int:
        """Put data aside; its number, for get()."""
        if self._memory is not None:
            self._memory.append(data)
            return len(self._memory) - 1
        if self._file is None:
            self._file = tempfile.TemporaryFile()
        self._file.write(data)
        self._ends.append((self._ends[-1] if self._ends else 0) + len(data))
        return len(self._ends) - 1

    def files(self) -> tuple:
        """The number of the open file it keeps, for a process it is handed to (parallel.meanwhile)."""
        return () if self._file is None else (self._file.fileno(),)

    def __reduce__(self):
        # Pickled for another process, which reads the same file by its number (files()).
        if self._file is not None:
            self._file.flush()
        return _reopened, (self.files(), self._ends, self._memory)

    def get(self, number: int) -> bytes:
        if self._memory is not None:
            return self._memory[number]
        at = self._ends[number - 1] if number else 0
        length = self._ends[number] - at
        if not length:
            return b""
        self._file.flush()
        if hasattr(os, "pread"):    # leaves the file's offset alone: a forked process shares it
            return os.pread(self._file.fileno(), length, at)
        self._file.seek(at)
        data = self._file.read(length)
        self._file.seek(0, 2)       # where the next put() writes
        return data


def _reopened(files: tuple, ends: array, memory: list | None) -> Spool:
    spool = Spool(in_memory=memory is not None)
    spool._ends, spool._memory = ends, memory
    if files:
        spool._file = open(files[0], "rb", closefd=False)
    return spool


class Joined:
    """Each item with what was put aside for it, in order: (*items[n], spool.get(n)), each read
    as it is reached. Pickles as its items and the spool (for parallel.meanwhile)."""

    def __init__(self, items: list, spool: Spool):
        self.items, self.spool = items, spool

    def __iter__(self):
        for number, item in enumerate(self.items):
            yield (*item, self.spool.get(number))

    def __len__(self) -> int:
        return len(self.items)


class KeptTexts:
    """The texts' results (RenderedText) as the build keeps them for its last jobs: in memory
    without their largest parts (PARTS: at 10,000 texts 100 MB), which wait in a spool, a record
    for each group of parts read together. Iterating gives the texts without them; each(*names)
    gives them with those parts read back, one text at a time; part(number, name) one part."""

    # the index's (and the timeline's, the EPUB's, the search's titles); the timeline's dated
    # notes (read again one text at a time as the page reaches them); the glossary's
    # back-references and the unused terms'; the link check's; the book's chapter
    PARTS = (("summary",), ("dated",), ("occurrences", "header", "number_sections"), ("ids",), ("links",), ("epub",))

    def __init__(self, in_memory: bool = False):
        """in_memory: the texts are kept whole, parts and all (serve: see Spool)."""
        self.light: list = []
        self.spool = None if in_memory else Spool()

    def append(self, text) -> None:
        if self.spool is None:
            self.light.append(text)
            return
        for group in self.PARTS:
            self.spool.put(pickle.dumps(tuple(getattr(text, name) for name in group), protocol=5))
        self.light.append(dataclasses.replace(text, **{name: None for group in self.PARTS for name in group}))

    def __iter__(self):
        return iter(self.light)

    def __len__(self) -> int:
        return len(self.light)

    def part(self, number: int, name: str):
        at = None if self.spool is None else self._where(name)
        if at is None:
            return getattr(self.light[number], name)
        return self._group(number, at)[name]

    def each(self, *names) -> Each:
        """The texts with the parts named, read back as each is reached (len() as the texts')."""
        return Each(self, names)

    def reader(self, name: str):
        """part(number, name) as a function of the number that pickles as the spool alone, for a
        process of its own (the book's, parallel.meanwhile); files() are the files it reads."""
        at = None if self.spool is None else self._where(name)
        return (lambda number: self.part(number, name)) if at is None else PartReader(self.spool, at, name)

    def files(self) -> tuple:
        return () if self.spool is None else self.spool.files()

    def _where(self, name: str):
        """The number of the group a part is spooled in; None for a part kept in memory."""
        return next((at for at, group in enumerate(self.PARTS) if name in group), None)

    def _group(self, number: int, at: int) -> dict:
        values = pickle.loads(self.spool.get(number * len(self.PARTS) + at))
        return dict(zip(self.PARTS[at], values))


class PartReader:
    """One spooled part of each text by the text's number (KeptTexts.reader)."""

    def __init__(self, spool: Spool, at: int, name: str):
        self.spool, self.at, self.name = spool, at, name

    def __call__(self, number: int):
        values = pickle.loads(self.spool.get(number * len(KeptTexts.PARTS) + self.at))
        return dict(zip(KeptTexts.PARTS[self.at], values))[self.name]


class Each:
    """KeptTexts.each(*names): iterable more than once, and sized."""

    def __init__(self, kept: KeptTexts, names: tuple):
        self.kept, self.names = kept, names

    def __len__(self) -> int:
        return len(self.kept)

    def __iter__(self):
        kept = self.kept
        if kept.spool is None:
            yield from kept.light
            return
        groups = sorted({kept._where(name) for name in self.names} - {None})
        for number, text in enumerate(kept.light):
            parts: dict = {}
            for at in groups:
                parts.update(kept._group(number, at))
            yield dataclasses.replace(text, **parts)
