"""Reading the project's files: the Markdown of a folder, bytes to text, the output's files.

Every reader here refuses what would take the build outside the project (a link to a file
elsewhere) and turns what cannot be read into a problem with the file's name.
"""
from __future__ import annotations

import os
from pathlib import Path

from .layout import inside
from .problems import error


def markdown_files(root: Path, folder: str, problems) -> list:
    """The folder's *.md files (no hidden ones), sorted; links out of the project and folders
    named like Markdown files are problems, not files."""
    files = []
    project = root.resolve()
    # Resolving catches a linked file and a linked folder (content/pages -> elsewhere) alike;
    # the folder is resolved once, and a file only if it is itself a link (2,000 resolves cost
    # more than the rest of an edit's rebuild). The directory entry knows if it is a link.
    folder_inside = inside((root / folder).resolve(), project)
    for path, entry in markdown_entries(root, folder):
        rel = f"{folder}/{path.name}"
        if not (folder_inside and not entry.is_symlink()) and not inside(path.resolve(), project):
            problems.append(error(rel, None, f"is a link to {path.resolve()}, outside the project; "
                                             "copy the file into the project instead"))
            continue
        if entry.is_dir():
            problems.append(error(rel, None, "is a folder, not a Markdown file; rename it "
                                             "(without `.md`) or move it out of " + folder + "/"))
            continue
        files.append(path)
    return files


def markdown_entries(root: Path, folder: str) -> list:
    """[(path, os.DirEntry)] of the folder's *.md, as glob("*.md") finds them (no hidden files)."""
    try:
        entries = [entry for entry in os.scandir(root / folder)
                   if entry.name.endswith(".md") and not entry.name.startswith(".")]
    except OSError:     # no such folder, or not a folder
        return []
    return [(Path(entry.path), entry) for entry in sorted(entries, key=lambda entry: entry.name)]


def read_bytes(path: Path, rel: str, problems) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.append(error(rel, None, f"cannot be read ({exc.strerror}); check its permissions"))
        return None


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
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, rel: str, problems) -> str | None:
    data = read_bytes(path, rel, problems)
    return None if data is None else decode(data, rel, problems)


def plain_read(path: Path, rel: str, parse, problems):
    """parse(text, problems) of a file read now: the `read` a stage gets when nothing is kept."""
    text = read_text(path, rel, problems)
    return None if text is None else parse(text, problems)


def listing(folder: Path) -> list:
    """[(site path, size, modification time)] of every file under a folder, sorted; [] if none.

    Plain os calls and strings: the output of a thousand texts is walked on every build."""
    if not folder.is_dir():
        return []
    found = []
    base = str(folder)
    for here, _, names in os.walk(base):
        prefix = os.path.relpath(here, base).replace(os.sep, "/") + "/" if here != base else ""
        for name in names:
            stat = os.stat(os.path.join(here, name), follow_symlinks=False)
            found.append((prefix + name, stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename over it.

    A full disk or a crash mid-write leaves the old file (or none), never half of the new one;
    the error names the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
