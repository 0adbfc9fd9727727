"""The golden tree: the sample edition, built with a fixed base_url, byte for byte.

Any change to what the build writes shows here as a diff, whether it was meant or not. When
it was meant, rewrite the tree on purpose and commit it with the change:

    EDITION_UPDATE_GOLDEN=1 python -m pytest tests/sample/test_golden.py
"""
from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from edition import cli

from sample.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
BASE_URL = "https://example.org/edition/"
SHOWN = 120     # diff lines printed per file, at most


def build_sample(root: Path) -> Path:
    for folder in ("content", "seeds", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    assert cli.main(["--root", str(root), "build", "--base-url", BASE_URL]) == 0, \
        "the sample edition did not build; run `python build.py check`"
    return root / "_site"


def tree(folder: Path) -> dict:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def describe(rel: str, want: bytes, got: bytes) -> str:
    try:
        old, new = want.decode("utf-8").splitlines(), got.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{rel}: binary file differs ({len(want)} -> {len(got)} bytes)"
    lines = list(difflib.unified_diff(old, new, f"golden/{rel}", f"built/{rel}", lineterm="", n=1))
    more = f"\n… {len(lines) - SHOWN} more diff lines" if len(lines) > SHOWN else ""
    return "\n".join(lines[:SHOWN]) + more


def test_the_sample_builds_to_the_golden_tree(tmp_path):
    built = tree(build_sample(tmp_path))
    if os.environ.get("EDITION_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in built.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    golden = tree(GOLDEN)
    report = [f"{rel}: written by the build, not in the golden tree" for rel in sorted(built.keys() - golden.keys())]
    report += [f"{rel}: in the golden tree, not written by the build" for rel in sorted(golden.keys() - built.keys())]
    report += [describe(rel, golden[rel], built[rel]) for rel in sorted(built.keys() & golden.keys())
               if golden[rel] != built[rel]]
    assert not report, ("the build differs from tests/sample/golden/ (if the change is meant, rewrite it with "
                        "EDITION_UPDATE_GOLDEN=1 and commit it):\n" + "\n".join(report))
