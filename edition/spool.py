"""A spool: bytes put aside in a temporary file while the build goes on, read back by number.

What a build gathers from every text for one job at the end (each text's search term counts)
waits here instead of in memory: at 10,000 texts the term counts alone were 60 MB. The file is
anonymous (tempfile.TemporaryFile): it goes when the build does, however that ends.
"""
from __future__ import annotations

import tempfile


class Spool:
    def __init__(self):
        self._file = None
        self._places: list = []     # (offset, length) of each thing put

    def put(self, data: bytes) -> int:
        """Put data aside; its number, for get()."""
        if self._file is None:
            self._file = tempfile.TemporaryFile()
        self._file.seek(0, 2)
        self._places.append((self._file.tell(), len(data)))
        self._file.write(data)
        return len(self._places) - 1

    def get(self, number: int) -> bytes:
        at, length = self._places[number]
        if not length:
            return b""
        self._file.seek(at)
        return self._file.read(length)
