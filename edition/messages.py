"""What the commands print: an outcome turned into lines for the editor (the edge of the house)."""
from __future__ import annotations

from pathlib import Path

from .problems import ERROR, printable, sort_problems


def problem_lines(problems) -> list:
    """Every problem as `path:line: severity: message`, then the count, if there are any."""
    problems = sort_problems(set(problems))
    lines = [str(problem) for problem in problems]
    errors = sum(1 for p in problems if p.severity == ERROR)
    if problems:
        lines.append(f"{errors} error(s), {len(problems) - errors} warning(s)")
    return lines


def ingested_lines(root: Path, ingested) -> list:
    """What ingest did with each new seed: the content file it wrote and every line it left out."""
    lines = []
    for seed, target, dropped in ingested:
        lines.append(f"ingested {seed} -> {Path(target).relative_to(root).as_posix()}")
        lines += [f"  left out {seed}:{line}: {reason}: {text[:70]}" for line, text, reason in dropped]
    return [printable(line) for line in lines]


def summary_line(outcome, out: str) -> str:
    """One line: what the build did, e.g. `built 6 pages into _site/: 1 written, 5 unchanged, 2 rendered, in 0.08 s`."""
    build, written, seconds = outcome.build, outcome.written, outcome.seconds
    pages = [p for p in build.paths if p.endswith(".html")]
    changed = [p for p in written.changed if p.endswith(".html")]
    if not written.touched:
        return f"built {len(pages)} pages: nothing changed, {out}/ left as it was ({seconds:.2f} s)"
    return (f"built {len(pages)} pages into {out}/: {len(changed)} written, {len(pages) - len(changed)} unchanged, "
            f"{sum(1 for p in build.rendered if p.endswith('.html'))} rendered, in {seconds:.2f} s")
