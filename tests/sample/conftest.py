"""The sample edition's own checks (the CECOT article and the State Department statement).

Everything in this folder reads the repository's content, not a project the test made: it
checks that *this* edition builds to the committed tree and says what it should. An editor who
replaced the sample with their own texts gets these tests skipped, with the reason; the rest of
the suite tests the tool on projects it builds in temporary folders.
"""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The sample is there when its seed and both its texts are: one of them gone means an editor's own edition.
SAMPLE_FILES = (
    "seeds/000_14d3067ffab1f62e.txt",
    "content/texts/extraordinary-friendship-marco-rubio-welcomes-offer.md",
    "content/texts/terrorist-designations-of-international-cartels.md",
)


def sample_present() -> bool:
    return all((REPO / rel).is_file() for rel in SAMPLE_FILES)


def pytest_collection_modifyitems(config, items):
    if sample_present():
        return
    skip = pytest.mark.skip(reason="the sample edition is not in this repository (an editor's own "
                                   "edition): its own checks in tests/sample/ do not apply")
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(skip)
