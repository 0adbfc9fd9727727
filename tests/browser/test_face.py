"""The theme's text face: served, the pages are set in it from the first paint; opened from disk
(where Chromium refuses font files) and without the script they keep the system's serif, with
no error and no request for a font."""
from __future__ import annotations

from .conftest import ARTICLE

LOADED = "() => document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight + ' ' + f.style))"


def test_served_pages_are_set_in_the_face_from_the_first_paint(visit, server):
    v = visit(server)
    fonts = []
    v.page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url))
    v.open(ARTICLE)
    loaded = v.page.evaluate(LOADED)
    assert any(f.startswith('Literata 400 normal') or f.startswith('"Literata" 400 normal') for f in loaded), loaded
    assert v.page.evaluate("() => document.fonts.check('1rem Literata', 'Harbour')")
    # the regular, italic and bold styles were asked for before the stylesheet named them, each once
    assert sorted(set(fonts)) == sorted(fonts) and any("400-normal" in url for url in fonts)
    assert v.errors == [] and v.outside == []


def test_from_disk_and_without_the_script_no_font_is_asked_for(visit, file_base, server):
    for base, options in ((file_base, {}), (server, {"java_script_enabled": False})):
        v = visit(base, **options)
        fonts = []
        v.page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url))
        v.open(ARTICLE)
        v.page.wait_for_timeout(200)
        assert fonts == [] and v.errors == [], (base, fonts, v.errors)
        assert "Literata" in v.page.evaluate("() => getComputedStyle(document.body).fontFamily")
