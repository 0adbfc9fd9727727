"""The EPUB: EPUBCheck's and Ace's verdicts, what a reader finds in it, the same bytes every time,
and the `epub` command."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_files, text_file, write_project
from edition import cli
from epub_tools import ace, epubcheck

BOOK = "a-book-of-two-texts.epub"
SITE = "title: A book of two texts\ndescription: Two texts & their notes.\nlanguage: en\nepub: true\n"

TEXTS = {
    "content/texts/letter.md": text_file(
        "A letter", "The fee is low, she wrote. The fee was “relatively low” 😀 for them.\n\n"
        "## A heading with the fee\n\nSecond paragraph: 漢字 and e\u0301te\u0301, and the fee again.\n\n"
        "- an item with the fee\n- another\n",
        subtitle="On the fee", byline="A. Writer", publisher="The Paper", date="2024-05-06",
        source_url="https://example.org/letter", copyright="© The Paper"),
    "content/notes/letter.md": "## relatively low\nid: low\n\nSaid *twice*; see [the poem](song.html#l1) and "
                               "[the fee](glossary.html#fee).\n\n## the fee\noccurrence: 3\n\nThe third one.\n\n"
                               "## A heading with\n\nA note in a heading.\n",
    "content/texts/song.md": text_file("A song", "First line of the song\nsecond line\nthird line\n\n"
                                       "Hard\\\n&nbsp;&nbsp;broken\\\nlines\n\n"
                                       "Another verse\nits second line\n", form="verse", language="fr",
                                       date="2024-07-01"),
    "content/glossary.md": "## fee\n\nWhat is paid, per [the letter](letter.html#p1).\n",
    "content/pages/method.md": "---\ntitle: Sources and method\n---\nHow it was made.[^1]\n\n[^1]: A footnote.\n",
}


@pytest.fixture
def book(tmp_path):
    root = write_project(tmp_path / "proj", TEXTS, SITE)
    assert cli.main(["--root", str(root), "build"]) == 0
    return root / "_site" / BOOK


def documents(book) -> dict:
    with zipfile.ZipFile(book) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


def test_epubcheck_finds_no_error_and_no_warning(book):
    verdict = epubcheck(book)
    assert (verdict["fatal"], verdict["error"], verdict["warning"]) == (0, 0, 0), "\n".join(verdict["messages"])


def test_ace_finds_no_serious_or_critical_issue(book, tmp_path):
    found = ace(book, tmp_path / "ace")
    assert not [f for f in found if f[0] in ("serious", "critical")], found


def test_the_index_links_to_the_book_and_the_book_holds_every_text_in_order(book):
    index = (book.parent / "index.html").read_text(encoding="utf-8")
    assert f'href="{BOOK}"' in index
    files = documents(book)
    assert list(files)[0] == "mimetype" and files["mimetype"] == "application/epub+zip"
    opf = files["EPUB/content.opf"]
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    names = [re.search(rf'href="([^"]+)" id="{i}"', opf).group(1) for i in spine]
    assert names == ["index.xhtml", "letter.xhtml", "song.xhtml", "glossary.xhtml", "method.xhtml"]
    nav = files["EPUB/index.xhtml"]
    assert "<h1 id=\"book-title\">A book of two texts</h1>" in nav
    assert re.findall(r'<li><a href="([^"]+)">', nav) == names[1:]


def test_the_metadata_comes_from_the_front_matter(book):
    opf = documents(book)["EPUB/content.opf"]
    assert "<dc:title>A book of two texts</dc:title>" in opf
    assert "<dc:language>en</dc:language>" in opf and 'xml:lang="en"' in opf
    assert "<dc:description>Two texts &amp; their notes.</dc:description>" in opf
    assert "<dc:contributor>A. Writer</dc:contributor>" in opf and "<dc:source>https://example.org/letter</dc:source>" in opf
    # the latest date of the texts, not the clock
    assert '<meta property="dcterms:modified">2024-07-01T00:00:00Z</meta>' in opf


def test_notes_are_pop_up_footnotes_after_their_paragraph_with_a_way_back(book):
    letter = documents(book)["EPUB/letter.xhtml"]
    paragraph = letter.index('id="p1"')
    reference = letter.index('<a href="#note-low" epub:type="noteref" role="doc-noteref"', paragraph)
    footnote = letter.index('<aside class="note" epub:type="footnote" role="doc-footnote" id="note-low">')
    assert paragraph < reference < footnote < letter.index('id="p2"')
    assert '<a href="#ref-low" role="doc-backlink">Note 1</a>' in letter
    # links between the site's pages are links between the book's documents
    assert 'href="song.xhtml#l1"' in letter and 'href="glossary.xhtml#fee"' in letter
    assert ".html" not in re.sub(r'href="https?://[^"]*"', "", letter)
    # a note anchored in a heading follows the heading
    assert letter.index('id="note-a-heading-with"') > letter.index("<h2>")


def test_the_glossary_is_a_glossary_with_its_terms_linked_from_the_text(book):
    files = documents(book)
    glossary = files["EPUB/glossary.xhtml"]
    assert 'epub:type="glossary" role="doc-glossary"' in glossary
    assert '<dt id="fee"><dfn>fee</dfn>' in glossary and 'href="letter.xhtml#p1"' in glossary
    assert '<a class="term" href="glossary.xhtml#fee" data-term="fee">fee</a>' in files["EPUB/letter.xhtml"]


def test_verse_keeps_its_lines_and_a_text_its_language(book):
    files = documents(book)
    song = files["EPUB/song.xhtml"]
    assert 'lang="fr" xml:lang="fr"' in song and 'class="text verse"' in song
    # each line of verse its own line (a soft break or a hard one, as ingest writes verse), numbered on
    assert ('<span class="line" id="l1">First line of the song</span><br /><span class="line" id="l2">second line'
            '</span><br /><span class="line" id="l3">third line</span>') in song
    assert ('<span class="line" id="l4">Hard</span><br /><span class="line" id="l5"><a class="line-number" '
            'href="#l5" aria-label="Line 5">5</a>\u00a0\u00a0broken</span><br />') in song
    assert ".verse .block p:not(.pnum) { white-space: pre-line; }" in files["EPUB/epub.css"]


def test_the_reference_pages_and_the_provenance_are_in_the_book(book):
    files = documents(book)
    assert "How it was made." in files["EPUB/method.xhtml"] and 'id="fn1"' in files["EPUB/method.xhtml"]
    letter = files["EPUB/letter.xhtml"]
    assert "<dt>Source</dt><dd><a href=\"https://example.org/letter\">" in letter
    assert "<dt>Copyright notice as printed</dt><dd>© The Paper</dd>" in letter


def test_the_same_edition_gives_the_same_bytes(tmp_path):
    books = []
    for n in (1, 2):
        root = write_project(tmp_path / f"p{n}", TEXTS, SITE)
        assert cli.main(["--root", str(root), "build"]) == 0
        books.append((root / "_site" / BOOK).read_bytes())
    assert books[0] == books[1]
    with zipfile.ZipFile(tmp_path / "p1" / "_site" / BOOK) as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 7, 1, 0, 0, 0)}
        assert z.infolist()[0].compress_type == zipfile.ZIP_STORED


def test_control_characters_html_allows_become_replacement_characters(project):
    root = project({"content/texts/odd.md": text_file("Odd", "A bell \x07 rings.\n")}, SITE)
    _, files = build_files(root)
    with zipfile.ZipFile(io.BytesIO(files[BOOK])) as z:
        assert "A bell \ufffd rings." in z.read("EPUB/odd.xhtml").decode()


def test_no_book_unless_asked(project):
    root = project(TEXTS, SITE.replace("epub: true\n", ""))
    _, files = build_files(root)
    assert not [p for p in files if p.endswith(".epub")]
    assert ".epub" not in files["index.html"].decode()


def test_the_epub_command_writes_only_the_book(tmp_path, capsys):
    root = write_project(tmp_path / "proj", TEXTS, SITE.replace("epub: true\n", ""))
    target = tmp_path / "out" / "mine.epub"
    assert cli.main(["--root", str(root), "epub", "--output", str(target)]) == 0
    assert target.is_file() and not (root / "_site").exists()
    assert "wrote" in capsys.readouterr().out
    assert cli.main(["--root", str(root), "epub"]) == 0
    assert (root / BOOK).read_bytes() == target.read_bytes()


def test_the_epub_command_refuses_content_with_errors(tmp_path, capsys):
    root = write_project(tmp_path / "proj", {**TEXTS, "content/notes/letter.md": "## no such words\n\nA note.\n"}, SITE)
    assert cli.main(["--root", str(root), "epub"]) == 1
    err = capsys.readouterr().err
    assert "content/notes/letter.md:1: error: anchor “no such words” not found" in err
    assert "epub: no book was written" in err and not (root / BOOK).exists()


def test_a_wrong_epub_setting_is_one_clear_message(project):
    from edition.config import load_config
    root = project({}, SITE.replace("epub: true", "epub: maybe"))
    _, problems = load_config(root)
    assert [str(p) for p in problems] == ["site.yaml:4: error: `epub: maybe` is not allowed; write `epub: true` "
                                          "or `epub: false`"]


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def test_the_edition_s_images_go_into_the_book_and_its_other_files_are_linked_on_the_site(tmp_path):
    files = {"content/texts/pics.md": text_file("Pictures", "A picture: ![A red dot](media/dot.png) and "
                                                "![A moving dot](media/dot.webp), with [the report](media/report.pdf).\n")}
    root = write_project(tmp_path / "proj", files, SITE + "base_url: https://example.org/ed/\n")
    (root / "content/media").mkdir()
    (root / "content/media/dot.png").write_bytes(PNG)
    (root / "content/media/dot.webp").write_bytes(b"RIFF\x1a\x00\x00\x00WEBPVP8L\r\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
    (root / "content/media/report.pdf").write_bytes(b"%PDF-1.4\n")
    assert cli.main(["--root", str(root), "build"]) == 0
    book = root / "_site" / "a-book-of-two-texts.epub"
    verdict = epubcheck(book)
    assert (verdict["fatal"], verdict["error"], verdict["warning"]) == (0, 0, 0), "\n".join(verdict["messages"])
    contents = documents_bytes(book)
    assert contents["EPUB/media/dot.png"] == PNG and "EPUB/media/dot.webp" not in contents
    page = contents["EPUB/pics.xhtml"].decode()
    assert '<img src="media/dot.png" alt="A red dot"' in page
    assert '<span class="image-alt">A moving dot</span>' in page        # WebP is no EPUB 3.2 core type
    assert '<a href="https://example.org/ed/media/report.pdf">the report</a>' in page


def documents_bytes(book) -> dict:
    with zipfile.ZipFile(book) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_serve_previews_the_site_without_the_book(tmp_path):
    from edition.serve import Builder
    root = write_project(tmp_path / "proj", TEXTS, SITE)
    Builder(root, log=lambda line: None).rebuild()
    assert (root / "_site/letter.html").is_file() and not (root / "_site" / BOOK).exists()
    assert ".epub" not in (root / "_site/index.html").read_text(encoding="utf-8")


def test_a_document_packed_piece_by_piece_unpacks_to_the_document_packed_whole():
    from edition import epub
    pieces = ["<p>", "Caf\u00e9 \x07bell", "</p>"] * 5000 + ["\U0001F600", ""]
    assert epub.unpack(epub.pack_pieces(iter(pieces))) == epub.unpack(epub.pack("".join(pieces)))
    assert epub.unpack(epub.pack_pieces(iter([]))) == ""


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.sampled_from(['<img src="media/a b.png" alt="x"/>', '<a href="media/c.pdf">c</a>',
                                       '<img src="media/d\u00e9.svg" alt=""/>', "<p>", "</p>", "words ", "<", "\u00e9",
                                       ' src="media/', 'e.gif"', "&lt;"]), max_size=60),
       size=st.integers(1, 64))
def test_the_images_found_a_block_at_a_time_are_those_found_in_the_whole_document(parts, size):
    from edition import epub
    document = "".join(parts)
    whole = set(re.findall(r'\ssrc="(media/[^"<]+)"', document))     # an attribute ends where its tag does
    assert epub.images_in(epub.pack(document), size) == whole
    assert epub.images_in(epub.pack_pieces(iter(parts)), size) == whole


def test_an_image_whose_address_a_template_made_in_pieces_is_found(monkeypatch):
    """pack_pieces packs a template's pieces a few at a time; the image is found however its
    `media/` falls between them (images_in looks only in documents that hold it)."""
    from edition import epub
    parts = ["<p>", '<img src="', "m", "e", "d", "ia", "/", 'a.png" alt=""/>', "</p>"]
    for at_once in (1, 2, 3, 4):
        monkeypatch.setattr(epub, "PIECES", at_once)
        assert epub.images_in(epub.pack_pieces(iter(parts))) == {"media/a.png"}
    assert epub.images_in(epub.pack_pieces(iter(["<p>", "no images", "</p>"]))) == set()


def test_a_document_deflated_in_its_job_and_copied_into_the_zip_reads_back_as_the_document():
    from edition import epub
    documents = [("mimetype", b"application/epub+zip"), ("small.xhtml", "<p>a</p>".encode()),
                 ("large.xhtml", ("<p>Caf\u00e9 and more</p>" * 200_000).encode()), ("empty.xhtml", b"")]
    books = []
    for kind, packed in ((zipfile.ZIP_DEFLATED, False), (zipfile.ZIP_DEFLATED, True), (zipfile.ZIP_STORED, True)):
        out = io.BytesIO()      # a zip that stores its entries gets the documents unpacked
        with epub._FixedTimeZip(out, "w", kind) as book:
            for name, data in documents:
                book.writestr(name, epub.Deflated(epub.pack(data.decode())) if packed and name != "mimetype"
                              else data)
        books.append(out.getvalue())
    for made in books:
        with zipfile.ZipFile(io.BytesIO(made)) as book:
            assert book.testzip() is None       # every entry's CRC-32 is that of its bytes
            assert [book.read(name) for name, _ in documents] == [data for _, data in documents]
    assert len(books[2]) > len(books[1])


def test_the_book_copies_each_chapter_as_deflated_in_its_text_s_job(monkeypatch):
    """The speed shortcut: the zip deflates only the book's own files (container, package, NCX,
    stylesheet), never a chapter again (a thousand of them were a second and more at the end of
    the build, which waited for them alone)."""
    from edition import epub
    site = {"title": "T", "language": "en", "description": "", "base_url": ""}
    chapters = [(f"t{n}.xhtml", f"Text {n}", epub.pack(f"<html><body><p>Text {n} and its words</p></body></html>"))
                for n in range(30)]
    texts = [{"byline": "", "publisher": "", "source_url": "", "date": None}]
    deflated = []       # what the zip's own compressors are given

    class Counting:
        def __init__(self, real):
            self.real = real

        def compress(self, data):
            deflated.append(bytes(data))
            return self.real.compress(data)

        def flush(self):
            return self.real.flush()
    compressor = zipfile._get_compressor
    monkeypatch.setattr(zipfile, "_get_compressor", lambda *args: compressor(*args) and Counting(compressor(*args)))
    made = epub.make_book(site, [("index.xhtml", "Contents", epub.pack("<html/>")), *chapters], "", texts)
    assert any(b"<package" in data for data in deflated)        # the package file is the zip's to deflate
    assert not any(b"and its words" in data for data in deflated)
    with zipfile.ZipFile(io.BytesIO(made)) as book:
        assert book.testzip() is None
        assert book.read("EPUB/t7.xhtml") == b"<html><body><p>Text 7 and its words</p></body></html>"


def test_the_book_is_written_into_the_site_kept_while_unchanged_and_made_again_if_touched(tmp_path, monkeypatch):
    from edition import build
    root = write_project(tmp_path / "proj", TEXTS, SITE)
    assert cli.main(["--root", str(root), "build"]) == 0
    site = root / "_site"
    first = (site / BOOK).read_bytes()
    (site / "robots.txt").unlink()      # the output touched: a real build, where the book is reused
    made = build.make_book
    monkeypatch.setattr(build, "make_book", lambda *args: pytest.fail("the book was made again"))
    assert cli.main(["--root", str(root), "build"]) == 0
    assert (site / "robots.txt").is_file() and (site / BOOK).read_bytes() == first
    monkeypatch.setattr(build, "make_book", made)
    (site / BOOK).write_bytes(b"scribbled")     # the book touched by hand: made again, never trusted
    assert cli.main(["--root", str(root), "build"]) == 0
    assert (site / BOOK).read_bytes() == first
    assert cli.main(["--root", str(root), "check"]) == 0 and (site / BOOK).read_bytes() == first
