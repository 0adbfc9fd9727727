"""The ingest package keeps to its rules: bottom layer first, small modules, one door out."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "edition" / "ingest"
ALLOWED = {"edition.problems", "edition.ids"}


def test_ingest_imports_nothing_of_edition_but_problems_and_ids():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("edition"):
                assert node.module in ALLOWED, f"{path.name} imports {node.module}"
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                raise AssertionError(f"{path.name} imports from the package above it")


def test_no_module_is_over_450_lines():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 450, path.name
