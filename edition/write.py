"""Write: put the whole site in place at once, or not at all.

The site is written to a temporary folder beside the output and swapped in with
renames, so a failure never leaves a half-written or empty site behind.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".edition-site"   # marks a folder this tool wrote, and so may replace


class OutputRefused(Exception):
    pass


def write_site(files: dict, out: Path) -> None:
    if out.exists() and not _ours(out):
        raise OutputRefused(f"{out} exists and was not written by edition; it will not be replaced. "
                            "Empty or remove it, or set another `output:` in site.yaml")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        os.chmod(staging, 0o755)
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_text("This folder is written by `python build.py`; edits here are replaced.\n")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(retired)
    os.rename(out, retired)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(retired, out)     # put the last good site back
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _ours(out: Path) -> bool:
    return out.is_dir() and ((out / MARKER).is_file() or not any(out.iterdir()))
