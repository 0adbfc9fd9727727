"""Hostile content in a real browser: nothing placed in a seed, a note, a glossary entry, a page
or the settings ever runs in Chromium.

Two layers keep it from running: the build shows markup as text, and the Content-Security-Policy
forbids inline script. Each layer is tested on its own: the site as built, and a copy with the
policy removed (so escaping alone must hold). A control page proves the probe would notice.
"""
from __future__ import annotations

import re
import shutil

import pytest

from edition.cli import main
from test_hostile import hostile_project

PAGES = ["index.html", "alpha.html", "hostile-seed.html", "glossary.html", "about.html", "404.html"]
# Visible texts of the payloads: clicking them must do nothing (they are text, not links).
CLICK_TEXTS = ["click me", "raw link", "plain", "mixed", "entity", "decimal", "angle"]
PWNED = "() => [window.__pwned === undefined ? null : String(window.__pwned), document.title]"


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory):
    """{"as built": site folder, "without CSP": the same pages with the policy removed}."""
    root = hostile_project(tmp_path_factory.mktemp("hostile-browser") / "proj")
    assert main(["--root", str(root), "build"]) == 0
    built = root / "_site"
    bare = root / "_site-without-csp"
    shutil.copytree(built, bare)
    for page in bare.glob("*.html"):
        source = page.read_text(encoding="utf-8")
        stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
        assert stripped != source
        page.write_text(stripped, encoding="utf-8")
    return {"as built": built, "without CSP": bare}


def click_everything(page):
    """Click the payload texts, then every link on the page, staying on the page."""
    for text in CLICK_TEXTS:
        for spot in page.get_by_text(text).all():
            spot.dispatch_event("click")
    # A javascript: link runs on its default action; stop only ordinary navigation, so a
    # script address (there should be none) would still run when clicked.
    page.evaluate("""() => {
        document.addEventListener('click', e => {
            const a = e.target.closest('a');
            if (a && !/^\\s*(javascript|vbscript|data):/i.test(a.getAttribute('href') || '')) e.preventDefault();
        }, true);
        document.querySelectorAll('a').forEach(a => a.click());
    }""")


@pytest.mark.parametrize("layer", ["as built", "without CSP"])
@pytest.mark.parametrize("name", PAGES)
def test_no_payload_runs_in_chromium(hostile_sites, visit, layer, name):
    site = hostile_sites[layer]
    v = visit(site.as_uri() + "/")
    v.open(name)
    page = v.page
    # The theme's own script did run, so scripts are on and silence means something.
    assert page.evaluate("() => document.documentElement.classList.contains('js')")
    assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0
    assert page.evaluate("() => [...document.querySelectorAll('*')].filter("
                         "el => [...el.attributes].some(a => a.name.startsWith('on'))).length") == 0
    click_everything(page)
    page.wait_for_timeout(50)
    pwned, title = page.evaluate(PWNED)
    assert pwned is None, f"{layer} {name}: payload ran ({pwned})"
    assert "pwned" not in title.lower() or "<script>" in title, title   # shown as text, if at all
    assert page.url.endswith(name)
    # Under the policy nothing even tried to run (Chromium would log a refusal as an error).
    assert v.errors == [], v.errors
    assert v.outside == [], v.outside


def test_the_probe_notices_a_script_that_runs(hostile_sites, visit, tmp_path):
    """Control: the same check on a page with a real inline script and handler does fire."""
    site = tmp_path / "control"
    shutil.copytree(hostile_sites["without CSP"], site)
    page_file = site / "alpha.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace(
        "</main>", "<img src=x onerror=\"window.__pwned='control'\"></main>"), encoding="utf-8")
    v = visit(site.as_uri() + "/")
    v.open("alpha.html")
    v.page.wait_for_function("() => window.__pwned !== undefined", timeout=5000)
    assert v.page.evaluate(PWNED)[0] == "control"
