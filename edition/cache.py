"""The build cache: what a build may reuse from the last one, decided by content hashes.

Two layers, both keyed by hashes of everything that goes in, never by file times:
- annotate: one entry per text, keyed by (code, settings, text file, its notes, glossary);
- render: the manifest records, for each page of the last written site, the hash of its
  template inputs and of the bytes written; a page whose inputs hash the same is read back
  from the output folder instead of rendered (after checking the bytes are what we wrote).

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


class Cache:
    """Lookups and records for one build. A disabled cache finds nothing and saves nothing."""

    def __init__(self, root: Path, out: Path, enabled: bool = True):
        self.root, self.out, self.enabled = root, out, enabled
        self.folder = root / CACHE_DIR
        self.code = code_version()
        self.previous = self._read_manifest() if enabled else {}
        self.pages: dict = {}          # site path -> {"key", "sha256"} for this build
        self.used_annotations: set = set()

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

    def save(self, files: dict) -> None:
        """Record the site just written, and drop annotations no text uses any more."""
        if not self.enabled:
            return
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
