"""Reading the project's files: the Markdown of a folder, bytes to text, the output's files.

Every reader here refuses what would take the build outside the project (a link to a file
elsewhere) and turns what cannot be read into a problem with the file's name.
"""
from __future__ import annotations

import errno
import hashlib
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

from .layout import inside
from .problems import error


@dataclass(frozen=True)
class MarkdownFolder:
    """A folder's *.md entries (no hidden ones) as markdown_folder lists them, each by its name."""
    names: tuple        # every entry, sorted: plain files, and the links and folders refused below
    files: tuple        # the plain files among them, the project's own
    problems: tuple     # what is wrong with the others (a link out of the project, a folder)


def markdown_folder(root: Path, folder: str) -> MarkdownFolder:
    """The folder's *.md entries, sorted; links out of the project and folders named like
    Markdown files are problems, not files. Names, not Path objects: making 4,000 of those cost
    more than the rest of a save's rebuild."""
    try:
        entries = sorted((entry for entry in os.scandir(root / folder)
                          if entry.name.endswith(".md") and not entry.name.startswith(".")),
                         key=lambda entry: entry.name)
    except OSError:     # no such folder, or not a folder
        return MarkdownFolder((), (), ())
    files, problems = [], []
    project = root.resolve()
    # Resolving catches a linked file and a linked folder (content/pages -> elsewhere) alike;
    # the folder is resolved once, and a file only if it is itself a link (2,000 resolves cost
    # more than the rest of an edit's rebuild). The directory entry knows if it is a link.
    folder_inside = inside((root / folder).resolve(), project)
    for entry in entries:
        rel = f"{folder}/{entry.name}"
        if not (folder_inside and not entry.is_symlink()) and not inside(Path(entry.path).resolve(), project):
            problems.append(error(rel, None, f"is a link to {Path(entry.path).resolve()}, outside the project; "
                                             "copy the file into the project instead"))
            continue
        if entry.is_dir():
            problems.append(error(rel, None, "is a folder, not a Markdown file; rename it "
                                             "(without `.md`) or move it out of " + folder + "/"))
            continue
        files.append(entry.name)
    return MarkdownFolder(tuple(entry.name for entry in entries), tuple(files), tuple(problems))


def markdown_files(root: Path, folder: str, problems) -> list:
    """The paths of markdown_folder's plain files; its problems added to problems."""
    listed = markdown_folder(root, folder)
    problems.extend(listed.problems)
    return [root / folder / name for name in listed.files]


def not_plain_file(root: Path, rel: str, folder: str):
    """A problem if the file a command would write (a notes file) is a link or a folder, or lies
    outside its folder; None if it is a plain file there, or none yet. Written through a link,
    it would change another file (a text, README.md, a file outside the project)."""
    path = root / rel
    if path.is_symlink() or path.is_dir() or not inside(path.resolve(), (root / folder).resolve()):
        return error(rel, None, f"is not a file inside {folder}/ (a link or a folder); make it a plain file, "
                                "or remove it")
    return None


def outside_link(root: Path, rel: str):
    """A problem if the file is a link to somewhere outside the project, as the build says it."""
    path = root / rel
    if path.is_symlink() and not inside(path.resolve(), root.resolve()):
        return error(rel, None, f"is a link to {path.resolve()}, outside the project; copy the file into the "
                                "project instead")
    return None


def read_bytes(path, rel: str, problems) -> bytes | None:
    """The file's bytes (path: a Path or a str), or None and a problem at rel."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        problems.append(error(rel, None, unreadable(exc)))
        return None


def unreadable(exc: OSError) -> str:
    """Why a file could not be read, and what to do, by its cause."""
    if exc.errno == errno.ENOENT:
        return "was removed while it was being read; run the command again"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file; rename or remove it"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied); check its permissions"
    return f"cannot be read ({exc.strerror or exc}); check the file"


def decode(data: bytes, rel: str, problems) -> str:
    """UTF-8 text with Unix line ends; odd bytes are a problem on their line (and read on)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(rel, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                         "open it in your editor and save it with UTF-8 encoding"))
        # Read on with the odd bytes replaced: the build stops anyway, and its other checks
        # (notes, terms) then report only real problems, not ones caused by a missing text.
        text = data.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:     # Markdown would show it as �, and a quote across it never matches
        problems.append(error(rel, text.count("\n", 0, text.index("\0")) + 1,
                              "holds a NUL character (\\x00), which no text has: the file may be damaged; "
                              "remove it, or save the file again from your editor"))
    return text


def read_text(path: Path, rel: str, problems) -> str | None:
    data = read_bytes(path, rel, problems)
    return None if data is None else decode(data, rel, problems)


def plain_read(path: Path, rel: str, parse, problems):
    """parse(text, problems) of a file read now: the `read` a stage gets when nothing is kept."""
    text = read_text(path, rel, problems)
    return None if text is None else parse(text, problems)


def listing(folder: Path) -> list:
    """[(site path, size, modification time)] of every file under a folder, sorted; [] if none.

    Plain os calls and strings, each entry stat-ed from its directory entry: the output of a
    thousand texts is walked on every build (as os.walk would: a link to a folder is not entered
    nor listed)."""
    return sorted((rel, stat.st_size, stat.st_mtime_ns) for rel, stat in _files_under(folder))


def listing_record(folder: Path) -> str:
    """One hash of listing()'s entries, in the order the folders list them ("" if none): what the
    no-change check compares with the last build's. Unsorted (a folder that lists its files in
    another order only costs a real build), and hashed as it goes: at 60,000 files the entries
    joined were 6 MB, held again as the last build's JSON when it was written and when it was read."""
    hashed, entries, empty = hashlib.sha256(), _files_under(folder), True
    while batch := [f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n" for rel, stat in itertools.islice(entries, 4096)]:
        hashed.update("".join(batch).encode("utf-8", "surrogateescape"))
        empty = False
    return "" if empty else hashed.hexdigest()


def names_under(folder: Path) -> set:
    """The site paths of listing()'s files, not stat-ed (a set of names, not 60,000 tuples sorted)."""
    return {rel for rel, _ in _files_under(folder, stat=False)}


def _files_under(folder: Path, stat: bool = True):
    """(site path, lstat or None) of every file under a folder, folder by folder; nothing if it is none."""
    todo = [("", str(folder))] if folder.is_dir() else []
    while todo:
        prefix, here = todo.pop()
        try:
            entries = os.scandir(here)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():
                        todo.append((f"{prefix}{entry.name}/", entry.path))
                    continue
                yield prefix + entry.name, entry.stat(follow_symlinks=False) if stat else None


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read a block at a time (a large file is never whole in memory)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def cannot_write(exc: OSError, name: str = "", again: str = "run the command again") -> str:
    """Why a file or folder could not be written, in the editor's words: the real cause (a full
    disk, a read-only disk, permissions, another build), never only the name. Without a name:
    for a problem that names the file itself ("cannot be written: …")."""
    what = f"cannot write {name}" if name else "cannot be written"
    if exc.errno == errno.ENOSPC:
        return f"{what}: the disk is full; free some space and {again}"
    if exc.errno == errno.EDQUOT:
        return f"{what}: your disk quota is used up; free some space and {again}"
    if exc.errno == errno.EROFS:
        return f"{what}: the disk it is on is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{what}: permission denied; check that the folder and the one above it are writable"
    if exc.errno == errno.EBUSY:
        return f"{what}: another build was writing it at the same time; {again}"
    if exc.errno == errno.EISDIR:
        return f"{what}: a folder has that name; rename or remove it"
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return f"{what}: a file stands where a folder should be; move or remove it"
    return f"{what}: {exc.strerror or exc}; check that the folder is writable"


def write_atomic(path: Path, data) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename over it.
    data: the bytes, or a function that writes them to the file it is given (a large file
    streamed, never whole in memory).

    A full disk or a crash mid-write leaves the old file (or none), never half of the new one;
    the error names the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            data(handle) if callable(data) else handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
