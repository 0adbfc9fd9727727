"""A fuzz run of the parsers an editor's files go through: front matter (texts, pages and
site.yaml's YAML), notes files and the glossary. Whatever the bytes, each returns data and
problems, never an exception; each problem names its file and a line that file has, in a message
that fits on a screen; and each is fast.

The time bound is hypothesis's own per-example deadline, set far above what a parse takes (a
few milliseconds) so that a loaded machine never fails it, but low enough that anything
quadratic or exploding (an alias bomb, a backtracking pattern) does. Inputs are built from the
pieces that break parsers (YAML's indicators and tags, fences, headings, field lines, Unicode
that folds, invisible or terminal characters), mixed with any text at all.
"""
from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition import frontmatter
from edition.config import load_config
from edition.files import decode
from edition.load import CHOICES, TEXT_KEYS, parse_glossary, parse_notes
from edition.model import NotesFile

FUZZ = settings(max_examples=200, deadline=timedelta(seconds=3), suppress_health_check=list(HealthCheck),
                database=None)

YAML_PIECES = ["title:", "date:", "order:", "language:", "form:", "subtitle:", "source_file:", "byline:",
               " ", ": ", "'", '"', "[", "]", "{", "}", ",", "&a ", "*a", "!!int ", "!!timestamp ",
               "!!python/object:os.system ", "!!binary ", "? ", "|", ">", "- ", "#", "%YAML 1.1", "\t", "\\",
               "9" * 40, "2025-02-30", "1863-11", "yes", "null", "~", ".inf", "\x1b[2J", "\u200b", "\u00a0",
               "İ", "ſ", "e\u0301", "\ufeff", "\x00", "\x85", "\u2028", "---", "...", "\r"]
NOTE_PIECES = ["## ", "### ", "#", "id: ", "occurrence: ", "before: ", "after: ", "date: ", "aliases: ", "---",
               "```", "~~~", "    ", "> ", "- ", "1. ", "[^1]", "[^1]: ", "\\[^1\\]", "[a](", ")", "](x.html#p9)",
               "*", "_", "`", "<b>", "&amp;", "TODO:", "first paragraph", "CECOT", "main", "\u200b", "İı",
               "\u0301", "’", "\x1b", "\t", "\r", "; ", "-1", "0", "99999999999999999999999"]


def pieces(alphabet):
    """Lines made of the pieces that break parsers, and now and then any text at all, as a
    content file is read (files.decode: Unix line ends, no byte order mark)."""
    line = st.lists(st.one_of(st.sampled_from(alphabet), st.text(max_size=12)), max_size=8).map("".join)
    return st.lists(line, max_size=30).map("\n".join).map(lambda text: decode(text.encode(), "t", []))


def assert_well_formed(problems, path: str, source: str):
    # the line after the last (a missing `---`); YAML and Markdown also end a line at NEL, U+2028…
    lines = len(source.splitlines()) + 2
    for problem in problems:
        assert problem.path == path
        assert problem.line is None or 1 <= problem.line <= lines, (problem, source)
        assert len(str(problem)) < 600, problem
        assert "\x1b" not in str(problem)   # printed for a terminal: escapes written out


@FUZZ
@given(pieces(YAML_PIECES))
def test_front_matter_of_any_text_is_data_and_problems(block):
    source = f"---\n{block}\n---\nThe words of the text.\n"
    problems = []
    meta, body, body_line = frontmatter.read(source, "content/texts/t.md", TEXT_KEYS, problems, CHOICES)
    assert isinstance(meta, dict)
    assert body in source and 1 <= body_line <= source.count("\n") + 2
    assert_well_formed(problems, "content/texts/t.md", source)


@FUZZ
@given(st.text(max_size=300).map(lambda text: decode(text.encode(), "t", [])))
def test_front_matter_of_any_characters_is_data_and_problems(source):
    problems = []
    meta, body, _ = frontmatter.read(source, "content/texts/t.md", TEXT_KEYS, problems, CHOICES)
    assert isinstance(meta, dict) and isinstance(body, str)
    assert_well_formed(problems, "content/texts/t.md", source)


@settings(FUZZ, max_examples=60)
@given(pieces(YAML_PIECES))
def test_any_site_yaml_is_settings_and_problems(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("site")
    (root / "site.yaml").write_text(text, encoding="utf-8")
    (root / "content").mkdir()
    config, problems = load_config(root)
    assert config is not None
    assert_well_formed(problems, "site.yaml", text)


@FUZZ
@given(pieces(NOTE_PIECES))
def test_any_notes_file_is_notes_and_problems(source):
    problems = []
    notes = parse_notes(NotesFile("content/notes/t.md", source), "t", problems, word_limit=5)
    assert_well_formed(problems, "content/notes/t.md", source)
    ids = [note.id for note in notes]
    assert len(ids) == len(set(ids))                    # a note's id is its own
    for note in notes:
        assert note.quote.strip() and note.text_slug == "t"
        assert 1 <= note.line <= note.body_line <= len(source.splitlines()) + 2
        assert all(word in source for word in note.quote.split())     # quoted from its heading


@FUZZ
@given(pieces(NOTE_PIECES))
def test_any_glossary_is_terms_and_problems(source):
    problems = []
    terms = parse_glossary(source, "content/glossary.md", problems)
    assert_well_formed(problems, "content/glossary.md", source)
    ids = [term.id for term in terms]
    assert len(ids) == len(set(ids))
    for term in terms:
        assert term.term.strip() and term.body.strip()
