"""Seeds → content: which seeds still need ingesting, and writing their content files.

Never overwrites: a content file, once written, belongs to the editor.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import ingest
from .load import TEXTS_DIR
from .problems import error

SEEDS_DIR = "seeds"


def seed_files(root: Path):
    base = root / SEEDS_DIR
    return sorted(p for p in base.glob("*.txt") if p.is_file()) if base.is_dir() else []


def ingested_sources(root: Path) -> dict:
    """source_file -> content path, read from the front matter of existing texts."""
    found = {}
    for path in sorted((root / TEXTS_DIR).glob("*.md")):
        match = re.search(r"^source_file:\s*(.+)$", path.read_text(encoding="utf-8", errors="replace"), re.M)
        if match:
            value = yaml.safe_load(match.group(1))
            if isinstance(value, str):
                found[value] = path
    return found


def ingest_new(root: Path, only=None):
    """Ingest every seed that has no content file yet. Returns (written paths, reports, problems)."""
    seeds = seed_files(root)
    done = ingested_sources(root) if seeds else {}
    written, reports, problems = [], [], []
    claimed = {}
    for seed in seeds:
        rel = seed.relative_to(root).as_posix()
        if rel in done or (only and seed.name not in only and rel not in only):
            continue
        if not seed.resolve().is_relative_to(root.resolve()):
            problems.append(error(rel, None, f"is a link to {seed.resolve()}, outside the project; copy the "
                                             "file into seeds/ instead"))
            continue
        result = ingest.ingest_seed(seed.read_bytes(), rel)
        problems += result.problems
        if not result.body.strip() or any(p.severity == "error" for p in result.problems):
            continue
        target = root / TEXTS_DIR / f"{result.slug}.md"
        if result.slug in claimed or target.exists():
            other = claimed.get(result.slug) or target.relative_to(root).as_posix()
            problems.append(error(rel, 1, f"gives the slug `{result.slug}`, already taken by {other}; "
                                          "change this seed's title line, or rename the existing text"))
            continue
        claimed[result.slug] = rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:      # "x": never overwrite
            handle.write(ingest.to_markdown(result))
        written.append(target)
        reports.append((rel, target, result.dropped))
    return written, reports, problems


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
    source = path.read_text(encoding="utf-8")
    match = re.search(r"^source_file:\s*(.+)$", source, re.M)
    seed = yaml.safe_load(match.group(1)) if match else None
    if not seed or not (root / seed).is_file():
        return None, [error(path.relative_to(root).as_posix(), None,
                            "its source_file is missing or names no seed; nothing to compare")]
    fresh = ingest.ingest_seed((root / seed).read_bytes(), seed)
    body = source.split("\n---\n", 1)[1] if source.startswith("---\n") else source
    return ingest.body_diff(body, fresh.body, f"{TEXTS_DIR}/{slug}.md"), []
