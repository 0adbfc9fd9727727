"""timeline.py: every dated note of every text in order, each text's own date marked."""
from __future__ import annotations

import html
import re

from conftest import build_files, text_file
from edition.cli import main

FILES = {
    "content/texts/report.md": text_file("The report", "The bridge closed after the storm. It reopened in March.\n",
                                         date="2025-03-03"),
    "content/texts/statement.md": text_file("The statement", "The board thanks the crews.\n", date="2025-03-04"),
    "content/notes/report.md": ("## the storm\ndate: 2023-11\n\nThe storm of November 2023.\n\nSource: [Met](https://example.org/m)\n\n"
                                "## It reopened in March\ndate: 2025-03-02\n\nThe ribbon was cut on Sunday.\n\n"
                                "Source: [Courier](https://example.org/c)\n\n"
                                "## The bridge closed\n\nNo date on this one.\n\nSource: [Courier](https://example.org/c)\n"),
    "content/notes/statement.md": "## thanks the crews\ndate: 2026\n\nThe crews were thanked again in 2026.\n\n"
                                  "Source: [Board](https://example.org/b)\n",
}


def events(page: bytes) -> list:
    items = re.findall(r'<li class="event( published)?">(.*?)</li>', page.decode(), re.S)
    return [(bool(published), " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()))
            for published, body in items]


def test_the_timeline_lists_dated_notes_and_publications_in_order(project):
    result, files = build_files(project(FILES))
    assert [p for p in result.problems if p.severity == "error"] == []
    assert events(files["timeline.html"]) == [
        (False, "November 2023 the storm (The report) The storm of November 2023."),
        (False, "2 March 2025 It reopened in March (The report) The ribbon was cut on Sunday."),
        (True, "3 March 2025 The report is published"),
        (True, "4 March 2025 The statement is published"),
        (False, "2026 thanks the crews (The statement) The crews were thanked again in 2026."),
    ]
    timeline = files["timeline.html"].decode()
    assert 'href="report.html#note-it-reopened-in-march"' in timeline and 'href="statement.html"' in timeline
    assert 'href="timeline.html"' in files["index.html"].decode()     # in the navigation of every page


def test_an_edition_without_dated_notes_has_no_timeline(project):
    files = {name: re.sub(r"date: \S+\n", "", text) for name, text in FILES.items() if "notes" in name}
    _, built = build_files(project({**FILES, **files}))
    assert "timeline.html" not in built and 'href="timeline.html"' not in built["index.html"].decode()


def test_a_note_date_that_is_no_date_is_an_error_with_the_forms_it_may_take(project, capsys):
    root = project({**FILES, "content/notes/statement.md": "## thanks the crews\ndate: spring 2026\n\nX.\n"})
    assert main(["--root", str(root), "check"]) == 1
    assert ("content/notes/statement.md:2: error: `date: spring 2026` is not a date; write the year, the year and "
            "month or the full date (1916, 1863-11 or 1863-11-19), or remove the line") in capsys.readouterr().err


def test_check_warns_of_a_note_over_the_edition_s_limit_and_of_a_source_that_links_nowhere(project, capsys):
    long_note = "## thanks the crews\n\n" + "word " * 30 + "\n\nSource: the board's letter\n"
    root = project({**FILES, "content/notes/statement.md": long_note},
                   site_yaml="title: Test\nnote_word_limit: 25\n")
    assert main(["--root", str(root), "check"]) == 0
    err = capsys.readouterr().err
    assert ("content/notes/statement.md:1: warning: note on “thanks the crews” has 34 words, more than the 25 "
            "site.yaml's note_word_limit allows; say what the reader needs at that word, and move background to "
            "the glossary") in err
    assert ("content/notes/statement.md:5: warning: the source line links to nothing, so a reader cannot look it "
            "up; link the page read: Source: [Title](https://…)") in err


def test_whether_any_note_is_dated_is_told_by_a_date_line_alone():
    from edition.model import NotesFile
    from edition.timeline import has_dates

    def notes(*sources):
        return [NotesFile(f"content/notes/{i}.md", s) for i, s in enumerate(sources)]
    assert not has_dates(notes("## a\n\nAn update: the bridge.\n", "## b\nsource-date: none\n\nText.\n"))
    assert not has_dates(notes("## a\ndate:\n\nNo value yet.\n"))
    assert has_dates(notes("## a\n\nText.\n", "## b\ndate: 1916-03\n\nText.\n"))
