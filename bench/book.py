"""One long book split into chapters: how long its build takes and what its pages weigh.

    python bench/book.py [--words 100000] [--chapters 25] [--runs 5] [--out /tmp/edition-book]

Writes the book (bench/corpus.py --book: WORDS words in CHAPTERS chapters, a note about every 500
words, a 300-term glossary), then times, as child processes (interpreter start-up included), a cold
build (--clean), a no-change rebuild and a rebuild after one note is edited, each the median
(min–max) of --runs runs after a warm-up; and weighs each chapter page with the stylesheet and
script it loads (the theme's budget for a reading page: 100 KB). Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402


def timed(cmd) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def series(runs: int, once, before=lambda: None) -> str:
    times = []
    for attempt in range(runs + 1):
        before()
        seconds = once()
        if attempt:
            times.append(seconds)
    return f"{statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--chapters", type=int, default=25)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/edition-book"))
    args = parser.parse_args(argv)
    root = args.out
    shutil.rmtree(root, ignore_errors=True)
    corpus.write_book(root, args.words, args.chapters)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "site.yaml").write_text('title: "A long book"\noutput: _site\n', encoding="utf-8")
    build = [sys.executable, str(REPO / "build.py"), "--root", str(root), "build"]
    cold = series(args.runs, lambda: timed(build + ["--clean"]))
    unchanged = series(args.runs, lambda: timed(build))
    notes = root / "content" / "notes" / "book.md"
    original = notes.read_text(encoding="utf-8")
    flip = [0]

    def edit():
        flip[0] += 1
        notes.write_text(original.replace("Source: [Report", f"Source ({flip[0]}): [Report", 1), encoding="utf-8")
    edited = series(args.runs, lambda: timed(build), edit)
    site = root / "_site"
    pages = sorted(site.glob("book*.html"), key=lambda p: int(re.findall(r"\d+", p.stem)[0]) if "." in p.stem else 1)
    assets = sum(p.stat().st_size for p in (site / "static").glob("edition.*"))
    weights = [p.stat().st_size + assets for p in pages]
    words = len((root / "content" / "texts" / "book.md").read_text(encoding="utf-8").split())
    print(f"| book: {words:,} words, {len(pages)} chapter pages, {original.count(chr(10) + '## ') + 1} notes | |")
    print("|---|---|")
    print(f"| cold build | {cold} |")
    print(f"| no-change rebuild | {unchanged} |")
    print(f"| rebuild after one note edit | {edited} |")
    print(f"| first page + CSS and JS | {weights[0] / 1000:.0f} KB |")
    print(f"| chapter pages + CSS and JS | {min(weights[1:]) / 1000:.0f}–{max(weights[1:]) / 1000:.0f} KB "
          f"(median {statistics.median(weights[1:]) / 1000:.0f} KB) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
