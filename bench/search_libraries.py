"""Which search library: Lunr (lunr.py building a Lunr.js index) or MiniSearch, on index size and
load time, over the records the edition indexes, at N texts.

    pip install lunr==0.8.0
    npm pack lunr@2.3.9 && tar xzf lunr-2.3.9.tgz      # gives package/lunr.min.js
    python bench/search_libraries.py SITE_DIR --lunr-js package/lunr.min.js

SITE_DIR is an edition built by this branch (bench/corpus.py's corpus: python bench/run.py makes
one in /tmp/edition-bench/n1000-t300/_site). The records are its search/t/<slug>.js places: one
per paragraph and note ("per place"), or one per text body and one per text's notes ("per
text", as the edition does). Lunr's index is built by lunr.py and serialised; MiniSearch's is
built by MiniSearch itself (node, the vendored edition/assets/minisearch.js) and serialised
with JSON.stringify. Each index is then a script (`window.DATA = …;`) evaluated in headless
Chromium from file://, and loaded (lunr.Index.load, MiniSearch.loadJS) and queried once.
Prints one Markdown table row per index. Not part of the test suite; it takes minutes.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MINISEARCH = REPO / "edition" / "assets" / "minisearch.js"
BUILD_MINISEARCH = """
const MiniSearch = require(process.argv[1]); const fs = require('fs');
const docs = JSON.parse(fs.readFileSync(process.argv[2]));
const started = Date.now(); const ms = new MiniSearch({fields: ['b']}); ms.addAll(docs);
const seconds = (Date.now() - started) / 1000;
fs.writeFileSync(process.argv[3], 'window.DATA = ' + JSON.stringify(ms) + ';\\n');
console.log(seconds);
"""
LOAD = """async ([library, data, kind, word]) => {
  const add = src => new Promise((ok, bad) => { const s = document.createElement('script');
    s.src = src; s.onload = ok; s.onerror = bad; document.head.appendChild(s); });
  await add(library);
  const t0 = performance.now(); await add(data); const t1 = performance.now();
  const index = kind === 'lunr' ? lunr.Index.load(window.DATA) : MiniSearch.loadJS(window.DATA, {fields: ['b']});
  const t2 = performance.now(); const found = index.search(word); const t3 = performance.now();
  return {script: t1 - t0, load: t2 - t1, query: t3 - t2, found: found.length};
}"""


def records(site: Path, per_text: bool) -> list:
    docs = {}
    for path in sorted((site / "search" / "t").glob("*.js")):
        data = json.loads(path.read_text(encoding="utf-8")[len("EditionSearch.places("):-3])
        for place in data["places"]:
            key = (data["slug"], place[0] == "note") if per_text else (data["slug"], place[0], place[1])
            docs.setdefault(key, []).append(place[-1])
    return [{"id": str(i), "b": "\n".join(parts)} for i, parts in enumerate(docs.values())]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--lunr-js", type=Path, required=True)
    parser.add_argument("--word", default="hewoner")
    args = parser.parse_args(argv)
    from lunr import lunr
    from playwright.sync_api import sync_playwright
    texts_md = sum(p.stat().st_size for p in (args.site.parent / "content" / "texts").glob("*.md"))
    work = Path(tempfile.mkdtemp(prefix="search-libraries-"))
    (work / "page.html").write_text("<!DOCTYPE html><title>load</title>", encoding="utf-8")
    (work / "lunr.js").write_bytes(args.lunr_js.read_bytes())
    (work / "minisearch.js").write_bytes(MINISEARCH.read_bytes())
    rows = []
    for per_text in (False, True):
        docs = records(args.site, per_text)
        (work / "docs.json").write_text(json.dumps(docs), encoding="utf-8")
        started = time.perf_counter()
        index = lunr(ref="id", fields=["b"], documents=docs)
        built = time.perf_counter() - started
        (work / "lunr-data.js").write_text("window.DATA = " + json.dumps(index.serialize(), separators=(",", ":"))
                                           + ";\n", encoding="utf-8")
        ms_built = float(subprocess.run(["node", "-e", BUILD_MINISEARCH, str(MINISEARCH), str(work / "docs.json"),
                                         str(work / "ms-data.js")], capture_output=True, text=True,
                                        check=True).stdout)
        rows.append(("Lunr", per_text, len(docs), built, work / "lunr-data.js", "lunr.js", "lunr"))
        rows.append(("MiniSearch", per_text, len(docs), ms_built, work / "ms-data.js", "minisearch.js", "ms"))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for name, each, count, seconds, data, library, kind in rows[-2:]:
                page = browser.new_page()
                page.goto((work / "page.html").as_uri())
                timing = page.evaluate(LOAD, [library, data.name, kind, args.word])
                page.close()
                size = data.stat().st_size
                print(f"| {name} | {'per text' if each else 'per place'} ({count:,} documents) | {seconds:.1f} s | "
                      f"{size / 1e6:.1f} MB ({size / texts_md:.0%}) | {timing['script'] / 1000:.1f} s | "
                      f"{timing['load'] / 1000:.2f} s | {timing['query']:.0f} ms |", flush=True)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
