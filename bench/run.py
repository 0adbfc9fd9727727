"""Speed at scale: time the build on a synthetic corpus against the Markdown floor and Hugo.

    python bench/run.py                  # N = 1,000: everything, results in bench/RESULTS.md
    python bench/run.py --n 1000 4000    # also N = 4,000 (floor, cold build, memory)
    python bench/run.py --runs 3 --no-hugo --out /tmp/RESULTS.md

Every figure is the wall time of a child process (interpreter start-up included, as a user
waits for it), as the median and min–max of --runs runs after one warm-up run. Peak memory
is the child's ru_maxrss (largest single process, from wait4) and the peak of the summed RSS
of its process tree, sampled every 10 ms (a process just spawned, which shares its parent's
memory until it runs its own program, is not counted twice). Ratios against the floor measured
in the same run are the headline: on a shared machine they move less than seconds do.
Not part of the test suite: it takes minutes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402

PROCESSES = len(os.sched_getaffinity(0))   # what the build's pool uses on this machine
EDITED = 500                                # the text whose note is edited (N/2 at N = 1,000)
SITE_YAML = 'title: "Benchmark edition"\noutput: _site\nepub: true\n'     # the EPUB is in the measured build
HAND_WRITTEN = "<!-- hand-written below: kept when the runner rewrites the figures above -->"


# --- measuring one child ------------------------------------------------------------------

@dataclass
class Sample:
    seconds: float
    maxrss_mb: float        # largest single process of the tree
    tree_mb: float          # peak of the summed RSS of the tree (sampled)


def run_child(cmd, cwd=None, check=True) -> Sample:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak, done), daemon=True)
    sampler.start()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here: Popen must not wait again
    done.set()
    sampler.join()
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{stderr.decode()[-3000:]}")
    return Sample(seconds, usage.ru_maxrss / 1024, peak[0] / 2**20)


def _sample_tree(pid: int, peak: list, done: threading.Event) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    while not done.is_set():
        total, statms = 0, {}
        for member, parent in _tree(pid):
            try:
                with open(f"/proc/{member}/statm") as statm:
                    statms[member] = statm.read()
            except OSError:
                continue
            # a process just spawned shares its parent's memory until it runs its own program
            # (vfork): the same figures to the page, and not memory of its own
            if statms.get(parent) != statms[member]:
                total += int(statms[member].split()[1]) * page
        peak[0] = max(peak[0], total)
        done.wait(0.01)


def _tree(pid: int):
    """(pid, its parent's) of the process and each of its descendants, parents first."""
    found, queue = [], [(pid, None)]
    while queue:
        member, parent = queue.pop()
        found.append((member, parent))
        try:
            with open(f"/proc/{member}/task/{member}/children") as children:
                queue += [(int(c), member) for c in children.read().split()]
        except OSError:
            pass
    return found


@dataclass
class Series:
    name: str
    samples: list = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    def spread(self) -> str:
        times = [s.seconds for s in self.samples]
        return f"{self.median:.2f} s ({min(times):.2f}–{max(times):.2f})"

    @property
    def maxrss(self) -> float:
        return max(s.maxrss_mb for s in self.samples)

    @property
    def tree(self) -> float:
        return max(s.tree_mb for s in self.samples)


def series(name: str, runs: int, once, before=lambda: None) -> Series:
    """One warm-up, then `runs` timed runs; `before` runs untimed ahead of each."""
    return interleaved([(name, once, before)], runs)[0]


def interleaved(specs, runs: int) -> list:
    """Like series() for several figures, taking turns run by run: a ratio between them then
    compares runs made under the same load, which on a shared machine changes by the minute."""
    results = [Series(name) for name, _, _ in specs]
    for attempt in range(runs + 1):
        for result, (_, once, before) in zip(results, specs):
            before()
            sample = once()
            if attempt:
                result.samples.append(sample)
    for result in results:
        print(f"  {result.name}: {result.spread()}, peak {result.maxrss:.0f} MB (tree {result.tree:.0f} MB)",
              flush=True)
    return results


# --- the corpus ---------------------------------------------------------------------------

def prepare(work: Path, n: int, terms: int) -> Path:
    root = work / f"n{n}-t{terms}"
    stamp = root / ".corpus-done"
    # the stamp names the generator that wrote the corpus: a changed corpus.py writes it again
    made_by = hashlib.sha256(Path(corpus.__file__).read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != made_by:
        shutil.rmtree(root, ignore_errors=True)
        corpus.write_corpus(root, n, terms)
        stamp.write_text(made_by)
    shutil.rmtree(root / "theme", ignore_errors=True)
    shutil.copytree(REPO / "theme", root / "theme")       # the theme as it is now
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    return root


def build_cmd(root: Path, *extra) -> list:
    return [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), *extra]


def cli_offers(*words) -> bool:
    found = subprocess.run([sys.executable, str(REPO / "build.py"), *words[:-1], "--help"],
                           capture_output=True, text=True)
    return found.returncode == 0 and words[-1] in found.stdout


def clean(root: Path) -> None:
    for name in ("_site", ".edition-cache"):
        shutil.rmtree(root / name, ignore_errors=True)


class NoteEditor:
    """Edits one note's body a little differently each time, and knows what to look for."""

    def __init__(self, path: Path, separator: str):
        self.path, self.separator, self.count = path, separator, 0
        self.original = path.read_text(encoding="utf-8")

    def edit(self) -> str:
        self.count += 1
        marker = f"Edited{self.count}x{os.getpid()}"
        text = self.original.replace(self.separator, f" {marker}.{self.separator}", 1)
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(text)
        return marker

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def wait_for(path: Path, marker: str, timeout: float) -> float:
    """Seconds until `marker` is in the file at `path` (polled every 2 ms)."""
    started = time.perf_counter()
    wanted = marker.encode()
    while time.perf_counter() - started < timeout:
        try:
            if wanted in path.read_bytes():
                return time.perf_counter() - started
        except OSError:
            pass        # between the renames of an atomic swap
        time.sleep(0.002)
    raise TimeoutError(f"{marker} did not reach {path} within {timeout} s")


def edit_to_disk(name, runs, start_server, note: NoteEditor, page: Path) -> Series:
    server = start_server()
    result = Series(name)
    try:
        wait_for(page, note.edit(), 900)          # warm-up: also waits for the first build
        # and a second: the first may be seen by the first build, before serve's catch-up build
        # (every file looked at once its watchers are up), which a timed save would then wait for
        time.sleep(1.0)
        wait_for(page, note.edit(), 300)
        for _ in range(runs):
            time.sleep(1.0)                       # let the watcher settle between saves
            marker = note.edit()
            result.samples.append(Sample(wait_for(page, marker, 60), 0, 0))
    finally:
        server.terminate()
        server.wait(10)
        note.restore()
    print(f"  {name}: {result.spread()}", flush=True)
    return result


# --- the scenarios ------------------------------------------------------------------------

def bench_edition(root: Path, n: int, runs: int, full: bool, big_glossary: Path | None = None) -> dict:
    out = {}
    cold_flags = ["--clean"] if cli_offers("build", "--clean") else []
    specs = [
        ("floor, 1 process", lambda: run_child([sys.executable, str(BENCH / "floor.py"), str(root), "1"]),
         lambda: None),
        (f"floor, {PROCESSES} processes",
         lambda: run_child([sys.executable, str(BENCH / "floor.py"), str(root), str(PROCESSES)]), lambda: None),
        ("edition cold build", lambda: run_child(build_cmd(root, *cold_flags)), lambda: clean(root))]
    if big_glossary:
        specs.append(("edition cold build, 3,000 terms", lambda: run_child(build_cmd(big_glossary, *cold_flags)),
                      lambda: clean(big_glossary)))
    figures = interleaved(specs, runs)
    out["floor1"], out["floorP"], out["cold"] = figures[:3]
    if big_glossary:
        out["cold3000"] = figures[3]
    if not full:
        return out
    # the editor's own command (ingest new seeds, then build), as the README gives it
    out["nochange"] = series("edition no-change rebuild", runs,
                             lambda: run_child([sys.executable, str(REPO / "build.py"), "--root", str(root)]))
    slug = corpus.slug(min(EDITED, n - 1))
    note = NoteEditor(root / "content" / "notes" / f"{slug}.md", "\n\nSource: [")
    page = root / "_site" / f"{slug}.html"

    def edit_and_build():
        marker = note.edit()
        sample = run_child(build_cmd(root))
        if marker.encode() not in page.read_bytes():
            raise RuntimeError(f"the edit {marker} did not reach {page}")
        return sample
    try:
        out["edit"] = series("edition rebuild after one note edit", runs, edit_and_build)
    finally:
        note.restore()
    if cli_offers("serve", "usage"):
        port = ["--port", "8765"] if cli_offers("serve", "--port") else []
        out["serve"] = edit_to_disk("edition serve: note saved → HTML on disk", runs,
                                    lambda: subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root",
                                                              str(root), "serve", *port],
                                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                                    note, page)
    else:
        print("  edition serve: not available yet", flush=True)
    return out


def bench_hugo(root: Path, n: int, runs: int) -> dict:
    site = root / "hugo"
    hugo = ["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")]

    def wipe():
        for name in ("public", "resources", ".hugo_build.lock"):
            path = site / name
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    out = {"cold": series("hugo cold build", runs, lambda: run_child(hugo), before=wipe)}
    out["nochange"] = series("hugo no-change rebuild", runs, lambda: run_child(hugo))
    slug = corpus.slug(min(EDITED, n - 1))
    note = NoteEditor(site / "content" / "texts" / f"{slug}.md", "\n\n    Source: [")
    page = site / "public" / "texts" / slug / "index.html"
    out["serve"] = edit_to_disk("hugo server: footnote saved → HTML on disk", runs,
                                lambda: subprocess.Popen(["hugo", "server", "-s", str(site), "-d", str(site / "public"),
                                                          "--renderToDisk", "--disableLiveReload",
                                                          "--bind", "127.0.0.1", "--port", "18765"],
                                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                                note, page)
    return out


def bench_matcher(roots: dict, repeats: int) -> dict:
    """The glossary matcher alone: build it and find every term in every text."""
    sys.path.insert(0, str(REPO))
    from edition.files import plain_read
    from edition.glossary import TermMatcher
    from edition.load import load_project
    timings = {}
    for terms, root in roots.items():
        project, _ = load_project(root, plain_read)
        bodies = [text.body for text in project.texts]
        compiles, finds = [], []
        for _ in range(repeats + 1):
            started = time.perf_counter()
            matcher = TermMatcher(project.glossary)
            compiled = time.perf_counter()
            hits = sum(1 for body in bodies for _ in matcher.find(body))
            compiles.append(compiled - started)
            finds.append(time.perf_counter() - compiled)
        timings[terms] = (statistics.median(finds[1:]), hits, statistics.median(compiles[1:]))
        print(f"  matcher, {terms} terms: find {timings[terms][0]:.3f} s ({hits} hits), "
              f"compile {timings[terms][2]:.3f} s", flush=True)
    return timings


# --- the report ---------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    versions = {name: importlib.metadata.version(name) for name in ("markdown-it-py", "mdit-py-plugins", "Jinja2", "PyYAML")}
    hugo = shutil.which("hugo")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1] if hugo else "absent"
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "edition"], capture_output=True, text=True).stdout
    return {"cpu": cpu, "cores": os.cpu_count(), "usable": PROCESSES, "ram": f"{mem_kb / 2**20:.1f} GiB",
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "python": platform.python_version(), "versions": versions, "hugo": hugo_version,
            "commit": commit + (" (edition/ has uncommitted changes)" if dirty else "")}


def verdict(ok) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def targets(results, ns) -> list:
    """The open issues' targets, each as a table row with its verdict, for the sizes measured:
    issue 19 at every size (and 1,000 beside 10,000), issue 11's benchmark conditions at 1,000."""
    rows = []

    def add(target, measured, met):
        rows.append(f"| {target} | {measured} | {verdict(met)} |")
    for n in ns:
        r = results[n]
        floor, cold = r["floorP"].median, r["cold"].median
        add(f"cold build ≤ 1.5× the {PROCESSES}-process floor at N = {n:,} (19)",
            f"{cold / floor:.2f}× ({cold:.2f} s vs {floor:.2f} s)", cold <= 1.5 * floor)
        if n == 1000:
            add("cold build ≤ 2.2× the floor at N = 1,000 (11)", f"{cold / floor:.2f}×", cold <= 2.2 * floor)
            for name, label in (("nochange", "no-change rebuild"), ("serve", "a note saved in serve, on disk")):
                if name in r:
                    add(f"{label} ≤ 0.15 s at N = 1,000 (11)", f"{r[name].median:.3f} s", r[name].median <= 0.15)
        if n == 10000:
            mem = r["cold"]
            add("largest process ≤ 150 MB and process tree ≤ 300 MB at N = 10,000 (19)",
                f"{mem.maxrss:.0f} MB / {mem.tree:.0f} MB", mem.maxrss <= 150 and mem.tree <= 300)
            for name, label, limit in (("nochange", "no-change rebuild", 0.5), ("serve", "a note saved in serve, on disk", 0.2)):
                if name in r:
                    add(f"{label} ≤ {limit} s at N = 10,000 (19)", f"{r[name].median:.3f} s", r[name].median <= limit)
    if 1000 in results and 10000 in results:
        ratio = results[10000]["cold"].median / results[1000]["cold"].median
        add("cold build at N = 10,000 ≤ 10.5× N = 1,000 (19)", f"{ratio:.1f}×", ratio <= 10.5)
    return rows


def report(info, results, hugo, matcher, glossary_cold, ns, runs, stages="") -> str:
    n0 = ns[0]
    r = results[n0]
    floor = r["floorP"].median
    lines = [
        "# Speed at scale: results",
        "",
        f"Measured {info['date']} with `python bench/run.py --n {' '.join(map(str, ns))} --runs {runs}`, "
        f"commit {info['commit']}.",
        f"Machine: {info['cpu']}, {info['cores']} cores ({info['usable']} usable), {info['ram']} RAM; "
        f"Python {info['python']}; " + ", ".join(f"{k} {v}" for k, v in info["versions"].items())
        + f"; Hugo {info['hugo']}.",
        "",
        f"Corpus: `bench/corpus.py`, N texts of ~1,100 words, 15–25 stand-off notes each, glossary of 300 "
        "terms (~37 hits per text); Hugo gets the same texts with the notes as `[^n]` footnotes. "
        f"Each figure: median (min–max) of {runs} runs after a warm-up; wall time of a child process, "
        "interpreter start-up included. The floor is markdown-it-py + footnotes rendering the same Markdown, "
        f"nothing else, in 1 and in {PROCESSES} processes (the build's pool size here).",
        "",
        f"## Headline at N = {n0:,}: ratios to the floor measured in the same run",
        "",
        "| | time | × floor (" + f"{PROCESSES} proc.) | peak memory (largest process / whole tree) |",
        "|---|---|---|---|",
    ]

    def row(label, s, ratio=True):
        mem = f"{s.maxrss:.0f} MB / {s.tree:.0f} MB" if s.maxrss else "–"
        lines.append(f"| {label} | {s.spread()} | {s.median / floor:.2f}× | {mem} |" if ratio
                     else f"| {label} | {s.spread()} | – | {mem} |")
    row("floor, 1 process", r["floor1"])
    row(f"floor, {PROCESSES} processes", r["floorP"])
    row("edition: cold build", r["cold"])
    if "nochange" in r:
        row("edition: no-change rebuild", r["nochange"], ratio=False)
        row("edition: rebuild after one note edit", r["edit"], ratio=False)
    if "serve" in r:
        row("edition serve: note saved → HTML on disk", r["serve"], ratio=False)
    else:
        lines.append("| edition serve: note saved → HTML on disk | not available yet | – | – |")
    if hugo:
        row("Hugo: cold build", hugo["cold"])
        row("Hugo: no-change rebuild", hugo["nochange"])
        row("Hugo server: footnote saved → HTML on disk", hugo["serve"], ratio=False)
    else:
        lines.append("| Hugo | not installed: skipped | – | – |")
    lines += ["", "## Targets (issues 11 and 19)", "", "| target | measured | |", "|---|---|---|"]
    lines += targets(results, ns)
    if glossary_cold:
        ratio = glossary_cold.median / r["cold"].median
        alone = matcher[3000][0] / matcher[300][0]
        lines.append(f"| glossary flat: 3,000 terms within 1.15× of 300 (cold build) | {ratio:.2f}× "
                     f"({glossary_cold.median:.2f} s vs {r['cold'].median:.2f} s); matching alone {alone:.2f}× "
                     f"({matcher[3000][0]:.3f} s vs {matcher[300][0]:.3f} s, {matcher[300][1]:,} hits), "
                     f"plus compiling the matcher once: {matcher[3000][2]:.3f} s vs {matcher[300][2]:.3f} s "
                     f"| {verdict(ratio <= 1.15)} |")
    if stages:
        lines += ["", f"## Where a cold build's time goes (N = {n0:,}, one process, one run, `bench/stages.py`)", "",
                  "| stage | time |", "|---|---|", stages.strip()]
    for n in ns[1:]:
        big = results[n]
        lines += ["", f"## N = {n:,}", "",
                  f"| floor, 1 process | {big['floor1'].spread()} |", "|---|---|",
                  f"| floor, {PROCESSES} processes | {big['floorP'].spread()} |",
                  f"| edition: cold build | {big['cold'].spread()}, {big['cold'].median / big['floorP'].median:.2f}× "
                  f"floor; peak {big['cold'].maxrss:.0f} MB (tree {big['cold'].tree:.0f} MB) |"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Time the build at scale; write bench/RESULTS.md.")
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/edition-bench"), help="where corpora live")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even when installed")
    parser.add_argument("--no-glossary", action="store_true", help="skip the 3,000-term comparison")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)

    info = machine()
    results, hugo, matcher, glossary_cold, stages = {}, None, None, None, ""
    for index, n in enumerate(args.n):
        print(f"N = {n:,}", flush=True)
        root = prepare(args.work, n, 300)
        big = prepare(args.work, n, 3000) if index == 0 and not args.no_glossary else None
        results[n] = bench_edition(root, n, args.runs, full=index == 0, big_glossary=big)
        if index == 0 and not args.no_hugo and shutil.which("hugo"):
            hugo = bench_hugo(root, n, args.runs)
        elif index == 0:
            print("  hugo: not installed, skipped" if not args.no_hugo else "  hugo: skipped", flush=True)
        if index == 0:
            stages = subprocess.run([sys.executable, str(BENCH / "stages.py"), str(root)], capture_output=True,
                                    text=True, env={**os.environ, "EDITION_PROCESSES": "1"}).stdout
            print(stages, flush=True)
        if big:
            glossary_cold = results[n]["cold3000"]
            matcher = bench_matcher({300: root, 3000: big}, args.runs)
    text = report(info, results, hugo, matcher, glossary_cold, args.n, args.runs, stages)
    if args.out.is_file() and HAND_WRITTEN in args.out.read_text(encoding="utf-8"):
        text += "\n" + HAND_WRITTEN + args.out.read_text(encoding="utf-8").split(HAND_WRITTEN, 1)[1]
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
