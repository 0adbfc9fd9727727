"""The catalogue, continued: every field of every file an editor writes, as an attacker or a
hurried editor fills it in: YAML with tags, bombs and duplicate keys, invisible or terminal
characters, Unicode a quote does not match, footnotes and words no note owns, a theme's own files
(each case: the exact message, the exit code, the last good site byte for byte, every editor's
file as it was; the machinery is tests/catalogue.py).
"""
from __future__ import annotations

import os
import re

import pytest

from catalogue import BODY, GLOSSARY, GOOD, NOTES, TEXT, Case, both, front, put, run_case, tree
from conftest import text_file
from edition.cli import main
from edition.serve import Builder

STRICT = ("check", "--strict")
WARNED = "0 error(s), 1 warning(s)"
BOMB = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
STRINGS = "theme/default/strings/en.yaml"


def site(*lines):
    return put("site.yaml", "title: Test edition\nlanguage: en\n" + "".join(f"{line}\n" for line in lines))


CASES = [
    # --- site.yaml --------------------------------------------------------------------------------
    Case("site.yaml: a folder", lambda root: ((root / "site.yaml").unlink(), (root / "site.yaml").mkdir()),
         ["site.yaml: error: site.yaml is a folder, not a file; remove it and create the file site.yaml with "
          "at least `title: My edition`"]),
    Case("site.yaml: not UTF-8", put("site.yaml", b"title: Caf\xe9\n"),
         ["site.yaml: error: site.yaml is not UTF-8 text; save it with UTF-8 encoding"]),
    Case("site.yaml: binary data for the title", put("site.yaml", "title: !!binary aGVsbG8=\n"),
         ["site.yaml:1: error: `title` must be one line of text, not binary data; write `title: \"…\"`"]),
    Case("site.yaml: an alias bomb", put("site.yaml", "title: Test\n" + BOMB),
         ["site.yaml:3: error: site.yaml is not valid YAML (aliases (`*name`) are not read here); write the "
          "value out in full"]),
    Case("site.yaml: the same key twice", site("title: Again"),
         ["site.yaml:3: error: site.yaml is not valid YAML (the key `title` is given twice); keep one of the "
          "two lines"]),
    Case("site.yaml: a number past any limit", site("note_word_limit: " + "9" * 5000),
         ["site.yaml:3: error: site.yaml is not valid YAML (a number of more than 4300 digits cannot be read); "
          "write a smaller number, or put it in quotes"]),
    Case("site.yaml: a !!python tag", site("theme: !!python/object/apply:os.system [touch pwned]"),
         ["site.yaml:3: error: site.yaml is not valid YAML (could not determine a constructor for the tag "
          "'tag:yaml.org,2002:python/object/apply:os.system'); put the value in quotes, or remove the `!!` tag "
          "before it"]),
    Case("site.yaml: a number in words, tagged", site("note_word_limit: !!int ten"),
         ["site.yaml:3: error: site.yaml is not valid YAML (`!!int ten` cannot be read); put the value in "
          "quotes, or remove the `!!` tag before it"]),
    Case("site.yaml: a base_url that breaks out of its quotes", site('base_url: "https://x.org/\\"><script>"'),
         ["site.yaml:3: error: `base_url: https://x.org/\"><script>` is not a web address; write the full "
          "address the site is published at, starting with https://, or leave it empty"]),
    Case("site.yaml: an output folder with a control character", site('output: "_si\\u001b[2Jte"'),
         ["site.yaml:3: error: `output: _si\\x1b[2Jte` holds a control character, which no folder name should; "
          "write a plain folder name such as `_site`"]),

    # --- a text's front matter --------------------------------------------------------------------
    Case("front matter: a number in words, tagged", put(TEXT, front("title: Alpha", "order: !!int ten")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (`!!int ten` cannot be read); put "
          "the value in quotes, or remove the `!!` tag before it"]),
    Case("front matter: a timestamp that is no time", put(TEXT, front("title: Alpha", "date: !!timestamp soon")),
         ["content/texts/alpha.md:3: error: `date: soon` is not a date; write the year, the year and month or "
          "the full date (1916, 1863-11 or 1863-11-19), or leave it empty when the source gives none"]),
    Case("front matter: the same key twice", put(TEXT, front("title: Alpha", "title: Beta")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (the key `title` is given twice); "
          "keep one of the two lines"]),
    Case("front matter: an order past any limit", put(TEXT, front("title: Alpha", "order: " + "9" * 5000)),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (a number of more than 4300 digits "
          "cannot be read); write a smaller number, or put it in quotes"]),
    Case("front matter: a !!python tag", put(TEXT, front("title: !!python/object/apply:os.system [touch pwned]")),
         ["content/texts/alpha.md:2: error: front matter is not valid YAML (could not determine a constructor "
          "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'); put the value in quotes, or remove "
          "the `!!` tag before it"]),
    Case("front matter: an alias bomb", put(TEXT, front("title: Alpha", *BOMB.splitlines())),
         ["content/texts/alpha.md:4: error: front matter is not valid YAML (aliases (`*name`) are not read "
          "here); write the value out in full"]),
    Case("front matter: a title of invisible characters", put(TEXT, front('title: "\u200b\u2060\u00ad"')),
         ["content/texts/alpha.md:2: error: `title` is empty; write the title after `title: `"]),
    Case("front matter: a title with a terminal escape",
         put(TEXT, front("title: Alpha", "subtitle: \"\u001b[31mred\"")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (it holds the control character "
          "\\x1b, which YAML does not allow); remove it (an editor shows it as ^[ or a box), or write it as an "
          "escape in double quotes"]),
    Case("text: a file name with a terminal escape", put("content/texts/\u001b[2J.md", text_file("X", "Words.\n")),
         ["content/texts/\\x1b[2J.md: error: file name `\\x1b[2J.md` cannot be a web address; rename it with "
          "lower-case letters, digits and hyphens"]),
    Case("text: named like the timeline page", put("content/texts/timeline.md", text_file("Time", "Words.\n")),
         ["content/texts/timeline.md: error: text name `timeline` is already used by (the timeline page); "
          "rename the file, e.g. timeline-text.md"]),
    Case("text: a list ten thousand deep", put(TEXT, front("title: Alpha", body=BODY + "\n" + "".join(
        "  " * depth + "- item\n" for depth in range(200)))),
         ["content/texts/alpha.md:56: error: lists or quotes are nested more than 50 deep here, and Markdown "
          "drops everything after such a line; nest them less deeply"]),
    Case("text: an image from another server (warning; --strict fails)",
         put(TEXT, front("title: Alpha", body=BODY + "\n![map](https://example.org/map.png)\n")),
         ["content/texts/alpha.md:8: warning: image `https://example.org/map.png` is on another site, and the "
          "pages load nothing from outside the edition, so it will not show; save it in content/media/ and "
          "write ![…](media/NAME)",
          WARNED], argv=STRICT),
    Case("text: a footnote cited and never defined",
         put(TEXT, front("title: Alpha", body=BODY + "\nA claim.[^1]\n")),
         ["content/texts/alpha.md:8: error: footnote [^1] has no definition; add a line `[^1]: …` below the "
          "paragraph"]),
    Case("text: a NUL byte", put(TEXT, front("title: Alpha", body="The first paragraph mentions CECOT\x00 here.\n")),
         ["content/texts/alpha.md:4: error: holds a NUL character (\\x00), which no text has: the file may be "
          "damaged; remove it, or save the file again from your editor"]),

    # --- notes ------------------------------------------------------------------------------------
    Case("note: before: words the text does not have", put(NOTES, "## paragraph\nbefore: third\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “paragraph” not found in content/texts/alpha.md with the "
          "given before/after words; check them against the text"]),
    Case("note: occurrence zero", put(NOTES, "## paragraph\noccurrence: 0\n\nA note.\n"),
         ["content/notes/alpha.md:2: error: `occurrence: 0` must be a whole number from 1 (the first time the "
          "phrase appears)"]),
    Case("note: a date in words", put(NOTES, "## first paragraph\ndate: last year\n\nA note.\n"),
         ["content/notes/alpha.md:2: error: `date: last year` is not a date; write the year, the year and "
          "month or the full date (1916, 1863-11 or 1863-11-19), or remove the line"]),
    Case("note: words above the first heading (warning; --strict fails)",
         put(NOTES, "Notes by me.\n\n## first paragraph\n\nA note on the first paragraph.\n"),
         ["content/notes/alpha.md:1: warning: the text above the first `## ` heading belongs to no note and is "
          "not published; start each note with `## ` and the words it annotates, or delete it",
          WARNED],
         argv=STRICT),
    Case("note: a footnote never defined",
         put(NOTES, "## first paragraph\n\nA note.[^a]\n"),
         ["content/notes/alpha.md:3: error: footnote [^a] has no definition; add a line `[^a]: …` below the "
          "paragraph"]),
    Case("note: a footnote defined and never cited",
         put(NOTES, "## first paragraph\n\nA note.\n\n[^a]: A source.\n"),
         ["content/notes/alpha.md:5: error: footnote [^a] is defined but never used; cite it with [^a] in the "
          "text or delete it"]),
    Case("note: Markdown in the heading", put(NOTES, "## *first* paragraph\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “*first* paragraph” not found in content/texts/alpha.md "
          "(the text shows it without Markdown: “first paragraph”); write the heading as a reader sees the "
          "words, without `*`, `_`, `[…](…)` or backslashes"]),
    Case("note: a curly apostrophe where the text has a straight one",
         both(put(TEXT, front("title: Alpha", body="The prison's first paragraph mentions CECOT.\n")),
              put(NOTES, "## prison’s first\n\nA note.\n")),
         ["content/notes/alpha.md:1: error: anchor “prison’s first” not found in content/texts/alpha.md (it "
          "occurs with other quote marks, apostrophes or dashes: “prison's first”); copy the phrase exactly as "
          "the text has it"]),
    Case("note: a terminal escape in a heading that is not found",
         put(NOTES, "## first \u001b[2Jparagraph\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “first \\x1b[2Jparagraph” not found in "
          "content/texts/alpha.md; the text may have changed — copy the phrase exactly as the text has it "
          "(quotes and dashes included)"]),
    Case("note: a heading of invisible characters", put(NOTES, "## \u200b\u2060\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: note heading is empty; write the exact phrase from the text after "
          "`## `"]),

    # --- glossary ---------------------------------------------------------------------------------
    Case("glossary: words above the first term (warning; --strict fails)",
         put(GLOSSARY, "My glossary.\n\n## CECOT\n\nA prison in El Salvador.\n"),
         ["content/glossary.md:1: warning: the text above the first `## ` heading belongs to no term and is "
          "not published; start each term with `## ` and the term, or delete it",
          WARNED], argv=STRICT),
    Case("glossary: a footnote never defined", put(GLOSSARY, "## CECOT\n\nA prison.[^x]\n"),
         ["content/glossary.md:3: error: footnote [^x] has no definition; add a line `[^x]: …` below the "
          "paragraph"]),
    Case("glossary: an alias that is punctuation", put(GLOSSARY, "## CECOT\naliases: \"...\"\n\nA prison.\n"),
         ["content/glossary.md:1: error: “\"...\"” has no letter or digit, so it would link stray punctuation "
          "in every text; remove it or write a word"]),
    Case("glossary: an alias of one letter (warning; --strict fails)",
         put(GLOSSARY, "## CECOT\naliases: C\n\nA prison.\n"),
         ["content/glossary.md:1: warning: “C” is a single character, so every “C” in the texts is linked; "
          "write the whole word",
          WARNED], argv=STRICT),
    Case("glossary: a term whose id is the page's own", put(GLOSSARY, "## CECOT\nid: main\n\nA prison.\n"),
         ["content/glossary.md:1: error: glossary id `main` is also the id of a part of the glossary page; add "
          "a line `id: main-term` under the heading"]),
    Case("glossary: a term of invisible characters", put(GLOSSARY, "## CECOT\n\nA prison.\n\n## \u200b\n\nNone.\n"),
         ["content/glossary.md:5: error: glossary heading is empty; write the term after `## `"]),

    Case("glossary: an alias that is another term",
         put(GLOSSARY, "## CECOT\naliases: Prison\n\nA prison.\n\n## Prison\n\nA jail.\n"),
         ["content/glossary.md:6: error: term “Prison” is already claimed by “CECOT” (line 1); keep it in one "
          "entry only"]),
    Case("page: a link to a note that does not exist",
         put("content/pages/about.md", text_file("About", "See [the note](alpha.html#note-nope).\n")),
         ["content/pages/about.md:4: error: link `alpha.html#note-nope`: alpha.html has no `#note-nope`; its "
          "notes are #note-first-paragraph"]),

    # --- the theme --------------------------------------------------------------------------------
    Case("theme: a static file linked from outside the project",
         lambda root: os.symlink("/etc/hostname", root / "theme/default/static/host.txt"),
         ["theme/default/static/host.txt: error: is a link to /etc/hostname, outside the project, and is not "
          "published; copy the file into the theme instead"]),
    Case("theme: a template that is not UTF-8", put("theme/default/templates/404.html", b"<p>caf\xe9</p>\n"),
         ["theme/default/templates/404.html: error: is not UTF-8 text (byte 0xe9); save it as UTF-8"]),
    Case("theme: a strings file that is not YAML", put(STRINGS, "note_label: [Note\n"),
         ["theme/default/strings/en.yaml:1: error: the strings file is not valid YAML (expected ',' or ']', "
          "but got '<stream end>'); close the quote or bracket opened on this line"]),
    Case("theme: a strings file that is a list", put(STRINGS, "- Note\n- Notes\n"),
         ["theme/default/strings/en.yaml: error: must be `key: text` lines (a count may be a mapping of plural "
          "forms, `one: …` and `other: …`); see theme/README.md"]),
    Case("theme: a strings file that is not UTF-8", put(STRINGS, b"note_label: Not\xe9\n"),
         ["theme/default/strings/en.yaml: error: is not UTF-8 text (byte 0xe9); save it as UTF-8"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, project, capsys, monkeypatch):
    run_case(case, project, capsys, monkeypatch)


def test_the_catalogue_of_fields_is_large_enough():
    assert len(CASES) >= 30


# --- the same typo, the same message, whichever command meets it ---------------------------------

TYPOS = {
    "an unclosed quote in source_file": put(TEXT, front("title: Alpha", 'source_file: "seeds/alpha.txt')),
    "an unclosed quote in the title": put(TEXT, front('title: "Alpha')),
    "a date that does not exist": put(TEXT, front("title: Alpha", "date: 2025-02-30")),
    "a tag on a value": put(TEXT, front("title: Alpha", "order: !!int ten")),
    "a quote the text does not have": put(NOTES, "## third paragraph\n\nA note.\n"),
    "a term twice": put(GLOSSARY, "## CECOT\n\nA prison.\n\n## cecot\n\nAgain.\n"),
    "site.yaml with a key twice": site("title: Again"),
    "a strings file that is not YAML": put(STRINGS, "note_label: [Note\n"),
}


@pytest.mark.parametrize("typo", TYPOS, ids=list(TYPOS))
def test_the_same_typo_is_reported_the_same_way_by_build_check_and_serve(typo, project, capsys):
    root = project(GOOD)
    assert main(["--root", str(root), "build"]) == 0
    TYPOS[typo](root)
    capsys.readouterr()
    printed = {}
    for command in ("check", "build"):
        assert main(["--root", str(root), command]) == 1
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        printed[command] = [line for line in err.splitlines() if ": error: " in line or ": warning: " in line]
    served = []
    Builder(root, log=served.append).rebuild()
    printed["serve"] = [line for line in served if ": error: " in line or ": warning: " in line]
    assert printed["check"], printed
    assert printed["build"] == printed["check"] and sorted(printed["serve"]) == sorted(printed["check"]), printed


# --- text that once made wrong pages -------------------------------------------------------------

def test_a_literal_footnote_mark_in_a_seed_shows_as_the_seed_has_it(project, capsys):
    """`[^1]` in a seed with no `[^1]: …` is no footnote: its words stay on the page, and the
    build neither fails on a missing definition nor drops them."""
    root = project(GOOD)
    put("seeds/array.txt", "Arrays In Practice\n\nThe element a[^1] is the first one in the notation of the "
                           "paper, and it is long enough.\n\nA second paragraph closes the article.\n")(root)
    assert main(["--root", str(root)]) == 0, capsys.readouterr().err
    page = (root / "_site/arrays-in-practice.html").read_text(encoding="utf-8")
    assert "The element a[^1] is the first one" in page
    assert 'class="footnote' not in page
    assert main(["--root", str(root), "check"]) == 0
    site = tree(root / "_site")
    assert main(["--root", str(root), "build", "--clean"]) == 0
    assert tree(root / "_site") == site


def test_a_note_quote_that_ends_inside_a_link_makes_no_link_inside_a_link(project, capsys):
    files = {TEXT: text_file("Alpha", "See [the statement of the court](https://example.org/ruling) today.\n"),
             NOTES: "## See the statement\n\nA note.\n"}
    root = project({**GOOD, **files})
    assert main(["--root", str(root), "build"]) == 0, capsys.readouterr().err
    page = (root / "_site/alpha.html").read_text(encoding="utf-8")
    [paragraph] = re.findall(r"<p>(?:(?!</p>).)*of the court.*?</p>", page, flags=re.S)
    # the text's link is whole and holds no other link; the note's number (a link) follows it
    [inside] = re.findall(r'<a href="https://example.org/ruling"[^>]*>(.*?)</a>', paragraph, flags=re.S)
    assert "<a " not in inside and "note-ref" not in inside, paragraph
    assert re.sub(r"<[^>]+>", "", inside) == "the statement of the court"
    assert re.search(r'of the court</a><sup class="note-ref"[^>]*><a href="#note-see-the-statement"', paragraph)
