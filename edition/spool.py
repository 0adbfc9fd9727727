"""A spool: bytes put aside in a temporary file while the build goes on, read back by number.

What a build gathers from every text for one job at the end (each text's search term counts)
waits here instead of in memory: at 10,000 texts the term counts alone were 60 MB. The file is
anonymous (tempfile.TemporaryFile): it goes when the build does, however that ends.
"""
from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile


class Spool:
    """in_memory: kept in a list instead (serve, which keeps its builds in memory anyway, and
    would pay for the file on every save)."""

    def __init__(self, in_memory: bool = False):
        self._file = None
        self._places: list = []     # (offset, length) of each thing put
        self._memory = [] if in_memory else None

    def put(self, data: bytes) -> int:
        """Put data aside; its number, for get()."""
        if self._memory is not None:
            self._memory.append(data)
            return len(self._memory) - 1
        if self._file is None:
            self._file = tempfile.TemporaryFile()
        self._file.seek(0, 2)
        self._places.append((self._file.tell(), len(data)))
        self._file.write(data)
        return len(self._places) - 1

    def files(self) -> tuple:
        """The number of the open file it keeps, for a process it is handed to (parallel.meanwhile)."""
        return () if self._file is None else (self._file.fileno(),)

    def __reduce__(self):
        # Pickled for another process, which reads the same file by its number (files()).
        if self._file is not None:
            self._file.flush()
        return _reopened, (self.files(), self._places, self._memory)

    def get(self, number: int) -> bytes:
        if self._memory is not None:
            return self._memory[number]
        at, length = self._places[number]
        if not length:
            return b""
        self._file.flush()
        if hasattr(os, "pread"):    # leaves the file's offset alone: a forked process shares it
            return os.pread(self._file.fileno(), length, at)
        self._file.seek(at)
        return self._file.read(length)


def _reopened(files: tuple, places: list, memory: list | None) -> Spool:
    spool = Spool(in_memory=memory is not None)
    spool._places, spool._memory = places, memory
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
    without their largest parts (PARTS: at 10,000 texts 73 MB), which wait in a spool. Iterating
    gives the texts without them; each(name) gives them with that part read back, one at a time."""

    PARTS = ("occurrences", "ids", "links", "epub")   # the glossary's back-references; the link check's; the book's chapter

    def __init__(self, in_memory: bool = False):
        """in_memory: the texts are kept whole, parts and all (serve: see Spool)."""
        self.light: list = []
        self.spool = None if in_memory else Spool()

    def append(self, text) -> None:
        if self.spool is None:
            self.light.append(text)
            return
        for name in self.PARTS:
            self.spool.put(pickle.dumps(getattr(text, name), protocol=5))
        self.light.append(dataclasses.replace(text, **dict.fromkeys(self.PARTS)))

    def __iter__(self):
        return iter(self.light)

    def __len__(self) -> int:
        return len(self.light)

    def part(self, number: int, name: str):
        if self.spool is None:
            return getattr(self.light[number], name)
        return pickle.loads(self.spool.get(number * len(self.PARTS) + self.PARTS.index(name)))

    def each(self, name: str):
        if self.spool is None:
            yield from self.light
            return
        for number, text in enumerate(self.light):
            yield dataclasses.replace(text, **{name: self.part(number, name)})
