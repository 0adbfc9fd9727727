"""The search index in the browser, from disk and under a sub-path: the loader (search/search.js)
loads MiniSearch and the index as plain scripts, matches words as readers type them, and each
result links to a paragraph or note that is there to land on."""
from __future__ import annotations

import pytest

from .conftest import ARTICLE

SEARCH = """async (query) => {
  if (!window.EditionSearch) await new Promise((ok, fail) => {
    const s = document.createElement('script'); s.src = 'search/search.js';
    s.onload = ok; s.onerror = fail; document.head.appendChild(s); });
  return await new Promise(ok => EditionSearch.search(query, r => r.complete && ok(r)));
}"""


def ask(v, query):
    return v.page.evaluate(SEARCH, query)


def marked(place) -> list:
    return [text for text, hit in place["segments"] if hit]


@pytest.fixture(params=["file", "served"])
def base(request, file_base, server):
    return file_base if request.param == "file" else server


def test_a_word_is_found_as_readers_type_it_and_its_result_lands_on_the_paragraph(visit, base):
    v = visit(base)
    v.open(ARTICLE)
    found = ask(v, "ÍNES")           # capitals and an accent the text does not have: "Ines"
    assert found["results"], "no result for ÍNES"
    article = next(r for r in found["results"] if r["url"] == ARTICLE and r["kind"] == "text")
    place = article["places"][0]
    assert place["kind"] == "p" and place["href"] == f"{ARTICLE}#p{place['number']}"
    assert marked(place) == ["Ines"]
    # the permalink lands on the paragraph, which holds the word
    v.open(place["href"])
    assert v.page.evaluate("() => location.hash") == f"#p{place['number']}"
    assert "Ines" in v.page.locator(f"#p{place['number']}").inner_text()
    assert v.page.locator(f"#p{place['number']}").is_visible()
    assert v.errors == [] and v.outside == []


def test_plurals_notes_and_the_glossary_are_found(visit, base):
    v = visit(base)
    v.open("index.html")
    found = ask(v, "tolls")
    kinds = {r["kind"] for r in found["results"]}
    assert {"text", "notes", "glossary"} <= kinds, kinds
    for result in found["results"]:
        for place in result["places"]:
            assert any(word.lower().startswith("toll") for word in marked(place)) or result["kind"] == "glossary"
    note = next(p for r in found["results"] if r["kind"] == "notes" for p in r["places"])
    assert note["href"].split("#")[1].startswith("note-")
    v.open(note["href"])
    assert v.page.locator("#" + note["href"].split("#")[1]).count() == 1
    assert v.errors == [] and v.outside == []


def test_the_word_being_typed_matches_as_a_prefix_and_nothing_matches_nothing(visit, server):
    v = visit(server)
    v.open(ARTICLE)
    assert any(r["url"] == ARTICLE for r in ask(v, "harbo")["results"])
    assert ask(v, "zzzzqx")["results"] == []
    assert ask(v, "the")["results"] == []          # a stop word alone
    assert v.errors == [] and v.outside == []


def test_hostile_text_in_a_snippet_stays_text(visit, server):
    # Snippets are plain text segments: the page shows them with textContent, never as HTML.
    v = visit(server)
    v.open(ARTICLE)
    for result in ask(v, "bridge")["results"]:
        for place in result["places"]:
            assert all(isinstance(text, str) and isinstance(hit, bool) for text, hit in place["segments"])


def test_the_page_folds_words_by_the_same_rules_as_the_index(visit, tmp_path):
    # A Spanish text: the loader must fold "Cártel" and plurals as search.py folded the text.
    from conftest import text_file, write_project
    from edition.cli import main
    root = write_project(tmp_path / "es", {
        "content/texts/carteles.md": text_file("Los carteles", "Los carteles de Sinaloa y las ciudades.\n\n"
                                               "Otra frase sin nada.\n", language="es")},
        "title: Edición\nlanguage: es\noutput: _site\n")
    assert main(["--root", str(root), "build"]) == 0
    v = visit((root / "_site").as_uri() + "/")
    v.open("carteles.html")
    for query, word in (("Cártel", "carteles"), ("CIUDAD", "ciudades"), ("sinaloa", "Sinaloa")):
        found = ask(v, query)["results"]
        places = {place["href"]: marked(place) for place in found[0]["places"]}
        assert places["carteles.html#p1"] == [word], (query, found)
    assert v.errors == [] and v.outside == []


def test_the_search_box_finds_a_word_and_its_result_lands_on_the_highlighted_paragraph(visit, base):
    v = visit(base)
    v.open("index.html")
    box = v.page.locator("#site-search-input")
    assert box.is_visible()
    box.fill("Ínes")
    paragraph = v.page.locator(f'.search-results a.search-place[href$="{ARTICLE}#p1"]')
    paragraph.wait_for(timeout=5000)
    assert v.page.locator(".search-results mark").first.inner_text() == "Ines"
    paragraph.click()
    v.page.wait_for_load_state("load")
    assert v.page.evaluate("() => location.hash") == "#p1"
    target = v.page.locator("#p1")
    assert target.is_visible() and "Ines" in target.inner_text()
    assert v.page.evaluate("() => document.querySelector('#p1').matches(':target')")
    assert v.errors == [] and v.outside == []


def test_without_javascript_there_is_no_search_box_and_nothing_is_loaded(visit, server):
    v = visit(server, java_script_enabled=False)
    requested = []
    v.page.on("request", lambda r: requested.append(r.url))
    v.open(ARTICLE)
    assert not v.page.locator(".site-search").is_visible()
    assert not [url for url in requested if "/search/" in url]


def test_the_open_results_pass_axe(visit, server):
    from axe_playwright_python.sync_playwright import Axe
    v = visit(server)
    v.open(ARTICLE)
    v.page.locator("#site-search-input").fill("bridge")
    v.page.locator(".search-results .search-place").first.wait_for(timeout=5000)
    results = Axe().run(v.page)
    assert results.violations_count == 0, results.response["violations"]
