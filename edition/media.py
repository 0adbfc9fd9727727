"""The edition's own images and files: content/media/, published as media/ beside the pages."""
from __future__ import annotations

import os
from pathlib import Path

import imagesize

from .layout import MEDIA_DIR, inside
from .problems import error


def media_files(root: Path, problems) -> dict:
    """{site path "media/…": file} of every file under content/media/ (hidden files left out);
    a link to a file outside the project is a problem, never published."""
    base = root / MEDIA_DIR
    if not base.is_dir():
        return {}
    project = root.resolve()
    found = {}
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".")):
            path = Path(folder, name)
            rel = path.relative_to(base).as_posix()
            if path.is_symlink() and not inside(path.resolve(), project):
                problems.append(error(f"{MEDIA_DIR}/{rel}", None, f"is a link to {path.resolve()}, outside the "
                                                                  "project; copy the file into the project instead"))
                continue
            if path.is_file():
                found[f"media/{rel}"] = path
    return found


def image_sizes(files: dict) -> dict:
    """{site path: (width, height)} of the images among the files (read from their headers)."""
    sizes = {}
    for site_path, path in files.items():
        if path.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".tif", ".tiff"):
            try:
                width, height = imagesize.get(str(path))
            except (OSError, ValueError):
                continue
            if width > 0 and height > 0:
                sizes[site_path] = (int(width), int(height))
    return sizes
