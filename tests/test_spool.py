"""spool.py: bytes put aside in a temporary file, read back by number."""
from __future__ import annotations

from edition.spool import Spool


def test_what_is_put_aside_comes_back_by_its_number_in_any_order():
    spool = Spool()
    numbers = [spool.put(data) for data in (b"first", b"", b"\x00third" * 1000)]
    assert numbers == [0, 1, 2]
    assert [spool.get(n) for n in (2, 0, 1, 0)] == [b"\x00third" * 1000, b"first", b"", b"first"]
