"""The theme's text face: served, the page paints at once in the face's scaled fallback, fetches
the face once it has painted, and keeps its text where it was when the face takes over; the next
page of the visit is set in the face from the start. Opened from disk (where Chromium refuses
font files) and without the script, the system's serif stays, with no error and no request for
a font."""
from __future__ import annotations

from .conftest import ARTICLE, NARROW

LOADED = "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, '') + ' ' + f.weight + ' ' + f.style)"
# the header's lines and the first paragraphs: where each block is and how tall
BLOCKS = """() => [...document.querySelectorAll('.text-header > *, .text-body > .block')].slice(0, 8)
  .map(e => { const r = e.getBoundingClientRect(); return [e.id || e.className, r.top, r.height]; })"""


def test_served_the_page_paints_in_the_fallback_and_keeps_its_lines_when_the_face_arrives(visit, server):
    for viewport in (NARROW, None):
        v = visit(server, **({"viewport": viewport} if viewport else {}))
        held = []
        v.page.route("**/*.woff2", lambda route: held.append(route))     # the face waits for the test
        v.page.goto(server + ARTICLE, wait_until="domcontentloaded")
        for _ in range(100):
            if len(held) >= 3:
                break
            v.page.wait_for_timeout(50)
        # asked for once the page had painted: the regular, italic and bold styles' Latin files
        assert sorted(r.request.url.rsplit("/", 1)[1] for r in held) == [
            "literata-latin-400-italic.woff2", "literata-latin-400-normal.woff2", "literata-latin-700-normal.woff2"]
        assert v.page.evaluate("() => performance.getEntriesByName('first-contentful-paint').length") == 1
        assert v.page.evaluate("() => [...document.documentElement.classList].filter(c => c.startsWith('face'))") == ["face"]
        assert v.page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith('"Literata fallback"')
        before = v.page.evaluate(BLOCKS)
        for route in held:
            route.continue_()
        v.page.wait_for_function("() => document.documentElement.classList.contains('face-ready')")
        v.page.evaluate("() => document.fonts.ready")
        assert {"Literata 400 normal", "Literata 400 italic", "Literata 700 normal"} <= set(v.page.evaluate(LOADED))
        assert v.page.evaluate("() => document.fonts.check('1rem Literata', 'Harbour')")
        after = v.page.evaluate(BLOCKS)
        # every block of the first screen is where it was, as tall as it was (to a pixel)
        assert len(before) == 8 and [b[0] for b in before] == [a[0] for a in after]
        for (name, top, height), (_, top_after, height_after) in zip(before, after):
            assert abs(top - top_after) < 1 and abs(height - height_after) < 1, (viewport, name, before, after)
        assert v.errors == [] and v.outside == []


def test_the_next_page_of_the_visit_is_set_in_the_face_from_the_start(visit, server):
    v = visit(server)
    v.open(ARTICLE)
    v.page.wait_for_function("() => document.documentElement.classList.contains('face-ready')")
    v.page.goto(server + "index.html", wait_until="commit")
    v.page.wait_for_function("() => document.body")
    assert "face-ready" in v.page.evaluate("() => document.documentElement.className")
    assert v.errors == []


def test_from_disk_and_without_the_script_no_font_is_asked_for(visit, file_base, server):
    for base, options in ((file_base, {}), (server, {"java_script_enabled": False})):
        v = visit(base, **options)
        fonts = []
        v.page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url))
        v.open(ARTICLE)
        v.page.wait_for_timeout(300)
        assert fonts == [] and v.errors == [], (base, fonts, v.errors)
        family = v.page.evaluate("() => getComputedStyle(document.body).fontFamily")
        assert family.startswith("Charter") and "Literata" not in family, family
        # the face's stylesheet is there, its rules unused
        assert v.page.evaluate("() => [...document.styleSheets].some(s => (s.href || '').endsWith('fonts/fonts.css'))")


def test_a_theme_that_sets_its_text_in_other_faces_fetches_none(visit, contrast_server):
    v = visit(contrast_server)
    fonts = []
    v.page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url))
    v.open(ARTICLE)
    v.page.wait_for_timeout(500)
    assert fonts == [] and v.errors == []
    assert v.page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith("system-ui")
