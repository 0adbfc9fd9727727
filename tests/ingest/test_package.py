"""The ingest package keeps to its rules: small modules, one door out (what it may import is in
tests/test_layers.py)."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "edition" / "ingest"


def test_no_module_is_over_450_lines():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 450, path.name
