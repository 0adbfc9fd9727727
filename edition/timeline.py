"""The timeline: every dated note of every text in the order of what it tells, with each text's
own date marked, so a reader sees what the text could not know when it was written.

Each text's job hands on its dated notes (dated_notes); the timeline page is made from those
alone, like the glossary from its back-references.
"""
from __future__ import annotations

from .model import PartialDate


def has_dates(notes_files) -> bool:
    """Whether any note will carry a date: decided from the notes files' text, before they are
    parsed with their texts, since every page's navigation names the timeline."""
    return any(notes.dated for notes in notes_files)


def dated_notes(annotated, page: str) -> tuple:
    """((ISO date, note id, lemma, opening words, its place on the page), …) of a text's dated notes."""
    return tuple((str(placed.note.date), placed.id, placed.lemma or placed.quote, _opening(placed.summary),
                  f"{placed.page or page}#note-{placed.id}")
                 for placed in annotated.notes if placed.note.date)


def _opening(summary: str, limit: int = 200) -> str:
    return summary if len(summary) <= limit else summary[: limit - 1].rsplit(" ", 1)[0] + "…"


def events(rendered) -> list:
    """What the timeline shows, in order: each dated note, and each text's publication (kind
    `published`), dates of any precision sorted by their ISO form (1916 before 1916-03)."""
    found = []
    for r in rendered:
        title, url = r.summary["title"], r.path
        if r.summary.get("date"):
            found.append(dict(kind="published", date=r.summary["date"], iso=str(r.summary["date"]), title=title,
                              title_html=r.summary.get("title_html", title), url=url, lemma="", summary="",
                              lang_attrs=r.summary.get("lang_attrs", "")))
        for iso, note_id, lemma, summary, note_url in r.dated:
            found.append(dict(kind="note", date=PartialDate.parse(iso), iso=iso, title=title,
                              title_html=r.summary.get("title_html", title),
                              url=note_url, lemma=lemma, summary=summary, note_id=note_id,
                              lang_attrs=r.summary.get("lang_attrs", "")))
    # A text's publication comes before the notes of its day: what follows it, it could not know.
    return sorted(found, key=lambda e: (e["iso"], e["kind"] != "published", e["title"]))
