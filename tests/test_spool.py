"""spool.py: bytes put aside in a temporary file, read back by number."""
from __future__ import annotations

from edition.spool import Spool


def test_what_is_put_aside_comes_back_by_its_number_in_any_order():
    for spool in (Spool(), Spool(in_memory=True)):
        numbers = [spool.put(data) for data in (b"first", b"", b"\x00third" * 1000)]
        assert numbers == [0, 1, 2]
        assert [spool.get(n) for n in (2, 0, 1, 0)] == [b"\x00third" * 1000, b"first", b"", b"first"]


def test_kept_texts_hold_their_largest_parts_aside_and_give_them_back():
    from edition.model import PageIds, RenderedText
    from edition.spool import KeptTexts
    kept = KeptTexts()
    for n in range(3):
        kept.append(RenderedText(f"t{n}.html", b"", {"title": str(n)}, {"term": [n]}, {}, [("a.html", "x", n, "t")],
                                 PageIds({f"p{n}"}), []))
    assert [t.occurrences for t in kept] == [None] * 3 and len(kept) == 3
    assert [t.occurrences for t in kept.each("occurrences")] == [{"term": [0]}, {"term": [1]}, {"term": [2]}]
    assert "p1" in kept.part(1, "ids") and [t.links[0][2] for t in kept.each("links")] == [0, 1, 2]
    # parts of several records at once, as often as asked, and as many as the texts
    both = kept.each("summary", "links")
    assert len(both) == 3 and [[(t.summary["title"], t.links[0][2], t.ids) for t in both] for _ in "ab"] == [
        [("0", 0, None), ("1", 1, None), ("2", 2, None)]] * 2


def test_kept_in_memory_the_texts_give_the_same_parts_back():
    from edition.model import PageIds, RenderedText
    from edition.spool import KeptTexts
    texts = [RenderedText(f"t{n}.html", b"", {"title": str(n)}, {"term": [n]}, {}, [("a.html", "x", n, "t")],
                          PageIds({f"p{n}"}), []) for n in range(3)]
    spooled, kept = KeptTexts(), KeptTexts(in_memory=True)
    for text in texts:
        spooled.append(text)
        kept.append(text)
    for name in [name for group in KeptTexts.PARTS for name in group]:
        assert [getattr(t, name) for t in kept.each(name)] == [getattr(t, name) for t in spooled.each(name)]
        assert [kept.part(n, name) for n in range(3)] == [spooled.part(n, name) for n in range(3)]
