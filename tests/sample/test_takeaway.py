"""The sample edition taken away: its EPUB passes EPUBCheck and Ace, and its notes survive a
round trip through their W3C Web Annotations."""
from __future__ import annotations

import shutil
from pathlib import Path

from edition import cli
from epub_tools import ace, epubcheck

from sample.conftest import REPO
from sample.test_golden import build_sample

ARTICLE = "extraordinary-friendship-marco-rubio-welcomes-offer"


def test_the_sample_epub_passes_epubcheck_and_ace(tmp_path):
    book = next(build_sample(tmp_path / "sample").glob("*.epub"))
    verdict = epubcheck(book)
    assert (verdict["fatal"], verdict["error"], verdict["warning"]) == (0, 0, 0), "\n".join(verdict["messages"])
    assert not [f for f in ace(book, tmp_path / "ace") if f[0] in ("serious", "critical")]


def test_the_sample_notes_round_trip_through_web_annotations(tmp_path):
    site = build_sample(tmp_path / "sample")
    again = tmp_path / "again"
    for folder in ("content", "seeds", "theme"):
        shutil.copytree(REPO / folder, again / folder)
    shutil.copy(REPO / "site.yaml", again / "site.yaml")
    for notes in (again / "content/notes").glob("*.md"):
        notes.unlink()
        assert cli.main(["--root", str(again), "import-annotations",
                         str(site / "annotations" / f"{notes.stem}.jsonld"), notes.stem]) == 0
        assert same_notes(notes, REPO / "content/notes" / notes.name)
    rebuilt = build_sample_at(again)
    for page in site.glob("*.html"):
        assert (rebuilt / page.name).read_bytes() == page.read_bytes(), page.name


def same_notes(imported: Path, original: Path) -> bool:
    """The same notes: ids, quotes, bodies and dates (a repeat may be told apart by other words)."""
    from edition.load import parse_notes
    from edition.model import NotesFile

    def notes(path):
        parsed = parse_notes(NotesFile(path.name, path.read_text(encoding="utf-8")), path.stem, [])
        return sorted((n.id, n.quote, n.body, n.date) for n in parsed)
    return notes(imported) == notes(original)


def build_sample_at(root: Path) -> Path:
    from sample.test_golden import BASE_URL
    assert cli.main(["--root", str(root), "build", "--base-url", BASE_URL]) == 0
    return root / "_site"
