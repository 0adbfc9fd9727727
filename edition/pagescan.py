"""What the build keeps of a page that goes to disk without being held: its ids, the ids it gives
twice, and its characters beyond ASCII, found as its bytes pass on their way to the file.

At 10,000 texts the glossary page is 38 MB: held whole to be scanned, it was the build's largest
moment. Each scan here is the plain one (linkcheck.ids_in, linkcheck.duplicate_ids,
fonts.characters) run over the blocks as they come, keeping only the few bytes a match may still
need (tests/test_pagescan.py holds them to the plain scans of the whole page, split anywhere).
"""
from __future__ import annotations

import codecs

from .fonts import characters_of_blocks
from .linkcheck import scan_duplicate_ids, scan_ids


class _Resumable:
    """scan(page, start, final) -> where it must start again once more bytes come: fed block by
    block, each scan sees the bytes it may still need (and the one before, which the scans look
    at) followed by the new block."""

    def __init__(self, scan):
        self.scan, self.carry, self.start = scan, b"", 0

    def feed(self, block: bytes) -> None:
        page = self.carry + block if self.carry else block
        resume = self.scan(page, self.start, False)
        cut = max(resume - 1, 0)
        self.carry, self.start = page[cut:], resume - cut

    def finish(self) -> None:
        self.scan(self.carry, self.start, True)
        self.carry = b""


class PageScan:
    """A file handle's stand-in that writes through to the real one and scans what passes."""

    def __init__(self):
        self.ids, self._seen, self._twice = set(), set(), set()
        self._scans = (_Resumable(lambda page, start, final: scan_ids(page, start, final, self.ids.add)),
                       _Resumable(lambda page, start, final: scan_duplicate_ids(page, start, final,
                                                                                self._seen, self._twice)))
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._characters: set = set()
        self._handle = None

    def writing(self, write):
        """write(handle) as a function that writes through this scan: what sink.put_file takes."""
        def through(handle) -> None:
            self._handle = handle
            write(self)
            self._handle = None
        return through

    def write(self, data) -> int:
        data = bytes(data)
        self._handle.write(data)
        for scan in self._scans:
            scan.feed(data)
        characters_of_blocks(self._characters, self._decoder, data)
        return len(data)

    def finished(self) -> tuple:
        """(ids, the ids given more than once, characters beyond ASCII): what ids_in,
        duplicate_ids and fonts.characters give for the whole page."""
        for scan in self._scans:
            scan.finish()
        characters_of_blocks(self._characters, self._decoder, b"", final=True)
        return self.ids, {name.decode() for name in self._twice}, "".join(sorted(self._characters))
