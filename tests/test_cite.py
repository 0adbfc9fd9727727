"""Citations (edition/cite.py): each text's CSL-JSON, BibTeX and RIS downloads, read back by real
parsers (citeproc-py with a vendored CSL style, bibtexparser, rispy), and the page-head metadata."""
from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest

from conftest import REPO, build_files, text_file
from edition.cite import citation, people

STYLE = REPO / "tests" / "fixtures" / "csl" / "modern-language-association.csl"
SITE_YAML = ("title: The Northport bridge\nlanguage: en\noutput: _site\n"
             "base_url: https://example.org/northport\neditor: Jo Editor and Sam Reviser\n")
TEXT = text_file("Harbour bridge reopens & tolls rise 5% {again}", "The bridge reopened.\n\nTolls rose.\n",
                 byline="By Ada Marsh and Ben Hale", publisher="The Northport Courier", date="2025-03-02",
                 source_url="https://example.org/courier/bridge")
STATEMENT = text_file("Statement", "The board is pleased.\n", byline="U.S. Department of State")


@pytest.fixture
def built(project):
    root = project({"content/texts/bridge.md": TEXT, "content/texts/statement.md": STATEMENT}, SITE_YAML)
    return build_files(root)[1]


def test_names_in_a_byline_are_read_as_people_or_kept_whole():
    assert people("By Ada Marsh and Ben Hale") == [{"given": "Ada", "family": "Marsh"},
                                                    {"given": "Ben", "family": "Hale"}]
    assert people("Marco Rubio, Secretary of State") == [{"given": "Marco", "family": "Rubio"}]
    assert people("Ludwig van Beethoven") == [{"given": "Ludwig van", "family": "Beethoven"}]
    assert people("U.S. Department of State") == [{"literal": "U.S. Department of State"}]
    assert people("The Editors") == [{"literal": "The Editors"}] and people("") == []


def test_the_formatted_citation_names_the_text_in_the_edition():
    summary = {"slug": "bridge", "title": "Harbour bridge reopens", "byline": "Ada Marsh", "language": "",
               "publisher": "The Northport Courier", "date": dt.date(2025, 3, 2), "source_url": ""}
    site = {"title": "The Northport bridge", "base_url": "https://example.org/n/", "language": "en"}
    cited = citation(summary, site, "Jo Editor", "bridge.html", {"date_day": "d MMMM y"})
    assert cited["text"] == ("Ada Marsh. “Harbour bridge reopens.” In The Northport bridge, edited by Jo Editor. "
                             "The Northport Courier, 2 March 2025. https://example.org/n/bridge.html.")
    assert "In <i>The Northport bridge</i>, edited by" in cited["html"]
    assert cited["short"] == "Ada Marsh, “Harbour bridge reopens”"
    assert "March 2, 2025" in citation(summary, site, "", "bridge.html")["text"]     # CLDR's English
    french = citation(summary, dict(site, language="fr"), "Jo Editor", "bridge.html")
    assert "Dans The Northport bridge, édité par Jo Editor" in french["text"] and "2 mars 2025" in french["text"]
    own = citation(dict(summary, editor="Kim Other", first_published=dt.date(1863, 11, 19)), site, "Jo Editor",
                   "bridge.html")
    assert "edited by Kim Other" in own["text"]         # the text's own editor before the edition's
    assert own["item"]["original-date"] == {"date-parts": [[1863, 11, 19]]}
    without = citation(summary, dict(site, base_url=""), "", "bridge.html")
    assert without["url"] == "" and "http" not in without["text"] and "edited by" not in without["text"]


def test_every_csl_json_item_renders_with_citeproc(built):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    items = [item for path, data in built.items() if path.startswith("cite/") and path.endswith(".json")
             for item in json.loads(data)]
    assert {item["id"] for item in items} == {"bridge", "statement"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # a field citeproc-py does not know would warn
        bibliography = CitationStylesBibliography(CitationStylesStyle(str(STYLE), validate=False),
                                                  CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    bridge = next(r for r in rendered if "Marsh" in r)
    for words in ("Marsh, A.", "B. Hale", "Harbour Bridge Reopens", "The Northport Bridge", "Editor", "2025",
                  "https://example.org/northport/bridge.html"):
        assert words in bridge, (words, bridge)
    assert any("U.S. Department of State" in r for r in rendered)


def test_bibtex_reads_back_with_bibtexparser(built):
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware
    library = bibtexparser.parse_string(built["cite/bridge.bib"].decode("utf-8"),
                                        append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entry, = library.entries
    assert entry.entry_type == "incollection" and entry.key == "bridge"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["title"] == "Harbour bridge reopens & tolls rise 5% {again}"
    assert fields["author"] == "Marsh, Ada and Hale, Ben"
    assert fields["editor"] == "Editor, Jo and Reviser, Sam"
    assert fields["booktitle"] == "The Northport bridge" and fields["year"] == "2025"
    assert fields["url"] == "https://example.org/northport/bridge.html"
    statement, = bibtexparser.parse_string(built["cite/statement.bib"].decode("utf-8")).entries
    assert statement.fields_dict["author"].value == "{U.S. Department of State}"   # a body, kept whole


def test_ris_reads_back_with_rispy(built):
    import rispy
    entry, = rispy.loads(built["cite/bridge.ris"].decode("utf-8"))
    assert entry["type_of_reference"] == "CHAP"
    assert entry["title"] == "Harbour bridge reopens & tolls rise 5% {again}"
    assert entry["authors"] == ["Marsh, Ada", "Hale, Ben"]
    assert entry["secondary_title"] == "The Northport bridge"
    assert entry["secondary_authors"] == ["Editor, Jo", "Reviser, Sam"]
    assert entry["publisher"] == "The Northport Courier" and entry["year"] == "2025"
    assert entry["urls"] == ["https://example.org/northport/bridge.html"]


def test_the_head_metadata_is_what_reference_managers_read():
    summary = {"slug": "bridge", "title": "T", "byline": "Ada Marsh", "publisher": "P", "language": "",
               "date": dt.date(2025, 3, 2), "source_url": "https://example.org/s"}
    site = {"title": "E", "base_url": "https://example.org/n/", "language": "en"}
    meta = citation(summary, site, "Jo Editor", "bridge.html")["meta"]
    assert meta[:4] == [("citation_title", "T"), ("citation_author", "Marsh, Ada"),
                        ("citation_publication_date", "2025/03/02"), ("citation_publisher", "P")]
    names = dict(meta)
    assert names["citation_inbook_title"] == "E" and names["citation_editor"] == "Editor, Jo"
    assert names["citation_public_url"] == names["DC.identifier"] == "https://example.org/n/bridge.html"
    assert names["DC.date"] == "2025-03-02" and names["DC.source"] == "https://example.org/s"
    assert names["DC.relation.isPartOf"] == "E" and names["DC.language"] == "en"


def test_a_date_known_to_the_year_or_month_is_cited_as_far_as_it_is_known():
    from edition.cite import bibtex, ris
    from edition.model import PartialDate
    summary = {"slug": "poem", "title": "A poem", "byline": "", "publisher": "", "language": "", "source_url": "",
               "date": PartialDate(1863, 11), "first_published": PartialDate(1916)}
    cited = citation(summary, {"title": "E", "base_url": "", "language": "en"}, "", "poem.html")
    assert cited["item"]["issued"] == {"date-parts": [[1863, 11]]}
    assert cited["item"]["original-date"] == {"date-parts": [[1916]]} and "November 1863" in cited["text"]
    assert "year = {1863},\n  month = {11},\n  date = {1863-11}" in bibtex(cited["item"])
    assert "DA  - 1863/11//\n" in ris(cited["item"]) and ("DC.date", "1863-11") in cited["meta"]


def test_the_page_head_carries_the_metadata_a_citation_reader_takes(built):
    # A Highwire/Dublin Core reader, as Zotero's Embedded Metadata reads a page: every <meta name>
    # of the head, repeated names (authors) kept in order.
    from html.parser import HTMLParser

    class Head(HTMLParser):
        def __init__(self):
            super().__init__()
            self.meta, self.links = {}, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and "name" in attrs:
                self.meta.setdefault(attrs["name"], []).append(attrs["content"])
            if tag == "a" and "download" in attrs:
                self.links.append(attrs["href"])
    head = Head()
    head.feed(built["bridge.html"].decode("utf-8"))
    meta = head.meta
    assert meta["citation_title"] == ["Harbour bridge reopens & tolls rise 5% {again}"]
    assert meta["citation_author"] == ["Marsh, Ada", "Hale, Ben"]
    assert meta["citation_publication_date"] == ["2025/03/02"] and meta["DC.date"] == ["2025-03-02"]
    assert meta["citation_publisher"] == ["The Northport Courier"]
    assert meta["citation_inbook_title"] == ["The Northport bridge"]
    assert meta["citation_editor"] == ["Editor, Jo", "Reviser, Sam"]
    assert meta["citation_public_url"] == ["https://example.org/northport/bridge.html"]
    assert meta["DC.creator"] == ["Marsh, Ada", "Hale, Ben"] and meta["DC.source"] == ["https://example.org/courier/bridge"]
    # the "Cite this text" block: the citation as text, and its three downloads, which exist
    page = built["bridge.html"].decode("utf-8")
    assert ("Ada Marsh and Ben Hale. “Harbour bridge reopens &amp; tolls rise 5% {again}.” In <i>The Northport "
            "bridge</i>, edited by Jo Editor and Sam Reviser. The Northport Courier, 2 March 2025. "
            "https://example.org/northport/bridge.html.") in page
    assert head.links == ["cite/bridge.json", "cite/bridge.bib", "cite/bridge.ris"]
    assert all(link in built for link in head.links)
