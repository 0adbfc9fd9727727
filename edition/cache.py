"""The build cache: what a build may reuse from the last one, decided by content hashes.

Two layers, both keyed by hashes of everything that goes in, never by file times:
- annotate: one entry per text, keyed by (code, settings, text file, its notes, glossary);
- render: the manifest records, for each page of the last written site, the hash of its
  template inputs and of the bytes written; a page whose inputs hash the same is read back
  from the output folder instead of rendered (after checking the bytes are what we wrote).

A third check comes first: if no input file changed at all (same bytes, same settings, same
code) and the output folder is exactly as the last build left it, the build has nothing to do
and stops before loading anything — the editor's most common case.

Everything lives in .edition-cache/ (gitignored); deleting it, or `--clean`, costs only time.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from . import __version__

CACHE_DIR = ".edition-cache"
MANIFEST = "manifest.json"
LAST_BUILD = "last-build.json"
PACKAGE = Path(__file__).resolve().parent


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_version() -> str:
    """A hash of the edition package's source: new code never reuses old results."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    return sha256(path.read_bytes()) if path.is_file() else "-"


def folder_hash(folders) -> str:
    """Hash of every file under the folders (names and bytes), e.g. a theme and its fallback."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(sha256(path.read_bytes()).encode())
    return digest.hexdigest()


INPUTS = ("site.yaml", "content", "seeds", "theme")


def inputs_fingerprint(root: Path, settings: str, code: str) -> str:
    """One hash of every input's name, kind and bytes, the code, and the effective settings."""
    digest = hashlib.sha256((code + "\0" + settings).encode())
    for name in INPUTS:
        base = root / name
        paths = [base] if base.is_file() else sorted(base.rglob("*")) if base.is_dir() else []
        for path in paths:
            # Folders and links count too: a folder named like a text is a problem to report.
            kind = b"L" if path.is_symlink() else b"F" if path.is_file() else b"D"
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + kind)
            if kind != b"D":
                try:
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
                except OSError:
                    return ""     # unreadable: let the real build say what is wrong
    return digest.hexdigest()


def output_listing(out: Path) -> list:
    """Every file of the output folder with its size and modification time."""
    if not out.is_dir():
        return []
    listing = []
    for folder, _, names in os.walk(out):
        for name in names:
            path = Path(folder, name)
            stat = path.stat()
            listing.append([path.relative_to(out).as_posix(), stat.st_size, stat.st_mtime_ns])
    return sorted(listing)


class Cache:
    """Lookups and records for one build. A disabled cache finds nothing and saves nothing."""

    def __init__(self, root: Path, out: Path, enabled: bool = True):
        self.root, self.out, self.enabled = root, out, enabled
        self.folder = root / CACHE_DIR
        self.code = code_version()
        self.previous = self._read_manifest() if enabled else {}
        self.pages: dict = {}          # site path -> {"key", "sha256"} for this build
        self.used_annotations: set = set()
        self.fingerprint = ""
        self.last = self._read_last() if enabled else {}

    # --- the whole build ------------------------------------------------------------------

    def unchanged_since_last_build(self, fingerprint: str):
        """The last build's problems (as text) if it saw exactly these inputs and its output is
        untouched; None when the build has work to do."""
        self.fingerprint = fingerprint
        last = self.last
        if not self.enabled or not fingerprint or last.get("fingerprint") != fingerprint:
            return None
        if last.get("output") != output_listing(self.out):
            return None
        return last.get("problems", [])

    # --- annotate -------------------------------------------------------------------------

    def text_key(self, *parts) -> str:
        return sha256("\0".join([self.code, *map(str, parts)]).encode())

    def annotation(self, key: str):
        self.used_annotations.add(key)
        if not self.enabled:
            return None
        try:
            # Our own folder, written by this same code version (the key says so).
            return pickle.loads((self.folder / "annotate" / f"{key}.pickle").read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None

    def keep_annotation(self, key: str, result) -> None:
        if not self.enabled:
            return
        try:
            _write_atomic(self.folder / "annotate" / f"{key}.pickle", pickle.dumps(result, protocol=5))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass    # a cache that cannot be written only makes the next build slower

    # --- render ---------------------------------------------------------------------------

    def page_key(self, *parts) -> str:
        digest = hashlib.sha256(self.code.encode())
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def rendered(self, path: str, key: str) -> bytes | None:
        """The page as last written, if its inputs are unchanged and nobody touched the file."""
        entry = self.previous.get(path)
        if not self.enabled or not entry or entry.get("key") != key:
            return None
        try:
            data = (self.out / path).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == entry.get("sha256") else None

    def record(self, path: str, key: str, data: bytes) -> None:
        self.pages[path] = {"key": key, "sha256": sha256(data)}

    # --- after a successful write ---------------------------------------------------------

    def save(self, files: dict, problems=()) -> None:
        """Record the site just written, and drop annotations no text uses any more."""
        if not self.enabled:
            return
        try:
            _write_atomic(self.folder / LAST_BUILD, json.dumps({
                "fingerprint": self.fingerprint, "output": output_listing(self.out),
                "problems": [str(p) for p in problems]}).encode())
        except OSError:
            pass
        pages = {p: self.pages.get(p) or {"key": "", "sha256": sha256(d)} for p, d in sorted(files.items())}
        try:
            _write_atomic(self.folder / MANIFEST,
                          json.dumps({"code": self.code, "pages": pages}, indent=1, sort_keys=True).encode())
            folder = self.folder / "annotate"
            for entry in folder.glob("*.pickle") if folder.is_dir() else ():
                if entry.stem not in self.used_annotations:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass    # as above: the site is written; only the next build's speed is at stake

    def _read_last(self) -> dict:
        try:
            data = json.loads((self.folder / LAST_BUILD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _read_manifest(self) -> dict:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("pages"), dict):
            return {}
        return data["pages"]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
