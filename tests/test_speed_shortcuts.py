"""Shortcuts taken for speed never change what an editor is told."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from edition import linkcheck, markdown

PIECES = st.sampled_from(["javascript:", "JaVaScRiPt:", "vbscript:", "data:", "data:image/png;", "file:",
                          "&#106;", "&#x3A;", "&colon;", "&amp;", "\\:", "\\", "java", "script", "fil", "e",
                          ":", "http://example.org/", "a", " ", "\t", "%3A", "ſcript:", "FILE", "Data", "&#115;"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=6), st.sampled_from(["[x]({})", "<{}>", "[x]\n\n[x]: {}"]))
def test_refused_link_warnings_are_the_same_with_the_shortcut(monkeypatch_pieces, shape):
    body = shape.format("".join(monkeypatch_pieces)) + "\n"
    fast = markdown.refused_links(body, "content/notes/t.md", 1)
    saved = markdown._maybe_refused
    markdown._maybe_refused = lambda body: True      # always take the slow path
    try:
        slow = markdown.refused_links(body, "content/notes/t.md", 1)
    finally:
        markdown._maybe_refused = saved
    assert fast == slow


def test_a_script_link_is_still_reported():
    assert markdown.refused_links("[x](java&#115;cript:alert(1))\n", "content/notes/t.md", 3)


ID_PIECES = st.sampled_from([' id="', 'id="', '\tid="', '\nid="', 'data-id="', '"', 'p7', 'note-x', ' ', '<p', '>', '=', 'é'])


@settings(max_examples=500, deadline=None)
@given(st.lists(ID_PIECES, max_size=12))
def test_the_ids_of_a_page_are_those_a_regex_finds(pieces):
    import re
    html = "".join(pieces).encode("utf-8")
    assert linkcheck.ids_in(html) == {m.decode() for m in re.findall(rb'\sid="([^"]+)"', html)}


URL_PIECES = st.sampled_from(["https://", "http://", "HTTPS://", "example.org", "EXAMPLE.org", "xn--bcher-kva.ch",
                              "/", "reports", "0", "-", ".", "_", "~", "#", "p7", "?", "%41", "%", ":", "8080", "@",
                              "[", "]", "é", " ", "(", ")", "'", "mailto:", "text-0001.html", "..", "//"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(URL_PIECES, max_size=8))
def test_link_targets_taken_as_they_are_are_what_markdown_it_would_make_of_them(pieces):
    from markdown_it.common.normalize_url import normalizeLink
    from edition.markdown import normalize_link
    url = "".join(pieces)
    assert normalize_link(url) == normalizeLink(url)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\0", "*", "[x](y)", "[w](https://a.org/b)",
                                  "#", "-", "> ", "1. ", "`", "[p](a(b)c)", "[e](x\\)y)", "[q](<a b>)", "(", ")",
                                  '[t](https://a.org/b "t")', "[u](/a&amp;b)", "\\", "[r]: /z"]),
                max_size=20).map("".join))
def test_markdown_renders_as_markdown_it_does_with_its_own_normalising(source):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from edition.markdown import make_markdown
    plain = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    ours = make_markdown()
    assert ours.render(source).replace(' rel="noopener noreferrer"', "") == plain.render(source)


# A line of a note: prose, every kind of block, things that run on (fences, lists, indented code,
# lazy lines, setext underlines, tables) and definitions markdown-it keeps document-wide.
NOTE_LINES = st.sampled_from([
    "Plain words here.", "more *words* and _more_", "a [link](text-0001.html#p1) and [w](https://a.org/b)",
    "![a map](media/map.png)", "`code` and ``two``", "&amp; &copy; &#35;", "end with two spaces  ", "back\\",
    "", "", "  ", "\t", "- item", "* star", "+ plus", "1. one", "2) two", "  continued", "   three in",
    "    indented code", "\tcode by tab", "```", "```python", "~~~", "> quoted", "> > deeper", ">",
    "# Heading", "## Two", "Title", "===", "---", "***", "| a | b |", "|---|---|", "| 1 | 2 |",
    "[ref]: https://example.org/r", "[ref]", "[Ref][ref]", "[^1]", "[^1]: a footnote", "^[inline note]",
    "[^x]: other", "<div>html</div>", "<span>x</span>", "Source: [Report 0-1](https://example.org/reports/0/1)",
    "\0nul", "\r", "a\r\nb", "    - indented item", "1.", "-", "[x]: <>", "[link](<a b>)"])
NOTE_BODIES = st.lists(NOTE_LINES, max_size=7).map("\n".join) | st.lists(NOTE_LINES, max_size=7).map(
    lambda lines: "\n".join(lines) + "\n")


@settings(max_examples=1500, deadline=None)
@given(st.lists(NOTE_BODIES, max_size=6))
def test_a_texts_notes_render_in_one_parse_as_each_would_alone(bodies):
    from edition.notebodies import render_note, render_notes
    md = markdown.make_markdown({"media/map.png": (640, 480)})
    ids = [f"note-{i}" for i, _ in enumerate(bodies)]
    assert render_notes(bodies, md, ids) == [render_note(body, md, doc_id) for body, doc_id in zip(bodies, ids)]


def test_notes_that_stand_apart_are_parsed_once_and_one_that_reaches_into_the_next_alone():
    from edition.notebodies import render_notes
    md = markdown.make_markdown()
    parses = []
    parse = md.parse
    md.parse = lambda source, env=None: parses.append(source) or parse(source, env)

    def rendered(*notes):
        parses.clear()
        return [html for html, _, _ in render_notes(list(notes), md)]
    assert rendered("A *first* note.\n\n- a list", "Then [x](text-0001.html).") == [
        "<p>A <em>first</em> note.</p>\n<ul>\n<li>a list</li>\n</ul>\n",
        '<p>Then <a href="text-0001.html">x</a>.</p>\n']
    assert len(parses) == 1
    # Together, the two lists would be one loose list: each note alone.
    assert rendered("- a list", "- that goes on") == ["<ul>\n<li>a list</li>\n</ul>\n",
                                                      "<ul>\n<li>that goes on</li>\n</ul>\n"]
    assert len(parses) == 3
    # A reference definition serves its own note only; an unclosed fence ends with its note.
    assert rendered("[x]: https://example.org/x\n", "See [x].", "```\nan unclosed fence", "After.") == [
        "", "<p>See [x].</p>\n", "<pre><code>an unclosed fence</code></pre>\n", "<p>After.</p>\n"]
    assert len(parses) == 5


TARGET_PIECES = st.sampled_from(["https://example.org/reports/0/1", "a", "é", " ", "\t", "\n", "\x00", "\x7f", "\\",
                                 "\\ ", "\\)", "(", ")", "((", "<", ">", "&amp;", "&#41;", "&nope;", "#p1", "%20",
                                 ' "title"', "]", "[", "*", "`", "\u00a0", "\x1f"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(TARGET_PIECES, max_size=8).map("".join), st.integers(0, 3), st.integers(0, 4))
def test_link_targets_read_with_the_shortcut_are_read_as_markdown_it_reads_them(source, start, short):
    from markdown_it.helpers import parseLinkDestination
    pos, maximum = min(start, len(source)), max(0, len(source) - short)
    fast, slow = markdown.parse_link_destination(source, pos, maximum), parseLinkDestination(source, pos, maximum)
    assert (fast.ok, fast.pos, fast.str) == (slow.ok, slow.pos, slow.str)


FRONT_PIECES = st.sampled_from(["---\n", "---", "title: A\n", "title: \"A: b\"\n", "## Head\n", "\n", "Body.\n", "a",
                                "- x\n", "key: [1\n", "\ufeff", "date: 2020\n", "  ", "---\n---\n", ": \n", "\t"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(FRONT_PIECES, max_size=12).map("".join))
def test_a_body_found_without_the_yaml_is_the_body_the_loader_reads(source):
    """A text's job takes its body again with frontmatter.body (the build's loader keeps only the
    front matter): the same body as frontmatter.read, whatever the front matter."""
    from edition import frontmatter
    from edition.load import CHOICES, TEXT_KEYS
    assert frontmatter.body(source) == frontmatter.read(source, "content/texts/t.md", TEXT_KEYS, [], CHOICES)[1]


def test_the_build_loader_keeps_the_front_matter_and_lets_the_bodies_go(tmp_path):
    """What build.read_again reads again, and nothing else: the meta, lines and dated notes stay."""
    from conftest import text_file, write_project
    from edition.files import plain_read
    from edition.load import load_project
    root = write_project(tmp_path / "p", {"content/texts/alpha.md": text_file("Alpha", "One bridge.\n"),
                                          "content/notes/alpha.md": "## bridge\ndate: 1916\n\nA note.\n"})
    whole, _ = load_project(root, plain_read)
    light, _ = load_project(root, plain_read, bodies=False)
    assert [(t.meta, t.body_line, t.body) for t in light.texts] == [(t.meta, t.body_line, "") for t in whole.texts]
    assert (light.notes["alpha"].source, light.notes["alpha"].dated, whole.notes["alpha"].dated) == ("", True, True)


TERM_COUNTS = st.lists(st.dictionaries(st.sampled_from(["ab", "cd", "ef", "gh", "b", "bz", "ba", "x" * 9]),
                                       st.sampled_from([1, 1, 2, 3, 47, 2200, 5000])), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TERM_COUNTS, st.sampled_from([0, 1, 1500, 3000])), min_size=1, max_size=5))
def test_postings_encoded_as_they_come_are_those_encoded_at_the_end(texts):
    """search.index_files writes each term's postings as documents come (a byte or two each);
    the plain way gathers every posting, then encodes each term's (search._encode)."""
    import zlib
    from collections import defaultdict
    from edition import search
    rules = search.Terms(["en"])
    data = []
    for number, (docs, empty) in enumerate(texts):
        # `empty` documents with no words between: gaps of more than 2,161 take three characters
        lines = [f"{sum(d.values())}\t" + " ".join(t for t, n in d.items() if n == 1) + "\t" +
                 " ".join(f"{t}:{n}" for t, n in d.items() if n > 1) for d in docs] + ["0\t\t"] * empty
        lines = lines + ["0\t\t"] * (2 - len(lines) % 2 if len(lines) % 2 or not lines else 0)     # two a text
        data.append((f"t{number}", "T", zlib.compress("\n".join(lines).encode())))
    files = search.index_files(data, [], rules)
    postings, counts = defaultdict(list), defaultdict(list)
    documents = [doc for _, _, blob in data for doc in search._decoded(blob)]
    for doc_id, doc in enumerate(documents):
        _, once, more = doc.split("\t")
        for term in once.split(" ") if once else ():
            postings[term].append(doc_id * 2)
        for entry in more.split(" ") if more else ():
            term, _, count = entry.partition(":")
            postings[term].append(doc_id * 2 + 1)
            counts[term].append(int(count) - 2)
    plain = {term: search._encode(postings[term], counts.get(term, ())) for term in sorted(postings)}
    shards = search.split_shards(list(plain), plain)
    for prefix, terms in shards.items():
        assert files[search.shard_path(prefix)] == search._call("shard", [prefix, " ".join(terms),
                                                                          " ".join(plain[t] for t in terms)])
    assert sorted(files) == sorted([search.INDEX, search.GLOSSARY, *map(search.shard_path, shards)])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", "a", "é", "\U0001F600", "{{ x }}", "{% for i in n %}{{ i }}{% endfor %}",
                                 "{{ '' }}", "\n"]), max_size=30).map("".join), st.sampled_from([0, 1, 5000]))
def test_a_page_made_a_batch_of_pieces_at_a_time_is_the_page_rendered_whole(tmp_path_factory, source, repeats):
    """render_page encodes a few thousand of Jinja's pieces at a time (the glossary of 10,000 texts
    is millions): the bytes of the page rendered whole, empty pieces and all."""
    from edition.render import Theme, render_page, render_template
    import jinja2
    theme = Theme(jinja2.Environment(loader=jinja2.DictLoader({"t.html": source})), {}, tmp_path_factory.getbasetemp(), [])
    context = {"x": "é<", "n": list(range(repeats))}
    whole, _ = render_template(theme, "t.html", context)
    assert render_page(theme, "t.html", context) == (whole.encode("utf-8"), [])
    from edition import render      # a page past render.SPILL_AT bytes waits in a temporary file
    was, render.SPILL_AT = render.SPILL_AT, 0
    try:
        assert render_page(theme, "t.html", context) == (whole.encode("utf-8"), [])
    finally:
        render.SPILL_AT = was


WORD_PIECES = st.sampled_from(["cartels", "Cártel", "the", "a", "of", "prisons", "foo_bar", "x_x", "7", "é",
                               "\u0301", "BUKELE’s", "São", " ", "\n", "-", ",", "journaux", "Häuser", "ß",
                               "\u2014", "\u00a0", "İ", "\u0663"])    # a dash, a no-break space, I with a dot, an Arabic 3


@settings(max_examples=1000, deadline=None)
@given(st.lists(WORD_PIECES, max_size=30).map("".join), st.sampled_from([["en"], ["en", "es"], ["fr", "de"]]))
def test_terms_counted_word_by_word_are_the_terms_listed_and_counted(text, langs):
    from collections import Counter
    from edition.search import Terms
    listed = Terms(langs).of(text)
    length, counts = Terms(langs).counted(text)
    assert (length, list(counts.items())) == (len(listed), list(Counter(listed).items()))
