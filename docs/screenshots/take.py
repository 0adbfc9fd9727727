"""Screenshots for the README and docs, from fresh builds of the sample and a fixture edition.

    python docs/screenshots/take.py [article] [verse]      # both when none is named

Builds into a temporary folder (the repo's _site/ is left alone) and writes, from the sample
edition, docs/screenshots/article-wide.png (1280 px) and article-narrow.png (390 px, a note open
in place), and, from the tests' edition of every shape (tests/fixtures/editions/shapes), verse-wide.png (a poem at
1280 px, line numbers in the gutter, a note across a line break open in the margin) and
verse-narrow.png (Whitman's indented lines at 390 px, long lines running on indented).
The pages are served from 127.0.0.1 (as GitHub Pages serves them), so they are set in the
theme's face; opened from disk they would show the system's serif. Needs Playwright and Debian's
/usr/bin/chromium, like the browser tests.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from browser.conftest import CHROMIUM, CHROMIUM_ARGS, build_edition, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


SAMPLE_ARTICLE = "extraordinary-friendship-marco-rubio-welcomes-offer.html"


def served(site: Path, tmp: str) -> tuple:
    """(the address of the site served under /edition/, the server to stop with next())."""
    server = serve(site, Path(tmp) / "docroot")
    return next(server), server


def main(argv=None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:]) or {"article", "verse"}
    taken = []
    if "article" in wanted:
        taken += article()
    if "verse" in wanted:
        taken += verse()
    for name in taken:
        print(f"docs/screenshots/{name}: {(HERE / name).stat().st_size // 1024} KB")
    return 0


def verse() -> list:
    with tempfile.TemporaryDirectory() as tmp:
        base, server = served(build_edition(Path(tmp) / "edition", name="shapes"), tmp)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            wide = browser.new_page(viewport={"width": 1280, "height": 760})
            wide.goto(base + "the-road-not-taken.html")
            wide.click("#ref-stood a")
            wide.evaluate("scrollTo(0, document.querySelector('.dek').getBoundingClientRect().top + scrollY - 24)")
            wide.wait_for_timeout(300)
            wide.screenshot(path=str(HERE / "verse-wide.png"))
            narrow = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            narrow.goto(base + "o-captain-my-captain.html")
            narrow.evaluate("scrollTo(0, document.getElementById('l1').getBoundingClientRect().top + scrollY - 16)")
            narrow.wait_for_timeout(300)
            narrow.screenshot(path=str(HERE / "verse-narrow.png"))
            browser.close()
        next(server, None)
    return ["verse-wide.png", "verse-narrow.png"]


def article() -> list:
    with tempfile.TemporaryDirectory() as tmp:
        # the sample edition, the repo's own texts, built beside it (its _site/ left alone)
        site = Path(tmp) / "sample"
        subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--output", str(site)], check=True)
        base, server = served(site, tmp)
        url = base + SAMPLE_ARTICLE
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            wide = browser.new_page(viewport={"width": 1280, "height": 860})
            wide.goto(url)
            # From the title down: the text with its notes in the margin and a glossary popover.
            wide.evaluate("scrollTo(0, document.querySelector('h1').getBoundingClientRect().top + scrollY - 16)")
            wide.hover("#p2 a.term[data-term='cecot']")
            wide.wait_for_timeout(400)
            wide.screenshot(path=str(HERE / "article-wide.png"))
            narrow = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            narrow.goto(url)
            narrow.click("#ref-built a")
            narrow.evaluate("scrollTo(0, document.getElementById('p3').getBoundingClientRect().top + scrollY - 120)")
            narrow.wait_for_timeout(300)
            narrow.screenshot(path=str(HERE / "article-narrow.png"))
            browser.close()
        next(server, None)
    return ["article-wide.png", "article-narrow.png"]


if __name__ == "__main__":
    raise SystemExit(main())
