"""The themes: the second theme builds on the default, and the pages keep the theme contract
(nothing from outside the site, no inline script, a light article page, a documented contract)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, build_edition, text_file
from edition.cli import main

ARTICLE = "harbour-bridge-reopens.html"
THEME = REPO / "theme"
TEXT = text_file("A small text", "The fee was relatively low, said the minister.\n\nA second paragraph.\n",
                 publisher="The Paper", date="2025-02-04")
NOTES = "## relatively low\n\nNo amount was named.\n\nSource: [A source](https://example.org/a)\n"
GLOSSARY = "## minister\n\nA member of the government.\n"


def build(project, theme: str | None):
    site_yaml = "title: Test edition\nlanguage: en\noutput: _site\n" + (f"theme: {theme}\n" if theme else "")
    root = project({"content/texts/small.md": TEXT, "content/notes/small.md": NOTES,
                    "content/glossary.md": GLOSSARY}, site_yaml)
    assert main(["--root", str(root), "build"]) == 0
    return root / "_site"


def test_the_contrast_theme_layers_its_stylesheet_on_the_default_theme(project):
    site = build(project, "contrast")
    page = (site / "small.html").read_text(encoding="utf-8")
    # its own stylesheet, after the default one it overrides
    assert page.index('href="static/edition.css"') < page.index('href="static/contrast.css"')
    contrast = (site / "static" / "contrast.css").read_text(encoding="utf-8")
    assert contrast.startswith(":root{--bg:#ffffff;") and "/*" not in contrast    # published without its comments
    # everything it does not have comes from the default theme
    assert (site / "static" / "edition.js").is_file()
    assert "Skip to the text" in page
    assert '<sup class="note-ref" id="ref-relatively-low">' in page
    assert '<li id="note-relatively-low" value="1">' in page


def test_the_default_theme_adds_no_theme_stylesheet(project):
    site = build(project, None)
    page = (site / "small.html").read_text(encoding="utf-8")
    assert "contrast.css" not in page and not (site / "static" / "contrast.css").exists()


def test_a_theme_file_overrides_the_default_one(project, tmp_path):
    root = project({"content/texts/small.md": TEXT}, "title: T\nlanguage: en\ntheme: mine\n")
    (root / "theme" / "mine" / "templates").mkdir(parents=True)
    (root / "theme" / "mine" / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Lost in the edition</h1>{% endblock %}', encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 0
    assert "<h1>Lost in the edition</h1>" in (root / "_site" / "404.html").read_text(encoding="utf-8")
    assert "Skip to the text" in (root / "_site" / "small.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("edition"))


def pages(site: Path):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(site.glob("*.html"))}


def test_pages_load_nothing_from_outside_the_site_and_link_relatively(real_site):
    for name, html in pages(real_site).items():
        for tag in re.findall(r"<(?:script|link|img|source|iframe)\b[^>]*>", html):
            url = re.search(r'\b(?:src|href)="([^"]*)"', tag)
            if url and "canonical" not in tag:
                assert not re.match(r"[a-z]+:|//|/", url.group(1)), f"{name} loads {url.group(1)} from outside"
        assert not re.search(r'\b(?:href|src)="/', html), f"{name} has a root-absolute link"


def test_pages_keep_the_content_security_policy_working(real_site):
    for name, html in pages(real_site).items():
        assert "script-src 'self'" in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{name} has an inline script"
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html), f"{name} has an event-handler attribute"
        assert not re.search(r"<[a-z][^>]*\sstyle=", html), f"{name} has an inline style"
        assert "<style" not in html


def test_an_article_page_and_everything_it_loads_stay_light(real_site):
    html = (real_site / ARTICLE).read_bytes()
    loaded = re.findall(rb'(?:src|href)="(static/[^"]+)"', html)
    assets = sum((real_site / url.decode()).stat().st_size for url in set(loaded))
    assert assets < 40_000, f"CSS and JavaScript weigh {assets} bytes; the budget is 40 KB"
    assert len(html) + assets < 100_000, f"the article page weighs {len(html) + assets} bytes; the budget is 100 KB"
    # served, the script sets the text in the face too (its stylesheet is linked, above): every style's file it may use
    face = re.search(rb'data-face="([^"]+)"', html).group(1).decode()
    assert face.encode() in loaded
    fonts = sum(p.stat().st_size for p in (real_site / face).parent.glob("*.woff2"))
    assert len(html) + assets + fonts < 130_000, f"the article page with its face weighs {len(html) + assets + fonts} bytes"


def test_the_published_stylesheet_and_script_lose_their_comments_not_their_rules(real_site):
    css = (real_site / "static" / "edition.css").read_text(encoding="utf-8")
    source = (REPO / "theme" / "default" / "static" / "edition.css").read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in css and len(css) < 0.85 * len(source)
    assert ".block:target>.passage-cite{display:block}" in css
    js = (real_site / "static" / "edition.js").read_text(encoding="utf-8")
    assert "// " not in js and "function setupCite()" in js


def test_without_javascript_every_note_number_and_term_links_to_its_target(real_site):
    html = (real_site / ARTICLE).read_text(encoding="utf-8")
    glossary = (real_site / "glossary.html").read_text(encoding="utf-8")
    refs = re.findall(r'<a href="#(note-[^"]+)" role="doc-noteref"', html)
    assert len(refs) == 26
    for target in refs:
        assert f'id="{target}"' in html
    for term in set(re.findall(r'<a class="term" href="glossary.html#([^"]+)"', html)):
        assert f'<dt id="{term}"' in glossary
    # the margin notes' links lead to the full notes
    for target in re.findall(r'<a class="sidenote-more" href="#([^"]+)"', html):
        assert f'<li id="{target}"' in html


def test_the_theme_readme_documents_each_template_and_every_hook_of_the_script():
    readme = (THEME / "README.md").read_text(encoding="utf-8")
    for template in (THEME / "default" / "templates").glob("*.html"):
        assert f"`{template.name}`" in readme, f"theme/README.md does not describe {template.name}"
    for template in (THEME / "default" / "templates" / "epub").glob("*"):
        assert f"`epub/{template.name}`" in readme, f"theme/README.md does not describe epub/{template.name}"
    script = "".join((THEME / "default" / "static" / name).read_text(encoding="utf-8") for name in ("edition-head.js", "edition.js"))
    hooks = {m[1] for m in re.findall(r"""querySelector(?:All)?\((["'])(.+?)\1""", script)}
    hooks |= {f"#{prefix}" for prefix in re.findall(r'getElementById\("([a-z-]+)"', script)}
    classes = {c for hook in hooks for c in re.findall(r"[.#][a-z][a-z0-9-]*", hook)}
    undocumented = sorted(c for c in classes if f"`{c}" not in readme)
    assert undocumented == []


def test_a_link_in_a_theme_s_static_folder_to_a_file_elsewhere_is_refused_not_published(project, tmp_path, capsys):
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY")
    root = project({"content/texts/alpha.md": text_file("Alpha", "Words.\n")})
    (root / "theme/default/static/key.txt").symlink_to(secret)
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "theme/default/static/key.txt: error: is a link to" in err and "outside the project" in err
    assert not (root / "_site").exists()


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory):
    return build_edition(tmp_path_factory.mktemp("shapes"), name="shapes")


def test_verse_and_chapter_pages_stay_within_the_budget_too(shapes_site):
    assets = sum((shapes_site / "static" / name).stat().st_size for name in ("edition.css", "edition.js"))
    for name in ("the-road-not-taken.html", "o-captain-my-captain.html", "the-keepers-year.html",
                 "the-keepers-year.3.html", "declaration-des-droits-de-l-homme.html"):
        weight = (shapes_site / name).stat().st_size + assets
        assert weight < 100_000, f"{name} weighs {weight} bytes with its CSS and JavaScript; the budget is 100 KB"
    for name, html in pages(shapes_site).items():
        assert not re.search(r"<[a-z][^>]*\sstyle=", html) and "<style" not in html, name
