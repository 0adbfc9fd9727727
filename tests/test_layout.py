"""layout.py: the project's folders, named once."""
from __future__ import annotations

from pathlib import Path

from edition.layout import inside, shown, theme_folders, themes


def test_a_theme_falls_back_to_the_default_one(tmp_path):
    assert theme_folders(tmp_path, "contrast") == [tmp_path / "theme/contrast", tmp_path / "theme/default"]
    assert theme_folders(tmp_path, "default") == [tmp_path / "theme/default"]


def test_the_themes_are_the_folders_with_templates(tmp_path):
    (tmp_path / "theme/default/templates").mkdir(parents=True)
    (tmp_path / "theme/notes").mkdir(parents=True)
    assert themes(tmp_path) == ["default"]


def test_a_path_is_shown_relative_when_it_is_inside(tmp_path):
    assert shown(tmp_path / "_site", tmp_path) == "_site"
    assert shown(Path("/elsewhere/out"), tmp_path) == "/elsewhere/out"
    assert inside(tmp_path / "a" / "b", tmp_path) and not inside(tmp_path.parent, tmp_path)
