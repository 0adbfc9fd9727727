"""timeline.py: every dated note of every text in order, each text's own date marked."""
from __future__ import annotations

import html
import re
from types import SimpleNamespace

from conftest import build_files, text_file
from hypothesis import given, settings
from hypothesis import strategies as st

from edition import timeline
from edition.cli import main
from edition.model import PartialDate

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


# --- timeline.events made as the page reaches them, against the plain way ------------------

def _plain_events(rendered) -> list:
    """Every event as a dict, all at once, sorted by a key (a stable sort): the plain way."""
    found = []
    for r in rendered:
        title, url = r.summary["title"], r.path
        if r.summary.get("date"):
            found.append(dict(kind="published", date=r.summary["date"], iso=str(r.summary["date"]), title=title,
                              title_html=r.summary.get("title_html", title), url=url, lemma="", summary="",
                              lang_attrs=r.summary.get("lang_attrs", "")))
        for iso, note_id, lemma, summary, note_url in r.dated:
            found.append(dict(kind="note", date=PartialDate.parse(iso), iso=iso, title=title,
                              title_html=r.summary.get("title_html", title), url=note_url, lemma=lemma,
                              summary=summary, note_id=note_id, lang_attrs=r.summary.get("lang_attrs", "")))
    return sorted(found, key=lambda e: (e["iso"], e["kind"] != "published", e["title"]))


_ISO = st.sampled_from(["1916", "1916-03", "1916-03-02", "2025-03-03", "2025-03", "2025"])


@st.composite
def _rendered_texts(draw):
    texts = []
    for number in range(draw(st.integers(0, 6))):
        title = draw(st.sampled_from(["A", "B", "The report"]))     # equal titles: ties kept in order
        summary = {"title": title, "title_html": f"<em>{title}</em>", "lang_attrs": draw(st.sampled_from(["", ' lang="fr"']))}
        date = draw(st.one_of(st.none(), _ISO))
        if date:
            summary["date"] = PartialDate.parse(date)
        dated = tuple((iso, f"n{number}-{at}", f"lemma {at}", f"words {at}", f"t{number}.html#note-n{at}")
                      for at, iso in enumerate(draw(st.lists(_ISO, max_size=5))))
        texts.append(SimpleNamespace(summary=summary, path=f"t{number}.html", dated=dated))
    return texts


@settings(max_examples=200, deadline=None)
@given(_rendered_texts())
def test_events_made_one_at_a_time_are_the_plain_way_s_in_the_same_order(rendered):
    assert list(timeline.events(rendered)) == _plain_events(rendered)
    # as the build makes them: each text's notes read again when the page comes to them
    read = []

    def dated_of(number):
        read.append(number)
        return rendered[number].dated
    assert list(timeline.events(rendered, dated_of)) == _plain_events(rendered)
    assert set(read) == {number for number, r in enumerate(rendered) if r.dated}
