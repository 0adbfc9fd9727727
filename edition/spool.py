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
