"""The project's folders and files, named once.

An edition is a folder holding these; every command reads and writes only inside it.
"""
from __future__ import annotations

from pathlib import Path

CONFIG_FILE = "site.yaml"
CONTENT_DIR = "content"
TEXTS_DIR = "content/texts"
NOTES_DIR = "content/notes"
PAGES_DIR = "content/pages"
GLOSSARY_FILE = "content/glossary.md"
MEDIA_DIR = "content/media"        # the edition's own images and files, published as media/
SEEDS_DIR = "seeds"
THEMES_DIR = "theme"
DEFAULT_THEME = "default"
CACHE_DIR = ".edition-cache"
SEARCH_DIR = "search"               # in the site: the search index and each text's places

# What a build reads: a change to any of them may change the site (and serve watches them).
INPUTS = (CONFIG_FILE, CONTENT_DIR, SEEDS_DIR, THEMES_DIR)


def theme_folders(root: Path, name: str) -> list:
    """The theme's folder, then the default theme's, which fills in whatever the theme lacks."""
    folders = [root / THEMES_DIR / name]
    if name != DEFAULT_THEME:
        folders.append(root / THEMES_DIR / DEFAULT_THEME)
    return folders


def themes(root: Path) -> list:
    """The names of the themes the project has (folders of theme/ with templates/)."""
    base = root / THEMES_DIR
    return sorted(p.name for p in base.iterdir() if (p / "templates").is_dir()) if base.is_dir() else []


def shown(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project when it is inside, else as it is."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def inside(path: Path, root: Path) -> bool:
    """True if path (already resolved) is root or under it."""
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False
