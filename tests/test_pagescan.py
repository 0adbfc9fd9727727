"""A page scanned as it passes to its file finds what the plain scans find in the whole page."""
import io

from hypothesis import given, settings, strategies as st

from edition.fonts import characters
from edition.linkcheck import duplicate_ids, ids_in
from edition.pagescan import PageScan

# pieces that make the scans' edge cases likely: ids cut anywhere (the cuts fall anywhere, inside a
# character too), unclosed values, characters of two, three and four bytes. A page is always UTF-8:
# the build encodes it.
PIECES = st.sampled_from([b'id="', b' id="', b'\nid="a"', b'"', b" ", b"\t", b"x", b"id", b"=", b'data-id="',
                          "é".encode(), "—".encode(), "𝔄".encode(), b"<p>", b"</p>",
                          b'<a id="term-1">', b'<a id="term-1">'])
PAGES = st.lists(PIECES, max_size=60).map(b"".join)


def scanned(page: bytes, cuts: list) -> tuple:
    out, scan = io.BytesIO(), PageScan()
    bounds = sorted({0, len(page), *(c % (len(page) + 1) for c in cuts)})

    def write(handle):
        for start, end in zip(bounds, bounds[1:]):
            handle.write(page[start:end])
    scan.writing(write)(out)
    return out.getvalue(), scan.finished()


@settings(max_examples=400, deadline=None)
@given(PAGES, st.lists(st.integers(min_value=0, max_value=10_000), max_size=12))
def test_a_page_in_blocks_gives_the_plain_scans_of_the_whole(page, cuts):
    written, (ids, twice, chars) = scanned(page, cuts)
    assert written == page
    assert ids == ids_in(page)
    assert twice == duplicate_ids(page)
    assert chars == characters(page)


def test_an_id_cut_between_two_blocks_is_found_once():
    page = '<h2 id="café">x</h2><p id="café">é</p>'.encode()
    for cut in range(len(page) + 1):
        _, (ids, twice, chars) = scanned(page, [cut])
        assert ids == {"café"} and twice == {"café"} and chars == "é", cut


def test_a_page_of_many_blocks_keeps_only_a_few_bytes_between_them():
    scan = PageScan()
    scan.writing(lambda handle: [handle.write(b'<p id="p%d">para</p>\n' % n) for n in range(10_000)])(io.BytesIO())
    assert all(len(s.carry) < 8 for s in scan._scans)
    ids, _, _ = scan.finished()
    assert len(ids) == 10_000 and "p9999" in ids
