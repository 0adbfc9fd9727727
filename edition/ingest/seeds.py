"""Seeds -> content: which seeds still need ingesting, writing their content files, --diff.

A content file, once written, belongs to the editor: ingest never overwrites one it did not
write as it stands.  Ingesting a seed again (`ingest --form verse|prose SEED`, or naming a seed
whose text has a `form:` the editor set) rewrites its text only while the file is exactly what
the seed ingested to (its `form:` line aside); an edited file is refused, with how to proceed.
Files are written whole or not at all (a temporary file beside them, then a rename).
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from edition.files import cannot_write, read_bytes, read_text, unreadable
from edition.layout import SEEDS_DIR, TEXTS_DIR, inside
from edition.problems import ERROR, error, warning

from . import FORMS, HTML_SUFFIXES, MARKDOWN_SUFFIXES, ingest_seed
from .content import body_diff, split_content, to_markdown, without_form

SEED_SUFFIXES = (".txt",) + MARKDOWN_SUFFIXES + HTML_SUFFIXES


def seed_files(root: Path):
    base = root / SEEDS_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.suffix.lower() in SEED_SUFFIXES and p.is_file())


def ingested_sources(root: Path) -> dict:
    """source_file -> content path, read from the front matter of existing texts."""
    found = {}
    for path in sorted((root / TEXTS_DIR).glob("*.md")):
        # The line alone, not the whole front matter: a text whose YAML is broken for now (which
        # the build reports) still keeps its seed from being ingested a second time.
        try:
            source = path.read_text(encoding="utf-8", errors="replace")
        except OSError:     # a folder named like a text: the build says so
            continue
        match = re.search(r"^source_file:\s*(.+)$", source, re.M)
        if match:
            try:
                value = yaml.safe_load(match.group(1))
            except yaml.YAMLError:
                continue
            if isinstance(value, str):
                found[value] = path
    return found


def ingest_new(root: Path, only=None, form: str | None = None):
    """Ingest every seed that has no content file yet (or, named in `only`, again: see above).

    Returns (written paths, reports, problems); a report is (seed, content path, left-out lines).
    """
    seeds = seed_files(root)
    done = ingested_sources(root) if seeds else {}
    written, reports, problems = [], [], []
    claimed = {}
    known = {name for seed in seeds for name in (seed.name, seed.relative_to(root).as_posix())}
    for name in only or ():
        if name not in known and Path(name).name != name and not name.startswith(f"{SEEDS_DIR}/"):
            # a path to a file elsewhere: say so of what was typed, not of a seed it is not
            problems.append(error(name, None, f"is not in {SEEDS_DIR}/, and ingest reads only the project's "
                                              f"seeds; copy the file into {SEEDS_DIR}/ and run "
                                              f"`ingest {Path(name).name}`"))
        elif name not in known:
            listing = ", ".join(seed.name for seed in seeds[:8]) + (", …" if len(seeds) > 8 else "")
            problems.append(error(f"{SEEDS_DIR}/{Path(name).name}", None,
                                  f"no such seed in {SEEDS_DIR}/; name one of: {listing or '(none yet)'}"))
    for seed in seeds:
        rel = seed.relative_to(root).as_posix()
        named = bool(only) and (seed.name in only or rel in only)
        if only and not named:
            continue
        if not seed.resolve().is_relative_to(root.resolve()):
            problems.append(error(rel, None, f"is a link to {seed.resolve()}, outside the project; copy the "
                                             "file into seeds/ instead"))
            continue
        if rel in done:
            if named:
                outcome = reingest(root, seed, rel, done[rel], form, problems)
                if outcome:
                    written.append(done[rel])
                    reports.append((rel, done[rel], outcome.dropped))
            continue
        try:
            data = seed.read_bytes()
        except OSError as exc:
            problems.append(error(rel, None, unreadable(exc)))
            continue
        result = ingest_seed(data, rel, form=form)
        problems += result.problems
        if not result.body.strip() or any(p.severity == ERROR for p in result.problems):
            continue
        slug = free_slug(root, result.slug, claimed)
        if slug != result.slug:
            other = claimed.get(result.slug) or f"{TEXTS_DIR}/{result.slug}.md"
            problems.append(warning(rel, 1, f"gives the slug `{result.slug}`, already taken by {other}; "
                                            f"written as {TEXTS_DIR}/{slug}.md (rename the file if you like: "
                                            "its source_file keeps it linked to this seed)"))
        claimed[slug] = rel
        target = root / TEXTS_DIR / f"{slug}.md"
        try:
            write_new(target, to_markdown(result))
        except FileExistsError:     # made in the moment since free_slug looked: another ingest, or the editor
            problems.append(error(f"{TEXTS_DIR}/{slug}.md", None, f"was made by another command while {rel} was "
                                                                  "being ingested, and is left as it is; run the "
                                                                  "command again"))
            continue
        except OSError as exc:
            problems.append(error(f"{TEXTS_DIR}/{slug}.md", None, f"{cannot_write(exc)}; nothing of {rel} was "
                                                                  "ingested (no part of the file is left behind)"))
            continue
        written.append(target)
        reports.append((rel, target, result.dropped))
    return written, reports, problems


def free_slug(root: Path, slug: str, claimed: dict) -> str:
    candidate, n = slug, 1
    while candidate in claimed or (root / TEXTS_DIR / f"{candidate}.md").exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def reingest(root: Path, seed: Path, rel: str, path: Path, form: str | None, problems: list):
    """Ingest a seed again into its existing text, if that text is still what ingest wrote."""
    current = path.read_text(encoding="utf-8")
    front, _ = split_content(current)
    wanted = form or (front.get("form") if front.get("form") in FORMS else None)
    if wanted is None:
        return None                 # named, already ingested, nothing asked: leave it be
    data = seed.read_bytes()
    earlier = {without_form(to_markdown(ingest_seed(data, rel, form=f))) for f in (None, "verse", "prose")}
    text_rel = path.relative_to(root).as_posix()
    if without_form(current) not in earlier:
        problems.append(error(text_rel, None, f"differs from what {rel} ingests to (it was edited, or the seed "
                                              "changed); ingesting again would lose that: see the difference "
                                              f"with `python build.py ingest --diff {path.stem}`, then set the "
                                              "line breaks by hand, or delete the file and ingest again"))
        return None
    result = ingest_seed(data, rel, form=wanted)
    problems += result.problems
    if wanted == "prose":
        result.meta.pop("form", None)
    else:
        result.meta["form"] = wanted
    try:
        write_atomic(path, to_markdown(result))
    except OSError as exc:
        problems.append(error(text_rel, None, f"{cannot_write(exc)}; it was left as it was"))
        return None
    return result


def write_new(target: Path, text: str) -> None:
    """Write a new content file whole, never over an existing one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8"):      # "x": claims the name, never over another file
        pass
    try:
        write_atomic(target, text)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def seed_diff(root: Path, slug: str):
    """The difference between the text on file and what its seed gives now."""
    path = root / TEXTS_DIR / f"{slug}.md"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        # A name, never a path: `--diff ../../x` must not read files outside content/texts/.
        return None, [error(TEXTS_DIR, None, f"`--diff {slug}` takes the name of a text, e.g. "
                                             f"`--diff my-text` for {TEXTS_DIR}/my-text.md")]
    if not path.is_file():
        return None, [error(f"{TEXTS_DIR}/{slug}.md", None, f"no text `{slug}`; "
                                                             f"see the names in {TEXTS_DIR}/")]
    problems = []
    text = read_text(path, f"{TEXTS_DIR}/{slug}.md", problems)
    if text is None or problems:
        return None, problems
    front, body = split_content(text)
    seed = front.get("source_file")
    # Only a seed of this project: --diff prints what it reads.
    if (not isinstance(seed, str) or not seed or not (root / seed).is_file()
            or not inside((root / seed).resolve(), root.resolve())):
        return None, [error(path.relative_to(root).as_posix(), None,
                            "its source_file is missing or names no seed of this project; nothing to compare")]
    form = front.get("form") if front.get("form") in FORMS else None
    data = read_bytes(root / seed, seed, problems)
    if data is None:
        return None, problems
    fresh = ingest_seed(data, seed, form=form)
    return body_diff(body, fresh.body, f"{TEXTS_DIR}/{slug}.md"), []
