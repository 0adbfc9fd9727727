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
    """Write the whole site {site path: bytes} in place of the output folder, at once."""
    staging = Staging(out)
    try:
        for rel in sorted(files):
            staging.put(rel, files[rel])
        return staging.commit()
    except BaseException:
        staging.discard()
        raise


class Staging:
    """The next site, written file by file as the build makes it into a folder beside the
    output, then put in place at once (commit) or thrown away (discard).

    The output folder does not change before commit, so a build that fails half way, or finds
    errors, leaves the last good site as it was. Streaming the pages here as they are made
    keeps a thousand of them out of memory at once.
    """

    def __init__(self, out: Path):
        if out.exists() and not _ours(out):
            raise OutputRefused(f"{out} exists and was not written by edition; it will not be replaced. "
                                "Empty or remove it, or set another `output:` in site.yaml")
        self.out = out
        self.before = set(site_files(out)) if out.is_dir() else set()
        self.result = Written()
        self.folder: Path | None = None
        self._made: set = set()

    def put(self, rel: str, data: bytes) -> None:
        folder = self._folder()
        target = folder / rel
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        same = rel in self.before and _read(self.out / rel) == data
        (self.result.unchanged if same else self.result.changed).append(rel)
        # unchanged: a hard link to the bytes already on disk (the old tree is removed after the swap)
        if not same or not _link(self.out / rel, target):
            target.write_bytes(data)

    def commit(self) -> Written:
        result = self.result
        result.changed.sort()
        result.unchanged.sort()
        result.removed = sorted(self.before - set(result.changed) - set(result.unchanged))
        try:
            if not result.touched and (self.out / MARKER).is_file():
                self.discard()          # nothing changed: the output folder is not touched at all
                return result
            folder = self._folder()
            (folder / MARKER).write_text(MARKER_TEXT)
            _swap(folder, self.out)
            self.folder = None
        except BaseException:
            self.discard()
            raise
        return result

    def discard(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _folder(self) -> Path:
        if self.folder is None:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
            os.chmod(self.folder, 0o755)
        return self.folder


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
