"""Hostile content: seeds and annotations are text, never code.

A project full of script tags, event handlers and `javascript:` links in every place an editor
or a scraped source can put text is built, and every page is read back as a browser would
parse it: no script but the theme's own, no event handler, no dangerous address, and the
payloads shown to the reader as the text they are.
"""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write_project
from edition.cli import main

SCRIPT = "<script>window.__pwned='{}'</script>"
ONERROR = "<img src=x onerror=\"window.__pwned='{}'\">"
SVG = "<svg onload=\"window.__pwned='{}'\"></svg>"
RAW_LINK = "<a href=\"javascript:window.__pwned='{}'\">raw link</a>"


SOURCE_URL = "https://example.org/?q=\"><script>window.__pwned='source'</script>"


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value)


def payloads(where: str) -> str:
    return " ".join(p.format(where) for p in (SCRIPT, ONERROR, SVG, RAW_LINK))


# Every spelling of a script address that a browser would run (markdown-it must refuse them all).
MARKDOWN_LINKS = [
    "[plain](javascript:window.__pwned='{}-plain')",
    "[mixed](JaVaScRiPt:window.__pwned='{}-mixed')",
    "[entity](jav&#x61;script:window.__pwned='{}-entity')",
    "[decimal](&#106;avascript:window.__pwned='{}-decimal')",
    "[named](javascript&colon;window.__pwned='{}-named')",
    "[angle](<javascript:window.__pwned='{}-angle'>)",
    "![image](javascript:window.__pwned='{}-image')",
    "[vb](vbscript:msgbox('{}'))",
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "<javascript:window.__pwned='{}-auto'>",
    "[reference]",
]


def markdown_links(where: str) -> str:
    return (" ".join(link.format(where) for link in MARKDOWN_LINKS)
            + f"\n\n[reference]: javascript:window.__pwned='{where}-ref'\n")


SEED = (f"Hostile Seed\n\n"
        f"The seed says {payloads('seed')} right here.\n\n"
        f"A scraped link [click me](javascript:window.__pwned='seed-md') and CECOT in a second paragraph.\n")


def hostile_project(root: Path) -> Path:
    """A project with hostile text in a seed, a text's front matter, notes, glossary, page and site.yaml."""
    write_project(root, {
        "seeds/hostile.txt": SEED,
        "content/texts/alpha.md": (
            "---\n"
            f"title: {quoted('Alpha </title>' + SCRIPT.format('title'))}\n"
            f"subtitle: {quoted(ONERROR.format('subtitle'))}\n"
            f"byline: {quoted('By ' + SCRIPT.format('byline') + ' CECOT')}\n"
            f"photo_caption: {quoted(SVG.format('caption'))}\n"
            f"source_url: {quoted(SOURCE_URL)}\n"
            "---\n"
            "The first paragraph of the text mentions CECOT once.\n\n"
            "A second paragraph with more words in it.\n"),
        "content/notes/alpha.md": (
            "## first paragraph\n\n"
            f"Note {payloads('note')} and [a source](https://example.org/source).\n\n"
            + markdown_links("note")),
        "content/glossary.md": (
            "## CECOT\n"
            "aliases: mega-prison\n\n"
            f"Definition {payloads('glossary')}.\n\n" + markdown_links("glossary")),
        "content/pages/about.md": (
            "---\n"
            f"title: {quoted('About ' + SCRIPT.format('page-title'))}\n"
            "---\n"
            f"Page {payloads('page')} and [outside](https://example.org/page).\n\n" + markdown_links("page")),
    }, site_yaml=f"title: {quoted('Edition ' + SCRIPT.format('site'))}\nlanguage: en\noutput: _site\n")
    assert main(["--root", str(root), "ingest"]) == 0
    [seed_text] = [p for p in (root / "content/texts").glob("*.md") if p.name != "alpha.md"]
    # A note anchored on the seed's own markup: its quote is shown in the notes list too.
    (root / "content/notes" / seed_text.name).write_text(
        f"## {ONERROR.format('seed')}\n\nA note on markup quoted from the seed {payloads('seed-note')}.\n\n"
        f"## right here\n\n{markdown_links('seed-note')}", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = hostile_project(tmp_path_factory.mktemp("hostile") / "proj")
    status = main(["--root", str(root), "build"])
    assert status == 0
    return root / "_site"


class Elements(HTMLParser):
    """Every start tag with its attributes, script bodies, and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.text, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path):
    return sorted(site.glob("*.html"))


def dangerous(url: str) -> bool:
    # Browsers ignore leading spaces and control characters and tabs inside the scheme.
    squeezed = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:", "file:"))


def test_the_hostile_project_builds_and_reports_the_refused_links(tmp_path, capsys):
    root = hostile_project(tmp_path / "proj")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 0
    err = capsys.readouterr().err.splitlines()
    refused = [line for line in err if "is not allowed and the link is shown as plain text" in line]
    # Ten refused inline spellings and one reference definition, in each of four files.
    assert len(refused) == 4 * 11
    assert ("content/notes/alpha.md:5: warning: link target `JaVaScRiPt:window.__pwned='note-mixed'` is not "
            "allowed and the link is shown as plain text; link only to web pages (https://…), e-mail "
            "addresses (mailto:) or pages of the site") in err
    assert main(["--root", str(root), "build", "--strict"]) == 1


def test_no_script_runs_but_the_themes_own(hostile_site):
    for page in pages(hostile_site):
        parsed = parse(page)
        scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
        assert [a["src"] for a in scripts] == ["static/edition-head.js", "static/edition.js"], page.name
        # its data-* name only the site's own files (the face the script may link)
        assert all(v.startswith("static/") for a in scripts for k, v in a.items() if k.startswith("data-")), page.name
        assert parsed.scripts == ["", ""], page.name


def test_no_element_carries_an_event_handler(hostile_site):
    for page in pages(hostile_site):
        handlers = [(tag, name) for tag, attrs in parse(page).tags for name in attrs if name.startswith("on")]
        assert handlers == [], page.name


def test_no_element_that_could_run_or_load_anything(hostile_site):
    for page in pages(hostile_site):
        tags = {tag for tag, _ in parse(page).tags}
        assert not tags & {"img", "svg", "iframe", "object", "embed", "form", "base", "style", "math"}, page.name


def test_no_address_is_a_script(hostile_site):
    for page in pages(hostile_site):
        for tag, attrs in parse(page).tags:
            for name in ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset"):
                assert not dangerous(attrs.get(name) or ""), (page.name, tag, attrs)


@pytest.mark.parametrize("page,shown", [
    ("alpha.html", SCRIPT.format("title")),
    ("alpha.html", ONERROR.format("subtitle")),
    ("alpha.html", SCRIPT.format("byline")),
    ("alpha.html", SCRIPT.format("note")),
    ("alpha.html", "[mixed](JaVaScRiPt:window.__pwned='note-mixed')"),
    ("alpha.html", "[entity](javascript:window.__pwned='note-entity')"),
    ("glossary.html", RAW_LINK.format("glossary")),
    ("glossary.html", "[plain](javascript:window.__pwned='glossary-plain')"),
    ("about.html", SCRIPT.format("page-title")),
    ("about.html", ONERROR.format("page")),
    ("index.html", SCRIPT.format("site")),
    ("hostile-seed.html", SCRIPT.format("seed")),
    ("hostile-seed.html", "[click me](javascript:window.__pwned='seed-md')"),
    ("hostile-seed.html", ONERROR.format("seed-note")),
])
def test_markup_in_the_content_is_shown_as_text(hostile_site, page, shown):
    text = " ".join("".join(parse(hostile_site / page).text).split())
    assert shown in text


def test_a_note_anchored_on_markup_wraps_the_escaped_text(hostile_site):
    source = (hostile_site / "hostile-seed.html").read_text(encoding="utf-8")
    escaped = html.escape(ONERROR.format("seed"), quote=False).replace('"', "&quot;")
    assert re.search(r'<span class="anchor" data-note="[^"]+">' + re.escape(escaped), source)


CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def test_every_page_carries_the_content_security_policy_before_any_script(hostile_site):
    checked = 0
    for page in pages(hostile_site):
        tags = parse(page).tags
        policies = [attrs.get("content") for tag, attrs in tags
                    if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy"]
        assert policies == [CSP], page.name
        first_script = next(i for i, (tag, _) in enumerate(tags) if tag == "script")
        policy_at = next(i for i, (tag, attrs) in enumerate(tags) if attrs.get("http-equiv"))
        assert policy_at < first_script, page.name
        checked += 1
    assert checked == 6     # index, 404, glossary, about, alpha, hostile-seed
    for directive in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"):
        assert directive not in CSP.split()


def test_every_external_link_opens_without_the_opener_or_referrer(hostile_site):
    seen = 0
    for page in pages(hostile_site):
        for tag, attrs in parse(page).tags:
            href = attrs.get("href") or ""
            if tag == "a" and re.match(r"(?i)(https?:)?//", href):
                assert {"noopener", "noreferrer"} <= set((attrs.get("rel") or "").split()), (page.name, href)
                seen += 1
    assert seen >= 3    # a note link, a page link and the text's source_url from the template


def test_the_source_link_from_front_matter_is_escaped(hostile_site):
    source = (hostile_site / "alpha.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned='source'" not in source
    assert 'href="https://example.org/?q=&#34;&gt;&lt;script&gt;' in source


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                                   "//evil.example/x", "alpha.html"])
def test_a_source_url_that_is_not_a_web_address_is_refused(value, project, capsys):
    root = project({"content/texts/alpha.md": f"---\ntitle: Alpha\nsource_url: \"{value}\"\n---\nWords.\n"})
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/texts/alpha.md:3: error: `source_url: {value}` is not a web address; write the full address "
        "starting with https:// (or http://), or leave it empty")
    assert not (root / "_site").exists()


def test_a_base_url_that_is_not_a_web_address_is_refused(project, capsys):
    root = project({"content/texts/alpha.md": "---\ntitle: Alpha\n---\nWords.\n"},
                   site_yaml="title: T\nbase_url: \"javascript:alert(1)//\"\n")
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "site.yaml:2: error: `base_url: javascript:alert(1)//` is not a web address; write the full address "
        "the site is published at, starting with https://, or leave it empty")


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd"])
def test_a_source_file_outside_the_project_is_refused(value, project, capsys):
    root = project({"content/texts/alpha.md": f"---\ntitle: Alpha\nsource_file: \"{value}\"\n"
                                              "source_sha256: abc\n---\nWords.\n"})
    assert main(["--root", str(root), "check"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/texts/alpha.md:3: error: `source_file: {value}` must name a seed inside the project, "
        "e.g. seeds/name.txt; fix the path or leave it empty")


def test_a_seed_title_with_a_path_in_it_stays_inside_content(tmp_path, capsys):
    root = write_project(tmp_path / "proj", {"seeds/evil.txt": "../../../tmp/evil /etc/passwd\n\n"
                                                               "The body of the text is here.\n"})
    assert main(["--root", str(root)]) == 0, capsys.readouterr().err
    made = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md") if "theme" not in p.relative_to(root).parts[:1])
    assert len(made) == 1 and re.fullmatch(r"content/texts/[a-z0-9][a-z0-9-]*\.md", made[0]), made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj"]


@pytest.mark.parametrize("value", ['https://example.org/"><script>alert(1)</script>', "https://example.org/a b",
                                   "https://example.org/'onload='x", "https://ex\\ample.org/", "https://[::1/",
                                   "https://example.org/\x1b[2J"])
def test_a_base_url_that_could_break_out_of_its_attribute_is_refused(project, capsys, value):
    root = project({"content/texts/alpha.md": "---\ntitle: Alpha\n---\nWords.\n"})
    assert main(["--root", str(root), "build", "--base-url", value]) == 2
    assert "is not a web address" in capsys.readouterr().err
    assert not (root / "_site").exists()
