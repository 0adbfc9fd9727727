"""The edition as one EPUB 3, for e-readers: made from the same annotated texts as the site.

Each text's chapter is rendered with the theme's `templates/epub/text.xhtml` in the text's own
job (in parallel, reused with the text), and carried deflated, as the zip holds it, to the end
of the build, where the book is put together: `index.xhtml` (the title page and the contents,
the EPUB's nav), the texts, `glossary.xhtml` and the reference pages, each made from a template
a theme may override.
ebooklib writes the container (OPF with Dublin Core, NCX for older readers, the zip).

XHTML: the site's markup comes from markdown-it with `xhtmlOut` (`<br />`), escapes only & < > ",
and links between the site's pages end in `.html`; in the book the same pages are `.xhtml`. The
notes become pop-up footnotes: each `<aside epub:type="footnote">` follows the block that refers
to it, whose reference carries `epub:type="noteref"`.

Deterministic: the zip's entries keep the order they were added in (mimetype first, as OCF
requires), every entry has the same time, the OPF's dcterms:modified is the latest date of
the texts (not the clock) and the identifier is derived from the edition's address or title.
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import struct
import uuid
import zipfile
import zlib

from markupsafe import Markup

XHTML = "application/xhtml+xml"
EPOCH = dt.datetime(1980, 1, 1)     # the earliest time a zip entry can hold
_PAGE_LINK = re.compile(r'(\shref=")([a-z0-9][a-z0-9-]*)\.html(#[^"]*)?"')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOTE_REF = 'role="doc-noteref"'
_MEDIA_SRC = re.compile(rb'\ssrc="(media/[^"<]+)"')     # inside one tag: see images_in
_MEDIA_LINK = re.compile(r'<a href="(media/[^"]*)"([^>]*)>(.*?)</a>', re.S)
# The image types every EPUB reading system must show (EPUB 3.2 core media types); another
# would need a fallback, so the book shows its alt text instead.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml"}
_IMAGE = re.compile(r'<img src="(media/[^"]+)" alt="([^"]*)"[^>]*?/>')


def file_name(slug: str) -> str:
    return f"{slug}.epub"


# --- the content documents ------------------------------------------------------------

def xhtml_links(html: str) -> str:
    """Links between the site's pages (`x.html`, `x.html#p3`) as links between the book's documents."""
    return _PAGE_LINK.sub(lambda m: f'{m.group(1)}{m.group(2)}.xhtml{m.group(3) or ""}"', html)


def as_xhtml(html: str, site: dict | None = None) -> Markup:
    """A fragment of the site's HTML, ready for an EPUB document: links to .xhtml, note
    references marked for pop-up footnotes, the edition's files as the book can hold them."""
    html = xhtml_links(html).replace(_NOTE_REF, f'epub:type="noteref" {_NOTE_REF}')
    if "media/" in html:
        html = book_media(html, (site or {}).get("base_url", ""))
    return Markup(html)


def book_media(html: str, base_url: str) -> str:
    """An image of a type the book cannot hold becomes its alt text; a link to a file of the
    edition (a PDF, say) leads to the published site, since a book may link only to its own
    pages, or is plain words without base_url."""
    html = _IMAGE.sub(lambda m: m.group(0) if _suffix(m.group(1)) in IMAGE_TYPES
                      else f'<span class="image-alt">{m.group(2)}</span>', html)
    return _MEDIA_LINK.sub(lambda m: f'<a href="{base_url}{m.group(1)}"{m.group(2)}>{m.group(3)}</a>' if base_url
                           else m.group(3), html)


def images_in(packed: bytes, size: int = 1 << 20) -> set:
    """The edition's images a packed document shows (`media/…`), looked for a block at a time:
    an attribute is inside one tag, so each block is read up to its last `<` and the rest is
    kept for the next. A document without `media/` anywhere is not even unpacked (pack says so)."""
    if not _HEAD.unpack_from(packed)[2]:
        return set()
    found, left = set(), b""
    for block in unpacked_blocks(packed, size):
        text = left + block
        cut = text.rfind(b"<")
        if cut == -1:
            left = text
            continue
        found.update(_MEDIA_SRC.findall(text[:cut]))
        left = text[cut:]
    found.update(_MEDIA_SRC.findall(left))
    return {path.decode("utf-8") for path in found}


def unpacked_blocks(packed: bytes, size: int = 1 << 20):
    """A packed document's bytes, unpacked at most `size` at a time (the book's glossary of
    10,000 texts is tens of megabytes of XHTML)."""
    unpacker, packed = zlib.decompressobj(-15), packed[_HEAD.size:]
    while packed:
        yield unpacker.decompress(packed, size)
        packed = unpacker.unconsumed_tail
    yield unpacker.flush()


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind("."):].lower() if "." in name else ""


def xml_safe(document: str) -> str:
    """XML 1.0 forbids most control characters, which HTML tolerates: shown as U+FFFD instead."""
    return _NOT_XML.sub("\ufffd", document)


def text_context(annotated, summary: dict, site: dict) -> dict:
    """What `epub/text.xhtml` receives: the text's header fields, its blocks and their notes."""
    text = dict(summary)
    for name, value in summary.items():
        if name.endswith("_html"):
            text[name] = as_xhtml(str(value), site)
    blocks = [dict(number=block.number, html=as_xhtml(block.html, site),
                   notes=[dict(id=n.note.id, number=n.number, quote=n.note.quote, paragraph=n.paragraph,
                               html=as_xhtml(n.html, site)) for n in block.notes])
              for block in annotated.blocks]
    language = annotated.text.meta.language or site["language"]
    return {"site": site, "text": text, "blocks": blocks, "language": language,
            "verse": annotated.text.meta.form == "verse"}


def pack(document: str) -> bytes:
    """The document as the book's zip holds it, deflated here, in the text's job (in parallel):
    the zip only copies the bytes (_FixedTimeZip.writestr). Deflated again in the book's own
    process, the chapters were the longest step the build took alone."""
    return pack_pieces([document])


# A packed document: the CRC-32 and the size the zip records, whether `media/` is in it (it may
# show the edition's images: images_in), then the deflate stream.
_HEAD = struct.Struct("<IQ?")
# zlib's level 4, the lowest that still tries a longer match at the next byte: half the time of
# its default, 6, for chapters 3 % larger
LEVEL = 4


PIECES = 4096      # a template's pieces packed at a time


def pack_pieces(pieces) -> bytes:
    """pack() of the document a template makes, a few thousand of its pieces at a time: the
    book's glossary of 10,000 texts, made whole, was hundreds of megabytes of pieces."""
    packer, packed, crc, size = zlib.compressobj(LEVEL, zlib.DEFLATED, -15), [], 0, 0
    media, tail = False, b""
    pieces = iter(pieces)
    while batch := list(itertools.islice(pieces, PIECES)):
        data = xml_safe("".join(batch)).encode("utf-8")
        crc, size = zlib.crc32(data, crc), size + len(data)
        media = media or b"media/" in tail + data      # tail: what may begin it in the batches before
        tail = (tail + data)[-5:]
        packed.append(packer.compress(data))
    packed.append(packer.flush())
    return _HEAD.pack(crc, size, media) + b"".join(packed)


def glossary_context(entries, site: dict) -> dict:
    terms = [dict(term, html=as_xhtml(term["html"], site), refs=BookRefs(term["refs"])) for term in entries]
    return {"site": site, "terms": terms, "language": site["language"]}


class BookRefs:
    """A term's back-references (pages.BackRefs) pointing into the book, each made as the
    template reaches it, as the site's glossary makes them (made at once, a glossary of
    10,000 texts is a hundred megabytes)."""

    def __init__(self, refs):
        self.refs = refs

    def __len__(self) -> int:
        return len(self.refs)

    def __iter__(self):
        for ref in self.refs:
            yield dict(title=ref.title, url=_xhtml_url(ref.url),
                       paragraphs=[dict(label=p.label, url=_xhtml_url(p.url)) for p in ref.paragraphs])


def page_context(page, body_html: str, site: dict) -> dict:
    return {"site": site, "title": page.meta.title, "body": as_xhtml(body_html, site),
            "language": page.meta.language or site["language"]}


def contents_context(site: dict, texts, has_glossary: bool, pages) -> dict:
    """The title page and contents: texts first, then the glossary and the reference pages."""
    items = [dict(title=t["title"], href=f"{t['slug']}.xhtml", kind="text", byline=t["byline"],
                  date=t["date"]) for t in texts]
    if has_glossary:
        items.append(dict(title="Glossary", href="glossary.xhtml", kind="glossary", byline="", date=None))
    items += [dict(title=p.meta.title, href=f"{p.slug}.xhtml", kind="page", byline="", date=None) for p in pages]
    return {"site": site, "items": items, "language": site["language"],
            "start": items[0]["href"] if items else "index.xhtml",
            "glossary": "glossary.xhtml" if has_glossary else ""}


def _xhtml_url(url: str) -> str:
    name, _, fragment = url.partition("#")
    return name.removesuffix(".html") + ".xhtml" + (f"#{fragment}" if fragment else "")


# --- the book -------------------------------------------------------------------------

def modified(texts) -> dt.datetime:
    """The book's dcterms:modified: the latest `date:` of its texts (midnight UTC), never the
    clock, so that the same edition always gives the same bytes."""
    dates = [t["date"].as_date() for t in texts if t.get("date")]      # model.PartialDate
    latest = max(dates, default=None)
    return dt.datetime(latest.year, latest.month, latest.day) if latest and latest.year >= 1980 else EPOCH


def identifier(site: dict) -> str:
    """A stable dc:identifier: a name-based UUID of the published address, or of the title."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site['base_url'] or 'edition:' + site['title'])}"


ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary", "Text only, with headings, a table of contents, numbered paragraphs, "
                                    "notes as footnotes linked both ways, and a glossary."),
)


def make_book(site: dict, documents, stylesheet: str, texts, media: dict | None = None, out=None):
    """The EPUB's bytes, or None when they are written into out (a binary file). documents: [(file name, title, pack(XHTML), or a function giving it)] in
    reading order, the contents (`index.xhtml`, the nav) first; texts: the summaries, for the metadata; media:
    {site path: file} of the edition's own files, of which the images the documents show go
    in. Each document is read back only as it goes into the zip: a thousand texts are never all
    in memory at once."""
    from ebooklib import epub     # loaded only for an edition that makes a book

    class Packed(epub.EpubItem):
        def get_content(self, default=None):
            return Deflated(_packed(self.content))     # only the zip reads it (_FixedTimeZip.writestr)

    book = epub.EpubBook()
    book.set_identifier(identifier(site))
    book.set_title(site["title"])
    book.set_language(site["language"])
    if site["description"]:
        book.add_metadata("DC", "description", " ".join(site["description"].split()))
    when = modified(texts)
    if when != EPOCH:
        book.add_metadata("DC", "date", when.date().isoformat())
    for text in texts:
        for name in dict.fromkeys(n for n in (text["byline"], text["publisher"]) if n):
            book.add_metadata("DC", "contributor", name)
        if text["source_url"]:
            book.add_metadata("DC", "source", text["source_url"])
    for prop, value in ACCESSIBILITY:
        book.add_metadata(None, "meta", value, {"property": prop})
    style = epub.EpubItem(uid="style", file_name="epub.css", media_type="text/css",
                          content=stylesheet.encode("utf-8"))
    book.add_item(style)
    shown = set().union(*(images_in(_packed(packed)) for _, _, packed in documents))
    for number, path in enumerate(sorted(p for p in shown if p in (media or {}))):
        book.add_item(epub.EpubItem(uid=f"img{number}", file_name=path, media_type=IMAGE_TYPES[_suffix(path)],
                                    content=media[path].read_bytes()))
    spine = []
    for number, (name, title, packed) in enumerate(documents):
        item = Packed(uid=f"doc{number}", file_name=name, media_type=XHTML, content=packed)
        if name == "index.xhtml":
            item.properties = ["nav"]
        book.add_item(item)
        spine.append(item)
        if name != "index.xhtml":
            book.toc.append(epub.Link(name, title, f"nav{number}"))
    book.add_item(epub.EpubNcx())      # the contents for EPUB 2 reading systems
    book.spine = spine
    if out is not None:
        _write(out, book, when)
        return None
    out = io.BytesIO()
    _write(out, book, when)
    return out.getvalue()


def make_book_into(number: int, *book) -> None:
    """make_book(*book) into the open file numbered `number` (of the process that asked), from
    its start: what parallel.meanwhile runs, or the build itself when that process failed."""
    os.ftruncate(number, 0)
    os.lseek(number, 0, os.SEEK_SET)
    with open(number, "wb", closefd=False) as out:
        make_book(*book, out=out)


def _packed(packed) -> bytes:
    return packed() if callable(packed) else packed


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed[_HEAD.size:], -15).decode("utf-8")


class Deflated:
    """A packed document as ebooklib hands it to the zip, which copies its deflated bytes."""

    def __init__(self, packed: bytes):
        self.packed = packed


class _AsIs:
    """An entry's compressor for bytes deflated already."""

    def compress(self, data: bytes) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry one time and the same permissions, whatever the clock."""

    date_time = EPOCH.timetuple()[:6]

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            info = zipfile.ZipInfo(name, date_time=self.date_time)
            info.compress_type = self.compression if compress_type is None else compress_type
            info.external_attr = 0o644 << 16
            name = info
        if not isinstance(data, Deflated):
            return super().writestr(name, data, compress_type, compresslevel)
        crc, size, _ = _HEAD.unpack_from(data.packed)
        with self.open(name, mode="w", force_zip64=size > zipfile.ZIP64_LIMIT) as entry:
            # the deflated bytes copied, and the entry given the CRC and size of what they
            # inflate to: zipfile has no call for that, so its entry's own fields are set (the
            # same since Python 3.6); where they are not there, or the entry is not deflated,
            # the document is unpacked and written the plain way
            copies = (name.compress_type == zipfile.ZIP_DEFLATED
                      and all(hasattr(entry, field) for field in ("_compressor", "_crc", "_file_size")))
            if not copies:
                for block in unpacked_blocks(data.packed):
                    entry.write(block)
                return
            entry._compressor = _AsIs()
            entry.write(memoryview(data.packed)[_HEAD.size:])
            entry._crc, entry._file_size = crc, size


def _write(out, book, when: dt.datetime) -> None:
    from ebooklib import epub

    class Writer(epub.EpubWriter):
        """ebooklib's writer, with the book's date for dcterms:modified and a zip of fixed times."""

        def _write_opf_file(self, root):
            # the package's language, which ebooklib leaves out (EPUB Accessibility asks for it)
            root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
            super()._write_opf_file(root)

        def write(self):
            self.out = _FixedTimeZip(self.file_name, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
            self.out.date_time = when.timetuple()[:6]
            self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            self._write_container()
            self._write_opf()
            self._write_items()
            self.out.close()

    Writer(out, book, {"mtime": when, "epub2_guide": False, "epub3_landmark": False, "epub3_pages": False}).write()
