"""Annotations out: each text's notes as W3C Web Annotations (checked against the model's MUST
requirements), positions in code points of the reading text, and the Hypothes.is import file."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from annotation_model import annotation_problems, collection_problems
from conftest import build_files, text_file
from edition.annotate import annotate_text
from edition.glossary import TermMatcher
from edition.load import parse_notes
from edition.markdown import make_markdown
from edition.model import NotesFile, Text, TextMeta
from edition.webannotation import reading_text

BODY = ("The fee is low 😀, she wrote. The fee was “relatively low” for them.\n\n"
        "Second: 漢字 and 𠀋 and e\u0301te\u0301,\nand the fee again.\n")
NOTES = ("## relatively low\nid: low\n\nSaid *twice*; see [¶ 2](letter.html#p2).\n\n"
         "## fee\noccurrence: 3\n\nThe third one.\n\n## e\u0301te\u0301, and\n\nAccents.\n")
FILES = {"content/texts/letter.md": text_file("A letter", BODY, date="2024-05-06"),
         "content/notes/letter.md": NOTES, "content/glossary.md": "## fee\n\nWhat is paid.\n"}
BASE = "https://example.org/ed/"


def export(project, settings_yaml="", files=FILES):
    root = project(files, "title: T\nlanguage: en\n" + settings_yaml)
    result, built = build_files(root)
    assert result.problems == []
    return {path: json.loads(data) for path, data in built.items() if path.startswith("annotations/")}


def reading(body: str) -> str:
    """The documented reading text of a body: annotate's visible text, blocks joined by a newline."""
    return reading_text(annotate_text(Text("t", "t.md", TextMeta(title="t"), body, 1), [], TermMatcher([]),
                                      "none", make_markdown()).visible)


def test_every_note_is_an_annotation_the_model_accepts(project):
    doc = export(project)["annotations/letter.jsonld"]
    assert collection_problems(doc) == []
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == 3
    assert all(annotation_problems(dict(item, **{"@context": doc["@context"]})) == [] for item in items)


def test_a_note_has_its_html_and_its_markdown_and_its_place(project):
    low = export(project)["annotations/letter.jsonld"]["first"]["items"][0]
    assert low["id"] == "letter.jsonld#note-low" and low["motivation"] == "commenting"
    html, markdown = low["body"]["items"]
    assert (html["format"], markdown["format"]) == ("text/html", "text/markdown")
    assert html["value"] == '<p>Said <em>twice</em>; see <a href="../letter.html#p2">¶ 2</a>.</p>\n'
    assert markdown["value"] == "Said *twice*; see [¶ 2](letter.html#p2).\n"
    assert low["target"]["source"] == "../letter.html"      # relative to annotations/, without base_url
    quote, position = low["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "relatively low",
                     "prefix": " low 😀, she wrote. The fee was “", "suffix": "” for them."}
    assert len(quote["prefix"]) == 32       # code points: the emoji is one
    text = reading(BODY)
    assert text[position["start"]:position["end"]] == "relatively low"


def test_positions_count_code_points_not_utf16_units(project):
    items = export(project)["annotations/letter.jsonld"]["first"]["items"]
    text = reading(BODY)
    accents, fee = items[1], items[2]      # in reading order
    start = fee["target"]["selector"][1]["start"]
    # 😀 (one code point, two UTF-16 units) comes before the third "fee"; so do 𠀋 and the combining accents
    assert text[start:start + 3] == "fee" and start == text.rindex("fee")
    assert accents["target"]["selector"][0]["exact"] == "e\u0301te\u0301,\nand"
    assert text.index("e\u0301te\u0301") == accents["target"]["selector"][1]["start"]


def test_with_base_url_every_address_is_absolute_and_hypothesis_gets_its_file(project):
    files = export(project, f"base_url: {BASE}\n")
    doc = files["annotations/letter.jsonld"]
    assert doc["id"] == f"{BASE}annotations/letter.jsonld"
    low = doc["first"]["items"][0]
    assert low["target"]["source"] == f"{BASE}letter.html"
    assert f'href="{BASE}letter.html#p2"' in low["body"]["items"][0]["value"]
    hyp = files["annotations/letter.hypothesis.json"]
    assert isinstance(hyp["annotations"], list) and hyp["export_date"] == "2024-05-06T00:00:00.000Z"
    first = hyp["annotations"][0]
    assert first["uri"] == f"{BASE}letter.html" and first["target"][0]["source"] == first["uri"]
    assert first["text"] == f"Said *twice*; see [¶ 2]({BASE}letter.html#p2).\n"
    assert first["target"][0]["selector"] == [low["target"]["selector"][0]]   # the quote only: no UTF-16 guess


def test_no_hypothesis_file_without_a_public_address(project):
    assert sorted(export(project)) == ["annotations/letter.jsonld"]


def test_glossary_links_are_identifying_annotations_when_asked(project):
    items = export(project, "annotations: all\n")["annotations/letter.jsonld"]["first"]["items"]
    terms = [i for i in items if i["motivation"] == "identifying"]
    assert [t["body"] for t in terms] == ["../glossary.html#fee"]
    assert terms[0]["target"]["selector"][0]["exact"] == "fee"
    assert all(annotation_problems(dict(t, **{"@context": "http://www.w3.org/ns/anno.jsonld"})) == [] for t in terms)


def test_annotations_none_writes_no_file(project):
    assert export(project, "annotations: none\n") == {}


def test_a_text_without_notes_has_an_empty_collection(project):
    files = dict(FILES)
    del files["content/notes/letter.md"]
    doc = export(project, files=files)["annotations/letter.jsonld"]
    assert doc["total"] == 0 and "first" not in doc and collection_problems(doc) == []


# --- property: the position picks exactly the quoted words ----------------------------------

RARE = st.sampled_from(["😀", "👩\u200d👩\u200d👧", "🇫🇷", "𠀋", "𪚥", "漢字", "e\u0301", "n\u0303", "ﷺ", "a\u20dd", "ß", "İ"])
WORD = st.one_of(RARE, st.text(alphabet="abcdefghij", min_size=1, max_size=6))
PARAGRAPH = st.lists(st.lists(WORD, min_size=1, max_size=4).map("".join), min_size=3, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=3), st.data())
def test_exact_is_the_text_between_start_and_end(paragraphs, data):
    from edition.webannotation import collection
    body = "\n\n".join(paragraphs) + "\n"
    text = reading(body)
    # a note on a run of words of one paragraph, told apart by its occurrence
    paragraph = data.draw(st.sampled_from(paragraphs))
    words = paragraph.split()
    first = data.draw(st.integers(0, len(words) - 1))
    quote = " ".join(words[first:first + data.draw(st.integers(1, 3))])
    flat = text.replace("\n", " ")
    count = sum(1 for i in range(len(flat)) if flat.startswith(quote, i)
                and (i == 0 or flat[i - 1] == " ") and (i + len(quote) == len(flat) or flat[i + len(quote)] == " "))
    occurrence = f"occurrence: {data.draw(st.integers(1, max(1, count)))}\n" if count > 1 else ""
    notes = parse_notes(NotesFile("n.md", f"## {quote}\n{occurrence}\nA note.\n"), "t", [])
    annotated = annotate_text(Text("t", "t.md", TextMeta(title="t"), body, 1), notes, TermMatcher([]), "none",
                              make_markdown())
    doc = collection(annotated, {"base_url": "", "language": "en"}, "notes")
    for item in doc.get("first", {}).get("items", []):
        quote_selector, position = item["target"]["selector"]
        exact = quote_selector["exact"]
        assert text[position["start"]:position["end"]] == exact
        assert " ".join(exact.split()) == quote
        assert text[:position["start"]].endswith(quote_selector["prefix"])
        assert text[position["end"]:].startswith(quote_selector["suffix"])


def test_a_note_s_date_travels_as_temporal_coverage(project):
    files = dict(FILES, **{"content/notes/letter.md": "## relatively low\ndate: 2025-03\n\nA note.\n"})
    low = export(project, files=files)["annotations/letter.jsonld"]["first"]["items"][0]
    assert low["schema:temporalCoverage"] == "2025-03"


def test_a_text_reused_from_the_last_build_keeps_its_annotation_file(tmp_path, capsys):
    from conftest import write_project
    from edition import cli
    about = "content/pages/about.md"
    root = write_project(tmp_path / "p", dict(FILES, **{about: "---\ntitle: About\n---\nOne.\n"}))
    assert cli.main(["--root", str(root), "build"]) == 0
    written = root / "_site/annotations/letter.jsonld"
    first = written.read_bytes()
    for n, body in enumerate(("Two.", "Three."), 1):
        if n == 2:
            written.write_bytes(b"{}")      # touched by hand: made again, never trusted
        (root / about).write_text(f"---\ntitle: About\n---\n{body}\n", encoding="utf-8")
        capsys.readouterr()
        assert cli.main(["--root", str(root), "build"]) == 0
        assert written.read_bytes() == first
        assert (" 1 rendered" if n == 1 else " 2 rendered") in capsys.readouterr().out
