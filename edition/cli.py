"""The command line: parse arguments, run a stage, turn problems into messages and exit codes.

Exit codes: 0 success, 1 content errors, 2 command-line misuse.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from .layout import shown
from .messages import ingested_lines, problem_lines, summary_line
from .problems import has_errors, printable
from .urls import is_site_address

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


def main(argv=None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:       # argparse has printed usage or help; callers get a code, not an exit
        return exc.code if isinstance(exc.code, int) else USAGE_ERROR
    if any("\0" in str(value) for value in vars(args).values() if isinstance(value, (str, list))):
        # no file name holds one (a shell cannot even pass it): refused before any path is made of it
        say("error: an argument holds a NUL character (\\x00), which no file name or phrase can; type it again",
            err=True)
        return USAGE_ERROR
    root = Path(args.root).resolve()
    if getattr(args, "jobs", None):
        os.environ["EDITION_PROCESSES"] = str(args.jobs)     # read by parallel.py, below the stages
    try:
        return args.run(root, args)
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:
        if args.debug:
            traceback.print_exc()
        say(f"error: the package `{exc.name}` that edition needs is not installed in this Python; run "
            "`python3 build.py` without another environment active (it sets up .venv/ with the pinned "
            "packages), or `pip install -r requirements.txt`", err=True)
        return USAGE_ERROR
    except Exception as exc:  # the edge: one clear line, the traceback only when asked
        if args.debug:
            traceback.print_exc()
        else:
            say(f"error: {exc.__class__.__name__}: {exc} (run again with --debug for details)", err=True)
        return CONTENT_ERROR


def make_parser():
    parser = argparse.ArgumentParser(prog="build.py", description="Build the annotated reading edition. "
                                     "With no command: ingest new seeds, then build the site.")
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--clean", action="store_true", help="rebuild everything, ignoring the build cache")
    parser.add_argument("--jobs", type=job_count, metavar="N", help="how many processes share a cold build "
                        "(default: one per core; 1 for none)")
    parser.set_defaults(run=run_default)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="turn new seeds/*.txt into content/texts/*.md")
    ingest.add_argument("seeds", nargs="*", help="only these seed files (default: every new seed)")
    ingest.add_argument("--diff", metavar="SLUG", help="show how a text's seed differs from content/texts/SLUG.md")
    ingest.add_argument("--form", choices=("verse", "prose"), help="set the named seeds as verse (every line kept) or prose; "
                        "a text already ingested is rewritten only if unedited")
    ingest.set_defaults(run=run_ingest)

    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--base-url", metavar="URL", help="the site's public address for this build "
                       "(overrides base_url in site.yaml; used for canonical links and the sitemap)")
    build.add_argument("--output", metavar="DIR", help="write the site into DIR (overrides output in site.yaml; "
                       "a folder outside the project must be empty or written by edition)")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="check all content; print every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)

    serve = commands.add_parser("serve", help="build, serve the site on 127.0.0.1, rebuild and reload on every save")
    serve.add_argument("--port", type=port_number, default=8000,
                       help="port to serve on (default 8000; a free one if taken)")
    serve.set_defaults(run=run_serve)

    note = commands.add_parser("new-note", help="append a note skeleton on a phrase to content/notes/SLUG.md")
    note.add_argument("slug", metavar="SLUG", help="the text's name, as in content/texts/SLUG.md")
    note.add_argument("phrase", metavar="PHRASE", help="the exact phrase to annotate, in quotes")
    note.add_argument("--occurrence", type=int, metavar="N", help="which occurrence, when the phrase occurs more than once")
    note.set_defaults(run=run_new_note)

    edition = commands.add_parser("new-edition", help="replace the sample with an empty edition of your own")
    edition.add_argument("title", metavar="TITLE", help="your edition's title, in quotes")
    edition.add_argument("--force", action="store_true", help="even if content/, seeds/ or site.yaml have "
                         "changes git has not recorded (they are lost)")
    edition.set_defaults(run=run_new_edition)

    book = commands.add_parser("epub", help="check all content and write the edition as one EPUB 3 "
                               "(the site is left as it is)")
    book.add_argument("--output", "-o", metavar="FILE", help="where to write it (default: a file named after "
                      "the edition's title, in the project folder)")
    book.add_argument("--strict", action="store_true", help="treat warnings as errors")
    book.set_defaults(run=run_epub)

    incoming = commands.add_parser("import-annotations", help="append notes from W3C Web Annotations or a "
                                   "Hypothes.is export to content/notes/SLUG.md")
    incoming.add_argument("file", metavar="FILE", help="the annotation file (JSON-LD or Hypothes.is JSON)")
    incoming.add_argument("slug", metavar="SLUG", help="the text's name, as in content/texts/SLUG.md")
    incoming.set_defaults(run=run_import_annotations)

    for sub in (ingest, build, check, serve, note, edition, book, incoming):
        sub.add_argument("--root", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    for sub in (build, serve):
        sub.add_argument("--clean", action="store_true", default=argparse.SUPPRESS,
                         help="rebuild everything, ignoring the build cache")
    for sub in (build, check, book):
        sub.add_argument("--jobs", type=job_count, metavar="N", default=argparse.SUPPRESS,
                         help="how many processes share a cold build (default: one per core; 1 for none)")
    return parser


def job_count(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 256:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes; use one from 1 to 256")
    return int(value)


def port_number(value: str) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number; use one from 1 to 65535 (0: any free one)")
    return int(value)


def run_default(root, args):
    args.strict, args.base_url, args.output = False, None, None
    return run_build(root, args, ingest=True)


def run_ingest(root, args):
    from .ingest.seeds import ingest_new, seed_diff    # the ingest rules load only when a command needs them
    if args.diff:
        diff, problems = seed_diff(root, args.diff)
        if problems:
            return report(problems)
        say(diff or f"content/texts/{args.diff}.md matches its seed.")
        return OK
    _, reports, problems = ingest_new(root, args.seeds, form=getattr(args, "form", None))
    for line in ingested_lines(root, reports):
        say(line)
    return report(problems)


def run_check(root, args):
    from . import pipeline
    # The build's cache is read but never written: a text whose inputs are unchanged since the
    # last build brings back its problems without being annotated again.
    outcome = pipeline.run(root, pipeline.Options(check=True, strict=args.strict))
    status = report(outcome.problems, strict=args.strict)
    if status == OK:
        count = len(outcome.problems)
        say(f"check: no errors, {count} warning{'s' if count != 1 else ''}" if count else "check: no problems found")
    return status


def run_build(root, args, ingest=False):
    base_url = getattr(args, "base_url", None)
    if base_url is not None and not is_site_address(base_url.strip()):
        say(f"error: --base-url {base_url!r} is not a web address; write the full address, "
            "e.g. --base-url https://USER.github.io/REPO/", err=True)
        return USAGE_ERROR
    from . import pipeline    # loaded only when there is something to build
    options = pipeline.Options(clean=args.clean, strict=args.strict, base_url=base_url, ingest=ingest,
                               output=getattr(args, "output", None))
    with ProgressBar(sys.stderr) as bar:
        outcome = pipeline.run(root, options, progress=bar.update)
    for line in ingested_lines(root, outcome.ingested):
        say(line)
    if outcome.unchanged:
        for line in outcome.recorded:
            say(line, err=True)
        say(f"nothing changed since the last build: {shown(outcome.out, root)}/ left as it was "
            f"({outcome.seconds:.2f} s)")
        return OK
    if outcome.refused:
        report(outcome.problems, strict=args.strict)
        say(f"error: {outcome.refused}", err=True)
        return CONTENT_ERROR
    status = report(outcome.problems, strict=args.strict)
    if outcome.build is None:
        return status or CONTENT_ERROR
    out = shown(outcome.out, root)
    if status != OK:
        say(f"build stopped: {out}/ was left as it was", err=True)
        return status
    if outcome.cache:
        say(f"note: {outcome.cache}", err=True)
    say(summary_line(outcome, out))
    return OK


def run_epub(root, args):
    from . import pipeline
    target = Path(args.output).resolve() if args.output else None
    if target is not None:
        from .config import book_problems
        problems = book_problems(root, target, args.output)
        if problems:
            report(problems)
            return USAGE_ERROR
    outcome, written = pipeline.write_epub(root, pipeline.Options(strict=args.strict, clean=args.clean), target)
    status = report(outcome.problems, strict=args.strict)
    if outcome.refused:
        say(f"error: {outcome.refused}", err=True)
        return CONTENT_ERROR
    if status != OK or written is None:
        say("epub: no book was written", err=True)
        return status or CONTENT_ERROR
    shown = written.relative_to(root).as_posix() if written.is_relative_to(root) else str(written)
    say(f"wrote {shown} ({written.stat().st_size / 1024:.0f} KB) in {outcome.seconds:.2f} s")
    return OK


def run_import_annotations(root, args):
    from .annotations_in import import_annotations
    path, added, problems = import_annotations(root, args.file, args.slug)
    status = report(problems)
    for line, quote in added:
        say(f"{path.relative_to(root).as_posix()}:{line}: added a note on “{quote}”")
    if not added:
        say("import-annotations: no note was added", err=True)
    return status


def run_serve(root, args):
    from .serve import serve    # the watcher and the server load only for this command
    return serve(root, args.port, clean=args.clean)


def run_new_note(root, args):
    from .authoring import new_note
    path, line, problems = new_note(root, args.slug, args.phrase, args.occurrence)
    if problems:
        return report(problems)
    rel = path.relative_to(root).as_posix()
    say(f"{rel}:{line}: added a note on “{' '.join(args.phrase.split())}”; write it and its source, "
        "then remove the TODO: lines (until then `check` reports it)")
    return OK


def run_new_edition(root, args):
    from .authoring import new_edition
    lines, problems = new_edition(root, args.title, args.force)
    if problems:
        return report(problems)
    for line in lines:
        say(line)
    return OK


class ProgressBar:
    """A one-line bar on a terminal, shown only once a build has taken longer than DELAY seconds."""

    DELAY, WIDTH = 1.0, 30

    def __init__(self, stream):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.perf_counter()
        self.shown = False

    def update(self, done: int, total: int) -> None:
        if not self.tty or time.perf_counter() - self.started < self.DELAY or not total:
            return
        filled = self.WIDTH * done // total
        self.stream.write(f"\rbuilding [{'#' * filled}{' ' * (self.WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.shown:
            self.stream.write("\r" + " " * (self.WIDTH + 30) + "\r")     # leave the line for the summary
            self.stream.flush()


def say(text, err: bool = False) -> None:
    """Print a line (or lines) for the editor, with anything a terminal would act on written out
    as an escape: file names, quotes and exception texts come from content and the file system."""
    print("\n".join(printable(line) for line in str(text).split("\n")), file=sys.stderr if err else sys.stdout,
          flush=True)


def report(problems, strict=False) -> int:
    """Print every problem and the count; the exit code they call for."""
    for line in problem_lines(problems):
        say(line, err=True)
    if has_errors(problems) or (strict and problems):
        return CONTENT_ERROR
    return OK
