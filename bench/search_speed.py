"""Search at scale: index size, and the time from page load to the first results of a search
in headless Chromium, at N texts (bench/corpus.py), with the longest main-thread task.

    python bench/search_speed.py                 # N = 1,000, corpus in /tmp/edition-bench
    python bench/search_speed.py --site DIR      # an edition already built

Each query runs in a fresh page of a text, opened from file:// (cold cache): the clock starts
at the page's load event; the search loader is added as the page will add it when the search
box is first used, and the query is asked at once. "titles" is the first callback (the results
known, with their titles), "snippets" the second (the places files loaded, snippets made).
Long tasks are read with a PerformanceObserver (entries over 50 ms that start once the search
does; the page's own loading is not counted). Last, the real box: typed into key by key, as a
reader would, from the page's load. Needs Playwright and
Debian's Chromium, like the browser tests. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
from run import prepare  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# Words of the corpus's vocabulary (bench/corpus.py, seed 20250220): common, rare, two words,
# the start of a word being typed, and one the index does not have.
QUERIES = ["hewoner", "fetros", "chevaweal tola", "stes puproron", "treani", "bur", "zzyzx"]

MEASURE = """async (query) => {
  const long = [], start = performance.now();
  // tasks of the search only: the page's own loading came before the clock started
  new PerformanceObserver(list => list.getEntries().forEach(e => e.startTime >= start && long.push(e.duration)))
    .observe({type: "longtask", buffered: true});
  await new Promise(ok => { const s = document.createElement("script"); s.src = "search/search.js";
                            s.onload = ok; document.head.appendChild(s); });
  const times = {};
  const found = await new Promise(ok => EditionSearch.search(query, r => {
    const now = performance.now() - start;
    if (!("titles" in times)) times.titles = now;
    if (r.complete) { times.snippets = now; ok(r); }
  }));
  await new Promise(ok => setTimeout(ok, 50));
  return {titles: times.titles, snippets: times.snippets, results: found.results.length,
          longest: Math.max(0, ...long), first: found.results.length ? found.results[0].places.map(p => p.href) : []};
}"""


TYPED = "chevaweal tola"
TYPING = """async (typed) => {
  const long = [], start = performance.now();
  new PerformanceObserver(list => list.getEntries().forEach(e => e.startTime >= start && long.push(e.duration)))
    .observe({type: "longtask", buffered: true});
  await new Promise(ok => { const s = document.createElement("script"); s.src = "search/search.js";
                            s.onload = ok; document.head.appendChild(s); });
  const times = [];
  for (let n = 2; n <= typed.length; n++) {     // a reader typing, each keystroke's results awaited
    const asked = performance.now();
    await new Promise(ok => EditionSearch.search(typed.slice(0, n), r => r.complete && ok(r)));
    times.push(performance.now() - (n === 2 ? start : asked));
  }
  await new Promise(ok => setTimeout(ok, 50));
  return {first: times[0], rest: times.slice(1), longest: Math.max(0, ...long)};
}"""


# The real box: a reader focuses it as soon as the page has loaded and types at about eight keys
# a second; each keystroke's time is from its keydown to the results list showing that text's
# results (the box's 60 ms pause after a key included), read by a MutationObserver.
WATCH = """() => {
  const list = document.getElementById("site-search-results"), input = document.getElementById("site-search-input");
  window.__keys = []; window.__long = []; const start = performance.now();
  new PerformanceObserver(l => l.getEntries().forEach(e => e.startTime >= start && window.__long.push(e.duration)))
    .observe({type: "longtask", buffered: true});
  input.addEventListener("keydown", () => window.__keys.push({down: performance.now()}), true);
  new MutationObserver(() => {
    const key = window.__keys[window.__keys.length - 1];
    if (key && !key.shown && list.querySelector("a")) key.shown = performance.now();
  }).observe(list, {childList: true, subtree: true});
}"""
READ = """() => ({keys: window.__keys, long: window.__long,
                load: performance.getEntriesByType("navigation")[0].loadEventEnd})"""


def in_the_box(page) -> dict:
    page.evaluate(WATCH)
    page.focus("#site-search-input")
    page.keyboard.type(TYPED, delay=120)
    page.wait_for_timeout(1000)
    return page.evaluate(READ)


def index_sizes(site: Path, content: Path) -> dict:
    search = site / "search"
    index = sum(p.stat().st_size for p in search.glob("s*.js")) + (search / "index.js").stat().st_size
    places = sum(p.stat().st_size for p in (search / "t").glob("*.js")) + (search / "glossary.js").stat().st_size
    texts = sum(p.stat().st_size for p in (content / "texts").glob("*.md"))
    everything = texts + sum(p.stat().st_size for p in (content / "notes").glob("*.md"))
    everything += (content / "glossary.md").stat().st_size if (content / "glossary.md").is_file() else 0
    shards = sorted(p.stat().st_size for p in search.glob("s*.js"))
    return {"index": index, "places": places, "texts_md": texts, "all_md": everything,
            "shards": len(shards), "largest_shard": shards[-1] if shards else 0}


def measure(site: Path, runs: int) -> list:
    from playwright.sync_api import sync_playwright
    page_name = sorted(p.name for p in site.glob("text-*.html"))[len(list(site.glob("text-*.html"))) // 2]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

        def on_fresh_pages(measure_one) -> list:
            """measure_one(page) on the text's page opened from disk in a new context, runs times."""
            samples = []
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto((site / page_name).as_uri())
                page.wait_for_load_state("load")
                samples.append(measure_one(page))
                context.close()
            return samples
        rows = [(query, on_fresh_pages(lambda page, q=query: page.evaluate(MEASURE, q))) for query in QUERIES]
        typed = on_fresh_pages(lambda page: page.evaluate(TYPING, TYPED))
        box = on_fresh_pages(in_the_box)
        browser.close()
    return rows, typed, box


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/edition-bench"))
    parser.add_argument("--site", type=Path, help="an edition already built (its _site/)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if args.site:
        site, content = args.site, args.site.parent / "content"
    else:
        root = prepare(args.work, args.n, 300)
        subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "build"], check=True)
        site, content = root / "_site", root / "content"
    sizes = index_sizes(site, content)
    print(f"index: {sizes['index']:,} bytes in {sizes['shards']} shards (largest {sizes['largest_shard']:,}); "
          f"{sizes['index'] / sizes['texts_md']:.1%} of the texts' Markdown ({sizes['texts_md']:,}), "
          f"{sizes['index'] / sizes['all_md']:.1%} of all the Markdown it covers ({sizes['all_md']:,}); "
          f"places files {sizes['places']:,} bytes (loaded per result)")
    print("| query | results | page load → results with titles | → with snippets | longest task, median (max) |")
    print("|---|---|---|---|---|")
    rows, typed, box = measure(site, args.runs)
    for query, samples in rows:
        titles = statistics.median(s["titles"] for s in samples)
        snippets = statistics.median(s["snippets"] for s in samples)
        longest = sorted(s["longest"] for s in samples)
        print(f"| `{query}` | {samples[0]['results']} | {titles:.0f} ms ({min(s['titles'] for s in samples):.0f}–"
              f"{max(s['titles'] for s in samples):.0f}) | {snippets:.0f} ms | "
              f"{statistics.median(longest):.0f} ms (max {longest[-1]:.0f}) |", flush=True)
    rest = sorted(t for sample in typed for t in sample["rest"])
    print(f"typing `{TYPED}` key by key, each keystroke's results (with snippets) awaited: the first "
          f"(two letters, from the page's load) {statistics.median(s['first'] for s in typed):.0f} ms; each later "
          f"keystroke median {statistics.median(rest):.0f} ms, slowest {rest[-1]:.0f} ms; longest task, median of "
          f"the runs {statistics.median(s['longest'] for s in typed):.0f} ms (max {max(s['longest'] for s in typed):.0f})")
    latencies = sorted(k["shown"] - k["down"] for sample in box for k in sample["keys"] if "shown" in k)
    # the first keystroke that shows results, from its keydown: the loader and MiniSearch came on focus
    first = [next(k["shown"] - k["down"] for k in sample["keys"] if "shown" in k) for sample in box]
    longest = [max([0, *sample["long"]]) for sample in box]
    print(f"the search box, `{TYPED}` typed at 120 ms a key from the page's load: the first results shown "
          f"{statistics.median(first):.0f} ms after their keydown (max {max(first):.0f}); keydown to its results "
          f"shown, median {statistics.median(latencies):.0f} ms, slowest {latencies[-1]:.0f} ms "
          f"({len(latencies)} keystrokes); longest task, median of the runs {statistics.median(longest):.0f} ms "
          f"(max {max(longest):.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
