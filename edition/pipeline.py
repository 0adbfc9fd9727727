"""The one way every command runs the build: `build`, `check` and `serve` all call run().

run(): new seeds ingested (when asked), the no-change shortcut, the settings, build.build()
(the site, phase by phase), then commit or discard, then what the next build may reuse saved.
The shortcut comes before anything heavy is imported: a no-change build costs a hash.

Why a cold build of a thousand texts takes seconds, not minutes — each trick named once, with
the test that holds it to the plain way's result:
- a text is one job (notes parsed, anchored, linked, page rendered), spread over the cores by
  forked workers (parallel.py; tests/test_parallel_build.py), and pages stream to the sink as
  they come, so the parent never holds them all;
- keys hash file bytes, and a build whose inputs all hash the same stops before parsing
  anything (unchanged.last_build; tests/test_incremental.py, tests/test_pipeline.py);
- the cycle collector is off during a build (it found about a hundred objects at N = 1,000 and
  cost a tenth of the time): _no_cycle_collector below;
- markdown-it skips URL normalising for plain targets and its newline rule when there is no CR
  or NUL (markdown.py; tests/test_speed_shortcuts.py); quotes are found in a folded copy of the
  text with str.find (annotate.FoldedText; tests/test_quote_matching.py); a marked run of text is
  one token; ids are found with bytes.find (linkcheck.ids_in); refused links are looked for from
  colon to colon (markdown.refused_links); libyaml reads front matter (frontmatter.load_yaml);
  Jinja reads dict keys before attributes (render._Environment); a text's words for the search
  are cut at C speed (search.Terms.counted); all tests/test_speed_shortcuts.py;
- each text's files are hashed in the worker that made them (reuse._hashed;
  tests/test_parallel_build.py), and its EPUB chapter deflated there as the book's zip holds it,
  which only copies it (epub.pack, _FixedTimeZip; tests/test_epub.py).

Why it stays small at 10,000 texts (the largest process was 1,068 MB) — nothing holds every
text's words or pages, each with its test:
- the loader keeps a text's front matter, not its body or notes: the text's job reads them again,
  refusing bytes other than those its key hashes (load_project(bodies=False), build.read_again,
  frontmatter.body; tests/test_build.py, tests/test_speed_shortcuts.py);
- the cache's texts are written as they come and read one at a time (reuse.RECORDS; tests/test_reuse.py);
- what the last jobs need of every text waits in a spool file: the search term counts, the
  summaries, the back-references, ids and links, a record per group read together, each read
  back as it is reached (spool.KeptTexts; tests/test_spool.py), the index's summaries too
  (pages.Summaries; tests/test_pages.py); the other pages go to their files a block at a time,
  never held (the glossary is 38 MB), their ids and characters found on the way
  (pagescan.PageScan; tests/test_pagescan.py);
- the glossary's back-references are kept as numbers per term and made into Refs as the page
  reaches them (pages.BackRefs; tests/test_pages.py);
- the timeline's events are sorted as small tuples and each made as the page reaches it, each
  text's dated notes read back from the spool then (timeline.events; tests/test_timeline.py);
- the store keeps each file's record as a (key, SHA-256) pair, read so from manifest.json, and the
  writer lists the old site only when it commits (reuse.DiskStore; tests/test_reuse.py, tests/test_write.py);
- postings are encoded as documents come (search.index_files), and a page is encoded a few
  thousand pieces at a time into one buffer (render.render_page; both tests/test_speed_shortcuts.py);
- the pages glibc's allocator keeps free are handed back between the last phases and before the
  commit (heap.give_back; tests/test_heap.py);
- the search index, the face subset and the EPUB are made in fresh processes, not forks of a
  build that has grown by then, given their job pickled and the spool's file by its number (the
  EPUB's zip is written into a temporary file the build copies into the site)
  (parallel.meanwhile; tests/test_parallel.py, tests/test_parallel_build.py).

Why a save in `serve` costs about what it changed, not what the edition holds — serve passes its
store (memorystore.MemoryStore) and its writer (write.InPlace); the stages are the same. Each trick:
- the store reads only the files and folders the watchers saw change: any other file is the value
  read last, not looked at (MemoryStore.read, .listed; tests/test_reuse.py); every file is looked
  at again once edits pause and after a build that broke (tests/test_incremental.py);
- a step whose inputs are the very values of the last build gives its last answer (store.reuse,
  keys compared item by item, by identity first): the reading order, the navigation, each text's
  job, the keys and lists made from every text (serve after each of a series of edits against a
  clean build: tests/test_incremental.py);
- the link check checks again only the texts and pages whose links, or the ids they point into,
  changed (MemoryStore.checked_links; a property test in tests/test_reuse.py);
- texts are kept as objects, pickled for the next `build` only when edits pause; the writer
  takes the output folder as it left it until then, and sorts out what differs as files are put
  (write.InPlace; tests/test_write.py, tests/test_incremental.py);
- the search index is the last build's while edits go on, what it is made from not even
  gathered, and is remade once they pause (MemoryStore.made_together; tests/test_serve.py);
- what a build kept goes to the collector's oldest generation unscanned, its cycles collected
  once edits pause (_no_cycle_collector(keep=True) below; tests/test_pipeline.py).
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from .files import cannot_write
from .heap import give_back
from .problems import has_errors, sort_problems
from .unchanged import Inputs, last_build

TYPE_CHECKING = False   # as typing's, without importing typing: a no-change build imports little
if TYPE_CHECKING:       # the rest loads after the no-change shortcut
    from .model import Build
    from .write import Written


@dataclass
class Options:
    check: bool = False         # `check`: build in full, write nothing, never save the cache
    clean: bool = False         # reuse nothing from earlier builds
    strict: bool = False        # warnings fail like errors
    base_url: str | None = None     # overrides site.yaml's for this build
    ingest: bool = False        # ingest new seeds first
    output: str | None = None   # overrides site.yaml's output folder
    epub: bool | None = None    # make the EPUB (the `epub` command) or not (serve), whatever site.yaml says


@dataclass
class Outcome:
    """What happened, for the command line to print and serve to show."""
    problems: list = field(default_factory=list)    # every problem, sorted
    out: Path | None = None         # the output folder
    build: Build | None = None      # None when nothing was built
    written: Written | None = None  # what the output folder got
    unchanged: bool = False         # the no-change shortcut: nothing read, nothing written
    refused: str = ""               # why the output folder could not be written, if so
    cache: str = ""                 # why what the next build may reuse could not be saved, if so
    ingested: list = field(default_factory=list)    # (seed, content file, what was left out)
    recorded: list = field(default_factory=list)    # the problems the last build printed, when unchanged
    seconds: float = 0.0
    strict: bool = False
    save: object = None             # with save_later: writes what the next build may reuse

    @property
    def failed(self) -> bool:
        return bool(self.refused) or has_errors(self.problems) or (self.strict and bool(self.problems))


def run(root: Path, options: Options, store=None, sink=None, progress=lambda done, total: None,
        save_later: bool = False) -> Outcome:
    """Ingest (if asked), skip if nothing changed, read the settings, build, commit or discard,
    save what the next build may reuse.

    `serve` passes what it keeps: store(out) and sink(out) make its store and its writer for the
    output folder the settings name, and save_later defers the cache (written when edits pause:
    outcome.save does it)."""
    started = time.perf_counter()
    outcome = Outcome(strict=options.strict)
    base_url = options.base_url.strip() if options.base_url is not None else None

    # Nothing changed? Decided from every input's times and sizes, or else bytes (site.yaml among
    # them), before anything is parsed or a seed looked at: the editor's most common build should
    # cost no more than that. A seed added since the last build changes seeds/, so is seen.
    # A clean build takes the inputs too, though it never stops here: the build after it can.
    settings = repr((base_url, options.output))
    inputs = None if options.check or store is not None else Inputs(root, settings, options.ingest)
    last = None if options.clean else last_build(root, inputs)
    if last is not None and not (options.strict and last.get("problems")):
        outcome.unchanged, outcome.out = True, root / last["out"]
        outcome.recorded = [str(line) for line in last.get("problems", [])]
        outcome.seconds = time.perf_counter() - started
        return outcome
    if options.ingest:
        from .ingest.seeds import ingest_new    # the ingest rules load only when there are seeds to read
        written, outcome.ingested, outcome.problems = ingest_new(root)
        if has_errors(outcome.problems):
            return outcome
        if written and inputs is not None:
            inputs = Inputs(root, settings, True)     # the content ingest just wrote is an input too
    if inputs is not None:
        inputs.signature, inputs.fingerprint    # noqa: B018 -- taken now, before the build reads what they hash

    from .build import build        # the stages load only when there is something to build
    from .config import load_config
    from .reuse import DiskStore
    from .write import Discard, OutputRefused, Staging
    config, config_problems = load_config(root)
    outcome.problems += config_problems
    if has_errors(config_problems):
        # The content is checked all the same, with settings that work, so that every problem
        # shows at once; nothing is written.
        from .config import usable
        checked = build(root, usable(root, config), DiskStore(root, root, fresh=True, read_only=True), Discard())
        outcome.problems = sort_problems(set(outcome.problems + checked.problems))
        return outcome
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url)
    if options.epub is not None:
        config = dataclasses.replace(config, epub=options.epub)
    if options.output is not None:
        from .config import output_problems
        outcome.problems += output_problems(root, options.output, "--output", None, "--output ")
        if has_errors(outcome.problems):
            return outcome
        config = dataclasses.replace(config, output=options.output)
    out = outcome.out = root / config.output
    store = store(out) if store else DiskStore(root, out, fresh=options.clean, read_only=options.check)
    try:
        # Staging: the output changes only at commit
        sink = sink(out) if sink else Discard() if options.check else Staging(out, config.output)
    except OutputRefused as exc:
        outcome.refused = str(exc)
        return outcome
    try:
        with _no_cycle_collector(keep=store.in_memory):
            outcome.build = build(root, config, store, sink, progress)
        if not store.in_memory:
            give_back()     # the build's garbage, before the output is swapped in and the cache saved
        outcome.problems = sort_problems(set(outcome.problems + outcome.build.problems))
        if outcome.failed:
            sink.discard()
        else:
            outcome.written = sink.commit()
    except OSError as exc:
        sink.discard()
        outcome.refused = f"{write_failure(exc, config.output)} (the last good site was left in place)"
        return outcome
    except BaseException:
        sink.discard()
        raise
    if not outcome.failed and not options.check:
        save = lambda: store.save(outcome.build.paths, outcome.problems, inputs)  # noqa: E731
        if save_later:
            outcome.save = save
        else:
            outcome.cache = save()
    outcome.seconds = time.perf_counter() - started
    return outcome


def write_failure(exc: OSError, output: str) -> str:
    """Why writing failed, in the editor's words: the real cause, and the file when it is one of
    the site's (Staging names it so), else the folder."""
    name = exc.filename if isinstance(exc.filename, str) and exc.filename.startswith(f"{output}/") else f"{output}/"
    return cannot_write(exc, name, "build again")


def write_epub(root: Path, options: Options, target: Path | None = None) -> tuple:
    """`epub`: the whole edition checked as `check` checks it, the site left alone, and the book
    written (atomically) to target, by default `<title>.epub` in the project. (Outcome, path)."""
    from .files import write_atomic
    from .layout import shown
    from .write import Pick
    picked = Pick(".epub")
    outcome = run(root, dataclasses.replace(options, check=True, epub=True), sink=lambda out: picked)
    if outcome.failed or not picked.files:
        return outcome, None
    (name, data), = picked.files.items()
    target = target if target is not None else root / name
    try:
        write_atomic(target, data)
    except OSError as exc:
        outcome.refused = f"{cannot_write(exc, shown(target, root))} (no book was written)"
        return outcome, None
    return outcome, target


@contextlib.contextmanager
def _no_cycle_collector(keep: bool = False):
    """The build makes and drops millions of tokens and strings that reference counting frees;
    the cycle collector, scanning them again and again, costs a tenth of a cold build and finds
    almost nothing (about a hundred objects at N = 1,000).

    keep (serve, which keeps what its builds make): what the build left goes straight to the
    oldest generation, unscanned. Left young, all of it was scanned at the next allocation,
    a twentieth of a save at 10,000 texts; its few cycles are collected when edits pause
    (serve.Builder.flush)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()     # every object to the permanent generation, then all of them to the oldest
            gc.unfreeze()
        if was_enabled:
            gc.enable()
