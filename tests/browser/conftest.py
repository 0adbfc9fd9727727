"""Browser tests: the built edition in headless Chromium (Playwright's sync API).

The site is built once per session from the fixture edition (tests/fixtures/editions/reading/,
the tests' own texts) into a temporary folder and
opened two ways: from disk (file://) and from a local server under a sub-path (/edition/).
Chromium is Debian's /usr/bin/chromium (browsers cannot be downloaded here). Without it the
tests are skipped with the reason; under CI (CI=true) a missing browser fails instead.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from conftest import build_edition  # tests/conftest.py, shared with the other tests

REPO = Path(__file__).resolve().parents[2]
# Debian's package; EDITION_CHROMIUM points elsewhere (or nowhere, to see the skip message).
CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = "install it with `apt-get install chromium` (and `pip install -r requirements-dev.txt`)"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}
ARTICLE = "harbour-bridge-reopens.html"


def missing(reason: str):
    """Skip on a developer machine; under CI a missing tool is a failure, never a skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run the browser tests: {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{reason}; {INSTALL_HINT}")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture edition, built once per session."""
    return build_edition(tmp_path_factory.mktemp("edition"))


def site_pages(site: Path) -> list:
    return sorted(p.name for p in site.glob("*.html"))


@pytest.fixture(scope="session")
def server(built_site, tmp_path_factory):
    """The site served by http.server on 127.0.0.1 under /edition/ (as on a project page)."""
    yield from serve(built_site, tmp_path_factory.mktemp("docroot"))


@pytest.fixture(scope="session")
def contrast_server(tmp_path_factory):
    """The edition built with the contrast theme, served like `server`."""
    site = build_edition(tmp_path_factory.mktemp("contrast"), theme="contrast")
    yield from serve(site, tmp_path_factory.mktemp("docroot"))


def serve(site: Path, docroot: Path):
    shutil.copytree(site, docroot / "edition")
    handler = functools.partial(QuietHandler, directory=str(docroot))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/edition/"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed")
    if not Path(CHROMIUM).is_file():
        missing(f"Chromium was not found at {CHROMIUM}")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page in a fresh browser context that records what a reader would not want: console
    errors, uncaught exceptions and any request that leaves the site."""

    def __init__(self, browser, base: str, viewport=WIDE, **context_options):
        self.base = base
        self.context = browser.new_context(viewport=viewport, **context_options)
        self.errors, self.outside = [], []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"{self.page.url}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))

    def _guard(self, route):
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, name: str):
        response = self.page.goto(self.base + name)
        self.page.wait_for_load_state("load")
        return response

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    """visit(base, viewport=…, **context options) -> Visit; closed after the test."""
    opened = []

    def make(base, viewport=WIDE, **options):
        v = Visit(browser, base, viewport, **options)
        opened.append(v)
        return v
    yield make
    for v in opened:
        v.close()


@pytest.fixture(scope="session")
def file_base(built_site) -> str:
    return built_site.as_uri() + "/"


def crawl(visit_, start: str = "index.html"):
    """Follow every internal link from `start`; return (pages seen, problems)."""
    page = visit_.page
    seen, queue, problems = set(), [start], []
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        try:
            response = visit_.open(name)
        except Exception as exc:    # Playwright raises when a file:// page does not exist
            problems.append(f"{name}: does not open ({str(exc).splitlines()[0]})")
            continue
        if response is not None and response.status != 200:
            problems.append(f"{name}: HTTP {response.status}")
            continue
        links = page.eval_on_selector_all(
            "a[href]", "els => els.map(a => [a.getAttribute('href'), a.href])")
        for written, resolved in links:
            if written.startswith("/"):
                problems.append(f"{name}: root-absolute link {written!r} breaks under a sub-path")
            if not resolved.startswith(visit_.base):
                continue
            target, fragment = urldefrag(resolved[len(visit_.base):])
            target = target or name
            if fragment:
                problems += check_fragment(visit_, name, written, target, fragment)
            if target.endswith(".html"):
                queue.append(target)
    return seen, problems


def check_fragment(visit_, name, written, target, fragment):
    """The link's target page has an element with that id (read from the page itself)."""
    page = visit_.page
    if target == name:
        found = page.evaluate("id => !!document.getElementById(id)", fragment)
    else:
        html = visit_.context.request.get(visit_.base + target) if visit_.base.startswith("http") else None
        if html is not None:
            if not html.ok:
                return [f"{name}: link {written!r} leads to a missing page (HTTP {html.status})"]
            text = html.text()
        else:
            path = Path(_file_path(visit_.base + target))
            if not path.is_file():
                return [f"{name}: link {written!r} leads to a missing file"]
            text = path.read_text(encoding="utf-8")
        found = f'id="{fragment}"' in text
    return [] if found else [f"{name}: link {written!r} has no element with id {fragment!r} to land on"]


def _file_path(url: str) -> str:
    from urllib.parse import unquote, urlparse
    return unquote(urlparse(url).path)
