"""The command line: parse arguments, run a stage, turn problems into messages and exit codes.

Exit codes: 0 success, 1 content errors, 2 command-line misuse.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from .config import load_config
from .problems import has_errors, sort_problems
from .seeds import ingest_new, seed_diff
from .site import build_site
from .write import OutputRefused, write_site

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
    parser.set_defaults(run=run_default)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="turn new seeds/*.txt into content/texts/*.md")
    ingest.add_argument("seeds", nargs="*", help="only these seed files (default: every new seed)")
    ingest.add_argument("--diff", metavar="SLUG", help="show how a text's seed differs from content/texts/SLUG.md")
    ingest.set_defaults(run=run_ingest)

    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check", help="check all content; print every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)
    for sub in (ingest, build, check):
        sub.add_argument("--root", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def run_default(root, args):
    args.seeds, args.diff, args.strict = [], None, False
    status = run_ingest(root, args)
    return status if status else run_build(root, args)


def run_ingest(root, args):
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
    config, problems = load_config(root)
    if not has_errors(problems):
        problems += build_site(root, config).problems
    status = report(problems, strict=args.strict)
    if status == OK:
        print("check: no problems found")
    return status


def run_build(root, args):
    started = time.perf_counter()
    config, problems = load_config(root)
    if has_errors(problems):
        return report(problems)
    build = build_site(root, config)
    problems += build.problems
    out = root / config.output
    status = report(problems, strict=args.strict)
    if status != OK:
        print(f"build stopped: {out.relative_to(root)}/ was left as it was", file=sys.stderr)
        return status
    try:
        write_site(build.files, out)
    except OutputRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return CONTENT_ERROR
    except OSError as exc:
        print(f"error: cannot write {out.relative_to(root)}/: {exc.strerror}; check that the folder is "
              "writable (the last good site was left in place)", file=sys.stderr)
        return CONTENT_ERROR
    pages = sum(1 for p in build.files if p.endswith(".html"))
    print(f"built {pages} pages into {out.relative_to(root).as_posix()}/ "
          f"in {time.perf_counter() - started:.2f} s")
    return OK


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
