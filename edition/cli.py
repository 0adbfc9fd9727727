"""The command line: parse arguments, run a stage, turn problems into messages and exit codes.

Exit codes: 0 success, 1 content errors, 2 command-line misuse.
"""
from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
import traceback
from pathlib import Path

from .cache import Cache, code_version, inputs_fingerprint, last_build
from .problems import has_errors, sort_problems
from .write import OutputRefused, Staging

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


def main(argv=None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:       # argparse has printed usage or help; callers get a code, not an exit
        return exc.code if isinstance(exc.code, int) else USAGE_ERROR
    root = Path(args.root).resolve()
    try:
        return args.run(root, args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the edge: one clear line, the traceback only when asked
        if args.debug:
            traceback.print_exc()
        else:
            print(f"error: {exc.__class__.__name__}: {exc} (run again with --debug for details)", file=sys.stderr)
        return CONTENT_ERROR


def make_parser():
    parser = argparse.ArgumentParser(prog="build.py", description="Build the annotated reading edition. "
                                     "With no command: ingest new seeds, then build the site.")
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--clean", action="store_true", help="rebuild everything, ignoring the build cache")
    parser.set_defaults(run=run_default)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="turn new seeds/*.txt into content/texts/*.md")
    ingest.add_argument("seeds", nargs="*", help="only these seed files (default: every new seed)")
    ingest.add_argument("--diff", metavar="SLUG", help="show how a text's seed differs from content/texts/SLUG.md")
    ingest.set_defaults(run=run_ingest)

    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--base-url", metavar="URL", help="the site's public address for this build "
                       "(overrides base_url in site.yaml; used for canonical links and the sitemap)")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="check all content; print every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)

    serve = commands.add_parser("serve", help="build, serve the site on 127.0.0.1, rebuild and reload on every save")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000; a free one if taken)")
    serve.set_defaults(run=run_serve)

    note = commands.add_parser("new-note", help="append a note skeleton on a phrase to content/notes/SLUG.md")
    note.add_argument("slug", metavar="SLUG", help="the text's name, as in content/texts/SLUG.md")
    note.add_argument("phrase", metavar="PHRASE", help="the exact phrase to annotate, in quotes")
    note.add_argument("--occurrence", type=int, metavar="N", help="which occurrence, when the phrase occurs more than once")
    note.set_defaults(run=run_new_note)

    for sub in (ingest, build, check, serve, note):
        sub.add_argument("--root", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    for sub in (build, serve):
        sub.add_argument("--clean", action="store_true", default=argparse.SUPPRESS,
                         help="rebuild everything, ignoring the build cache")
    return parser


def run_default(root, args):
    args.seeds, args.diff, args.strict, args.base_url = [], None, False, None
    status = run_ingest(root, args)
    return status if status else run_build(root, args)


def run_ingest(root, args):
    from .seeds import ingest_new, seed_diff    # the ingest rules load only when a command needs them
    if args.diff:
        diff, problems = seed_diff(root, args.diff)
        if problems:
            return report(problems)
        print(diff or f"content/texts/{args.diff}.md matches its seed.")
        return OK
    written, reports, problems = ingest_new(root, args.seeds)
    for seed, target, dropped in reports:
        print(f"ingested {seed} -> {target.relative_to(root).as_posix()}")
        for line, text, reason in dropped:
            print(f"  left out {seed}:{line}: {reason}: {text[:70]}")
    return report(problems, quiet_ok=True)


def run_check(root, args):
    from .config import load_config
    config, problems = load_config(root)
    if not has_errors(problems):
        from .site import build_site
        # The build's cache, read but never written: a text whose inputs are unchanged since the
        # last build brings back its problems without being annotated again.
        problems += build_site(root, config, Cache(root, root / config.output)).problems
    status = report(problems, strict=args.strict)
    if status == OK:
        print("check: no problems found")
    return status


def run_build(root, args):
    started = time.perf_counter()
    base_url = getattr(args, "base_url", None)
    if base_url is not None and not re.match(r"^https?://[^\s/]+\S*$", base_url.strip()):
        print(f"error: --base-url {base_url!r} is not a web address; write the full address, "
              "e.g. --base-url https://USER.github.io/REPO/", file=sys.stderr)
        return USAGE_ERROR
    # Nothing changed? Decided from the bytes of every input (site.yaml among them) before
    # anything is parsed: the editor's most common build should cost no more than a hash.
    fingerprint = "" if args.clean else inputs_fingerprint(root, repr(base_url and base_url.strip()), code_version())
    last = last_build(root, fingerprint)
    if last is not None and not (args.strict and last.get("problems")):
        for line in last.get("problems", []):
            print(line, file=sys.stderr)
        print(f"nothing changed since the last build: {last['out']}/ left as it was "
              f"({time.perf_counter() - started:.2f} s)")
        return OK
    from .config import load_config
    config, problems = load_config(root)
    if has_errors(problems):
        return report(problems)
    if base_url is not None:
        config = dataclasses.replace(config, base_url=base_url.strip())
    out = root / config.output
    cache = Cache(root, out, enabled=not args.clean)
    cache.fingerprint = fingerprint
    from .site import build_site    # loaded only when there is something to build
    try:
        staging = Staging(out)      # pages go there as they are made; the output changes only at commit
    except OutputRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return CONTENT_ERROR
    try:
        with ProgressBar(sys.stderr) as bar:
            build = build_site(root, config, cache, bar.update, sink=staging)
        problems += build.problems
        status = report(problems, strict=args.strict)
        if status != OK:
            staging.discard()
            print(f"build stopped: {out.relative_to(root).as_posix()}/ was left as it was", file=sys.stderr)
            return status
        for rel, data in build.files.items():
            if data is not None:
                staging.put(rel, data)
        written = staging.commit()
    except OSError as exc:
        staging.discard()
        print(f"error: cannot write {out.relative_to(root).as_posix()}/: {exc.strerror}; check that the folder is "
              "writable (the last good site was left in place)", file=sys.stderr)
        return CONTENT_ERROR
    except BaseException:
        staging.discard()
        raise
    cache.save(build.files, problems)
    print(summary(build, written, out.relative_to(root).as_posix(), time.perf_counter() - started))
    return OK


def summary(build, written, out: str, seconds: float) -> str:
    """One line: what the build did, e.g. `built 6 pages into _site/: 1 written, 5 unchanged (2 rendered) in 0.08 s`."""
    pages = sorted(p for p in build.files if p.endswith(".html"))
    changed = [p for p in written.changed if p.endswith(".html")]
    if not written.touched:
        return f"built {len(pages)} pages: nothing changed, {out}/ left as it was ({seconds:.2f} s)"
    return (f"built {len(pages)} pages into {out}/: {len(changed)} written, {len(pages) - len(changed)} unchanged, "
            f"{len(build.rendered)} rendered, in {seconds:.2f} s")


def run_serve(root, args):
    from .serve import serve    # the watcher and the server load only for this command
    return serve(root, args.port, clean=args.clean)


def run_new_note(root, args):
    from .authoring import new_note
    path, line, problems = new_note(root, args.slug, args.phrase, args.occurrence)
    if problems:
        return report(problems)
    rel = path.relative_to(root).as_posix()
    print(f"{rel}:{line}: added a note on “{' '.join(args.phrase.split())}”; write it and its source, "
          "then remove the TODO: lines (until then `check` reports it)")
    return OK


class ProgressBar:
    """A one-line bar on a terminal, shown only once a build has taken longer than DELAY seconds."""

    DELAY, WIDTH = 2.0, 30

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


def report(problems, strict=False, quiet_ok=False) -> int:
    problems = sort_problems(set(problems))
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if problems:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if errors or (strict and warnings):
        return CONTENT_ERROR
    return OK
