"""Whatever edition this repository holds — the sample or an editor's own — passes the strict check.

This is what CI and the Pages workflow hold an edition to: no error and no warning."""
from __future__ import annotations

from conftest import REPO
from edition.cli import main


def test_the_edition_in_this_repository_passes_check_strict(capsys):
    status = main(["--root", str(REPO), "check", "--strict"])
    assert status == 0, "the edition in this repository has problems:\n" + capsys.readouterr().err
