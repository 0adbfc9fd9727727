"""Write: the ways a build's files reach the output folder. Each takes put(site path, bytes)
as the build makes them, then commit() or discard().

- Staging (`build`): into a folder beside the output, swapped in at commit with renames, so a
  build that fails half way, or finds errors, leaves the last good site as it was. Files whose
  bytes did not change are hard-linked from the last site; when nothing changed at all the
  output folder is not touched. Streaming pages there keeps a thousand of them out of memory.
- InPlace (`serve`): a save changes one or two pages of a thousand, and swapping the whole
  folder costs more than the rest of the rebuild; so only the files that differ from what this
  process wrote last are replaced, each atomically, at commit. It falls back to a Staging when
  the folder is not as it left it.
- Discard (`check`): nothing is written.
"""
from __future__ import annotations

import errno
import hashlib
import io
import itertools
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .files import file_sha256, listing, names_under, write_atomic

MARKER = ".edition-site"   # marks a folder this tool wrote, and so may replace
MARKER_TEXT = "This folder is written by `python build.py`; edits here are replaced.\n"


class OutputRefused(Exception):
    pass


@dataclass
class Written:
    changed: list = field(default_factory=list)     # site paths new or different from the last site
    unchanged: list = field(default_factory=list)   # site paths whose bytes were already in place (InPlace: as put)
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


class Sink:
    """What the build writes through: put(rel, bytes) for each file, put_file(rel, write) for
    one too large to hold, then commit() or discard()."""

    def put_all(self, files: dict) -> None:
        """put() of each {rel: bytes}: a text's files at once (serve puts 60,000 a save at
        10,000 texts, each call a cost)."""
        for rel, data in files.items():
            self.put(rel, data)


class Staging(Sink):
    """The next site, written file by file into a folder beside the output, then put in place
    at once (commit) or thrown away (discard)."""

    def __init__(self, out: Path, name: str = ""):
        """name: the folder as the editor wrote it, for messages (never the machine's absolute path)."""
        if out.exists() and not _ours(out):
            raise OutputRefused(f"{name or out} exists and was not written by edition; it will not be replaced. "
                                "Empty or remove it, or set another `output:` in site.yaml")
        if out.is_dir() and not out.stat().st_mode & stat.S_IWUSR:
            raise OutputRefused(f"{name or out} is marked read-only, so it is left as it is; make it writable "
                                f"(chmod u+w {name or out}) or set another `output:` in site.yaml")
        _clear_leftovers(out)
        self.out, self.name = out, name or out.name
        self._had = out.is_dir()    # a first build need not look for old files
        self.result = Written()
        self.folder: Path | None = None
        self._made: set = set()

    def put(self, rel: str, data: bytes) -> None:
        folder = self._folder()
        target = folder / rel
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        same = self._had and _holds(self.out / rel, data)     # False for a file the output does not have
        (self.result.unchanged if same else self.result.changed).append(rel)
        # unchanged: a hard link to the bytes already on disk (the old tree is removed after the swap)
        if not same or not _link(self.out / rel, target):
            try:
                target.write_bytes(data)
            except OSError as exc:
                exc.filename = f"{self.name}/{rel}"     # the file as the editor knows it, not the staging folder's
                raise

    def put_file(self, rel: str, write, through: bool = False) -> str:
        """put() of a file too large to hold (the EPUB, the glossary): write(handle) writes it.
        Its SHA-256. through: what passes through write is read (the glossary's ids), so every
        sink runs it, even one that keeps nothing."""
        target = self._folder() / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "wb") as handle:
                write(handle)
        except OSError as exc:
            exc.filename = f"{self.name}/{rel}"
            raise
        hashed = file_sha256(target)
        same = self._had and _same_file(self.out / rel, target, hashed)
        (self.result.unchanged if same else self.result.changed).append(rel)
        return hashed

    def commit(self) -> Written:
        result = self.result
        result.changed.sort()
        result.unchanged.sort()
        # the old site's files, listed only now: the output is left as it is until the swap, and
        # a set of 60,000 names held through the build was 6 MB at 10,000 texts
        before = names_under(self.out) - {MARKER}
        result.removed = sorted(before - set(result.changed) - set(result.unchanged))
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
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-{os.getpid()}-", dir=self.out.parent))
            os.chmod(self.folder, 0o755)
        return self.folder


@dataclass
class Kept:
    """What serve's writer remembers between builds: the bytes it wrote and the folder after."""
    files: dict = field(default_factory=dict)       # site path -> bytes
    listing: dict = field(default_factory=dict)     # site path -> (size, mtime) of the output folder


class InPlace(Sink):
    """Replace only the files that differ from what this process wrote last (see the module).

    look: whether to list the output folder to see that nobody changed it since (at 10,000 texts
    that costs a save a tenth of a second); serve looks on its first build and once edits pause,
    and between them takes the folder to be as it left it."""

    def __init__(self, out: Path, kept: Kept, look: bool = True):
        self.out, self.kept = out, kept
        self.files: dict = {}
        # Someone changed the folder since (or this is the first build): write it whole.
        as_left = kept.files and (not look or _sizes_and_times(out) == kept.listing)
        self.whole = None if as_left else Staging(out)

    def put(self, rel: str, data: bytes) -> None:
        self.files[rel] = data
        if self.whole is not None:
            self.whole.put(rel, data)

    def put_all(self, files: dict) -> None:
        self.files.update(files)
        if self.whole is not None:
            self.whole.put_all(files)

    def put_file(self, rel: str, write, through: bool = False) -> str:
        return put_bytes(self, rel, write)      # serve makes no EPUB and holds its pages: nothing this large comes

    def commit(self) -> Written:
        if self.whole is not None:
            result = self.whole.commit()
        else:
            known = self.kept.files
            # a page reused is the very bytes written last time: they need no comparing; the
            # unchanged stay in the order put (sorting 60,000 paths cost a save at 10,000 texts
            # 0.03 s), and are told from the few changed at C speed
            changed = sorted(rel for rel, data in self.files.items()
                             if (last := known.get(rel)) is not data and last != data)
            new = sum(rel not in known for rel in changed)
            # every path written last time put again (the most common case): nothing to remove, no set made
            removed = sorted(known.keys() - self.files.keys()) if len(self.files) - new < len(known) else []
            unchanged = (list(itertools.filterfalse(set(changed).__contains__, self.files)) if changed
                         else list(self.files))
            result = Written(changed, unchanged, removed)
            for rel in result.changed:
                write_atomic(self.out / rel, self.files[rel])
                stat = (self.out / rel).stat()
                self.kept.listing[rel] = (stat.st_size, stat.st_mtime_ns)
            for rel in result.removed:
                (self.out / rel).unlink(missing_ok=True)
                self.kept.listing.pop(rel, None)
        if self.whole is not None:
            self.kept.listing = _sizes_and_times(self.out)
        self.kept.files = self.files
        return result

    def discard(self) -> None:
        if self.whole is not None:
            self.whole.discard()


class Discard(Sink):
    """`check`: the build runs in full and writes nothing."""

    def put(self, rel: str, data: bytes) -> None:
        pass

    def put_all(self, files: dict) -> None:
        pass

    def put_file(self, rel: str, write, through: bool = False) -> None:
        if through:
            write(_Nowhere())
        # else not even made

    def commit(self) -> Written:
        return Written()

    def discard(self) -> None:
        pass


class Pick(Sink):
    """`epub`: keeps the files whose names end so, writes nothing."""

    def __init__(self, ending: str):
        self.ending, self.files = ending, {}

    def put(self, rel: str, data: bytes) -> None:
        if rel.endswith(self.ending):
            self.files[rel] = data

    def put_file(self, rel: str, write, through: bool = False) -> str:
        return put_bytes(self, rel, write)

    def commit(self) -> Written:
        return Written()

    def discard(self) -> None:
        pass


def site_files(out: Path):
    """Site paths of the files in a written output folder (the marker is not part of the site)."""
    return [rel for rel, _, _ in listing(out) if rel != MARKER]


def _sizes_and_times(out: Path) -> dict:
    return {rel: (size, mtime) for rel, size, mtime in listing(out)}


def _same_file(old: Path, new: Path, hashed: str) -> bool:
    """Whether old holds the bytes of new, whose SHA-256 is hashed (new is not read again)."""
    try:
        return old.stat().st_size == new.stat().st_size and file_sha256(old) == hashed
    except OSError:
        return False


def _holds(path: Path, data: bytes, block: int = 1 << 20) -> bool:
    """Whether the file holds exactly these bytes: its size first, then a block at a time (read
    whole, the old glossary of 10,000 texts was 38 MB more held while the new one was put)."""
    try:
        with open(path, "rb") as old:
            if os.fstat(old.fileno()).st_size != len(data):
                return False
            view = memoryview(data)
            return all(old.read(block) == view[at:at + block] for at in range(0, len(data), block))
    except OSError:
        return False


def _link(source: Path, target: Path) -> bool:
    # A hard link shares the bytes already on disk; the old tree is removed after the swap
    # and the new one keeps them. Not every file system allows it, hence the fallback.
    try:
        os.link(source, target)
        return True
    except OSError:
        return False


def _swap(staging: Path, out: Path) -> None:
    # Another build may swap its own site in at the same moment: whichever renames last wins,
    # and each finds the folder as the other left it (hence the retries).
    for _ in range(5):
        if not out.exists():
            try:
                os.rename(staging, out)
                return
            except OSError as exc:
                if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
                continue
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
        os.rmdir(retired)
        try:
            os.rename(out, retired)
        except FileNotFoundError:
            continue
        try:
            os.rename(staging, out)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
                # another build put its site there in between: the one we retired is older
                shutil.rmtree(retired, ignore_errors=True)
                continue
            os.rename(retired, out)     # put the last good site back
            raise
        shutil.rmtree(retired, ignore_errors=True)
        return
    raise OSError(errno.EBUSY, "another build was writing the site at the same time; build again")


def _clear_leftovers(out: Path) -> None:
    """Remove the staging and retired folders of builds that were killed before they could
    (their process is gone); a running build's are left alone."""
    for folder in out.parent.glob(f".{out.name}.*-*-*"):
        match = re.fullmatch(rf"\.{re.escape(out.name)}\.(?:new|old)-(\d+)-\w+", folder.name)
        if match and folder.is_dir() and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True     # someone else's process: alive
    return True


def _ours(out: Path) -> bool:
    return out.is_dir() and ((out / MARKER).is_file() or not any(out.iterdir()))


class _Nowhere:
    """A file handle that keeps nothing written to it."""

    def write(self, data) -> int:
        return len(data)


def put_bytes(sink, rel: str, write) -> str:
    """put_file() for a sink that keeps bytes (serve's, `epub`'s): the file made in memory."""
    buffer = io.BytesIO()
    write(buffer)
    data = buffer.getvalue()
    sink.put(rel, data)
    return hashlib.sha256(data).hexdigest()
