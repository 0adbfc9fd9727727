"""Cite a passage in the browser: following a paragraph's or a line's number shows its citation
with its locator and permalink, one button copies it, and without the script the paragraph shows
the same words."""
from __future__ import annotations

import pytest

from .conftest import ARTICLE, NARROW
from .test_accessibility import axe  # noqa: F401  (fixture)
from .test_shapes import POEM, shapes, shapes_site  # noqa: F401  (fixtures)

PANEL = ".passage-cite-panel"


@pytest.fixture(params=["file", "served"])
def base(request, file_base, server):
    return file_base if request.param == "file" else server


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_paragraphs_number_gives_its_citation_and_permalink_and_copies_it(visit, base):
    v = visit(base, permissions=["clipboard-read", "clipboard-write"] if base.startswith("http") else [])
    v.open(ARTICLE + "#p2")
    panel = v.page.locator(f"#p2 {PANEL}")
    assert panel.is_visible()
    said = words(panel.inner_text())
    assert said.startswith("Cite this passage: Ada Marsh, “Harbour bridge reopens after two years of repairs”, ¶ 2. ")
    assert said.split(". ", 1)[1].split()[0].endswith(ARTICLE + "#p2")
    # following another number moves the citation there
    v.page.click("#p3 .pilcrow")
    assert v.page.locator(f"#p3 {PANEL}").is_visible() and v.page.locator(f"#p2 {PANEL}").count() == 0
    assert "¶ 3." in v.page.locator(f"#p3 {PANEL}").inner_text()
    v.page.click(f"#p3 {PANEL} button")
    v.page.locator(f"#p3 {PANEL} [role=status]").filter(has_text="Copied").wait_for(timeout=3000)
    if base.startswith("http"):
        copied = v.page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("Ada Marsh, “Harbour bridge reopens after two years of repairs”, ¶ 3. ")
        assert copied.endswith(ARTICLE + "#p3")
    # the static words are for readers without the script: never shown twice
    assert not v.page.locator("#p3 .passage-cite").is_visible()
    assert v.errors == [] and v.outside == []


def test_without_javascript_the_followed_paragraph_shows_its_citation(visit, server):
    v = visit(server, java_script_enabled=False)
    v.open(ARTICLE + "#p2")
    shown = v.page.locator("#p2 .passage-cite")
    assert shown.is_visible()
    assert words(shown.inner_text()) == "Cite this passage: Ada Marsh, “Harbour bridge reopens after two years of repairs”, ¶ 2."
    assert not v.page.locator("#p3 .passage-cite").is_visible()
    v.open(ARTICLE)
    assert v.page.locator(".passage-cite:visible").count() == 0


def test_a_line_of_verse_is_cited_by_its_line(visit, shapes):  # noqa: F811
    v = visit(shapes, viewport=NARROW)
    v.open(POEM + "#l12")
    panel = v.page.locator(PANEL)
    assert panel.is_visible() and panel.count() == 1
    assert words(panel.inner_text()).startswith("Cite this passage: Robert Frost, “The Road Not Taken”, l. 12. ")
    # it stands under line 12, before line 13
    top = v.page.evaluate(f"document.querySelector('{PANEL}').getBoundingClientRect().top")
    assert v.page.evaluate("document.getElementById('l12').getBoundingClientRect().bottom") <= top + 1
    assert top < v.page.evaluate("document.getElementById('l13').getBoundingClientRect().top")
    assert v.errors == []


def test_the_open_citation_passes_axe(visit, server):
    from axe_playwright_python.sync_playwright import Axe
    v = visit(server)
    v.open(ARTICLE + "#p4")
    v.page.locator(PANEL).wait_for(timeout=3000)
    results = Axe().run(v.page)
    assert results.violations_count == 0, results.response["violations"]
