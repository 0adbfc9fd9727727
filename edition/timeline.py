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


def events(rendered, dated_of=None):
    """What the timeline shows, in order: each dated note, and each text's publication (kind
    `published`), dates of any precision sorted by their ISO form (1916 before 1916-03).
    rendered: the texts with their summaries and dated notes; dated_of(number): a text's dated
    notes again (by default, rendered's own, held meanwhile).

    Made as the page reaches them: only the order is kept whole (a small tuple an event), each
    event's notes are read again when the template comes to it, and only then made a dict. At
    10,000 texts the timeline has 30,000 notes: as dicts, and their words, held all at once they
    were 40 MB of the build's peak."""
    heads, order, kept = [], [], []
    for number, r in enumerate(rendered):
        title = r.summary["title"]
        heads.append((title, r.summary.get("title_html", title), r.summary.get("lang_attrs", ""), r.path,
                      r.summary.get("date")))
        if dated_of is None:
            kept.append(r.dated)
        # A text's publication comes before the notes of its day: what follows it, it could not
        # know. Ties keep the texts' order, and a text's notes theirs.
        if r.summary.get("date"):
            order.append((str(r.summary["date"]), False, title, number, -1))
        order += [(iso, True, title, number, at) for at, (iso, *_) in enumerate(r.dated)]
    order.sort()
    dated_of = dated_of or kept.__getitem__
    last, notes = None, ()
    for iso, _, _, number, at in order:
        title, title_html, lang_attrs, url, date = heads[number]
        if at < 0:
            yield dict(kind="published", date=date, iso=iso, title=title, title_html=title_html, url=url,
                       lemma="", summary="", lang_attrs=lang_attrs)
            continue
        if number != last:      # a text's notes often follow one another: read once for them
            last, notes = number, dated_of(number)
        _, note_id, lemma, summary, note_url = notes[at]
        yield dict(kind="note", date=PartialDate.parse(iso), iso=iso, title=title, title_html=title_html,
                   url=note_url, lemma=lemma, summary=summary, note_id=note_id, lang_attrs=lang_attrs)
