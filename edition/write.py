"""Write: put the whole site in place at once, or not at all.

The site is written to a temporary folder beside the output and swapped in with
renames, so a failure never leaves a half-written or empty site behind. Files whose
bytes did not change are hard-linked from the last site rather than written again, and
when nothing changed at all the output folder is not touched.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".edition-site"   # marks a folder this tool wrote, and so may replace
MARKER_TEXT = "This folder is written by `python build.py`; edits here are replaced.\n"


class OutputRefused(Exception):
    pass


@dataclass
class Written:
    changed: list = field(default_factory=list)     # site paths new or different from the last site
    unchanged: list = field(default_factory=list)   # site paths whose bytes were already in place
    removed: list = field(default_factory=list)     # site paths the last site had and this one has not

    @property
    def touched(self) -> bool:
        return bool(self.changed or self.removed)


def write_site(files: dict, out: Path) -> Written:
    if out.exists() and not _ours(out):
        raise OutputRefused(f"{out} exists and was not written by edition; it will not be replaced. "
                            "Empty or remove it, or set another `output:` in site.yaml")
    result = compare(files, out)
    if not result.touched and (out / MARKER).is_file():
        return result
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        os.chmod(staging, 0o755)
        reuse = set(result.unchanged)
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel not in reuse or not _link(out / rel, target):
                target.write_bytes(data)
        (staging / MARKER).write_text(MARKER_TEXT)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def update_site(files: dict, out: Path, known: dict) -> Written:
    """Replace, each atomically, only the files that differ from `known` (what this process
    wrote last, which the caller has checked is still what the folder holds).

    For `serve`: a save changes one or two pages of a thousand, and swapping the whole folder
    costs more than the rest of the rebuild. The site is whole at every moment except between
    two renames a moment apart; `build` keeps the whole-folder swap.
    """
    result = Written(removed=sorted(set(known) - set(files)))
    for rel, data in sorted(files.items()):
        (result.unchanged if known.get(rel) == data else result.changed).append(rel)
    for rel in result.changed:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.new")
        try:
            temp.write_bytes(files[rel])
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    for rel in result.removed:
        (out / rel).unlink(missing_ok=True)
    return result


def compare(files: dict, out: Path) -> Written:
    """Which files differ from what the output folder holds now."""
    before = set(site_files(out)) if out.is_dir() else set()
    result = Written(removed=sorted(before - set(files)))
    for rel, data in sorted(files.items()):
        same = rel in before and _read(out / rel) == data
        (result.unchanged if same else result.changed).append(rel)
    return result


def site_files(out: Path):
    """Site paths of the files in a written output folder (the marker is not part of the site)."""
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.name != MARKER:
            yield path.relative_to(out).as_posix()


def _read(path: Path):
    try:
        return path.read_bytes()
    except OSError:
        return None


def _link(source: Path, target: Path) -> bool:
    # A hard link shares the bytes already on disk; the old tree is removed after the swap
    # and the new one keeps them. Not every file system allows it, hence the fallback.
    try:
        os.link(source, target)
        return True
    except OSError:
        return False


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
