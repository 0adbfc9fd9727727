"""heap.py: memory freed inside the allocator's heap handed back to the system."""
from __future__ import annotations

import os
import sys

import pytest

from edition import heap


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux") or heap._malloc_trim() is None,
                    reason="malloc_trim is glibc's: elsewhere give_back does nothing")
def test_memory_freed_between_live_objects_goes_back_to_the_system():
    # 64 MB in blocks of 4 KB (the allocator's heap, not Python's arenas), one block in 16 kept
    # alive, as a phase of the build leaves its heap: the heap cannot shrink from its end
    blocks = [bytearray(4000) for _ in range(16_000)]
    kept = blocks[::16]
    del blocks
    before = resident_mb()
    heap.give_back()
    assert before - resident_mb() > 30, "the freed blocks' pages still count in the process's size"
    assert len(kept) == 1000 and all(len(block) == 4000 for block in kept)     # the live ones untouched


def test_give_back_is_harmless_where_there_is_nothing_to_give(monkeypatch):
    monkeypatch.setattr(heap, "_malloc_trim", lambda: None)
    heap.give_back()
