"""Annotations in: `import-annotations FILE SLUG` appends notes anchored exactly, lists the rest
with the nearest words, and never touches what the notes file already holds."""
from __future__ import annotations

import json
import os
import re

import pytest

from conftest import build_files, text_file, write_project
from edition import cli

BODY = ("The fee is low, she wrote. The fee was “relatively low” 😀 for them.\n\n"
        "Second paragraph: 漢字 and e\u0301te\u0301, and the fee again, the fee.\n")
NOTES = ("## relatively low\nid: low\n\nSaid *twice*; see [¶ 2](letter.html#p2).\n\n"
         "## the fee\noccurrence: 2\n\nThe second one.\n\n"
         "## fee\nbefore: The\nafter: was\n\nThe one that was.\n\n"
         "## e\u0301te\u0301\ndate: 2024-05\n\nAccents.\n")
TEXT = {"content/texts/letter.md": text_file("A letter", BODY, date="2024-05-06"),
        "content/glossary.md": "## fee\n\nWhat is paid.\n"}
SITE = "title: T\nlanguage: en\nbase_url: https://example.org/ed/\n"
PAGE = "letter.html"


def built(root):
    result, files = build_files(root)
    assert [p for p in result.problems if p.severity == "error"] == []
    return files


@pytest.fixture
def exported(tmp_path):
    """The fixture edition, built with its notes: (its files, the folder its export files are in)."""
    files = built(write_project(tmp_path / "original", {**TEXT, "content/notes/letter.md": NOTES}, SITE))
    out = tmp_path / "export"
    out.mkdir()
    for path, data in files.items():
        if path.startswith("annotations/"):
            (out / path.split("/")[-1]).write_bytes(data)
    return files, out


def fresh(tmp_path, notes=None):
    files = dict(TEXT)
    if notes is not None:
        files["content/notes/letter.md"] = notes
    return write_project(tmp_path / "fresh", files, SITE)


def run(root, file, slug="letter"):
    return cli.main(["--root", str(root), "import-annotations", str(file), slug])


def test_round_trip_through_web_annotations_gives_the_same_page(exported, tmp_path, capsys):
    original, out = exported
    root = fresh(tmp_path)
    assert run(root, out / "letter.jsonld") == 0
    assert capsys.readouterr().out.count("added a note on") == 4
    # ids come back from the annotations' own (…#note-ID), so the page is the same byte for byte
    assert built(root)[PAGE] == original[PAGE]
    notes = (root / "content/notes/letter.md").read_text(encoding="utf-8")
    assert "## the fee\nbefore: again,\n\nThe second one.\n" in notes     # the fewest words that pick it
    assert "## e\u0301te\u0301\ndate: 2024-05\n\nAccents.\n" in notes          # the note's date comes back


def test_round_trip_through_hypothesis_gives_the_same_notes_on_the_same_words(exported, tmp_path):
    original, out = exported
    root = fresh(tmp_path)
    assert run(root, out / "letter.hypothesis.json") == 0
    page = built(root)[PAGE].decode()
    before = original[PAGE].decode()
    # Hypothes.is keeps no note ids: they are made again from the quotes (links made absolute
    # for Hypothes.is are made relative again, from base_url)
    def comparable(html):
        return re.sub(r'="(#?)(ref-|note-|sn-)?[a-z0-9-]*(-2)?"', r'="\1\2"', html)
    assert page != before and comparable(page) == comparable(before)
    assert page.count('class="anchor"') == before.count('class="anchor"') == 4


def test_notes_already_there_are_skipped_and_the_file_only_grows(exported, tmp_path, capsys):
    _, out = exported
    first = "## relatively low\nid: low\n\nSaid *twice*; see [¶ 2](letter.html#p2).\n"
    root = fresh(tmp_path, first)
    assert run(root, out / "letter.jsonld") == 0
    captured = capsys.readouterr()
    assert f"{out / 'letter.jsonld'}" in captured.err and "is already a note (content/notes/letter.md:1); skipped" in captured.err
    notes = (root / "content/notes/letter.md").read_text(encoding="utf-8")
    assert notes.startswith(first + "\n## ") and notes.count("## ") == 4
    assert "content/notes/letter.md:6: added a note on “fee”" in captured.out


def w3c(tmp_path, *annotations, name="in.jsonld"):
    path = tmp_path / name
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "x", "type": "AnnotationCollection",
                                "total": len(annotations),
                                "first": {"id": "x#1", "type": "AnnotationPage", "items": list(annotations)}},
                               ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def note(exact, text="A note.", prefix=None, suffix=None, position=None, fmt="text/markdown"):
    selectors = [dict({"type": "TextQuoteSelector", "exact": exact},
                      **({"prefix": prefix} if prefix is not None else {}), **({"suffix": suffix} if suffix is not None else {}))]
    if position:
        selectors.append({"type": "TextPositionSelector", "start": position[0], "end": position[1]})
    return {"id": "x#a", "type": "Annotation", "body": {"type": "TextualBody", "value": text, "format": fmt},
            "target": {"source": "https://elsewhere.example/letter", "selector": selectors}}


def test_what_cannot_be_anchored_exactly_is_listed_with_the_nearest_words(tmp_path, capsys):
    root = fresh(tmp_path)
    path = w3c(tmp_path, note("relatively lo w"), note("the fee"), note("fee", prefix="nothing like it "),
               note("them.\n\nSecond"))
    assert run(root, path) == 1
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if '"exact": "relatively lo w"' in text)
    assert (f"{path}:{line}: error: annotation 1 (“relatively lo w”) is not found in content/texts/letter.md; the "
            "nearest words are ““relatively low”” (¶ 1); not imported") in err
    assert ("annotation 2 (“the fee”) occurs 2 times in content/texts/letter.md (¶ 2, ¶ 2) and its prefix and "
            "suffix fit 2 of them (¶ 2, ¶ 2); add the note by hand with `occurrence: N` for the one it means; "
            "not imported") in err
    assert "annotation 3 (“fee”) occurs 4 times" in err and "fit none of them" in err
    assert "annotation 4 (“them. Second”) spans two paragraphs in content/texts/letter.md" in err
    assert "import-annotations: no note was added" in err
    assert not (root / "content/notes/letter.md").exists()


def test_prefix_suffix_or_position_pick_the_place_and_the_note_says_how(tmp_path, capsys):
    root = fresh(tmp_path)
    text = BODY.replace("\n\n", "\n")       # the reading text: blocks joined by one newline
    second = text.index("the fee", text.index("the fee") + 1)
    path = w3c(tmp_path, note("fee", prefix="The ", suffix=" is low"), note("the fee", "Last.", suffix="."),
               note("the fee", "By position.", position=(text.index("the fee"), text.index("the fee") + 7)),
               note("the fee", "Taken.", position=(second, second + 7)))
    assert run(root, path) == 1     # the last overlaps the second
    notes = (root / "content/notes/letter.md").read_text(encoding="utf-8")
    assert "## fee\nafter: is\n\nA note.\n" in notes
    assert "## the fee\nbefore: again,\n\nLast.\n" in notes
    assert "## the fee\nid: the-fee-2\nbefore: and\n\nBy position.\n" in notes
    assert "overlaps the note on “the fee” (content/notes/letter.md:6); not imported" in capsys.readouterr().err
    assert len(built(root)[PAGE].decode().split('class="anchor"')) == 4


def test_bodies_plain_text_is_kept_plain_and_html_only_or_no_text_is_refused(tmp_path, capsys):
    root = fresh(tmp_path)
    path = w3c(tmp_path, note("relatively low", "a *b* [c]", fmt="text/plain"),
               note("漢字", "<p>x</p>", fmt="text/html"),
               {"id": "x#t", "type": "Annotation", "motivation": "identifying", "body": "https://example.org/g#fee",
                "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "fee"}}},
               {"id": "x#p", "type": "Annotation", "bodyValue": "On the whole page.", "target": "https://example.org/p"})
    assert run(root, path) == 1
    err = capsys.readouterr().err
    assert "## relatively low\n\na \\*b\\* \\[c\\]\n" in (root / "content/notes/letter.md").read_text(encoding="utf-8")
    assert "annotation 2 (“漢字”) has only an HTML body, and the edition's notes are Markdown" in err
    assert "annotation 3 (“fee”) has no text to make a note of (identifying: a link or a tag" in err
    assert "annotation 4 selects no words (it has no TextQuoteSelector: a note on the whole page?)" in err


def test_a_heading_line_in_a_body_would_start_a_new_note_and_is_refused(tmp_path, capsys):
    root = fresh(tmp_path)
    assert run(root, w3c(tmp_path, note("relatively low", "One.\n\n## Two\n\nThree."))) == 1
    assert "its text would not read back as one note; not imported" in capsys.readouterr().err


def test_hypothesis_replies_and_page_notes_are_listed(tmp_path, capsys):
    root = fresh(tmp_path)
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"annotations": [
        {"uri": "u", "text": "A reply", "references": ["abc"], "target": [{"source": "u"}]},
        {"uri": "u", "text": "Page note", "target": [{"source": "u"}]},
        {"uri": "u", "text": "Good", "target": [{"source": "u", "selector": [
            {"type": "TextQuoteSelector", "exact": "relatively low", "prefix": "x", "suffix": "y"},
            {"type": "TextPositionSelector", "start": 0, "end": 3}]}]}]}), encoding="utf-8")
    assert run(root, path) == 1
    err = capsys.readouterr().err
    assert "annotation 1 is a reply to another annotation; not imported" in err
    assert "annotation 2 selects no words" in err
    assert "## relatively low\n\nGood\n" in (root / "content/notes/letter.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("content, message", [
    ("{not json", ":1: error: is not valid JSON (Expecting property name enclosed in double quotes); export the "
                  "annotations again"),
    ('{"hello": 1}', ":1: error: is neither W3C Web Annotations (an AnnotationCollection, AnnotationPage or "
                     "Annotation) nor a Hypothes.is export (with an `annotations` list)"),
])
def test_a_file_that_is_not_annotations_is_one_message(tmp_path, capsys, content, message):
    root = fresh(tmp_path)
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert run(root, path) == 1
    err = capsys.readouterr().err
    assert f"{path}{message}" in err and "Traceback" not in err


def test_the_slug_must_name_a_text_and_the_notes_file_stay_in_content_notes(tmp_path, capsys):
    root = fresh(tmp_path)
    path = w3c(tmp_path, note("relatively low"))
    assert run(root, path, "nope") == 1
    assert "content/texts/nope.md: error: no text `nope`; use one of: letter" in capsys.readouterr().err
    assert run(root, path, "../letter") == 1
    assert "content/texts: error: no text `../letter`; use one of: letter" in capsys.readouterr().err
    outside = tmp_path / "outside.md"
    outside.write_text("", encoding="utf-8")
    (root / "content/notes").mkdir(parents=True)
    os.symlink(outside, root / "content/notes/letter.md")
    assert run(root, path) == 1
    assert ("content/notes/letter.md: error: is not a file inside content/notes/ (a link or a folder)"
            in capsys.readouterr().err)
    assert outside.read_text(encoding="utf-8") == ""
