"""The catalogue of bad input: every case as an editor meets it at the command line (its
machinery, and what each case checks: tests/catalogue.py; more cases by class in
tests/test_bad_input_*.py).
"""
from __future__ import annotations

import os
import time

import pytest

from catalogue import BODY, GLOSSARY, GOOD, NOTES, SUMMARY_1, TEXT, Case, both, front, inputs, put, remove, run_case, tree
from conftest import SITE_YAML, text_file, write_project
from edition.cli import main

CASES = [
    # --- front matter ---------------------------------------------------------------------
    Case("front matter: invalid YAML, line of the file",
         put(TEXT, front("title: Alpha", "date: [2020")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (expected ',' or ']', but got "
          "'<stream end>'); close the quote or bracket opened on this line"]),
    Case("front matter: a colon in an unquoted value",
         put(TEXT, front("title: Alpha", "subtitle: Rubio: the offer")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (mapping values are not allowed "
          "here); a value that holds `: ` must be in quotes, e.g. title: \"Walden: or, Life in the Woods\""]),
    Case("front matter: an unclosed quote",
         put(TEXT, front("title: Alpha", 'byline: "Marco Rubio', "publisher: State")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (found unexpected end of stream); "
          "close the quote or bracket opened on this line"]),
    Case("front matter: a tab for indentation",
         put(TEXT, front("title: Alpha", "\tbyline: x")),
         ["content/texts/alpha.md:3: error: front matter is not valid YAML (found character '\\t' that cannot "
          "start any token); indent with spaces, not tabs"]),
    Case("front matter: missing",
         put(TEXT, BODY),
         ["content/texts/alpha.md:1: error: no front matter; start the file with a `---` line, `title: …`, "
          "and another `---` line"]),
    Case("front matter: not closed",
         put(TEXT, "---\ntitle: Alpha\n" + BODY),
         ["content/texts/alpha.md:1: error: front matter is not closed; add a line `---` after its last "
          "`key: value` line"]),
    Case("front matter: a list, not key: value lines",
         put(TEXT, front("- title", "- Alpha")),
         ["content/texts/alpha.md:2: error: front matter must be `key: value` lines, e.g. `title: …`; "
          "remove any `- ` list markers"]),
    Case("front matter: missing title",
         put(TEXT, front("byline: Me")),
         ["content/texts/alpha.md:2: error: front matter has no `title`; add a line `title: …`"]),
    Case("front matter: empty title",
         put(TEXT, front("byline: Me", "title:")),
         ["content/texts/alpha.md:3: error: `title` is empty; write the title after `title: `"]),
    Case("front matter: order is not a number",
         put(TEXT, front("title: Alpha", "order: first")),
         ["content/texts/alpha.md:3: error: `order` must be a whole number, not `first`; write digits only "
          "(e.g. order: 2), or leave it empty"]),
    Case("front matter: a list where text belongs",
         put(TEXT, front("title: Alpha", "subtitle: [a, b]")),
         ["content/texts/alpha.md:3: error: `subtitle` must be a text, not `a list or mapping`; put the value "
          "in quotes on one line, or leave it empty"]),
    Case("front matter: yes/no where text belongs",
         put(TEXT, front("title: Alpha", "byline: yes")),
         ["content/texts/alpha.md:3: error: `byline: True` is read as yes/no; put the value in quotes, "
          "e.g. byline: \"…\""]),
    Case("front matter: a date that does not exist",
         put(TEXT, front("title: Alpha", "date: 2025-02-30")),
         ["content/texts/alpha.md:3: error: `date: 2025-02-30` is not a date; write the year, the year and month or the full date "
          "(1916, 1863-11 or 1863-11-19), or leave it empty when the source gives none"]),
    Case("front matter: a date in words",
         put(TEXT, front("title: Alpha", "date: 20 February 2025")),
         ["content/texts/alpha.md:3: error: `date: 20 February 2025` is not a date; write the year, the year and month or the full date "
          "(1916, 1863-11 or 1863-11-19), or leave it empty when the source gives none"]),
    Case("front matter: a language named in words",
         put(TEXT, front("title: Alpha", "language: french")),
         ["content/texts/alpha.md:3: error: `language: french` is not a language tag (BCP 47); did you mean `fr`?"]),
    Case("front matter: no language at all",
         put(TEXT, front("title: Alpha", "language: xx-yy")),
         ["content/texts/alpha.md:3: error: `language: xx-yy` is not a language tag (BCP 47); write a language "
          "tag such as `en`, `fr`, `de-CH` or `ar`"]),
    Case("front matter: a form the build does not know",
         put(TEXT, front("title: Alpha", "form: poem")),
         ["content/texts/alpha.md:3: error: `form: poem` is not allowed; use one of: prose, verse, or leave it out"]),
    Case("front matter: split by something other than chapters",
         put(TEXT, front("title: Alpha", "split: pages")),
         ["content/texts/alpha.md:3: error: `split: pages` is not allowed; use one of: chapters, none, or leave "
          "it out"]),
    Case("a note's date that is no date",
         put(NOTES, "## CECOT\ndate: 1863-13\n\nA note.\n"),
         ["content/notes/alpha.md:2: error: `date: 1863-13` is not a date; write the year, the year and month or "
          "the full date (1916, 1863-11 or 1863-11-19), or remove the line"]),
    Case("front matter: unknown key names the closest known key (warning; --strict fails)",
         put(TEXT, front("title: Alpha", "bylin: Me")),
         ["content/texts/alpha.md:3: warning: unknown front matter key `bylin` is ignored; did you mean "
          "`byline`?", "0 error(s), 1 warning(s)"], argv=("check", "--strict")),
    Case("text: not UTF-8",
         put(TEXT, b"---\ntitle: Alpha\n---\nThe first paragraph mentions CECOT here, caf\xe9.\n"),
         ["content/texts/alpha.md:4: error: is not UTF-8 text (byte 0xe9); open it in your editor and save "
          "it with UTF-8 encoding"]),
    Case("text: a file name that cannot be a web address",
         put("content/texts/Bad Name.md", text_file("Bad", "Words.\n")),
         ["content/texts/Bad Name.md: error: file name `Bad Name.md` cannot be a web address; rename it "
          "with lower-case letters, digits and hyphens"]),
    Case("text: a folder named like a text",
         lambda root: (root / "content/texts/beta.md").mkdir(),
         ["content/texts/beta.md: error: is a folder, not a Markdown file; rename it (without `.md`) or "
          "move it out of content/texts/"]),
    Case("page: named like a page the site makes",
         put("content/pages/glossary.md", text_file("Words", "Words.\n")),
         ["content/pages/glossary.md: error: page name `glossary` is already used by (the glossary page); "
          "rename the file, e.g. glossary-page.md"]),
    Case("text: named like the index page",
         put("content/texts/index.md", text_file("An index", "Words.\n")),
         ["content/texts/index.md: error: text name `index` is already used by (the index page); "
          "rename the file, e.g. index-text.md"]),
    Case("text: named like the 404 page",
         put("content/texts/404.md", text_file("Not found", "Words.\n")),
         ["content/texts/404.md: error: text name `404` is already used by (the 404 page); "
          "rename the file, e.g. 404-text.md"]),
    Case("page: named like a text",
         put("content/pages/alpha.md", text_file("Alpha again", "Words.\n")),
         ["content/pages/alpha.md: error: page name `alpha` is already used by content/texts/alpha.md; "
          "rename the file, e.g. alpha-page.md"]),
    Case("page: footnote without a definition",
         put("content/pages/about.md", text_file("About", "A claim[^src].\n")),
         ["content/pages/about.md:4: error: footnote [^src] has no definition; add a line `[^src]: …` "
          "below the paragraph"]),

    # --- notes ----------------------------------------------------------------------------
    Case("note: anchor not found",
         put(NOTES, "## third paragraph\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “third paragraph” not found in content/texts/alpha.md; "
          "the text may have changed — copy the phrase exactly as the text has it (quotes and dashes "
          "included)"]),
    Case("note: anchor with other capitals",
         put(NOTES, "## First Paragraph\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “First Paragraph” not found in content/texts/alpha.md "
          "(it occurs with different capitals: “first paragraph”); copy the phrase exactly as the text has it"]),
    Case("note: anchor ambiguous",
         put(NOTES, "## paragraph\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “paragraph” is ambiguous: it occurs 2 times in "
          "content/texts/alpha.md; add `occurrence: N` (1–2), or `before:`/`after:` with the words around "
          "the one you mean"]),
    Case("note: occurrence beyond the last",
         put(NOTES, "## paragraph\noccurrence: 3\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “paragraph” occurs 2 time(s) in content/texts/alpha.md, "
          "so there is no occurrence 3; lower the number"]),
    Case("note: occurrence not a number",
         put(NOTES, "## paragraph\noccurrence: second\n\nA note.\n"),
         ["content/notes/alpha.md:2: error: `occurrence: second` must be a whole number from 1 (the first "
          "time the phrase appears)"]),
    Case("note: anchor spanning two paragraphs",
         put(NOTES, "## here. A second\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: anchor “here. A second” spans two paragraphs in "
          "content/texts/alpha.md; quote a phrase from within one paragraph"]),
    Case("note: overlapping anchors",
         put(NOTES, "## first paragraph\n\nA note.\n\n## paragraph mentions\n\nAnother.\n"),
         ["content/notes/alpha.md:5: error: anchor “paragraph mentions” overlaps the anchor “first "
          "paragraph” (line 1); shorten one quote so they do not share words"]),
    Case("note: empty",
         put(NOTES, "## first paragraph\n\n## A second\n\nA note.\n"),
         ["content/notes/alpha.md:1: error: note on “first paragraph” is empty; write the note below its "
          "heading or delete the heading"]),
    Case("note: empty heading",
         put(NOTES, "## \n\nA note.\n"),
         ["content/notes/alpha.md:1: error: note heading is empty; write the exact phrase from the text "
          "after `## `"]),
    Case("note: the same id twice",
         put(NOTES, "## first paragraph\nid: one\n\nA note.\n\n## A second\nid: one\n\nAnother.\n"),
         ["content/notes/alpha.md:6: error: note id `one` is already used on line 1; add a different "
          "`id:` line"]),
    Case("note: an id with ../ in it",
         put(NOTES, "## first paragraph\nid: ../../etc\n\nA note.\n"),
         ["content/notes/alpha.md:2: error: note id `../../etc` may hold only letters, digits, `-` and `_`; "
          "change the `id:` line"]),
    Case("note: a file for a text that does not exist",
         put("content/notes/alpah.md", "## first paragraph\n\nA note.\n"),
         ["content/notes/alpah.md: error: notes for a text that does not exist (no content/texts/alpah.md); "
          "rename it to alpha.md"]),
    Case("note: an unclosed code fence swallowing the next notes",
         put(NOTES, "## first paragraph\n\n```\nsome code\n\n## A second\n\nA note.\n"),
         ["content/notes/alpha.md:3: error: code fence opened here is never closed, so everything below it "
          "shows as code (and any `## ` headings below are swallowed); close it with a line of three "
          "backticks (```) or remove it"]),
    Case("note: a link with an empty target",
         put(NOTES, "## first paragraph\n\nSee [the statement]().\n"),
         ["content/notes/alpha.md:3: error: a link has an empty target, so it leads nowhere; write the "
          "address between the brackets, e.g. [words](page.html)"]),
    Case("note: a link to a page that does not exist",
         put(NOTES, "## first paragraph\n\nSee [the statement](alpah.html).\n"),
         ["content/notes/alpha.md:3: error: link `alpah.html` points to a page that does not exist; did you "
          "mean `alpha.html`?"]),
    Case("note: a link to an id that does not exist",
         put(NOTES, "## first paragraph\n\nSee [¶ 9](alpha.html#p9).\n"),
         ["content/notes/alpha.md:3: error: link `alpha.html#p9`: alpha.html has no `#p9`; the page has "
          "paragraphs #p1 to #p2"]),
    Case("note: a link from the site root",
         put(NOTES, "## first paragraph\n\nSee [the text](/alpha.html).\n"),
         ["content/notes/alpha.md:3: error: link `/alpha.html` starts at the site root and breaks when the "
          "site is opened from disk or served under a sub-path; write it relative, e.g. `alpha.html`"]),
    Case("note: a javascript: link is dropped and reported (warning; --strict fails)",
         put(NOTES, "## first paragraph\n\nSee [this](JavaScript:alert(1)).\n"),
         ["content/notes/alpha.md:3: warning: link target `JavaScript:alert(1)` is not allowed and the link "
          "is shown as plain text; link only to web pages (https://…), e-mail addresses (mailto:) or pages "
          "of the site", "0 error(s), 1 warning(s)"], argv=("build", "--strict")),

    # --- glossary -------------------------------------------------------------------------
    Case("glossary: duplicate term",
         put(GLOSSARY, "## CECOT\n\nA prison.\n\n## cecot\n\nAgain.\n"),
         ["content/glossary.md:5: error: term “cecot” is already in the glossary (line 1); merge the two "
          "entries into one"]),
    Case("glossary: alias claimed twice",
         put(GLOSSARY, "## CECOT\naliases: mega-prison\n\nA prison.\n\n## Prison\naliases: mega-prison\n\n"
                       "A jail.\n"),
         ["content/glossary.md:6: error: alias “mega-prison” is already claimed by “CECOT” (line 1); keep "
          "it in one entry only"]),
    Case("glossary: a term that never occurs (warning; --strict fails)",
         put(GLOSSARY, "## CECOT\n\nA prison.\n\n## Zebra\n\nAn animal.\n"),
         ["content/glossary.md:5: warning: glossary term “Zebra” occurs in no text; check its spelling and "
          "aliases, or remove it", "0 error(s), 1 warning(s)"], argv=("check", "--strict")),
    Case("glossary: a definition that links to a missing page",
         put(GLOSSARY, "## CECOT\n\nA prison; see [the statement](statement.html).\n"),
         ["content/glossary.md:3: error: link `statement.html` points to a page that does not exist; "
          "link to one of the site's .html pages"]),
    Case("glossary: a term without a definition",
         put(GLOSSARY, "## CECOT\n"),
         ["content/glossary.md:1: error: glossary term “CECOT” has no definition; write it below the "
          "heading"]),
    Case("glossary: an id that is not a plain name",
         put(GLOSSARY, '## CECOT\nid: a"b onmouseover=x\n\nA prison.\n'),
         ['content/glossary.md:2: error: glossary id `a"b onmouseover=x` may hold only letters, digits, `-` '
          "and `_`; change the `id:` line"]),

    # --- site.yaml ------------------------------------------------------------------------
    Case("site.yaml: missing", remove("site.yaml"),
         ["site.yaml: error: site.yaml is missing; create it with at least `title: My edition`"]),
    Case("site.yaml: empty", put("site.yaml", ""),
         ["site.yaml:1: error: site.yaml is empty; add at least `title: My edition`"]),
    Case("site.yaml: invalid YAML", put("site.yaml", "title: Test\noutput: [_site\n"),
         ["site.yaml:2: error: site.yaml is not valid YAML (expected ',' or ']', but got '<stream end>'); "
          "close the quote or bracket opened on this line"]),
    Case("site.yaml: a list, not settings", put("site.yaml", "- title\n"),
         ["site.yaml:1: error: site.yaml must be a mapping of `key: value` lines"]),
    Case("site.yaml: no title", put("site.yaml", "language: en\n"),
         ["site.yaml:1: error: site.yaml has no `title`; add `title: My edition`"]),
    Case("site.yaml: a yes/no where a choice belongs", put("site.yaml", "title: Test\nglossary_links: yes\n"),
         ["site.yaml:2: error: `glossary_links: True` is not allowed; use one of: first, all, none (YAML "
          "reads yes/no/on/off as true/false)"]),
    Case("site.yaml: a list where text belongs", put("site.yaml", "title: [a, b]\n"),
         ["site.yaml:1: error: `title` must be one line of text, not a list or mapping; write `title: \"…\"`"]),
    Case("site.yaml: unknown key (warning; --strict fails)", put("site.yaml", "title: Test\nthem: default\n"),
         ["site.yaml:2: warning: unknown key `them` is ignored; did you mean `theme`?",
          "0 error(s), 1 warning(s)"], argv=("check", "--strict")),
    Case("site.yaml: unknown theme", put("site.yaml", "title: Test\ntheme: fancy\n"),
         ["site.yaml:2: error: theme `fancy` not found in theme/; use one of: contrast, default"]),
    Case("site.yaml: output is the project root", put("site.yaml", "title: Test\noutput: .\n"),
         ["site.yaml:2: error: `output: .` would overwrite your own files when the site is written; choose "
          "a separate folder such as `_site`"]),
    Case("site.yaml: output is content/", put("site.yaml", "title: Test\noutput: ./content/\n"),
         ["site.yaml:2: error: `output: ./content/` would overwrite your own files when the site is "
          "written; choose a separate folder such as `_site`"]),
    Case("site.yaml: output above the project", put("site.yaml", "title: Test\noutput: ..\n"),
         ["site.yaml:2: error: `output: ..` would overwrite your own files when the site is written; "
          "choose a separate folder such as `_site`"]),

    # --- theme ----------------------------------------------------------------------------
    Case("theme: missing template", remove("theme/default/templates/page.html"),
         ["theme/default/templates/page.html: error: template `page.html` is missing from the theme; "
          "restore it"],
         extra=[put("content/pages/about.md", text_file("About", "Words.\n"))]),
    Case("theme: Jinja syntax error at its line",
         put("theme/default/templates/404.html",
             "{% extends 'base.html' %}\n{% block main %}\n{% if page %}\n{% endblock %}\n"),
         ["theme/default/templates/404.html:4: error: template syntax error: Encountered unknown tag "
          "'endblock'. You probably made a nesting mistake. Jinja is expecting this tag, but currently "
          "looking for 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'; "
          "fix the template at this line"]),
    Case("theme: undefined variable at its line",
         put("theme/default/templates/404.html",
             "{% extends 'base.html' %}\n{% block main %}\n<p>{{ page.subtitel }}</p>\n{% endblock %}\n"),
         ["theme/default/templates/404.html:3: error: template uses an undefined value: 'dict object' has "
          "no attribute 'subtitel'; see theme/README.md for the variables each template receives"]),

    Case("theme: an expression that fails at its line",
         put("theme/default/templates/404.html",
             "{% extends 'base.html' %}\n{% block main %}\n\n<p>{{ page.title + 1 }}</p>\n{% endblock %}\n"),
         ['theme/default/templates/404.html:4: error: template failed (TypeError: can only concatenate str '
          '(not "int") to str); fix the expression on this line of the template']),
    Case("theme: a filter that does not exist",
         put("theme/default/templates/404.html",
             "{% extends 'base.html' %}\n{% block main %}\n<p>{{ page.title|shout }}</p>\n{% endblock %}\n"),
         ["theme/default/templates/404.html:3: error: template syntax error: No filter named 'shout'; fix the "
          "template at this line"]),

    Case("command line: --diff with a path instead of a name",
         lambda root: None,
         ["content/texts: error: `--diff ../../site` takes the name of a text, e.g. `--diff my-text` for "
          "content/texts/my-text.md"], argv=("ingest", "--diff", "../../site")),

    # --- file system ----------------------------------------------------------------------
    Case("output: a file where the folder should be",
         both(put("site.yaml", "title: Test\noutput: public\n"), put("public", "not a folder")),
         ["site.yaml:2: error: `output: public`: public is a file, not a folder, so the site cannot be "
          "written there; move the file away or choose another folder"]),
    Case("output: a parent that is a file",
         both(put("site.yaml", "title: Test\noutput: out/site\n"), put("out", "not a folder")),
         ["site.yaml:2: error: `output: out/site`: out is a file, not a folder, so the site cannot be "
          "written there; move the file away or choose another folder"]),
    Case("content: a link to a file outside the project",
         lambda root: os.symlink(root.parent / "outside.md", root / "content/texts/outside.md"),
         ["content/texts/outside.md: error: is a link to {outside}/outside.md, outside the project; copy "
          "the file into the project instead"],
         extra=[lambda root: (root.parent / "outside.md").write_text(text_file("Out", "Words.\n"))]),
    Case("content: a folder linked from outside the project",
         lambda root: os.symlink(root.parent / "elsewhere", root / "content/pages"),
         ["content/pages/secret.md: error: is a link to {outside}/elsewhere/secret.md, outside the project; "
          "copy the file into the project instead"],
         extra=[put("../elsewhere/secret.md", text_file("Secret", "Words.\n"))]),
    Case("content: the glossary linked from outside the project",
         both(remove(GLOSSARY), lambda root: os.symlink(root.parent / "glossary.md", root / GLOSSARY)),
         ["content/glossary.md: error: is a link to {outside}/glossary.md, outside the project; copy the file "
          "into the project instead"],
         extra=[put("../glossary.md", "## CECOT\n\nA prison.\n")]),
    Case("output: a folder of someone else's files",
         both(put("site.yaml", "title: Test\noutput: docs\n"), put("docs/notes.txt", "my own notes")),
         # write.py refuses this one (its owner's message, asserted in tests/test_write.py too).
         ["error: docs exists and was not written by edition; it will not be replaced. Empty or "
          "remove it, or set another `output:` in site.yaml"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, project, capsys):
    run_case(case, project, capsys)


def test_the_catalogue_is_large_enough():
    assert len(CASES) + len(SEED_CASES) >= 40


# --- seeds ----------------------------------------------------------------------------------

SEED_BODY = ("A Title For The Test\n\nThe first sentence of the article is here and it is long enough.\n\n"
             "A second paragraph closes the article.\n")
FRENCH = ("Le Président\n\nLe président a déclaré que la prison était très sûre et que les détenus étaient "
          "bien traités. « Nous sommes prêts », a-t-il ajouté.\n\nLa réunion a duré deux heures à San "
          "Salvador, où il a reçu le ministre.\n")
SEED_CASES = [
    ("empty", "empty.txt", b"", ["seeds/empty.txt: error: empty seed: there is no text to ingest"]),
    ("only white space", "blank.txt", b"  \n\n\t\n", ["seeds/blank.txt: error: empty seed: there is no text to ingest"]),
    ("only boilerplate", "chrome.txt", "© 2025 Scoop Media\nAll rights reserved\nTerms of Use | Privacy Policy\n".encode(),
     ["seeds/chrome.txt: error: nothing left of the text after the title, the front matter lines and the "
      "site chrome were removed; check the seed"]),
    ("binary", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
     ["seeds/photo.txt: error: binary file (it contains NUL bytes), not text; remove it from seeds/ or "
      "replace it with the text saved as UTF-8"]),
    ("UTF-16", "wide.txt", SEED_BODY.encode("utf-16"), ["seeds/wide.txt: error: UTF-16 text; save it as UTF-8"]),
    ("undecodable bytes", "mess.txt", b"A Title\n\n" + bytes(range(0x80, 0xa0)) * 3 + b"\n",
     ["seeds/mess.txt:3: error: not UTF-8 text (byte 0x80), and its encoding cannot be recognised for "
      "certain; open it in an editor and save it as UTF-8"]),
]


@pytest.mark.parametrize("name,filename,data,messages", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_bad_seed(name, filename, data, messages, project, capsys):
    root = project(GOOD)
    assert main(["--root", str(root)]) == 0
    capsys.readouterr()
    site_before = tree(root / "_site")
    put(f"seeds/{filename}", data)(root)
    inputs_before = inputs(root)

    code = main(["--root", str(root)])

    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [*messages, SUMMARY_1]
    assert "Traceback" not in out + err
    assert tree(root / "_site") == site_before
    assert inputs(root) == inputs_before        # nothing ingested, seed untouched


def test_a_seed_linked_from_outside_the_project_is_refused(project, capsys):
    root = project(GOOD)
    (root.parent / "private.txt").write_text(SEED_BODY, encoding="utf-8")
    (root / "seeds").mkdir()
    os.symlink(root.parent / "private.txt", root / "seeds/private.txt")
    assert main(["--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"seeds/private.txt: error: is a link to {root.parent.resolve()}/private.txt, outside the project; copy "
        "the file into seeds/ instead", SUMMARY_1]
    assert sorted(p.name for p in (root / "content/texts").iterdir()) == ["alpha.md"]


def ingest_one(project, capsys, filename, data):
    root = project(GOOD)
    put(f"seeds/{filename}", data)(root)
    seed_before = data
    code = main(["--root", str(root)])
    out, err = capsys.readouterr()
    assert (root / "seeds" / filename).read_bytes() == seed_before
    return root, code, out, err


def ingested_body(root) -> str:
    [made] = [p for p in (root / "content/texts").glob("*.md") if p.name != "alpha.md"]
    return made.read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_single_byte_seed_is_decoded_with_a_warning(encoding, project, capsys):
    root, code, out, err = ingest_one(project, capsys, "french.txt", FRENCH.encode(encoding))
    assert code == 0
    assert ("seeds/french.txt:1: warning: not UTF-8 text; read it as cp1252 (Windows Western, guessed): "
            "check quotes and accents, then save it as UTF-8") in err.splitlines()
    assert "« Nous sommes prêts », a-t-il ajouté." in ingested_body(root)


def test_cp1252_smart_quotes_are_decoded(project, capsys):
    text = SEED_BODY.replace("first sentence", "“first” sentence’s")
    root, code, out, err = ingest_one(project, capsys, "smart.txt", text.encode("cp1252"))
    assert code == 0
    assert "seeds/smart.txt:3: warning: not UTF-8 text" in err
    assert "“first” sentence’s" in ingested_body(root)


@pytest.mark.parametrize("name,data", [
    ("bom", b"\xef\xbb\xbf" + SEED_BODY.encode()),
    ("crlf", SEED_BODY.replace("\n", "\r\n").encode()),
    ("lone cr", SEED_BODY.replace("\n", "\r").encode()),
])
def test_bom_and_line_endings_ingest_cleanly(name, data, project, capsys):
    root, code, out, err = ingest_one(project, capsys, "seed.txt", data)
    assert code == 0, err
    assert err == ""
    body = ingested_body(root)
    assert "\r" not in body and "\ufeff" not in body
    assert body == ("The first sentence of the article is here and it is long enough.\n\n"
                    "A second paragraph closes the article.\n")


@pytest.mark.parametrize("filename", ["my seed.txt", "café déjà.txt", ".hidden seed.txt"])
def test_odd_seed_file_names(filename, project, capsys):
    root, code, out, err = ingest_one(project, capsys, filename, SEED_BODY.encode())
    assert code == 0, err
    assert f"ingested seeds/{filename} -> content/texts/a-title-for-the-test.md" in out
    assert f'source_file: "seeds/{filename}"' in (root / "content/texts/a-title-for-the-test.md").read_text() \
        or f"source_file: seeds/{filename}" in (root / "content/texts/a-title-for-the-test.md").read_text()
    assert (root / "_site/a-title-for-the-test.html").is_file()


def test_two_seeds_with_the_same_slug(project, capsys):
    """A new seed never stops the build: the second seed gets a distinct slug, with a warning."""
    root = project(GOOD)
    put("seeds/a.txt", SEED_BODY)(root)
    put("seeds/b.txt", SEED_BODY)(root)
    code = main(["--root", str(root)])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.splitlines()[0] == (
        "seeds/b.txt:1: warning: gives the slug `a-title-for-the-test`, already taken by seeds/a.txt; written "
        "as content/texts/a-title-for-the-test-2.md (rename the file if you like: its source_file keeps it "
        "linked to this seed)")
    assert sorted(p.name for p in (root / "content/texts").iterdir()) == [
        "a-title-for-the-test-2.md", "a-title-for-the-test.md", "alpha.md"]
    assert (root / "_site/a-title-for-the-test-2.html").is_file()


def test_a_ten_megabyte_seed_takes_about_ten_times_a_one_megabyte_one(tmp_path, capsys):
    # Time grows with the seed's size, never with its square: a ratio, not a clock, so a loaded
    # machine does not fail it (linear is 10x; a quadratic step would be about 100x).
    paragraph = ("The committee heard evidence from several witnesses about the prison and the fee, "
                 "and said so plainly. ") * 8

    def timed(count: int):
        data = ("A Very Long Seed\n\n" + "\n\n".join([paragraph] * count) + "\n").encode()
        started = time.perf_counter()
        project = lambda files: write_project(tmp_path / str(count), files, SITE_YAML)  # noqa: E731
        root, code, out, err = ingest_one(project, capsys, "big.txt", data)
        assert code == 0, err
        return time.perf_counter() - started, root, len(data)
    small, _, small_size = timed(1_250)
    big, root, big_size = timed(12_500)
    assert small_size > 1_000_000 and big_size > 10_000_000
    assert big < 25 * small + 5, f"1 MB: {small:.1f} s, 10 MB: {big:.1f} s"
    assert (root / "_site/a-very-long-seed.html").stat().st_size > 10_000_000


# --- the command line itself ------------------------------------------------------------------

def exit_code(argv) -> int:
    """The status `python build.py …` exits with, whether main returns it or argparse exits."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize("argv,message", [
    (["bild"], "build.py: error: argument COMMAND: invalid choice: 'bild' (choose from 'ingest', 'build', "),
    (["build", "--nope"], "build.py: error: unrecognized arguments: --nope"),
])
def test_command_line_misuse_exits_2(argv, message, project, capsys):
    root = project(GOOD)
    assert exit_code(["--root", str(root), *argv]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines()[-1].startswith(message)     # the list of commands grows
    assert "Traceback" not in err


def test_an_unexpected_failure_is_one_line_and_debug_shows_the_traceback(project, capsys, monkeypatch):
    root = project(GOOD)
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    site_before = tree(root / "_site")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")
    from edition import build
    monkeypatch.setattr(build, "build", broken)
    assert main(["--root", str(root), "build", "--clean"]) == 1     # --clean: past the no-change shortcut
    err = capsys.readouterr().err
    assert err == "error: RuntimeError: disk on fire (run again with --debug for details)\n"

    assert main(["--root", str(root), "--debug", "build", "--clean"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert err.rstrip().endswith("RuntimeError: disk on fire")
    assert tree(root / "_site") == site_before


def test_every_problem_is_reported_at_once(project, capsys):
    root = project({**GOOD,
                    TEXT: front("title: Alpha", "date: soon"),
                    NOTES: "## nowhere\n\nA note.\n",
                    GLOSSARY: "## CECOT\n\nSee [x](missing.html).\n"})
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/glossary.md:3: error: link `missing.html` points to a page that does not exist; link to one "
        "of the site's .html pages",
        "content/notes/alpha.md:1: error: anchor “nowhere” not found in content/texts/alpha.md; the text may "
        "have changed — copy the phrase exactly as the text has it (quotes and dashes included)",
        "content/texts/alpha.md:3: error: `date: soon` is not a date; write the year, the year and month or the "
        "full date (1916, 1863-11 or 1863-11-19), or leave it empty when the source gives none",
        "3 error(s), 0 warning(s)",
    ]
